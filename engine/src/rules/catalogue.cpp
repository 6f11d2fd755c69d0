#include "griexport/catalogue.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "griexport/disclosure.hpp"
#include "griexport/rules.hpp"
#include "griexport/xbrl.hpp"

namespace griexport {

const Requirement* Disclosure::requirement(char id) const {
    for (const auto& r : requirements)
        if (r.id == id) return &r;
    return nullptr;
}

void Catalogue::index() {
    disclosure_by_number_.clear();
    for (std::size_t i = 0; i < disclosures.size(); ++i)
        disclosure_by_number_.emplace(disclosures[i].number, i);
}

const Disclosure* Catalogue::find_disclosure(std::string_view number) const {
    auto it = disclosure_by_number_.find(std::string(number));
    return it == disclosure_by_number_.end() ? nullptr : &disclosures[it->second];
}

const Standard* Catalogue::find_standard(std::string_view id) const {
    for (const auto& s : standards)
        if (s.id == id) return &s;
    return nullptr;
}

const Topic* Catalogue::find_topic(std::string_view id) const {
    for (const auto& t : topics)
        if (t.id == id) return &t;
    return nullptr;
}

const OmissionReason* Catalogue::find_reason(std::string_view id) const {
    for (const auto& r : omission_reasons)
        if (r.id == id) return &r;
    return nullptr;
}

bool Catalogue::may_omit(std::string_view disclosure) const {
    return std::find(never_omit.begin(), never_omit.end(), disclosure) == never_omit.end();
}

const Rule* RuleSet::find(std::string_view id) const {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &rules[it->second];
}

Rule* RuleSet::find(std::string_view id) {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &rules[it->second];
}

void RuleSet::add(Rule r) {
    index_[r.id] = rules.size();
    rules.push_back(std::move(r));
}

void RuleSet::reindex() {
    index_.clear();
    for (std::size_t i = 0; i < rules.size(); ++i) index_[rules[i].id] = i;
}

const ItemTypeRegistry* XbrlSettings::registry_of(std::string_view type) const {
    for (const auto& r : item_types)
        if (std::find(r.names.begin(), r.names.end(), type) != r.names.end()) return &r;
    return nullptr;
}

const char* to_string(DisclosureStatus s) {
    switch (s) {
        case DisclosureStatus::reported:
            return "reported";
        case DisclosureStatus::omitted:
            return "omitted";
        case DisclosureStatus::not_reported:
            return "not-reported";
        case DisclosureStatus::not_material:
            return "not-material";
    }
    return "?";
}

std::string requirement_label(std::string_view disclosure, char requirement) {
    return requirement ? fmt::format("{}-{}", disclosure, requirement) : std::string(disclosure);
}

const char* to_string(Fit f) {
    switch (f) {
        case Fit::full:
            return "full";
        case Fit::partial:
            return "partial";
        case Fit::proxy:
            return "proxy";
    }
    return "?";
}

const char* to_string(CoverageKind k) {
    switch (k) {
        case CoverageKind::fact:
            return "fact";
        case CoverageKind::narrative:
            return "narrative";
        case CoverageKind::annual_report:
            return "annual-report";
        case CoverageKind::omission:
            return "omission";
        case CoverageKind::none:
            return "none";
    }
    return "?";
}

const char* to_string(ProgressStatus s) {
    switch (s) {
        case ProgressStatus::achieved:
            return "achieved";
        case ProgressStatus::on_path:
            return "on-path";
        case ProgressStatus::behind:
            return "behind-path";
        case ProgressStatus::not_met:
            return "not-met";
    }
    return "";
}

const char* to_string(RuleResult r) {
    switch (r) {
        case RuleResult::value:
            return "value";
        case RuleResult::narrative:
            return "narrative";
        case RuleResult::omission:
            return "omission";
        case RuleResult::fallback_omission:
            return "fallback-omission";
        case RuleResult::no_data:
            return "no-data";
        case RuleResult::failed:
            return "failed";
        case RuleResult::no_text:
            return "no-text";
    }
    return "?";
}

std::vector<std::string> DisclosureEntry::uncovered() const {
    std::vector<std::string> out;
    for (const auto& c : coverage)
        if (c.by == CoverageKind::none) out.push_back(fmt::format("{}-{}", number, c.requirement));
    return out;
}

bool DisclosureEntry::partly_reported() const {
    if (status != DisclosureStatus::reported) return false;
    return std::any_of(coverage.begin(), coverage.end(),
                       [](const RequirementCoverage& c) { return c.by == CoverageKind::none; });
}

const DisclosureEntry* DisclosureSet::find(std::string_view number, std::string_view topic) const {
    for (const auto& d : disclosures)
        if (d.number == number && (topic.empty() || d.topic == topic)) return &d;
    return nullptr;
}

}  // namespace griexport
