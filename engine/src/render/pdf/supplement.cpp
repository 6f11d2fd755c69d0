// The supplement as PDF: the document model (render/document/) laid out on A4 pages as
// templates/layout.xml says, with footers, bookmarks and links.
#include "griexport/supplement.hpp"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <pugixml.hpp>
#include <sstream>

#include "../../io/sha256.hpp"
#include "../../io/xml_source.hpp"
#include "../document/supplement_document.hpp"
#include "layout.hpp"
#include "pdf_document.hpp"

namespace griexport {

namespace {

using namespace pdf;

// One block on the pages as the template says; the cover is placed, the rest flows.
void lay_block(Layout& l, const doc::Block& block, const Geometry& g) {
    if (const auto* c = std::get_if<doc::Cover>(&block)) {
        double top = g.height * 0.62;
        l.place(g.margin_left, top, c->title, FontStyle::bold, 22, g.accent);
        l.place(g.margin_left, top - 34, c->organisation, FontStyle::bold, 16, g.text);
        l.place(g.margin_left, top - 58, c->subtitle, FontStyle::regular, 11, g.text);
        l.place(g.margin_left, top - 76, c->period, FontStyle::regular, 11, g.text);
        l.place(g.margin_left, top - 94, c->claim, FontStyle::regular, 11, g.text);
        l.place(g.margin_left, g.margin_bottom + 10, c->made_by, FontStyle::regular, 8, g.rule);
    } else if (const auto* s = std::get_if<doc::Section>(&block)) {
        l.page_break();
        l.heading(s->title, 0);
    } else if (const auto* h = std::get_if<doc::Heading>(&block)) {
        l.heading(h->text, h->level);
    } else if (const auto* p = std::get_if<doc::Paragraph>(&block)) {
        l.paragraph(p->text, p->font, p->small ? g.table_size : 0);
    } else if (const auto* n = std::get_if<doc::Narrative>(&block)) {
        const std::string& text = n->text;
        for (std::size_t pos = 0; pos <= text.size();) {
            auto end = text.find("\n\n", pos);
            auto para = text.substr(pos, end == std::string::npos ? end : end - pos);
            if (!para.empty()) l.paragraph(para);
            if (end == std::string::npos) break;
            pos = end + 2;
        }
    } else if (const auto* t = std::get_if<doc::Table>(&block)) {
        l.table(*t);
    } else if (const auto* chart = std::get_if<doc::BarChart>(&block)) {
        l.chart(*chart);
    } else if (const auto* space = std::get_if<doc::Space>(&block)) {
        l.space(space->points);
    }
}

// Where the content index lies in a layout of the whole document.
struct IndexSpan {
    Layout::Position from, to;
};

// Lays the document out with `index` in place of its content index section (which names
// pages the document's own blocks, made without pages, do not).
Layout lay_out(const doc::Document& d, const std::vector<doc::Block>& index, const Geometry& g,
               const Measure& measure, IndexSpan& span) {
    Layout l(g, measure, d.lang);
    for (std::size_t i = 0; i < d.blocks.size(); ++i) {
        if (i == d.index_begin) {
            span.from = l.position();
            for (const auto& block : index) lay_block(l, block, g);
            span.to = l.position();
            if (d.index_end > i) i = d.index_end - 1;
            continue;
        }
        lay_block(l, d.blocks[i], g);
    }
    return l;
}

// The page each disclosure's section starts on, found by its bookmark.
std::map<std::string, std::size_t> section_pages(const doc::Document& d, const Layout& l) {
    std::map<std::string, std::size_t> out;
    for (const auto& [key, title] : d.sections)
        for (const auto& b : l.bookmarks())
            if (b.title == title && !out.contains(key)) out[key] = b.page;
    return out;
}

}  // namespace

std::string supplement_pdf(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                           const Labels& labels, const SupplementOptions& options,
                           std::vector<SourceFile>& inputs, Diagnostics& diags) {
    PdfDocument pdf(options.data_dir, inputs, diags);
    return pdf::draw_supplement(pdf, ds, m, set, labels, options, diags);
}

std::string pdf::draw_supplement(PdfDocument& pdf, const Dataset& ds, const Mappings& m,
                                 const DisclosureSet& set, const Labels& labels,
                                 const SupplementOptions& options, Diagnostics& diags) {
    if (!pdf.ok()) return {};
    auto document = supplement_model(pdf, ds, m, set, labels, options);
    return draw_supplement(pdf, ds, m, set, labels, options, diags, *document);
}

std::shared_ptr<const doc::Document> pdf::supplement_model(const PdfDocument& pdf,
                                                           const Dataset& ds, const Mappings& m,
                                                           const DisclosureSet& set,
                                                           const Labels& labels,
                                                           const SupplementOptions& options) {
    if (!pdf.ok()) return nullptr;
    const Template& tmpl = pdf.layout_template();
    doc::SupplementStyle style{tmpl.columns, tmpl.colours};
    return std::make_shared<const doc::Document>(
        doc::supplement_document(ds, m, set, labels, style, nullptr,
                                 doc::supplement_first_page(ds.organisation, options.first_page)));
}

std::string pdf::draw_supplement(PdfDocument& pdf, const Dataset& ds, const Mappings& m,
                                 const DisclosureSet& set, const Labels& labels,
                                 const SupplementOptions& options, Diagnostics& diags,
                                 const doc::Document& document) {
    if (!pdf.ok()) return {};
    const Template& tmpl = pdf.layout_template();
    doc::SupplementStyle style{tmpl.columns, tmpl.colours};
    int first_page = doc::supplement_first_page(ds.organisation, options.first_page);
    auto measure = pdf.measure();
    // The index names the page each disclosure starts on; lay out until those settle. Only
    // the index changes between passes: it is made and laid out again on its own, and the
    // whole only when the new index takes other pages than the last (its rows grew).
    std::map<std::string, std::size_t> pages;
    auto index = doc::content_index_section(ds, m, set, labels, style, &pages, first_page);
    IndexSpan span;
    Layout layout = lay_out(document, index, tmpl.geometry, measure, span);
    for (int pass = 0; pass < 3; ++pass) {
        auto found = section_pages(document, layout);
        if (found == pages) break;
        pages = std::move(found);
        index = doc::content_index_section(ds, m, set, labels, style, &pages, first_page);
        Layout part(tmpl.geometry, measure, document.lang);
        for (const auto& block : index) lay_block(part, block, tmpl.geometry);
        if (layout.replace_section(span.from, span.to, part)) continue;
        // The last pass's pages go before the next are made: a large programme's laid-out
        // pages are hundreds of MB.
        layout.take_pages();
        layout = lay_out(document, index, tmpl.geometry, measure, span);
    }
    // A header broken inside a word reads badly ("Requirem|ent"): widths in layout.xml or
    // a label in templates/ should change. The whole template is named: no line is at fault.
    for (const auto& h : layout.split_headers())
        diags.warning("pdf.header-split",
                      fmt::format("the {} supplement's table header '{}' breaks inside a word: "
                                  "its column is too narrow for the word",
                                  labels.lang(), h),
                      Location{(options.data_dir / "templates/layout.xml").string(), 0, 0});
    auto drawn = layout.take_pages();
    // Footers: the organisation and year left, "Sida X av Y" right. Numbers continue the
    // årsredovisning's when the organisation gives the supplement's first page.
    std::string year = std::to_string(ds.organisation.reporting_period.from.year);
    auto y = [](int n) { return std::to_string(n); };
    pdf.footers(
        drawn, tmpl.geometry,
        labels.get("pdf.footer", {{"organisation", document.organisation}, {"year", year}}),
        [&](int page, int count) {
            return labels.get(
                "pdf.page", {{"page", y(first_page + page)}, {"pages", y(count + first_page - 1)}});
        },
        document_mark(ds, set, labels));

    auto info = document_info(
        ds.organisation, labels.lang(), document.title + " – " + document.organisation,
        labels.get("pdf.info.subject", {{"year", year}}), document.organisation,
        labels.get("pdf.info.keywords"), options.source_date_epoch);
    auto bookmarks = layout.bookmarks();
    return pdf.finish(std::move(drawn), bookmarks, tmpl.geometry, first_page, info);
}

}  // namespace griexport
