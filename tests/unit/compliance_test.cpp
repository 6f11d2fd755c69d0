// GRI 1 compliance and the domain checks on small organisations built from tests/cases/_base.
#include <boost/test/unit_test.hpp>
#include <map>

#include "griexport/evaluate.hpp"
#include "rules/evaluator.hpp"
#include "test_support.hpp"

using namespace griexport;

namespace {

std::string organisation(const std::string& gri1, const std::string& topics =
                                                      "<material-topics><topic id=\"emissions\" "
                                                      "goals=\"1.1\"/></material-topics>") {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<organisation>\n"
           "  <name><sv>Testregionen</sv><en>Test Region</en></name>\n"
           "  <organisation-number>232100-0000</organisation-number>\n"
           "  <reporting-period start=\"2021-01-01\" end=\"2021-12-31\"/>\n"
           "  <base-year>2018</base-year>\n  <languages>sv en</languages>\n"
           "  <claim sought=\"in-accordance\"/>\n  " +
           topics + "\n  " + gri1 + "\n</organisation>\n";
}

// Each text declares the requirements it reports: all of them unless `covers` says otherwise.
std::string narratives(const std::vector<std::string>& disclosures,
                       const std::map<std::string, std::string>& covers = {}) {
    std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<narratives>\n";
    for (const auto& d : disclosures) {
        auto c = covers.find(d);
        std::string declared = c == covers.end() ? " covers=\"all\"" : c->second;
        s += "  <narrative disclosure=\"" + d + "\"" + declared + "><sv>Text " + d +
             ".</sv><en>Text " + d + ".</en></narrative>\n";
    }
    return s + "</narratives>\n";
}

std::string omissions(const std::vector<std::string>& disclosures, bool explain_en = true) {
    std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rules>\n";
    for (const auto& d : disclosures)
        s += "  <rule id=\"t." + d + "\" disclosure=\"" + d +
             "\"><omit reason=\"information-unavailable\"><sv>Uppgiften samlas in 2022.</sv>" +
             (explain_en ? "<en>Collected from 2022.</en>" : "") + "</omit></rule>\n";
    return s + "</rules>\n";
}

std::vector<std::string> range(const std::string& prefix, int from, int to) {
    std::vector<std::string> v;
    for (int i = from; i <= to; ++i) v.push_back(prefix + std::to_string(i));
    return v;
}

// An organisation that meets all nine requirements; each test breaks one.
struct Complete {
    std::string gri1 = "<gri-1 principles-applied=\"true\" gri-notified=\"2022-03-01\"/>";
    std::string topics =
        "<material-topics><topic id=\"emissions\" goals=\"1.1\"/></material-topics>";
    std::vector<std::string> narrated{"2-1", "2-2", "2-3", "2-4", "2-5", "3-1", "3-2", "3-3"};
    std::vector<std::string> omitted = [] {
        auto v = range("2-", 6, 30);
        for (auto d : range("305-", 1, 7)) v.push_back(d);
        return v;
    }();
    bool explain_en = true;
    std::map<std::string, std::string> covers;  // disclosure → covers="…" attribute, or ""
    bool final_release = false;

    Evaluation run() const {
        test::ScratchFolder f("compliance");
        f.copy_base();
        f.write("organisation.xml", organisation(gri1, topics));
        f.write("narratives.xml", narratives(narrated, covers));
        f.write("rules.xml", omissions(omitted, explain_en));
        LoadOptions o;
        o.data_dir = test::source_dir();
        o.final_release = final_release;
        auto ev = evaluate_organisation(f.path(), o);
        BOOST_REQUIRE_MESSAGE(ev.disclosures, format_text(ev.diagnostics));
        return ev;
    }
};

std::vector<int> blockers(const Evaluation& ev) {
    std::vector<int> v;
    for (const auto& b : ev.disclosures->blockers) v.push_back(b.requirement);
    return v;
}

template <typename T>
void erase(std::vector<T>& v, const T& x) {
    v.erase(std::remove(v.begin(), v.end(), x), v.end());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(compliance)

BOOST_AUTO_TEST_CASE(all_nine_met_gives_in_accordance_and_gri_1_wording) {
    auto ev = Complete{}.run();
    BOOST_TEST(blockers(ev).empty());
    BOOST_TEST((ev.disclosures->claim == Claim::in_accordance));
    BOOST_TEST(ev.disclosures->statement_of_use.en ==
               "Test Region has reported in accordance with the GRI Standards for the period "
               "1 January 2021 to 31 December 2021.");
    BOOST_TEST(ev.disclosures->statement_of_use.sv ==
               "Testregionen har rapporterat i enlighet med GRI-standarderna för perioden "
               "1 januari 2021 till 31 december 2021.");
    BOOST_TEST(!test::has_code(ev.diagnostics, "claim.with-reference"));
}

BOOST_AUTO_TEST_CASE(requirement_1_principles) {
    Complete c;
    c.gri1 = "<gri-1 gri-notified=\"2022-03-01\"/>";
    auto ev = c.run();
    BOOST_TEST(blockers(ev) == std::vector<int>{1});
    BOOST_TEST((ev.disclosures->claim == Claim::with_reference));
    BOOST_TEST(ev.disclosures->statement_of_use.en ==
               "Test Region has reported the information cited in this GRI content index for the "
               "period 1 January 2021 to 31 December 2021 with reference to the GRI Standards.");
    BOOST_TEST(test::has_code(ev.diagnostics, "claim.with-reference"));
}

BOOST_AUTO_TEST_CASE(requirement_2_every_gri_2_disclosure) {
    Complete c;
    erase(c.omitted, std::string("2-17"));
    auto ev = c.run();
    BOOST_TEST(blockers(ev) == std::vector<int>{2});
    BOOST_TEST(ev.disclosures->blockers[0].disclosures == std::vector<std::string>{"2-17"});
}

BOOST_AUTO_TEST_CASE(requirement_3_material_topics) {
    Complete c;
    c.topics = "";
    auto ev = c.run();
    BOOST_TEST(blockers(ev) == std::vector<int>{3});
    // No material topic: the organisation's 305 rules stand for a topic it did not choose.
    const auto* e = ev.disclosures->find("305-1");
    BOOST_REQUIRE(e);
    BOOST_TEST(to_string(e->status) == std::string("not-material"));
}

BOOST_AUTO_TEST_CASE(requirement_4_gri_3_and_a_3_3_per_topic) {
    Complete c;
    erase(c.narrated, std::string("3-3"));
    auto ev = c.run();
    BOOST_TEST(blockers(ev) == std::vector<int>{4});
    // Without a narrative, 3-3-e still comes from the programme's goals for the topic
    // (defaults from data); the other requirements block the claim, each named.
    BOOST_TEST(
        ev.disclosures->blockers[0].disclosures ==
            (std::vector<std::string>{"3-3-a (emissions)", "3-3-b (emissions)", "3-3-c (emissions)",
                                      "3-3-d (emissions)", "3-3-f (emissions)"}),
        boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(requirement_5_topic_disclosures) {
    Complete c;
    erase(c.omitted, std::string("305-7"));
    auto ev = c.run();
    BOOST_TEST(blockers(ev) == std::vector<int>{5});
}

BOOST_AUTO_TEST_CASE(requirement_6_omission_reasons_and_explanations) {
    Complete c;
    c.explain_en = false;
    auto ev = c.run();
    BOOST_TEST(blockers(ev) == std::vector<int>{6});
    BOOST_TEST(test::has_code(ev.diagnostics, "omission.no-explanation"));
    Complete never;
    never.omitted.push_back("2-3");
    auto ev2 = never.run();
    BOOST_TEST(blockers(ev2) == std::vector<int>{6});
    BOOST_TEST(test::has_code(ev2.diagnostics, "omission.not-allowed"));
}

// GRI 1 asks GRI to be notified for either claim: its absence makes a draft, not a
// "with reference" report. A final release without it, or without a publication date, fails.
BOOST_AUTO_TEST_CASE(notification_and_publication_date_decide_draft_not_claim) {
    Complete c;
    c.gri1 = "<gri-1 principles-applied=\"true\"/>";
    auto ev = c.run();
    BOOST_TEST(blockers(ev).empty());
    BOOST_TEST((ev.disclosures->claim == Claim::in_accordance));
    BOOST_TEST(ev.disclosures->draft);
    BOOST_TEST(test::has_code(ev.diagnostics, "claim.gri-not-notified"));
    BOOST_TEST(test::has_code(ev.diagnostics, "publication.date-missing"));
    BOOST_TEST(!ev.diagnostics.has_errors());

    c.final_release = true;
    auto refused = c.run();
    BOOST_TEST(refused.diagnostics.error_count() == 2u);

    Complete ready;
    ready.gri1 =
        "<gri-1 principles-applied=\"true\" gri-notified=\"2022-03-01\"/>\n"
        "  <publication date=\"2022-04-15\"/>";
    ready.final_release = true;
    auto ok = ready.run();
    BOOST_TEST(!ok.disclosures->draft);
    BOOST_TEST(!ok.diagnostics.has_errors(), format_text(ok.diagnostics));
    BOOST_TEST(!test::has_code(ok.diagnostics, "publication.date-missing"));
}

// GRI 1: every requirement of a reported disclosure is reported or omitted with a reason.
BOOST_AUTO_TEST_CASE(a_requirement_neither_reported_nor_omitted_keeps_with_reference) {
    Complete c;
    c.covers["2-3"] = " covers=\"a b d\"";
    auto ev = c.run();
    BOOST_TEST(blockers(ev) == std::vector<int>{2});
    BOOST_TEST(ev.disclosures->blockers[0].disclosures == std::vector<std::string>{"2-3-c"});
    BOOST_TEST((ev.disclosures->claim == Claim::with_reference));
    const auto* e = ev.disclosures->find("2-3");
    BOOST_REQUIRE(e);
    BOOST_TEST(e->partly_reported());
    BOOST_TEST(e->uncovered() == std::vector<std::string>{"2-3-c"});
    BOOST_TEST(test::has_code(ev.diagnostics, "disclosure.partly-reported"));

    // A text that declares nothing reports no requirement: every one is named.
    Complete silent;
    silent.covers["2-5"] = "";
    auto ev2 = silent.run();
    BOOST_TEST(ev2.disclosures->blockers[0].disclosures ==
               (std::vector<std::string>{"2-5-a", "2-5-b"}));

    // An omission of the missing requirement restores the claim (3-3 may be omitted in
    // part; 2-1 to 2-5 may not).
    Complete omitted;
    omitted.covers["3-3"] = " covers=\"a b c d e\"";
    auto ev4 = omitted.run();
    BOOST_TEST(blockers(ev4) == std::vector<int>{4});
    BOOST_TEST(ev4.disclosures->blockers[0].disclosures ==
               std::vector<std::string>{"3-3-f (emissions)"});
    auto ev3 = [&] {
        test::ScratchFolder f("compliance-requirement");
        f.copy_base();
        f.write("organisation.xml", organisation(omitted.gri1, omitted.topics));
        f.write("narratives.xml", narratives(omitted.narrated, omitted.covers));
        std::string rules = omissions(c.omitted);
        rules.replace(rules.find("</rules>"), 0,
                      "  <rule id=\"t.3-3-f\" disclosure=\"3-3\" requirement=\"f\"><omit "
                      "reason=\"information-unavailable\"><sv>Datum saknas.</sv><en>No date "
                      "yet.</en></omit></rule>\n");
        f.write("rules.xml", rules);
        LoadOptions o;
        o.data_dir = test::source_dir();
        return evaluate_organisation(f.path(), o);
    }();
    BOOST_REQUIRE_MESSAGE(ev3.disclosures, format_text(ev3.diagnostics));
    BOOST_TEST(blockers(ev3).empty());
    const auto* e3 = ev3.disclosures->find("3-3", "emissions");
    BOOST_REQUIRE(e3);
    BOOST_TEST(!e3->partly_reported());
    BOOST_TEST(to_string(e3->coverage[5].by) == std::string("omission"));
}

BOOST_AUTO_TEST_CASE(a_narrative_naming_a_requirement_the_disclosure_lacks_is_an_error) {
    Complete c;
    c.covers["2-5"] = " covers=\"a z\"";
    test::ScratchFolder f("compliance-unknown-requirement");
    f.copy_base();
    f.write("organisation.xml", organisation(c.gri1, c.topics));
    f.write("narratives.xml", narratives(c.narrated, c.covers));
    f.write("rules.xml", omissions(c.omitted));
    LoadOptions o;
    o.data_dir = test::source_dir();
    auto ev = evaluate_organisation(f.path(), o);
    BOOST_TEST(test::has_code(ev.diagnostics, "narrative.unknown-requirement"));
}

BOOST_AUTO_TEST_CASE(a_page_in_the_annual_report_reports_a_disclosure) {
    Complete c;
    erase(c.omitted, std::string("2-9"));
    auto ev = c.run();
    BOOST_TEST(blockers(ev) == std::vector<int>{2});
    // The same with a page reference: reported there, not a blocker.
    test::ScratchFolder f("annual-report");
    f.copy_base();
    auto org = organisation(c.gri1, c.topics);
    org.replace(org.find("</organisation>"), 0,
                "  <annual-report><reference disclosure=\"2-9\" pages=\"12–14\"/>"
                "</annual-report>\n");
    f.write("organisation.xml", org);
    f.write("narratives.xml", narratives(c.narrated, c.covers));
    f.write("rules.xml", omissions(c.omitted));
    LoadOptions o;
    o.data_dir = test::source_dir();
    auto ev2 = evaluate_organisation(f.path(), o);
    BOOST_REQUIRE_MESSAGE(ev2.disclosures, format_text(ev2.diagnostics));
    BOOST_TEST(blockers(ev2).empty());
    const auto* e = ev2.disclosures->find("2-9");
    BOOST_REQUIRE(e);
    BOOST_TEST(e->annual_report_pages == std::vector<std::string>{"12–14"});
    BOOST_TEST(!e->in_supplement);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(domain_checks)

namespace {

const Evaluation& sample() {
    static Evaluation ev = [] {
        LoadOptions o;
        o.data_dir = test::source_dir();
        return evaluate_organisation(test::source_dir() / "samples" / "region-dalarna", o);
    }();
    BOOST_REQUIRE_MESSAGE(ev.disclosures, format_text(ev.diagnostics));
    return ev;
}

const TargetProgress* progress_of(const Evaluation& ev, const std::string& indicator) {
    for (const auto& p : ev.disclosures->progress)
        if (p.indicator == indicator) return &p;
    return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_CASE(climate_target_against_the_straight_path) {
    const auto* p = progress_of(sample(), "3.1");
    BOOST_REQUIRE(p);
    BOOST_TEST(p->baseline_year == 2018);
    BOOST_TEST(p->baseline.value.to_string() == "17860");
    BOOST_TEST(p->current.value.to_string() == "15940");
    BOOST_TEST(p->target_year == 2030);
    BOOST_TEST(p->relative_target->to_string() == "-75");
    BOOST_TEST(p->target_level.value.to_string() == "4465");
    // 17860 − 13395 × 3/12 = 14511.25, shown to one decimal beyond the indicator's.
    BOOST_TEST(p->path_level.value.to_string() == "14511.2");
    BOOST_TEST(p->change_percent.to_string() == "-10.8");
    BOOST_TEST(p->share_of_way->to_string() == "14.3");
    BOOST_TEST(!p->on_path);
    BOOST_TEST(!p->achieved);
}

// docs/rules.md, "Progress and status": one case per row of the table, with B the
// baseline, C the current value, T the target level and P the straight path's value.
namespace {
std::string judged(const char* B, const char* C, const char* T, const char* P,
                   TargetComparison cmp) {
    auto d = [](const char* s) { return *Decimal::parse(s); };
    auto j = rules::judge_progress(d(B), d(C), d(T), d(P), cmp);
    return (j.share_of_way ? j.share_of_way->to_string() + " %" : std::string("–")) + " " +
           to_string(j.status);
}
constexpr auto at_least = TargetComparison::at_least;
constexpr auto at_most = TargetComparison::at_most;
constexpr auto equal = TargetComparison::equal;
}  // namespace

BOOST_AUTO_TEST_CASE(progress_row_1_at_least_ahead_of_the_path) {
    BOOST_TEST(judged("20", "26", "30", "24", at_least) == "60.0 % on-path");
}
BOOST_AUTO_TEST_CASE(progress_row_2_at_least_behind_the_path) {
    BOOST_TEST(judged("20", "22", "30", "24", at_least) == "20.0 % behind-path");
}
BOOST_AUTO_TEST_CASE(progress_row_3_at_least_reached) {
    BOOST_TEST(judged("20", "31", "30", "24", at_least) == "110.0 % achieved");
}
BOOST_AUTO_TEST_CASE(progress_row_4_at_least_moving_away) {
    BOOST_TEST(judged("20", "18", "30", "24", at_least) == "-20.0 % behind-path");
}
BOOST_AUTO_TEST_CASE(progress_row_5_at_most_a_reduction_ahead_of_the_path) {
    BOOST_TEST(judged("100", "70", "40", "85", at_most) == "50.0 % on-path");
}
BOOST_AUTO_TEST_CASE(progress_row_6_at_most_a_reduction_behind_the_path) {
    // The sample's climate target: 17 860 t to 4 465 t, 15 940 t against a path of 14 511.25.
    BOOST_TEST(judged("17860", "15940", "4465", "14511.25", at_most) == "14.3 % behind-path");
}
BOOST_AUTO_TEST_CASE(progress_row_7_at_most_reached) {
    BOOST_TEST(judged("100", "40", "40", "85", at_most) == "100.0 % achieved");
}
BOOST_AUTO_TEST_CASE(progress_row_8_at_most_rising_instead) {
    BOOST_TEST(judged("100", "110", "40", "85", at_most) == "-16.7 % behind-path");
}
BOOST_AUTO_TEST_CASE(progress_row_9_a_ceiling_the_baseline_already_met_holds) {
    // At most 13 % with a baseline of 10 %: no way to go, so no share; still under it.
    BOOST_TEST(judged("10", "12", "13", "11", at_most) == "– achieved");
}
BOOST_AUTO_TEST_CASE(progress_row_10_a_ceiling_the_baseline_already_met_is_broken) {
    // What read "202,6 %" and "Efter plan" at once: at most 13 from 10, now 16.08.
    BOOST_TEST(judged("10", "16.08", "13", "11", at_most) == "– not-met");
}
BOOST_AUTO_TEST_CASE(progress_row_11_a_floor_the_baseline_already_met) {
    BOOST_TEST(judged("90", "88", "85", "87", at_least) == "– achieved");
    BOOST_TEST(judged("90", "80", "85", "87", at_least) == "– not-met");
}
BOOST_AUTO_TEST_CASE(progress_row_12_a_target_equal_to_the_baseline) {
    BOOST_TEST(judged("50", "50", "50", "50", equal) == "– achieved");
    BOOST_TEST(judged("50", "50", "50", "50", at_most) == "– achieved");
}
BOOST_AUTO_TEST_CASE(progress_row_13_an_exact_target_hit_and_passed) {
    BOOST_TEST(judged("10", "20", "20", "15", equal) == "100.0 % achieved");
    BOOST_TEST(judged("10", "16", "20", "15", equal) == "60.0 % on-path");
    BOOST_TEST(judged("10", "25", "20", "15", equal) == "150.0 % not-met");
}

BOOST_AUTO_TEST_CASE(the_target_in_force_is_the_latest_decided) {
    // 3.11 has two 2025 targets, 25 % set in 2019 and 20 % set in 2021.
    const auto* p = progress_of(sample(), "3.11");
    BOOST_REQUIRE(p);
    BOOST_TEST(p->target_set_in == 2021);
    BOOST_TEST(p->target_level.value.to_string() == "20");
}

BOOST_AUTO_TEST_CASE(on_path_indicators_get_no_note) {
    // 1.1 went 68 → 69 toward 72 by 2030 from 2019: the path passes 68.4 in 2021.
    const auto* p = progress_of(sample(), "1.1");
    BOOST_REQUIRE(p);
    BOOST_TEST(p->on_path);
    for (const auto& d : sample().diagnostics.items())
        if (d.code == "target.behind-path")
            BOOST_TEST(d.message.find("indicator 1.1:") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_sample_is_restated_and_cross_footed) {
    const auto& ev = sample();
    BOOST_TEST(!test::has_code(ev.diagnostics, "restatement.missing"));
    BOOST_TEST(!test::has_code(ev.diagnostics, "restatement.missing-model"));
    bool named_both = false;
    for (const auto& d : ev.diagnostics.items())
        if (d.code == "climate.cross-footing" && d.message.find("17860") != std::string::npos &&
            d.message.find("17861") != std::string::npos)
            named_both = true;
    BOOST_TEST(named_both);
}

BOOST_AUTO_TEST_CASE(every_fact_can_be_followed_to_its_rule_and_rows) {
    const auto& ev = sample();
    const auto* e = ev.disclosures->find("305-5");
    BOOST_REQUIRE(e);
    BOOST_TEST(to_string(e->status) == std::string("reported"));
    // 305-5-a counts initiatives' reductions; the sample records none, so it is omitted
    // and the change in totals stands beside it as context, with its rows.
    const Fact* change = nullptr;
    for (auto i : e->facts) {
        BOOST_TEST(ev.disclosures->facts[i].requirement != 'a');
        if (ev.disclosures->facts[i].context) change = &ev.disclosures->facts[i];
    }
    BOOST_REQUIRE(change);
    BOOST_TEST(change->value.value.to_string() == "-1920");
    BOOST_TEST(change->concept_name.empty());
    BOOST_TEST(to_string(e->coverage[0].by) == std::string("omission"));
    const auto& p = change->provenance;
    BOOST_TEST(p.rule == "emissions.305-5-context");
    BOOST_TEST(
        ev.dataset->location(p.rule_source).file.ends_with("gri-mappings/rules/emissions.xml"));
    BOOST_REQUIRE(p.inputs.size() == 2u);
    BOOST_TEST(p.inputs[1].year == 2018);
    BOOST_TEST(p.inputs[1].value.value.to_string() == "17860");
    BOOST_TEST(p.inputs[1].calculation_model == "RD-2018");
    BOOST_TEST(p.inputs[1].definition_version == "1");
    BOOST_TEST(ev.dataset->location(p.inputs[1].source).file.ends_with("climate-accounts.csv"));
    BOOST_TEST(p.inputs[1].source.line == 10u);
    BOOST_TEST(p.inputs[0].value.value.to_string() == "15940");
    BOOST_TEST(p.inputs[0].source.line == 15u);
    for (const auto& f : ev.disclosures->facts) {
        BOOST_TEST(!f.provenance.rule.empty());
        BOOST_TEST(f.provenance.rule_source.line > 0u);
        if (f.kind == FactKind::numeric) BOOST_TEST(!f.provenance.inputs.empty());
    }
}

BOOST_AUTO_TEST_SUITE_END()
