// Checks of the programme's substance once the rules have run: restatements between
// compared periods (GRI 2-4) and progress toward targets on the straight path.
#pragma once

#include "evaluator.hpp"
#include "griexport/diagnostics.hpp"
#include "griexport/disclosure.hpp"
#include "griexport/evaluate.hpp"

namespace griexport::rules {

// Every observation, target and climate-accounts figure can be printed at its precision
// inside the exact range: value.out-of-range at its row otherwise, so that no renderer
// meets an overflow.
void check_printable(const Dataset& ds, Diagnostics& diags);

// The years a report compares: the base year, the previous year and the reporting year.
std::vector<int> compared_years(const Organisation& o);

// A definition or calculation-model change between compared years needs a restatement
// entry whose effective year falls between them: restatement.missing otherwise.
void check_restatements(const Dataset& ds, const Mappings& m, const ObservationIndex& idx,
                        Diagnostics& diags);

// Progress of every indicator with a target in force; a note for each behind its path.
void track_targets(const Dataset& ds, const ObservationIndex& idx, DisclosureSet& out,
                   Diagnostics& diags);

}  // namespace griexport::rules
