// `griexport explain`: the provenance of one disclosure, for an auditor following a
// published figure back to its rule and its source rows. English, like diagnostics.
#include <fmt/format.h>

#include "griexport/render.hpp"

namespace griexport {

namespace {

std::string where(const Dataset& ds, const SourceRef& r) {
    auto l = ds.location(r);
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

}  // namespace

std::optional<std::string> explain_disclosure(const Dataset& ds, const Mappings& m,
                                              const DisclosureSet& set, std::string_view disclosure,
                                              const Diagnostics* diagnostics) {
    // The diagnostics raised at an input row, printed beneath it.
    auto raised_at = [&](const SourceRef& r) {
        std::string out;
        if (!diagnostics) return out;
        Location at = ds.location(r);
        for (const auto& d : diagnostics->items())
            if (d.location.file == at.file && d.location.line == at.line &&
                d.location.cell == at.cell)
                out +=
                    fmt::format("        {}[{}]: {}\n", to_string(d.severity), d.code, d.message);
        return out;
    };
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
            out += fmt::format("    rule {}  {}\n", p.rule, where(ds, p.rule_source));
            out += fmt::format("    expression {}  {}\n", p.expression,
                               where(ds, p.expression_source));
            for (const auto& step : p.steps)
                out += fmt::format("      {} = {}\n", step.expression, step.value);
            out += "    inputs:\n";
            for (const auto& in : p.inputs) {
                if (!in.action.empty()) {
                    out += fmt::format("      {}  action {} {} {}: {} estimated ({})\n",
                                       where(ds, in.source), in.action, in.year, in.dimensions,
                                       quantity_text(ds.units, in.value), in.method);
                    continue;
                }
                std::string notes;
                if (in.status == ObservationStatus::preliminary) notes = "preliminary";
                if (!in.evidence.empty())
                    notes += fmt::format("{}evidence {}", notes.empty() ? "" : ", ", in.evidence);
                if (!in.definition_version.empty())
                    notes += fmt::format("{}definition {}", notes.empty() ? "" : ", ",
                                         in.definition_version);
                if (!in.calculation_model.empty())
                    notes +=
                        fmt::format("{}model {}", notes.empty() ? "" : ", ", in.calculation_model);
                // A converted row shows as written, then in the indicator's unit.
                std::string value = quantity_text(ds.units, in.value);
                if (in.written)
                    value = fmt::format("{} as written, {} in the indicator's unit",
                                        quantity_text(ds.units, *in.written), value);
                out += fmt::format("      {}  indicator {} {}{}: {}{}\n", where(ds, in.source),
                                   in.indicator, in.year,
                                   in.dimensions.empty() ? " total" : " " + in.dimensions, value,
                                   notes.empty() ? "" : " (" + notes + ")");
                out += raised_at(in.source);
            }
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
