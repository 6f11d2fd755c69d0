// The Inline XBRL supplement written from content made beforehand: a build makes the
// supplement's content once per language for the PDF and this (render/build.cpp).
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "../document/content.hpp"
#include "griexport/supplement.hpp"

namespace griexport::xhtml {

// As supplement_xhtml (griexport/supplement.hpp), from `model` when given (the content
// supplement_document makes without pages), else from content made here.
bool write_supplement(const Dataset& ds, const Mappings& m, const DisclosureSet& set,
                      const Labels& labels, const SupplementOptions& options,
                      const xbrl::InstanceRecord& gri, const xbrl::InstanceRecord& programme,
                      const Diagnostics* found, std::vector<SourceFile>& inputs, Diagnostics& diags,
                      const std::function<void(std::string_view)>& write,
                      const doc::Document* model);

}  // namespace griexport::xhtml
