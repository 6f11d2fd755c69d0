#include "griexport/units.hpp"

#include <boost/test/unit_test.hpp>

using namespace griexport;

BOOST_AUTO_TEST_SUITE(units)

BOOST_AUTO_TEST_CASE(same_unit_adds_other_units_refuse) {
    UnitRegistry r;
    auto t =
        r.add({"t CO2e", "ghg-mass", "utr:tCO2e", "ton CO2e", "t CO2e", "ghgEmissionsItemType"});
    auto mwh = r.add({"MWh", "energy", "utr:MWh", "MWh", "MWh", "energyItemType"});
    Quantity a{*Decimal::parse("1191"), t}, b{*Decimal::parse("3407"), t},
        e{*Decimal::parse("5"), mwh};
    BOOST_TEST((a + b).value.to_string() == "4598");
    BOOST_CHECK_THROW(a + e, UnitMismatch);
    BOOST_CHECK_THROW(a - e, UnitMismatch);
}

BOOST_AUTO_TEST_CASE(converts_only_by_declared_factors) {
    UnitRegistry r;
    auto kg = r.add({"kg CO2e", "ghg-mass", "", "kg CO2e", "kg CO2e", ""});
    auto t =
        r.add({"t CO2e", "ghg-mass", "utr:tCO2e", "ton CO2e", "t CO2e", "ghgEmissionsItemType"});
    auto gj = r.add({"GJ", "energy", "utr:GJ", "GJ", "GJ", "energyItemType"});
    r.add_conversion(kg, t, *Decimal::parse("0.001"));
    auto q = convert(r, {*Decimal::parse("1500"), kg}, t);
    BOOST_TEST(q.value.to_string() == "1.5");
    BOOST_TEST(q.unit == t);
    BOOST_CHECK_THROW(convert(r, {*Decimal::parse("1"), t}, kg), UnitMismatch);  // not declared
    BOOST_CHECK_THROW(convert(r, {*Decimal::parse("1"), kg}, gj), UnitMismatch);
    BOOST_TEST(r.find("t CO2e").value() == t);
    BOOST_TEST(!r.find("ton"));
}

BOOST_AUTO_TEST_SUITE_END()
