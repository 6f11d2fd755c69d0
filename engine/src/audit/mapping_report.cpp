#include "mapping_report.hpp"

#include <fmt/format.h>

#include "audit_record.hpp"

namespace griexport::audit {

namespace {

class Parts {
  public:
    Parts(const Dataset& ds, const Mappings& m, const DisclosureSet& set, const AuditRecord& rec,
          const Labels& l)
        : ds_(ds), m_(m), set_(set), rec_(rec), l_(l) {}

    std::vector<ReportPart> run() {
        rules();
        inputs();
        checks();
        omissions();
        coverage();
        blockers();
        unmapped();
        sample_first();
        return std::move(out_);
    }

  private:
    const Dataset& ds_;
    const Mappings& m_;
    const DisclosureSet& set_;
    const AuditRecord& rec_;
    const Labels& l_;
    std::vector<ReportPart> out_;

    // A part with its title, introduction and column headers from the labels.
    ReportPart& part(const std::string& id, std::vector<std::pair<std::string, double>> cols) {
        ReportPart p;
        p.id = id;
        p.title = l_.get("report.part." + id);
        p.intro = l_.get("report.intro." + id);
        for (auto& [key, width] : cols) {
            p.headers.push_back(l_.get("report.col." + key));
            p.widths.push_back(width);
        }
        out_.push_back(std::move(p));
        return out_.back();
    }

    // An enumerated value (origin, result, outcome, …) in the labels' language.
    std::string word(std::string_view kind, std::string_view value) const {
        return l_.get(fmt::format("report.{}.{}", kind, value));
    }
    std::string unit(UnitId u) const { return u == no_unit ? "" : ds_.units.get(u).id; }
    std::string topic(const std::string& id) const {
        if (id.empty()) return "";
        const Topic* t = m_.catalogue.find_topic(id);
        return t ? t->title.in(l_.lang()) : id;
    }
    // "305-5-a", or "305-5 (bakgrund)" for a context figure, in the labels' language.
    std::string requirement(const Fact& f) const {
        if (f.context) return fmt::format("{} ({})", f.disclosure, word("result", "context"));
        return requirement_name(f);
    }
    std::string yes_no(bool b) const { return l_.get(b ? "report.yes" : "report.no"); }

    void rules() {
        auto& p = part("rules", {{"run", 5},
                                 {"requirement", 11},
                                 {"topic", 13},
                                 {"rule", 24},
                                 {"rule-location", 26},
                                 {"origin", 12},
                                 {"replaces", 28},
                                 {"expression", 30},
                                 {"result", 20},
                                 {"values", 22},
                                 {"missing", 26}});
        for (std::size_t i = 0; i < rec_.runs.size(); ++i) {
            const auto& v = rec_.runs[i];
            const Rule* r = v.rule;
            std::string values;
            for (auto fi : v.application->facts) {
                const Fact& f = set_.facts[fi];
                std::string s =
                    f.kind == FactKind::text
                        ? l_.get("report.narrative-declares",
                                 {{"requirements", f.covers.empty()  ? l_.get("report.none")
                                                   : f.covers == "*" ? l_.get("report.all")
                                                                     : f.covers}})
                        : fmt::format("{}: {} {}", f.year, f.value.value.to_string(),
                                      unit(f.value.unit));
                values += (values.empty() ? "" : "\n") + s;
            }
            std::string requirement = r && r->requirement
                                          ? fmt::format("{}-{}", r->disclosure, r->requirement)
                                          : v.entry->number;
            if (r && r->context) requirement += " (" + word("result", "context") + ")";
            std::string replaces;
            if (v.replaced)
                replaces = fmt::format("{}\n{}", v.replaced->text(), r->replaced->expression);
            p.rows.push_back({{std::to_string(i + 1), true},
                              {requirement},
                              {topic(v.entry->topic)},
                              {v.application->rule},
                              {v.place.text()},
                              {word("origin", v.origin)},
                              {replaces},
                              {r ? r->expression : ""},
                              {word("result", to_string(v.application->result))},
                              {values},
                              {v.application->missing}});
        }
    }

    void inputs() {
        auto& p = part("inputs", {{"requirement", 12},
                                  {"rule", 24},
                                  {"fact-year", 8},
                                  {"source-item", 14},
                                  {"year", 8},
                                  {"dimensions", 16},
                                  {"value", 12},
                                  {"unit", 10},
                                  {"definition", 10},
                                  {"model", 12},
                                  {"status", 12},
                                  {"reported-by", 24},
                                  {"evidence", 20},
                                  {"location", 28}});
        for (const auto& v : rec_.facts) {
            const Fact& f = set_.facts[v.index];
            const auto& inputs = f.provenance.inputs;
            for (std::size_t i = 0; i < inputs.size(); ++i) {
                const auto& in = inputs[i];
                std::string item = in.action.empty()
                                       ? l_.get("report.indicator", {{"id", in.indicator}})
                                       : l_.get("report.action", {{"id", in.action}});
                p.rows.push_back(
                    {{requirement(f)},
                     {f.provenance.rule},
                     {std::to_string(f.year), true},
                     {item},
                     {std::to_string(in.year), true},
                     {in.dimensions},
                     {in.value.value.to_string(), true, true},
                     {unit(in.value.unit)},
                     {in.definition_version},
                     {in.calculation_model},
                     {in.action.empty() ? word("status", in.status == ObservationStatus::preliminary
                                                             ? "preliminary"
                                                             : "final")
                                        : word("status", "estimate")},
                     {in.action.empty() ? in.origin : in.method},
                     {in.evidence},
                     {v.input_places[i].text()}});
            }
        }
    }

    void checks() {
        auto& p = part("checks", {{"requirement", 12},
                                  {"rule", 24},
                                  {"fact-year", 8},
                                  {"check", 18},
                                  {"outcome", 14},
                                  {"detail", 70}});
        for (const auto& v : rec_.facts) {
            const Fact& f = set_.facts[v.index];
            for (const auto& c : v.checks)
                p.rows.push_back({{requirement(f)},
                                  {f.provenance.rule},
                                  {std::to_string(f.year), true},
                                  {word("check", c.name)},
                                  {word("outcome", c.outcome)},
                                  {c.detail}});
        }
    }

    void omissions() {
        auto& p = part("omissions", {{"requirement", 12},
                                     {"topic", 16},
                                     {"reason", 20},
                                     {"allowed", 12},
                                     {"explanation", 60},
                                     {"rule", 24},
                                     {"location", 28},
                                     {"inputs-missing", 12}});
        for (const auto& v : rec_.omissions) {
            const Omission& om = *v.omission;
            const auto* reason = m_.catalogue.find_reason(om.reason);
            p.rows.push_back({{v.requirement},
                              {topic(om.topic)},
                              {reason ? reason->label.in(l_.lang()) : om.reason},
                              {yes_no(v.reason_known && v.may_omit)},
                              {omission_explanation(om, l_)},
                              {om.rule},
                              {v.place.text()},
                              {yes_no(om.fallback)}});
        }
    }

    void coverage() {
        auto& p = part("coverage", {{"requirement", 12},
                                    {"topic", 16},
                                    {"status", 18},
                                    {"covered-by", 18},
                                    {"covered-where", 40},
                                    {"text", 60}});
        for (const auto& e : set_.disclosures) {
            if (e.status == DisclosureStatus::not_material) continue;
            const Disclosure* d = m_.catalogue.find_disclosure(e.number);
            std::string status = e.partly_reported() ? word("disclosure", "partly-reported")
                                 : e.status == DisclosureStatus::omitted && !e.uncovered().empty()
                                     ? word("disclosure", "partly-omitted")
                                     : word("disclosure", to_string(e.status));
            for (const auto& c : e.coverage) {
                std::string where;
                if (c.by == CoverageKind::fact || c.by == CoverageKind::narrative)
                    where = set_.facts[c.index].provenance.rule;
                else if (c.by == CoverageKind::omission)
                    where = set_.omissions[c.index].rule;
                else if (c.by == CoverageKind::annual_report)
                    for (const auto& pages : e.annual_report_pages)
                        where += (where.empty() ? "" : "; ") +
                                 l_.get("location.annual-report", {{"pages", pages}});
                const Requirement* req = d ? d->requirement(c.requirement) : nullptr;
                p.rows.push_back({{fmt::format("{}-{}", e.number, c.requirement)},
                                  {topic(e.topic)},
                                  {status},
                                  {word("by", to_string(c.by))},
                                  {where},
                                  {req ? req->text.in(l_.lang()) : ""}});
            }
        }
    }

    void blockers() {
        auto& p = part("blockers", {{"gri1-requirement", 10}, {"title", 50}, {"items", 70}});
        for (const auto& b : set_.blockers) {
            std::string items;
            for (const auto& i : b.disclosures) items += (items.empty() ? "" : ", ") + i;
            p.rows.push_back(
                {{std::to_string(b.requirement), true}, {b.title.in(l_.lang())}, {items}});
        }
    }

    void unmapped() {
        auto& p = part("unmapped", {{"kind", 12}, {"id", 10}, {"name", 70}, {"location", 28}});
        for (const auto* g : rec_.unmapped_goals)
            p.rows.push_back({{l_.get("report.goal")},
                              {g->id},
                              {g->title.in(l_.lang())},
                              {place_of(ds_, g->source).text()}});
        for (const auto* i : rec_.unmapped_indicators)
            p.rows.push_back({{l_.get("report.indicator-kind")},
                              {i->id},
                              {i->name.in(l_.lang())},
                              {place_of(ds_, i->source).text()}});
    }

    void sample_first() {
        auto& p = part("sample", {{"why", 18},
                                  {"source-item", 14},
                                  {"year", 8},
                                  {"dimensions", 16},
                                  {"value", 12},
                                  {"unit", 10},
                                  {"reported-by", 24},
                                  {"location", 28},
                                  {"feeds", 40}});
        for (const auto& s : rec_.sample_first) {
            const auto& in = *s.input;
            std::string feeds;
            for (const auto& f : s.feeds) feeds += (feeds.empty() ? "" : "\n") + f;
            p.rows.push_back({{word("why", s.why)},
                              {l_.get("report.indicator", {{"id", in.indicator}})},
                              {std::to_string(in.year), true},
                              {in.dimensions},
                              {in.value.value.to_string(), true, true},
                              {unit(in.value.unit)},
                              {in.origin},
                              {s.place.text()},
                              {feeds}});
        }
    }
};

}  // namespace

std::vector<ReportPart> mapping_report_parts(const Dataset& ds, const Mappings& m,
                                             const DisclosureSet& set, const Labels& labels) {
    auto rec = build_audit_record(ds, m, set);
    return Parts(ds, m, set, rec, labels).run();
}

}  // namespace griexport::audit
