// UTF-8 as inputs arrive and as outputs (JSON, XML, terminals) must be: checks and repairs
// on bytes, without ICU, for the paths every file and every diagnostic takes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace griexport::text {

// Offset of the first byte that is not well-formed UTF-8, or npos.
std::size_t find_invalid_utf8(std::string_view s);

// The text with every byte that is not well-formed UTF-8 written as "\xNN", so that a
// diagnostic quoting half a sequence (or a Latin-1 file name) stays printable as JSON.
std::string valid_utf8(std::string_view s);

// Offset of the first character XML 1.0 forbids (C0 controls other than tab, line feed
// and carriage return; U+FFFE, U+FFFF) in well-formed UTF-8, or npos. Such a character
// written into an XBRL instance makes it not well-formed.
std::size_t find_xml_forbidden(std::string_view s);

// At most `max_bytes` of `s` (cut at a character boundary) followed by "…" when cut, so a
// diagnostic never echoes a 5 000-digit field whole.
std::string abbreviated(std::string_view s, std::size_t max_bytes = 40);

}  // namespace griexport::text
