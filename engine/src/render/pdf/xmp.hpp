// The PDF/A metadata packet (XMP), apart from pdfa.cpp: that file is compiled as C++17 under
// clang (qpdf's headers), and the XML writer this one escapes with is C++20.
#pragma once

#include <string>

#include "pdfa.hpp"

namespace griexport::pdf {

// The XMP packet of a PDF/A-1b document: title and description per language, author,
// language, dates, tool, producer, keywords; every value escaped.
std::string xmp_packet(const DocumentInfo& i);

}  // namespace griexport::pdf
