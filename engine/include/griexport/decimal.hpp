// Exact decimal numbers for reported figures. Never a double: published totals must add
// up to the unit, and rounding is explicit (half-even to a declared precision).
#pragma once

#include <compare>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace griexport {

// A decimal value coefficient × 10^-scale. Arithmetic is checked: on overflow it throws
// DecimalOverflow rather than wrapping.
class Decimal {
  public:
    static constexpr int max_scale = 18;
    // Roundings a rule may ask for: to 18 decimals at most, to 10^18 at the coarsest (any
    // coarser rounds every representable value to zero).
    static constexpr int min_precision = -18;
    static constexpr int max_precision = max_scale;
    // What parse() accepts: at most 18 significant digits (the docs' limit). Arithmetic
    // results may use the whole 64-bit coefficient.
    static constexpr std::int64_t max_coefficient = 999'999'999'999'999'999;

    // Why a text is not an exact decimal.
    enum class ParseProblem {
        none,
        syntax,             // not a decimal number at all
        exponent,           // 1e5, 1E-3: exponents are not written out
        not_finite,         // NaN, Infinity
        too_many_digits,    // more than 18 significant digits (max_coefficient)
        too_many_decimals,  // more than max_scale decimals
    };

    constexpr Decimal() = default;
    // coefficient × 10^-scale; scale in 0..max_scale.
    Decimal(std::int64_t coefficient, int scale);
    static Decimal from_int(std::int64_t v) { return Decimal(v, 0); }

    // Parses "-12", "1191", "10.7", "−0,5" (U+2212 minus accepted). decimal_separator is
    // '.' or ','. Returns nullopt with error_offset set to the first offending byte.
    static std::optional<Decimal> parse(std::string_view text, char decimal_separator = '.',
                                        std::size_t* error_offset = nullptr,
                                        ParseProblem* problem = nullptr);
    // A sentence for a diagnostic: what is wrong and what range is exact.
    static std::string describe(ParseProblem problem);

    std::int64_t coefficient() const { return coefficient_; }
    int scale() const { return scale_; }
    bool is_zero() const { return coefficient_ == 0; }
    bool is_negative() const { return coefficient_ < 0; }

    // Half-even rounding to `scale` decimals (scale may be negative: -3 rounds to thousands,
    // the result keeps scale 0). Any int is safe: roundings coarser than the value give zero.
    Decimal rounded(int scale) const;
    // Same value with at least `scale` decimals (exact; throws on overflow).
    Decimal with_scale(int scale) const;
    // Drops trailing zeros of the fraction.
    Decimal normalized() const;

    Decimal operator-() const;
    friend Decimal operator+(const Decimal& a, const Decimal& b);
    friend Decimal operator-(const Decimal& a, const Decimal& b);
    friend Decimal operator*(const Decimal& a, const Decimal& b);
    // Quotient rounded half-even to `scale` decimals. Throws DivisionByZero, and
    // DecimalOverflow when the quotient or an intermediate leaves the exact range.
    static Decimal divide(const Decimal& a, const Decimal& b, int scale);
    // Quotient with as many decimals as the exact range holds, at most `max_decimals`,
    // rounded half-even; DecimalOverflow only when its whole part does not fit.
    static Decimal divide_to_fit(const Decimal& a, const Decimal& b, int max_decimals);
    Decimal abs() const { return is_negative() ? -*this : *this; }

    friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);
    friend bool operator==(const Decimal& a, const Decimal& b) {
        return (a <=> b) == std::strong_ordering::equal;
    }

    // Machine format in the C locale: "-1921", "10.70". No grouping, '.' as separator.
    std::string to_string() const;
    // The nearest double, for drawing only (a chart's bar height): never printed, and
    // independent of the C library's locale, which std::stod is not.
    double to_double() const;

  private:
    std::int64_t coefficient_ = 0;
    int scale_ = 0;
};

// Writes to_string(): for logs and test output, never for human-facing figures.
std::ostream& operator<<(std::ostream& os, const Decimal& d);

struct DecimalOverflow : std::exception {
    const char* what() const noexcept override { return "decimal overflow"; }
};
struct DivisionByZero : std::exception {
    const char* what() const noexcept override { return "division by zero"; }
};

}  // namespace griexport
