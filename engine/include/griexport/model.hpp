// The Dataset: everything loaded from an organisation's folder, immutable once loaded.
// Every record keeps its source location so that an auditor can follow a figure back to
// the row it came from.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "griexport/date.hpp"
#include "griexport/decimal.hpp"
#include "griexport/diagnostics.hpp"
#include "griexport/units.hpp"

namespace griexport {

// The years an observation, a Kolada period or a rule's year= may name.
inline constexpr int min_year = 1900;
inline constexpr int max_year = 2200;

// Where a record came from: an index into Dataset::sources plus line and column.
// A map from strings found by string_view, without making a string per lookup.
struct StringViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, StringViewHash, std::equal_to<>>;

struct SourceRef {
    std::uint32_t file = 0;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

struct SourceFile {
    std::string path;          // relative to the organisation folder or the data directory
    std::string sha256;        // of the bytes read
    std::string display_path;  // as diagnostics print it
    std::string sheet{};       // an .xlsx input's sheet: its rows are cells of it
};

// Text in both report languages. Either may be empty where the input gives none.
struct LocalText {
    std::string sv;
    std::string en;
    const std::string& in(std::string_view lang) const { return lang == "en" ? en : sv; }
};

enum class Claim { in_accordance, with_reference };

// A page range in the årsredovisning where a disclosure lives.
struct AnnualReportReference {
    std::string disclosure;  // "2-1"
    std::string pages;       // "99–101"
    SourceRef source;
    // The requirements found there ("abc"); empty: the whole disclosure, since a page
    // reference is the content index's unit.
    std::string covers{};
};

// A topic the organisation has determined material (GRI 3-2), with the goals that track it.
struct MaterialTopic {
    std::string id;  // a topic of the catalogue: "emissions"
    std::vector<std::string> goals;
    SourceRef source;
};

struct Organisation {
    LocalText name;
    // What kind of body reports: "region", "municipality", "company" or "other"
    // (<organisation kind="…">); the wording of templates and 2-1's defaults follow it.
    std::string kind = "other";
    LocalText legal_form;             // 2-1-b; a region's or municipality's follows from kind
    LocalText seat;                   // 2-1-c
    LocalText countries;              // 2-1-d; Sweden for a region or municipality
    std::string organisation_number;  // Swedish organisationsnummer, "232100-0180"
    std::optional<std::string> lei;
    std::optional<std::string> kolada_municipality;  // "0020"
    DateRange reporting_period;                      // both ends set
    int base_year = 0;
    std::vector<std::string> languages;  // "sv", "en"; first is the default
    Claim claim_sought = Claim::in_accordance;
    SourceRef claim_source;
    std::optional<int> annual_report_first_page;
    std::vector<AnnualReportReference> annual_report_references;
    LocalText contact;
    std::string sector;  // "GRI 11": the Sector Standard that applies, or empty
    SourceRef sector_source;
    std::vector<MaterialTopic> material_topics;
    bool material_topics_determined = false;    // <material-topics> present
    bool principles_applied = false;            // GRI 1 requirement 1, as the organisation states
    std::optional<Date> gri_notified;           // GRI 1 requirement 9
    std::optional<Date> publication_date;       // <publication date="…"/>
    SourceRef publication_source;               // <publication>, or the root when absent
    bool sample = false;                        // <organisation sample="true">: illustrative
    SourceRef gri_1_source;                     // <gri-1>, or the root when absent
    std::map<std::string, std::string> sheets;  // .xlsx input → the sheet to read
    SourceRef source;
};

struct ProgrammeArea {
    std::string id;
    LocalText title;
    SourceRef source;
};

// A delmål.
struct Goal {
    std::string id;  // "3.4"
    std::string area;
    LocalText title;
    SourceRef source;
};

enum class IndicatorKind { outcome, prerequisite };

struct DefinitionVersion {
    std::string version;  // "1", "2"
    LocalText text;
    DateRange validity;
    std::string decision;  // reference to the decision that set it
    SourceRef source;
};

enum class TargetComparison { at_least, at_most, equal };

// A target value. Targets change over time: `set_in` says when this one was decided.
// A relative target states a percent change against a base year instead of a level.
struct Target {
    int year = 0;    // the year it applies to
    int set_in = 0;  // the year it was set
    TargetComparison comparison = TargetComparison::at_least;
    Quantity value;
    std::optional<int> relative_to_year;  // set for "−75 % against 2018"
    std::string decision;
    SourceRef source;
};

// A nyckeltal.
struct Indicator {
    std::string id;  // "3.11"
    std::string goal;
    LocalText name;
    UnitId unit = no_unit;
    int precision = 0;  // decimals reported
    IndicatorKind kind = IndicatorKind::outcome;
    std::string owner;
    std::string data_source;
    std::optional<std::string> kolada_kpi;
    std::vector<DefinitionVersion> definitions;  // sorted by validity
    std::vector<Target> targets;
    SourceRef source;

    // The definition in force on a date, if any.
    const DefinitionVersion* definition_on(const Date& d) const;
};

// A restatement entry (GRI 2-4): a change of definition or calculation model explained.
struct Restatement {
    std::string id;
    std::string indicator;  // empty for a calculation-model change
    std::string from_version;
    std::string to_version;
    int effective_year = 0;
    LocalText reason;
    LocalText effect;
    SourceRef source;
};

// Calculation models of the climate accounts (the region's own, then SKR's).
struct CalculationModel {
    std::string id;
    LocalText name;
    DateRange validity;
    SourceRef source;
};

// An action's estimated effect on emissions in one year: what GRI 305-5 counts as
// "reduced as a direct result of reduction initiatives".
struct EmissionReduction {
    int year = 0;
    Quantity value;                   // positive: emissions avoided
    std::vector<std::string> scopes;  // "1", "2", "3"
    std::string method;               // how it was estimated
    SourceRef source;
};

// An åtgärd.
struct Action {
    std::string id;
    std::vector<std::string> goals;
    LocalText text;
    SourceRef source;
    std::vector<EmissionReduction> reductions{};
};

// Dimensions an observation may carry. Values are interned in Dataset::dimension_values;
// 0 means "not given".
enum class Dimension : std::uint8_t { area, category, scope, gender, administration };
inline constexpr std::size_t dimension_count = 5;
const char* to_string(Dimension d);
std::optional<Dimension> dimension_from_string(std::string_view s);

using DimensionValueId = std::uint32_t;
using ObservationTextId = std::uint32_t;  // index into Dataset::observation_texts
using Dimensions = std::array<DimensionValueId, dimension_count>;

// One byte: it sits in each of a million observations beside a 2-byte unit.
enum class ObservationStatus : std::uint8_t { preliminary, final_ };

struct Observation {
    std::uint32_t indicator = 0;  // index into Dataset::indicators
    int year = 0;
    Dimensions dimensions{};
    Quantity value;
    ObservationStatus status = ObservationStatus::final_;
    // The unit the row was written in when it was converted into the indicator's unit
    // ("kWh" for an MWh indicator), so explain can show the row as written.
    UnitId written_unit = no_unit;
    // A value restated under a later definition version (the observations column
    // restated_as): used to compare with years under that version, never as the year's own.
    DimensionValueId restated_as = 0;
    // Who or what reported it, the reference to its evidence, its uncertainty: ids of
    // Dataset::observation_texts, since a million rows repeat a few such texts (as strings
    // of their own they were half the observations' memory).
    ObservationTextId source = 0;
    ObservationTextId evidence = 0;
    ObservationTextId uncertainty = 0;
    SourceRef origin;
};

// A check run on an input row, and its outcome.
enum class CheckKind : std::uint8_t {
    cross_footing,  // a climate-accounts total or change against its parts or years
};
enum class CheckOutcome : std::uint8_t { ok, warning, error };
struct CheckResult {
    CheckKind kind = CheckKind::cross_footing;
    SourceRef subject;  // the row checked
    CheckOutcome outcome = CheckOutcome::ok;
    std::string detail;
};

// A line of the climate accounts (klimatbokslut).
enum class ClimateRole { part, total, separate, change };

struct ClimatePost {
    std::string id;
    LocalText name;
    ClimateRole role = ClimateRole::part;  // part of the total, the total, or reported apart
    SourceRef source;
};

struct ClimateEntry {
    std::string post;
    int year = 0;
    ClimateRole role = ClimateRole::part;  // `change` rows state a published change
    std::optional<int> compared_with;      // for change rows: the earlier year
    Quantity value;
    std::string model;  // calculation model id
    std::string source;
    SourceRef origin;
};

struct Narrative {
    std::string disclosure;  // "2-1"
    std::string topic;       // for 3-3: the material topic it is about, or empty
    LocalText text;
    SourceRef source;
    // The requirements the text reports, as the organisation declares them ("abc"); "*"
    // for all. Empty: none is counted as reported, so a text never silently stands in
    // for requirements it does not address.
    std::string covers{};
};

struct Dataset {
    std::vector<SourceFile> sources;
    UnitRegistry units;
    Organisation organisation;
    std::vector<ProgrammeArea> areas;
    std::vector<Goal> goals;
    std::vector<Indicator> indicators;
    std::vector<Restatement> restatements;
    std::vector<CalculationModel> calculation_models;
    std::vector<Action> actions;
    std::string climate_indicator;  // the indicator the climate accounts feed
    SourceRef climate_indicator_source;
    // programme.xml <intensity>: what intensity ratios divide by, and energy consumed.
    std::string denominator_indicator;
    SourceRef denominator_source;
    std::string energy_indicator;
    SourceRef energy_source;
    // The indicator an expression's name stands for (climate, denominator, energy): its
    // id (empty when the programme declares none), or nullptr for no such name.
    const Restatement* find_restatement(std::string_view id) const;
    // The restatements of an indicator ("" for changes of calculation model), in file
    // order, as indices into `restatements`.
    const std::vector<std::uint32_t>& restatements_of(std::string_view indicator) const;
    const std::string* named_indicator(std::string_view name) const {
        if (name == "climate") return &climate_indicator;
        if (name == "denominator") return &denominator_indicator;
        if (name == "energy") return &energy_indicator;
        return nullptr;
    }
    std::vector<ClimatePost> climate_posts;
    std::vector<ClimateEntry> climate_entries;
    // What the load-time checks found, one record per check run, as the check itself
    // decided it: the audit trail and the mapping report read these, never diagnostics.
    std::vector<CheckResult> checks;
    std::vector<Observation> observations;
    std::vector<Narrative> narratives;
    std::vector<std::string> dimension_values;                  // [0] is "" (not given)
    std::vector<std::string> observation_texts{std::string()};  // [0] is "" (not given)

    const Indicator* find_indicator(std::string_view id) const;
    std::optional<std::uint32_t> indicator_index(std::string_view id) const;
    const Goal* find_goal(std::string_view id) const;
    // The narrative for a disclosure (and topic, falling back to the topic-less one).
    const Narrative* find_narrative(std::string_view disclosure, std::string_view topic) const;
    Location location(const SourceRef& r) const;
    const std::string& dimension_value(DimensionValueId id) const {
        return dimension_values.at(id);
    }
    const std::string& observation_text(ObservationTextId id) const {
        return observation_texts.at(id);
    }
    // Builds the lookup indices; called by the loader once the vectors are filled.
    void index();

  private:
    template <class V>
    using ById = StringMap<V>;
    ById<std::uint32_t> indicator_by_id_;
    ById<std::uint32_t> goal_by_id_;
    ById<std::uint32_t> restatement_by_id_;
    // Per indicator: every lookup by indicator would otherwise scan all restatements, which
    // grow with the indicators.
    ById<std::vector<std::uint32_t>> restatements_by_indicator_;
};

}  // namespace griexport
