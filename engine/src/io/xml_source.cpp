#include "xml_source.hpp"

#include <fmt/format.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <cstring>

namespace griexport::io {

namespace {

struct SchemaErrors {
    const SourceText* text;
    Diagnostics* diags;
};

// libxml2 reports validity errors with a line but no column; find the element's start tag
// on that line so the column points at it.
std::uint32_t column_of_element(const SourceText& t, std::uint32_t line, const char* name) {
    if (line == 0 || line > t.line_starts.size() || !name) return 1;
    std::size_t start = t.line_starts[line - 1];
    std::size_t end = line < t.line_starts.size() ? t.line_starts[line] : t.bytes.size();
    std::string needle = std::string("<") + name;
    auto pos = t.bytes.find(needle, start);
    if (pos == std::string::npos || pos >= end) return 1;
    return t.locate(pos).column;
}

void on_schema_error(void* ctx, xmlError* err) {
    auto* sink = static_cast<SchemaErrors*>(ctx);
    if (!err || err->level < XML_ERR_ERROR) return;
    std::string msg = err->message ? err->message : "schema violation";
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    auto line = static_cast<std::uint32_t>(err->line);
    const char* name = nullptr;
    if (err->node) {
        auto* node = static_cast<xmlNodePtr>(err->node);
        if (node->type == XML_ELEMENT_NODE) name = reinterpret_cast<const char*>(node->name);
        if (line == 0) line = static_cast<std::uint32_t>(xmlGetLineNo(node));
    }
    sink->diags->error("xml.schema", msg,
                       sink->text->at(line, column_of_element(*sink->text, line, name)));
}

void ignore_generic(void*, const char*, ...) {}
void ignore_structured(void*, xmlError*) {}

bool validate(const SourceText& text, const std::filesystem::path& schema_path,
              Diagnostics& diags) {
    // Keep libxml2 quiet on stderr: every message goes through the diagnostics.
    xmlSetGenericErrorFunc(nullptr, ignore_generic);
    xmlSetStructuredErrorFunc(nullptr, ignore_structured);
    auto before = diags.error_count();
    xmlSchemaParserCtxtPtr pctx = xmlSchemaNewParserCtxt(schema_path.c_str());
    xmlSchemaPtr schema = pctx ? xmlSchemaParse(pctx) : nullptr;
    if (!schema) {
        diags.error("setup.schema", fmt::format("cannot load schema {}", schema_path.string()),
                    text.whole_file());
        if (pctx) xmlSchemaFreeParserCtxt(pctx);
        return false;
    }
    // No network, no DTD loading, no entity substitution: hostile input stays inert.
    int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
    xmlDocPtr doc = xmlReadMemory(text.bytes.data(), static_cast<int>(text.bytes.size()),
                                  text.display_path.c_str(), "UTF-8", opts);
    if (doc) {
        xmlSchemaValidCtxtPtr vctx = xmlSchemaNewValidCtxt(schema);
        SchemaErrors sink{&text, &diags};
        xmlSchemaSetValidStructuredErrors(vctx, on_schema_error, &sink);
        int rc = xmlSchemaValidateDoc(vctx, doc);
        if (rc != 0 && diags.error_count() == before)
            diags.error("xml.schema", "document does not match its schema", text.whole_file());
        xmlSchemaFreeValidCtxt(vctx);
        xmlFreeDoc(doc);
    } else {
        diags.error("xml.syntax", "libxml2 could not parse the document", text.whole_file());
    }
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(pctx);
    return diags.error_count() == before;
}

}  // namespace

Location XmlSource::where(const pugi::xml_node& node) const {
    auto off = node.offset_debug();
    if (off < 0) return text.whole_file();
    // offset_debug points at the name; step back to the '<' of the tag.
    auto o = static_cast<std::size_t>(off);
    if (o > 0 && text.bytes[o - 1] == '<') --o;
    return text.locate(o);
}

Location XmlSource::where(const pugi::xml_node& node, const char* attribute) const {
    auto off = node.offset_debug();
    if (off < 0) return text.whole_file();
    auto start = static_cast<std::size_t>(off);
    auto close = text.bytes.find('>', start);
    std::string needle = std::string(attribute);
    for (auto pos = text.bytes.find(needle, start); pos != std::string::npos && pos < close;
         pos = text.bytes.find(needle, pos + 1)) {
        char before = text.bytes[pos - 1];
        auto after = pos + needle.size();
        while (after < text.bytes.size() && (text.bytes[after] == ' ' || text.bytes[after] == '\t'))
            ++after;
        if ((before == ' ' || before == '\t' || before == '\n' || before == '\r') &&
            after < text.bytes.size() && text.bytes[after] == '=') {
            auto quote = text.bytes.find_first_of("\"'", after);
            return text.locate(quote == std::string::npos ? pos : quote + 1);
        }
    }
    return where(node);
}

std::optional<XmlSource> load_xml(const std::filesystem::path& folder, const std::string& relative,
                                  bool required, const std::filesystem::path& schema,
                                  Diagnostics& diags) {
    auto text = read_source(folder, relative, required, diags);
    if (!text) return std::nullopt;
    XmlSource x{std::move(*text), std::make_unique<pugi::xml_document>()};
    auto res = x.doc->load_buffer(x.text.bytes.data(), x.text.bytes.size(), pugi::parse_default,
                                  pugi::encoding_utf8);
    if (!res) {
        diags.error("xml.syntax", fmt::format("malformed XML: {}", res.description()),
                    x.text.locate(static_cast<std::size_t>(res.offset)));
        return std::nullopt;
    }
    if (!validate(x.text, schema, diags)) return std::nullopt;
    return x;
}

}  // namespace griexport::io
