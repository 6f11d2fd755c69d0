#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <map>

#include "test_support.hpp"

using namespace griexport;

namespace {

const Dataset& sample() {
    static LoadResult r = test::load(test::source_dir() / "samples" / "region-dalarna");
    BOOST_REQUIRE(r.dataset);
    BOOST_REQUIRE_MESSAGE(!r.diagnostics.has_errors(), format_text(r.diagnostics));
    return *r.dataset;
}

std::optional<std::string> climate(const Dataset& ds, const std::string& post, int year) {
    for (const auto& e : ds.climate_entries)
        if (e.post == post && e.year == year && e.role != ClimateRole::change)
            return e.value.value.to_string();
    return std::nullopt;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(loaders)

BOOST_AUTO_TEST_CASE(sample_has_the_programme_shape) {
    const auto& ds = sample();
    BOOST_TEST(ds.goals.size() == 31u);
    BOOST_TEST(ds.indicators.size() == 65u);
    BOOST_TEST(ds.organisation.name.sv == "Region Dalarna");
    BOOST_TEST(ds.organisation.base_year == 2018);
    BOOST_TEST(ds.organisation.reporting_period.from.iso() == "2021-01-01");
    BOOST_TEST(ds.organisation.reporting_period.to->iso() == "2021-12-31");
    BOOST_TEST(ds.actions.size() == 9u);
    BOOST_TEST(ds.sources.size() >= 5u);
    for (const auto& s : ds.sources) BOOST_TEST(s.sha256.size() == 64u);
}

BOOST_AUTO_TEST_CASE(sample_keeps_the_seed_climate_accounts_as_published) {
    const auto& ds = sample();
    BOOST_TEST(*climate(ds, "totalt", 2018) == "17860");
    BOOST_TEST(*climate(ds, "totalt", 2021) == "15940");
    BOOST_TEST(*climate(ds, "fastigheter", 2018) == "1191");
    BOOST_TEST(*climate(ds, "halso-och-sjukvard", 2021) == "10348");
    BOOST_TEST(*climate(ds, "placering-av-kapital", 2018) == "2095");
    BOOST_TEST(*climate(ds, "placering-av-kapital", 2021) == "5522");
    auto change = std::find_if(
        ds.climate_entries.begin(), ds.climate_entries.end(),
        [](const auto& e) { return e.post == "totalt" && e.role == ClimateRole::change; });
    BOOST_REQUIRE(change != ds.climate_entries.end());
    BOOST_TEST(change->value.value.to_string() == "-1921");
    BOOST_TEST(*change->compared_with == 2018);
}

BOOST_AUTO_TEST_CASE(climate_rows_become_observations_with_their_source_row) {
    const auto& ds = sample();
    auto ind = *ds.indicator_index("3.1");
    std::size_t parts_2018 = 0;
    for (const auto& o : ds.observations) {
        if (o.indicator != ind || o.year != 2018) continue;
        if (o.dimensions[std::size_t(Dimension::area)]) ++parts_2018;
        if (!o.dimensions[0] && !o.dimensions[1]) {
            BOOST_TEST(o.value.value.to_string() == "17860");
            BOOST_TEST(ds.sources[o.origin.file].path == "climate-accounts.csv");
            BOOST_TEST(o.origin.line == 10u);  // after four comment lines and the header
        }
    }
    BOOST_TEST(parts_2018 == 4u);
}

BOOST_AUTO_TEST_CASE(indicator_3_11_has_two_definitions_and_a_restatement) {
    const auto& ds = sample();
    const Indicator* ind = ds.find_indicator("3.11");
    BOOST_REQUIRE(ind);
    BOOST_REQUIRE(ind->definitions.size() == 2u);
    BOOST_TEST(ind->definition_on(Date{2020, 6, 1})->version == "1");
    BOOST_TEST(ind->definition_on(Date{2021, 6, 1})->version == "2");
    BOOST_TEST(ind->definitions[1].text.sv.find("paketering") != std::string::npos);
    BOOST_TEST(std::any_of(ds.restatements.begin(), ds.restatements.end(), [](const auto& r) {
        return r.indicator == "3.11" && r.to_version == "2";
    }));
    // Targets change over time: two target values for 2025, set in different years.
    BOOST_TEST(ind->targets.size() == 2u);
}

BOOST_AUTO_TEST_CASE(the_2030_goal_is_relative_to_2018) {
    const auto& ds = sample();
    const Indicator* ind = ds.find_indicator("3.1");
    BOOST_REQUIRE(ind && ind->targets.size() == 1u);
    BOOST_TEST(ind->targets[0].value.value.to_string() == "-75");
    BOOST_TEST(*ind->targets[0].relative_to_year == 2018);
    BOOST_TEST(ind->targets[0].year == 2030);
}

BOOST_AUTO_TEST_CASE(converts_observation_units_by_declared_factor) {
    test::ScratchFolder f("convert");
    f.copy_base();
    f.write("climate-accounts.csv",
            "post,year,measure,compared_with,value,unit,model,source\n"
            "a,2018,emissions,,100500,kg CO2e,M1,kb\n");
    auto r = test::load(f.path());
    BOOST_REQUIRE_MESSAGE(!r.diagnostics.has_errors(), format_text(r.diagnostics));
    BOOST_TEST(r.dataset->climate_entries[0].value.value.to_string() == "100.5");
}

BOOST_AUTO_TEST_CASE(decimal_comma_is_read_where_declared) {
    test::ScratchFolder f("comma");
    f.copy_base();
    f.write("observations.csv", "# decimal: comma\nindicator;year;value;unit\n1.2;2019;14,25;%\n");
    auto r = test::load(f.path());
    BOOST_REQUIRE_MESSAGE(!r.diagnostics.has_errors(), format_text(r.diagnostics));
    bool found = false;
    for (const auto& o : r.dataset->observations)
        if (o.year == 2019 && o.value.value.to_string() == "14.25") found = true;
    BOOST_TEST(found);
}

// Source, evidence and uncertainty are held once per distinct text: rows that repeat one
// share it, rows that give none have "", and the climate accounts' rows keep their source.
BOOST_AUTO_TEST_CASE(observation_texts_are_held_once) {
    test::ScratchFolder f("texts");
    f.copy_base();
    f.write("observations.csv",
            "indicator,year,value,unit,source,evidence,uncertainty\n"
            "1.2,2019,14,%,Kostenheten,bilaga 3,±2\n"
            "1.2,2020,15,%,Kostenheten,,\n"
            "1.2,2021,16,%,,bilaga 4,\n");
    f.write("climate-accounts.csv",
            "post,year,measure,compared_with,value,unit,model,source\n"
            "a,2018,emissions,,100,t CO2e,M1,Kostenheten\n");
    auto r = test::load(f.path());
    BOOST_REQUIRE_MESSAGE(!r.diagnostics.has_errors(), format_text(r.diagnostics));
    const Dataset& ds = *r.dataset;
    std::map<int, const Observation*> by_year;
    const Observation* climate_row = nullptr;
    for (const auto& o : ds.observations) {
        if (o.indicator == *ds.indicator_index("1.2")) by_year[o.year] = &o;
        if (o.year == 2018 && ds.observation_text(o.source) == "Kostenheten") climate_row = &o;
    }
    BOOST_REQUIRE(by_year.size() == 3u);
    BOOST_TEST(ds.observation_text(by_year[2019]->source) == "Kostenheten");
    BOOST_TEST(ds.observation_text(by_year[2019]->evidence) == "bilaga 3");
    BOOST_TEST(ds.observation_text(by_year[2019]->uncertainty) == "±2");
    BOOST_TEST(by_year[2020]->source == by_year[2019]->source);
    BOOST_TEST(ds.observation_text(by_year[2020]->evidence) == "");
    BOOST_TEST(ds.observation_text(by_year[2021]->source) == "");
    BOOST_TEST(ds.observation_text(by_year[2021]->evidence) == "bilaga 4");
    BOOST_REQUIRE(climate_row);
    BOOST_TEST(climate_row->source == by_year[2019]->source);
    BOOST_TEST(
        std::count(ds.observation_texts.begin(), ds.observation_texts.end(), "Kostenheten") == 1);
}

BOOST_AUTO_TEST_CASE(xml_entities_are_not_expanded) {
    test::ScratchFolder f("xxe");
    f.copy_base();
    f.write("narratives.xml",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE narratives [<!ENTITY x SYSTEM "
            "\"file:///etc/passwd\">]>\n"
            "<narratives><narrative disclosure=\"2-1\"><sv>&x;</sv></narrative></narratives>\n");
    auto r = test::load(f.path());
    // The file is refused at its DOCTYPE, and nothing of /etc/passwd reaches the model.
    BOOST_TEST(test::has_code(r.diagnostics, "xml.doctype"));
    BOOST_TEST(r.diagnostics.items()[0].location.line == 2u);
    BOOST_REQUIRE(r.dataset);
    for (const auto& n : r.dataset->narratives)
        BOOST_TEST(n.text.sv.find("root:") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
