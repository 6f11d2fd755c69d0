#include "griexport/decimal.hpp"

#include <algorithm>
#include <ostream>
#include <stdexcept>

namespace griexport {
namespace {

__extension__ typedef __int128 i128;  // GCC/Clang: exact intermediates

constexpr std::int64_t pow10_i64(int n) {
    std::int64_t r = 1;
    for (int i = 0; i < n; ++i) r *= 10;
    return r;
}

constexpr i128 i128_max = ~(i128(1) << 127);

// 10^n for 0 <= n <= 38 (the largest power of ten an i128 holds).
i128 pow10_i128(int n) {
    if (n < 0 || n > 38) throw DecimalOverflow();
    i128 r = 1;
    for (int i = 0; i < n; ++i) r *= 10;
    return r;
}

// v × 10^n, or DecimalOverflow when it leaves the i128 range.
i128 scale_up(i128 v, int n) {
    if (n < 0 || n > 38) throw DecimalOverflow();
    i128 limit = i128_max / pow10_i128(n);
    if (v > limit || v < -limit) throw DecimalOverflow();
    return v * pow10_i128(n);
}

std::int64_t narrow(i128 v) {
    if (v > INT64_MAX || v < INT64_MIN) throw DecimalOverflow();
    return static_cast<std::int64_t>(v);
}

// q = n / d rounded half-even; d > 0.
i128 div_half_even(i128 n, i128 d) {
    i128 q = n / d;
    i128 r = n % d;
    if (r == 0) return q;
    i128 twice = (r < 0 ? -r : r) * 2;
    bool away = twice > d || (twice == d && (q % 2 != 0));
    if (away) q += (n < 0) ? -1 : 1;
    return q;
}

// "NaN", "inf", "Infinity" in any case.
bool names_non_finite(std::string_view s) {
    auto equals = [&](std::string_view word) {
        if (s.size() != word.size()) return false;
        for (std::size_t k = 0; k < s.size(); ++k)
            if ((s[k] | 0x20) != word[k]) return false;
        return true;
    };
    return equals("nan") || equals("inf") || equals("infinity");
}

}  // namespace

Decimal::Decimal(std::int64_t coefficient, int scale) : coefficient_(coefficient), scale_(scale) {
    if (scale < 0 || scale > max_scale) throw std::invalid_argument("decimal scale out of range");
}

std::optional<Decimal> Decimal::parse(std::string_view s, char sep, std::size_t* error_offset,
                                      ParseProblem* problem) {
    ParseProblem why = ParseProblem::syntax;
    auto fail = [&](std::size_t at) -> std::optional<Decimal> {
        if (error_offset) *error_offset = at;
        if (problem) *problem = why;
        return std::nullopt;
    };
    if (problem) *problem = ParseProblem::none;
    std::size_t i = 0;
    bool negative = false;
    if (s.empty()) return fail(0);
    if (s[0] == '-' || s[0] == '+') {
        negative = s[0] == '-';
        i = 1;
    } else if (s.substr(0, 3) == "\xE2\x88\x92") {  // U+2212 MINUS SIGN
        negative = true;
        i = 3;
    }
    i128 coeff = 0;
    int scale = 0;
    bool digits = false, in_fraction = false;
    for (; i < s.size(); ++i) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            coeff = coeff * 10 + (c - '0');
            if (in_fraction && ++scale > max_scale) {
                why = ParseProblem::too_many_decimals;
                return fail(i);
            }
            // The documented limit, not the int64's: every loaded value then leaves room for
            // a figure's extra decimal and for sums of a few values before any overflow.
            if (coeff > max_coefficient) {
                why = ParseProblem::too_many_digits;
                return fail(i);
            }
            digits = true;
        } else if (c == sep && !in_fraction && digits) {
            in_fraction = true;
            if (i + 1 == s.size()) return fail(i);
        } else {
            if ((c == 'e' || c == 'E') && digits) why = ParseProblem::exponent;
            // Name the forms other programs write for numbers no decimal can hold; checked
            // only on failure, so valid numbers pay nothing for it.
            if (!digits && !in_fraction && names_non_finite(s.substr(i))) {
                why = ParseProblem::not_finite;
                return fail(0);
            }
            return fail(i);
        }
    }
    if (!digits) return fail(i);
    return Decimal(static_cast<std::int64_t>(negative ? -coeff : coeff), scale);
}

double Decimal::to_double() const {
    double v = static_cast<double>(coefficient_);
    for (int i = 0; i < scale_; ++i) v /= 10;
    return v;
}

std::string Decimal::describe(ParseProblem problem) {
    switch (problem) {
        case ParseProblem::none:
            return "";
        case ParseProblem::syntax:
            return "not a decimal number";
        case ParseProblem::exponent:
            return "exponent notation is not an exact decimal; write the number out";
        case ParseProblem::not_finite:
            return "NaN and Infinity are not numbers a report can publish";
        case ParseProblem::too_many_digits:
            return "too many digits: exact decimals hold at most 18 significant digits";
        case ParseProblem::too_many_decimals:
            return "too many decimals: exact decimals hold at most 18 decimals";
    }
    return "";
}

Decimal Decimal::with_scale(int scale) const {
    if (scale <= scale_) return *this;
    if (scale > max_scale) throw DecimalOverflow();
    return Decimal(narrow(i128(coefficient_) * pow10_i64(scale - scale_)), scale);
}

Decimal Decimal::rounded(int scale) const {
    if (scale >= scale_) return *this;
    // In 64 bits: scale may be any int, INT_MIN included.
    std::int64_t drop = std::int64_t{scale_} - scale;
    // |coefficient| < 10^19, so dropping 20 or more digits always rounds to zero.
    if (drop >= 20) return Decimal(0, std::max(scale, 0));
    i128 q = div_half_even(coefficient_, pow10_i128(static_cast<int>(drop)));
    if (scale >= 0) return Decimal(narrow(q), scale);
    // Negative scale: round to tens/thousands, keep an integer.
    return Decimal(narrow(scale_up(q, -scale)), 0);
}

Decimal Decimal::normalized() const {
    Decimal d = *this;
    while (d.scale_ > 0 && d.coefficient_ % 10 == 0) {
        d.coefficient_ /= 10;
        --d.scale_;
    }
    return d;
}

Decimal Decimal::operator-() const {
    if (coefficient_ == INT64_MIN) throw DecimalOverflow();
    return Decimal(-coefficient_, scale_);
}

Decimal operator+(const Decimal& a, const Decimal& b) {
    int s = std::max(a.scale_, b.scale_);
    Decimal x = a.with_scale(s), y = b.with_scale(s);
    return Decimal(narrow(i128(x.coefficient_) + y.coefficient_), s);
}

Decimal operator-(const Decimal& a, const Decimal& b) {
    return a + (-b);
}

Decimal operator*(const Decimal& a, const Decimal& b) {
    i128 p = i128(a.coefficient_) * b.coefficient_;
    int s = a.scale_ + b.scale_;
    if (s > Decimal::max_scale) {
        p = div_half_even(p, pow10_i128(s - Decimal::max_scale));
        s = Decimal::max_scale;
    }
    return Decimal(narrow(p), s);
}

namespace {

// (n × 10^shift) / d, rounded half-even, d > 0, by long division one decimal digit at a
// time: multiplying the dividend by 10^shift up front would leave the i128 range for a
// large dividend over a divisor with many decimals. With `fit`, stops adding digits when
// the next would not fit in 64 bits; `digits_dropped` says how many of `shift` it left out.
i128 long_divide(i128 n, int shift, i128 d, bool fit, int& digits_dropped) {
    bool negative = n < 0;
    i128 m = negative ? -n : n;
    i128 q = m / d, r = m % d;
    digits_dropped = 0;
    for (int i = 0; i < shift; ++i) {
        if (q > (INT64_MAX - 9) / 10) {
            if (!fit) throw DecimalOverflow();  // the quotient no longer fits
            digits_dropped = shift - i;
            break;
        }
        q = q * 10 + (r * 10) / d;
        r = (r * 10) % d;
    }
    i128 twice = r * 2;
    if (twice > d || (twice == d && q % 2 != 0)) ++q;
    return negative ? -q : q;
}

}  // namespace

Decimal Decimal::divide(const Decimal& a, const Decimal& b, int scale) {
    if (b.coefficient_ == 0) throw DivisionByZero();
    if (scale < 0 || scale > max_scale) throw std::invalid_argument("decimal scale out of range");
    // a/b = (ca/10^sa) / (cb/10^sb); want q × 10^-scale: q = ca × 10^(scale+sb-sa) / cb.
    int shift = scale + b.scale_ - a.scale_;
    i128 n = a.coefficient_, d = b.coefficient_;
    if (d < 0) {
        n = -n;
        d = -d;
    }
    if (shift < 0) d = scale_up(d, -shift);  // at most 10^18 × 10^18: fits
    int dropped = 0;
    return Decimal(narrow(long_divide(n, std::max(shift, 0), d, false, dropped)), scale);
}

Decimal Decimal::divide_to_fit(const Decimal& a, const Decimal& b, int max_decimals) {
    if (b.coefficient_ == 0) throw DivisionByZero();
    if (max_decimals < 0 || max_decimals > max_scale)
        throw std::invalid_argument("decimal scale out of range");
    Decimal x = a.normalized(), y = b.normalized();
    int shift = max_decimals + y.scale_ - x.scale_;
    i128 n = x.coefficient_, d = y.coefficient_;
    if (d < 0) {
        n = -n;
        d = -d;
    }
    if (shift < 0) d = scale_up(d, -shift);
    int dropped = 0;
    i128 q = long_divide(n, std::max(shift, 0), d, true, dropped);
    int scale = max_decimals - dropped;
    if (scale < 0) throw DecimalOverflow();  // not even the whole part fits
    return Decimal(narrow(q), scale);
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
    int s = std::max(a.scale_, b.scale_);
    i128 x = i128(a.coefficient_) * pow10_i128(s - a.scale_);
    i128 y = i128(b.coefficient_) * pow10_i128(s - b.scale_);
    return x <=> y;
}

std::string Decimal::to_string() const {
    bool neg = coefficient_ < 0;
    // Work on the magnitude as unsigned so INT64_MIN prints correctly.
    unsigned long long mag = neg ? 0ULL - static_cast<unsigned long long>(coefficient_)
                                 : static_cast<unsigned long long>(coefficient_);
    std::string digits = std::to_string(mag);
    auto scale = static_cast<std::size_t>(scale_);
    std::string out = neg ? "-" : "";
    if (scale > 0) {
        // Built by appending: GCC 12 warns falsely (-Wrestrict) on string::insert here.
        if (digits.size() <= scale) {
            out += "0.";
            out.append(scale - digits.size(), '0');
            out += digits;
        } else {
            out.append(digits, 0, digits.size() - scale);
            out += '.';
            out.append(digits, digits.size() - scale, scale);
        }
        return out;
    }
    return out + digits;
}

std::ostream& operator<<(std::ostream& os, const Decimal& d) {
    return os << d.to_string();
}

}  // namespace griexport
