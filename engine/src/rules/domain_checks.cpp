#include "domain_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace griexport::rules {

std::vector<int> compared_years(const Organisation& o) {
    int current = o.reporting_period.from.year;
    std::set<int> years{o.base_year, current - 1, current};
    return {years.begin(), years.end()};
}

namespace {

// Whether `v` can be printed with `decimals` decimals (rounded half-even, then padded with
// zeros) inside the exact range: the supplement, the XBRL and the workbooks print it so.
bool printable(const Decimal& v, int decimals) {
    try {
        (void)v.rounded(decimals).with_scale(std::max(decimals, 0));
        return true;
    } catch (const DecimalOverflow&) {
        return false;
    }
}

void out_of_range(const Dataset& ds, std::string_view what, const Decimal& v, int decimals,
                  const SourceRef& at, Diagnostics& diags) {
    diags.error("value.out-of-range",
                fmt::format("{} {} cannot be printed with its {} decimals within the exact "
                            "decimal range (18 significant digits); give it in a larger unit",
                            what, v.to_string(), decimals),
                ds.location(at));
}

bool restated(const Dataset& ds, std::string_view indicator, int from_year, int to_year) {
    const auto& of = ds.restatements_of(indicator);
    return std::any_of(of.begin(), of.end(), [&](std::uint32_t i) {
        const Restatement& r = ds.restatements[i];
        return r.effective_year > from_year && r.effective_year <= to_year;
    });
}

void check_definitions(const Dataset& ds, const ObservationIndex& idx,
                       const std::vector<int>& years, Diagnostics& diags) {
    for (std::uint32_t i = 0; i < ds.indicators.size(); ++i) {
        const Indicator& ind = ds.indicators[i];
        if (ind.definitions.size() < 2) continue;
        // A target's progress compares the reporting year with the target's baseline too.
        std::vector<int> compared = years;
        if (auto p = progress_of(ds, idx, i, ds.organisation.reporting_period.from.year, nullptr))
            compared.push_back(p->baseline_year);
        std::sort(compared.begin(), compared.end());
        compared.erase(std::unique(compared.begin(), compared.end()), compared.end());
        std::vector<std::pair<int, const DefinitionVersion*>> seen;
        for (int y : compared)
            if (!idx.at(i, y).empty())
                if (const auto* d = definition_for_year(ind, y)) seen.emplace_back(y, d);
        for (std::size_t k = 1; k < seen.size(); ++k) {
            auto [y1, d1] = seen[k - 1];
            auto [y2, d2] = seen[k];
            if (d1 == d2 || restated(ds, ind.id, y1, y2)) continue;
            diags.warning(
                "restatement.missing",
                fmt::format("indicator {} is compared between {} (definition {}) and {} "
                            "(definition {}) with no restatement entry effective in between "
                            "(GRI 2-4): add <restatement indicator=\"{}\" from-version=\"{}\" "
                            "to-version=\"{}\" effective-year=\"…\">",
                            ind.id, y1, d1->version, y2, d2->version, ind.id, d1->version,
                            d2->version),
                ds.location(d2->source));
        }
    }
}

void check_models(const Dataset& ds, const std::vector<int>& years, Diagnostics& diags) {
    // The models each compared year's figures were computed with, and the first row of each.
    std::map<int, std::map<std::string, const ClimateEntry*>> models;
    for (const auto& e : ds.climate_entries)
        if (e.role != ClimateRole::change &&
            std::find(years.begin(), years.end(), e.year) != years.end())
            models[e.year].emplace(e.model, &e);
    const std::map<std::string, const ClimateEntry*>* prev = nullptr;
    int prev_year = 0;
    for (const auto& [year, used] : models) {
        if (prev && !restated(ds, "", prev_year, year)) {
            for (const auto& [model, e] : used) {
                if (prev->contains(model)) continue;
                diags.warning(
                    "restatement.missing-model",
                    fmt::format("the climate accounts of {} (model {}) and {} (model {}) are "
                                "compared with no restatement entry for the change of "
                                "calculation model (GRI 2-4): add <restatement indicator=\"\" "
                                "effective-year=\"{}\">",
                                prev_year, prev->begin()->first, year, model, year),
                    ds.location(e->origin));
            }
        }
        prev = &used;
        prev_year = year;
    }
}

}  // namespace

void check_printable(const Dataset& ds, Diagnostics& diags) {
    for (const auto& o : ds.observations) {
        int p = ds.indicators[o.indicator].precision;
        if (!printable(o.value.value, p))
            out_of_range(ds,
                         fmt::format("the value of indicator {}", ds.indicators[o.indicator].id),
                         o.value.value, p, o.origin, diags);
    }
    for (const auto& ind : ds.indicators)
        for (const auto& t : ind.targets) {
            int p = std::max(ind.precision, t.value.value.scale());
            if (!printable(t.value.value, p))
                out_of_range(ds, fmt::format("the {} target of indicator {}", t.year, ind.id),
                             t.value.value, p, t.source, diags);
        }
    const Indicator* climate = ds.find_indicator(ds.climate_indicator);
    if (!climate) return;
    for (const auto& e : ds.climate_entries)
        if (!printable(e.value.value, climate->precision))
            out_of_range(ds, fmt::format("the climate accounts' {} {}", e.post, e.year),
                         e.value.value, climate->precision, e.origin, diags);
}

void check_restatements(const Dataset& ds, const Mappings&, const ObservationIndex& idx,
                        Diagnostics& diags) {
    auto years = compared_years(ds.organisation);
    check_definitions(ds, idx, years, diags);
    check_models(ds, years, diags);
}

void track_targets(const Dataset& ds, const ObservationIndex& idx, DisclosureSet& out,
                   Diagnostics& diags) {
    int year = ds.organisation.reporting_period.from.year;
    // At most one entry per indicator with targets: doubling its way there, a large
    // programme's progress kept a quarter of its room empty for the rest of the build.
    out.progress.reserve(out.progress.size() +
                         static_cast<std::size_t>(std::count_if(
                             ds.indicators.begin(), ds.indicators.end(),
                             [](const Indicator& ind) { return !ind.targets.empty(); })));
    for (std::uint32_t i = 0; i < ds.indicators.size(); ++i) {
        const Indicator& ind = ds.indicators[i];
        if (ind.targets.empty()) continue;
        auto p = progress_of(ds, idx, i, year, &diags);
        if (!p) continue;
        if (!p->baseline_definition.empty()) {
            const Restatement* rs = ds.find_restatement(p->restatement);
            diags.add(
                Severity::note, "target.across-definitions",
                fmt::format("indicator {}: progress compares {} (definition {}) with {} "
                            "(definition {}){}; give the {} value restated under "
                            "definition {} (observations column restated_as) to compare "
                            "like with like",
                            ind.id, p->baseline_year, p->baseline_definition, year,
                            p->current_definition,
                            rs ? fmt::format(": restatement {} says \"{}\"", rs->id,
                                             rs->effect.en.empty() ? rs->effect.sv : rs->effect.en)
                               : ", and no restatement entry explains the change",
                            p->baseline_year, p->current_definition),
                ds.location(p->target_source));
        }
        if (p->restated_baseline)
            diags.add(Severity::note, "target.restated-baseline",
                      fmt::format("indicator {}: progress starts from the {} value restated "
                                  "under the definition of {}",
                                  ind.id, p->baseline_year, year),
                      ds.location(p->baseline_source));
        if (p->status == ProgressStatus::not_met) {
            const auto& unit = ds.units.get(ind.unit).id;
            diags.add(Severity::note, "target.not-met",
                      fmt::format("indicator {}: {} {} in {} does not meet the {} target of {} {}"
                                  "{}",
                                  ind.id, p->current.value.to_string(), unit, year, p->target_year,
                                  p->target_level.value.rounded(ind.precision).to_string(), unit,
                                  p->share_of_way ? ", which it has passed"
                                                  : fmt::format(", which the baseline {} met",
                                                                p->baseline_year)),
                      ds.location(p->target_source));
        }
        if (p->status == ProgressStatus::behind) {
            const auto& unit = ds.units.get(ind.unit).id;
            std::string target =
                p->relative_target
                    ? fmt::format("{} % against {} ({} {})", p->relative_target->to_string(),
                                  p->baseline_year,
                                  p->target_level.value.rounded(ind.precision).to_string(), unit)
                    : fmt::format("{} {}", p->target_level.value.to_string(), unit);
            diags.add(
                Severity::note, "target.behind-path",
                fmt::format("indicator {}: {} {} in {} is behind the straight path from "
                            "{} {} ({}) to the {} target of {}; the path passes {} {} in {}",
                            ind.id, p->current.value.to_string(), unit, year,
                            p->baseline.value.to_string(), unit, p->baseline_year, p->target_year,
                            target, p->path_level.value.to_string(), unit, year),
                ds.location(p->target_source));
        }
        out.progress.push_back(std::move(*p));
    }
}

}  // namespace griexport::rules
