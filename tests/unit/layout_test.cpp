// The layout engine against exact positions, with a fixed-width measure: every character
// is half the type size wide, so positions can be worked out by hand.
#include "render/pdf/layout.hpp"

#include <boost/test/unit_test.hpp>

#include "text/line_break.hpp"

using namespace griexport;
using namespace griexport::pdf;

namespace {

double chars(std::string_view s) {
    double n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

Measure half_em() {
    return [](std::string_view s, FontStyle, double size) { return chars(s) * size / 2; };
}

// A small page: 200 × 200 pt, margins 20 (bottom 30), body 10 pt, leading 1.2, tables 10 pt.
Geometry small() {
    Geometry g;
    g.width = 200;
    g.height = 200;
    g.margin_left = g.margin_right = g.margin_top = 20;
    g.margin_bottom = 30;
    g.body_size = 10;
    g.leading = 1.2;
    g.h1_size = 14;
    g.h2_size = 12;
    g.h3_size = 10;
    g.table_size = 10;
    g.cell_padding = 2;
    g.paragraph_gap = 4;
    return g;
}

// A page's texts as drawn: where, in which font, and what.
struct Shown {
    float x = 0, y = 0;
    FontStyle font = FontStyle::regular;
    std::string text;
};
std::vector<Shown> texts(const Page& p) {
    std::vector<Shown> out;
    for (const auto& op : p.ops)
        if (const auto* t = std::get_if<DrawText>(&op))
            out.push_back({t->x, t->y, t->font, std::string(p.text_of(*t))});
    return out;
}

// Every page's texts with their places, and the bookmarks: what two layouts are compared by.
std::string drawn(const Layout& l) {
    std::string out;
    for (std::size_t i = 0; i < l.pages().size(); ++i)
        for (const auto& t : texts(l.pages()[i]))
            out += std::to_string(i) + " " + std::to_string(t.x) + " " + std::to_string(t.y) + " " +
                   t.text + "\n";
    for (const auto& b : l.bookmarks())
        out +=
            "bookmark " + b.title + " " + std::to_string(b.page) + " " + std::to_string(b.y) + "\n";
    return out;
}

// A section as the supplement lays one out: a new page, its heading, a table of `rows`
// rows whose second column reads `value`.
void section(Layout& l, const std::string& title, int rows, const std::string& value) {
    l.page_break();
    l.heading(title, 0);
    Table t;
    t.widths = {1, 1};
    t.header.push_back({{{"Post"}, {"Sida"}}});
    for (int i = 0; i < rows; ++i) t.rows.push_back({{{"rad " + std::to_string(i)}, {value}}});
    l.table(t);
}

std::vector<std::string> wrap(std::string_view s, double width) {
    return text::wrap(
        s, width, [](std::string_view t) { return chars(t) * 5; }, "sv");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(layout)

BOOST_AUTO_TEST_CASE(lines_break_where_icu_allows) {
    // 5 pt per character: 50 pt holds 10 characters.
    BOOST_TEST(wrap("Region Dalarna rapporterar", 50) ==
               (std::vector<std::string>{"Region", "Dalarna", "rapportera", "r"}));
    BOOST_TEST(wrap("hälso- och sjukvård", 50) ==
               (std::vector<std::string>{"hälso- och", "sjukvård"}));
    // A no-break space keeps a grouped number together.
    BOOST_TEST(wrap("summa 17\u00A0860 ton", 50) ==
               (std::vector<std::string>{"summa", "17\u00A0860 ton"}));
    BOOST_TEST(wrap("a\n\nb", 50) == (std::vector<std::string>{"a", "", "b"}));
    BOOST_TEST(wrap("", 50) == std::vector<std::string>{""});
}

BOOST_AUTO_TEST_CASE(a_line_that_fits_is_one_line_without_its_trailing_spaces) {
    // Lines that fit whole skip the break search (line_break.cpp): the same lines come out.
    BOOST_TEST(wrap("ett två  ", 50) == (std::vector<std::string>{"ett två"}));
    BOOST_TEST(wrap("abcdefghij", 50) == (std::vector<std::string>{"abcdefghij"}));
    BOOST_TEST(wrap("   ", 50) == (std::vector<std::string>{""}));
    BOOST_TEST(wrap("ett\ntvå ", 50) == (std::vector<std::string>{"ett", "två"}));
    // Longer than the quick test takes: searched, with the same result.
    std::string words;
    for (int i = 0; i < 1500; ++i) words += "ord ";
    BOOST_TEST(wrap(words, 5.0 * 6000) ==
               (std::vector<std::string>{words.substr(0, words.size() - 1)}));
}

BOOST_AUTO_TEST_CASE(a_paragraph_flows_down_the_page) {
    Layout l(small(), half_em(), "sv");
    // Content width 160 pt = 32 characters at 10 pt.
    l.paragraph("Första raden är här och den andra raden kommer sedan");
    BOOST_REQUIRE(l.pages().size() == 1u);
    auto t = texts(l.pages()[0]);
    BOOST_REQUIRE(t.size() == 2u);
    BOOST_TEST(t[0].text == "Första raden är här och den");
    BOOST_TEST(t[1].text == "andra raden kommer sedan");
    // Line box 12 pt; baseline 10 × (1.2 + 0.7) / 2 = 9.5 below its top at 180.
    BOOST_TEST(t[0].x == 20.0);
    BOOST_TEST(t[0].y == 170.5);
    BOOST_TEST(t[1].y == 158.5);
    BOOST_TEST(l.cursor() == 180.0 - 24 - 4);
}

BOOST_AUTO_TEST_CASE(a_paragraph_continues_on_the_next_page) {
    Layout l(small(), half_em(), "sv");
    // 180 − 30 = 150 pt of body: 12 lines of 12 pt fit, the 13th goes over.
    std::string text;
    for (int i = 0; i < 13; ++i) text += "rad\n";
    text.pop_back();
    l.paragraph(text);
    BOOST_REQUIRE(l.pages().size() == 2u);
    BOOST_TEST(texts(l.pages()[0]).size() == 12u);
    auto second = texts(l.pages()[1]);
    BOOST_REQUIRE(second.size() == 1u);
    BOOST_TEST(second[0].y == 170.5);
}

BOOST_AUTO_TEST_CASE(a_finished_page_holds_no_more_room_than_its_footer_needs) {
    // A large document's pages are held together until drawn: each finished page keeps
    // room for its operations and the footer's, not the slack of a doubling vector.
    // 9 lines a page: 114 pt of body (a doubling vector would hold room for 16).
    Geometry g = small();
    g.height -= 36;
    Layout l(g, half_em(), "sv");
    std::string text;
    for (int i = 0; i < 9 * 40 + 5; ++i) text += "rad\n";
    text.pop_back();
    l.paragraph(text);
    BOOST_REQUIRE(l.pages().size() == 41u);
    for (std::size_t i = 0; i + 1 < l.pages().size(); ++i) {
        BOOST_TEST_INFO("page " << i);
        BOOST_TEST(l.pages()[i].ops.size() == 9u);
        BOOST_TEST(l.pages()[i].ops.capacity() <= 9u + footer_room);
        // Its nine texts in one string of their own length, and room for the footer's.
        BOOST_TEST(l.pages()[i].texts == "radradradradradradradradrad");
        BOOST_TEST(l.pages()[i].texts.capacity() >= 27u + footer_text_room);
        BOOST_TEST(l.pages()[i].texts.capacity() <= 27u + footer_text_room);
    }
}

BOOST_AUTO_TEST_CASE(a_heading_keeps_three_lines_with_it_and_is_bookmarked) {
    Layout l(small(), half_em(), "sv");
    l.space(100);  // cursor at 80: 50 pt above the bottom margin
    l.heading("Rubrik", 1);
    // 9.6 before + 14.4 line + 36 for three body lines = 60 > 50: a new page.
    BOOST_REQUIRE(l.pages().size() == 2u);
    BOOST_REQUIRE(l.bookmarks().size() == 1u);
    BOOST_TEST(l.bookmarks()[0].page == 1u);
    BOOST_TEST(l.bookmarks()[0].level == 1);
    auto t = texts(l.pages()[1]);
    BOOST_REQUIRE(t.size() == 1u);
    BOOST_TEST((t[0].font == FontStyle::bold));
    // At the top of a page no space is added before it: baseline 180 − 12 × 1.9 / 2.
    // Places are kept as the page takes them (floats).
    BOOST_TEST(t[0].y == static_cast<float>(180 - 12 * 1.9 / 2));
}

BOOST_AUTO_TEST_CASE(a_table_breaks_and_repeats_its_header) {
    Layout l(small(), half_em(), "sv");
    Table t;
    t.widths = {1, 1};  // 80 pt each
    t.header.push_back({{{"Post"}, {"Värde", FontStyle::bold, Align::right}}});
    for (int i = 0; i < 12; ++i)
        t.rows.push_back({{{"rad " + std::to_string(i)},
                           {std::to_string(i), FontStyle::regular, Align::right}}});
    l.table(t);
    // Rows are 12 + 4 = 16 pt: header + 8 rows use 144 of 150 pt; the 9th row moves on.
    BOOST_REQUIRE(l.pages().size() == 2u);
    auto p1 = texts(l.pages()[0]);
    auto p2 = texts(l.pages()[1]);
    BOOST_TEST(p1.size() == 2u + 8 * 2);
    BOOST_TEST(p2.size() == 2u + 4 * 2);
    BOOST_TEST(p2[0].text == "Post");
    BOOST_TEST(p2[1].text == "Värde");
    BOOST_TEST(p2[2].text == "rad 8");
    // Right alignment: cell right edge 180 − padding 2 − width of "8" (5 pt).
    BOOST_TEST(p2[3].x == 173.0);
    // The header's top line sits at the page top, its row below it.
    BOOST_TEST(p2[0].y == 180 - 2 - 9.5);
    BOOST_TEST(p2[2].y == 180 - 16 - 2 - 9.5);
}

// Issue 17: "Requirem ent", "Standa rd". A header word never breaks while the table has
// room: a narrow column takes the width of its longest header word from the others.
BOOST_AUTO_TEST_CASE(header_words_never_break_while_the_table_has_room) {
    Layout l(small(), half_em(), "sv");
    Table t;
    t.widths = {1, 9};  // 16 and 144 pt; "Requirement" needs 11 × 5 + 4 = 59 pt
    t.header.push_back({{{"Requirement"}, {"Explanation of the omission"}}});
    t.rows.push_back({{{"305-5-a"}, {"text"}}});
    l.table(t);
    std::vector<std::string> drawn;
    for (const auto& d : texts(l.pages()[0])) drawn.push_back(d.text);
    BOOST_TEST(drawn.front() == "Requirement");
    // The second column starts where the widened first one ends: 20 + 59.01.
    BOOST_TEST(texts(l.pages()[0])[1].x == static_cast<float>(20 + 59.01 + 2));
}

// A body word counts too: a unit column kept "invånare" whole only from this on.
BOOST_AUTO_TEST_CASE(body_words_never_break_while_the_table_has_room) {
    Layout l(small(), half_em(), "sv");
    Table t;
    t.widths = {1, 9};  // 16 pt; "invånare" needs 8 × 5 + 4 = 44 pt
    t.header.push_back({{{"En"}, {"Värde"}}});
    t.rows.push_back({{{"invånare"}, {"24 780"}}});
    l.table(t);
    std::vector<std::string> drawn;
    for (const auto& d : texts(l.pages()[0])) drawn.push_back(d.text);
    BOOST_TEST(drawn == (std::vector<std::string>{"En", "Värde", "invånare", "24 780"}),
               boost::test_tools::per_element());
    BOOST_TEST(l.split_headers().empty());
}

// When no widening helps, the header that breaks is named for a diagnostic.
BOOST_AUTO_TEST_CASE(a_header_that_must_break_is_reported) {
    Layout l(small(), half_em(), "sv");
    Table t;
    t.widths = {1, 1};  // 80 pt each; "Sektorstandardsreferensnumret" needs 29 × 5 + 4 = 149 pt
    t.header.push_back({{{"Kolumn"}, {"Referensnummer"}}, false, false});
    t.header[0].cells[1].text = "Sektorstandardsreferensnumret";
    t.rows.push_back({{{"a"}, {"b"}}});
    l.table(t);
    BOOST_TEST(l.split_headers() == std::vector<std::string>{"Sektorstandardsreferensnumret"},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_split_word_is_told_from_a_break_between_words) {
    BOOST_TEST(!splits_a_word("Avsteg från krav", {"Avsteg", "från krav"}));
    BOOST_TEST(!splits_a_word("GRI-standard / annan källa", {"GRI-standard /", "annan källa"}));
    BOOST_TEST(!splits_a_word("GRI-standard", {"GRI-", "standard"}));
    BOOST_TEST(splits_a_word("Requirement", {"Requirem", "ent"}));
    BOOST_TEST(splits_a_word("Ref.nr i GRI-sektorstandard", {"Ref.nr i GRI-sektor", "standard"}));
}

BOOST_AUTO_TEST_CASE(a_block_header_is_not_left_alone_at_the_bottom) {
    Layout l(small(), half_em(), "sv");
    Table t;
    t.widths = {1};
    t.header.push_back({{{"H"}}});
    for (int i = 0; i < 7; ++i) t.rows.push_back({{{"r"}}});
    Row block;
    block.cells.push_back({"Block"});
    block.block = true;
    t.rows.push_back(block);
    t.rows.push_back({{{"efter"}}});
    l.table(t);
    // Header + 7 rows = 128 pt; the block (16) would fit but not with its row: both move.
    BOOST_REQUIRE(l.pages().size() == 2u);
    auto p2 = texts(l.pages()[1]);
    BOOST_REQUIRE(p2.size() == 3u);
    BOOST_TEST(p2[1].text == "Block");
    BOOST_TEST(p2[2].text == "efter");
}

BOOST_AUTO_TEST_CASE(a_cell_wraps_within_its_column) {
    Layout l(small(), half_em(), "sv");
    Table t;
    t.widths = {1, 1};
    t.header.push_back({{{"A"}, {"B"}}});
    // Column 80 pt minus 4 padding holds 15 characters.
    t.rows.push_back({{{"ett två tre fyra fem sex"}, {"x"}}});
    l.table(t);
    auto p = texts(l.pages()[0]);
    BOOST_REQUIRE(p.size() == 5u);
    BOOST_TEST(p[2].text == "ett två tre");
    BOOST_TEST(p[3].text == "fyra fem sex");
    BOOST_TEST(p[3].y == p[2].y - 12);
}

BOOST_AUTO_TEST_CASE(a_bar_chart_scales_to_a_round_top) {
    Layout l(small(), half_em(), "sv");
    BarChart c;
    c.categories = {"A", "B"};
    c.series.push_back({"2018", {100, 50}, {"100", "50"}, {0, 0, 1}});
    c.height = 60;
    l.chart(c);
    std::vector<const DrawRect*> bars;
    for (const auto& op : l.pages()[0].ops)
        if (const auto* r = std::get_if<DrawRect>(&op))
            if (r->fill == Color{0, 0, 1} && r->h > 20) bars.push_back(r);
    BOOST_REQUIRE(bars.size() == 2u);
    // 100 × 1.08 = 108 → scale top 120: bars of 50 and 25 pt.
    BOOST_TEST(bars[0]->h == 50.0);
    BOOST_TEST(bars[1]->h == 25.0);
}

// The content index is laid out again once its page numbers are known; the section put in
// place of its first layout must give what laying out the whole again gives, or be refused.
BOOST_AUTO_TEST_CASE(a_section_laid_out_again_replaces_its_pages_only_when_nothing_moves) {
    auto whole = [](const std::string& value, int rows, Layout::Position* from,
                    Layout::Position* to) {
        Layout l(small(), half_em(), "sv");
        section(l, "Först", 3, "x");
        if (from) *from = l.position();
        section(l, "Index", rows, value);
        if (to) *to = l.position();
        section(l, "Sist", 12, "y");
        return l;
    };
    Layout::Position from, to;
    Layout first = whole("?", 12, &from, &to);
    BOOST_TEST(from.pages == 1u);
    BOOST_TEST(to.pages == 3u);  // the index's 12 rows take two pages
    // The same rows with page numbers in place of "?": as wide, so nothing moves.
    Layout part(small(), half_em(), "sv");
    section(part, "Index", 12, "7");
    BOOST_REQUIRE(first.replace_section(from, to, part));
    BOOST_TEST(drawn(first) == drawn(whole("7", 12, nullptr, nullptr)));
    // Rows that take another page would move every later section: refused, nothing changed.
    Layout longer(small(), half_em(), "sv");
    section(longer, "Index", 20, "8");
    std::string before = drawn(first);
    BOOST_TEST(!first.replace_section(from, to, longer));
    BOOST_TEST(drawn(first) == before);
    // So is a part whose heading lands elsewhere (another bookmark).
    Layout renamed(small(), half_em(), "sv");
    section(renamed, "Innehåll", 12, "9");
    BOOST_TEST(!first.replace_section(from, to, renamed));
    BOOST_TEST(drawn(first) == before);
}

BOOST_AUTO_TEST_SUITE_END()
