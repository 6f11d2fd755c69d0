// The data-entry workbook (`griexport template`): what the people who report values fill
// in, and what the .xlsx reader takes back as observations.xlsx. One sheet per programme
// area, a row per indicator and year asked for, lists for the ids, units and status, the
// header locked, an instructions sheet in Swedish and English. libxlsxwriter, as for the
// content index.
#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <set>

#include "griexport/render.hpp"
#include "workbook_file.hpp"

namespace griexport {

namespace {

// Excel's sheet names: at most 31 characters, none of []:*?/\, unique.
std::string sheet_name(const std::string& wanted, std::set<std::string>& used) {
    std::string n;
    for (char c : wanted)
        n += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '-';
    // Cut at 31 code points, never inside a UTF-8 sequence.
    std::size_t points = 0, cut = 0;
    for (; cut < n.size(); ++cut)
        if ((static_cast<unsigned char>(n[cut]) & 0xC0) != 0x80 && ++points > 28) break;
    n.resize(cut);
    std::string unique = n;
    for (int k = 2; used.contains(unique); ++k) unique = fmt::format("{} {}", n, k);
    used.insert(unique);
    return unique;
}

}  // namespace

std::string data_entry_workbook(const Dataset& ds, const Labels& sv, const Labels& en,
                                std::int64_t created, Diagnostics& diags) {
    std::string title = sv.get("template.title", {{"organisation", ds.organisation.name.sv}});
    return workbook_bytes(
        "template", title, created,
        [&](lxw_workbook* wb) {
            lxw_format* bold = workbook_add_format(wb);
            format_set_bold(bold);
            lxw_format* heading = workbook_add_format(wb);
            format_set_bold(heading);
            format_set_font_size(heading, 14);
            lxw_format* wrap = workbook_add_format(wb);
            format_set_text_wrap(wrap);
            format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
            lxw_format* header = workbook_add_format(wb);
            format_set_bold(header);
            format_set_bg_color(header, 0xD9E2F3);
            format_set_border(header, LXW_BORDER_THIN);
            lxw_format* given = workbook_add_format(wb);  // filled in by griexport, locked
            format_set_text_wrap(given);
            format_set_align(given, LXW_ALIGN_VERTICAL_TOP);
            format_set_bg_color(given, 0xF2F2F2);
            lxw_format* entry = workbook_add_format(wb);  // for the person reporting, unlocked
            format_set_unlocked(entry);
            format_set_align(entry, LXW_ALIGN_VERTICAL_TOP);

            // Instructions first, so the workbook opens on them.
            lxw_worksheet* help = workbook_add_worksheet(wb, "Instruktioner");
            worksheet_set_column(help, 0, 0, 100, wrap);
            worksheet_write_string(help, 0, 0, title.c_str(), heading);
            lxw_row_t hr = 2;
            for (const Labels* l : {&sv, &en}) {
                for (const char* key : {"template.help.1", "template.help.2", "template.help.3",
                                        "template.help.4", "template.help.5"}) {
                    worksheet_write_string(help, hr++, 0, l->get(key).c_str(), wrap);
                }
                ++hr;
            }

            // The lists the validations offer, on a hidden sheet.
            lxw_worksheet* lists = workbook_add_worksheet(wb, "Listor");
            worksheet_write_string(lists, 0, 0, "indicator ids", bold);  // not a data sheet header
            worksheet_write_string(lists, 0, 1, "units", bold);
            worksheet_write_string(lists, 0, 2, "statuses", bold);
            for (std::size_t i = 0; i < ds.indicators.size(); ++i)
                worksheet_write_string(lists, static_cast<lxw_row_t>(i + 1), 0,
                                       ds.indicators[i].id.c_str(), nullptr);
            for (std::size_t u = 1; u < ds.units.size(); ++u)  // 0 is "no unit"
                worksheet_write_string(lists, static_cast<lxw_row_t>(u), 1,
                                       ds.units.get(static_cast<UnitId>(u)).id.c_str(), nullptr);
            worksheet_write_string(lists, 1, 2, "final", nullptr);
            worksheet_write_string(lists, 2, 2, "preliminary", nullptr);
            worksheet_hide(lists);
            std::string indicator_list = fmt::format(
                "=Listor!$A$2:$A${}", std::max<std::size_t>(ds.indicators.size() + 1, 2));
            std::string unit_list =
                fmt::format("=Listor!$B$2:$B${}", std::max<std::size_t>(ds.units.size(), 2));

            int year = ds.organisation.reporting_period.from.year;
            std::set<std::string> used{"Instruktioner", "Listor"};
            const char* columns[] = {"indicator", "name",   "definition", "year",    "value",
                                     "unit",      "status", "source",     "evidence"};
            const double widths[] = {10, 36, 60, 8, 14, 12, 12, 24, 24};
            for (const auto& area : ds.areas) {
                lxw_worksheet* ws = workbook_add_worksheet(
                    wb, sheet_name(fmt::format("{} {}", area.id, area.title.sv), used).c_str());
                for (lxw_col_t c = 0; c < std::size(columns); ++c) {
                    worksheet_set_column(ws, c, c, widths[c], nullptr);
                    worksheet_write_string(ws, 0, c, columns[c], header);
                }
                lxw_row_t r = 1;
                for (const auto& ind : ds.indicators) {
                    auto goal = std::find_if(ds.goals.begin(), ds.goals.end(),
                                             [&](const Goal& g) { return g.id == ind.goal; });
                    if (goal == ds.goals.end() || goal->area != area.id) continue;
                    // Values that come from elsewhere: Kolada's files and the climate accounts.
                    if (ind.kolada_kpi || ind.id == ds.climate_indicator) continue;
                    // The reporting year, and each earlier year from the base year with no value.
                    std::vector<int> years;
                    for (int y = ds.organisation.base_year; y < year; ++y)
                        if (std::none_of(ds.observations.begin(), ds.observations.end(),
                                         [&](const Observation& o) {
                                             return &ds.indicators[o.indicator] == &ind &&
                                                    o.year == y;
                                         }))
                            years.push_back(y);
                    years.push_back(year);
                    for (int y : years) {
                        const DefinitionVersion* def = ind.definition_on(Date::last_of_year(y));
                        worksheet_write_string(ws, r, 0, ind.id.c_str(), given);
                        worksheet_write_string(ws, r, 1, ind.name.sv.c_str(), given);
                        worksheet_write_string(ws, r, 2, def ? def->text.sv.c_str() : "", given);
                        worksheet_write_number(ws, r, 3, y, given);
                        worksheet_write_blank(ws, r, 4, entry);
                        worksheet_write_string(ws, r, 5, ds.units.get(ind.unit).id.c_str(), entry);
                        worksheet_write_blank(ws, r, 6, entry);
                        worksheet_write_blank(ws, r, 7, entry);
                        worksheet_write_blank(ws, r, 8, entry);
                        ++r;
                    }
                }
                lxw_row_t last = r > 1 ? r - 1 : 1;
                lxw_data_validation ids{};
                ids.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
                ids.value_formula = indicator_list.data();
                worksheet_data_validation_range(ws, 1, 0, last, 0, &ids);
                lxw_data_validation units{};
                units.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
                units.value_formula = unit_list.data();
                worksheet_data_validation_range(ws, 1, 5, last, 5, &units);
                const char* statuses[] = {"final", "preliminary", nullptr};
                lxw_data_validation status{};
                status.validate = LXW_VALIDATION_TYPE_LIST;
                status.value_list = const_cast<char**>(statuses);
                worksheet_data_validation_range(ws, 1, 6, last, 6, &status);
                lxw_data_validation number{};
                number.validate = LXW_VALIDATION_TYPE_DECIMAL;
                number.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
                number.minimum_number = -1e15;
                number.maximum_number = 1e15;
                worksheet_data_validation_range(ws, 1, 4, last, 4, &number);
                worksheet_freeze_panes(ws, 1, 0);
                // Locked: the header and what griexport filled in; the entry cells are unlocked.
                lxw_protection protection{};
                protection.format_columns = 1;
                protection.autofilter = 1;
                protection.sort = 1;
                worksheet_protect(ws, nullptr, &protection);
            }
        },
        diags);
}

}  // namespace griexport
