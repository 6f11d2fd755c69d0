// Texts written after their lengths, the lengths in 7-bit groups, low group first, the
// high bit set on all but the last (LEB128): a text shorter than 128 bytes costs one byte
// more than itself. The packed records of a large build use it: the instance record's
// values and sources (render/xbrl/instance.cpp) and the supplement's table rows
// (render/document/rows.cpp).
#pragma once

#include <cstddef>
#include <string_view>

namespace griexport::text {

// How many bytes put_length writes for `n`.
constexpr std::size_t length_size(std::size_t n) {
    std::size_t bytes = 1;
    for (; n >= 0x80; n >>= 7) ++bytes;
    return bytes;
}

// Writes `n` to `out` (a char* or an output iterator of chars); returns where it ended.
template <typename Out>
Out put_length(Out out, std::size_t n) {
    for (; n >= 0x80; n >>= 7) *out++ = static_cast<char>((n & 0x7f) | 0x80);
    *out++ = static_cast<char>(n);
    return out;
}

// Reads what put_length wrote at `at`, and moves `at` past it.
inline std::size_t read_length(const char*& at) {
    std::size_t n = 0;
    for (int shift = 0;; shift += 7) {
        auto byte = static_cast<unsigned char>(*at++);
        n |= static_cast<std::size_t>(byte & 0x7f) << shift;
        if (!(byte & 0x80)) return n;
    }
}

// The text at `at` that follows its length, and moves `at` past it.
inline std::string_view read_lengthed(const char*& at) {
    std::size_t n = read_length(at);
    std::string_view s{at, n};
    at += n;
    return s;
}

}  // namespace griexport::text
