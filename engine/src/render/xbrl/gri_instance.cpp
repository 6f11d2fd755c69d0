// The GRI instance: the DisclosureSet's facts tagged with the GRI Sustainability
// Taxonomy's concepts (every name from the imported taxonomy, gri-mappings/gri-taxonomy.xml),
// narratives as escaped XHTML text blocks per requirement, omissions in GRI's omission
// table, 2-3's dates. The GRI taxonomy allows no extensions, so nothing of the
// organisation's own goes here.
#include <fmt/format.h>

#include "common.hpp"
#include "griexport/evaluate.hpp"
#include "griexport/xbrl.hpp"

namespace griexport {

namespace {

// The member of GRI's omission axis that names what was omitted: for a requirement, the
// member whose concept answers exactly it (a text block first); for a whole disclosure, or
// a requirement without one, the disclosure's own member (the parent of members answering
// it). Empty when the taxonomy has neither.
std::string omitted_member(const GriTaxonomy& t, const std::string& axis,
                           const std::string& disclosure, char requirement) {
    auto it = t.axis_members.find(axis);
    if (it == t.axis_members.end()) return "";
    const auto& members = it->second;
    auto answers = [&](const std::string& name, bool exact) {
        const GriConcept* c = t.find(name);
        if (!c) return false;
        for (const auto& r : c->references)
            if (r[0] == disclosure &&
                (!exact || (r[1] == std::string(1, requirement) && r[2].empty())))
                return true;
        return false;
    };
    if (requirement) {
        std::string any;
        for (const auto& [name, parent] : members)
            if (answers(name, true)) {
                const GriConcept* c = t.find(name);
                if (c && c->type_name() == "textBlockItemType") return name;
                if (any.empty()) any = name;
            }
        if (!any.empty()) return any;
    }
    for (const auto& [name, parent] : members)
        if (answers(name, false) && parent.ends_with("Member")) return parent;
    return "";
}

}  // namespace

XbrlFile gri_instance(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                      Diagnostics& diags, xbrl::InstanceRecord* record) {
    using namespace xbrl;
    const XbrlSettings& x = m.xbrl;
    const Organisation& o = ds.organisation;
    auto entity = entity_of(o, x);
    const std::string g = x.gri_prefix + ":";
    const std::string path = "gri-instance.xbrl";
    auto ns = base_namespaces();
    ns.emplace_back(x.gri_prefix, x.gri_namespace);
    // Every GRI name comes from the imported taxonomy (loading it failed: already an error).
    const GriTaxonomy* t = x.taxonomy.get();
    if (!t) return {path, "xbrl-instance", {}};
    if (!x.gri_part_prefix.empty()) ns.emplace_back(x.gri_part_prefix, t->part_namespace);
    std::string out;
    InstanceStream b(out, ns, x.gri_entry_point,
                     {fmt::format("GRI instance of {}, {} to {}, written by griexport. Concepts "
                                  "from the catalogue in gri-mappings/; see docs/xbrl.md.",
                                  o.name.sv, o.reporting_period.from.iso(),
                                  o.reporting_period.to ? o.reporting_period.to->iso() : "")},
                     InstanceChecker(constrained_types(ds.units), path), diags);
    b.preliminary_note(preliminary_note(o, x));
    if (record) b.record_into(record);

    // GRI's tables put their dimensions in the scenario.
    b.dimensions_in_scenario();

    // Only 3-3 is reported once per topic; it alone carries the topic as a dimension.
    std::string topic_domain;
    if (const auto* axis = t->find(x.topic_axis)) topic_domain = axis->typed_domain;
    auto topic_dims = [&](const std::string& disclosure, const std::string& topic) {
        std::vector<TypedMember> dims;
        const Disclosure* d = m.catalogue.find_disclosure(disclosure);
        if (d && d->per_topic && !topic.empty() && !topic_domain.empty())
            dims.push_back({g + x.topic_axis, topic_domain, topic});
        return dims;
    };
    for (std::size_t fi = 0; fi < set.facts.size(); ++fi) {
        const griexport::Fact& f = set.facts[fi];
        if (f.concept_name.empty()) continue;
        auto [start, end] = period_of_year(o, f.year);
        auto ctx = b.duration(entity.scheme, entity.identifier, start, end,
                              topic_dims(f.disclosure, f.topic));
        if (f.kind == FactKind::numeric) {
            auto v = xbrl_value(ds.units, f.value, f.precision);
            xbrl::Fact fact{g + f.concept_name,
                            f.item_type,
                            f.period_type,
                            xbrl::ValueKind::number,
                            ctx,
                            b.unit(v.measure, v.item_types),
                            v.value,
                            v.decimals,
                            "",
                            false,
                            fmt::format("f{}", fi)};
            // A figure computed from a preliminary value is preliminary too.
            for (const auto& in : f.provenance.inputs)
                fact.preliminary = fact.preliminary || in.status == ObservationStatus::preliminary;
            b.fact(fact);
            continue;
        }
        for (const auto& lang : o.languages) {
            const auto& text = f.text.in(lang);
            if (text.empty()) continue;
            // One fact per requirement's text block, all of one source key: the Inline XBRL
            // supplement tags the text once with each (nested).
            for (const auto& block : f.text_concepts)
                b.fact({g + block, "textBlockItemType", f.period_type, xbrl::ValueKind::xhtml, ctx,
                        "", xhtml_paragraphs(text), 0, lang, false,
                        fmt::format("f{}/{}", fi, lang)});
        }
    }
    // 2-3-a and 2-3-c: the reporting period's first and last day, and the publication date,
    // as dates at the period's end (GRI's formulas require the two period dates).
    if (o.reporting_period.to) {
        const auto& at = b.instant(entity.scheme, entity.identifier, *o.reporting_period.to);
        auto date = [&](const std::string& name, const Date& d, const char* key) {
            b.fact({g + name, "dateItemType", "instant", xbrl::ValueKind::text, at, "", d.iso(), 0,
                    "", false, key});
        };
        date(x.period_start, o.reporting_period.from, "period/start");
        date(x.period_end, *o.reporting_period.to, "period/end");
        if (o.publication_date) date(x.publication_date, *o.publication_date, "period/publication");
    }
    for (std::size_t oi = 0; oi < set.omissions.size(); ++oi) {
        const Omission& om = set.omissions[oi];
        std::string requirement =
            om.requirement ? fmt::format("{}-{}", om.disclosure, om.requirement) : om.disclosure;
        std::string member = omitted_member(*t, x.omission_axis, om.disclosure, om.requirement);
        auto reason = x.omission_reason_members.find(om.reason);
        if (member.empty() || reason == x.omission_reason_members.end()) {
            diags.warning("xbrl.omission-untagged",
                          fmt::format("the omission of {} is in the content index, but GRI's "
                                      "taxonomy has {} for it: it is not tagged in the GRI "
                                      "instance",
                                      requirement,
                                      member.empty() ? "no member of " + x.omission_axis
                                                     : "no reason member for '" + om.reason + "'"),
                          ds.location(om.source));
            continue;
        }
        auto dims = topic_dims(om.disclosure, om.topic);
        dims.insert(dims.begin(), {g + x.omission_axis, "", g + member});
        auto [start, end] = period_of_year(o, o.reporting_period.from.year);
        auto ctx = b.duration(entity.scheme, entity.identifier, start, end, dims);
        // An enumeration's value is its member's URI: the namespace, '#', the name.
        b.fact({g + x.omission_reason, "enumerationItemType", "duration", xbrl::ValueKind::text,
                ctx, "", t->core_namespace + "#" + reason->second, 0, "", false,
                fmt::format("o{}/reason", oi)});
        for (const auto& lang : o.languages)
            if (!om.explanation.in(lang).empty())
                b.fact({g + x.omission_explanation, "textBlockItemType", "duration",
                        xbrl::ValueKind::xhtml, ctx, "", xhtml_paragraphs(om.explanation.in(lang)),
                        0, lang, false, fmt::format("o{}/{}", oi, lang)});
    }
    b.finish();
    return {path, "xbrl-instance", std::move(out)};
}

}  // namespace griexport
