#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "../io/sha256.hpp"
#include "griexport/render.hpp"
#include "griexport/version.hpp"

namespace griexport {

namespace {

// The standards the report uses: those of the disclosures in scope (universal ones and
// the material topics'), in the order they are in force; not every standard in force.
std::vector<std::string> standards_in_scope(const DisclosureSet& set) {
    std::vector<std::string> out;
    for (const auto& id : set.standards_used)
        for (const auto& e : set.disclosures)
            if (e.standard == id && e.status != DisclosureStatus::not_material) {
                out.push_back(id);
                break;
            }
    return out;
}

const char* claim_id(Claim c) {
    return c == Claim::in_accordance ? "in-accordance" : "with-reference";
}

// Every diagnostic of the build, its file named as the inputs are (relative to the
// organisation folder or the data directory), so the manifest does not depend on where
// the build ran.
nlohmann::ordered_json diagnostic_items(const Diagnostics& diags,
                                        const std::vector<SourceFile>& inputs) {
    std::map<std::string, std::string> relative;
    for (const auto& s : inputs) relative.emplace(s.display_path, s.path);
    auto items = nlohmann::ordered_json::array();
    for (const auto& d : diags.sorted()) {
        auto it = relative.find(d.location.file);
        std::string file = it == relative.end() ? d.location.file : it->second;
        std::string where = file;
        if (!d.location.cell.empty())
            where = file + ":" + d.location.cell;
        else if (d.location.line)
            where = fmt::format("{}:{}:{}", file, d.location.line, d.location.column);
        items.push_back({{"code", d.code},
                         {"severity", to_string(d.severity)},
                         {"location", where},
                         {"message", d.message}});
    }
    return items;
}

}  // namespace

std::string seal_manifest(std::string text) {
    auto at = text.find(manifest_digest_placeholder);
    if (at != std::string::npos)
        text.replace(at, manifest_digest_placeholder.size(), io::sha256_hex(text));
    return text;
}

std::string manifest_json(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                          const std::vector<SourceFile>& inputs,
                          const std::vector<OutputFile>& outputs, const Diagnostics& diags,
                          const ManifestBuildSettings& settings) {
    using json = nlohmann::ordered_json;
    const Organisation& o = ds.organisation;
    json blockers = json::array();
    for (const auto& b : set.blockers)
        blockers.push_back({{"requirement", b.requirement},
                            {"title", {{"sv", b.title.sv}, {"en", b.title.en}}},
                            {"disclosures", b.disclosures}});
    json topics = json::array();
    for (const auto& t : set.topics)
        topics.push_back({{"id", t.id}, {"standards", t.standards}, {"goals", t.goals}});
    std::size_t reported = 0, omitted = 0, not_reported = 0;
    for (const auto& e : set.disclosures) {
        reported += e.status == DisclosureStatus::reported;
        omitted += e.status == DisclosureStatus::omitted;
        not_reported += e.status == DisclosureStatus::not_reported;
    }
    json in = json::array();
    std::set<std::string> listed;  // a workbook is one source per sheet, one input
    for (const auto& s : inputs)
        if (listed.insert(s.path).second) in.push_back({{"path", s.path}, {"sha256", s.sha256}});
    json out = json::array();
    for (const auto& f : outputs)
        out.push_back({{"path", f.path}, {"kind", f.kind}, {"sha256", f.sha256}});
    json doc = {
        {"engine_version", engine_version},
        // What `verify` needs to re-perform the build byte for byte.
        {"build",
         {{"pdf_lang", settings.pdf_lang},
          {"source_date_epoch",
           settings.source_date_epoch ? json(*settings.source_date_epoch) : json(nullptr)},
          {"annual_report", settings.annual_report.empty()
                                ? json(nullptr)
                                : json{{"path", settings.annual_report},
                                       {"sha256", settings.annual_report_sha256}}}}},
        {"organisation",
         {{"name", o.name.sv},
          {"organisation_number", o.organisation_number},
          {"lei", o.lei ? json(*o.lei) : json(nullptr)}}},
        {"reporting_period",
         {{"start", o.reporting_period.from.iso()},
          {"end", o.reporting_period.to ? o.reporting_period.to->iso() : ""}}},
        // A draft is not the published report; a sample's values are illustrative.
        {"draft", set.draft},
        {"sample", o.sample},
        {"publication_date", o.publication_date ? json(o.publication_date->iso()) : json(nullptr)},
        {"gri_notified", o.gri_notified ? json(o.gri_notified->iso()) : json(nullptr)},
        {"claim_sought", claim_id(set.sought)},
        {"claim", claim_id(set.claim)},
        {"claim_blockers", blockers},
        {"statement_of_use", {{"sv", set.statement_of_use.sv}, {"en", set.statement_of_use.en}}},
        {"standards", standards_in_scope(set)},
        {"material_topics", topics},
        {"disclosures",
         {{"reported", reported}, {"omitted", omitted}, {"not_reported", not_reported}}},
        {"facts", set.facts.size()},
        {"diagnostics",
         {{"errors", diags.error_count()},
          {"warnings", diags.warning_count()},
          {"items", diagnostic_items(diags, inputs)}}},
        {"inputs", in},
        {"outputs", out},
        {"manifest_sha256", manifest_digest_placeholder},
    };
    (void)m;
    return seal_manifest(doc.dump(2) + "\n");
}

}  // namespace griexport
