// A file read into memory with what diagnostics need: its display path and a line index
// to turn byte offsets into line:column.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "griexport/diagnostics.hpp"
#include "text/utf8.hpp"

namespace griexport::io {

struct SourceText {
    std::string display_path;              // as diagnostics print it: the folder as given / file
    std::string relative_path;             // relative to the organisation folder
    std::string bytes;                     // the file without its UTF-8 byte order mark
    std::string sha256;                    // of the bytes as read, BOM included
    std::vector<std::size_t> line_starts;  // after LF, CRLF and a lone CR (old Mac files)
    // Code points before every checkpoint_bytes-th byte, so that locating a node on a long
    // line (XML as generators write it, all on one line) costs O(checkpoint) and not
    // O(line): locate() was quadratic over a one-line file.
    static constexpr std::size_t checkpoint_bytes = 1024;
    std::vector<std::uint64_t> code_points_before;

    // Fills line_starts and code_points_before from bytes.
    void index_lines();

    // line:column (1-based, column in code points) of a byte offset into `bytes`.
    Location locate(std::size_t offset) const;
    // The line of a byte offset (locate's line, without building a Location).
    std::uint32_t line_of(std::size_t offset) const;
    Location at(std::uint32_t line, std::uint32_t column) const {
        return {display_path, line, column};
    }
    Location whole_file() const { return {display_path, 1, 1}; }
};

// Largest input file accepted; larger ones are refused before reading, so hostile input
// cannot exhaust memory.
inline constexpr std::uintmax_t max_input_bytes = std::uintmax_t{1} << 31;

struct CheckedPath {
    std::string display_path;
};

// The checks every input path passes: it exists (io.missing-file only when `required`),
// its name is UTF-8 (io.file-name), it does not lead out of `folder` (io.link-outside).
std::optional<CheckedPath> check_input_path(const std::filesystem::path& folder,
                                            const std::string& relative, bool required,
                                            Diagnostics& diags);

// The whole file into `bytes`: a regular file within max_input_bytes (io.unreadable,
// io.too-large).
bool read_whole_file(const std::filesystem::path& path, const std::string& display_path,
                     std::string& bytes, Diagnostics& diags);

// Reads `folder / relative`. Reports io.missing-file (only when `required`),
// io.unreadable, io.too-large, io.empty-file and io.utf8; returns nullopt after any of them.
std::optional<SourceText> read_source(const std::filesystem::path& folder,
                                      const std::string& relative, bool required,
                                      Diagnostics& diags);

using text::find_invalid_utf8;

}  // namespace griexport::io
