// Output files written all or nothing: a run with errors leaves no partial output and
// leaves earlier outputs untouched.
#pragma once

#include <filesystem>
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
    explicit OutputSet(std::filesystem::path folder) : folder_(std::move(folder)) {}

    // Stages a file. A path that is absolute or climbs out of the folder is refused with
    // output.path, so no input can make griexport write elsewhere.
    void add(std::string relative, std::string kind, std::string bytes, Diagnostics& diags);
    const std::vector<OutputFile>& files() const { return files_; }

    // Writes nothing when `diags` has errors. Otherwise writes every file into a temporary
    // folder beside the outputs and renames each into place at the end; on a failure the
    // temporary folder is removed and output.write is reported. Returns whether it wrote.
    bool commit(Diagnostics& diags) const;

  private:
    std::filesystem::path folder_;
    std::vector<OutputFile> files_;
};

}  // namespace griexport
