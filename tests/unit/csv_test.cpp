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

// Excel writes a preamble line back as a cell of its row: quoted when it holds the
// delimiter, followed by the row's empty cells; an empty row becomes ";;;;;". A file
// saved twice by Excel reads as it did once.
BOOST_AUTO_TEST_CASE(a_file_resaved_by_excel_reads_the_same) {
    const std::string once =
        "sep=;\n# decimal: comma\nindicator;year;value;unit;status;source\n"
        "1.2;2019;14,5;%;final;kost\n\n1.2;2020;14,0;%;final;kost\n";
    const std::string twice =
        "\"sep=;\";;;;;\r\n# decimal: comma;;;;;\r\nindicator;year;value;unit;status;source\r\n"
        "1.2;2019;14,5;%;final;kost\r\n;;;;;\r\n1.2;2020;14,0;%;final;kost\r\n";
    Diagnostics d1, d2;
    auto a = parse(once, d1);
    auto b = parse(twice, d2);
    BOOST_REQUIRE(a);
    BOOST_REQUIRE(b);
    BOOST_TEST(!d2.has_errors());
    BOOST_TEST(a->delimiter == b->delimiter);
    BOOST_TEST(b->decimal_separator == ',');
    BOOST_TEST(b->decimal_declared);
    BOOST_TEST(a->header == b->header);
    BOOST_REQUIRE(a->records.size() == 2u);
    BOOST_REQUIRE(b->records.size() == 2u);
    for (std::size_t r = 0; r < 2; ++r)
        for (std::size_t c = 0; c < a->header.size(); ++c)
            BOOST_TEST(a->records[r].fields[c].value == b->records[r].fields[c].value);
}

// A large table is read twice instead of held: the second reading must give exactly the
// records, fields, offsets and lines the first one kept (quotes, line breaks inside quotes,
// Excel's padding of short rows, blank and comment rows, CR line ends).
BOOST_AUTO_TEST_CASE(streamed_records_are_the_kept_ones) {
    const std::string text =
        "sep=;\r# decimal: comma\na;b;c;;\n1; \"x;\"\"y\"\"\";3\r\n\n# note;;\n"
        "\"rad ett\nrad två\";2;x\r;;;;\n 4 ;5;6;;\n7;8;";
    test::ScratchFolder f("csv");
    f.write("t.csv", text);
    Diagnostics d;
    auto src = io::read_source(f.path(), "t.csv", true, d);
    BOOST_REQUIRE(src);
    auto kept = io::parse_csv(*src, d, io::CsvRows::kept);
    auto streamed = io::parse_csv(*src, d, io::CsvRows::streamed);
    BOOST_REQUIRE(kept);
    BOOST_REQUIRE(streamed);
    BOOST_TEST(!d.has_errors());
    BOOST_TEST(streamed->records.empty());
    BOOST_TEST(kept->records.size() == 4u);
    BOOST_TEST(streamed->size() == kept->size());
    std::vector<io::CsvRecord> again;
    streamed->each_record([&](const io::CsvRecord& r) { again.push_back(r); });
    BOOST_REQUIRE(again.size() == kept->records.size());
    for (std::size_t r = 0; r < again.size(); ++r) {
        BOOST_TEST(again[r].line == kept->records[r].line);
        BOOST_REQUIRE(again[r].fields.size() == kept->records[r].fields.size());
        for (std::size_t c = 0; c < again[r].fields.size(); ++c) {
            BOOST_TEST(again[r].fields[c].value == kept->records[r].fields[c].value);
            BOOST_TEST(again[r].fields[c].offset == kept->records[r].fields[c].offset);
        }
    }
    BOOST_TEST(again[0].fields[1].value == "x;\"y\"");
    BOOST_TEST(again[1].fields[0].value == "rad ett\nrad två");
    BOOST_TEST(again[2].fields[0].value == "4");
    BOOST_TEST(again[3].fields[2].value == "");
    BOOST_TEST(again[3].fields.size() == 5u);
}

BOOST_AUTO_TEST_SUITE_END()
