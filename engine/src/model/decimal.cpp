#include "griexport/decimal.hpp"

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

i128 pow10_i128(int n) {
    i128 r = 1;
    for (int i = 0; i < n; ++i) r *= 10;
    return r;
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

}  // namespace

Decimal::Decimal(std::int64_t coefficient, int scale) : coefficient_(coefficient), scale_(scale) {
    if (scale < 0 || scale > max_scale) throw std::invalid_argument("decimal scale out of range");
}

std::optional<Decimal> Decimal::parse(std::string_view s, char sep, std::size_t* error_offset) {
    auto fail = [&](std::size_t at) -> std::optional<Decimal> {
        if (error_offset) *error_offset = at;
        return std::nullopt;
    };
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
            if (coeff > INT64_MAX) return fail(i);
            digits = true;
            if (in_fraction && ++scale > max_scale) return fail(i);
        } else if (c == sep && !in_fraction && digits) {
            in_fraction = true;
            if (i + 1 == s.size()) return fail(i);
        } else {
            return fail(i);
        }
    }
    if (!digits) return fail(i);
    return Decimal(static_cast<std::int64_t>(negative ? -coeff : coeff), scale);
}

Decimal Decimal::with_scale(int scale) const {
    if (scale <= scale_) return *this;
    if (scale > max_scale) throw DecimalOverflow();
    return Decimal(narrow(i128(coefficient_) * pow10_i64(scale - scale_)), scale);
}

Decimal Decimal::rounded(int scale) const {
    if (scale >= scale_) return *this;
    int drop = scale_ - scale;
    if (drop > 36) return Decimal();
    if (scale >= 0) return Decimal(narrow(div_half_even(coefficient_, pow10_i128(drop))), scale);
    // Negative scale: round to tens/thousands, keep an integer.
    i128 q = div_half_even(coefficient_, pow10_i128(drop));
    return Decimal(narrow(q * pow10_i128(-scale)), 0);
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

Decimal Decimal::divide(const Decimal& a, const Decimal& b, int scale) {
    if (b.coefficient_ == 0) throw DivisionByZero();
    if (scale < 0 || scale > max_scale) throw std::invalid_argument("decimal scale out of range");
    // a/b = (ca/10^sa) / (cb/10^sb); want q × 10^-scale: q = ca × 10^(scale+sb-sa) / cb.
    int shift = scale + b.scale_ - a.scale_;
    i128 n = a.coefficient_, d = b.coefficient_;
    if (shift >= 0) {
        if (shift > 36) throw DecimalOverflow();
        n *= pow10_i128(shift);
    } else {
        d *= pow10_i128(-shift);
    }
    if (d < 0) {
        n = -n;
        d = -d;
    }
    return Decimal(narrow(div_half_even(n, d)), scale);
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
