#include "griexport/diagnostics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>

#include "text/utf8.hpp"

namespace griexport {

void Diagnostics::add(Severity s, std::string code, std::string message, Location where) {
    if (s == Severity::error) ++errors_;
    // Messages quote input (half a UTF-8 sequence from a parser, a Latin-1 file name):
    // keep every diagnostic valid UTF-8, so JSON and terminals can always print it.
    where.file = text::valid_utf8(where.file);
    where.cell = text::valid_utf8(where.cell);  // names a workbook's sheet, as it is spelt
    auto& tally = tallies_[{code, where.file}];
    if (++tally.seen > kept_per_code_and_file) {
        ++tally.dropped;
        tally.severity = std::max(tally.severity, s);
        tally.last = std::move(where);
        return;
    }
    items_.push_back({s, std::move(code), text::valid_utf8(message), std::move(where)});
}

void Diagnostics::append(const Diagnostics& other) {
    for (const auto& d : other.items_) add(d.severity, d.code, d.message, d.location);
    for (const auto& [key, t] : other.tallies_) {
        if (t.dropped == 0) continue;
        auto& mine = tallies_[key];
        mine.seen += t.dropped;
        mine.dropped += t.dropped;
        mine.severity = std::max(mine.severity, t.severity);
        mine.last = t.last;
        if (t.severity == Severity::error) errors_ += t.dropped;
    }
}

std::size_t Diagnostics::warning_count() const {
    auto n =
        static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(), [](const auto& d) {
            return d.severity == Severity::warning;
        }));
    for (const auto& [key, tally] : tallies_)
        if (tally.severity == Severity::warning) n += tally.dropped;
    return n;
}

std::vector<Diagnostic> Diagnostics::sorted() const {
    auto out = items_;
    for (const auto& [key, tally] : tallies_)
        if (tally.dropped > 0)
            out.push_back({tally.severity, key.first,
                           fmt::format("… and {} more {} in this file (the first {} are shown; "
                                       "the last is here)",
                                       tally.dropped, key.first, kept_per_code_and_file),
                           tally.last});
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.location.file, a.location.line, a.location.column, a.code, a.message) <
               std::tie(b.location.file, b.location.line, b.location.column, b.code, b.message);
    });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const Diagnostic& a, const Diagnostic& b) {
                              return a.severity == b.severity && a.code == b.code &&
                                     a.message == b.message && a.location.file == b.location.file &&
                                     a.location.cell == b.location.cell &&
                                     a.location.line == b.location.line &&
                                     a.location.column == b.location.column;
                          }),
              out.end());
    return out;
}

std::string column_letters(std::uint32_t column) {
    std::string letters;
    for (std::uint32_t c = column; c > 0; c = (c - 1) / 26)
        letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    return letters;
}

Location cell_location(std::string file, const std::string& sheet, std::uint32_t row,
                       std::uint32_t column) {
    return {std::move(file), row, column,
            fmt::format("{}!{}{}", sheet, column_letters(column), row)};
}

const char* to_string(Severity s) {
    switch (s) {
        case Severity::note:
            return "note";
        case Severity::warning:
            return "warning";
        case Severity::error:
            return "error";
    }
    return "?";
}

std::string format_text(const Diagnostics& d) {
    std::string out;
    for (const auto& x : d.sorted()) {
        const auto& l = x.location;
        if (!l.cell.empty())
            out += fmt::format("{}:{}: ", l.file, l.cell);
        else if (l.line > 0)
            out += fmt::format("{}:{}:{}: ", l.file, l.line, std::max<std::uint32_t>(l.column, 1));
        else if (!l.file.empty())
            out += fmt::format("{}: ", l.file);
        out += fmt::format("{}[{}]: {}\n", to_string(x.severity), x.code, x.message);
    }
    return out;
}

std::string format_json(const Diagnostics& d) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& x : d.sorted()) {
        list.push_back({{"severity", to_string(x.severity)},
                        {"code", x.code},
                        {"message", x.message},
                        {"file", x.location.file},
                        {"line", x.location.line},
                        {"column", x.location.column}});
        if (!x.location.cell.empty()) list.back()["cell"] = x.location.cell;
    }
    nlohmann::ordered_json doc = {
        {"diagnostics", list}, {"errors", d.error_count()}, {"warnings", d.warning_count()}};
    return doc.dump(2) + "\n";
}

}  // namespace griexport
