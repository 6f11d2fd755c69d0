// The merge behind griexport attach and build --annual-report: qpdf reads the annual report
// (libharu cannot read PDFs), the supplement's pages follow its own, and everything a
// reader navigates by is carried over or joined: page labels, bookmarks, the content
// index's links, the machine-readable files. Compiled as C++17 under clang (CMakeLists.txt):
// it includes only qpdf, fmt and attach.hpp.
#include <fmt/format.h>

#include "griexport/attach.hpp"

// qpdf 11: use std::shared_ptr everywhere, no PointerHolder.
#define POINTERHOLDER_TRANSITION 4

#include <map>
#include <optional>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

namespace griexport {

namespace {

namespace fs = std::filesystem;
using QOH = QPDFObjectHandle;

// The printed number of each page as a reader sees it, where it is a plain decimal
// number: a page in a /PageLabels range of style /D without a prefix gets its number; a
// page numbered otherwise (roman front matter "i", "ii", letters, a prefix "A-1", or a
// label with no number) gets none, so that "ÅR s. 1" never lands on page "i". Without
// /PageLabels every page is numbered by its position, as readers show it.
std::vector<std::optional<long long>> page_numbers(QPDF& q, std::size_t count) {
    std::vector<std::optional<long long>> out(count);
    auto labels = q.getRoot().getKey("/PageLabels");
    if (!labels.isDictionary() || !labels.getKey("/Nums").isArray()) {
        for (std::size_t i = 0; i < count; ++i) out[i] = static_cast<long long>(i) + 1;
        return out;
    }
    auto nums = labels.getKey("/Nums").getArrayAsVector();
    for (std::size_t k = 0; k + 1 < nums.size(); k += 2) {
        if (!nums[k].isInteger() || nums[k].getIntValue() < 0) continue;
        auto start = static_cast<std::size_t>(nums[k].getIntValue());
        auto end = k + 3 < nums.size() && nums[k + 2].isInteger() && nums[k + 2].getIntValue() >= 0
                       ? static_cast<std::size_t>(nums[k + 2].getIntValue())
                       : count;
        auto d = nums[k + 1];
        bool decimal = d.isDictionary() && d.getKey("/S").isName() &&
                       d.getKey("/S").getName() == "/D" &&
                       !(d.getKey("/P").isString() && !d.getKey("/P").getUTF8Value().empty());
        long long first =
            d.isDictionary() && d.getKey("/St").isInteger() ? d.getKey("/St").getIntValue() : 1;
        for (std::size_t i = start; i < end && i < count; ++i)
            out[i] =
                decimal ? std::optional(first + static_cast<long long>(i - start)) : std::nullopt;
    }
    return out;
}

// The annual report's last printed page number (the supplement continues from it): its
// last page with a decimal number, or its page count when it has none.
long long last_page_number(const std::vector<std::optional<long long>>& numbers) {
    for (auto it = numbers.rbegin(); it != numbers.rend(); ++it)
        if (*it) return **it;
    return static_cast<long long>(numbers.size());
}

QOH fit_destination(const QOH& page) {
    return QOH::newArray(std::vector<QOH>{page, QOH::newName("/Fit")});
}

// Opens the annual report as any program may have written it; false after reporting why.
bool open_annual_report(const fs::path& path, QPDF& ar, Diagnostics& diags) {
    const std::string ar_name = path.generic_string();
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        diags.error("attach.annual-report-missing", "no such file", {ar_name, 0, 0});
        return false;
    }
    ar.setSuppressWarnings(true);
    try {
        ar.processFile(ar_name.c_str());
        // qpdf reads objects lazily: a file without a catalogue or a page tree would throw
        // later, from anywhere. Found by fuzzing (tests/fuzz/corpus/annual_report).
        (void)ar.getRoot();
        (void)QPDFPageDocumentHelper(ar).getAllPages();
    } catch (const QPDFExc& e) {
        if (e.getErrorCode() == qpdf_e_password)
            diags.error("attach.encrypted",
                        "the annual report is protected by a password; export it from its "
                        "program without one",
                        {ar_name, 0, 0});
        else
            diags.error("attach.not-pdf",
                        fmt::format("not a PDF qpdf can read: {}", e.getMessageDetail()),
                        {ar_name, 0, 0});
        return false;
    } catch (const std::exception& e) {
        diags.error("attach.not-pdf", fmt::format("not a PDF qpdf can read: {}", e.what()),
                    {ar_name, 0, 0});
        return false;
    }
    if (ar.isEncrypted()) {
        diags.error("attach.encrypted",
                    "the annual report is encrypted (permissions set in its program); export it "
                    "without protection",
                    {ar_name, 0, 0});
        return false;
    }
    for (const auto& w : ar.getWarnings())
        diags.warning("attach.repaired",
                      fmt::format("qpdf repaired the annual report: {}", w.getMessageDetail()),
                      {ar_name, 0, 0});
    return true;
}

std::string merge(const fs::path& annual_report, QPDF& ar, QPDF& sup, const std::string& supplement,
                  const std::vector<Attachment>& attachments, Diagnostics& diags) {
    const std::string ar_name = annual_report.generic_string();
    // 3. The supplement's printed page numbers must continue the annual report's.
    QPDFPageDocumentHelper ar_pages(ar);
    auto ar_list = ar_pages.getAllPages();
    auto sup_list = QPDFPageDocumentHelper(sup).getAllPages();
    auto ar_numbers = page_numbers(ar, ar_list.size());
    long long last = last_page_number(ar_numbers);
    long long first = page_numbers(sup, sup_list.size()).front().value_or(1);
    if (first != last + 1) {
        diags.error("attach.first-page",
                    fmt::format("the supplement's pages are numbered from {} (organisation.xml "
                                "<annual-report first-page=\"{}\">), but the annual report ends "
                                "on page {}: set first-page=\"{}\" and build again",
                                first, first, last, last + 1),
                    {ar_name, 0, 0});
        return {};
    }

    // 4. Pages, then labels: the annual report's kept, the supplement's continuing them.
    // Copied through one foreign-object map, so a link on page 1 to page 7 and page 7
    // itself become the same object of the merged file.
    for (auto& p : sup_list)
        ar_pages.addPage(QPDFPageObjectHelper(ar.copyForeignObject(p.getObjectHandle())), false);
    auto all = ar_pages.getAllPages();
    auto nums = QOH::newArray();
    auto old_labels = ar.getRoot().getKey("/PageLabels");
    if (old_labels.isDictionary() && old_labels.getKey("/Nums").isArray())
        for (auto& item : old_labels.getKey("/Nums").getArrayAsVector()) nums.appendItem(item);
    else
        for (auto item : {QOH::newInteger(0), QOH::parse("<< /S /D >>")}) nums.appendItem(item);
    auto label = QOH::newDictionary();
    label.replaceKey("/S", QOH::newName("/D"));
    label.replaceKey("/St", QOH::newInteger(first));
    nums.appendItem(QOH::newInteger(static_cast<long long>(ar_list.size())));
    nums.appendItem(label);
    auto labels = QOH::newDictionary();
    labels.replaceKey("/Nums", nums);
    ar.getRoot().replaceKey("/PageLabels", labels);

    // Links within the supplement: qpdf copies a reference to another page as null, so each
    // copied link is pointed again at the copy of the page it named.
    std::map<QPDFObjGen, std::size_t> sup_index;
    for (std::size_t i = 0; i < sup_list.size(); ++i)
        sup_index[sup_list[i].getObjectHandle().getObjGen()] = i;
    for (std::size_t i = 0; i < sup_list.size(); ++i) {
        auto before = sup_list[i].getObjectHandle().getKey("/Annots");
        auto after = all[ar_list.size() + i].getObjectHandle().getKey("/Annots");
        if (!before.isArray() || !after.isArray()) continue;
        for (int k = 0; k < before.getArrayNItems() && k < after.getArrayNItems(); ++k) {
            auto dest = before.getArrayItem(k).getKey("/Dest");
            if (!dest.isArray() || dest.getArrayNItems() < 1) continue;
            auto it = sup_index.find(dest.getArrayItem(0).getObjGen());
            if (it == sup_index.end()) continue;
            after.getArrayItem(k).replaceKey(
                "/Dest", fit_destination(all[ar_list.size() + it->second].getObjectHandle()));
        }
    }

    // 5. The content index's links into the annual report, resolved to its pages.
    std::map<long long, std::size_t> page_of_number;
    for (std::size_t i = 0; i < ar_numbers.size(); ++i)
        if (ar_numbers[i]) page_of_number.emplace(*ar_numbers[i], i);
    for (std::size_t i = ar_list.size(); i < all.size(); ++i) {
        auto annots = all[i].getObjectHandle().getKey("/Annots");
        if (!annots.isArray()) continue;
        for (auto& a : annots.getArrayAsVector()) {
            auto target = a.getKey("/GRIExportTarget");
            if (!target.isString() || target.getUTF8Value().rfind("griexport-ar-", 0) != 0)
                continue;
            a.removeKey("/GRIExportTarget");
            long long n = std::stoll(target.getUTF8Value().substr(13));
            auto it = page_of_number.find(n);
            if (it == page_of_number.end()) {
                diags.warning("attach.link-target",
                              fmt::format("the content index refers to page {} of the annual "
                                          "report, which has no such page; the link is left out",
                                          n),
                              {ar_name, 0, 0});
                continue;
            }
            a.replaceKey("/Dest", fit_destination(all[it->second].getObjectHandle()));
        }
    }

    // 6. Bookmarks: the annual report's, then the supplement's under one entry.
    auto sup_outlines = sup.getRoot().getKey("/Outlines");
    auto title = sup.getTrailer().getKey("/Info").getKey("/Title");
    auto top = ar.makeIndirectObject(QOH::newDictionary());
    top.replaceKey("/Title",
                   QOH::newUnicodeString(title.isString() ? title.getUTF8Value() : "GRI"));
    top.replaceKey("/Dest", fit_destination(all[ar_list.size()].getObjectHandle()));
    if (sup_outlines.isDictionary() && sup_outlines.getKey("/First").isIndirect()) {
        auto first_item = ar.copyForeignObject(sup_outlines.getKey("/First"));
        auto item = first_item, last_item = first_item;
        int count = 0;
        for (; item.isDictionary(); item = item.getKey("/Next")) {
            item.replaceKey("/Parent", top);
            last_item = item;
            ++count;
        }
        top.replaceKey("/First", first_item);
        top.replaceKey("/Last", last_item);
        top.replaceKey("/Count", QOH::newInteger(-count));  // closed: the report's own first
    }
    auto outlines = ar.getRoot().getKey("/Outlines");
    if (!outlines.isDictionary()) {
        outlines = ar.makeIndirectObject(QOH::parse("<< /Type /Outlines /Count 0 >>"));
        ar.getRoot().replaceKey("/Outlines", outlines);
    }
    top.replaceKey("/Parent", outlines);
    auto previous = outlines.getKey("/Last");
    if (previous.isDictionary()) {
        previous.replaceKey("/Next", top);
        top.replaceKey("/Prev", previous);
    } else {
        outlines.replaceKey("/First", top);
    }
    outlines.replaceKey("/Last", top);
    auto count = outlines.getKey("/Count");
    outlines.replaceKey(
        "/Count", QOH::newInteger((count.isInteger() ? std::abs(count.getIntValue()) : 0) + 1));

    // 7. The machine-readable versions travel inside the one PDF.
    QPDFEmbeddedFileDocumentHelper files(ar);
    for (const auto& at : attachments) {
        auto stream = QPDFEFStreamObjectHelper::createEFStream(ar, at.bytes);
        stream.setSubtype(at.mime);
        auto spec = QPDFFileSpecObjectHelper::createFileSpec(ar, at.name, stream);
        spec.setDescription(at.description);
        files.replaceEmbeddedFile(at.name, spec);
    }
    auto info = ar.getTrailer().getKey("/Info");
    if (!info.isDictionary()) {
        info = ar.makeIndirectObject(QOH::newDictionary());
        ar.getTrailer().replaceKey("/Info", info);
    }
    info.replaceKey("/GRISupplement", QOH::newUnicodeString(fmt::format(
                                          "{}, pages {}–{}", supplement, first,
                                          first + static_cast<long long>(sup_list.size()) - 1)));
    auto metadata = ar.getRoot().getKey("/Metadata");
    if (metadata.isStream()) {
        auto xmp = metadata.getStreamData(qpdf_dl_generalized);
        std::string text(reinterpret_cast<const char*>(xmp->getBuffer()), xmp->getSize());
        if (text.find("pdfaid:part") != std::string::npos)
            diags.warning("attach.pdfa",
                          "the annual report claims PDF/A; the merged file carries attached "
                          "files and mixes two documents' fonts and colours, so it no longer "
                          "claims it. The supplement alone stays PDF/A-1b",
                          {ar_name, 0, 0});
    }

    QPDFWriter w(ar);
    w.setOutputMemory();
    w.setDeterministicID(true);
    w.setPreserveEncryption(false);
    w.write();
    auto buf = w.getBufferSharedPointer();
    return {reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize()};
}

}  // namespace

std::optional<int> page_after_annual_report(const fs::path& annual_report, Diagnostics& diags) {
    QPDF ar;
    if (!open_annual_report(annual_report, ar, diags)) return std::nullopt;
    try {
        auto numbers = page_numbers(ar, QPDFPageDocumentHelper(ar).getAllPages().size());
        return static_cast<int>(last_page_number(numbers) + 1);
    } catch (const std::exception& e) {
        diags.error("attach.not-pdf", fmt::format("not a PDF qpdf can read: {}", e.what()),
                    {annual_report.generic_string(), 0, 0});
        return std::nullopt;
    }
}

std::string merge_with_annual_report(const fs::path& annual_report,
                                     const std::string& supplement_name,
                                     const std::string& supplement,
                                     const std::vector<Attachment>& attachments,
                                     Diagnostics& diags) {
    QPDF ar;
    if (!open_annual_report(annual_report, ar, diags)) return {};
    QPDF sup;
    sup.setSuppressWarnings(true);
    try {
        sup.processMemoryFile(supplement_name.c_str(), supplement.data(), supplement.size());
        return merge(annual_report, ar, sup, supplement_name, attachments, diags);
    } catch (const std::exception& e) {
        diags.error("attach.merge", fmt::format("cannot merge the two documents: {}", e.what()),
                    {annual_report.generic_string(), 0, 0});
        return {};
    }
}

}  // namespace griexport
