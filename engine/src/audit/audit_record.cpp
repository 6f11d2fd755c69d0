#include "audit_record.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace griexport::audit {

std::string Place::text() const {
    if (!cell.empty()) return fmt::format("{}:{}", file, cell);
    if (line == 0) return file;
    return fmt::format("{}:{}:{}", file, line, column);
}

Place place_of(const Dataset& ds, const SourceRef& r) {
    if (r.file >= ds.sources.size()) return {};
    const SourceFile& f = ds.sources[r.file];
    Place p{f.path, r.line, r.column, {}};
    if (!f.sheet.empty())
        p.cell = fmt::format("{}!{}{}", f.sheet, column_letters(r.column), r.line);
    return p;
}

std::string requirement_name(const Fact& f) {
    if (f.context) return fmt::format("{} ({})", f.disclosure, "context");
    return requirement_label(f.disclosure, f.requirement);
}

namespace {

const char* outcome_name(CheckOutcome o) {
    switch (o) {
        case CheckOutcome::ok:
            return "ok";
        case CheckOutcome::warning:
            return "warning";
        case CheckOutcome::error:
            return "error";
    }
    return "error";
}

class Builder {
  public:
    Builder(const Dataset& ds, const Mappings& m, const DisclosureSet& set)
        : ds_(ds), m_(m), set_(set) {
        for (const auto& c : ds.checks) checks_[{c.subject.file, c.subject.line}].push_back(&c);
    }

    AuditRecord run() {
        facts();
        runs();
        omissions();
        unmapped();
        sample_first();
        return std::move(out_);
    }

  private:
    const Dataset& ds_;
    const Mappings& m_;
    const DisclosureSet& set_;
    AuditRecord out_;
    // The load-time checks' records by the row they checked (file, line).
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<const CheckResult*>> checks_;

    const std::vector<const CheckResult*>* checks_at(const SourceRef& r) const {
        auto it = checks_.find({r.file, r.line});
        return it == checks_.end() ? nullptr : &it->second;
    }

    bool restated(std::string_view indicator, int from, int to) const {
        const auto& of = ds_.restatements_of(indicator);
        return std::any_of(of.begin(), of.end(), [&](std::uint32_t i) {
            return ds_.restatements[i].effective_year > from &&
                   ds_.restatements[i].effective_year <= to;
        });
    }

    std::vector<Check> checks_of(const Fact& f) const {
        std::vector<Check> out;
        const Provenance& p = f.provenance;
        for (const auto& step : p.steps) {
            if (step.kind == StepKind::convert)
                out.push_back({"unit-conversion", "applied",
                               fmt::format("{} = {} (units.xml)", step.expression, step.value)});
            if (step.kind == StepKind::round)
                out.push_back(
                    {"rounding", "applied", fmt::format("{}: {}", step.expression, step.value)});
        }
        // Climate-accounts totals are cross-footed against their parts at load.
        std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
        for (const auto& in : p.inputs) {
            if (in.calculation_model.empty() || !in.dimensions.empty()) continue;
            if (!seen.insert({in.source.file, in.source.line}).second) continue;
            if (const auto* found = checks_at(in.source))
                for (const auto* c : *found)
                    if (c->kind == CheckKind::cross_footing)
                        out.push_back({"cross-footing", outcome_name(c->outcome), c->detail});
        }
        // Inputs of one indicator from years under different definitions or models.
        std::map<std::string, std::map<int, const ProvenanceInput*>> by_indicator;
        for (const auto& in : p.inputs)
            if (!in.indicator.empty()) by_indicator[in.indicator][in.year] = &in;
        for (const auto& [indicator, years] : by_indicator) {
            const ProvenanceInput* prev = nullptr;
            bool changed = false;
            for (const auto& [year, in] : years) {
                if (prev && (prev->definition_version != in->definition_version ||
                             prev->calculation_model != in->calculation_model))
                    changed = true;
                if (prev && prev->definition_version != in->definition_version) {
                    bool ok = restated(indicator, prev->year, year);
                    out.push_back(
                        {"definition", ok ? "ok" : "error",
                         fmt::format(
                             "indicator {}: definition {} in {}, {} in {}; {}", indicator,
                             prev->definition_version, prev->year, in->definition_version, year,
                             ok ? "a restatement explains it" : "no restatement entry (GRI 2-4)")});
                }
                if (prev && prev->calculation_model != in->calculation_model) {
                    bool ok = restated("", prev->year, year);
                    out.push_back(
                        {"model", ok ? "ok" : "error",
                         fmt::format(
                             "calculation model {} in {}, {} in {}; {}", prev->calculation_model,
                             prev->year, in->calculation_model, year,
                             ok ? "a restatement explains it" : "no restatement entry (GRI 2-4)")});
                }
                prev = in;
            }
            if (years.size() > 1 && !changed)
                out.push_back({"definition", "ok",
                               fmt::format("indicator {}: one definition and calculation model "
                                           "across the years compared",
                                           indicator)});
            for (const auto& tp : set_.progress) {
                if (tp.indicator != indicator || tp.current_year != f.year) continue;
                out.push_back(
                    {"target-path", to_string(tp.status),
                     fmt::format("indicator {}: {} in {} against the path's {} toward "
                                 "the {} target {}",
                                 indicator, quantity_text(ds_.units, tp.current), tp.current_year,
                                 quantity_text(ds_.units, tp.path_level), tp.target_year,
                                 quantity_text(ds_.units, tp.target_level))});
            }
        }
        return out;
    }

    void facts() {
        for (std::size_t i = 0; i < set_.facts.size(); ++i) {
            const Fact& f = set_.facts[i];
            FactView v{i, requirement_name(f), {}, checks_of(f)};
            for (const auto& in : f.provenance.inputs)
                v.input_places.push_back(place_of(ds_, in.source));
            out_.facts.push_back(std::move(v));
        }
    }

    void runs() {
        for (const auto& a : set_.applications) {
            RuleRunView v;
            v.application = &a;
            v.rule = m_.rules.find(a.rule);
            v.entry = &set_.disclosures[a.entry];
            if (v.rule) {
                v.origin = !v.rule->from_organisation ? "default"
                           : v.rule->replaced         ? "override"
                                                      : "organisation";
                v.place = place_of(ds_, v.rule->source);
                if (v.rule->replaced) v.replaced = place_of(ds_, v.rule->replaced->source);
            }
            v.facts = a.facts;
            out_.runs.push_back(std::move(v));
        }
    }

    void omissions() {
        for (const auto& om : set_.omissions) {
            OmissionView v;
            v.omission = &om;
            v.requirement = requirement_label(om.disclosure, om.requirement);
            v.reason_known = m_.catalogue.find_reason(om.reason) != nullptr;
            v.may_omit = m_.catalogue.may_omit(om.disclosure);
            v.place = place_of(ds_, om.source);
            out_.omissions.push_back(std::move(v));
        }
    }

    void unmapped() {
        std::set<std::string_view> goals, indicators;
        for (const auto& e : set_.disclosures) {
            if (e.status == DisclosureStatus::not_material) continue;
            goals.insert(e.goals.begin(), e.goals.end());
            indicators.insert(e.indicators.begin(), e.indicators.end());
        }
        for (const auto& g : ds_.goals)
            if (!goals.contains(g.id)) out_.unmapped_goals.push_back(&g);
        for (const auto& i : ds_.indicators)
            if (!indicators.contains(i.id)) out_.unmapped_indicators.push_back(&i);
    }

    void sample_first() {
        // One item per input row and reason, naming every figure it feeds.
        std::map<std::tuple<std::string, std::uint32_t, std::uint32_t>, std::size_t> index;
        for (const auto& f : set_.facts) {
            for (const auto& in : f.provenance.inputs) {
                std::vector<std::string> whys;
                if (in.status == ObservationStatus::preliminary) whys.push_back("preliminary");
                // Actions' estimates carry their method instead of an evidence reference.
                if (in.action.empty() && in.evidence.empty()) whys.push_back("no-evidence");
                for (const auto& why : whys) {
                    auto key = std::make_tuple(why, in.source.file, in.source.line);
                    auto it = index.find(key);
                    if (it == index.end()) {
                        it = index.emplace(key, out_.sample_first.size()).first;
                        out_.sample_first.push_back({why, &in, place_of(ds_, in.source), {}});
                    }
                    auto feed = fmt::format("{} {}", requirement_name(f), f.provenance.rule);
                    auto& feeds = out_.sample_first[it->second].feeds;
                    if (std::find(feeds.begin(), feeds.end(), feed) == feeds.end())
                        feeds.push_back(std::move(feed));
                }
            }
        }
        // Preliminary values first: they may still change.
        std::stable_sort(out_.sample_first.begin(), out_.sample_first.end(),
                         [](const SampleItem& a, const SampleItem& b) {
                             return a.why == "preliminary" && b.why != "preliminary";
                         });
    }
};

}  // namespace

AuditRecord build_audit_record(const Dataset& ds, const Mappings& m, const DisclosureSet& set) {
    return Builder(ds, m, set).run();
}

}  // namespace griexport::audit
