// griexport suggest: rule skeletons for every requirement the sought claim still needs,
// written to rules.suggested.xml for the organisation to edit into rules.xml. A value rule
// where an indicator of the topic's goals measures what the requirement's concept does,
// else an omission with the reasons GRI 1 allows, its explanation left to be written.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include "../render/xbrl/xml_writer.hpp"
#include "griexport/output.hpp"
#include "griexport/starter.hpp"

namespace griexport {

namespace {

// In an XML comment "--" may not appear.
std::string commented(std::string s) {
    for (auto p = s.find("--"); p != std::string::npos; p = s.find("--", p)) s.replace(p, 2, "- -");
    return s;
}

// What a unit must measure to answer a requirement whose concept has this item type.
std::string quantity_for(std::string_view item_type) {
    static const std::map<std::string_view, std::string_view> q{
        {"ghgEmissionsItemType", "ghg-mass"},
        {"energyItemType", "energy"},
        {"massItemType", "mass"},
        {"percentItemType", "ratio"},
        {"volumeItemType", "volume"},
        {"areaItemType", "area"},
        {"monetaryItemType", "money"},
        {"integerItemType", "count"},
        {"nonNegativeIntegerItemType", "count"}};
    auto it = q.find(item_type);
    return it == q.end() ? std::string() : std::string(it->second);
}

class Suggester {
  public:
    Suggester(const Dataset& ds, const Mappings& m, const DisclosureSet& set)
        : ds_(ds), m_(m), set_(set) {}

    std::string run() {
        std::string out =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<!-- Written by griexport suggest: a skeleton for every requirement of a disclosure\n"
            "     in scope that nothing reports yet. Check each suggested value against what GRI\n"
            "     asks, write each omission's explanation in both languages (an empty one keeps\n"
            "     the claim at \"with reference to\"), then copy what you keep into rules.xml.\n"
            "     docs/getting-started.md explains each step. -->\n<rules>\n";
        out += sector_topics();
        for (const auto& e : set_.disclosures) {
            if (e.status == DisclosureStatus::not_material) continue;
            const Disclosure* d = m_.catalogue.find_disclosure(e.number);
            if (!d) continue;
            for (const auto& c : e.coverage)
                if (c.by == CoverageKind::none)
                    if (const Requirement* r = d->requirement(c.requirement))
                        out += suggestion(e, *d, *r);
        }
        return out + "</rules>\n";
    }

  private:
    // The Sector Standard's likely material topics the organisation has not declared:
    // GRI 3 asks it to review each and say why one is not material.
    std::string sector_topics() const {
        const auto& o = ds_.organisation;
        for (const auto& s : m_.catalogue.sectors) {
            if (s.id != o.sector) continue;
            std::string list;
            for (const auto& t : s.topics) {
                bool declared =
                    !t.topic.empty() &&
                    std::any_of(o.material_topics.begin(), o.material_topics.end(),
                                [&](const MaterialTopic& mt) { return mt.id == t.topic; });
                if (declared) continue;
                list += fmt::format("\n         {} {}{}", t.number, t.title.en,
                                    t.topic.empty() ? "" : " (topic id " + t.topic + ")");
            }
            if (list.empty()) return "";
            return "  <!-- " +
                   commented(fmt::format("{} lists these topics as likely material, and "
                                         "organisation.xml does not declare them. Add each that "
                                         "is material to <material-topics>; for the others, "
                                         "say in 3-2 why not:{}",
                                         s.title.en, list)) +
                   " -->\n";
        }
        return "";
    }

    // Indicators of the goals the topic names whose unit measures `quantity`.
    std::vector<const Indicator*> fitting(const std::string& topic, const std::string& quantity) {
        std::vector<const Indicator*> out;
        if (quantity.empty()) return out;
        for (const auto& mt : ds_.organisation.material_topics) {
            if (!topic.empty() && mt.id != topic) continue;
            for (const auto& ind : ds_.indicators)
                if (std::find(mt.goals.begin(), mt.goals.end(), ind.goal) != mt.goals.end() &&
                    ds_.units.get(ind.unit).quantity == quantity &&
                    std::find(out.begin(), out.end(), &ind) == out.end())
                    out.push_back(&ind);
        }
        return out;
    }

    // A default rule for the same requirement: a suggestion replaces it (override).
    const Rule* default_for(const std::string& number, char requirement) const {
        for (const auto& r : m_.rules.rules)
            if (!r.from_organisation && r.disclosure == number && r.requirement == requirement)
                return &r;
        return nullptr;
    }

    std::string suggestion(const DisclosureEntry& e, const Disclosure& d, const Requirement& r) {
        std::string label = fmt::format("{}-{}", e.number, r.id);
        const Topic* topic = m_.catalogue.find_topic(e.topic);
        std::string head = fmt::format("{} {}{}", label, r.text.en,
                                       d.per_topic && topic ? " (" + topic->title.en + ")" : "");
        bool never = std::find(m_.catalogue.never_omit.begin(), m_.catalogue.never_omit.end(),
                               e.number) != m_.catalogue.never_omit.end();
        // A topic standard's disclosure belongs to the topic; GRI 2 and 3 to every goal.
        std::string topic_id = e.topic.empty() && !d.per_topic ? topic_of(d) : e.topic;
        auto inds = fitting(topic_id, quantity_for(r.item_type));
        std::optional<std::string> expression;
        if (!inds.empty())
            expression =
                expression_for(static_cast<std::uint32_t>(inds.front() - ds_.indicators.data()), r);
        const Rule* dflt = default_for(e.number, r.id);
        std::string id =
            dflt ? dflt->id : "suggested." + label + (d.per_topic ? "." + e.topic : "");
        std::string attrs = fmt::format("id=\"{}\" disclosure=\"{}\" requirement=\"{}\"{}{}",
                                        xbrl::escape_attribute(id), e.number, r.id,
                                        d.per_topic ? " topic=\"" + e.topic + "\"" : "",
                                        dflt ? " override=\"true\"" : "");
        if (expression) {
            const Indicator& ind = *inds.front();
            const Unit& u = ds_.units.get(ind.unit);
            std::string others;
            for (std::size_t i = 1; i < inds.size(); ++i)
                others += (others.empty() ? "" : ", ") + inds[i]->id;
            return "  <!-- " +
                   commented(fmt::format(
                       "{}.\n       Suggested: indicator {} ({}, goal {}): its unit measures {}, "
                       "what the\n       requirement's concept ({}) measures.{} Check that it is "
                       "what GRI asks.",
                       head, ind.id, u.id, ind.goal, u.quantity, r.item_type,
                       others.empty() ? "" : " Also fitting: " + others + ".")) +
                   " -->\n" +
                   fmt::format(
                       "  <rule {}>\n    <value unit=\"{}\" precision=\"{}\">{}"
                       "</value>\n  </rule>\n",
                       attrs, xbrl::escape_attribute(u.id), ind.precision,
                       xbrl::escape_text(*expression));
        }
        if (never)
            return "  <!-- " +
                   commented(fmt::format(
                       "{}.\n       GRI 1 allows no omission in {}: write it in narratives.xml, "
                       "<narrative disclosure=\"{}\" covers=\"{}\">, or give its pages in the "
                       "annual report.",
                       head, e.number, e.number, r.id)) +
                   " -->\n";
        std::string reasons;
        for (const auto& reason : m_.catalogue.omission_reasons)
            reasons += fmt::format("\n         {}: say {}", reason.id, reason.asks.en);
        return "  <!-- " +
               commented(fmt::format("{}.\n       No indicator of the topic's goals measures it. "
                                     "Report it in a rule or narrative,\n       or omit it "
                                     "for one of the reasons GRI 1 allows:{}",
                                     head, reasons)) +
               " -->\n" +
               fmt::format(
                   "  <rule {}>\n    <omit reason=\"information-unavailable\">"
                   "<sv></sv><en></en></omit>\n  </rule>\n",
                   attrs);
    }

    // value("id"); for the climate accounts' indicator and a Scope 1, 2 or 3 concept, the
    // scope's rows (value(climate, scope="1")), since the total is not any one scope;
    // nothing when the year has no such rows (an omission is then the suggestion).
    std::optional<std::string> expression_for(std::uint32_t indicator, const Requirement& r) const {
        const Indicator& ind = ds_.indicators[indicator];
        if (ind.id == ds_.climate_indicator) {
            for (char n : {'1', '2', '3'}) {
                if (r.concept_name.find(std::string("Scope") + n) == std::string::npos) continue;
                // Scope rows do not say location- or market-based; the first is the default.
                if (r.concept_name.find("MarketBased") != std::string::npos) return std::nullopt;
                auto scope = static_cast<std::size_t>(Dimension::scope);
                int year = ds_.organisation.reporting_period.from.year;
                bool rows = std::any_of(
                    ds_.observations.begin(), ds_.observations.end(), [&](const Observation& o) {
                        return o.indicator == indicator && o.year == year && o.dimensions[scope] &&
                               ds_.dimension_value(o.dimensions[scope]) == std::string(1, n);
                    });
                if (!rows) return std::nullopt;
                return fmt::format("value(climate, scope=\"{}\")", n);
            }
        }
        return fmt::format("value(\"{}\")", ind.id);
    }

    // The material topic a topic standard's disclosure belongs to.
    std::string topic_of(const Disclosure& d) const {
        const Standard* s = m_.catalogue.find_standard(d.standard);
        return s ? s->topic : "";
    }

    const Dataset& ds_;
    const Mappings& m_;
    const DisclosureSet& set_;
};

}  // namespace

Diagnostics suggest_rules(const std::filesystem::path& folder, const LoadOptions& options) {
    auto ev = evaluate_organisation(folder, options);
    if (!ev.disclosures || ev.diagnostics.has_errors()) return std::move(ev.diagnostics);
    Diagnostics diags;
    OutputSet out(folder, OutputSet::Mode::add);
    out.add("rules.suggested.xml", "rules-suggested",
            Suggester(*ev.dataset, *ev.mappings, *ev.disclosures).run(), diags);
    out.commit(diags);
    return diags;
}

}  // namespace griexport
