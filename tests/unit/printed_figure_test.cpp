// The printed-figure rules the Inline XBRL writer tags numbers by.
#include "render/xhtml/printed_figure.hpp"

#include <boost/test/unit_test.hpp>

using namespace griexport;

BOOST_AUTO_TEST_SUITE(printed_figure)

BOOST_AUTO_TEST_CASE(swedish_negative_with_unit) {
    // ICU's Swedish: U+2212 minus, U+00A0 between the groups and before the unit.
    auto p = take_apart("\u22121\u00A0921\u00A0t CO2e (1) prel.");
    BOOST_TEST(p.before == "\u2212");
    BOOST_TEST(p.negative);
    BOOST_TEST(p.digits == "1\u00A0921");
    BOOST_TEST(p.after == "\u00A0t CO2e (1) prel.");
    BOOST_TEST(printed_value(p.digits, "sv")->to_string() == "1921");
}

BOOST_AUTO_TEST_CASE(english_groups_and_decimals) {
    auto p = take_apart("15,940.5 MWh");
    BOOST_TEST(!p.negative);
    BOOST_TEST(p.before.empty());
    BOOST_TEST(p.digits == "15,940.5");
    BOOST_TEST(printed_value(p.digits, "en")->to_string() == "15940.5");
    // Read as Swedish, the comma is the decimal mark: a different number.
    BOOST_TEST(printed_value("10,7", "sv")->to_string() == "10.7");
}

BOOST_AUTO_TEST_CASE(percent_sign_follows) {
    auto p = take_apart("\u221210,7\u00A0%");
    BOOST_TEST(p.negative);
    BOOST_TEST(p.digits == "10,7");
    BOOST_TEST(p.after == "\u00A0%");
    auto printed = printed_value(p.digits, "sv");
    // 10.7 % is 0.107 in XBRL: scale -2.
    BOOST_TEST(scale_between(*printed, "-0.107").value() == -2);
}

BOOST_AUTO_TEST_CASE(scale_only_when_exact) {
    auto printed = *Decimal::parse("15940");
    BOOST_TEST(scale_between(printed, "15940").value() == 0);
    BOOST_TEST(scale_between(printed, "15940000").value() == 3);
    // A rounded figure does not give the value: it is not tagged where printed.
    BOOST_TEST(!scale_between(printed, "15940.4").has_value());
    BOOST_TEST(!scale_between(*Decimal::parse("148.5"), "148.47").has_value());
    BOOST_TEST(!scale_between(printed, "not a number").has_value());
}

BOOST_AUTO_TEST_CASE(no_digits) {
    auto p = take_apart("–");
    BOOST_TEST(p.digits.empty());
    BOOST_TEST(!printed_value(p.digits, "sv").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
