// The GRI content index as CSV: GRI 1's columns (standard, disclosure, location, omission)
// and the organisation's own goal and indicator ids after them.
#include <fmt/format.h>

#include <algorithm>

#include "griexport/render.hpp"

namespace griexport {

namespace {

// A text cell. Spreadsheets run a cell that begins with = + - @ (or a tab or carriage
// return before one) as a formula when they open the file: such a cell starts with an
// apostrophe, which Excel and LibreOffice show as text and do not print. Every cell of the
// content index is text (its figures are in the supplement), so none is left out.
std::string csv_field(std::string_view s) {
    std::string cell;
    if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos)
        cell += '\'';
    cell += s;
    if (cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
    std::string out = "\"";
    for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (const auto& i : items) {
        if (!out.empty()) out += sep;
        out += i;
    }
    return out;
}

void add_unique(std::vector<std::string>& v, std::string s) {
    if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

}  // namespace

std::vector<ContentIndexRow> content_index_rows(const Mappings& m, const DisclosureSet& set,
                                                const Labels& labels) {
    const std::string& lang = labels.lang();
    std::vector<ContentIndexRow> rows;
    for (const auto& e : set.disclosures) {
        if (e.status == DisclosureStatus::not_material ||
            e.status == DisclosureStatus::not_reported)
            continue;
        const Disclosure* d = m.catalogue.find_disclosure(e.number);
        const Standard* s = d ? m.catalogue.find_standard(d->standard) : nullptr;
        std::string title = d ? d->title.in(lang) : "";
        if (d && d->per_topic) {
            const Topic* t = m.catalogue.find_topic(e.topic);
            title = labels.get("topic.title",
                               {{"title", title}, {"topic", t ? t->title.in(lang) : e.topic}});
        }
        std::vector<std::string> locations;
        for (const auto& pages : e.annual_report_pages)
            locations.push_back(labels.get("location.annual-report", {{"pages", pages}}));
        if (e.in_supplement)
            locations.push_back(labels.get("location.supplement", {{"section", e.number}}));
        auto gaps = e.uncovered();
        if (!gaps.empty())
            locations.push_back(
                labels.get("location.not-covered", {{"requirements", join(gaps, ", ")}}));

        std::vector<std::string> requirements, reasons, explanations;
        for (auto oi : e.omissions) {
            const Omission& om = set.omissions[oi];
            std::string req = om.requirement ? fmt::format("{}-{}", om.disclosure, om.requirement)
                                             : om.disclosure;
            add_unique(requirements, req);
            const auto* reason = m.catalogue.find_reason(om.reason);
            add_unique(reasons, reason ? reason->label.in(lang) : om.reason);
            std::string text = omission_explanation(om, labels);
            explanations.push_back(e.omissions.size() > 1 ? fmt::format("{}: {}", req, text)
                                                          : text);
        }
        std::vector<std::string> refs;
        for (const auto& g : e.goals) refs.push_back(labels.get("ref.goal", {{"id", g}}));
        for (const auto& i : e.indicators) refs.push_back(labels.get("ref.indicator", {{"id", i}}));
        rows.push_back({s ? s->title.in(lang) : e.standard, e.number, title,
                        join(locations, labels.get("location.separator")), join(requirements, " "),
                        join(reasons, "; "), join(explanations, "\n"),
                        join(refs, labels.get("ref.separator")), join(gaps, " ")});
    }
    return rows;
}

std::string content_index_csv(const Dataset&, const Mappings& m, const DisclosureSet& set,
                              const Labels& labels) {
    std::string out =
        "gri_standard,disclosure,title,location,omission_requirements,omission_reason,"
        "omission_explanation,internal_refs,requirements_not_covered\n";
    for (const auto& r : content_index_rows(m, set, labels)) {
        const std::string* fields[] = {&r.standard,    &r.disclosure,    &r.title,
                                       &r.location,    &r.omitted,       &r.reason,
                                       &r.explanation, &r.internal_refs, &r.not_covered};
        for (std::size_t i = 0; i < std::size(fields); ++i) {
            if (i) out += ',';
            out += csv_field(*fields[i]);
        }
        out += '\n';
    }
    return out;
}

}  // namespace griexport
