#include "griexport/units.hpp"

namespace griexport {

UnitRegistry::UnitRegistry() {
    units_.push_back(Unit{});
}

UnitId UnitRegistry::add(Unit unit) {
    auto id = static_cast<UnitId>(units_.size());
    by_id_.emplace(unit.id, id);
    units_.push_back(std::move(unit));
    return id;
}

void UnitRegistry::add_conversion(UnitId from, UnitId to, Decimal factor) {
    conversions_.push_back({from, to, factor});
}

std::optional<UnitId> UnitRegistry::find(std::string_view id) const {
    auto it = by_id_.find(std::string(id));
    if (it == by_id_.end()) return std::nullopt;
    return it->second;
}

std::optional<Decimal> UnitRegistry::factor(UnitId from, UnitId to) const {
    if (from == to) return Decimal::from_int(1);
    for (const auto& c : conversions_) {
        if (c.from == from && c.to == to) return c.factor;
    }
    return std::nullopt;
}

Quantity operator+(const Quantity& a, const Quantity& b) {
    if (a.unit != b.unit) throw UnitMismatch();
    return {a.value + b.value, a.unit};
}

Quantity operator-(const Quantity& a, const Quantity& b) {
    if (a.unit != b.unit) throw UnitMismatch();
    return {a.value - b.value, a.unit};
}

Quantity convert(const UnitRegistry& units, const Quantity& q, UnitId to) {
    auto f = units.factor(q.unit, to);
    if (!f) throw UnitMismatch();
    return {(q.value * *f).normalized(), to};
}

std::string quantity_text(const UnitRegistry& units, const Quantity& q) {
    auto s = q.value.to_string();
    if (q.unit != no_unit) s += " " + units.get(q.unit).id;
    return s;
}

}  // namespace griexport
