// Runs a build's independent stages on threads of their own, held to one contract:
// - whatever a stage throws becomes an internal.exception error naming the stage, in the
//   stage's own diagnostics; nothing escapes a thread, and nothing waits for ever;
// - each stage reports into a Diagnostics of its own, joined into the caller's in the
//   order the stages were started (Diagnostics::append: items, tallies and error counts,
//   so nothing a per-code cap dropped on a thread is lost);
// - the group waits for every thread in its destructor: declare what the stages use
//   before the group, and it outlives them even when the caller throws.
#pragma once

#include <functional>
#include <future>
#include <string>
#include <vector>

#include "griexport/diagnostics.hpp"

namespace griexport::tasks {

// Runs `body` as the stage `stage`: an exception it throws (or the fault seam injects)
// becomes an internal.exception error in `diags`. Returns false when it threw.
bool run_stage(std::string_view stage, Diagnostics& diags,
               const std::function<void(Diagnostics&)>& body);

class TaskGroup {
  public:
    TaskGroup() = default;
    TaskGroup(const TaskGroup&) = delete;
    TaskGroup& operator=(const TaskGroup&) = delete;
    ~TaskGroup() { wait(); }

    // Starts `body` as the stage `stage`: on a thread of its own, or (on_thread false) on
    // the joining thread when join() reaches it. The future is ready when the stage has
    // ended, whether it succeeded or not (another stage may wait for it).
    std::shared_future<Diagnostics> run(std::string stage, std::function<void(Diagnostics&)> body,
                                        bool on_thread = true);

    // Waits for every stage and appends each one's diagnostics to `into`, in start order.
    void join(Diagnostics& into);

  private:
    std::vector<std::shared_future<Diagnostics>> stages_;
    // Every thread ended; stages never started (deferred) are dropped, not run.
    void wait() noexcept;
};

}  // namespace griexport::tasks
