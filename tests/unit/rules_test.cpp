// The rules engine end to end on small organisations: each construct of the expression
// language, fallbacks and overrides, standard versions, compliance and the domain checks.
#include <fmt/format.h>

#include <boost/test/unit_test.hpp>

#include "griexport/evaluate.hpp"
#include "rules/evaluator.hpp"
#include "test_support.hpp"

using namespace griexport;

namespace {

Evaluation run(const test::ScratchFolder& f) {
    LoadOptions o;
    o.data_dir = test::source_dir();
    return evaluate_organisation(f.path(), o);
}

std::string rules_file(const std::string& body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rules>\n" + body + "</rules>\n";
}

// One value rule on 305-4-a (in scope for the base's emissions topic, no default rule).
std::string value_rule(const std::string& expression, const std::string& unit = "t CO2e",
                       int precision = 0, const std::string& years = "current") {
    return rules_file(
        "  <rule id=\"t.r\" disclosure=\"305-4\" requirement=\"a\">\n    <value unit=\"" + unit +
        "\" precision=\"" + std::to_string(precision) + "\" years=\"" + years + "\">" + expression +
        "</value>\n  </rule>\n");
}

// Facts of rule t.r as "year=value unit".
std::vector<std::string> facts_of(const Evaluation& ev, const std::string& rule = "t.r") {
    std::vector<std::string> out;
    if (!ev.disclosures) return out;
    for (const auto& f : ev.disclosures->facts)
        if (f.provenance.rule == rule)
            out.push_back(std::to_string(f.year) + "=" + f.value.value.to_string() + " " +
                          ev.dataset->units.get(f.value.unit).id);
    return out;
}

std::vector<std::string> eval_facts(const std::string& rules) {
    test::ScratchFolder f("rules");
    f.copy_base();
    f.write("rules.xml", rules);
    auto ev = run(f);
    BOOST_REQUIRE_MESSAGE(!ev.diagnostics.has_errors(), format_text(ev.diagnostics));
    return facts_of(ev);
}

// organisation.xml for a period and the material topics given as <topic> elements.
std::string organisation_xml(const std::string& start, const std::string& end,
                             const std::string& topics) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<organisation>\n"
           "  <name><sv>T</sv><en>T</en></name>\n"
           "  <organisation-number>232100-0000</organisation-number>\n"
           "  <reporting-period start=\"" +
           start + "\" end=\"" + end +
           "\"/>\n  <base-year>2018</base-year>\n  <languages>sv en</languages>\n"
           "  <claim sought=\"in-accordance\"/>\n  <material-topics>" +
           topics + "</material-topics>\n</organisation>\n";
}

std::string first_error(const std::string& rules) {
    test::ScratchFolder f("rules-error");
    f.copy_base();
    f.write("rules.xml", rules);
    auto ev = run(f);
    for (const auto& d : ev.diagnostics.sorted())
        if (d.severity == Severity::error) return d.code + " " + d.message;
    return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rules)

BOOST_AUTO_TEST_CASE(the_observation_index_lists_a_year_in_file_order) {
    // Rows of three indicators, years and indicators interleaved, some restated under a
    // later definition version (looked up apart) and some with a dimension.
    Dataset ds;
    ds.indicators.resize(3);
    ds.dimension_values = {"", "v2", "Falun"};
    auto row = [&](std::uint32_t indicator, int year, DimensionValueId restated = 0,
                   DimensionValueId area = 0) {
        Observation o;
        o.indicator = indicator;
        o.year = year;
        o.restated_as = restated;
        o.dimensions[0] = area;
        ds.observations.push_back(o);
    };
    row(1, 2021);        // 0
    row(0, 2020);        // 1
    row(1, 2019, 0, 2);  // 2: Falun
    row(1, 2021, 1);     // 3: restated
    row(1, 2019);        // 4
    row(0, 2020, 0, 2);  // 5: Falun
    row(1, 2021, 0, 2);  // 6: Falun
    griexport::rules::ObservationIndex idx(ds);
    auto at = [&](std::uint32_t indicator, int year) {
        auto rows = idx.at(indicator, year);
        return std::vector<std::uint32_t>(rows.begin(), rows.end());
    };
    BOOST_TEST(at(1, 2021) == (std::vector<std::uint32_t>{0, 6}));
    BOOST_TEST(at(1, 2019) == (std::vector<std::uint32_t>{2, 4}));
    BOOST_TEST(at(0, 2020) == (std::vector<std::uint32_t>{1, 5}));
    BOOST_TEST(at(0, 2021).empty());
    BOOST_TEST(at(2, 2020).empty());
    BOOST_TEST(at(7, 2020).empty());  // no such indicator
    BOOST_TEST(idx.total(1, 2019) == &ds.observations[4]);
    BOOST_TEST(idx.restated(1, 2021, "v2") == &ds.observations[3]);
    BOOST_TEST(idx.first_total_year(1) == 2019);
    BOOST_TEST(idx.first_total_year(2) == 0);
}

BOOST_AUTO_TEST_CASE(value_reads_the_total_of_a_year) {
    // The base's climate accounts: 2018 parts 100 + 200, total 300.
    BOOST_TEST(eval_facts(value_rule("value(climate, year=base)")) ==
               std::vector<std::string>{"2021=300 t CO2e"});
    BOOST_TEST(eval_facts(value_rule("value(\"1.1\", year=2018)")) ==
               std::vector<std::string>{"2021=300 t CO2e"});
}

BOOST_AUTO_TEST_CASE(dimension_filters_select_parts) {
    BOOST_TEST(eval_facts(value_rule("value(climate, year=base, area=\"b\")")) ==
               std::vector<std::string>{"2021=200 t CO2e"});
    BOOST_TEST(eval_facts(value_rule("sum(climate, year=base, area=\"*\")")) ==
               std::vector<std::string>{"2021=300 t CO2e"});
    BOOST_TEST(eval_facts(value_rule("max(climate, year=base, area=\"*\")")) ==
               std::vector<std::string>{"2021=200 t CO2e"});
    BOOST_TEST(eval_facts(value_rule("min(climate, year=base, area=\"*\")")) ==
               std::vector<std::string>{"2021=100 t CO2e"});
    BOOST_TEST(eval_facts(value_rule("count(climate, year=base, area=\"*\")", "count")) ==
               std::vector<std::string>{"2021=2 count"});
}

BOOST_AUTO_TEST_CASE(period_offsets_and_years) {
    BOOST_TEST(eval_facts(value_rule("value(\"1.2\", year=current - 2)", "%", 1)) ==
               std::vector<std::string>{"2021=14.5 %"});
    BOOST_TEST(eval_facts(value_rule("value(\"1.2\")", "%", 1, "base previous current 2019")) ==
               (std::vector<std::string>{"2021=11.0 %", "2019=14.5 %"}));
}

BOOST_AUTO_TEST_CASE(arithmetic_is_exact_and_rounds_half_even_at_the_end) {
    BOOST_TEST(eval_facts(value_rule("value(climate, year=base) / 3", "t CO2e", 2)) ==
               std::vector<std::string>{"2021=100.00 t CO2e"});
    BOOST_TEST(eval_facts(value_rule("value(climate, year=base) * 0.125", "t CO2e", 1)) ==
               std::vector<std::string>{"2021=37.5 t CO2e"});
    // 0.125 × 300 = 37.5 rounds half-even to 38; 0.0625 × 300 = 18.75 to 18.8.
    BOOST_TEST(eval_facts(value_rule("value(climate, year=base) * 0.125", "t CO2e", 0)) ==
               std::vector<std::string>{"2021=38 t CO2e"});
    BOOST_TEST(eval_facts(value_rule("round(2.5, 0) + abs(-1)", "count")) ==
               std::vector<std::string>{"2021=3 count"});
}

// Fuzzing found 34028236692 / 1.000000000000000000 published as -0.09 (an unchecked
// __int128 product). The quotient is exact; where it cannot be, rule.overflow. (A literal
// holds at most 18 significant digits, hence 17 decimals here.)
BOOST_AUTO_TEST_CASE(division_by_a_divisor_with_many_decimals_is_exact) {
    BOOST_TEST(eval_facts(value_rule("value(climate, year=base) / 300 * 34028236692 / "
                                     "1.00000000000000000",
                                     "t CO2e", 2)) ==
               std::vector<std::string>{"2021=34028236692.00 t CO2e"});
    BOOST_TEST(eval_facts(value_rule("pct_change(34028236692, 34028236692 * 2)", "%", 1)) ==
               std::vector<std::string>{"2021=100.0 %"});
    BOOST_TEST(first_error(value_rule("900000000000000000 / 0.001")).starts_with("rule.overflow"));
}

// round(1.55, 0.1) rounded to one place (the coefficient), round(X, 2.5) to 25.
BOOST_AUTO_TEST_CASE(round_takes_whole_places_in_range) {
    BOOST_TEST(first_error(value_rule("round(1.55, 0.1)", "count")).starts_with("rule.arguments"));
    BOOST_TEST(first_error(value_rule("round(1.55, current - 2000)", "count"))
                   .starts_with("rule.arguments"));
    BOOST_TEST(eval_facts(value_rule("round(1.55, 1.0) * 10", "count")) ==
               std::vector<std::string>{"2021=16 count"});
    BOOST_TEST(eval_facts(value_rule("round(value(climate, year=base), -2)", "t CO2e")) ==
               std::vector<std::string>{"2021=300 t CO2e"});
}

BOOST_AUTO_TEST_CASE(units_convert_only_by_declared_factors) {
    BOOST_TEST(
        eval_facts(value_rule("convert(value(climate, year=base), \"kg CO2e\")", "kg CO2e")) ==
        std::vector<std::string>{"2021=300000 kg CO2e"});
    BOOST_TEST(first_error(value_rule("convert(value(climate, year=base), \"MWh\")", "MWh"))
                   .starts_with("rule.unit-mismatch"));
    BOOST_TEST(first_error(value_rule("value(climate, year=base)", "kg CO2e")) ==
               "rule.unit-mismatch rule 't.r': the expression gives 't CO2e' but the rule "
               "declares 'kg CO2e'; wrap it in convert()");
}

// An intensity: a value divided by a value in another unit is in the unit per that unit;
// a rule without a unit takes it, one with a unit must match it (convert() between).
BOOST_AUTO_TEST_CASE(a_quotient_of_units_is_an_intensity) {
    const std::string per =
        "value(climate, year=base) / convert(count(climate, year=base, area=\"*\"), \"st\")";
    BOOST_TEST(eval_facts(rules_file(fmt::format("  <rule id=\"t.r\" disclosure=\"305-4\" "
                                                 "requirement=\"a\"><value precision=\"1\">{}"
                                                 "</value></rule>\n",
                                                 per))) ==
               std::vector<std::string>{"2021=150.0 t CO2e/count"});
    BOOST_TEST(eval_facts(value_rule(per, "t CO2e/st", 0)) ==
               std::vector<std::string>{"2021=150 t CO2e/count"});
    BOOST_TEST(eval_facts(value_rule(fmt::format("convert({}, \"kg CO2e/st\")", per),
                                     "kg CO2e/count", 0)) ==
               std::vector<std::string>{"2021=150000 kg CO2e/count"});
    BOOST_TEST(first_error(value_rule(per, "kg CO2e/count")) ==
               "rule.unit-mismatch rule 't.r': the expression gives 't CO2e/count' but the rule "
               "declares 'kg CO2e/count'; wrap it in convert()");
    // An intensity of an intensity has no unit griexport can name.
    BOOST_TEST(
        first_error(value_rule(fmt::format("({}) / convert(2, \"kg\")", per), "t CO2e/count"))
            .starts_with("rule.unit-mismatch"));
    BOOST_TEST(first_error(value_rule("1", "kWh/fot"))
                   .starts_with("unit.unknown unknown unit "
                                "'kWh/fot'; known: t CO2e"));
}

BOOST_AUTO_TEST_CASE(percent_change_and_progress) {
    BOOST_TEST(eval_facts(value_rule("pct_change(value(\"1.2\", year=2019), value(\"1.2\"))", "%",
                                     1)) == std::vector<std::string>{"2021=-24.1 %"});
    // Target for 1.2: at least 25 % by 2025 from 14.5 in 2019; 11.0 is −33.3 % of the way.
    BOOST_TEST(eval_facts(value_rule("progress(\"1.2\")", "%", 1)) ==
               std::vector<std::string>{"2021=-33.3 %"});
    BOOST_TEST(eval_facts(value_rule("target(\"1.2\")", "%", 0)) ==
               std::vector<std::string>{"2021=25 %"});
}

BOOST_AUTO_TEST_CASE(rules_reference_rules_in_dependency_order) {
    // t.r is written first but needs t.base, defined after it.
    auto r = rules_file(
        "  <rule id=\"t.r\" disclosure=\"305-4\" requirement=\"a\">\n"
        "    <value unit=\"t CO2e\" precision=\"0\">rule(\"t.base\") * 2</value>\n  </rule>\n"
        "  <rule id=\"t.base\" disclosure=\"305-4\" requirement=\"b\">\n"
        "    <value unit=\"t CO2e\" precision=\"0\">value(climate, year=base)</value>\n"
        "  </rule>\n");
    BOOST_TEST(eval_facts(r) == std::vector<std::string>{"2021=600 t CO2e"});
}

BOOST_AUTO_TEST_CASE(missing_inputs_fall_back_to_the_stated_omission) {
    test::ScratchFolder f("fallback");
    f.copy_base();
    f.write("rules.xml",
            rules_file("  <rule id=\"t.r\" disclosure=\"305-4\" requirement=\"a\">\n"
                       "    <value unit=\"t CO2e\" precision=\"0\">value(climate, scope=\"1\")"
                       "</value>\n    <otherwise reason=\"information-unavailable\"><sv>Saknas."
                       "</sv><en>Missing.</en></otherwise>\n  </rule>\n"));
    auto ev = run(f);
    BOOST_REQUIRE(ev.disclosures);
    BOOST_TEST(facts_of(ev).empty());
    const auto* e = ev.disclosures->find("305-4");
    BOOST_REQUIRE(e);
    BOOST_TEST(to_string(e->status) == std::string("omitted"));
    BOOST_REQUIRE(e->omissions.size() == 1u);
    const auto& om = ev.disclosures->omissions[e->omissions[0]];
    BOOST_TEST(om.fallback);
    BOOST_TEST(om.requirement == 'a');
    BOOST_TEST(om.reason == "information-unavailable");
    for (const auto& d : ev.diagnostics.items())
        BOOST_TEST(d.message.find("'t.r'") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_override_replaces_the_default_rule) {
    test::ScratchFolder f("override");
    f.copy_base();
    f.write("rules.xml",
            rules_file("  <rule id=\"emissions.305-5-a\" disclosure=\"305-5\" requirement=\"a\" "
                       "override=\"true\">\n    <value unit=\"t CO2e\" precision=\"0\">"
                       "value(climate, year=base)</value>\n  </rule>\n"));
    auto ev = run(f);
    BOOST_REQUIRE(ev.disclosures);
    BOOST_TEST(facts_of(ev, "emissions.305-5-a") == std::vector<std::string>{"2021=300 t CO2e"});
    const Rule* r = ev.mappings->rules.find("emissions.305-5-a");
    BOOST_REQUIRE(r);
    BOOST_TEST(r->from_organisation);
}

BOOST_AUTO_TEST_CASE(division_by_zero_is_an_error_at_the_divisor) {
    auto msg = first_error(value_rule("value(climate, year=base) / (1 - 1)"));
    BOOST_TEST(msg == "rule.division-by-zero rule 't.r': '1 - 1' is zero");
}

BOOST_AUTO_TEST_CASE(static_checks_run_before_evaluation) {
    BOOST_TEST(first_error(value_rule("value(\"1.1\", sex=\"K\")")).starts_with("rule.arguments"));
    BOOST_TEST(
        first_error(value_rule("value(\"1.1\", year=2018, 2)")).starts_with("rule.arguments"));
    BOOST_TEST(first_error(value_rule("convert(1)")).starts_with("rule.arguments"));
    BOOST_TEST(first_error(value_rule("rule(\"nobody\")")).starts_with("rule.unknown-rule"));
    BOOST_TEST(
        first_error(value_rule("value(\"1.1\") + somewhere")).starts_with("rule.unknown-name"));
    BOOST_TEST(first_error(rules_file("  <rule id=\"t.r\" disclosure=\"305-4\" requirement=\"z\">"
                                      "<narrative/></rule>\n"))
                   .starts_with("rule.unknown-requirement"));
    BOOST_TEST(first_error(rules_file("  <rule id=\"t.r\" disclosure=\"305-1\" requirement=\"a\" "
                                      "concept=\"SomethingElse\"><narrative/></rule>\n"))
                   .starts_with("rule.concept-mismatch"));
}

BOOST_AUTO_TEST_CASE(the_standard_in_force_follows_the_reporting_period) {
    auto scope_of = [](const std::string& start, const std::string& end) {
        test::ScratchFolder f("versions");
        f.copy_base();
        f.write("organisation.xml",
                organisation_xml(start, end,
                                 "<topic id=\"emissions\" goals=\"1.1\"/><topic id=\"energy\"/>"));
        auto ev = run(f);
        BOOST_REQUIRE_MESSAGE(ev.disclosures, format_text(ev.diagnostics));
        return ev.disclosures->standards_used;
    };
    // 2021: GRI 2 and 3 adopted early (effective 2023, nothing else in force), 305 and 302.
    auto y2021 = scope_of("2021-01-01", "2021-12-31");
    BOOST_TEST((std::find(y2021.begin(), y2021.end(), "GRI 305") != y2021.end()));
    BOOST_TEST((std::find(y2021.begin(), y2021.end(), "GRI 102") == y2021.end()));
    BOOST_TEST((std::find(y2021.begin(), y2021.end(), "GRI 2") != y2021.end()));
    // 2026: GRI 102 is published but 305 is still in force: no early switch.
    auto y2026 = scope_of("2026-01-01", "2026-12-31");
    BOOST_TEST((std::find(y2026.begin(), y2026.end(), "GRI 102") == y2026.end()));
    // 2027: GRI 102 and 103 replace 305-1…5 and 302; 305 stays for 305-6 and 305-7.
    auto y2027 = scope_of("2027-01-01", "2027-12-31");
    BOOST_TEST((std::find(y2027.begin(), y2027.end(), "GRI 102") != y2027.end()));
    BOOST_TEST((std::find(y2027.begin(), y2027.end(), "GRI 103") != y2027.end()));
    BOOST_TEST((std::find(y2027.begin(), y2027.end(), "GRI 302") == y2027.end()));
}

BOOST_AUTO_TEST_CASE(the_same_indicator_maps_to_the_disclosure_in_force) {
    test::ScratchFolder f("remap");
    f.copy_base();
    f.write("organisation.xml", organisation_xml("2027-01-01", "2027-12-31",
                                                 "<topic id=\"emissions\" goals=\"1.1\"/>"));
    f.write("climate-accounts.csv",
            "post,year,measure,compared_with,value,unit,model,source\n"
            "total,2018,emissions,,300,t CO2e,M1,kb\n"
            "total,2027,emissions,,150,t CO2e,M1,kb\n");
    auto ev = run(f);
    BOOST_REQUIRE_MESSAGE(ev.disclosures, format_text(ev.diagnostics));
    BOOST_TEST(!ev.disclosures->find("305-5"));
    BOOST_TEST(!ev.disclosures->find("305-1"));
    BOOST_TEST(ev.disclosures->find("305-6"));
    BOOST_TEST(ev.disclosures->find("102-5"));
    // 102-4-b: progress toward −75 % by 2030: 150 of the way from 300 to 75 is 66.7 %.
    BOOST_TEST(facts_of(ev, "emissions.102-4-b") == std::vector<std::string>{"2027=66.7 %"});
}

// A batch loads the catalogue once and shares it: each organisation must see the same
// catalogue, its sources and every location in them as when it loads its own.
BOOST_AUTO_TEST_CASE(a_shared_catalogue_evaluates_as_a_catalogue_of_its_own) {
    LoadOptions own;
    own.data_dir = test::source_dir();
    LoadOptions shared = own;
    shared.catalogue = load_shared_catalogue(own);
    BOOST_REQUIRE(shared.catalogue && !shared.catalogue->diagnostics.has_errors());
    auto folder = test::source_dir() / "samples" / "region-dalarna";
    auto a = evaluate_organisation(folder, own);
    auto b = evaluate_organisation(folder, shared);
    BOOST_REQUIRE(a.disclosures && b.disclosures);
    BOOST_REQUIRE(a.dataset->sources.size() == b.dataset->sources.size());
    for (std::size_t i = 0; i < a.dataset->sources.size(); ++i) {
        BOOST_TEST(a.dataset->sources[i].path == b.dataset->sources[i].path);
        BOOST_TEST(a.dataset->sources[i].sha256 == b.dataset->sources[i].sha256);
    }
    const auto& ca = a.mappings->catalogue;
    const auto& cb = b.mappings->catalogue;
    BOOST_REQUIRE(ca.disclosures.size() == cb.disclosures.size());
    BOOST_REQUIRE(!ca.disclosures.empty());
    auto same = [&](const SourceRef& x, const SourceRef& y) {
        auto lx = a.dataset->location(x);
        auto ly = b.dataset->location(y);
        return lx.file == ly.file && lx.line == ly.line && lx.column == ly.column;
    };
    for (std::size_t i = 0; i < ca.disclosures.size(); ++i) {
        BOOST_TEST(same(ca.disclosures[i].source, cb.disclosures[i].source));
        for (std::size_t r = 0; r < ca.disclosures[i].requirements.size(); ++r)
            BOOST_TEST(same(ca.disclosures[i].requirements[r].source,
                            cb.disclosures[i].requirements[r].source));
    }
    for (std::size_t i = 0; i < ca.standards.size(); ++i)
        BOOST_TEST(same(ca.standards[i].source, cb.standards[i].source));
    BOOST_TEST(cb.find_disclosure("305-5") != nullptr);
    BOOST_TEST(a.diagnostics.items().size() == b.diagnostics.items().size());
    BOOST_TEST(a.disclosures->disclosures.size() == b.disclosures->disclosures.size());
}

BOOST_AUTO_TEST_SUITE_END()
