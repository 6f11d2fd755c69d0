// Which standards and disclosures apply to the reporting period and the organisation's
// material topics.
#pragma once

#include <string>
#include <vector>

#include "griexport/catalogue.hpp"
#include "griexport/model.hpp"

namespace griexport::rules {

struct ScopedDisclosure {
    const Disclosure* disclosure;
    std::string topic;  // the material topic, for 3-3 and topic standards
};

// The standards that apply to a period starting `start` and ending `end`: those effective
// by `start`, and, where no other version of the same slot (universal, or the topic) is
// effective, one published by `end` (early adoption, which GRI permits).
std::vector<const Standard*> standards_for(const Catalogue& cat, const Date& start,
                                           const Date& end);

// A disclosure applies unless it was superseded by the period's start.
bool disclosure_applies(const Disclosure& d, const Date& start);

}  // namespace griexport::rules
