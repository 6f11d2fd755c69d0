// Cross-footing of the climate accounts: a published total against the sum of its parts,
// and a published change against the difference of the two years it compares. A difference
// within the rounding of the figures involved is a warning naming both; more is an error.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "load_context.hpp"

namespace griexport::io {

namespace {

// Each published figure is rounded to the indicator's precision, so n figures may drift
// by up to n half-units of the last digit.
Decimal rounding_tolerance(std::size_t figures, int precision) {
    return Decimal(5, std::min(precision, Decimal::max_scale - 1) + 1) *
           Decimal::from_int(static_cast<std::int64_t>(figures));
}

void overflow(LoadContext& ctx, const ClimateEntry& at, const std::string& what) {
    ctx.diags.error("climate.overflow",
                    fmt::format("{} leaves the exact decimal range (18 significant digits)", what),
                    ctx.location(at.origin));
}

// Records the check's outcome on the dataset (CheckResult), and a diagnostic when the
// figures differ. `agrees` says what an exact match equals, for the record.
void report(LoadContext& ctx, const ClimateEntry& at, const std::string& what, const char* from,
            const char* agrees, const Decimal& published, const Decimal& computed,
            std::size_t figures, int precision) try {
    if (published == computed) {
        ctx.ds.checks.push_back({CheckKind::cross_footing, at.origin, CheckOutcome::ok,
                                 fmt::format("{} equals {}", what, agrees)});
        return;
    }
    Decimal diff = (published - computed).abs();
    bool within = diff <= rounding_tolerance(figures, precision);
    auto msg =
        fmt::format("{}: published {} {} {} computed from {} (difference {})", what,
                    published.to_string(), within ? "differs by rounding from" : "does not match",
                    computed.to_string(), from, diff.to_string());
    ctx.ds.checks.push_back({CheckKind::cross_footing, at.origin,
                             within ? CheckOutcome::warning : CheckOutcome::error, msg});
    if (within)
        ctx.diags.warning("climate.cross-footing", msg, ctx.location(at.origin));
    else
        ctx.diags.error("climate.cross-footing", msg, ctx.location(at.origin));
} catch (const DecimalOverflow&) {
    overflow(ctx, at, fmt::format("the difference of {}", what));
}

}  // namespace

void check_climate_accounts(LoadContext& ctx) {
    const Dataset& ds = ctx.ds;
    const Indicator* ind = ds.find_indicator(ds.climate_indicator);
    if (!ind) return;
    int precision = ind->precision;
    // (year, model) → sum and count of the parts; the published total.
    std::map<std::tuple<int, std::string>, std::pair<Decimal, std::size_t>> parts;
    std::map<std::tuple<int, std::string>, const ClimateEntry*> totals;
    std::map<std::tuple<std::string, int>, const ClimateEntry*> emissions;  // (post, year)
    for (const auto& e : ds.climate_entries) {
        if (e.role == ClimateRole::change) continue;
        emissions[{e.post, e.year}] = &e;
        auto key = std::make_tuple(e.year, e.model);
        if (e.role == ClimateRole::part) {
            auto& [sum, n] = parts[key];
            try {
                sum = sum + e.value.value;
            } catch (const DecimalOverflow&) {
                overflow(ctx, e, fmt::format("the sum of the {} parts", e.year));
                parts.erase(key);
                continue;
            }
            ++n;
        } else if (e.role == ClimateRole::total) {
            totals[key] = &e;
        }
    }
    for (const auto& [key, total] : totals) {
        auto it = parts.find(key);
        if (it == parts.end()) continue;
        report(ctx, *total, fmt::format("the {} total", std::get<0>(key)), "its parts",
               "the sum of its parts", total->value.value, it->second.first, it->second.second,
               precision);
    }
    for (const auto& e : ds.climate_entries) {
        if (e.role != ClimateRole::change || !e.compared_with) continue;
        auto now = emissions.find({e.post, e.year});
        auto then = emissions.find({e.post, *e.compared_with});
        if (now == emissions.end() || then == emissions.end()) continue;
        Decimal difference;
        try {
            difference = now->second->value.value - then->second->value.value;
        } catch (const DecimalOverflow&) {
            overflow(ctx, e, fmt::format("the change of {}", e.post));
            continue;
        }
        report(ctx, e,
               fmt::format("the change of {} from {} to {}", e.post, *e.compared_with, e.year),
               "the two years", "the difference of the two years", e.value.value, difference, 2,
               precision);
    }
}

}  // namespace griexport::io
