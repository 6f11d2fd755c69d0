#include "task_group.hpp"

#include <fmt/format.h>

#include "griexport/fault_injection.hpp"

namespace griexport::tasks {

bool run_stage(std::string_view stage, Diagnostics& diags,
               const std::function<void(Diagnostics&)>& body) {
    auto failed = [&](std::string_view what) {
        diags.error("internal.exception",
                    fmt::format("the stage {} failed: {}; nothing was written (please report "
                                "this with the input)",
                                stage, what),
                    {"griexport", 0, 0});
        return false;
    };
    try {
        fault_point(stage);
        body(diags);
        return true;
    } catch (const std::exception& e) {
        return failed(e.what());
    } catch (...) {
        return failed("an unknown exception");
    }
}

std::shared_future<Diagnostics> TaskGroup::run(std::string stage,
                                               std::function<void(Diagnostics&)> body,
                                               bool on_thread) {
    auto task = [stage = std::move(stage), body = std::move(body)] {
        Diagnostics own;
        run_stage(stage, own, body);
        return own;
    };
    stages_.push_back(
        std::async(on_thread ? std::launch::async : std::launch::deferred, std::move(task))
            .share());
    return stages_.back();
}

void TaskGroup::join(Diagnostics& into) {
    // Stages may throw only before their body runs (an allocation): that, too, is the
    // stage's failure, not the build's end.
    for (auto& s : stages_) {
        if (!s.valid()) continue;
        try {
            into.append(s.get());
        } catch (const std::exception& e) {
            into.error("internal.exception", fmt::format("a stage failed to start: {}", e.what()),
                       {"griexport", 0, 0});
        }
    }
    stages_.clear();
}

void TaskGroup::wait() noexcept {
    for (auto& s : stages_)
        if (s.valid() && s.wait_for(std::chrono::seconds(0)) != std::future_status::deferred)
            s.wait();
}

}  // namespace griexport::tasks
