#include "instance.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace griexport::xbrl {

std::string ncname_part(std::string_view id) {
    std::string out;
    for (char c : id) {
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-';
        out += ok ? c : '_';
    }
    return out;
}

std::string InstanceBuilder::duration(const std::string& scheme, const std::string& identifier,
                                      const Date& start, const Date& end,
                                      const std::vector<TypedMember>& dims) {
    std::string key = fmt::format("{}|{}|{}|{}", scheme, identifier, start.iso(), end.iso());
    for (const auto& d : dims) key += "|" + d.dimension + "=" + d.value;
    if (auto it = context_ids_.find(key); it != context_ids_.end()) return it->second;
    // Readable ids: D2021 for a calendar year, D2018-2030 across years, then the members.
    std::string id = start.year == end.year ? fmt::format("D{}", start.year)
                                            : fmt::format("D{}-{}", start.year, end.year);
    bool whole_years = start.month == 1 && start.day == 1 && end.month == 12 && end.day == 31;
    if (!whole_years) id = fmt::format("D{}_{}", start.iso(), end.iso());
    for (const auto& d : dims) {
        auto local = d.dimension.substr(d.dimension.find(':') + 1);
        if (local.ends_with("Axis")) local.resize(local.size() - 4);
        id += "_" + local + "-" + ncname_part(d.value);
    }
    std::string unique = id;
    for (int n = 2; std::any_of(inst_.contexts.begin(), inst_.contexts.end(),
                                [&](const Context& c) { return c.id == unique; });
         ++n)
        unique = fmt::format("{}_{}", id, n);
    inst_.contexts.push_back({unique, scheme, identifier, false, start, end, dims});
    context_ids_[key] = unique;
    return unique;
}

std::string InstanceBuilder::unit(const std::string& measure,
                                  const std::vector<std::string>& item_types) {
    if (auto it = unit_ids_.find(measure); it != unit_ids_.end()) return it->second;
    std::string id = "u_" + ncname_part(measure.substr(measure.find(':') + 1));
    inst_.units.push_back({id, measure, item_types});
    unit_ids_[measure] = id;
    return id;
}

bool utr_constrained(std::string_view item_type, const std::vector<std::string>& known) {
    return std::find(known.begin(), known.end(), item_type) != known.end();
}

void check_instance(const Instance& inst, const std::vector<std::string>& constrained_types,
                    const std::string& file, Diagnostics& diags) {
    std::map<std::string, const Context*> contexts;
    std::map<std::string, const Unit*> units;
    for (const auto& c : inst.contexts) contexts[c.id] = &c;
    for (const auto& u : inst.units) units[u.id] = &u;
    Location where{file, 0, 0};
    for (const auto& f : inst.facts) {
        auto c = contexts.find(f.context);
        if (c == contexts.end()) {
            diags.error("xbrl.undefined-context",
                        fmt::format("{} refers to context '{}', which is not defined",
                                    f.concept_name, f.context),
                        where);
            continue;
        }
        bool instant_concept = f.period_type == "instant";
        if (instant_concept != c->second->instant)
            diags.error("xbrl.period-type",
                        fmt::format("{} is a {} concept but context '{}' is {}", f.concept_name,
                                    f.period_type, f.context,
                                    c->second->instant ? "an instant" : "a duration"),
                        where);
        if (!f.numeric) {
            if (!f.unit.empty())
                diags.error("xbrl.unit-on-text",
                            fmt::format("non-numeric {} has a unit", f.concept_name), where);
            continue;
        }
        auto u = units.find(f.unit);
        if (u == units.end()) {
            diags.error(
                "xbrl.undefined-unit",
                fmt::format("{} refers to unit '{}', which is not defined", f.concept_name, f.unit),
                where);
            continue;
        }
        const auto& allowed = u->second->item_types;
        if (utr_constrained(f.item_type, constrained_types) &&
            std::find(allowed.begin(), allowed.end(), f.item_type) == allowed.end())
            diags.error("xbrl.unit-type",
                        fmt::format("{} is of type {}, which the Unit Type Registry does not "
                                    "allow with unit {}",
                                    f.concept_name, f.item_type, u->second->measure),
                        where);
    }
}

void write_context(XmlWriter& w, const Context& c) {
    w.open("xbrli:context", {{"id", c.id}});
    w.open("xbrli:entity");
    w.leaf("xbrli:identifier", c.identifier, {{"scheme", c.scheme}});
    if (!c.dimensions.empty()) {
        w.open("xbrli:segment");
        for (const auto& d : c.dimensions) {
            w.open("xbrldi:typedMember", {{"dimension", d.dimension}});
            w.leaf(d.element, d.value);
            w.close();
        }
        w.close();
    }
    w.close();
    w.open("xbrli:period");
    if (c.instant) {
        w.leaf("xbrli:instant", c.end.iso());
    } else {
        w.leaf("xbrli:startDate", c.start.iso());
        w.leaf("xbrli:endDate", c.end.iso());
    }
    w.close();
    w.close();
}

void write_unit(XmlWriter& w, const Unit& u) {
    w.open("xbrli:unit", {{"id", u.id}});
    w.leaf("xbrli:measure", u.measure);
    w.close();
}

void write_fact(XmlWriter& w, const Fact& f) {
    if (f.numeric) {
        std::string decimals = std::to_string(f.decimals);
        w.leaf(f.concept_name, f.value,
               {{"contextRef", f.context}, {"unitRef", f.unit}, {"decimals", decimals}});
    } else if (!f.lang.empty()) {
        w.leaf(f.concept_name, f.value, {{"contextRef", f.context}, {"xml:lang", f.lang}});
    } else {
        w.leaf(f.concept_name, f.value, {{"contextRef", f.context}});
    }
}

std::string write_instance(const Instance& inst) {
    std::string out;
    XmlWriter w(out);
    w.declaration();
    for (const auto& c : inst.comments) w.comment(c);
    std::vector<std::pair<std::string, std::string>> attrs;
    for (const auto& [prefix, uri] : inst.namespaces) attrs.emplace_back("xmlns:" + prefix, uri);
    w.open("xbrli:xbrl", attrs);
    w.empty("link:schemaRef", {{"xlink:type", "simple"}, {"xlink:href", inst.schema_ref}});
    for (const auto& c : inst.contexts) write_context(w, c);
    for (const auto& u : inst.units) write_unit(w, u);
    for (const auto& f : inst.facts) write_fact(w, f);
    w.close();
    return out;
}

std::string xhtml_paragraphs(std::string_view text) {
    std::string out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto end = text.find("\n\n", pos);
        auto para = text.substr(pos, end == std::string_view::npos ? end : end - pos);
        while (!para.empty() && (para.front() == '\n' || para.front() == ' '))
            para.remove_prefix(1);
        while (!para.empty() && (para.back() == '\n' || para.back() == ' ')) para.remove_suffix(1);
        if (!para.empty()) {
            out += "<p xmlns=\"http://www.w3.org/1999/xhtml\">";
            std::size_t lpos = 0;
            for (;;) {
                auto nl = para.find('\n', lpos);
                out +=
                    escape_text(para.substr(lpos, nl == std::string_view::npos ? nl : nl - lpos));
                if (nl == std::string_view::npos) break;
                out += "<br/>";
                lpos = nl + 1;
            }
            out += "</p>";
        }
        if (end == std::string_view::npos) break;
        pos = end + 2;
    }
    return out;
}

}  // namespace griexport::xbrl
