#include "griexport/summary.hpp"

#include <nlohmann/json.hpp>

#include "griexport/version.hpp"

namespace griexport {

std::string validation_summary_json(const Dataset& ds, const Diagnostics& diags) {
    using json = nlohmann::ordered_json;
    json inputs = json::array();
    for (const auto& s : ds.sources) inputs.push_back({{"path", s.path}, {"sha256", s.sha256}});
    const auto& o = ds.organisation;
    json doc = {
        {"engine_version", engine_version},
        {"organisation", {{"name", o.name.sv}, {"organisation_number", o.organisation_number}}},
        {"reporting_period",
         {{"start", o.reporting_period.from.iso()},
          {"end", o.reporting_period.to ? o.reporting_period.to->iso() : ""}}},
        {"base_year", o.base_year},
        {"counts",
         {{"areas", ds.areas.size()},
          {"goals", ds.goals.size()},
          {"indicators", ds.indicators.size()},
          {"observations", ds.observations.size()},
          {"climate_entries", ds.climate_entries.size()},
          {"restatements", ds.restatements.size()},
          {"actions", ds.actions.size()},
          {"narratives", ds.narratives.size()}}},
        {"inputs", inputs},
        {"diagnostics", json::parse(format_json(diags))},
    };
    return doc.dump(2) + "\n";
}

}  // namespace griexport
