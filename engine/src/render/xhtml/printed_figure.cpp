#include "printed_figure.hpp"

#include <algorithm>
#include <cstdlib>
#include <exception>

namespace griexport {

PrintedFigure take_apart(std::string_view text) {
    PrintedFigure p;
    std::size_t i = 0;
    while (i < text.size() && !(text[i] >= '0' && text[i] <= '9')) ++i;
    p.before = std::string(text.substr(0, i));
    p.negative =
        p.before.find('-') != std::string::npos || p.before.find("\u2212") != std::string::npos;
    std::size_t end = i, last_digit = i;
    while (end < text.size()) {
        char c = text[end];
        if (c >= '0' && c <= '9') {
            last_digit = ++end;
        } else if (c == ',' || c == '.' || c == ' ' || c == '\'') {
            ++end;
        } else if (text.substr(end, 2) == "\u00A0") {
            end += 2;
        } else if (text.substr(end, 3) == "\u202F") {
            end += 3;
        } else {
            break;
        }
    }
    p.digits = std::string(text.substr(i, last_digit - i));
    p.after = std::string(text.substr(last_digit));
    return p;
}

std::optional<Decimal> printed_value(std::string_view digits, std::string_view lang) {
    char mark = lang == "sv" ? ',' : '.';
    std::string plain;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        char c = digits[i];
        if (c >= '0' && c <= '9')
            plain += c;
        else if (c == mark)
            plain += '.';
    }
    if (plain.empty()) return std::nullopt;
    return Decimal::parse(plain);
}

std::optional<int> scale_between(const Decimal& printed, std::string_view xbrl_value) {
    auto value = Decimal::parse(xbrl_value);
    if (!value) return std::nullopt;
    auto target = value->abs();
    for (int scale : {0, -2, 3, 6, -3, -6, 2, 1, -1}) {
        Decimal factor = Decimal::from_int(1);
        try {
            for (int k = 0; k < std::abs(scale); ++k)
                factor = scale > 0
                             ? factor * Decimal::from_int(10)
                             : Decimal::divide(factor, Decimal::from_int(10),
                                               std::min(factor.scale() + 1, Decimal::max_scale));
            if (printed * factor == target) return scale;
        } catch (const std::exception&) {
            continue;  // out of the exact range: not this scale
        }
    }
    return std::nullopt;
}

}  // namespace griexport
