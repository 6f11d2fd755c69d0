// griexport's command line: parse arguments, call the library, map the result to an exit
// code. Exit codes: 0 success (warnings allowed), 1 the input has errors, 2 usage.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "griexport/diagnostics.hpp"
#include "griexport/load.hpp"
#include "griexport/output.hpp"
#include "griexport/summary.hpp"
#include "griexport/version.hpp"

namespace {

void print(const griexport::Diagnostics& d, const std::string& format) {
    if (format == "json") {
        std::cout << griexport::format_json(d);
    } else {
        std::cerr << griexport::format_text(d);
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"griexport — GRI reporting from a sustainability programme", "griexport"};
    app.set_version_flag("--version", std::string(griexport::engine_version));
    app.require_subcommand(1);
    std::string format = "text";
    std::string data_dir;
    app.add_option("--data-dir", data_dir,
                   "folder holding gri-mappings/ (found beside the binary by default)");

    auto* validate =
        app.add_subcommand("validate", "load and check an organisation folder; writes nothing");
    std::string folder;
    validate->add_option("DIR", folder, "the organisation folder")->required();
    std::string out_dir;
    validate->add_option("-o,--output", out_dir,
                         "also write OUT/validation.json (only when there is no error)");
    validate->add_option("--format", format, "diagnostics as text (stderr) or json (stdout)")
        ->check(CLI::IsMember({"text", "json"}));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }

    griexport::LoadOptions options;
    options.data_dir = data_dir;
    if (*validate) {
        auto result = griexport::load_organisation(folder, options);
        if (!out_dir.empty() && result.dataset) {
            griexport::OutputSet out(out_dir);
            out.add("validation.json", "validation",
                    griexport::validation_summary_json(*result.dataset, result.diagnostics),
                    result.diagnostics);
            out.commit(result.diagnostics);
        }
        print(result.diagnostics, format);
        return result.diagnostics.has_errors() ? 1 : 0;
    }
    return 2;
}
