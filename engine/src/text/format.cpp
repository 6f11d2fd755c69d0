#include "format.hpp"

#include <unicode/datefmt.h>
#include <unicode/numberformatter.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <map>
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
    // One formatter per thread and language, for the reason formatter_for gives below.
    thread_local std::map<bool, std::unique_ptr<icu::DateFormat>> formats;
    auto& fmt = formats[lang == "en"];
    if (!fmt) {
        fmt.reset(icu::DateFormat::createDateInstance(icu::DateFormat::kLong, locale_of(lang)));
        if (!fmt) return d.iso();
        fmt->adoptTimeZone(icu::TimeZone::createTimeZone("UTC"));
    }
    UErrorCode status = U_ZERO_ERROR;
    UDate when = static_cast<UDate>(d.days_since_epoch()) * 86400000.0;
    icu::UnicodeString out;
    fmt->format(when, out, status);
    return U_SUCCESS(status) ? utf8(out) : d.iso();
}

namespace {

// A localized formatter resolves its locale data and, after a few uses, compiles itself;
// made afresh per figure it does both every time (most of a large build's ICU time). So
// each thread keeps one per language, scale and style: thread-local, as ICU formatters
// are not documented safe to share while they compile.
const icu::number::LocalizedNumberFormatter& formatter_for(std::string_view lang, int scale,
                                                           bool percent) {
    struct Key {
        bool en;
        int scale;
        bool percent;
        auto operator<=>(const Key&) const = default;
    };
    thread_local std::map<Key, icu::number::LocalizedNumberFormatter> cache;
    Key key{lang == "en", scale, percent};
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
    auto unlocalized = icu::number::NumberFormatter::with().precision(
        icu::number::Precision::minMaxFraction(scale, scale));
    if (percent) unlocalized = unlocalized.unit(icu::NoUnit::percent());
    return cache.emplace(key, unlocalized.locale(locale_of(lang))).first->second;
}

std::string formatted(const Decimal& d, std::string_view lang, bool percent) {
    UErrorCode status = U_ZERO_ERROR;
    auto s = d.to_string();
    auto result =
        formatter_for(lang, d.scale(), percent)
            .formatDecimal(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), status);
    if (U_FAILURE(status)) return percent ? s + " %" : s;
    auto text = result.toString(status);
    if (U_FAILURE(status)) return percent ? s + " %" : s;
    return utf8(text);
}

}  // namespace

std::string number(const Decimal& d, std::string_view lang) {
    return formatted(d, lang, false);
}

std::string percent(const Decimal& d, std::string_view lang) {
    return formatted(d, lang, true);
}

}  // namespace griexport::text
