// Checks that need more than one record or more than one file.
#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <set>
#include <tuple>

#include "load_context.hpp"

namespace griexport::io {

namespace {

template <typename T>
void check_unique_ids(LoadContext& ctx, const std::vector<T>& items, std::string_view what) {
    std::map<std::string_view, const T*> seen;
    for (const auto& item : items) {
        auto [it, inserted] = seen.emplace(item.id, &item);
        if (!inserted) {
            auto first = ctx.location(it->second->source);
            ctx.diags.error("id.duplicate",
                            fmt::format("{} '{}' is defined twice (first at {}:{})", what, item.id,
                                        first.file, first.line),
                            ctx.location(item.source));
        }
    }
}

std::string describe(const Dataset& ds, const Observation& o) {
    std::string s = fmt::format("indicator {} year {}", ds.indicators[o.indicator].id, o.year);
    for (std::size_t d = 0; d < dimension_count; ++d)
        if (o.dimensions[d])
            s += fmt::format(" {}={}", to_string(static_cast<Dimension>(d)),
                             ds.dimension_value(o.dimensions[d]));
    return s;
}

void check_duplicate_observations(LoadContext& ctx) {
    const Dataset& ds = ctx.ds;
    std::vector<std::uint32_t> order(ds.observations.size());
    std::iota(order.begin(), order.end(), 0u);
    auto key = [&](std::uint32_t i) {
        const auto& o = ds.observations[i];
        return std::tie(o.indicator, o.year, o.dimensions, o.restated_as);
    };
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return key(a) < key(b); });
    for (std::size_t k = 1; k < order.size(); ++k) {
        const auto& prev = ds.observations[order[k - 1]];
        const auto& cur = ds.observations[order[k]];
        if (key(order[k - 1]) != key(order[k])) continue;
        // Report at the later of the two rows so the message points at the newcomer.
        const auto& later = std::tie(cur.origin.file, cur.origin.line) <
                                    std::tie(prev.origin.file, prev.origin.line)
                                ? prev
                                : cur;
        const auto& earlier = &later == &cur ? prev : cur;
        auto first = ctx.location(earlier.origin);
        if (cur.value.value == prev.value.value) {
            ctx.diags.warning("obs.duplicate",
                              fmt::format("{} is given twice with the same value (also at {}:{})",
                                          describe(ds, cur), first.file, first.line),
                              ctx.location(later.origin));
        } else {
            ctx.diags.error(
                "obs.duplicate-conflict",
                fmt::format("{} is given twice with different values: {} here, {} at {}:{}",
                            describe(ds, cur), later.value.value.to_string(),
                            earlier.value.value.to_string(), first.file, first.line),
                ctx.location(later.origin));
        }
    }
}

// A value measured when no definition of its indicator was in force cannot say what it
// measures. One warning per indicator and year, not per row.
void check_observations_have_a_definition(LoadContext& ctx) {
    const Dataset& ds = ctx.ds;
    std::set<std::pair<std::uint32_t, int>> reported;
    for (const auto& o : ds.observations) {
        const Indicator& ind = ds.indicators[o.indicator];
        DateRange year{Date::first_of_year(o.year), Date::last_of_year(o.year)};
        bool covered = std::any_of(ind.definitions.begin(), ind.definitions.end(),
                                   [&](const auto& d) { return d.validity.overlaps(year); });
        if (covered || !reported.insert({o.indicator, o.year}).second) continue;
        ctx.diags.warning(
            "definition.none-in-force",
            fmt::format("indicator {} has a value for {}, when none of its definitions "
                        "was in force",
                        ind.id, o.year),
            ctx.location(o.origin));
    }
}

}  // namespace

void check_dataset(LoadContext& ctx) {
    Dataset& ds = ctx.ds;
    check_unique_ids(ctx, ds.areas, "programme area");
    check_unique_ids(ctx, ds.goals, "goal");
    check_unique_ids(ctx, ds.indicators, "indicator");
    check_unique_ids(ctx, ds.restatements, "restatement");
    check_unique_ids(ctx, ds.calculation_models, "calculation model");
    check_unique_ids(ctx, ds.climate_posts, "climate post");
    check_unique_ids(ctx, ds.actions, "action");

    std::set<std::string_view> areas;
    for (const auto& a : ds.areas) areas.insert(a.id);
    for (const auto& g : ds.goals)
        if (!areas.count(g.area))
            ctx.diags.error(
                "ref.unknown-area",
                fmt::format("goal {} names area '{}', which is not defined", g.id, g.area),
                ctx.location(g.source));

    for (auto& ind : ds.indicators) {
        if (!ds.find_goal(ind.goal))
            ctx.diags.error("ref.unknown-goal",
                            fmt::format("indicator {} belongs to goal '{}', which is not defined",
                                        ind.id, ind.goal),
                            ctx.location(ind.source));
        std::stable_sort(
            ind.definitions.begin(), ind.definitions.end(),
            [](const auto& a, const auto& b) { return a.validity.from < b.validity.from; });
        for (std::size_t i = 1; i < ind.definitions.size(); ++i) {
            const auto& a = ind.definitions[i - 1];
            const auto& b = ind.definitions[i];
            if (a.validity.overlaps(b.validity))
                ctx.diags.error(
                    "definition.overlap",
                    fmt::format("definitions {} and {} of indicator {} are both in force on {}",
                                a.version, b.version, ind.id, b.validity.from.iso()),
                    ctx.location(b.source));
        }
    }

    for (const auto& r : ds.restatements) {
        if (r.indicator.empty()) {
            for (const auto* v : {&r.from_version, &r.to_version}) {
                if (std::none_of(ds.calculation_models.begin(), ds.calculation_models.end(),
                                 [&](const auto& m) { return m.id == *v; }))
                    ctx.diags.error(
                        "ref.unknown-model",
                        fmt::format(
                            "restatement {} names calculation model '{}', which is not defined",
                            r.id, *v),
                        ctx.location(r.source));
            }
            continue;
        }
        const Indicator* ind = ds.find_indicator(r.indicator);
        if (!ind) {
            ctx.diags.error("ref.unknown-indicator",
                            fmt::format("restatement {} names indicator '{}', which is not defined",
                                        r.id, r.indicator),
                            ctx.location(r.source));
            continue;
        }
        for (const auto* v : {&r.from_version, &r.to_version}) {
            if (std::none_of(ind->definitions.begin(), ind->definitions.end(),
                             [&](const auto& d) { return d.version == *v; }))
                ctx.diags.error(
                    "ref.unknown-version",
                    fmt::format("restatement {}: indicator {} has no definition version '{}'", r.id,
                                ind->id, *v),
                    ctx.location(r.source));
        }
    }

    for (const auto& a : ds.actions)
        for (const auto& g : a.goals)
            if (!ds.find_goal(g))
                ctx.diags.error(
                    "ref.unknown-goal",
                    fmt::format("action {} names goal '{}', which is not defined", a.id, g),
                    ctx.location(a.source));

    if (!ds.climate_indicator.empty() && !ds.find_indicator(ds.climate_indicator))
        ctx.diags.error(
            "ref.unknown-indicator",
            fmt::format("the climate accounts feed indicator '{}', which is not defined",
                        ds.climate_indicator),
            ctx.location(ds.climate_indicator_source));

    for (const auto& [id, where, what] :
         {std::tuple{&ds.denominator_indicator, &ds.denominator_source, "intensity denominator"},
          std::tuple{&ds.energy_indicator, &ds.energy_source, "energy consumption"}})
        if (!id->empty() && !ds.find_indicator(*id))
            ctx.diags.error(
                "ref.unknown-indicator",
                fmt::format("the {} is indicator '{}', which is not defined", what, *id),
                ctx.location(*where));

    check_duplicate_observations(ctx);
    check_observations_have_a_definition(ctx);
}

}  // namespace griexport::io
