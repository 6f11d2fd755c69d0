#include "format.hpp"

#include <unicode/datefmt.h>
#include <unicode/numberformatter.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <memory>

namespace griexport::text {

namespace {

icu::Locale locale_of(std::string_view lang) {
    return lang == "en" ? icu::Locale("en", "GB") : icu::Locale("sv", "SE");
}

std::string utf8(const icu::UnicodeString& s) {
    std::string out;
    s.toUTF8String(out);
    return out;
}

// Days from 1970-01-01 to a civil date (proleptic Gregorian).
std::int64_t days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = static_cast<unsigned>((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

std::string long_date(const Date& d, std::string_view lang) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::DateFormat> fmt(
        icu::DateFormat::createDateInstance(icu::DateFormat::kLong, locale_of(lang)));
    if (!fmt) return d.iso();
    fmt->adoptTimeZone(icu::TimeZone::createTimeZone("UTC"));
    UDate when = static_cast<UDate>(days_from_civil(d.year, d.month, d.day)) * 86400000.0;
    icu::UnicodeString out;
    fmt->format(when, out, status);
    return U_SUCCESS(status) ? utf8(out) : d.iso();
}

std::string number(const Decimal& d, std::string_view lang) {
    UErrorCode status = U_ZERO_ERROR;
    auto formatter = icu::number::NumberFormatter::withLocale(locale_of(lang))
                         .precision(icu::number::Precision::minMaxFraction(d.scale(), d.scale()));
    auto s = d.to_string();
    auto result =
        formatter.formatDecimal(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), status);
    if (U_FAILURE(status)) return s;
    return utf8(result.toString(status));
}

std::string percent(const Decimal& d, std::string_view lang) {
    UErrorCode status = U_ZERO_ERROR;
    auto formatter = icu::number::NumberFormatter::withLocale(locale_of(lang))
                         .unit(icu::NoUnit::percent())
                         .precision(icu::number::Precision::minMaxFraction(d.scale(), d.scale()));
    auto s = d.to_string();
    auto result =
        formatter.formatDecimal(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), status);
    if (U_FAILURE(status)) return s + " %";
    return utf8(result.toString(status));
}

}  // namespace griexport::text
