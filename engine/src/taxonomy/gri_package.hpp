// GRI's published XBRL taxonomy package, read for what griexport needs of it: every concept
// with its data type, period type, balance, enumeration domain and typed domain, GRI's
// English label, the requirement it answers (ref_gri_srs: Number, Paragraph, Subparagraph),
// and the tables (hypercubes) and axes the definition linkbases place it in. `griexport
// import-taxonomy` writes this as gri-mappings/gri-taxonomy.xml; the package itself is never
// committed.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "griexport/diagnostics.hpp"

namespace griexport::taxonomy {

// Where a concept answers GRI's standards: "2-7", "a", "i".
struct Reference {
    std::string number, paragraph, subparagraph;
    auto operator<=>(const Reference&) const = default;
};

struct Concept {
    std::string name;     // local name in the core namespace
    std::string type;     // "xbrli:decimalItemType", "dtr-types:volumeItemType", …
    std::string period;   // duration, instant
    std::string balance;  // credit, debit or empty
    std::string kind;     // item, dimension (an axis), hypercube (a table)
    bool abstract = false;
    std::string enum_domain;   // enum2:domain, for an enumeration: "gri:YesNoDomain"
    std::string enum_role;     // enum2:linkrole: where the domain's members are
    std::string typed_domain;  // a typed axis's domain: "gri_part:MaterialTopicDomain"
    std::string label;         // GRI's standard English label
    std::vector<Reference> references;
    std::vector<std::string> tables;  // the hypercubes a fact of it sits in
};

struct Table {
    std::string name;
    std::string role;             // the extended link role it is defined in
    std::string context_element;  // where its dimensions go: scenario or segment
    bool closed = false;
    std::vector<std::string> axes;  // in the linkbase's order
};

// A member of a domain, under its parent (the domain itself for the top level).
struct Member {
    std::string name, parent;
};

struct Axis {
    std::string name;
    std::string domain;           // an explicit axis's domain
    std::vector<Member> members;  // its domain's members, depth first
};

// The values an enumeration concept may take: its domain's members.
struct Enumeration {
    std::string domain;  // local name
    std::string role;
    std::vector<Member> members;
};

struct Package {
    std::string identifier, version, publication_date, entry_point, sha256;
    std::string core_namespace, part_namespace;
    std::vector<Concept> concepts;          // by name
    std::vector<Table> tables;              // by name
    std::vector<Axis> axes;                 // by name
    std::vector<Enumeration> enumerations;  // by domain
};

// Reads GRI's package (Taxonomy Packages 1.0 zip). package.* errors, at the zip, for a file
// that is not one (or too large to be one); nullopt then.
std::optional<Package> read_gri_package(const std::filesystem::path& zip, Diagnostics& diags);

// gri-mappings/gri-taxonomy.xml: the package's data in a fixed order, so that importing the
// same package twice gives the same bytes.
std::string gri_taxonomy_xml(const Package& p);

}  // namespace griexport::taxonomy
