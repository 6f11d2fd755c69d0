// XBRL output: the GRI instance (facts tagged with the GRI Sustainability Taxonomy), the
// organisation's own programme taxonomy and instance, and a stand-in for the GRI
// taxonomy package built from the catalogue for offline validation.
#pragma once

#include <array>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "griexport/diagnostics.hpp"
#include "griexport/disclosure.hpp"
#include "griexport/model.hpp"

namespace griexport {

struct Mappings;
class Labels;
namespace xbrl {
struct InstanceRecord;
}

// A registry of item types (XBRL 2.1's own, the Data Type Registry).
struct ItemTypeRegistry {
    std::string prefix;
    std::string ns;
    std::string location;
    std::vector<std::string> names;
};

// gri-mappings/xbrl.xml.
// GRI's taxonomy as `griexport import-taxonomy` wrote it (gri-mappings/gri-taxonomy.xml):
// the names the GRI instance may use, with what GRI says of them. Shared, never changed
// after loading.
struct GriConcept {
    std::string type;    // as GRI's schema writes it: "xbrli:dateItemType"
    std::string period;  // duration, instant
    std::string kind;    // item, dimension, hypercube
    bool abstract = false;
    std::string enumeration_domain;  // "gri:ReasonForOmissionDomain"
    std::string typed_domain;        // "gri_part:MaterialTopicDomain"
    // The requirements it answers: disclosure number, paragraph, subparagraph.
    std::vector<std::array<std::string, 3>> references{};
    // The item type's local name: "dateItemType".
    std::string_view type_name() const {
        auto colon = type.find(':');
        return std::string_view(type).substr(colon == std::string::npos ? 0 : colon + 1);
    }
};

struct GriTaxonomy {
    std::string identifier, publication_date, sha256, entry_point;
    std::string core_namespace, part_namespace;
    std::map<std::string, GriConcept, std::less<>> concepts;
    std::map<std::string, std::string, std::less<>> table_context;  // table → scenario, segment
    // An explicit axis's members with their parents; an enumeration domain's members.
    std::map<std::string, std::vector<std::pair<std::string, std::string>>, std::less<>>
        axis_members;
    std::map<std::string, std::vector<std::string>, std::less<>> enumeration_members;

    const GriConcept* find(std::string_view name) const {
        auto it = concepts.find(name);
        return it == concepts.end() ? nullptr : &it->second;
    }
};

struct XbrlSettings {
    std::string gri_prefix;
    std::string gri_namespace;
    std::string gri_entry_point;
    std::string gri_part_prefix;  // the typed domains' namespace's prefix: "gri_part"
    // GRI's omission model: a table whose explicit axis names what was omitted, with the
    // reason (an enumeration: a member of ReasonForOmissionDomain) and its explanation.
    std::string omission_table;
    std::string omission_axis;
    std::string omission_reason;
    std::string omission_explanation;
    std::map<std::string, std::string, std::less<>> omission_reason_members;  // id → member
    std::string topic_axis;  // a typed axis: its domain is the taxonomy's
    // 2-3's dates: the reporting period's start and end, and the publication date.
    std::string period_start, period_end, publication_date;
    std::shared_ptr<const GriTaxonomy> taxonomy;
    std::vector<ItemTypeRegistry> item_types;
    std::string lei_scheme;
    std::string organisation_number_scheme;
    std::string programme_namespace;  // the organisation number is appended
    std::string programme_prefix;
    LocalText preliminary_footnote;

    // The registry that defines an item type, or nullptr.
    const ItemTypeRegistry* registry_of(std::string_view type) const;
};

// One generated file.
struct XbrlFile {
    std::string path;
    std::string kind;  // xbrl-instance, xbrl-schema, xbrl-linkbase
    std::string bytes;
};

// Concepts a taxonomy declares: name → (item type local name, period type).
struct TaxonomyConcept {
    std::string item_type;
    std::string period_type;
};
using TaxonomyConcepts = std::map<std::string, TaxonomyConcept, std::less<>>;

// The GRI instance: every fact of the DisclosureSet that names a concept, and every
// omission. Reports xbrl.* errors for what the XBRL processor would refuse.
// `record`, when given, receives every context, unit and fact (for Inline XBRL).
XbrlFile gri_instance(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                      Diagnostics& diags, xbrl::InstanceRecord* record = nullptr);

// The programme taxonomy (schema, label and presentation linkbases) and its instance:
// every observation, target and definition version of the programme.
std::vector<XbrlFile> programme_xbrl(const Dataset& ds, const Mappings& m, const Labels& sv,
                                     const Labels& en, Diagnostics& diags,
                                     xbrl::InstanceRecord* record = nullptr);
// Where a file's bytes go while it is written: `write` with each piece in order, `done`
// once after the last.
struct FileSink {
    std::function<void(std::string_view)> write;
    std::function<void()> done;
};
using OpenFile = std::function<FileSink(const std::string& path, const char* kind)>;

// The same, each file written to the sink `open` gives for it, in pieces: a large
// programme's taxonomy and instance are never whole in memory.
void programme_xbrl(const Dataset& ds, const Mappings& m, const Labels& sv, const Labels& en,
                    Diagnostics& diags, xbrl::InstanceRecord* record, const OpenFile& open);

// A stand-in for the GRI taxonomy package, as Taxonomy Packages 1.0 lays it out (files
// relative to the package's top folder): a schema declaring exactly the catalogue's
// concepts. It proves consistency with the catalogue, not with GRI's own files.
std::vector<XbrlFile> gri_stand_in_package(const Mappings& m);

// Reads a taxonomy package (zip) and collects the concepts declared in the GRI namespace.
std::optional<TaxonomyConcepts> read_taxonomy_package(const std::filesystem::path& zip,
                                                      const std::string& ns, Diagnostics& diags);

// Checks each catalogue concept a fact uses against a taxonomy: existence, item type and
// period type (xbrl.concept-unknown, xbrl.concept-type, xbrl.concept-period).
void check_concepts_against(const TaxonomyConcepts& taxonomy, const Dataset& ds, const Mappings& m,
                            const DisclosureSet& set, Diagnostics& diags);

}  // namespace griexport
