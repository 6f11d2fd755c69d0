// The GRI content index as .xlsx with libxlsxwriter (Debian libxlsxwriter-dev): a
// maintained writer of the format, tested against Excel's own files, where a zip of XML
// written by hand would have to learn Excel's tolerances one bug report at a time.
#include <fmt/format.h>
#include <xlsxwriter.h>

#include "../workbook/workbook_file.hpp"
#include "griexport/render.hpp"

namespace griexport {

std::string content_index_xlsx(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                               const Labels& labels, std::int64_t created, Diagnostics& diags) {
    const std::string& lang = labels.lang();
    std::string title = labels.get("pdf.section.index");
    std::string org = ds.organisation.name.in(lang);
    return workbook_bytes(
        "content-index.xlsx", title, created,
        [&](lxw_workbook* wb) {
            lxw_format* heading = workbook_add_format(wb);
            format_set_bold(heading);
            format_set_font_size(heading, 14);
            lxw_format* label = workbook_add_format(wb);
            format_set_bold(label);
            format_set_text_wrap(label);
            format_set_align(label, LXW_ALIGN_VERTICAL_TOP);
            auto [header, cell] = table_formats(wb);

            // Excel's sheet names are at most 31 characters, with none of []:*?/\ in them:
            // a label that breaks that is refused, not written as a broken workbook.
            std::string sheet = labels.get("xlsx.content-index.sheet");
            if (workbook_validate_sheet_name(wb, sheet.c_str()) != LXW_NO_ERROR) {
                diags.error("template.sheet-name",
                            fmt::format("'{}' cannot name an Excel sheet (at most 31 characters, "
                                        "none of []:*?/\\)",
                                        sheet),
                            {fmt::format("templates/{}/labels.xml", lang), 0, 0});
                return;
            }
            lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.c_str());
            struct Column {
                const char* key;
                double width;
            };
            const Column columns[] = {
                {"pdf.index.col.standard", 30}, {"pdf.index.col.disclosure", 44},
                {"pdf.index.col.location", 30}, {"pdf.index.col.omitted", 18},
                {"pdf.index.col.reason", 20},   {"pdf.index.col.explanation", 50},
                {"pdf.index.col.sector", 14},   {"pdf.index.col.internal", 26}};
            for (lxw_col_t c = 0; c < std::size(columns); ++c)
                worksheet_set_column(ws, c, c, columns[c].width, nullptr);

            std::string mark = document_mark(ds, set, labels);
            worksheet_write_string(
                ws, 0, 0,
                fmt::format("{} — {}{}", org, title, mark.empty() ? "" : " (" + mark + ")").c_str(),
                heading);
            worksheet_write_string(ws, 1, 0, labels.get("pdf.index.statement").c_str(), label);
            worksheet_merge_range(ws, 1, 1, 1, 5, set.statement_of_use.in(lang).c_str(), cell);
            worksheet_set_row(ws, 1, 45, nullptr);
            worksheet_write_string(ws, 2, 0, labels.get("pdf.index.gri1").c_str(), label);
            worksheet_write_string(ws, 2, 1, labels.get("pdf.index.gri1-value").c_str(), cell);
            worksheet_write_string(ws, 3, 0, labels.get("pdf.index.sector").c_str(), label);
            worksheet_write_string(ws, 3, 1, labels.get("pdf.index.sector-value").c_str(), cell);

            const lxw_row_t head = 5;
            for (lxw_col_t c = 0; c < std::size(columns); ++c)
                worksheet_write_string(ws, head, c, labels.get(columns[c].key).c_str(), header);
            lxw_row_t r = head + 1;
            for (const auto& row : content_index_rows(m, set, labels)) {
                std::string disclosure = row.disclosure + " " + row.title;
                const std::string* values[] = {&row.standard, &disclosure,       &row.location,
                                               &row.omitted,  &row.reason,       &row.explanation,
                                               nullptr,       &row.internal_refs};
                for (lxw_col_t c = 0; c < std::size(values); ++c)
                    worksheet_write_string(ws, r, c, values[c] ? values[c]->c_str() : "", cell);
                ++r;
            }
            worksheet_freeze_panes(ws, head + 1, 0);
            worksheet_autofilter(ws, head, 0, r > head + 1 ? r - 1 : head,
                                 static_cast<lxw_col_t>(std::size(columns) - 1));
            worksheet_set_landscape(ws);
            worksheet_fit_to_pages(ws, 1, 0);
            worksheet_repeat_rows(ws, head, head);
        },
        diags);
}

}  // namespace griexport
