// The rule expression language: a small, safe arithmetic over the programme's figures.
// No loops, no assignment, no I/O; every name is checked before evaluation.
//   expr    := term (('+' | '-') term)*
//   term    := unary (('*' | '/') unary)*
//   unary   := '-' unary | primary
//   primary := NUMBER | STRING | NAME | NAME '(' [arg (',' arg)*] ')' | '(' expr ')'
//   arg     := [NAME '='] expr
// U+2212 (−), × and ÷ are accepted for -, * and /.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "griexport/decimal.hpp"

namespace griexport::expr {

enum class NodeKind { number, string, name, negate, binary, call };

struct Node {
    NodeKind kind = NodeKind::number;
    std::size_t begin = 0;  // byte offsets into the expression text
    std::size_t end = 0;
    Decimal number;
    std::string text;          // string value, name, or function name
    char op = 0;               // '+', '-', '*', '/' for binary
    std::uint32_t height = 1;  // longest path to a leaf, bounded by max_height
    std::vector<std::shared_ptr<const Node>> args;
    std::vector<std::string> arg_names;  // parallel to args; empty for positional
};

struct ParseError {
    std::string code;  // rule.syntax
    std::string message;
    std::size_t offset = 0;
};

struct ParseResult {
    std::shared_ptr<const Node> node;
    std::optional<ParseError> error;
};

// Every walk of the tree (check, evaluation, destruction) recurses along its height, so the
// parser refuses taller trees: a flat "1+1+…+1" is as tall as it is long.
inline constexpr std::uint32_t max_height = 256;

ParseResult parse(std::string_view text);

// The functions the language has, with what they take. Used by the static check.
struct FunctionSignature {
    std::string_view name;
    std::size_t min_args;
    std::size_t max_args;
    bool selects_observations;  // first argument an indicator, then filters by name
};
const FunctionSignature* find_function(std::string_view name);

}  // namespace griexport::expr
