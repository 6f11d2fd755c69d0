// A set of bytes looked up in a table, for the scans every input row and every written
// fact go through. std::string_view::find_first_of calls memchr over the set once per byte
// of the text: in a million-observation build that alone took 7 % of the CPU time.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace griexport::text {

class ByteSet {
  public:
    constexpr explicit ByteSet(std::string_view members) {
        for (char c : members) in_[static_cast<unsigned char>(c)] = true;
    }

    constexpr void add(char c) { in_[static_cast<unsigned char>(c)] = true; }

    constexpr bool contains(char c) const { return in_[static_cast<unsigned char>(c)]; }

    // Offset of the first byte of `s` at or after `from` that is in the set, or npos.
    constexpr std::size_t find_in(std::string_view s, std::size_t from = 0) const {
        for (std::size_t i = from; i < s.size(); ++i)
            if (in_[static_cast<unsigned char>(s[i])]) return i;
        return std::string_view::npos;
    }

  private:
    std::array<bool, 256> in_{};
};

}  // namespace griexport::text
