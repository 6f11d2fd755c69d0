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

}  // namespace

std::string long_date(const Date& d, std::string_view lang) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::DateFormat> fmt(
        icu::DateFormat::createDateInstance(icu::DateFormat::kLong, locale_of(lang)));
    if (!fmt) return d.iso();
    fmt->adoptTimeZone(icu::TimeZone::createTimeZone("UTC"));
    UDate when = static_cast<UDate>(d.days_since_epoch()) * 86400000.0;
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
