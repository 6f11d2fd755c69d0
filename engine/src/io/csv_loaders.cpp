// Loaders for observations.csv and climate-accounts.csv.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "csv.hpp"
#include "load_context.hpp"

namespace griexport::io {

namespace {

// Columns a table must have, and the ones it may have.
bool check_columns(LoadContext& ctx, const SourceText& text, const CsvTable& t,
                   std::initializer_list<std::string_view> required,
                   std::initializer_list<std::string_view> optional) {
    bool ok = true;
    Location head = text.locate(t.header_offset);
    for (auto r : required) {
        if (!t.column(r)) {
            ctx.diags.error("csv.missing-column", fmt::format("the header lacks column '{}'", r),
                            head);
            ok = false;
        }
    }
    for (const auto& h : t.header) {
        bool known =
            std::find(required.begin(), required.end(), std::string_view(h)) != required.end() ||
            std::find(optional.begin(), optional.end(), std::string_view(h)) != optional.end() ||
            dimension_from_string(h).has_value();
        if (!known) {
            ctx.diags.error("csv.unknown-column", fmt::format("unknown column '{}'", h), head);
            ok = false;
        }
    }
    return ok;
}

struct Row {
    const CsvTable& table;
    const CsvRecord& rec;
    const std::string* get(std::string_view name) const {
        auto c = table.column(name);
        return c ? &rec.fields[*c].value : nullptr;
    }
    std::string value(std::string_view name) const {
        auto* v = get(name);
        return v ? *v : std::string();
    }
    std::size_t offset(std::string_view name) const {
        auto c = table.column(name);
        return c ? rec.fields[*c].offset : 0;
    }
};

std::optional<int> parse_year(LoadContext& ctx, const SourceText& text, const Row& row,
                              std::string_view column) {
    std::string v = row.value(column);
    int y = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), y);
    if (ec != std::errc() || p != v.data() + v.size() || y < min_year || y > max_year) {
        ctx.diags.error("csv.year",
                        fmt::format("'{}' is not a year from {} to {}", text::abbreviated(v),
                                    min_year, max_year),
                        text.locate(row.offset(column)));
        return std::nullopt;
    }
    return y;
}

std::optional<Decimal> parse_number(LoadContext& ctx, const SourceText& text, const CsvTable& t,
                                    const Row& row, std::string_view column) {
    std::string v = row.value(column);
    std::size_t bad = 0;
    auto why = Decimal::ParseProblem::none;
    auto d = Decimal::parse(v, t.decimal_separator, &bad, &why);
    if (!d) {
        // Point at the offending character where the field was not quoted.
        std::size_t at = row.offset(column);
        if (at < text.bytes.size() && text.bytes[at] != '"') at += std::min(bad, v.size());
        char offending = bad < v.size() ? v[bad] : 0;
        std::string hint;
        if (why != Decimal::ParseProblem::syntax)
            hint = ": " + Decimal::describe(why);
        else if (offending == ',' && t.decimal_separator == '.')
            hint = " (write the decimal separator as '.', or declare '# decimal: comma')";
        else if (offending == '.' && t.decimal_separator == ',')
            hint = " (the file declares a decimal comma)";
        else if (offending == ' ' || offending == '\xC2')
            hint = " (write it without thousands separators)";
        ctx.diags.error("csv.number",
                        fmt::format("'{}' is not a number{}", text::abbreviated(v), hint),
                        text.locate(at));
    }
    return d;
}

// Reads a value in `unit_text` and converts it into `target` (the indicator's unit).
std::optional<Quantity> to_unit(LoadContext& ctx, const SourceText& text, const Row& row,
                                Decimal value, UnitId target, const std::string& indicator) {
    std::string unit_text = row.value("unit");
    auto u = ctx.ds.units.find(unit_text);
    auto where = text.locate(row.offset("unit"));
    if (!u) {
        ctx.diags.error("unit.unknown", fmt::format("unknown unit '{}'", unit_text), where);
        return std::nullopt;
    }
    if (target == no_unit) return Quantity{value, *u};
    auto f = ctx.ds.units.factor(*u, target);
    if (!f) {
        ctx.diags.error("unit.mismatch",
                        fmt::format("value in '{}' for indicator {}, which is measured in '{}'",
                                    unit_text, indicator, ctx.ds.units.get(target).id),
                        where);
        return std::nullopt;
    }
    return Quantity{(value * *f).normalized(), target};
}

}  // namespace

void load_observations(LoadContext& ctx) {
    auto text = read_source(ctx.folder, "observations.csv", false, ctx.diags);
    if (!text) return;
    auto file = ctx.add_source(*text);
    auto table = parse_csv(*text, ctx.diags);
    if (!table) return;
    if (!check_columns(ctx, *text, *table, {"indicator", "year", "value", "unit"},
                       {"status", "source", "evidence", "uncertainty"}))
        return;
    Dataset& ds = ctx.ds;
    ds.observations.reserve(ds.observations.size() + table->records.size());
    for (const auto& rec : table->records) {
        Row row{*table, rec};
        std::string id = row.value("indicator");
        auto idx = ds.indicator_index(id);
        if (!idx) {
            ctx.diags.error(
                "ref.unknown-indicator",
                fmt::format("observation for indicator '{}', which the programme does not define",
                            id),
                text->locate(row.offset("indicator")));
            continue;
        }
        auto year = parse_year(ctx, *text, row, "year");
        auto value = parse_number(ctx, *text, *table, row, "value");
        if (!year || !value) continue;
        auto q = to_unit(ctx, *text, row, *value, ds.indicators[*idx].unit, id);
        if (!q) continue;
        Observation o;
        o.indicator = *idx;
        o.year = *year;
        o.value = *q;
        for (std::size_t d = 0; d < dimension_count; ++d) {
            if (auto* v = row.get(to_string(static_cast<Dimension>(d))))
                o.dimensions[d] = ctx.intern(*v);
        }
        std::string status = row.value("status");
        if (status == "preliminary") {
            o.status = ObservationStatus::preliminary;
        } else if (!status.empty() && status != "final") {
            ctx.diags.error("csv.status",
                            fmt::format("status '{}' is neither 'preliminary' nor 'final'", status),
                            text->locate(row.offset("status")));
            continue;
        }
        o.source = row.value("source");
        o.evidence = row.value("evidence");
        o.uncertainty = row.value("uncertainty");
        o.origin = {file, rec.line, 1};
        ds.observations.push_back(std::move(o));
    }
}

void load_climate_accounts(LoadContext& ctx) {
    auto text = read_source(ctx.folder, "climate-accounts.csv", false, ctx.diags);
    if (!text) return;
    auto file = ctx.add_source(*text);
    auto table = parse_csv(*text, ctx.diags);
    if (!table) return;
    if (!check_columns(ctx, *text, *table, {"post", "year", "measure", "value", "unit", "model"},
                       {"compared_with", "source"}))
        return;
    Dataset& ds = ctx.ds;
    auto climate_idx = ds.indicator_index(ds.climate_indicator);
    if (!climate_idx) {
        ctx.diags.error(
            "climate.no-indicator",
            "climate-accounts.csv needs <climate-accounts indicator=…> in programme.xml "
            "naming a defined indicator",
            text->whole_file());
        return;
    }
    const Indicator& ind = ds.indicators[*climate_idx];
    for (const auto& rec : table->records) {
        Row row{*table, rec};
        std::string post_id = row.value("post");
        auto post = std::find_if(ds.climate_posts.begin(), ds.climate_posts.end(),
                                 [&](const ClimatePost& p) { return p.id == post_id; });
        if (post == ds.climate_posts.end()) {
            ctx.diags.error(
                "ref.unknown-post",
                fmt::format("climate post '{}' is not declared in programme.xml", post_id),
                text->locate(row.offset("post")));
            continue;
        }
        std::string model = row.value("model");
        if (std::none_of(ds.calculation_models.begin(), ds.calculation_models.end(),
                         [&](const CalculationModel& m) { return m.id == model; })) {
            ctx.diags.error(
                "ref.unknown-model",
                fmt::format("calculation model '{}' is not declared in programme.xml", model),
                text->locate(row.offset("model")));
            continue;
        }
        auto year = parse_year(ctx, *text, row, "year");
        auto value = parse_number(ctx, *text, *table, row, "value");
        if (!year || !value) continue;
        auto q = to_unit(ctx, *text, row, *value, ind.unit, ind.id);
        if (!q) continue;
        ClimateEntry e;
        e.post = post_id;
        e.year = *year;
        e.value = *q;
        e.model = model;
        e.source = row.value("source");
        e.origin = {file, rec.line, 1};
        std::string measure = row.value("measure");
        if (measure == "change") {
            e.role = ClimateRole::change;
            if (row.value("compared_with").empty()) {
                ctx.diags.error("climate.change-base",
                                "a change row needs compared_with (the earlier year)",
                                text->locate(row.offset("measure")));
                continue;
            }
            e.compared_with = parse_year(ctx, *text, row, "compared_with");
            if (!e.compared_with) continue;
        } else if (measure == "emissions") {
            e.role = post->role;
        } else {
            ctx.diags.error(
                "climate.measure",
                fmt::format("measure '{}' is neither 'emissions' nor 'change'", measure),
                text->locate(row.offset("measure")));
            continue;
        }
        ds.climate_entries.push_back(e);
        if (e.role == ClimateRole::change) continue;
        // Emission rows are the climate indicator's observations: parts by area, the
        // published total without dimensions, posts reported apart by category.
        Observation o;
        o.indicator = *climate_idx;
        o.year = e.year;
        o.value = e.value;
        if (e.role == ClimateRole::part)
            o.dimensions[std::size_t(Dimension::area)] = ctx.intern(post_id);
        if (e.role == ClimateRole::separate)
            o.dimensions[std::size_t(Dimension::category)] = ctx.intern(post_id);
        o.source = e.source;
        o.origin = e.origin;
        ds.observations.push_back(std::move(o));
    }
}

}  // namespace griexport::io
