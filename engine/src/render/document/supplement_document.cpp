// The supplement's content, section by section, in the order a reader of an annual report
// expects: cover, statement of use, content index, disclosures, climate accounts, goals and
// indicators, definitions and restatements, omissions. Every printed word comes from
// templates/<lang>/labels.xml; numbers and dates are formatted by ICU.
#include "supplement_document.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

#include "../../rules/evaluator.hpp"
#include "../../text/format.hpp"
#include "../xbrl/instance.hpp"
#include "griexport/version.hpp"

namespace griexport::doc {

namespace {

class Supplement {
  public:
    Supplement(const Dataset& ds, const Mappings& m, const DisclosureSet& set, const Labels& l,
               const SupplementStyle& style, const std::map<std::string, std::size_t>* pages,
               int first_page)
        : ds_(ds), m_(m), set_(set), l_(l), style_(style), lang_(l.lang()), pages_of_(pages) {
        o_ = &ds.organisation;
        year_ = o_->reporting_period.from.year;
        first_page_ = first_page;
    }

    doc::Document build() {
        doc::Document d;
        d.lang = lang_;
        d.title = title();
        d.organisation = name();
        Flow l{d.blocks};
        cover(l);
        statement(l);
        d.index_begin = d.blocks.size();
        index(l);
        d.index_end = d.blocks.size();
        disclosures(l);
        climate(l);
        goals(l);
        restatements(l);
        omissions(l);
        d.sections = section_keys_;
        return d;
    }

    std::vector<doc::Block> index_section() {
        std::vector<doc::Block> blocks;
        Flow l{blocks};
        index(l);
        return blocks;
    }

  private:
    // Emits blocks in reading order; named as the PDF layout's calls were.
    struct Flow {
        std::vector<doc::Block>& blocks;
        void section(const std::string& title, const std::string& id) {
            blocks.push_back(doc::Section{title, id});
        }
        void heading(const std::string& text, int level, const std::string& id) {
            blocks.push_back(doc::Heading{text, level, id});
        }
        void paragraph(const std::string& text, FontStyle font = FontStyle::regular,
                       bool small = false) {
            blocks.push_back(doc::Paragraph{text, font, small});
        }
        void narrative(const std::string& text, const std::string& fact) {
            blocks.push_back(doc::Narrative{text, fact});
        }
        void table(doc::Table t) { blocks.push_back(std::move(t)); }
        void chart(doc::BarChart c) { blocks.push_back(std::move(c)); }
        void space(double points) { blocks.push_back(doc::Space{points}); }
    };

    const Dataset& ds_;
    const Mappings& m_;
    const DisclosureSet& set_;
    const Labels& l_;
    const SupplementStyle& style_;
    std::string lang_;
    const Organisation* o_ = nullptr;
    int year_ = 0;
    int first_page_ = 1;
    const std::map<std::string, std::size_t>* pages_of_ = nullptr;
    std::vector<std::pair<std::string, std::string>> section_keys_;  // key → heading text

    std::string name() const {
        return o_->name.in(lang_).empty() ? o_->name.sv : o_->name.in(lang_);
    }
    std::string title() const { return l_.get("pdf.title", {{"year", y(year_)}}); }

    static std::string y(int year) { return std::to_string(year); }
    static std::string key(const std::string& number, const std::string& topic) {
        return topic.empty() ? number : number + "/" + topic;
    }
    // The id of a disclosure's heading: "d-305-1", "d-3-3_emissions".
    static std::string anchor(const std::string& key) {
        return fmt::format("d-{}", xbrl::ncname_part(key));
    }

    // The widths layout.xml gives the table, or equal widths when it gives none (or, should
    // a caller skip load_template's check, other than one per column).
    std::vector<double> columns(std::string_view name) const {
        std::size_t count = 1;
        for (const auto& [table, n] : table_columns)
            if (table == name) count = n;
        auto it = style_.columns.find(std::string(name));
        if (it == style_.columns.end() || it->second.size() != count)
            return std::vector<double>(count, 1);
        return it->second;
    }
    Color colour(const std::string& name) const {
        auto it = style_.colours.find(name);
        return it == style_.colours.end() ? Color{} : it->second;
    }

    std::string number(const Quantity& q, int precision) const {
        Decimal v = q.value.rounded(precision).with_scale(std::max(precision, 0));
        if (q.unit != no_unit && ds_.units.get(q.unit).id == "%") return text::percent(v, lang_);
        return text::number(v, lang_);
    }
    std::string unit_label(UnitId u) const {
        if (u == no_unit) return "";
        const auto& unit = ds_.units.get(u);
        return lang_ == "en" ? unit.label_en : unit.label_sv;
    }
    std::string with_unit(const Quantity& q, int precision) const {
        auto s = number(q, precision);
        if (q.unit == no_unit || ds_.units.get(q.unit).id == "%") return s;
        return s + "\u00A0" + unit_label(q.unit);
    }
    std::string disclosure_title(const DisclosureEntry& e) const {
        const Disclosure* d = m_.catalogue.find_disclosure(e.number);
        std::string t = d ? d->title.in(lang_) : "";
        if (d && d->per_topic) {
            const Topic* topic = m_.catalogue.find_topic(e.topic);
            t = l_.get("topic.title",
                       {{"title", t}, {"topic", topic ? topic->title.in(lang_) : e.topic}});
        }
        return e.number + " " + t;
    }
    std::string reason_label(const std::string& id) const {
        const auto* r = m_.catalogue.find_reason(id);
        return r ? r->label.in(lang_) : id;
    }
    std::string date(const Date& d) const { return text::long_date(d, lang_); }
    // Source keys, as the XBRL writers record them (xbrl::Fact::source).
    std::string fact_key(const Fact& f) const { return fmt::format("f{}", &f - set_.facts.data()); }
    static std::string observation_key(std::size_t i) { return fmt::format("obs{}", i); }

    void cover(Flow& l) {
        Date end = o_->reporting_period.to.value_or(o_->reporting_period.from);
        doc::Cover c;
        c.title = title();
        c.organisation = name();
        // "enligt" reads as "in accordance": the subtitle follows the claim made.
        c.subtitle = l_.get(set_.claim == Claim::in_accordance ? "pdf.subtitle.in-accordance"
                                                               : "pdf.subtitle.with-reference");
        c.period =
            l_.get("pdf.period", {{"start", date(o_->reporting_period.from)}, {"end", date(end)}});
        c.claim =
            l_.get("pdf.claim", {{"claim", m_.catalogue.wording(set_.claim).label.in(lang_)}});
        c.made_by = l_.get("pdf.made-by",
                           {{"version", std::string(engine_version)}, {"organisation", name()}});
        l.blocks.push_back(std::move(c));
    }

    void section(Flow& l, const std::string& label_key) {
        l.section(l_.get(label_key), label_key.substr(label_key.rfind('.') + 1));
    }

    // "305-1-b (emissions)" as the document's language names the topic: "305-1-b (Utsläpp)".
    std::string in_words(const std::string& item) const {
        auto open = item.find(" (");
        if (open == std::string::npos || item.back() != ')') return item;
        const Topic* t = m_.catalogue.find_topic(item.substr(open + 2, item.size() - open - 3));
        return t ? fmt::format("{} ({})", item.substr(0, open), t->title.in(lang_)) : item;
    }

    // " (1)" after a share of the way compared across a definition change or from a
    // restated baseline, with its note added to `notes`; "" for a like-for-like comparison.
    std::string comparison_mark(const TargetProgress& p, const Indicator& ind,
                                std::vector<std::string>& notes) const {
        std::string note;
        if (p.restated_baseline) {
            const auto* def = rules::definition_for_year(ind, p.current_year);
            note = l_.get("pdf.goals.restated-baseline", {{"indicator", ind.id},
                                                          {"year", y(p.baseline_year)},
                                                          {"version", def ? def->version : ""}});
        } else if (!p.baseline_definition.empty()) {
            const Restatement* rs = ds_.find_restatement(p.restatement);
            note = l_.get(
                rs ? "pdf.goals.across-definitions" : "pdf.goals.across-definitions-unexplained",
                {{"indicator", ind.id},
                 {"from-year", y(p.baseline_year)},
                 {"from", p.baseline_definition},
                 {"year", y(p.current_year)},
                 {"to", p.current_definition},
                 {"restatement", rs ? rs->id : ""},
                 {"effect", rs ? rs->effect.in(lang_) : ""}});
        }
        if (note.empty()) return "";
        notes.push_back(fmt::format("({}) {}", notes.size() + 1, note));
        return fmt::format(" ({})", notes.size());
    }

    void statement(Flow& l) {
        section(l, "pdf.section.statement");
        l.paragraph(set_.statement_of_use.in(lang_));
        if (set_.blockers.empty() || set_.sought != Claim::in_accordance) return;
        l.paragraph(l_.get("pdf.blockers"));
        for (const auto& b : set_.blockers) {
            std::string list;
            for (const auto& d : b.disclosures) list += (list.empty() ? "" : ", ") + in_words(d);
            l.paragraph("• " + (list.empty() ? l_.get("pdf.blocker", {{"number", y(b.requirement)},
                                                                      {"title", b.title.in(lang_)}})
                                             : l_.get("pdf.blocker-disclosures",
                                                      {{"number", y(b.requirement)},
                                                       {"title", b.title.in(lang_)},
                                                       {"disclosures", list}})));
        }
    }

    // The content index's location: pages of the årsredovisning (linked to them once the
    // supplement is attached: named destinations griexport-ar-N), the supplement's own
    // page (linked), and what is not covered.
    Cell location(const DisclosureEntry& e) const {
        Cell cell;
        std::vector<std::string> parts;
        for (const auto& p : e.annual_report_pages) {
            parts.push_back(l_.get("pdf.location.annual-report", {{"pages", p}}));
            auto digits = p.find_first_not_of("0123456789");
            if (digits != 0)
                cell.links.emplace_back(parts.back(), "name:griexport-ar-" + p.substr(0, digits));
        }
        if (e.in_supplement && !pages_of_) {
            // Unpaged (XHTML): the section itself, linked where it has a heading.
            parts.push_back(l_.get("location.supplement", {{"section", e.number}}));
            if (e.status == DisclosureStatus::reported)
                cell.links.emplace_back(parts.back(),
                                        fmt::format("#{}", anchor(key(e.number, e.topic))));
        } else if (e.in_supplement) {
            auto it = pages_of_->find(key(e.number, e.topic));
            std::string page =
                it == pages_of_->end() ? "?" : y(first_page_ + static_cast<int>(it->second));
            parts.push_back(l_.get("pdf.location.page", {{"page", page}}));
            if (it != pages_of_->end())
                cell.links.emplace_back(parts.back(), fmt::format("page:{}", it->second));
        }
        std::string gaps;
        for (const auto& g : e.uncovered()) gaps += (gaps.empty() ? "" : ", ") + g;
        if (!gaps.empty())
            parts.push_back(l_.get("location.not-covered", {{"requirements", gaps}}));
        for (const auto& p : parts) cell.text += (cell.text.empty() ? "" : "; ") + p;
        return cell;
    }

    void index(Flow& l) {
        section(l, "pdf.section.index");
        bool full = set_.claim == Claim::in_accordance;
        Table header;
        header.widths = {30, 70};
        header.rows.push_back({{{l_.get("pdf.index.statement"), FontStyle::bold},
                                {set_.statement_of_use.in(lang_)}}});
        header.rows.push_back(
            {{{l_.get("pdf.index.gri1"), FontStyle::bold}, {l_.get("pdf.index.gri1-value")}}});
        if (full)
            header.rows.push_back({{{l_.get("pdf.index.sector"), FontStyle::bold},
                                    {l_.get("pdf.index.sector-value")}}});
        header.caption = l_.get("xhtml.caption.claim");
        l.table(std::move(header));
        // The rows every content index shows (CSV, XLSX): one index, whatever the claim.
        auto rows = content_index_rows(m_, set_, l_);
        Table t;
        t.widths = columns("index");
        Row head;
        head.cells.push_back({l_.get("pdf.index.col.standard")});
        head.cells.push_back({l_.get("pdf.index.col.disclosure")});
        head.cells.push_back({l_.get("pdf.index.col.location")});
        head.cells.push_back({l_.get("pdf.index.col.omitted")});
        head.cells.push_back({l_.get("pdf.index.col.reason")});
        head.cells.push_back({l_.get("pdf.index.col.explanation")});
        head.cells.push_back({l_.get("pdf.index.col.sector")});
        head.cells.push_back({l_.get("pdf.index.col.internal")});
        // GRI asks the sector standards' reference numbers only of "in accordance" reports.
        auto drop = [full](std::vector<Cell>& cells) {
            if (!full && cells.size() > 6) cells.erase(cells.begin() + 6);
        };
        drop(head.cells);
        t.header.push_back(head);
        std::string block;
        std::size_t k = 0;
        for (const auto& e : set_.disclosures) {
            if (e.status == DisclosureStatus::not_material ||
                e.status == DisclosureStatus::not_reported)
                continue;
            const ContentIndexRow& row = rows.at(k++);
            const Standard* s = m_.catalogue.find_standard(e.standard);
            std::string b = s && s->universal && e.topic.empty()
                                ? (s->id == "GRI 2" ? l_.get("pdf.index.general")
                                                    : l_.get("pdf.index.material"))
                                : e.topic;
            if (b != block) {
                block = b;
                const Topic* topic = m_.catalogue.find_topic(b);
                t.rows.push_back({{{topic ? topic->title.in(lang_) : b}}, true});
            }
            Row r;
            r.cells.push_back({row.standard});
            r.cells.push_back({disclosure_title(e)});
            r.cells.push_back(location(e));  // pages of this document, not section names
            r.cells.push_back({row.omitted});
            r.cells.push_back({row.reason});
            r.cells.push_back({row.explanation});
            r.cells.push_back({""});
            r.cells.push_back({row.internal_refs});
            drop(r.cells);
            t.rows.push_back(std::move(r));
        }
        if (!full) t.widths.erase(t.widths.begin() + 6);
        t.caption = l_.get("xhtml.caption.index");
        l.table(std::move(t));
    }

    // A row per value rule: its label and its values for the base, previous and current year.
    void facts_table(Flow& l, const DisclosureEntry& e) {
        std::vector<const Fact*> numeric;
        for (auto fi : e.facts)
            if (set_.facts[fi].kind == FactKind::numeric) numeric.push_back(&set_.facts[fi]);
        if (numeric.empty()) return;
        int base = o_->base_year;
        std::vector<int> years{base, year_ - 1, year_};
        if (base == year_ - 1) years = {base, year_};
        Table t;
        t.widths = columns("facts");
        if (years.size() == 2) t.widths.pop_back();
        Row head;
        head.cells.push_back({l_.get("pdf.facts.requirement")});
        head.cells.push_back({l_.get("pdf.facts.item")});
        for (int yr : years)
            head.cells.push_back({yr == base ? l_.get("pdf.base-year", {{"year", y(yr)}}) : y(yr),
                                  FontStyle::bold, Align::right});
        t.header.push_back(head);
        std::vector<std::string> rules;
        bool any_preliminary = false;
        std::vector<std::string> across_notes;
        for (const auto* f : numeric)
            if (std::find(rules.begin(), rules.end(), f->provenance.rule) == rules.end())
                rules.push_back(f->provenance.rule);
        for (const auto& rule : rules) {
            Row r;
            const Fact* first = nullptr;
            for (const auto* f : numeric)
                if (f->provenance.rule == rule && !first) first = f;
            // A context figure reports no requirement: its label says what it is.
            // A partial or proxy value says so where it is printed, not only in the index.
            std::string req = first->requirement
                                  ? fmt::format("{}-{}", first->disclosure, first->requirement)
                                  : l_.get("pdf.facts.context");
            std::string label = first->label.in(lang_);
            if (first->fit != Fit::full)
                label += l_.get(first->fit == Fit::partial ? "pdf.fit.partial" : "pdf.fit.proxy");
            r.cells.push_back({req});
            r.cells.push_back({label});
            for (int yr : years) {
                std::string v = l_.get("pdf.missing");
                std::optional<doc::FigureRef> figure;
                for (const auto* f : numeric)
                    if (f->provenance.rule == rule && f->year == yr) {
                        v = with_unit(f->value, f->precision);
                        figure = doc::FigureRef{fact_key(*f), v.size()};
                        if (!f->across.empty()) {
                            const Restatement* rs = ds_.find_restatement(f->across_restatement);
                            across_notes.push_back(fmt::format(
                                "({}) {}", across_notes.size() + 1,
                                l_.get(rs ? "pdf.facts.across" : "pdf.facts.across-unexplained",
                                       {{"what", f->across},
                                        {"restatement", rs ? rs->id : ""},
                                        {"effect", rs ? rs->effect.in(lang_) : ""}})));
                            v += fmt::format(" ({})", across_notes.size());
                        }
                        // Computed from a preliminary value: as preliminary as its input.
                        if (std::any_of(f->provenance.inputs.begin(), f->provenance.inputs.end(),
                                        [](const ProvenanceInput& in) {
                                            return in.status == ObservationStatus::preliminary;
                                        })) {
                            v += l_.get("pdf.preliminary-mark");
                            any_preliminary = true;
                        }
                    }
                r.cells.push_back({v, FontStyle::regular, Align::right, {}, figure});
            }
            t.rows.push_back(std::move(r));
        }
        t.caption = l_.get("xhtml.caption.facts", {{"disclosure", e.number}});
        l.table(std::move(t));
        if (any_preliminary) l.paragraph(l_.get("pdf.preliminary-note"));
        for (const auto& n : across_notes) l.paragraph(n);
    }

    void disclosures(Flow& l) {
        section(l, "pdf.section.disclosures");
        bool first = true;
        for (const auto& e : set_.disclosures) {
            if (e.status != DisclosureStatus::reported) continue;
            if (!first) l.space(4);
            first = false;
            auto heading = disclosure_title(e);
            section_keys_.emplace_back(key(e.number, e.topic), heading);
            l.heading(heading, 1, anchor(key(e.number, e.topic)));
            if (!e.annual_report_pages.empty()) {
                std::string pages;
                for (const auto& p : e.annual_report_pages)
                    pages += (pages.empty() ? "" : ", ") + p;
                l.paragraph(l_.get("pdf.in-annual-report", {{"pages", pages}}));
            }
            for (auto fi : e.facts) {
                const Fact& f = set_.facts[fi];
                if (f.kind != FactKind::text) continue;
                l.narrative(f.text.in(lang_), fmt::format("f{}/{}", fi, lang_));
            }
            facts_table(l, e);
            for (auto oi : e.omissions) {
                const auto& om = set_.omissions[oi];
                if (!om.requirement) continue;
                l.paragraph(
                    l_.get("pdf.omitted-requirement",
                           {{"requirement", fmt::format("{}-{}", om.disclosure, om.requirement)},
                            {"reason", reason_label(om.reason)},
                            {"explanation", omission_explanation(om, l_)}}),
                    FontStyle::regular, true);
            }
        }
    }

    void climate(Flow& l) {
        if (ds_.climate_entries.empty()) return;
        section(l, "pdf.section.climate");
        std::vector<int> years;
        for (const auto& e : ds_.climate_entries)
            if (e.role != ClimateRole::change &&
                std::find(years.begin(), years.end(), e.year) == years.end())
                years.push_back(e.year);
        std::sort(years.begin(), years.end());
        std::string models;
        for (const auto& cm : ds_.calculation_models)
            for (const auto& e : ds_.climate_entries)
                if (e.model == cm.id && models.find(cm.name.in(lang_)) == std::string::npos)
                    models += (models.empty() ? "" : ", ") + cm.name.in(lang_);
        const auto* kind = m_.catalogue.find_kind(o_->kind);
        l.paragraph(
            l_.get("pdf.climate.intro",
                   {{"model", models}, {"possessive", kind ? kind->possessive.in(lang_) : ""}}));
        const Indicator* ind = ds_.find_indicator(ds_.climate_indicator);
        int precision = ind ? ind->precision : 0;
        // Each entry's input row (file, line) → the last observation read from it: the
        // programme instance reports that row. Only these few rows are mapped, not every
        // observation (a million in a large programme).
        constexpr std::size_t no_observation = static_cast<std::size_t>(-1);
        std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> by_origin;
        for (const auto& e : ds_.climate_entries)
            by_origin.emplace(std::pair{e.origin.file, e.origin.line}, no_observation);
        for (std::size_t i = 0; i < ds_.observations.size(); ++i)
            if (auto it = by_origin.find(
                    {ds_.observations[i].origin.file, ds_.observations[i].origin.line});
                it != by_origin.end())
                it->second = i;
        auto value = [&](const std::string& post, int yr, bool change) -> const ClimateEntry* {
            for (const auto& e : ds_.climate_entries)
                if (e.post == post && e.year == yr && (e.role == ClimateRole::change) == change)
                    return &e;
            return nullptr;
        };
        Table t;
        t.widths = columns("climate");
        Row head;
        head.cells.push_back({l_.get("pdf.climate.post")});
        for (int yr : years) head.cells.push_back({y(yr), FontStyle::bold, Align::right});
        bool changes = years.size() >= 2;
        if (changes)
            head.cells.push_back({l_.get("pdf.climate.change",
                                         {{"from", y(years.front())}, {"to", y(years.back())}}),
                                  FontStyle::bold, Align::right});
        while (t.widths.size() > head.cells.size()) t.widths.pop_back();
        while (t.widths.size() < head.cells.size()) t.widths.push_back(t.widths.back());
        t.header.push_back(head);
        for (auto role : {ClimateRole::part, ClimateRole::total, ClimateRole::separate}) {
            for (const auto& p : ds_.climate_posts) {
                if (p.role != role) continue;
                Row r;
                FontStyle font = role == ClimateRole::total ? FontStyle::bold : FontStyle::regular;
                std::string label = p.name.in(lang_);
                if (role == ClimateRole::separate)
                    label = l_.get("pdf.climate.separate", {{"post", label}});
                r.cells.push_back({label, font});
                for (int yr : years) {
                    const auto* e = value(p.id, yr, false);
                    doc::Cell cell{e ? number(e->value, precision) : l_.get("pdf.missing"), font,
                                   Align::right};
                    // The programme instance reports the row the entry was read from.
                    if (auto it =
                            e ? by_origin.find({e->origin.file, e->origin.line}) : by_origin.end();
                        it != by_origin.end() && it->second != no_observation)
                        cell.figure = doc::FigureRef{observation_key(it->second), cell.text.size()};
                    r.cells.push_back(std::move(cell));
                }
                if (changes) {
                    const auto* e = value(p.id, years.back(), true);
                    r.cells.push_back({e ? number(e->value, precision) : l_.get("pdf.missing"),
                                       font, Align::right});
                }
                t.rows.push_back(std::move(r));
            }
        }
        t.caption = l_.get("xhtml.caption.climate");
        l.table(std::move(t));
        // The climate target's progress, as the domain checks computed it.
        for (const auto& p : set_.progress) {
            if (p.indicator != ds_.climate_indicator || !p.relative_target) continue;
            l.paragraph(l_.get("pdf.climate.target",
                               {{"target", text::percent(*p.relative_target, lang_)},
                                {"year", y(p.target_year)},
                                {"base", y(p.baseline_year)},
                                {"current_year", y(p.current_year)},
                                {"change", text::percent(p.change_percent, lang_)},
                                {"path", text::percent(p.path_change_percent, lang_)}}));
        }
        BarChart c;
        c.title = l_.get("pdf.climate.chart");
        c.unit = ind ? unit_label(ind->unit) : "";
        c.description = l_.get("xhtml.chart.description");
        for (const auto& p : ds_.climate_posts)
            if (p.role == ClimateRole::part) c.categories.push_back(p.name.in(lang_));
        int s = 0;
        for (int yr : years) {
            BarSeries series;
            series.name = y(yr);
            series.color = colour(fmt::format("series-{}", (s++ % 3) + 1));
            for (const auto& p : ds_.climate_posts) {
                if (p.role != ClimateRole::part) continue;
                const auto* e = value(p.id, yr, false);
                // Bar heights only: the figures themselves are printed exactly.
                series.values.push_back(e ? e->value.value.to_double() : 0.0);
                series.labels.push_back(e ? number(e->value, precision) : "");
            }
            c.series.push_back(std::move(series));
        }
        l.chart(c);
    }

    void goals(Flow& l) {
        section(l, "pdf.section.goals");
        l.paragraph(l_.get("pdf.goals.intro"));
        int base = o_->base_year;
        Table t;
        t.widths = columns("goals");
        Row head;
        head.cells.push_back({l_.get("pdf.goals.col.indicator")});
        head.cells.push_back({l_.get("pdf.goals.col.unit")});
        head.cells.push_back(
            {l_.get("pdf.base-year", {{"year", y(base)}}), FontStyle::bold, Align::right});
        head.cells.push_back({y(year_ - 1), FontStyle::bold, Align::right});
        head.cells.push_back({y(year_), FontStyle::bold, Align::right});
        head.cells.push_back({l_.get("pdf.goals.col.target")});
        head.cells.push_back({l_.get("pdf.goals.col.progress"), FontStyle::bold, Align::right});
        head.cells.push_back({l_.get("pdf.goals.col.status")});
        t.header.push_back(head);
        // Each indicator's totals of the three years shown (the last row of each), found in
        // one pass: a map of every indicator and year held a million nodes for three looks.
        const std::array<int, 3> shown_years{base, year_ - 1, year_};
        std::vector<std::array<const Observation*, 3>> totals(ds_.indicators.size());
        for (const auto& obs : ds_.observations)
            if (!obs.restated_as && std::all_of(obs.dimensions.begin(), obs.dimensions.end(),
                                                [](auto v) { return v == 0; }))
                for (std::size_t k = 0; k < shown_years.size(); ++k)
                    if (obs.year == shown_years[k]) totals[obs.indicator][k] = &obs;
        // Progress compared across a definition change, or from a restated baseline: a
        // numbered note under the table says which (issue 10).
        std::vector<std::string> comparison_notes;
        // Indicators by goal and progress by indicator, found once: linear in the programme.
        std::unordered_map<std::string_view, std::vector<std::uint32_t>> by_goal;
        for (std::uint32_t i = 0; i < ds_.indicators.size(); ++i)
            by_goal[ds_.indicators[i].goal].push_back(i);
        std::unordered_map<std::string_view, const TargetProgress*> progress;
        for (const auto& tp : set_.progress) progress[tp.indicator] = &tp;
        bool any_preliminary = false;
        for (const auto& area : ds_.areas) {
            t.rows.push_back(
                {{{l_.get("pdf.goals.area", {{"id", area.id}, {"title", area.title.in(lang_)}})}},
                 true});
            for (const auto& g : ds_.goals) {
                if (g.area != area.id) continue;
                Row goal_row;
                goal_row.cells.push_back(
                    {l_.get("pdf.goals.goal", {{"id", g.id}, {"title", g.title.in(lang_)}})});
                goal_row.span = true;
                t.rows.push_back(std::move(goal_row));
                for (std::uint32_t i : by_goal[g.id]) {
                    const Indicator& ind = ds_.indicators[i];
                    Row r;
                    r.cells.reserve(t.header.front().cells.size());
                    r.cells.push_back({ind.id + " " + ind.name.in(lang_)});
                    r.cells.push_back({unit_label(ind.unit)});
                    for (const Observation* total : totals[i]) {
                        std::string v =
                            total ? number(total->value, ind.precision) : l_.get("pdf.missing");
                        std::optional<doc::FigureRef> figure;
                        if (total)
                            figure = doc::FigureRef{observation_key(static_cast<std::size_t>(
                                                        total - ds_.observations.data())),
                                                    v.size()};
                        // A value that may still change says so where it is read.
                        if (total && total->status == ObservationStatus::preliminary) {
                            v += l_.get("pdf.preliminary-mark");
                            any_preliminary = true;
                        }
                        r.cells.push_back({v, FontStyle::regular, Align::right, {}, figure});
                    }
                    const TargetProgress* p = nullptr;
                    if (auto it = progress.find(ind.id); it != progress.end()) p = it->second;
                    // The same choice the domain checks make: the rules engine's.
                    const Target* target = rules::target_in_force(ind, year_);
                    doc::Cell target_cell;
                    if (target) {
                        std::string value = target->relative_to_year
                                                ? text::percent(target->value.value, lang_)
                                                : number(target->value, ind.precision);
                        if (target->relative_to_year)
                            target_cell.text = l_.get("pdf.goals.target-relative",
                                                      {{"value", value},
                                                       {"base", y(*target->relative_to_year)},
                                                       {"year", y(target->year)}});
                        else
                            target_cell.text =
                                l_.get("pdf.goals.target-level",
                                       {{"comparison",
                                         l_.get(target->comparison == TargetComparison::at_least
                                                    ? "pdf.goals.at-least"
                                                : target->comparison == TargetComparison::at_most
                                                    ? "pdf.goals.at-most"
                                                    : "pdf.goals.equal")},
                                        {"value", value},
                                        {"year", y(target->year)}});
                        // The programme instance reports the target as a fact of its own.
                        if (auto at = target_cell.text.find(value); at != std::string::npos)
                            target_cell.figure = doc::FigureRef{
                                fmt::format("t{}.{}", i,
                                            static_cast<std::size_t>(target - ind.targets.data())),
                                value.size(), at};
                    }
                    r.cells.push_back(std::move(target_cell));
                    r.cells.push_back({p && p->share_of_way
                                           ? text::percent(*p->share_of_way, lang_) +
                                                 comparison_mark(*p, ind, comparison_notes)
                                           : l_.get("pdf.missing"),
                                       FontStyle::regular, Align::right});
                    r.cells.push_back(
                        {p ? l_.get(std::string("pdf.status.") + to_string(p->status)) : ""});
                    t.rows.push_back(std::move(r));
                }
            }
        }
        t.caption = l_.get("xhtml.caption.goals");
        l.table(std::move(t));
        if (any_preliminary) l.paragraph(l_.get("pdf.preliminary-note"));
        for (const auto& n : comparison_notes) l.paragraph(n);
        // Kolada's terms of use ask for the attribution wherever its data are shown.
        std::string kolada;
        for (const auto& ind : ds_.indicators)
            if (ind.kolada_kpi) kolada += (kolada.empty() ? "" : ", ") + ind.id;
        if (!kolada.empty()) l.paragraph(l_.get("pdf.goals.kolada", {{"indicators", kolada}}));
    }

    std::string validity(const DateRange& r) const {
        if (!r.to) return l_.get("pdf.valid-from", {{"from", date(r.from)}});
        return l_.get("pdf.valid-range", {{"from", date(r.from)}, {"to", date(*r.to)}});
    }

    void restatements(Flow& l) {
        section(l, "pdf.section.restatements");
        for (const auto& r : ds_.restatements) {
            l.paragraph(
                r.indicator.empty()
                    ? l_.get("pdf.restatement-model", {{"id", r.id}, {"year", y(r.effective_year)}})
                    : l_.get("pdf.restatement", {{"id", r.id},
                                                 {"indicator", r.indicator},
                                                 {"from", r.from_version},
                                                 {"to", r.to_version},
                                                 {"year", y(r.effective_year)}}),
                FontStyle::bold);
            l.paragraph(l_.get("pdf.reason", {{"text", r.reason.in(lang_)}}));
            l.paragraph(l_.get("pdf.effect", {{"text", r.effect.in(lang_)}}));
        }
        Table t;
        t.widths = columns("definitions");
        t.header.push_back({{{l_.get("pdf.definitions.col.indicator")},
                             {l_.get("pdf.definitions.col.version")},
                             {l_.get("pdf.definitions.col.valid")},
                             {l_.get("pdf.definitions.col.text")}}});
        for (const auto& ind : ds_.indicators) {
            if (ind.definitions.size() < 2) continue;
            for (const auto& d : ind.definitions)
                t.rows.push_back({{{ind.id + " " + ind.name.in(lang_)},
                                   {d.version},
                                   {validity(d.validity)},
                                   {d.text.in(lang_)}}});
        }
        if (!t.rows.empty()) {
            l.paragraph(l_.get("pdf.definitions.intro"));
            t.caption = l_.get("xhtml.caption.definitions");
            l.table(std::move(t));
        }
        if (!ds_.calculation_models.empty()) {
            l.paragraph(l_.get("pdf.models"));
            for (const auto& cm : ds_.calculation_models)
                l.paragraph("• " + l_.get("pdf.model", {{"id", cm.id},
                                                        {"name", cm.name.in(lang_)},
                                                        {"valid", validity(cm.validity)}}));
        }
    }

    void omissions(Flow& l) {
        if (set_.omissions.empty()) return;
        section(l, "pdf.section.omissions");
        l.paragraph(l_.get("pdf.omissions.intro"));
        Table t;
        t.widths = columns("omissions");
        t.header.push_back({{{l_.get("pdf.omissions.col.disclosure")},
                             {l_.get("pdf.omissions.col.requirement")},
                             {l_.get("pdf.omissions.col.reason")},
                             {l_.get("pdf.omissions.col.explanation")}}});
        for (const auto& e : set_.disclosures)
            for (auto oi : e.omissions) {
                const auto& om = set_.omissions[oi];
                t.rows.push_back(
                    {{{om.disclosure},
                      {om.requirement ? fmt::format("{}-{}", om.disclosure, om.requirement)
                                      : l_.get("pdf.omissions.whole")},
                      {reason_label(om.reason)},
                      {omission_explanation(om, l_)}}});
            }
        t.caption = l_.get("xhtml.caption.omissions");
        l.table(std::move(t));
    }
};

}  // namespace

Document supplement_document(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                             const Labels& labels, const SupplementStyle& style,
                             const std::map<std::string, std::size_t>* pages, int first_page) {
    return Supplement(ds, m, set, labels, style, pages, first_page).build();
}

std::vector<Block> content_index_section(const Dataset& ds, const Mappings& m,
                                         const DisclosureSet& set, const Labels& labels,
                                         const SupplementStyle& style,
                                         const std::map<std::string, std::size_t>* pages,
                                         int first_page) {
    return Supplement(ds, m, set, labels, style, pages, first_page).index_section();
}

int supplement_first_page(const Organisation& o, std::optional<int> option) {
    return option.value_or(o.annual_report_first_page.value_or(1));
}

}  // namespace griexport::doc
