// `griexport verify`: an output folder against its manifest, and, given the organisation,
// the inputs against their recorded sha256 and a rebuild against the outputs, byte for
// byte: the auditor re-performs the build instead of trusting it.
#include <fmt/format.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <set>

#include "../io/sha256.hpp"
#include "../io/source_text.hpp"
#include "griexport/audit.hpp"
#include "griexport/build.hpp"
#include "griexport/version.hpp"

namespace griexport {

namespace {

namespace fs = std::filesystem;

// Inputs the manifest lists under these folders come from the data directory.
bool from_data_dir(const std::string& path) {
    for (const char* prefix : {"gri-mappings/", "templates/", "fonts/"})
        if (path.starts_with(prefix)) return true;
    return false;
}

std::optional<std::string> read_file(const fs::path& p, const std::string& shown,
                                     Diagnostics& diags) {
    std::string bytes;
    if (!io::read_whole_file(p, shown, bytes, diags)) return std::nullopt;
    return bytes;
}

// A folder of its own under the system's temporary directory, removed on destruction.
struct ScratchFolder {
    fs::path path;
    ScratchFolder() {
        std::string pattern = (fs::temp_directory_path() / "griexport-verify-XXXXXX").string();
        if (::mkdtemp(pattern.data())) path = pattern;
    }
    ~ScratchFolder() {
        std::error_code ec;
        if (!path.empty()) fs::remove_all(path, ec);
    }
};

}  // namespace

Diagnostics verify_outputs(const fs::path& out, const fs::path* organisation,
                           const LoadOptions& load) {
    Diagnostics diags;
    auto manifest_path = out / "manifest.json";
    std::string shown = manifest_path.generic_string();
    auto text = read_file(manifest_path, shown, diags);
    if (!text) return diags;
    auto doc = nlohmann::json::parse(*text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc["outputs"].is_array() ||
        !doc["inputs"].is_array()) {
        diags.error("verify.manifest", "not a griexport manifest (no inputs and outputs)",
                    {shown, 0, 0});
        return diags;
    }

    // 0. The manifest itself: its digest over its own text.
    std::string recorded_digest = doc.value("manifest_sha256", "");
    std::string unsealed = *text;
    if (auto at = unsealed.find(recorded_digest);
        !recorded_digest.empty() && at != std::string::npos)
        unsealed.replace(at, recorded_digest.size(), manifest_digest_placeholder);
    if (recorded_digest.size() != 64 || seal_manifest(unsealed) != *text)
        diags.error("verify.output-changed",
                    "manifest.json does not match its own manifest_sha256: it was changed "
                    "after the build",
                    {shown, 0, 0});

    // 1. Every output as the manifest records it, and nothing else in the folder.
    std::set<std::string> listed{"manifest.json"};
    std::map<std::string, std::string> outputs;  // path → bytes
    for (const auto& o : doc["outputs"]) {
        std::string path = o.value("path", "");
        std::string sha = o.value("sha256", "");
        listed.insert(path);
        auto where = (out / path).generic_string();
        std::error_code ec;
        if (!fs::is_regular_file(out / path, ec)) {
            diags.error("verify.output-missing", "listed in manifest.json, but not in the folder",
                        {where, 0, 0});
            continue;
        }
        auto bytes = read_file(out / path, where, diags);
        if (!bytes) continue;
        if (io::sha256_hex(*bytes) != sha)
            diags.error("verify.output-changed",
                        fmt::format("sha256 {} differs from the manifest's {}",
                                    io::sha256_hex(*bytes), sha),
                        {where, 0, 0});
        outputs.emplace(path, std::move(*bytes));
    }
    std::error_code ec;
    for (const auto& entry : fs::recursive_directory_iterator(out, ec)) {
        if (!entry.is_regular_file()) continue;
        auto rel = entry.path().lexically_relative(out).generic_string();
        if (!listed.contains(rel))
            diags.error("verify.output-unlisted",
                        "in the output folder but not in manifest.json: not written by the build",
                        {entry.path().generic_string(), 0, 0});
    }
    if (!organisation) return diags;

    // 2. The inputs as they were read.
    auto data_dir = resolve_data_dir(load);
    bool inputs_ok = true;
    for (const auto& i : doc["inputs"]) {
        std::string path = i.value("path", "");
        fs::path file = (from_data_dir(path) ? data_dir : *organisation) / path;
        auto where = file.generic_string();
        if (!fs::is_regular_file(file, ec)) {
            diags.error("verify.input-missing", "an input of the build is gone", {where, 0, 0});
            inputs_ok = false;
            continue;
        }
        auto bytes = read_file(file, where, diags);
        if (bytes && io::sha256_hex(*bytes) != i.value("sha256", "")) {
            diags.error("verify.input-changed",
                        fmt::format("changed since the build: sha256 {}, the manifest records {}",
                                    io::sha256_hex(*bytes), i.value("sha256", "")),
                        {where, 0, 0});
            inputs_ok = false;
        }
    }

    // 3. Re-performance: the same engine, options and date give the same bytes.
    std::string version = doc.value("engine_version", "");
    if (version != engine_version) {
        diags.error("verify.engine-version",
                    fmt::format("built by griexport {}, this is {}: re-perform with {}", version,
                                engine_version, version),
                    {shown, 0, 0});
        return diags;
    }
    if (!inputs_ok) return diags;  // a rebuild would differ for the reason already named
    BuildOptions options;
    options.load = load;
    const auto& b = doc["build"];
    if (b.is_object()) {
        options.pdf_lang = b.value("pdf_lang", "");
        if (b.contains("source_date_epoch") && b["source_date_epoch"].is_number_integer())
            options.source_date_epoch = b["source_date_epoch"].get<std::int64_t>();
        if (b.contains("annual_report") && b["annual_report"].is_object()) {
            // Recorded relative to the organisation folder (build.cpp), so found from any
            // working folder.
            fs::path recorded = b["annual_report"].value("path", "");
            fs::path ar = recorded.is_absolute() ? recorded : *organisation / recorded;
            std::error_code missing;
            if (!fs::is_regular_file(ar, missing)) {
                diags.error("verify.input-missing",
                            fmt::format("the build merged the annual report {} (recorded "
                                        "relative to the organisation folder); put it back there "
                                        "to re-perform the build",
                                        recorded.generic_string()),
                            {ar.generic_string(), 0, 0});
                return diags;
            }
            auto bytes = read_file(ar, ar.generic_string(), diags);
            if (!bytes) return diags;
            if (io::sha256_hex(*bytes) != b["annual_report"].value("sha256", "")) {
                diags.error("verify.input-changed", "the annual report changed since the build",
                            {ar.generic_string(), 0, 0});
                return diags;
            }
            options.annual_report = ar;
        }
    }
    ScratchFolder scratch;
    if (scratch.path.empty()) {
        diags.error("verify.rebuild", "cannot create a temporary folder", {shown, 0, 0});
        return diags;
    }
    auto rebuilt = scratch.path / "out";
    auto rebuild_diags = build_outputs(*organisation, rebuilt, options);
    if (rebuild_diags.has_errors()) {
        for (const auto& d : rebuild_diags.sorted())
            if (d.severity == Severity::error) diags.add(d.severity, d.code, d.message, d.location);
        diags.error("verify.rebuild", "the organisation folder no longer builds", {shown, 0, 0});
        return diags;
    }
    std::set<std::string> seen;
    for (const auto& entry : fs::recursive_directory_iterator(rebuilt, ec)) {
        if (!entry.is_regular_file()) continue;
        auto rel = entry.path().lexically_relative(rebuilt).generic_string();
        seen.insert(rel);
        auto where = (out / rel).generic_string();
        auto again = read_file(entry.path(), entry.path().generic_string(), diags);
        if (!again) continue;
        std::string recorded;
        if (rel == "manifest.json") {
            recorded = *text;
        } else if (auto it = outputs.find(rel); it != outputs.end()) {
            recorded = it->second;
        } else {
            diags.error("verify.output-missing", "the rebuild writes it; the folder lacks it",
                        {where, 0, 0});
            continue;
        }
        if (recorded != *again) {
            std::size_t at = 0;
            while (at < recorded.size() && at < again->size() && recorded[at] == (*again)[at]) ++at;
            diags.error("verify.not-reproduced",
                        fmt::format("the rebuild differs from byte {} on", at), {where, 0, 0});
        }
    }
    for (const auto& [path, bytes] : outputs)
        if (!seen.contains(path))
            diags.error("verify.not-reproduced", "the rebuild does not write it",
                        {(out / path).generic_string(), 0, 0});
    return diags;
}

}  // namespace griexport
