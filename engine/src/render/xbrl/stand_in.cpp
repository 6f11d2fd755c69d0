// A stand-in for the GRI taxonomy package, built from the catalogue: the entry point at
// the address instances name, and a core schema declaring exactly the catalogue's
// concepts with their item and period types, in the Taxonomy Packages 1.0 layout. It lets
// the GRI instance validate offline; it proves consistency with our catalogue, not with
// GRI's own files.
#include <fmt/format.h>

#include <set>

#include "common.hpp"
#include "griexport/evaluate.hpp"
#include "griexport/xbrl.hpp"

namespace griexport {

namespace {

using namespace xbrl;

struct StandInConcept {
    std::string name;
    std::string type;  // local name
    std::string period_type;
    bool dimension = false;
    std::string typed_domain;  // for dimensions
};

std::string strip_scheme(const std::string& uri) {
    auto p = uri.find("://");
    return p == std::string::npos ? uri : uri.substr(p + 3);
}

}  // namespace

std::vector<XbrlFile> gri_stand_in_package(const Mappings& m) {
    const XbrlSettings& x = m.xbrl;
    std::string entry = strip_scheme(x.gri_entry_point);  // host/…/gri_srs_entry_point_….xsd
    std::string host = entry.substr(0, entry.find('/'));
    std::string dir = entry.substr(0, entry.rfind('/') + 1);
    std::string entry_name = entry.substr(entry.rfind('/') + 1);
    std::string core_name = entry_name;
    if (auto p = core_name.find("entry_point"); p != std::string::npos)
        core_name.replace(p, 11, "core");
    std::string core = dir + "core/" + core_name;

    std::vector<StandInConcept> concepts;
    std::set<std::string> seen;
    auto add = [&](StandInConcept c) {
        if (seen.insert(c.name).second) concepts.push_back(std::move(c));
    };
    for (const auto& d : m.catalogue.disclosures) {
        for (const auto& r : d.requirements) {
            if (!r.text_block.empty())
                add({r.text_block, "textBlockItemType", "duration", false, ""});
            if (!r.concept_name.empty())
                add({r.concept_name, r.item_type, r.period_type, false, ""});
        }
    }
    add({x.omission_reason, "enumerationItemType", "duration", false, ""});
    add({x.omission_explanation, "textBlockItemType", "duration", false, ""});
    for (const auto* date : {&x.period_start, &x.period_end, &x.publication_date})
        add({*date, "dateItemType", "instant", false, ""});
    // The typed topic axis's domain is in GRI's part namespace: a schema of its own.
    std::string part_name = core_name;
    if (auto p = part_name.find("core"); p != std::string::npos) part_name.replace(p, 4, "part");
    std::string part_ns = x.taxonomy ? x.taxonomy->part_namespace : x.gri_namespace + "/part";
    std::string topic_domain = "MaterialTopicDomain";
    if (x.taxonomy)
        if (const auto* axis = x.taxonomy->find(x.topic_axis); axis && !axis->typed_domain.empty())
            topic_domain = axis->typed_domain.substr(axis->typed_domain.find(':') + 1);

    std::vector<XbrlFile> files;
    {
        std::string out;
        XmlWriter w(out);
        w.declaration();
        w.open("tp:taxonomyPackage",
               {{"xmlns:tp", "http://xbrl.org/2016/taxonomy-package"}, {"xml:lang", "en"}});
        w.leaf("tp:identifier", "urn:griexport:gri-taxonomy-stand-in");
        w.leaf("tp:name", "GRI Sustainability Taxonomy stand-in built from griexport's catalogue");
        w.leaf("tp:description",
               "Declares exactly the concepts, item types and period types of griexport's "
               "catalogue in the GRI namespace. It proves consistency with that catalogue, not "
               "with GRI's published taxonomy.");
        w.leaf("tp:version", core_name.substr(core_name.rfind('_') + 1, 10));
        w.open("tp:entryPoints");
        w.open("tp:entryPoint");
        w.leaf("tp:name", "GRI stand-in");
        w.empty("tp:entryPointDocument", {{"href", x.gri_entry_point}});
        w.close();
        w.close();
        w.close();
        files.push_back({"META-INF/taxonomyPackage.xml", "taxonomy-package", out});
    }
    {
        std::string out;
        XmlWriter w(out);
        w.declaration();
        w.open("catalog", {{"xmlns", "urn:oasis:names:tc:entity:xmlns:xml:catalog"}});
        w.empty("rewriteURI",
                {{"uriStartString",
                  x.gri_entry_point.substr(0, x.gri_entry_point.find(host) + host.size() + 1)},
                 {"rewritePrefix", "../" + host + "/"}});
        w.close();
        files.push_back({"META-INF/catalog.xml", "taxonomy-package", out});
    }
    {
        std::string out;
        XmlWriter w(out);
        w.declaration();
        w.open("xs:schema", {{"xmlns:xs", "http://www.w3.org/2001/XMLSchema"},
                             {"targetNamespace", x.gri_namespace + "/entry_point"},
                             {"elementFormDefault", "qualified"}});
        w.empty("xs:import",
                {{"namespace", x.gri_namespace}, {"schemaLocation", "core/" + core_name}});
        w.close();
        files.push_back({entry, "xbrl-schema", out});
    }
    {
        std::string out;
        XmlWriter w(out);
        w.declaration();
        w.comment(
            "Stand-in for the GRI Sustainability Taxonomy core, generated from griexport's "
            "catalogue (gri-mappings/). Not GRI's file.");
        open_taxonomy_schema(w, x, x.gri_prefix, x.gri_namespace);
        w.empty("xs:import", {{"namespace", part_ns}, {"schemaLocation", part_name}});
        // Item types no registry has (enumerationItemType) are declared here as tokens.
        std::set<std::string> local_types;
        for (const auto& c : concepts)
            if (!x.registry_of(c.type)) local_types.insert(c.type);
        for (const auto& t : local_types) {
            w.open("xs:complexType", {{"name", t}});
            w.open("xs:simpleContent");
            w.empty("xs:restriction", {{"base", "xbrli:tokenItemType"}});
            w.close();
            w.close();
        }
        for (const auto& c : concepts) {
            if (c.dimension) {
                write_typed_dimension(w, x.gri_prefix, c.name, c.typed_domain, "xs:token");
                continue;
            }
            w.empty("xs:element", {{"name", c.name},
                                   {"id", x.gri_prefix + "_" + c.name},
                                   {"type", type_qname(x, c.type, x.gri_prefix)},
                                   {"substitutionGroup", "xbrli:item"},
                                   {"xbrli:periodType", c.period_type},
                                   {"nillable", "true"}});
        }
        // GRI's omission axis is explicit: its members are concepts, named as QNames.
        auto dimension = [&](const std::string& name,
                             std::vector<std::pair<std::string, std::string>> more) {
            std::vector<std::pair<std::string, std::string>> a{
                {"name", name},
                {"id", x.gri_prefix + "_" + name},
                {"type", "xbrli:stringItemType"},
                {"substitutionGroup", "xbrldt:dimensionItem"},
                {"abstract", "true"},
                {"nillable", "true"},
                {"xbrli:periodType", "duration"}};
            a.insert(a.end(), more.begin(), more.end());
            w.empty("xs:element", a);
        };
        dimension(x.omission_axis, {});
        // The omission axis's members, as GRI's taxonomy lists them (concepts the catalogue
        // declared above keep their types): global items, as explicit members must be.
        if (x.taxonomy)
            if (auto members = x.taxonomy->axis_members.find(x.omission_axis);
                members != x.taxonomy->axis_members.end())
                for (const auto& [name, parent] : members->second)
                    if (seen.insert(name).second)
                        w.empty("xs:element", {{"name", name},
                                               {"id", x.gri_prefix + "_" + name},
                                               {"type", "xbrli:stringItemType"},
                                               {"substitutionGroup", "xbrli:item"},
                                               {"abstract", "true"},
                                               {"nillable", "true"},
                                               {"xbrli:periodType", "duration"}});
        dimension(x.topic_axis, {{"xbrldt:typedDomainRef", part_name + "#part_" + topic_domain}});
        w.close();
        files.push_back({core, "xbrl-schema", out});
    }
    {
        std::string out;
        XmlWriter w(out);
        w.declaration();
        w.open("xs:schema", {{"xmlns:xs", "http://www.w3.org/2001/XMLSchema"},
                             {"targetNamespace", part_ns},
                             {"elementFormDefault", "qualified"}});
        w.empty("xs:element",
                {{"name", topic_domain}, {"id", "part_" + topic_domain}, {"type", "xs:token"}});
        w.close();
        files.push_back({dir + "core/" + part_name, "xbrl-schema", out});
    }
    return files;
}

}  // namespace griexport
