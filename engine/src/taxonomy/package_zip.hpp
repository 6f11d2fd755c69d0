// The files of a taxonomy package (a zip), read within limits: a zip bomb or a zip of
// another kind is refused by what it declares before anything is inflated.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "griexport/diagnostics.hpp"

namespace griexport::taxonomy {

// What a reader needs of a package: the schemas alone, or the linkbases (.xml) too.
enum class PackageParts { schemas, schemas_and_linkbases };

// Those entries' bytes by their paths in the zip. package.unreadable, package.too-large or
// package.layout (no META-INF/taxonomyPackage.xml) at the zip; nullopt then.
std::optional<std::map<std::string, std::string>> read_package_files(
    const std::filesystem::path& zip, PackageParts parts, Diagnostics& diags);

}  // namespace griexport::taxonomy
