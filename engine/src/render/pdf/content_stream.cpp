#include "content_stream.hpp"

#include <hpdf.h>
#include <hpdf_utils.h>

namespace griexport::pdf {

void ContentStream::number(float v) {
    // libharu's own formatting (five decimals at most, trailing zeros dropped), so that the
    // bytes are those its operators write (each with room for any number, as theirs).
    char buf[64];
    char* end = HPDF_FToA(buf, v, buf + sizeof buf - 1);
    bytes_.append(buf, static_cast<std::size_t>(end - buf));
}

void ContentStream::two(float a, float b, const char* op) {
    number(a);
    bytes_ += ' ';
    number(b);
    bytes_ += op;
}

void ContentStream::three(float a, float b, float c, const char* op) {
    number(a);
    bytes_ += ' ';
    number(b);
    bytes_ += ' ';
    number(c);
    bytes_ += op;
}

void ContentStream::font(std::string_view local_name, float size) {
    bytes_ += '/';
    bytes_ += local_name;
    bytes_ += ' ';
    number(size);
    bytes_ += " Tf\n";
}

void ContentStream::move_text(float x, float y) {
    two(x, y, " Td\n");
}

void ContentStream::line_width(float w) {
    number(w);
    bytes_ += " w\n";
}

void ContentStream::rectangle(float x, float y, float w, float h) {
    number(x);
    bytes_ += ' ';
    number(y);
    bytes_ += ' ';
    number(w);
    bytes_ += ' ';
    number(h);
    bytes_ += " re\n";
}

void ContentStream::show_text(std::string_view utf8) {
    utf8 = as_libharu_reads(utf8);
    static constexpr char hex[] = "0123456789ABCDEF";
    bytes_ += '<';
    each_libharu_code_point(utf8, [&](char32_t cp) {
        char four[4] = {hex[(cp >> 12) & 0xF], hex[(cp >> 8) & 0xF], hex[(cp >> 4) & 0xF],
                        hex[cp & 0xF]};
        bytes_.append(four, 4);
    });
    bytes_ += "> Tj\n";
}

}  // namespace griexport::pdf
