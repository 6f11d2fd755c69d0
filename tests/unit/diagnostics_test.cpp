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

// append is how one thread's diagnostics join another's: what the cap dropped is carried
// with its count, so an error past the cap is never lost.
BOOST_AUTO_TEST_CASE(append_carries_what_the_cap_dropped) {
    Diagnostics child;
    for (std::uint32_t i = 1; i <= 120; ++i) child.error("x.y", "e", {"f.csv", i, 1});
    child.warning("x.w", "w", {"f.csv", 1, 1});
    Diagnostics parent;
    parent.append(child);
    BOOST_TEST(parent.error_count() == 120u);
    BOOST_TEST(parent.warning_count() == 1u);
    BOOST_TEST(parent.items().size() == 101u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(diagnostics_cap)

// A one-line file of 10 million unknown columns cost one stored, copied and sorted
// diagnostic each (25 s, 4.8 GB). Per code and file, 100 are kept and the rest counted.
BOOST_AUTO_TEST_CASE(repeated_diagnostics_are_counted_not_kept) {
    griexport::Diagnostics d;
    for (std::uint32_t i = 1; i <= 200000; ++i)
        d.error("csv.unknown-column", "unknown column 'a'", {"o.csv", 1, i});
    d.warning("csv.unknown-column", "other file", {"p.csv", 1, 1});
    BOOST_TEST(d.error_count() == 200000u);
    BOOST_TEST(d.items().size() == 101u);
    auto sorted = d.sorted();
    BOOST_TEST(sorted.size() == 102u);
    const auto& summary = sorted[100];
    BOOST_TEST(summary.message.starts_with("… and 199900 more csv.unknown-column"));
    BOOST_TEST(summary.location.column == 200000u);
    griexport::Diagnostics copy;
    copy.append(d);
    BOOST_TEST(copy.error_count() == 200000u);
    BOOST_TEST(copy.sorted().size() == 102u);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_in_messages_and_paths_is_escaped) {
    griexport::Diagnostics d;
    d.error("json.syntax", "last read: '\xC3'", {"kolada/sjukfr\xE5nvaro.json", 1, 2});
    BOOST_TEST(d.items()[0].message == "last read: '\\xC3'");
    BOOST_TEST(d.items()[0].location.file == "kolada/sjukfr\\xE5nvaro.json");
    BOOST_CHECK_NO_THROW(griexport::format_json(d));
}

// Found by the observations_xlsx fuzz target: a workbook's sheet name is the workbook's
// bytes, and a cell reference names its sheet ("Data\xFF!C7"); the JSON writer refused it.
BOOST_AUTO_TEST_CASE(invalid_utf8_in_a_cell_reference_is_escaped) {
    griexport::Diagnostics d;
    d.error("csv.number", "not a number",
            griexport::cell_location("observations.xlsx", "Data\xFF", 7, 3));
    BOOST_TEST(d.items()[0].location.cell == "Data\\xFF!C7");
    BOOST_CHECK_NO_THROW(griexport::format_json(d));
}

BOOST_AUTO_TEST_SUITE_END()
