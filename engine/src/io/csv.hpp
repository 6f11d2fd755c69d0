// CSV as people save it from Excel: UTF-8 with or without BOM, comma or semicolon between
// fields (Swedish Excel writes semicolons), quotes doubled inside quoted fields.
//
// Before the header a file may carry Excel's `sep=;` line and comment lines starting with
// `#`. The comment `# decimal: comma` declares that numbers use a decimal comma.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "source_text.hpp"

namespace griexport::io {

struct CsvField {
    std::string value;
    std::size_t offset = 0;  // byte offset of the field's first character in the file
    std::uint32_t row = 0;   // .xlsx: the cell's row and column (1-based) instead
    std::uint32_t column = 0;
    std::uint32_t sheet = 0;  // .xlsx: index into CsvTable::sheets
};

struct CsvRecord {
    std::vector<CsvField> fields;
    std::uint32_t line = 0;
    std::uint32_t sheet = 0;  // .xlsx: index into CsvTable::sheets
};

struct CsvTable {
    char delimiter = ',';
    char decimal_separator = '.';
    bool decimal_declared = false;  // by a "# decimal: …" line
    // A decimal comma found in a ';' file without a declaration, and the note said once.
    mutable bool decimal_comma_noted = false;
    std::vector<std::string> header;
    std::size_t header_offset = 0;
    // The records: held here for an .xlsx sheet and a CSV parsed with CsvRows::kept. A CSV
    // parsed with CsvRows::streamed holds none and is read again from body_offset by
    // each_record: a million observations held as strings cost half a gigabyte.
    std::vector<CsvRecord> records;
    std::size_t body_offset = 0;
    bool streamed = false;
    std::size_t record_count = 0;  // a CSV's data records, kept or not

    std::size_t size() const { return streamed ? record_count : records.size(); }
    // Where fields are: a CSV text (byte offsets), or a sheet of an .xlsx file (cells).
    const SourceText* text = nullptr;
    std::string display_path;         // .xlsx
    std::vector<std::string> sheets;  // .xlsx: the sheets read, in order
    std::vector<CsvField> header_fields;

    // Index of a header column, or nullopt.
    std::optional<std::size_t> column(std::string_view name) const;
    // The location of a field: file:line:col, or file:Sheet!C7.
    Location where(const CsvField& f) const;
    Location where_header() const;
    // Each data record in file order (blank and comment rows skipped, as many fields as
    // the header), from `records` or, streamed, from the text again. The record passed is
    // valid only during the call.
    void each_record(const std::function<void(const CsvRecord&)>& fn) const;
};

enum class CsvRows { kept, streamed };

// Fields a row may have: far more than any griexport table, far fewer than a hostile file.
inline constexpr std::size_t max_csv_columns = 256;
// Bytes a field may hold: ids, numbers, sources and evidence references are short.
inline constexpr std::size_t max_csv_field_bytes = 64 * 1024;

// Parses the text. Reports csv.syntax (unterminated quote, stray quote),
// csv.field-count (a row with more or fewer fields than the header), csv.header,
// csv.duplicate-column and csv.too-wide. Lines end in CRLF, LF or a lone CR. Every record
// is checked either way; CsvRows::streamed keeps none of them (each_record reads them again).
std::optional<CsvTable> parse_csv(const SourceText& text, Diagnostics& diags,
                                  CsvRows rows = CsvRows::kept);

}  // namespace griexport::io
