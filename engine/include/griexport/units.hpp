// Units of measure and their declared conversions. The registry is data
// (gri-mappings/units.xml), so adding a unit needs no code.
#pragma once

#include <cstdint>
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

    std::optional<UnitId> find(std::string_view id) const;
    const Unit& get(UnitId id) const { return units_.at(id); }
    std::size_t size() const { return units_.size(); }
    // The factor that turns a value in `from` into `to`; nullopt if none is declared.
    std::optional<Decimal> factor(UnitId from, UnitId to) const;

  private:
    std::vector<Unit> units_;
    std::unordered_map<std::string, UnitId> by_id_;
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
