// libharu 2.3.0's documents and fonts, made at a fraction of their cost: documents kept,
// fonts loaded, for the process's next PDF; fonts read from memory; a UTF-8 font made for
// the code points a document draws. Each reaches into libharu's installed headers where
// its public API falls short, and says why; pdf_canvas.cpp is the only user.
#pragma once

#include <hpdf.h>
#include <hpdf_doc.h>

#include <optional>
#include <set>
#include <string>

#include "pdf_canvas.hpp"

namespace griexport::pdf::libharu {

// A document whose two fonts are loaded, by their base names in it.
struct LoadedDocument {
    HPDF_Doc doc = nullptr;
    std::string regular, bold;
};

// A kept document for these font files, to start with HPDF_NewDoc; nullopt when none.
std::optional<LoadedDocument> take_document(const FontFiles& files);
// Frees the document's content (HPDF_FreeDoc) and keeps it; only error-free documents.
void give_back_document(const FontFiles& files, LoadedDocument document);

// A TrueType font from its bytes, embedded, tagged `tag` ("HPDFAA"); nullptr on failure.
HPDF_FontDef load_font(HPDF_Doc pdf, const std::string& bytes, const char* tag);

// The UTF-8 font `name` with entries for exactly the code points in `used`.
HPDF_Font font_for(HPDF_Doc pdf, const char* name, const std::set<char32_t>& used);

}  // namespace griexport::pdf::libharu
