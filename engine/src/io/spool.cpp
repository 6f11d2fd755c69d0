#include "spool.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace griexport::io {

// Where the file system has no unnamed files, a named one removed at once.
int scratch_file() {
    std::error_code ec;
    auto dir = std::filesystem::temp_directory_path(ec);
    if (ec) return -1;
    int fd = -1;
#ifdef O_TMPFILE
    fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0) return fd;
#endif
    std::string pattern = (dir / "griexport-spool-XXXXXX").string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    fd = ::mkstemp(name.data());
    if (fd >= 0) ::unlink(name.data());
    return fd;
}

namespace {

bool write_all(int fd, std::string_view s) {
    while (!s.empty()) {
        auto n = ::write(fd, s.data(), s.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        s.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

}  // namespace

Spool::~Spool() {
    if (fd_ >= 0) ::close(fd_);
}

Spool& Spool::operator+=(std::string_view s) {
    buffer_ += s;
    if (buffer_.size() >= limit_ && !memory_only_) spill();
    return *this;
}

void Spool::spill() {
    if (fd_ < 0) fd_ = scratch_file();
    // Without a scratch file (or with a full disk) the text stays in memory: slower to
    // hold, never lost. Only what was written whole leaves the buffer; a piece written in
    // part lies beyond spilled_, where drain does not read.
    if (fd_ < 0 || !write_all(fd_, buffer_)) {
        memory_only_ = true;
        return;
    }
    spilled_ += buffer_.size();
    buffer_.clear();
}

std::string Spool::drain(const std::function<void(std::string_view)>& emit) {
    if (fd_ >= 0 && spilled_ > 0) {
        std::string piece(std::size_t{1} << 20, '\0');
        std::size_t left = spilled_;
        off_t at = 0;
        while (left > 0) {
            auto n = ::pread(fd_, piece.data(), std::min(piece.size(), left), at);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return n < 0 ? std::strerror(errno) : "the scratch file was cut short";
            emit(std::string_view(piece.data(), static_cast<std::size_t>(n)));
            left -= static_cast<std::size_t>(n);
            at += n;
        }
    }
    if (!buffer_.empty()) emit(buffer_);
    return "";
}

}  // namespace griexport::io
