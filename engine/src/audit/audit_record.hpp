// The auditor's view of a build: every rule applied with its inputs and the checks run on
// its result, the omissions and whether GRI allows them, coverage, and what to sample
// first. Built once from the DisclosureSet; the audit trail (JSON) and the mapping report
// (XLSX, PDF) are renderings of this record and compute nothing of their own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "griexport/disclosure.hpp"
#include "griexport/evaluate.hpp"

namespace griexport::audit {

// A place in an input, named by the input's path as the manifest lists it (relative to
// the organisation folder, or to the data directory for gri-mappings/, templates/, fonts/).
struct Place {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string cell{};  // "Mätvärden!C7" for a spreadsheet input
    std::string text() const;
};

// A check run on a figure or one of its inputs, and its outcome.
struct Check {
    std::string name;  // cross-footing, unit-conversion, rounding, definition, model, target-path
    std::string outcome;  // ok, warning, error, applied, on-path, behind-path, achieved
    std::string detail;
};

struct FactView {
    std::size_t index = 0;            // into DisclosureSet::facts
    std::string requirement;          // "305-5-a", "305-5 (context)"
    std::vector<Place> input_places;  // parallel to the fact's provenance inputs
    std::vector<Check> checks;
};

struct RuleRunView {
    const RuleApplication* application = nullptr;
    const Rule* rule = nullptr;
    const DisclosureEntry* entry = nullptr;
    std::string origin;  // default, organisation, override
    Place place;
    std::optional<Place> replaced;   // the default an override replaced
    std::vector<std::size_t> facts;  // into AuditRecord::facts
};

struct OmissionView {
    const Omission* omission = nullptr;
    std::string requirement;  // "305-5-a" or "305-4"
    bool reason_known = false;
    bool may_omit = false;  // GRI 1 allows omitting this disclosure at all
    Place place;
};

// An input an auditor samples first: preliminary, or without evidence.
struct SampleItem {
    std::string why;  // preliminary, no-evidence
    const ProvenanceInput* input = nullptr;
    Place place;
    std::vector<std::string> feeds;  // "305-5 (context) emissions.305-5-context"
};

struct AuditRecord {
    std::vector<RuleRunView> runs;
    std::vector<FactView> facts;
    std::vector<OmissionView> omissions;
    std::vector<const Goal*> unmapped_goals;
    std::vector<const Indicator*> unmapped_indicators;
    std::vector<SampleItem> sample_first;
};

// The checks' outcomes come from the checks' own records (Dataset::checks, provenance step
// kinds), never from diagnostics or expression text: a capped diagnostic cannot hide one.
AuditRecord build_audit_record(const Dataset& ds, const Mappings& m, const DisclosureSet& set);

Place place_of(const Dataset& ds, const SourceRef& r);

// "305-5-a", "305-5" for a whole-disclosure fact, "305-5 (context)".
std::string requirement_name(const Fact& f);

}  // namespace griexport::audit
