// The libharu adapter: loads the embedded fonts, measures text for the layout engine, and
// draws laid-out pages with bookmarks and page labels into PDF bytes. libharu reports
// errors through a callback; they are recorded there and raised here, never thrown
// through libharu's frames.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "griexport/diagnostics.hpp"
#include "layout.hpp"

namespace griexport::pdf {

struct FontFiles {
    std::filesystem::path regular;
    std::filesystem::path bold;
};

// What the PDF/A mending needs to know about an embedded font.
struct EmbeddedFont {
    std::filesystem::path file;
    std::string base_name;    // the /BaseFont libharu gives it
    int cap_height = 0;       // in 1/1000 em
    std::set<char32_t> used;  // code points drawn with it
};

class PdfCanvas {
  public:
    PdfCanvas(const FontFiles& fonts, Diagnostics& diags);
    ~PdfCanvas();
    PdfCanvas(const PdfCanvas&) = delete;
    PdfCanvas& operator=(const PdfCanvas&) = delete;

    bool ok() const { return ok_; }
    Measure measure() const;
    // Draws the pages; the page labels start at `first_page_number`. Each page's drawing
    // operations are freed once drawn (its links stay): a large supplement's pages held
    // them beside libharu's own copy of every page.
    std::string render(std::vector<Page>& pages, const std::vector<Bookmark>& bookmarks,
                       const Geometry& g, int first_page_number);
    const EmbeddedFont& font(FontStyle s) const { return s == FontStyle::bold ? bold_ : regular_; }

  private:
    FontFiles files_;
    void* doc_ = nullptr;          // HPDF_Doc; libharu's handles are opaque pointers
    void* regular_def_ = nullptr;  // HPDF_FontDef
    void* bold_def_ = nullptr;
    EmbeddedFont regular_;
    EmbeddedFont bold_;
    Diagnostics& diags_;
    bool ok_ = false;
    unsigned long error_ = 0;
    unsigned long detail_ = 0;

    bool check(const char* what);
    bool fonts_ready(const char* what);
    static void on_error(unsigned long error, unsigned long detail, void* self);
};

}  // namespace griexport::pdf
