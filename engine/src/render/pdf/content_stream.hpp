// A page's content stream, written in the bytes libharu 2.3.0's page operators write.
//
// libharu checks the graphics mode, clears a 512-byte buffer byte by byte and measures the
// text again in each operator: a large supplement's million text runs spent more time there
// than in laying the pages out. The canvas writes the operators here instead and hands the
// page's bytes to libharu's stream once, so the document is what libharu alone made (the
// numbers are formatted by libharu's own HPDF_FToA). What libharu did on the side is done by
// the canvas: a font's local name and resource come from libharu, and the glyphs drawn are
// marked for the embedded subset.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace griexport::pdf {

class ContentStream {
  public:
    // Text object: BT, Tf, Td, Tj, ET.
    void begin_text() { bytes_ += "BT\n"; }
    void end_text() { bytes_ += "ET\n"; }
    void font(std::string_view local_name, float size);
    void move_text(float x, float y);
    // The text as libharu's UTF-8 encoder codes it for an Identity-H font: each character
    // its code point in two bytes (beyond U+FFFF a space), in hexadecimal.
    void show_text(std::string_view utf8);

    // Colours, line width and paths.
    void fill_colour(float r, float g, float b) { three(r, g, b, " rg\n"); }
    void stroke_colour(float r, float g, float b) { three(r, g, b, " RG\n"); }
    void line_width(float w);
    void rectangle(float x, float y, float w, float h);
    void fill() { bytes_ += "f\n"; }
    void move_to(float x, float y) { two(x, y, " m\n"); }
    void line_to(float x, float y) { two(x, y, " l\n"); }
    void stroke() { bytes_ += "S\n"; }

    const std::string& bytes() const { return bytes_; }
    void clear() { bytes_.clear(); }

  private:
    std::string bytes_;
    void number(float v);
    void two(float a, float b, const char* op);
    void three(float a, float b, float c, const char* op);
};

// The part of a text libharu draws: up to its first NUL, and at most its longest string.
inline std::string_view as_libharu_reads(std::string_view text) {
    constexpr std::size_t longest = 65535;  // HPDF_LIMIT_MAX_STRING_LEN
    return text.substr(0, std::min(text.find('\0'), longest));
}

// The code points of UTF-8 text as libharu's UTF-8 encoder reads them: a byte that cannot
// start a character is skipped, a character beyond U+FFFF reads as a space. `each` is
// called with every code point in order.
template <class F>
void each_libharu_code_point(std::string_view s, F&& each) {
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = (c & 0x80) == 0      ? 1
                        : (c & 0xE0) == 0xC0 ? 2
                        : (c & 0xF0) == 0xE0 ? 3
                        : (c & 0xF8) == 0xF0 ? 4
                                             : 0;
        if (n == 0) {
            ++i;
            continue;
        }
        if (i + n > s.size()) break;  // an unfinished character is never coded
        char32_t cp = n == 1 ? c : n == 2 ? c & 0x1Fu : n == 3 ? c & 0x0Fu : c & 0x07u;
        for (std::size_t k = 1; k < n; ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
        each(n == 4 || cp > 0xFFFF ? char32_t{U' '} : cp);
        i += n;
    }
}

}  // namespace griexport::pdf
