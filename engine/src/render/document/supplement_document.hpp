// The supplement's content, built once from the DisclosureSet for every backend: the PDF
// lays it out on pages, the Inline XBRL writer writes it as tagged, accessible XHTML.
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "content.hpp"
#include "griexport/disclosure.hpp"
#include "griexport/evaluate.hpp"
#include "griexport/render.hpp"

namespace griexport::doc {

// What templates/layout.xml says of content rather than pages: relative column widths per
// table and the chart's series colours.
struct SupplementStyle {
    std::map<std::string, std::vector<double>> columns;
    std::map<std::string, Color> colours;
};

// The supplement's tables that templates/layout.xml gives relative column widths, and how
// many columns each has: a `columns` element must give that many (load_template checks),
// and a table it leaves out gets equal widths.
inline constexpr std::array<std::pair<std::string_view, std::size_t>, 6> table_columns{{
    {"index", 8},
    {"facts", 5},
    {"climate", 4},
    {"goals", 8},
    {"definitions", 4},
    {"omissions", 4},
}};

// The supplement in the labels' language. With `pages` (disclosure key → page index, from
// an earlier layout pass) the content index names pages numbered from `first_page`;
// without, it links each disclosure's section ("#d-305-1").
Document supplement_document(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                             const Labels& labels, const SupplementStyle& style,
                             const std::map<std::string, std::size_t>* pages, int first_page);

// The content index section's blocks alone, as supplement_document makes them with these
// `pages`: the only blocks that name the supplement's own pages, so the PDF makes them
// again once a layout has found the pages, and keeps the rest of the document.
std::vector<Block> content_index_section(const Dataset& ds, const Mappings& m,
                                         const DisclosureSet& set, const Labels& labels,
                                         const SupplementStyle& style,
                                         const std::map<std::string, std::size_t>* pages,
                                         int first_page);

// The page the supplement starts on: the option, else organisation.xml's, else 1.
int supplement_first_page(const Organisation& o, std::optional<int> option);

}  // namespace griexport::doc
