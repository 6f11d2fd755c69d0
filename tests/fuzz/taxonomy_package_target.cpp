// A GRI taxonomy package is a zip the user names: read any bytes as one.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "griexport/diagnostics.hpp"
#include "griexport/xbrl.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::filesystem::path zip =
        std::filesystem::temp_directory_path() /
        ("griexport-fuzz-package-" + std::to_string(::getpid()) + ".zip");
    {
        std::ofstream out(zip, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    griexport::Diagnostics diags;
    auto concepts = griexport::read_taxonomy_package(
        zip, "https://taxonomy.globalreporting.org/gri-sustainability-taxonomy/gri_srs/core",
        diags);
    (void)griexport::format_json(diags);
    return concepts ? 0 : 1;
}
