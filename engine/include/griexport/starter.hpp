// Getting a new organisation from nothing to a full content index: a starter folder that
// validates and builds at once (`init`), and rule skeletons for what the claim still
// needs (`suggest`).
#pragma once

#include <filesystem>
#include <string>

#include "griexport/diagnostics.hpp"
#include "griexport/evaluate.hpp"

namespace griexport {

struct InitOptions {
    std::string type = "municipality";  // region, municipality or company
    int year = 0;                       // the reporting year
    std::string name;                   // empty: "Exempelkommun" and the like
};

// Writes organisation.xml, programme.xml, observations.csv, climate-accounts.csv and
// narratives.xml into `dir`, which must not exist or be empty (init.not-empty).
Diagnostics init_organisation(const std::filesystem::path& dir, const InitOptions& options);

// Writes rules.suggested.xml into the organisation folder: for every requirement of a
// disclosure in scope that nothing covers, a value rule from an indicator whose unit and
// goal fit (with why), or an omission to fill in with the reasons GRI 1 allows there.
Diagnostics suggest_rules(const std::filesystem::path& folder, const LoadOptions& options);

}  // namespace griexport
