// audit-trail.json: the audit record, machine readable. Decimals are strings so that no
// reader turns 17860.0 into a binary float; places are "path:line:col" as in the manifest.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "audit_record.hpp"
#include "griexport/audit.hpp"
#include "griexport/version.hpp"

namespace griexport {

namespace {

using json = nlohmann::ordered_json;

json local(const LocalText& t) {
    return {{"sv", t.sv}, {"en", t.en}};
}

std::string unit_id(const Dataset& ds, UnitId u) {
    return u == no_unit ? "" : ds.units.get(u).id;
}

json or_null(const std::string& s) {
    return s.empty() ? json(nullptr) : json(s);
}

json input_json(const Dataset& ds, const ProvenanceInput& in, const audit::Place& where) {
    json j;
    if (in.action.empty())
        j["indicator"] = in.indicator;
    else
        j["action"] = in.action;
    j["year"] = in.year;
    j["dimensions"] = in.dimensions;
    j["value"] = in.value.value.to_string();
    j["unit"] = unit_id(ds, in.value.unit);
    if (in.action.empty()) {
        j["definition_version"] = or_null(in.definition_version);
        j["calculation_model"] = or_null(in.calculation_model);
        j["status"] = in.status == ObservationStatus::preliminary ? "preliminary" : "final";
        j["reported_by"] = or_null(in.origin);
        j["evidence"] = or_null(in.evidence);
    } else {
        j["method"] = in.method;
    }
    j["location"] = where.text();
    return j;
}

}  // namespace

std::string audit_trail_json(const Dataset& ds, const Mappings& m, const DisclosureSet& set) {
    auto rec = audit::build_audit_record(ds, m, set);
    const Organisation& o = ds.organisation;

    json facts = json::array();
    for (const auto& v : rec.facts) {
        const Fact& f = set.facts[v.index];
        const Provenance& p = f.provenance;
        json j{{"id", v.index},
               {"disclosure", f.disclosure},
               {"topic", or_null(f.topic)},
               {"requirement", v.requirement},
               {"context", f.context},
               {"kind", f.kind == FactKind::text ? "text" : "numeric"},
               {"year", f.year},
               {"rule", p.rule},
               {"rule_location", audit::place_of(ds, p.rule_source).text()}};
        if (f.kind == FactKind::text) {
            j["text_location"] = audit::place_of(ds, p.narrative_source).text();
            j["declares"] = f.covers == "*" ? "all" : f.covers;
        } else {
            j["value"] = f.value.value.to_string();
            j["unit"] = unit_id(ds, f.value.unit);
            j["precision"] = f.precision;
            j["concept"] = or_null(f.concept_name);
            j["expression"] = p.expression;
            j["expression_location"] = audit::place_of(ds, p.expression_source).text();
            json steps = json::array();
            for (const auto& s : p.steps)
                steps.push_back({{"expression", s.expression}, {"value", s.value}});
            j["steps"] = steps;
            json inputs = json::array();
            for (std::size_t i = 0; i < p.inputs.size(); ++i)
                inputs.push_back(input_json(ds, p.inputs[i], v.input_places[i]));
            j["inputs"] = inputs;
        }
        json checks = json::array();
        for (const auto& c : v.checks)
            checks.push_back({{"check", c.name}, {"outcome", c.outcome}, {"detail", c.detail}});
        j["checks"] = checks;
        facts.push_back(std::move(j));
    }

    json runs = json::array();
    for (std::size_t i = 0; i < rec.runs.size(); ++i) {
        const auto& v = rec.runs[i];
        const Rule* r = v.rule;
        json j{{"run", i + 1},
               {"rule", v.application->rule},
               {"disclosure", v.entry->number},
               {"topic", or_null(v.entry->topic)},
               {"requirement", r && r->requirement
                                   ? fmt::format("{}-{}", r->disclosure, r->requirement)
                                   : v.entry->number},
               {"kind", !r                               ? ""
                        : r->kind == RuleKind::value     ? (r->context ? "context" : "value")
                        : r->kind == RuleKind::narrative ? "narrative"
                                                         : "omit"},
               {"origin", v.origin},
               {"location", v.place.text()},
               {"replaces", v.replaced ? json{{"location", v.replaced->text()},
                                              {"expression", r->replaced->expression}}
                                       : json(nullptr)},
               {"expression", r ? or_null(r->expression) : json(nullptr)},
               {"result", to_string(v.application->result)},
               {"missing", or_null(v.application->missing)},
               {"facts", v.application->facts},
               {"omissions", v.application->omissions}};
        runs.push_back(std::move(j));
    }

    json omissions = json::array();
    for (std::size_t i = 0; i < rec.omissions.size(); ++i) {
        const auto& v = rec.omissions[i];
        const Omission& om = *v.omission;
        omissions.push_back({{"id", i},
                             {"requirement", v.requirement},
                             {"topic", or_null(om.topic)},
                             {"reason", om.reason},
                             {"reason_allowed", v.reason_known && v.may_omit},
                             {"explanation", local(om.explanation)},
                             {"rule", om.rule},
                             {"location", v.place.text()},
                             {"because_inputs_missing", om.fallback}});
    }

    json coverage = json::array();
    for (const auto& e : set.disclosures) {
        if (e.status == DisclosureStatus::not_material) continue;
        json reqs = json::array();
        for (const auto& c : e.coverage) {
            json r{{"requirement", fmt::format("{}-{}", e.number, c.requirement)},
                   {"by", to_string(c.by)}};
            if (c.by == CoverageKind::fact || c.by == CoverageKind::narrative) r["fact"] = c.index;
            if (c.by == CoverageKind::omission) r["omission"] = c.index;
            reqs.push_back(std::move(r));
        }
        coverage.push_back({{"disclosure", e.number},
                            {"topic", or_null(e.topic)},
                            {"standard", e.standard},
                            {"status", to_string(e.status)},
                            {"partly_reported", e.partly_reported()},
                            {"requirements", reqs}});
    }

    json blockers = json::array();
    for (const auto& b : set.blockers)
        blockers.push_back(
            {{"requirement", b.requirement}, {"title", local(b.title)}, {"items", b.disclosures}});

    json goals = json::array(), indicators = json::array();
    for (const auto* g : rec.unmapped_goals)
        goals.push_back({{"id", g->id}, {"location", audit::place_of(ds, g->source).text()}});
    for (const auto* i : rec.unmapped_indicators)
        indicators.push_back({{"id", i->id},
                              {"goal", i->goal},
                              {"location", audit::place_of(ds, i->source).text()}});

    json sample = json::array();
    for (const auto& s : rec.sample_first) {
        json j = input_json(ds, *s.input, s.place);
        j = json{{"why", s.why}, {"input", j}, {"feeds", s.feeds}};
        sample.push_back(std::move(j));
    }

    json doc{
        {"schema", "griexport.audit-trail/1"},
        {"engine_version", engine_version},
        {"organisation", {{"name", o.name.sv}, {"organisation_number", o.organisation_number}}},
        {"reporting_period",
         {{"start", o.reporting_period.from.iso()},
          {"end", o.reporting_period.to ? o.reporting_period.to->iso() : ""}}},
        {"base_year", o.base_year},
        {"claim",
         {{"sought", set.sought == Claim::in_accordance ? "in-accordance" : "with-reference"},
          {"made", set.claim == Claim::in_accordance ? "in-accordance" : "with-reference"},
          {"blockers", blockers}}},
        {"counts",
         {{"rules_applied", runs.size()},
          {"facts", facts.size()},
          {"omissions", omissions.size()},
          {"goals_feeding_nothing", goals.size()},
          {"indicators_feeding_nothing", indicators.size()},
          {"sample_first", sample.size()}}},
        {"rules_applied", runs},
        {"facts", facts},
        {"omissions", omissions},
        {"coverage", coverage},
        {"feeding_no_disclosure", {{"goals", goals}, {"indicators", indicators}}},
        {"sample_first", sample},
    };
    return doc.dump(2) + "\n";
}

}  // namespace griexport
