// The GRI instance: the DisclosureSet's facts tagged with the GRI Sustainability
// Taxonomy's concepts, narratives as escaped XHTML text blocks, omissions as facts.
// The GRI taxonomy allows no extensions, so nothing of the organisation's own goes here.
#include <fmt/format.h>

#include "common.hpp"
#include "griexport/evaluate.hpp"
#include "griexport/xbrl.hpp"

namespace griexport {

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
    std::string out;
    InstanceStream b(out, ns, x.gri_entry_point,
                     {fmt::format("GRI instance of {}, {} to {}, written by griexport. Concepts "
                                  "from the catalogue in gri-mappings/; see docs/xbrl.md.",
                                  o.name.sv, o.reporting_period.from.iso(),
                                  o.reporting_period.to ? o.reporting_period.to->iso() : "")},
                     InstanceChecker(constrained_types(ds.units), path), diags);
    b.preliminary_note(preliminary_note(o, x));
    if (record) b.record_into(record);

    // Only 3-3 is reported once per topic; it alone carries the topic as a dimension.
    auto topic_dims = [&](const std::string& disclosure, const std::string& topic) {
        std::vector<TypedMember> dims;
        const Disclosure* d = m.catalogue.find_disclosure(disclosure);
        if (d && d->per_topic && !topic.empty())
            dims.push_back({g + x.topic_axis, g + x.topic_domain, topic});
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
            b.fact({g + f.concept_name, f.item_type, f.period_type, xbrl::ValueKind::xhtml, ctx,
                    "", xhtml_paragraphs(text), 0, lang, false, fmt::format("f{}/{}", fi, lang)});
        }
    }
    for (std::size_t oi = 0; oi < set.omissions.size(); ++oi) {
        const Omission& om = set.omissions[oi];
        std::string requirement =
            om.requirement ? fmt::format("{}-{}", om.disclosure, om.requirement) : om.disclosure;
        auto dims = topic_dims(om.disclosure, om.topic);
        dims.insert(dims.begin(), {g + x.omission_axis, g + x.omission_domain, requirement});
        auto [start, end] = period_of_year(o, o.reporting_period.from.year);
        auto ctx = b.duration(entity.scheme, entity.identifier, start, end, dims);
        const auto* reason = m.catalogue.find_reason(om.reason);
        b.fact({g + x.omission_reason, "stringItemType", "duration", xbrl::ValueKind::text, ctx,
                "", reason ? reason->label.en : om.reason, 0, "en", false,
                fmt::format("o{}/reason", oi)});
        for (const auto& lang : o.languages)
            if (!om.explanation.in(lang).empty())
                b.fact({g + x.omission_explanation, "stringItemType", "duration",
                        xbrl::ValueKind::text, ctx, "", om.explanation.in(lang), 0, lang, false, fmt::format("o{}/{}", oi, lang)});
    }
    b.finish();
    return {path, "xbrl-instance", std::move(out)};
}

}  // namespace griexport
