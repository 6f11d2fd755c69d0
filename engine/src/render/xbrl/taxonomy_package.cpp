// Reading a GRI taxonomy package (the zip a user downloads) to check the catalogue's
// concepts against the real taxonomy: each concept a fact uses must exist there with the
// same item type and period type.
#include <fmt/format.h>
#include <zip.h>

#include <memory>
#include <pugixml.hpp>
#include <set>

#include "griexport/evaluate.hpp"
#include "griexport/xbrl.hpp"

namespace griexport {

namespace {

std::string_view local(std::string_view qname) {
    auto p = qname.find(':');
    return p == std::string_view::npos ? qname : qname.substr(p + 1);
}

bool is(const pugi::xml_node& n, std::string_view local_name) {
    return local(n.name()) == local_name;
}

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
    int err = 0;
    std::unique_ptr<zip_t, decltype(&zip_close)> z(zip_open(zip_path.c_str(), ZIP_RDONLY, &err),
                                                   &zip_close);
    Location where{zip_path.generic_string(), 0, 0};
    if (!z) {
        diags.error("package.unreadable",
                    fmt::format("cannot open the taxonomy package as a zip (libzip error {})", err),
                    where);
        return std::nullopt;
    }
    TaxonomyConcepts concepts;
    bool has_metadata = false;
    auto n = zip_get_num_entries(z.get(), 0);
    // GRI's package is a few hundred files and tens of MB unpacked. A zip bomb (entries
    // that inflate a thousandfold) is refused by the sizes the zip declares, before any
    // inflating: zip_fread never reads past the declared size.
    constexpr zip_int64_t max_entries = 100000;
    constexpr zip_uint64_t max_schema_bytes = zip_uint64_t{64} << 20;
    constexpr zip_uint64_t max_total_bytes = zip_uint64_t{1} << 30;
    if (n > max_entries) {
        diags.error("package.too-large",
                    fmt::format("the zip holds {} entries; a taxonomy package has far fewer "
                                "(at most {})",
                                n, max_entries),
                    where);
        return std::nullopt;
    }
    zip_uint64_t total = 0;
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        if (zip_stat_index(z.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0) continue;
        std::string name = st.name ? st.name : "";
        if (name.ends_with("META-INF/taxonomyPackage.xml")) has_metadata = true;
        if (!name.ends_with(".xsd")) continue;
        if (!(st.valid & ZIP_STAT_SIZE) || st.size > max_schema_bytes ||
            (total += st.size) > max_total_bytes) {
            diags.error("package.too-large",
                        fmt::format("{} unpacks to {} bytes, or the schemas to more than {}; "
                                    "not a taxonomy package (a zip bomb?)",
                                    name, st.size, max_total_bytes),
                        where);
            return std::nullopt;
        }
        std::unique_ptr<zip_file_t, decltype(&zip_fclose)> f(
            zip_fopen_index(z.get(), static_cast<zip_uint64_t>(i), 0), &zip_fclose);
        if (!f) continue;
        std::string bytes(st.size, '\0');
        if (zip_fread(f.get(), bytes.data(), st.size) != static_cast<zip_int64_t>(st.size))
            continue;
        collect(bytes, ns, concepts);
    }
    if (!has_metadata)
        diags.error("package.layout",
                    "no META-INF/taxonomyPackage.xml: not a taxonomy package (Taxonomy Packages "
                    "1.0)",
                    where);
    if (concepts.empty())
        diags.error("package.no-concepts", fmt::format("the package declares no concept in {}", ns),
                    where);
    if (diags.has_errors()) return std::nullopt;
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
