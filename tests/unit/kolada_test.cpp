#include <fmt/format.h>

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

namespace {
// The errors of the base organisation with `json` as its Kolada file.
std::vector<Diagnostic> kolada_error_list(const std::string& json) {
    test::ScratchFolder f("kolada-defect");
    f.copy_base();
    f.write("kolada/sjuk.json", json);
    auto r = test::load(f.path());
    std::vector<Diagnostic> out;
    for (const auto& d : r.diagnostics.sorted())
        if (d.severity == Severity::error) out.push_back(d);
    return out;
}
// As "line:col code".
std::vector<std::string> kolada_errors(const std::string& json) {
    std::vector<std::string> out;
    for (const auto& d : kolada_error_list(json))
        out.push_back(std::to_string(d.location.line) + ":" + std::to_string(d.location.column) +
                      " " + d.code);
    return out;
}
std::string entry(const std::string& period, const std::string& gender = "\"T\"") {
    return "{\"values\":[{\"kpi\":\"U00001\",\"municipality\":\"0099\",\"period\":" + period +
           ",\"values\":[{\"gender\":" + gender + ",\"value\":5}]}]}";
}
}  // namespace

// Fuzzing: 300 000 levels (600 KB) parsed iteratively but freed recursively: a crash.
BOOST_AUTO_TEST_CASE(deep_nesting_is_refused_without_recursion) {
    std::string deep(300000, '[');
    deep += std::string(300000, ']');
    BOOST_TEST(kolada_errors(deep) == std::vector<std::string>{"1:65 json.syntax"});
    std::string deep_objects;
    for (int i = 0; i < 100000; ++i) deep_objects += "{\"a\":";
    BOOST_TEST(kolada_errors(deep_objects + "1").size() == 1u);
}

// atoi read 2021.9 as 2021, 1e3 as year 1 and 99999999999 as an overflowed year.
BOOST_AUTO_TEST_CASE(period_is_a_year_in_range) {
    BOOST_TEST(kolada_errors(entry("2021.9")) == std::vector<std::string>{"1:65 kolada.period"});
    BOOST_TEST(kolada_errors(entry("1e3")) == std::vector<std::string>{"1:62 kolada.period"});
    BOOST_TEST(kolada_errors(entry("99999999999")) ==
               std::vector<std::string>{"1:70 kolada.period"});
    BOOST_TEST(kolada_errors(entry("1899")) == std::vector<std::string>{"1:63 kolada.period"});
    BOOST_TEST(kolada_errors(entry("2020")).empty());
}

// A decoded \u0001 reached programme.xbrl, which was then not well-formed.
BOOST_AUTO_TEST_CASE(control_characters_in_values_are_refused) {
    BOOST_TEST(kolada_errors(entry("2020", "\"K\\u0001\"")) ==
               std::vector<std::string>{"1:92 kolada.shape"});
    BOOST_TEST(kolada_errors(entry("2020", "\"K\x01\"")) ==
               std::vector<std::string>{"1:86 io.control-character"});
}

// A parse error quoting half a UTF-8 sequence aborted --format json.
BOOST_AUTO_TEST_CASE(errors_quoting_broken_utf8_stay_valid_json) {
    test::ScratchFolder f("kolada-utf8");
    f.copy_base();
    f.write("kolada/sjuk.json", "{\"values\": \xC3}");
    auto r = test::load(f.path());
    BOOST_TEST(test::has_code(r.diagnostics, "io.utf8"));
    Diagnostics d;
    d.error("json.syntax", "syntax error while parsing value - invalid literal; last read: '\xC3'",
            {"kolada/x.json", 1, 12});
    d.error("io.file-name", "bad", {"kolada/sjukfr\xE5nvaro.json", 0, 0});
    std::string json;
    BOOST_CHECK_NO_THROW(json = format_json(d));
    BOOST_TEST(json.find("last read: '\\\\xC3'") != std::string::npos);
    BOOST_TEST(json.find("sjukfr\\\\xE5nvaro.json") != std::string::npos);
}

// Kolada as it comes (issue 17, item 7): a period written as a string, status "Prel",
// and messages that name the field and what was found there.
BOOST_AUTO_TEST_CASE(string_periods_prel_status_and_named_fields) {
    test::ScratchFolder f("kolada-17");
    f.copy_base();
    f.write("kolada/sjuk.json",
            "{\"values\":[{\"kpi\":\"U00001\",\"municipality\":\"0099\",\"period\":\"2020\","
            "\"values\":[{\"gender\":\"T\",\"status\":\"Prel\",\"value\":5.5}]}]}");
    auto r = test::load(f.path());
    BOOST_REQUIRE_MESSAGE(!r.diagnostics.has_errors(), format_text(r.diagnostics));
    int n = 0;
    for (const auto& o : r.dataset->observations)
        if (o.year == 2020 && o.indicator == *r.dataset->indicator_index("1.3")) {
            ++n;
            BOOST_TEST((o.status == ObservationStatus::preliminary));
            BOOST_TEST(o.value.value.to_string() == "5.5");
        }
    BOOST_TEST(n == 1);
    auto errors = [](const std::string& json) {
        std::string out;
        for (const auto& d : kolada_error_list(json)) out += d.code + ": " + d.message + "\n";
        return out;
    };
    BOOST_TEST(errors("{\"values\":[{\"kpi\":\"U00001\",\"municipality\":\"0099\",\"period\":"
                      "true,\"values\":[]}]}") ==
               "kolada.shape: \"period\" is a boolean; expected a year, as a number or a string\n");
    BOOST_TEST(errors("{\"values\":[{\"kpi\":\"U00001\",\"period\":2020,\"values\":[]}]}") ==
               "kolada.shape: the entry has no \"municipality\" (a municipality id such as "
               "\"0020\")\n");
}

// Kolada answers in pages (v2: next_page/previous_page, v3: next_url/previous_url). Every
// page of a query read, in any file names, or the missing one is named; a lone page and
// pages of two queries stand on their own.
namespace {
std::string page(const char* links, int period) {
    return fmt::format("{{{}\"values\":[{{\"kpi\":\"U00001\",\"municipality\":\"0099\","
                       "\"period\":{},\"values\":[{{\"gender\":\"T\",\"value\":{}}}]}}]}}",
                       links, period, period - 2000);
}
std::vector<std::string> page_errors(const std::vector<std::pair<std::string, std::string>>& files) {
    test::ScratchFolder f("kolada-pages");
    f.copy_base();
    for (const auto& [name, text] : files) f.write("kolada/" + name, text);
    auto r = test::load(f.path());
    std::vector<std::string> out;
    for (const auto& d : r.diagnostics.sorted())
        if (d.severity == Severity::error) out.push_back(d.code + " " + d.message);
    return out;
}
const char* v2_first =
    "\"next_page\":\"http://api.kolada.se/v2/data/kpi/U00001?page=2&per_page=1\","
    "\"previous_page\":null,";
const char* v2_second =
    "\"next_page\":null,"
    "\"previous_page\":\"http://api.kolada.se/v2/data/kpi/U00001?page=1&per_page=1\",";
const char* v3_middle =
    "\"next_url\":\"https://api.kolada.se/v3/data/kpi/U00001/year/2018,2019,2020?page=3&per_page=1\","
    "\"previous_url\":\"https://api.kolada.se/v3/data/kpi/U00001/year/2018,2019,2020?page=1&per_page=1\",";
}  // namespace

BOOST_AUTO_TEST_CASE(paged_answers_are_read_whole_or_named) {
    BOOST_TEST(page_errors({{"a.json", page(v2_first, 2018)}, {"b.json", page(v2_second, 2019)}})
                   .empty());
    auto missing = page_errors({{"a.json", page(v2_first, 2018)}});
    BOOST_REQUIRE(missing.size() == 1u);
    BOOST_TEST(missing[0].starts_with("kolada.page-missing page 2 of the Kolada answer "
                                      "kolada/a.json links to"));
    // v3's links: page 2 of 3 alone misses 1 and 3.
    auto v3 = page_errors({{"p2.json", page(v3_middle, 2019)}});
    BOOST_TEST(v3.size() == 2u);
    auto twice = page_errors({{"a.json", page(v2_first, 2018)}, {"b.json", page(v2_first, 2019)},
                              {"c.json", page(v2_second, 2020)}});
    BOOST_REQUIRE(twice.size() == 1u);
    BOOST_TEST(twice[0].starts_with("kolada.page-twice kolada/a.json and kolada/b.json"));
}

BOOST_AUTO_TEST_SUITE_END()
