#include "griexport/diagnostics.hpp"

#include <boost/test/unit_test.hpp>

using namespace griexport;

BOOST_AUTO_TEST_SUITE(diagnostics)

BOOST_AUTO_TEST_CASE(prints_compiler_style_sorted_by_location) {
    Diagnostics d;
    d.error("csv.number", "'x' is not a number", {"org/observations.csv", 12, 5});
    d.warning("obs.duplicate", "twice", {"org/observations.csv", 3, 1});
    d.error("io.missing-file", "missing", {"org/a.xml", 0, 0});
    BOOST_TEST(format_text(d) ==
               "org/a.xml: error[io.missing-file]: missing\n"
               "org/observations.csv:3:1: warning[obs.duplicate]: twice\n"
               "org/observations.csv:12:5: error[csv.number]: 'x' is not a number\n");
    BOOST_TEST(d.error_count() == 2u);
    BOOST_TEST(d.warning_count() == 1u);
    BOOST_TEST(d.has_errors());
}

BOOST_AUTO_TEST_CASE(json_escapes_and_counts) {
    Diagnostics d;
    d.error("csv.number", "'\"1' is \\ not", {"o.csv", 2, 3});
    BOOST_TEST(format_json(d) ==
               "{\n  \"diagnostics\": [\n    {\n      \"severity\": \"error\",\n      \"code\": "
               "\"csv.number\",\n"
               "      \"message\": \"'\\\"1' is \\\\ not\",\n      \"file\": \"o.csv\",\n      "
               "\"line\": 2,\n"
               "      \"column\": 3\n    }\n  ],\n  \"errors\": 1,\n  \"warnings\": 0\n}\n");
}

BOOST_AUTO_TEST_CASE(warnings_alone_are_not_errors) {
    Diagnostics d;
    d.warning("x", "y", {});
    BOOST_TEST(!d.has_errors());
}

BOOST_AUTO_TEST_SUITE_END()
