// Renderers of the DisclosureSet that need no layout: the GRI content index as CSV, the
// manifest, and the provenance of one disclosure for `explain`. Labels come from
// templates/<lang>/labels.xml.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "griexport/diagnostics.hpp"
#include "griexport/disclosure.hpp"
#include "griexport/evaluate.hpp"
#include "griexport/labels.hpp"
#include "griexport/output.hpp"

namespace griexport {

// What every page of every document says about its standing: "Utkast" while a draft,
// "Exempel med illustrativa värden" for a sample organisation, both joined; "" otherwise.
std::string document_mark(const Dataset& ds, const DisclosureSet& set, const Labels& labels);

// An omission's explanation as every content index prints it: for the omission a partial
// or proxy value implies, prefixed "Delvis redovisat: " / "Ersättningsmått: ".
std::string omission_explanation(const Omission& om, const Labels& labels);

// One row of the GRI content index, in the labels' language.
struct ContentIndexRow {
    std::string standard;    // "GRI 305: Utsläpp 2016"
    std::string disclosure;  // "305-5"
    std::string title;
    std::string location;  // "ÅR 4–5; GRI-bilagan, 305-5"
    std::string omitted;   // "305-5-b 305-5-c"
    std::string reason;
    std::string explanation;
    std::string internal_refs;
    std::string not_covered;  // "305-5-b 305-5-c": neither reported nor omitted
};

// The rows every content index shows (CSV, XLSX, PDF): disclosures in scope, not-material
// and not-reported ones left out.
std::vector<ContentIndexRow> content_index_rows(const Mappings& m, const DisclosureSet& set,
                                                const Labels& labels);

// The content index as an Excel workbook laid out like GRI's own content index template:
// the statement of use and GRI 1 above, a frozen header row with an autofilter, wrapped
// text, set column widths. `created` (seconds since the epoch) dates the document, so
// the bytes reproduce.
std::string content_index_xlsx(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                               const Labels& labels, std::int64_t created, Diagnostics& diags);

// The data-entry workbook of `griexport template`: an instructions sheet (sv and en), a
// sheet per programme area with a row per indicator and year asked for (the reporting
// year, and earlier years from the base year that have no value), lists for indicator
// ids, units and status, header and given cells locked. Read back as observations.xlsx.
std::string data_entry_workbook(const Dataset& ds, const Labels& sv, const Labels& en,
                                std::int64_t created, Diagnostics& diags);

// GRI content index, one row per disclosure in scope (not-material ones left out), with
// the header
// gri_standard,disclosure,title,location,omission_requirements,omission_reason,
// omission_explanation,internal_refs,requirements_not_covered. RFC 4180 quoting, CRLF-free ("\n"),
// UTF-8.
std::string content_index_csv(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                              const Labels& labels);

// manifest.json: claim, blockers, statement of use, inputs and outputs with sha256.
// manifest.json ends with "manifest_sha256": the sha256 of the manifest's own text with
// that value written as 64 zeros, so that `verify` notices a changed byte anywhere in it.
inline constexpr std::string_view manifest_digest_placeholder =
    "0000000000000000000000000000000000000000000000000000000000000000";
// The text with the placeholder replaced by its digest.
std::string seal_manifest(std::string text);

// `settings` are the build options that shape the bytes (`verify` rebuilds with them).
struct ManifestBuildSettings {
    std::string pdf_lang;  // as given to build; empty: the organisation's first language
    std::optional<std::int64_t> source_date_epoch;
    std::string annual_report{};         // build --annual-report, as given
    std::string annual_report_sha256{};  // of its bytes
};
std::string manifest_json(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                          const std::vector<SourceFile>& inputs,
                          const std::vector<OutputFile>& outputs, const Diagnostics& diags,
                          const ManifestBuildSettings& settings);

// The provenance of one disclosure as text: status, each fact with its rule (file:line),
// expression, intermediate values and inputs (file:line, definition version, model).
// Returns nullopt when the disclosure is not in scope.
// `found`, when given, are the evaluation's diagnostics: those raised at an input row the
// disclosure uses are shown under that row (a published total that differs from its parts).
std::optional<std::string> explain_disclosure(const Dataset& ds, const Mappings& m,
                                              const DisclosureSet& set, std::string_view disclosure,
                                              const Diagnostics* found = nullptr);

// One line of a figure's provenance, `depth` levels under its figure.
struct ProvenanceLine {
    int depth = 0;
    std::string text;
};
// The chain explain prints for a numeric fact: rule (file:line:col), expression, its steps,
// each input row with definition version, model, status and the diagnostics raised there.
// `relative`: files named relative to the organisation's folder or the data directory (for
// published documents), not as diagnostics print them.
std::vector<ProvenanceLine> fact_provenance(const Dataset& ds, const Fact& f,
                                            const Diagnostics* found = nullptr,
                                            bool relative = false);
// The same for a programme figure: its source row and what was raised there.
std::vector<ProvenanceLine> observation_provenance(const Dataset& ds, const Observation& obs,
                                                   const Diagnostics* found = nullptr,
                                                   bool relative = false);

}  // namespace griexport
