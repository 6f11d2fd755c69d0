// mapping-report.xlsx: a sheet per part, for the auditor to filter and tick off. The part's
// introduction above a frozen header row with an autofilter; exact decimals as numeric
// cells showing every decimal they have, so that sums in Excel work on what was reported.
#include <fmt/format.h>
#include <xlsxwriter.h>

#include <charconv>
#include <map>

#include "../render/workbook/workbook_file.hpp"
#include "griexport/audit.hpp"
#include "mapping_report.hpp"

namespace griexport {

namespace {

// Digits after the point of a C-locale decimal ("17860.5" → 1).
int decimals_of(const std::string& s) {
    auto dot = s.find('.');
    return dot == std::string::npos ? 0 : static_cast<int>(s.size() - dot - 1);
}

// A double from a C-locale decimal, whatever the process locale. Excel holds numbers as
// doubles: exact for the up to 15 significant digits of a reported figure; longer ones
// stay text, so no cell shows a value that was not reported.
bool parse_c_locale(const std::string& s, double& out) {
    std::size_t digits = 0;
    for (char c : s) digits += c >= '0' && c <= '9';
    if (digits > 15) return false;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
}

// Cells beyond which the report is streamed: far above any real organisation's report (the
// sample's has some 2 000), far below a size that strains memory.
constexpr std::size_t streamed_cells = 100000;

}  // namespace

std::string mapping_report_xlsx(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                                const Labels& labels, std::int64_t created, Diagnostics& diags) {
    auto parts = audit::mapping_report_parts(ds, m, set, labels);
    std::string year = std::to_string(ds.organisation.reporting_period.from.year);
    std::string title = labels.get("report.title", {{"year", year}});
    std::string mark = document_mark(ds, set, labels);
    // A large programme's report is streamed (workbook_file.hpp): held, a million
    // observations' half a million cells took 250 MB, as much as the rest of the build's
    // outputs at that point. A smaller one keeps its shared strings, as Excel writes them.
    std::size_t cells = 0;
    for (const auto& part : parts) cells += part.rows.size() * part.headers.size();
    bool streamed = cells > streamed_cells;
    return workbook_bytes(
        "mapping-report.xlsx", title, created,
        [&](lxw_workbook* wb) {
            lxw_format* intro = workbook_add_format(wb);
            format_set_text_wrap(intro);
            format_set_align(intro, LXW_ALIGN_VERTICAL_TOP);
            format_set_italic(intro);
            auto [header, cell] = table_formats(wb);
            std::map<int, lxw_format*> number_formats;
            auto number_format = [&](int decimals) {
                auto& f = number_formats[decimals];
                if (!f) {
                    f = workbook_add_format(wb);
                    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
                    format_set_border(f, LXW_BORDER_THIN);
                    std::string pattern =
                        decimals == 0 ? "0"
                                      : "0." + std::string(static_cast<std::size_t>(decimals), '0');
                    format_set_num_format(f, pattern.c_str());
                }
                return f;
            };

            for (const auto& part : parts) {
                lxw_worksheet* ws = workbook_add_worksheet(wb, part.title.c_str());
                auto last = static_cast<lxw_col_t>(part.headers.size() - 1);
                for (lxw_col_t c = 0; c <= last; ++c)
                    worksheet_set_column(ws, c, c, part.widths[c], nullptr);
                std::string text = mark.empty() ? part.intro : mark + ". " + part.intro;
                worksheet_merge_range(ws, 0, 0, 0, last, text.c_str(), intro);
                worksheet_set_row(ws, 0, 45, nullptr);
                for (lxw_col_t c = 0; c <= last; ++c)
                    worksheet_write_string(ws, 1, c, part.headers[c].c_str(), header);
                lxw_row_t r = 2;
                for (const auto& row : part.rows) {
                    for (lxw_col_t c = 0; c < row.size(); ++c) {
                        const auto& v = row[c];
                        double d = 0;
                        if (v.number && parse_c_locale(v.text, d))
                            worksheet_write_number(ws, r, c, d, number_format(decimals_of(v.text)));
                        else
                            worksheet_write_string(ws, r, c, v.text.c_str(), cell);
                    }
                    ++r;
                }
                worksheet_freeze_panes(ws, 2, 0);
                worksheet_autofilter(ws, 1, 0, r > 2 ? r - 1 : 1, last);
                worksheet_set_landscape(ws);
                worksheet_fit_to_pages(ws, 1, 0);
                worksheet_repeat_rows(ws, 1, 1);
            }
        },
        diags, streamed);
}

}  // namespace griexport
