// Human-facing formatting through ICU, in the output language. Machine formats (CSV, XBRL)
// never come through here: they use Decimal::to_string in the C locale.
#pragma once

#include <string>
#include <string_view>

#include "griexport/date.hpp"
#include "griexport/decimal.hpp"

namespace griexport::text {

// "1 januari 2021" (sv), "1 January 2021" (en).
std::string long_date(const Date& d, std::string_view lang);

// "17 860" with a no-break space, "10,7" (sv); "17,860", "10.7" (en). Exact: the digits
// come from the Decimal, ICU only groups and localises them.
std::string number(const Decimal& d, std::string_view lang);

// "−10,7 %" (sv), "−10.7%" (en): the Decimal is the percentage itself (−10.7 for −10.7 %).
std::string percent(const Decimal& d, std::string_view lang);

}  // namespace griexport::text
