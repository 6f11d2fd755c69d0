#include "griexport/date.hpp"

#include <fmt/format.h>

namespace griexport {
namespace {
bool leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
int days_in(int y, int m) {
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : d[m - 1];
}
}  // namespace

std::optional<Date> Date::parse_iso(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto num = [&](std::size_t at, std::size_t n) -> int {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    Date d{num(0, 4), num(5, 2), num(8, 2)};
    if (d.year < 1900 || d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
    if (d.day > days_in(d.year, d.month)) return std::nullopt;
    return d;
}

std::string Date::iso() const {
    return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

}  // namespace griexport
