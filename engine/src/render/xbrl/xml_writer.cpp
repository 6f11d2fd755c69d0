#include "xml_writer.hpp"

#include "../../text/byte_set.hpp"

namespace griexport::xbrl {

namespace {

// Bytes that need a look: markup, the whitespace attribute values normalise, every C0
// control character (XML 1.0 cannot hold them, not even as references) and the lead byte of
// U+FFFE and U+FFFF (not characters either).
constexpr text::ByteSet needs_care(bool attribute) {
    text::ByteSet set(attribute ? "&<>\r\"\n\t\xEF" : "&<>\r\xEF");
    for (char c = 1; c < 0x20; ++c)
        if (c != '\t' && c != '\n' && c != '\r') set.add(c);
    set.add('\0');
    return set;
}

constexpr text::ByteSet in_attribute = needs_care(true), in_text = needs_care(false);

// What stands for a character XML cannot hold: U+FFFD REPLACEMENT CHARACTER, so the gap
// stays visible.
constexpr std::string_view replacement = "\xEF\xBF\xBD";

}  // namespace

// One pass for both: attribute values also escape quotes and the whitespace that
// attribute-value normalisation would otherwise turn into spaces. Appends to `out`, and a
// value with nothing to escape (nearly every one) is appended whole. No character XML
// cannot hold reaches `out`.
void escape_into(std::string& out, std::string_view s, bool attribute) {
    const text::ByteSet& care = attribute ? in_attribute : in_text;
    if (care.find_in(s) == std::string_view::npos) {
        out += s;
        return;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '\r':
                out += "&#13;";
                break;
            case '"':
                out += attribute ? "&quot;" : "\"";
                break;
            case '\n':
                out += attribute ? "&#10;" : "\n";
                break;
            case '\t':
                out += attribute ? "&#9;" : "\t";
                break;
            case '\xEF':
                // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters.
                if (i + 2 < s.size() && s[i + 1] == '\xBF' &&
                    (s[i + 2] == '\xBE' || s[i + 2] == '\xBF')) {
                    out += replacement;
                    i += 2;
                } else {
                    out += c;
                }
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20)
                    out += replacement;
                else
                    out += c;
        }
    }
}

namespace {

std::string escape(std::string_view s, bool attribute) {
    std::string out;
    out.reserve(s.size());
    escape_into(out, s, attribute);
    return out;
}

}  // namespace

std::string escape_text(std::string_view s) {
    return escape(s, false);
}
std::string escape_attribute(std::string_view s) {
    return escape(s, true);
}

template <typename Attrs>
void XmlWriter::start_tag(std::string_view name, const Attrs& attrs) {
    indent();
    out_ += '<';
    out_ += name;
    for (const auto& [k, v] : attrs) {
        out_ += ' ';
        out_ += k;
        out_ += "=\"";
        escape_into(out_, v, true);
        out_ += '"';
    }
}

void XmlWriter::comment(std::string_view text) {
    indent();
    out_ += "<!-- ";
    // "--" may not appear inside a comment.
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            out_ += replacement;  // nor may a character XML cannot hold
        else
            out_ += text[i];
        if (text[i] == '-' && i + 1 < text.size() && text[i + 1] == '-') out_ += ' ';
    }
    out_ += " -->\n";
}

void XmlWriter::open(std::string_view name,
                     std::initializer_list<std::pair<std::string_view, std::string_view>> attrs) {
    start_tag(name, attrs);
    out_ += ">\n";
    open_.emplace_back(name);
}

void XmlWriter::open(std::string_view name,
                     const std::vector<std::pair<std::string, std::string>>& attrs) {
    start_tag(name, attrs);
    out_ += ">\n";
    open_.emplace_back(name);
}

void XmlWriter::empty(std::string_view name,
                      std::initializer_list<std::pair<std::string_view, std::string_view>> attrs) {
    start_tag(name, attrs);
    out_ += "/>\n";
    maybe_spill();
}

void XmlWriter::empty(std::string_view name,
                      const std::vector<std::pair<std::string, std::string>>& attrs) {
    start_tag(name, attrs);
    out_ += "/>\n";
    maybe_spill();
}

void XmlWriter::empty(std::string_view name,
                      std::span<const std::pair<std::string_view, std::string_view>> attrs) {
    start_tag(name, attrs);
    out_ += "/>\n";
    maybe_spill();
}

void XmlWriter::leaf(std::string_view name, std::string_view text,
                     std::initializer_list<std::pair<std::string_view, std::string_view>> attrs) {
    start_tag(name, attrs);
    out_ += '>';
    escape_into(out_, text, false);
    out_ += "</";
    out_ += name;
    out_ += ">\n";
    maybe_spill();
}

void XmlWriter::leaf(std::string_view name, std::string_view text,
                     const std::vector<std::pair<std::string, std::string>>& attrs) {
    start_tag(name, attrs);
    out_ += '>';
    escape_into(out_, text, false);
    out_ += "</";
    out_ += name;
    out_ += ">\n";
    maybe_spill();
}

void XmlWriter::close() {
    auto name = std::move(open_.back());
    open_.pop_back();
    indent();
    out_ += "</";
    out_ += name;
    out_ += ">\n";
    maybe_spill();
}

}  // namespace griexport::xbrl
