#include "expression.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace griexport::expr {

namespace {

constexpr std::array functions{
    FunctionSignature{"value", 1, 7, true},       FunctionSignature{"sum", 1, 7, true},
    FunctionSignature{"min", 1, 7, true},         FunctionSignature{"max", 1, 7, true},
    FunctionSignature{"count", 1, 7, true},       FunctionSignature{"rule", 1, 1, false},
    FunctionSignature{"convert", 2, 2, false},    FunctionSignature{"pct_change", 2, 2, false},
    FunctionSignature{"progress", 1, 1, false},   FunctionSignature{"target", 1, 1, false},
    FunctionSignature{"round", 2, 2, false},      FunctionSignature{"abs", 1, 1, false},
    FunctionSignature{"reductions", 0, 0, false},
};

class Parser {
  public:
    explicit Parser(std::string_view text) : s_(text) {}

    ParseResult run() {
        ParseResult r;
        try {
            skip_space();
            if (pos_ == s_.size()) fail(pos_, "the expression is empty");
            r.node = expression();
            skip_space();
            if (pos_ != s_.size()) fail(pos_, "unexpected text after the expression");
        } catch (const ParseError& e) {
            r.node.reset();
            r.error = e;
        }
        return r;
    }

  private:
    std::string_view s_;
    std::size_t pos_ = 0;
    int depth_ = 0;

    [[noreturn]] void fail(std::size_t at, std::string message) {
        throw ParseError{"rule.syntax", std::move(message), at};
    }

    void skip_space() {
        while (pos_ < s_.size() &&
               (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
            ++pos_;
    }

    // The operator at the cursor, accepting the typographic forms, with its byte length.
    std::pair<char, std::size_t> peek_operator() const {
        if (pos_ >= s_.size()) return {0, 0};
        char c = s_[pos_];
        if (c == '+' || c == '-' || c == '*' || c == '/') return {c, 1};
        auto rest = s_.substr(pos_);
        if (rest.starts_with("\u2212")) return {'-', 3};
        if (rest.starts_with("\u00d7")) return {'*', 2};
        if (rest.starts_with("\u00f7")) return {'/', 2};
        return {0, 0};
    }

    std::shared_ptr<Node> binary(char op, std::shared_ptr<const Node> a,
                                 std::shared_ptr<const Node> b) {
        auto n = std::make_shared<Node>();
        n->kind = NodeKind::binary;
        n->op = op;
        n->begin = a->begin;
        n->end = b->end;
        n->height = 1 + std::max(a->height, b->height);
        auto right = b->begin;
        n->args = {std::move(a), std::move(b)};
        check_height(*n, right);
        return n;
    }

    void check_height(const Node& n, std::size_t at) {
        if (n.height > max_height)
            fail(at, fmt::format("the expression is too long: more than {} operations in "
                                 "one chain or nesting; split it into rules joined with "
                                 "rule(\"…\") or use sum()",
                                 max_height));
    }

    std::shared_ptr<const Node> expression() {
        // Nesting is bounded so hostile input cannot exhaust the stack.
        if (++depth_ > 64) fail(pos_, "the expression nests too deeply");
        auto left = term();
        for (;;) {
            skip_space();
            auto [op, len] = peek_operator();
            if (op != '+' && op != '-') break;
            pos_ += len;
            left = binary(op, left, term());
        }
        --depth_;
        return left;
    }

    std::shared_ptr<const Node> term() {
        auto left = unary();
        for (;;) {
            skip_space();
            auto [op, len] = peek_operator();
            if (op != '*' && op != '/') break;
            pos_ += len;
            left = binary(op, left, unary());
        }
        return left;
    }

    std::shared_ptr<const Node> unary() {
        skip_space();
        auto [op, len] = peek_operator();
        if (op == '-') {
            auto n = std::make_shared<Node>();
            n->kind = NodeKind::negate;
            n->begin = pos_;
            pos_ += len;
            if (++depth_ > 64) fail(pos_, "the expression nests too deeply");
            n->args.push_back(unary());
            --depth_;
            n->end = n->args[0]->end;
            n->height = 1 + n->args[0]->height;
            check_height(*n, n->begin);
            return n;
        }
        return primary();
    }

    static bool is_name_start(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }
    static bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

    std::string name() {
        auto b = pos_;
        while (pos_ < s_.size() && is_name_char(s_[pos_])) ++pos_;
        return std::string(s_.substr(b, pos_ - b));
    }

    std::shared_ptr<const Node> primary() {
        skip_space();
        if (pos_ >= s_.size()) fail(pos_, "the expression ends where a value was expected");
        auto n = std::make_shared<Node>();
        n->begin = pos_;
        char c = s_[pos_];
        if (c >= '0' && c <= '9') {
            auto b = pos_;
            while (pos_ < s_.size() && ((s_[pos_] >= '0' && s_[pos_] <= '9') || s_[pos_] == '.'))
                ++pos_;
            std::size_t bad = 0;
            auto d = Decimal::parse(s_.substr(b, pos_ - b), '.', &bad);
            if (!d) fail(b + bad, fmt::format("'{}' is not a number", s_.substr(b, pos_ - b)));
            n->kind = NodeKind::number;
            n->number = *d;
        } else if (c == '"') {
            auto close = s_.find('"', pos_ + 1);
            if (close == std::string_view::npos) fail(pos_, "the string is not closed");
            n->kind = NodeKind::string;
            n->text = std::string(s_.substr(pos_ + 1, close - pos_ - 1));
            pos_ = close + 1;
        } else if (c == '(') {
            ++pos_;
            auto inner = expression();
            skip_space();
            if (pos_ >= s_.size() || s_[pos_] != ')') fail(pos_, "')' expected");
            ++pos_;
            return inner;
        } else if (is_name_start(c)) {
            n->text = name();
            skip_space();
            if (pos_ < s_.size() && s_[pos_] == '(') {
                n->kind = NodeKind::call;
                ++pos_;
                call_arguments(*n);
            } else {
                n->kind = NodeKind::name;
            }
        } else {
            fail(pos_, "a number, a string, a name or '(' was expected");
        }
        n->end = pos_;
        return n;
    }

    void call_arguments(Node& call) {
        skip_space();
        if (pos_ < s_.size() && s_[pos_] == ')') {
            ++pos_;
            return;
        }
        for (;;) {
            skip_space();
            std::string arg_name;
            // NAME '=' starts a named argument; look ahead without consuming otherwise.
            if (pos_ < s_.size() && is_name_start(s_[pos_])) {
                auto save = pos_;
                auto candidate = name();
                skip_space();
                if (pos_ < s_.size() && s_[pos_] == '=') {
                    ++pos_;
                    arg_name = candidate;
                } else {
                    pos_ = save;
                }
            }
            call.args.push_back(expression());
            call.arg_names.push_back(arg_name);
            call.height = std::max(call.height, 1 + call.args.back()->height);
            check_height(call, call.args.back()->begin);
            skip_space();
            if (pos_ < s_.size() && s_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (pos_ < s_.size() && s_[pos_] == ')') {
                ++pos_;
                return;
            }
            fail(pos_, "',' or ')' expected");
        }
    }
};

}  // namespace

ParseResult parse(std::string_view text) {
    return Parser(text).run();
}

const FunctionSignature* find_function(std::string_view name) {
    for (const auto& f : functions)
        if (f.name == name) return &f;
    return nullptr;
}

}  // namespace griexport::expr
