#include "evaluator.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "expression.hpp"

namespace griexport::rules {

namespace {

std::uint64_t key(std::uint32_t indicator, int year) {
    return (std::uint64_t{indicator} << 32) | static_cast<std::uint32_t>(year);
}

// Intermediate results keep at most this many decimals; published figures are rounded to
// their declared precision, far coarser.
constexpr int working_scale = 10;

Decimal tidy(const Decimal& d) {
    return (d.scale() > working_scale ? d.rounded(working_scale) : d).normalized();
}

struct Missing {
    std::string what;
};
struct EvalError {
    std::string code;
    std::string message;
    std::size_t offset;
};

}  // namespace

ObservationIndex::ObservationIndex(const Dataset& ds)
    : ds_(ds), begin_(ds.indicators.size() + 1, 0), first_total_year_(ds.indicators.size(), 0) {
    const std::size_t n = ds.indicators.size();
    auto listed = [&](const Observation& o) { return !o.restated_as && o.indicator < n; };
    for (const auto& o : ds.observations)
        if (listed(o)) ++begin_[o.indicator + 1];
    for (std::size_t i = 0; i < n; ++i) begin_[i + 1] += begin_[i];
    rows_.resize(begin_[n]);
    std::vector<std::uint32_t> next(begin_.begin(), begin_.end() - 1);
    for (std::uint32_t i = 0; i < ds.observations.size(); ++i) {
        const auto& o = ds.observations[i];
        if (listed(o))
            rows_[next[o.indicator]++] = i;
        else if (o.restated_as)
            restated_[key(o.indicator, o.year)].push_back(i);
        if (listed(o) &&
            std::all_of(o.dimensions.begin(), o.dimensions.end(), [](auto v) { return v == 0; })) {
            int& first = first_total_year_[o.indicator];
            if (first == 0 || o.year < first) first = o.year;
        }
    }
    // By year within each indicator, file order kept within a year.
    auto year_of = [&](std::uint32_t row) { return ds.observations[row].year; };
    for (std::size_t i = 0; i < n; ++i)
        std::stable_sort(rows_.begin() + begin_[i], rows_.begin() + begin_[i + 1],
                         [&](std::uint32_t a, std::uint32_t b) { return year_of(a) < year_of(b); });
    years_.reserve(rows_.size());
    for (auto row : rows_) years_.push_back(year_of(row));
}

const Observation* ObservationIndex::restated(std::uint32_t indicator, int year,
                                              std::string_view version) const {
    auto it = restated_.find(key(indicator, year));
    if (it == restated_.end()) return nullptr;
    for (auto i : it->second) {
        const auto& o = ds_.observations[i];
        if (std::all_of(o.dimensions.begin(), o.dimensions.end(), [](auto v) { return v == 0; }) &&
            ds_.dimension_value(o.restated_as) == version)
            return &o;
    }
    return nullptr;
}

std::span<const std::uint32_t> ObservationIndex::at(std::uint32_t indicator, int year) const {
    if (indicator + std::size_t{1} >= begin_.size()) return {};
    auto from = years_.begin() + begin_[indicator];
    auto to = years_.begin() + begin_[indicator + 1];
    auto [first, last] = std::equal_range(from, to, year);
    return {rows_.data() + (first - years_.begin()), static_cast<std::size_t>(last - first)};
}

const Observation* ObservationIndex::total(std::uint32_t indicator, int year) const {
    for (auto i : at(indicator, year)) {
        const auto& o = ds_.observations[i];
        if (std::all_of(o.dimensions.begin(), o.dimensions.end(), [](auto v) { return v == 0; }))
            return &o;
    }
    return nullptr;
}

const Target* target_in_force(const Indicator& ind, int year) {
    const Target* best = nullptr;
    for (const auto& t : ind.targets) {
        if (t.year < year || t.set_in > year) continue;
        if (!best || t.year < best->year || (t.year == best->year && t.set_in > best->set_in))
            best = &t;
    }
    return best;
}

const DefinitionVersion* definition_for_year(const Indicator& ind, int year) {
    if (auto* d = ind.definition_on(Date::last_of_year(year))) return d;
    DateRange r{Date::first_of_year(year), Date::last_of_year(year)};
    for (const auto& d : ind.definitions)
        if (d.validity.overlaps(r)) return &d;
    return nullptr;
}

namespace {

// Throws DecimalOverflow; callers are progress_of and the interpreter, which catch it.
std::optional<TargetProgress> compute_progress(const Dataset& ds, const ObservationIndex& idx,
                                               std::uint32_t indicator, int year) {
    const Indicator& ind = ds.indicators[indicator];
    const Target* t = target_in_force(ind, year);
    if (!t) return std::nullopt;
    int baseline_year = 0;
    if (t->relative_to_year) {
        baseline_year = *t->relative_to_year;
    } else if (idx.total(indicator, ds.organisation.base_year)) {
        baseline_year = ds.organisation.base_year;
    } else if (int first = idx.first_total_year(indicator); first != 0 && first < year) {
        baseline_year = first;  // the earliest year with a value
    }
    if (baseline_year == 0 || baseline_year >= year || baseline_year >= t->year)
        return std::nullopt;
    const Observation* b = idx.total(indicator, baseline_year);
    const Observation* c = idx.total(indicator, year);
    if (!b || !c) return std::nullopt;

    TargetProgress p;
    // Two years under different definitions do not compare as they stand: a value of the
    // baseline year restated under the year's definition takes the baseline's place; else
    // the comparison is marked, with the restatement entry that says what changed.
    const auto* def_b = definition_for_year(ind, baseline_year);
    const auto* def_c = definition_for_year(ind, year);
    if (def_b && def_c && def_b->version != def_c->version) {
        if (const auto* r = idx.restated(indicator, baseline_year, def_c->version)) {
            b = r;
            p.restated_baseline = true;
        } else {
            p.baseline_definition = def_b->version;
            p.current_definition = def_c->version;
            for (auto i : ds.restatements_of(ind.id))
                if (ds.restatements[i].to_version == def_c->version)
                    p.restatement = ds.restatements[i].id;
        }
    }
    p.baseline_source = b->origin;
    p.indicator = ind.id;
    p.baseline_year = baseline_year;
    p.baseline = b->value;
    p.current_year = year;
    p.current = c->value;
    p.target_year = t->year;
    p.target_set_in = t->set_in;
    p.target_source = t->source;
    // At the working scale: 18 decimals leave no room for the whole part of a difference,
    // and the progress is printed to one decimal of a percent.
    const Decimal B = tidy(b->value.value);
    const Decimal C = tidy(c->value.value);
    Decimal T = tidy(t->value.value);
    if (t->relative_to_year) {
        p.relative_target = t->value.value;
        T = tidy(B +
                 Decimal::divide_to_fit(B * t->value.value, Decimal::from_int(100), working_scale));
    }
    p.target_level = {T, ind.unit};
    Decimal elapsed = Decimal::from_int(year - baseline_year);
    Decimal span = Decimal::from_int(t->year - baseline_year);
    Decimal path = tidy(B + Decimal::divide_to_fit((T - B) * elapsed, span, working_scale));
    // One decimal beyond the indicator's precision, so that "behind the path" stays visible
    // when the path and the value round to the same figure.
    p.path_level = {path.rounded(ind.precision + 1), ind.unit};
    Decimal hundred = Decimal::from_int(100);
    // A percentage to one decimal is the ratio to three, rounded once: dividing first keeps
    // values with many decimals from leaving the exact range when multiplied by 100.
    auto percent = [&](const Decimal& part, const Decimal& whole) {
        return (Decimal::divide(part, whole, 3) * hundred).rounded(1);
    };
    p.path_change_percent = B.is_zero() ? Decimal() : percent(path - B, B);
    p.change_percent = B.is_zero() ? Decimal() : percent(C - B, B);
    auto j = judge_progress(B, C, T, path, t->comparison);
    p.share_of_way = j.share_of_way;
    p.status = j.status;
    p.achieved = j.status == ProgressStatus::achieved;
    p.on_path = p.achieved || j.status == ProgressStatus::on_path;
    return p;
}

}  // namespace

std::optional<TargetProgress> progress_of(const Dataset& ds, const ObservationIndex& idx,
                                          std::uint32_t i, int year, Diagnostics* diags) {
    try {
        return compute_progress(ds, idx, i, year);
    } catch (const DecimalOverflow&) {
        if (diags)
            diags->error("target.overflow",
                         fmt::format("indicator {}: the progress toward its target leaves the "
                                     "exact decimal range (18 significant digits)",
                                     ds.indicators[i].id),
                         ds.location(ds.indicators[i].source));
        return std::nullopt;
    }
}

ProgressJudgement judge_progress(const Decimal& B, const Decimal& C, const Decimal& T,
                                 const Decimal& path, TargetComparison comparison) {
    auto holds = [&](const Decimal& x) {
        switch (comparison) {
            case TargetComparison::at_most:
                return x <= T;
            case TargetComparison::at_least:
                return x >= T;
            case TargetComparison::equal:
                return x == T;
        }
        return false;
    };
    ProgressJudgement j;
    if (holds(B)) {
        // A ceiling above the baseline or a floor below it (or the baseline itself): there
        // is no way to measure a share of; the target holds or it does not.
        j.status = holds(C) ? ProgressStatus::achieved : ProgressStatus::not_met;
        return j;
    }
    // T ≠ B here. A percentage to one decimal is the ratio to three, rounded once.
    j.share_of_way = (Decimal::divide(C - B, T - B, 3) * Decimal::from_int(100)).rounded(1);
    bool upward = T > B;
    if (holds(C))
        j.status = ProgressStatus::achieved;
    else if (upward ? C > T : C < T)
        j.status = ProgressStatus::not_met;  // an exact target passed
    else
        j.status =
            (upward ? C >= path : C <= path) ? ProgressStatus::on_path : ProgressStatus::behind;
    return j;
}

RuleEvaluator::RuleEvaluator(const Dataset& ds, const Mappings& m, const ObservationIndex& idx,
                             Diagnostics& diags)
    : ds_(ds), m_(m), idx_(idx), diags_(diags) {}

namespace {

class Interpreter {
  public:
    Interpreter(const Dataset& ds, const ObservationIndex& idx, const Rule& rule, int year,
                Provenance& prov,
                const std::unordered_map<std::string, std::optional<Quantity>>& results)
        : ds_(ds), idx_(idx), rule_(rule), year_(year), prov_(prov), results_(results) {}

    Quantity eval(const expr::Node& n) {
        using expr::NodeKind;
        switch (n.kind) {
            case NodeKind::number:
                return {n.number, no_unit};
            case NodeKind::string:
                throw EvalError{"rule.type", "a string is not a value here", n.begin};
            case NodeKind::name:
                return {Decimal::from_int(year_named(n)), no_unit};
            case NodeKind::negate: {
                auto v = eval(*n.args[0]);
                return {-v.value, v.unit};
            }
            case NodeKind::binary:
                return binary(n);
            case NodeKind::call: {
                auto v = call(n);
                prov_.steps.push_back(
                    {text(n), format(v), n.text == "convert" ? StepKind::convert : StepKind::call});
                return v;
            }
        }
        throw EvalError{"rule.type", "unknown expression", n.begin};
    }

    std::string format(const Quantity& q) const { return quantity_text(ds_.units, q); }

  private:
    const Dataset& ds_;
    const ObservationIndex& idx_;
    const Rule& rule_;
    int year_;
    Provenance& prov_;
    const std::unordered_map<std::string, std::optional<Quantity>>& results_;

    std::string text(const expr::Node& n) const {
        return rule_.expression.substr(n.begin, n.end - n.begin);
    }

    int year_named(const expr::Node& n) const {
        if (n.text == "base") return ds_.organisation.base_year;
        if (n.text == "previous") return year_ - 1;
        if (n.text == "current") return year_;
        throw EvalError{"rule.unknown-name", fmt::format("unknown name '{}'", n.text), n.begin};
    }

    std::string unit_name(UnitId u) const {
        return u == no_unit ? "a plain number" : "'" + ds_.units.get(u).id + "'";
    }

    Quantity binary(const expr::Node& n) {
        auto a = eval(*n.args[0]);
        auto b = eval(*n.args[1]);
        switch (n.op) {
            case '+':
            case '-':
                if (a.unit != b.unit)
                    throw EvalError{
                        "rule.unit-mismatch",
                        fmt::format("cannot {} {} and {}", n.op == '+' ? "add" : "subtract",
                                    unit_name(a.unit), unit_name(b.unit)),
                        n.begin};
                return {tidy(n.op == '+' ? a.value + b.value : a.value - b.value), a.unit};
            case '*':
                if (a.unit != no_unit && b.unit != no_unit)
                    throw EvalError{"rule.unit-mismatch",
                                    fmt::format("cannot multiply {} by {}", unit_name(a.unit),
                                                unit_name(b.unit)),
                                    n.begin};
                return {tidy(a.value * b.value), a.unit != no_unit ? a.unit : b.unit};
            case '/': {
                if (b.value.is_zero())
                    throw EvalError{"rule.division-by-zero",
                                    fmt::format("'{}' is zero", text(*n.args[1])),
                                    n.args[1]->begin};
                // A quotient of two units is an intensity in the unit per the other unit
                // (t CO2e / inhabitants); the same unit cancels out.
                UnitId u = no_unit;
                if (b.unit == no_unit) {
                    u = a.unit;
                } else if (a.unit != b.unit) {
                    if (a.unit == no_unit || ds_.units.get(a.unit).compound() ||
                        ds_.units.get(b.unit).compound())
                        throw EvalError{"rule.unit-mismatch",
                                        fmt::format("cannot divide {} by {}", unit_name(a.unit),
                                                    unit_name(b.unit)),
                                        n.begin};
                    u = ds_.units.compound(a.unit, b.unit);
                }
                return {tidy(Decimal::divide_to_fit(a.value, b.value, working_scale)), u};
            }
        }
        throw EvalError{"rule.type", "unknown operator", n.begin};
    }

    std::uint32_t indicator_of(const expr::Node& a) const {
        std::string id = a.kind == expr::NodeKind::name ? *ds_.named_indicator(a.text) : a.text;
        if (id.empty())
            throw Missing{
                a.text == "climate"
                    ? "the programme declares no climate accounts"
                    : fmt::format("programme.xml names no {} (<intensity {}=\"…\"/>)",
                                  a.text == "energy" ? "energy indicator" : "intensity denominator",
                                  a.text)};
        auto i = ds_.indicator_index(id);
        if (!i)
            throw EvalError{"rule.unknown-indicator", fmt::format("no indicator '{}'", id),
                            a.begin};
        return *i;
    }

    // The observations a value/sum/min/max/count call selects, recorded as inputs.
    std::vector<const Observation*> select(const expr::Node& n) {
        std::uint32_t ind = indicator_of(*n.args[0]);
        int year = year_;
        std::array<std::optional<std::string>, dimension_count> filter;
        for (std::size_t i = 1; i < n.args.size(); ++i) {
            if (n.arg_names[i] == "year") {
                auto y = eval_year(*n.args[i]);
                year = y;
            } else {
                filter[static_cast<std::size_t>(*dimension_from_string(n.arg_names[i]))] =
                    n.args[i]->text;
            }
        }
        std::vector<const Observation*> out;
        for (auto oi : idx_.at(ind, year)) {
            const auto& o = ds_.observations[oi];
            bool ok = true;
            for (std::size_t d = 0; d < dimension_count && ok; ++d) {
                const auto& want = filter[d];
                if (!want)
                    ok = o.dimensions[d] == 0;
                else if (*want == "*")
                    ok = o.dimensions[d] != 0;
                else
                    ok = ds_.dimension_value(o.dimensions[d]) == *want;
            }
            if (ok) out.push_back(&o);
        }
        if (out.empty() && n.text != "count") {
            std::string dims;
            for (std::size_t d = 0; d < dimension_count; ++d)
                if (filter[d])
                    dims +=
                        fmt::format(", {}={}", to_string(static_cast<Dimension>(d)), *filter[d]);
            throw Missing{fmt::format("no value of indicator {} for {}{}", ds_.indicators[ind].id,
                                      year, dims)};
        }
        for (const auto* o : out) record(*o);
        return out;
    }

    int eval_year(const expr::Node& n) {
        // Years are plain integer arithmetic over base, previous, current and numbers.
        auto v = eval(n);
        if (v.unit != no_unit || v.value.scale() != 0)
            throw EvalError{"rule.type", "a year must be a whole number", n.begin};
        // Same range as a year in observations.csv: a cast would read 4294969317 as 2021.
        if (v.value < Decimal::from_int(min_year) || v.value > Decimal::from_int(max_year))
            throw EvalError{
                "rule.year-range",
                fmt::format("year {} is outside {}–{}", v.value.to_string(), min_year, max_year),
                n.begin};
        return static_cast<int>(v.value.coefficient());
    }

    void record(const Observation& o) {
        const Indicator& ind = ds_.indicators[o.indicator];
        ProvenanceInput in;
        in.indicator = ind.id;
        in.year = o.year;
        for (std::size_t d = 0; d < dimension_count; ++d)
            if (o.dimensions[d])
                in.dimensions += (in.dimensions.empty() ? "" : ", ") +
                                 std::string(to_string(static_cast<Dimension>(d))) + "=" +
                                 ds_.dimension_value(o.dimensions[d]);
        in.value = o.value;
        if (auto* def = definition_for_year(ind, o.year)) in.definition_version = def->version;
        for (const auto& e : ds_.climate_entries)
            if (e.origin.file == o.origin.file && e.origin.line == o.origin.line)
                in.calculation_model = e.model;
        in.source = o.origin;
        in.status = o.status;
        in.origin = ds_.observation_text(o.source);
        in.evidence = ds_.observation_text(o.evidence);
        if (o.written_unit != no_unit) {
            // The value was the written one times a declared factor, so the quotient is
            // exact: the row as written, for the reader to find in the file.
            auto f = ds_.units.factor(o.written_unit, o.value.unit);
            if (f && !f->is_zero())
                in.written =
                    Quantity{Decimal::divide_to_fit(o.value.value, *f, working_scale).normalized(),
                             o.written_unit};
        }
        prov_.inputs.push_back(std::move(in));
    }

    // The estimated reductions the programme's actions record for the year, in t CO2e:
    // what 305-5 asks, as opposed to the change in total emissions.
    Quantity reductions(const expr::Node& n) {
        auto tonnes = ds_.units.find("t CO2e");
        if (!tonnes) throw EvalError{"rule.unit-mismatch", "units.xml has no 't CO2e'", n.begin};
        Quantity total{Decimal::from_int(0), *tonnes};
        bool any = false;
        for (const auto& a : ds_.actions)
            for (const auto& r : a.reductions) {
                if (r.year != year_) continue;
                auto factor = ds_.units.factor(r.value.unit, *tonnes);
                Quantity v{tidy(r.value.value * factor.value_or(Decimal::from_int(1))), *tonnes};
                total.value = total.value + v.value;
                any = true;
                ProvenanceInput in;
                in.action = a.id;
                in.year = r.year;
                for (const auto& sc : r.scopes)
                    in.dimensions += (in.dimensions.empty() ? "scope=" : " ") + sc;
                in.value = r.value;
                in.method = r.method;
                in.source = r.source;
                prov_.inputs.push_back(std::move(in));
            }
        if (!any)
            throw Missing{fmt::format(
                "no action in programme.xml records an estimated reduction for {}", year_)};
        return total;
    }

    Quantity call(const expr::Node& n) {
        const std::string& f = n.text;
        if (f == "value") {
            auto obs = select(n);
            if (obs.size() > 1)
                throw EvalError{
                    "rule.ambiguous",
                    fmt::format("{} values match; name a dimension or use sum()", obs.size()),
                    n.begin};
            return obs[0]->value;
        }
        if (f == "sum" || f == "min" || f == "max" || f == "count") {
            auto obs = select(n);
            if (f == "count")
                return {Decimal::from_int(static_cast<std::int64_t>(obs.size())), no_unit};
            Quantity acc = obs[0]->value;
            for (std::size_t i = 1; i < obs.size(); ++i) {
                const auto& v = obs[i]->value;
                if (f == "sum")
                    acc.value = acc.value + v.value;
                else if (f == "min")
                    acc.value = std::min(acc.value, v.value);
                else
                    acc.value = std::max(acc.value, v.value);
            }
            return acc;
        }
        if (f == "rule") {
            auto it = results_.find(n.args[0]->text + "@" + std::to_string(year_));
            if (it == results_.end() || !it->second)
                throw Missing{fmt::format("rule '{}' has no value for {}", n.args[0]->text, year_)};
            return *it->second;
        }
        if (f == "convert") {
            auto v = eval(*n.args[0]);
            auto to = *ds_.units.find(n.args[1]->text);
            if (v.unit == no_unit) return {v.value, to};
            auto factor = ds_.units.factor(v.unit, to);
            if (!factor)
                throw EvalError{"rule.unit-mismatch",
                                fmt::format("no conversion from {} to '{}' in units.xml",
                                            unit_name(v.unit), n.args[1]->text),
                                n.begin};
            return {tidy(v.value * *factor), to};
        }
        if (f == "pct_change") {
            auto a = eval(*n.args[0]);
            auto b = eval(*n.args[1]);
            if (a.unit != b.unit)
                throw EvalError{
                    "rule.unit-mismatch",
                    fmt::format("pct_change() of {} and {}", unit_name(a.unit), unit_name(b.unit)),
                    n.begin};
            if (a.value.is_zero())
                throw EvalError{"rule.division-by-zero", "pct_change() from zero", n.begin};
            return {tidy(Decimal::divide_to_fit((b.value - a.value) * Decimal::from_int(100),
                                                a.value, working_scale)),
                    *ds_.units.find("%")};
        }
        if (f == "progress" || f == "target") {
            auto ind = indicator_of(*n.args[0]);
            auto p = compute_progress(ds_, idx_, ind, year_);
            if (!p)
                throw Missing{fmt::format("indicator {} has no target, baseline or value for {}",
                                          ds_.indicators[ind].id, year_)};
            const auto* def = definition_for_year(ds_.indicators[ind], p->current_year);
            if (auto* o = p->restated_baseline && def
                              ? idx_.restated(ind, p->baseline_year, def->version)
                              : idx_.total(ind, p->baseline_year))
                record(*o);
            if (auto* o = idx_.total(ind, p->current_year)) record(*o);
            if (f == "target") return p->target_level;
            if (!p->share_of_way)
                throw Missing{
                    fmt::format("indicator {}: the baseline {} already met the target, "
                                "so no share of the way can be given",
                                ds_.indicators[ind].id, p->baseline_year)};
            return {*p->share_of_way, *ds_.units.find("%")};
        }
        if (f == "round") {
            auto v = eval(*n.args[0]);
            auto places = eval(*n.args[1]);
            Decimal p = places.value.normalized();
            if (places.unit != no_unit || p.scale() != 0 ||
                p < Decimal::from_int(Decimal::min_precision) ||
                p > Decimal::from_int(Decimal::max_precision))
                throw EvalError{"rule.arguments",
                                fmt::format("round() takes a whole number of decimals from {} to "
                                            "{}, not {}",
                                            Decimal::min_precision, Decimal::max_precision,
                                            places.value.to_string()),
                                n.args[1]->begin};
            return {v.value.rounded(static_cast<int>(p.coefficient())), v.unit};
        }
        if (f == "reductions") return reductions(n);
        if (f == "abs") {
            auto v = eval(*n.args[0]);
            return {v.value.abs(), v.unit};
        }
        throw EvalError{"rule.unknown-function", fmt::format("unknown function '{}'", f), n.begin};
    }
};

}  // namespace

Location expression_location(const Dataset& ds, const Rule& r, std::size_t offset) {
    Location l = ds.location(r.expression_source);
    std::string_view before = std::string_view(r.expression).substr(0, offset);
    if (auto nl = before.rfind('\n'); nl != std::string_view::npos) {
        l.line += static_cast<std::uint32_t>(std::count(before.begin(), before.end(), '\n'));
        l.column = 1;
        before = before.substr(nl + 1);
    }
    for (char c : before)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++l.column;
    return l;
}

RuleOutcome RuleEvaluator::evaluate(const Rule& rule, int year) {
    RuleOutcome out;
    Fact f;
    f.disclosure = rule.disclosure;
    f.topic = rule.topic;
    f.requirement = rule.requirement;
    f.concept_name = rule.concept_name;
    f.kind = FactKind::numeric;
    f.precision = rule.precision;
    f.label = rule.label;
    f.year = year;
    f.esrs = rule.esrs;
    f.period_type = "duration";
    f.context = rule.context;
    f.fit = rule.fit;
    if (const auto* d = m_.catalogue.find_disclosure(rule.disclosure)) {
        if (const auto* req = d->requirement(rule.requirement)) {
            f.item_type = req->item_type;
            if (!req->period_type.empty()) f.period_type = req->period_type;
            if (f.label.sv.empty() && f.label.en.empty()) f.label = req->text;
        }
    }
    // A part or a stand-in is not what the concept means: no machine reader may take it
    // for the GRI figure. The programme taxonomy still holds the indicator's values.
    if (rule.fit != Fit::full || !rule.tag) f.concept_name.clear();
    f.provenance.rule = rule.id;
    f.provenance.rule_source = rule.source;
    f.provenance.expression = rule.expression;
    f.provenance.expression_source = rule.expression_source;
    std::string result_key = rule.id + "@" + std::to_string(year);
    try {
        Interpreter in(ds_, idx_, rule, year, f.provenance, results_);
        Quantity v = in.eval(*rule.parsed);
        if (v.unit == no_unit) v.unit = rule.unit;
        if (rule.unit != no_unit && v.unit != rule.unit) {
            auto factor = ds_.units.factor(v.unit, rule.unit);
            throw EvalError{"rule.unit-mismatch",
                            fmt::format("the expression gives '{}' but the rule declares '{}'{}",
                                        ds_.units.get(v.unit).id, ds_.units.get(rule.unit).id,
                                        factor ? "; wrap it in convert()" : ""),
                            0};
        }
        Quantity rounded{v.value.rounded(rule.precision).with_scale(std::max(rule.precision, 0)),
                         v.unit};
        if (!(rounded.value == v.value))
            f.provenance.steps.push_back(
                {fmt::format("rounded half-even to {} decimals", rule.precision),
                 in.format(rounded), StepKind::round});
        f.value = rounded;
        results_[result_key] = rounded;
        out.fact = std::move(f);
    } catch (const Missing& m) {
        results_[result_key] = std::nullopt;
        out.missing = m.what;
    } catch (const EvalError& e) {
        results_[result_key] = std::nullopt;
        diags_.error(e.code, fmt::format("rule '{}': {}", rule.id, e.message),
                     expression_location(ds_, rule, e.offset));
        out.error = true;
    } catch (const DecimalOverflow&) {
        results_[result_key] = std::nullopt;
        diags_.error("rule.overflow",
                     fmt::format("rule '{}': a value exceeds the exact decimal range", rule.id),
                     expression_location(ds_, rule, 0));
        out.error = true;
    }
    return out;
}

}  // namespace griexport::rules
