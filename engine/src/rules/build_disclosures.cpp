// evaluate(): the DisclosureSet from the Dataset and the mappings. Scope first (standards
// in force, material topics), then every rule in dependency order, then statuses,
// locations, compliance and the domain checks.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "../text/format.hpp"
#include "compliance.hpp"
#include "domain_checks.hpp"
#include "evaluator.hpp"
#include "griexport/evaluate.hpp"
#include "scope.hpp"

namespace griexport {

namespace {

using rules::ScopedDisclosure;

int year_of(const YearSpec& y, const Organisation& o) {
    int current = o.reporting_period.from.year;
    switch (y.kind) {
        case YearSpec::Kind::base:
            return o.base_year;
        case YearSpec::Kind::previous:
            return current - 1;
        case YearSpec::Kind::current:
            return current;
        case YearSpec::Kind::fixed:
            return y.year;
    }
    return current;
}

// Adds goal and indicator ids, keeping each once and in first-seen order.
void add_unique(std::vector<std::string>& v, const std::string& s) {
    if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

class Builder {
  public:
    Builder(const Dataset& ds, const Mappings& m, Diagnostics& diags, bool final_release)
        : ds_(ds),
          m_(m),
          diags_(diags),
          final_release_(final_release),
          idx_(ds),
          evaluator_(ds, m, idx_, diags) {}

    DisclosureSet run() {
        const auto& o = ds_.organisation;
        out_.sought = o.claim_sought;
        rules::check_printable(ds_, diags_);
        scope();
        apply_rules();
        report_from_organisation();
        locate();
        settle_statuses();
        cover_requirements();
        rules::decide_claim(ds_, m_.catalogue, out_, diags_);
        rules::decide_release(ds_, out_, diags_, final_release_);
        rules::check_restatements(ds_, m_, idx_, diags_);
        rules::track_targets(ds_, idx_, out_, diags_);
        return std::move(out_);
    }

  private:
    const Dataset& ds_;
    const Mappings& m_;
    Diagnostics& diags_;
    bool final_release_;
    rules::ObservationIndex idx_;
    rules::RuleEvaluator evaluator_;
    DisclosureSet out_;
    std::map<std::pair<std::string, std::string>, std::size_t> entry_index_;
    struct Listed {
        std::unordered_set<std::string_view> indicators, goals;
    };
    std::unordered_map<std::size_t, Listed> listed_;  // per disclosure entry
    std::unordered_set<const Narrative*> checked_narratives_;

    // The words of the texts written here, in `lang`; without them (labels.xml failed to
    // load, already an error) every label reads "[key]", a gap that shows.
    const Labels& words(std::string_view lang) const {
        static const Labels none;
        auto it = m_.labels.find(lang);
        return it == m_.labels.end() ? none : it->second;
    }

    DisclosureEntry& entry(const Disclosure& d, const std::string& topic) {
        auto key = std::make_pair(d.number, topic);
        auto it = entry_index_.find(key);
        if (it != entry_index_.end()) return out_.disclosures[it->second];
        DisclosureEntry e;
        e.number = d.number;
        e.topic = topic;
        e.standard = d.standard;
        entry_index_[key] = out_.disclosures.size();
        out_.disclosures.push_back(std::move(e));
        return out_.disclosures.back();
    }

    void scope() {
        const auto& o = ds_.organisation;
        // GRI standards take effect for reports published on or after their effective date:
        // the publication date decides, once known; a draft without one goes by the period.
        Date start = o.publication_date.value_or(o.reporting_period.from);
        Date end = o.publication_date.value_or(o.reporting_period.to.value_or(start));
        auto standards = rules::standards_for(m_.catalogue, start, end);
        for (const auto* s : standards) out_.standards_used.push_back(s->id);
        auto add_standard = [&](const Standard& s, const std::string& topic) {
            for (const auto& number : s.disclosures) {
                const Disclosure* d = m_.catalogue.find_disclosure(number);
                if (!d || !rules::disclosure_applies(*d, start)) continue;
                if (d->per_topic && topic.empty()) continue;  // added per material topic
                entry(*d, topic);
            }
        };
        // GRI 2, then GRI 3's general disclosures, then each material topic: 3-3 followed
        // by its standards' disclosures — the content index's order.
        for (const auto* s : standards)
            if (s->universal) add_standard(*s, "");
        const Disclosure* d33 = nullptr;
        for (const auto& d : m_.catalogue.disclosures)
            if (d.per_topic) d33 = &d;
        if (!o.sector.empty() &&
            std::none_of(m_.catalogue.sectors.begin(), m_.catalogue.sectors.end(),
                         [&](const Sector& s) { return s.id == o.sector; }))
            diags_.error("sector.unknown",
                         fmt::format("no Sector Standard '{}' in the catalogue (GRI 11, GRI 12, "
                                     "GRI 13 or GRI 14)",
                                     o.sector),
                         ds_.location(o.sector_source));
        for (const auto& mt : o.material_topics) {
            const Topic* t = m_.catalogue.find_topic(mt.id);
            if (!t) {
                diags_.error("topic.unknown",
                             fmt::format("no topic '{}' in the catalogue (gri-mappings/catalogue/"
                                         "topics.xml)",
                                         mt.id),
                             ds_.location(mt.source));
                continue;
            }
            MaterialTopicEntry te{mt.id, t->title, {}, mt.goals};
            for (const auto& g : mt.goals)
                if (!ds_.find_goal(g))
                    diags_.error("ref.unknown-goal",
                                 fmt::format("material topic '{}' names goal '{}', which "
                                             "programme.xml does not declare",
                                             mt.id, g),
                                 ds_.location(mt.source));
            if (d33) entry(*d33, mt.id);
            for (const auto* s : standards) {
                if (s->topic != mt.id) continue;
                te.standards.push_back(s->id);
                add_standard(*s, mt.id);
            }
            out_.topics.push_back(std::move(te));
        }
    }

    // The entries a rule fills: its disclosure, for its topic or (for topic-less rules)
    // every topic the disclosure is in scope for.
    std::vector<std::size_t> targets_of(const Rule& r) const {
        std::vector<std::size_t> t;
        for (const auto& [key, i] : entry_index_)
            if (key.first == r.disclosure && (r.topic.empty() || r.topic == key.second))
                t.push_back(i);
        return t;
    }

    void add_omission(const Rule& r, const OmissionSpec& spec, const DisclosureEntry& e,
                      std::size_t entry_index, bool fallback) {
        Omission om{e.number,         e.topic, r.requirement, spec.reason,
                    spec.explanation, r.id,    spec.source,   fallback};
        out_.disclosures[entry_index].omissions.push_back(out_.omissions.size());
        out_.omissions.push_back(std::move(om));
    }

    void apply_rules() {
        for (const auto& r : m_.rules.rules) {
            auto targets = targets_of(r);
            if (targets.empty()) {
                note_out_of_scope(r);
                continue;
            }
            for (auto ti : targets) {
                RuleApplication a{r.id, ti, RuleResult::no_data, {}, {}, {}};
                auto facts = out_.facts.size(), omissions = out_.omissions.size();
                apply(r, ti, a);
                for (auto i = facts; i < out_.facts.size(); ++i) a.facts.push_back(i);
                for (auto i = omissions; i < out_.omissions.size(); ++i) a.omissions.push_back(i);
                out_.applications.push_back(std::move(a));
            }
        }
    }

    // A rule of the organisation's own for a disclosure not in scope says something the
    // report will not show; defaults for other periods and topics are expected to idle.
    void note_out_of_scope(const Rule& r) {
        if (!r.from_organisation) return;
        const Disclosure* d = m_.catalogue.find_disclosure(r.disclosure);
        const Standard* s = d ? m_.catalogue.find_standard(d->standard) : nullptr;
        bool in_force = s && std::find(out_.standards_used.begin(), out_.standards_used.end(),
                                       s->id) != out_.standards_used.end();
        if (in_force && !s->universal && d && !d->per_topic) {
            // Its topic is not material: record the disclosure as such.
            DisclosureEntry e;
            e.number = d->number;
            e.topic = s->topic;
            e.standard = s->id;
            e.status = DisclosureStatus::not_material;
            if (!entry_index_.contains({d->number, s->topic})) {
                entry_index_[{d->number, s->topic}] = out_.disclosures.size();
                out_.disclosures.push_back(std::move(e));
            }
            return;
        }
        diags_.warning(
            "rule.out-of-scope",
            fmt::format("rule '{}': disclosure {}{} is not in scope for this "
                        "reporting period{}",
                        r.id, r.disclosure, r.topic.empty() ? "" : " (" + r.topic + ")",
                        d && d->superseded_by.empty()
                            ? ""
                            : fmt::format("; it is superseded by {}", d ? d->superseded_by : "")),
            ds_.location(r.source));
    }

    void apply(const Rule& r, std::size_t ti, RuleApplication& a) {
        const DisclosureEntry& e = out_.disclosures[ti];
        switch (r.kind) {
            case RuleKind::omit:
                add_omission(r, *r.omission, e, ti, false);
                a.result = RuleResult::omission;
                return;
            case RuleKind::narrative: {
                const Narrative* n = ds_.find_narrative(e.number, e.topic);
                if (!n) {
                    a.result = RuleResult::no_text;
                    if (r.omission) {
                        add_omission(r, *r.omission, e, ti, true);
                        a.result = RuleResult::fallback_omission;
                    }
                    return;
                }
                a.result = RuleResult::narrative;
                Fact f;
                f.disclosure = e.number;
                f.topic = e.topic;
                f.requirement = r.requirement;
                f.kind = FactKind::text;
                f.text = n->text;
                f.year = ds_.organisation.reporting_period.from.year;
                f.period_type = "duration";
                f.esrs = r.esrs;
                f.provenance.rule = r.id;
                f.provenance.rule_source = r.source;
                f.provenance.narrative_source = n->source;
                // A narrative rule for one requirement reports that one; a rule for the
                // whole disclosure reports what the text declares.
                f.covers = r.requirement ? std::string(1, r.requirement) : n->covers;
                check_declared(*n, e.number);
                add_fact(std::move(f), ti);
                return;
            }
            case RuleKind::value:
                break;
        }
        bool any = false, failed = false;
        std::string missing;
        for (const auto& y : r.years) {
            auto outcome = evaluator_.evaluate(r, year_of(y, ds_.organisation));
            if (outcome.fact) {
                outcome.fact->topic = e.topic;
                add_fact(std::move(*outcome.fact), ti);
                any = true;
            } else if (!outcome.error && missing.empty()) {
                missing = outcome.missing;
            }
            failed = failed || outcome.error;
        }
        a.missing = missing;
        a.result = any ? RuleResult::value : failed ? RuleResult::failed : RuleResult::no_data;
        // A partial or proxy value is published, but the requirement is not reported as GRI
        // words it: it is omitted, information incomplete, with the organisation's note.
        if (any && r.fit != Fit::full) {
            Omission om{e.number,   e.topic, r.requirement, "information-unavailable",
                        r.fit_note, r.id,    r.fit_source,  false};
            om.fit = r.fit;
            out_.disclosures[ti].omissions.push_back(out_.omissions.size());
            out_.omissions.push_back(std::move(om));
        }
        if (any || missing.empty()) return;
        if (r.omission) {
            a.result = RuleResult::fallback_omission;
            add_omission(r, *r.omission, e, ti, true);
        } else {
            diags_.warning(
                "rule.no-data",
                fmt::format("rule '{}' reports nothing for {}: {}; add <otherwise> "
                            "with a reason for omission, or the data",
                            r.id, requirement_label(r.disclosure, r.requirement), missing),
                ds_.location(r.source));
        }
    }

    // What organisation.xml and programme.xml already say of a requirement, in each
    // language, with the element it comes from; nothing when they say nothing.
    std::optional<std::pair<LocalText, SourceRef>> organisation_value(const std::string& field,
                                                                      const DisclosureEntry& e) {
        const auto& o = ds_.organisation;
        const OrganisationKind* kind = m_.catalogue.find_kind(o.kind);
        auto given = [](const LocalText& t) { return !(t.sv.empty() && t.en.empty()); };
        auto both = [&](auto&& f) { return LocalText{f("sv"), f("en")}; };
        if (field == "publication-date" && o.publication_date)
            return std::pair{
                both([&](const char* l) { return text::long_date(*o.publication_date, l); }),
                o.publication_source};
        if (field == "contact" && given(o.contact)) return std::pair{o.contact, o.source};
        if (field == "name" && given(o.name))
            return std::pair{both([&](const char* l) {
                                 return words(l).get(
                                     "text.organisation-number",
                                     {{"name", o.name.in(l)}, {"number", o.organisation_number}});
                             }),
                             o.source};
        if (field == "legal-form") {
            if (given(o.legal_form)) return std::pair{o.legal_form, o.source};
            if (kind && given(kind->legal_form)) return std::pair{kind->legal_form, o.source};
        }
        if (field == "seat" && given(o.seat)) return std::pair{o.seat, o.source};
        if (field == "countries") {
            if (given(o.countries)) return std::pair{o.countries, o.source};
            if (kind && given(kind->countries)) return std::pair{kind->countries, o.source};
        }
        if (field == "reporting-period" && o.reporting_period.to)
            return std::pair{both([&](const char* l) {
                                 return fmt::format("{} – {}",
                                                    text::long_date(o.reporting_period.from, l),
                                                    text::long_date(*o.reporting_period.to, l));
                             }),
                             o.source};
        if (field == "restatements") return restatements_value();
        if (field == "material-topics" && o.material_topics_determined &&
            !o.material_topics.empty())
            return std::pair{both([&](const char* l) {
                                 std::string list;
                                 for (const auto& t : o.material_topics) {
                                     const Topic* topic = m_.catalogue.find_topic(t.id);
                                     list += (list.empty() ? "" : ", ") +
                                             (topic ? topic->title.in(l) : t.id);
                                 }
                                 return list;
                             }),
                             o.source};
        if (field == "goals") return goals_value(e.topic);
        return std::nullopt;
    }

    // 2-4-a: every restatement entry and calculation-model change in force in the period.
    std::optional<std::pair<LocalText, SourceRef>> restatements_value() {
        int year = ds_.organisation.reporting_period.from.year;
        LocalText out;
        SourceRef where = ds_.organisation.source;
        for (const auto& r : ds_.restatements) {
            if (r.effective_year > year) continue;
            for (const char* l : {"sv", "en"}) {
                const Labels& w = words(l);
                std::string what =
                    r.indicator.empty()
                        ? w.get("text.restatement.model",
                                {{"from", r.from_version}, {"to", r.to_version}})
                        : w.get("text.restatement.indicator", {{"indicator", r.indicator},
                                                               {"from", r.from_version},
                                                               {"to", r.to_version}});
                std::string& t = std::string_view(l) == "sv" ? out.sv : out.en;
                if (!t.empty()) t += ' ';
                t += w.get("text.restatement", {{"what", what},
                                                {"year", std::to_string(r.effective_year)},
                                                {"reason", r.reason.in(l)},
                                                {"effect", r.effect.in(l)}});
            }
            where = r.source;
        }
        if (out.sv.empty())
            out = {words("sv").get("text.restatements.none", {{"year", std::to_string(year)}}),
                   words("en").get("text.restatements.none", {{"year", std::to_string(year)}})};
        return std::pair{out, where};
    }

    // 3-3-e for one topic: its goals, their indicators with the latest value, the target in
    // force and where the indicator stands (the same judgement as the goals table).
    std::optional<std::pair<LocalText, SourceRef>> goals_value(const std::string& topic) {
        const MaterialTopic* mt = nullptr;
        for (const auto& t : ds_.organisation.material_topics)
            if (t.id == topic) mt = &t;
        if (!mt || mt->goals.empty()) return std::nullopt;
        int year = ds_.organisation.reporting_period.from.year;
        LocalText out;
        for (const auto& gid : mt->goals) {
            const Goal* g = ds_.find_goal(gid);
            if (!g) continue;
            for (const char* l : {"sv", "en"}) {
                const Labels& w = words(l);
                std::string part =
                    w.get("text.goals.goal", {{"id", g->id}, {"title", g->title.in(l)}});
                for (std::uint32_t i = 0; i < ds_.indicators.size(); ++i) {
                    const Indicator& ind = ds_.indicators[i];
                    if (ind.goal != gid) continue;
                    part += "; " + w.get("text.goals.indicator", {{"id", ind.id}});
                    if (const auto* obs = idx_.total(i, year))
                        part += " " + w.get("text.goals.value",
                                            {{"value", text::number(obs->value.value, l)},
                                             {"unit", ds_.units.label(obs->value.unit, l)},
                                             {"year", std::to_string(year)}});
                    if (auto p = rules::progress_of(ds_, idx_, i, year, nullptr)) {
                        static const std::map<ProgressStatus, const char*> status{
                            {ProgressStatus::achieved, "text.status.achieved"},
                            {ProgressStatus::on_path, "text.status.on-path"},
                            {ProgressStatus::behind, "text.status.behind-path"},
                            {ProgressStatus::not_met, "text.status.not-met"}};
                        std::string share =
                            p->share_of_way ? w.get("text.goals.share",
                                                    {{"share", text::percent(*p->share_of_way, l)}})
                                            : "";
                        part += ", " + w.get("text.goals.target",
                                             {{"value", text::number(p->target_level.value, l)},
                                              {"unit", ds_.units.label(p->target_level.unit, l)},
                                              {"year", std::to_string(p->target_year)},
                                              {"share", share},
                                              {"status", w.get(status.at(p->status))}});
                    }
                }
                std::string& t = std::string_view(l) == "sv" ? out.sv : out.en;
                t += t.empty() ? part : ". " + part;
            }
        }
        if (out.sv.empty()) return std::nullopt;
        out.sv += ".";
        out.en += ".";
        return std::pair{out, mt->source};
    }

    // Whether a fact of the entry already reports the requirement (a rule's value or a
    // narrative that declares it): the organisation's own words go before a default.
    bool covered(const DisclosureEntry& e, char requirement) const {
        for (auto fi : e.facts) {
            const Fact& f = out_.facts[fi];
            if (f.context) continue;
            if (f.requirement == requirement) return true;
            if (f.kind == FactKind::text &&
                (f.covers == "*" || f.covers.find(requirement) != std::string::npos))
                return true;
        }
        return false;
    }

    // Requirements organisation.xml and programme.xml answer (compliance.xml
    // <from-organisation>), in compliance.xml's words: a fact each, traced to the element
    // that gives it, unless the organisation's own narrative or rule reports it.
    void report_from_organisation() {
        const auto& o = ds_.organisation;
        auto fill = [](std::string sentence, const std::string& v) {
            auto at = sentence.find("{value}");
            if (at != std::string::npos) sentence.replace(at, 7, v);
            return sentence;
        };
        for (const auto& fo : m_.catalogue.from_organisation) {
            for (std::size_t ti = 0; ti < out_.disclosures.size(); ++ti) {
                const auto& e = out_.disclosures[ti];
                if (e.number != fo.disclosure || e.status == DisclosureStatus::not_material ||
                    covered(e, fo.requirement))
                    continue;
                auto v = organisation_value(fo.field, e);
                if (!v) continue;
                const auto& [value, where] = *v;
                Fact f;
                f.disclosure = e.number;
                f.topic = e.topic;
                f.requirement = fo.requirement;
                f.kind = FactKind::text;
                f.text = {fill(fo.sentence.sv, value.sv.empty() ? value.en : value.sv),
                          fill(fo.sentence.en, value.en.empty() ? value.sv : value.en)};
                f.year = o.reporting_period.from.year;
                f.period_type = "duration";
                f.covers = std::string(1, fo.requirement);
                f.provenance.rule = fmt::format("organisation.{}-{}", e.number, fo.requirement);
                f.provenance.rule_source = fo.source;
                f.provenance.narrative_source = where;
                add_fact(std::move(f), ti);
            }
        }
    }

    // A declared letter the disclosure does not have is a typo that would hide a gap.
    void check_declared(const Narrative& n, const std::string& number) {
        const Disclosure* d = m_.catalogue.find_disclosure(number);
        if (!d || n.covers == "*" || !checked_narratives_.insert(&n).second) return;
        for (char c : n.covers)
            if (!d->requirement(c))
                diags_.error("narrative.unknown-requirement",
                             fmt::format("the narrative for {} declares requirement {}, which "
                                         "{} does not have",
                                         number, c, number),
                             ds_.location(n.source));
    }

    // Each requirement of each disclosure in scope: what reports it, if anything.
    void cover_requirements() {
        for (auto& e : out_.disclosures) {
            if (e.status == DisclosureStatus::not_material) continue;
            const Disclosure* d = m_.catalogue.find_disclosure(e.number);
            if (!d) continue;
            std::string pages_cover;
            bool pages_whole = false;
            for (const auto& ref : ds_.organisation.annual_report_references) {
                if (ref.disclosure != e.number) continue;
                if (ref.covers.empty() || ref.covers == "*")
                    pages_whole = true;
                else
                    pages_cover += ref.covers;
            }
            for (const auto& req : d->requirements) {
                RequirementCoverage c{req.id, CoverageKind::none, 0};
                for (auto fi : e.facts) {
                    const Fact& f = out_.facts[fi];
                    // A part or a proxy does not report the requirement: its omission does.
                    if (f.context || f.fit != Fit::full) continue;
                    if (f.kind == FactKind::numeric && f.requirement == req.id) {
                        c = {req.id, CoverageKind::fact, fi};
                        break;
                    }
                    if (f.kind == FactKind::text && c.by == CoverageKind::none &&
                        (f.covers == "*" || f.covers.find(req.id) != std::string::npos))
                        c = {req.id, CoverageKind::narrative, fi};
                }
                if (c.by == CoverageKind::none &&
                    (pages_whole || pages_cover.find(req.id) != std::string::npos))
                    c.by = CoverageKind::annual_report;
                if (c.by == CoverageKind::none)
                    for (auto oi : e.omissions) {
                        const Omission& om = out_.omissions[oi];
                        if (om.requirement == 0 || om.requirement == req.id) {
                            c = {req.id, CoverageKind::omission, oi};
                            break;
                        }
                    }
                e.coverage.push_back(c);
            }
            auto gaps = e.uncovered();
            if (gaps.empty() || e.status == DisclosureStatus::not_reported) continue;
            std::string list;
            for (const auto& g : gaps) list += (list.empty() ? "" : ", ") + g;
            diags_.warning(
                "disclosure.partly-reported",
                fmt::format(
                    "{}{} is {}; {} ha{} neither a fact, a narrative that "
                    "declares {} (covers=\"…\" in narratives.xml), a page "
                    "reference nor an omission",
                    e.number, e.topic.empty() ? "" : " (" + e.topic + ")",
                    e.status == DisclosureStatus::reported ? "partly reported" : "partly omitted",
                    list, gaps.size() == 1 ? "s" : "ve", gaps.size() == 1 ? "it" : "them"),
                location_of(e));
        }
    }

    // Where to point for an entry: its first narrative, rule or omission.
    Location location_of(const DisclosureEntry& e) const {
        if (const Narrative* n = ds_.find_narrative(e.number, e.topic))
            return ds_.location(n->source);
        for (auto fi : e.facts) return ds_.location(out_.facts[fi].provenance.rule_source);
        for (auto oi : e.omissions) return ds_.location(out_.omissions[oi].source);
        return ds_.location(ds_.organisation.source);
    }

    // A figure computed from one indicator's values of different years that fall under
    // different definitions or calculation models compares unlike things: say so (issue
    // 10), naming the restatement entry that explains the change when there is one.
    void mark_across(Fact& f) {
        struct Seen {
            int year;
            std::string what;
        };
        std::map<std::string, std::pair<std::vector<Seen>, std::vector<Seen>>> by_indicator;
        for (const auto& in : f.provenance.inputs) {
            if (!in.action.empty()) continue;
            auto& [defs, models] = by_indicator[in.indicator];
            if (!in.definition_version.empty()) defs.push_back({in.year, in.definition_version});
            if (!in.calculation_model.empty()) models.push_back({in.year, in.calculation_model});
        }
        for (auto& [indicator, seen] : by_indicator) {
            for (int kind = 0; kind < 2; ++kind) {
                auto& list = kind == 0 ? seen.first : seen.second;
                std::sort(list.begin(), list.end(),
                          [](const Seen& a, const Seen& b) { return a.year < b.year; });
                if (list.empty() || list.front().what == list.back().what) continue;
                const auto& a = list.front();
                const auto& b = list.back();
                f.across =
                    fmt::format("{}: {} {} ({}) → {} ({})", indicator,
                                kind == 0 ? "definition" : "model", a.what, a.year, b.what, b.year);
                for (auto i : ds_.restatements_of(kind == 0 ? indicator : std::string_view()))
                    if (ds_.restatements[i].to_version == b.what)
                        f.across_restatement = ds_.restatements[i].id;
                diags_.add(Severity::note, "rule.across-definitions",
                           fmt::format("rule '{}' compares {}{}", f.provenance.rule, f.across,
                                       f.across_restatement.empty()
                                           ? "; no restatement entry explains the change"
                                           : "; restatement " + f.across_restatement +
                                                 " explains the change"),
                           ds_.location(f.provenance.rule_source));
                return;
            }
        }
    }

    // A text is tagged with the text block of each requirement it covers that GRI's
    // taxonomy gives one (Requirement::text_block): one fact per block, the same text.
    void tag_text(Fact& f) const {
        const auto* d = m_.catalogue.find_disclosure(f.disclosure);
        if (!d || f.context) return;
        for (const auto& req : d->requirements)
            if (!req.text_block.empty() &&
                (f.covers == "*" || f.covers.find(req.id) != std::string::npos))
                f.text_concepts.push_back(req.text_block);
        f.concept_name = f.text_concepts.empty() ? "" : f.text_concepts.front();
        f.item_type = "textBlockItemType";
    }

    void add_fact(Fact f, std::size_t ti) {
        if (f.kind == FactKind::numeric) mark_across(f);
        if (f.kind == FactKind::text) tag_text(f);
        auto& e = out_.disclosures[ti];
        // A set per disclosure: searching the list made many rules on one disclosure quadratic.
        auto& seen = listed_[ti];
        for (const auto& in : f.provenance.inputs) {
            const auto* ind = ds_.find_indicator(in.indicator);
            if (!ind) continue;
            // Views into the Dataset's own strings, which outlive the build.
            if (seen.indicators.insert(ind->id).second) e.indicators.push_back(ind->id);
            if (!ind->goal.empty() && seen.goals.insert(ind->goal).second)
                e.goals.push_back(ind->goal);
        }
        e.facts.push_back(out_.facts.size());
        out_.facts.push_back(std::move(f));
    }

    void settle_statuses() {
        for (auto& e : out_.disclosures) {
            if (e.status == DisclosureStatus::not_material) continue;
            // Reported here, or in the årsredovisning at the pages the organisation gives.
            // A context figure alone reports nothing: it only explains.
            bool reports = std::any_of(e.facts.begin(), e.facts.end(),
                                       [&](std::size_t fi) { return !out_.facts[fi].context; });
            if (reports || !e.annual_report_pages.empty()) {
                e.status = DisclosureStatus::reported;
                continue;
            }
            e.status =
                e.omissions.empty() ? DisclosureStatus::not_reported : DisclosureStatus::omitted;
        }
        // 3-3 rows carry the goals and indicators that track their topic.
        std::map<std::string, std::vector<const Indicator*>> by_goal;
        for (const auto& ind : ds_.indicators) by_goal[ind.goal].push_back(&ind);
        for (const auto& t : out_.topics) {
            for (auto& e : out_.disclosures) {
                if (e.topic != t.id) continue;
                const Disclosure* d = m_.catalogue.find_disclosure(e.number);
                if (!d || !d->per_topic) continue;
                // A set keeps this linear for topics tracked by thousands of indicators.
                std::set<std::string> seen(e.indicators.begin(), e.indicators.end());
                for (const auto& g : t.goals) {
                    add_unique(e.goals, g);
                    for (const auto* ind : by_goal[g])
                        if (seen.insert(ind->id).second) e.indicators.push_back(ind->id);
                }
            }
        }
    }

    void locate() {
        for (auto& e : out_.disclosures) {
            e.in_supplement = !e.facts.empty();
            for (const auto& ref : ds_.organisation.annual_report_references)
                if (ref.disclosure == e.number) e.annual_report_pages.push_back(ref.pages);
        }
        for (const auto& ref : ds_.organisation.annual_report_references)
            if (!out_.find(ref.disclosure))
                diags_.warning("annual-report.unknown-disclosure",
                               fmt::format("disclosure {} is not in scope; its page reference "
                                           "will not appear in the content index",
                                           ref.disclosure),
                               ds_.location(ref.source));
    }
};

}  // namespace

DisclosureSet evaluate(const Dataset& ds, const Mappings& m, Diagnostics& diags,
                       bool final_release) {
    return Builder(ds, m, diags, final_release).run();
}

}  // namespace griexport
