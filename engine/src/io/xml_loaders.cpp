// Loaders for the XML inputs. The XSD has checked structure and simple types (a large
// programme's while it is read, its reading undone when the XSD refuses it), so these only
// turn nodes into model records and check what a schema cannot express.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "load_context.hpp"

namespace griexport::io {

namespace {

Date date_attr(const pugi::xml_node& n, const char* name) {
    // Schema-validated as xs:date; a value out of the calendar was already refused.
    return Date::parse_iso(n.attribute(name).as_string()).value_or(Date{});
}

std::optional<Date> optional_date_attr(const pugi::xml_node& n, const char* name) {
    if (!n.attribute(name)) return std::nullopt;
    return Date::parse_iso(n.attribute(name).as_string());
}

std::optional<UnitId> unit_attr(LoadContext& ctx, const XmlSource& x, const pugi::xml_node& n,
                                const char* name) {
    std::string id = n.attribute(name).as_string();
    auto u = ctx.ds.units.find(id);
    if (!u)
        ctx.diags.error("unit.unknown",
                        fmt::format("unknown unit '{}'; known: {}", id, ctx.ds.units.known_ids()),
                        x.where(n, name));
    return u;
}

// "a c d" as "acd", "all" as "*" (the schema has checked the shape).
std::string requirement_letters(const pugi::xml_attribute& a) {
    std::string_view v = a.as_string();
    if (v == "all") return "*";
    std::string out;
    for (char c : v)
        if (c >= 'a' && c <= 'z') out += c;
    return out;
}

}  // namespace

// The items of an xs:list value (whitespace-separated tokens).
std::vector<std::string> split_xs_list(std::string_view text) {
    std::vector<std::string> items;
    constexpr std::string_view space = " \t\r\n";
    for (auto b = text.find_first_not_of(space); b != std::string_view::npos;
         b = text.find_first_not_of(space, b)) {
        auto e = std::min(text.find_first_of(space, b), text.size());
        items.emplace_back(text.substr(b, e - b));
        b = e;
    }
    return items;
}

void load_units(LoadContext& ctx) {
    auto x =
        load_xml(ctx.data_dir, "gri-mappings/units.xml", true, ctx.schema("units.xsd"), ctx.diags);
    if (!x) return;
    ctx.add_source(x->text);
    auto root = x->doc->child("units");
    for (auto u : root.children("unit")) {
        if (ctx.ds.units.find(u.attribute("id").as_string())) {
            ctx.diags.error("id.duplicate",
                            fmt::format("unit '{}' declared twice", u.attribute("id").as_string()),
                            x->where(u, "id"));
            continue;
        }
        ctx.ds.units.add({u.attribute("id").as_string(), u.attribute("quantity").as_string(),
                          u.attribute("utr").as_string(), u.attribute("sv").as_string(),
                          u.attribute("en").as_string(), u.attribute("item-type").as_string(),
                          u.attribute("per-sv").as_string(), u.attribute("per-en").as_string()});
    }
    for (auto c : root.children("conversion")) {
        auto from = unit_attr(ctx, *x, c, "from");
        auto to = unit_attr(ctx, *x, c, "to");
        auto f = Decimal::parse(c.attribute("factor").as_string());
        if (from && to && f) ctx.ds.units.add_conversion(*from, *to, *f);
    }
    for (auto a : root.children("alias")) {
        std::string name = a.attribute("name").as_string();
        if (ctx.ds.units.find(name)) {
            ctx.diags.error("id.duplicate", fmt::format("unit alias '{}' is already a unit", name),
                            x->where(a, "name"));
            continue;
        }
        if (auto to = unit_attr(ctx, *x, a, "unit")) ctx.ds.units.add_alias(name, *to);
    }
}

void load_organisation_file(LoadContext& ctx) {
    auto x =
        load_xml(ctx.folder, "organisation.xml", true, ctx.schema("organisation.xsd"), ctx.diags);
    if (!x) return;
    auto file = ctx.add_source(x->text);
    auto root = x->doc->child("organisation");
    Organisation& o = ctx.ds.organisation;
    o.source = ctx.ref(file, x->where(root));
    o.name = read_local_text(root.child("name"));
    o.organisation_number = root.child("organisation-number").text().as_string();
    o.kind = root.attribute("kind").as_string("other");
    o.legal_form = read_local_text(root.child("legal-form"));
    o.seat = read_local_text(root.child("seat"));
    o.countries = read_local_text(root.child("countries"));
    if (auto lei = root.child("lei")) o.lei = lei.text().as_string();
    if (auto k = root.child("kolada"))
        o.kolada_municipality = k.attribute("municipality").as_string();
    for (auto sh : root.children("sheet"))
        o.sheets[sh.attribute("file").as_string()] = sh.text().as_string();
    auto period = root.child("reporting-period");
    o.reporting_period = {date_attr(period, "start"), date_attr(period, "end")};
    if (*o.reporting_period.to < o.reporting_period.from)
        ctx.diags.error("period.reversed", "the reporting period ends before it starts",
                        x->where(period, "end"));
    o.base_year = root.child("base-year").text().as_int();
    if (o.base_year > o.reporting_period.from.year)
        ctx.diags.error("period.base-year", "the base year lies after the reporting period",
                        x->where(root.child("base-year")));
    o.languages = split_xs_list(root.child("languages").text().as_string());
    o.claim_sought =
        std::string_view(root.child("claim").attribute("sought").as_string()) == "with-reference"
            ? Claim::with_reference
            : Claim::in_accordance;
    o.claim_source = ctx.ref(file, x->where(root.child("claim")));
    o.gri_1_source = o.source;
    o.contact = read_local_text(root.child("contact"));
    if (auto sec = root.child("sector")) {
        o.sector = sec.attribute("standard").as_string();
        o.sector_source = ctx.ref(file, x->where(sec, "standard"));
    }
    if (auto mt = root.child("material-topics")) {
        o.material_topics_determined = true;
        for (auto t : mt.children("topic")) {
            o.material_topics.push_back({t.attribute("id").as_string(),
                                         split_xs_list(t.attribute("goals").as_string()),
                                         ctx.ref(file, x->where(t))});
            for (const auto& prev : o.material_topics) {
                if (&prev != &o.material_topics.back() && prev.id == o.material_topics.back().id)
                    ctx.diags.error("id.duplicate",
                                    fmt::format("material topic '{}' listed twice",
                                                o.material_topics.back().id),
                                    x->where(t, "id"));
            }
        }
    }
    if (auto g = root.child("gri-1")) {
        o.principles_applied = g.attribute("principles-applied").as_bool();
        o.gri_notified = optional_date_attr(g, "gri-notified");
        o.gri_1_source = ctx.ref(file, x->where(g));
    }
    o.sample = root.attribute("sample").as_bool();
    o.publication_source = o.source;
    if (auto pub = root.child("publication")) {
        o.publication_date = optional_date_attr(pub, "date");
        o.publication_source = ctx.ref(file, x->where(pub));
    }
    if (auto ar = root.child("annual-report")) {
        if (auto fp = ar.attribute("first-page")) o.annual_report_first_page = fp.as_int();
        for (auto r : ar.children("reference"))
            o.annual_report_references.push_back(
                {r.attribute("disclosure").as_string(), r.attribute("pages").as_string(),
                 ctx.ref(file, x->where(r)), requirement_letters(r.attribute("covers"))});
    }
}

namespace {

// The programme read into the dataset; `x` schema-valid, or (a large programme's,
// validated meanwhile) undone by `Undo` when it proves not to be.
void read_programme(LoadContext& ctx, const XmlSource* x) {
    auto file = ctx.add_source(x->text);
    auto root = x->doc->child("programme");
    Dataset& ds = ctx.ds;
    for (auto a : root.children("area"))
        ds.areas.push_back({a.attribute("id").as_string(), read_local_text(a.child("title")),
                            ctx.ref(file, x->where(a))});
    for (auto g : root.children("goal"))
        ds.goals.push_back({g.attribute("id").as_string(), g.attribute("area").as_string(),
                            read_local_text(g.child("title")), ctx.ref(file, x->where(g))});
    for (auto n : root.children("indicator")) {
        Indicator ind;
        ind.id = n.attribute("id").as_string();
        ind.goal = n.attribute("goal").as_string();
        ind.name = read_local_text(n.child("name"));
        ind.unit = unit_attr(ctx, *x, n, "unit").value_or(no_unit);
        ind.precision = n.attribute("precision").as_int(0);
        if (ind.precision < Decimal::min_precision || ind.precision > Decimal::max_precision)
            ctx.diags.error("indicator.precision",
                            fmt::format("precision {} is outside {}…{}", ind.precision,
                                        Decimal::min_precision, Decimal::max_precision),
                            x->where(n, "precision"));
        ind.kind = std::string_view(n.attribute("kind").as_string()) == "prerequisite"
                       ? IndicatorKind::prerequisite
                       : IndicatorKind::outcome;
        ind.owner = n.attribute("owner").as_string();
        ind.data_source = n.attribute("data-source").as_string();
        if (auto k = n.attribute("kolada-kpi")) ind.kolada_kpi = k.as_string();
        ind.source = ctx.ref(file, x->where(n));
        for (auto d : n.children("definition")) {
            DefinitionVersion v;
            v.version = d.attribute("version").as_string();
            v.text = read_local_text(d);
            v.validity = {date_attr(d, "valid-from"), optional_date_attr(d, "valid-to")};
            v.decision = d.attribute("decision").as_string();
            v.source = ctx.ref(file, x->where(d));
            if (v.validity.to && *v.validity.to < v.validity.from)
                ctx.diags.error("definition.reversed",
                                fmt::format("definition {} of indicator {} ends before it starts",
                                            v.version, ind.id),
                                x->where(d, "valid-to"));
            ind.definitions.push_back(std::move(v));
        }
        ds.indicators.push_back(std::move(ind));
    }
    ds.index();
    for (auto t : root.children("target")) {
        std::string id = t.attribute("indicator").as_string();
        auto idx = ds.indicator_index(id);
        if (!idx) {
            ctx.diags.error(
                "target.unknown-indicator",
                fmt::format("target for indicator '{}', which the programme does not define", id),
                x->where(t, "indicator"));
            continue;
        }
        Target tg;
        tg.year = t.attribute("year").as_int();
        tg.set_in = t.attribute("set-in").as_int();
        std::string_view cmp = t.attribute("comparison").as_string();
        tg.comparison = cmp == "at-most" ? TargetComparison::at_most
                        : cmp == "equal" ? TargetComparison::equal
                                         : TargetComparison::at_least;
        auto unit = unit_attr(ctx, *x, t, "unit");
        auto value = Decimal::parse(t.attribute("value").as_string());
        if (!unit || !value) continue;
        tg.value = {*value, *unit};
        if (auto r = t.attribute("relative-to")) tg.relative_to_year = r.as_int();
        tg.decision = t.attribute("decision").as_string();
        tg.source = ctx.ref(file, x->where(t));
        Indicator& ind = ds.indicators[*idx];
        if (tg.relative_to_year) {
            if (ds.units.get(*unit).id != "%")
                ctx.diags.error("unit.mismatch", "a relative target is stated in %",
                                x->where(t, "unit"));
        } else if (ind.unit != no_unit && !ds.units.factor(*unit, ind.unit)) {
            ctx.diags.error("unit.mismatch",
                            fmt::format("target in '{}' for indicator {} measured in '{}'",
                                        ds.units.get(*unit).id, ind.id, ds.units.get(ind.unit).id),
                            x->where(t, "unit"));
        }
        ind.targets.push_back(tg);
    }
    for (auto r : root.children("restatement")) {
        Restatement rs;
        rs.id = r.attribute("id").as_string();
        rs.indicator = r.attribute("indicator").as_string();
        rs.from_version = r.attribute("from-version").as_string();
        rs.to_version = r.attribute("to-version").as_string();
        rs.effective_year = r.attribute("effective-year").as_int();
        rs.reason = read_local_text(r.child("reason"));
        rs.effect = read_local_text(r.child("effect"));
        rs.source = ctx.ref(file, x->where(r));
        ds.restatements.push_back(std::move(rs));
    }
    for (auto m : root.children("calculation-model"))
        ds.calculation_models.push_back(
            {m.attribute("id").as_string(),
             read_local_text(m.child("name")),
             {date_attr(m, "valid-from"), optional_date_attr(m, "valid-to")},
             ctx.ref(file, x->where(m))});
    if (auto in = root.child("intensity")) {
        ds.denominator_indicator = in.attribute("denominator").as_string();
        ds.denominator_source = ctx.ref(file, x->where(in, "denominator"));
        if (in.attribute("energy")) {
            ds.energy_indicator = in.attribute("energy").as_string();
            ds.energy_source = ctx.ref(file, x->where(in, "energy"));
        }
    }
    if (auto ca = root.child("climate-accounts")) {
        ds.climate_indicator = ca.attribute("indicator").as_string();
        ds.climate_indicator_source = ctx.ref(file, x->where(ca, "indicator"));
        for (auto p : ca.children("post")) {
            std::string_view role = p.attribute("role").as_string();
            ds.climate_posts.push_back({p.attribute("id").as_string(),
                                        read_local_text(p.child("name")),
                                        role == "total"      ? ClimateRole::total
                                        : role == "separate" ? ClimateRole::separate
                                                             : ClimateRole::part,
                                        ctx.ref(file, x->where(p))});
        }
    }
    for (auto a : root.children("action")) {
        Action act;
        act.id = a.attribute("id").as_string();
        act.goals = split_xs_list(a.attribute("goals").as_string());
        act.text = read_local_text(a);
        act.source = ctx.ref(file, x->where(a));
        for (auto r : a.children("reduction")) {
            auto unit = unit_attr(ctx, *x, r, "unit");
            auto value = Decimal::parse(r.child_value());
            if (!unit || !value) continue;
            // 305-5 counts tonnes of CO2e: a reduction in any other kind of unit is a slip.
            auto tonnes = ds.units.find("t CO2e");
            if (tonnes && !ds.units.factor(*unit, *tonnes)) {
                ctx.diags.error("unit.mismatch",
                                fmt::format("action {}: a reduction is a mass of CO2e, not '{}'",
                                            act.id, ds.units.get(*unit).id),
                                x->where(r, "unit"));
                continue;
            }
            act.reductions.push_back({r.attribute("year").as_int(),
                                      {*value, *unit},
                                      split_xs_list(r.attribute("scopes").as_string()),
                                      r.attribute("method").as_string(),
                                      ctx.ref(file, x->where(r))});
        }
        ds.actions.push_back(std::move(act));
    }
}

// What read_programme adds to a dataset, taken back.
class Undo {
  public:
    explicit Undo(Dataset& ds)
        : ds_(ds),
          sources_(ds.sources.size()),
          areas_(ds.areas.size()),
          goals_(ds.goals.size()),
          indicators_(ds.indicators.size()),
          restatements_(ds.restatements.size()),
          models_(ds.calculation_models.size()),
          posts_(ds.climate_posts.size()),
          actions_(ds.actions.size()),
          named_{ds.climate_indicator, ds.denominator_indicator, ds.energy_indicator},
          named_at_{ds.climate_indicator_source, ds.denominator_source, ds.energy_source} {}

    void operator()() const {
        cut(ds_.sources, sources_);
        cut(ds_.areas, areas_);
        cut(ds_.goals, goals_);
        cut(ds_.indicators, indicators_);
        cut(ds_.restatements, restatements_);
        cut(ds_.calculation_models, models_);
        cut(ds_.climate_posts, posts_);
        cut(ds_.actions, actions_);
        ds_.climate_indicator = named_[0];
        ds_.denominator_indicator = named_[1];
        ds_.energy_indicator = named_[2];
        ds_.climate_indicator_source = named_at_[0];
        ds_.denominator_source = named_at_[1];
        ds_.energy_source = named_at_[2];
        ds_.index();
    }

  private:
    template <class V>
    static void cut(V& v, std::size_t size) {
        v.erase(v.begin() + static_cast<std::ptrdiff_t>(size), v.end());
    }
    Dataset& ds_;
    std::size_t sources_, areas_, goals_, indicators_, restatements_, models_, posts_, actions_;
    std::array<std::string, 3> named_;
    std::array<SourceRef, 3> named_at_;
};

}  // namespace

void load_programme(LoadContext& ctx) {
    read_xml(
        ctx.folder, "programme.xml", true, ctx.schema("programme.xsd"), ctx.diags,
        [&](const XmlSource& x) { read_programme(ctx, &x); }, Undo(ctx.ds));
}

void load_narratives(LoadContext& ctx) {
    auto x = load_xml(ctx.folder, "narratives.xml", false, ctx.schema("narratives.xsd"), ctx.diags);
    if (!x) return;
    auto file = ctx.add_source(x->text);
    for (auto n : x->doc->child("narratives").children("narrative")) {
        std::string disclosure = n.attribute("disclosure").as_string();
        std::string topic = n.attribute("topic").as_string();
        for (const auto& prev : ctx.ds.narratives) {
            if (prev.disclosure == disclosure && prev.topic == topic)
                ctx.diags.error(
                    "narrative.duplicate",
                    topic.empty() ? fmt::format("a second narrative for disclosure {}", disclosure)
                                  : fmt::format("a second narrative for disclosure {} and topic {}",
                                                disclosure, topic),
                    x->where(n, "disclosure"));
        }
        ctx.ds.narratives.push_back({disclosure, topic, read_local_text(n),
                                     ctx.ref(file, x->where(n)),
                                     requirement_letters(n.attribute("covers"))});
    }
}

}  // namespace griexport::io
