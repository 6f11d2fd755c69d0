// The organisation's own taxonomy and instance: goals (delmål) and indicators (nyckeltal)
// with every observation, target and definition version, in a namespace of the
// organisation's own, self-contained so that it validates offline.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <functional>
#include <future>
#include <map>
#include <set>
#include <span>
#include <unordered_set>

#include "../../rules/evaluator.hpp"
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
constexpr const char* definition_file = "programme_def.xml";
constexpr const char* instance_file = "programme.xbrl";

// What a concept stands for, which says its label: the labels are made when the label
// linkbase is written, not held (a million observations' 320 000 concepts held 60 MB of
// them through the instance's writing).
enum class Stands : std::uint8_t {
    programme,
    area,           // item: index into Dataset::areas
    goal,           // Dataset::goals
    indicator,      // Dataset::indicators
    target,         // the indicator's absolute targets
    target_change,  // its targets relative to a year
    definition,     // its definition versions
    apart,          // Dataset::climate_posts: a post reported apart from the climate indicator
};

// A concept of the programme taxonomy.
struct Concept {
    std::string_view name;              // in Programme::names_
    const std::string* type = nullptr;  // QName, one of Programme::types_
    bool abstract = false;
    Stands stands = Stands::programme;
    std::uint32_t item = 0;
    std::vector<std::uint32_t> children{};  // presentation: indices into the concepts
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
    using Spill = std::function<void(std::string&)>;

    Programme(const Dataset& ds, const Mappings& m, const Labels& sv, const Labels& en)
        : ds_(ds), x_(m.xbrl), sv_(sv), en_(en) {
        ns_ = x_.programme_namespace + ds.organisation.organisation_number;
        p_ = x_.programme_prefix;
        q_ = p_ + ":";
    }

    void files(Diagnostics& diags, InstanceRecord* record, const OpenFile& open) {
        build_concepts();
        // Ids that differ only in characters an XBRL name cannot hold ("3.11", "3_11") give
        // one concept name: the schema would declare the element twice, and the taxonomy and
        // every instance using it would be invalid.
        for (const auto& [name, from] : clashes_)
            diags.error("xbrl.concept-clash",
                        fmt::format("the item here becomes the XBRL concept {}{}, which another "
                                    "item of the programme already is: ids that differ only in "
                                    "characters an XBRL name cannot hold (written as '_') "
                                    "name one concept; rename one of them",
                                    q_, name),
                        ds_.location(from));
        collect_shapes();
        indicator_types_.reserve(ds_.indicators.size());
        for (const auto& name : indicator_names_)
            indicator_types_.push_back(concepts_[index_.at(name)].type);
        // The files are opened and closed here, in this order, whatever thread writes them:
        // the output set lists them in the order they close.
        std::array<FileSink, 5> sinks{
            open(schema_file, "xbrl-schema"), open(label_file, "xbrl-linkbase"),
            open(presentation_file, "xbrl-linkbase"), open(definition_file, "xbrl-linkbase"),
            open(instance_file, "xbrl-instance")};
        // Each file goes to its sink in pieces while it is written, the rest at its end.
        auto write = [](FileSink& sink, auto&& make) {
            Spill spill = [&](std::string& piece) {
                sink.write(piece);
                piece.clear();
            };
            sink.write(make(spill));
        };
        // The taxonomy (a third of a large build's bytes) is written on a thread of its own
        // while the instance is written here: the writers only read the concepts, and the
        // Inline XBRL supplement after them needs only the instance.
        // A small programme's (a batch's) is written afterwards here: no thread to start.
        auto taxonomy = std::async(
            ds_.observations.size() >= 10000 ? std::launch::async : std::launch::deferred, [&] {
                write(sinks[0], [&](const Spill& sp) { return schema(sp); });
                write(sinks[1], [&](const Spill& sp) { return labels(sp); });
                write(sinks[2], [&](const Spill& sp) { return presentation(sp); });
                write(sinks[3], [&](const Spill& sp) { return definitions(sp); });
                // The instance needs none of the taxonomy's concepts (see indicator_types_).
                std::vector<Concept>().swap(concepts_);
                decltype(index_)().swap(index_);
                names_ = TextBlocks();
                decltype(shapes_)().swap(shapes_);
            });
        write(sinks[4], [&](const Spill& sp) { return instance(diags, record, sp); });
        taxonomy.get();
        for (auto& sink : sinks) sink.done();
    }

  private:
    const Dataset& ds_;
    const XbrlSettings& x_;
    const Labels& sv_;
    const Labels& en_;
    std::string ns_;
    std::string p_;
    std::vector<Concept> concepts_;
    // The concepts' names (kept once, in blocks) and the index that finds a concept by
    // name: as strings in the concepts and in a sorted map's keys, a million observations'
    // 320 000 concepts took 91 MB, held beside both PDFs' drawing.
    TextBlocks names_;
    std::unordered_map<std::string_view, std::uint32_t> index_;
    // The type of each indicator's concept, which is all the instance asks of the concepts:
    // they go when the taxonomy is written, while the instance may still be being written.
    std::vector<const std::string*> indicator_types_;
    std::set<std::string, std::less<>> types_;                // the concepts' types, each held once
    std::vector<std::pair<std::string, SourceRef>> clashes_;  // a name given twice, and where
    const std::vector<Axis> axes_ = axes();  // built once: place() runs per observation
    std::string q_;                          // "prog:"
    // The climate accounts' posts reported apart from their indicator (capital
    // investments), by the source row of their entries: such rows are facts of a concept
    // of their own, so that summing the indicator's members never includes them.
    struct Apart {
        std::string concept_name;
        std::string post;
    };
    std::map<std::pair<std::uint32_t, std::uint32_t>, Apart> apart_;
    // Each set of dimensions facts use (axis names, in axes() order) and the concepts
    // that use it: one closed hypercube per set in the definition linkbase.
    struct Shape {
        std::vector<std::string> users;        // in first-use order, for stable output
        std::unordered_set<std::string> seen;  // a search of `users` made 1 M rows quadratic
    };
    std::map<std::vector<std::string>, Shape> shapes_;

    struct Placed {
        std::string concept_name;
        std::vector<TypedMember> dims;
    };

    // The concept and dimensions of an observation's fact, into `out`: reused from one
    // observation to the next, its strings and vector keep their room (a million facts each
    // allocated a dozen strings here).
    void place(const Observation& obs, Placed& out) const {
        const Indicator& ind = ds_.indicators[obs.indicator];
        const auto& ax = axes_;
        const std::string& q = q_;
        std::size_t n = 0;
        auto add = [&](std::string_view axis, std::string_view domain, std::string_view value) {
            if (out.dims.size() == n) out.dims.emplace_back();
            TypedMember& d = out.dims[n++];
            d.dimension.assign(q).append(axis);
            d.element.assign(q).append(domain);
            d.value.assign(value);
        };
        auto apart =
            apart_.empty() ? apart_.end() : apart_.find({obs.origin.file, obs.origin.line});
        out.concept_name =
            apart != apart_.end() ? apart->second.concept_name : indicator_names_[obs.indicator];
        for (std::size_t d = 0; d < dimension_count; ++d) {
            if (!obs.dimensions[d]) continue;
            // The post's own concept says which post it is.
            if (apart != apart_.end() &&
                ds_.dimension_value(obs.dimensions[d]) == apart->second.post)
                continue;
            add(ax[d].name, ax[d].domain, ds_.dimension_value(obs.dimensions[d]));
        }
        // A value means what its definition said that year: 3.11 in 2020 is not 3.11 in 2021.
        if (obs.restated_as)
            add("DefinitionVersionAxis", "DefinitionVersionDomain",
                ds_.dimension_value(obs.restated_as));
        else if (const auto* def = rules::definition_for_year(ind, obs.year))
            add("DefinitionVersionAxis", "DefinitionVersionDomain", def->version);
        out.dims.resize(n);
    }

    void note_shape(const std::string& concept_name, const std::vector<TypedMember>& dims) {
        // Consecutive observations mostly share their concept and axes: those are noted once.
        shape_key_.resize(dims.size());
        for (std::size_t i = 0; i < dims.size(); ++i) {
            std::string_view a = dims[i].dimension;
            shape_key_[i].assign(a.substr(a.find(':') + 1));
        }
        if (concept_name == last_shape_user_ && shape_key_ == last_shape_key_) return;
        auto& shape = shapes_[shape_key_];
        if (shape.seen.insert(concept_name).second) shape.users.push_back(concept_name);
        last_shape_user_ = concept_name;
        last_shape_key_ = shape_key_;
    }
    std::vector<std::string> shape_key_, last_shape_key_;  // note_shape's, kept for their room
    // Each indicator's concept name, made once: place() runs twice per observation.
    std::vector<std::string> indicator_names_;
    std::string last_shape_user_;

    void collect_shapes() {
        indicator_names_.reserve(ds_.indicators.size());
        for (const auto& ind : ds_.indicators) indicator_names_.push_back(indicator_name(ind));
        Placed placed;
        for (const auto& obs : ds_.observations) {
            place(obs, placed);
            note_shape(placed.concept_name, placed.dims);
        }
        std::string q = p_ + ":";
        for (const auto& ind : ds_.indicators) {
            auto name = indicator_name(ind);
            std::vector<TypedMember> decision{{q + "DecisionYearAxis", "", ""}};
            for (const auto& t : ind.targets)
                note_shape(name + (t.relative_to_year ? "_TargetChange" : "_Target"), decision);
            if (!ind.definitions.empty())
                note_shape(name + "_Definition", {{q + "DefinitionVersionAxis", "", ""}});
        }
    }

    static std::string shape_id(const std::vector<std::string>& axes_used) {
        std::string id = "Shape";
        for (const auto& a : axes_used)
            id += fmt::format("_{}", std::string_view(a).substr(0, a.size() - 4));  // "…Axis"
        return axes_used.empty() ? "Shape_None" : id;
    }
    std::string shape_role(const std::vector<std::string>& axes_used) const {
        return ns_ + "/role/" + shape_id(axes_used);
    }

    LocalText label(std::string_view key,
                    std::initializer_list<std::pair<std::string_view, std::string>> args_sv,
                    std::initializer_list<std::pair<std::string_view, std::string>> args_en) const {
        return {sv_.get(key, args_sv), en_.get(key, args_en)};
    }

    // The label of what a concept stands for, in both languages.
    LocalText label_of(const Concept& c) const {
        switch (c.stands) {
            case Stands::programme:
                return {sv_.get("xbrl.programme"), en_.get("xbrl.programme")};
            case Stands::area: {
                const auto& a = ds_.areas[c.item];
                return label("xbrl.area", {{"id", a.id}, {"title", a.title.sv}},
                             {{"id", a.id}, {"title", a.title.en}});
            }
            case Stands::goal: {
                const auto& g = ds_.goals[c.item];
                return label("xbrl.goal", {{"id", g.id}, {"title", g.title.sv}},
                             {{"id", g.id}, {"title", g.title.en}});
            }
            case Stands::indicator: {
                const auto& ind = ds_.indicators[c.item];
                return label("xbrl.indicator", {{"id", ind.id}, {"name", ind.name.sv}},
                             {{"id", ind.id}, {"name", ind.name.en}});
            }
            case Stands::target:
            case Stands::target_change:
            case Stands::definition: {
                const auto& id = ds_.indicators[c.item].id;
                const char* key = c.stands == Stands::target          ? "xbrl.target"
                                  : c.stands == Stands::target_change ? "xbrl.target-change"
                                                                      : "xbrl.definition";
                return label(key, {{"id", id}}, {{"id", id}});
            }
            case Stands::apart: {
                const Indicator* climate = ds_.find_indicator(ds_.climate_indicator);
                const auto& post = ds_.climate_posts[c.item];
                return label("xbrl.apart", {{"id", climate->id}, {"post", post.name.sv}},
                             {{"id", climate->id}, {"post", post.name.en}});
            }
        }
        return {};
    }

    // `from`: the programme's item the concept stands for, whose place a clash names.
    std::uint32_t add(std::string name, std::string_view type, bool abstract, Stands stands,
                      std::uint32_t item, const SourceRef* from = nullptr) {
        // One clash reported per item (its target and definition concepts clash with it).
        if (from && index_.contains(name) &&
            (clashes_.empty() || clashes_.back().second.file != from->file ||
             clashes_.back().second.line != from->line))
            clashes_.emplace_back(name, *from);
        auto at = static_cast<std::uint32_t>(concepts_.size());
        std::string_view kept = names_.keep(name);
        index_[kept] = at;
        auto t = types_.find(type);
        if (t == types_.end()) t = types_.emplace(type).first;
        concepts_.push_back({kept, &*t, abstract, stands, item});
        return at;
    }
    Concept& concept_named(std::string_view name) { return concepts_[index_.at(name)]; }
    // How many concepts build_concepts() adds, so that their vector is made once: doubling
    // its way to a large programme's 320 000 it kept a third of its room empty.
    std::size_t concept_count() const {
        std::size_t n = 1 + ds_.areas.size() + ds_.goals.size() + ds_.indicators.size();
        for (const auto& ind : ds_.indicators) {
            auto [absolute, relative] = target_kinds(ind);
            n += absolute + relative + !ind.definitions.empty();
        }
        if (ds_.find_indicator(ds_.climate_indicator))
            for (const auto& post : ds_.climate_posts) n += post.role == ClimateRole::separate;
        return n;
    }

    // Whether an indicator has absolute targets, and targets relative to a year: a concept
    // each.
    static std::pair<bool, bool> target_kinds(const Indicator& ind) {
        bool absolute = false, relative = false;
        for (const auto& t : ind.targets) (t.relative_to_year ? relative : absolute) = true;
        return {absolute, relative};
    }

    static std::string indicator_name(const Indicator& i) {
        return "Indicator_" + ncname_part(i.id);
    }

    std::string type_of_unit(UnitId u) const {
        const auto& t = ds_.units.get(u).item_type;
        if (!t.empty() && x_.registry_of(t)) return type_qname(x_, t, p_);
        return "xbrli:decimalItemType";
    }

    void build_concepts() {
        concepts_.reserve(concept_count());
        index_.reserve(concepts_.capacity());
        // A child is the concept last added under its name (as the presentation linkbase
        // names it, a clash gives the same locator either way).
        auto under = [&](const std::string& parent, std::uint32_t child) {
            concept_named(parent).children.push_back(child);
        };
        add("Programme", "xbrli:stringItemType", true, Stands::programme, 0);
        for (std::uint32_t i = 0; i < ds_.areas.size(); ++i) {
            const auto& a = ds_.areas[i];
            auto name = "Area_" + ncname_part(a.id);
            under("Programme", add(name, "xbrli:stringItemType", true, Stands::area, i, &a.source));
        }
        for (std::uint32_t i = 0; i < ds_.goals.size(); ++i) {
            const auto& g = ds_.goals[i];
            auto name = "Goal_" + ncname_part(g.id);
            auto at = add(name, "xbrli:stringItemType", true, Stands::goal, i, &g.source);
            auto area = "Area_" + ncname_part(g.area);
            if (index_.contains(area)) under(area, at);
        }
        for (std::uint32_t i = 0; i < ds_.indicators.size(); ++i) {
            const auto& ind = ds_.indicators[i];
            auto name = indicator_name(ind);
            auto at = add(name, type_of_unit(ind.unit), false, Stands::indicator, i, &ind.source);
            auto goal = "Goal_" + ncname_part(ind.goal);
            if (index_.contains(goal)) under(goal, at);
            auto [absolute, relative] = target_kinds(ind);
            if (absolute)
                under(name, add(name + "_Target", type_of_unit(ind.unit), false, Stands::target, i,
                                &ind.source));
            if (relative)
                under(name, add(name + "_TargetChange", type_qname(x_, "percentItemType", p_),
                                false, Stands::target_change, i, &ind.source));
            if (!ind.definitions.empty())
                under(name, add(name + "_Definition", "xbrli:stringItemType", false,
                                Stands::definition, i, &ind.source));
        }
        // Posts the climate accounts report apart: a concept each, under the goal, not the
        // indicator, whose definition leaves them out.
        const Indicator* climate = ds_.find_indicator(ds_.climate_indicator);
        for (std::uint32_t i = 0; i < ds_.climate_posts.size(); ++i) {
            const auto& post = ds_.climate_posts[i];
            if (post.role != ClimateRole::separate || !climate) continue;
            auto name = indicator_name(*climate) + "_Apart_" + ncname_part(post.id);
            auto at = add(name, type_of_unit(climate->unit), false, Stands::apart, i, &post.source);
            auto goal = "Goal_" + ncname_part(climate->goal);
            if (index_.contains(goal)) under(goal, at);
            for (const auto& e : ds_.climate_entries)
                if (e.post == post.id) apart_[{e.origin.file, e.origin.line}] = {name, post.id};
        }
    }

    std::string role_uri() const { return ns_ + "/role/programme"; }

    std::string schema(const Spill& spill) const {
        std::string out;
        XmlWriter w(out);
        if (spill) w.spill_to(spill);
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
            for (const auto& [axes_used, shape] : shapes_) {
                info.open("link:roleType",
                          {{"roleURI", shape_role(axes_used)}, {"id", shape_id(axes_used)}});
                info.leaf("link:definition", "Facts with the dimensions of " + shape_id(axes_used));
                info.leaf("link:usedOn", "link:definitionLink");
                info.close();
            }
            for (const auto& [file, role] :
                 {std::pair{label_file, "http://www.xbrl.org/2003/role/labelLinkbaseRef"},
                  std::pair{presentation_file,
                            "http://www.xbrl.org/2003/role/presentationLinkbaseRef"},
                  std::pair{definition_file,
                            "http://www.xbrl.org/2003/role/definitionLinkbaseRef"}})
                info.empty("link:linkbaseRef",
                           {{"xlink:type", "simple"},
                            {"xlink:href", file},
                            {"xlink:role", role},
                            {"xlink:arcrole", "http://www.w3.org/1999/xlink/properties/linkbase"}});
        });
        std::string concept_id;  // reused: 320 000 concepts each made seven strings here
        for (const auto& c : concepts_) {
            concept_id.assign(p_).append("_").append(c.name);
            const std::pair<std::string_view, std::string_view> attrs[] = {
                {"name", c.name},
                {"id", concept_id},
                {"type", *c.type},
                {"substitutionGroup", "xbrli:item"},
                {"xbrli:periodType", "duration"},
                {"nillable", "true"},
                {"abstract", "true"}};  // the last only for an abstract concept
            w.empty("xs:element", std::span(attrs, c.abstract ? 7 : 6));
        }
        for (const auto& ax : axes())
            write_typed_dimension(w, p_, ax.name, ax.domain, ax.domain_type);
        for (const auto& [axes_used, shape] : shapes_) {
            std::string id = shape_id(axes_used);
            w.empty("xs:element", {{"name", id + "_Hypercube"},
                                   {"id", p_ + "_" + id + "_Hypercube"},
                                   {"type", "xbrli:stringItemType"},
                                   {"substitutionGroup", "xbrldt:hypercubeItem"},
                                   {"abstract", "true"},
                                   {"nillable", "true"},
                                   {"xbrli:periodType", "duration"}});
            w.empty("xs:element", {{"name", id + "_LineItems"},
                                   {"id", p_ + "_" + id + "_LineItems"},
                                   {"type", "xbrli:stringItemType"},
                                   {"substitutionGroup", "xbrli:item"},
                                   {"abstract", "true"},
                                   {"nillable", "true"},
                                   {"xbrli:periodType", "duration"}});
        }
        w.close();
        return out;
    }

    // One closed hypercube per set of dimensions in use, each in a role of its own: XBRL
    // Dimensions then accepts a fact only with exactly the dimensions one of its concept's
    // hypercubes lists, so a value moved into a dimension its indicator never has fails.
    std::string definitions(const Spill& spill) const {
        std::string out;
        XmlWriter w(out);
        if (spill) w.spill_to(spill);
        w.declaration();
        w.open("link:linkbase", {{"xmlns:link", "http://www.xbrl.org/2003/linkbase"},
                                 {"xmlns:xlink", "http://www.w3.org/1999/xlink"},
                                 {"xmlns:xbrldt", "http://xbrl.org/2005/xbrldt"},
                                 {"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"},
                                 {"xsi:schemaLocation",
                                  "http://www.xbrl.org/2003/linkbase "
                                  "http://www.xbrl.org/2003/xbrl-linkbase-2003-12-31.xsd"}});
        for (const char* arcrole : {"all", "hypercube-dimension", "domain-member"})
            w.empty("link:arcroleRef",
                    {{"arcroleURI", std::string("http://xbrl.org/int/dim/arcrole/") + arcrole},
                     {"xlink:type", "simple"},
                     {"xlink:href",
                      std::string("http://www.xbrl.org/2005/xbrldt-2005.xsd#") + arcrole}});
        for (const auto& [axes_used, shape] : shapes_)
            w.empty("link:roleRef",
                    {{"roleURI", shape_role(axes_used)},
                     {"xlink:type", "simple"},
                     {"xlink:href", std::string(schema_file) + "#" + shape_id(axes_used)}});
        // An arc's attributes made in buffers kept for their room: a large programme's
        // hypercubes have hundreds of thousands of members.
        std::string arcrole_uri, from_label, to_label, order_text;
        auto arc_ends = [&](const char* arcrole, std::string_view from, std::string_view to) {
            arcrole_uri.assign("http://xbrl.org/int/dim/arcrole/").append(arcrole);
            from_label.assign("loc_").append(from);
            to_label.assign("loc_").append(to);
        };
        auto ordered_arc = [&](const char* arcrole, std::string_view from, std::string_view to,
                               int order) {
            arc_ends(arcrole, from, to);
            order_text = std::to_string(order);
            w.empty("link:definitionArc", {{"xlink:type", "arc"},
                                           {"xlink:arcrole", arcrole_uri},
                                           {"xlink:from", from_label},
                                           {"xlink:to", to_label},
                                           {"order", order_text}});
        };
        for (const auto& [axes_used, shape] : shapes_) {
            std::string id = shape_id(axes_used);
            w.open("link:definitionLink",
                   {{"xlink:type", "extended"}, {"xlink:role", shape_role(axes_used)}});
            locator(w, id + "_LineItems");
            locator(w, id + "_Hypercube");
            for (const auto& a : axes_used) locator(w, a);
            for (const auto& c : shape.users) locator(w, c);
            arc_ends("all", id + "_LineItems", id + "_Hypercube");
            w.empty("link:definitionArc", {{"xlink:type", "arc"},
                                           {"xlink:arcrole", arcrole_uri},
                                           {"xlink:from", from_label},
                                           {"xlink:to", to_label},
                                           {"xbrldt:closed", "true"},
                                           {"xbrldt:contextElement", "segment"}});
            int order = 0;
            for (const auto& a : axes_used)
                ordered_arc("hypercube-dimension", id + "_Hypercube", a, ++order);
            order = 0;
            const std::string line_items = id + "_LineItems";
            for (const auto& c : shape.users) ordered_arc("domain-member", line_items, c, ++order);
            w.close();
        }
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

    void locator(XmlWriter& w, std::string_view name) const {
        // Made in buffers kept per thread: the linkbases hold a million locators.
        thread_local std::string href, label;
        href.assign(schema_file).append("#").append(p_).append("_").append(name);
        label.assign("loc_").append(name);
        w.empty("link:loc",
                {{"xlink:type", "locator"}, {"xlink:href", href}, {"xlink:label", label}});
    }

    std::string labels(const Spill& spill) const {
        std::string out;
        XmlWriter w(out);
        if (spill) w.spill_to(spill);
        linkbase_open(w);
        w.open("link:labelLink",
               {{"xlink:type", "extended"}, {"xlink:role", "http://www.xbrl.org/2003/role/link"}});
        std::string lab, loc;  // reused: a large programme has 320 000 concepts
        auto emit = [&](std::string_view name, const LocalText& text) {
            locator(w, name);
            lab.assign("lab_").append(name);
            loc.assign("loc_").append(name);
            for (const auto& [lang, value] :
                 {std::pair<const char*, const std::string&>{"sv", text.sv},
                  std::pair<const char*, const std::string&>{"en", text.en}})
                w.leaf("link:label", value,
                       {{"xlink:type", "resource"},
                        {"xlink:label", lab},
                        {"xlink:role", "http://www.xbrl.org/2003/role/label"},
                        {"xml:lang", lang}});
            w.empty("link:labelArc",
                    {{"xlink:type", "arc"},
                     {"xlink:arcrole", "http://www.xbrl.org/2003/arcrole/concept-label"},
                     {"xlink:from", loc},
                     {"xlink:to", lab}});
        };
        for (const auto& c : concepts_) emit(c.name, label_of(c));
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

    std::string presentation(const Spill& spill) const {
        std::string out;
        XmlWriter w(out);
        if (spill) w.spill_to(spill);
        linkbase_open(w);
        w.empty("link:roleRef", {{"roleURI", role_uri()},
                                 {"xlink:type", "simple"},
                                 {"xlink:href", std::string(schema_file) + "#programme"}});
        w.open("link:presentationLink", {{"xlink:type", "extended"}, {"xlink:role", role_uri()}});
        for (const auto& c : concepts_) locator(w, c.name);
        std::string from, to, order_text;  // reused: a large programme has 320 000 arcs
        for (const auto& c : concepts_) {
            int order = 0;
            from.assign("loc_").append(c.name);
            for (auto child : c.children) {
                to.assign("loc_").append(concepts_[child].name);
                order_text = std::to_string(++order);
                w.empty("link:presentationArc",
                        {{"xlink:type", "arc"},
                         {"xlink:arcrole", "http://www.xbrl.org/2003/arcrole/parent-child"},
                         {"xlink:from", from},
                         {"xlink:to", to},
                         {"order", order_text}});
            }
        }
        w.close();
        w.close();
        return out;
    }

    std::string instance(Diagnostics& diags, InstanceRecord* record, const Spill& spill) const {
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
        if (spill) b.spill_to(spill);
        b.preliminary_note(preliminary_note(o, x_));
        if (record) {
            b.record_into(record);
            // Its size known, the record grows once: a million facts doubling their way
            // there would hold both the old and the new array at each step.
            std::size_t facts = ds_.observations.size();
            for (const auto& ind : ds_.indicators)
                facts += ind.targets.size() + ind.definitions.size() * o.languages.size();
            record->facts.reserve(record->facts.size() + facts);
        }
        const auto ax = axes();
        std::string q = p_ + ":";
        auto ctx = [&](const Date& s, const Date& e,
                       const std::vector<TypedMember>& dims) -> const std::string& {
            return b.duration(entity.scheme, entity.identifier, s, e, dims);
        };
        // One fact, its strings reused from fact to fact; each unit's measure and reference
        // found once (a million facts each searched the unit registry).
        xbrl::Fact f;
        f.period_type = "duration";
        std::vector<std::string> unit_refs(ds_.units.size());
        auto numeric = [&](std::string_view concept_name, const std::string& type,
                           const std::string& context, const Quantity& v, int precision,
                           std::string_view source, bool preliminary = false) {
            auto number = xbrl_number(ds_.units, v, precision);
            std::string& unit = unit_refs.at(v.unit);
            if (unit.empty()) {
                auto measure = xbrl_measure(ds_.units, v.unit);
                unit = b.unit(measure.measure, measure.item_types);
            }
            f.concept_name.assign(q).append(concept_name);
            f.item_type.assign(std::string_view(type).substr(type.find(':') + 1));
            f.kind = xbrl::ValueKind::number;
            f.context = context;
            f.unit = unit;
            f.value = std::move(number.value);
            f.decimals = number.decimals;
            f.lang.clear();
            f.preliminary = preliminary;
            f.source.assign(source);
            b.fact(f);
        };
        Placed placed;
        // Observations grouped by indicator in one pass, so a million rows stay linear.
        std::vector<std::vector<std::uint32_t>> by_indicator(ds_.indicators.size());
        for (std::uint32_t i = 0; i < ds_.observations.size(); ++i)
            by_indicator[ds_.observations[i].indicator].push_back(i);
        for (std::uint32_t ii = 0; ii < ds_.indicators.size(); ++ii) {
            const Indicator& ind = ds_.indicators[ii];
            auto name = indicator_name(ind);
            const std::string& type = *indicator_types_[ii];
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
                place(obs, placed);
                auto [s, e] = period_of_year(o, obs.year);
                char source[16];
                auto end = fmt::format_to_n(source, sizeof source, "obs{}", oi).out;
                numeric(placed.concept_name, type, ctx(s, e, placed.dims), obs.value, ind.precision,
                        {source, static_cast<std::size_t>(end - source)},
                        obs.status == ObservationStatus::preliminary);
            }
            for (std::size_t ti = 0; ti < ind.targets.size(); ++ti) {
                const Target& t = ind.targets[ti];
                auto source = fmt::format("t{}.{}", ii, ti);
                std::vector<TypedMember> dims{
                    {q + "DecisionYearAxis", q + "DecisionYearDomain", std::to_string(t.set_in)}};
                if (t.relative_to_year) {
                    numeric(name + "_TargetChange", type_qname(x_, "percentItemType", p_),
                            ctx(Date::first_of_year(*t.relative_to_year),
                                Date::last_of_year(t.year), dims),
                            t.value, std::max(t.value.value.scale(), 0), source);
                } else {
                    auto [s, e] = period_of_year(o, t.year);
                    numeric(name + "_Target", type, ctx(s, e, dims), t.value,
                            std::max(ind.precision, t.value.value.scale()), source);
                }
            }
            for (std::size_t di = 0; di < ind.definitions.size(); ++di) {
                const DefinitionVersion& d = ind.definitions[di];
                Date end = d.validity.to.value_or(o.reporting_period.to.value_or(d.validity.from));
                if (end < d.validity.from) end = Date::last_of_year(d.validity.from.year);
                auto context =
                    ctx(d.validity.from, end,
                        {{q + "DefinitionVersionAxis", q + "DefinitionVersionDomain", d.version}});
                for (const auto& lang : o.languages)
                    if (!d.text.in(lang).empty())
                        b.fact({q + name + "_Definition", "stringItemType", "duration",
                                xbrl::ValueKind::text, context, "", d.text.in(lang), 0, lang, false,
                                fmt::format("d{}.{}/{}", ii, di, lang)});
            }
        }
        b.finish();
        return out;
    }
};

}  // namespace

std::vector<XbrlFile> programme_xbrl(const Dataset& ds, const Mappings& m, const Labels& sv,
                                     const Labels& en, Diagnostics& diags, InstanceRecord* record) {
    std::vector<XbrlFile> out;
    Programme(ds, m, sv, en).files(diags, record, [&](const std::string& path, const char* kind) {
        out.push_back({path, kind, {}});
        return FileSink{
            [&out, i = out.size() - 1](std::string_view piece) { out[i].bytes += piece; }, [] {}};
    });
    return out;
}

void programme_xbrl(const Dataset& ds, const Mappings& m, const Labels& sv, const Labels& en,
                    Diagnostics& diags, InstanceRecord* record, const OpenFile& open) {
    Programme(ds, m, sv, en).files(diags, record, open);
}

}  // namespace griexport
