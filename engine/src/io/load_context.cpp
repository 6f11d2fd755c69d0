#include "load_context.hpp"

namespace griexport::io {

std::uint32_t LoadContext::add_source(const SourceText& text) {
    auto id = static_cast<std::uint32_t>(ds.sources.size());
    ds.sources.push_back({text.relative_path, text.sha256, text.display_path});
    return id;
}

Location LoadContext::location(const SourceRef& r) const {
    return ds.location(r);
}

DimensionValueId LoadContext::intern(std::string_view value) {
    if (value.empty()) return 0;
    if (ds.dimension_values.empty()) ds.dimension_values.emplace_back();
    if (auto it = interned_.find(value); it != interned_.end()) return it->second;
    auto id = static_cast<DimensionValueId>(ds.dimension_values.size());
    interned_.emplace(std::string(value), id);
    ds.dimension_values.emplace_back(value);
    return id;
}

ObservationTextId LoadContext::observation_text(std::string_view value) {
    if (value.empty()) return 0;
    if (auto it = texts_.find(value); it != texts_.end()) return it->second;
    auto id = static_cast<ObservationTextId>(ds.observation_texts.size());
    texts_.emplace(std::string(value), id);
    ds.observation_texts.emplace_back(value);
    return id;
}

LocalText read_local_text(const pugi::xml_node& node) {
    return {node.child("sv").text().as_string(), node.child("en").text().as_string()};
}

}  // namespace griexport::io
