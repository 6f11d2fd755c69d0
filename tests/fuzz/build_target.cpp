// A fuzz target for everything after the loaders: the fuzzer's bytes become organisation
// text (narratives, definitions, names, titles, omission explanations, restatement reasons)
// in a loaded copy of tests/cases/_base, which is evaluated and built as `build` builds it
// (write_build_outputs), every file handed to memory and the PDFs discarded. Whatever the
// text, the build must end without a crash, an exception or an error of its own; every
// XHTML and XML file must parse; and each Inline XBRL supplement must hold exactly the
// facts of the XBRL instances (the same concept, context and language, as many times, and
// the same number for each numeric fact), so that no text can forge or hide a fact.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "griexport/build.hpp"
#include "griexport/decimal.hpp"
#include "griexport/evaluate.hpp"
#include "text/utf8.hpp"

namespace fs = std::filesystem;
using namespace griexport;

namespace {

[[noreturn]] void fail(const std::string& why) {
    std::fprintf(stderr, "fuzz_build: %s\n", why.c_str());
    std::abort();
}

// Keeps the text files a build writes; a PDF or workbook is only counted.
class MemorySink : public OutputSink {
  public:
    std::map<std::string, std::string> text;

    void add(std::string relative, std::string kind, std::string bytes, Diagnostics&) override {
        files_.push_back({relative, std::move(kind), {}, bytes.size()});
        if (kept(relative)) text[relative] = std::move(bytes);
    }
    std::unique_ptr<PieceSink> stream(std::string relative, std::string kind,
                                      Diagnostics&) override {
        return std::make_unique<Piece>(*this, std::move(relative), std::move(kind));
    }
    const std::vector<OutputFile>& files() const override { return files_; }
    std::optional<std::string> bytes_of(std::string_view relative) const override {
        auto it = text.find(std::string(relative));
        if (it == text.end()) return std::nullopt;
        return it->second;
    }

  private:
    std::vector<OutputFile> files_;
    static bool kept(const std::string& name) {
        for (const char* ext : {".xhtml", ".xbrl", ".xml", ".xsd"})
            if (name.ends_with(ext)) return true;
        return false;
    }
    struct Piece : PieceSink {
        MemorySink& sink;
        std::string name, kind, bytes;
        Piece(MemorySink& s, std::string n, std::string k)
            : sink(s), name(std::move(n)), kind(std::move(k)) {}
        void write(std::string_view b) override { bytes += b; }
        void close(Diagnostics& d) override { sink.add(name, kind, std::move(bytes), d); }
    };
};

// A fact as a reader of XBRL sees it: which instance, concept (namespace and local name),
// context, language; and for a number its value.
using FactKey = std::tuple<std::string, std::string, std::string, std::string, std::string>;

std::string ns_of(const pugi::xml_node& n, std::string_view qname) {
    auto colon = qname.find(':');
    std::string attr =
        colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(qname.substr(0, colon));
    for (auto p = n; p; p = p.parent())
        if (auto a = p.attribute(attr.c_str())) return a.value();
    return "";
}
std::string local_of(std::string_view qname) {
    auto colon = qname.find(':');
    return std::string(colon == std::string_view::npos ? qname : qname.substr(colon + 1));
}
std::string canonical(const std::string& number) {
    auto d = Decimal::parse(number);
    if (!d) fail("a numeric fact that is not a number: '" + number + "'");
    return d->normalized().to_string();
}

pugi::xml_document parsed(const std::string& name, const std::string& bytes) {
    pugi::xml_document doc;
    auto r = doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!r) fail(name + " does not parse: " + r.description());
    return doc;
}

void instance_facts(const std::string& target, const pugi::xml_document& doc,
                    std::multiset<FactKey>& out) {
    auto root = doc.document_element();
    for (auto el : root.children()) {
        if (el.type() != pugi::node_element) continue;
        std::string ns = ns_of(el, el.name());
        if (ns == "http://www.xbrl.org/2003/instance" || ns == "http://www.xbrl.org/2003/linkbase")
            continue;
        bool numeric = el.attribute("unitRef");
        out.insert({target, ns + "#" + local_of(el.name()), el.attribute("contextRef").value(),
                    el.attribute("xml:lang").value(), numeric ? canonical(el.text().get()) : ""});
    }
}

void ixbrl_facts(const pugi::xml_document& doc, std::multiset<FactKey>& out) {
    struct Walker : pugi::xml_tree_walker {
        std::multiset<FactKey>* out;
        bool for_each(pugi::xml_node& n) override {
            std::string_view name = n.name();
            bool number = name == "ix:nonFraction", text = name == "ix:nonNumeric";
            if (!number && !text) return true;
            std::string qname = n.attribute("name").value();
            // The nearest xml:lang in scope; an empty one means no language (XML 1.0, 2.12).
            std::string lang;
            for (auto p = n; p; p = p.parent())
                if (auto a = p.attribute("xml:lang")) {
                    lang = a.value();
                    break;
                }
            std::string value;
            if (number) {
                std::string digits;
                for (char c : std::string(n.text().get()))
                    if ((c >= '0' && c <= '9') || c == ',' || c == '.') digits += c;
                std::string format = n.attribute("format").value();
                std::string plain;
                for (char c : digits)
                    if (format.ends_with("num-comma-decimal") ? c != '.' : c != ',')
                        plain += c == ',' ? '.' : c;
                auto d = Decimal::parse(plain);
                if (!d) fail("an ix:nonFraction that is not a number: '" + digits + "'");
                int scale = n.attribute("scale").as_int();
                Decimal v = *d;
                for (int i = 0; i < scale; ++i) v = v * Decimal::from_int(10);
                for (int i = 0; i > scale; --i)
                    v = Decimal::divide(v, Decimal::from_int(10), Decimal::max_scale);
                if (std::string_view(n.attribute("sign").value()) == "-") v = -v;
                value = v.normalized().to_string();
                lang.clear();  // a number has no language
            }
            out->insert({n.attribute("target").value(), ns_of(n, qname) + "#" + local_of(qname),
                         n.attribute("contextRef").value(), number ? "" : lang, value});
            return true;
        }
    } w;
    w.out = &out;
    const_cast<pugi::xml_document&>(doc).traverse(w);
}

struct Base {
    Evaluation ev;
    BuildOptions options;
    Base() {
        const char* src = std::getenv("GRIEXPORT_SOURCE_DIR");
        fs::path source = src ? fs::path(src) : fs::path(GRIEXPORT_SOURCE_DIR_DEFAULT);
        options.load.data_dir = source;
        options.source_date_epoch = 1640995200;
        options.pdf_lang = "both";
        ev = evaluate_organisation(source / "tests" / "cases" / "_base", options.load);
        if (!ev.disclosures || ev.diagnostics.has_errors()) fail("tests/cases/_base does not load");
    }
};

// Every text an organisation writes that the outputs print or tag.
std::vector<std::string*> texts(Dataset& ds, Mappings& m) {
    std::vector<std::string*> out;
    auto add = [&](LocalText& t) {
        out.push_back(&t.sv);
        out.push_back(&t.en);
    };
    add(ds.organisation.name);
    for (auto& n : ds.narratives) add(n.text);
    for (auto& ind : ds.indicators) {
        add(ind.name);
        for (auto& d : ind.definitions) add(d.text);
    }
    for (auto& g : ds.goals) add(g.title);
    for (auto& r : ds.restatements) {
        add(r.reason);
        add(r.effect);
    }
    for (auto& r : m.rules.rules)
        if (r.omission) add(r.omission->explanation);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Base base;
    Dataset ds = *base.ev.dataset;
    Mappings m = *base.ev.mappings;
    // The bytes, split at NUL, fill the texts in turn; as the loaders guarantee, each text
    // is valid UTF-8 (control characters and markup are left for the writers to handle).
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto fields = texts(ds, m);
    std::size_t k = 0;
    while (!bytes.empty() && k < fields.size()) {
        auto end = bytes.find('\0');
        *fields[k++] = text::valid_utf8(bytes.substr(0, end));
        bytes.remove_prefix(end == std::string_view::npos ? bytes.size() : end + 1);
    }
    Diagnostics diags;
    DisclosureSet set = evaluate(ds, m, diags);
    if (diags.has_errors()) return 0;  // text alone should not cause one, but the build refuses
    MemorySink sink;
    write_build_outputs(ds, m, set, base.options, sink, diags);
    for (const auto& d : diags.items())
        if (d.code.starts_with("internal")) fail(d.message);
    if (diags.has_errors()) return 0;

    std::multiset<FactKey> instances, supplement;
    std::vector<std::string> xhtml;
    for (const auto& [name, content] : sink.text) {
        auto doc = parsed(name, content);
        if (name == "gri-instance.xbrl") instance_facts("", doc, instances);
        if (name == "programme.xbrl") instance_facts("programme", doc, instances);
        if (name.ends_with(".xhtml")) xhtml.push_back(name);
    }
    if (xhtml.size() != 2) fail("the build wrote no Inline XBRL supplement in each language");
    if (instances.empty()) fail("the instances hold no fact");
    std::size_t pdfs = 0;
    for (const auto& f : sink.files()) pdfs += f.path.ends_with(".pdf") && f.size > 0;
    if (pdfs != 4) fail("the build drew " + std::to_string(pdfs) + " PDFs, not 4");
    for (const auto& name : xhtml) {
        std::multiset<FactKey> facts;
        ixbrl_facts(parsed(name, sink.text.at(name)), facts);
        if (facts != instances)
            fail(name + ": " + std::to_string(facts.size()) + " facts, the instances hold " +
                 std::to_string(instances.size()) + " (or they differ)");
    }
    return 0;
}
