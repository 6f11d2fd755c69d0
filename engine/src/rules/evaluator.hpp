// Evaluates value rules against the Dataset, recording provenance: every observation read
// (with its source row, definition version and calculation model) and every intermediate.
#pragma once

#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "griexport/disclosure.hpp"
#include "griexport/evaluate.hpp"

namespace griexport::rules {

// Observations by indicator and year, built once so that lookups do not scan.
class ObservationIndex {
  public:
    explicit ObservationIndex(const Dataset& ds);
    // The observations of an indicator's year, in file order (restated values aside).
    std::span<const std::uint32_t> at(std::uint32_t indicator, int year) const;
    // The observation of an indicator for a year with no dimension given (the total).
    const Observation* total(std::uint32_t indicator, int year) const;
    // The total of a year restated under a later definition version, or nullptr.
    const Observation* restated(std::uint32_t indicator, int year, std::string_view version) const;
    // The earliest year with a total of the indicator, or 0.
    int first_total_year(std::uint32_t indicator) const {
        return indicator < first_total_year_.size() ? first_total_year_[indicator] : 0;
    }

  private:
    const Dataset& ds_;
    // Restated values stay out of rows_: value() and sum() read each year as it was.
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> restated_;
    // The other observations grouped by indicator, by year within it, in file order within
    // a year; an indicator's are rows_[begin_[i], begin_[i + 1]), years_ their years. A
    // million observations in a map of vectors made a million allocations.
    std::vector<std::uint32_t> rows_;
    std::vector<int> years_;
    std::vector<std::uint32_t> begin_;
    std::vector<int> first_total_year_;
};

// The target in force for `year`: the nearest target year not before it, as most recently
// decided by then. nullptr when none.
const Target* target_in_force(const Indicator& ind, int year);

// Where an indicator stands against its target in force for `year`, or nullopt when the
// target, the baseline or the year's value is missing, or when its figures leave the exact
// range: then, with `diags`, target.overflow at the indicator (never a crash, never a wrong
// percentage). The only way to the progress outside the rule interpreter.
std::optional<TargetProgress> progress_of(const Dataset& ds, const ObservationIndex& idx,
                                          std::uint32_t indicator, int year, Diagnostics* diags);

// The share of the way and the status from the baseline B, the current value C, the target
// level T and the straight path's value for the year. The status follows from the same
// comparisons the share shows, so the number and the word cannot disagree.
struct ProgressJudgement {
    std::optional<Decimal> share_of_way;  // %, one decimal; none when B already met T
    ProgressStatus status = ProgressStatus::behind;
};
ProgressJudgement judge_progress(const Decimal& B, const Decimal& C, const Decimal& T,
                                 const Decimal& path, TargetComparison comparison);

// The definition version in force for most of a year: the one in force at its end, else
// any that overlaps it.
const DefinitionVersion* definition_for_year(const Indicator& ind, int year);

// The file location of a byte offset into a rule's expression (expressions may span lines).
Location expression_location(const Dataset& ds, const Rule& r, std::size_t offset);

struct RuleOutcome {
    std::optional<Fact> fact;
    std::string missing;  // what was missing, when there is no fact and no error
    bool error = false;   // reported to the diagnostics
};

class RuleEvaluator {
  public:
    RuleEvaluator(const Dataset& ds, const Mappings& m, const ObservationIndex& idx,
                  Diagnostics& diags);
    // Evaluates a value rule for one year ("current" bound to it).
    RuleOutcome evaluate(const Rule& rule, int year);

  private:
    const Dataset& ds_;
    const Mappings& m_;
    const ObservationIndex& idx_;
    Diagnostics& diags_;
    // Results by rule id and year, for rule("…").
    std::unordered_map<std::string, std::optional<Quantity>> results_;
};

}  // namespace griexport::rules
