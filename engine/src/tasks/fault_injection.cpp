#include "griexport/fault_injection.hpp"

#include <cstdlib>
#include <string>

namespace griexport::tasks {

void fault_point(std::string_view stage) {
    // Read each time: a test sets it per process, and the lookup is cheap beside a stage.
    const char* wanted = std::getenv("GRIEXPORT_INJECT_FAULT");
    if (wanted && stage == wanted)
        throw InjectedFault("fault injected at " + std::string(stage) +
                            " (GRIEXPORT_INJECT_FAULT)");
}

}  // namespace griexport::tasks
