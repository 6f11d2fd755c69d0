// The DisclosureSet: what the rules made of the programme. Every disclosure in scope with
// its status, facts, omissions, locations and provenance, plus the claim GRI 1 allows.
// Renderers (content index, PDF, XBRL, audit trail) read it; none of them holds rule logic.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "griexport/catalogue.hpp"
#include "griexport/model.hpp"
#include "griexport/rules.hpp"

namespace griexport {

enum class DisclosureStatus { reported, omitted, not_reported, not_material };
const char* to_string(DisclosureStatus s);

// A source row a figure was computed from.
struct ProvenanceInput {
    std::string indicator;  // "3.1"
    int year = 0;
    std::string dimensions;  // "area=fastigheter", empty for the total
    Quantity value;
    std::string definition_version;  // in force for that year, or empty
    std::string calculation_model;   // for climate-accounts rows
    SourceRef source;
    std::string action{};  // set instead of indicator for an action's estimated reduction
    std::string method{};  // how that reduction was estimated
    ObservationStatus status = ObservationStatus::final_;
    std::string origin{};               // who or what reported the value
    std::string evidence{};             // the reference to its evidence, empty when none is given
    std::optional<Quantity> written{};  // the value as the row wrote it, when converted
};

// One evaluated sub-expression: "value(climate, year=base)" = "17860 t CO2e".
// What a step did, as the evaluator knows it: never read back from the expression's text,
// which is the user's own ("convert (x, …)" converts as "convert(x, …)" does).
enum class StepKind : std::uint8_t {
    call,     // a function of the rule language
    convert,  // convert(): a unit conversion by units.xml
    round,    // the rule's result rounded half-even to its precision
};

struct ProvenanceStep {
    std::string expression;
    std::string value;
    StepKind kind = StepKind::call;
};

struct Provenance {
    std::string rule;
    SourceRef rule_source;
    std::string expression;
    SourceRef expression_source;
    std::vector<ProvenanceStep> steps;
    std::vector<ProvenanceInput> inputs;
    SourceRef narrative_source;  // for text facts
};

enum class FactKind { numeric, text };

struct Fact {
    std::string disclosure;
    std::string topic;  // for 3-3
    char requirement = 0;
    std::string concept_name;  // taxonomy concept, empty when the catalogue names none
    std::string item_type;
    std::string period_type;  // "duration" or "instant"
    FactKind kind = FactKind::numeric;
    Quantity value;
    int precision = 0;  // decimals; becomes XBRL @decimals
    LocalText text;
    LocalText label;
    int year = 0;
    std::string esrs;
    Provenance provenance;
    // A figure shown beside the disclosure to explain it; it reports no requirement and
    // is not tagged in XBRL.
    bool context = false;
    // When the figure compares years under different definitions or calculation models:
    // what changed (language-neutral ids, "3.1: model RD-2018 (2018) → SKR-2022 (2021)")
    // and the restatement entry that explains it, if any.
    std::string across{};
    std::string across_restatement{};
    Fit fit = Fit::full;   // partial and proxy facts carry no GRI concept
    std::string covers{};  // text facts: the requirements the narrative declares ("*": all)
    // Text facts: the text block of each covered requirement GRI has one for (concept_name
    // is the first); the GRI instance holds the text once under each.
    std::vector<std::string> text_concepts{};
};

struct Omission {
    std::string disclosure;
    std::string topic;
    char requirement = 0;  // 0: the whole disclosure
    std::string reason;
    LocalText explanation;
    std::string rule;
    SourceRef source;
    bool fallback = false;  // stated because the rule's inputs were missing
    Fit fit = Fit::full;    // stated because the rule's value is partial or a proxy
};

// "305-5-a" for a requirement, "305-5" for the whole disclosure (requirement 0).
std::string requirement_label(std::string_view disclosure, char requirement);

// What reports one requirement of a disclosure in scope, in order of precedence.
enum class CoverageKind { fact, narrative, annual_report, omission, none };
const char* to_string(CoverageKind k);

struct RequirementCoverage {
    char requirement = 'a';
    CoverageKind by = CoverageKind::none;
    std::size_t index = 0;  // into DisclosureSet::facts or ::omissions, for those kinds
};

struct DisclosureEntry {
    std::string number;  // "305-5"
    std::string topic;   // set for 3-3 and for topic-standard disclosures
    std::string standard;
    DisclosureStatus status = DisclosureStatus::not_reported;
    std::vector<std::size_t> facts;                // indices into DisclosureSet::facts
    std::vector<std::size_t> omissions;            // indices into DisclosureSet::omissions
    std::vector<std::string> annual_report_pages;  // "4–5"
    bool in_supplement = false;                    // has a section in the supplement
    std::vector<std::string> goals;                // the organisation's delmål ids
    std::vector<std::string> indicators;           // and nyckeltal ids
    // One entry per requirement of the disclosure, in the catalogue's order. The claim,
    // the content index, the mapping report and diff read this; none recomputes it.
    std::vector<RequirementCoverage> coverage;

    // Requirements with neither a fact, a narrative declaring them, a page reference nor
    // an omission, as "305-5-b".
    std::vector<std::string> uncovered() const;
    // Reported, with some requirement neither reported nor omitted.
    bool partly_reported() const;
};

struct MaterialTopicEntry {
    std::string id;
    LocalText title;
    std::vector<std::string> standards;  // in force for the period
    std::vector<std::string> goals;
};

// Where an indicator stands against its target, on the straight path from its baseline.
// Where an indicator stands against its target (docs/rules.md, Targets and progress):
// achieved (the comparison holds), on the straight path or behind it while on the way,
// or not met where no way is left to go (a target the baseline already met, now broken;
// an exact target passed).
enum class ProgressStatus { achieved, on_path, behind, not_met };
const char* to_string(ProgressStatus s);  // "achieved", "on-path", "behind-path", "not-met"

struct TargetProgress {
    std::string indicator;
    int baseline_year = 0;
    Quantity baseline;
    int current_year = 0;
    Quantity current;
    int target_year = 0;
    int target_set_in = 0;
    Quantity target_level;                   // in the indicator's unit
    std::optional<Decimal> relative_target;  // −75 (%) for relative targets
    Quantity path_level;                     // the straight path's value for current_year
    Decimal path_change_percent;             // the path's value against the baseline, %
    Decimal change_percent;                  // current against baseline, %
    // % of the way from baseline to target; none when the baseline already met the target
    // (a ceiling above it, a floor below it): there was no way to go.
    std::optional<Decimal> share_of_way;
    ProgressStatus status = ProgressStatus::behind;
    bool on_path = false;   // achieved or on the path
    bool achieved = false;  // status == achieved
    // The baseline's and the year's definition versions when they differ (a comparison
    // across a definition change), the restatement entry that explains the change, and
    // whether a value restated under the year's version stood in for the baseline.
    std::string baseline_definition{};
    std::string current_definition{};
    std::string restatement{};  // its id, or empty when programme.xml records none
    bool restated_baseline = false;
    SourceRef baseline_source{};  // the row the baseline value comes from
    SourceRef target_source;
};

struct ClaimBlocker {
    int requirement = 0;  // GRI 1 requirement number, 1–9
    LocalText title;
    std::vector<std::string> disclosures;  // those that fail it, if any
};

// One rule applied to one disclosure in scope, and what came of it: the mapping report
// lists these, an auditor ticks them off.
enum class RuleResult { value, narrative, omission, fallback_omission, no_data, failed, no_text };
const char* to_string(RuleResult r);

struct RuleApplication {
    std::string rule;
    std::size_t entry = 0;  // into DisclosureSet::disclosures
    RuleResult result = RuleResult::no_data;
    std::vector<std::size_t> facts;
    std::vector<std::size_t> omissions;
    std::string missing{};  // what the inputs lacked, for fallbacks and no_data
};

struct DisclosureSet {
    // A draft until GRI is notified and the publication date is known: every document
    // says so.
    bool draft = true;
    Claim sought = Claim::in_accordance;
    Claim claim = Claim::with_reference;
    std::vector<ClaimBlocker> blockers;
    LocalText statement_of_use;
    std::vector<std::string> standards_used;  // "GRI 2", "GRI 305", …
    std::vector<MaterialTopicEntry> topics;
    std::vector<DisclosureEntry> disclosures;  // in content-index order
    std::vector<Fact> facts;
    std::vector<Omission> omissions;
    std::vector<TargetProgress> progress;
    std::vector<RuleApplication> applications;  // in evaluation order

    const DisclosureEntry* find(std::string_view number, std::string_view topic = {}) const;
};

}  // namespace griexport
