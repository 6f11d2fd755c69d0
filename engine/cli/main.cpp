// griexport's command line: parse arguments, call the library, map the result to an exit
// code. Exit codes: 0 success (warnings allowed), 1 the input has errors, 2 usage.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "griexport/diagnostics.hpp"
#include "griexport/evaluate.hpp"
#include "griexport/output.hpp"
#include "griexport/render.hpp"
#include "griexport/summary.hpp"
#include "griexport/supplement.hpp"
#include "griexport/version.hpp"

namespace {

void print(const griexport::Diagnostics& d, const std::string& format) {
    if (format == "json") {
        std::cout << griexport::format_json(d);
    } else {
        std::cerr << griexport::format_text(d);
    }
}

int exit_code(const griexport::Diagnostics& d) {
    return d.has_errors() ? 1 : 0;
}

// build: content index (one per report language; the first is content-index.csv), then
// the manifest naming every input and output with its sha256.
int build(const std::string& folder, const std::string& out_dir,
          const griexport::LoadOptions& options, const std::string& format,
          const std::string& taxonomy_package, const std::string& pdf_lang) {
    using namespace griexport;
    auto ev = evaluate_organisation(folder, options);
    auto& diags = ev.diagnostics;
    if (!ev.disclosures) {
        print(diags, format);
        return 1;
    }
    const Dataset& ds = *ev.dataset;
    std::vector<SourceFile> inputs = ds.sources;
    OutputSet out(out_dir);
    auto data_dir = resolve_data_dir(options);
    const auto& langs = ds.organisation.languages;
    for (std::size_t i = 0; i < langs.size(); ++i) {
        auto labels = Labels::load(data_dir, langs[i], inputs, diags);
        if (!labels) continue;
        std::string name = i == 0 ? "content-index.csv" : "content-index." + langs[i] + ".csv";
        out.add(name, "content-index",
                content_index_csv(ds, *ev.mappings, *ev.disclosures, *labels), diags);
    }
    // The PDF supplement: the organisation's first language unless --lang says otherwise.
    SupplementOptions pdf_options;
    pdf_options.data_dir = data_dir;
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch)
        pdf_options.source_date_epoch = std::strtoll(epoch, nullptr, 10);
    std::vector<std::string> pdf_langs;
    if (pdf_lang == "both")
        pdf_langs = {"sv", "en"};
    else if (!pdf_lang.empty())
        pdf_langs = {pdf_lang};
    else
        pdf_langs = {langs.empty() ? std::string("sv") : langs.front()};
    for (const auto& lang : pdf_langs) {
        auto labels = Labels::load(data_dir, lang, inputs, diags);
        if (!labels) continue;
        auto pdf =
            supplement_pdf(ds, *ev.mappings, *ev.disclosures, *labels, pdf_options, inputs, diags);
        if (!pdf.empty())
            out.add("gri-supplement." + lang + ".pdf", "pdf-supplement", std::move(pdf), diags);
    }
    // XBRL: the GRI instance, checked against a real taxonomy package when one is given,
    // and the programme's own taxonomy and instance (labels in both languages).
    if (!taxonomy_package.empty()) {
        auto concepts =
            read_taxonomy_package(taxonomy_package, ev.mappings->xbrl.gri_namespace, diags);
        if (concepts) check_concepts_against(*concepts, ds, *ev.mappings, *ev.disclosures, diags);
    }
    auto gri = gri_instance(ds, *ev.mappings, *ev.disclosures, diags);
    out.add(gri.path, gri.kind, std::move(gri.bytes), diags);
    auto sv = Labels::load(data_dir, "sv", inputs, diags);
    auto en = Labels::load(data_dir, "en", inputs, diags);
    if (sv && en)
        for (auto& f : programme_xbrl(ds, *ev.mappings, *sv, *en, diags))
            out.add(f.path, f.kind, std::move(f.bytes), diags);
    out.add("manifest.json", "manifest",
            manifest_json(ds, *ev.mappings, *ev.disclosures, inputs, out.files(), diags), diags);
    out.commit(diags);
    print(diags, format);
    return exit_code(diags);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"griexport — GRI reporting from a sustainability programme", "griexport"};
    app.set_version_flag("--version", std::string(griexport::engine_version));
    app.require_subcommand(1);
    std::string format = "text";
    std::string data_dir;
    app.add_option("--data-dir", data_dir,
                   "folder holding gri-mappings/ and templates/ (found beside the binary by "
                   "default)");
    std::string folder;
    std::string out_dir;

    auto* validate = app.add_subcommand(
        "validate", "load an organisation folder, evaluate its rules and print diagnostics");
    validate->add_option("DIR", folder, "the organisation folder")->required();
    validate->add_option("-o,--output", out_dir,
                         "also write OUT/validation.json (only when there is no error)");
    validate->add_option("--format", format, "diagnostics as text (stderr) or json (stdout)")
        ->check(CLI::IsMember({"text", "json"}));

    auto* build_cmd = app.add_subcommand("build", "write every output into OUT");
    build_cmd->add_option("DIR", folder, "the organisation folder")->required();
    build_cmd->add_option("-o,--output", out_dir, "the output folder")->required();
    build_cmd->add_option("--format", format, "diagnostics as text (stderr) or json (stdout)")
        ->check(CLI::IsMember({"text", "json"}));

    std::string pdf_lang;
    build_cmd
        ->add_option("--lang", pdf_lang,
                     "language of the PDF supplement: sv, en or both (default: the "
                     "organisation's first language)")
        ->check(CLI::IsMember({"sv", "en", "both"}));
    std::string taxonomy_package;
    build_cmd
        ->add_option("--taxonomy-package", taxonomy_package,
                     "a GRI taxonomy package (zip) to check the catalogue's concepts against")
        ->check(CLI::ExistingFile);

    auto* stand_in = app.add_subcommand(
        "stand-in-taxonomy",
        "write a stand-in GRI taxonomy package (its files) built from the catalogue, for "
        "validating the GRI instance offline");
    stand_in->add_option("DIR", folder, "an organisation folder (its rules.xml is read)")
        ->required();
    stand_in->add_option("-o,--output", out_dir, "the folder to write the package's files into")
        ->required();

    auto* explain = app.add_subcommand("explain", "print the provenance of one disclosure");
    std::string disclosure;
    explain->add_option("DIR", folder, "the organisation folder")->required();
    explain->add_option("DISCLOSURE", disclosure, "a disclosure number, such as 305-5")->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }

    griexport::LoadOptions options;
    options.data_dir = data_dir;
    if (*validate) {
        auto ev = griexport::evaluate_organisation(folder, options);
        if (!out_dir.empty() && ev.dataset) {
            griexport::OutputSet out(out_dir);
            out.add("validation.json", "validation",
                    griexport::validation_summary_json(*ev.dataset, ev.diagnostics),
                    ev.diagnostics);
            out.commit(ev.diagnostics);
        }
        print(ev.diagnostics, format);
        return exit_code(ev.diagnostics);
    }
    if (*build_cmd) return build(folder, out_dir, options, format, taxonomy_package, pdf_lang);
    if (*stand_in) {
        // The stand-in depends only on gri-mappings/, not on an organisation.
        griexport::Diagnostics diags;
        auto ev = griexport::evaluate_organisation(folder, options);
        if (!ev.mappings) {
            print(ev.diagnostics, format);
            return 1;
        }
        griexport::OutputSet out(out_dir);
        for (auto& f : griexport::gri_stand_in_package(*ev.mappings))
            out.add(f.path, f.kind, std::move(f.bytes), diags);
        out.commit(diags);
        print(diags, format);
        return exit_code(diags);
    }
    if (*explain) {
        // Only errors are printed: the provenance is the output, warnings belong to validate.
        auto ev = griexport::evaluate_organisation(folder, options);
        if (!ev.disclosures) {
            print(ev.diagnostics, format);
            return 1;
        }
        auto text =
            griexport::explain_disclosure(*ev.dataset, *ev.mappings, *ev.disclosures, disclosure);
        if (!text) {
            std::cerr << "griexport: error[explain.not-in-scope]: disclosure " << disclosure
                      << " is not in scope for this organisation and period\n";
            return 2;
        }
        std::cout << *text;
        return 0;
    }
    return 2;
}
