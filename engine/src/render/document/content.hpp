// The supplement's content as values: tables, charts and the blocks of a document, built
// once from the DisclosureSet and drawn by each backend (PDF pages, Inline XBRL XHTML).
// Each element knows the XBRL facts it shows, so a backend can tag them where they are read.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace griexport::doc {

enum class FontStyle { regular, bold };

struct Color {
    double r = 0, g = 0, b = 0;
    // Written out: pdfa.cpp, which includes this, compiles as C++17 under clang.
    friend bool operator==(const Color& a, const Color& b) {
        return a.r == b.r && a.g == b.g && a.b == b.b;
    }
};

enum class Align { left, right };

// A figure some XBRL fact reports, printed as `length` bytes of its cell's text from
// `offset` (words and notes may surround it). `fact` is the fact's source key (see
// xbrl::Fact::source).
struct FigureRef {
    std::string fact;
    std::size_t length = 0;
    std::size_t offset = 0;
};

struct Cell {
    std::string text;
    FontStyle font = FontStyle::regular;
    Align align = Align::left;
    // Fragments of the text that link somewhere: (fragment, target). Targets: "page:N"
    // (a page of this PDF), "name:D" (a named destination), "#id" (an element's id).
    std::vector<std::pair<std::string, std::string>> links{};
    std::optional<FigureRef> figure{};
};

struct Row {
    std::vector<Cell> cells;
    bool block = false;  // a block header: its first cell spans the table, shaded
    bool span = false;   // a sub-heading: its first cell spans the table, bold, unshaded
};

struct Table {
    std::vector<double> widths;  // relative column widths
    std::vector<Row> header;     // repeated at the top of every page the table reaches
    std::vector<Row> rows;
    std::string caption{};  // what the table shows, for readers who cannot see the page
};

struct BarSeries {
    std::string name;
    std::vector<double> values;       // one per category; for drawing only, figures stay exact
    std::vector<std::string> labels;  // the formatted value of each bar
    Color color;
};

struct BarChart {
    std::string title;
    std::vector<std::string> categories;
    std::vector<BarSeries> series;
    std::string unit;
    double height = 200;
    std::string description{};  // what the chart shows, in words (the SVG's <desc>)
};

// The first page: title, organisation, the claim and the period, and who made it.
struct Cover {
    std::string title, organisation, subtitle, period, claim, made_by;
};
// A part of the document; starts a page in print.
struct Section {
    std::string title;
    std::string id;
};
struct Heading {
    std::string text;
    int level = 1;  // under a section
    std::string id;
};
struct Paragraph {
    std::string text;
    FontStyle font = FontStyle::regular;
    bool small = false;  // table-sized: notes under a disclosure
};
// A narrative text fact: paragraphs separated by blank lines. `fact` as in FigureRef.
struct Narrative {
    std::string text;
    std::string fact;
};
struct Space {
    double points = 0;
};

using Block = std::variant<Cover, Section, Heading, Paragraph, Narrative, Table, BarChart, Space>;

struct Document {
    std::string lang;
    std::string title;
    std::string organisation;
    std::vector<Block> blocks;
    // Disclosure keys ("305-1", "3-3/emissions") and the heading text each starts with.
    std::vector<std::pair<std::string, std::string>> sections;
    // The content index section: blocks [index_begin, index_end).
    std::size_t index_begin = 0, index_end = 0;
};

}  // namespace griexport::doc
