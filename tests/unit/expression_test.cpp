#include "rules/expression.hpp"

#include <boost/test/unit_test.hpp>

using namespace griexport;
using expr::NodeKind;

namespace {

// The tree as a compact string: (op a b), f(args), name=value.
std::string show(const expr::Node& n) {
    switch (n.kind) {
        case NodeKind::number:
            return n.number.to_string();
        case NodeKind::string:
            return "\"" + n.text + "\"";
        case NodeKind::name:
            return n.text;
        case NodeKind::negate:
            return "(neg " + show(*n.args[0]) + ")";
        case NodeKind::binary:
            return std::string("(") + n.op + " " + show(*n.args[0]) + " " + show(*n.args[1]) + ")";
        case NodeKind::call: {
            std::string s = n.text + "(";
            for (std::size_t i = 0; i < n.args.size(); ++i) {
                if (i) s += ", ";
                if (!n.arg_names[i].empty()) s += n.arg_names[i] + "=";
                s += show(*n.args[i]);
            }
            return s + ")";
        }
    }
    return "?";
}

std::string tree(std::string_view text) {
    auto r = expr::parse(text);
    BOOST_REQUIRE_MESSAGE(!r.error.has_value(), (r.error ? r.error->message : std::string()));
    return show(*r.node);
}

std::size_t error_at(std::string_view text) {
    auto r = expr::parse(text);
    BOOST_REQUIRE(r.error.has_value());
    BOOST_TEST(r.error->code == "rule.syntax");
    return r.error->offset;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(expression)

BOOST_AUTO_TEST_CASE(precedence_and_associativity) {
    BOOST_TEST(tree("1 + 2 * 3") == "(+ 1 (* 2 3))");
    BOOST_TEST(tree("(1 + 2) * 3") == "(* (+ 1 2) 3)");
    BOOST_TEST(tree("10 - 4 - 3") == "(- (- 10 4) 3)");
    BOOST_TEST(tree("8 / 4 / 2") == "(/ (/ 8 4) 2)");
    BOOST_TEST(tree("-2 * -x") == "(* (neg 2) (neg x))");
}

BOOST_AUTO_TEST_CASE(typographic_operators_are_accepted) {
    BOOST_TEST(tree("a \u2212 b \u00d7 2 \u00f7 4") == "(- a (/ (* b 2) 4))");
}

BOOST_AUTO_TEST_CASE(calls_take_positional_then_named_arguments) {
    BOOST_TEST(tree("value(climate, year=base, area=\"*\")") ==
               "value(climate, year=base, area=\"*\")");
    BOOST_TEST(tree("value(\"3.1\", year=current - 1)") == "value(\"3.1\", year=(- current 1))");
    BOOST_TEST(tree("pct_change(value(climate, year=base), value(climate))") ==
               "pct_change(value(climate, year=base), value(climate))");
    BOOST_TEST(tree("count()") == "count()");
}

BOOST_AUTO_TEST_CASE(offsets_cover_the_source_text) {
    auto r = expr::parse("  value(climate) + 12.5");
    BOOST_REQUIRE(r.node);
    BOOST_TEST(r.node->begin == 2u);
    BOOST_TEST(r.node->end == 23u);
    BOOST_TEST(r.node->args[0]->begin == 2u);
    BOOST_TEST(r.node->args[0]->end == 16u);
    BOOST_TEST(r.node->args[1]->number.to_string() == "12.5");
}

BOOST_AUTO_TEST_CASE(errors_point_at_the_offending_byte) {
    BOOST_TEST(error_at("") == 0u);
    BOOST_TEST(error_at("   ") == 3u);
    BOOST_TEST(error_at("1 +") == 3u);
    BOOST_TEST(error_at("value(climate) + * 2") == 17u);
    BOOST_TEST(error_at("(1 + 2") == 6u);
    BOOST_TEST(error_at("value(\"3.1) + 1") == 6u);
    BOOST_TEST(error_at("1 2") == 2u);
    BOOST_TEST(error_at("f(a b)") == 4u);
    BOOST_TEST(error_at("1.2.3") == 3u);
    BOOST_TEST(error_at("a & b") == 2u);
}

BOOST_AUTO_TEST_CASE(nesting_is_bounded) {
    std::string deep(200, '(');
    deep += "1" + std::string(200, ')');
    auto r = expr::parse(deep);
    BOOST_REQUIRE(r.error.has_value());
    BOOST_TEST(r.error->message == "the expression nests too deeply");
    std::string fine(30, '(');
    fine += "1" + std::string(30, ')');
    BOOST_TEST(!expr::parse(fine).error.has_value());
}

// Fuzzing found a flat chain of 100 000 terms overflowing the stack: the bracket guard
// did not see it, and the tree was checked, evaluated and freed recursively.
BOOST_AUTO_TEST_CASE(long_flat_chains_are_refused_at_the_term_past_the_limit) {
    std::string chain = "1";
    for (int i = 0; i < 100000; ++i) chain += "+1";
    auto r = griexport::expr::parse(chain);
    BOOST_TEST(!r.node);
    BOOST_REQUIRE(r.error);
    BOOST_TEST(r.error->message.find("too long") != std::string::npos);
    BOOST_TEST(r.error->offset == 2u * griexport::expr::max_height);  // the 257th term
    std::string ok = "1";
    for (std::uint32_t i = 1; i < griexport::expr::max_height; ++i) ok += "*2";
    BOOST_TEST(!griexport::expr::parse(ok).error);
    std::string negations(100000, '-');
    BOOST_TEST(griexport::expr::parse(negations + "1").error.has_value());
    std::string args = "sum(\"1\"";
    for (int i = 0; i < 300; ++i) args += ", year=(((1)))";
    BOOST_TEST(griexport::expr::parse(args + ")").node);  // wide is fine, only tall is refused
}

BOOST_AUTO_TEST_CASE(the_function_table_states_arities) {
    BOOST_TEST(expr::find_function("value")->selects_observations);
    BOOST_TEST(expr::find_function("convert")->min_args == 2u);
    BOOST_TEST(!expr::find_function("system"));
}

BOOST_AUTO_TEST_SUITE_END()
