// Table rows packed into blocks (content.hpp): a row is its flags, its cell count and each
// cell as font, alignment, text, figure and links; counts and texts' lengths as
// text/lengthed.hpp writes them.
#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "../../text/lengthed.hpp"
#include "content.hpp"

namespace griexport::doc {

namespace {

constexpr unsigned char block_row = 1, span_row = 2;
constexpr unsigned char bold_cell = 1, right_cell = 2, figure_cell = 4;
constexpr std::size_t largest_block = std::size_t{1} << 20, first_block = 512;

void put_count(std::string& out, std::size_t n) {
    text::put_length(std::back_inserter(out), n);
}

void put_text(std::string& out, std::string_view s) {
    put_count(out, s.size());
    out.append(s);
}

// Reads what put_count and put_text wrote, from `at` on.
struct Reader {
    const char* at;
    std::size_t count() { return text::read_length(at); }
    std::string text() { return std::string(griexport::text::read_lengthed(at)); }
    unsigned char byte() { return static_cast<unsigned char>(*at++); }
};

}  // namespace

void Rows::push_back(const Row& r) {
    // The row is written whole into a buffer kept per thread, then copied into the block
    // it fits: a row never spans blocks.
    thread_local std::string packed;
    packed.clear();
    packed += static_cast<char>((r.block ? block_row : 0) | (r.span ? span_row : 0));
    put_count(packed, r.cells.size());
    for (const Cell& c : r.cells) {
        packed += static_cast<char>((c.font == FontStyle::bold ? bold_cell : 0) |
                                    (c.align == Align::right ? right_cell : 0) |
                                    (c.figure ? figure_cell : 0));
        put_text(packed, c.text);
        if (c.figure) {
            put_text(packed, c.figure->fact);
            put_count(packed, c.figure->length);
            put_count(packed, c.figure->offset);
        }
        put_count(packed, c.links.size());
        for (const auto& [fragment, target] : c.links) {
            put_text(packed, fragment);
            put_text(packed, target);
        }
    }
    if (blocks_.empty() || blocks_.back().capacity() - blocks_.back().size() < packed.size()) {
        // Blocks double from 512 bytes to 1 MiB: the many small tables stay small.
        std::size_t room =
            blocks_.empty() ? first_block : std::min(largest_block, 2 * blocks_.back().capacity());
        if (blocks_.size() >= UINT32_MAX) throw std::length_error("too many table blocks");
        blocks_.emplace_back().reserve(std::max(room, packed.size()));
    }
    std::string& block = blocks_.back();
    if (block.size() > UINT32_MAX) throw std::length_error("a table block beyond 4 GiB");
    at_.push_back(
        {static_cast<std::uint32_t>(blocks_.size() - 1), static_cast<std::uint32_t>(block.size())});
    block.append(packed);
}

Row Rows::operator[](std::size_t i) const {
    const At& where = at_[i];
    Reader in{blocks_[where.block].data() + where.offset};
    Row r;
    unsigned char flags = in.byte();
    r.block = flags & block_row;
    r.span = flags & span_row;
    r.cells.resize(in.count());
    for (Cell& c : r.cells) {
        unsigned char cell = in.byte();
        c.font = cell & bold_cell ? FontStyle::bold : FontStyle::regular;
        c.align = cell & right_cell ? Align::right : Align::left;
        c.text = in.text();
        if (cell & figure_cell) {
            FigureRef f;
            f.fact = in.text();
            f.length = in.count();
            f.offset = in.count();
            c.figure = std::move(f);
        }
        c.links.resize(in.count());
        for (auto& [fragment, target] : c.links) {
            fragment = in.text();
            target = in.text();
        }
    }
    return r;
}

}  // namespace griexport::doc
