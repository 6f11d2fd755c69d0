#include "griexport/build.hpp"

#include <fmt/format.h>

#include <future>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <map>

#include "../io/sha256.hpp"
#include "../io/source_text.hpp"
#include "griexport/attach.hpp"
#include "griexport/audit.hpp"
#include "griexport/evaluate.hpp"
#include "griexport/output.hpp"
#include "griexport/render.hpp"
#include "griexport/supplement.hpp"
#include "griexport/xbrl.hpp"
#include "pdf/pdf_document.hpp"
#include "xbrl/instance.hpp"
#include "xhtml/inline_xbrl.hpp"
namespace griexport {

Diagnostics write_data_entry_workbook(const std::filesystem::path& folder,
                                      const std::filesystem::path& out_file,
                                      const BuildOptions& options) {
    auto loaded = load_organisation(folder, options.load);
    Diagnostics diags = std::move(loaded.diagnostics);
    if (!loaded.dataset || diags.has_errors()) return diags;
    const Dataset& ds = *loaded.dataset;
    std::vector<SourceFile> inputs;
    auto data_dir = resolve_data_dir(options.load);
    auto sv = Labels::load(data_dir, "sv", inputs, diags);
    auto en = Labels::load(data_dir, "en", inputs, diags);
    if (!sv || !en) return diags;
    std::int64_t created = options.source_date_epoch
                               ? *options.source_date_epoch
                               : ds.organisation.reporting_period.to->days_since_epoch() * 86400;
    auto bytes = data_entry_workbook(ds, *sv, *en, created, diags);
    if (diags.has_errors()) return diags;
    // Beside the target, then one rename: the file is whole or absent, never half written.
    auto tmp = out_file;
    tmp += ".griexport-tmp";
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    if (auto err = write_new_file(tmp, bytes)) {
        diags.error("output.write", fmt::format("cannot write the file: {}", *err),
                    {out_file.generic_string(), 0, 0});
        return diags;
    }
    std::filesystem::rename(tmp, out_file, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        diags.error("output.write",
                    fmt::format("cannot move the file into place: {}", ec.message()),
                    {out_file.generic_string(), 0, 0});
    }
    return diags;
}

namespace {

// A programme this large gets threads of its own for its longest outputs and hands freed
// memory back; a smaller one (each organisation of a batch) is built on one thread.
bool large_programme(const Dataset& ds) {
    return ds.observations.size() >= 10000;
}

// What `from` holds past its first `known` items (those it was copied with), added to `to`.
void add_new(Diagnostics& to, const Diagnostics& from, std::size_t known) {
    for (std::size_t i = known; i < from.items().size(); ++i) {
        const Diagnostic& item = from.items()[i];
        to.add(item.severity, item.code, item.message, item.location);
    }
}

// Hands the memory a large build's stage freed back to the system. glibc keeps freed memory
// for reuse in the arena of the thread that freed it, so the PDFs' threads' hundreds of MB
// of laid-out pages stayed resident while the main thread grew its own: a million
// observations peaked some 170 MiB higher. Small builds (a batch's) skip it: the walk over
// every arena would cost more than it gives back.
void return_freed_memory(const Dataset& ds) {
#if defined(__GLIBC__)
    if (large_programme(ds)) malloc_trim(0);
#else
    (void)ds;
#endif
}

}  // namespace

Diagnostics build_outputs(const std::filesystem::path& folder, const std::filesystem::path& out_dir,
                          const BuildOptions& options) {
    // The PDFs' fonts are prepared while the organisation is evaluated (pdf_document.hpp).
    auto data_dir = resolve_data_dir(options.load);
    struct Prepared {
        std::vector<SourceFile> inputs;
        Diagnostics diags;
        std::unique_ptr<pdf::PdfDocument> document;
    };
    auto prepare = [data_dir] {
        auto p = std::make_unique<Prepared>();
        p->document = std::make_unique<pdf::PdfDocument>(data_dir, p->inputs, p->diags);
        return p;
    };
    auto supplement_document = std::async(std::launch::async, prepare);
    auto report_document = std::async(std::launch::async, prepare);
    auto ev = evaluate_organisation(folder, options.load);
    Diagnostics diags = std::move(ev.diagnostics);
    if (!ev.disclosures) return diags;
    const Dataset& ds = *ev.dataset;
    const Mappings& m = *ev.mappings;
    const DisclosureSet& set = *ev.disclosures;
    std::vector<SourceFile> inputs = ds.sources;
    // Both languages' labels: the programme taxonomy is labelled in sv and en.
    std::map<std::string, Labels> labels;
    for (const char* lang : {"sv", "en"})
        if (auto l = Labels::load(data_dir, lang, inputs, diags))
            labels.emplace(lang, std::move(*l));
    if (labels.size() < 2) return diags;
    OutputSet out(out_dir);

    const auto& langs = ds.organisation.languages;
    SupplementOptions pdf;
    pdf.data_dir = data_dir;
    pdf.source_date_epoch = options.source_date_epoch;
    std::string annual_report_sha256;
    if (!options.annual_report.empty()) {
        // Numbered after the annual report's last page, so the merged labels always fit.
        auto first = page_after_annual_report(options.annual_report, diags);
        std::string bytes;
        if (!first || !io::read_whole_file(options.annual_report,
                                           options.annual_report.generic_string(), bytes, diags))
            return diags;
        pdf.first_page = *first;
        annual_report_sha256 = io::sha256_hex(bytes);
    }
    std::vector<std::string> pdf_langs{langs.empty() ? std::string("sv") : langs.front()};
    if (options.pdf_lang == "both")
        pdf_langs = {"sv", "en"};
    else if (!options.pdf_lang.empty())
        pdf_langs = {options.pdf_lang};
    // The PDFs are the build's slowest part and need nothing of each other: each is drawn
    // on its own thread, with its own diagnostics and inputs, merged afterwards in a fixed
    // order so that the outputs and the manifest are the same as one after the other.
    // Each starts from the evaluation's diagnostics (the mapping report shows the checks
    // raised at input rows) and hands back only what it added.
    struct Drawn {
        std::string name, kind, bytes;
        Diagnostics diags;
        std::vector<SourceFile> inputs;
        std::size_t known = 0;
    };
    const Diagnostics found = diags;
    std::vector<std::future<Drawn>> drawing;
    // Each language's supplement content, made on its PDF's thread and shared with the
    // Inline XBRL supplement: a large programme's content takes seconds to make (null when
    // the PDF's document could not be made: the XHTML then makes its own).
    using Model = std::shared_ptr<const doc::Document>;
    std::vector<std::promise<Model>> model_made(pdf_langs.size());
    std::vector<std::future<Model>> models;
    for (auto& p : model_made) models.push_back(p.get_future());
    // Each supplement's PDF says when it is drawn (even when its drawing failed): a large
    // programme's mapping report waits for that, so that the two PDFs' laid-out pages are
    // never held at once.
    std::vector<std::promise<void>> supplement_drawn(pdf_langs.size());
    std::vector<std::shared_future<void>> supplements_drawn;
    for (auto& p : supplement_drawn) supplements_drawn.push_back(p.get_future().share());
    struct Signal {
        std::promise<void>* drawn;
        ~Signal() {
            if (drawn) drawn->set_value();
        }
    };
    // The first language's documents were prepared above; a second language's are made here.
    auto draw = [&](std::string name, std::string kind, std::unique_ptr<Prepared> prepared,
                    const std::string& lang, std::promise<Model>* model,
                    std::promise<void>* drawn) {
        return std::async(std::launch::async, [&, name, kind, lang, model, drawn,
                                               p = std::move(prepared)]() mutable {
            Signal signal{drawn};
            // A large programme's mapping report (no model) follows the supplements' PDFs.
            if (!model && large_programme(ds))
                for (const auto& f : supplements_drawn) f.wait();
            if (!p) {
                p = std::make_unique<Prepared>();
                p->document = std::make_unique<pdf::PdfDocument>(data_dir, p->inputs, p->diags);
            }
            Drawn d{name, kind, {}, found, std::move(p->inputs), found.items().size()};
            if (model) {
                Model content =
                    pdf::supplement_model(*p->document, ds, m, set, labels.at(lang), pdf);
                model->set_value(content);
                if (content)
                    d.bytes = pdf::draw_supplement(*p->document, ds, m, set, labels.at(lang), pdf,
                                                   d.diags, *content);
            } else {
                d.bytes = pdf::draw_mapping_report(*p->document, ds, m, set, labels.at(lang), pdf,
                                                   d.diags);
            }
            p->document.reset();
            return_freed_memory(ds);
            // The document's own problems (a font missing) come first, as when made here.
            Diagnostics own = std::move(p->diags);
            add_new(own, d.diags, d.known);
            d.diags = std::move(own);
            d.known = 0;
            return d;
        });
    };
    for (std::size_t i = 0; i < pdf_langs.size(); ++i)
        drawing.push_back(draw("gri-supplement." + pdf_langs[i] + ".pdf", "pdf-supplement",
                               i == 0 ? supplement_document.get() : nullptr, pdf_langs[i],
                               &model_made[i], &supplement_drawn[i]));
    // The workbooks are dated as the supplement is, so that the bytes reproduce.
    std::int64_t created = options.source_date_epoch
                               ? *options.source_date_epoch
                               : ds.organisation.reporting_period.to->days_since_epoch() * 86400;
    // The mapping report workbook, like its PDF, reads only the evaluation's diagnostics (the
    // checks raised at input rows); what it adds is merged after the audit trail's, as when
    // it was made after the trail. A large programme's is made on a thread beside the
    // mapping report's PDF; a small one's when it is merged.
    struct Workbook {
        std::string bytes;
        Diagnostics diags;
        std::size_t known = 0;
    };
    std::future<Workbook> workbook;
    auto make_workbook = [&] {
        if (langs.empty()) return;
        workbook = std::async(large_programme(ds) ? std::launch::async : std::launch::deferred,
                              [&, w = Workbook{{}, found, found.items().size()}]() mutable {
                                  w.bytes = mapping_report_xlsx(
                                      ds, m, set, labels.at(langs.front()), created, w.diags);
                                  return std::move(w);
                              });
    };
    // The auditor's review, in the supplement's languages. A large programme's is drawn
    // once the programme's instance is written and the supplement's PDF drawn, beside the
    // Inline XBRL supplement: started here it took the second core from the supplement's
    // PDF and the instance, and the Inline XBRL supplement was then written with a core
    // idle.
    auto draw_reports = [&] {
        for (std::size_t i = 0; i < pdf_langs.size(); ++i)
            drawing.push_back(draw("mapping-report." + pdf_langs[i] + ".pdf", "mapping-report",
                                   i == 0 ? report_document.get() : nullptr, pdf_langs[i], nullptr,
                                   nullptr));
    };
    if (!large_programme(ds)) {
        draw_reports();
        make_workbook();
    }

    for (std::size_t i = 0; i < langs.size(); ++i) {
        std::string name = i == 0 ? "content-index.csv" : "content-index." + langs[i] + ".csv";
        out.add(name, "content-index", content_index_csv(ds, m, set, labels.at(langs[i])), diags);
    }

    // The content index for Excel users, in the first language, beside its CSV.
    if (!langs.empty()) {
        auto xlsx = content_index_xlsx(ds, m, set, labels.at(langs.front()), created, diags);
        if (!xlsx.empty()) out.add("content-index.xlsx", "content-index", std::move(xlsx), diags);
    }

    if (!options.taxonomy_package.empty())
        if (auto concepts =
                read_taxonomy_package(options.taxonomy_package, m.xbrl.gri_namespace, diags))
            check_concepts_against(*concepts, ds, m, set, diags);
    xbrl::InstanceRecord gri_facts, programme_facts;
    auto gri = gri_instance(ds, m, set, diags, &gri_facts);
    out.add(gri.path, gri.kind, std::move(gri.bytes), diags);
    programme_xbrl(ds, m, labels.at("sv"), labels.at("en"), diags, &programme_facts,
                   [&](const std::string& path, const char* kind) {
                       std::shared_ptr<OutputStream> s = out.stream(path, kind, diags);
                       return FileSink{[s](std::string_view piece) {
                                           if (s) s->write(piece);
                                       },
                                       [s, &diags] {
                                           if (s) s->close(diags);
                                       }};
                   });
    return_freed_memory(ds);  // the programme taxonomy's concepts
    if (large_programme(ds)) {
        draw_reports();
        make_workbook();
    }

    // The same supplement as Inline XBRL: the accessible, machine-readable version.
    for (std::size_t i = 0; i < pdf_langs.size(); ++i) {
        const auto& lang = pdf_langs[i];
        Model content = models[i].get();
        auto stream = out.stream("gri-supplement." + lang + ".xhtml", "xhtml-supplement", diags);
        if (!stream) continue;
        if (xhtml::write_supplement(
                ds, m, set, labels.at(lang), pdf, gri_facts, programme_facts, &diags, inputs, diags,
                [&](std::string_view piece) { stream->write(piece); }, content.get()))
            stream->close(diags);
    }

    for (auto& job : drawing) {
        Drawn d = job.get();
        add_new(diags, d.diags, d.known);
        inputs.insert(inputs.end(), d.inputs.begin(), d.inputs.end());
        if (!d.bytes.empty()) out.add(d.name, d.kind, std::move(d.bytes), diags);
    }

    if (!options.annual_report.empty()) {
        // The first supplement merged into the annual report, carrying the XBRL instances.
        std::vector<Attachment> attachments;
        std::string supplement_name = "gri-supplement." + pdf_langs.front() + ".pdf";
        auto supplement = out.bytes_of(supplement_name);
        for (const auto& f : out.files())
            if (f.kind == "xbrl-instance")
                if (auto bytes = out.bytes_of(f.path))
                    attachments.push_back({f.path, "application/xml",
                                           "XBRL instance of the GRI supplement",
                                           std::move(*bytes)});
        if (supplement) {
            auto merged = merge_with_annual_report(options.annual_report, supplement_name,
                                                   *supplement, attachments, diags);
            if (!merged.empty())
                out.add("annual-report-with-gri." + pdf_langs.front() + ".pdf", "annual-report",
                        std::move(merged), diags);
        }
    }

    // The auditor's view; read from the diagnostics of this build before the manifest counts.
    out.add("audit-trail.json", "audit-trail", audit_trail_json(ds, m, set, diags), diags);
    if (workbook.valid()) {
        Workbook w = workbook.get();
        add_new(diags, w.diags, w.known);
        if (!w.bytes.empty())
            out.add("mapping-report.xlsx", "mapping-report", std::move(w.bytes), diags);
    }

    out.add("manifest.json", "manifest",
            manifest_json(ds, m, set, inputs, out.files(), diags,
                          {options.pdf_lang, options.source_date_epoch,
                           options.annual_report.generic_string(), annual_report_sha256}),
            diags);
    out.commit(diags);
    return diags;
}

}  // namespace griexport
