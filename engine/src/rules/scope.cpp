#include "scope.hpp"

#include <algorithm>

namespace griexport::rules {

std::vector<const Standard*> standards_for(const Catalogue& cat, const Date& start,
                                           const Date& end) {
    auto slot = [](const Standard& s) { return s.universal ? "#" + s.id : s.topic; };
    auto effective = [&](const Standard& s) {
        return !(start < s.effective_from) && !(s.superseded_from && !(start < *s.superseded_from));
    };
    std::vector<const Standard*> out;
    for (const auto& s : cat.standards) {
        if (effective(s)) {
            out.push_back(&s);
            continue;
        }
        if (end < s.published || (s.superseded_from && !(start < *s.superseded_from))) continue;
        bool other_in_force = std::any_of(
            cat.standards.begin(), cat.standards.end(),
            [&](const Standard& o) { return &o != &s && slot(o) == slot(s) && effective(o); });
        if (!other_in_force) out.push_back(&s);
    }
    return out;
}

bool disclosure_applies(const Disclosure& d, const Date& start) {
    return !d.superseded_from || start < *d.superseded_from;
}

}  // namespace griexport::rules
