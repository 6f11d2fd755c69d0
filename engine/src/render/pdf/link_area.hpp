// A clickable area of a laid-out page. Its own header: pdfa.cpp, compiled as C++17 under
// clang for qpdf's sake, needs it without the rest of the layout engine.
#pragma once

#include <string>

namespace griexport::pdf {

// `target` is "page:N" (a page of this document, 0-based) or "name:X" (a page of the
// annual report, resolved when griexport attach merges the two).
struct LinkArea {
    double x = 0, y = 0, w = 0, h = 0;
    std::string target;
};

}  // namespace griexport::pdf
