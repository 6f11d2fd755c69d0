#include "griexport/units.hpp"

namespace griexport {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

}  // namespace

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

void UnitRegistry::add_alias(std::string name, UnitId unit) {
    by_id_.emplace(name, unit);
    aliases_.emplace_back(std::move(name), unit);
}

std::optional<UnitId> UnitRegistry::find_simple(std::string_view id) const {
    auto it = by_id_.find(std::string(id));
    if (it == by_id_.end()) return std::nullopt;
    return it->second;
}

std::optional<UnitId> UnitRegistry::find(std::string_view id) const {
    if (auto u = find_simple(id)) return u;
    auto slash = id.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    auto num = find_simple(trim(id.substr(0, slash)));
    auto den = find_simple(trim(id.substr(slash + 1)));
    if (!num || !den || *num == no_unit || *den == no_unit || get(*num).compound() ||
        get(*den).compound() || *num == *den)
        return std::nullopt;
    auto u = compound(*num, *den);
    by_id_.emplace(std::string(id), u);  // the spelling as written finds it at once next time
    return u;
}

UnitId UnitRegistry::compound(UnitId num, UnitId den) const {
    const Unit& n = get(num);
    const Unit& d = get(den);
    if (n.compound() || d.compound() || num == no_unit || den == no_unit) throw UnitMismatch();
    std::string id = n.id + "/" + d.id;
    if (auto it = by_id_.find(id); it != by_id_.end()) return it->second;
    Unit u;
    u.id = id;
    u.quantity = n.quantity + "/" + d.quantity;
    u.label_sv = n.label_sv + "/" + (d.per_sv.empty() ? d.label_sv : d.per_sv);
    u.label_en = n.label_en + "/" + (d.per_en.empty() ? d.label_en : d.per_en);
    u.numerator = num;
    u.denominator = den;
    auto uid = static_cast<UnitId>(units_.size());
    by_id_.emplace(id, uid);
    units_.push_back(std::move(u));
    return uid;
}

std::optional<Decimal> UnitRegistry::simple_factor(UnitId from, UnitId to) const {
    if (from == to) return Decimal::from_int(1);
    for (const auto& c : conversions_) {
        if (c.from == from && c.to == to) return c.factor;
    }
    return std::nullopt;
}

std::optional<Decimal> UnitRegistry::factor(UnitId from, UnitId to) const {
    if (from == to) return Decimal::from_int(1);
    const Unit& f = get(from);
    const Unit& t = get(to);
    if (f.compound() != t.compound()) return std::nullopt;
    if (!f.compound()) return simple_factor(from, to);
    // x A/B in C/D: x × (A→C) per B, and one B is (D→B)⁻¹ D, so × (D→B).
    auto num = simple_factor(f.numerator, t.numerator);
    auto den = simple_factor(t.denominator, f.denominator);
    if (!num || !den) return std::nullopt;
    return (*num * *den).normalized();
}

std::string UnitRegistry::known_ids() const {
    std::string out;
    for (std::size_t i = 1; i < units_.size(); ++i) {
        if (units_[i].compound()) continue;
        if (!out.empty()) out += ", ";
        out += units_[i].id;
    }
    if (!aliases_.empty()) {
        out += " (also written: ";
        for (std::size_t i = 0; i < aliases_.size(); ++i)
            out += (i ? ", " : "") + aliases_[i].first;
        out += ")";
    }
    out += ", or A/B for a unit per another unit";
    return out;
}

std::string UnitRegistry::label(UnitId id, std::string_view lang) const {
    return id == no_unit ? std::string() : get(id).label(lang);
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
