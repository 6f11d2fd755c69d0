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

XbrlValue xbrl_value(const UnitRegistry& units, const Quantity& q, int precision) {
    const griexport::Unit& u = units.get(q.unit);
    XbrlValue v;
    v.measure = u.utr.empty() ? std::string(own_units_prefix) + ":" + ncname_part(u.id) : u.utr;
    for (std::size_t i = 1; i < units.size(); ++i) {
        const griexport::Unit& other = units.get(static_cast<UnitId>(i));
        if (other.utr == v.measure && !other.item_type.empty() &&
            std::find(v.item_types.begin(), v.item_types.end(), other.item_type) ==
                v.item_types.end())
            v.item_types.push_back(other.item_type);
    }
    if (v.measure == "xbrli:pure") v.item_types.push_back("pureItemType");
    if (u.item_type == "percentItemType") {
        // 11 % is 0.11 in XBRL; exact, as the Decimal only moves its point.
        auto fraction = Decimal::divide(q.value, Decimal::from_int(100),
                                        std::min(q.value.scale() + 2, Decimal::max_scale));
        v.value = fraction.to_string();
        v.decimals = precision + 2;
    } else {
        v.value = q.value.to_string();
        v.decimals = precision;
    }
    return v;
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

}  // namespace griexport::xbrl
