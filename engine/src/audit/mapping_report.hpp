// The mapping report's content, once: a table per part (rules applied, inputs, checks,
// omissions, coverage, claim blockers, programme items feeding nothing, sample first).
// The XLSX writes each part as a sheet, the PDF as a section; neither decides content.
#pragma once

#include <string>
#include <vector>

#include "griexport/disclosure.hpp"
#include "griexport/evaluate.hpp"
#include "griexport/render.hpp"

namespace griexport::audit {

struct ReportCell {
    std::string text;
    bool number = false;    // an exact decimal in the C locale: a numeric cell in Excel
    bool quantity = false;  // a reported amount: formatted for the reader's language in the PDF
};

struct ReportPart {
    std::string id;     // "rules", "inputs", …: the labels' key is report.part.<id>
    std::string title;  // in the labels' language
    std::string intro;  // what the part shows and how to read it
    std::vector<std::string> headers;
    std::vector<double> widths;  // Excel column widths; relative widths in the PDF
    std::vector<std::vector<ReportCell>> rows;
};

std::vector<ReportPart> mapping_report_parts(const Dataset& ds, const Mappings& m,
                                             const DisclosureSet& set, const Labels& labels);

}  // namespace griexport::audit
