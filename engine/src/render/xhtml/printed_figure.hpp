// How a figure is printed and what Inline XBRL needs of it: the sign, the digits an
// ix:nonFraction wraps, the rest; and the scale that turns the printed number into the
// fact's value. Kept apart so that each rule is tested on its own.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "griexport/decimal.hpp"

namespace griexport {

// A printed figure taken apart: "−1 921 t CO2e" → sign "−", digits "1 921", rest " t CO2e".
struct PrintedFigure {
    std::string before;  // the sign, as printed
    std::string digits;  // digits and separators
    std::string after;   // unit, percent sign, marks
    bool negative = false;
};
PrintedFigure take_apart(std::string_view text);

// The printed digits as a number: group separators dropped, the language's decimal mark
// ("," in sv, "." in en) read as the point.
std::optional<Decimal> printed_value(std::string_view digits, std::string_view lang);

// The power of ten (ix @scale) that turns the printed, unsigned number into the magnitude of
// the XBRL value, or nullopt when none does exactly (the figure is rounded or converted).
std::optional<int> scale_between(const Decimal& printed, std::string_view xbrl_value);

}  // namespace griexport
