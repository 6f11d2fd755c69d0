// Diagnostics are values, collected rather than thrown, and printed like a compiler's:
// `file:line:col: error[code]: message`. Codes are stable; docs/diagnostics.md lists them.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace griexport {

enum class Severity { note, warning, error };

struct Location {
    std::string file;          // as the user named it (relative paths stay relative)
    std::uint32_t line = 0;    // 1-based; 0 when the problem concerns the whole file
    std::uint32_t column = 0;  // 1-based, counted in Unicode code points
    std::string cell{};        // a spreadsheet's "Mätvärden!C7" (line = row, column = C)
};

// A spreadsheet's column letters: 1 → "A", 28 → "AB".
std::string column_letters(std::uint32_t column);

// A spreadsheet cell: printed file:Sheet!C7, sorted by row and column.
Location cell_location(std::string file, const std::string& sheet, std::uint32_t row,
                       std::uint32_t column);

struct Diagnostic {
    Severity severity = Severity::error;
    std::string code;  // stable, e.g. "csv.number"
    std::string message;
    Location location;
};

class Diagnostics {
  public:
    void add(Severity s, std::string code, std::string message, Location where);
    void error(std::string code, std::string message, Location where) {
        add(Severity::error, std::move(code), std::move(message), std::move(where));
    }
    void warning(std::string code, std::string message, Location where) {
        add(Severity::warning, std::move(code), std::move(message), std::move(where));
    }
    void append(const Diagnostics& other);

    bool has_errors() const { return errors_ > 0; }
    std::size_t error_count() const { return errors_; }
    std::size_t warning_count() const;
    const std::vector<Diagnostic>& items() const { return items_; }
    // Sorted by file, line, column, then code and message, so output is stable; each
    // code and file with dropped diagnostics ends with a line that counts them.
    std::vector<Diagnostic> sorted() const;

    // Diagnostics kept per code and file; the rest are counted and summed up in one line
    // ("… and 199 990 more csv.unknown-column"), so a hostile file cannot cost one stored
    // (copied, sorted) diagnostic per byte.
    static constexpr std::size_t kept_per_code_and_file = 100;

  private:
    std::vector<Diagnostic> items_;
    std::size_t errors_ = 0;
    struct Tally {
        std::size_t seen = 0;
        std::size_t dropped = 0;
        Severity severity = Severity::note;
        Location last;
    };
    std::map<std::pair<std::string, std::string>, Tally> tallies_;
};

const char* to_string(Severity s);
// One line per diagnostic, compiler style, sorted.
std::string format_text(const Diagnostics& d);
// {"diagnostics":[{"severity","code","message","file","line","column"}], "errors":N, "warnings":N}
std::string format_json(const Diagnostics& d);

}  // namespace griexport
