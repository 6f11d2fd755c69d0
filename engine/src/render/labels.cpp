#include "griexport/labels.hpp"

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
    const std::string& text = it->second;
    if (args.size() == 0) return text;
    // One pass over the text: each {name} given is replaced by its value, which is put in
    // as it stands (a value that reads "{year}" stays so); other braces stay. A search and
    // a placeholder string per name was most of the cost of a million figures' headings.
    std::string out;
    out.reserve(text.size() + 32);
    std::size_t pos = 0;
    for (auto open = text.find('{'); open != std::string::npos; open = text.find('{', pos)) {
        auto close = text.find('}', open + 1);
        if (close == std::string::npos) break;
        std::string_view name(text.data() + open + 1, close - open - 1);
        const std::string* value = nullptr;
        for (const auto& [n, v] : args)
            if (n == name) {
                value = &v;
                break;
            }
        if (!value) {  // not a name given: the brace stays, and the scan goes on after it
            out.append(text, pos, open + 1 - pos);
            pos = open + 1;
            continue;
        }
        out.append(text, pos, open - pos);
        out += *value;
        pos = close + 1;
    }
    out.append(text, pos);
    return out;
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
