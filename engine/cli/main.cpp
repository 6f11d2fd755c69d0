// griexport's command line: parse arguments, call the library, map the result to an exit
// code. Exit codes: 0 success (warnings allowed), 1 the input has errors, 2 usage,
// 3 an internal error (a defect: whatever escaped the library, caught here).
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "griexport/attach.hpp"
#include "griexport/audit.hpp"
#include "griexport/batch.hpp"
#include "griexport/build.hpp"
#include "griexport/diagnostics.hpp"
#include "griexport/evaluate.hpp"
#include "griexport/fault_injection.hpp"
#include "griexport/load.hpp"
#include "griexport/output.hpp"
#include "griexport/render.hpp"
#include "griexport/starter.hpp"
#include "griexport/summary.hpp"
#include "griexport/version.hpp"
#include "taxonomy/gri_package.hpp"

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

// A large organisation allocates hundreds of MB in small pieces; on a virtual machine,
// faulting them in 4 KiB at a time cost a third of the run (100 000 rules: 2.4 s, of which
// 27 % in the kernel). glibc backs its heap with transparent huge pages only when
// GLIBC_TUNABLES says so, and reads it at start-up: hence one re-execution with it set
// (1.5 s). The second start costs about 30 ms, a fifth of a small build, so only an
// organisation whose folder holds more than 8 MiB of input is worth it. A GLIBC_TUNABLES the
// user set, even empty, is left alone.
bool large_input(int argc, char** argv) {
    namespace fs = std::filesystem;
    constexpr std::uintmax_t large = 8u << 20;
    std::error_code ec;
    for (int i = 2; i < argc; ++i) {
        if (!fs::is_directory(argv[i], ec)) continue;
        std::uintmax_t total = 0;
        for (fs::recursive_directory_iterator it(argv[i], ec), end; !ec && it != end;
             it.increment(ec)) {
            if (it->is_regular_file(ec)) total += it->file_size(ec);
            if (total > large) return true;
        }
    }
    return false;
}

// For a small organisation the same, without the second start: the heap's first 64 MiB are
// reserved at once and advised as huge-page memory (what glibc does per extension).
void advise_huge_pages_for_the_first_heap() {
    constexpr std::size_t pad = 64u << 20;
    ::mallopt(M_TOP_PAD, static_cast<int>(pad));
    std::free(std::malloc(1));
    auto end = reinterpret_cast<std::uintptr_t>(::sbrk(0));
    constexpr std::uintptr_t huge = 2u << 20;
    std::uintptr_t from = (end - pad + huge - 1) & ~(huge - 1);
    if (from < end) ::madvise(reinterpret_cast<void*>(from), end - from, MADV_HUGEPAGE);
}

void use_huge_pages_for_the_heap(int argc, char** argv) {
    if (std::getenv("GLIBC_TUNABLES")) return;
    if (!large_input(argc, argv)) {
        advise_huge_pages_for_the_first_heap();
        return;
    }
    ::setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 1);
    ::execv("/proc/self/exe", argv);
    ::unsetenv("GLIBC_TUNABLES");  // exec failed (no /proc): run as we are
}

// Options every writing verb shares; SOURCE_DATE_EPOCH dates documents reproducibly.
griexport::BuildOptions build_options(const griexport::LoadOptions& load) {
    griexport::BuildOptions build;
    build.load = load;
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch)
        build.source_date_epoch = std::strtoll(epoch, nullptr, 10);
    return build;
}

}  // namespace

int run(int argc, char** argv, std::string& stage) {
    use_huge_pages_for_the_heap(argc, argv);
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
    bool final_release = false;
    build_cmd->add_flag("--final", final_release,
                        "documents to publish: refuse without a GRI notification and a "
                        "publication date instead of marking them as a draft");
    std::string build_annual_report;
    build_cmd->add_option("--annual-report", build_annual_report,
                          "the annual report (PDF): number the supplement after its last page and "
                          "also write the two merged");
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

    auto* import_cmd = app.add_subcommand(
        "import-taxonomy",
        "read GRI's taxonomy package (zip) and write what griexport uses of it: every concept "
        "with its type, period, label, requirement, tables and axes "
        "(gri-mappings/gri-taxonomy.xml)");
    std::string package_zip, import_out;
    import_cmd->add_option("PACKAGE", package_zip, "GRI's taxonomy package, as GRI publishes it")
        ->required();
    import_cmd->add_option("-o,--output", import_out, "the file to write")->required();
    import_cmd->add_option("--format", format, "diagnostics as text (stderr) or json (stdout)")
        ->check(CLI::IsMember({"text", "json"}));

    auto* template_cmd = app.add_subcommand(
        "template", "write a data-entry workbook (.xlsx) for the organisation's indicators");
    template_cmd->add_option("DIR", folder, "the organisation folder")->required();
    std::string template_file;
    template_cmd->add_option("-o,--output", template_file, "the workbook to write (.xlsx)")
        ->required();
    template_cmd->add_option("--format", format, "diagnostics as text (stderr) or json (stdout)")
        ->check(CLI::IsMember({"text", "json"}));

    auto* explain = app.add_subcommand("explain", "print the provenance of one disclosure");
    std::string disclosure;
    explain->add_option("DIR", folder, "the organisation folder")->required();
    explain->add_option("DISCLOSURE", disclosure, "a disclosure number, such as 305-5")->required();

    auto* verify = app.add_subcommand(
        "verify",
        "check OUT against its manifest; with the organisation folder, check the inputs and "
        "rebuild to confirm every output byte for byte");
    std::string verify_out, verify_org;
    verify->add_option("OUT", verify_out, "a folder written by build")->required();
    verify->add_option("ORG", verify_org, "the organisation folder it was built from");
    verify->add_option("--format", format, "diagnostics as text (stderr) or json (stdout)")
        ->check(CLI::IsMember({"text", "json"}));

    auto* diff = app.add_subcommand(
        "diff", "what changed between two organisation folders (two years, or two drafts)");
    std::string old_folder, new_folder;
    diff->add_option("OLD", old_folder, "the earlier folder")->required();
    diff->add_option("NEW", new_folder, "the later folder")->required();
    diff->add_option("--format", format, "changes as text (stdout) or json (stdout)")
        ->check(CLI::IsMember({"text", "json"}));

    auto* attach = app.add_subcommand(
        "attach", "append the GRI supplement of a build to the annual report as one PDF");
    griexport::AttachOptions attach_options;
    std::string annual_report, attach_out, merged;
    attach->add_option("ANNUAL_REPORT", annual_report, "the annual report (PDF)")->required();
    attach->add_option("OUT", attach_out, "a folder written by build")->required();
    attach->add_option("-o,--output", merged, "the merged PDF to write")->required();
    attach->add_option("--lang", attach_options.lang, "the supplement's language: sv or en")
        ->check(CLI::IsMember({"sv", "en"}));
    attach->add_option("--format", format, "diagnostics as text (stderr) or json (stdout)")
        ->check(CLI::IsMember({"text", "json"}));

    auto* init = app.add_subcommand(
        "init", "write a starter organisation folder that validates and builds at once");
    griexport::InitOptions init_options;
    std::string init_dir;
    init->add_option("DIR", init_dir, "the new organisation folder (absent or empty)")->required();
    init->add_option("--type", init_options.type, "region, municipality or company")
        ->check(CLI::IsMember({"region", "municipality", "company"}));
    init->add_option("--year", init_options.year, "the reporting year")->required();
    init->add_option("--name", init_options.name, "the organisation's name");
    init->add_option("--format", format, "diagnostics as text (stderr) or json (stdout)")
        ->check(CLI::IsMember({"text", "json"}));

    auto* suggest = app.add_subcommand(
        "suggest",
        "write rules.suggested.xml: a rule skeleton for every requirement the claim still needs");
    suggest->add_option("DIR", folder, "the organisation folder")->required();
    suggest->add_option("--format", format, "diagnostics as text (stderr) or json (stdout)")
        ->check(CLI::IsMember({"text", "json"}));

    auto* batch = app.add_subcommand(
        "batch", "build many organisations, each into OUT/<name>/, on worker threads");
    std::string batch_list;
    batch
        ->add_option("LIST", batch_list,
                     "a file naming one organisation folder per line, or a folder of them")
        ->required();
    batch->add_option("-o,--output", out_dir, "the output folder")->required();
    unsigned jobs = 0;
    batch->add_option("--jobs", jobs, "worker threads (default: the machine's cores)")
        ->check(CLI::Range(1u, 1024u));
    std::string shard;
    batch
        ->add_option("--shard", shard,
                     "K/N: only every N-th organisation of the list from the K-th, counting "
                     "from 0 (a Kubernetes Indexed Job's JOB_COMPLETION_INDEX)")
        ->check([](const std::string& v) -> std::string {
            unsigned k = 0, n = 0;
            char slash = 0;
            std::istringstream in(v);
            if (!(in >> k >> slash >> n) || slash != '/' || !in.eof() || n == 0 || k >= n)
                return "expected K/N with 0 <= K < N, such as 0/4";
            return "";
        });
    batch->add_option("--lang", pdf_lang, "language of the PDF supplements: sv, en or both")
        ->check(CLI::IsMember({"sv", "en", "both"}));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }

    stage = app.get_subcommands().front()->get_name();
    griexport::tasks::fault_point("command:" + stage);
    griexport::LoadOptions options;
    options.data_dir = data_dir;
    // Before any work: an output folder that is, holds or lies in an input folder could
    // replace the inputs it was built from.
    if (!out_dir.empty()) {
        std::vector<std::filesystem::path> inputs{griexport::resolve_data_dir(options)};
        if (!folder.empty()) inputs.push_back(folder);
        if (auto why = griexport::output_overlaps_input(out_dir, inputs)) {
            std::cerr << "griexport: error[output.overlaps-input]: " << *why
                      << "; choose an output folder of its own\n";
            return 2;
        }
    }
    if (*batch) {
        griexport::Diagnostics list_diags;
        auto all = griexport::batch_list(batch_list, list_diags);
        if (list_diags.has_errors()) {
            print(list_diags, format);
            return 1;
        }
        griexport::BatchOptions batch_options;
        batch_options.build = build_options(options);
        batch_options.build.pdf_lang = pdf_lang;
        batch_options.jobs = jobs;
        if (!shard.empty()) {
            std::istringstream in(shard);
            char slash = 0;
            in >> batch_options.shard >> slash >> batch_options.shards;
        }
        auto mine = griexport::shard_of(all, batch_options.shard, batch_options.shards);
        // A progress line only for a person watching: none in a log or a pipe.
        bool tty = ::isatty(STDERR_FILENO);
        if (tty)
            batch_options.progress = [](const griexport::BatchProgress& p) {
                std::cerr << "\r\033[K[" << p.done << "/" << p.total << "] " << p.built
                          << " built, " << p.failed << " failed · " << p.last << std::flush;
            };
        auto result = griexport::build_batch(mine, out_dir, batch_options);
        if (tty) std::cerr << "\n";
        print(result.diagnostics, format);
        std::size_t warnings = 0;
        for (const auto& e : result.entries) warnings += e.warnings;
        std::cerr << "griexport: batch of " << result.entries.size() << ": " << result.built()
                  << " built, " << result.failed() << " failed, " << warnings << " warnings; "
                  << (std::filesystem::path(out_dir) / "batch.json").string() << "\n";
        for (const auto& e : result.entries)
            if (!e.built && !e.problems.empty()) {
                const auto& d = e.problems.front();
                std::cerr << "  " << e.name << ": " << d.location.file << ":" << d.location.line
                          << ":" << d.location.column << ": error[" << d.code << "]: " << d.message
                          << "\n";
            }
        return result.failed() || result.diagnostics.has_errors() ? 1 : 0;
    }
    if (*init) {
        auto diags = griexport::init_organisation(init_dir, init_options);
        print(diags, format);
        if (!diags.has_errors() && format == "text")
            std::cerr << "griexport: wrote a starter organisation to " << init_dir
                      << "; next: griexport build " << init_dir << " -o OUT\n";
        return exit_code(diags);
    }
    if (*suggest) {
        auto diags = griexport::suggest_rules(folder, options);
        print(diags, format);
        if (!diags.has_errors() && format == "text")
            std::cerr << "griexport: wrote "
                      << (std::filesystem::path(folder) / "rules.suggested.xml").string() << "\n";
        return exit_code(diags);
    }
    if (*validate) {
        auto ev = griexport::evaluate_organisation(folder, options);
        if (!out_dir.empty() && ev.dataset) {
            griexport::OutputSet out(out_dir, griexport::OutputSet::Mode::add);
            out.add("validation.json", "validation",
                    griexport::validation_summary_json(*ev.dataset, ev.diagnostics),
                    ev.diagnostics);
            out.commit(ev.diagnostics);
        }
        print(ev.diagnostics, format);
        return exit_code(ev.diagnostics);
    }
    if (*build_cmd) {
        options.final_release = final_release;
        auto build = build_options(options);
        build.pdf_lang = pdf_lang;
        build.taxonomy_package = taxonomy_package;
        build.annual_report = build_annual_report;
        auto diags = griexport::build_outputs(folder, out_dir, build);
        print(diags, format);
        return exit_code(diags);
    }
    if (*import_cmd) {
        griexport::Diagnostics diags;
        if (auto package = griexport::taxonomy::read_gri_package(package_zip, diags)) {
            // Beside the target, then one rename: the file is whole or absent.
            std::filesystem::path tmp = import_out + ".griexport-tmp";
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            if (auto err =
                    griexport::write_new_file(tmp, griexport::taxonomy::gri_taxonomy_xml(*package)))
                diags.error("output.write", "cannot write the file: " + *err, {import_out, 0, 0});
            else if (std::filesystem::rename(tmp, import_out, ec); ec) {
                std::filesystem::remove(tmp, ec);
                diags.error("output.write", "cannot move the file into place: " + ec.message(),
                            {import_out, 0, 0});
            } else if (format == "text") {
                std::cerr << "griexport: wrote " << import_out << ": " << package->concepts.size()
                          << " concepts, " << package->tables.size() << " tables, "
                          << package->axes.size() << " axes of " << package->identifier << " "
                          << package->publication_date << "\n";
            }
        }
        print(diags, format);
        return exit_code(diags);
    }
    if (*template_cmd) {
        // Never over an input: a workbook named like one inside the folder is refused.
        std::error_code ec;
        auto target = std::filesystem::weakly_canonical(template_file, ec);
        auto org = std::filesystem::weakly_canonical(folder, ec);
        auto rel = target.lexically_relative(org);
        if (!rel.empty() && *rel.begin() != ".." && std::filesystem::exists(target, ec)) {
            std::cerr << "griexport: error[output.overlaps-input]: " << template_file
                      << " is a file of the organisation folder; write the template elsewhere\n";
            return 2;
        }
        auto diags =
            griexport::write_data_entry_workbook(folder, template_file, build_options(options));
        print(diags, format);
        return exit_code(diags);
    }
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
    if (*verify) {
        std::filesystem::path org = verify_org;
        auto diags =
            griexport::verify_outputs(verify_out, verify_org.empty() ? nullptr : &org, options);
        print(diags, format);
        if (!diags.has_errors() && format == "text")
            std::cerr << "griexport: " << verify_out
                      << (verify_org.empty() ? ": every output matches its manifest\n"
                                             : ": inputs unchanged; the rebuild reproduces every "
                                               "output byte for byte\n");
        return exit_code(diags);
    }
    if (*attach) {
        attach_options.annual_report = annual_report;
        attach_options.out = attach_out;
        attach_options.merged = merged;
        auto diags = griexport::attach_supplement(attach_options);
        print(diags, format);
        return exit_code(diags);
    }
    if (*diff) {
        // 0 equal, 1 they differ (or a silent restatement), 2 a folder does not evaluate.
        auto c = griexport::compare_organisations(old_folder, new_folder, options);
        if (c.failed) {
            print(c.diagnostics, format);
            return 2;
        }
        if (format == "json") {
            std::cout << griexport::comparison_json(c);
        } else {
            std::cout << griexport::comparison_text(c);
            std::cerr << griexport::format_text(c.diagnostics);
        }
        return c.changes.empty() && !c.diagnostics.has_errors() ? 0 : 1;
    }
    if (*explain) {
        // Only errors are printed: the provenance is the output, warnings belong to validate.
        auto ev = griexport::evaluate_organisation(folder, options);
        if (!ev.disclosures) {
            print(ev.diagnostics, format);
            return 1;
        }
        auto text = griexport::explain_disclosure(*ev.dataset, *ev.mappings, *ev.disclosures,
                                                  disclosure, &ev.diagnostics);
        if (!text) {
            std::cerr << "griexport: error[explain.not-in-scope]: disclosure " << disclosure
                      << " is not in scope for this organisation and period\n";
            return 2;
        }
        std::cout << *text;
        // A rule that failed (rule.overflow, …) leaves its fact out of the provenance:
        // say why, and do not claim success.
        if (ev.diagnostics.has_errors()) {
            griexport::Diagnostics errors;
            for (const auto& d : ev.diagnostics.sorted())
                if (d.severity == griexport::Severity::error)
                    errors.add(d.severity, d.code, d.message, d.location);
            print(errors, format);
            return 1;
        }
        return 0;
    }
    return 2;
}

int main(int argc, char** argv) {
    // The documented exit codes hold for every input: a defect that escapes the library is
    // reported with the command it stopped, never an abort.
    std::string stage = "arguments";
    auto internal = [&](const char* what) {
        std::cerr << "griexport: error[internal.error]: " << stage
                  << " stopped on an internal error: " << what
                  << "; nothing was written (please report this with the input)\n";
        return 3;
    };
    try {
        return run(argc, argv, stage);
    } catch (const std::exception& e) {
        return internal(e.what());
    } catch (...) {
        return internal("an unknown exception");
    }
}
