// Output files written all or nothing: a run with errors leaves no partial output and
// leaves earlier outputs untouched, a killed run never leaves a mixed folder, and two runs
// into one folder never interleave.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "griexport/diagnostics.hpp"

namespace griexport {

struct OutputFile {
    std::string path;  // relative to the output folder, '/'-separated
    std::string kind;  // content-index, pdf-supplement, xbrl-instance, …
    std::string sha256;
    std::uint64_t size = 0;
};

class OutputSet;

// A file written in pieces: write() each piece in order, then close() once. Dropped
// without close(), it leaves no file.
class PieceSink {
  public:
    virtual ~PieceSink() = default;
    virtual void write(std::string_view bytes) = 0;
    virtual void close(Diagnostics& diags) = 0;
};

// Where a build's files go: the output folder (OutputSet), or memory (the fuzz target that
// runs the whole build). Once `diags` has errors a sink may drop what it is given.
class OutputSink {
  public:
    virtual ~OutputSink() = default;
    virtual void add(std::string relative, std::string kind, std::string bytes,
                     Diagnostics& diags) = 0;
    // nullptr (with a diagnostic, or after earlier errors) when it cannot be written.
    virtual std::unique_ptr<PieceSink> stream(std::string relative, std::string kind,
                                              Diagnostics& diags) = 0;
    virtual const std::vector<OutputFile>& files() const = 0;
    // A file's bytes, read back (the annual report merge needs the supplement).
    virtual std::optional<std::string> bytes_of(std::string_view relative) const = 0;
};

// While one exists, the lock files output sets release are kept, unlocked, and removed when
// the last one ends (each only while it can take its lock, as a release would): a batch
// holds one for its whole run, so that its builds do not delete two files each while the
// others create theirs (see output_set.cpp).
class DeferredLockRemoval {
  public:
    DeferredLockRemoval();
    ~DeferredLockRemoval();
    DeferredLockRemoval(const DeferredLockRemoval&) = delete;
    DeferredLockRemoval& operator=(const DeferredLockRemoval&) = delete;
};

namespace io {
class Sha256;
}

// A file of an OutputSet written piece by piece into its staging folder (a taxonomy or an
// instance of hundreds of MB), hashed as it goes. Dropped without close(), it leaves no
// file.
class OutputStream : public PieceSink {
  public:
    ~OutputStream() override;
    OutputStream(const OutputStream&) = delete;
    OutputStream& operator=(const OutputStream&) = delete;
    void write(std::string_view bytes) override;
    // Writes the rest and adds the file to its set; output.write when anything failed.
    void close(Diagnostics& diags) override;

  private:
    friend class OutputSet;
    OutputStream(OutputSet& set, OutputFile file, std::filesystem::path path, int fd);
    void flush();

    OutputSet& set_;
    OutputFile file_;
    std::filesystem::path path_;
    int fd_;
    std::string buffer_;
    std::unique_ptr<io::Sha256> digest_;
    std::string error_;
};

class OutputSet : public OutputSink {
  public:
    // replace: the folder ends up holding exactly these files (build: OUT holds what its
    // manifest lists). add: the files join what the folder holds (validate -o).
    enum class Mode { replace, add };

    explicit OutputSet(std::filesystem::path folder, Mode mode = Mode::replace);
    // Removes the staging folder of a set never committed.
    ~OutputSet() override;
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;

    // Writes a file into the staging folder at once, so that a large build never holds its
    // outputs in memory (the staging folder, private to this run and beside the output
    // folder, is made on the first file). A path that is absolute or climbs out of the
    // folder is refused with output.path, so no input can make griexport write elsewhere.
    // Once `diags` has errors nothing more is written: nothing will be committed.
    void add(std::string relative, std::string kind, std::string bytes,
             Diagnostics& diags) override;
    // The same for a file written in pieces; nullptr (with a diagnostic, or after earlier
    // errors) when it cannot be.
    std::unique_ptr<PieceSink> stream(std::string relative, std::string kind,
                                      Diagnostics& diags) override;
    const std::vector<OutputFile>& files() const override { return files_; }
    // A staged file's bytes, read back (the annual report merge needs the supplement).
    std::optional<std::string> bytes_of(std::string_view relative) const override;

    // Writes nothing when `diags` has errors (and removes the staging folder). Otherwise,
    // holding an exclusive lock (output.busy when another run holds it):
    // - replace: swaps the staging folder and the output folder in one rename, so the
    //   folder is wholly old or wholly new at every moment, then removes the old one;
    //   refuses (output.foreign-file) a folder holding files griexport did not write;
    // - add: renames each file into the folder.
    // Leftovers of a killed run are removed first. Failures report output.write with the
    // path and the system's reason. Returns whether it wrote.
    bool commit(Diagnostics& diags);

  private:
    friend class OutputStream;
    // The path within the folder, or nullopt (output.path) when it would leave it.
    std::optional<std::string> checked_path(const std::string& relative, Diagnostics& diags) const;
    bool open_staging(Diagnostics& diags);
    void remove_staging();

    std::filesystem::path folder_;
    Mode mode_;
    std::vector<OutputFile> files_;
    std::filesystem::path staging_;  // empty until the first file
    int staging_lock_ = -1;          // held while this run may still commit its staging
    bool staging_failed_ = false;
};

// Why `out` may not be an output folder: it is, lies inside or holds one of `inputs` (the
// organisation folder, the data directory), so writing it could replace an input. nullopt
// when it may.
std::optional<std::string> output_overlaps_input(const std::filesystem::path& out,
                                                 const std::vector<std::filesystem::path>& inputs);

// Writes `bytes` to a new file at `path`; on failure returns the system's reason
// ("No space left on device") and leaves no file.
std::optional<std::string> write_new_file(const std::filesystem::path& path,
                                          std::string_view bytes);

}  // namespace griexport
