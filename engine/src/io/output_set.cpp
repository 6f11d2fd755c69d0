#include <fmt/format.h>

#include <fstream>
#include <system_error>

#include "griexport/output.hpp"

namespace griexport {

namespace fs = std::filesystem;

void OutputSet::add(std::string relative, std::string kind, std::string bytes, Diagnostics& diags) {
    fs::path p(relative);
    bool escapes = p.is_absolute() || p.empty();
    for (const auto& part : p)
        if (part == "..") escapes = true;
    if (escapes) {
        diags.error("output.path",
                    fmt::format("output path '{}' leaves the output folder", relative),
                    {folder_.generic_string(), 0, 0});
        return;
    }
    files_.push_back({p.lexically_normal().generic_string(), std::move(kind), std::move(bytes)});
}

bool OutputSet::commit(Diagnostics& diags) const {
    if (diags.has_errors()) return false;
    std::error_code ec;
    fs::create_directories(folder_, ec);
    if (ec) {
        diags.error("output.write",
                    fmt::format("cannot create the output folder: {}", ec.message()),
                    {folder_.generic_string(), 0, 0});
        return false;
    }
    // A staging folder inside the output folder keeps the renames on one file system.
    fs::path staging = folder_ / ".griexport-staging";
    fs::remove_all(staging, ec);
    auto fail = [&](const std::string& what, const fs::path& where) {
        diags.error("output.write", what, {where.generic_string(), 0, 0});
        fs::remove_all(staging, ec);
        return false;
    };
    for (const auto& f : files_) {
        fs::path tmp = staging / f.path;
        fs::create_directories(tmp.parent_path(), ec);
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(f.bytes.data(), static_cast<std::streamsize>(f.bytes.size()));
        out.close();
        if (!out) return fail("cannot write the file", folder_ / f.path);
    }
    for (const auto& f : files_) {
        fs::path dest = folder_ / f.path;
        fs::create_directories(dest.parent_path(), ec);
        fs::rename(staging / f.path, dest, ec);
        if (ec) return fail(fmt::format("cannot move the file into place: {}", ec.message()), dest);
    }
    fs::remove_all(staging, ec);
    return true;
}

}  // namespace griexport
