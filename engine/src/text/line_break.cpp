#include "line_break.hpp"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <memory>

namespace griexport::text {

namespace {

std::string_view trim_end(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Byte offsets where ICU allows a line to start, for one line of text without '\n'.
std::vector<std::size_t> break_points(std::string_view utf8, std::string_view lang) {
    std::vector<std::size_t> out;
    UErrorCode status = U_ZERO_ERROR;
    // Creating a break iterator loads ICU's rules: once per thread and language, not per
    // line (a large programme has a million table cells).
    thread_local std::unique_ptr<icu::BreakIterator> it;
    thread_local std::string it_lang;
    if (!it || it_lang != lang) {
        icu::Locale loc(lang == "en" ? "en" : "sv");
        it.reset(icu::BreakIterator::createLineInstance(loc, status));
        it_lang = std::string(lang);
    }
    UText* ut = utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &status);
    if (U_FAILURE(status) || !it) {
        if (ut) utext_close(ut);
        return {utf8.size()};
    }
    it->setText(ut, status);
    // With UTF-8 UText, ICU's indices are byte offsets.
    for (int32_t p = it->next(); p != icu::BreakIterator::DONE; p = it->next())
        out.push_back(static_cast<std::size_t>(p));
    utext_close(ut);
    return out;
}

void wrap_line(std::string_view line, double width,
               const std::function<double(std::string_view)>& measure, std::string_view lang,
               std::vector<std::string>& out) {
    if (line.empty()) {
        out.emplace_back();
        return;
    }
    // A line that fits whole is one line: the search below measures it prefix by prefix up
    // to the last break, its end, and a prefix is never wider than the whole (a width is a
    // sum of glyph widths, which cannot wrap around below this length). Most of a large
    // programme's million table cells fit, and skip ICU.
    constexpr std::size_t fits_whole_below = 4096;
    if (line.size() < fits_whole_below && measure(trim_end(line)) <= width) {
        out.emplace_back(trim_end(line));
        return;
    }
    std::size_t start = 0;
    std::size_t last_fit = 0;  // the furthest break that fits, relative to line
    auto breaks = break_points(line, lang);
    std::size_t i = 0;
    while (start < line.size()) {
        last_fit = start;
        while (i < breaks.size() &&
               measure(trim_end(line.substr(start, breaks[i] - start))) <= width) {
            last_fit = breaks[i];
            ++i;
        }
        if (last_fit == start) {
            // Nothing fits: break the word between code points.
            std::size_t end = start;
            std::size_t next = start;
            do {
                end = next;
                next = end + 1;
                while (next < line.size() &&
                       (static_cast<unsigned char>(line[next]) & 0xC0) == 0x80)
                    ++next;
            } while (next <= line.size() && measure(line.substr(start, next - start)) <= width);
            if (end == start) end = next;  // at least one code point per line
            last_fit = end;
            while (i < breaks.size() && breaks[i] <= last_fit) ++i;
        }
        out.emplace_back(trim_end(line.substr(start, last_fit - start)));
        start = last_fit;
        while (start < line.size() && line[start] == ' ') ++start;
    }
}

}  // namespace

std::vector<std::string> wrap(std::string_view utf8, double width,
                              const std::function<double(std::string_view)>& measure,
                              std::string_view lang) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    for (;;) {
        auto nl = utf8.find('\n', pos);
        wrap_line(utf8.substr(pos, nl == std::string_view::npos ? nl : nl - pos), width, measure,
                  lang, out);
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    return out;
}

}  // namespace griexport::text
