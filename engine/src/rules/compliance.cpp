#include "compliance.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "../text/format.hpp"

namespace griexport::rules {

namespace {

bool addressed(const DisclosureEntry& e) {
    return e.status == DisclosureStatus::reported || e.status == DisclosureStatus::omitted;
}

std::string label_of(const DisclosureEntry& e) {
    return e.topic.empty() ? e.number : fmt::format("{} ({})", e.number, e.topic);
}

// What keeps a disclosure from counting as reported or omitted: the disclosure itself
// when nothing addresses it, else each requirement neither reported nor omitted (GRI 1
// asks every requirement of a disclosure it reports to be one or the other).
void add_gaps(const DisclosureEntry& e, std::vector<std::string>& out) {
    if (!addressed(e)) {
        out.push_back(label_of(e));
        return;
    }
    for (auto& g : e.uncovered())
        out.push_back(e.topic.empty() ? std::move(g) : fmt::format("{} ({})", g, e.topic));
}

std::string fill(std::string text, std::string_view key, std::string_view value) {
    for (auto p = text.find(key); p != std::string::npos; p = text.find(key, p + value.size()))
        text.replace(p, key.size(), value);
    return text;
}

}  // namespace

void decide_claim(const Dataset& ds, const Catalogue& cat, DisclosureSet& out, Diagnostics& diags) {
    const Organisation& o = ds.organisation;
    for (const auto& req : cat.requirements) {
        ClaimBlocker b{req.number, req.title, {}};
        bool failed = false;
        switch (req.check) {
            case ComplianceCheck::principles_applied:
                failed = !o.principles_applied;
                break;
            case ComplianceCheck::standard_complete:
                for (const auto& e : out.disclosures)
                    if (e.standard == req.standard && e.status != DisclosureStatus::not_material)
                        add_gaps(e, b.disclosures);
                failed = !b.disclosures.empty();
                break;
            case ComplianceCheck::material_topics_determined:
                failed = !o.material_topics_determined || o.material_topics.empty();
                break;
            case ComplianceCheck::topics_complete: {
                for (const auto& e : out.disclosures) {
                    const Standard* s = cat.find_standard(e.standard);
                    if (s && !s->universal && e.status != DisclosureStatus::not_material)
                        add_gaps(e, b.disclosures);
                }
                failed = !b.disclosures.empty();
                break;
            }
            case ComplianceCheck::omissions_valid:
                for (const auto& om : out.omissions) {
                    std::string name = om.requirement
                                           ? fmt::format("{}-{}", om.disclosure, om.requirement)
                                           : om.disclosure;
                    bool bad = false;
                    if (!cat.may_omit(om.disclosure)) {
                        diags.warning("omission.not-allowed",
                                      fmt::format("GRI 1 does not allow {} to be omitted (rule "
                                                  "'{}'); report it to claim \"in accordance\"",
                                                  name, om.rule),
                                      ds.location(om.source));
                        bad = true;
                    }
                    for (const auto& lang : o.languages) {
                        if (!om.explanation.in(lang).empty()) continue;
                        const auto* reason = cat.find_reason(om.reason);
                        diags.warning("omission.no-explanation",
                                      fmt::format("the omission of {} has no explanation in {}; "
                                                  "it must say {}",
                                                  name, lang, reason ? reason->asks.en : "why"),
                                      ds.location(om.source));
                        bad = true;
                    }
                    if (bad) b.disclosures.push_back(name);
                }
                failed = !b.disclosures.empty();
                break;
            case ComplianceCheck::content_index:
            case ComplianceCheck::statement_of_use:
                // build writes both, always.
                break;
            case ComplianceCheck::gri_notified:
                // Asked for either claim, so it cannot tell them apart: a report without
                // it is a draft (decide_release), not a "with reference" one.
                break;
        }
        if (failed) out.blockers.push_back(std::move(b));
    }
    out.claim = o.claim_sought == Claim::in_accordance && out.blockers.empty()
                    ? Claim::in_accordance
                    : Claim::with_reference;
    if (o.claim_sought == Claim::in_accordance && out.claim != o.claim_sought) {
        std::string numbers;
        for (const auto& b : out.blockers)
            numbers += (numbers.empty() ? "" : ", ") + std::to_string(b.requirement);
        diags.warning("claim.with-reference",
                      fmt::format("the report can claim only \"with reference to\" the GRI "
                                  "Standards: GRI 1 requirement{} {} not met (see manifest.json "
                                  "claim_blockers)",
                                  out.blockers.size() == 1 ? "" : "s", numbers),
                      ds.location(o.claim_source));
    }
    const auto& wording = cat.wording(out.claim);
    Date end = o.reporting_period.to.value_or(o.reporting_period.from);
    for (std::string lang : {"sv", "en"}) {
        std::string s = wording.statement.in(lang);
        s = fill(s, "{organisation}", o.name.in(lang).empty() ? o.name.sv : o.name.in(lang));
        s = fill(s, "{start}", text::long_date(o.reporting_period.from, lang));
        s = fill(s, "{end}", text::long_date(end, lang));
        (lang == "sv" ? out.statement_of_use.sv : out.statement_of_use.en) = s;
    }
}

void decide_release(const Dataset& ds, DisclosureSet& out, Diagnostics& diags, bool final_release) {
    const Organisation& o = ds.organisation;
    out.draft = !o.gri_notified || !o.publication_date;
    auto say = [&](std::string code, std::string message, Location where) {
        diags.add(final_release ? Severity::error : Severity::warning, std::move(code),
                  std::move(message) + (final_release ? "; --final publishes nothing without it"
                                                      : "; the documents are marked as a draft"),
                  std::move(where));
    };
    if (!o.gri_notified)
        say("claim.gri-not-notified",
            "organisation.xml records no notification of GRI (<gri-1 gri-notified=\"…\"/>), "
            "which GRI 1 asks for either claim",
            ds.location(o.gri_1_source));
    if (!o.publication_date)
        say("publication.date-missing",
            "organisation.xml records no publication date (<publication date=\"…\"/>): GRI "
            "standards apply by the date a report is published, and 2-3-c asks for it",
            ds.location(o.publication_source));
}

}  // namespace griexport::rules
