// Output files written all or nothing: a run with errors leaves no partial output and
// leaves earlier outputs untouched, a killed run never leaves a mixed folder, and two runs
// into one folder never interleave.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "griexport/diagnostics.hpp"

namespace griexport {

struct OutputFile {
    std::string path;  // relative to the output folder, '/'-separated
    std::string kind;  // content-index, pdf-supplement, xbrl-instance, …
    std::string bytes;
};

class OutputSet {
  public:
    // replace: the folder ends up holding exactly these files (build: OUT holds what its
    // manifest lists). add: the files join what the folder holds (validate -o).
    enum class Mode { replace, add };

    explicit OutputSet(std::filesystem::path folder, Mode mode = Mode::replace)
        : folder_(std::move(folder)), mode_(mode) {}

    // Stages a file. A path that is absolute or climbs out of the folder is refused with
    // output.path, so no input can make griexport write elsewhere.
    void add(std::string relative, std::string kind, std::string bytes, Diagnostics& diags);
    const std::vector<OutputFile>& files() const { return files_; }

    // Writes nothing when `diags` has errors. Otherwise, holding an exclusive lock
    // (output.busy when another run holds it):
    // - writes every file into a staging folder private to this run, beside the folder;
    // - replace: swaps the staging folder and the output folder in one rename, so the
    //   folder is wholly old or wholly new at every moment, then removes the old one;
    //   refuses (output.foreign-file) a folder holding files griexport did not write;
    // - add: renames each file into the folder.
    // Leftovers of a killed run are removed first. Failures report output.write with the
    // path and the system's reason. Returns whether it wrote.
    bool commit(Diagnostics& diags) const;

  private:
    std::filesystem::path folder_;
    Mode mode_;
    std::vector<OutputFile> files_;
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
