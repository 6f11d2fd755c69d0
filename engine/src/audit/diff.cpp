// `griexport diff OLD NEW`: two organisation folders compared as evaluated, not as files:
// the claim, each disclosure's status, which rule gives each requirement, the rules, the
// definitions, targets and calculation models, and every figure and input value. A value
// of a year both reports cover that changed without a new restatement entry is a silent
// restatement (GRI 2-4).
#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "audit_record.hpp"
#include "griexport/audit.hpp"

namespace griexport {

namespace {

const char* claim_id(Claim c) {
    return c == Claim::in_accordance ? "in-accordance" : "with-reference";
}

std::string topic_suffix(const std::string& topic) {
    return topic.empty() ? "" : " (" + topic + ")";
}

std::string status_of(const DisclosureEntry& e) {
    if (e.partly_reported()) return "partly reported";
    return to_string(e.status);
}

class Comparer {
  public:
    Comparer(const Evaluation& a, const Evaluation& b, Comparison& out)
        : a_(a), b_(b), A_(*a.dataset), B_(*b.dataset), out_(out) {}

    void run() {
        claim();
        disclosures();
        mappings();
        rules();
        programme();
        figures();
        observations();
    }

  private:
    const Evaluation& a_;
    const Evaluation& b_;
    const Dataset& A_;
    const Dataset& B_;
    Comparison& out_;

    std::string where(const Dataset& ds, const SourceRef& r) const {
        auto l = ds.location(r);
        if (!l.cell.empty()) return fmt::format("{}:{}", l.file, l.cell);
        return fmt::format("{}:{}:{}", l.file, l.line, l.column);
    }
    void add(std::string kind, std::string what, std::string before, std::string after,
             std::string location) {
        out_.changes.push_back({std::move(kind), std::move(what), std::move(before),
                                std::move(after), std::move(location)});
    }

    void claim() {
        const auto& x = *a_.disclosures;
        const auto& y = *b_.disclosures;
        if (x.claim != y.claim) add("claim", "claim", claim_id(x.claim), claim_id(y.claim), "");
        auto blockers = [](const DisclosureSet& s) {
            std::string out;
            for (const auto& b : s.blockers)
                out += fmt::format("{}{}", out.empty() ? "" : " ", b.requirement);
            return out.empty() ? std::string("none") : out;
        };
        if (blockers(x) != blockers(y))
            add("claim", "GRI 1 requirements not met", blockers(x), blockers(y), "");
    }

    void disclosures() {
        std::map<std::pair<std::string, std::string>, const DisclosureEntry*> before;
        for (const auto& e : a_.disclosures->disclosures) before[{e.number, e.topic}] = &e;
        std::set<std::pair<std::string, std::string>> seen;
        for (const auto& e : b_.disclosures->disclosures) {
            seen.insert({e.number, e.topic});
            auto it = before.find({e.number, e.topic});
            std::string old = it == before.end() ? "not in scope" : status_of(*it->second);
            std::string now = status_of(e);
            if (old != now) add("disclosure", e.number + topic_suffix(e.topic), old, now, "");
        }
        for (const auto& [key, e] : before)
            if (!seen.contains(key))
                add("disclosure", key.first + topic_suffix(key.second), status_of(*e),
                    "not in scope", "");
    }

    // Which rule gives each requirement (facts and omissions, by the rule that made them).
    static std::map<std::string, std::string> givers(const DisclosureSet& s) {
        std::map<std::string, std::set<std::string>> by;
        for (const auto& f : s.facts)
            by[audit::requirement_name(f) + topic_suffix(f.topic)].insert(f.provenance.rule);
        for (const auto& o : s.omissions)
            by[requirement_label(o.disclosure, o.requirement) + topic_suffix(o.topic)].insert(
                o.rule);
        std::map<std::string, std::string> out;
        for (auto& [k, rules] : by) {
            std::string list;
            for (const auto& r : rules) list += (list.empty() ? "" : ", ") + r;
            out[k] = list;
        }
        return out;
    }

    void mappings() {
        auto x = givers(*a_.disclosures), y = givers(*b_.disclosures);
        for (const auto& [k, r] : y) {
            auto it = x.find(k);
            if (it == x.end())
                add("mapping", k, "no rule", r, "");
            else if (it->second != r)
                add("mapping", k, it->second, r, "");
        }
        for (const auto& [k, r] : x)
            if (!y.contains(k)) add("mapping", k, r, "no rule", "");
    }

    static std::string describe(const Rule& r) {
        switch (r.kind) {
            case RuleKind::value:
                return fmt::format("{}{} [{}, precision {}]", r.context ? "context " : "",
                                   r.expression, r.disclosure, r.precision);
            case RuleKind::narrative:
                return "narrative";
            case RuleKind::omit:
                return "omit: " + (r.omission ? r.omission->reason : std::string());
        }
        return "";
    }

    void rules() {
        const auto& x = a_.mappings->rules;
        const auto& y = b_.mappings->rules;
        for (const auto& r : y.rules) {
            const Rule* old = x.find(r.id);
            if (!old) {
                add("rule", r.id, "absent", describe(r), where(B_, r.source));
                continue;
            }
            std::string before = describe(*old), after = describe(r);
            auto text = [](const Rule& q) {
                return q.omission ? q.omission->explanation.sv + "|" + q.omission->explanation.en
                                  : std::string();
            };
            if (before != after || old->unit != r.unit || old->requirement != r.requirement)
                add("rule", r.id, before, after, where(B_, r.source));
            else if (text(*old) != text(r))
                add("rule", r.id + " (omission's explanation)", "as before", "reworded",
                    where(B_, r.source));
        }
        for (const auto& r : x.rules)
            if (!y.find(r.id)) add("rule", r.id, describe(r), "absent", "");
    }

    void programme() {
        for (const auto& ind : B_.indicators) {
            const Indicator* old = A_.find_indicator(ind.id);
            if (!old) {
                add("indicator", ind.id, "absent", ind.name.en, where(B_, ind.source));
                continue;
            }
            auto defs = [](const Indicator& i) {
                std::map<std::string, std::string> m;
                for (const auto& d : i.definitions)
                    m[d.version] =
                        fmt::format("{} – {}: {}", d.validity.from.iso(),
                                    d.validity.to ? d.validity.to->iso() : "", d.text.sv);
                return m;
            };
            auto dx = defs(*old), dy = defs(ind);
            for (const auto& [v, t] : dy) {
                auto it = dx.find(v);
                if (it == dx.end())
                    add("definition", fmt::format("{} version {}", ind.id, v), "absent", t,
                        where(B_, ind.source));
                else if (it->second != t)
                    add("definition", fmt::format("{} version {}", ind.id, v), it->second, t,
                        where(B_, ind.source));
            }
            for (const auto& [v, t] : dx)
                if (!dy.contains(v))
                    add("definition", fmt::format("{} version {}", ind.id, v), t, "absent", "");
            auto targets = [&](const Indicator& i, const Dataset& ds) {
                std::map<std::pair<int, int>, std::string> m;
                for (const auto& t : i.targets)
                    m[{t.year, t.set_in}] =
                        quantity_text(ds.units, t.value) +
                        (t.relative_to_year ? fmt::format(" against {}", *t.relative_to_year) : "");
                return m;
            };
            auto tx = targets(*old, A_), ty = targets(ind, B_);
            for (const auto& [k, t] : ty) {
                auto it = tx.find(k);
                std::string what = fmt::format("{} for {} (set in {})", ind.id, k.first, k.second);
                if (it == tx.end())
                    add("target", what, "absent", t, where(B_, ind.source));
                else if (it->second != t)
                    add("target", what, it->second, t, where(B_, ind.source));
            }
            for (const auto& [k, t] : tx)
                if (!ty.contains(k))
                    add("target", fmt::format("{} for {} (set in {})", ind.id, k.first, k.second),
                        t, "absent", "");
        }
        for (const auto& ind : A_.indicators)
            if (!B_.find_indicator(ind.id)) add("indicator", ind.id, ind.name.en, "absent", "");
        std::map<std::string, std::string> mx, my;
        for (const auto& c : A_.calculation_models)
            mx[c.id] = c.validity.from.iso() + " – " +
                       (c.validity.to ? c.validity.to->iso() : std::string());
        for (const auto& c : B_.calculation_models) {
            std::string v = c.validity.from.iso() + " – " +
                            (c.validity.to ? c.validity.to->iso() : std::string());
            auto it = mx.find(c.id);
            if (it == mx.end())
                add("calculation-model", c.id, "absent", v, where(B_, c.source));
            else if (it->second != v)
                add("calculation-model", c.id, it->second, v, where(B_, c.source));
            my[c.id] = v;
        }
        for (const auto& [id, v] : mx)
            if (!my.contains(id)) add("calculation-model", id, v, "absent", "");
    }

    void figures() {
        auto key = [](const Fact& f) {
            return fmt::format("{}{} {}", audit::requirement_name(f), topic_suffix(f.topic),
                               f.year);
        };
        std::map<std::string, const Fact*> before;
        for (const auto& f : a_.disclosures->facts) before[key(f)] = &f;
        for (const auto& f : b_.disclosures->facts) {
            auto it = before.find(key(f));
            if (it == before.end()) continue;  // a new mapping: listed under mappings
            const Fact& o = *it->second;
            if (f.kind == FactKind::numeric &&
                !(o.value.value == f.value.value &&
                  quantity_text(A_.units, o.value) == quantity_text(B_.units, f.value)))
                add("figure", key(f), quantity_text(A_.units, o.value),
                    quantity_text(B_.units, f.value), where(B_, f.provenance.rule_source));
            if (f.kind == FactKind::text && (o.text.sv != f.text.sv || o.text.en != f.text.en))
                add("narrative", key(f), "as before", "reworded",
                    where(B_, f.provenance.narrative_source));
        }
    }

    std::string obs_key(const Dataset& ds, const Observation& o) const {
        std::string dims;
        for (std::size_t d = 0; d < dimension_count; ++d)
            if (o.dimensions[d])
                dims += fmt::format(" {}={}", to_string(static_cast<Dimension>(d)),
                                    ds.dimension_value(o.dimensions[d]));
        if (o.restated_as)
            dims += fmt::format(" restated as definition {}", ds.dimension_value(o.restated_as));
        return fmt::format("{} {}{}", ds.indicators[o.indicator].id, o.year, dims);
    }

    // A restatement entry NEW adds for the indicator (an empty indicator: a change of
    // calculation model, which restates the climate accounts).
    bool newly_restated(const std::string& indicator) const {
        std::set<std::string> had;
        for (const auto& r : A_.restatements) had.insert(r.id);
        for (const auto& r : B_.restatements) {
            if (had.contains(r.id)) continue;
            if (r.indicator == indicator ||
                (r.indicator.empty() && indicator == B_.climate_indicator))
                return true;
        }
        return false;
    }

    void observations() {
        std::map<std::string, const Observation*> before;
        for (const auto& o : A_.observations) before[obs_key(A_, o)] = &o;
        int old_year = A_.organisation.reporting_period.from.year;
        int new_year = B_.organisation.reporting_period.from.year;
        for (const auto& o : B_.observations) {
            auto k = obs_key(B_, o);
            auto it = before.find(k);
            if (it == before.end()) continue;
            const Observation& p = *it->second;
            std::string x = quantity_text(A_.units, p.value), y = quantity_text(B_.units, o.value);
            if (p.value.value == o.value.value && x == y) continue;
            add("value", k, x, y, where(B_, o.origin));
            // A value of a year the earlier report covered, now different: GRI 2-4 asks the
            // restatement to be stated, with its reasons and effect.
            const std::string& ind = B_.indicators[o.indicator].id;
            if (new_year > old_year && o.year <= old_year && !newly_restated(ind))
                out_.diagnostics.error(
                    "diff.silent-restatement",
                    fmt::format("indicator {} was {} in the {} report and is {} now, with no new "
                                "restatement entry (GRI 2-4: state the reasons and the effect "
                                "in programme.xml <restatement>)",
                                k, x, old_year, y),
                    B_.location(o.origin));
        }
    }
};

}  // namespace

Comparison compare_organisations(const std::filesystem::path& old_folder,
                                 const std::filesystem::path& new_folder, const LoadOptions& load) {
    Comparison out;
    auto a = evaluate_organisation(old_folder, load);
    auto b = evaluate_organisation(new_folder, load);
    for (auto* ev : {&a, &b})
        for (const auto& d : ev->diagnostics.sorted())
            if (d.severity == Severity::error)
                out.diagnostics.add(d.severity, d.code, d.message, d.location);
    if (!a.disclosures || !b.disclosures || out.diagnostics.has_errors()) {
        out.failed = true;
        return out;
    }
    Comparer(a, b, out).run();
    return out;
}

std::string comparison_text(const Comparison& c) {
    std::string out;
    for (const auto& ch : c.changes) {
        out += fmt::format("{} {}: {} → {}", ch.kind, ch.what, ch.before, ch.after);
        if (!ch.location.empty()) out += "  " + ch.location;
        out += "\n";
    }
    return out;
}

std::string comparison_json(const Comparison& c) {
    using json = nlohmann::ordered_json;
    json changes = json::array();
    for (const auto& ch : c.changes)
        changes.push_back({{"kind", ch.kind},
                           {"what", ch.what},
                           {"before", ch.before},
                           {"after", ch.after},
                           {"location", ch.location.empty() ? json(nullptr) : json(ch.location)}});
    json diags = json::parse(format_json(c.diagnostics));
    json doc{{"equal", c.changes.empty() && !c.diagnostics.has_errors()},
             {"changes", changes},
             {"diagnostics", diags}};
    return doc.dump(2) + "\n";
}

}  // namespace griexport
