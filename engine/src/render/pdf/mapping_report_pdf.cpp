// mapping-report.LANG.pdf: the mapping report's parts as a landscape PDF/A document, for
// the auditor who files or prints the review. Same parts, same rows as the workbook.
#include <fmt/format.h>

#include "../../audit/mapping_report.hpp"
#include "../../text/format.hpp"
#include "griexport/audit.hpp"
#include "pdf_document.hpp"

namespace griexport {

using namespace pdf;

std::string mapping_report_pdf(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                               const Labels& labels, const SupplementOptions& options,
                               std::vector<SourceFile>& inputs, Diagnostics& diags) {
    PdfDocument pdf(options.data_dir, inputs, diags);
    return pdf::draw_mapping_report(pdf, ds, m, set, labels, options, diags);
}

std::string pdf::draw_mapping_report(PdfDocument& pdf, const Dataset& ds, const Mappings& m,
                                     const DisclosureSet& set, const Labels& labels,
                                     const SupplementOptions& options, Diagnostics& /*diags*/) {
    if (!pdf.ok()) return {};
    auto parts = audit::mapping_report_parts(ds, m, set, labels);
    const std::string& lang = labels.lang();
    const Organisation& o = ds.organisation;
    std::string year = std::to_string(o.reporting_period.from.year);
    std::string org = o.name.in(lang).empty() ? o.name.sv : o.name.in(lang);

    // Landscape: the rules part has eleven columns.
    Geometry g = pdf.layout_template().geometry;
    std::swap(g.width, g.height);
    Layout l(g, pdf.measure(), lang);
    std::string title = labels.get("report.title", {{"year", year}});
    l.heading(fmt::format("{} – {}", title, org), 0);
    l.paragraph(labels.get("report.subtitle"));
    std::size_t runs = parts.empty() ? 0 : parts.front().rows.size();
    std::size_t omissions = 0;
    for (const auto& p : parts)
        if (p.id == "omissions") omissions = p.rows.size();
    l.paragraph(
        labels.get("report.summary", {{"rules", std::to_string(runs)},
                                      {"facts", std::to_string(set.facts.size())},
                                      {"omissions", std::to_string(omissions)},
                                      {"claim", m.catalogue.wording(set.claim).label.in(lang)}}));
    // Each part's rows are moved into its table and freed once laid out: a large
    // programme's parts and their table held the same text twice.
    for (auto& part : parts) {
        l.heading(part.title, 1);
        l.paragraph(part.intro);
        if (part.rows.empty()) {
            l.paragraph(labels.get("report.empty"));
            continue;
        }
        Table t;
        t.widths = part.widths;
        Row head;
        for (const auto& h : part.headers) head.cells.push_back({h, FontStyle::bold});
        t.header.push_back(std::move(head));
        t.rows.reserve(part.rows.size());
        for (auto& row : part.rows) {
            Row r;
            r.cells.reserve(row.size());
            for (auto& c : row) {
                std::string text = std::move(c.text);
                if (c.quantity)
                    if (auto d = Decimal::parse(text)) text = text::number(*d, lang);
                r.cells.push_back(
                    {std::move(text), FontStyle::regular, c.number ? Align::right : Align::left});
            }
            t.rows.push_back(std::move(r));
            row = {};
        }
        part.rows = {};
        l.table(t);
    }

    auto pages = l.take_pages();
    pdf.footers(
        pages, g, labels.get("report.footer", {{"organisation", org}, {"year", year}}),
        [&](int page, int count) {
            return labels.get(
                "pdf.page", {{"page", std::to_string(page + 1)}, {"pages", std::to_string(count)}});
        },
        document_mark(ds, set, labels));

    auto info =
        document_info(o, lang, fmt::format("{} – {}", title, org), labels.get("report.subtitle"),
                      org, labels.get("pdf.info.keywords"), options.source_date_epoch);
    return pdf.finish(std::move(pages), l.bookmarks(), g, 1, info);
}

}  // namespace griexport
