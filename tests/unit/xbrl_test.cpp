// XBRL writers element by element against exact strings, the engine's own instance
// checks, values and units, and taxonomy packages (a stand-in zipped here with libzip).
#include <zip.h>

#include <boost/test/unit_test.hpp>

#include "griexport/evaluate.hpp"
#include "griexport/render.hpp"
#include "render/xbrl/common.hpp"
#include "render/xbrl/instance.hpp"
#include "test_support.hpp"

using namespace griexport;
using namespace griexport::xbrl;

namespace {

std::string written(const std::function<void(XmlWriter&)>& f) {
    std::string out;
    XmlWriter w(out);
    f(w);
    return out;
}

// A checker that knows one context and two units.
InstanceChecker small_checker() {
    InstanceChecker checker({"ghgEmissionsItemType", "energyItemType"}, "x.xbrl");
    checker.context({"D2021", "urn:s", "1", false, {2021, 1, 1}, {2021, 12, 31}, {}});
    checker.unit({"u_tCO2e", "utr:tCO2e", {"ghgEmissionsItemType"}});
    checker.unit({"u_MWh", "utr:MWh", {"energyItemType"}});
    return checker;
}

std::vector<std::string> codes(const Diagnostics& d) {
    std::vector<std::string> v;
    for (const auto& x : d.sorted()) v.push_back(x.code);
    return v;
}

const Evaluation& sample() {
    static Evaluation ev = [] {
        LoadOptions o;
        o.data_dir = test::source_dir();
        return evaluate_organisation(test::source_dir() / "samples" / "region-dalarna", o);
    }();
    BOOST_REQUIRE(ev.disclosures);
    return ev;
}

// Zips files (path, bytes) under a top folder, as a taxonomy package is laid out.
void zip_files(const std::filesystem::path& zip_path, const std::vector<XbrlFile>& files) {
    int err = 0;
    zip_t* z = zip_open(zip_path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    BOOST_REQUIRE(z);
    for (const auto& f : files) {
        zip_source_t* src = zip_source_buffer(z, f.bytes.data(), f.bytes.size(), 0);
        BOOST_REQUIRE(zip_file_add(z, ("stand-in/" + f.path).c_str(), src, ZIP_FL_ENC_UTF_8) >= 0);
    }
    BOOST_REQUIRE(zip_close(z) == 0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(xbrl_output)

BOOST_AUTO_TEST_CASE(escaping) {
    BOOST_TEST(escape_text("a < b & c > d") == "a &lt; b &amp; c &gt; d");
    BOOST_TEST(escape_attribute("\"x\"\n\t&") == "&quot;x&quot;&#10;&#9;&amp;");
    // Characters XML 1.0 cannot hold (C0 controls but tab, newline and carriage return;
    // U+FFFE, U+FFFF) never reach an output: each becomes U+FFFD.
    using namespace std::string_literals;
    BOOST_TEST(escape_text("a\x01"
                           "b\x1F"
                           "\tc\n"s) ==
               "a\uFFFD"
               "b\uFFFD"
               "\tc\n");
    BOOST_TEST(escape_text("nul\0!"s) == "nul\uFFFD!");
    BOOST_TEST(escape_attribute("\x0B\xEF\xBF\xBE\xEF\xBF\xBF\xEF\xBF\xBD"s) ==
               "\uFFFD\uFFFD\uFFFD\uFFFD");
    BOOST_TEST(escape_text("\xEF\xAC\x81"
                           " fine") ==
               "\xEF\xAC\x81"
               " fine");  // U+FB01 stays
}

BOOST_AUTO_TEST_CASE(a_context_without_dimensions) {
    Context c{"D2021",
              "urn:griexport:scheme:se-organisationsnummer",
              "232100-0180",
              false,
              {2021, 1, 1},
              {2021, 12, 31},
              {}};
    BOOST_TEST(written([&](XmlWriter& w) { write_context(w, c); }) ==
               "<xbrli:context id=\"D2021\">\n"
               "  <xbrli:entity>\n"
               "    <xbrli:identifier scheme=\"urn:griexport:scheme:se-organisationsnummer\">"
               "232100-0180</xbrli:identifier>\n"
               "  </xbrli:entity>\n"
               "  <xbrli:period>\n"
               "    <xbrli:startDate>2021-01-01</xbrli:startDate>\n"
               "    <xbrli:endDate>2021-12-31</xbrli:endDate>\n"
               "  </xbrli:period>\n"
               "</xbrli:context>\n");
}

BOOST_AUTO_TEST_CASE(a_context_with_a_typed_member_and_an_instant) {
    Context c{"I2021", "s", "1", true, {}, {2021, 12, 31}, {{"p:AreaAxis", "p:AreaDomain", "a&b"}}};
    BOOST_TEST(written([&](XmlWriter& w) { write_context(w, c); }) ==
               "<xbrli:context id=\"I2021\">\n"
               "  <xbrli:entity>\n"
               "    <xbrli:identifier scheme=\"s\">1</xbrli:identifier>\n"
               "    <xbrli:segment>\n"
               "      <xbrldi:typedMember dimension=\"p:AreaAxis\">\n"
               "        <p:AreaDomain>a&amp;b</p:AreaDomain>\n"
               "      </xbrldi:typedMember>\n"
               "    </xbrli:segment>\n"
               "  </xbrli:entity>\n"
               "  <xbrli:period>\n"
               "    <xbrli:instant>2021-12-31</xbrli:instant>\n"
               "  </xbrli:period>\n"
               "</xbrli:context>\n");
}

BOOST_AUTO_TEST_CASE(a_unit) {
    BOOST_TEST(written([](XmlWriter& w) {
                   write_unit(w, {"u_tCO2e", "utr:tCO2e", {}});
               }) ==
               "<xbrli:unit id=\"u_tCO2e\">\n"
               "  <xbrli:measure>utr:tCO2e</xbrli:measure>\n"
               "</xbrli:unit>\n");
}

BOOST_AUTO_TEST_CASE(numeric_and_text_facts) {
    xbrl::Fact n{"gri:ReductionOfGHGEmissions",
                 "ghgEmissionsItemType",
                 "duration",
                 xbrl::ValueKind::number,
                 "D2021",
                 "u_tCO2e",
                 "1920",
                 0,
                 ""};
    BOOST_TEST(written([&](XmlWriter& w) { write_fact(w, n); }) ==
               "<gri:ReductionOfGHGEmissions contextRef=\"D2021\" unitRef=\"u_tCO2e\" "
               "decimals=\"0\">1920</gri:ReductionOfGHGEmissions>\n");
    xbrl::Fact t{"gri:X",
                 "textBlockItemType",
                 "duration",
                 xbrl::ValueKind::xhtml,
                 "D2021",
                 "",
                 xhtml_paragraphs("Miljö & klimat\n\nAndra <stycket>"),
                 0,
                 "sv"};
    BOOST_TEST(written([&](XmlWriter& w) { write_fact(w, t); }) ==
               "<gri:X contextRef=\"D2021\" xml:lang=\"sv\">"
               "&lt;p xmlns=\"http://www.w3.org/1999/xhtml\"&gt;Miljö &amp;amp; klimat&lt;/p&gt;"
               "&lt;p xmlns=\"http://www.w3.org/1999/xhtml\"&gt;Andra &amp;lt;stycket&amp;gt;"
               "&lt;/p&gt;</gri:X>\n");
}

BOOST_AUTO_TEST_CASE(paragraphs_and_line_breaks) {
    BOOST_TEST(xhtml_paragraphs("a\nb\n\n\nc ") ==
               "<p xmlns=\"http://www.w3.org/1999/xhtml\">a<br/>b</p>"
               "<p xmlns=\"http://www.w3.org/1999/xhtml\">c</p>");
    BOOST_TEST(xhtml_paragraphs("").empty());
}

BOOST_AUTO_TEST_CASE(a_stream_writes_each_context_and_unit_once_before_its_facts) {
    std::string out;
    Diagnostics d;
    InstanceStream b(out, {{"xbrli", "http://www.xbrl.org/2003/instance"}}, "s.xsd", {"c"},
                     InstanceChecker({"massItemType"}, "x.xbrl"), d);
    auto a = b.duration("s", "1", {2021, 1, 1}, {2021, 12, 31});
    auto a2 = b.duration("s", "1", {2021, 1, 1}, {2021, 12, 31});
    auto c = b.duration("s", "1", {2018, 1, 1}, {2030, 12, 31},
                        {{"p:DecisionYearAxis", "p:DecisionYearDomain", "2019"}});
    auto e = b.duration("s", "1", {2021, 3, 1}, {2021, 12, 31});
    BOOST_TEST(a == "D2021");
    BOOST_TEST(a2 == a);
    BOOST_TEST(c == "D2018-2030_DecisionYear-2019");
    BOOST_TEST(e == "D2021-03-01_2021-12-31");
    BOOST_TEST(b.unit("utr:t", {"massItemType"}) == "u_t");
    BOOST_TEST(b.unit("utr:t", {"massItemType"}) == "u_t");
    b.fact({"p:M", "massItemType", "duration", xbrl::ValueKind::number, a, "u_t", "5", 0, ""});
    b.fact(
        {"p:M", "massItemType", "duration", xbrl::ValueKind::number, "D1999", "u_t", "5", 0, ""});
    b.finish();
    BOOST_TEST(
        out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- c -->\n"
                        "<xbrli:xbrl xmlns:xbrli=\"http://www.xbrl.org/2003/instance\">\n"
                        "  <link:schemaRef xlink:type=\"simple\" xlink:href=\"s.xsd\"/>\n"
                        "  <xbrli:context id=\"D2021\">\n"));
    auto count = [&](std::string_view needle) {
        std::size_t n = 0;
        for (auto p = out.find(needle); p != std::string::npos; p = out.find(needle, p + 1)) ++n;
        return n;
    };
    BOOST_TEST(count("<xbrli:context ") == 3u);
    BOOST_TEST(count("<xbrli:unit ") == 1u);
    BOOST_TEST(out.find("<xbrli:unit id=\"u_t\">") < out.find("<p:M "));
    BOOST_TEST(out.ends_with("</xbrli:xbrl>\n"));
    BOOST_TEST(codes(d) == std::vector<std::string>{"xbrl.undefined-context"});
}

BOOST_AUTO_TEST_CASE(percent_becomes_a_fraction_of_pure) {
    const auto& units = sample().dataset->units;
    auto pct = xbrl_value(units, {Decimal::from_int(11), *units.find("%")}, 0);
    BOOST_TEST(pct.value == "0.11");
    BOOST_TEST(pct.decimals == 2);
    BOOST_TEST(pct.measure == "xbrli:pure");
    auto t = xbrl_value(units, {Decimal::from_int(17860), *units.find("t CO2e")}, 0);
    BOOST_TEST(t.value == "17860");
    BOOST_TEST(t.measure == "utr:tCO2e");
    BOOST_TEST(t.item_types == std::vector<std::string>{"ghgEmissionsItemType"});
    auto kg = xbrl_value(units, {Decimal::from_int(5), *units.find("kg CO2e")}, 0);
    BOOST_TEST(kg.measure == "gxu:kg_CO2e");
}

BOOST_AUTO_TEST_CASE(a_record_keeps_its_facts_text_in_place) {
    // Values and sources are views of the record's own text: they must read as written
    // after the facts that followed filled its blocks (of 1 MiB) and after the caller's
    // strings are gone, and a text longer than a block must be kept whole; each is read
    // after its length, which takes one byte below 128, two below 16 384.
    xbrl::InstanceRecord record;
    std::vector<std::string> values, sources;
    for (int i = 0; i < 30000; ++i) {
        xbrl::Fact f;
        f.concept_name = "prog:X";
        f.context = "D2021";
        f.value = std::string(static_cast<std::size_t>(i % 97), static_cast<char>('a' + i % 26));
        f.source = "obs" + std::to_string(i);
        if (i == 20000) f.value = std::string((1u << 20) + 5, 'z');
        // Lengths are written in 7-bit groups: the sizes either side of a second and a third.
        for (std::size_t n : {127u, 128u, 16383u, 16384u})
            if (i == static_cast<int>(n)) f.source = std::string(n, 's');
        values.push_back(f.value);
        sources.push_back(f.source);
        record.add(f);
    }
    BOOST_REQUIRE(record.facts.size() == values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        BOOST_TEST_INFO("fact " << i);
        BOOST_TEST(record.facts[i].value() == values[i]);
        BOOST_TEST(record.facts[i].source() == sources[i]);
    }
}

BOOST_AUTO_TEST_CASE(checks_a_sound_instance_silently) {
    auto checker = small_checker();
    std::vector<xbrl::Fact> facts;
    facts.push_back({"g:A", "ghgEmissionsItemType", "duration", xbrl::ValueKind::number, "D2021",
                     "u_tCO2e", "1", 0, ""});
    facts.push_back({"g:B", "decimalItemType", "duration", xbrl::ValueKind::number, "D2021",
                     "u_MWh", "1", 0, ""});
    facts.push_back(
        {"g:C", "stringItemType", "duration", xbrl::ValueKind::text, "D2021", "", "x", 0, "sv"});
    Diagnostics d;
    for (const auto& f : facts) checker.check(f, d);
    BOOST_TEST(d.items().empty());
}

BOOST_AUTO_TEST_CASE(checks_what_xml_schema_cannot_see) {
    auto checker = small_checker();
    std::vector<xbrl::Fact> facts;
    facts.push_back({"g:A", "ghgEmissionsItemType", "duration", xbrl::ValueKind::number, "D2020",
                     "u_tCO2e", "1", 0, ""});
    facts.push_back({"g:B", "ghgEmissionsItemType", "duration", xbrl::ValueKind::number, "D2021",
                     "u_kg", "1", 0, ""});
    facts.push_back({"g:C", "ghgEmissionsItemType", "instant", xbrl::ValueKind::number, "D2021",
                     "u_tCO2e", "1", 0, ""});
    facts.push_back({"g:D", "ghgEmissionsItemType", "duration", xbrl::ValueKind::number, "D2021",
                     "u_MWh", "1", 0, ""});
    facts.push_back(
        {"g:E", "stringItemType", "duration", xbrl::ValueKind::text, "D2021", "u_MWh", "x", 0, ""});
    Diagnostics d;
    for (const auto& f : facts) checker.check(f, d);
    auto c = codes(d);
    std::sort(c.begin(), c.end());
    BOOST_TEST(c == (std::vector<std::string>{"xbrl.period-type", "xbrl.undefined-context",
                                              "xbrl.undefined-unit", "xbrl.unit-on-text",
                                              "xbrl.unit-type"}));
}

BOOST_AUTO_TEST_CASE(the_sample_instances_are_sound) {
    const auto& ev = sample();
    Diagnostics d;
    auto gri = gri_instance(*ev.dataset, *ev.mappings, *ev.disclosures, d);
    // The one omission GRI's omission axis has no member for (302-3, energy intensity) is
    // said to be untagged; nothing else is reported.
    BOOST_TEST(!d.has_errors());
    for (const auto& item : d.items()) {
        BOOST_TEST(item.code == "xbrl.omission-untagged");
        BOOST_TEST(item.message.find("omission of 302-3 ") != std::string::npos);
    }
    // GRI's omission model: the explicit axis, the reason as its member's URI, the dates.
    BOOST_TEST(gri.bytes.find("<xbrldi:explicitMember "
                              "dimension=\"gri:TitleOfDisclosuresAndRequirementsAxis\">gri:") !=
               std::string::npos);
    BOOST_TEST(
        gri.bytes.find(
            "/gri_srs/core#InformationUnavailableOrIncompleteMember</gri:ReasonForOmission>") !=
        std::string::npos);
    BOOST_TEST(
        gri.bytes.find("<gri_part:MaterialTopicDomain>emissions</gri_part:MaterialTopicDomain>") !=
        std::string::npos);
    BOOST_TEST(
        gri.bytes.find(
            "<gri:StartDateOfSustainabilityReporting contextRef=\"I2021-12-31\">2021-01-01<") !=
        std::string::npos);
    // 305-5-a is omitted; the change in totals beside it is context and carries no tag.
    BOOST_TEST(gri.bytes.find("<gri:ReductionOfGHGEmissions ") == std::string::npos);
    // 302-1-e (own buildings only) is partial and 204-1-a (3.11) a proxy: published, but no
    // machine reader may take them for the GRI figures.
    BOOST_TEST(gri.bytes.find("<gri:TotalEnergyConsumptionWithinOrganization ") ==
               std::string::npos);
    BOOST_TEST(gri.bytes.find("<gri:ProportionOfSpendingOnLocalSuppliers ") == std::string::npos);
    // Narratives are tagged per requirement with GRI's text blocks (2-4-a's here); the
    // catalogue's disclosure-level names, which GRI does not have, are gone.
    BOOST_TEST(
        gri.bytes.find(
            "<gri:"
            "ExplanationOfRestatementsOfInformationMadeFromPreviousReportingPeriodsTextBlock ") !=
        std::string::npos);
    BOOST_TEST(gri.bytes.find("<gri:OrganizationalDetailsTextBlock ") == std::string::npos);
    BOOST_TEST(gri.bytes.find("<gri:RestatementsOfInformationTextBlock ") == std::string::npos);
    std::vector<SourceFile> sources;
    auto sv = Labels::load(test::source_dir(), "sv", sources, d);
    auto en = Labels::load(test::source_dir(), "en", sources, d);
    BOOST_REQUIRE(sv && en);
    Diagnostics p;
    auto files = programme_xbrl(*ev.dataset, *ev.mappings, *sv, *en, p);
    BOOST_TEST(p.items().empty());
    BOOST_REQUIRE(files.size() == 5u);
    BOOST_TEST(files[3].path == "programme_def.xml");
    const auto& inst = files[4].bytes;
    // Every 3.1 value carries the definition it was measured under.
    BOOST_TEST(inst.find("<prog:Indicator_3_1 contextRef=\"D2018_DefinitionVersion-1\" "
                         "unitRef=\"u_tCO2e\" decimals=\"0\">17860<") != std::string::npos);
    BOOST_TEST(inst.find("<prog:Indicator_3_1 contextRef=\"D2021_DefinitionVersion-1\" "
                         "unitRef=\"u_tCO2e\" decimals=\"0\">15940<") != std::string::npos);
    BOOST_TEST(inst.find("<prog:Indicator_3_1_TargetChange contextRef=\"D2018-2030_DecisionYear-"
                         "2019\" unitRef=\"u_pure\" decimals=\"2\">-0.75<") != std::string::npos);
    // 3.11 changed definition in 2021: its facts say which one.
    BOOST_TEST(inst.find("<prog:Indicator_3_11 contextRef=\"D2020_DefinitionVersion-1\"") !=
               std::string::npos);
    BOOST_TEST(inst.find("<prog:Indicator_3_11 contextRef=\"D2021_DefinitionVersion-2\"") !=
               std::string::npos);
    // Capital investments, which 3.1's definition leaves out, are no member of 3.1.
    for (const char* apart : {">2095<", ">5522<"}) {
        auto at = inst.find(apart);
        BOOST_REQUIRE(at != std::string::npos);
        auto open = inst.rfind("<prog:", at);
        BOOST_TEST(inst.substr(open, 40).starts_with("<prog:Indicator_3_1_Apart_"));
    }
    // The definition linkbase closes every hypercube.
    const auto& def = files[3].bytes;
    BOOST_TEST(def.find("xbrldt:closed=\"true\"") != std::string::npos);
    BOOST_TEST(def.find("xbrldt:closed=\"false\"") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_taxonomy_package_is_read_and_checked) {
    const auto& ev = sample();
    test::ScratchFolder f("package");
    auto files = gri_stand_in_package(*ev.mappings);
    zip_files(f.path() / "stand-in.zip", files);
    Diagnostics d;
    auto concepts =
        read_taxonomy_package(f.path() / "stand-in.zip", ev.mappings->xbrl.gri_namespace, d);
    BOOST_REQUIRE_MESSAGE(concepts, format_text(d));
    BOOST_TEST(concepts->at("GrossDirectScope1GHGEmissions").item_type == "ghgEmissionsItemType");
    BOOST_TEST(concepts->at("GrossDirectScope1GHGEmissions").period_type == "duration");
    check_concepts_against(*concepts, *ev.dataset, *ev.mappings, *ev.disclosures, d);
    BOOST_TEST(d.items().empty());

    // A package where one concept has another type, one another period type, one is missing.
    auto changed = *concepts;
    changed.at("ListOfAllEntitiesIncludedInSustainabilityReportingTextBlock").item_type =
        "stringItemType";
    changed.at("ExplainContactPointForQuestionsAboutReportOrReportedInformationTextBlock")
        .period_type = "instant";
    changed.erase(
        "ExplanationOfRestatementsOfInformationMadeFromPreviousReportingPeriodsTextBlock");
    Diagnostics d2;
    check_concepts_against(changed, *ev.dataset, *ev.mappings, *ev.disclosures, d2);
    auto c = codes(d2);
    std::sort(c.begin(), c.end());
    BOOST_TEST(c == (std::vector<std::string>{"xbrl.concept-period", "xbrl.concept-type",
                                              "xbrl.concept-unknown"}));
    for (const auto& x : d2.items())
        BOOST_TEST(x.location.file.find("gri-mappings/catalogue/") != std::string::npos);

    // A zip that is not a taxonomy package.
    std::vector<XbrlFile> not_package{{"readme.txt", "", "hello"}};
    zip_files(f.path() / "other.zip", not_package);
    Diagnostics d3;
    BOOST_TEST(!read_taxonomy_package(f.path() / "other.zip", ev.mappings->xbrl.gri_namespace, d3));
    BOOST_TEST(test::has_code(d3, "package.layout"));
    Diagnostics d4;
    f.write("broken.zip", "not a zip");
    BOOST_TEST(
        !read_taxonomy_package(f.path() / "broken.zip", ev.mappings->xbrl.gri_namespace, d4));
    BOOST_TEST(test::has_code(d4, "package.unreadable"));
}

BOOST_AUTO_TEST_SUITE_END()
