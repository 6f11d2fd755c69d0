#include <fmt/format.h>

#include "../io/xml_source.hpp"
#include "griexport/render.hpp"

namespace griexport {

std::optional<Labels> Labels::load(const std::filesystem::path& data_dir, std::string_view lang,
                                   std::vector<SourceFile>& sources, Diagnostics& diags) {
    std::string relative = fmt::format("templates/{}/labels.xml", lang);
    auto x = io::load_xml(data_dir, relative, true,
                          data_dir / "gri-mappings" / "schema" / "labels.xsd", diags);
    if (!x) return std::nullopt;
    sources.push_back({x->text.relative_path, x->text.sha256, x->text.display_path});
    Labels l;
    l.lang_ = std::string(lang);
    for (auto n : x->doc->child("labels").children("label")) {
        std::string key = n.attribute("key").as_string();
        if (!l.text_.emplace(key, n.text().as_string()).second)
            diags.error("id.duplicate", fmt::format("label '{}' given twice", key),
                        x->where(n, "key"));
    }
    return l;
}

std::string Labels::get(
    std::string_view key,
    std::initializer_list<std::pair<std::string_view, std::string>> args) const {
    auto it = text_.find(key);
    if (it == text_.end()) return fmt::format("[{}]", key);
    std::string s = it->second;
    for (const auto& [name, value] : args) {
        std::string placeholder = fmt::format("{{{}}}", name);
        for (auto p = s.find(placeholder); p != std::string::npos;
             p = s.find(placeholder, p + value.size()))
            s.replace(p, placeholder.size(), value);
    }
    return s;
}

std::string document_mark(const Dataset& ds, const DisclosureSet& set, const Labels& labels) {
    std::string mark;
    if (set.draft) mark = labels.get("mark.draft");
    if (ds.organisation.sample) mark += (mark.empty() ? "" : " · ") + labels.get("mark.sample");
    return mark;
}

std::string omission_explanation(const Omission& om, const Labels& labels) {
    const std::string& text = om.explanation.in(labels.lang());
    if (om.fit == Fit::full) return text;
    return labels.get(om.fit == Fit::partial ? "fit.partial" : "fit.proxy") + text;
}

}  // namespace griexport
