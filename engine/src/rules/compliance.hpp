// GRI 1's requirements checked against the DisclosureSet: decides the claim, names each
// requirement that kept it from "in accordance", writes the statement of use.
#pragma once

#include "griexport/catalogue.hpp"
#include "griexport/diagnostics.hpp"
#include "griexport/disclosure.hpp"

namespace griexport::rules {

void decide_claim(const Dataset& ds, const Catalogue& cat, DisclosureSet& out, Diagnostics& diags);

// Draft or final: GRI 1 asks GRI to be notified for either claim, and the standards in
// force depend on the publication date. Without both the documents are a draft (warnings);
// for a final release their absence is an error.
void decide_release(const Dataset& ds, DisclosureSet& out, Diagnostics& diags, bool final_release);

}  // namespace griexport::rules
