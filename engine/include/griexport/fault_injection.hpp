// A seam for failure tests: with GRIEXPORT_INJECT_FAULT set to a stage's name ("build:
// pdf-supplement.sv", "batch:kommun-a", …) that stage throws InjectedFault where it
// starts. Tests use it to prove that every stage's failure is reported, commits nothing
// and never hangs. Unset, a stage pays one comparison.
#pragma once

#include <stdexcept>
#include <string_view>

namespace griexport::tasks {

struct InjectedFault : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Throws InjectedFault when GRIEXPORT_INJECT_FAULT names `stage`.
void fault_point(std::string_view stage);

}  // namespace griexport::tasks
