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
#include "markup.hpp"
#include "printed_figure.hpp"

namespace griexport {

namespace {

using xhtml::Attr;
using xhtml::Fragment;
using xhtml::Markup;

constexpr const char* programme_target = "programme";

// `a` then `b`, as one string (ids and hrefs made of a prefix and a key).
std::string joined(std::string_view a, std::string_view b) {
    std::string out;
    out.reserve(a.size() + b.size());
    out.append(a).append(b);
    return out;
}

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
        Markup m(out);
        m.declaration()
            .comment("Inline XBRL 1.1 supplement written by griexport; see docs/ixbrl.md.")
            .line();
        // Each instance's namespaces, declared once; the names kept while the tag is written.
        std::vector<std::string> xmlns;
        std::vector<std::string_view> uris;
        std::set<std::string> declared;
        for (const auto* r : {&gri_, &programme_})
            for (const auto& [prefix, uri] : r->namespaces)
                if (declared.insert(prefix).second) {
                    xmlns.push_back(joined("xmlns:", prefix));
                    uris.push_back(uri);
                }
        std::vector<Attr> html{
            {"xmlns", "http://www.w3.org/1999/xhtml"},
            {"xmlns:ix", "http://www.xbrl.org/2013/inlineXBRL"},
            {"xmlns:ixt", "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12"}};
        for (std::size_t i = 0; i < xmlns.size(); ++i) html.push_back({xmlns[i], uris[i]});
        // xml:lang only: XHTML 1.1, which Inline XBRL 1.1 extends, has no lang attribute.
        html.push_back({"xml:lang", lang_});
        m.open("html", html).line().open("head").line();
        m.empty("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}})
            .line();
        m.leaf("title", fmt::format("{} \u2013 {}", d.title, d.organisation)).line();
        m.open("style", {{"type", "text/css"}}).line().text(css).text(print_rules(d));
        m.close("style").line().close("head").line().open("body").line();
        emit(out);
        header(diags, emit);
        // In its parts: joined, the largest part would be held twice.
        emit(body.before_main);
        std::string piece;
        Markup(piece).open("div", {{"id", "main"}, {"class", "main"}}).line();
        emit(piece);
        if (auto error = body.main.drain(emit); !error.empty())
            diags.error(
                "output.write",
                fmt::format("the supplement's scratch file could not be read back: {}", error),
                {"gri-supplement." + lang_ + ".xhtml", 0, 0});
        piece.clear();
        Markup(piece).close("div").line();
        emit(piece);
        emit(body.after_main);
        piece.clear();
        Markup(piece).close("body").line().close("html").line();
        emit(piece);
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

    // The attributes every tagged fact carries: name, context, target, and the id of a
    // footnoted one (kept in `id`, which must outlive the list), into `attrs`.
    void fact_attributes(const FactAt& at, std::string& id, std::vector<Attr>& attrs) const {
        const auto& f = at.record->facts[at.index];
        // A preliminary fact carries an id: the footnote relationship names it.
        bool footnote = footnoted(at);
        if (footnote) id = fact_id(f);
        attrs.assign({{"name", at.record->name(f.concept_name)},
                      {"contextRef", at.record->name(f.context)},
                      {"target", programme_target, at.record == &programme_},
                      {"id", id, footnote}});
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
        std::string id;
        std::vector<Attr> attrs;
        fact_attributes(at, id, attrs);
        std::string decimals = std::to_string(f.decimals), scaled = std::to_string(*scale);
        attrs.push_back({"unitRef", at.record->name(f.unit)});
        attrs.push_back({"decimals", decimals});
        attrs.push_back(
            {"format", lang_ == "sv" ? "ixt:num-comma-decimal" : "ixt:num-dot-decimal"});
        attrs.push_back({"scale", scaled, *scale != 0});
        attrs.push_back({"sign", "-", f.value().starts_with('-')});
        Markup(out).open("ix:nonFraction", attrs).text(p.digits).close("ix:nonFraction");
        return true;
    }

    // A table cell's text with its links, and its figure tagged and linked to provenance,
    // appended to `out` (a large programme's tables have millions of cells).
    void add_cell_content(std::string& out, const doc::Cell& c) {
        Markup m(out);
        std::string_view text = c.text;
        if (c.figure && c.figure->offset + c.figure->length <= text.size()) {
            const std::string& key = c.figure->fact;
            m.text(text.substr(0, c.figure->offset));
            std::string_view figure = text.substr(c.figure->offset, c.figure->length);
            std::string_view rest = text.substr(c.figure->offset + c.figure->length);
            bool link = provenance_of(key);
            if (link) {
                bool first = first_link(key);
                if (first) linked_.emplace_back(linked_text_.keep(key), linked_text_.keep(figure));
                std::string href = joined("#p-", key), id = joined("v-", key);
                m.open("a", {{"href", href}, {"id", id, first}});
            }
            auto p = take_apart(figure);
            const FactAt* at = fact_for(key);
            // A figure shown twice (the climate total in two tables) is tagged once.
            std::size_t mark = out.size();
            m.text(p.before);
            if (at && !shown(*at) && add_non_fraction(out, *at, p)) {
                show(key, *at);
                m.text(p.after);
            } else {
                out.resize(mark);
                m.text(figure);
            }
            if (link) m.close("a");
            m.text(rest);
            return;
        }
        // Links on fragments: only those within this document ("#id").
        std::size_t pos = 0;
        for (const auto& [fragment, target] : c.links) {
            if (!target.starts_with("#")) continue;
            auto at = text.find(fragment, pos);
            if (at == std::string::npos) continue;
            m.text(text.substr(pos, at - pos));
            m.open("a", {{"href", target}}).text(fragment).close("a");
            pos = at + fragment.size();
        }
        m.text(text.substr(pos));
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
    void table(const doc::Table& t, io::Spool& spool) {
        std::size_t columns = t.widths.size();
        for (const auto& r : t.header) columns = std::max(columns, r.cells.size());
        std::string out;
        Markup m(out);
        m.open("div", {{"class", "table"}}).open("table").line();
        if (!t.caption.empty()) m.leaf("caption", t.caption).line();
        // The PDF's relative widths, so a printed table fits A4 as the PDF's does.
        double total = 0;
        for (double w : t.widths) total += w;
        if (total > 0 && t.widths.size() == columns) {
            m.open("colgroup");
            for (double w : t.widths)
                m.empty("col", {{"style", fmt::format("width:{:.1f}%", 100 * w / total)}});
            m.close("colgroup").line();
        }
        if (!t.header.empty()) {
            m.open("thead").line();
            for (const auto& r : t.header) {
                m.open("tr");
                for (const auto& c : r.cells) {
                    m.open("th",
                           {{"scope", "col"}, {"class", "num", c.align == doc::Align::right}});
                    add_cell_content(out, c);
                    m.close("th");
                }
                m.close("tr").line();
            }
            m.close("thead").line();
        }
        spool += out;
        // A block header opens a group of rows it names (scope rowgroup); a sub-heading
        // row heads the rows under it in the same group. Each row written into a buffer
        // kept for its room, then appended: one table of a large programme is over 100 MB.
        bool open = false;
        const std::string span = std::to_string(columns);
        for (const auto& r : t.rows) {
            row_.clear();
            Markup row(row_);
            if (r.block || !open) {
                if (open) row.close("tbody").line();
                row.open("tbody").line();
                open = true;
            }
            if (r.block || r.span) {
                row.open("tr", {{"class", r.block ? "block" : "sub"}})
                    .open("th", {{"scope", r.block ? "rowgroup" : "colgroup"}, {"colspan", span}});
                if (!r.cells.empty()) add_cell_content(row_, r.cells[0]);
                row.close("th").close("tr").line();
                spool += row_;
                continue;
            }
            row.open("tr");
            for (std::size_t i = 0; i < r.cells.size(); ++i) {
                const auto& c = r.cells[i];
                bool num = c.align == doc::Align::right, strong = c.font == doc::FontStyle::bold;
                const char* cls = num && strong ? "num strong" : num ? "num" : "strong";
                // The first cell names the row: a row header for the cells beside it.
                if (i == 0)
                    row.open("th", {{"scope", "row"}, {"class", cls, num || strong}});
                else
                    row.open("td", {{"class", cls, num || strong}});
                add_cell_content(row_, c);
                row.close(i == 0 ? "th" : "td");
            }
            row.close("tr").line();
            spool += row_;
        }
        out.clear();
        if (open) m.close("tbody").line();
        m.close("table").close("div").line();
        spool += out;
    }

    std::string chart(const doc::BarChart& c) const {
        // Drawn to scale in a fixed coordinate system; the browser scales the whole.
        const double width = 640, plot_top = 36, plot_height = 200, label_height = 44;
        const double height = plot_top + plot_height + label_height;
        double max = 0;
        for (const auto& s : c.series)
            for (double v : s.values) max = std::max(max, v);
        if (max <= 0) max = 1;
        auto at = [](double v) { return fmt::format("{:.1f}", v); };
        // A standalone SVG, embedded as an image: XHTML 1.1, which Inline XBRL 1.1 is
        // validated against, has no inline SVG. It keeps its own title, description and
        // role for readers that open it alone; the page reads its alt text.
        std::string svg;
        Markup m(svg);
        std::string w = fmt::format("{}", width), h = fmt::format("{}", height);
        m.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                       {"role", "img"},
                       {"aria-labelledby", "t d"},
                       {"viewBox", fmt::format("0 0 {} {}", w, h)},
                       {"width", w},
                       {"height", h}})
            .line();
        m.leaf("title", c.title, {{"id", "t"}}).line().leaf("desc", c.description, {{"id", "d"}});
        m.line().leaf("style",
                      "text{font-family:'DejaVu Sans',Arial,sans-serif;font-size:11px;"
                      "fill:#1a1a1a}.value,.category{text-anchor:middle}.unit{text-anchor:end}"
                      ".axis{stroke:#595959;stroke-width:1}");
        m.line();
        // Legend: one swatch and name per series.
        double lx = 0;
        for (const auto& s : c.series) {
            m.empty("rect", {{"x", at(lx)},
                             {"y", "4"},
                             {"width", "12"},
                             {"height", "12"},
                             {"fill", hex(s.color)}});
            m.leaf("text", s.name, {{"x", at(lx + 16)}, {"y", "15"}, {"class", "legend"}}).line();
            lx += 24 + 8.0 * static_cast<double>(s.name.size());
        }
        m.leaf("text", c.unit, {{"x", at(width)}, {"y", "15"}, {"class", "unit"}}).line();
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
                double bar = std::max(0.0, v / max * (plot_height - 14));
                double x = gx + bar_w * static_cast<double>(s);
                m.empty("rect", {{"x", at(x)},
                                 {"y", at(base - bar)},
                                 {"width", at(bar_w - 2)},
                                 {"height", at(bar)},
                                 {"fill", hex(series.color)}});
                if (i < series.labels.size())
                    m.leaf("text", series.labels[i],
                           {{"x", at(x + (bar_w - 2) / 2)},
                            {"y", at(base - bar - 3)},
                            {"class", "value"}});
                m.line();
            }
            m.leaf(
                 "text", c.categories[i],
                 {{"x", at(gx + (group_w - 12) / 2)}, {"y", at(base + 16)}, {"class", "category"}})
                .line();
        }
        m.empty("line",
                {{"x1", "0"}, {"y1", at(base)}, {"x2", w}, {"y2", at(base)}, {"class", "axis"}})
            .line();
        m.close("svg").line();
        std::string out;
        Markup(out)
            .open("div", {{"class", "chart"}})
            .empty("img",
                   {{"src", joined("data:image/svg+xml;charset=utf-8,", percent_encoded(svg))},
                    {"alt", fmt::format("{}. {}", c.title, c.description)}})
            .close("div")
            .line();
        return out;
    }

    std::string narrative(const doc::Narrative& n) {
        const FactAt* at = fact_for(n.fact);
        Fragment content = Fragment::paragraphs(n.text);
        std::string out;
        Markup m(out);
        m.open("div", {{"class", "narrative"}});
        if (!at || shown(*at) ||
            at->record->facts[at->index].value() != xbrl::xhtml_paragraphs(n.text)) {
            m.fragment(content).close("div").line();
            return out;
        }
        // A text that answers several requirements is one fact per requirement's text
        // block, all of this key: each tags the same content, nested (Inline XBRL 1.1
        // allows an ix:nonNumeric inside another; each fact's value is the content).
        std::vector<FactAt> tags;
        if (auto same = same_key_.find(n.fact); same != same_key_.end())
            for (const auto& other : same->second)
                if (other.record->facts[other.index].value() ==
                    at->record->facts[at->index].value())
                    tags.push_back(other);
        tags.push_back(*at);
        show(n.fact, *at);
        for (const auto& tag : tags) {
            std::string id;
            std::vector<Attr> attrs;
            fact_attributes(tag, id, attrs);
            attrs.push_back({"xml:lang", lang_});
            attrs.push_back({"escape", "true"});
            m.open("ix:nonNumeric", attrs);
        }
        m.fragment(content);
        for (std::size_t i = 0; i < tags.size(); ++i) m.close("ix:nonNumeric");
        m.close("div").line();
        return out;
    }

    // The main part spools to a scratch file as it grows: a large programme's is hundreds
    // of MB, and it is written only after the header.
    struct Body {
        std::string before_main;
        io::Spool main;
        std::string after_main;
    };

    void body_of(const doc::Document& d, const std::string& mark, Body& body) {
        Markup m(body.before_main);
        m.open("p", {{"class", "skip"}}).open("a", {{"href", "#main"}}).text(l_.get("xhtml.skip"));
        m.close("a").close("p").line();
        std::vector<std::pair<std::string, std::string>> contents;
        for (const auto& b : d.blocks)
            if (const auto* s = std::get_if<doc::Section>(&b))
                contents.emplace_back(s->id, s->title);
        io::Spool& main = body.main;
        std::string part;
        Markup p(part);
        bool section_open = false;
        for (const auto& b : d.blocks) {
            part.clear();
            if (const auto* c = std::get_if<doc::Cover>(&b)) {
                m.open("div", {{"class", "cover"}}).line();
                m.leaf("h1", c->title).line();
                m.leaf("p", c->organisation, {{"class", "organisation"}}).line();
                m.leaf("p", c->subtitle).line().leaf("p", c->period).line();
                m.leaf("p", c->claim).line();
                if (!mark.empty()) m.leaf("p", mark, {{"class", "mark"}}).line();
                m.close("div").line();
                m.open("div", {{"class", "contents"}});
                m.leaf("h2", l_.get("xhtml.contents"), {{"id", "contents"}}).open("ol").line();
                for (const auto& [id, title] : contents) {
                    std::string href = joined("#", id);
                    m.open("li").open("a", {{"href", href}}).text(title).close("a").close("li");
                    m.line();
                }
                m.open("li").open("a", {{"href", "#provenance"}}).text(l_.get("xhtml.provenance"));
                m.close("a").close("li").line();
                m.close("ol").close("div").line();
                made_by_ = c->made_by;
            } else if (const auto* s = std::get_if<doc::Section>(&b)) {
                if (section_open) p.close("div").line();
                p.open("div", {{"class", "section"}}).line();
                p.leaf("h2", s->title, {{"id", s->id}}).line();
                section_open = true;
            } else if (const auto* h = std::get_if<doc::Heading>(&b)) {
                p.leaf(joined("h", std::to_string(2 + h->level)), h->text, {{"id", h->id}}).line();
            } else if (const auto* para = std::get_if<doc::Paragraph>(&b)) {
                const char* cls = para->small                          ? "note"
                                  : para->font == doc::FontStyle::bold ? "strong"
                                                                       : "";
                p.leaf("p", para->text, {{"class", cls, *cls != 0}}).line();
            } else if (const auto* n = std::get_if<doc::Narrative>(&b)) {
                part = narrative(*n);
            } else if (const auto* t = std::get_if<doc::Table>(&b)) {
                table(*t, main);
            } else if (const auto* bars = std::get_if<doc::BarChart>(&b)) {
                part = chart(*bars);
            }
            if (!part.empty()) main += part;
        }
        if (section_open) {
            part.clear();
            p.close("div").line();
            main += part;
        }
        provenance(main);
        Markup(body.after_main)
            .open("div", {{"class", "footer"}})
            .leaf("p", made_by_)
            .close("div")
            .line();
    }

    void provenance(io::Spool& spool) const {
        std::string out;
        Markup m(out);
        m.open("div", {{"class", "section provenance"}}).line();
        m.leaf("h2", l_.get("xhtml.provenance"), {{"id", "provenance"}}).line();
        m.leaf("p", l_.get("xhtml.provenance.intro")).line().open("ol").line();
        spool += out;
        // The same for every figure: looked up once, not once per figure of a million.
        const std::string back = l_.get("xhtml.provenance.back");
        // explain's chain is English, like diagnostics: marked so screen readers say it so.
        const bool english = lang_ == "en";
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
            out.clear();
            std::string id = joined("p-", key), href = joined("#v-", key);
            m.open("li", {{"id", id}}).leaf("p", heading, {{"class", "strong"}}).line();
            m.open("ul", {{"xml:lang", "en", !english}, {"class", "chain"}}).line();
            for (const auto& line : lines) {
                std::string depth = joined("depth", std::to_string(std::min(line.depth, 3)));
                m.open("li", {{"class", depth}}).leaf("code", line.text).close("li").line();
            }
            m.close("ul").line();
            m.open("p").open("a", {{"href", href}}).text(back).close("a").close("p");
            m.close("li").line();
            spool += out;
        }
        out.clear();
        m.close("ol").line();
        // The footnote the XBRL instances give preliminary figures, in each language.
        const auto& notes =
            !gri_.preliminary_note.empty() ? gri_.preliminary_note : programme_.preliminary_note;
        bool any = false;
        for (const auto* r : {&gri_, &programme_})
            for (const auto& f : r->facts) any = any || f.preliminary;
        if (any)
            for (const auto& [lang, text] : notes) {
                std::string id = joined("preliminary-", lang);
                m.open("p", {{"class", "note"}, {"xml:lang", lang, lang != lang_}});
                m.leaf("ix:footnote", text, {{"id", id}, {"xml:lang", lang}}).close("p").line();
            }
        m.close("div").line();
        spool += out;
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
        std::string out;
        Markup m(out);
        m.open("div", {{"style", "display:none"}}).line().open("ix:header").line();
        bool any_hidden = false;
        for (const auto& flags : shown_)
            any_hidden = any_hidden || std::find(flags.begin(), flags.end(), 0) != flags.end();
        if (any_hidden) m.open("ix:hidden").line();
        std::string id, decimals;
        std::vector<Attr> attrs;
        for (const auto* r : {&gri_, &programme_})
            for (std::size_t i = 0; i < r->facts.size(); ++i) {
                const auto& f = r->facts[i];
                FactAt at{r, i};
                if (shown(at)) continue;
                // Written in place, and handed on by the MiB: a large build hides
                // hundreds of thousands of facts.
                fact_attributes(at, id, attrs);
                switch (f.kind) {
                    case xbrl::ValueKind::number: {
                        bool negative = f.value().starts_with('-');
                        decimals = std::to_string(f.decimals);
                        attrs.push_back({"unitRef", r->name(f.unit)});
                        attrs.push_back({"decimals", decimals});
                        attrs.push_back({"sign", "-", negative});
                        m.open("ix:nonFraction", attrs).text(f.value().substr(negative ? 1 : 0));
                        m.close("ix:nonFraction");
                        break;
                    }
                    case xbrl::ValueKind::xhtml:
                        // Made from escaped text where the fact was made: markup by its
                        // kind, never by what its bytes look like.
                        attrs.push_back({"xml:lang", r->name(f.lang)});
                        attrs.push_back({"escape", "true"});
                        m.open("ix:nonNumeric", attrs).fragment(Fragment::of_fact(f));
                        m.close("ix:nonNumeric");
                        break;
                    case xbrl::ValueKind::text:
                        // A fact without a language (a date, an enumeration) says so: the
                        // document's language would otherwise be its own.
                        attrs.push_back({"xml:lang", r->name(f.lang)});
                        m.open("ix:nonNumeric", attrs).text(f.value()).close("ix:nonNumeric");
                        break;
                }
                m.line();
                if (out.size() >= (1u << 20)) {
                    emit(out);
                    out.clear();
                }
            }
        if (any_hidden) m.close("ix:hidden").line();
        m.open("ix:references")
            .empty("link:schemaRef", {{"xlink:type", "simple"}, {"xlink:href", gri_.schema_ref}})
            .close("ix:references")
            .line();
        m.open("ix:references", {{"target", programme_target}})
            .empty("link:schemaRef",
                   {{"xlink:type", "simple"}, {"xlink:href", programme_.schema_ref}})
            .close("ix:references")
            .line();
        m.open("ix:resources").line();

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
        out += resources;
        for (const auto* r : {&gri_, &programme_}) {
            std::string from;
            for (const auto& f : r->facts)
                if (f.preliminary && !r->preliminary_note.empty())
                    from += joined(from.empty() ? "" : " ", fact_id(f));
            std::string to;
            for (const auto& [lang, text] : r->preliminary_note)
                to += joined(to.empty() ? "" : " ", joined("preliminary-", lang));
            if (!from.empty())
                m.empty("ix:relationship", {{"fromRefs", from}, {"toRefs", to}}).line();
        }
        m.close("ix:resources").line().close("ix:header").line().close("div").line();
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
