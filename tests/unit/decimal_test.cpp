#include "griexport/decimal.hpp"

#include <boost/test/unit_test.hpp>

using griexport::Decimal;

namespace {
Decimal d(const char* s) {
    return *Decimal::parse(s);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(decimal)

BOOST_AUTO_TEST_CASE(parses_and_prints_in_c_locale) {
    BOOST_TEST(d("17860").to_string() == "17860");
    BOOST_TEST(d("-10.70").to_string() == "-10.70");
    BOOST_TEST(d("0.05").to_string() == "0.05");
    BOOST_TEST(Decimal::parse("14,5", ',')->to_string() == "14.5");
    BOOST_TEST(Decimal::parse("\xE2\x88\x92"
                              "3")
                   ->to_string() == "-3");  // U+2212
}

BOOST_AUTO_TEST_CASE(rejects_malformed_text_with_offset) {
    std::size_t at = 99;
    BOOST_TEST(!Decimal::parse("14.O", '.', &at));
    BOOST_TEST(at == 3u);
    BOOST_TEST(!Decimal::parse("", '.', &at));
    BOOST_TEST(!Decimal::parse("1 191", '.', &at));
    BOOST_TEST(at == 1u);
    BOOST_TEST(!Decimal::parse("14,5", '.', &at));
    BOOST_TEST(!Decimal::parse("1.", '.', &at));
    BOOST_TEST(!Decimal::parse(".5", '.', &at));
    BOOST_TEST(!Decimal::parse("99999999999999999999", '.', &at));
}

BOOST_AUTO_TEST_CASE(seed_parts_sum_exactly) {
    Decimal sum = d("1191") + d("3407") + d("12126") + d("1137");
    BOOST_TEST(sum.to_string() == "17861");
    BOOST_TEST(sum != d("17860"));
    BOOST_TEST((d("15940") - d("17860")).to_string() == "-1920");
}

BOOST_AUTO_TEST_CASE(rounds_half_even) {
    BOOST_TEST(d("2.5").rounded(0).to_string() == "2");
    BOOST_TEST(d("3.5").rounded(0).to_string() == "4");
    BOOST_TEST(d("-2.5").rounded(0).to_string() == "-2");
    BOOST_TEST(d("-3.5").rounded(0).to_string() == "-4");
    BOOST_TEST(d("1.2251").rounded(2).to_string() == "1.23");
    BOOST_TEST(d("1.225").rounded(2).to_string() == "1.22");
    BOOST_TEST(d("17860").rounded(-3).to_string() == "18000");
    BOOST_TEST(d("1.5").rounded(3).to_string() == "1.5");  // never adds digits
}

BOOST_AUTO_TEST_CASE(divides_to_declared_scale) {
    // 2021 against 2018: (15940 − 17860) / 17860 = −10.750…%
    Decimal change = Decimal::divide(d("-1920") * d("100"), d("17860"), 1);
    BOOST_TEST(change.to_string() == "-10.8");
    BOOST_TEST(Decimal::divide(d("1"), d("3"), 4).to_string() == "0.3333");
    BOOST_TEST(Decimal::divide(d("2"), d("-0.5"), 0).to_string() == "-4");
    BOOST_CHECK_THROW(Decimal::divide(d("1"), d("0"), 2), griexport::DivisionByZero);
}

BOOST_AUTO_TEST_CASE(compares_across_scales) {
    BOOST_TEST(d("14.50") == d("14.5"));
    BOOST_TEST(d("-1") < d("0.001"));
    BOOST_TEST(d("14.50").normalized().to_string() == "14.5");
}

BOOST_AUTO_TEST_CASE(overflow_throws_instead_of_wrapping) {
    Decimal big(INT64_MAX, 0);
    BOOST_CHECK_THROW(big + d("1"), griexport::DecimalOverflow);
    BOOST_CHECK_THROW(big * d("2"), griexport::DecimalOverflow);
    BOOST_CHECK_THROW(-Decimal(INT64_MIN, 0), griexport::DecimalOverflow);
}

// Fuzzing found division wrapping around __int128: 34028236692 / 1.000000000000000000 gave
// -0.09. The quotient is exact; a quotient that does not fit must throw, never wrap.
BOOST_AUTO_TEST_CASE(division_with_many_divisor_decimals_is_exact_or_throws) {
    // At 10 decimals the quotient needs 21 digits: it must throw, not wrap.
    const Decimal one_18(1'000'000'000'000'000'000, 18);  // 19 digits: made, not parsed
    BOOST_CHECK_THROW(Decimal::divide(d("34028236692"), one_18, 10), griexport::DecimalOverflow);
    BOOST_TEST(Decimal::divide(d("34028236692"), one_18, 7).to_string() == "34028236692.0000000");
    // The rules engine keeps as many decimals as fit.
    BOOST_TEST(Decimal::divide_to_fit(d("34028236692"), one_18, 10).to_string() ==
               "34028236692.00000000");
    BOOST_TEST(Decimal::divide_to_fit(d("-34028236692"), Decimal(1'000'000'000'000'000'001, 18), 10)
                   .to_string() == "-34028236691.99999997");
    BOOST_TEST(Decimal::divide_to_fit(d("1"), d("3"), 10).to_string() == "0.3333333333");
    BOOST_CHECK_THROW(Decimal::divide_to_fit(Decimal(INT64_MAX, 0), d("0.1"), 10),
                      griexport::DecimalOverflow);
    BOOST_CHECK_THROW(Decimal::divide(Decimal(INT64_MAX, 0), d("0.000000000000000001"), 0),
                      griexport::DecimalOverflow);
    BOOST_CHECK_THROW(Decimal::divide(d("922337203685477580"), d("0.1"), 1),
                      griexport::DecimalOverflow);
    BOOST_TEST(Decimal::divide(d("7"), d("2"), 0).to_string() == "4");  // half-even: 3.5 → 4
    BOOST_TEST(Decimal::divide(d("5"), d("2"), 0).to_string() == "2");  // 2.5 → 2
    BOOST_TEST(Decimal::divide(d("-5"), d("2"), 0).to_string() == "-2");
    BOOST_TEST(Decimal::divide(d("1"), d("-3"), 18).to_string() == "-0.333333333333333333");
}

// precision="-2147483648" looped 2^31 times and then divided by zero (SIGFPE).
BOOST_AUTO_TEST_CASE(rounding_to_any_int_is_safe) {
    BOOST_TEST(d("17860").rounded(INT32_MIN).to_string() == "0");
    BOOST_TEST(d("-17860.5").rounded(-19).to_string() == "0");
    BOOST_TEST(Decimal(INT64_MAX, 0).rounded(-18).to_string() == "9000000000000000000");
    BOOST_CHECK_THROW(Decimal(INT64_MAX, 0).rounded(-19), griexport::DecimalOverflow);
    BOOST_TEST(d("1.25").rounded(INT32_MAX).to_string() == "1.25");
    BOOST_TEST(Decimal(INT64_MIN, 18).rounded(-1).to_string() == "-10");
}

// Numbers beyond the exact range say what the range is, not "use '.' as separator".
BOOST_AUTO_TEST_CASE(parse_names_the_problem) {
    using P = Decimal::ParseProblem;
    P why = P::none;
    std::size_t at = 0;
    BOOST_TEST(!Decimal::parse("12345678901234567890", '.', &at, &why));
    BOOST_TEST((why == P::too_many_digits));
    BOOST_TEST(!Decimal::parse("0.1234567890123456789", '.', &at, &why));
    BOOST_TEST((why == P::too_many_decimals));
    BOOST_TEST(!Decimal::parse("1e400", '.', &at, &why));
    BOOST_TEST((why == P::exponent));
    BOOST_TEST(at == 1u);
    BOOST_TEST(!Decimal::parse("NaN", '.', &at, &why));
    BOOST_TEST((why == P::not_finite));
    BOOST_TEST(!Decimal::parse("-Infinity", '.', &at, &why));
    BOOST_TEST((why == P::not_finite));
    BOOST_TEST(!Decimal::parse("14.O", '.', &at, &why));
    BOOST_TEST((why == P::syntax));
    BOOST_TEST(Decimal::parse("99999999999999999.9", '.', &at, &why).has_value());
    BOOST_TEST((why == P::none));
    BOOST_TEST(Decimal::parse("000999999999999999999", '.', &at, &why).has_value());
    // The limit the docs state (18 significant digits) is the one enforced: 19 digits that
    // would fit a 64-bit coefficient are refused all the same.
    BOOST_TEST(!Decimal::parse("9000000000000000000", '.', &at, &why));
    BOOST_TEST((why == P::too_many_digits));
    BOOST_TEST(!Decimal::parse("-92233720368547758.07", '.', &at, &why));
    BOOST_TEST((why == P::too_many_digits));
    BOOST_TEST(Decimal::describe(P::too_many_digits).find("18 significant digits") !=
               std::string::npos);
}

// A chart's bar heights: the same whatever the C library's locale says of separators.
BOOST_AUTO_TEST_CASE(to_double_for_drawing) {
    BOOST_TEST(d("17860").to_double() == 17860.0);
    BOOST_TEST(d("-10.70").to_double() == -10.7, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(d("0.000000000000000001").to_double() == 1e-18, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_SUITE_END()
