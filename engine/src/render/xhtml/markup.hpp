// The one way the Inline XBRL supplement's XHTML is written. Element and attribute names
// are the engine's own; every text and attribute value passes the XML escaper (which also
// keeps out the characters XML cannot hold); markup enters only as a Fragment, which only
// the engine can make. So no text, whatever it holds, is ever taken for markup.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace griexport::xbrl {
struct RecordedFact;
}

namespace griexport::xhtml {

// An attribute; `present` false leaves it out (an optional class, a language).
struct Attr {
    std::string_view name;
    std::string_view value;
    bool present = true;
};

// XHTML the engine made: paragraphs of escaped text (xbrl::xhtml_paragraphs), a fact
// recorded as such (xbrl::ValueKind::xhtml), or what a Markup wrote. Nothing else becomes
// one: organisation text is never markup.
class Fragment {
  public:
    // The paragraphs of `text` as a text block holds them, without the xmlns the
    // instance's copy carries (the document declares it).
    static Fragment paragraphs(std::string_view text);
    // A recorded fact's value when its kind is xhtml; throws std::logic_error otherwise.
    static Fragment of_fact(const xbrl::RecordedFact& f);
    // What `markup` holds, written by a Markup of the caller's.
    static Fragment written(std::string markup) { return Fragment(std::move(markup)); }
    const std::string& markup() const { return s_; }

  private:
    explicit Fragment(std::string s) : s_(std::move(s)) {}
    std::string s_;
};

class Markup {
  public:
    explicit Markup(std::string& out) : out_(out) {}

    // <name a="v" …>
    Markup& open(std::string_view name, std::initializer_list<Attr> attrs = {}) {
        return start(name, attrs.begin(), attrs.end()).raw(">");
    }
    Markup& open(std::string_view name, const std::vector<Attr>& attrs) {
        return start(name, attrs.data(), attrs.data() + attrs.size()).raw(">");
    }
    // </name>
    Markup& close(std::string_view name);
    // <name a="v" …/>
    Markup& empty(std::string_view name, std::initializer_list<Attr> attrs = {}) {
        return start(name, attrs.begin(), attrs.end()).raw("/>");
    }
    // <name a="v" …>text</name>
    Markup& leaf(std::string_view name, std::string_view text,
                 std::initializer_list<Attr> attrs = {}) {
        return open(name, attrs).text(text).close(name);
    }
    Markup& text(std::string_view s);
    Markup& fragment(const Fragment& f) { return raw(f.markup()); }
    // A line break between elements, for people who read the source.
    Markup& line() { return raw("\n"); }
    // The XML declaration and a comment of the engine's own (no "--" in it).
    Markup& declaration() { return raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"); }
    Markup& comment(std::string_view engine_text);

    std::string& buffer() { return out_; }

  private:
    std::string& out_;
    Markup& raw(std::string_view s) {
        out_ += s;
        return *this;
    }
    Markup& start(std::string_view name, const Attr* begin, const Attr* end);
};

}  // namespace griexport::xhtml
