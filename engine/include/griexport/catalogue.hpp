// The GRI catalogue and GRI 1's compliance rules, loaded from gri-mappings/. Standards,
// disclosures, their requirements, effective dates and taxonomy concepts are data.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "griexport/date.hpp"
#include "griexport/model.hpp"

namespace griexport {

// One requirement of a disclosure (305-1-a), with the taxonomy concept that tags it.
struct Requirement {
    char id = 'a';
    LocalText text;                // a short summary, not the standard's wording
    std::string concept_name;      // GRI Sustainability Taxonomy concept, or empty
    std::string item_type;         // "ghgEmissionsItemType"
    std::string period_type;       // "duration" or "instant"
    bool concept_assumed = false;  // named by convention, unverified against GRI's files
    // The text block that answers exactly this requirement in GRI's taxonomy (its reference
    // linkbase: the disclosure's number and this paragraph); empty when GRI has none or
    // several. Set from the imported taxonomy, never named by the catalogue.
    std::string text_block{};
    SourceRef source;
};

struct Disclosure {
    std::string number;    // "305-5"
    std::string standard;  // "GRI 305"
    LocalText title;
    std::vector<Requirement> requirements;
    std::optional<Date> superseded_from;
    std::string superseded_by;  // "102-4"
    bool per_topic = false;     // 3-3: once per material topic
    SourceRef source;

    const Requirement* requirement(char id) const;
};

struct Standard {
    std::string id;  // "GRI 305"
    int number = 0;
    int year = 0;
    bool universal = false;
    std::string topic;  // empty for universal standards
    Date published;
    Date effective_from;
    std::optional<Date> superseded_from;
    bool needs_check = false;  // the encoding awaits a check against the published text
    bool sv_official = false;  // Swedish texts from GRI's translation, not griexport's
    LocalText title;
    std::vector<std::string> disclosures;  // numbers, in the standard's order
    SourceRef source;
};

// A Sector Standard (GRI 11–14): the topics it lists as likely material.
struct LikelyTopic {
    std::string number;  // "11.1"
    std::string topic;   // a catalogue topic with a topic standard, or empty
    LocalText title;
};
struct Sector {
    std::string id;  // "GRI 11"
    int number = 0;
    int year = 0;
    Date published;
    Date effective_from;
    LocalText title;
    std::vector<LikelyTopic> topics;
};

struct Topic {
    std::string id;  // "emissions"
    LocalText title;
    SourceRef source;
};

struct OmissionReason {
    std::string id;  // "information-unavailable"
    LocalText label;
    LocalText asks;  // what the explanation must say
};

enum class ComplianceCheck {
    principles_applied,
    standard_complete,
    material_topics_determined,
    topics_complete,
    omissions_valid,
    content_index,
    statement_of_use,
    gri_notified,
};

// One of GRI 1's nine requirements for "in accordance".
struct ClaimRequirement {
    int number = 0;
    ComplianceCheck check = ComplianceCheck::content_index;
    std::string standard;  // for standard_complete
    LocalText title;
};

// A requirement organisation.xml answers (2-3-c from <publication>, 2-3-d from <contact>).
struct FromOrganisation {
    std::string disclosure;  // "2-3"
    char requirement = 'c';
    std::string field;   // "publication-date", "contact"
    LocalText sentence;  // with {value}
    SourceRef source;
};

// A kind of reporting body (compliance.xml <organisation-kind>).
struct OrganisationKind {
    std::string id;        // "region"
    LocalText possessive;  // "regionens", "the region's"
    LocalText legal_form;  // 2-1-b without <legal-form> in organisation.xml
    LocalText countries;   // 2-1-d without <countries>
};

struct ClaimWording {
    LocalText label;      // "in accordance with the GRI Standards"
    LocalText statement;  // with {organisation}, {start}, {end}
};

struct Catalogue {
    std::vector<Standard> standards;
    std::vector<Disclosure> disclosures;
    std::vector<Topic> topics;
    std::vector<OmissionReason> omission_reasons;
    std::vector<std::string> never_omit;
    std::vector<ClaimRequirement> requirements;
    std::vector<FromOrganisation> from_organisation;
    std::vector<Sector> sectors;
    std::vector<OrganisationKind> organisation_kinds;
    const OrganisationKind* find_kind(std::string_view id) const {
        for (const auto& k : organisation_kinds)
            if (k.id == id) return &k;
        return nullptr;
    }
    ClaimWording in_accordance;
    ClaimWording with_reference;

    const Disclosure* find_disclosure(std::string_view number) const;
    const Standard* find_standard(std::string_view id) const;
    const Topic* find_topic(std::string_view id) const;
    const OmissionReason* find_reason(std::string_view id) const;
    bool may_omit(std::string_view disclosure) const;
    const ClaimWording& wording(Claim c) const {
        return c == Claim::in_accordance ? in_accordance : with_reference;
    }
    void index();

  private:
    std::unordered_map<std::string, std::size_t> disclosure_by_number_;
};

}  // namespace griexport
