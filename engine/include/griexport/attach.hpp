// `griexport attach`: the GRI supplement of a finished build appended to the annual report
// (årsredovisning) as one PDF, with continuous page labels, the annual report's bookmarks
// and the supplement's under one entry, the content index's locations linked, and the
// XBRL instances and manifest embedded as attached files. The annual report is read with
// qpdf; it may come from any program.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "griexport/diagnostics.hpp"

namespace griexport {

struct AttachOptions {
    std::filesystem::path annual_report;  // the annual report as a PDF
    std::filesystem::path out;            // a folder written by build
    std::filesystem::path merged;         // the PDF to write
    std::string lang;                     // the supplement's language; empty: the first built
};

// Writes `merged` in one rename, or nothing after an error (attach.* codes).
Diagnostics attach_supplement(const AttachOptions& options);

// The number the page after the annual report's last one carries (its page labels, else
// its page count + 1), or nullopt after reporting why the file cannot be read.
std::optional<int> page_after_annual_report(const std::filesystem::path& annual_report,
                                            Diagnostics& diags);

// A file carried inside the merged PDF.
struct Attachment {
    std::string name;  // "gri-instance.xbrl"
    std::string mime;  // "application/xml"
    std::string description;
    std::string bytes;
};

// The annual report with the supplement's pages appended (see attach); "" after an error.
std::string merge_with_annual_report(const std::filesystem::path& annual_report,
                                     const std::string& supplement_name,
                                     const std::string& supplement,
                                     const std::vector<Attachment>& attachments,
                                     Diagnostics& diags);

}  // namespace griexport
