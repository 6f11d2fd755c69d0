// The supplement's layout engine: flows headings, paragraphs, tables and charts onto
// pages and returns drawing operations in PDF points (origin bottom left). It knows
// nothing of libharu: text widths come from a Measure, so it is tested with exact
// positions against a fixed-width measure.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "../document/content.hpp"
#include "link_area.hpp"

namespace griexport::pdf {

using doc::Color;
using doc::FontStyle;

// Width in points of UTF-8 text in a style and size.
using Measure = std::function<double(std::string_view text, FontStyle style, double size)>;

// A colour as a page takes it (libharu's HPDF_REAL is a float).
struct PageColor {
    float r = 0, g = 0, b = 0;
    PageColor() = default;
    PageColor(const Color& c)  // NOLINT(google-explicit-constructor): a colour as drawn
        : r(static_cast<float>(c.r)), g(static_cast<float>(c.g)), b(static_cast<float>(c.b)) {}
    friend bool operator==(const PageColor&, const PageColor&) = default;
};

// The operations hold their coordinates, sizes and colours as libharu takes them (floats),
// converted once when laid out instead of when drawn: the same numbers reach the page, and
// a large supplement's million operations take less than half the room. A text is kept in
// its page's `texts` (Page::text_of), not in a string of its own.
struct DrawText {
    float x = 0, y = 0;  // baseline start
    float size = 0;
    FontStyle font = FontStyle::regular;
    std::uint32_t text_at = 0, text_size = 0;  // in Page::texts
    PageColor color;
};
struct DrawRect {
    float x = 0, y = 0, w = 0, h = 0;
    PageColor fill;
    DrawRect(double x_, double y_, double w_, double h_, const Color& fill_)
        : x(static_cast<float>(x_)),
          y(static_cast<float>(y_)),
          w(static_cast<float>(w_)),
          h(static_cast<float>(h_)),
          fill(fill_) {}
};
struct DrawLine {
    float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    float width = 0.5;
    PageColor color;
    DrawLine(double x1_, double y1_, double x2_, double y2_, double width_, const Color& color_)
        : x1(static_cast<float>(x1_)),
          y1(static_cast<float>(y1_)),
          x2(static_cast<float>(x2_)),
          y2(static_cast<float>(y2_)),
          width(static_cast<float>(width_)),
          color(color_) {}
};
using DrawOp = std::variant<DrawText, DrawRect, DrawLine>;

struct Page {
    std::vector<DrawOp> ops;
    std::vector<LinkArea> links;
    std::string texts;  // the texts of the page's DrawTexts, one after another

    // Draws `text` with its baseline starting at (x, y).
    void text(double x, double y, FontStyle font, double size, std::string_view text,
              const Color& color);
    std::string_view text_of(const DrawText& t) const {
        return std::string_view(texts).substr(t.text_at, t.text_size);
    }
};
// Operations drawn on every page after its layout: the footer's rule, its two texts and a
// draft's mark (PdfDocument::footers).
inline constexpr std::size_t footer_room = 4;
// Bytes of text kept free on a finished page for the footer's texts (more only grows it).
inline constexpr std::size_t footer_text_room = 160;

struct Bookmark {
    std::string title;
    int level = 0;  // 0 top
    std::size_t page = 0;
    double y = 0;
};

// Page size, margins and type sizes: templates/layout.xml.
struct Geometry {
    double width = 595.28, height = 841.89;  // A4
    double margin_left = 56.7, margin_right = 56.7, margin_top = 56.7, margin_bottom = 70;
    double body_size = 9.5, leading = 1.3;  // line height = size × leading
    double h1_size = 16, h2_size = 12.5, h3_size = 10.5;
    double table_size = 8, cell_padding = 3;
    double paragraph_gap = 5;
    Color text{0.1, 0.1, 0.1}, accent{0.05, 0.3, 0.45}, rule{0.6, 0.6, 0.6},
        header_fill{0.88, 0.92, 0.95}, block_fill{0.95, 0.95, 0.95};
};

using doc::Align;
using doc::BarChart;
using doc::BarSeries;
using doc::Cell;
using doc::Row;
using doc::Table;

// Whether `lines`, wrapped from `text`, break a word other than after a hyphen or slash.
bool splits_a_word(std::string_view text, const std::vector<std::string>& lines);

class Layout {
  public:
    Layout(Geometry g, Measure measure, std::string lang);

    void heading(const std::string& text, int level, bool bookmark = true);
    void paragraph(const std::string& text, FontStyle font = FontStyle::regular,
                   double size = 0 /* body size */);
    void table(const Table& t);
    void chart(const BarChart& c);
    void space(double points);
    void page_break();
    // Text at a fixed position on the current page, outside the flow (cover page).
    void place(double x, double y, const std::string& text, FontStyle font, double size,
               Color color);

    // How far a layout has come: its pages, bookmarks and split headers so far. Taken
    // before and after a section, it says which of them are the section's.
    struct Position {
        std::size_t pages = 0, bookmarks = 0, split_headers = 0;
    };
    Position position() const { return {pages_.size(), bookmarks_.size(), split_headers_.size()}; }
    // Puts `part`, one section laid out on its own, in place of what this layout put
    // between `from` and `to` when the part takes exactly as many pages, sets the same
    // bookmarks at the same places and reports the same split headers: a section starts on
    // a new page, so then nothing after it moves and the result is what laying out the
    // whole again would give. False, and nothing changed, otherwise.
    bool replace_section(Position from, Position to, Layout& part);

    const std::vector<Page>& pages() const { return pages_; }
    // The pages, handed over: a large document's pages are not copied.
    std::vector<Page> take_pages() { return std::move(pages_); }
    // Table headers that had to break inside a word (the column too narrow for it even
    // after widening): the header text, for a diagnostic.
    const std::vector<std::string>& split_headers() const { return split_headers_; }
    const std::vector<Bookmark>& bookmarks() const { return bookmarks_; }
    const Geometry& geometry() const { return g_; }
    double cursor() const { return y_; }
    std::vector<std::string> wrap(const std::string& text, double width, FontStyle font,
                                  double size) const;

  private:
    Geometry g_;
    Measure measure_;
    std::string lang_;
    std::vector<Page> pages_;
    std::vector<std::string> split_headers_;
    std::vector<Bookmark> bookmarks_;
    double y_ = 0;  // top of the free space on the current page

    double content_width() const { return g_.width - g_.margin_left - g_.margin_right; }
    void new_page();
    // Starts a new page unless `height` fits below the cursor.
    void ensure(double height);
    // A row's cells wrapped into lines, and the height they take: wrapped once, then
    // measured for the page break and drawn from the same lines.
    struct WrappedRow {
        std::vector<std::vector<std::string>> cells;  // a spanning row: its first cell only
        double height = 0;
    };
    WrappedRow wrap_row(const Row& r, const std::vector<double>& widths, bool header) const;
    void fit_header_words(const Table& t, std::vector<double>& widths) const;
    void draw_row(const Row& r, const WrappedRow& wrapped, const std::vector<double>& widths,
                  bool header);
    Page& page() { return pages_.back(); }
};

}  // namespace griexport::pdf
