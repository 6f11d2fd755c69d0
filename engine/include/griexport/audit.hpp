// The auditor's outputs: the audit trail (audit-trail.json, its schema in docs/audit.md)
// and the mapping report (mapping-report.xlsx, mapping-report.LANG.pdf). Both render one
// record built from the DisclosureSet: every rule applied, its inputs and checks, the
// omissions, coverage per requirement, and the inputs to sample first.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "griexport/disclosure.hpp"
#include "griexport/evaluate.hpp"
#include "griexport/load.hpp"
#include "griexport/render.hpp"
#include "griexport/supplement.hpp"

namespace griexport {

// The checks' outcomes are the checks' own records (Dataset::checks), not diagnostics.
std::string audit_trail_json(const Dataset& ds, const Mappings& m, const DisclosureSet& set);

// One sheet per part, frozen header rows and an autofilter on each; `created` dates it.
std::string mapping_report_xlsx(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                                const Labels& labels, std::int64_t created, Diagnostics& diags);

// The same content as a landscape PDF/A document in the labels' language.
std::string mapping_report_pdf(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                               const Labels& labels, const SupplementOptions& options,
                               std::vector<SourceFile>& inputs, Diagnostics& diags);

// `griexport verify OUT [ORG]`: every output against the sha256 manifest.json records, no
// file the manifest does not list; with `organisation`, every input against its sha256 and
// a rebuild (same engine version, options and SOURCE_DATE_EPOCH) against every output,
// byte for byte. Each difference is an error naming the file (verify.* codes).
Diagnostics verify_outputs(const std::filesystem::path& out,
                           const std::filesystem::path* organisation, const LoadOptions& load);

// `griexport diff OLD NEW`: what changed between two organisation folders (last year's
// and this year's, or two drafts), compared as evaluated.
struct Change {
    std::string kind;  // claim, disclosure, mapping, rule, indicator, definition, target,
                       // calculation-model, figure, narrative, value
    std::string what;  // "305-5-a (emissions) 2021", "3.11 version 2"
    std::string before;
    std::string after;
    std::string location;  // in NEW, when the change has one
};
struct Comparison {
    std::vector<Change> changes;
    Diagnostics diagnostics;  // diff.silent-restatement, or either folder's errors
    bool failed = false;      // a folder did not load or evaluate: nothing was compared
};
Comparison compare_organisations(const std::filesystem::path& old_folder,
                                 const std::filesystem::path& new_folder, const LoadOptions& load);
std::string comparison_text(const Comparison& c);
std::string comparison_json(const Comparison& c);

}  // namespace griexport
