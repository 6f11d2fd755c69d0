// GRI 1's requirements checked against the DisclosureSet: decides the claim, names each
// requirement that kept it from "in accordance", writes the statement of use.
#pragma once

#include "griexport/catalogue.hpp"
#include "griexport/diagnostics.hpp"
#include "griexport/disclosure.hpp"

namespace griexport::rules {

void decide_claim(const Dataset& ds, const Catalogue& cat, DisclosureSet& out, Diagnostics& diags);

}  // namespace griexport::rules
