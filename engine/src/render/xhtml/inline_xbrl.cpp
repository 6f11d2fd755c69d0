// The supplement as Inline XBRL 1.1: one XHTML document that people read in a browser,
// screen readers read in order, and XBRL processors read as the GRI instance (default
// target) and the programme instance (target "programme"). Content comes from the same
// document model as the PDF; facts from the same records the .xbrl files were written from,
// so the two cannot disagree.
#include "inline_xbrl.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "../../io/sha256.hpp"
#include "../../io/source_text.hpp"
#include "../../io/spool.hpp"
#include "../document/supplement_document.hpp"
#include "../pdf/pdf_document.hpp"
#include "../xbrl/instance.hpp"
#include "griexport/supplement.hpp"
#include "griexport/version.hpp"
#include "printed_figure.hpp"

namespace griexport {

namespace {

using xbrl::escape_attribute;
using xbrl::escape_text;

constexpr const char* programme_target = "programme";

std::string hex(const doc::Color& c) {
    auto byte = [](double v) { return static_cast<int>(std::clamp(v, 0.0, 1.0) * 255 + 0.5); };
    return fmt::format("#{:02x}{:02x}{:02x}", byte(c.r), byte(c.g), byte(c.b));
}

// A CSS string literal: quotes and backslashes escaped, line breaks as spaces.
std::string css_string(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += (c == '\n' ? ' ' : c);
    }
    return out + "\"";
}

// A data: URI's text: unreserved characters as they are, every other byte as %XX.
std::string percent_encoded(std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
        bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                     c == '-' || c == '.' || c == '_' || c == '~';
        out += plain ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
    }
    return out;
}

class InlineSupplement {
  public:
    InlineSupplement(const Dataset& ds, const DisclosureSet& set, const Labels& l,
                     const xbrl::InstanceRecord& gri, const xbrl::InstanceRecord& programme,
                     const Diagnostics* found)
        : ds_(ds),
          set_(set),
          l_(l),
          lang_(l.lang()),
          gri_(gri),
          programme_(programme),
          found_(found) {
        by_observation_.assign(ds.observations.size(), FactAt{});
        std::size_t others = 0;
        for (const auto* r : {&gri, &programme})
            for (const auto& f : r->facts) others += observation_number(f.source()) ? 0 : 1;
        facts_.reserve(others);
        for (const auto* r : {&gri, &programme}) {
            shown_[r == &gri ? 0 : 1].assign(r->facts.size(), 0);
            for (std::size_t i = 0; i < r->facts.size(); ++i) {
                std::string_view key = r->facts[i].source();
                FactAt* slot = nullptr;
                if (auto n = observation_number(key); n && *n < by_observation_.size()) {
                    slot = &by_observation_[*n];
                    if (!slot->record) {
                        *slot = {r, i};
                        continue;
                    }
                } else {
                    auto [it, added] = facts_.try_emplace(key, FactAt{r, i});
                    if (added) continue;
                    slot = &it->second;
                }
                // The later fact answers for the key; the earlier are shown with it.
                same_key_[key].push_back(*slot);
                *slot = {r, i};
            }
        }
    }

    // The document to `emit` in pieces: a large programme's hidden facts run to hundreds of
    // MB, which need not be held whole.
    void write(const doc::Document& d, const std::string& css, const std::string& mark,
               Diagnostics& diags, const std::function<void(std::string_view)>& emit) {
        // The body first: it decides which facts are shown; the header hides the rest.
        Body body;
        body_of(d, mark, body);
        std::string out;
        out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        out += "<!-- Inline XBRL 1.1 supplement written by griexport; see docs/ixbrl.md. -->\n";
        out += "<html xmlns=\"http://www.w3.org/1999/xhtml\"";
        out += " xmlns:ix=\"http://www.xbrl.org/2013/inlineXBRL\"";
        out += " xmlns:ixt=\"http://www.xbrl.org/inlineXBRL/transformation/2020-02-12\"";
        std::set<std::string> declared;
        for (const auto* r : {&gri_, &programme_})
            for (const auto& [prefix, uri] : r->namespaces)
                if (declared.insert(prefix).second)
                    out += fmt::format(" xmlns:{}=\"{}\"", prefix, escape_attribute(uri));
        // xml:lang only: XHTML 1.1, which Inline XBRL 1.1 extends, has no lang attribute.
        out += fmt::format(" xml:lang=\"{}\">\n", lang_);
        out +=
            "<head>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
        out +=
            fmt::format("<title>{}</title>\n", escape_text(d.title + " \u2013 " + d.organisation));
        out += "<style type=\"text/css\">\n" + escape_text(css) + escape_text(print_rules(d)) +
               "</style>\n";
        out += "</head>\n<body>\n";
        emit(out);
        header(diags, emit);
        // In its parts: joined, the largest part would be held twice.
        emit(body.before_main);
        emit("<div id=\"main\" class=\"main\">\n");
        if (auto error = body.main.drain(emit); !error.empty())
            diags.error(
                "output.write",
                fmt::format("the supplement's scratch file could not be read back: {}", error),
                {"gri-supplement." + lang_ + ".xhtml", 0, 0});
        emit("</div>\n");
        emit(body.after_main);
        emit("</body>\n</html>\n");
    }

  private:
    struct FactAt {
        const xbrl::InstanceRecord* record = nullptr;
        std::size_t index = 0;
    };

    const Dataset& ds_;
    const DisclosureSet& set_;
    const Labels& l_;
    std::string lang_;
    const xbrl::InstanceRecord& gri_;
    const xbrl::InstanceRecord& programme_;
    const Diagnostics* found_;
    // Source key → fact. The observations' ("obs40"), a million in a large programme, by
    // number: hashed, they held some 80 MB while the supplement was written. The rest
    // hashed on the records' own strings.
    std::vector<FactAt> by_observation_;  // record null: no fact has that key
    std::unordered_map<std::string_view, FactAt> facts_;
    // "obs40" → 40; nullopt for any other key (only the form the writers make, "obs" and
    // the number without leading zeros, so that a number names one key).
    static std::optional<std::size_t> observation_number(std::string_view key) {
        if (!key.starts_with("obs") || key.size() == 3 || key.size() > 3 + 18) return {};
        std::size_t n = 0;
        for (char c : key.substr(3)) {
            if (c < '0' || c > '9') return {};
            n = n * 10 + static_cast<std::size_t>(c - '0');
        }
        if (key[3] == '0' && key.size() > 4) return {};
        return n;
    }
    const FactAt* fact_for(std::string_view key) const {
        if (auto n = observation_number(key); n && *n < by_observation_.size())
            return by_observation_[*n].record ? &by_observation_[*n] : nullptr;
        auto it = facts_.find(key);
        return it == facts_.end() ? nullptr : &it->second;
    }
    // Which facts the body tags, per record (GRI, programme) and fact: a fact is shown when
    // a fact of its key is, so facts that share a key with facts_'s are kept beside it.
    std::array<std::vector<char>, 2> shown_;
    std::unordered_map<std::string_view, std::vector<FactAt>> same_key_;
    bool shown(const FactAt& at) const { return shown_[at.record == &gri_ ? 0 : 1][at.index]; }
    void show(std::string_view key, const FactAt& at) {
        shown_[at.record == &gri_ ? 0 : 1][at.index] = 1;
        if (auto it = same_key_.find(key); it != same_key_.end())
            for (const auto& other : it->second)
                shown_[other.record == &gri_ ? 0 : 1][other.index] = 1;
    }
    // Figures linked to the provenance appendix, in order of first appearance, with the
    // heading of their entry: kept in blocks (a large programme links a million figures),
    // as a table's rows are read back as values that go when the row is written.
    std::vector<std::pair<std::string_view, std::string_view>> linked_;
    xbrl::TextBlocks linked_text_;
    std::vector<char> linked_observations_;    // by observation number
    std::set<std::string_view> linked_other_;  // the GRI facts' keys (in linked_text_)
    // Whether `key` is linked for the first time, now marked as linked.
    bool first_link(std::string_view key) {
        if (auto n = observation_number(key); n && *n < ds_.observations.size()) {
            if (linked_observations_.empty())
                linked_observations_.assign(ds_.observations.size(), 0);
            return !std::exchange(linked_observations_[*n], 1);
        }
        if (linked_other_.contains(key)) return false;
        linked_other_.insert(linked_text_.keep(key));
        return true;
    }

    // The attributes every tagged fact carries: name, context, target; appended to `out`.
    void add_fact_attributes(std::string& out, const FactAt& at) const {
        const auto& f = at.record->facts[at.index];
        out += "name=\"";
        xbrl::escape_into(out, at.record->name(f.concept_name), true);
        out += "\" contextRef=\"";
        xbrl::escape_into(out, at.record->name(f.context), true);
        out += '"';
        if (at.record == &programme_) out.append(" target=\"").append(programme_target) += '"';
        // A preliminary fact carries an id: the footnote relationship names it.
        if (footnoted(at)) {
            out += " id=\"";
            xbrl::escape_into(out, fact_id(f), true);
            out += '"';
        }
    }
    std::string fact_attributes(const FactAt& at) const {
        std::string out;
        add_fact_attributes(out, at);
        return out;
    }

    // As in the .xbrl files: preliminary facts get the preliminary-value footnote.
    bool footnoted(const FactAt& at) const {
        return at.record->facts[at.index].preliminary && !at.record->preliminary_note.empty();
    }
    static std::string fact_id(const xbrl::RecordedFact& f) {
        std::string id = fmt::format("fact-{}", f.source());
        std::replace(id.begin(), id.end(), '/', '_');
        return id;
    }

    // A numeric fact as ix:nonFraction around the printed digits, appended to `out`; false
    // (and nothing appended) when the printed number does not give the fact's value exactly
    // (it is then hidden instead).
    bool add_non_fraction(std::string& out, const FactAt& at, const PrintedFigure& p) const {
        const auto& f = at.record->facts[at.index];
        auto printed = printed_value(p.digits, lang_);
        if (!printed) return false;
        if (p.negative != (f.value().starts_with('-')) && !printed->is_zero()) return false;
        auto scale = scale_between(*printed, f.value());
        if (!scale) return false;
        out += "<ix:nonFraction ";
        add_fact_attributes(out, at);
        out += " unitRef=\"";
        xbrl::escape_into(out, at.record->name(f.unit), true);
        fmt::format_to(std::back_inserter(out), "\" decimals=\"{}\" format=\"ixt:{}\"", f.decimals,
                       lang_ == "sv" ? "num-comma-decimal" : "num-dot-decimal");
        if (*scale != 0) fmt::format_to(std::back_inserter(out), " scale=\"{}\"", *scale);
        if (f.value().starts_with('-')) out += " sign=\"-\"";
        out += '>';
        xbrl::escape_into(out, p.digits, false);
        out += "</ix:nonFraction>";
        return true;
    }

    // A table cell's text with its links, and its figure tagged and linked to provenance,
    // appended to `out` (a large programme's tables have millions of cells).
    void add_cell_content(std::string& out, const doc::Cell& c) {
        std::string_view text = c.text;
        if (c.figure && c.figure->offset + c.figure->length <= text.size()) {
            const std::string& key = c.figure->fact;
            xbrl::escape_into(out, text.substr(0, c.figure->offset), false);
            std::string_view figure = text.substr(c.figure->offset, c.figure->length);
            std::string_view rest = text.substr(c.figure->offset + c.figure->length);
            bool link = provenance_of(key);
            if (link) {
                bool first = first_link(key);
                if (first) linked_.emplace_back(linked_text_.keep(key), linked_text_.keep(figure));
                out += "<a href=\"#p-";
                xbrl::escape_into(out, key, true);
                out += '"';
                if (first) {
                    out += " id=\"v-";
                    xbrl::escape_into(out, key, true);
                    out += '"';
                }
                out += '>';
            }
            auto p = take_apart(figure);
            const FactAt* at = fact_for(key);
            // A figure shown twice (the climate total in two tables) is tagged once.
            std::size_t mark = out.size();
            xbrl::escape_into(out, p.before, false);
            if (at && !shown(*at) && add_non_fraction(out, *at, p)) {
                show(key, *at);
                xbrl::escape_into(out, p.after, false);
            } else {
                out.resize(mark);
                xbrl::escape_into(out, figure, false);
            }
            if (link) out += "</a>";
            xbrl::escape_into(out, rest, false);
            return;
        }
        // Links on fragments: only those within this document ("#id").
        std::size_t pos = 0;
        for (const auto& [fragment, target] : c.links) {
            if (!target.starts_with("#")) continue;
            auto at = text.find(fragment, pos);
            if (at == std::string::npos) continue;
            xbrl::escape_into(out, text.substr(pos, at - pos), false);
            out += "<a href=\"";
            xbrl::escape_into(out, target, true);
            out += "\">";
            xbrl::escape_into(out, fragment, false);
            out += "</a>";
            pos = at + fragment.size();
        }
        xbrl::escape_into(out, text.substr(pos), false);
    }
    std::string cell_content(const doc::Cell& c) {
        std::string out;
        add_cell_content(out, c);
        return out;
    }

    bool provenance_of(const std::string& key) const {
        return (key.starts_with("f") && key.find('/') == std::string::npos) ||
               key.starts_with("obs");
    }

    // Appended to `out` row by row: one table of a large programme is over 100 MB.
    void table(const doc::Table& t, io::Spool& out) {
        std::size_t columns = t.widths.size();
        for (const auto& r : t.header) columns = std::max(columns, r.cells.size());
        out += "<div class=\"table\"><table>\n";
        if (!t.caption.empty())
            out += fmt::format("<caption>{}</caption>\n", escape_text(t.caption));
        // The PDF's relative widths, so a printed table fits A4 as the PDF's does.
        double total = 0;
        for (double w : t.widths) total += w;
        if (total > 0 && t.widths.size() == columns) {
            out += "<colgroup>";
            for (double w : t.widths)
                out += fmt::format("<col style=\"width:{:.1f}%\"/>", 100 * w / total);
            out += "</colgroup>\n";
        }
        if (!t.header.empty()) {
            out += "<thead>\n";
            for (const auto& r : t.header) {
                out += "<tr>";
                for (const auto& c : r.cells)
                    out += fmt::format("<th scope=\"col\"{}>{}</th>",
                                       c.align == doc::Align::right ? " class=\"num\"" : "",
                                       cell_content(c));
                out += "</tr>\n";
            }
            out += "</thead>\n";
        }
        // A block header opens a group of rows it names (scope rowgroup); a sub-heading
        // row heads the rows under it in the same group.
        bool open = false;
        for (const auto& r : t.rows) {
            if (r.block || !open) {
                if (open) out += "</tbody>\n";
                out += "<tbody>\n";
                open = true;
            }
            if (r.block || r.span) {
                out +=
                    fmt::format("<tr class=\"{}\"><th scope=\"{}\" colspan=\"{}\">{}</th></tr>\n",
                                r.block ? "block" : "sub", r.block ? "rowgroup" : "colgroup",
                                columns, r.cells.empty() ? "" : cell_content(r.cells[0]));
                continue;
            }
            // The row written into a buffer kept for its room, then appended.
            row_.assign("<tr>");
            for (std::size_t i = 0; i < r.cells.size(); ++i) {
                const auto& c = r.cells[i];
                bool num = c.align == doc::Align::right, strong = c.font == doc::FontStyle::bold;
                // The first cell names the row: a row header for the cells beside it.
                row_ += i == 0 ? "<th scope=\"row\"" : "<td";
                if (num || strong)
                    row_.append(" class=\"")
                        .append(num && strong ? "num strong"
                                : num         ? "num"
                                              : "strong") += '"';
                row_ += '>';
                add_cell_content(row_, c);
                row_ += i == 0 ? "</th>" : "</td>";
            }
            row_ += "</tr>\n";
            out += row_;
        }
        if (open) out += "</tbody>\n";
        out += "</table></div>\n";
    }

    std::string chart(const doc::BarChart& c) const {
        // Drawn to scale in a fixed coordinate system; the browser scales the whole.
        const double width = 640, plot_top = 36, plot_height = 200, label_height = 44;
        const double height = plot_top + plot_height + label_height;
        double max = 0;
        for (const auto& s : c.series)
            for (double v : s.values) max = std::max(max, v);
        if (max <= 0) max = 1;
        // A standalone SVG, embedded as an image: XHTML 1.1, which Inline XBRL 1.1 is
        // validated against, has no inline SVG. It keeps its own title, description and
        // role for readers that open it alone; the page reads its alt text.
        std::string out = fmt::format(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"t d\" "
            "viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\">\n"
            "<title id=\"t\">{2}</title>\n<desc id=\"d\">{3}</desc>\n"
            "<style>text{{font-family:'DejaVu Sans',Arial,sans-serif;font-size:11px;fill:#1a1a1a}}"
            ".value,.category{{text-anchor:middle}}.unit{{text-anchor:end}}"
            ".axis{{stroke:#595959;stroke-width:1}}</style>\n",
            width, height, escape_text(c.title), escape_text(c.description));
        // Legend: one swatch and name per series.
        double lx = 0;
        for (const auto& s : c.series) {
            out += fmt::format(
                "<rect x=\"{:.1f}\" y=\"4\" width=\"12\" height=\"12\" fill=\"{}\"/>"
                "<text x=\"{:.1f}\" y=\"15\" class=\"legend\">{}</text>\n",
                lx, hex(s.color), lx + 16, escape_text(s.name));
            lx += 24 + 8.0 * static_cast<double>(s.name.size());
        }
        out += fmt::format("<text x=\"{:.1f}\" y=\"15\" class=\"unit\">{}</text>\n", width,
                           escape_text(c.unit));
        std::size_t groups = std::max<std::size_t>(c.categories.size(), 1);
        double group_w = width / static_cast<double>(groups);
        double bar_w =
            (group_w - 12) / static_cast<double>(std::max<std::size_t>(c.series.size(), 1));
        double base = plot_top + plot_height;
        for (std::size_t i = 0; i < c.categories.size(); ++i) {
            double gx = group_w * static_cast<double>(i) + 6;
            for (std::size_t s = 0; s < c.series.size(); ++s) {
                const auto& series = c.series[s];
                double v = i < series.values.size() ? series.values[i] : 0;
                double h = std::max(0.0, v / max * (plot_height - 14));
                double x = gx + bar_w * static_cast<double>(s);
                out += fmt::format(
                    "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
                    "fill=\"{}\"/>",
                    x, base - h, bar_w - 2, h, hex(series.color));
                if (i < series.labels.size())
                    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"value\">{}</text>",
                                       x + (bar_w - 2) / 2, base - h - 3,
                                       escape_text(series.labels[i]));
                out += "\n";
            }
            out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"category\">{}</text>\n",
                               gx + (group_w - 12) / 2, base + 16, escape_text(c.categories[i]));
        }
        out += fmt::format(
            "<line x1=\"0\" y1=\"{0:.1f}\" x2=\"{1}\" y2=\"{0:.1f}\" class=\"axis\"/>\n", base,
            width);
        out += "</svg>\n";
        return fmt::format(
            "<div class=\"chart\"><img src=\"data:image/svg+xml;charset=utf-8,{}\" "
            "alt=\"{}\"/></div>\n",
            percent_encoded(out), escape_attribute(c.title + ". " + c.description));
    }

    std::string paragraphs(const std::string& text) const {
        // The text block's own markup, so the tagged value is the instance's exactly.
        std::string p = xbrl::xhtml_paragraphs(text);
        const std::string ns = " xmlns=\"http://www.w3.org/1999/xhtml\"";
        for (auto at = p.find(ns); at != std::string::npos; at = p.find(ns, at))
            p.erase(at, ns.size());
        return p;
    }

    std::string narrative(const doc::Narrative& n) {
        const FactAt* at = fact_for(n.fact);
        std::string content = paragraphs(n.text);
        if (!at || shown(*at) ||
            at->record->facts[at->index].value() != xbrl::xhtml_paragraphs(n.text))
            return fmt::format("<div class=\"narrative\">{}</div>\n", content);
        show(n.fact, *at);
        return fmt::format(
            "<div class=\"narrative\"><ix:nonNumeric {} xml:lang=\"{}\" escape=\"true\">{}"
            "</ix:nonNumeric></div>\n",
            fact_attributes(*at), escape_attribute(lang_), content);
    }

    // The main part spools to a scratch file as it grows: a large programme's is hundreds
    // of MB, and it is written only after the header.
    struct Body {
        std::string before_main;
        io::Spool main;
        std::string after_main;
    };

    void body_of(const doc::Document& d, const std::string& mark, Body& body) {
        std::string& out = body.before_main;
        out += fmt::format("<p class=\"skip\"><a href=\"#main\">{}</a></p>\n",
                           escape_text(l_.get("xhtml.skip")));
        std::vector<std::pair<std::string, std::string>> contents;
        for (const auto& b : d.blocks)
            if (const auto* s = std::get_if<doc::Section>(&b))
                contents.emplace_back(s->id, s->title);
        io::Spool& main = body.main;
        bool section_open = false;
        for (const auto& b : d.blocks) {
            if (const auto* c = std::get_if<doc::Cover>(&b)) {
                out += "<div class=\"cover\">\n";
                out += fmt::format("<h1>{}</h1>\n", escape_text(c->title));
                out +=
                    fmt::format("<p class=\"organisation\">{}</p>\n", escape_text(c->organisation));
                out += fmt::format("<p>{}</p>\n<p>{}</p>\n<p>{}</p>\n", escape_text(c->subtitle),
                                   escape_text(c->period), escape_text(c->claim));
                if (!mark.empty())
                    out += fmt::format("<p class=\"mark\">{}</p>\n", escape_text(mark));
                out += "</div>\n";
                out += fmt::format("<div class=\"contents\"><h2 id=\"contents\">{}</h2><ol>\n",
                                   escape_text(l_.get("xhtml.contents")));
                for (const auto& [id, title] : contents)
                    out += fmt::format("<li><a href=\"#{}\">{}</a></li>\n", escape_attribute(id),
                                       escape_text(title));
                out += fmt::format("<li><a href=\"#provenance\">{}</a></li>\n",
                                   escape_text(l_.get("xhtml.provenance")));
                out += "</ol></div>\n";
                made_by_ = c->made_by;
            } else if (const auto* s = std::get_if<doc::Section>(&b)) {
                if (section_open) main += "</div>\n";
                main += fmt::format("<div class=\"section\">\n<h2 id=\"{0}\">{1}</h2>\n",
                                    escape_attribute(s->id),
                                    escape_text(s->title));
                section_open = true;
            } else if (const auto* h = std::get_if<doc::Heading>(&b)) {
                main += fmt::format("<h{0} id=\"{1}\">{2}</h{0}>\n", 2 + h->level,
                                    escape_attribute(h->id),
                                    escape_text(h->text));
            } else if (const auto* p = std::get_if<doc::Paragraph>(&b)) {
                std::string cls = p->small                          ? " class=\"note\""
                                  : p->font == doc::FontStyle::bold ? " class=\"strong\""
                                                                    : "";
                main += fmt::format("<p{}>{}</p>\n", cls, escape_text(p->text));
            } else if (const auto* n = std::get_if<doc::Narrative>(&b)) {
                main += narrative(*n);
            } else if (const auto* t = std::get_if<doc::Table>(&b)) {
                table(*t, main);
            } else if (const auto* bars = std::get_if<doc::BarChart>(&b)) {
                main += chart(*bars);
            }
        }
        if (section_open) main += "</div>\n";
        provenance(main);
        body.after_main =
            fmt::format("<div class=\"footer\"><p>{}</p></div>\n", escape_text(made_by_));
    }

    void provenance(io::Spool& out) const {
        out += fmt::format(
            "<div class=\"section provenance\">\n<h2 "
            "id=\"provenance\">{}</h2>\n<p>{}</p>\n<ol>\n",
            escape_text(l_.get("xhtml.provenance")), escape_text(l_.get("xhtml.provenance.intro")));
        // The same for every figure: made once, not once per figure of a million.
        const std::string back = escape_text(l_.get("xhtml.provenance.back"));
        const char* chain =
            lang_ == "en" ? "<ul class=\"chain\">\n" : "<ul xml:lang=\"en\" class=\"chain\">\n";
        for (const auto& [key, figure] : linked_) {
            std::vector<ProvenanceLine> lines;
            std::string heading;
            if (auto n = observation_number(key)) {
                const auto& obs = ds_.observations.at(*n);
                lines = observation_provenance(ds_, obs, found_, true);
                heading = l_.get("xhtml.provenance.observation",
                                 {{"indicator", ds_.indicators[obs.indicator].id},
                                  {"year", std::to_string(obs.year)},
                                  {"value", std::string(figure)}});
            } else {
                const Fact& f = set_.facts[std::stoul(std::string(key.substr(1)))];
                lines = fact_provenance(ds_, f, found_, true);
                heading = l_.get("xhtml.provenance.fact",
                                 {{"requirement",
                                   f.requirement ? fmt::format("{}-{}", f.disclosure, f.requirement)
                                                 : f.disclosure},
                                  {"year", std::to_string(f.year)},
                                  {"value", std::string(figure)}});
            }
            out += fmt::format("<li id=\"p-{}\"><p class=\"strong\">{}</p>\n", escape_attribute(key),
                               escape_text(heading));
            // explain's chain is English, like diagnostics: marked so screen readers say it so.
            out += chain;
            for (const auto& line : lines)
                out += fmt::format("<li class=\"depth{}\"><code>{}</code></li>\n",
                                   std::min(line.depth, 3), escape_text(line.text));
            out += fmt::format("</ul>\n<p><a href=\"#v-{}\">{}</a></p></li>\n", escape_attribute(key),
                               back);
        }
        out += "</ol>\n";
        // The footnote the XBRL instances give preliminary figures, in each language.
        const auto& notes =
            !gri_.preliminary_note.empty() ? gri_.preliminary_note : programme_.preliminary_note;
        bool any = false;
        for (const auto* r : {&gri_, &programme_})
            for (const auto& f : r->facts) any = any || f.preliminary;
        if (any)
            for (const auto& [lang, text] : notes)
                out += fmt::format(
                    "<p class=\"note\"{0}><ix:footnote id=\"preliminary-{1}\" xml:lang=\"{1}\">{2}"
                    "</ix:footnote></p>\n",
                    lang == lang_ ? "" : fmt::format(" xml:lang=\"{}\"", lang), lang,
                    escape_text(text));
        out += "</div>\n";
    }

    // Page size, margins and running footers for print: the same as the PDF's.
    std::string print_rules(const doc::Document& d) const {
        std::string year = std::to_string(ds_.organisation.reporting_period.from.year);
        std::string left = l_.get("pdf.footer", {{"organisation", d.organisation}, {"year", year}});
        // "Sida {page} av {pages}" with CSS counters in place of the numbers.
        std::string right = l_.get("pdf.page", {{"page", "\x01"}, {"pages", "\x02"}});
        std::string content;
        std::size_t pos = 0;
        while (pos < right.size()) {
            auto next = right.find_first_of("\x01\x02", pos);
            if (next != pos) content += css_string(right.substr(pos, next - pos)) + " ";
            if (next == std::string::npos) break;
            content += right[next] == '\x01' ? "counter(page) " : "counter(pages) ";
            pos = next + 1;
        }
        return fmt::format(
            "@media print {{\n  @page {{ size: A4; margin: 20mm 20mm 25mm 20mm;\n"
            "    @bottom-left {{ content: {}; font-size: 7.5pt; }}\n"
            "    @bottom-right {{ content: {}; font-size: 7.5pt; }} }}\n}}\n",
            css_string(left), content);
    }

    void header(Diagnostics& diags, const std::function<void(std::string_view)>& emit) const {
        std::string out = "<div style=\"display:none\">\n<ix:header>\n";
        bool any_hidden = false;
        for (const auto& flags : shown_)
            any_hidden = any_hidden || std::find(flags.begin(), flags.end(), 0) != flags.end();
        if (any_hidden) out += "<ix:hidden>\n";
        for (const auto* r : {&gri_, &programme_})
            for (std::size_t i = 0; i < r->facts.size(); ++i) {
                const auto& f = r->facts[i];
                FactAt at{r, i};
                if (shown(at)) continue;
                // Written in place, and handed on by the MiB: a large build hides
                // hundreds of thousands of facts.
                if (f.kind == xbrl::ValueKind::number) {
                    bool negative = f.value().starts_with('-');
                    out += "<ix:nonFraction ";
                    add_fact_attributes(out, at);
                    out += " unitRef=\"";
                    xbrl::escape_into(out, r->name(f.unit), true);
                    fmt::format_to(std::back_inserter(out), "\" decimals=\"{}\"", f.decimals);
                    if (negative) out += " sign=\"-\"";
                    out += '>';
                    xbrl::escape_into(out, f.value().substr(negative ? 1 : 0), false);
                    out += "</ix:nonFraction>\n";
                } else if (f.kind == xbrl::ValueKind::xhtml) {
                    // Made by xhtml_paragraphs from escaped text where the fact was made:
                    // markup by its kind, never by what its bytes look like.
                    out += "<ix:nonNumeric ";
                    add_fact_attributes(out, at);
                    out += " xml:lang=\"";
                    xbrl::escape_into(out, r->name(f.lang), true);
                    out += "\" escape=\"true\">";
                    out += f.value();
                    out += "</ix:nonNumeric>\n";
                } else {
                    out += "<ix:nonNumeric ";
                    add_fact_attributes(out, at);
                    if (f.lang != 0) {
                        out += " xml:lang=\"";
                        xbrl::escape_into(out, r->name(f.lang), true);
                        out += '"';
                    }
                    out += '>';
                    xbrl::escape_into(out, f.value(), false);
                    out += "</ix:nonNumeric>\n";
                }
                if (out.size() >= (1u << 20)) {
                    emit(out);
                    out.clear();
                }
            }
        if (any_hidden) out += "</ix:hidden>\n";
        out += fmt::format(
            "<ix:references><link:schemaRef xlink:type=\"simple\" "
            "xlink:href=\"{}\"/></ix:references>\n",
            escape_attribute(gri_.schema_ref));
        out += fmt::format(
            "<ix:references target=\"{}\"><link:schemaRef xlink:type=\"simple\" "
            "xlink:href=\"{}\"/></ix:references>\n",
            programme_target, escape_attribute(programme_.schema_ref));
        out += "<ix:resources>\n";
        std::string resources;
        xbrl::XmlWriter w(resources);
        // Both instances name contexts by content; an id both use must mean one context.
        std::map<std::string, std::string> contexts;
        for (const auto* r : {&gri_, &programme_})
            for (const auto& c : r->contexts) {
                std::string one;
                xbrl::XmlWriter cw(one);
                xbrl::write_context(cw, c);
                auto [it, added] = contexts.emplace(c.id, one);
                if (added)
                    resources += one;
                else if (it->second != one)
                    diags.error("xhtml.context-clash",
                                fmt::format("context id '{}' means two different contexts in the "
                                            "GRI and programme instances",
                                            c.id),
                                {"gri-supplement.xhtml", 0, 0});
            }
        std::set<std::string> units;
        for (const auto* r : {&gri_, &programme_})
            for (const auto& u : r->units)
                if (units.insert(u.id).second) xbrl::write_unit(w, u);
        // One fact-footnote relationship per target, from its preliminary facts to the
        // footnote in each language: the .xbrl files' footnote link, inline.
        for (const auto* r : {&gri_, &programme_}) {
            std::string from;
            for (const auto& f : r->facts)
                if (f.preliminary && !r->preliminary_note.empty())
                    from += fmt::format("{}{}", from.empty() ? "" : " ", fact_id(f));
            std::string to;
            for (const auto& [lang, text] : r->preliminary_note)
                to += fmt::format("{}preliminary-{}", to.empty() ? "" : " ", lang);
            if (!from.empty())
                resources +=
                    fmt::format("<ix:relationship fromRefs=\"{}\" toRefs=\"{}\"/>\n", from, to);
        }
        out += resources;
        out += "</ix:resources>\n</ix:header>\n</div>\n";
        emit(out);
    }

    std::string made_by_;
    std::string row_;  // table()'s
};

}  // namespace

bool xhtml::write_supplement(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                             const Labels& labels, const SupplementOptions& options,
                             const xbrl::InstanceRecord& gri, const xbrl::InstanceRecord& programme,
                             const Diagnostics* found, std::vector<SourceFile>& inputs,
                             Diagnostics& diags, const std::function<void(std::string_view)>& write,
                             const doc::Document* model) {
    // The template is read even with content made elsewhere: it is one of this output's
    // inputs in the manifest.
    auto tmpl = pdf::load_template(options.data_dir, inputs, diags);
    if (!tmpl) return false;
    std::string css;
    auto css_path = options.data_dir / "templates" / "xhtml.css";
    if (!io::read_whole_file(css_path, "templates/xhtml.css", css, diags)) return false;
    inputs.push_back({"templates/xhtml.css", io::sha256_hex(css), css_path.generic_string()});
    std::optional<doc::Document> own;
    if (!model) {
        doc::SupplementStyle style{tmpl->columns, tmpl->colours};
        own = doc::supplement_document(
            ds, m, set, labels, style, nullptr,
            doc::supplement_first_page(ds.organisation, options.first_page));
        model = &*own;
    }
    InlineSupplement writer(ds, set, labels, gri, programme, found);
    writer.write(*model, css, document_mark(ds, set, labels), diags, write);
    return true;
}

bool supplement_xhtml(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                      const Labels& labels, const SupplementOptions& options,
                      const xbrl::InstanceRecord& gri, const xbrl::InstanceRecord& programme,
                      const Diagnostics* found, std::vector<SourceFile>& inputs, Diagnostics& diags,
                      const std::function<void(std::string_view)>& write) {
    return xhtml::write_supplement(ds, m, set, labels, options, gri, programme, found, inputs,
                                   diags, write, nullptr);
}

std::string supplement_xhtml(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                             const Labels& labels, const SupplementOptions& options,
                             const xbrl::InstanceRecord& gri, const xbrl::InstanceRecord& programme,
                             const Diagnostics* found, std::vector<SourceFile>& inputs,
                             Diagnostics& diags) {
    std::string out;
    if (!supplement_xhtml(ds, m, set, labels, options, gri, programme, found, inputs, diags,
                          [&](std::string_view piece) { out += piece; }))
        return {};
    return out;
}

}  // namespace griexport
