// A fuzz target for one input file (GRIEXPORT_FUZZ_FILE, set by CMake: "org/…" for the
// organisation folder, "data/…" for the data directory): the fuzzer's bytes replace that
// file of a scratch copy of tests/cases/_base (a small valid organisation) and of
// gri-mappings/, and the folder is loaded and evaluated as `validate` does, the
// diagnostics printed as text and as JSON. Whatever the bytes, this must return: no
// crash, no sanitizer report, no exception escaping.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "griexport/diagnostics.hpp"
#include "griexport/evaluate.hpp"

namespace fs = std::filesystem;

namespace {

struct Scratch {
    fs::path folder;
    Scratch() {
        const char* src = std::getenv("GRIEXPORT_SOURCE_DIR");
        fs::path source = src ? fs::path(src) : fs::path(GRIEXPORT_SOURCE_DIR_DEFAULT);
        folder = fs::temp_directory_path() / ("griexport-fuzz-" + std::string(GRIEXPORT_FUZZ_NAME) +
                                              "-" + std::to_string(::getpid()));
        fs::remove_all(folder);
        fs::create_directories(folder / "data");
        fs::copy(source / "tests" / "cases" / "_base", folder / "org", fs::copy_options::recursive);
        fs::copy(source / "gri-mappings", folder / "data" / "gri-mappings",
                 fs::copy_options::recursive);
        data_dir = folder / "data";
#ifdef GRIEXPORT_FUZZ_REMOVE
        fs::remove(folder / GRIEXPORT_FUZZ_REMOVE);
#endif
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(folder, ec);
    }
    fs::path data_dir;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Scratch scratch;
    fs::path target = scratch.folder / GRIEXPORT_FUZZ_FILE;
    fs::create_directories(target.parent_path());
    {
        std::ofstream out(target, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    griexport::LoadOptions options;
    options.data_dir = scratch.data_dir;
    auto ev = griexport::evaluate_organisation(scratch.folder / "org", options);
    auto text = griexport::format_text(ev.diagnostics);
    auto json = griexport::format_json(ev.diagnostics);
    // libFuzzer reserves the return value (0 only); what the printers give is checked:
    // one line per diagnostic, and JSON that always holds the counts.
    if (json.find("\"errors\"") == std::string::npos ||
        (text.empty() != ev.diagnostics.sorted().empty()))
        std::abort();
    return 0;
}
