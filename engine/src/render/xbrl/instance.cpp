#include "instance.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <set>

#include "../../text/lengthed.hpp"

namespace griexport::xbrl {

std::string ncname_part(std::string_view id) {
    // Ids may be Swedish ("avfall-återvunnet"): letters of the Latin ranges are name
    // characters in every edition of XML, so they stay; ² and ³ read as digits ("m2");
    // anything else becomes '_'. Input is valid UTF-8 (checked at load).
    std::string out;
    for (std::size_t i = 0; i < id.size();) {
        auto c = static_cast<unsigned char>(id[i]);
        if (c < 0x80) {
            bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-';
            out += ok ? static_cast<char>(c) : '_';
            ++i;
            continue;
        }
        std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        len = std::min(len, id.size() - i);
        char32_t cp =
            len == 2 ? ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(id[i + 1]) & 0x3Fu) : 0;
        bool letter = cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7;
        if (letter)
            out.append(id.substr(i, len));
        else if (cp == 0xB2 || cp == 0xB3)
            out += cp == 0xB2 ? '2' : '3';
        else
            out += '_';
        i += len;
    }
    return out;
}

InstanceStream::InstanceStream(std::string& out,
                               const std::vector<std::pair<std::string, std::string>>& ns,
                               const std::string& schema_ref,
                               const std::vector<std::string>& comments, InstanceChecker checker,
                               Diagnostics& diags)
    : out_(out),
      namespaces_(ns),
      schema_ref_(schema_ref),
      w_(out),
      checker_(std::move(checker)),
      diags_(diags) {
    w_.declaration();
    for (const auto& c : comments) w_.comment(c);
    std::vector<std::pair<std::string, std::string>> attrs;
    for (const auto& [prefix, uri] : ns) attrs.emplace_back("xmlns:" + prefix, uri);
    w_.open("xbrli:xbrl", attrs);
    w_.empty("link:schemaRef", {{"xlink:type", "simple"}, {"xlink:href", schema_ref}});
}

const std::string& InstanceStream::duration(const std::string& scheme,
                                            const std::string& identifier, const Date& start,
                                            const Date& end, const std::vector<TypedMember>& dims) {
    std::uint64_t days = 0;
    if (dims.empty()) {
        if (plain_entity_.size() != scheme.size() + 1 + identifier.size() ||
            !plain_entity_.starts_with(scheme) || !plain_entity_.ends_with(identifier) ||
            plain_entity_[scheme.size()] != '\n') {
            plain_contexts_.clear();
            plain_entity_ = scheme + '\n' + identifier;
        }
        days = (static_cast<std::uint64_t>(start.days_since_epoch()) << 32) |
               static_cast<std::uint32_t>(end.days_since_epoch());
        if (auto it = plain_contexts_.find(days); it != plain_contexts_.end()) return it->second;
    }
    // The content key, written into a buffer kept from call to call.
    key_.clear();
    fmt::format_to(std::back_inserter(key_), "{}|{}|{}|{}", scheme, identifier,
                   start.days_since_epoch(), end.days_since_epoch());
    for (const auto& d : dims) key_.append("|").append(d.dimension).append("=").append(d.value);
    if (auto it = context_ids_.find(key_); it != context_ids_.end()) {
        if (dims.empty()) return plain_contexts_.emplace(days, it->second).first->second;
        return it->second;
    }
    const std::string key = key_;
    // Readable ids: D2021 for a calendar year, D2018-2030 across years, then the members.
    bool whole_years = start.month == 1 && start.day == 1 && end.month == 12 && end.day == 31;
    std::string id = !whole_years             ? fmt::format("D{}_{}", start.iso(), end.iso())
                     : start.year == end.year ? fmt::format("D{}", start.year)
                                              : fmt::format("D{}-{}", start.year, end.year);
    for (const auto& d : dims) {
        auto local = d.dimension.substr(d.dimension.find(':') + 1);
        if (local.ends_with("Axis")) local.resize(local.size() - 4);
        std::string_view value = d.value;
        if (d.element.empty()) value = value.substr(value.find(':') + 1);  // a member's name
        id += "_" + local + "-" + ncname_part(value);
    }
    const std::string& unique =
        add_context({id, scheme, identifier, false, start, end, dims, scenario_}, key);
    if (dims.empty()) return plain_contexts_.emplace(days, unique).first->second;
    return unique;
}

const std::string& InstanceStream::instant(const std::string& scheme, const std::string& identifier,
                                           const Date& at) {
    key_.clear();
    fmt::format_to(std::back_inserter(key_), "{}|{}|instant|{}", scheme, identifier,
                   at.days_since_epoch());
    if (auto it = context_ids_.find(key_); it != context_ids_.end()) return it->second;
    const std::string key = key_;
    std::string id = "I";
    id += at.iso();
    return add_context({id, scheme, identifier, true, at, at, {}, false}, key);
}

// Writes a new context under the first id of its name not yet used, and returns its id.
const std::string& InstanceStream::add_context(Context c, const std::string& key) {
    std::string unique = c.id;
    for (int n = 2; used_ids_.contains(unique); ++n) unique = fmt::format("{}_{}", c.id, n);
    c.id = unique;
    write_context(w_, c);
    if (record_) record_->contexts.push_back(c);
    checker_.context(c);
    auto& id_of = context_ids_[key];
    id_of = unique;
    used_ids_[unique] = key;
    return id_of;
}

std::string InstanceStream::unit(const std::string& measure,
                                 const std::vector<std::string>& item_types) {
    if (auto it = unit_ids_.find(measure); it != unit_ids_.end()) return it->second;
    auto local = [](std::string_view m) { return ncname_part(m.substr(m.find(':') + 1)); };
    auto slash = measure.find('/');
    std::string id = slash == std::string::npos
                         ? "u_" + local(measure)
                         : "u_" + local(std::string_view(measure).substr(0, slash)) + "_per_" +
                               local(std::string_view(measure).substr(slash + 1));
    Unit u{id, measure, item_types};
    write_unit(w_, u);
    if (record_) record_->units.push_back(u);
    checker_.unit(u);
    unit_ids_[measure] = u.id;
    return u.id;
}

std::uint32_t InstanceRecord::intern(std::string_view s, std::size_t field) {
    if (s.empty()) return 0;
    auto& recent = recent_[field];
    if (recent.second != 0 && s == recent.first) return recent.second;
    auto& ids = name_ids_[field];
    if (auto it = ids.find(s); it != ids.end()) {
        recent = *it;
        return it->second;
    }
    auto id = static_cast<std::uint32_t>(names_.size());
    names_.push_back(text_.keep(s));
    ids.emplace(names_.back(), id);
    recent = {names_.back(), id};
    return id;
}

char* TextBlocks::room(std::size_t n) {
    if (blocks_.empty() || size_ - used_ < n) {
        size_ = std::max<std::size_t>(n, std::size_t{1} << 20);
        blocks_.push_back(std::make_unique_for_overwrite<char[]>(size_));
        used_ = 0;
    }
    char* at = blocks_.back().get() + used_;
    used_ += n;
    return at;
}

std::string_view TextBlocks::keep(std::string_view s) {
    if (s.empty()) return {};
    char* at = room(s.size());
    std::memcpy(at, s.data(), s.size());
    return {at, s.size()};
}

namespace {

char* put_lengthed(char* at, std::string_view s) {
    at = text::put_length(at, s.size());
    if (!s.empty()) std::memcpy(at, s.data(), s.size());
    return at + s.size();
}

}  // namespace

const char* TextBlocks::keep_lengthed(std::string_view a, std::string_view b) {
    char* at =
        room(text::length_size(a.size()) + a.size() + text::length_size(b.size()) + b.size());
    put_lengthed(put_lengthed(at, a), b);
    return at;
}

std::string_view RecordedFact::value() const {
    const char* at = text;
    return griexport::text::read_lengthed(at);
}

std::string_view RecordedFact::source() const {
    const char* at = text;
    griexport::text::read_lengthed(at);
    return griexport::text::read_lengthed(at);
}

void InstanceRecord::add(const Fact& f) {
    facts.push_back({intern(f.concept_name, 0), intern(f.context, 1), intern(f.unit, 2),
                     intern(f.lang, 3), f.decimals, f.kind, f.preliminary,
                     text_.keep_lengthed(f.value, f.source)});
}

void InstanceStream::record_into(InstanceRecord* r) {
    record_ = r;
    r->namespaces = namespaces_;
    r->schema_ref = schema_ref_;
}

void InstanceStream::fact(const Fact& f) {
    checker_.check(f, diags_);
    if (record_) {
        // The note is the instance's, recorded with its first fact (not once per fact).
        if (record_->facts.empty()) record_->preliminary_note = preliminary_note_;
        record_->add(f);
    }
    if (f.preliminary && !preliminary_note_.empty())
        write_fact(w_, f, fmt::format("prel_{}", ++preliminary_facts_));
    else
        write_fact(w_, f);
}

void InstanceStream::finish() {
    // One footnote link: every preliminary fact (locators sharing one label) to the note
    // in each language (resources sharing one label), by one fact-footnote arc.
    if (preliminary_facts_ > 0) {
        w_.open("link:footnoteLink",
                {{"xlink:type", "extended"}, {"xlink:role", "http://www.xbrl.org/2003/role/link"}});
        for (std::size_t i = 1; i <= preliminary_facts_; ++i)
            w_.empty("link:loc", {{"xlink:type", "locator"},
                                  {"xlink:href", fmt::format("#prel_{}", i)},
                                  {"xlink:label", "preliminary_fact"}});
        for (const auto& [lang, text] : preliminary_note_)
            w_.leaf("link:footnote", text,
                    {{"xlink:type", "resource"},
                     {"xlink:label", "preliminary_note"},
                     {"xlink:role", "http://www.xbrl.org/2003/role/footnote"},
                     {"xml:lang", lang}});
        w_.empty("link:footnoteArc",
                 {{"xlink:type", "arc"},
                  {"xlink:arcrole", "http://www.xbrl.org/2003/arcrole/fact-footnote"},
                  {"xlink:from", "preliminary_fact"},
                  {"xlink:to", "preliminary_note"}});
        w_.close();
    }
    w_.close();
    if (record_) record_->close();
}

std::vector<std::pair<std::string, std::string>> base_namespaces() {
    return {
        {"xbrli", "http://www.xbrl.org/2003/instance"},
        {"link", "http://www.xbrl.org/2003/linkbase"},
        {"xlink", "http://www.w3.org/1999/xlink"},
        {"xbrldi", "http://xbrl.org/2006/xbrldi"},
        {"utr", "http://www.xbrl.org/2009/utr"},
        {"iso4217", "http://www.xbrl.org/2003/iso4217"},
        {"gxu", "urn:griexport:unit"},  // common.hpp: own_units_prefix, own_units_namespace
    };
}

bool utr_constrained(std::string_view item_type, const std::vector<std::string>& known) {
    return std::find(known.begin(), known.end(), item_type) != known.end();
}

void InstanceChecker::check(const Fact& f, Diagnostics& diags) const {
    Location where{file_, 0, 0};
    auto c = contexts_.find(f.context);
    if (c == contexts_.end()) {
        diags.error("xbrl.undefined-context",
                    fmt::format("{} refers to context '{}', which is not defined", f.concept_name,
                                f.context),
                    where);
        return;
    }
    bool instant_concept = f.period_type == "instant";
    if (instant_concept != c->second)
        diags.error("xbrl.period-type",
                    fmt::format("{} is a {} concept but context '{}' is {}", f.concept_name,
                                f.period_type, f.context, c->second ? "an instant" : "a duration"),
                    where);
    if (f.kind != ValueKind::number) {
        if (!f.unit.empty())
            diags.error("xbrl.unit-on-text",
                        fmt::format("non-numeric {} has a unit", f.concept_name), where);
        return;
    }
    auto u = units_.find(f.unit);
    if (u == units_.end()) {
        diags.error(
            "xbrl.undefined-unit",
            fmt::format("{} refers to unit '{}', which is not defined", f.concept_name, f.unit),
            where);
        return;
    }
    const auto& allowed = u->second.item_types;
    if (utr_constrained(f.item_type, constrained_) &&
        std::find(allowed.begin(), allowed.end(), f.item_type) == allowed.end())
        diags.error("xbrl.unit-type",
                    fmt::format("{} is of type {}, which the Unit Type Registry does not allow "
                                "with unit {}",
                                f.concept_name, f.item_type, u->second.measure),
                    where);
}

namespace {

void write_members(XmlWriter& w, const std::vector<TypedMember>& dims) {
    for (const auto& d : dims) {
        if (d.element.empty()) {
            w.leaf("xbrldi:explicitMember", d.value, {{"dimension", d.dimension}});
            continue;
        }
        w.open("xbrldi:typedMember", {{"dimension", d.dimension}});
        w.leaf(d.element, d.value);
        w.close();
    }
}

}  // namespace

void write_context(XmlWriter& w, const Context& c) {
    w.open("xbrli:context", {{"id", c.id}});
    w.open("xbrli:entity");
    w.leaf("xbrli:identifier", c.identifier, {{"scheme", c.scheme}});
    if (!c.dimensions.empty() && !c.scenario) {
        w.open("xbrli:segment");
        write_members(w, c.dimensions);
        w.close();
    }
    w.close();
    w.open("xbrli:period");
    if (c.instant) {
        w.leaf("xbrli:instant", c.end.iso());
    } else {
        w.leaf("xbrli:startDate", c.start.iso());
        w.leaf("xbrli:endDate", c.end.iso());
    }
    w.close();
    if (!c.dimensions.empty() && c.scenario) {
        w.open("xbrli:scenario");
        write_members(w, c.dimensions);
        w.close();
    }
    w.close();
}

void write_unit(XmlWriter& w, const Unit& u) {
    w.open("xbrli:unit", {{"id", u.id}});
    if (auto slash = u.measure.find('/'); slash != std::string::npos) {
        w.open("xbrli:divide");
        w.open("xbrli:unitNumerator");
        w.leaf("xbrli:measure", u.measure.substr(0, slash));
        w.close();
        w.open("xbrli:unitDenominator");
        w.leaf("xbrli:measure", u.measure.substr(slash + 1));
        w.close();
        w.close();
    } else {
        w.leaf("xbrli:measure", u.measure);
    }
    w.close();
}

void write_fact(XmlWriter& w, const Fact& f, const std::string& id) {
    if (f.kind == ValueKind::number) {
        // The attributes as views of the fact and of a digit buffer: a million facts each
        // built a vector of string pairs only to write them.
        char digits[12];
        auto end = fmt::format_to_n(digits, sizeof digits, "{}", f.decimals).out;
        std::string_view decimals(digits, static_cast<std::size_t>(end - digits));
        if (id.empty())
            w.leaf(f.concept_name, f.value,
                   {{"contextRef", f.context}, {"unitRef", f.unit}, {"decimals", decimals}});
        else
            w.leaf(f.concept_name, f.value,
                   {{"id", id},
                    {"contextRef", f.context},
                    {"unitRef", f.unit},
                    {"decimals", decimals}});
    } else if (!f.lang.empty()) {
        w.leaf(f.concept_name, f.value, {{"contextRef", f.context}, {"xml:lang", f.lang}});
    } else {
        w.leaf(f.concept_name, f.value, {{"contextRef", f.context}});
    }
}

std::string xhtml_paragraphs(std::string_view text) {
    std::string out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto end = text.find("\n\n", pos);
        auto para = text.substr(pos, end == std::string_view::npos ? end : end - pos);
        while (!para.empty() && (para.front() == '\n' || para.front() == ' '))
            para.remove_prefix(1);
        while (!para.empty() && (para.back() == '\n' || para.back() == ' ')) para.remove_suffix(1);
        if (!para.empty()) {
            out += "<p xmlns=\"http://www.w3.org/1999/xhtml\">";
            std::size_t lpos = 0;
            for (;;) {
                auto nl = para.find('\n', lpos);
                out +=
                    escape_text(para.substr(lpos, nl == std::string_view::npos ? nl : nl - lpos));
                if (nl == std::string_view::npos) break;
                out += "<br/>";
                lpos = nl + 1;
            }
            out += "</p>";
        }
        if (end == std::string_view::npos) break;
        pos = end + 2;
    }
    return out;
}

}  // namespace griexport::xbrl
