#include <algorithm>

#include "griexport/model.hpp"

namespace griexport {

const char* to_string(Dimension d) {
    switch (d) {
        case Dimension::area:
            return "area";
        case Dimension::category:
            return "category";
        case Dimension::scope:
            return "scope";
        case Dimension::gender:
            return "gender";
        case Dimension::administration:
            return "administration";
    }
    return "?";
}

std::optional<Dimension> dimension_from_string(std::string_view s) {
    for (std::size_t i = 0; i < dimension_count; ++i) {
        auto d = static_cast<Dimension>(i);
        if (s == to_string(d)) return d;
    }
    return std::nullopt;
}

const DefinitionVersion* Indicator::definition_on(const Date& d) const {
    for (const auto& v : definitions) {
        if (v.validity.contains(d)) return &v;
    }
    return nullptr;
}

void Dataset::index() {
    indicator_by_id_.clear();
    goal_by_id_.clear();
    for (std::uint32_t i = 0; i < indicators.size(); ++i)
        indicator_by_id_.emplace(indicators[i].id, i);
    for (std::uint32_t i = 0; i < goals.size(); ++i) goal_by_id_.emplace(goals[i].id, i);
    restatement_by_id_.clear();
    restatements_by_indicator_.clear();
    for (std::uint32_t i = 0; i < restatements.size(); ++i) {
        restatement_by_id_.emplace(restatements[i].id, i);  // the first of a duplicated id
        restatements_by_indicator_[restatements[i].indicator].push_back(i);
    }
}

const Restatement* Dataset::find_restatement(std::string_view id) const {
    auto it = restatement_by_id_.find(id);
    return it == restatement_by_id_.end() ? nullptr : &restatements[it->second];
}

const std::vector<std::uint32_t>& Dataset::restatements_of(std::string_view indicator) const {
    static const std::vector<std::uint32_t> none;
    auto it = restatements_by_indicator_.find(indicator);
    return it == restatements_by_indicator_.end() ? none : it->second;
}

std::optional<std::uint32_t> Dataset::indicator_index(std::string_view id) const {
    auto it = indicator_by_id_.find(id);
    if (it == indicator_by_id_.end()) return std::nullopt;
    return it->second;
}

const Indicator* Dataset::find_indicator(std::string_view id) const {
    auto i = indicator_index(id);
    return i ? &indicators[*i] : nullptr;
}

const Goal* Dataset::find_goal(std::string_view id) const {
    auto it = goal_by_id_.find(id);
    return it == goal_by_id_.end() ? nullptr : &goals[it->second];
}

}  // namespace griexport

namespace griexport {

const Narrative* Dataset::find_narrative(std::string_view disclosure,
                                         std::string_view topic) const {
    const Narrative* general = nullptr;
    for (const auto& n : narratives) {
        if (n.disclosure != disclosure) continue;
        if (n.topic == topic) return &n;
        if (n.topic.empty()) general = &n;
    }
    return general;
}

Location Dataset::location(const SourceRef& r) const {
    if (r.file >= sources.size()) return {};
    const auto& f = sources[r.file];
    if (!f.sheet.empty()) return cell_location(f.display_path, f.sheet, r.line, r.column);
    return {f.display_path, r.line, r.column};
}

}  // namespace griexport
