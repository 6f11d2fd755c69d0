// `griexport attach`: the GRI supplement of a finished build appended to the annual report
// (årsredovisning) as one PDF, with continuous page labels, the annual report's bookmarks
// and the supplement's under one entry, the content index's locations linked, and the
// XBRL instances and manifest embedded as attached files. The annual report is read with
// qpdf; it may come from any program.
#pragma once

#include <filesystem>
#include <string>

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

}  // namespace griexport
