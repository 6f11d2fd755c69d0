#include "io/csv.hpp"

#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

using namespace griexport;

namespace {
std::optional<io::CsvTable> parse(const std::string& text, Diagnostics& d) {
    test::ScratchFolder f("csv");
    f.write("t.csv", text);
    auto src = io::read_source(f.path(), "t.csv", true, d);
    BOOST_REQUIRE(src);
    return io::parse_csv(*src, d);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(csv)

BOOST_AUTO_TEST_CASE(detects_semicolon_and_quotes) {
    Diagnostics d;
    auto t = parse("a;b;c\r\n1;\"x;\"\"y\"\"\";3\r\n", d);
    BOOST_REQUIRE(t);
    BOOST_TEST(t->delimiter == ';');
    BOOST_REQUIRE(t->records.size() == 1u);
    BOOST_TEST(t->records[0].fields[1].value == "x;\"y\"");
    BOOST_TEST(t->records[0].line == 2u);
}

BOOST_AUTO_TEST_CASE(reads_excel_sep_line_and_decimal_declaration) {
    Diagnostics d;
    auto t = parse("sep=,\n# decimal: comma\nv,w\n\"1,5\",2\n", d);
    BOOST_REQUIRE(t);
    BOOST_TEST(t->delimiter == ',');
    BOOST_TEST(t->decimal_separator == ',');
    BOOST_TEST(t->records[0].fields[0].value == "1,5");
    BOOST_TEST(t->records[0].line == 4u);
}

BOOST_AUTO_TEST_CASE(quoted_field_may_span_lines) {
    Diagnostics d;
    auto t = parse("a,b\n\"rad ett\nrad två\",2\n3,4\n", d);
    BOOST_REQUIRE(t);
    BOOST_TEST(t->records.size() == 2u);
    BOOST_TEST(t->records[0].fields[0].value == "rad ett\nrad två");
    BOOST_TEST(t->records[1].line == 4u);
}

BOOST_AUTO_TEST_CASE(field_count_and_stray_quote_are_errors) {
    Diagnostics d;
    BOOST_TEST(!parse("a,b\n1,2,3\n", d));
    BOOST_TEST(test::has_code(d, "csv.field-count"));
    Diagnostics d2;
    BOOST_TEST(!parse("a,b\n1x\"y,2\n", d2));
    BOOST_TEST(test::has_code(d2, "csv.syntax"));
}

BOOST_AUTO_TEST_CASE(skips_blank_and_comment_rows) {
    Diagnostics d;
    auto t = parse("a,b\n\n# note\n1,2\n", d);
    BOOST_REQUIRE(t);
    BOOST_TEST(t->records.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
