// An XML input: parsed with pugixml for the model, validated against its XSD with libxml2
// (pugixml does not validate). Both keep offsets so every node has a line:column.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <pugixml.hpp>

#include "source_text.hpp"

namespace griexport::io {

struct XmlSource {
    SourceText text;
    std::unique_ptr<pugi::xml_document> doc;

    Location where(const pugi::xml_node& node) const;
    // The location of an attribute's value, falling back to its element.
    Location where(const pugi::xml_node& node, const char* attribute) const;
};

// Reads, parses and validates `folder / relative` against `schema`. Reports xml.syntax and
// xml.schema (with the io.* codes of read_source); returns nullopt after any error.
std::optional<XmlSource> load_xml(const std::filesystem::path& folder, const std::string& relative,
                                  bool required, const std::filesystem::path& schema,
                                  Diagnostics& diags);

// The same, handing the parsed document to `read` unless it is malformed, and returning
// whether it was read and is valid. A large document is validated while `read` reads it:
// when the schema refuses it, `undo` takes back what `read` did and the diagnostics are
// those load_xml reports (what `read` reported is dropped).
bool read_xml(const std::filesystem::path& folder, const std::string& relative, bool required,
              const std::filesystem::path& schema, Diagnostics& diags,
              const std::function<void(const XmlSource&)>& read, const std::function<void()>& undo);

}  // namespace griexport::io
