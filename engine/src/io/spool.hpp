// Text written in order and read back once: held in memory up to a limit, the rest in an
// unnamed scratch file. A large build's XHTML body runs to hundreds of MB and is needed
// only after the header it decides (which facts it shows, which the header hides).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace griexport::io {

// An unnamed file in the temporary folder (TMPDIR, as the library reads it), open for
// reading and writing: nothing to remove afterwards, nothing left when the process is
// killed. -1 when none can be made.
int scratch_file();

class Spool {
  public:
    // Beyond `limit` bytes in memory the text goes to the scratch file.
    explicit Spool(std::size_t limit = std::size_t{4} << 20) : limit_(limit) {}
    Spool(const Spool&) = delete;
    Spool& operator=(const Spool&) = delete;
    ~Spool();

    Spool& operator+=(std::string_view s);
    std::size_t size() const { return spilled_ + buffer_.size(); }
    std::size_t in_file() const { return spilled_; }

    // Hands everything written, in order, to `emit` in pieces. Returns an error message when
    // the scratch file cannot be read back; "" otherwise.
    std::string drain(const std::function<void(std::string_view)>& emit);

  private:
    void spill();

    std::size_t limit_;
    std::string buffer_;
    int fd_ = -1;
    bool memory_only_ = false;  // no scratch file could be made or written: all in memory
    std::size_t spilled_ = 0;
};

}  // namespace griexport::io
