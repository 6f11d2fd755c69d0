#include "xml_writer.hpp"

#include "../../text/byte_set.hpp"

namespace griexport::xbrl {

// One pass for both: attribute values also escape quotes and the whitespace that
// attribute-value normalisation would otherwise turn into spaces. Appends to `out`, and a
// value with nothing to escape (nearly every one) is appended whole.
void escape_into(std::string& out, std::string_view s, bool attribute) {
    static constexpr text::ByteSet in_attribute("&<>\r\"\n\t"), in_text("&<>\r");
    if ((attribute ? in_attribute : in_text).find_in(s) == std::string_view::npos) {
        out += s;
        return;
    }
    for (char c : s) {
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
            default:
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
