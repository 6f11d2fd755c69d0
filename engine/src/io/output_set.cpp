#include <fcntl.h>
#include <fmt/format.h>
#include <stdio.h>  // renameat2
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <system_error>

#include "griexport/output.hpp"

namespace griexport {

namespace fs = std::filesystem;

namespace {

std::string reason(int err) {
    return std::error_code(err, std::generic_category()).message();
}

// Files griexport may find in a folder it replaces: what the folder's own manifest lists,
// the manifest, validation.json, and what this run writes.
std::set<std::string> known_outputs(const fs::path& folder, const std::vector<OutputFile>& files) {
    std::set<std::string> known{"manifest.json", "validation.json"};
    for (const auto& f : files) known.insert(f.path);
    std::ifstream in(folder / "manifest.json", std::ios::binary);
    if (!in) return known;
    std::ostringstream text;
    text << in.rdbuf();
    auto doc = nlohmann::json::parse(text.str(), nullptr, false);
    if (doc.is_object() && doc.contains("outputs") && doc["outputs"].is_array())
        for (const auto& o : doc["outputs"])
            if (o.is_object() && o.contains("path") && o["path"].is_string())
                known.insert(o["path"].get<std::string>());
    return known;
}

// The first entry of `folder` that griexport did not write, or empty.
std::string foreign_entry(const fs::path& folder, const std::set<std::string>& known) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(folder, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        auto rel = it->path().lexically_relative(folder).generic_string();
        auto status = it->symlink_status(ec);
        if (fs::is_directory(status)) continue;
        if (!fs::is_regular_file(status) || !known.contains(rel)) return rel;
    }
    return ec ? std::string(".") : std::string();
}

// Staging and lock names beside the folder, so that renames stay on one file system.
std::string hidden_prefix(const fs::path& folder) {
    return fmt::format(".{}.griexport-", folder.filename().string());
}

// Removes what killed runs left: staging folders (new outputs never swapped in, or old
// outputs swapped out but not yet removed). Called under the lock.
void remove_leftovers(const fs::path& parent, const std::string& prefix) {
    std::error_code ec;
    std::vector<fs::path> stale;
    for (const auto& e : fs::directory_iterator(parent, ec))
        if (e.path().filename().string().starts_with(fmt::format("{}stage-", prefix)))
            stale.push_back(e);
    for (const auto& p : stale) fs::remove_all(p, ec);
}

// An exclusive advisory lock on a file beside the folder, released when the process ends
// however it ends (kill -9 included). The file is removed on release, so it is only there
// while a run writes; a run that locked a file already removed tries again with the new one.
class FolderLock {
  public:
    explicit FolderLock(fs::path path) : path_(std::move(path)) {
        for (int attempt = 0; attempt < 100; ++attempt) {
            fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
            if (fd_ < 0) {
                error_ = reason(errno);
                return;
            }
            if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
                busy_ = errno == EWOULDBLOCK;
                error_ = reason(errno);
                ::close(fd_);
                fd_ = -1;
                return;
            }
            struct stat held {
            }, named{};
            if (::fstat(fd_, &held) == 0 && ::stat(path_.c_str(), &named) == 0 &&
                held.st_dev == named.st_dev && held.st_ino == named.st_ino)
                return;  // the lock file in place is the one locked
            ::close(fd_);
            fd_ = -1;
        }
        busy_ = true;
        error_ = "the lock changed hands too often";
    }
    ~FolderLock() {
        if (fd_ < 0) return;
        ::unlink(path_.c_str());
        ::close(fd_);
    }
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;
    bool held() const { return fd_ >= 0; }
    bool busy() const { return busy_; }
    const std::string& error() const { return error_; }

  private:
    fs::path path_;
    int fd_ = -1;
    bool busy_ = false;
    std::string error_;
};

}  // namespace

std::optional<std::string> write_new_file(const fs::path& path, std::string_view bytes) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return reason(errno);
    std::size_t done = 0;
    while (done < bytes.size()) {
        auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            int err = errno;
            ::close(fd);
            ::unlink(path.c_str());
            return reason(err);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) {  // NFS and full disks may report only here
        int err = errno;
        ::unlink(path.c_str());
        return reason(err);
    }
    return std::nullopt;
}

std::optional<std::string> output_overlaps_input(const fs::path& out,
                                                 const std::vector<fs::path>& inputs) {
    std::error_code ec;
    auto within = [](const fs::path& inner, const fs::path& outer) {
        auto rel = inner.lexically_relative(outer);
        return !rel.empty() && *rel.begin() != "..";
    };
    fs::path o = fs::weakly_canonical(out, ec);
    for (const auto& in : inputs) {
        if (in.empty()) continue;
        fs::path i = fs::weakly_canonical(in, ec);
        if (ec) continue;
        if (within(o, i))
            return fmt::format("the output folder {} is{} the input folder {}",
                               out.generic_string(), o == i ? "" : " inside", in.generic_string());
        if (within(i, o))
            return fmt::format("the output folder {} holds the input folder {}",
                               out.generic_string(), in.generic_string());
    }
    return std::nullopt;
}

void OutputSet::add(std::string relative, std::string kind, std::string bytes, Diagnostics& diags) {
    fs::path p(relative);
    bool escapes = p.is_absolute() || p.empty();
    for (const auto& part : p)
        if (part == "..") escapes = true;
    if (escapes) {
        diags.error("output.path",
                    fmt::format("output path '{}' leaves the output folder", relative),
                    {folder_.generic_string(), 0, 0});
        return;
    }
    files_.push_back({p.lexically_normal().generic_string(), std::move(kind), std::move(bytes)});
}

bool OutputSet::commit(Diagnostics& diags) const {
    if (diags.has_errors()) return false;
    std::error_code ec;
    auto write_error = [&](const fs::path& where, const std::string& what) {
        diags.error("output.write", what, {where.generic_string(), 0, 0});
        return false;
    };
    fs::path folder = fs::absolute(folder_, ec).lexically_normal();
    if (folder.filename().empty()) folder = folder.parent_path();  // "out/" names "out"
    fs::path parent = folder.parent_path();
    fs::create_directories(parent, ec);
    if (ec) return write_error(parent, fmt::format("cannot create the folder: {}", ec.message()));
    std::string prefix = hidden_prefix(folder);

    fs::path lock_path = parent / fmt::format("{}lock", prefix);
    FolderLock lock(lock_path);
    if (!lock.held()) {
        if (lock.busy()) {
            diags.error("output.busy",
                        "another griexport run is writing this folder; run again when it has "
                        "finished",
                        {folder_.generic_string(), 0, 0});
            return false;
        }
        return write_error(lock_path,
                           fmt::format("cannot lock the output folder: {}", lock.error()));
    }
    remove_leftovers(parent, prefix);

    bool exists = fs::exists(fs::symlink_status(folder, ec));
    if (exists && !fs::is_directory(fs::symlink_status(folder, ec)))
        return write_error(folder_, "the output path exists and is not a folder");
    if (exists && ::access(folder.c_str(), W_OK) != 0)
        return write_error(folder_, fmt::format("cannot write the folder: {}", reason(errno)));
    if (exists && mode_ == Mode::replace) {
        auto foreign = foreign_entry(folder, known_outputs(folder, files_));
        if (!foreign.empty()) {
            diags.error("output.foreign-file",
                        fmt::format("the output folder holds {}, which griexport did not write; "
                                    "build into a new or empty folder (outputs replace the "
                                    "whole folder)",
                                    foreign),
                        {folder_.generic_string(), 0, 0});
            return false;
        }
    }

    // Staging private to this run.
    std::string templ = (parent / fmt::format("{}stage-XXXXXX", prefix)).string();
    if (!::mkdtemp(templ.data()))
        return write_error(parent,
                           fmt::format("cannot create a staging folder: {}", reason(errno)));
    fs::path staging = templ;
    ::chmod(staging.c_str(), 0755);  // mkdtemp makes it private; outputs are for others too
    auto fail = [&](const fs::path& where, const std::string& what) {
        fs::remove_all(staging, ec);
        return write_error(where, what);
    };
    for (const auto& f : files_) {
        fs::path tmp = staging / f.path;
        fs::create_directories(tmp.parent_path(), ec);
        if (ec)
            return fail(folder / f.path, fmt::format("cannot create the folder: {}", ec.message()));
        if (auto err = write_new_file(tmp, f.bytes))
            return fail(folder / f.path, fmt::format("cannot write the file: {}", *err));
    }

    if (mode_ == Mode::add) {
        fs::create_directories(folder, ec);
        if (ec) return fail(folder_, fmt::format("cannot create the folder: {}", ec.message()));
        for (const auto& f : files_) {
            fs::path dest = folder / f.path;
            fs::create_directories(dest.parent_path(), ec);
            fs::rename(staging / f.path, dest, ec);
            if (ec)
                return fail(dest, fmt::format("cannot move the file into place: {}", ec.message()));
        }
        fs::remove_all(staging, ec);
        return true;
    }
    if (!exists) {
        if (::rename(staging.c_str(), folder.c_str()) != 0)
            return fail(folder_,
                        fmt::format("cannot move the outputs into place: {}", reason(errno)));
        return true;
    }
    // One atomic step: afterwards `staging` holds the old outputs.
    if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, folder.c_str(), RENAME_EXCHANGE) != 0)
        return fail(folder_,
                    fmt::format("cannot swap the new outputs into place: {}", reason(errno)));
    fs::remove_all(staging, ec);  // if this is killed, the next run removes the rest
    return true;
}

}  // namespace griexport
