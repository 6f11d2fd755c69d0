// .xlsx inputs (Office Open XML spreadsheets), read as the table a CSV file gives: the
// same rows, with each field located by its cell (Mätvärden!C7) instead of a byte offset.
// A zip of XML parts, read with libzip and pugixml, both already dependencies: Debian
// packages no maintained C or C++ xlsx reader, and the parts needed here (workbook,
// relationships, shared strings, styles for dates, one sheet) are small and documented
// (ECMA-376 Part 1, §18).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "csv.hpp"

namespace griexport::io {

// The bytes of a binary input with what the manifest needs (path, sha256).
struct BinarySource {
    std::string display_path;
    std::string relative_path;
    std::string bytes;
    std::string sha256;
};

// Reads `folder / relative` without the text checks (UTF-8, control characters) that do
// not apply to a zip; the path, link and size checks of read_source apply.
std::optional<BinarySource> read_binary_source(const std::filesystem::path& folder,
                                               const std::string& relative, Diagnostics& diags);

// The sheet `sheet_name` as a table; when empty, every sheet whose header names
// `key_column` (a workbook of one sheet: that sheet), their rows one after the other. The
// first non-empty row of a sheet is its header; data sheets must share it. Numbers keep the decimal
// string Excel stored; dates (by their number format) become YYYY-MM-DD, or the year in a year
// column; formulas give their cached value. Reports xlsx.* diagnostics (not a zip, an .xls,
// encrypted, sheet missing, merged header cells, a formula without a cached value, an error cell).
std::optional<CsvTable> read_xlsx_table(const BinarySource& file, const std::string& sheet_name,
                                        const std::string& key_column, Diagnostics& diags);

}  // namespace griexport::io
