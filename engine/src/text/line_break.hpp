// Line breaking through ICU's line BreakIterator, for the output language.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace griexport::text {

// Splits UTF-8 text into lines no wider than `width`, as measured by `measure`. Breaks
// where ICU allows; a word wider than the line is broken between code points. A '\n'
// forces a break. Spaces at the end of a line are dropped.
std::vector<std::string> wrap(std::string_view utf8, double width,
                              const std::function<double(std::string_view)>& measure,
                              std::string_view lang);

}  // namespace griexport::text
