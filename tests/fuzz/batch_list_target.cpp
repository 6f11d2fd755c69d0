// A batch list is a text file from anyone: any bytes as one, read by batch_list, then
// split into shards. Lines name folders relative to the list; none may crash the reader.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "griexport/batch.hpp"
#include "griexport/diagnostics.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::filesystem::path dir = [] {
        auto d = std::filesystem::temp_directory_path() /
                 ("griexport-fuzz-batch-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d / "org");
        return d;
    }();
    const auto list = dir / "list.txt";
    {
        std::ofstream out(list, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    griexport::Diagnostics diags;
    auto folders = griexport::batch_list(list, diags);
    for (unsigned n = 1; n <= 3; ++n)
        for (unsigned k = 0; k < n; ++k) (void)griexport::shard_of(folders, k, n);
    (void)griexport::format_json(diags);
    return 0;
}
