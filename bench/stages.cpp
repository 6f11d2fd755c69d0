// Google Benchmark of the build's hot stages on the sample (and, with GRIEXPORT_BENCH_ORG,
// another organisation folder): evaluation, the document model, the PDF supplement, the
// Inline XBRL, the XBRL instances and the SHA-256 every output gets. Run:
//   build/griexport_bench [--benchmark_filter=…]
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "../engine/src/io/sha256.hpp"
#include "../engine/src/render/document/supplement_document.hpp"
#include "../engine/src/render/xbrl/instance.hpp"
#include "../engine/src/render/xhtml/inline_xbrl.hpp"
#include "griexport/build.hpp"
#include "griexport/evaluate.hpp"
#include "griexport/render.hpp"
#include "griexport/supplement.hpp"
#include "griexport/xbrl.hpp"

namespace {

std::filesystem::path organisation() {
    if (const char* org = std::getenv("GRIEXPORT_BENCH_ORG")) return org;
    return std::filesystem::path(GRIEXPORT_SOURCE_DIR) / "samples/region-dalarna";
}

griexport::LoadOptions load_options() {
    griexport::LoadOptions o;
    o.data_dir = GRIEXPORT_SOURCE_DIR;
    return o;
}

struct Evaluated {
    griexport::Evaluation ev = griexport::evaluate_organisation(organisation(), load_options());
    std::optional<griexport::Labels> sv = [] {
        std::vector<griexport::SourceFile> inputs;
        griexport::Diagnostics d;
        return griexport::Labels::load(GRIEXPORT_SOURCE_DIR, "sv", inputs, d);
    }();
};

const Evaluated& evaluated() {
    static Evaluated e;
    return e;
}

void evaluate(benchmark::State& state) {
    for (auto _ : state) {
        auto ev = griexport::evaluate_organisation(organisation(), load_options());
        benchmark::DoNotOptimize(ev.disclosures);
    }
}
BENCHMARK(evaluate)->Unit(benchmark::kMillisecond);

// The supplement's content alone (the PDF and the Inline XBRL supplement share it), in the
// default style: the columns and colours of templates/layout.xml do not change its cost.
void supplement_model(benchmark::State& state) {
    const auto& e = evaluated();
    for (auto _ : state) {
        auto d = griexport::doc::supplement_document(*e.ev.dataset, *e.ev.mappings,
                                                     *e.ev.disclosures, *e.sv, {}, nullptr, 1);
        benchmark::DoNotOptimize(d);
    }
}
BENCHMARK(supplement_model)->Unit(benchmark::kMillisecond);

void supplement_pdf(benchmark::State& state) {
    const auto& e = evaluated();
    griexport::SupplementOptions o;
    o.data_dir = GRIEXPORT_SOURCE_DIR;
    for (auto _ : state) {
        std::vector<griexport::SourceFile> inputs;
        griexport::Diagnostics d;
        auto pdf = griexport::supplement_pdf(*e.ev.dataset, *e.ev.mappings, *e.ev.disclosures,
                                             *e.sv, o, inputs, d);
        benchmark::DoNotOptimize(pdf);
    }
}
BENCHMARK(supplement_pdf)->Unit(benchmark::kMillisecond);

// The writers stream their files in pieces, as a build writes them into its staging folder:
// here the pieces are counted and dropped. (Appended to one string, as the in-memory
// variants do, copying and page faults were half or more of what was measured.) The
// Inline XBRL supplement makes its own content here (a build shares the PDF's).
void inline_xbrl(benchmark::State& state) {
    const auto& e = evaluated();
    griexport::SupplementOptions o;
    o.data_dir = GRIEXPORT_SOURCE_DIR;
    griexport::Diagnostics d;
    griexport::xbrl::InstanceRecord gri, programme;
    griexport::gri_instance(*e.ev.dataset, *e.ev.mappings, *e.ev.disclosures, d, &gri);
    std::vector<griexport::SourceFile> inputs;
    auto en = griexport::Labels::load(GRIEXPORT_SOURCE_DIR, "en", inputs, d);
    griexport::programme_xbrl(*e.ev.dataset, *e.ev.mappings, *e.sv, *en, d, &programme);
    for (auto _ : state) {
        std::size_t bytes = 0;
        griexport::xhtml::write_supplement(
            *e.ev.dataset, *e.ev.mappings, *e.ev.disclosures, *e.sv, o, gri, programme, &d, inputs,
            d, [&](std::string_view piece) { bytes += piece.size(); }, nullptr);
        benchmark::DoNotOptimize(bytes);
    }
}
BENCHMARK(inline_xbrl)->Unit(benchmark::kMillisecond);

void xbrl_instances(benchmark::State& state) {
    const auto& e = evaluated();
    std::vector<griexport::SourceFile> inputs;
    griexport::Diagnostics d;
    auto en = griexport::Labels::load(GRIEXPORT_SOURCE_DIR, "en", inputs, d);
    for (auto _ : state) {
        std::atomic<std::size_t> bytes = 0;  // the taxonomy is written on a thread of its own
        auto gri = griexport::gri_instance(*e.ev.dataset, *e.ev.mappings, *e.ev.disclosures, d);
        griexport::xbrl::InstanceRecord programme;
        griexport::programme_xbrl(*e.ev.dataset, *e.ev.mappings, *e.sv, *en, d, &programme,
                                  [&](const std::string&, const char*) {
                                      return griexport::FileSink{
                                          [&](std::string_view piece) { bytes += piece.size(); },
                                          [] {}};
                                  });
        benchmark::DoNotOptimize(gri);
        benchmark::DoNotOptimize(bytes.load());
    }
}
BENCHMARK(xbrl_instances)->Unit(benchmark::kMillisecond);

void whole_build(benchmark::State& state) {
    auto out = std::filesystem::temp_directory_path() / "griexport-bench-out";
    griexport::BuildOptions o;
    o.load = load_options();
    for (auto _ : state) {
        std::filesystem::remove_all(out);
        auto d = griexport::build_outputs(organisation(), out, o);
        benchmark::DoNotOptimize(d);
    }
    std::filesystem::remove_all(out);
}
BENCHMARK(whole_build)->Unit(benchmark::kMillisecond);

void sha256_4mib(benchmark::State& state) {
    std::string bytes(4u << 20, 'x');
    for (auto _ : state) benchmark::DoNotOptimize(griexport::io::sha256_hex(bytes));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * (4 << 20));
}
BENCHMARK(sha256_4mib)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
