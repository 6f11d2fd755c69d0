// griexport attach: a finished build's supplement appended to the annual report. This
// file checks the build and reads its files; pdf_merge.cpp does the merge.
#include "griexport/attach.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "../io/source_text.hpp"
#include "griexport/audit.hpp"
#include "griexport/output.hpp"

namespace griexport {

namespace fs = std::filesystem;

Diagnostics attach_supplement(const AttachOptions& o) {
    Diagnostics diags;
    // 1. A finished build whose files are what its manifest says.
    auto checked = verify_outputs(o.out, nullptr, LoadOptions{});
    if (checked.has_errors()) {
        diags.append(checked);
        diags.error("attach.out",
                    "the output folder does not match its manifest; build it again before "
                    "attaching",
                    {(o.out / "manifest.json").generic_string(), 0, 0});
        return diags;
    }
    std::string manifest_text;
    io::read_whole_file(o.out / "manifest.json", (o.out / "manifest.json").generic_string(),
                        manifest_text, diags);
    auto manifest = nlohmann::json::parse(manifest_text, nullptr, false);
    std::string supplement;
    std::vector<std::string> carried;
    for (const auto& f : manifest["outputs"]) {
        std::string path = f.value("path", ""), kind = f.value("kind", "");
        if (kind == "pdf-supplement" && supplement.empty() &&
            (o.lang.empty() || path == "gri-supplement." + o.lang + ".pdf"))
            supplement = path;
        if (kind == "xbrl-instance") carried.push_back(path);
    }
    carried.emplace_back("manifest.json");
    if (supplement.empty()) {
        diags.error("attach.no-supplement",
                    o.lang.empty() ? "the build wrote no PDF supplement"
                                   : fmt::format("the build wrote no {} supplement; build with "
                                                 "--lang {} or both",
                                                 o.lang, o.lang),
                    {(o.out / "manifest.json").generic_string(), 0, 0});
        return diags;
    }
    std::vector<Attachment> attachments;
    for (const auto& path : carried) {
        Attachment at{path,
                      path == "manifest.json" ? "application/json" : "application/xml",
                      path == "manifest.json"
                          ? "griexport manifest: claim, inputs and outputs with sha256"
                          : "XBRL instance of the GRI supplement",
                      {}};
        if (!io::read_whole_file(o.out / path, (o.out / path).generic_string(), at.bytes, diags))
            return diags;
        attachments.push_back(std::move(at));
    }
    std::string sup_bytes;
    if (!io::read_whole_file(o.out / supplement, (o.out / supplement).generic_string(), sup_bytes,
                             diags))
        return diags;
    auto merged =
        merge_with_annual_report(o.annual_report, supplement, sup_bytes, attachments, diags);
    if (merged.empty() || diags.has_errors()) return diags;
    std::error_code ec;
    auto tmp = o.merged;
    tmp += ".griexport-tmp";
    fs::remove(tmp, ec);
    if (auto err = write_new_file(tmp, merged)) {
        diags.error("output.write", fmt::format("cannot write the file: {}", *err),
                    {o.merged.generic_string(), 0, 0});
        return diags;
    }
    fs::rename(tmp, o.merged, ec);
    if (ec) {
        fs::remove(tmp, ec);
        diags.error("output.write", "cannot move the file into place",
                    {o.merged.generic_string(), 0, 0});
    }
    return diags;
}

}  // namespace griexport
