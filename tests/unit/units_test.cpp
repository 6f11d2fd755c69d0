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

BOOST_AUTO_TEST_CASE(compound_units_convert_by_both_parts) {
    UnitRegistry r;
    auto kwh = r.add({"kWh", "energy", "utr:kWh", "kWh", "kWh", "energyItemType"});
    auto mwh = r.add({"MWh", "energy", "utr:MWh", "MWh", "MWh", "energyItemType"});
    auto m2 = r.add({"m²", "area", "", "m²", "m²", ""});
    auto t = r.add({"t CO2e", "ghg-mass", "", "ton CO2e", "t CO2e", ""});
    auto kg = r.add({"kg CO2e", "ghg-mass", "", "kg CO2e", "kg CO2e", ""});
    auto inh = r.add(
        {"inhabitants", "population", "", "invånare", "inhabitants", "", "invånare", "inhabitant"});
    auto th = r.add(
        {"thousand inhabitants", "population", "", "tusen invånare", "thousand inhabitants", ""});
    r.add_conversion(kwh, mwh, *Decimal::parse("0.001"));
    r.add_conversion(t, kg, *Decimal::parse("1000"));
    r.add_conversion(th, inh, *Decimal::parse("1000"));
    r.add_alias("m2", m2);
    r.add_alias("invånare", inh);

    // Written the way Swedish users write it, found as the same unit.
    auto a = r.find("kWh/m2");
    BOOST_REQUIRE(a);
    BOOST_TEST(r.get(*a).id == "kWh/m²");
    BOOST_TEST(r.find("kWh/m²").value() == *a);
    BOOST_TEST(r.find("kWh / m²").value() == *a);
    BOOST_TEST(r.label(*a, "sv") == "kWh/m²");
    auto b = *r.find("MWh/m²");
    BOOST_TEST(convert(r, {*Decimal::parse("152.5"), *a}, b).value.to_string() == "0.1525");
    BOOST_CHECK_THROW(convert(r, {*Decimal::parse("1"), b}, *a), UnitMismatch);  // not declared

    auto per_inh = *r.find("t CO2e/invånare");
    BOOST_TEST(r.label(per_inh, "sv") == "ton CO2e/invånare");
    BOOST_TEST(r.label(per_inh, "en") == "t CO2e/inhabitant");
    auto kg_per_inh = *r.find("kg CO2e/inhabitants");
    BOOST_TEST(convert(r, {*Decimal::parse("0.42"), per_inh}, kg_per_inh).value.to_string() ==
               "420");
    // Per thousand inhabitants is per 1000 inhabitants: the denominator converts inversely.
    auto kg_per_th = *r.find("kg CO2e/thousand inhabitants");
    BOOST_TEST(convert(r, {*Decimal::parse("0.42"), per_inh}, kg_per_th).value.to_string() ==
               "420000");
    BOOST_TEST(r.compound(t, inh) == per_inh);

    BOOST_TEST(!r.find("t CO2e/ton"));          // an unknown part
    BOOST_TEST(!r.find("kWh/m²/inhabitants"));  // compound of compound
    BOOST_TEST(!r.find("kWh/kWh"));
    BOOST_CHECK_THROW(r.compound(per_inh, m2), UnitMismatch);
    BOOST_TEST(!r.factor(kwh, *a));
    auto listed = r.known_ids();
    BOOST_TEST(listed.find("kWh, MWh, m²") != std::string::npos);
    BOOST_TEST(listed.find("also written: m2, invånare") != std::string::npos);
    BOOST_TEST(listed.find("kWh/m²") == std::string::npos);  // derived units are not listed
}

BOOST_AUTO_TEST_SUITE_END()
