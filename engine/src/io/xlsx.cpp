#include "xlsx.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <map>
#include <memory>
#include <pugixml.hpp>

#include "griexport/date.hpp"
#include "griexport/decimal.hpp"
#include "sha256.hpp"

namespace griexport::io {

namespace fs = std::filesystem;

namespace {

// A part of the package bigger than this is not a sheet of indicator values.
constexpr zip_uint64_t max_part_bytes = zip_uint64_t{512} << 20;

struct Package {
    std::unique_ptr<zip_t, decltype(&zip_discard)> zip{nullptr, &zip_discard};

    // The part's bytes; nullopt when absent. Throws std::runtime_error when too large.
    std::optional<std::string> part(const std::string& name) const {
        zip_stat_t st;
        if (zip_stat(zip.get(), name.c_str(), 0, &st) != 0) return std::nullopt;
        if (!(st.valid & ZIP_STAT_SIZE) || st.size > max_part_bytes)
            throw std::runtime_error(
                fmt::format("{} unpacks to more than {} MiB", name, max_part_bytes >> 20));
        std::unique_ptr<zip_file_t, decltype(&zip_fclose)> f(zip_fopen(zip.get(), name.c_str(), 0),
                                                             &zip_fclose);
        if (!f) return std::nullopt;
        std::string bytes(st.size, '\0');
        if (zip_fread(f.get(), bytes.data(), st.size) != static_cast<zip_int64_t>(st.size))
            throw std::runtime_error(fmt::format("{} cannot be unpacked", name));
        return bytes;
    }
};

// "C7" → (7, 3); 0s when malformed.
std::pair<std::uint32_t, std::uint32_t> parse_cell_ref(std::string_view ref) {
    std::uint32_t col = 0, row = 0;
    std::size_t i = 0;
    for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) {
        col = col * 26 + static_cast<std::uint32_t>(ref[i] - 'A' + 1);
        if (col > 16384) return {0, 0};  // Excel's last column is XFD
    }
    for (; i < ref.size() && ref[i] >= '0' && ref[i] <= '9'; ++i) {
        row = row * 10 + static_cast<std::uint32_t>(ref[i] - '0');
        if (row > 1048576) return {0, 0};  // Excel's last row
    }
    if (i != ref.size() || col == 0 || row == 0) return {0, 0};
    return {row, col};
}

// Text of a shared or inline string item: <t>, or the <t> of each rich-text run <r>.
std::string string_item(const pugi::xml_node& si) {
    if (auto t = si.child("t")) return t.text().get();
    std::string out;
    for (auto r : si.children("r")) out += r.child("t").text().get();
    return out;
}

// A number as Excel stores it ("14.5", "1.0000000000000001E-3") written out in full
// ("0.0010000000000000001"), so that Decimal reads exactly the stored digits.
std::optional<std::string> plain_number(std::string_view v) {
    auto e = v.find_first_of("eE");
    if (e == std::string_view::npos) return std::string(v);
    std::string mantissa(v.substr(0, e));
    int exponent = 0;
    auto exp_text = v.substr(e + 1);
    bool negative_exp = !exp_text.empty() && exp_text[0] == '-';
    if (!exp_text.empty() && (exp_text[0] == '-' || exp_text[0] == '+')) exp_text.remove_prefix(1);
    if (exp_text.empty() || exp_text.size() > 3) return std::nullopt;
    for (char c : exp_text) {
        if (c < '0' || c > '9') return std::nullopt;
        exponent = exponent * 10 + (c - '0');
    }
    if (negative_exp) exponent = -exponent;
    std::string sign;
    if (!mantissa.empty() && (mantissa[0] == '-' || mantissa[0] == '+')) {
        if (mantissa[0] == '-') sign = "-";
        mantissa.erase(0, 1);
    }
    auto dot = mantissa.find('.');
    std::string digits = mantissa;
    int point = static_cast<int>(mantissa.size());
    if (dot != std::string::npos) {
        digits.erase(dot, 1);
        point = static_cast<int>(dot);
    }
    point += exponent;
    if (digits.empty() || point > 40 || point < -40) return std::nullopt;
    std::string out;
    if (point <= 0)
        out = "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
    else if (point >= static_cast<int>(digits.size()))
        out = digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0');
    else
        out = digits.substr(0, static_cast<std::size_t>(point)) + "." +
              digits.substr(static_cast<std::size_t>(point));
    // Strip leading zeros of the whole part and trailing zeros of the fraction.
    auto first = out.find_first_not_of('0');
    if (first == std::string::npos) return std::string("0");
    if (out[first] == '.') --first;
    out.erase(0, first);
    if (out.find('.') != std::string::npos) {
        while (out.back() == '0') out.pop_back();
        if (out.back() == '.') out.pop_back();
    }
    return sign + out;
}

// Number formats that show dates: the built-in ids 14–22 and 45–47, and custom formats
// with day, month or year codes outside quotes and brackets.
bool is_date_format(int id, const std::string& code) {
    if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47)) return true;
    bool quoted = false, bracket = false;
    for (char c : code) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '[') bracket = true;
        if (c == ']') bracket = false;
        if (bracket) continue;
        if (c == 'd' || c == 'D' || c == 'y' || c == 'Y' || c == 'm' || c == 'M') return true;
    }
    return false;
}

// Excel's serial day to a date: the 1900 system counts from 1899-12-30 for serials after
// its phantom 29 February 1900 (Lotus's leap-year bug); the 1904 system from 1904-01-01.
std::optional<Date> serial_to_date(long long serial, bool system_1904) {
    if (serial < 1 || serial > 2958465) return std::nullopt;  // up to 9999-12-31
    Date epoch = system_1904 ? Date{1904, 1, 1} : Date{1899, 12, 30};
    if (!system_1904 && serial < 61) epoch = Date{1899, 12, 31};
    return Date::from_days_since_epoch(epoch.days_since_epoch() + serial);
}

bool looks_ole2(const std::string& b) {
    return b.size() >= 8 && b.compare(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") == 0;
}

// An encrypted .xlsx is an OLE2 container holding the streams EncryptionInfo and
// EncryptedPackage; their names are stored in UTF-16LE in its directory.
bool looks_encrypted(const std::string& b) {
    static const std::string name = [] {
        std::string n;
        for (char c : std::string("EncryptionInfo")) {
            n += c;
            n += '\0';
        }
        return n;
    }();
    return b.find(name) != std::string::npos;
}

// A part of the package as XML; false when absent or not well-formed. pugixml reads no
// DTD and expands no entities.
bool load_part(const Package& pkg, const std::string& name, pugi::xml_document& doc) {
    auto bytes = pkg.part(name);
    return bytes && static_cast<bool>(doc.load_buffer(bytes->data(), bytes->size()));
}

std::nullopt_t corrupt(Diagnostics& diags, const std::string& display_path,
                       const std::string& what) {
    diags.error("xlsx.corrupt", fmt::format("not a readable .xlsx workbook: {}", what),
                {display_path, 0, 0});
    return std::nullopt;
}

// What every sheet of a workbook is read with.
struct WorkbookParts {
    std::vector<std::string> shared;  // shared strings
    std::vector<bool> date_style;     // per cell style: shows a date
    bool system_1904 = false;
    std::string display_path;
};

// One sheet as a table; nullopt when it is empty (no diagnostic) or on an error.
std::optional<CsvTable> read_sheet(const pugi::xml_document& sheet, const std::string& chosen,
                                   const WorkbookParts& book, Diagnostics& diags) {
    const auto& shared = book.shared;
    const auto& date_style = book.date_style;
    const bool system_1904 = book.system_1904;
    const std::string& display_path = book.display_path;
    CsvTable table;
    table.display_path = display_path;
    table.sheets = {chosen};
    auto at = [&](std::uint32_t row, std::uint32_t col) {
        return cell_location(display_path, chosen, row, col);
    };
    std::vector<CsvRecord> rows;
    std::size_t errors_before = diags.error_count();
    for (auto r : sheet.child("worksheet").child("sheetData").children("row")) {
        CsvRecord rec;
        rec.line = static_cast<std::uint32_t>(r.attribute("r").as_uint());
        std::uint32_t next_col = 1;
        for (auto c : r.children("c")) {
            auto [row, col] = parse_cell_ref(c.attribute("r").as_string());
            if (row == 0) {  // references are optional: the next cell of the row
                row = rec.line;
                col = next_col;
            }
            if (rec.line == 0) rec.line = row;
            next_col = col + 1;
            std::string type = c.attribute("t").as_string("n");
            auto v = c.child("v");
            std::string value;
            if (c.child("f") && (!v || std::string_view(v.text().get()).empty()) &&
                type != "inlineStr") {
                diags.error("xlsx.formula-no-value",
                            "a formula without a calculated value: open and save the "
                            "workbook in Excel or LibreOffice so that it is calculated",
                            at(row, col));
                continue;
            }
            if (type == "s") {
                auto i = v.text().as_ullong(~0ULL);
                if (i >= shared.size())
                    return corrupt(diags, display_path, "a shared string index is out of range");
                value = shared[i];
            } else if (type == "inlineStr") {
                value = string_item(c.child("is"));
            } else if (type == "str") {
                value = v.text().get();
            } else if (type == "b") {
                value = v.text().as_int() ? "TRUE" : "FALSE";
            } else if (type == "e") {
                diags.error("xlsx.cell-error",
                            fmt::format("the cell holds the error {}", v.text().get()),
                            at(row, col));
                continue;
            } else if (!v) {
            } else {  // a number, or t="d" (an ISO date)
                value = v.text().get();
                if (type == "n") {
                    auto plain = plain_number(value);
                    if (!plain) {
                        diags.error("xlsx.number",
                                    fmt::format("'{}' is not a number Excel writes", value),
                                    at(row, col));
                        continue;
                    }
                    value = *plain;
                    auto style = c.attribute("s").as_uint();
                    if (style < date_style.size() && date_style[style]) {
                        long long serial = 0;
                        auto d = griexport::Decimal::parse(value);
                        if (d) serial = d->rounded(0).coefficient();
                        auto date = d ? serial_to_date(serial, system_1904) : std::nullopt;
                        if (!date) {
                            diags.error("xlsx.date",
                                        fmt::format("{} is not a date Excel can show", value),
                                        at(row, col));
                            continue;
                        }
                        value = date->iso();
                    }
                }
            }
            if (value.empty()) continue;
            if (col > max_csv_columns) {
                diags.error("csv.too-wide",
                            fmt::format("a value beyond column {}", max_csv_columns), at(row, col));
                return std::nullopt;
            }
            if (rec.fields.size() < col) rec.fields.resize(col);
            rec.fields[col - 1] = {std::move(value), 0, row, col};
        }
        if (!rec.fields.empty()) rows.push_back(std::move(rec));
    }
    if (diags.error_count() != errors_before) return std::nullopt;
    if (rows.empty()) return std::nullopt;
    // Merged cells in the header would hide a column name under another.
    std::uint32_t header_row = rows.front().line;
    for (auto m : sheet.child("worksheet").child("mergeCells").children("mergeCell")) {
        std::string ref = m.attribute("ref").as_string();
        auto colon = ref.find(':');
        auto [r1, c1] = parse_cell_ref(ref.substr(0, colon));
        auto r2 = colon == std::string::npos ? r1 : parse_cell_ref(ref.substr(colon + 1)).first;
        if (r1 <= header_row && header_row <= r2) {
            diags.error("xlsx.merged-header",
                        fmt::format("the header row has merged cells ({}); give every "
                                    "column its own name in its own cell",
                                    ref),
                        at(header_row, c1));
            return std::nullopt;
        }
    }
    // Every field located, empty ones included, so that diagnostics name their cell.
    for (auto& rec : rows)
        for (std::uint32_t c = 0; c < rec.fields.size(); ++c)
            if (rec.fields[c].row == 0) rec.fields[c] = {"", 0, rec.line, c + 1};
    auto& head = rows.front();
    for (const auto& f : head.fields) {
        for (std::size_t i = 0; i < table.header.size(); ++i)
            if (!f.value.empty() && table.header[i] == f.value) {
                diags.error("csv.duplicate-column",
                            fmt::format("column '{}' appears twice (also column {})", f.value,
                                        column_letters(static_cast<std::uint32_t>(i + 1))),
                            table.where(f));
                return std::nullopt;
            }
        table.header.push_back(f.value);
    }
    table.header_fields = head.fields;
    // Trailing empty header cells: columns nobody named.
    while (!table.header.empty() && table.header.back().empty()) {
        table.header.pop_back();
        table.header_fields.pop_back();
    }
    for (std::size_t r = 1; r < rows.size(); ++r) {
        auto& rec = rows[r];
        if (rec.fields.size() > table.header.size()) {
            const auto& extra = rec.fields[table.header.size()];
            diags.error("csv.field-count",
                        fmt::format("a value in a column without a header ({})",
                                    column_letters(extra.column)),
                        table.where(extra));
            continue;
        }
        while (rec.fields.size() < table.header.size())
            rec.fields.push_back(
                {"", 0, rec.line, static_cast<std::uint32_t>(rec.fields.size() + 1)});
        table.records.push_back(std::move(rec));
    }
    if (diags.error_count() != errors_before) return std::nullopt;
    // A date typed in a year column (2021-12-31) names its year.
    for (const char* year_column : {"year", "compared_with"})
        if (auto c = table.column(year_column))
            for (auto& rec : table.records) {
                auto& v = rec.fields[*c].value;
                if (v.size() == 10 && Date::parse_iso(v)) v.resize(4);
            }
    return table;
}

}  // namespace

std::optional<BinarySource> read_binary_source(const fs::path& folder, const std::string& relative,
                                               Diagnostics& diags) {
    auto checked = check_input_path(folder, relative, false, diags);
    if (!checked) return std::nullopt;
    BinarySource b;
    b.display_path = checked->display_path;
    b.relative_path = relative;
    if (!read_whole_file(folder / relative, b.display_path, b.bytes, diags)) return std::nullopt;
    b.sha256 = sha256_hex(b.bytes);
    return b;
}

std::optional<CsvTable> read_xlsx_table(const BinarySource& file, const std::string& sheet_name,
                                        const std::string& key_column, Diagnostics& diags) {
    Location whole{file.display_path, 0, 0};
    if (looks_ole2(file.bytes)) {
        if (looks_encrypted(file.bytes))
            diags.error("xlsx.encrypted",
                        "the workbook is password-protected; save a copy without a password",
                        whole);
        else
            diags.error("xlsx.old-format",
                        "this is an .xls file (Excel 97–2003); save it as .xlsx (Excel "
                        "Workbook)",
                        whole);
        return std::nullopt;
    }
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t* src = zip_source_buffer_create(file.bytes.data(), file.bytes.size(), 0, &zerr);
    Package pkg;
    if (src) {
        pkg.zip.reset(zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &zerr));
        if (!pkg.zip) zip_source_free(src);
    }
    if (!pkg.zip) {
        diags.error(
            "xlsx.corrupt",
            fmt::format("not a readable .xlsx workbook (a zip): {}", zip_error_strerror(&zerr)),
            whole);
        zip_error_fini(&zerr);
        return std::nullopt;
    }
    zip_error_fini(&zerr);
    try {
        WorkbookParts book;
        book.display_path = file.display_path;
        pugi::xml_document workbook, rels;
        if (!load_part(pkg, "xl/workbook.xml", workbook))
            return corrupt(diags, file.display_path, "xl/workbook.xml is missing");
        book.system_1904 =
            workbook.child("workbook").child("workbookPr").attribute("date1904").as_bool();
        if (!load_part(pkg, "xl/_rels/workbook.xml.rels", rels))
            return corrupt(diags, file.display_path, "xl/_rels/workbook.xml.rels is missing");
        std::map<std::string, std::string> targets;
        std::string shared_part = "xl/sharedStrings.xml", styles_part = "xl/styles.xml";
        auto part_name = [](std::string t) { return t.starts_with("/") ? t.substr(1) : "xl/" + t; };
        for (auto r : rels.child("Relationships").children("Relationship")) {
            targets[r.attribute("Id").as_string()] = r.attribute("Target").as_string();
            std::string_view type = r.attribute("Type").as_string();
            if (type.ends_with("/sharedStrings"))
                shared_part = part_name(r.attribute("Target").as_string());
            if (type.ends_with("/styles"))
                styles_part = part_name(r.attribute("Target").as_string());
        }
        std::vector<std::string> names;
        std::vector<std::pair<std::string, std::string>> chosen_sheets;  // name, part
        for (auto s : workbook.child("workbook").child("sheets").children("sheet")) {
            std::string name = s.attribute("name").as_string();
            names.push_back(name);
            if (sheet_name.empty() || name == sheet_name)
                chosen_sheets.emplace_back(name,
                                           part_name(targets[s.attribute("r:id").as_string()]));
        }
        if (chosen_sheets.empty()) {
            std::string list;
            for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
            diags.error("xlsx.sheet-missing",
                        fmt::format("the workbook has no sheet '{}' (it has: {})", sheet_name,
                                    list.empty() ? "none" : list),
                        whole);
            return std::nullopt;
        }
        pugi::xml_document sst;
        if (load_part(pkg, shared_part, sst))
            for (auto si : sst.child("sst").children("si")) book.shared.push_back(string_item(si));
        // Which cell styles show dates.
        pugi::xml_document styles;
        if (load_part(pkg, styles_part, styles)) {
            std::map<int, std::string> custom;
            for (auto f : styles.child("styleSheet").child("numFmts").children("numFmt"))
                custom[f.attribute("numFmtId").as_int()] = f.attribute("formatCode").as_string();
            for (auto xf : styles.child("styleSheet").child("cellXfs").children("xf")) {
                int id = xf.attribute("numFmtId").as_int();
                book.date_style.push_back(is_date_format(id, custom.count(id) ? custom[id] : ""));
            }
        }
        // Without a named sheet every sheet whose header names `key_column` is read (the
        // data-entry workbook has one per programme area; its instructions are skipped).
        std::optional<CsvTable> all;
        for (auto& [chosen, part] : chosen_sheets) {
            pugi::xml_document sheet;
            if (!load_part(pkg, part, sheet))
                return corrupt(diags, file.display_path,
                               fmt::format("the sheet {} is missing", part));
            auto t = read_sheet(sheet, chosen, book, diags);
            if (!t) {
                if (diags.has_errors()) return std::nullopt;
                continue;
            }
            bool wanted = !sheet_name.empty() || chosen_sheets.size() == 1 ||
                          (key_column.empty() ? true : t->column(key_column).has_value());
            if (!wanted) continue;
            if (!all) {
                all = std::move(*t);
                continue;
            }
            if (t->header != all->header) {
                diags.error("xlsx.sheet-columns",
                            fmt::format("the sheet '{}' has other columns than '{}'; give every "
                                        "data sheet the same header",
                                        chosen, all->sheets.front()),
                            t->where_header());
                return std::nullopt;
            }
            auto index = static_cast<std::uint32_t>(all->sheets.size());
            all->sheets.push_back(chosen);
            for (auto& rec : t->records) {
                rec.sheet = index;
                for (auto& f : rec.fields) f.sheet = index;
                all->records.push_back(std::move(rec));
            }
        }
        if (!all) {
            diags.error("csv.header",
                        fmt::format("no sheet has a header with the column '{}'", key_column),
                        whole);
            return std::nullopt;
        }
        return all;
    } catch (const std::runtime_error& e) {
        return corrupt(diags, file.display_path, e.what());
    }
}

}  // namespace griexport::io
