// The PDF GRI supplement: cover, statement of use, GRI content index, one section per
// reported disclosure, climate accounts with a chart, goals and indicators with targets
// and progress, definitions and restatements, omissions. PDF/A-1b, one language per
// document, byte-for-byte reproducible.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "griexport/diagnostics.hpp"
#include "griexport/disclosure.hpp"
#include "griexport/evaluate.hpp"
#include "griexport/render.hpp"

namespace griexport {

struct SupplementOptions {
    std::filesystem::path data_dir;  // holds templates/ and fonts/
    // The document date: SOURCE_DATE_EPOCH when set, else the reporting period's last day.
    std::optional<std::int64_t> source_date_epoch;
    // The first page's number, instead of organisation.xml's <annual-report first-page>
    // (build --annual-report: the page after the annual report's last).
    std::optional<int> first_page{};
};

// The supplement in the labels' language, or "" after reporting errors. Every template,
// font and colour profile read is added to `inputs`.
std::string supplement_pdf(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                           const Labels& labels, const SupplementOptions& options,
                           std::vector<SourceFile>& inputs, Diagnostics& diags);

namespace xbrl {
struct InstanceRecord;
}

// The supplement as Inline XBRL 1.1 XHTML in the labels' language: the PDF's content, each
// fact of `gri` (default target) and `programme` (target "programme") tagged where it is
// shown and hidden where it is not, every shown figure linked to its provenance. `found`:
// the build's diagnostics, shown under the source rows they were raised at.
std::string supplement_xhtml(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                             const Labels& labels, const SupplementOptions& options,
                             const xbrl::InstanceRecord& gri, const xbrl::InstanceRecord& programme,
                             const Diagnostics* found, std::vector<SourceFile>& inputs,
                             Diagnostics& diags);
// The same written to `write` in pieces as it is made; false (nothing written) when the
// template or style sheet cannot be read.
bool supplement_xhtml(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                      const Labels& labels, const SupplementOptions& options,
                      const xbrl::InstanceRecord& gri, const xbrl::InstanceRecord& programme,
                      const Diagnostics* found, std::vector<SourceFile>& inputs, Diagnostics& diags,
                      const std::function<void(std::string_view)>& write);

}  // namespace griexport
