// An XBRL instance as plain values (contexts, units, facts), the checks XML Schema cannot
// make, and the writer. Facts are kept as values, not as a DOM of the output, and written
// element by element in a fixed order.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "griexport/date.hpp"
#include "griexport/diagnostics.hpp"
#include "xml_writer.hpp"

namespace griexport::xbrl {

// A context's member of one dimension. Typed: `element` names the domain element that holds
// `value`. Explicit (`element` empty): `value` is the member's QName.
struct TypedMember {
    std::string dimension;  // QName of the dimension: "prog:AreaAxis"
    std::string element;    // QName of a typed domain's element: "prog:AreaDomain"
    std::string value;
};

struct Context {
    std::string id;
    std::string scheme;
    std::string identifier;
    bool instant = false;
    Date start;  // unused for instants
    Date end;    // the instant, or the duration's last day
    std::vector<TypedMember> dimensions;
    bool scenario = false;  // the dimensions in xbrli:scenario (GRI's tables), not segment
};

struct Unit {
    std::string id;
    std::string measure;                  // QName: "utr:tCO2e", "xbrli:pure"
    std::vector<std::string> item_types;  // UTR item types the measure is registered for
};

// What a fact's value is, set where the value is made and carried to every writer: the
// Inline XBRL writer copies `xhtml` (made by xhtml_paragraphs from escaped text) as markup
// and escapes everything else. A value's bytes never decide it.
enum class ValueKind : std::uint8_t {
    number,  // an exact decimal in the C locale
    text,    // plain text: escaped wherever it is written
    xhtml,   // XHTML the engine made (xhtml_paragraphs): its text is escaped already
};

struct Fact {
    std::string concept_name;  // QName
    std::string item_type;     // local name
    std::string period_type;   // duration or instant
    ValueKind kind = ValueKind::number;
    std::string context;
    std::string unit;  // numeric only
    std::string value;
    int decimals = 0;          // numeric only
    std::string lang;          // non-numeric text, optional
    bool preliminary = false;  // rests on a preliminary value: footnoted
    // What the fact reports, for a writer that shows it elsewhere (the Inline XBRL
    // supplement): "f12" (DisclosureSet fact 12), "f12/sv" (its Swedish text), "o3/reason",
    // "o3/en" (omission 3), "obs40" (observation 40), "t5.0" (indicator 5's first target),
    // "d5.1/sv" (its second definition's Swedish text). Not written.
    std::string source{};
};

// A written fact as the record keeps it for the Inline XBRL writer: concept, context, unit
// and language are ids of names the record holds once (a million facts repeat a few
// thousand of them; as strings of their own they took 400 MB); value and source are read
// from one place in the record's text, each after its length (two views of their own, and
// an int for the decimals, made 56 bytes a fact: a million observations' 1.6 million facts
// held 91 MB beside the supplement's content while both PDFs were drawn).
struct RecordedFact {
    std::uint32_t concept_name = 0, context = 0, unit = 0, lang = 0;  // InstanceRecord::name
    int decimals = 0;
    ValueKind kind = ValueKind::number;
    bool preliminary = false;
    const char* text = nullptr;  // value, then source, each after its length (TextBlocks)

    std::string_view value() const;
    std::string_view source() const;  // as Fact::source
};

// Text kept in blocks that never move, for views that live as long as their keeper.
class TextBlocks {
  public:
    std::string_view keep(std::string_view s);
    // `a` then `b`, each after its length: read back with text::read_lengthed.
    const char* keep_lengthed(std::string_view a, std::string_view b);

  private:
    char* room(std::size_t n);
    std::vector<std::unique_ptr<char[]>> blocks_;
    std::size_t used_ = 0, size_ = 0;  // of the last block
};

// Everything an instance holds, in the order written: the Inline XBRL writer tags the
// same facts where the supplement shows them.
struct InstanceRecord {
    std::vector<std::pair<std::string, std::string>> namespaces;
    std::string schema_ref;
    std::vector<Context> contexts;
    std::vector<Unit> units;
    std::vector<RecordedFact> facts;  // preliminary ones are footnoted with preliminary_note
    std::vector<std::pair<std::string, std::string>> preliminary_note;

    void add(const Fact& f);
    std::string_view name(std::uint32_t id) const { return names_[id]; }
    // No more facts will be added: the index that finds a name's id goes (a million
    // observations' 300 000 concept names held 17 MB in it until the supplement was
    // written).
    void close() {
        for (auto& ids : name_ids_) std::unordered_map<std::string_view, std::uint32_t>().swap(ids);
    }

  private:
    // The id of `s` in `field` (0 concept, 1 context, 2 unit, 3 language). Each field's
    // last name and id are compared before hashing (consecutive facts mostly share a
    // concept and a unit), and each field has a map of its own: a million facts' contexts
    // (92 names, one looked up per fact) were looked up among 300 000 concept names, a
    // miss of the processor's caches each time.
    std::uint32_t intern(std::string_view s, std::size_t field);
    std::vector<std::string_view> names_{std::string_view()};  // 0 is ""; text in text_
    std::array<std::unordered_map<std::string_view, std::uint32_t>, 4> name_ids_;  // by field
    std::array<std::pair<std::string_view, std::uint32_t>, 4> recent_{};
    TextBlocks text_;  // the names and the facts' values and sources
};

// What the XBRL processor would refuse and XML Schema cannot see: a contextRef or unitRef
// that names nothing, a unit on a non-numeric fact or none on a numeric one, a period of
// the wrong type for the concept, a unit the UTR does not allow for the item type.
class InstanceChecker {
  public:
    InstanceChecker(std::vector<std::string> constrained_types, std::string file)
        : constrained_(std::move(constrained_types)), file_(std::move(file)) {}
    void context(const Context& c) { contexts_[c.id] = c.instant; }
    void unit(const Unit& u) { units_[u.id] = u; }
    void check(const Fact& f, Diagnostics& diags) const;

  private:
    std::vector<std::string> constrained_;
    std::string file_;
    std::map<std::string, bool> contexts_;  // id → instant
    std::map<std::string, Unit> units_;
};

// Writes an instance as it is produced: a context or unit just before the first fact that
// uses it (XBRL 2.1 allows them anywhere after the schemaRef), each fact checked and
// written at once, so nothing but the output text grows with the number of facts. Ids
// derive from content, so the same inputs give the same ids.
class InstanceStream {
  public:
    InstanceStream(std::string& out, const std::vector<std::pair<std::string, std::string>>& ns,
                   const std::string& schema_ref, const std::vector<std::string>& comments,
                   InstanceChecker checker, Diagnostics& diags);
    // The context's id (valid until the next call).
    const std::string& duration(const std::string& scheme, const std::string& identifier,
                                const Date& start, const Date& end,
                                const std::vector<TypedMember>& dims = {});
    // An instant's context, without dimensions.
    const std::string& instant(const std::string& scheme, const std::string& identifier,
                               const Date& at);
    // Where contexts put their dimensions: the taxonomy's hypercubes say (GRI's: scenario).
    void dimensions_in_scenario() { scenario_ = true; }
    std::string unit(const std::string& measure, const std::vector<std::string>& item_types);
    void fact(const Fact& f);
    // The footnote preliminary facts get, in the instance's languages.
    void preliminary_note(std::vector<std::pair<std::string, std::string>> lang_text) {
        preliminary_note_ = std::move(lang_text);
    }
    // See XmlWriter::spill_to.
    void spill_to(std::function<void(std::string&)> spill) { w_.spill_to(std::move(spill)); }
    // Keeps a copy of every context, unit and fact in `r` as they are written.
    void record_into(InstanceRecord* r);
    void finish();

  private:
    std::string& out_;
    InstanceRecord* record_ = nullptr;
    std::vector<std::pair<std::string, std::string>> namespaces_;
    std::string schema_ref_;
    XmlWriter w_;
    InstanceChecker checker_;
    Diagnostics& diags_;
    std::map<std::string, std::string> context_ids_;  // content key → id
    std::string key_;                                 // duration()'s, kept for its room
    std::map<std::string, std::string> used_ids_;     // id → content key
    std::map<std::string, std::string> unit_ids_;
    // Contexts without dimensions of one entity by their first and last day: a large
    // programme's million facts formatted and looked up the same few content keys.
    std::unordered_map<std::uint64_t, std::string> plain_contexts_;
    std::string plain_entity_;  // scheme and identifier those are of
    std::vector<std::pair<std::string, std::string>> preliminary_note_;
    std::size_t preliminary_facts_ = 0;  // their ids are prel_1, prel_2, … in order
    bool scenario_ = false;
    const std::string& add_context(Context c, const std::string& key);
};

// Namespaces every instance declares: XBRL's own and every unit namespace it may use.
std::vector<std::pair<std::string, std::string>> base_namespaces();

// The item types the UTR constrains (a fact of such a type needs a unit registered for it).
bool utr_constrained(std::string_view item_type, const std::vector<std::string>& known);

void write_context(XmlWriter& w, const Context& c);
void write_unit(XmlWriter& w, const Unit& u);
void write_fact(XmlWriter& w, const Fact& f, const std::string& id = "");

// A narrative as escaped XHTML for a text block: one <p> per paragraph (blank-line
// separated), each line break a <br/>.
std::string xhtml_paragraphs(std::string_view text);

// An NCName from an id: "3.11" → "3_11"; other characters outside [A-Za-z0-9_-] become '_'.
std::string ncname_part(std::string_view id);

}  // namespace griexport::xbrl
