#include "gri_package.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <pugixml.hpp>
#include <set>
#include <unordered_map>

#include "../io/sha256.hpp"
#include "../io/source_text.hpp"
#include "../render/xbrl/xml_writer.hpp"
#include "package_zip.hpp"
#include "xml_names.hpp"

namespace griexport::taxonomy {

namespace {

// An attribute by its local name, whatever prefix the file binds its namespace to.
std::string attr(const pugi::xml_node& n, std::string_view local_name) {
    for (auto a : n.attributes())
        if (local(a.name()) == local_name) return a.value();
    return "";
}

// The file name of a path or href: "../core/x.xsd#id" → "x.xsd".
std::string file_of(std::string_view href) {
    href = href.substr(0, href.find('#'));
    auto slash = href.find_last_of('/');
    return std::string(slash == std::string_view::npos ? href : href.substr(slash + 1));
}

// The prefix `root` binds to `uri`, for writing QNames as GRI's own schema does.
std::string prefix_for(const pugi::xml_node& root, std::string_view uri) {
    for (auto a : root.attributes()) {
        std::string_view name = a.name();
        if (name.starts_with("xmlns:") && uri == a.value()) return std::string(name.substr(6));
    }
    return "";
}

struct Declared {
    std::string ns, name;
};

class Reader {
  public:
    explicit Reader(const std::map<std::string, std::string>& files) : files_(files) {}

    Package run() {
        metadata();
        schemas();
        for (const auto& [path, bytes] : files_)
            if (path.ends_with(".xml")) linkbase(bytes);
        dimensions();
        Package p = std::move(p_);
        for (auto& [name, c] : concepts_) {
            std::sort(c.references.begin(), c.references.end());
            c.references.erase(std::unique(c.references.begin(), c.references.end()),
                               c.references.end());
            std::sort(c.tables.begin(), c.tables.end());
            c.tables.erase(std::unique(c.tables.begin(), c.tables.end()), c.tables.end());
            p.concepts.push_back(std::move(c));
        }
        for (auto& [name, t] : tables_) p.tables.push_back(std::move(t));
        for (auto& [name, a] : axes_) p.axes.push_back(std::move(a));
        return p;
    }

  private:
    const std::map<std::string, std::string>& files_;
    Package p_;
    std::map<std::string, Concept> concepts_;  // the core namespace's, by name
    std::map<std::string, Table> tables_;
    std::map<std::string, Axis> axes_;
    // file name → id → declaration: what a locator's href points at.
    std::unordered_map<std::string, std::unordered_map<std::string, Declared>> ids_;

    pugi::xml_document parse(const std::string& bytes) const {
        pugi::xml_document doc;
        doc.load_buffer(bytes.data(), bytes.size());
        return doc;
    }

    const Declared* target(std::string_view href) const {
        auto hash = href.find('#');
        if (hash == std::string_view::npos) return nullptr;
        auto f = ids_.find(file_of(href));
        if (f == ids_.end()) return nullptr;
        auto it = f->second.find(std::string(href.substr(hash + 1)));
        return it == f->second.end() ? nullptr : &it->second;
    }
    Concept* concept_at(std::string_view href) {
        const Declared* d = target(href);
        if (!d || d->ns != p_.core_namespace) return nullptr;
        auto it = concepts_.find(d->name);
        return it == concepts_.end() ? nullptr : &it->second;
    }

    void metadata() {
        for (const auto& [path, bytes] : files_) {
            if (!path.ends_with("META-INF/taxonomyPackage.xml")) continue;
            auto doc = parse(bytes);
            auto root = doc.document_element();
            for (auto n : root.children()) {
                if (is(n, "identifier")) p_.identifier = n.text().as_string();
                if (is(n, "version")) p_.version = n.text().as_string();
                if (is(n, "publicationDate")) p_.publication_date = n.text().as_string();
                if (is(n, "entryPoints"))
                    for (auto ep : n.children())
                        for (auto d : ep.children())
                            if (is(d, "entryPointDocument") && p_.entry_point.empty())
                                p_.entry_point = d.attribute("href").as_string();
            }
        }
    }

    // Every element declaration of every schema, by file and id; the core namespace is the
    // one that declares the most.
    void schemas() {
        std::map<std::string, std::size_t> declared;
        std::vector<std::pair<std::string, pugi::xml_document>> docs;
        for (const auto& [path, bytes] : files_) {
            if (!path.ends_with(".xsd")) continue;
            docs.emplace_back(path, parse(bytes));
            auto root = docs.back().second.document_element();
            std::string ns = root.attribute("targetNamespace").as_string();
            auto& by_id = ids_[file_of(path)];
            for (auto e : root.children()) {
                if (!is(e, "element") || !e.attribute("name")) continue;
                by_id[e.attribute("id").as_string()] = {ns, e.attribute("name").as_string()};
                ++declared[ns];
            }
        }
        std::size_t most = 0;
        for (const auto& [ns, n] : declared)
            if (n > most) {
                most = n;
                p_.core_namespace = ns;
            }
        for (const auto& [path, doc] : docs) {
            auto root = doc.document_element();
            if (root.attribute("targetNamespace").as_string() != p_.core_namespace) continue;
            for (auto e : root.children()) {
                if (!is(e, "element") || !e.attribute("name")) continue;
                Concept c;
                c.name = e.attribute("name").as_string();
                c.type = e.attribute("type").as_string();
                c.period = attr(e, "periodType");
                c.balance = attr(e, "balance");
                c.abstract = e.attribute("abstract").as_bool();
                std::string group(local(e.attribute("substitutionGroup").as_string()));
                c.kind = group == "dimensionItem"   ? "dimension"
                         : group == "hypercubeItem" ? "hypercube"
                                                    : "item";
                c.enum_domain = attr(e, "domain");
                c.enum_role = attr(e, "linkrole");
                if (auto ref = attr(e, "typedDomainRef"); !ref.empty()) {
                    auto hash = ref.find('#');
                    std::string file = hash == std::string::npos ? file_of(path) : file_of(ref);
                    if (file.empty()) file = file_of(path);
                    auto f = ids_.find(file);
                    if (f != ids_.end() && hash != std::string::npos)
                        if (auto it = f->second.find(ref.substr(hash + 1)); it != f->second.end()) {
                            if (p_.part_namespace.empty()) p_.part_namespace = it->second.ns;
                            std::string prefix = prefix_for(root, it->second.ns);
                            c.typed_domain =
                                prefix.empty() ? it->second.name : prefix + ":" + it->second.name;
                        }
                }
                concepts_.emplace(c.name, std::move(c));
            }
        }
    }

    struct Arc {
        std::string arcrole, from, to, target_role;
        double order = 0;
        std::string context_element;
        bool closed = false;
    };

    // Labels, references and dimensional relationships, whichever linkbase holds them.
    void linkbase(const std::string& bytes) {
        auto doc = parse(bytes);
        auto root = doc.document_element();
        if (!is(root, "linkbase")) return;
        for (auto link : root.children()) {
            bool labels = is(link, "labelLink"), references = is(link, "referenceLink"),
                 definitions = is(link, "definitionLink");
            if (!labels && !references && !definitions) continue;
            std::unordered_map<std::string, std::string> locs;  // label → href
            std::unordered_map<std::string, std::vector<pugi::xml_node>> resources;
            std::vector<Arc> arcs;
            for (auto n : link.children()) {
                if (is(n, "loc"))
                    locs[attr(n, "label")] = attr(n, "href");
                else if (is(n, "label") || is(n, "reference"))
                    resources[attr(n, "label")].push_back(n);
                else if (is(n, "labelArc") || is(n, "referenceArc") || is(n, "definitionArc"))
                    arcs.push_back({attr(n, "arcrole"), attr(n, "from"), attr(n, "to"),
                                    attr(n, "targetRole"), n.attribute("order").as_double(),
                                    attr(n, "contextElement"), attr(n, "closed") == "true"});
            }
            if (definitions) {
                definition_link(attr(link, "role"), locs, arcs);
                continue;
            }
            for (const auto& arc : arcs) {
                auto loc = locs.find(arc.from);
                if (loc == locs.end()) continue;
                Concept* c = concept_at(loc->second);
                auto res = resources.find(arc.to);
                if (!c || res == resources.end()) continue;
                for (const auto& r : res->second) {
                    if (labels && attr(r, "role") == "http://www.xbrl.org/2003/role/label" &&
                        attr(r, "lang") == "en")
                        c->label = r.text().as_string();
                    if (references) {
                        Reference ref;
                        for (auto part : r.children()) {
                            if (is(part, "Number")) ref.number = part.text().as_string();
                            if (is(part, "Paragraph")) ref.paragraph = part.text().as_string();
                            if (is(part, "Subparagraph"))
                                ref.subparagraph = part.text().as_string();
                        }
                        if (!ref.number.empty()) c->references.push_back(std::move(ref));
                    }
                }
            }
        }
    }

    struct Relationship {
        std::string role, arcrole, from, to, target_role;
        double order = 0;
        std::string context_element;
        bool closed = false;
    };
    std::vector<Relationship> dimensional_;

    void definition_link(const std::string& role,
                         const std::unordered_map<std::string, std::string>& locs,
                         const std::vector<Arc>& arcs) {
        auto name = [&](const std::string& label) -> std::string {
            auto it = locs.find(label);
            if (it == locs.end()) return "";
            const Declared* d = target(it->second);
            return d && d->ns == p_.core_namespace ? d->name : "";
        };
        for (const auto& a : arcs) {
            std::string from = name(a.from), to = name(a.to);
            if (!from.empty() && !to.empty())
                dimensional_.push_back({role, a.arcrole, from, to, a.target_role, a.order,
                                        a.context_element, a.closed});
        }
    }

    // Tables with their axes, axes with their domains and members, and each primary item
    // with the tables it sits in: an "all" arc's source and every item under it by
    // domain-member arcs in the same role.
    void dimensions() {
        using Key = std::pair<std::string, std::string>;  // role, concept
        std::map<Key, std::vector<const Relationship*>> children;
        auto ends_with = [](const std::string& s, std::string_view tail) {
            return std::string_view(s).ends_with(tail);
        };
        for (const auto& r : dimensional_) children[{r.role, r.from}].push_back(&r);
        for (auto& [key, list] : children)
            std::stable_sort(
                list.begin(), list.end(),
                [](const Relationship* a, const Relationship* b) { return a->order < b->order; });
        auto under = [&](const std::string& role, const std::string& from,
                         std::string_view arcrole) {
            std::vector<const Relationship*> out;
            auto it = children.find({role, from});
            if (it != children.end())
                for (const auto* r : it->second)
                    if (ends_with(r->arcrole, arcrole)) out.push_back(r);
            return out;
        };
        // Depth first under `from` by domain-member arcs, each concept once.
        std::function<void(const std::string&, const std::string&, std::vector<Member>&,
                           std::set<std::string>&)>
            members = [&](const std::string& role, const std::string& from,
                          std::vector<Member>& out, std::set<std::string>& seen) {
                for (const auto* r : under(role, from, "/domain-member")) {
                    std::string role_next = r->target_role.empty() ? role : r->target_role;
                    if (!seen.insert(r->to).second) continue;
                    out.push_back({r->to, from});
                    members(role_next, r->to, out, seen);
                }
            };
        for (const auto& r : dimensional_) {
            if (!ends_with(r.arcrole, "/all")) continue;
            std::string role = r.target_role.empty() ? r.role : r.target_role;
            auto& table = tables_[r.to];
            if (table.name.empty()) {
                table.name = r.to;
                table.role = role;
                table.context_element = r.context_element;
                table.closed = r.closed;
                for (const auto* hd : under(role, r.to, "/hypercube-dimension")) {
                    table.axes.push_back(hd->to);
                    auto& axis = axes_[hd->to];
                    if (!axis.name.empty()) continue;
                    axis.name = hd->to;
                    std::string axis_role = hd->target_role.empty() ? role : hd->target_role;
                    for (const auto* dd : under(axis_role, hd->to, "/dimension-domain")) {
                        axis.domain = dd->to;
                        std::set<std::string> seen{dd->to};
                        members(dd->target_role.empty() ? axis_role : dd->target_role, dd->to,
                                axis.members, seen);
                        break;
                    }
                }
            }
            std::vector<Member> items{{r.from, ""}};
            std::set<std::string> seen{r.from};
            members(r.role, r.from, items, seen);
            for (const auto& item : items)
                if (auto c = concepts_.find(item.name);
                    c != concepts_.end() && !c->second.abstract && c->second.kind == "item")
                    c->second.tables.push_back(r.to);
        }
        // Each enumeration's values: its domain's members in the role it names.
        std::map<std::string, Enumeration> enumerations;
        for (const auto& [name, c] : concepts_) {
            if (c.enum_domain.empty()) continue;
            std::string domain(local(c.enum_domain));
            auto& e = enumerations[domain];
            if (!e.domain.empty()) continue;
            e.domain = domain;
            e.role = c.enum_role;
            std::set<std::string> seen{domain};
            members(c.enum_role, domain, e.members, seen);
        }
        for (auto& [name, e] : enumerations) p_.enumerations.push_back(std::move(e));
    }
};

}  // namespace

std::optional<Package> read_gri_package(const std::filesystem::path& zip, Diagnostics& diags) {
    auto files = read_package_files(zip, PackageParts::schemas_and_linkbases, diags);
    if (!files) return std::nullopt;
    Package p = Reader(*files).run();
    Location where{zip.generic_string(), 0, 0};
    if (p.concepts.empty()) {
        diags.error("package.no-concepts", "the package declares no concept", where);
        return std::nullopt;
    }
    std::string bytes;
    if (!io::read_whole_file(zip, zip.generic_string(), bytes, diags)) return std::nullopt;
    p.sha256 = io::sha256_hex(bytes);
    return p;
}

std::string gri_taxonomy_xml(const Package& p) {
    std::string out;
    xbrl::XmlWriter w(out);
    w.declaration();
    w.comment(
        "GRI's taxonomy package as griexport uses it, written by `griexport import-taxonomy` "
        "from the package named here (docs/xbrl.md). Do not edit: import the package again.");
    w.open("gri-taxonomy", {{"identifier", p.identifier},
                            {"version", p.version},
                            {"publication-date", p.publication_date},
                            {"sha256", p.sha256},
                            {"entry-point", p.entry_point},
                            {"namespace", p.core_namespace},
                            {"part-namespace", p.part_namespace}});
    for (const auto& c : p.concepts) {
        std::vector<std::pair<std::string, std::string>> a{{"name", c.name}, {"kind", c.kind}};
        if (!c.type.empty()) a.emplace_back("type", c.type);
        if (!c.period.empty()) a.emplace_back("period", c.period);
        if (!c.balance.empty()) a.emplace_back("balance", c.balance);
        if (c.abstract) a.emplace_back("abstract", "true");
        if (!c.enum_domain.empty()) a.emplace_back("enumeration-domain", c.enum_domain);
        if (!c.typed_domain.empty()) a.emplace_back("typed-domain", c.typed_domain);
        if (!c.label.empty()) a.emplace_back("label", c.label);
        if (c.references.empty() && c.tables.empty()) {
            w.empty("concept", a);
            continue;
        }
        w.open("concept", a);
        for (const auto& r : c.references) {
            std::vector<std::pair<std::string, std::string>> ra{{"number", r.number}};
            if (!r.paragraph.empty()) ra.emplace_back("paragraph", r.paragraph);
            if (!r.subparagraph.empty()) ra.emplace_back("subparagraph", r.subparagraph);
            w.empty("ref", ra);
        }
        for (const auto& t : c.tables) w.empty("in-table", {{"name", t}});
        w.close();
    }
    for (const auto& t : p.tables) {
        w.open("table", {{"name", t.name},
                         {"role", t.role},
                         {"context-element", t.context_element},
                         {"closed", t.closed ? "true" : "false"}});
        for (const auto& a : t.axes) w.empty("axis", {{"name", a}});
        w.close();
    }
    for (const auto& a : p.axes) {
        if (a.domain.empty()) {
            w.empty("axis", {{"name", a.name}});
            continue;
        }
        w.open("axis", {{"name", a.name}, {"domain", a.domain}});
        for (const auto& m : a.members) w.empty("member", {{"name", m.name}, {"parent", m.parent}});
        w.close();
    }
    for (const auto& e : p.enumerations) {
        w.open("enumeration", {{"domain", e.domain}, {"role", e.role}});
        for (const auto& m : e.members) w.empty("member", {{"name", m.name}, {"parent", m.parent}});
        w.close();
    }
    w.close();
    return out;
}

}  // namespace griexport::taxonomy
