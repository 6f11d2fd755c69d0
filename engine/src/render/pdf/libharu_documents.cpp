#include "libharu_documents.hpp"

#include <hpdf_encoder.h>
#include <hpdf_fontdef.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace griexport::pdf::libharu {

namespace {

// libharu documents with the fonts loaded, kept for the process's next PDF: loading a font
// reads and parses the file in a few hundred small reads, and the UTF-8 encoder fills
// 384 KiB of tables — per document, though every PDF of a build and of a batch embeds the
// same two fonts. A document handed back has been freed (HPDF_FreeDoc), which keeps the
// font definitions and encoders but clears all else, the fonts' marks of glyphs used
// included; a new document starts from HPDF_NewDoc, so nothing of one PDF reaches the
// next. Documents that saw an error are not kept.
class DocumentPool {
  public:
    std::optional<LoadedDocument> take(const FontFiles& files) {
        std::lock_guard guard(lock_);
        auto it = free_.find(key(files));
        if (it == free_.end() || it->second.empty()) return std::nullopt;
        LoadedDocument d = it->second.back();
        it->second.pop_back();
        return d;
    }
    void give_back(const FontFiles& files, LoadedDocument d) {
        HPDF_FreeDoc(d.doc);
        std::lock_guard guard(lock_);
        auto& list = free_[key(files)];
        // As many as PDFs are drawn at once; more would only hold memory.
        if (list.size() >= 8) {
            HPDF_Free(d.doc);
            return;
        }
        list.push_back(std::move(d));
    }

  private:
    static std::string key(const FontFiles& f) {
        return f.regular.string() + '\n' + f.bold.string();
    }
    std::mutex lock_;
    std::map<std::string, std::vector<LoadedDocument>> free_;
};

DocumentPool& pool() {
    // Never destroyed: documents may be handed back while the process exits.
    static auto* p = new DocumentPool;
    return *p;
}

}  // namespace

std::optional<LoadedDocument> take_document(const FontFiles& files) {
    return pool().take(files);
}

void give_back_document(const FontFiles& files, LoadedDocument document) {
    pool().give_back(files, std::move(document));
}

// From memory rather than HPDF_LoadTTFontFromFile: libharu keeps the font's stream and, on
// every save, reads each embedded glyph back from it — from a file, a seek and a read per
// glyph. Otherwise as that function does: registered with the document, then tagged.
HPDF_FontDef load_font(HPDF_Doc pdf, const std::string& bytes, const char* tag) {
    HPDF_Stream stream = HPDF_MemStream_New(pdf->mmgr, static_cast<HPDF_UINT>(bytes.size()));
    if (!stream) return nullptr;
    if (HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                          static_cast<HPDF_UINT>(bytes.size())) != HPDF_OK ||
        HPDF_Stream_Seek(stream, 0, HPDF_SEEK_SET) != HPDF_OK) {
        HPDF_Stream_Free(stream);
        return nullptr;
    }
    HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, stream, HPDF_TRUE);  // owns stream
    if (!def || HPDF_Doc_RegisterFontDef(pdf, def) != HPDF_OK) return nullptr;
    std::string t(tag);
    HPDF_TTFontDef_SetTagName(def, t.data());
    return def;
}

// libharu makes a UTF-8 font by looking up the glyph of every one of the 65 536 BMP code
// points, and writes a width for each glyph the font has and a 128 KiB CID-to-glyph map:
// the larger part of a small PDF's time and bytes. When the encoder presents itself as a
// CMap encoder instead, libharu visits only the codes its map lists. So for the moment
// the font is made, the UTF-8 encoder lists exactly the code points the document draws,
// each as its own CID as before: the same CIDs, glyphs and widths for every character
// drawn, and no entries for the others. Its maps and function are restored at once.
HPDF_Font font_for(HPDF_Doc pdf, const char* name, const std::set<char32_t>& used) {
    HPDF_Encoder utf8 = HPDF_GetEncoder(pdf, "UTF-8");
    if (!utf8 || !utf8->attr) return nullptr;
    auto* attr = static_cast<HPDF_CMapEncoderAttr>(utf8->attr);
    struct Saved {
        HPDF_UNICODE unicode_map[256][256];
        HPDF_UINT16 cid_map[256][256];
    };
    auto saved = std::make_unique<Saved>();
    std::memcpy(saved->unicode_map, attr->unicode_map, sizeof saved->unicode_map);
    std::memcpy(saved->cid_map, attr->cid_map, sizeof saved->cid_map);
    std::memset(attr->unicode_map, 0, sizeof attr->unicode_map);
    std::memset(attr->cid_map, 0, sizeof attr->cid_map);
    char32_t highest = 0;
    auto list = [&](char32_t cp) {
        attr->cid_map[cp >> 8][cp & 0xFF] = static_cast<HPDF_UINT16>(cp);
        attr->unicode_map[cp >> 8][cp & 0xFF] = static_cast<HPDF_UNICODE>(cp);
        highest = std::max(highest, cp);
    };
    for (char32_t cp : used) {
        if (cp > 0 && cp < 0xFFFF) list(cp);
        if (cp > 0xFFFF) list(U' ');  // drawn as a space
    }
    // libharu writes widths and map entries for the CIDs below the highest listed one, not
    // for it: one more code point makes the highest drawn one count.
    list(highest + 1);
    auto to_unicode = utf8->to_unicode_fn;
    utf8->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
    HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
    utf8->to_unicode_fn = to_unicode;
    std::memcpy(attr->unicode_map, saved->unicode_map, sizeof saved->unicode_map);
    std::memcpy(attr->cid_map, saved->cid_map, sizeof saved->cid_map);
    return font;
}

}  // namespace griexport::pdf::libharu
