// The annual report is a PDF from any program, read by qpdf: any bytes as one, through the
// page numbering attach reads and the merge.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "griexport/attach.hpp"
#include "griexport/diagnostics.hpp"

namespace {

// A one-page supplement numbered 3: it follows the two-page seed.
const std::string supplement =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R/PageLabels<</Nums[0<</S/D/St 3>>]>>>>endobj\n"
    "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    "trailer<</Root 1 0 R>>\n%%EOF\n";

// The input as a file (attach reads the annual report from a path), one per process and
// removed when the process ends: each run left one in the temporary folder.
struct ScratchPdf {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() /
        ("griexport-fuzz-annual-report-" + std::to_string(::getpid()) + ".pdf");
    ~ScratchPdf() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const ScratchPdf scratch;
    const std::filesystem::path& pdf = scratch.path;
    {
        std::ofstream out(pdf, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    griexport::Diagnostics diags;
    auto next = griexport::page_after_annual_report(pdf, diags);
    if (next) {
        auto merged = griexport::merge_with_annual_report(
            pdf, "supplement.pdf", supplement, {{"a.xml", "application/xml", "fuzz", "<a/>"}},
            diags);
        (void)merged;
    }
    (void)griexport::format_json(diags);
    return 0;
}
