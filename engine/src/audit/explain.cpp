// `griexport explain`: the provenance of one disclosure, for an auditor following a
// published figure back to its rule and its source rows. English, like diagnostics.
#include <fmt/format.h>

#include "../rules/evaluator.hpp"
#include "griexport/render.hpp"

namespace griexport {

namespace {

std::string where(const Dataset& ds, const SourceRef& r, bool relative = false) {
    auto l = ds.location(r);
    // A published document names files as the organisation's folder does, wherever it was
    // built from, so that its bytes reproduce; the terminal names them as diagnostics do.
    if (relative && r.file < ds.sources.size()) {
        const auto& f = ds.sources[r.file];
        l = f.sheet.empty() ? Location{f.path, r.line, r.column}
                            : cell_location(f.path, f.sheet, r.line, r.column);
    }
    return fmt::format("{}:{}:{}", l.file, l.line, l.column);
}

std::string first_line(const std::string& s, std::size_t max) {
    auto line = s.substr(0, s.find('\n'));
    if (line.size() > max) {
        auto cut = max;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        line = line.substr(0, cut) + "…";
    }
    return line;
}

// The diagnostics raised at an input row, to show beneath it.
void raised_at(const Dataset& ds, const SourceRef& r, const Diagnostics* diagnostics, int depth,
               std::vector<ProvenanceLine>& out) {
    if (!diagnostics) return;
    Location at = ds.location(r);
    for (const auto& d : diagnostics->items())
        if (d.location.file == at.file && d.location.line == at.line && d.location.cell == at.cell)
            out.push_back(
                {depth, fmt::format("{}[{}]: {}", to_string(d.severity), d.code, d.message)});
}

std::string input_notes(ObservationStatus status, const std::string& evidence,
                        const std::string& definition, const std::string& model) {
    std::string notes;
    auto add = [&](const std::string& s) { notes += (notes.empty() ? "" : ", ") + s; };
    if (status == ObservationStatus::preliminary) add("preliminary");
    if (!evidence.empty()) add("evidence " + evidence);
    if (!definition.empty()) add("definition " + definition);
    if (!model.empty()) add("model " + model);
    return notes.empty() ? "" : " (" + notes + ")";
}

}  // namespace

std::vector<ProvenanceLine> fact_provenance(const Dataset& ds, const Fact& f,
                                            const Diagnostics* diagnostics, bool relative) {
    const Provenance& p = f.provenance;
    std::vector<ProvenanceLine> out;
    out.push_back({0, fmt::format("rule {}  {}", p.rule, where(ds, p.rule_source, relative))});
    out.push_back({0, fmt::format("expression {}  {}", p.expression,
                                  where(ds, p.expression_source, relative))});
    for (const auto& step : p.steps)
        out.push_back({1, fmt::format("{} = {}", step.expression, step.value)});
    out.push_back({0, "inputs:"});
    for (const auto& in : p.inputs) {
        if (!in.action.empty()) {
            out.push_back(
                {1, fmt::format("{}  action {} {} {}: {} estimated ({})",
                                where(ds, in.source, relative), in.action, in.year, in.dimensions,
                                quantity_text(ds.units, in.value), in.method)});
            continue;
        }
        // A converted row shows as written, then in the indicator's unit.
        std::string value = quantity_text(ds.units, in.value);
        if (in.written)
            value = fmt::format("{} as written, {} in the indicator's unit",
                                quantity_text(ds.units, *in.written), value);
        out.push_back({1, fmt::format("{}  indicator {} {}{}: {}{}", where(ds, in.source, relative),
                                      in.indicator, in.year,
                                      in.dimensions.empty() ? " total" : " " + in.dimensions, value,
                                      input_notes(in.status, in.evidence, in.definition_version,
                                                  in.calculation_model))});
        raised_at(ds, in.source, diagnostics, 2, out);
    }
    return out;
}

std::vector<ProvenanceLine> observation_provenance(const Dataset& ds, const Observation& obs,
                                                   const Diagnostics* diagnostics, bool relative) {
    const Indicator& ind = ds.indicators[obs.indicator];
    std::string dims;
    for (std::size_t d = 0; d < obs.dimensions.size(); ++d)
        if (obs.dimensions[d])
            dims += fmt::format(" {}={}", to_string(static_cast<Dimension>(d)),
                                ds.dimension_value(obs.dimensions[d]));
    const auto* def = rules::definition_for_year(ind, obs.year);
    std::string version = obs.restated_as ? std::string(ds.dimension_value(obs.restated_as))
                          : def           ? def->version
                                          : "";
    std::vector<ProvenanceLine> out;
    out.push_back(
        {0,
         fmt::format("{}  indicator {} {}{}: {}{}", where(ds, obs.origin, relative), ind.id,
                     obs.year, dims.empty() ? " total" : dims, quantity_text(ds.units, obs.value),
                     input_notes(obs.status, ds.observation_text(obs.evidence), version, ""))});
    raised_at(ds, obs.origin, diagnostics, 1, out);
    return out;
}

std::optional<std::string> explain_disclosure(const Dataset& ds, const Mappings& m,
                                              const DisclosureSet& set, std::string_view disclosure,
                                              const Diagnostics* diagnostics) {
    std::string out;
    bool found = false;
    for (const auto& e : set.disclosures) {
        if (e.number != disclosure) continue;
        found = true;
        const Disclosure* d = m.catalogue.find_disclosure(e.number);
        const Standard* s = d ? m.catalogue.find_standard(d->standard) : nullptr;
        out += fmt::format("{} {}{} — {}{}\n", e.number, d ? d->title.en : "",
                           s ? fmt::format(" ({})", s->title.en) : "", to_string(e.status),
                           e.partly_reported() ? " in part" : "");
        if (!e.topic.empty()) out += fmt::format("  material topic: {}\n", e.topic);
        for (const auto& pages : e.annual_report_pages)
            out += fmt::format("  located in the annual report, pages {}\n", pages);
        if (!e.goals.empty() || !e.indicators.empty()) {
            std::string refs;
            for (const auto& g : e.goals) refs += fmt::format(" goal {}", g);
            for (const auto& i : e.indicators) refs += fmt::format(" indicator {}", i);
            out += fmt::format("  programme:{}\n", refs);
        }
        for (auto fi : e.facts) {
            const Fact& f = set.facts[fi];
            const Provenance& p = f.provenance;
            std::string req =
                f.requirement ? fmt::format("{}-{}", f.disclosure, f.requirement) : f.disclosure;
            if (f.kind == FactKind::text) {
                out += fmt::format("\n  {} narrative: \"{}\"\n", req, first_line(f.text.en, 72));
                out += fmt::format("    rule {}  {}\n", p.rule, where(ds, p.rule_source));
                out += fmt::format("    text {}\n", where(ds, p.narrative_source));
                out += fmt::format("    declares {}\n",
                                   f.covers.empty()  ? "no requirement (covers=\"…\" absent)"
                                   : f.covers == "*" ? "every requirement"
                                                     : "requirements " + f.covers);
                continue;
            }
            if (f.context) req += " context (reports no requirement)";
            out += fmt::format("\n  {} = {} for {} (precision {}{})\n", req,
                               quantity_text(ds.units, f.value), f.year, f.precision,
                               f.concept_name.empty() ? "" : ", concept gri:" + f.concept_name);
            for (const auto& line : fact_provenance(ds, f, diagnostics))
                out += fmt::format("{:{}}{}\n", "", 4 + 2 * line.depth, line.text);
        }
        for (auto oi : e.omissions) {
            const Omission& om = set.omissions[oi];
            std::string req = om.requirement ? fmt::format("{}-{}", om.disclosure, om.requirement)
                                             : om.disclosure;
            const auto* reason = m.catalogue.find_reason(om.reason);
            out += fmt::format(
                "\n  {} omitted{}: {} — {}\n", req, om.fallback ? " (its inputs are missing)" : "",
                reason ? reason->label.en : om.reason, first_line(om.explanation.en, 72));
            out += fmt::format("    rule {}  {}\n", om.rule, where(ds, om.source));
        }
        if (!e.coverage.empty()) {
            out += "\n  requirements:";
            for (const auto& c : e.coverage)
                out += fmt::format(" {}={}", c.requirement, to_string(c.by));
            out += "\n";
        }
        out += "\n";
    }
    if (!found) return std::nullopt;
    return out;
}

}  // namespace griexport
