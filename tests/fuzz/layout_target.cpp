// templates/layout.xml, which a user may edit (docs/pdf.md) and pass with --data-dir: any
// bytes as it, through the template loader the PDFs are drawn with (schema, geometry,
// colours and the columns' check). Whatever the bytes, this must return.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "griexport/diagnostics.hpp"
#include "render/pdf/pdf_document.hpp"

namespace fs = std::filesystem;

namespace {

// A data folder of its own (the schema the loader validates against, and the file), one
// per process and removed when the process ends.
struct Scratch {
    fs::path folder =
        fs::temp_directory_path() / ("griexport-fuzz-layout-" + std::to_string(::getpid()));
    Scratch() {
        const char* src = std::getenv("GRIEXPORT_SOURCE_DIR");
        fs::path source = src ? fs::path(src) : fs::path(GRIEXPORT_SOURCE_DIR_DEFAULT);
        fs::remove_all(folder);
        fs::create_directories(folder / "gri-mappings" / "schema");
        fs::create_directories(folder / "templates");
        fs::copy(source / "gri-mappings" / "schema" / "layout.xsd",
                 folder / "gri-mappings" / "schema" / "layout.xsd");
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(folder, ec);
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Scratch scratch;
    {
        std::ofstream out(scratch.folder / "templates" / "layout.xml",
                          std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    std::vector<griexport::SourceFile> inputs;
    griexport::Diagnostics diags;
    auto t = griexport::pdf::load_template(scratch.folder, inputs, diags);
    (void)t;
    (void)griexport::format_text(diags);
    return 0;
}
