// PDF/A-1b from libharu's output: what libharu 2.3.0 leaves out or gets wrong is mended
// with qpdf (../shared/pdf-notes.md): XMP metadata written and escaped here, an sRGB
// output intent, CapHeight and CIDSet in the font descriptors, a ToUnicode map that
// really maps, Info entries that match the XMP, and a document id derived from the
// content, so that two runs give the same bytes.
#pragma once

#include <string>
#include <vector>

#include "griexport/diagnostics.hpp"
#include "link_area.hpp"
#include "pdf_canvas.hpp"

namespace griexport::pdf {

struct DocumentInfo {
    std::string lang;  // "sv" or "en": the document's language
    std::vector<std::pair<std::string, std::string>> titles;  // lang → title, first is x-default
    std::vector<std::pair<std::string, std::string>> descriptions;  // lang → subject
    std::string author;
    std::string keywords;
    std::string creator_tool;  // "griexport 0.1.0"
    std::string producer;
    int year = 1970, month = 1, day = 1;  // creation and modification date, UTC midnight
};

// Returns the PDF/A-1b document, or "" after reporting pdf.pdfa on failure. `links` holds
// each page's link areas (layout.hpp), written as printable, borderless link annotations.
std::string make_pdfa(const std::string& pdf, const std::vector<const EmbeddedFont*>& fonts,
                      const DocumentInfo& info, const std::string& icc_profile, Diagnostics& diags,
                      const std::vector<std::vector<LinkArea>>& links = {});

// The XMP packet for the info (exposed for tests).
std::string xmp_packet(const DocumentInfo& info);

// A ToUnicode CMap for fonts whose CIDs are Unicode code points (libharu's UTF-8 fonts).
std::string to_unicode_cmap(const std::set<char32_t>& used);

}  // namespace griexport::pdf
