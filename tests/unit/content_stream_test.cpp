// The canvas writes a page's operators itself (content_stream.hpp) in the bytes libharu's
// page operators write. Each case draws the same thing both ways on a libharu page and
// compares the page's content stream byte for byte.
#include "render/pdf/content_stream.hpp"

// qpdf 11: use std::shared_ptr everywhere, no PointerHolder.
#define POINTERHOLDER_TRANSITION 4

#include <hpdf.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <boost/test/unit_test.hpp>
#include <functional>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <string>
#include <vector>

#include "render/pdf/pdf_canvas.hpp"
#include "test_support.hpp"

using namespace griexport;
using namespace griexport::pdf;

namespace {

// A libharu document with one UTF-8 TrueType font, as the canvas makes them.
struct LibharuPage {
    HPDF_Doc doc = HPDF_New(nullptr, nullptr);
    HPDF_Font font = nullptr;
    HPDF_Page page = nullptr;
    LibharuPage() {
        HPDF_SetCompressionMode(doc, HPDF_COMP_NONE);
        HPDF_UseUTFEncodings(doc);
        HPDF_SetCurrentEncoder(doc, "UTF-8");
        auto file = (test::source_dir() / "fonts" / "LiberationSans-Regular.ttf").string();
        const char* name = HPDF_LoadTTFontFromFile(doc, file.c_str(), HPDF_TRUE);
        font = HPDF_GetFont(doc, name, "UTF-8");
        page = HPDF_AddPage(doc);
    }
    ~LibharuPage() { HPDF_Free(doc); }
    LibharuPage(const LibharuPage&) = delete;
    LibharuPage& operator=(const LibharuPage&) = delete;

    std::string stream() const {
        HPDF_Stream s = static_cast<HPDF_PageAttr>(page->attr)->stream;
        HPDF_UINT32 size = HPDF_Stream_Size(s);
        std::string bytes(size, '\0');
        HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET);
        HPDF_UINT read = size;
        HPDF_Stream_Read(s, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &read);
        bytes.resize(read);
        return bytes;
    }
};

// Numbers of every shape a page has: whole, fractional, negative, tiny, large, and those a
// float cannot hold exactly (748.59 is written 748.59003, as libharu writes it).
const std::vector<float> numbers{0.f,       1.f,  -1.f,   748.59f,   56.7f,     595.28f,
                                 841.89f,   0.4f, 0.88f,  -0.5f,     1e-6f,     4e-6f,
                                 12345.67f, 1e6f, -2.25f, 0.000015f, 99.99999f, 538.58002f,
                                 1e-5f,     0.1f, 3.f,    33333.333f};

}  // namespace

BOOST_AUTO_TEST_SUITE(content_stream)

BOOST_AUTO_TEST_CASE(text_objects_are_libharus_bytes) {
    LibharuPage lib;
    BOOST_REQUIRE(lib.font);
    ContentStream ours;
    const char* local = nullptr;
    // Latin, Swedish letters, a 3-byte character, one beyond U+FFFF (a space), a byte that
    // cannot start a character, a character cut off at the end and a NUL (libharu reads the
    // text to there).
    const std::vector<std::string> texts{"GRI-index",
                                         "Utfall \xC3\xA5\xC3\xA4\xC3\xB6",
                                         "\xE2\x82\xAC 5",
                                         "x\xF0\x9F\x98\x80y",
                                         "a\x80z",
                                         "ab\xC3",
                                         std::string("ab\0cd", 5)};
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        float x = numbers[i], y = numbers[numbers.size() - 1 - i];
        float size = i % 2 ? 8.f : 9.5f;
        const std::string& text = texts[i % texts.size()];
        HPDF_Page_BeginText(lib.page);
        HPDF_Page_SetFontAndSize(lib.page, lib.font, size);
        HPDF_Page_TextOut(lib.page, x, y, text.c_str());
        HPDF_Page_EndText(lib.page);
        local = HPDF_Page_GetLocalFontName(lib.page, lib.font);
        BOOST_REQUIRE(local);
        ours.begin_text();
        ours.font(local, size);
        ours.move_text(x, y);
        ours.show_text(text);
        ours.end_text();
    }
    BOOST_TEST(HPDF_GetError(lib.doc) == 0u);
    BOOST_TEST(ours.bytes() == lib.stream());
}

BOOST_AUTO_TEST_CASE(paths_and_colours_are_libharus_bytes) {
    LibharuPage lib;
    ContentStream ours;
    for (std::size_t i = 0; i + 3 < numbers.size(); ++i) {
        float a = numbers[i], b = numbers[i + 1], c = numbers[i + 2], d = numbers[i + 3];
        float r = static_cast<float>(i % 5) / 4.f, g = 0.1f * static_cast<float>(i % 10),
              bl = i % 2 ? 0.95f : 0.f;
        HPDF_Page_SetRGBFill(lib.page, r, g, bl);
        HPDF_Page_Rectangle(lib.page, a, b, c, d);
        HPDF_Page_Fill(lib.page);
        HPDF_Page_SetRGBStroke(lib.page, bl, r, g);
        HPDF_Page_SetLineWidth(lib.page, i % 2 ? 0.4f : 1.25f);
        HPDF_Page_MoveTo(lib.page, a, d);
        HPDF_Page_LineTo(lib.page, c, b);
        HPDF_Page_Stroke(lib.page);
        ours.fill_colour(r, g, bl);
        ours.rectangle(a, b, c, d);
        ours.fill();
        ours.stroke_colour(bl, r, g);
        ours.line_width(i % 2 ? 0.4f : 1.25f);
        ours.move_to(a, d);
        ours.line_to(c, b);
        ours.stroke();
    }
    BOOST_TEST(HPDF_GetError(lib.doc) == 0u);
    BOOST_TEST(ours.bytes() == lib.stream());
}

BOOST_AUTO_TEST_CASE(canvas_shows_no_text_of_no_width_as_libharu) {
    // libharu's TextOut writes no Tj for a text whose glyphs have no width (a combining
    // acute accent alone); the canvas must leave it out too, and show the rest. The page's
    // content, compressed by the canvas, is read back through the /Filter it declares.
    Diagnostics diags;
    auto fonts = test::source_dir() / "fonts";
    PdfCanvas canvas({fonts / "LiberationSans-Regular.ttf", fonts / "LiberationSans-Bold.ttf"},
                     diags);
    BOOST_REQUIRE(canvas.ok());
    const std::string accent = "\xCC\x81";
    BOOST_REQUIRE(canvas.measure()(accent, FontStyle::regular, 10) == 0.0);
    Page page;
    page.text(50, 700, FontStyle::regular, 10, accent, {});
    page.text(50, 680, FontStyle::regular, 10, "", {});
    page.text(50, 660, FontStyle::bold, 10, "e" + accent, {});
    std::vector<Page> pages{page};
    std::string bytes = canvas.render(pages, {}, Geometry{}, 1);
    BOOST_REQUIRE(!bytes.empty());
    QPDF q;
    q.processMemoryFile("canvas.pdf", bytes.data(), bytes.size());
    auto first = QPDFPageDocumentHelper(q).getAllPages().at(0);
    auto data = first.getObjectHandle().getKey("/Contents").getStreamData(qpdf_dl_generalized);
    std::string content(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
    BOOST_TEST(content ==
               "0 0 0 rg\nBT\n/F1 10 Tf\n50 700 Td\nET\nBT\n50 680 Td\nET\n"
               "BT\n/F2 10 Tf\n50 660 Td\n<00650301> Tj\nET\n");
    BOOST_TEST(diags.items().empty());
}

BOOST_AUTO_TEST_CASE(values_libharu_refuses_are_reported_as_it_reported_them) {
    // A font size of 0, a colour component above 1 and a negative line width: libharu's
    // operators refuse them, and the canvas hands them to those operators so that the
    // error is libharu's own, and makes no PDF.
    auto fonts = test::source_dir() / "fonts";
    std::vector<std::function<void(Page&)>> bad{
        [](Page& p) { p.text(50, 700, FontStyle::regular, 0, "x", {}); },
        [](Page& p) {
            p.ops.push_back(DrawRect{10, 10, 5, 5, Color{2, 0, 0}});
        },
        [](Page& p) {
            p.ops.push_back(DrawLine{0, 0, 10, 10, -1, {}});
        }};
    for (std::size_t i = 0; i < bad.size(); ++i) {
        BOOST_TEST_CONTEXT("operation " << i) {
            Diagnostics diags;
            PdfCanvas canvas(
                {fonts / "LiberationSans-Regular.ttf", fonts / "LiberationSans-Bold.ttf"}, diags);
            BOOST_REQUIRE(canvas.ok());
            Page page;
            page.text(50, 650, FontStyle::regular, 10, "fine", {});
            bad[i](page);
            std::vector<Page> pages{page};
            BOOST_TEST(canvas.render(pages, {}, Geometry{}, 1).empty());
            BOOST_REQUIRE(diags.items().size() == 1u);
            BOOST_TEST(diags.items()[0].code == "pdf.libharu");
            BOOST_TEST(
                diags.items()[0].message.find("libharu failed while drawing the pages (error 0x") !=
                std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
