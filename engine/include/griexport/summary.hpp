// A machine-readable summary of what was loaded: counts, inputs with their hashes, and the
// diagnostics. Deterministic: same inputs, same bytes.
#pragma once

#include <string>

#include "griexport/diagnostics.hpp"
#include "griexport/model.hpp"

namespace griexport {

std::string validation_summary_json(const Dataset& ds, const Diagnostics& diags);

}  // namespace griexport
