// Printed labels with their {name} placeholders filled (render/labels.cpp).
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "griexport/render.hpp"
#include "test_support.hpp"

using namespace griexport;

namespace {

Labels labels_of(const test::ScratchFolder& folder, const std::string& entries) {
    std::filesystem::create_directories(folder.path() / "gri-mappings" / "schema");
    std::filesystem::copy_file(test::source_dir() / "gri-mappings" / "schema" / "labels.xsd",
                               folder.path() / "gri-mappings" / "schema" / "labels.xsd",
                               std::filesystem::copy_options::overwrite_existing);
    folder.write("templates/sv/labels.xml",
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<labels lang=\"sv\">\n" + entries +
                     "</labels>\n");
    std::vector<SourceFile> sources;
    Diagnostics diags;
    auto l = Labels::load(folder.path(), "sv", sources, diags);
    BOOST_REQUIRE(l.has_value());
    BOOST_REQUIRE(diags.items().empty());
    return *l;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(labels)

BOOST_AUTO_TEST_CASE(placeholders_are_filled_once_with_the_value_as_it_stands) {
    test::ScratchFolder folder("labels");
    auto l = labels_of(folder,
                       "<label key=\"a\">{indicator} {year}: {value} ({year})</label>\n"
                       "<label key=\"b\">{{year}} {unknown} {year</label>\n"
                       "<label key=\"c\">no placeholders</label>\n"
                       "<label key=\"d\">{x}{x}{y}</label>\n");
    // Every occurrence, in any order of the arguments.
    BOOST_TEST(l.get("a", {{"year", "2021"}, {"indicator", "3.11"}, {"value", "12 %"}}) ==
               "3.11 2021: 12 % (2021)");
    // A value is put in as it stands: an indicator named "{year}" is not the year.
    BOOST_TEST(l.get("a", {{"indicator", "{year}"}, {"year", "2021"}, {"value", "1"}}) ==
               "{year} 2021: 1 (2021)");
    // Braces that name no argument stay, and a brace left open ends the text as it is.
    BOOST_TEST(l.get("b", {{"year", "2021"}}) == "{2021} {unknown} {year");
    BOOST_TEST(l.get("c", {{"year", "2021"}}) == "no placeholders");
    BOOST_TEST(l.get("c") == "no placeholders");
    // Adjacent placeholders, and a value that is empty.
    BOOST_TEST(l.get("d", {{"x", "ab"}, {"y", ""}}) == "abab");
    // A missing key shows itself.
    BOOST_TEST(l.get("missing", {{"x", "1"}}) == "[missing]");
}

BOOST_AUTO_TEST_SUITE_END()
