#include "pdfa.hpp"

#include <fmt/format.h>

#include <memory>
#include <stdexcept>

// qpdf 11: use std::shared_ptr everywhere, no PointerHolder.
#define POINTERHOLDER_TRANSITION 4

#include <qpdf/Pl_String.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include "flate.hpp"
#include "xmp.hpp"

namespace griexport::pdf {

namespace {

std::string utf16be_hex(char32_t cp) {
    if (cp < 0x10000) return fmt::format("{:04X}", static_cast<unsigned>(cp));
    cp -= 0x10000;
    return fmt::format("{:04X}{:04X}", 0xD800 + static_cast<unsigned>(cp >> 10),
                       0xDC00 + static_cast<unsigned>(cp & 0x3FF));
}

std::string pdf_date(const DocumentInfo& i) {
    return fmt::format("D:{:04}{:02}{:02}000000Z", i.year, i.month, i.day);
}

std::string strip_subset_tag(const std::string& name) {
    // "/HPDFAA+LiberationSans" → "LiberationSans"
    std::string n = !name.empty() && name[0] == '/' ? name.substr(1) : name;
    auto plus = n.find('+');
    return plus == 6 ? n.substr(plus + 1) : n;
}

const EmbeddedFont* font_named(const std::vector<const EmbeddedFont*>& fonts,
                               const std::string& base) {
    for (const auto* f : fonts)
        if (f->base_name == base) return f;
    return nullptr;
}

// Every stream not yet compressed (the canvas compresses the pages' content as it draws
// them) but the XMP packet, which PDF/A readers may read as it stands: libharu writes the
// others plain (pdf_canvas.cpp).
void compress_streams(QPDF& q) {
    FlateCompressor flate;
    for (auto& obj : q.getAllObjects()) {
        if (!obj.isStream()) continue;
        auto dict = obj.getDict();
        if (dict.hasKey("/Filter") || dict.getKey("/Type").isNameAndEquals("/Metadata")) continue;
        auto raw = obj.getRawStreamData();
        auto z = flate.compress({reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize()});
        if (z.empty()) throw std::runtime_error("a stream could not be compressed");
        obj.replaceStreamData(std::string(z), QPDFObjectHandle::newName("/FlateDecode"),
                              QPDFObjectHandle::newNull());
    }
}

}  // namespace

std::string to_unicode_cmap(const std::set<char32_t>& used) {
    std::string s =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    std::vector<char32_t> bmp;
    for (char32_t c : used)
        if (c < 0x10000) bmp.push_back(c);
    // At most 100 entries per block, as the CMap format asks.
    for (std::size_t i = 0; i < bmp.size(); i += 100) {
        std::size_t n = std::min<std::size_t>(100, bmp.size() - i);
        s += fmt::format("{} beginbfchar\n", n);
        for (std::size_t k = i; k < i + n; ++k)
            s += fmt::format("<{:04X}> <{}>\n", static_cast<unsigned>(bmp[k]), utf16be_hex(bmp[k]));
        s += "endbfchar\n";
    }
    s += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    return s;
}

std::string make_pdfa(const std::string& pdf, const std::vector<const EmbeddedFont*>& fonts,
                      const DocumentInfo& info, const std::string& icc_profile, Diagnostics& diags,
                      const std::vector<std::vector<LinkArea>>& links) {
    try {
        QPDF q;
        q.setSuppressWarnings(true);
        q.processMemoryFile("supplement.pdf", pdf.data(), pdf.size());
        for (auto& obj : q.getAllObjects()) {
            // libharu writes outline destinations as indirect arrays; PDF/A validators
            // (PDFBox Preflight) want the array itself.
            if (obj.isDictionary() && obj.hasKey("/Dest") && obj.getKey("/Dest").isIndirect() &&
                obj.getKey("/Dest").isArray())
                obj.replaceKey("/Dest",
                               QPDFObjectHandle::newArray(obj.getKey("/Dest").getArrayAsVector()));
            if (!obj.isDictionary() || !obj.getKey("/Type").isNameAndEquals("/Font") ||
                !obj.getKey("/Subtype").isNameAndEquals("/Type0"))
                continue;
            const EmbeddedFont* f =
                font_named(fonts, strip_subset_tag(obj.getKey("/BaseFont").getName()));
            if (!f) continue;
            obj.replaceKey("/ToUnicode", QPDFObjectHandle::newStream(&q, to_unicode_cmap(f->used)));
            auto descendant = obj.getKey("/DescendantFonts").getArrayItem(0);
            auto descriptor = descendant.getKey("/FontDescriptor");
            descriptor.replaceKey("/CapHeight", QPDFObjectHandle::newInteger(f->cap_height));
            // CIDs are code points here; the subset holds exactly those drawn, and CID 0.
            char32_t max = 0;
            for (char32_t c : f->used) max = std::max(max, c);
            std::string bits(max / 8 + 1, '\0');
            bits[0] = static_cast<char>(0x80);
            for (char32_t c : f->used)
                bits[c / 8] =
                    static_cast<char>(static_cast<unsigned char>(bits[c / 8]) | (0x80u >> (c % 8)));
            descriptor.replaceKey("/CIDSet", QPDFObjectHandle::newStream(&q, bits));
        }
        auto pages = QPDFPageDocumentHelper(q).getAllPages();
        for (std::size_t i = 0; i < links.size() && i < pages.size(); ++i) {
            auto page = pages[i].getObjectHandle();
            for (const auto& link : links[i]) {
                auto a = QPDFObjectHandle::newDictionary();
                a.replaceKey("/Type", QPDFObjectHandle::newName("/Annot"));
                a.replaceKey("/Subtype", QPDFObjectHandle::newName("/Link"));
                a.replaceKey("/Rect", QPDFObjectHandle::newArray(std::vector<QPDFObjectHandle>{
                                          QPDFObjectHandle::newReal(link.x, 2),
                                          QPDFObjectHandle::newReal(link.y, 2),
                                          QPDFObjectHandle::newReal(link.x + link.w, 2),
                                          QPDFObjectHandle::newReal(link.y + link.h, 2)}));
                a.replaceKey("/Border", QPDFObjectHandle::parse("[0 0 0]"));
                a.replaceKey("/F", QPDFObjectHandle::newInteger(4));  // PDF/A: printable
                if (link.target.rfind("page:", 0) == 0) {
                    auto n = std::stoul(link.target.substr(5));
                    if (n >= pages.size()) continue;
                    a.replaceKey("/Dest", QPDFObjectHandle::newArray(std::vector<QPDFObjectHandle>{
                                              pages[n].getObjectHandle(),
                                              QPDFObjectHandle::newName("/Fit")}));
                } else {
                    // A page of the annual report: no destination until griexport attach
                    // merges the two and resolves it (a dangling named destination would
                    // make readers warn about the supplement on its own).
                    a.replaceKey("/GRIExportTarget",
                                 QPDFObjectHandle::newString(link.target.substr(5)));
                }
                if (!page.hasKey("/Annots"))
                    page.replaceKey("/Annots", QPDFObjectHandle::newArray());
                page.getKey("/Annots").appendItem(q.makeIndirectObject(a));
            }
        }
        auto root = q.getRoot();
        auto xmp = QPDFObjectHandle::newStream(&q, xmp_packet(info));
        xmp.getDict().replaceKey("/Type", QPDFObjectHandle::newName("/Metadata"));
        xmp.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/XML"));
        root.replaceKey("/Metadata", xmp);
        root.replaceKey("/Lang",
                        QPDFObjectHandle::newString(info.lang == "en" ? "en-GB" : "sv-SE"));
        auto icc = QPDFObjectHandle::newStream(&q, icc_profile);
        icc.getDict().replaceKey("/N", QPDFObjectHandle::newInteger(3));
        auto intent = QPDFObjectHandle::newDictionary();
        intent.replaceKey("/Type", QPDFObjectHandle::newName("/OutputIntent"));
        intent.replaceKey("/S", QPDFObjectHandle::newName("/GTS_PDFA1"));
        intent.replaceKey("/OutputConditionIdentifier",
                          QPDFObjectHandle::newString("sRGB IEC61966-2.1"));
        intent.replaceKey("/Info", QPDFObjectHandle::newString("sRGB IEC61966-2.1"));
        intent.replaceKey("/DestOutputProfile", icc);
        auto intents = QPDFObjectHandle::newArray();
        intents.appendItem(q.makeIndirectObject(intent));
        root.replaceKey("/OutputIntents", intents);
        auto dict = QPDFObjectHandle::newDictionary();
        dict.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(info.titles.front().second));
        dict.replaceKey("/Subject",
                        QPDFObjectHandle::newUnicodeString(info.descriptions.front().second));
        dict.replaceKey("/Author", QPDFObjectHandle::newUnicodeString(info.author));
        dict.replaceKey("/Keywords", QPDFObjectHandle::newUnicodeString(info.keywords));
        dict.replaceKey("/Creator", QPDFObjectHandle::newUnicodeString(info.creator_tool));
        dict.replaceKey("/Producer", QPDFObjectHandle::newUnicodeString(info.producer));
        dict.replaceKey("/CreationDate", QPDFObjectHandle::newString(pdf_date(info)));
        dict.replaceKey("/ModDate", QPDFObjectHandle::newString(pdf_date(info)));
        q.getTrailer().replaceKey("/Info", q.makeIndirectObject(dict));

        compress_streams(q);
        QPDFWriter w(q);
        // Written straight into the string returned: qpdf's own memory output gathers the
        // file in a buffer and copies it out, so a large supplement (16 MB) was held three
        // times over at the build's busiest moment.
        std::string out;
        out.reserve(pdf.size());  // it comes out smaller: its streams compressed
        Pl_String sink("pdf/a", nullptr, out);
        w.setOutputPipeline(&sink);
        w.setDeterministicID(true);
        w.setObjectStreamMode(qpdf_o_disable);
        w.setCompressStreams(false);  // compressed above; XMP stays plain
        w.setDecodeLevel(qpdf_dl_none);
        w.forcePDFVersion("1.4");
        w.setNewlineBeforeEndstream(true);  // PDF/A: an EOL that Length does not count
        w.write();
        return out;
    } catch (const std::exception& e) {
        diags.error("pdf.pdfa", fmt::format("could not make the supplement PDF/A-1b: {}", e.what()),
                    {});
        return {};
    }
}

}  // namespace griexport::pdf
