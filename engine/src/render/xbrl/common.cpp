#include "common.hpp"

#include <algorithm>

namespace griexport::xbrl {

Entity entity_of(const Organisation& o, const XbrlSettings& x) {
    if (o.lei) return {x.lei_scheme, *o.lei};
    return {x.organisation_number_scheme, o.organisation_number};
}

std::pair<Date, Date> period_of_year(const Organisation& o, int year) {
    if (o.reporting_period.from.year == year && o.reporting_period.to)
        return {o.reporting_period.from, *o.reporting_period.to};
    return {Date::first_of_year(year), Date::last_of_year(year)};
}

namespace {

std::string measure_of(const griexport::Unit& u) {
    return u.utr.empty() ? std::string(own_units_prefix) + ":" + ncname_part(u.id) : u.utr;
}

}  // namespace

XbrlMeasure xbrl_measure(const UnitRegistry& units, UnitId unit) {
    const griexport::Unit& u = units.get(unit);
    XbrlMeasure m;
    if (u.compound()) {
        // An intensity: a divide of the two measures, of no UTR item type (decimalItemType).
        m.measure = measure_of(units.get(u.numerator)) + "/" + measure_of(units.get(u.denominator));
        return m;
    }
    m.measure = measure_of(u);
    for (std::size_t i = 1; i < units.size(); ++i) {
        const griexport::Unit& other = units.get(static_cast<UnitId>(i));
        if (other.utr == m.measure && !other.item_type.empty() &&
            std::find(m.item_types.begin(), m.item_types.end(), other.item_type) ==
                m.item_types.end())
            m.item_types.push_back(other.item_type);
    }
    if (m.measure == "xbrli:pure") m.item_types.push_back("pureItemType");
    return m;
}

XbrlNumber xbrl_number(const UnitRegistry& units, const Quantity& q, int precision) {
    const griexport::Unit& u = units.get(q.unit);
    if (!u.compound() && u.item_type == "percentItemType") {
        // 11 % is 0.11 in XBRL; exact, as the Decimal only moves its point.
        auto fraction = Decimal::divide(q.value, Decimal::from_int(100),
                                        std::min(q.value.scale() + 2, Decimal::max_scale));
        return {fraction.to_string(), precision + 2};
    }
    return {q.value.to_string(), precision};
}

XbrlValue xbrl_value(const UnitRegistry& units, const Quantity& q, int precision) {
    auto m = xbrl_measure(units, q.unit);
    auto n = xbrl_number(units, q, precision);
    return {std::move(m.measure), std::move(m.item_types), std::move(n.value), n.decimals};
}

std::vector<std::pair<std::string, std::string>> preliminary_note(const Organisation& o,
                                                                  const XbrlSettings& x) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& lang : o.languages)
        if (!x.preliminary_footnote.in(lang).empty())
            out.emplace_back(lang, x.preliminary_footnote.in(lang));
    return out;
}

std::vector<std::string> constrained_types(const UnitRegistry& units) {
    std::vector<std::string> out{"pureItemType", "monetaryItemType"};
    for (std::size_t i = 1; i < units.size(); ++i) {
        const auto& t = units.get(static_cast<UnitId>(i)).item_type;
        if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    }
    return out;
}

std::string type_qname(const XbrlSettings& x, const std::string& type,
                       const std::string& local_prefix) {
    if (const auto* r = x.registry_of(type)) return r->prefix + ":" + type;
    return local_prefix + ":" + type;
}

void open_taxonomy_schema(XmlWriter& w, const XbrlSettings& x, const std::string& prefix,
                          const std::string& ns, const std::function<void(XmlWriter&)>& appinfo) {
    std::vector<std::pair<std::string, std::string>> attrs{
        {"xmlns:xs", "http://www.w3.org/2001/XMLSchema"},
        {"xmlns:xbrli", "http://www.xbrl.org/2003/instance"},
        {"xmlns:link", "http://www.xbrl.org/2003/linkbase"},
        {"xmlns:xlink", "http://www.w3.org/1999/xlink"},
        {"xmlns:xbrldt", "http://xbrl.org/2005/xbrldt"},
    };
    for (const auto& r : x.item_types)
        if (r.prefix != "xbrli") attrs.emplace_back("xmlns:" + r.prefix, r.ns);
    attrs.emplace_back("xmlns:" + prefix, ns);
    attrs.emplace_back("targetNamespace", ns);
    attrs.emplace_back("elementFormDefault", "qualified");
    attrs.emplace_back("attributeFormDefault", "unqualified");
    w.open("xs:schema", attrs);
    if (appinfo) {
        w.open("xs:annotation");
        w.open("xs:appinfo");
        appinfo(w);
        w.close();
        w.close();
    }
    w.empty("xs:import",
            {{"namespace", "http://www.xbrl.org/2003/instance"},
             {"schemaLocation", "http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd"}});
    w.empty("xs:import", {{"namespace", "http://xbrl.org/2005/xbrldt"},
                          {"schemaLocation", "http://www.xbrl.org/2005/xbrldt-2005.xsd"}});
    for (const auto& r : x.item_types)
        if (r.prefix != "xbrli")
            w.empty("xs:import", {{"namespace", r.ns}, {"schemaLocation", r.location}});
}

void write_typed_dimension(XmlWriter& w, const std::string& prefix, const std::string& axis,
                           const std::string& domain, const std::string& domain_type) {
    w.empty("xs:element", {{"name", domain}, {"id", prefix + "_" + domain}, {"type", domain_type}});
    w.empty("xs:element", {{"name", axis},
                           {"id", prefix + "_" + axis},
                           {"type", "xbrli:stringItemType"},
                           {"substitutionGroup", "xbrldt:dimensionItem"},
                           {"abstract", "true"},
                           {"nillable", "true"},
                           {"xbrli:periodType", "duration"},
                           {"xbrldt:typedDomainRef", "#" + prefix + "_" + domain}});
}

}  // namespace griexport::xbrl
