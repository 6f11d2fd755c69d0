// Mapping rules: data that says how a disclosure is filled from the programme. Defaults
// live in gri-mappings/rules/, the organisation's own in its folder (rules.xml).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "griexport/model.hpp"

namespace griexport {

namespace expr {
struct Node;  // the parsed expression (engine/src/rules/expression.hpp)
}

enum class RuleKind { value, narrative, omit };

// How a value answers its requirement (rules.xsd, fit=).
enum class Fit { full, partial, proxy };
const char* to_string(Fit f);

// An omission a rule states, always or when its inputs are missing.
struct OmissionSpec {
    std::string reason;  // one of compliance.xml's omission reasons
    LocalText explanation;
    SourceRef source;
};

// A year a value rule is evaluated for.
struct YearSpec {
    enum class Kind { base, previous, current, fixed } kind = Kind::current;
    int year = 0;  // for fixed
};

struct Rule {
    std::string id;
    std::string disclosure;  // "305-5"
    char requirement = 0;    // 'a', or 0 for the whole disclosure
    std::string topic;       // for 3-3: the material topic; empty for all
    std::string concept_name;
    std::string esrs;
    bool overrides = false;
    bool from_organisation = false;  // the organisation's rules.xml, not a default
    RuleKind kind = RuleKind::narrative;
    LocalText label;
    // kind == value
    std::string expression;
    SourceRef expression_source;  // where the expression text starts
    std::shared_ptr<const expr::Node> parsed;
    UnitId unit = no_unit;
    int precision = 0;
    std::vector<YearSpec> years;
    // kind == omit: the omission; kind == value or narrative: the fallback, if any
    std::optional<OmissionSpec> omission;
    std::vector<std::string> depends_on;  // rule ids named by rule("…")
    SourceRef source;
    // A figure shown beside the disclosure as context: it reports no requirement.
    bool context = false;
    Fit fit = Fit::full;
    bool tag = true;  // false: the concept means something narrower; never tagged
    LocalText fit_note{};
    SourceRef fit_source{};
    // For an organisation's override: the default rule it replaced.
    struct Replaced {
        SourceRef source;
        std::string expression;
    };
    std::optional<Replaced> replaced{};
};

struct RuleSet {
    std::vector<Rule> rules;  // in evaluation order (dependencies first)
    // Rule by id through an index: a linear search made loading 100 000 rules quadratic.
    const Rule* find(std::string_view id) const;
    Rule* find(std::string_view id);
    void add(Rule r);
    // Rebuilds the index after `rules` was reordered.
    void reindex();

  private:
    StringMap<std::size_t> index_;  // found by string_view
};

}  // namespace griexport
