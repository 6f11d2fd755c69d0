#include "markup.hpp"

#include <stdexcept>
#include <string>

#include "../xbrl/instance.hpp"
#include "../xbrl/xml_writer.hpp"

namespace griexport::xhtml {

namespace {

// Names are the engine's own; one that is not an XML name is a defect, stopped here.
std::string_view checked_name(std::string_view name) {
    bool ok = !name.empty();
    for (char c : name)
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == ':' || c == '_' || c == '-' || c == '.');
    if (!ok) throw std::logic_error("not an XML name: " + std::string(name));
    return name;
}

}  // namespace

Fragment Fragment::paragraphs(std::string_view text) {
    std::string p = xbrl::xhtml_paragraphs(text);
    const std::string_view ns = " xmlns=\"http://www.w3.org/1999/xhtml\"";
    for (auto at = p.find(ns); at != std::string::npos; at = p.find(ns, at)) p.erase(at, ns.size());
    return Fragment(std::move(p));
}

Fragment Fragment::of_fact(const xbrl::RecordedFact& f) {
    if (f.kind != xbrl::ValueKind::xhtml)
        throw std::logic_error("a fact that is not XHTML written as markup");
    return Fragment(std::string(f.value()));
}

Markup& Markup::start(std::string_view name, const Attr* begin, const Attr* end) {
    out_ += '<';
    out_ += checked_name(name);
    for (const Attr* a = begin; a != end; ++a) {
        if (!a->present) continue;
        out_ += ' ';
        out_ += checked_name(a->name);
        out_ += "=\"";
        xbrl::escape_into(out_, a->value, true);
        out_ += '"';
    }
    return *this;
}

Markup& Markup::close(std::string_view name) {
    out_ += "</";
    out_ += checked_name(name);
    out_ += '>';
    return *this;
}

Markup& Markup::text(std::string_view s) {
    xbrl::escape_into(out_, s, false);
    return *this;
}

Markup& Markup::comment(std::string_view engine_text) {
    if (engine_text.find("--") != std::string_view::npos)
        throw std::logic_error("\"--\" in a comment");
    out_ += "<!-- ";
    xbrl::escape_into(out_, engine_text, false);
    out_ += " -->";
    return *this;
}

}  // namespace griexport::xhtml
