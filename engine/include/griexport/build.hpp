// `griexport build` as a library call: evaluate an organisation folder and write every
// output (content index, PDF supplement, XBRL, manifest) into a folder, all or nothing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "griexport/diagnostics.hpp"
#include "griexport/load.hpp"
#include "griexport/output.hpp"

namespace griexport {

struct BuildOptions {
    LoadOptions load;
    std::string pdf_lang;  // "sv", "en", "both"; empty: the organisation's first language
    std::filesystem::path taxonomy_package;  // a GRI taxonomy package to check against
    std::optional<std::int64_t> source_date_epoch;
    // build --annual-report: number the supplement after this PDF's last page and write it
    // merged with the supplement (annual-report-with-gri.LANG.pdf), as `attach` does.
    std::filesystem::path annual_report{};
};

// `griexport template`: the data-entry workbook for `folder` written to `out_file`
// (replaced in one rename). Writes nothing when there is an error.
Diagnostics write_data_entry_workbook(const std::filesystem::path& folder,
                                      const std::filesystem::path& out_file,
                                      const BuildOptions& options);

// Writes nothing when there is an error; returns the diagnostics.
Diagnostics build_outputs(const std::filesystem::path& folder, const std::filesystem::path& out,
                          const BuildOptions& options);

struct Dataset;
struct Mappings;
struct DisclosureSet;

// Every file `build` writes for an evaluated organisation, handed to `out` (which commits
// nothing itself): build_outputs with its OutputSet, the whole-build fuzz target with memory.
// Each stage runs under the task group's contract (tasks/task_group.hpp).
void write_build_outputs(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                         const BuildOptions& options, OutputSink& out, Diagnostics& diags);

}  // namespace griexport
