#include "utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "byte_set.hpp"

namespace griexport::text {

using namespace std::string_view_literals;

namespace {

// Length of the well-formed sequence starting at s[i], or 0.
std::size_t sequence_length(std::string_view s, std::size_t i) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n;
    std::uint32_t cp;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        cp = c & 0x07;
    } else {
        return 0;
    }
    for (std::size_t k = 1; k <= n; ++k) {
        if (i + k >= s.size()) return 0;
        auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n + 1;
}

}  // namespace

namespace {

// Eight bytes at s[i] as one word, for the checks below that pass over plain text a word at
// a time (input files run to 100 MB; byte by byte those checks took a tenth of loading).
std::uint64_t word_at(std::string_view s, std::size_t i) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, sizeof w);
    return w;
}
constexpr std::uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;

// Whether any byte of `w` is below `n` (n ≤ 128), or is `b`.
bool has_below(std::uint64_t w, unsigned n) {
    return ((w - ones * n) & ~w & highs) != 0;
}
bool has_byte(std::uint64_t w, unsigned char b) {
    return has_below(w ^ (ones * b), 1);
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        // Plain ASCII, a word at a time.
        while (i + 8 <= s.size() && (word_at(s, i) & highs) == 0) i += 8;
        if (i == s.size()) break;
        auto n = sequence_length(s, i);
        if (n == 0) return i;
        i += n;
    }
    return std::string_view::npos;
}

std::string valid_utf8(std::string_view s) {
    if (find_invalid_utf8(s) == std::string_view::npos) return std::string(s);
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
        auto n = sequence_length(s, i);
        if (n == 0) {
            out += fmt::format("\\x{:02X}", static_cast<unsigned char>(s[i]));
            ++i;
        } else {
            out.append(s, i, n);
            i += n;
        }
    }
    return out;
}

std::size_t find_xml_forbidden(std::string_view s) {
    // The bytes that start one: the forbidden controls, and EF, which starts U+FFFE/U+FFFF
    // as well as the many allowed characters EF begins (looked at one by one).
    static constexpr ByteSet starts(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0B\x0C\x0E\x0F\x10\x11\x12\x13\x14"
        "\x15\x16\x17\x18\x19\x1A\x1B\x1C\x1D\x1E\x1F\xEF"sv);
    std::size_t i = 0;
    while (i < s.size()) {
        // A word with no control and no EF byte is skipped whole; another looked at by byte.
        if (i + 8 <= s.size()) {
            auto w = word_at(s, i);
            if (!has_below(w, 0x20) && !has_byte(w, 0xEF)) {
                i += 8;
                continue;
            }
        }
        for (std::size_t end = std::min(i + 8, s.size()); i < end; ++i) {
            if (!starts.contains(s[i])) continue;
            if (s[i] != '\xEF') return i;
            // U+FFFE and U+FFFF: EF BF BE, EF BF BF.
            if (i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
                (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xBE)
                return i;
        }
    }
    return std::string_view::npos;
}

std::string abbreviated(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) return std::string(s);
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return fmt::format("{}… ({} characters)", s.substr(0, cut), s.size());
}

}  // namespace griexport::text
