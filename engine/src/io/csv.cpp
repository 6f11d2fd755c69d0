#include "csv.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "../text/byte_set.hpp"

namespace griexport::io {

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return i;
    return std::nullopt;
}

Location CsvTable::where(const CsvField& f) const {
    if (text) return text->locate(f.offset);
    return cell_location(display_path, f.sheet < sheets.size() ? sheets[f.sheet] : "", f.row,
                         f.column);
}

Location CsvTable::where_header() const {
    if (text) return text->locate(header_offset);
    return header_fields.empty() ? Location{display_path, 1, 1} : where(header_fields.front());
}

namespace {

std::string trim(std::string_view s) {
    auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) return {};
    auto e = s.find_last_not_of(" \t\r");
    return std::string(s.substr(b, e - b + 1));
}

// End of the line starting at `pos` (at its LF, CR or the end of the text).
std::size_t line_end(const std::string& s, std::size_t pos) {
    auto e = s.find_first_of("\r\n", pos);
    return e == std::string::npos ? s.size() : e;
}

// Start of the next line after the end found by line_end (CRLF, LF or a lone CR).
std::size_t next_line(const std::string& s, std::size_t eol) {
    if (eol >= s.size()) return s.size();
    if (s[eol] == '\r' && eol + 1 < s.size() && s[eol + 1] == '\n') return eol + 2;
    return eol + 1;
}

// An unquoted field as trim() gives it, trimmed where it lies.
void trim_in_place(std::string& v) {
    auto b = v.find_first_not_of(" \t");
    auto e = v.find_last_not_of(" \t\r");
    if (b == std::string::npos || e == std::string::npos) {
        v.clear();
        return;
    }
    v.erase(e + 1);
    v.erase(0, b);
}

// Splits one record starting at `pos`; advances `pos` past its line end. The record's
// fields are written over those of the record it held (a reader passes the same record
// from row to row): their strings keep their room, and a million rows make no field
// anew.
bool read_record(const SourceText& t, std::size_t& pos, char delim, CsvRecord& rec,
                 Diagnostics& diags) {
    const std::string& s = t.bytes;
    rec.line = t.line_of(pos);
    std::size_t count = 0;  // fields begun
    auto begin_field = [&](std::size_t at) -> CsvField& {
        if (count == rec.fields.size()) rec.fields.emplace_back();
        CsvField& field = rec.fields[count++];
        field.value.clear();
        field.offset = at;
        field.row = field.column = field.sheet = 0;
        return field;
    };
    CsvField* f = &begin_field(pos);
    bool quoted = false, was_quoted = false;
    const char stop_bytes[] = {delim, '"', '\n', '\r'};
    const text::ByteSet stops({stop_bytes, 4});
    while (pos <= s.size()) {
        if (pos == s.size()) {
            if (quoted) {
                diags.error("csv.syntax", "quoted field is not closed", t.locate(f->offset));
                return false;
            }
            break;
        }
        if (f->value.size() > max_csv_field_bytes) {
            diags.error("csv.field-too-long",
                        fmt::format("a field longer than {} bytes", max_csv_field_bytes),
                        t.locate(f->offset));
            return false;
        }
        char c = s[pos];
        if (quoted) {
            if (c == '"') {
                if (pos + 1 < s.size() && s[pos + 1] == '"') {
                    f->value += '"';
                    pos += 2;
                    continue;
                }
                quoted = false;
                ++pos;
                continue;
            }
            // The quoted run up to the next quote, at once.
            auto end = std::min(s.find('"', pos), s.size());
            f->value.append(s, pos, end - pos);
            pos = end;
            continue;
        }
        if (c == '"') {
            // Only blanks before it: what trim() leaves of them is empty.
            if (f->value.find_first_not_of(" \t\r") != std::string::npos) {
                diags.error("csv.syntax", "quote inside an unquoted field", t.locate(pos));
                return false;
            }
            f->value.clear();
            quoted = was_quoted = true;
            ++pos;
            continue;
        }
        if (c == delim) {
            // Bounded, so a hostile one-line file cannot cost a field object per byte.
            if (count >= max_csv_columns) {
                diags.error("csv.too-wide",
                            fmt::format("the row has more than {} fields", max_csv_columns),
                            t.locate(pos));
                return false;
            }
            if (!was_quoted) trim_in_place(f->value);
            f = &begin_field(pos + 1);
            was_quoted = false;
            ++pos;
            continue;
        }
        if (c == '\n' || c == '\r') {
            if (c == '\r' && pos + 1 < s.size() && s[pos + 1] == '\n') ++pos;
            ++pos;
            break;
        }
        // The unquoted run up to the next delimiter, quote or line end, at once: a million
        // rows appended character by character cost more than the rest of loading.
        auto end = std::min(stops.find_in(s, pos), s.size());
        f->value.append(s, pos, end - pos);
        pos = end;
    }
    if (!was_quoted) trim_in_place(f->value);
    rec.fields.resize(count);
    return true;
}

// Empty, or only empty fields: the ";;;;;" Excel writes for an empty row.
bool blank(const CsvRecord& r) {
    return std::all_of(r.fields.begin(), r.fields.end(),
                       [](const CsvField& f) { return f.value.empty(); });
}

// A row that is not data: blank, or a comment.
bool skipped(const CsvRecord& r) {
    return blank(r) ||
           (!r.fields.empty() && !r.fields[0].value.empty() && r.fields[0].value[0] == '#');
}

// A preamble line as Excel writes it back after a save: the cell unquoted ("sep=;" holds
// the delimiter, so Excel quotes it) and the empty cells after it (";;;;;") dropped.
std::string excel_cell_line(std::string line) {
    if (line.size() >= 2 && line[0] == '"') {
        auto close = line.find('"', 1);
        if (close != std::string::npos &&
            line.find_first_not_of(",;", close + 1) == std::string::npos)
            return line.substr(1, close - 1);
    }
    if (line.rfind("sep=", 0) == 0 && line.size() >= 5 &&
        line.find_first_not_of(",;", 5) == std::string::npos)
        return line.substr(0, 5);
    auto end = line.find_last_not_of(",;");
    return end == std::string::npos ? std::string() : line.substr(0, end + 1);
}

}  // namespace

void CsvTable::each_record(const std::function<void(const CsvRecord&)>& fn) const {
    if (!streamed) {
        for (const auto& rec : records) fn(rec);
        return;
    }
    // The second reading of a text parse_csv found whole: no record fails here, and none
    // has a wrong field count (a short one, padded by Excel, is padded as when kept).
    Diagnostics unused;
    CsvRecord rec;
    std::size_t pos = body_offset;
    while (pos < text->bytes.size()) {
        if (!read_record(*text, pos, delimiter, rec, unused)) return;
        if (skipped(rec)) continue;
        rec.fields.resize(header.size());
        fn(rec);
    }
}

std::optional<CsvTable> parse_csv(const SourceText& text, Diagnostics& diags, CsvRows rows) {
    CsvTable table;
    table.text = &text;
    const std::string& s = text.bytes;
    std::size_t pos = 0;
    std::optional<char> declared_delim;
    // Directive and comment lines before the header.
    while (pos < s.size()) {
        auto eol = line_end(s, pos);
        std::string line = excel_cell_line(trim(std::string_view(s).substr(pos, eol - pos)));
        if (line.rfind("sep=", 0) == 0 && line.size() == 5) {
            declared_delim = line[4];
        } else if (!line.empty() && line[0] == '#') {
            std::string body = trim(std::string_view(line).substr(1));
            if (body == "decimal: comma") {
                table.decimal_separator = ',';
                table.decimal_declared = true;
            } else if (body == "decimal: point") {
                table.decimal_separator = '.';
                table.decimal_declared = true;
            }
        } else if (!line.empty()) {
            break;
        }
        pos = next_line(s, eol);
    }
    if (pos >= s.size()) {
        diags.error("csv.header", "the file has no header row", text.whole_file());
        return std::nullopt;
    }
    if (declared_delim) {
        table.delimiter = *declared_delim;
    } else {
        std::string_view head = std::string_view(s).substr(pos, line_end(s, pos) - pos);
        auto semis = std::count(head.begin(), head.end(), ';');
        auto commas = std::count(head.begin(), head.end(), ',');
        table.delimiter = semis > commas ? ';' : ',';
    }
    if (table.delimiter == table.decimal_separator) {
        // Allowed only with quoting; most likely a mistake worth flagging early.
        diags.warning("csv.decimal-delimiter",
                      "decimal separator equals field delimiter: numbers must be quoted",
                      text.locate(pos));
    }
    CsvRecord rec;
    table.header_offset = pos;
    if (!read_record(text, pos, table.delimiter, rec, diags)) return std::nullopt;
    // Excel pads every row to the sheet's used width, so a header may end in unnamed
    // columns (";;"): they are allowed at the end, and must stay empty below.
    std::size_t named = rec.fields.size();
    while (named > 0 && rec.fields[named - 1].value.empty()) --named;
    for (std::size_t i = 0; i < named; ++i)
        if (rec.fields[i].value.empty()) {
            diags.error("csv.header", fmt::format("column {} has no name", i + 1),
                        text.locate(rec.fields[i].offset));
            return std::nullopt;
        }
    for (auto& f : rec.fields) {
        // A second column of the same name would silently lose the first one's values.
        for (std::size_t i = 0; i < table.header.size() && !f.value.empty(); ++i)
            if (table.header[i] == f.value) {
                diags.error("csv.duplicate-column",
                            fmt::format("column '{}' appears twice (also column {})",
                                        text::abbreviated(f.value), i + 1),
                            text.locate(f.offset));
                return std::nullopt;
            }
        table.header.push_back(f.value);
    }
    table.header_fields = rec.fields;
    table.body_offset = pos;
    table.streamed = rows == CsvRows::streamed;
    std::size_t before = diags.error_count();
    while (pos < s.size()) {
        if (!read_record(text, pos, table.delimiter, rec, diags)) return std::nullopt;
        if (skipped(rec)) continue;
        if (rec.fields.size() != table.header.size() &&
            (rec.fields.size() < named || rec.fields.size() > table.header.size())) {
            diags.error("csv.field-count",
                        fmt::format("row has {} fields; the header has {}", rec.fields.size(),
                                    table.header.size()),
                        text.at(rec.line, 1));
            continue;
        }
        bool stray = false;
        for (std::size_t i = named; i < rec.fields.size() && !stray; ++i)
            if (!rec.fields[i].value.empty()) {
                diags.error(
                    "csv.unnamed-column",
                    fmt::format("a value in column {}, which has no name in the header", i + 1),
                    text.locate(rec.fields[i].offset));
                stray = true;
            }
        if (stray) continue;
        ++table.record_count;
        if (table.streamed) continue;
        rec.fields.resize(table.header.size());
        table.records.push_back(std::move(rec));
        rec = CsvRecord{};
    }
    if (diags.error_count() != before) return std::nullopt;
    return table;
}

}  // namespace griexport::io
