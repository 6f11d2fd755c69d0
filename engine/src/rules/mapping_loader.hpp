// Loads gri-mappings/ (catalogue, topics, compliance, default rules) and the organisation's
// rules.xml into Mappings, sharing the Dataset's table of sources so that provenance
// points into one list of every file read.
#pragma once

#include "../io/load_context.hpp"
#include "griexport/evaluate.hpp"

namespace griexport::rules {

void load_mappings(io::LoadContext& ctx, Mappings& m);

}  // namespace griexport::rules
