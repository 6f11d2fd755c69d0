#include "layout.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <optional>
#include <stdexcept>

#include "../../text/line_break.hpp"

namespace griexport::pdf {

namespace {

// Baseline below the top of a line box: centres the glyphs' ascent and descent (about
// 0.9 and 0.2 em) in the line height.
double baseline_offset(double size, double leading) {
    return size * (leading + 0.7) / 2;
}

// 1, 2 or 5 × 10^n at or above v: the top of a chart's scale.
double nice_ceiling(double v) {
    if (v <= 0) return 1;
    double e = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0})
        if (m * e >= v) return m * e;
    return 10 * e;
}

}  // namespace

Layout::Layout(Geometry g, Measure measure, std::string lang)
    : g_(g), measure_(std::move(measure)), lang_(std::move(lang)) {}

std::vector<std::string> Layout::wrap(const std::string& text, double width, FontStyle font,
                                      double size) const {
    return text::wrap(
        text, width, [&](std::string_view s) { return measure_(s, font, size); }, lang_);
}

bool Layout::replace_section(Position from, Position to, Layout& part) {
    auto within = [](std::size_t a, std::size_t b, std::size_t size) {
        return a <= b && b <= size;
    };
    if (!within(from.pages, to.pages, pages_.size()) ||
        !within(from.bookmarks, to.bookmarks, bookmarks_.size()) ||
        !within(from.split_headers, to.split_headers, split_headers_.size()) ||
        part.pages_.size() != to.pages - from.pages ||
        part.bookmarks_.size() != to.bookmarks - from.bookmarks ||
        part.split_headers_.size() != to.split_headers - from.split_headers)
        return false;
    for (std::size_t i = 0; i < part.bookmarks_.size(); ++i) {
        const Bookmark& a = part.bookmarks_[i];
        const Bookmark& b = bookmarks_[from.bookmarks + i];
        if (a.title != b.title || a.level != b.level || a.page + from.pages != b.page || a.y != b.y)
            return false;
    }
    // Reported once each, in the order first met: the part must report what the section
    // did (a header met before the section would be missing from the section's share).
    if (!std::equal(part.split_headers_.begin(), part.split_headers_.end(),
                    split_headers_.begin() + static_cast<std::ptrdiff_t>(from.split_headers)))
        return false;
    std::move(part.pages_.begin(), part.pages_.end(),
              pages_.begin() + static_cast<std::ptrdiff_t>(from.pages));
    part.pages_.clear();
    return true;
}

void Page::text(double x, double y, FontStyle font, double size, std::string_view text,
                const Color& color) {
    // What a page shows is far below 4 GiB; a text that would pass it is refused whole.
    if (text.size() > std::numeric_limits<std::uint32_t>::max() - texts.size())
        throw std::length_error("a page's texts exceed 4 GiB");
    DrawText t;
    t.x = static_cast<float>(x);
    t.y = static_cast<float>(y);
    t.size = static_cast<float>(size);
    t.font = font;
    t.text_at = static_cast<std::uint32_t>(texts.size());
    t.text_size = static_cast<std::uint32_t>(text.size());
    t.color = color;
    texts += text;
    ops.emplace_back(t);
}

void Layout::new_page() {
    // The finished page's operations given exactly their room, and a little for the
    // footers drawn on every page later: grown by doubling, a large document's pages held
    // a quarter more than they use (a hundred MB at a million observations).
    if (!pages_.empty()) {
        auto& ops = pages_.back().ops;
        std::vector<DrawOp> fitted;
        fitted.reserve(ops.size() + footer_room);
        std::move(ops.begin(), ops.end(), std::back_inserter(fitted));
        ops = std::move(fitted);
        auto& texts = pages_.back().texts;
        std::string fitted_texts;
        fitted_texts.reserve(texts.size() + footer_text_room);
        fitted_texts += texts;
        texts = std::move(fitted_texts);
    }
    pages_.emplace_back();
    y_ = g_.height - g_.margin_top;
}

void Layout::ensure(double height) {
    if (pages_.empty() || y_ - height < g_.margin_bottom) new_page();
}

void Layout::space(double points) {
    if (pages_.empty()) new_page();
    y_ -= points;
}

void Layout::page_break() {
    new_page();
}

void Layout::place(double x, double y, const std::string& text, FontStyle font, double size,
                   Color color) {
    if (pages_.empty()) new_page();
    page().text(x, y, font, size, text, color);
}

void Layout::heading(const std::string& text, int level, bool bookmark) {
    double size = level == 0 ? g_.h1_size : level == 1 ? g_.h2_size : g_.h3_size;
    double before = level == 0 ? 0 : size * 0.8;
    auto lines = wrap(text, content_width(), FontStyle::bold, size);
    double line_h = size * g_.leading;
    double body_line = g_.body_size * g_.leading;
    // Keep a heading with at least three lines of what follows.
    ensure(before + static_cast<double>(lines.size()) * line_h + 3 * body_line);
    if (y_ < g_.height - g_.margin_top) y_ -= before;
    if (bookmark) bookmarks_.push_back({text, level, pages_.size() - 1, y_ + before});
    for (const auto& l : lines) {
        page().text(g_.margin_left, y_ - baseline_offset(size, g_.leading), FontStyle::bold, size,
                    l, g_.accent);
        y_ -= line_h;
    }
    y_ -= size * 0.3;
}

void Layout::paragraph(const std::string& text, FontStyle font, double size) {
    if (size <= 0) size = g_.body_size;
    double line_h = size * g_.leading;
    for (const auto& l : wrap(text, content_width(), font, size)) {
        ensure(line_h);
        if (!l.empty())
            page().text(g_.margin_left, y_ - baseline_offset(size, g_.leading), font, size, l,
                        g_.text);
        y_ -= line_h;
    }
    y_ -= g_.paragraph_gap;
}

// Whether wrapping broke a word: the lines rejoined at spaces must give the text back,
// except after a hyphen or a slash, where a line may end inside "GRI-standard".
bool splits_a_word(std::string_view text, const std::vector<std::string>& lines) {
    std::string words;
    bool space = false;
    for (char c : text) {
        bool ws = c == ' ' || c == '\n';
        if (ws && !words.empty()) space = true;
        if (ws) continue;
        if (space) words += ' ';
        space = false;
        words += c;
    }
    std::string joined;
    for (const auto& l : lines) {
        if (l.empty()) continue;
        if (!joined.empty() && joined.back() != '-' && joined.back() != '/') joined += ' ';
        joined += l;
    }
    std::string relaxed = words;  // the text with no space after a hyphen or slash either
    for (std::size_t i = 0; (i = relaxed.find_first_of("-/", i)) != std::string::npos; ++i)
        if (i + 1 < relaxed.size() && relaxed[i + 1] == ' ') relaxed.erase(i + 1, 1);
    return joined != words && joined != relaxed;
}

Layout::WrappedRow Layout::wrap_row(const Row& r, const std::vector<double>& widths,
                                    bool header) const {
    WrappedRow out;
    std::size_t lines = 1;
    for (std::size_t c = 0; c < r.cells.size() && c < widths.size(); ++c) {
        bool spans = r.block || r.span;
        double w = spans ? content_width() : widths[c];
        // Header cells are drawn bold: measured regular, a header could wrap into more
        // lines than its row was given and lose the last one.
        FontStyle font = spans || header ? FontStyle::bold : r.cells[c].font;
        out.cells.push_back(wrap(r.cells[c].text, w - 2 * g_.cell_padding, font, g_.table_size));
        lines = std::max(lines, out.cells.back().size());
        if (spans) break;
    }
    out.height = static_cast<double>(lines) * g_.table_size * g_.leading + 2 * g_.cell_padding;
    return out;
}

void Layout::draw_row(const Row& r, const WrappedRow& wrapped, const std::vector<double>& widths,
                      bool header) {
    double h = wrapped.height;
    double top = y_;
    if (header || r.block)
        page().ops.push_back(DrawRect{g_.margin_left, top - h, content_width(), h,
                                      header ? g_.header_fill : g_.block_fill});
    double line_h = g_.table_size * g_.leading;
    double x = g_.margin_left;
    for (std::size_t c = 0; c < r.cells.size() && c < widths.size() && c < wrapped.cells.size();
         ++c) {
        bool spans = r.block || r.span;
        double w = spans ? content_width() : widths[c];
        const Cell& cell = r.cells[c];
        FontStyle font = header || spans ? FontStyle::bold : cell.font;
        const auto& lines = wrapped.cells[c];
        if (header && splits_a_word(cell.text, lines) &&
            std::find(split_headers_.begin(), split_headers_.end(), cell.text) ==
                split_headers_.end())
            split_headers_.push_back(cell.text);
        double ly = top - g_.cell_padding;
        for (const auto& l : lines) {
            double lx = x + g_.cell_padding;
            if (cell.align == Align::right)
                lx = x + w - g_.cell_padding - measure_(l, font, g_.table_size);
            if (!l.empty())
                page().text(lx, ly - baseline_offset(g_.table_size, g_.leading), font,
                            g_.table_size, l, g_.text);
            for (const auto& [fragment, target] : cell.links) {
                auto at = l.find(fragment);
                if (at == std::string::npos) continue;
                double fx = lx + measure_(std::string_view(l).substr(0, at), font, g_.table_size);
                double fw = measure_(fragment, font, g_.table_size);
                page().links.push_back({fx, ly - line_h, fw, line_h, target});
            }
            ly -= line_h;
        }
        if (spans) break;
        x += w;
    }
    page().ops.push_back(
        DrawLine{g_.margin_left, top - h, g_.margin_left + content_width(), top - h, 0.4, g_.rule});
    y_ -= h;
}

// A header reads only if no word of it breaks ("Ursprun g"): each column gets at least the
// width of its header's longest word, taken from the columns with room to spare, in
// proportion to that room. Where the table has too little room in all, nothing changes.
void Layout::fit_header_words(const Table& t, std::vector<double>& widths) const {
    // Each column should hold its longest word whole: first every word of the header and
    // the body (a unit such as "invånare" broke into "invånar|e"), else the header's alone.
    auto needs = [&](bool body) {
        std::vector<double> need(widths.size(), 0);
        auto add = [&](const Row& row, bool header) {
            if (row.block || row.span) return;  // spans the table
            for (std::size_t c = 0; c < row.cells.size() && c < widths.size(); ++c) {
                std::string_view text = row.cells[c].text;
                auto style = header ? FontStyle::bold : row.cells[c].font;
                for (std::size_t start = 0; start < text.size();) {
                    auto end = text.find_first_of(" \n", start);
                    auto word =
                        text.substr(start, end == std::string_view::npos ? end : end - start);
                    need[c] = std::max(
                        need[c], measure_(word, style, g_.table_size) + 2 * g_.cell_padding + 0.01);
                    if (end == std::string_view::npos) break;
                    start = end + 1;
                }
            }
        };
        for (const auto& row : t.header) add(row, true);
        if (body)
            for (const auto& row : t.rows) add(row, false);
        return need;
    };
    for (bool body : {true, false}) {
        auto need = needs(body);
        double deficit = 0, slack = 0;
        for (std::size_t c = 0; c < widths.size(); ++c) {
            if (widths[c] < need[c]) deficit += need[c] - widths[c];
            // A column gives up at most what its own words leave free.
            else
                slack += widths[c] - need[c];
        }
        if (deficit == 0) return;
        if (slack < deficit) continue;
        for (std::size_t c = 0; c < widths.size(); ++c) {
            if (widths[c] < need[c])
                widths[c] = need[c];
            else
                widths[c] -= (widths[c] - need[c]) / slack * deficit;
        }
        return;
    }
}

void Layout::table(const Table& t) {
    double total = 0;
    for (double w : t.widths) total += w;
    std::vector<double> widths;
    for (double w : t.widths) widths.push_back(w / total * content_width());
    fit_header_words(t, widths);
    std::vector<WrappedRow> header;
    double header_h = 0;
    for (const auto& r : t.header) {
        header.push_back(wrap_row(r, widths, true));
        header_h += header.back().height;
    }
    auto draw_header = [&] {
        for (std::size_t i = 0; i < t.header.size(); ++i)
            draw_row(t.header[i], header[i], widths, true);
    };
    // Each row is wrapped once: the row after a heading is looked at before it is drawn.
    std::optional<WrappedRow> next;
    auto wrapped = [&](std::size_t i) {
        WrappedRow w = next ? std::move(*next) : wrap_row(t.rows[i], widths, false);
        next.reset();
        return w;
    };
    // The header and the first row start together.
    if (!t.rows.empty()) next = wrap_row(t.rows.front(), widths, false);
    ensure(header_h + (next ? next->height : 0));
    draw_header();
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const Row& r = t.rows[i];
        WrappedRow row = wrapped(i);
        // A block header or sub-heading keeps the row after it on its page.
        double need = row.height;
        if ((r.block || r.span) && i + 1 < t.rows.size()) {
            next = wrap_row(t.rows[i + 1], widths, false);
            need += next->height;
        }
        if (y_ - need < g_.margin_bottom) {
            new_page();
            draw_header();
        }
        draw_row(r, row, widths, false);
    }
    y_ -= g_.paragraph_gap * 2;
}

void Layout::chart(const BarChart& c) {
    double size = g_.table_size;
    double line_h = size * g_.leading;
    double label_h = 3 * line_h;  // category labels under the bars, up to three lines
    double legend_h = line_h * 1.5;
    ensure(g_.h3_size * g_.leading + legend_h + c.height + label_h + g_.paragraph_gap);
    if (!c.title.empty()) {
        page().text(g_.margin_left, y_ - baseline_offset(g_.h3_size, g_.leading), FontStyle::bold,
                    g_.h3_size, c.title, g_.text);
        y_ -= g_.h3_size * g_.leading;
    }
    // Legend: a swatch and the series name, left to right.
    double lx = g_.margin_left;
    for (const auto& s : c.series) {
        page().ops.push_back(DrawRect{lx, y_ - line_h + 2, size, size * 0.8, s.color});
        page().text(lx + size * 1.4, y_ - baseline_offset(size, g_.leading), FontStyle::regular,
                    size, s.name, g_.text);
        lx += size * 2 + measure_(s.name, FontStyle::regular, size) + 12;
    }
    if (!c.unit.empty()) {
        double uw = measure_(c.unit, FontStyle::regular, size);
        page().text(g_.margin_left + content_width() - uw, y_ - baseline_offset(size, g_.leading),
                    FontStyle::regular, size, c.unit, g_.text);
    }
    y_ -= legend_h;
    double max = 0;
    for (const auto& s : c.series)
        for (double v : s.values) max = std::max(max, v);
    double top_value = nice_ceiling(max * 1.08);
    double plot_bottom = y_ - c.height;
    double plot_left = g_.margin_left;
    double plot_w = content_width();
    // Gridlines at quarters of the scale.
    for (int q = 0; q <= 4; ++q) {
        double gy = plot_bottom + c.height * q / 4;
        page().ops.push_back(
            DrawLine{plot_left, gy, plot_left + plot_w, gy, q == 0 ? 0.8 : 0.3, g_.rule});
    }
    std::size_t n = c.categories.size();
    std::size_t m = c.series.size();
    if (n > 0 && m > 0) {
        double group_w = plot_w / static_cast<double>(n);
        double bar_w = group_w * 0.7 / static_cast<double>(m);
        for (std::size_t i = 0; i < n; ++i) {
            double gx = plot_left + group_w * static_cast<double>(i) + group_w * 0.15;
            for (std::size_t s = 0; s < m; ++s) {
                const auto& series = c.series[s];
                if (i >= series.values.size()) continue;
                double h = c.height * std::max(0.0, series.values[i]) / top_value;
                double bx = gx + bar_w * static_cast<double>(s);
                page().ops.push_back(DrawRect{bx, plot_bottom, bar_w * 0.92, h, series.color});
                if (i < series.labels.size()) {
                    double tw = measure_(series.labels[i], FontStyle::regular, size * 0.9);
                    page().text(bx + (bar_w * 0.92 - tw) / 2, plot_bottom + h + 2,
                                FontStyle::regular, size * 0.9, series.labels[i], g_.text);
                }
            }
            auto lines = wrap(c.categories[i], group_w - 4, FontStyle::regular, size);
            double ly = plot_bottom - 2;
            for (const auto& l : lines) {
                double tw = measure_(l, FontStyle::regular, size);
                page().text(plot_left + group_w * static_cast<double>(i) + (group_w - tw) / 2,
                            ly - baseline_offset(size, g_.leading), FontStyle::regular, size, l,
                            g_.text);
                ly -= line_h;
            }
        }
    }
    y_ = plot_bottom - label_h - g_.paragraph_gap;
}

}  // namespace griexport::pdf
