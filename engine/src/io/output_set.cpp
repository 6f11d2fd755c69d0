#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/evp.h>
#include <stdio.h>  // renameat2
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <system_error>

#include "griexport/output.hpp"
#include "sha256.hpp"

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

// A staging folder's lock file: beside it, held by the run that stages into it.
fs::path staging_lock_path(const fs::path& staging) {
    return fs::path(staging.string() + ".lock");
}

// Removes what killed runs left: staging folders (new outputs never swapped in, or old
// outputs swapped out but not yet removed) whose run no longer holds their lock; a live
// run's staging stays. Called under the folder lock.
void remove_leftovers(const fs::path& parent, const std::string& prefix) {
    std::error_code ec;
    std::vector<fs::path> entries;
    std::string stage = fmt::format("{}stage-", prefix);
    for (const auto& e : fs::directory_iterator(parent, ec))
        if (e.path().filename().string().starts_with(stage)) entries.push_back(e);
    for (const auto& p : entries) {
        bool is_lock = p.extension() == ".lock";
        fs::path dir = is_lock ? fs::path(p).replace_extension() : p;
        fs::path lock = is_lock ? p : staging_lock_path(p);
        int fd = ::open(lock.c_str(), O_RDWR | O_CLOEXEC);
        if (fd >= 0 && ::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            ::close(fd);  // its run is alive
            continue;
        }
        fs::remove_all(dir, ec);
        if (fd >= 0) {
            ::unlink(lock.c_str());
            ::close(fd);
        }
    }
}

// While a batch runs (DeferredLockRemoval), released lock files are kept and removed at
// its end. On ext4 without a journal, creating a file looks past every inode deleted in the
// last half minute: the two lock files each organisation's build removed made that a fifth
// of a 311-organisation batch's CPU time. A kept lock file is a released lock, which another
// run takes (or, a staging lock whose folder is gone, cleans up) as it would a new one.
struct KeptLocks {
    std::mutex lock;
    int holders = 0;
    std::vector<fs::path> paths;
};

KeptLocks& kept_locks() {
    static KeptLocks kept;
    return kept;
}

// Releases the lock `fd` holds on the file `path`: the file removed first (while locked, so
// no other run holds a file that is gone), or kept for later.
void release_lock_file(const fs::path& path, int fd) {
    {
        auto& kept = kept_locks();
        std::lock_guard guard(kept.lock);
        if (kept.holders > 0) {
            kept.paths.push_back(path);
            ::close(fd);
            return;
        }
    }
    ::unlink(path.c_str());
    ::close(fd);
}

// A kept lock file removed as a release would: only while this run holds its lock, and only
// when the name still is the file locked.
void remove_kept_lock_file(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) return;  // another run cleaned it up
    struct stat held {
    }, named{};
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::fstat(fd, &held) == 0 &&
        ::stat(path.c_str(), &named) == 0 && held.st_dev == named.st_dev &&
        held.st_ino == named.st_ino)
        ::unlink(path.c_str());
    ::close(fd);  // another run holds it: that run removes it when it is done
}

// An exclusive advisory lock on a file beside the folder, released when the process ends
// however it ends (kill -9 included). The file is removed on release (in a batch, when the
// batch ends: release_lock_file), so it is only there while a run writes; a run that locked a file
// already removed tries again with the new one.
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
        if (fd_ >= 0) release_lock_file(path_, fd_);
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

// Makes a folder's entries (files created or renamed in it) durable: without it a power cut
// after the rename can leave the new name pointing at nothing.
std::optional<std::string> sync_folder(const fs::path& folder) {
    int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return reason(errno);
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0) return reason(err);
    return std::nullopt;
}

// The staging folder and every folder in it, deepest first.
std::optional<std::string> sync_tree(const fs::path& root) {
    std::vector<fs::path> folders{root};
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_directory(ec) && !it->is_symlink(ec)) folders.push_back(it->path());
    if (ec) return ec.message();
    for (auto f = folders.rbegin(); f != folders.rend(); ++f)
        if (auto err = sync_folder(*f)) return err;
    return std::nullopt;
}

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
    // On the disk before anything renames it into place (a power cut, not only a kill).
    if (::fsync(fd) != 0) {
        int err = errno;
        ::close(fd);
        ::unlink(path.c_str());
        return reason(err);
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

DeferredLockRemoval::DeferredLockRemoval() {
    auto& kept = kept_locks();
    std::lock_guard guard(kept.lock);
    ++kept.holders;
}

DeferredLockRemoval::~DeferredLockRemoval() {
    std::vector<fs::path> paths;
    {
        auto& kept = kept_locks();
        std::lock_guard guard(kept.lock);
        if (--kept.holders == 0) paths.swap(kept.paths);
    }
    for (const auto& p : paths) remove_kept_lock_file(p);
}

OutputSet::OutputSet(fs::path folder, Mode mode) : folder_(std::move(folder)), mode_(mode) {}

OutputSet::~OutputSet() {
    remove_staging();
}

void OutputSet::remove_staging() {
    std::error_code ec;
    if (!staging_.empty()) fs::remove_all(staging_, ec);
    if (staging_lock_ >= 0) {
        ::unlink(staging_lock_path(staging_).c_str());
        ::close(staging_lock_);
    }
    staging_.clear();
    staging_lock_ = -1;
}

// The folder as an absolute path without a trailing separator ("out/" names "out").
static fs::path absolute_folder(const fs::path& folder) {
    std::error_code ec;
    fs::path f = fs::absolute(folder, ec).lexically_normal();
    if (f.filename().empty()) f = f.parent_path();
    return f;
}

bool OutputSet::open_staging(Diagnostics& diags) {
    if (!staging_.empty()) return true;
    if (staging_failed_) return false;
    staging_failed_ = true;  // until it succeeds
    std::error_code ec;
    fs::path folder = absolute_folder(folder_);
    fs::path parent = folder.parent_path();
    fs::create_directories(parent, ec);
    if (ec) {
        diags.error("output.write", fmt::format("cannot create the folder: {}", ec.message()),
                    {parent.generic_string(), 0, 0});
        return false;
    }
    // The lock file first, then the folder of the same name: a run cleaning up leftovers
    // never sees this folder without its lock held. A clean-up that took the new file for
    // a leftover before it was locked has removed it; then another name is tried.
    std::string templ;
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        templ = (parent / fmt::format("{}stage-XXXXXX.lock", hidden_prefix(folder))).string();
        fd = ::mkostemps(templ.data(), 5, O_CLOEXEC);
        if (fd < 0) break;
        struct stat held {
        }, named{};
        if (::flock(fd, LOCK_EX) == 0 && ::fstat(fd, &held) == 0 &&
            ::stat(templ.c_str(), &named) == 0 && held.st_dev == named.st_dev &&
            held.st_ino == named.st_ino)
            break;
        ::close(fd);
        fd = -1;
    }
    if (fd < 0) {
        diags.error("output.write",
                    fmt::format("cannot create a staging folder: {}", reason(errno)),
                    {parent.generic_string(), 0, 0});
        return false;
    }
    fs::path staging = fs::path(templ).replace_extension();
    if (::mkdir(staging.c_str(), 0755) != 0) {
        diags.error("output.write",
                    fmt::format("cannot create a staging folder: {}", reason(errno)),
                    {parent.generic_string(), 0, 0});
        ::unlink(templ.c_str());
        ::close(fd);
        return false;
    }
    staging_ = staging;
    staging_lock_ = fd;
    staging_failed_ = false;
    return true;
}

std::optional<std::string> OutputSet::checked_path(const std::string& relative,
                                                   Diagnostics& diags) const {
    fs::path p(relative);
    bool escapes = p.is_absolute() || p.empty();
    for (const auto& part : p)
        if (part == "..") escapes = true;
    if (escapes) {
        diags.error("output.path",
                    fmt::format("output path '{}' leaves the output folder", relative),
                    {folder_.generic_string(), 0, 0});
        return std::nullopt;
    }
    return p.lexically_normal().generic_string();
}

std::unique_ptr<PieceSink> OutputSet::stream(std::string relative, std::string kind,
                                             Diagnostics& diags) {
    auto path = checked_path(relative, diags);
    if (!path || diags.has_errors() || !open_staging(diags)) return nullptr;
    std::error_code ec;
    fs::path tmp = staging_ / *path;
    fs::path shown = absolute_folder(folder_) / *path;
    fs::create_directories(tmp.parent_path(), ec);
    if (ec) {
        diags.error("output.write", fmt::format("cannot create the folder: {}", ec.message()),
                    {shown.generic_string(), 0, 0});
        return nullptr;
    }
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        diags.error("output.write", fmt::format("cannot write the file: {}", reason(errno)),
                    {shown.generic_string(), 0, 0});
        return nullptr;
    }
    return std::unique_ptr<OutputStream>(
        new OutputStream(*this, {*path, std::move(kind), {}, 0}, tmp, fd));
}

void OutputSet::add(std::string relative, std::string kind, std::string bytes, Diagnostics& diags) {
    if (auto s = stream(std::move(relative), std::move(kind), diags)) {
        s->write(bytes);
        bytes = std::string();  // the memory back before the next output is made
        s->close(diags);
    }
}

OutputStream::OutputStream(OutputSet& set, OutputFile file, fs::path path, int fd)
    : set_(set),
      file_(std::move(file)),
      path_(std::move(path)),
      fd_(fd),
      digest_(std::make_unique<io::Sha256>()) {}

OutputStream::~OutputStream() {
    if (fd_ >= 0) {
        ::close(fd_);
        ::unlink(path_.c_str());
    }
}

// Pieces are gathered to 1 MiB before each write: one system call per piece would cost
// more than the writing.
void OutputStream::write(std::string_view bytes) {
    if (!error_.empty() || fd_ < 0) return;
    file_.size += bytes.size();
    digest_->update(bytes);
    if (buffer_.size() + bytes.size() < (1u << 20)) {
        buffer_ += bytes;
        return;
    }
    flush();
    if (!error_.empty()) return;
    for (std::size_t done = 0; done < bytes.size();) {
        auto n = ::write(fd_, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            error_ = reason(errno);
            return;
        }
        done += static_cast<std::size_t>(n);
    }
}

void OutputStream::flush() {
    for (std::size_t done = 0; done < buffer_.size() && error_.empty();) {
        auto n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
        if (n < 0) {
            if (errno != EINTR) error_ = reason(errno);
            continue;
        }
        done += static_cast<std::size_t>(n);
    }
    buffer_.clear();
}

void OutputStream::close(Diagnostics& diags) {
    if (fd_ < 0) return;
    if (error_.empty()) flush();
    if (error_.empty() && ::fsync(fd_) != 0) error_ = reason(errno);  // durable before the swap
    if (::close(fd_) != 0 && error_.empty()) error_ = reason(errno);  // NFS, full disks
    fd_ = -1;
    if (!error_.empty()) {
        ::unlink(path_.c_str());
        diags.error("output.write", fmt::format("cannot write the file: {}", error_),
                    {(absolute_folder(set_.folder_) / file_.path).generic_string(), 0, 0});
        return;
    }
    file_.sha256 = digest_->hex();
    set_.files_.push_back(std::move(file_));
}

std::optional<std::string> OutputSet::bytes_of(std::string_view relative) const {
    if (staging_.empty()) return std::nullopt;
    for (const auto& f : files_)
        if (f.path == relative) {
            std::ifstream in(staging_ / f.path, std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            if (!in) return std::nullopt;
            return text.str();
        }
    return std::nullopt;
}

bool OutputSet::commit(Diagnostics& diags) {
    if (diags.has_errors()) {
        remove_staging();
        return false;
    }
    std::error_code ec;
    auto write_error = [&](const fs::path& where, const std::string& what) {
        diags.error("output.write", what, {where.generic_string(), 0, 0});
        return false;
    };
    // Nothing added (every file refused or none given) still makes the folder.
    if (!open_staging(diags)) return false;
    fs::path folder = absolute_folder(folder_);
    fs::path parent = folder.parent_path();
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

    fs::path staging = staging_;
    // Every file was synced when written; their folders' entries are synced here, before
    // any rename makes them the outputs, and the renames after.
    if (auto err = sync_tree(staging))
        return write_error(staging, fmt::format("cannot sync the outputs to disk: {}", *err));
    auto synced = [&](const fs::path& where) {
        if (auto err = sync_folder(where))
            return write_error(where, fmt::format("cannot sync the folder to disk: {}", *err));
        return true;
    };
    if (mode_ == Mode::add) {
        fs::create_directories(folder, ec);
        if (ec)
            return write_error(folder_, fmt::format("cannot create the folder: {}", ec.message()));
        for (const auto& f : files_) {
            fs::path dest = folder / f.path;
            fs::create_directories(dest.parent_path(), ec);
            fs::rename(staging / f.path, dest, ec);
            if (ec)
                return write_error(
                    dest, fmt::format("cannot move the file into place: {}", ec.message()));
        }
        if (!synced(folder)) return false;
        remove_staging();
        return true;
    }
    if (!exists) {
        if (::rename(staging.c_str(), folder.c_str()) != 0)
            return write_error(
                folder_, fmt::format("cannot move the outputs into place: {}", reason(errno)));
        staging_ = fs::path();  // it is the folder now
        release_lock_file(staging_lock_path(staging), staging_lock_);
        staging_lock_ = -1;
        return synced(parent);
    }
    // One atomic step: afterwards `staging` holds the old outputs.
    if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, folder.c_str(), RENAME_EXCHANGE) != 0)
        return write_error(
            folder_, fmt::format("cannot swap the new outputs into place: {}", reason(errno)));
    if (!synced(parent)) return false;
    remove_staging();  // the old outputs; if this is killed, the next run removes the rest
    return true;
}

}  // namespace griexport
