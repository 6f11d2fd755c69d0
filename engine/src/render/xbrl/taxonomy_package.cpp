// Reading a GRI taxonomy package (the zip a user downloads) to check the catalogue's
// concepts against the real taxonomy: each concept a fact uses must exist there with the
// same item type and period type.
#include <fmt/format.h>

#include <memory>
#include <pugixml.hpp>
#include <set>

#include "../../taxonomy/package_zip.hpp"
#include "../../taxonomy/xml_names.hpp"
#include "griexport/evaluate.hpp"
#include "griexport/xbrl.hpp"

namespace griexport {

namespace {

using taxonomy::is;
using taxonomy::local;

// Element declarations of one schema, when its target namespace is `ns`.
void collect(const std::string& bytes, const std::string& ns, TaxonomyConcepts& out) {
    pugi::xml_document doc;
    if (!doc.load_buffer(bytes.data(), bytes.size())) return;
    auto root = doc.document_element();
    if (!is(root, "schema") || ns != root.attribute("targetNamespace").as_string()) return;
    for (auto e : root.children()) {
        if (!is(e, "element") || !e.attribute("name")) continue;
        TaxonomyConcept c;
        c.item_type = std::string(local(e.attribute("type").as_string()));
        for (auto a : e.attributes())
            if (local(a.name()) == "periodType") c.period_type = a.as_string();
        out.emplace(e.attribute("name").as_string(), std::move(c));
    }
}

}  // namespace

std::optional<TaxonomyConcepts> read_taxonomy_package(const std::filesystem::path& zip_path,
                                                      const std::string& ns, Diagnostics& diags) {
    auto files = taxonomy::read_package_files(zip_path, taxonomy::PackageParts::schemas, diags);
    if (!files) return std::nullopt;
    TaxonomyConcepts concepts;
    for (const auto& [name, bytes] : *files) collect(bytes, ns, concepts);
    if (concepts.empty()) {
        diags.error("package.no-concepts", fmt::format("the package declares no concept in {}", ns),
                    {zip_path.generic_string(), 0, 0});
        return std::nullopt;
    }
    return concepts;
}

void check_concepts_against(const TaxonomyConcepts& taxonomy, const Dataset& ds, const Mappings& m,
                            const DisclosureSet& set, Diagnostics& diags) {
    std::set<std::string> checked;
    for (const auto& f : set.facts) {
        if (f.concept_name.empty() || !checked.insert(f.concept_name).second) continue;
        // Point at the catalogue's entry that names the concept.
        Location where;
        if (const Disclosure* d = m.catalogue.find_disclosure(f.disclosure)) {
            const Requirement* r = d->requirement(f.requirement);
            where = ds.location(r && r->concept_name == f.concept_name ? r->source : d->source);
        }
        auto it = taxonomy.find(f.concept_name);
        if (it == taxonomy.end()) {
            diags.error("xbrl.concept-unknown",
                        fmt::format("the catalogue's concept {} (for {}) is not in the taxonomy "
                                    "package",
                                    f.concept_name, f.disclosure),
                        where);
            continue;
        }
        if (it->second.item_type != f.item_type)
            diags.error("xbrl.concept-type",
                        fmt::format("{} is of type {} in the taxonomy package, {} in the catalogue",
                                    f.concept_name, it->second.item_type, f.item_type),
                        where);
        if (it->second.period_type != f.period_type)
            diags.error("xbrl.concept-period",
                        fmt::format("{} has period type {} in the taxonomy package, {} in the "
                                    "catalogue",
                                    f.concept_name, it->second.period_type, f.period_type),
                        where);
    }
}

}  // namespace griexport
