#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "render/document/content.hpp"

using namespace griexport;

namespace {

// Row i: its flags, one to eight cells, texts of many lengths (either side of the 128 and
// 16 384 bytes where a length takes a second and a third byte), figures and links.
doc::Row make_row(std::size_t i) {
    doc::Row r;
    r.block = i % 7 == 0;
    r.span = i % 11 == 0;
    for (std::size_t c = 0; c < 1 + i % 8; ++c) {
        doc::Cell cell;
        std::size_t n = (i * 31 + c * 17) % 300;
        if (i == 500 && c == 0) n = 16384;
        if (i == 501 && c == 0) n = 16383;
        if (i == 502 && c == 0) n = 128;
        cell.text = std::string(n, static_cast<char>('a' + (i + c) % 26)) + "å";
        cell.font = (i + c) % 2 ? doc::FontStyle::bold : doc::FontStyle::regular;
        cell.align = (i + c) % 3 ? doc::Align::right : doc::Align::left;
        if ((i + c) % 4 == 0) cell.figure = doc::FigureRef{"obs" + std::to_string(i), n / 2, c};
        for (std::size_t l = 0; l < (i + c) % 3; ++l)
            cell.links.emplace_back("frag" + std::to_string(l), "#p-" + std::to_string(i));
        r.cells.push_back(std::move(cell));
    }
    return r;
}

void require_equal(const doc::Row& got, const doc::Row& want) {
    BOOST_TEST(got.block == want.block);
    BOOST_TEST(got.span == want.span);
    BOOST_REQUIRE(got.cells.size() == want.cells.size());
    for (std::size_t c = 0; c < want.cells.size(); ++c) {
        const auto &g = got.cells[c], &w = want.cells[c];
        BOOST_TEST(g.text == w.text);
        BOOST_TEST((g.font == w.font));
        BOOST_TEST((g.align == w.align));
        BOOST_TEST(g.links == w.links);
        BOOST_REQUIRE(g.figure.has_value() == w.figure.has_value());
        if (w.figure) {
            BOOST_TEST(g.figure->fact == w.figure->fact);
            BOOST_TEST(g.figure->length == w.figure->length);
            BOOST_TEST(g.figure->offset == w.figure->offset);
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(table_rows)

BOOST_AUTO_TEST_CASE(rows_read_back_as_written_across_blocks) {
    // 20 000 rows fill many blocks (they double to 1 MiB); a row larger than a block gets
    // one of its own; the rows stay readable in any order and after a copy.
    doc::Rows rows;
    std::size_t count = 20000;
    for (std::size_t i = 0; i < count; ++i) rows.push_back(make_row(i));
    doc::Row huge{{{std::string((1u << 20) + 3, 'x')}}};
    rows.push_back(huge);
    BOOST_REQUIRE(rows.size() == count + 1);
    for (std::size_t i = count; i-- > 0;) {
        BOOST_TEST_CONTEXT("row " << i) { require_equal(rows[i], make_row(i)); }
    }
    require_equal(rows[count], huge);
    doc::Rows copy = rows;
    std::size_t i = 0;
    for (const auto& row : copy) {
        BOOST_TEST_CONTEXT("copied row " << i) {
            require_equal(row, i < count ? make_row(i) : huge);
        }
        ++i;
    }
    BOOST_TEST(i == count + 1);
}

BOOST_AUTO_TEST_CASE(an_empty_table_has_no_rows) {
    doc::Rows rows;
    BOOST_TEST(rows.empty());
    BOOST_TEST((rows.begin() == rows.end()));
    rows.push_back(doc::Row{});
    BOOST_TEST(rows.size() == 1u);
    BOOST_TEST(rows.front().cells.empty());
}

BOOST_AUTO_TEST_SUITE_END()
