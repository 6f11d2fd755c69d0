// What every griexport PDF shares: the page template (templates/layout.xml), the embedded
// fonts and colour profile, footers, and the PDF/A-1b finish with document metadata. The
// supplement and the mapping report lay out their own content and hand the pages here.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "griexport/diagnostics.hpp"
#include "griexport/model.hpp"
#include "griexport/supplement.hpp"
#include "layout.hpp"
#include "pdf_canvas.hpp"
#include "pdfa.hpp"

namespace griexport::pdf {

struct Template {
    Geometry geometry;
    double footer_size = 7.5;
    std::map<std::string, Color> colours;
    std::map<std::string, std::vector<double>> columns;
};

// Reads templates/layout.xml (validated); records it in `inputs`.
std::optional<Template> load_template(const std::filesystem::path& data_dir,
                                      std::vector<SourceFile>& inputs, Diagnostics& diags);

// The metadata of a griexport PDF in one language, dated by SOURCE_DATE_EPOCH when given,
// else by the reporting period's last day, so the bytes reproduce.
DocumentInfo document_info(const Organisation& o, const std::string& lang, const std::string& title,
                           const std::string& description, const std::string& author,
                           const std::string& keywords,
                           std::optional<std::int64_t> source_date_epoch);

// The fonts, colour profile and canvas a document is drawn with.
class PdfDocument {
  public:
    PdfDocument(const std::filesystem::path& data_dir, std::vector<SourceFile>& inputs,
                Diagnostics& diags);
    bool ok() const { return ok_; }
    const Template& layout_template() const { return *template_; }
    Measure measure() const { return canvas_->measure(); }
    // Draws `left` and `right(page, pages)` under a rule on each page, and `mark` (a
    // draft's or a sample's, when not empty) at the top right of each page.
    void footers(std::vector<Page>& pages, const Geometry& g, const std::string& left,
                 const std::function<std::string(int page, int pages)>& right,
                 const std::string& mark) const;
    // The PDF/A-1b bytes, or "" after reporting the problem. The pages are let go once
    // drawn, before the PDF/A step.
    std::string finish(std::vector<Page> pages, const std::vector<Bookmark>& bookmarks,
                       const Geometry& g, int first_page_number, const DocumentInfo& info);

  private:
    std::optional<Template> template_;
    std::optional<std::string> icc_;
    std::unique_ptr<PdfCanvas> canvas_;
    Diagnostics& diags_;
    bool ok_ = false;
};

// The supplement and the mapping report drawn with a document made beforehand: a
// document's fonts take libharu some 9 ms each to prepare (it maps all of Unicode), so a
// build prepares them while it evaluates the organisation. `diags` is read (the mapping
// report shows the checks raised) and written; the document reports its own problems to
// the diagnostics it was made with.
std::string draw_supplement(PdfDocument& pdf, const Dataset& ds, const Mappings& m,
                            const DisclosureSet& set, const Labels& labels,
                            const SupplementOptions& options, Diagnostics& diags);
// The supplement's content, made once for the PDF and the Inline XBRL supplement in the
// same language (without page numbers: the PDF makes its content index again with them);
// null when the document could not be made.
std::shared_ptr<const doc::Document> supplement_model(const PdfDocument& pdf, const Dataset& ds,
                                                      const Mappings& m, const DisclosureSet& set,
                                                      const Labels& labels,
                                                      const SupplementOptions& options);
// The supplement drawn from that content.
std::string draw_supplement(PdfDocument& pdf, const Dataset& ds, const Mappings& m,
                            const DisclosureSet& set, const Labels& labels,
                            const SupplementOptions& options, Diagnostics& diags,
                            const doc::Document& document);
std::string draw_mapping_report(PdfDocument& pdf, const Dataset& ds, const Mappings& m,
                                const DisclosureSet& set, const Labels& labels,
                                const SupplementOptions& options, Diagnostics& diags);

}  // namespace griexport::pdf
