// The rule expression language on its own: parse any bytes; a parsed tree is walked in
// full (as the static check and the evaluator do) and freed.
#include <cstdint>
#include <string_view>

#include "rules/expression.hpp"

namespace {
std::size_t walk(const griexport::expr::Node& n) {
    std::size_t count = 1;
    for (const auto& a : n.args) count += walk(*a);
    return count;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto r = griexport::expr::parse(text);
    if (r.node && r.node->height > griexport::expr::max_height) __builtin_trap();
    if (r.node) return walk(*r.node) > 0 ? 0 : 1;
    return 0;
}
