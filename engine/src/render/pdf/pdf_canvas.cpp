#include "pdf_canvas.hpp"

#include <fmt/format.h>
#include <hpdf.h>
#include <hpdf_consts.h>
#include <hpdf_fontdef.h>
#include <hpdf_pages.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <limits>
#include <memory>
#include <unordered_map>

#include "../../io/spool.hpp"
#include "content_stream.hpp"
#include "flate.hpp"
#include "libharu_documents.hpp"

namespace griexport::pdf {

namespace {

HPDF_Doc doc_of(void* p) {
    return static_cast<HPDF_Doc>(p);
}
HPDF_Font font_of(void* p) {
    return static_cast<HPDF_Font>(p);
}
HPDF_FontDef fontdef_of(void* p) {
    return static_cast<HPDF_FontDef>(p);
}

// Pages from which a document is saved through a scratch file: saved into libharu's memory
// stream, a large PDF stood there beside its pages and beside the copy read out of it.
// Smaller ones (a batch's) stay in memory, which costs no file.
constexpr std::size_t pages_saved_through_file = 256;

// Saves the document into an unnamed scratch file, frees it and reads the file back.
// nullopt when no scratch file can be had (the document untouched, to be saved in memory);
// "" when libharu could not save it or the file could not be read back.
std::optional<std::string> save_through_file(HPDF_Doc pdf) {
    int fd = io::scratch_file();
    if (fd < 0) return std::nullopt;
    // libharu saves to a path: the unnamed file's, through /proc.
    std::string path = fmt::format("/proc/self/fd/{}", fd);
    if (::access(path.c_str(), W_OK) != 0) {
        ::close(fd);
        return std::nullopt;
    }
    std::string bytes;
    if (HPDF_SaveToFile(pdf, path.c_str()) == HPDF_OK) {
        HPDF_FreeDoc(pdf);
        // Read here, not by io::read_whole_file: that is for inputs, and caps them at 2 GiB.
        off_t size = ::lseek(fd, 0, SEEK_END);
        bytes.resize(size > 0 ? static_cast<std::size_t>(size) : 0);
        std::size_t got = 0;
        while (got < bytes.size()) {
            auto n = ::pread(fd, bytes.data() + got, bytes.size() - got, static_cast<off_t>(got));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            got += static_cast<std::size_t>(n);
        }
        if (got != bytes.size()) bytes.clear();
    }
    ::close(fd);
    return bytes;
}

// Writes a content stream's /Filter entry (its data compressed by the canvas).
HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream stream) {
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\n");
}

// Code points drawn with a font: the BMP's marked in a table while the pages are read (a
// set insert per character of a document of thousands of pages cost a percent of a large
// build), the rest in a set; `into` gets them all.
struct DrawnCodePoints {
    std::vector<char> bmp = std::vector<char>(0x10000, 0);
    std::set<char32_t> beyond;
    void insert(char32_t cp) {
        if (cp < bmp.size())
            bmp[cp] = 1;
        else
            beyond.insert(cp);
    }
    void add_to(std::set<char32_t>& into) const {
        for (char32_t cp = 0; cp < bmp.size(); ++cp)
            if (bmp[cp]) into.insert(into.end(), cp);
        into.insert(beyond.begin(), beyond.end());
    }
};

// Code points of UTF-8 text (the text is valid UTF-8: it comes from validated inputs).
template <class Set>
void add_code_points(std::string_view s, Set& out) {
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        char32_t cp;
        std::size_t n;
        if (c < 0x80)
            cp = c, n = 1;
        else if (c < 0xE0)
            cp = c & 0x1F, n = 2;
        else if (c < 0xF0)
            cp = c & 0x0F, n = 3;
        else
            cp = c & 0x07, n = 4;
        for (std::size_t k = 1; k < n && i + k < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.insert(cp);
        i += n;
    }
}

// Which texts libharu would show: it writes no Tj for a text whose glyphs all have no
// width. Asking each shown glyph's width of its font definition also marks the glyph for
// the embedded subset, as libharu's text width marked it when each text was shown.
class TextShowing {
  public:
    // `shown`: per font (regular, bold), the BMP code points drawn, as libharu reads them.
    TextShowing(const std::array<std::vector<char>, 2>& shown, std::array<void*, 2> defs) {
        for (std::size_t f = 0; f < 2; ++f) {
            zero_width_[f].assign(0x10000, 0);
            for (char32_t cp = 0; cp < 0x10000; ++cp)
                if (shown[f][cp] && HPDF_TTFontDef_GetCharWidth(
                                        fontdef_of(defs[f]), static_cast<HPDF_UINT16>(cp)) == 0) {
                    zero_width_[f][cp] = 1;
                    any_zero_width_[f] = true;
                }
        }
    }
    bool shows(std::string_view text, std::size_t font) const {
        bool wide = false;
        each_libharu_code_point(as_libharu_reads(text), [&](char32_t cp) {
            if (!any_zero_width_[font] || !zero_width_[font][cp]) wide = true;
        });
        return wide;
    }

  private:
    std::array<std::vector<char>, 2> zero_width_;
    std::array<bool, 2> any_zero_width_{false, false};
};

// A page's drawing operations as content (content_stream.hpp). The colours, font and line
// width stay set in a page's graphics state until changed, so each is set only when it
// changes (most of a table's cells repeat them). A value libharu's operator would refuse
// goes to that operator, which reports it, and the page is not drawn (false).
bool draw_operations(HPDF_Page page, const Page& p, std::array<void*, 2> fonts,
                     const TextShowing& showing, ContentStream& content) {
    // Unset: NaN equals no value, so the first of each is always set (and checked).
    constexpr HPDF_REAL unset = std::numeric_limits<HPDF_REAL>::quiet_NaN();
    struct State {
        std::array<HPDF_REAL, 3> fill{unset, unset, unset}, stroke{unset, unset, unset};
        void* font = nullptr;
        HPDF_REAL size = unset, line_width = unset;
    } state;
    auto rgb = [](const PageColor& c) { return std::array<HPDF_REAL, 3>{c.r, c.g, c.b}; };
    auto refused = [](HPDF_STATUS) { return false; };
    auto in_unit = [](const std::array<HPDF_REAL, 3>& v) {
        return std::all_of(v.begin(), v.end(), [](HPDF_REAL x) { return x >= 0 && x <= 1; });
    };
    auto fill = [&](const PageColor& c) {
        if (auto v = rgb(c); v != state.fill) {
            if (!in_unit(v)) return refused(HPDF_Page_SetRGBFill(page, v[0], v[1], v[2]));
            content.fill_colour(v[0], v[1], v[2]);
            state.fill = v;
        }
        return true;
    };
    content.clear();
    for (const auto& op : p.ops) {
        if (const auto* t = std::get_if<DrawText>(&op)) {
            if (!fill(t->color)) return false;
            content.begin_text();
            std::size_t f = t->font == FontStyle::bold ? 1 : 0;
            HPDF_REAL size = t->size;
            if (fonts[f] != state.font || size != state.size) {
                const char* name = size > 0 && size <= HPDF_MAX_FONTSIZE
                                       ? HPDF_Page_GetLocalFontName(page, font_of(fonts[f]))
                                       : nullptr;
                if (!name) return refused(HPDF_Page_SetFontAndSize(page, font_of(fonts[f]), size));
                content.font(name, size);
                state.font = fonts[f];
                state.size = size;
            }
            content.move_text(t->x, t->y);
            if (auto text = p.text_of(*t); showing.shows(text, f)) content.show_text(text);
            content.end_text();
        } else if (const auto* r = std::get_if<DrawRect>(&op)) {
            if (!fill(r->fill)) return false;
            content.rectangle(r->x, r->y, r->w, r->h);
            content.fill();
        } else if (const auto* l = std::get_if<DrawLine>(&op)) {
            if (auto v = rgb(l->color); v != state.stroke) {
                if (!in_unit(v)) return refused(HPDF_Page_SetRGBStroke(page, v[0], v[1], v[2]));
                content.stroke_colour(v[0], v[1], v[2]);
                state.stroke = v;
            }
            if (HPDF_REAL w = l->width; w != state.line_width) {
                if (w < 0) return refused(HPDF_Page_SetLineWidth(page, w));
                content.line_width(w);
                state.line_width = w;
            }
            content.move_to(l->x1, l->y1);
            content.line_to(l->x2, l->y2);
            content.stroke();
        }
    }
    return true;
}

}  // namespace

void PdfCanvas::on_error(unsigned long error, unsigned long detail, void* self) {
    auto* c = static_cast<PdfCanvas*>(self);
    // Keep the first error: later ones are usually its consequences.
    if (c->error_ == 0) {
        c->error_ = error;
        c->detail_ = detail;
    }
}

bool PdfCanvas::fonts_ready(const char* what) {
    // libharu's own error first; a font that failed to load was reported where it failed.
    return check(what) && regular_def_ && bold_def_;
}

bool PdfCanvas::check(const char* what) {
    if (error_ == 0) return true;
    diags_.error(
        "pdf.libharu",
        fmt::format("libharu failed while {} (error 0x{:04X}, detail {})", what, error_, detail_),
        {});
    ok_ = false;
    return false;
}

PdfCanvas::PdfCanvas(const FontFiles& fonts, Diagnostics& diags) : files_(fonts), diags_(diags) {
    auto on_error = [](HPDF_STATUS e, HPDF_STATUS d, void* self) {
        PdfCanvas::on_error(e, d, self);
    };
    if (auto loaded = libharu::take_document(fonts)) {
        HPDF_Doc pdf = loaded->doc;
        pdf->error.user_data = this;  // the errors now reach this canvas
        doc_ = pdf;
        if (HPDF_NewDoc(pdf) != HPDF_OK || !check("starting a document")) return;
        HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
        HPDF_SetCurrentEncoder(pdf, "UTF-8");
        auto def = [&](const std::string& name, const std::filesystem::path& file,
                       EmbeddedFont& info) -> void* {
            HPDF_FontDef d = HPDF_Doc_FindFontDef(pdf, name.c_str());
            if (!d)
                diags_.error("pdf.libharu",
                             fmt::format("libharu lost the font {} of a kept document", name), {});
            info.file = file;
            info.base_name = name;
            info.cap_height = d ? d->cap_height : 0;
            return d;
        };
        regular_def_ = def(loaded->regular, fonts.regular, regular_);
        bold_def_ = def(loaded->bold, fonts.bold, bold_);
        ok_ = fonts_ready("reusing the fonts");
        return;
    }
    doc_ = HPDF_New(on_error, this);
    if (!doc_) {
        diags_.error("pdf.libharu", "libharu could not create a document", {});
        return;
    }
    HPDF_Doc pdf = doc_of(doc_);
    // libharu compresses nothing: the pages' content is compressed by render() as it is
    // drawn, the other streams when the document is made PDF/A (pdfa.cpp), by libdeflate:
    // faster than libharu's zlib, and smaller.
    HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    char tag[7] = "HPDFAA";  // as HPDF_LoadTTFontFromFile tags them: HPDFAA, then HPDFAB
    auto load = [&](const std::filesystem::path& file, EmbeddedFont& info) -> void* {
        std::ifstream in(file, std::ios::binary);
        std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        if (!in.good() && !in.eof()) bytes.clear();
        if (bytes.empty()) {
            diags_.error("pdf.font-missing", fmt::format("font file {} not found", file.string()),
                         {file.string(), 0, 0});
            return nullptr;
        }
        HPDF_FontDef def = libharu::load_font(pdf, bytes, tag);
        if (!def) {
            diags_.error("pdf.libharu",
                         fmt::format("libharu cannot read the font file {}", file.string()),
                         {file.string(), 0, 0});
            return nullptr;
        }
        ++tag[5];
        info.file = file;
        info.base_name = def->base_font;
        info.cap_height = def->cap_height;
        return def;
    };
    // Only the fonts' definitions now: the fonts themselves are made when the pages are
    // drawn and the code points they need are known (font_for).
    regular_def_ = load(fonts.regular, regular_);
    bold_def_ = load(fonts.bold, bold_);
    ok_ = fonts_ready("loading the fonts");
}

PdfCanvas::~PdfCanvas() {
    if (!doc_) return;
    if (ok_ && error_ == 0)
        libharu::give_back_document(files_, {doc_of(doc_), regular_.base_name, bold_.base_name});
    else
        HPDF_Free(doc_of(doc_));
}

Measure PdfCanvas::measure() const {
    // libharu sums the glyph widths of a text (no kerning), and finds each glyph by a
    // search of the font's tables: the layout measures the same letters thousands of times,
    // so each character's width is asked once and the sums made here, to the same integer.
    // The width is the font definition's, as libharu's own text width takes it (which
    // also marks the glyph for the embedded subset); beyond U+FFFF libharu draws a space.
    // Latin, Greek and Cyrillic text in a table of its own, the rest in a map.
    struct Widths {
        void* def;
        std::array<std::int32_t, 0x800> near;
        std::unordered_map<char32_t, HPDF_UINT> far;
        explicit Widths(void* d) : def(d) { near.fill(-1); }
        HPDF_UINT ask(char32_t cp) const {
            auto unicode = static_cast<HPDF_UINT16>(cp > 0xFFFF ? U' ' : cp);
            return static_cast<HPDF_UINT>(HPDF_TTFontDef_GetCharWidth(fontdef_of(def), unicode));
        }
        HPDF_UINT get(char32_t cp) {
            if (cp < near.size()) {
                if (near[cp] < 0) near[cp] = static_cast<std::int32_t>(ask(cp));
                return static_cast<HPDF_UINT>(near[cp]);
            }
            auto it = far.find(cp);
            if (it != far.end()) return it->second;
            return far[cp] = ask(cp);
        }
    };
    auto widths = std::make_shared<std::array<Widths, 2>>(
        std::array<Widths, 2>{Widths{regular_def_}, Widths{bold_def_}});
    return [widths](std::string_view text, FontStyle style, double size) {
        if (text.empty()) return 0.0;
        Widths& font = (*widths)[style == FontStyle::bold ? 1 : 0];
        HPDF_UINT sum = 0;
        for (std::size_t i = 0; i < text.size();) {
            auto c = static_cast<unsigned char>(text[i]);
            std::size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            len = std::min(len, text.size() - i);
            char32_t cp = c < 0x80 ? c : c >= 0xF0 ? c & 0x07u : c >= 0xE0 ? c & 0x0Fu : c & 0x1Fu;
            for (std::size_t k = 1; k < len; ++k)
                cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
            sum += font.get(cp);
            i += len;
        }
        return static_cast<double>(sum) * size / 1000.0;
    };
}

std::string PdfCanvas::render(std::vector<Page>& pages, const std::vector<Bookmark>& bookmarks,
                              const Geometry& g, int first_page_number) {
    if (!ok_) return {};
    HPDF_Doc pdf = doc_of(doc_);
    // The code points drawn with each font, and as libharu reads them (beyond U+FFFF a
    // space): those glyphs are marked for the embedded subset, as libharu's text width
    // marked them when each text was shown.
    std::array<std::vector<char>, 2> shown{std::vector<char>(0x10000, 0),
                                           std::vector<char>(0x10000, 0)};
    {
        DrawnCodePoints regular, bold;
        for (const auto& p : pages)
            for (const auto& op : p.ops)
                if (const auto* t = std::get_if<DrawText>(&op)) {
                    bool is_bold = t->font == FontStyle::bold;
                    auto text = p.text_of(*t);
                    add_code_points(text, is_bold ? bold : regular);
                    auto& marks = shown[is_bold ? 1 : 0];
                    each_libharu_code_point(as_libharu_reads(text),
                                            [&](char32_t cp) { marks[cp] = 1; });
                }
        regular.add_to(regular_.used);
        bold.add_to(bold_.used);
    }
    void* regular_font = libharu::font_for(pdf, regular_.base_name.c_str(), regular_.used);
    void* bold_font = libharu::font_for(pdf, bold_.base_name.c_str(), bold_.used);
    if (!regular_font || !bold_font || !check("making the fonts")) return {};
    TextShowing showing(shown, {regular_def_, bold_def_});
    std::vector<HPDF_Page> hpages;
    ContentStream content;
    FlateCompressor flate;
    for (auto& p : pages) {
        HPDF_Page page = HPDF_AddPage(pdf);
        if (!page) break;
        HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(g.width));
        HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(g.height));
        if (!draw_operations(page, p, {regular_font, bold_font}, showing, content)) break;
        // Compressed here, page by page, as the PDF/A step would compress it (pdfa.cpp): the
        // document then never holds its pages' content plain (a large supplement's is
        // 100 MB) nor reads it back to compress it.
        auto z = flate.compress(content.bytes());
        auto* attr = static_cast<HPDF_PageAttr>(page->attr);
        if (z.empty()) {
            diags_.error("pdf.libharu", "a page's content could not be compressed", {});
            ok_ = false;
            return {};
        }
        // libharu drops a /Filter entry of a stream it does not compress itself, so the
        // entry is written by the dictionary's own write hook (which content streams leave
        // unset).
        if (attr->contents->write_fn) {
            diags_.error("pdf.libharu", "libharu's page content already has a write hook", {});
            ok_ = false;
            return {};
        }
        attr->contents->write_fn = write_flate_filter;
        if (HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(z.data()),
                              static_cast<HPDF_UINT>(z.size())) != HPDF_OK)
            break;
        hpages.push_back(page);
        std::vector<DrawOp>().swap(p.ops);
        std::string().swap(p.texts);
    }
    if (!check("drawing the pages")) return {};
    if (hpages.size() != pages.size()) {  // never a PDF missing pages
        diags_.error("pdf.libharu", "libharu stopped while drawing the pages", {});
        ok_ = false;
        return {};
    }
    // Bookmarks nest by level: each hangs under the latest one of the level above.
    HPDF_Encoder utf8 = HPDF_GetEncoder(pdf, "UTF-8");
    std::vector<HPDF_Outline> parents;
    for (const auto& b : bookmarks) {
        while (static_cast<int>(parents.size()) > b.level) parents.pop_back();
        HPDF_Outline parent = parents.empty() ? nullptr : parents.back();
        HPDF_Outline o = HPDF_CreateOutline(pdf, parent, b.title.c_str(), utf8);
        HPDF_Outline_SetOpened(o, b.level == 0 ? HPDF_TRUE : HPDF_FALSE);
        HPDF_Destination d = HPDF_Page_CreateDestination(hpages.at(b.page));
        HPDF_Destination_SetXYZ(d, 0, static_cast<HPDF_REAL>(b.y), 1);
        HPDF_Outline_SetDestination(o, d);
        parents.push_back(o);
    }
    HPDF_AddPageLabel(pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL,
                      static_cast<HPDF_UINT>(first_page_number), "");
    HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    if (!check("writing bookmarks and page labels")) return {};
    if (pages.size() >= pages_saved_through_file) {
        if (auto bytes = save_through_file(pdf)) {
            if (!bytes->empty()) return std::move(*bytes);
            // Never an empty PDF without a word: libharu's error, or the read-back's.
            if (check("saving the document"))
                diags_.error("pdf.libharu",
                             "the saved PDF could not be read back from its scratch file", {});
            ok_ = false;
            return {};
        }
    }
    HPDF_SaveToStream(pdf);
    HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
    std::string bytes(size, '\0');
    HPDF_UINT32 read = size;
    HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &read);
    bytes.resize(read);
    if (!check("saving the document")) return {};
    // The pages and the saved copy are libharu's no longer: freed now, not when the canvas
    // goes (the PDF/A step that follows holds the bytes a second time).
    HPDF_FreeDoc(pdf);
    return bytes;
}

}  // namespace griexport::pdf
