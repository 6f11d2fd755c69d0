// The pipeline up to the DisclosureSet: load the folder and gri-mappings/, evaluate the
// rules, decide the claim, run the domain checks. Pure: values in, values and
// diagnostics out.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include "griexport/catalogue.hpp"
#include "griexport/diagnostics.hpp"
#include "griexport/disclosure.hpp"
#include "griexport/labels.hpp"
#include "griexport/load.hpp"
#include "griexport/model.hpp"
#include "griexport/rules.hpp"
#include "griexport/xbrl.hpp"

namespace griexport {

struct Mappings {
    Catalogue catalogue;
    RuleSet rules;
    XbrlSettings xbrl;
    // The printed words in sv and en (templates/<lang>/labels.xml): the rules' texts and
    // every output use these, and the files they came from are a build's inputs.
    std::map<std::string, Labels, std::less<>> labels{};
    std::vector<SourceFile> label_sources{};
};

// The catalogue, compliance data and XBRL settings of a data directory with the files
// they came from (SourceRefs index `sources`) and what loading them reported.
struct SharedCatalogue {
    Catalogue catalogue;
    XbrlSettings xbrl;
    std::vector<SourceFile> sources;
    Diagnostics diagnostics;
};

// Loads the catalogue of `options`' data directory once, to be shared (LoadOptions::
// catalogue) by many builds on any threads: it is never changed after loading.
std::shared_ptr<const SharedCatalogue> load_shared_catalogue(const LoadOptions& options);

struct Evaluation {
    std::optional<Dataset> dataset;
    std::optional<Mappings> mappings;
    std::optional<DisclosureSet> disclosures;
    Diagnostics diagnostics;
};

// Loads `folder` (see load_organisation), the catalogue, compliance data and rules from
// the data directory and the folder's rules.xml, then evaluates. Stops after loading when
// loading found errors.
Evaluation evaluate_organisation(const std::filesystem::path& folder, const LoadOptions& options);

// Evaluates loaded inputs. Reports rule.* errors and the domain checks' warnings.
// `final_release`: see LoadOptions.
DisclosureSet evaluate(const Dataset& ds, const Mappings& m, Diagnostics& diags,
                       bool final_release = false);

}  // namespace griexport
