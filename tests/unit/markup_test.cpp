// The XHTML writer (render/xhtml/markup.hpp): values are always escaped, names are checked,
// and markup enters only as a Fragment the engine made.
#include "render/xhtml/markup.hpp"

// GCC 12's -Wrestrict misfires on std::string appends inlined here (GCC bug 105329).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif

#include <boost/test/unit_test.hpp>
#include <stdexcept>

#include "render/xbrl/instance.hpp"

using namespace griexport;
using xhtml::Fragment;
using xhtml::Markup;

BOOST_AUTO_TEST_SUITE(markup)

BOOST_AUTO_TEST_CASE(values_are_escaped_and_optional_attributes_left_out) {
    std::string out;
    Markup m(out);
    m.open("p", {{"class", "a\"b<c>&"}, {"id", "x", false}, {"title", "line\nbreak"}})
        .text("<p xmlns=\"http://www.w3.org/1999/xhtml\">1 & 2</p>\x01")
        .close("p")
        .line();
    BOOST_TEST(out ==
               "<p class=\"a&quot;b&lt;c&gt;&amp;\" title=\"line&#10;break\">&lt;p "
               "xmlns=\"http://www.w3.org/1999/xhtml\"&gt;1 &amp; 2&lt;/p&gt;\uFFFD</p>\n");
}

BOOST_AUTO_TEST_CASE(only_engine_made_markup_is_markup) {
    std::string out;
    Markup(out).fragment(Fragment::paragraphs("Ett & två\n\n<b>tre</b>"));
    BOOST_TEST(out == "<p>Ett &amp; två</p><p>&lt;b&gt;tre&lt;/b&gt;</p>");
    // A recorded fact is markup only when it was recorded as XHTML.
    xbrl::InstanceRecord record;
    xbrl::Fact text;
    text.concept_name = "g:T";
    text.context = "D";
    text.kind = xbrl::ValueKind::text;
    text.value = "<p xmlns=\"http://www.w3.org/1999/xhtml\">x</p></ix:header>";
    record.add(text);
    BOOST_CHECK_THROW(Fragment::of_fact(record.facts.back()), std::logic_error);
    xbrl::Fact block = text;
    block.kind = xbrl::ValueKind::xhtml;
    block.value = xbrl::xhtml_paragraphs("x");
    record.add(block);
    BOOST_TEST(Fragment::of_fact(record.facts.back()).markup() == block.value);
}

BOOST_AUTO_TEST_CASE(names_must_be_xml_names) {
    std::string out;
    Markup m(out);
    BOOST_CHECK_THROW(m.open("p onclick=x"), std::logic_error);
    BOOST_CHECK_THROW(m.empty("img", {{"src=x onerror", "y"}}), std::logic_error);
    BOOST_CHECK_THROW(m.comment("a -- b"), std::logic_error);
}

BOOST_AUTO_TEST_SUITE_END()
