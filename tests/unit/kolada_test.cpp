#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

using namespace griexport;

BOOST_AUTO_TEST_SUITE(kolada)

BOOST_AUTO_TEST_CASE(imports_values_by_kpi_with_gender) {
    test::ScratchFolder f("kolada");
    f.copy_base();
    auto r = test::load(f.path());
    BOOST_REQUIRE_MESSAGE(!r.diagnostics.has_errors(), format_text(r.diagnostics));
    const auto& ds = *r.dataset;
    auto ind = *ds.indicator_index("1.3");
    int total = 0, women = 0;
    for (const auto& o : ds.observations) {
        if (o.indicator != ind) continue;
        auto g = o.dimensions[std::size_t(Dimension::gender)];
        if (!g) {
            ++total;
            BOOST_TEST(o.value.value.to_string() == "6.5");
        } else if (ds.dimension_value(g) == "K") {
            ++women;
            BOOST_TEST(o.value.value.to_string() == "7.1");
        }
        BOOST_TEST(ds.sources[o.origin.file].path == "kolada/sjuk.json");
        BOOST_TEST(o.origin.line == 1u);
    }
    BOOST_TEST(total == 1);
    BOOST_TEST(women == 1);
}

BOOST_AUTO_TEST_CASE(keeps_exact_decimals_and_skips_nulls) {
    test::ScratchFolder f("kolada-exact");
    f.copy_base();
    f.write("kolada/sjuk.json",
            "{\"values\":[{\"kpi\":\"U00001\",\"municipality\":\"0099\",\"period\":2020,\n"
            "\"values\":[{\"gender\":\"T\",\"value\":0.1},{\"gender\":\"M\",\"value\":null}]}]}");
    auto r = test::load(f.path());
    BOOST_REQUIRE_MESSAGE(!r.diagnostics.has_errors(), format_text(r.diagnostics));
    int n = 0;
    for (const auto& o : r.dataset->observations)
        if (o.year == 2020 && o.indicator == *r.dataset->indicator_index("1.3")) {
            ++n;
            BOOST_TEST(o.value.value.to_string() == "0.1");
            BOOST_TEST(o.origin.line == 2u);
        }
    BOOST_TEST(n == 1);
}

BOOST_AUTO_TEST_CASE(other_municipality_is_a_warning_and_is_skipped) {
    test::ScratchFolder f("kolada-other");
    f.copy_base();
    f.write("kolada/sjuk.json",
            "{\"values\":[{\"kpi\":\"U00001\",\"municipality\":\"0180\",\"period\":2020,"
            "\"values\":[{\"gender\":\"T\",\"value\":5}]}]}");
    auto r = test::load(f.path());
    BOOST_TEST(!r.diagnostics.has_errors());
    BOOST_TEST(test::has_code(r.diagnostics, "kolada.other-municipality"));
}

BOOST_AUTO_TEST_CASE(wrong_shape_and_syntax_are_errors_with_location) {
    test::ScratchFolder f("kolada-bad");
    f.copy_base();
    f.write("kolada/sjuk.json", "{\"rows\":[]}");
    auto r = test::load(f.path());
    BOOST_TEST(test::has_code(r.diagnostics, "kolada.shape"));
    f.write("kolada/sjuk.json", "{\"values\":[1,]}");
    auto r2 = test::load(f.path());
    BOOST_TEST(test::has_code(r2.diagnostics, "json.syntax"));
    BOOST_TEST(r2.diagnostics.items()[0].location.line == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
