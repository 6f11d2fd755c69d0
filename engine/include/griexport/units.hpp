// Units of measure and their declared conversions. The registry is data
// (gri-mappings/units.xml), so adding a unit needs no code.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "griexport/decimal.hpp"

namespace griexport {

using UnitId = std::uint16_t;
inline constexpr UnitId no_unit = 0;

struct Unit {
    std::string id;        // as written in input files: "t CO2e"
    std::string quantity;  // what it measures: "ghg-mass", "energy", "ratio"
    std::string utr;       // XBRL Unit Type Registry measure, "utr:tCO2e", or empty
    std::string label_sv;
    std::string label_en;
    std::string item_type;  // the UTR item type the measure is registered for, or empty
    // How the unit reads after "per" ("invånare", "inhabitant"); the label when empty.
    std::string per_sv{};
    std::string per_en{};
    // A unit per another unit ("kWh/m²"): both parts; no_unit for a simple unit.
    UnitId numerator = no_unit;
    UnitId denominator = no_unit;

    bool compound() const { return numerator != no_unit; }
    const std::string& label(std::string_view lang) const {
        return lang == "en" ? label_en : label_sv;
    }
};

// A conversion `to = from × factor`, declared in data.
struct UnitConversion {
    UnitId from = no_unit;
    UnitId to = no_unit;
    Decimal factor;
};

class UnitRegistry {
  public:
    UnitRegistry();  // holds only the placeholder no_unit
    UnitId add(Unit unit);
    void add_conversion(UnitId from, UnitId to, Decimal factor);
    // Another spelling users write for a unit ("ton" for "t", "m3" for "m³").
    void add_alias(std::string name, UnitId unit);

    // A unit by its id or an alias; "A/B" is the unit A per unit B when both are simple
    // units (aliases allowed: "kWh/m2"), made on first use.
    std::optional<UnitId> find(std::string_view id) const;
    // The unit num per den, made on first use; throws UnitMismatch when either is compound.
    UnitId compound(UnitId num, UnitId den) const;
    const Unit& get(UnitId id) const { return units_.at(id); }
    std::size_t size() const { return units_.size(); }
    // The factor that turns a value in `from` into `to`; nullopt if none is declared. A
    // compound unit converts by its parts: kWh/m² to MWh/m² by kWh to MWh.
    std::optional<Decimal> factor(UnitId from, UnitId to) const;
    // "t CO2e, kg CO2e, … (also: ton, st, …)": what unit.unknown lists.
    std::string known_ids() const;
    // The unit as the language writes it: "ton CO2e/invånare".
    std::string label(UnitId id, std::string_view lang) const;

  private:
    std::optional<UnitId> find_simple(std::string_view id) const;
    std::optional<Decimal> simple_factor(UnitId from, UnitId to) const;

    // Compound units are derived on demand (a rule's quotient, a CSV's "kWh/m2"), like a
    // cache: mutable, and a deque so that references to units stay valid as it grows.
    mutable std::deque<Unit> units_;
    mutable std::unordered_map<std::string, UnitId> by_id_;
    std::vector<std::pair<std::string, UnitId>> aliases_;  // in declaration order
    std::vector<UnitConversion> conversions_;
};

// A value with its unit. Arithmetic refuses to mix units.
struct Quantity {
    Decimal value;
    UnitId unit = no_unit;
};

struct UnitMismatch : std::exception {
    const char* what() const noexcept override { return "unit mismatch"; }
};

// A quantity as machines and explain read it, in the C locale: "17860 t CO2e".
std::string quantity_text(const UnitRegistry& units, const Quantity& q);

Quantity operator+(const Quantity& a, const Quantity& b);  // throws UnitMismatch
Quantity operator-(const Quantity& a, const Quantity& b);  // throws UnitMismatch
// Converts q into `to` using the registry, exact; throws UnitMismatch if no conversion.
Quantity convert(const UnitRegistry& units, const Quantity& q, UnitId to);

}  // namespace griexport
