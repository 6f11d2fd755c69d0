#include "source_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "sha256.hpp"

namespace griexport::io {

namespace fs = std::filesystem;

void SourceText::index_lines() {
    line_starts.assign(1, 0);
    code_points_before.assign(1, 0);
    std::uint64_t cps = 0;
    // A checkpoint's worth at a time: its code points counted in a loop the compiler
    // vectorises, its line ends found with memchr, so a 60 MB table is indexed at memory
    // speed rather than a branch per byte.
    const char* data = bytes.data();
    for (std::size_t begin = 0; begin < bytes.size(); begin += checkpoint_bytes) {
        if (begin > 0) code_points_before.push_back(cps);
        std::size_t end = std::min(begin + checkpoint_bytes, bytes.size());
        std::uint64_t n = 0;
        for (std::size_t i = begin; i < end; ++i)
            n += (static_cast<unsigned char>(data[i]) & 0xC0) != 0x80;
        cps += n;
        if (std::memchr(data + begin, '\r', end - begin) == nullptr) {
            const char* p = data + begin;
            while ((p = static_cast<const char*>(std::memchr(p, '\n', data + end - p))))
                line_starts.push_back(static_cast<std::size_t>(++p - data));
            continue;
        }
        for (std::size_t i = begin; i < end; ++i) {
            char c = data[i];
            if (c == '\n' || (c == '\r' && (i + 1 == bytes.size() || data[i + 1] != '\n')))
                line_starts.push_back(i + 1);
        }
    }
}

namespace {

// Code points in bytes[0, offset), from the nearest checkpoint.
std::uint64_t code_points_to(const SourceText& t, std::size_t offset) {
    std::size_t k = offset / SourceText::checkpoint_bytes;
    k = std::min(k, t.code_points_before.size() - 1);  // index_lines() wrote at least one
    std::uint64_t n = t.code_points_before[k];
    for (std::size_t i = k * SourceText::checkpoint_bytes; i < offset; ++i)
        if ((static_cast<unsigned char>(t.bytes[i]) & 0xC0) != 0x80) ++n;
    return n;
}

}  // namespace

std::uint32_t SourceText::line_of(std::size_t offset) const {
    offset = std::min(offset, bytes.size());
    if (line_starts.empty() || code_points_before.empty()) return 1;
    auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
    return static_cast<std::uint32_t>(it - line_starts.begin());
}

Location SourceText::locate(std::size_t offset) const {
    offset = std::min(offset, bytes.size());
    if (line_starts.empty() || code_points_before.empty()) return {display_path, 1, 1};
    auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
    std::size_t line = static_cast<std::size_t>(it - line_starts.begin());
    std::size_t start = line_starts[line - 1];
    std::uint64_t col = 1;
    if (offset - start <= checkpoint_bytes) {  // the usual short line: count directly
        for (std::size_t i = start; i < offset; ++i)
            if ((static_cast<unsigned char>(bytes[i]) & 0xC0) != 0x80) ++col;
    } else {
        col = code_points_to(*this, offset) - code_points_to(*this, start) + 1;
    }
    return {display_path, static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(col)};
}

std::optional<CheckedPath> check_input_path(const fs::path& folder, const std::string& relative,
                                            bool required, Diagnostics& diags) {
    CheckedPath c{(folder / relative).generic_string()};
    fs::path p = folder / relative;
    std::error_code ec;
    if (!fs::exists(p, ec)) {
        if (required)
            diags.error("io.missing-file", fmt::format("required file {} is missing", relative),
                        {c.display_path, 0, 0});
        return std::nullopt;
    }
    // The manifest, XBRL and JSON name every input exactly, which needs UTF-8 names.
    if (auto bad = find_invalid_utf8(relative); bad != std::string::npos) {
        diags.error("io.file-name",
                    fmt::format("the file name is not UTF-8 (byte 0x{:02X}); rename the file",
                                static_cast<unsigned char>(relative[bad])),
                    {c.display_path, 0, 0});
        return std::nullopt;
    }
    // A link may point anywhere; only what stays inside the folder is the organisation's.
    auto real = fs::weakly_canonical(p, ec);
    auto root = fs::weakly_canonical(folder, ec);
    if (!ec) {
        auto rel = real.lexically_relative(root);
        if (rel.empty() || *rel.begin() == "..") {
            diags.error("io.link-outside",
                        fmt::format("{} is a link to {}, outside the folder; copy the file in "
                                    "instead",
                                    relative, real.generic_string()),
                        {c.display_path, 0, 0});
            return std::nullopt;
        }
    }
    return c;
}

bool read_whole_file(const fs::path& p, const std::string& display_path, std::string& bytes,
                     Diagnostics& diags) {
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) {
        diags.error("io.unreadable", "not a regular file", {display_path, 0, 0});
        return false;
    }
    auto size = fs::file_size(p, ec);
    if (ec) {
        diags.error("io.unreadable", ec.message(), {display_path, 0, 0});
        return false;
    }
    if (size > max_input_bytes) {
        diags.error("io.too-large",
                    fmt::format("file is {} bytes; the limit is {}", size, max_input_bytes),
                    {display_path, 0, 0});
        return false;
    }
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        diags.error("io.unreadable", "cannot open file", {display_path, 0, 0});
        return false;
    }
    bytes.resize(static_cast<std::size_t>(size));
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uintmax_t>(in.gcount()) != size) {
        diags.error("io.unreadable", "the file changed size while it was read",
                    {display_path, 0, 0});
        return false;
    }
    return true;
}

std::optional<SourceText> read_source(const fs::path& folder, const std::string& relative,
                                      bool required, Diagnostics& diags) {
    auto checked = check_input_path(folder, relative, required, diags);
    if (!checked) return std::nullopt;
    SourceText t;
    t.relative_path = relative;
    t.display_path = checked->display_path;
    if (!read_whole_file(folder / relative, t.display_path, t.bytes, diags)) return std::nullopt;
    t.sha256 = sha256_hex(t.bytes);
    if (t.bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) t.bytes.erase(0, 3);
    t.index_lines();
    if (t.bytes.find_first_not_of(" \t\r\n") == std::string::npos) {
        diags.error("io.empty-file", "file is empty", t.whole_file());
        return std::nullopt;
    }
    if (t.bytes.starts_with("\xFF\xFE") || t.bytes.starts_with("\xFE\xFF")) {
        diags.error("io.utf8",
                    "the file is UTF-16 (Excel's \"Unicode text\"); save it as UTF-8 "
                    "(\"CSV UTF-8\")",
                    t.whole_file());
        return std::nullopt;
    }
    if (auto bad = find_invalid_utf8(t.bytes); bad != std::string_view::npos) {
        diags.error("io.utf8",
                    fmt::format("invalid UTF-8 (byte 0x{:02X}); save the file as UTF-8",
                                static_cast<unsigned char>(t.bytes[bad])),
                    t.locate(bad));
        return std::nullopt;
    }
    // Every input value may reach an XBRL instance; XML 1.0 cannot hold these.
    if (auto bad = text::find_xml_forbidden(t.bytes); bad != std::string_view::npos) {
        diags.error(
            "io.control-character",
            fmt::format(
                "control character U+{:04X}, which XML cannot hold; remove it",
                static_cast<unsigned char>(t.bytes[bad]) == 0xEF
                    ? (static_cast<unsigned char>(t.bytes[bad + 2]) == 0xBE ? 0xFFFEu : 0xFFFFu)
                    : static_cast<unsigned>(t.bytes[bad])),
            t.locate(bad));
        return std::nullopt;
    }
    return t;
}

}  // namespace griexport::io
