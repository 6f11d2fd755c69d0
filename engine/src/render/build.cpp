#include "griexport/build.hpp"

#include <fmt/format.h>

#include <future>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <map>

#include "../io/sha256.hpp"
#include "../io/source_text.hpp"
#include "../tasks/task_group.hpp"
#include "griexport/attach.hpp"
#include "griexport/audit.hpp"
#include "griexport/evaluate.hpp"
#include "griexport/fault_injection.hpp"
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

// A programme this large hands the memory its PDFs freed back to the system, and draws its
// mapping report only once the supplements' PDFs are drawn, so that the two documents'
// laid-out pages are never held at once.
bool large_programme(const Dataset& ds) {
    return ds.observations.size() >= 10000;
}

// glibc keeps freed memory in the arena of the thread that freed it: the PDFs' laid-out
// pages would stay resident while the main thread grows its own. A small build skips the
// walk over every arena, which would cost more than it gives back.
void return_freed_memory(const Dataset& ds) {
#if defined(__GLIBC__)
    if (large_programme(ds)) malloc_trim(0);
#else
    (void)ds;
#endif
}

// The fonts and colour profile a PDF needs, read while the organisation is evaluated.
struct Prepared {
    std::vector<SourceFile> inputs;
    Diagnostics diags;
    std::unique_ptr<pdf::PdfDocument> document;
};

std::shared_ptr<Prepared> prepare(const std::filesystem::path& data_dir) {
    auto p = std::make_shared<Prepared>();
    p->document = std::make_unique<pdf::PdfDocument>(data_dir, p->inputs, p->diags);
    return p;
}

// A PDF drawn on a thread of its own: its bytes and the inputs its document read.
struct Drawn {
    std::string name, kind, bytes;
    std::vector<SourceFile> inputs;
};

// The annual report's path as the manifest records it: relative to the organisation folder
// (absolute only when no relative path leads there), so that `verify OUT ORG` finds it from
// any working folder and a rebuild records the same string.
std::string annual_report_path(const std::filesystem::path& annual_report,
                               const std::filesystem::path& organisation) {
    std::error_code ec;
    auto ar = std::filesystem::weakly_canonical(std::filesystem::absolute(annual_report, ec), ec);
    auto org = std::filesystem::weakly_canonical(std::filesystem::absolute(organisation, ec), ec);
    auto rel = ar.lexically_relative(org);
    return rel.empty() ? ar.generic_string() : rel.generic_string();
}

// The two PDF documents' fonts and profile, read while the organisation is evaluated: the
// first language's supplement and mapping report use them (null: read when needed).
struct EarlyDocuments {
    std::shared_ptr<Prepared> supplement, report;
};

void render(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
            const BuildOptions& options, OutputSink& out, Diagnostics& diags, EarlyDocuments early,
            const std::filesystem::path& folder) {
    using tasks::run_stage;
    auto data_dir = resolve_data_dir(options.load);
    std::vector<SourceFile> inputs = ds.sources;
    // Both languages' labels (the programme taxonomy is labelled in sv and en), as the
    // mappings loaded them for the rules' texts: read once, listed among this build's inputs.
    const auto& labels = m.labels;
    if (labels.size() < 2) return;  // a labels file failed to load: already an error
    inputs.insert(inputs.end(), m.label_sources.begin(), m.label_sources.end());

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
            return;
        pdf.first_page = *first;
        annual_report_sha256 = io::sha256_hex(bytes);
    }
    std::vector<std::string> pdf_langs{langs.empty() ? std::string("sv") : langs.front()};
    if (options.pdf_lang == "both")
        pdf_langs = {"sv", "en"};
    else if (!options.pdf_lang.empty())
        pdf_langs = {options.pdf_lang};
    // The workbooks are dated as the supplement is, so that the bytes reproduce.
    std::int64_t created = options.source_date_epoch
                               ? *options.source_date_epoch
                               : ds.organisation.reporting_period.to->days_since_epoch() * 86400;

    // Everything the threads below write to or read, declared before them: the futures and
    // the group wait for their threads before any of it is destroyed.
    std::vector<std::shared_ptr<Prepared>> documents{
        early.supplement ? early.supplement : prepare(data_dir),
        early.report ? early.report : prepare(data_dir)};
    using Model = std::shared_ptr<const doc::Document>;
    std::vector<Drawn> supplements(pdf_langs.size()), reports(pdf_langs.size());
    std::string workbook;
    std::vector<std::shared_future<Model>> models;
    std::vector<std::shared_future<Diagnostics>> supplements_drawn;
    tasks::TaskGroup drawing;

    // Each language's supplement content, made once and shared by its PDF and its Inline
    // XBRL supplement; null when the PDF's document could not be made (the XHTML then makes
    // its own). A failure reaches both through the future, never a wait without end.
    for (std::size_t i = 0; i < pdf_langs.size(); ++i) {
        auto document = i == 0 ? documents[0] : prepare(data_dir);
        const std::string& lang = pdf_langs[i];
        models.push_back(std::async(std::launch::async, [&, document, lang] {
                             tasks::fault_point("build:supplement-content." + lang);
                             return pdf::supplement_model(*document->document, ds, m, set,
                                                          labels.at(lang), pdf);
                         }).share());
        supplements[i] = {"gri-supplement." + lang + ".pdf", "pdf-supplement", {}, {}};
        supplements_drawn.push_back(
            drawing.run("build:pdf-supplement." + lang, [&, i, document, lang](Diagnostics& d) {
                Model content = models[i].get();
                d.append(document->diags);  // the document's own problems (a font missing)
                if (content)
                    supplements[i].bytes = pdf::draw_supplement(*document->document, ds, m, set,
                                                                labels.at(lang), pdf, d, *content);
                supplements[i].inputs = std::move(document->inputs);
                document->document.reset();
                return_freed_memory(ds);
            }));
    }
    // The auditor's review, in the supplement's languages, and its workbook.
    auto draw_reports = [&] {
        for (std::size_t i = 0; i < pdf_langs.size(); ++i) {
            auto document = i == 0 ? documents[1] : nullptr;
            const std::string& lang = pdf_langs[i];
            reports[i] = {"mapping-report." + lang + ".pdf", "mapping-report", {}, {}};
            drawing.run("build:mapping-report." + lang, [&, i, document, lang](Diagnostics& d) {
                if (large_programme(ds))
                    for (const auto& f : supplements_drawn) f.wait();
                auto p = document ? document : prepare(data_dir);
                d.append(p->diags);
                reports[i].bytes =
                    pdf::draw_mapping_report(*p->document, ds, m, set, labels.at(lang), pdf, d);
                reports[i].inputs = std::move(p->inputs);
                p->document.reset();
                return_freed_memory(ds);
            });
        }
        if (!langs.empty())
            drawing.run(
                "build:mapping-report.xlsx",
                [&](Diagnostics& d) {
                    workbook =
                        mapping_report_xlsx(ds, m, set, labels.at(langs.front()), created, d);
                },
                large_programme(ds));
    };
    // A large programme's reports are drawn once the programme's instance is written,
    // beside the Inline XBRL supplement, so that they never take a core from the instance.
    if (!large_programme(ds)) draw_reports();

    run_stage("build:content-index", diags, [&](Diagnostics& d) {
        for (std::size_t i = 0; i < langs.size(); ++i) {
            std::string name = i == 0 ? "content-index.csv" : "content-index." + langs[i] + ".csv";
            out.add(name, "content-index", content_index_csv(ds, m, set, labels.at(langs[i])), d);
        }
        // The content index for Excel users, in the first language, beside its CSV.
        if (!langs.empty()) {
            auto xlsx = content_index_xlsx(ds, m, set, labels.at(langs.front()), created, d);
            if (!xlsx.empty()) out.add("content-index.xlsx", "content-index", std::move(xlsx), d);
        }
    });

    if (!options.taxonomy_package.empty())
        if (auto concepts =
                read_taxonomy_package(options.taxonomy_package, m.xbrl.gri_namespace, diags))
            check_concepts_against(*concepts, ds, m, set, diags);
    xbrl::InstanceRecord gri_facts, programme_facts;
    run_stage("build:gri-instance", diags, [&](Diagnostics& d) {
        auto gri = gri_instance(ds, m, set, d, &gri_facts);
        out.add(gri.path, gri.kind, std::move(gri.bytes), d);
    });
    run_stage("build:programme-xbrl", diags, [&](Diagnostics& d) {
        programme_xbrl(ds, m, labels.at("sv"), labels.at("en"), d, &programme_facts,
                       [&](const std::string& path, const char* kind) {
                           std::shared_ptr<PieceSink> s = out.stream(path, kind, d);
                           return FileSink{[s](std::string_view piece) {
                                               if (s) s->write(piece);
                                           },
                                           [s, &d] {
                                               if (s) s->close(d);
                                           }};
                       });
    });
    return_freed_memory(ds);  // the programme taxonomy's concepts
    if (large_programme(ds)) draw_reports();

    // The same supplement as Inline XBRL: the accessible, machine-readable version.
    for (std::size_t i = 0; i < pdf_langs.size(); ++i) {
        const auto& lang = pdf_langs[i];
        run_stage("build:xhtml-supplement." + lang, diags, [&](Diagnostics& d) {
            Model content = models[i].get();
            auto stream = out.stream("gri-supplement." + lang + ".xhtml", "xhtml-supplement", d);
            if (!stream) return;
            if (xhtml::write_supplement(
                    ds, m, set, labels.at(lang), pdf, gri_facts, programme_facts, &diags, inputs, d,
                    [&](std::string_view piece) { stream->write(piece); }, content.get()))
                stream->close(d);
        });
    }

    drawing.join(diags);
    for (auto* drawn : {&supplements, &reports})
        for (auto& p : *drawn) {
            inputs.insert(inputs.end(), p.inputs.begin(), p.inputs.end());
            if (!p.bytes.empty()) out.add(p.name, p.kind, std::move(p.bytes), diags);
        }

    if (!options.annual_report.empty())
        run_stage("build:annual-report", diags, [&](Diagnostics& d) {
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
                                                       *supplement, attachments, d);
                if (!merged.empty())
                    out.add("annual-report-with-gri." + pdf_langs.front() + ".pdf", "annual-report",
                            std::move(merged), d);
            }
        });

    run_stage("build:audit-trail", diags, [&](Diagnostics& d) {
        out.add("audit-trail.json", "audit-trail", audit_trail_json(ds, m, set), d);
    });
    if (!workbook.empty())
        out.add("mapping-report.xlsx", "mapping-report", std::move(workbook), diags);

    run_stage("build:manifest", diags, [&](Diagnostics& d) {
        out.add("manifest.json", "manifest",
                manifest_json(ds, m, set, inputs, out.files(), diags,
                              {options.pdf_lang, options.source_date_epoch,
                               options.annual_report.empty()
                                   ? std::string()
                                   : annual_report_path(options.annual_report, folder),
                               annual_report_sha256}),
                d);
    });
}

void write_outputs(const std::filesystem::path& folder, const std::filesystem::path& out_dir,
                   const BuildOptions& options, Diagnostics& diags) {
    auto data_dir = resolve_data_dir(options.load);
    // The PDFs' fonts are prepared while the organisation is evaluated (pdf_document.hpp).
    // std::async's futures wait in their destructors: whatever happens below, these
    // threads end before the function returns.
    auto supplement_document = std::async(std::launch::async, prepare, data_dir);
    auto report_document = std::async(std::launch::async, prepare, data_dir);
    auto ev = evaluate_organisation(folder, options.load);
    diags.append(ev.diagnostics);
    // Nothing is written when the input has errors, so nothing is drawn: a renderer never
    // meets a figure the checks refused (value.out-of-range, rule.overflow, …).
    if (!ev.disclosures || diags.has_errors()) return;
    OutputSet out(out_dir);
    render(*ev.dataset, *ev.mappings, *ev.disclosures, options, out, diags,
           {supplement_document.get(), report_document.get()}, folder);
    // Refuses whenever any stage reported an error: nothing of a failed build is written.
    out.commit(diags);
}

}  // namespace

void write_build_outputs(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                         const BuildOptions& options, OutputSink& out, Diagnostics& diags) {
    tasks::run_stage("build", diags,
                     [&](Diagnostics& d) { render(ds, m, set, options, out, d, {}, "."); });
}

Diagnostics build_outputs(const std::filesystem::path& folder, const std::filesystem::path& out_dir,
                          const BuildOptions& options) {
    Diagnostics diags;
    // Whatever escapes the stages is reported here, with the output folder untouched.
    tasks::run_stage("build", diags,
                     [&](Diagnostics& d) { write_outputs(folder, out_dir, options, d); });
    return diags;
}

}  // namespace griexport
