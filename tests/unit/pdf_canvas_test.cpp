// The libharu adapter's fonts, read back from the PDF it writes: each font is made for the
// code points the document draws (pdf_canvas.cpp, font_for), so its widths and glyph map
// must cover exactly those, with the glyphs and widths the layout measured.
#include "render/pdf/pdf_canvas.hpp"

// qpdf 11: use std::shared_ptr everywhere, no PointerHolder.
#define POINTERHOLDER_TRANSITION 4

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include "test_support.hpp"

using namespace griexport;
using namespace griexport::pdf;

namespace {

struct FontInPdf {
    std::map<unsigned, int> widths;  // CID → width from /W
    int default_width = 0;           // /DW
    std::string gid_map;             // CIDToGIDMap, two bytes per CID
};

FontInPdf font_named(QPDF& q, const std::string& base) {
    for (auto& obj : q.getAllObjects()) {
        if (!obj.isDictionary() || !obj.getKey("/Subtype").isNameAndEquals("/Type0")) continue;
        std::string name = obj.getKey("/BaseFont").getName();
        if (name.size() < base.size() || name.substr(name.size() - base.size()) != base) continue;
        auto cid_font = obj.getKey("/DescendantFonts").getArrayItem(0);
        FontInPdf f;
        f.default_width = static_cast<int>(cid_font.getKey("/DW").getIntValue());
        auto w = cid_font.getKey("/W").getArrayAsVector();
        for (std::size_t i = 0; i + 1 < w.size(); i += 2) {
            auto first = static_cast<unsigned>(w[i].getIntValue());
            auto list = w[i + 1].getArrayAsVector();
            for (std::size_t k = 0; k < list.size(); ++k)
                f.widths[first + static_cast<unsigned>(k)] =
                    static_cast<int>(list[k].getNumericValue());
        }
        auto data = cid_font.getKey("/CIDToGIDMap").getStreamData(qpdf_dl_generalized);
        f.gid_map.assign(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
        return f;
    }
    BOOST_FAIL("no font " + base);
    return {};
}

unsigned gid_of(const FontInPdf& f, char32_t cp) {
    if (2 * cp + 1 >= f.gid_map.size()) return 0;
    return static_cast<unsigned char>(f.gid_map[2 * cp]) * 256u +
           static_cast<unsigned char>(f.gid_map[2 * cp + 1]);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pdf_canvas)

BOOST_AUTO_TEST_CASE(fonts_cover_exactly_the_code_points_drawn) {
    Diagnostics diags;
    auto fonts = test::source_dir() / "fonts";
    PdfCanvas canvas({fonts / "LiberationSans-Regular.ttf", fonts / "LiberationSans-Bold.ttf"},
                     diags);
    BOOST_REQUIRE(canvas.ok());
    auto measure = canvas.measure();
    // Å, b and the minus sign (U+2212, the highest code point drawn) in the regular font.
    const std::string text =
        "\xC3\x85"
        "b\xE2\x88\x92";
    Page page;
    page.text(50, 700, FontStyle::regular, 10, text, {});
    page.text(50, 680, FontStyle::bold, 10, "Z", {});
    Geometry g;
    std::vector<Page> pages{page};
    std::string bytes = canvas.render(pages, {}, g, 1);
    BOOST_REQUIRE(!bytes.empty());
    QPDF q;
    q.processMemoryFile("canvas.pdf", bytes.data(), bytes.size());
    FontInPdf regular = font_named(q, "+LiberationSans");

    // The glyph map ends at the highest code point drawn, and maps only those drawn.
    BOOST_TEST(regular.gid_map.size() == 2u * (0x2212 + 1));
    for (char32_t cp : {U'\u00C5', U'b', U'\u2212'}) BOOST_TEST(gid_of(regular, cp) != 0u);
    for (char32_t cp : {U'A', U'a', U'Z', U'0'}) BOOST_TEST(gid_of(regular, cp) == 0u);

    // Widths: only for code points drawn, and the ones the layout measured.
    for (const auto& [cid, width] : regular.widths) {
        BOOST_TEST_INFO("CID " << cid);
        BOOST_TEST((cid == 0xC5 || cid == 'b' || cid == 0x2212));
    }
    auto width_in_pdf = [&](char32_t cp) {
        auto it = regular.widths.find(cp);
        return it == regular.widths.end() ? regular.default_width : it->second;
    };
    BOOST_TEST(width_in_pdf(0xC5) == std::lround(measure("\xC3\x85", FontStyle::regular, 1000)));
    BOOST_TEST(width_in_pdf('b') == std::lround(measure("b", FontStyle::regular, 1000)));
    BOOST_TEST(width_in_pdf(0x2212) ==
               std::lround(measure("\xE2\x88\x92", FontStyle::regular, 1000)));
    BOOST_TEST(canvas.font(FontStyle::regular).used.size() == 3u);

    FontInPdf bold = font_named(q, "+LiberationSans-Bold,Bold");
    BOOST_TEST(bold.gid_map.size() == 2u * ('Z' + 1));
    BOOST_TEST(gid_of(bold, 'Z') != 0u);
    BOOST_TEST(diags.items().empty());
}

BOOST_AUTO_TEST_CASE(a_reused_document_draws_the_same_bytes_as_a_new_one) {
    // Canvases keep their libharu document, fonts loaded, for the next canvas of the
    // process (pdf_canvas.cpp, DocumentPool): nothing of one PDF may reach the next.
    auto fonts = test::source_dir() / "fonts";
    FontFiles files{fonts / "LiberationSans-Regular.ttf", fonts / "LiberationSans-Bold.ttf"};
    Geometry g;
    auto draw = [&](PdfCanvas& canvas, const std::string& text) {
        Page page;
        page.text(50, 700, FontStyle::regular, 10, text, {});
        page.text(50, 680, FontStyle::bold, 12, text, {});
        canvas.measure()(text, FontStyle::regular, 10);
        std::vector<Page> pages{page, page};
        return canvas.render(pages, {{"Del", 0, 0, 700}}, g, 3);
    };
    Diagnostics diags;
    std::string fresh;
    {
        // Two at once: the second cannot be a reused one, since none was handed back yet.
        PdfCanvas first(files, diags), second(files, diags);
        fresh = draw(second, "Zz 12");
        draw(first, "annat");
    }
    {
        PdfCanvas other(files, diags);  // a reused document, drawn with other text
        draw(other, "\xC3\x85ngermanland \xE2\x88\x92 \xC3\xB6vrigt");
    }
    PdfCanvas again(files, diags);  // the document the other canvas used
    BOOST_TEST(draw(again, "Zz 12") == fresh);
    BOOST_TEST(diags.items().empty());
}

// A document of many pages is saved through an unnamed scratch file, a small one in
// libharu's memory: the same bytes either way (without a temporary folder, memory), and
// every page's drawing operations are freed once drawn, its links kept.
BOOST_AUTO_TEST_CASE(a_long_document_saved_through_a_file_is_the_same) {
    auto fonts = test::source_dir() / "fonts";
    FontFiles files{fonts / "LiberationSans-Regular.ttf", fonts / "LiberationSans-Bold.ttf"};
    Geometry g;
    auto draw = [&](Diagnostics& diags) {
        PdfCanvas canvas(files, diags);
        std::vector<Page> pages(300);
        for (std::size_t i = 0; i < pages.size(); ++i) {
            pages[i].text(50, 700, FontStyle::regular, 10, "Sida " + std::to_string(i), {});
            pages[i].ops.push_back(DrawLine{50, 690, 300, 690, 0.5, {}});
            pages[i].links.push_back({});
            canvas.measure()(std::to_string(i), FontStyle::regular, 10);
        }
        std::string bytes = canvas.render(pages, {{"Del", 0, 299, 700}}, g, 1);
        for (const auto& p : pages) {
            BOOST_TEST(p.ops.empty());
            BOOST_TEST(p.texts.empty());
            BOOST_TEST(p.links.size() == 1u);
        }
        return bytes;
    };
    Diagnostics diags;
    std::string through_file = draw(diags);
    const char* old = std::getenv("TMPDIR");
    std::string saved = old ? old : "";
    ::setenv("TMPDIR", "/nonexistent/griexport-canvas-test", 1);
    std::string in_memory = draw(diags);
    if (old)
        ::setenv("TMPDIR", saved.c_str(), 1);
    else
        ::unsetenv("TMPDIR");
    BOOST_TEST(diags.items().empty());
    BOOST_REQUIRE(!through_file.empty());
    BOOST_TEST(through_file == in_memory);
    QPDF q;
    q.processMemoryFile("long.pdf", through_file.data(), through_file.size());
    BOOST_TEST(q.getAllPages().size() == 300u);
}

BOOST_AUTO_TEST_CASE(an_unreadable_font_is_an_error_not_a_missing_pdf) {
    // A font file cut short: libharu cannot load it. The canvas must say so, or the build
    // would leave the PDFs out and still succeed.
    test::ScratchFolder folder("canvas-font");
    auto fonts = test::source_dir() / "fonts";
    std::ifstream in(fonts / "LiberationSans-Bold.ttf", std::ios::binary);
    std::string bytes(3000, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    folder.write("cut.ttf", bytes);
    Diagnostics diags;
    PdfCanvas canvas({fonts / "LiberationSans-Regular.ttf", folder.path() / "cut.ttf"}, diags);
    BOOST_TEST(!canvas.ok());
    BOOST_TEST(diags.has_errors());
    BOOST_TEST(!diags.items().empty());
    if (!diags.items().empty()) BOOST_TEST(diags.items().front().code == "pdf.libharu");
    // And a good pair still loads afterwards (no broken document was kept for reuse).
    Diagnostics again;
    PdfCanvas good({fonts / "LiberationSans-Regular.ttf", fonts / "LiberationSans-Bold.ttf"},
                   again);
    BOOST_TEST(good.ok());
}

BOOST_AUTO_TEST_SUITE_END()
