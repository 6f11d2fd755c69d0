#include "xml_source.hpp"

#include <fmt/format.h>
#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>

#include <cstring>
#include <exception>
#include <functional>
#include <future>
#include <map>
#include <mutex>

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

// No network, no DTD loading, no entity substitution: hostile input stays inert.
constexpr int parse_options =
    XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

// libxml2's own refusal (nesting past its depth limit, …) with its message and position.
void report_parse_error(const SourceText& text, xmlParserCtxtPtr ctxt, Diagnostics& diags) {
    const xmlError* err = ctxt ? xmlCtxtGetLastError(ctxt) : nullptr;
    std::string msg = err && err->message ? err->message : "the document is not well-formed";
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    // libxml2 speaks to programmers here ("use XML_PARSE_HUGE option").
    if (msg.starts_with("Excessive depth in document"))
        msg = "elements nested more than 256 levels deep";
    auto line = err && err->line > 0 ? static_cast<std::uint32_t>(err->line) : 1u;
    auto column = err && err->int2 > 0 ? static_cast<std::uint32_t>(err->int2) : 1u;
    diags.error("xml.syntax", fmt::format("malformed XML: {}", msg), text.at(line, column));
}

// Validates while parsing, without building libxml2's tree: the common, valid case. On
// any problem the caller validates again with the tree, which locates every error.
bool valid_by_stream(const SourceText& text, xmlSchemaPtr schema) {
    xmlSchemaValidCtxtPtr vctx = xmlSchemaNewValidCtxt(schema);
    if (!vctx) return false;
    xmlSchemaSetValidStructuredErrors(vctx, ignore_structured, nullptr);
    // CreateMem copies the bytes; CreateStatic misreads across chunk boundaries (2.9.14).
    xmlParserInputBufferPtr input = xmlParserInputBufferCreateMem(
        text.bytes.data(), static_cast<int>(text.bytes.size()), XML_CHAR_ENCODING_UTF8);
    int rc =
        input ? xmlSchemaValidateStream(vctx, input, XML_CHAR_ENCODING_UTF8, nullptr, nullptr) : -1;
    // xmlSchemaValidateStream frees the input buffer.
    xmlSchemaFreeValidCtxt(vctx);
    return rc == 0;
}

// A schema compiled once per process and path: compiling one costs more than validating a
// file, and a batch validates every organisation's files against the same few. A compiled
// schema is only read while validating (each validation has its own context), so threads
// share it; the cache itself is locked.
xmlSchemaPtr compiled_schema(const std::filesystem::path& path) {
    struct Cache {
        std::mutex lock;
        std::map<std::string, xmlSchemaPtr> schemas;
        ~Cache() {
            for (auto& [p, s] : schemas) xmlSchemaFree(s);
        }
    };
    static Cache cache;
    std::lock_guard guard(cache.lock);
    auto it = cache.schemas.find(path.string());
    if (it != cache.schemas.end()) return it->second;
    xmlSchemaParserCtxtPtr pctx = xmlSchemaNewParserCtxt(path.c_str());
    xmlSchemaPtr schema = pctx ? xmlSchemaParse(pctx) : nullptr;
    if (pctx) xmlSchemaFreeParserCtxt(pctx);
    if (schema) cache.schemas.emplace(path.string(), schema);
    return schema;
}

bool validate(const SourceText& text, const std::filesystem::path& schema_path,
              Diagnostics& diags) {
    // libxml2 initialises its parser and its schema types on first use, and that is not
    // thread-safe: two builds' threads (the PDFs' templates, a batch) starting at once
    // leaked a set of built-in types. Once, before any thread parses a schema.
    static std::once_flag initialised;
    std::call_once(initialised, [] {
        xmlInitParser();
        xmlSchemaInitTypes();
    });
    // Keep libxml2 quiet on stderr: every message goes through the diagnostics.
    xmlSetGenericErrorFunc(nullptr, ignore_generic);
    xmlSetStructuredErrorFunc(nullptr, ignore_structured);
    auto before = diags.error_count();
    xmlSchemaPtr schema = compiled_schema(schema_path);
    if (!schema) {
        diags.error("setup.schema", fmt::format("cannot load schema {}", schema_path.string()),
                    text.whole_file());
        return false;
    }
    if (!valid_by_stream(text, schema)) {
        xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
        xmlDocPtr doc =
            ctxt ? xmlCtxtReadMemory(ctxt, text.bytes.data(), static_cast<int>(text.bytes.size()),
                                     text.display_path.c_str(), "UTF-8", parse_options)
                 : nullptr;
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
            report_parse_error(text, ctxt, diags);
        }
        if (ctxt) xmlFreeParserCtxt(ctxt);
    }
    return diags.error_count() == before;
}

// Offset of a document type declaration in the prolog, or npos. DTDs can declare entities
// (a billion laughs) and load files; no griexport input needs one, so none is accepted.
std::size_t find_doctype(const std::string& s) {
    std::size_t i = 0;
    for (;;) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) ++i;
        if (s.compare(i, 9, "<!DOCTYPE") == 0) return i;
        std::size_t close = std::string::npos;
        std::size_t close_length = 0;
        if (s.compare(i, 4, "<!--") == 0) {
            close = s.find("-->", i + 4);
            close_length = 3;
        } else if (s.compare(i, 2, "<?") == 0) {
            close = s.find("?>", i + 2);
            close_length = 2;
        }
        if (close == std::string::npos) return std::string::npos;  // the root element, or text
        i = close + close_length;
    }
}

// Bytes from which read_xml validates a document beside its parsing and reading (below: one
// after the other, as a batch's thousands of small files gain nothing from a thread each).
constexpr std::size_t validated_beside_reading = std::size_t{4} << 20;

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

namespace {

// An input read and checked for a document type declaration, not yet parsed.
std::optional<XmlSource> unparsed(const std::filesystem::path& folder, const std::string& relative,
                                  bool required, Diagnostics& diags) {
    auto text = read_source(folder, relative, required, diags);
    if (!text) return std::nullopt;
    if (auto at = find_doctype(text->bytes); at != std::string::npos) {
        diags.error("xml.doctype",
                    "a document type declaration (DTD) is not allowed: griexport reads no DTDs "
                    "and expands no entities; remove the <!DOCTYPE …> and use the characters "
                    "themselves",
                    text->locate(at));
        return std::nullopt;
    }
    return XmlSource{std::move(*text), std::make_unique<pugi::xml_document>()};
}

// Parses `x`; a syntax error is reported.
bool parse(XmlSource& x, Diagnostics& diags) {
    auto res = x.doc->load_buffer(x.text.bytes.data(), x.text.bytes.size(), pugi::parse_default,
                                  pugi::encoding_utf8);
    if (!res)
        diags.error("xml.syntax", fmt::format("malformed XML: {}", res.description()),
                    x.text.locate(static_cast<std::size_t>(res.offset)));
    return static_cast<bool>(res);
}

}  // namespace

std::optional<XmlSource> load_xml(const std::filesystem::path& folder, const std::string& relative,
                                  bool required, const std::filesystem::path& schema,
                                  Diagnostics& diags) {
    auto x = unparsed(folder, relative, required, diags);
    if (!x || !parse(*x, diags) || !validate(x->text, schema, diags)) return std::nullopt;
    return x;
}

bool read_xml(const std::filesystem::path& folder, const std::string& relative, bool required,
              const std::filesystem::path& schema, Diagnostics& diags,
              const std::function<void(const XmlSource&)>& read,
              const std::function<void()>& undo) {
    auto x = unparsed(folder, relative, required, diags);
    if (!x) return false;
    if (x->text.bytes.size() < validated_beside_reading) {
        if (!parse(*x, diags) || !validate(x->text, schema, diags)) return false;
        read(*x);
        return true;
    }
    // A large document (a programme of tens of thousands of indicators: 0.5 s to validate,
    // as long again to parse and read, while the build has nothing else to do) is
    // validated on a thread of its own while it is parsed and read: all of them only read
    // the text. What is reported is what one after the other reports: a syntax error
    // alone; else, when the schema refuses the document, its findings alone (what reading
    // added is undone and its diagnostics dropped); else what reading found.
    // The schema's findings, joined (with whatever their caps dropped) when reported.
    Diagnostics found;
    auto validated =
        std::async(std::launch::async, [&] { return validate(x->text, schema, found); });
    if (!parse(*x, diags)) {  // the schema's findings are in `found`, not reported
        validated.wait();
        return false;
    }
    Diagnostics before = diags;
    std::exception_ptr failed;  // reading a document the schema refuses may fail
    try {
        read(*x);
    } catch (...) {
        failed = std::current_exception();
    }
    bool valid = validated.get();
    if (!valid) {
        undo();
        diags = std::move(before);
        diags.append(found);
        return false;
    }
    diags.append(found);
    if (failed) std::rethrow_exception(failed);
    return true;
}

}  // namespace griexport::io
