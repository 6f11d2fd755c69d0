#include <boost/test/unit_test.hpp>
#include <string>

#include "io/xlsx.hpp"
#include "render/workbook/workbook_file.hpp"

using namespace griexport;

namespace {

// A sheet of texts (some repeated, some Swedish) and numbers, rows in order.
void fill(lxw_workbook* wb) {
    auto formats = table_formats(wb);
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Granska");
    worksheet_write_string(ws, 1, 0, "Regel", formats.header);
    worksheet_write_string(ws, 1, 1, "Värde", formats.header);
    worksheet_write_string(ws, 1, 2, "Status", formats.header);
    for (lxw_row_t r = 2; r < 40; ++r) {  // row 0 left empty, as above a report's table
        std::string id = "3." + std::to_string(r);
        worksheet_write_string(ws, r, 0, id.c_str(), formats.cell);
        worksheet_write_number(ws, r, 1, 1000.5 + r, nullptr);
        worksheet_write_string(ws, r, 2, r % 2 ? "åtgärdad" : "öppen", formats.cell);
    }
}

std::optional<io::CsvTable> read_back(const std::string& bytes, Diagnostics& diags) {
    io::BinarySource source{"granska.xlsx", "granska.xlsx", bytes, ""};
    return io::read_xlsx_table(source, "Granska", "", diags);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(workbook)

BOOST_AUTO_TEST_CASE(a_streamed_workbook_holds_the_cells_a_held_one_does) {
    // A large programme's mapping report is streamed (libxlsxwriter's constant memory mode):
    // its texts go into their cells instead of a shared table, and nothing else may change.
    Diagnostics diags;
    std::string held = workbook_bytes("granska.xlsx", "Granska", 1609459200, fill, diags);
    std::string streamed = workbook_bytes("granska.xlsx", "Granska", 1609459200, fill, diags, true);
    BOOST_REQUIRE(diags.items().empty());
    BOOST_TEST(held.find("xl/sharedStrings.xml") != std::string::npos);
    BOOST_TEST(streamed.find("xl/sharedStrings.xml") == std::string::npos);
    auto a = read_back(held, diags);
    auto b = read_back(streamed, diags);
    for (const auto& d : diags.items()) BOOST_TEST_MESSAGE(d.code << ": " << d.message);
    BOOST_REQUIRE(diags.items().empty());
    BOOST_REQUIRE(a);
    BOOST_REQUIRE(b);
    BOOST_TEST(a->header == b->header);
    BOOST_REQUIRE(a->records.size() == 38u);
    BOOST_REQUIRE(b->records.size() == a->records.size());
    for (std::size_t i = 0; i < a->records.size(); ++i) {
        BOOST_TEST_INFO("record " << i);
        const auto& fa = a->records[i].fields;
        const auto& fb = b->records[i].fields;
        BOOST_REQUIRE(fa.size() == fb.size());
        for (std::size_t c = 0; c < fa.size(); ++c) {
            BOOST_TEST(fa[c].value == fb[c].value);
            BOOST_TEST(fa[c].row == fb[c].row);
            BOOST_TEST(fa[c].column == fb[c].column);
        }
    }
    BOOST_TEST(b->records.back().fields.at(2).value == "åtgärdad");
}

BOOST_AUTO_TEST_SUITE_END()
