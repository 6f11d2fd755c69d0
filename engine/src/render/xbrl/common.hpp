// What the GRI instance and the programme instance share: the entity, periods, units and
// the way a quantity becomes an XBRL value.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "griexport/evaluate.hpp"
#include "instance.hpp"

namespace griexport::xbrl {

// Measures outside the UTR (kg CO2e, days…) live in this namespace.
inline constexpr const char* own_units_prefix = "gxu";
inline constexpr const char* own_units_namespace = "urn:griexport:unit";

struct Entity {
    std::string scheme;
    std::string identifier;
};
Entity entity_of(const Organisation& o, const XbrlSettings& x);

// The reporting period for its own year, the calendar year otherwise.
std::pair<Date, Date> period_of_year(const Organisation& o, int year);

struct XbrlValue {
    std::string measure;
    std::vector<std::string> item_types;
    std::string value;
    int decimals = 0;
};
// A quantity as XBRL writes it: C-locale digits, % as a fraction of xbrli:pure with two
// more decimals, the unit's UTR measure (or one of griexport's own).
XbrlValue xbrl_value(const UnitRegistry& units, const Quantity& q, int precision);
// Its two halves, for a writer of many facts in few units: the unit's measure and the UTR
// item types registered for it (the same for every fact of the unit), and the number.
struct XbrlMeasure {
    std::string measure;
    std::vector<std::string> item_types;
};
XbrlMeasure xbrl_measure(const UnitRegistry& units, UnitId unit);
struct XbrlNumber {
    std::string value;
    int decimals = 0;
};
XbrlNumber xbrl_number(const UnitRegistry& units, const Quantity& q, int precision);

// The preliminary-value footnote in the organisation's languages, for InstanceStream.
std::vector<std::pair<std::string, std::string>> preliminary_note(const Organisation& o,
                                                                  const XbrlSettings& x);

// Item types the UTR constrains, as units.xml records them, and pureItemType.
std::vector<std::string> constrained_types(const UnitRegistry& units);

// The QName of an item type: from its registry, or from `local_prefix` when none has it.
std::string type_qname(const XbrlSettings& x, const std::string& type,
                       const std::string& local_prefix);

// Opens a taxonomy schema: namespace declarations, the target namespace, the appinfo
// (when given) and the imports of XBRL 2.1, Dimensions and the item-type registries.
void open_taxonomy_schema(XmlWriter& w, const XbrlSettings& x, const std::string& prefix,
                          const std::string& ns,
                          const std::function<void(XmlWriter&)>& appinfo = {});

// A typed dimension and the element its members are written in.
void write_typed_dimension(XmlWriter& w, const std::string& prefix, const std::string& axis,
                           const std::string& domain, const std::string& domain_type);

}  // namespace griexport::xbrl
