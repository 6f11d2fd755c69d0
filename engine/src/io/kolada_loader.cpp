// Import of Kolada's JSON (the open database of Swedish municipal and regional key
// figures) for indicators that name a Kolada KPI id. Shape:
//   {"values":[{"kpi":"N00945","municipality":"0020","period":2021,
//               "values":[{"gender":"T","value":984748}]}]}
// Gender T (total) carries no gender dimension; K and M become gender=K / gender=M.
#include <fmt/format.h>

#include <charconv>
#include <iterator>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "load_context.hpp"
#include "text/utf8.hpp"

namespace griexport::io {

namespace {

// A JSON value that remembers where it ended in the file, so every fact keeps a location.
struct JsonNode {
    enum Kind { null, boolean, number, string, object, array } kind = null;
    std::string text;  // string value, or the number as written (kept exact)
    std::vector<std::pair<std::string, std::unique_ptr<JsonNode>>> members;  // object, in order
    std::vector<std::unique_ptr<JsonNode>> items;                            // array
    std::size_t offset = 0;

    JsonNode() = default;
    JsonNode(const JsonNode&) = delete;
    JsonNode& operator=(const JsonNode&) = delete;
    // Frees the tree with an explicit stack: the default destructor recurses once per level.
    ~JsonNode() {
        std::vector<std::unique_ptr<JsonNode>> pending;
        auto take = [&](JsonNode& n) {
            for (auto& m : n.members) pending.push_back(std::move(m.second));
            for (auto& i : n.items) pending.push_back(std::move(i));
            n.members.clear();
            n.items.clear();
        };
        take(*this);
        while (!pending.empty()) {
            auto n = std::move(pending.back());
            pending.pop_back();
            take(*n);
        }  // n is now a leaf and frees without recursing
    }

    const JsonNode* get(std::string_view key) const {
        for (const auto& [k, v] : members)
            if (k == key) return v.get();
        return nullptr;
    }
};

const char* kind_name(JsonNode::Kind k) {
    switch (k) {
        case JsonNode::null:
            return "null";
        case JsonNode::boolean:
            return "a boolean";
        case JsonNode::number:
            return "a number";
        case JsonNode::string:
            return "a string";
        case JsonNode::object:
            return "an object";
        case JsonNode::array:
            return "an array";
    }
    return "a value";
}

// An input iterator that records how far the parser has read.
struct CountingIterator {
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;
    const char* p = nullptr;
    const char* base = nullptr;
    std::size_t* read = nullptr;
    reference operator*() const { return *p; }
    CountingIterator& operator++() {
        ++p;
        *read = static_cast<std::size_t>(p - base);
        return *this;
    }
    CountingIterator operator++(int) {
        auto t = *this;
        ++*this;
        return t;
    }
    bool operator==(const CountingIterator& o) const { return p == o.p; }
    bool operator!=(const CountingIterator& o) const { return p != o.p; }
};

class TreeBuilder : public nlohmann::json_sax<nlohmann::json> {
  public:
    explicit TreeBuilder(const std::size_t* read) : read_(read) {}
    std::unique_ptr<JsonNode> root;
    std::size_t error_offset = 0;
    std::string error;

    bool null() override { return leaf(JsonNode::null, ""); }
    bool boolean(bool b) override { return leaf(JsonNode::boolean, b ? "true" : "false"); }
    bool number_integer(number_integer_t v) override {
        return leaf(JsonNode::number, std::to_string(v));
    }
    bool number_unsigned(number_unsigned_t v) override {
        return leaf(JsonNode::number, std::to_string(v));
    }
    bool number_float(number_float_t, const string_t& raw) override {
        return leaf(JsonNode::number, raw);
    }
    bool string(string_t& s) override { return leaf(JsonNode::string, s); }
    bool binary(binary_t&) override { return false; }
    bool start_object(std::size_t) override { return open(JsonNode::object); }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(JsonNode::array); }
    bool end_array() override { return close(); }
    bool key(string_t& k) override {
        key_ = k;
        return true;
    }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& ex) override {
        error_offset = position > 0 ? position - 1 : 0;
        error = ex.what();
        return false;
    }

    static constexpr std::size_t max_depth = 64;

  private:
    const std::size_t* read_;
    std::vector<JsonNode*> stack_;
    std::string key_;

    JsonNode* attach(std::unique_ptr<JsonNode> n) {
        JsonNode* raw = n.get();
        raw->offset = *read_ > 0 ? *read_ - 1 : 0;
        if (stack_.empty()) {
            root = std::move(n);
        } else if (stack_.back()->kind == JsonNode::object) {
            stack_.back()->members.emplace_back(key_, std::move(n));
        } else {
            stack_.back()->items.push_back(std::move(n));
        }
        return raw;
    }
    bool leaf(JsonNode::Kind k, std::string text) {
        auto n = std::make_unique<JsonNode>();
        n->kind = k;
        n->text = std::move(text);
        attach(std::move(n));
        return true;
    }
    bool open(JsonNode::Kind k) {
        // Kolada's shape is four levels deep; far deeper is not Kolada, and hostile.
        if (stack_.size() >= max_depth) {
            error_offset = *read_ > 0 ? *read_ - 1 : 0;
            error = fmt::format("nested more than {} levels deep", max_depth);
            return false;
        }
        auto n = std::make_unique<JsonNode>();
        n->kind = k;
        stack_.push_back(attach(std::move(n)));
        return true;
    }
    bool close() {
        stack_.pop_back();
        return true;
    }
};

std::unique_ptr<JsonNode> parse_json(const SourceText& text, Diagnostics& diags) {
    std::size_t read = 0;
    const char* b = text.bytes.data();
    CountingIterator first{b, b, &read}, last{b + text.bytes.size(), b, &read};
    TreeBuilder builder(&read);
    bool ok = nlohmann::json::sax_parse(first, last, &builder);
    if (!ok || !builder.root) {
        if (builder.error.empty()) builder.error = "the document is empty";
        std::string msg = builder.error;
        // nlohmann's messages start with "[json.exception.parse_error.101] parse error at …: ".
        if (auto p = msg.rfind(": "); p != std::string::npos) msg = msg.substr(p + 2);
        diags.error("json.syntax", fmt::format("malformed JSON: {}", msg),
                    text.locate(builder.error_offset));
        return nullptr;
    }
    return std::move(builder.root);
}

// A page of a paged Kolada answer: its query (the link without its page parameter) and
// its own page number, read from the links to the pages beside it (v2 writes next_page and
// previous_page, v3 next_url and previous_url; both are URLs with page=N).
struct PageOf {
    std::string query;
    int page = 1;
    bool has_next = false;
    std::string file;
    Location where;
};

// The URL without its page=N parameter, and N (0 when it has none).
std::pair<std::string, int> split_page(std::string_view url) {
    for (std::size_t at = url.find("page="); at != std::string_view::npos;
         at = url.find("page=", at + 1)) {
        if (at == 0 || (url[at - 1] != '?' && url[at - 1] != '&')) continue;  // per_page=
        std::size_t end = at + 5;
        int n = 0;
        while (end < url.size() && url[end] >= '0' && url[end] <= '9' && n < 1000000)
            n = n * 10 + (url[end++] - '0');
        std::string rest(url.substr(0, at));
        rest += url.substr(std::min(end + (end < url.size() && url[end] == '&'), url.size()));
        return {rest, n};
    }
    return {std::string(url), 0};
}

std::optional<PageOf> page_of(const JsonNode& root) {
    auto link = [&](const char* v2, const char* v3) -> const JsonNode* {
        for (const char* name : {v2, v3})
            if (const JsonNode* n = root.get(name);
                n && n->kind == JsonNode::string && !n->text.empty())
                return n;
        return nullptr;
    };
    const JsonNode* next = link("next_page", "next_url");
    const JsonNode* previous = link("previous_page", "previous_url");
    if (!next && !previous) return std::nullopt;
    PageOf p;
    p.has_next = next != nullptr;
    auto [query, n] = split_page((next ? next : previous)->text);
    if (n == 0) return std::nullopt;  // a link griexport cannot place; nothing to check
    p.query = query;
    p.page = next ? n - 1 : n + 1;
    return p;
}

// Every page of a paged answer must be there: a missing one would drop its values
// without a word. Pages of one query are numbered 1…last, and only the last has no next.
void check_pages(LoadContext& ctx, std::vector<PageOf>& pages) {
    std::map<std::string, std::map<int, const PageOf*>> by_query;
    for (const auto& p : pages) {
        auto [it, fresh] = by_query[p.query].emplace(p.page, &p);
        if (!fresh)
            ctx.diags.error("kolada.page-twice",
                            fmt::format("{} and {} are both page {} of the same query",
                                        it->second->file, p.file, p.page),
                            p.where);
    }
    for (const auto& [query, got] : by_query) {
        const PageOf* last = got.rbegin()->second;
        int wanted = last->has_next ? last->page + 1 : last->page;
        for (int n = 1; n <= wanted; ++n) {
            if (got.contains(n)) continue;
            const PageOf* near =
                got.lower_bound(n) != got.end() ? got.lower_bound(n)->second : last;
            ctx.diags.error("kolada.page-missing",
                            fmt::format("page {} of the Kolada answer {} links to is in no file of "
                                        "kolada/: download it (its values would be missing)",
                                        n, near->file),
                            near->where);
        }
    }
}

}  // namespace

void load_kolada(LoadContext& ctx) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path dir = ctx.folder / "kolada";
    if (!fs::is_directory(dir, ec)) return;
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".json")
            files.push_back("kolada/" + e.path().filename().string());
    std::sort(files.begin(), files.end());  // directory order is not stable
    Dataset& ds = ctx.ds;
    std::map<std::string, std::vector<std::uint32_t>> by_kpi;  // one pass, not one per value
    for (std::uint32_t i = 0; i < ds.indicators.size(); ++i)
        if (ds.indicators[i].kolada_kpi) by_kpi[*ds.indicators[i].kolada_kpi].push_back(i);
    std::vector<PageOf> pages;
    for (const auto& rel : files) {
        auto text = read_source(ctx.folder, rel, true, ctx.diags);
        if (!text) continue;
        auto file = ctx.add_source(*text);
        auto root = parse_json(*text, ctx.diags);
        if (!root) continue;
        auto shape_error = [&](const JsonNode& n, std::string msg) {
            ctx.diags.error("kolada.shape", std::move(msg), text->locate(n.offset));
        };
        const JsonNode* values = root->kind == JsonNode::object ? root->get("values") : nullptr;
        if (!values || values->kind != JsonNode::array) {
            shape_error(*root, "expected an object with a \"values\" array");
            continue;
        }
        if (auto pg = page_of(*root)) {
            pg->file = rel;
            pg->where = text->locate(root->offset);
            pages.push_back(std::move(*pg));
        }
        for (const auto& entry : values->items) {
            if (entry->kind != JsonNode::object) {
                shape_error(*entry, fmt::format("each entry of \"values\" is an object, not {}",
                                                kind_name(entry->kind)));
                continue;
            }
            const JsonNode* kpi = entry->get("kpi");
            const JsonNode* muni = entry->get("municipality");
            const JsonNode* period = entry->get("period");
            const JsonNode* inner = entry->get("values");
            // Name the field that is missing or of the wrong type, and what was found.
            auto field_error = [&](const char* name, const JsonNode* n, const char* wanted) {
                if (!n)
                    shape_error(*entry, fmt::format("the entry has no \"{}\" ({})", name, wanted));
                else
                    shape_error(*n, fmt::format("\"{}\" is {}; expected {}", name,
                                                kind_name(n->kind), wanted));
            };
            bool shape_ok = true;
            auto need = [&](const char* name, const JsonNode* n, bool ok, const char* wanted) {
                if (ok) return;
                field_error(name, n, wanted);
                shape_ok = false;
            };
            need("kpi", kpi, kpi && kpi->kind == JsonNode::string, "a string such as \"N00945\"");
            need("municipality", muni,
                 muni && (muni->kind == JsonNode::string || muni->kind == JsonNode::number),
                 "a municipality id such as \"0020\"");
            // Kolada writes the period as a number; other exports write it as a string.
            need("period", period,
                 period && (period->kind == JsonNode::number || period->kind == JsonNode::string),
                 "a year, as a number or a string");
            need("values", inner, inner && inner->kind == JsonNode::array, "an array");
            if (!shape_ok) continue;
            if (ds.organisation.kolada_municipality &&
                muni->text != *ds.organisation.kolada_municipality) {
                ctx.diags.warning(
                    "kolada.other-municipality",
                    fmt::format("values for municipality {} ignored; the organisation is {}",
                                muni->text, *ds.organisation.kolada_municipality),
                    text->locate(muni->offset));
                continue;
            }
            auto found = by_kpi.find(kpi->text);
            const std::vector<std::uint32_t> none;
            const auto& targets = found == by_kpi.end() ? none : found->second;
            if (targets.empty()) {
                ctx.diags.error("ref.unknown-kpi",
                                fmt::format("no indicator names Kolada KPI '{}'", kpi->text),
                                text->locate(kpi->offset));
                continue;
            }
            // Same range as csv.year; atoi read 2021.9 as 2021 and 1e3 as year 1.
            int year = 0;
            {
                const auto& pt = period->text;
                auto [p, failed] = std::from_chars(pt.data(), pt.data() + pt.size(), year);
                if (failed != std::errc() || p != pt.data() + pt.size() || year < min_year ||
                    year > max_year) {
                    ctx.diags.error("kolada.period",
                                    fmt::format("period {} is not a year from {} to {}",
                                                text::abbreviated(pt), min_year, max_year),
                                    text->locate(period->offset));
                    continue;
                }
            }
            for (const auto& v : inner->items) {
                const JsonNode* gender = v->get("gender");
                const JsonNode* value = v->get("value");
                if (v->kind != JsonNode::object || !gender || !value) {
                    shape_error(
                        *v,
                        v->kind != JsonNode::object
                            ? fmt::format("each value is an object, not {}", kind_name(v->kind))
                            : fmt::format("the value has no \"{}\"", !gender ? "gender" : "value"));
                    continue;
                }
                // Kolada marks preliminary figures with status "Prel"; others are final.
                ObservationStatus status = ObservationStatus::final_;
                if (const JsonNode* st = v->get("status"); st && st->kind == JsonNode::string) {
                    std::string lower;
                    for (char c : st->text)
                        lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
                    if (lower.starts_with("prel"))
                        status = ObservationStatus::preliminary;
                    else if (!lower.empty())
                        ctx.diags.add(Severity::note, "kolada.status",
                                      fmt::format("status '{}' is not one griexport knows; the "
                                                  "value is read as final",
                                                  text::abbreviated(st->text)),
                                      text->locate(st->offset));
                }
                if (value->kind == JsonNode::null) continue;  // Kolada's way of saying "no value"
                // JSON escapes (\u0001) decode to characters XML 1.0 cannot hold.
                if (gender->kind != JsonNode::string ||
                    text::find_xml_forbidden(gender->text) != std::string::npos) {
                    shape_error(*gender,
                                "gender is a string without control characters "
                                "(T, K or M)");
                    continue;
                }
                std::size_t bad = 0;
                auto why = Decimal::ParseProblem::syntax;
                auto d = value->kind == JsonNode::number
                             ? Decimal::parse(value->text, '.', &bad, &why)
                             : std::nullopt;
                if (!d) {
                    ctx.diags.error("kolada.number",
                                    fmt::format("'{}' is not an exact decimal: {}",
                                                text::abbreviated(value->text),
                                                value->kind == JsonNode::number
                                                    ? Decimal::describe(why)
                                                    : "the value is not a JSON number"),
                                    text->locate(value->offset));
                    continue;
                }
                for (auto idx : targets) {
                    Observation o;
                    o.indicator = idx;
                    o.year = year;
                    o.value = {*d, ds.indicators[idx].unit};
                    if (gender->text != "T")
                        o.dimensions[std::size_t(Dimension::gender)] = ctx.intern(gender->text);
                    o.source = ctx.observation_text("Kolada");
                    o.status = status;
                    auto loc = text->locate(value->offset);
                    o.origin = {file, loc.line, loc.column};
                    ds.observations.push_back(std::move(o));
                }
            }
        }
    }
    check_pages(ctx, pages);
}

}  // namespace griexport::io
