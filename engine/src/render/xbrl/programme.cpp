// The organisation's own taxonomy and instance: goals (delmål) and indicators (nyckeltal)
// with every observation, target and definition version, in a namespace of the
// organisation's own, self-contained so that it validates offline.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "common.hpp"
#include "griexport/evaluate.hpp"
#include "griexport/render.hpp"
#include "griexport/xbrl.hpp"

namespace griexport {

namespace {

using namespace xbrl;

constexpr const char* schema_file = "programme.xsd";
constexpr const char* label_file = "programme_lab.xml";
constexpr const char* presentation_file = "programme_pre.xml";
constexpr const char* instance_file = "programme.xbrl";

// A concept of the programme taxonomy.
struct Concept {
    std::string name;
    std::string type;  // QName
    bool abstract = false;
    LocalText label;
    std::vector<std::string> children;  // presentation
};

struct Axis {
    std::string name;  // "AreaAxis"
    std::string domain;
    std::string domain_type;  // "xs:token"
    std::string label_key;
};

std::vector<Axis> axes() {
    std::vector<Axis> a;
    for (std::size_t d = 0; d < dimension_count; ++d) {
        std::string n = to_string(static_cast<Dimension>(d));
        std::string upper = n;
        upper[0] = static_cast<char>(upper[0] - 'a' + 'A');
        a.push_back({upper + "Axis", upper + "Domain", "xs:token", "xbrl.axis." + n});
    }
    a.push_back({"DecisionYearAxis", "DecisionYearDomain", "xs:gYear", "xbrl.axis.decision-year"});
    a.push_back({"DefinitionVersionAxis", "DefinitionVersionDomain", "xs:token",
                 "xbrl.axis.definition-version"});
    return a;
}

class Programme {
  public:
    Programme(const Dataset& ds, const Mappings& m, const Labels& sv, const Labels& en)
        : ds_(ds), x_(m.xbrl), sv_(sv), en_(en) {
        ns_ = x_.programme_namespace + ds.organisation.organisation_number;
        p_ = x_.programme_prefix;
    }

    std::vector<XbrlFile> files(Diagnostics& diags) {
        build_concepts();
        std::vector<XbrlFile> out;
        out.push_back({schema_file, "xbrl-schema", schema()});
        out.push_back({label_file, "xbrl-linkbase", labels()});
        out.push_back({presentation_file, "xbrl-linkbase", presentation()});
        out.push_back({instance_file, "xbrl-instance", instance(diags)});
        return out;
    }

  private:
    const Dataset& ds_;
    const XbrlSettings& x_;
    const Labels& sv_;
    const Labels& en_;
    std::string ns_;
    std::string p_;
    std::vector<Concept> concepts_;
    std::map<std::string, std::size_t> index_;

    LocalText label(std::string_view key,
                    std::initializer_list<std::pair<std::string_view, std::string>> args_sv,
                    std::initializer_list<std::pair<std::string_view, std::string>> args_en) {
        return {sv_.get(key, args_sv), en_.get(key, args_en)};
    }

    Concept& add(std::string name, std::string type, bool abstract, LocalText lab) {
        index_[name] = concepts_.size();
        concepts_.push_back({std::move(name), std::move(type), abstract, std::move(lab), {}});
        return concepts_.back();
    }
    Concept& concept_named(const std::string& name) { return concepts_[index_.at(name)]; }

    static std::string indicator_name(const Indicator& i) {
        return "Indicator_" + ncname_part(i.id);
    }

    std::string type_of_unit(UnitId u) const {
        const auto& t = ds_.units.get(u).item_type;
        if (!t.empty() && x_.registry_of(t)) return type_qname(x_, t, p_);
        return "xbrli:decimalItemType";
    }

    void build_concepts() {
        add("Programme", "xbrli:stringItemType", true,
            {sv_.get("xbrl.programme"), en_.get("xbrl.programme")});
        for (const auto& a : ds_.areas) {
            auto name = "Area_" + ncname_part(a.id);
            add(name, "xbrli:stringItemType", true,
                label("xbrl.area", {{"id", a.id}, {"title", a.title.sv}},
                      {{"id", a.id}, {"title", a.title.en}}));
            concept_named("Programme").children.push_back(name);
        }
        for (const auto& g : ds_.goals) {
            auto name = "Goal_" + ncname_part(g.id);
            add(name, "xbrli:stringItemType", true,
                label("xbrl.goal", {{"id", g.id}, {"title", g.title.sv}},
                      {{"id", g.id}, {"title", g.title.en}}));
            auto area = "Area_" + ncname_part(g.area);
            if (index_.contains(area)) concept_named(area).children.push_back(name);
        }
        for (const auto& ind : ds_.indicators) {
            auto name = indicator_name(ind);
            add(name, type_of_unit(ind.unit), false,
                label("xbrl.indicator", {{"id", ind.id}, {"name", ind.name.sv}},
                      {{"id", ind.id}, {"name", ind.name.en}}));
            auto goal = "Goal_" + ncname_part(ind.goal);
            if (index_.contains(goal)) concept_named(goal).children.push_back(name);
            bool absolute = false, relative = false;
            for (const auto& t : ind.targets) (t.relative_to_year ? relative : absolute) = true;
            if (absolute) {
                add(name + "_Target", type_of_unit(ind.unit), false,
                    label("xbrl.target", {{"id", ind.id}}, {{"id", ind.id}}));
                concept_named(name).children.push_back(name + "_Target");
            }
            if (relative) {
                add(name + "_TargetChange", type_qname(x_, "percentItemType", p_), false,
                    label("xbrl.target-change", {{"id", ind.id}}, {{"id", ind.id}}));
                concept_named(name).children.push_back(name + "_TargetChange");
            }
            if (!ind.definitions.empty()) {
                add(name + "_Definition", "xbrli:stringItemType", false,
                    label("xbrl.definition", {{"id", ind.id}}, {{"id", ind.id}}));
                concept_named(name).children.push_back(name + "_Definition");
            }
        }
    }

    std::string role_uri() const { return ns_ + "/role/programme"; }

    std::string schema() {
        std::string out;
        XmlWriter w(out);
        w.declaration();
        w.comment(
            fmt::format("The sustainability programme of {} as an XBRL taxonomy, written "
                        "by griexport.",
                        ds_.organisation.name.sv));
        open_taxonomy_schema(w, x_, p_, ns_, [&](XmlWriter& info) {
            info.open("link:roleType", {{"roleURI", role_uri()}, {"id", "programme"}});
            info.leaf("link:definition", en_.get("xbrl.programme"));
            info.leaf("link:usedOn", "link:presentationLink");
            info.close();
            for (const auto& [file, role] :
                 {std::pair{label_file, "http://www.xbrl.org/2003/role/labelLinkbaseRef"},
                  std::pair{presentation_file,
                            "http://www.xbrl.org/2003/role/presentationLinkbaseRef"}})
                info.empty("link:linkbaseRef",
                           {{"xlink:type", "simple"},
                            {"xlink:href", file},
                            {"xlink:role", role},
                            {"xlink:arcrole", "http://www.w3.org/1999/xlink/properties/linkbase"}});
        });
        for (const auto& c : concepts_) {
            std::vector<std::pair<std::string, std::string>> a{{"name", c.name},
                                                               {"id", p_ + "_" + c.name},
                                                               {"type", c.type},
                                                               {"substitutionGroup", "xbrli:item"},
                                                               {"xbrli:periodType", "duration"},
                                                               {"nillable", "true"}};
            if (c.abstract) a.emplace_back("abstract", "true");
            w.empty("xs:element", a);
        }
        for (const auto& ax : axes())
            write_typed_dimension(w, p_, ax.name, ax.domain, ax.domain_type);
        w.close();
        return out;
    }

    static void linkbase_open(XmlWriter& w) {
        w.declaration();
        w.open("link:linkbase", {{"xmlns:link", "http://www.xbrl.org/2003/linkbase"},
                                 {"xmlns:xlink", "http://www.w3.org/1999/xlink"},
                                 {"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"},
                                 {"xsi:schemaLocation",
                                  "http://www.xbrl.org/2003/linkbase "
                                  "http://www.xbrl.org/2003/xbrl-linkbase-2003-12-31.xsd"}});
    }

    void locator(XmlWriter& w, const std::string& name) const {
        w.empty("link:loc", {{"xlink:type", "locator"},
                             {"xlink:href", std::string(schema_file) + "#" + p_ + "_" + name},
                             {"xlink:label", "loc_" + name}});
    }

    std::string labels() {
        std::string out;
        XmlWriter w(out);
        linkbase_open(w);
        w.open("link:labelLink",
               {{"xlink:type", "extended"}, {"xlink:role", "http://www.xbrl.org/2003/role/link"}});
        auto emit = [&](const std::string& name, const LocalText& text) {
            locator(w, name);
            for (const auto& [lang, value] : {std::pair{"sv", text.sv}, std::pair{"en", text.en}})
                w.leaf("link:label", value,
                       {{"xlink:type", "resource"},
                        {"xlink:label", "lab_" + name},
                        {"xlink:role", "http://www.xbrl.org/2003/role/label"},
                        {"xml:lang", lang}});
            w.empty("link:labelArc",
                    {{"xlink:type", "arc"},
                     {"xlink:arcrole", "http://www.xbrl.org/2003/arcrole/concept-label"},
                     {"xlink:from", "loc_" + name},
                     {"xlink:to", "lab_" + name}});
        };
        for (const auto& c : concepts_) emit(c.name, c.label);
        for (const auto& ax : axes()) {
            LocalText axis{sv_.get(ax.label_key), en_.get(ax.label_key)};
            emit(ax.name, axis);
            emit(ax.domain, {sv_.get("xbrl.domain", {{"axis", axis.sv}}),
                             en_.get("xbrl.domain", {{"axis", axis.en}})});
        }
        w.close();
        w.close();
        return out;
    }

    std::string presentation() {
        std::string out;
        XmlWriter w(out);
        linkbase_open(w);
        w.empty("link:roleRef", {{"roleURI", role_uri()},
                                 {"xlink:type", "simple"},
                                 {"xlink:href", std::string(schema_file) + "#programme"}});
        w.open("link:presentationLink", {{"xlink:type", "extended"}, {"xlink:role", role_uri()}});
        for (const auto& c : concepts_) locator(w, c.name);
        for (const auto& c : concepts_) {
            int order = 0;
            for (const auto& child : c.children)
                w.empty("link:presentationArc",
                        {{"xlink:type", "arc"},
                         {"xlink:arcrole", "http://www.xbrl.org/2003/arcrole/parent-child"},
                         {"xlink:from", "loc_" + c.name},
                         {"xlink:to", "loc_" + child},
                         {"order", std::to_string(++order)}});
        }
        w.close();
        w.close();
        return out;
    }

    std::string instance(Diagnostics& diags) {
        const Organisation& o = ds_.organisation;
        auto entity = entity_of(o, x_);
        auto ns = base_namespaces();
        ns.emplace_back(p_, ns_);
        std::string out;
        InstanceStream b(out, ns, schema_file,
                         {fmt::format("The sustainability programme of {}: every observation, "
                                      "target and definition version, written by griexport.",
                                      o.name.sv)},
                         InstanceChecker(constrained_types(ds_.units), instance_file), diags);
        const auto ax = axes();
        std::string q = p_ + ":";
        auto ctx = [&](const Date& s, const Date& e, const std::vector<TypedMember>& dims) {
            return b.duration(entity.scheme, entity.identifier, s, e, dims);
        };
        auto numeric = [&](const std::string& concept_name, const std::string& type,
                           const std::string& context, const Quantity& v, int precision) {
            auto xv = xbrl_value(ds_.units, v, precision);
            auto local_type = type.substr(type.find(':') + 1);
            b.fact({q + concept_name, local_type, "duration", true, context,
                    b.unit(xv.measure, xv.item_types), xv.value, xv.decimals, ""});
        };
        // Observations grouped by indicator in one pass, so a million rows stay linear.
        std::vector<std::vector<std::uint32_t>> by_indicator(ds_.indicators.size());
        for (std::uint32_t i = 0; i < ds_.observations.size(); ++i)
            by_indicator[ds_.observations[i].indicator].push_back(i);
        for (std::uint32_t ii = 0; ii < ds_.indicators.size(); ++ii) {
            const Indicator& ind = ds_.indicators[ii];
            auto name = indicator_name(ind);
            const Concept& c = concepts_[index_.at(name)];
            auto& rows = by_indicator[ii];
            std::stable_sort(rows.begin(), rows.end(), [&](auto a, auto b2) {
                const auto& oa = ds_.observations[a];
                const auto& ob = ds_.observations[b2];
                if (oa.year != ob.year) return oa.year < ob.year;
                for (std::size_t d = 0; d < dimension_count; ++d)
                    if (oa.dimensions[d] != ob.dimensions[d])
                        return ds_.dimension_value(oa.dimensions[d]) <
                               ds_.dimension_value(ob.dimensions[d]);
                return false;
            });
            for (auto oi : rows) {
                const auto& obs = ds_.observations[oi];
                std::vector<TypedMember> dims;
                for (std::size_t d = 0; d < dimension_count; ++d)
                    if (obs.dimensions[d])
                        dims.push_back({q + ax[d].name, q + ax[d].domain,
                                        ds_.dimension_value(obs.dimensions[d])});
                auto [s, e] = period_of_year(o, obs.year);
                numeric(name, c.type, ctx(s, e, dims), obs.value, ind.precision);
            }
            for (const auto& t : ind.targets) {
                std::vector<TypedMember> dims{
                    {q + "DecisionYearAxis", q + "DecisionYearDomain", std::to_string(t.set_in)}};
                if (t.relative_to_year) {
                    numeric(name + "_TargetChange", type_qname(x_, "percentItemType", p_),
                            ctx(Date::first_of_year(*t.relative_to_year),
                                Date::last_of_year(t.year), dims),
                            t.value, std::max(t.value.value.scale(), 0));
                } else {
                    auto [s, e] = period_of_year(o, t.year);
                    numeric(name + "_Target", c.type, ctx(s, e, dims), t.value,
                            std::max(ind.precision, t.value.value.scale()));
                }
            }
            for (const auto& d : ind.definitions) {
                Date end = d.validity.to.value_or(o.reporting_period.to.value_or(d.validity.from));
                if (end < d.validity.from) end = Date::last_of_year(d.validity.from.year);
                auto context =
                    ctx(d.validity.from, end,
                        {{q + "DefinitionVersionAxis", q + "DefinitionVersionDomain", d.version}});
                for (const auto& lang : o.languages)
                    if (!d.text.in(lang).empty())
                        b.fact({q + name + "_Definition", "stringItemType", "duration", false,
                                context, "", d.text.in(lang), 0, lang});
            }
        }
        b.finish();
        return out;
    }
};

}  // namespace

std::vector<XbrlFile> programme_xbrl(const Dataset& ds, const Mappings& m, const Labels& sv,
                                     const Labels& en, Diagnostics& diags) {
    return Programme(ds, m, sv, en).files(diags);
}

}  // namespace griexport
