// Loading an organisation's folder into a Dataset.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include "griexport/diagnostics.hpp"
#include "griexport/model.hpp"

namespace griexport {

struct SharedCatalogue;

struct LoadOptions {
    // Folder that holds gri-mappings/ (units, schemas). Found next to the binary when empty.
    std::filesystem::path data_dir;
    // The documents are to be published (`build --final`): a missing GRI notification or
    // publication date is an error, not a draft.
    bool final_release = false;
    // The data directory's catalogue as load_shared_catalogue loaded it: a batch loads it
    // once for every organisation instead of once each. Null: loaded by each build.
    std::shared_ptr<const SharedCatalogue> catalogue{};
};

struct LoadResult {
    std::optional<Dataset> dataset;  // set unless loading could not proceed at all
    Diagnostics diagnostics;
};

// Reads organisation.xml, programme.xml, narratives.xml, observations.csv,
// climate-accounts.csv and kolada/*.json from `folder`. Paths in diagnostics are
// `folder / file` as given.
LoadResult load_organisation(const std::filesystem::path& folder, const LoadOptions& options);

// The data directory: the option if set, else GRIEXPORT_DATA_DIR, else the first of the
// binary's parent folders (and their share/griexport) that holds gri-mappings/.
std::filesystem::path find_data_dir(const std::filesystem::path& hint);
// The options' data directory, or find_data_dir from the current directory.
std::filesystem::path resolve_data_dir(const LoadOptions& options);

}  // namespace griexport
