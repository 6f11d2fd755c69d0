// Calendar dates as the programme writes them (ISO 8601, YYYY-MM-DD); no time zones.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace griexport {

struct Date {
    int year = 0;
    int month = 0;
    int day = 0;

    static std::optional<Date> parse_iso(std::string_view s);
    static Date first_of_year(int y) { return {y, 1, 1}; }
    static Date last_of_year(int y) { return {y, 12, 31}; }
    std::string iso() const;
    // Days since 1970-01-01 (proleptic Gregorian), and back: for ICU and SOURCE_DATE_EPOCH.
    std::int64_t days_since_epoch() const;
    static Date from_days_since_epoch(std::int64_t days);
    auto operator<=>(const Date&) const = default;
};

// A closed interval of dates; an open end is written as nullopt.
struct DateRange {
    Date from;
    std::optional<Date> to;
    bool contains(const Date& d) const { return from <= d && (!to || d <= *to); }
    bool overlaps(const DateRange& o) const {
        return (!to || o.from <= *to) && (!o.to || from <= *o.to);
    }
};

}  // namespace griexport
