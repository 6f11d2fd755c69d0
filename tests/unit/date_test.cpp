#include "griexport/date.hpp"

#include <boost/test/unit_test.hpp>

using griexport::Date;

BOOST_AUTO_TEST_SUITE(date)

BOOST_AUTO_TEST_CASE(days_since_the_epoch) {
    BOOST_TEST(Date(1970, 1, 1).days_since_epoch() == 0);
    BOOST_TEST(Date(1969, 12, 31).days_since_epoch() == -1);
    BOOST_TEST(Date(2000, 3, 1).days_since_epoch() == 11017);
    BOOST_TEST(Date(2021, 12, 31).days_since_epoch() == 18992);
    // SOURCE_DATE_EPOCH=1650000000 is 2022-04-15T05:20:00Z.
    BOOST_TEST(Date::from_days_since_epoch(1650000000 / 86400).iso() == "2022-04-15");
}

BOOST_AUTO_TEST_CASE(round_trips_across_leap_years_and_centuries) {
    for (std::int64_t d = -800000; d <= 800000; d += 997) {
        Date date = Date::from_days_since_epoch(d);
        BOOST_TEST(date.days_since_epoch() == d);
        BOOST_TEST(Date::parse_iso(date.iso()).has_value() ==
                   (date.year >= 1900 && date.year <= 9999));
    }
    BOOST_TEST(Date::from_days_since_epoch(Date(2024, 2, 29).days_since_epoch()).iso() ==
               "2024-02-29");
}

BOOST_AUTO_TEST_SUITE_END()
