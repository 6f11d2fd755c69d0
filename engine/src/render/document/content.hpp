// The supplement's content as values: tables, charts and the blocks of a document, built
// once from the DisclosureSet and drawn by each backend (PDF pages, Inline XBRL XHTML).
// Each element knows the XBRL facts it shows, so a backend can tag them where they are read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
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

// A table's rows, packed: each row's flags, cells, texts, figure and links written one
// after another into blocks that grow to 1 MiB, and read back as Row values. A large
// programme's goals table has 100 000 rows of 8 cells: as Rows of Cells (120 bytes each,
// with strings of their own) it held 100 MB from the supplement's content until both the
// PDF and the Inline XBRL supplement were written; packed it holds a fifth of that. A Row
// read back owns its texts: keep what outlives it, not views of it.
class Rows {
  public:
    void push_back(const Row& r);
    void reserve(std::size_t rows) { at_.reserve(rows); }
    std::size_t size() const { return at_.size(); }
    bool empty() const { return at_.empty(); }
    Row operator[](std::size_t i) const;
    Row front() const { return (*this)[0]; }

    class const_iterator {
      public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Row;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = Row;
        const_iterator(const Rows* rows, std::size_t i) : rows_(rows), i_(i) {}
        Row operator*() const { return (*rows_)[i_]; }
        const_iterator& operator++() {
            ++i_;
            return *this;
        }
        bool operator==(const const_iterator& o) const { return i_ == o.i_; }

      private:
        const Rows* rows_;
        std::size_t i_;
    };
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, at_.size()}; }

  private:
    struct At {
        std::uint32_t block = 0, offset = 0;
    };
    std::vector<std::string> blocks_;  // never grown past their capacity: rows stay put
    std::vector<At> at_;
};

struct Table {
    std::vector<double> widths;  // relative column widths
    std::vector<Row> header;     // repeated at the top of every page the table reaches
    Rows rows;
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
