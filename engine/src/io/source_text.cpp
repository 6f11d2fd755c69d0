#include "source_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include "sha256.hpp"

namespace griexport::io {

namespace fs = std::filesystem;

Location SourceText::locate(std::size_t offset) const {
    offset = std::min(offset, bytes.size());
    auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
    std::size_t line = static_cast<std::size_t>(it - line_starts.begin());
    std::size_t start = line_starts[line - 1];
    std::uint32_t col = 1;
    for (std::size_t i = start; i < offset; ++i) {
        if ((static_cast<unsigned char>(bytes[i]) & 0xC0) != 0x80) ++col;
    }
    return {display_path, static_cast<std::uint32_t>(line), col};
}

std::size_t find_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t n;
        std::uint32_t cp;
        if (c < 0x80) {
            ++i;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return i;
        }
        for (std::size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size()) return i;
            auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n + 1;
    }
    return std::string_view::npos;
}

std::optional<SourceText> read_source(const fs::path& folder, const std::string& relative,
                                      bool required, Diagnostics& diags) {
    SourceText t;
    t.relative_path = relative;
    t.display_path = (folder / relative).generic_string();
    fs::path p = folder / relative;
    std::error_code ec;
    if (!fs::exists(p, ec)) {
        if (required)
            diags.error("io.missing-file", fmt::format("required file {} is missing", relative),
                        {t.display_path, 0, 0});
        return std::nullopt;
    }
    if (!fs::is_regular_file(p, ec)) {
        diags.error("io.unreadable", "not a regular file", {t.display_path, 0, 0});
        return std::nullopt;
    }
    auto size = fs::file_size(p, ec);
    if (ec) {
        diags.error("io.unreadable", ec.message(), {t.display_path, 0, 0});
        return std::nullopt;
    }
    if (size > max_input_bytes) {
        diags.error("io.too-large",
                    fmt::format("file is {} bytes; the limit is {}", size, max_input_bytes),
                    {t.display_path, 0, 0});
        return std::nullopt;
    }
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        diags.error("io.unreadable", "cannot open file", {t.display_path, 0, 0});
        return std::nullopt;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    t.bytes = std::move(ss).str();
    t.sha256 = sha256_hex(t.bytes);
    if (t.bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) t.bytes.erase(0, 3);
    t.line_starts.push_back(0);
    for (std::size_t i = 0; i < t.bytes.size(); ++i) {
        if (t.bytes[i] == '\n') t.line_starts.push_back(i + 1);
    }
    if (t.bytes.find_first_not_of(" \t\r\n") == std::string::npos) {
        diags.error("io.empty-file", "file is empty", t.whole_file());
        return std::nullopt;
    }
    if (auto bad = find_invalid_utf8(t.bytes); bad != std::string_view::npos) {
        diags.error("io.utf8",
                    fmt::format("invalid UTF-8 (byte 0x{:02X}); save the file as UTF-8",
                                static_cast<unsigned char>(t.bytes[bad])),
                    t.locate(bad));
        return std::nullopt;
    }
    return t;
}

}  // namespace griexport::io
