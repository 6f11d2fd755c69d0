#include "mapping_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "evaluator.hpp"
#include "expression.hpp"

namespace griexport::rules {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> xml_files_in(const fs::path& dir, std::string_view prefix) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        auto n = e.path().filename().string();
        if (e.is_regular_file() && n.ends_with(".xml") && n.starts_with(prefix)) names.push_back(n);
    }
    // Directory order differs between machines; sorted names keep output reproducible.
    std::sort(names.begin(), names.end());
    return names;
}

Date date_of(const pugi::xml_node& n, const char* attr) {
    return Date::parse_iso(n.attribute(attr).as_string()).value_or(Date{});
}

void load_standard(io::LoadContext& ctx, Catalogue& cat, const fs::path& dir,
                   const std::string& name) {
    auto x = io::load_xml(dir, name, true, ctx.schema("catalogue.xsd"), ctx.diags);
    if (!x) return;
    auto file = ctx.add_source(x->text);
    auto root = x->doc->child("standard");
    if (!root) {
        ctx.diags.error("catalogue.not-a-standard", "expected a <standard> document",
                        x->where(x->doc->document_element()));
        return;
    }
    Standard s;
    s.id = root.attribute("id").as_string();
    s.number = root.attribute("number").as_int();
    s.year = root.attribute("year").as_int();
    s.universal = std::string_view(root.attribute("kind").as_string()) == "universal";
    s.topic = root.attribute("topic").as_string();
    s.published = date_of(root, "published");
    s.effective_from = date_of(root, "effective-from");
    if (root.attribute("superseded-from")) s.superseded_from = date_of(root, "superseded-from");
    s.needs_check = root.attribute("check").as_bool();
    s.sv_official = std::string_view(root.attribute("sv-source").as_string()) == "gri";
    s.title = io::read_local_text(root.child("title"));
    s.source = ctx.ref(file, x->where(root));
    if (cat.find_standard(s.id)) {
        ctx.diags.error("id.duplicate", fmt::format("standard '{}' declared twice", s.id),
                        x->where(root, "id"));
        return;
    }
    for (auto d : root.children("disclosure")) {
        Disclosure disc;
        disc.number = d.attribute("number").as_string();
        disc.standard = s.id;
        disc.title = io::read_local_text(d.child("title"));
        if (d.attribute("superseded-from"))
            disc.superseded_from = date_of(d, "superseded-from");
        else
            disc.superseded_from = s.superseded_from;
        disc.superseded_by = d.attribute("superseded-by").as_string();
        disc.per_topic = d.attribute("per-topic").as_bool();
        disc.source = ctx.ref(file, x->where(d));
        if (!disc.number.starts_with(std::to_string(s.number) + "-"))
            ctx.diags.error("catalogue.number",
                            fmt::format("disclosure {} does not belong to {}", disc.number, s.id),
                            x->where(d, "number"));
        if (cat.find_disclosure(disc.number)) {
            ctx.diags.error("id.duplicate",
                            fmt::format("disclosure {} declared twice", disc.number),
                            x->where(d, "number"));
            continue;
        }
        for (auto r : d.children("requirement")) {
            Requirement req;
            req.id = r.attribute("id").as_string()[0];
            req.text = {r.attribute("sv").as_string(), r.text().as_string()};
            req.concept_name = r.attribute("concept").as_string();
            req.item_type = r.attribute("type").as_string();
            req.period_type = r.attribute("period").as_string();
            req.concept_assumed =
                std::string_view(r.attribute("concept-source").as_string()) != "reference";
            req.source = ctx.ref(file, x->where(r));
            if (!req.concept_name.empty() && (req.item_type.empty() || req.period_type.empty()))
                ctx.diags.error("catalogue.concept",
                                "a concept needs its item type and period type",
                                x->where(r, "concept"));
            if (disc.requirement(req.id))
                ctx.diags.error(
                    "id.duplicate",
                    fmt::format("requirement {}-{} declared twice", disc.number, req.id),
                    x->where(r, "id"));
            disc.requirements.push_back(std::move(req));
        }
        s.disclosures.push_back(disc.number);
        cat.disclosures.push_back(std::move(disc));
        cat.index();
    }
    cat.standards.push_back(std::move(s));
}

void load_topics(io::LoadContext& ctx, Catalogue& cat) {
    auto x = io::load_xml(ctx.data_dir, "gri-mappings/catalogue/topics.xml", true,
                          ctx.schema("catalogue.xsd"), ctx.diags);
    if (!x) return;
    auto file = ctx.add_source(x->text);
    for (auto t : x->doc->child("topics").children("topic")) {
        Topic topic{t.attribute("id").as_string(), io::read_local_text(t),
                    ctx.ref(file, x->where(t))};
        if (cat.find_topic(topic.id))
            ctx.diags.error("id.duplicate", fmt::format("topic '{}' declared twice", topic.id),
                            x->where(t, "id"));
        else
            cat.topics.push_back(std::move(topic));
    }
}

void load_sectors(io::LoadContext& ctx, Catalogue& cat) {
    auto x = io::load_xml(ctx.data_dir, "gri-mappings/catalogue/sectors.xml", true,
                          ctx.schema("catalogue.xsd"), ctx.diags);
    if (!x) return;
    ctx.add_source(x->text);
    for (auto s : x->doc->child("sectors").children("sector")) {
        Sector sector;
        sector.id = s.attribute("id").as_string();
        sector.number = s.attribute("number").as_int();
        sector.year = s.attribute("year").as_int();
        sector.published = Date::parse_iso(s.attribute("published").as_string()).value_or(Date{});
        sector.effective_from =
            Date::parse_iso(s.attribute("effective-from").as_string()).value_or(Date{});
        sector.title = io::read_local_text(s.child("title"));
        for (auto t : s.children("likely-topic")) {
            std::string topic = t.attribute("topic").as_string();
            if (!topic.empty() && !cat.find_topic(topic))
                ctx.diags.error(
                    "catalogue.unknown-topic",
                    fmt::format("{} names topic '{}', which topics.xml lacks", sector.id, topic),
                    x->where(t, "topic"));
            sector.topics.push_back(
                {t.attribute("number").as_string(), topic, io::read_local_text(t)});
        }
        cat.sectors.push_back(std::move(sector));
    }
}

ComplianceCheck check_of(std::string_view s) {
    if (s == "principles-applied") return ComplianceCheck::principles_applied;
    if (s == "standard-complete") return ComplianceCheck::standard_complete;
    if (s == "material-topics-determined") return ComplianceCheck::material_topics_determined;
    if (s == "topics-complete") return ComplianceCheck::topics_complete;
    if (s == "omissions-valid") return ComplianceCheck::omissions_valid;
    if (s == "statement-of-use") return ComplianceCheck::statement_of_use;
    if (s == "gri-notified") return ComplianceCheck::gri_notified;
    return ComplianceCheck::content_index;
}

void load_compliance(io::LoadContext& ctx, Catalogue& cat) {
    auto x = io::load_xml(ctx.data_dir, "gri-mappings/compliance.xml", true,
                          ctx.schema("compliance.xsd"), ctx.diags);
    if (!x) return;
    auto file = ctx.add_source(x->text);
    auto root = x->doc->child("compliance");
    for (auto c : root.children("claim")) {
        ClaimWording w{io::read_local_text(c.child("label")),
                       io::read_local_text(c.child("statement"))};
        if (std::string_view(c.attribute("id").as_string()) == "in-accordance")
            cat.in_accordance = std::move(w);
        else
            cat.with_reference = std::move(w);
    }
    for (auto r : root.children("omission-reason"))
        cat.omission_reasons.push_back({r.attribute("id").as_string(),
                                        io::read_local_text(r.child("label")),
                                        io::read_local_text(r.child("asks"))});
    cat.never_omit =
        io::split_xs_list(root.child("never-omit").attribute("disclosures").as_string());
    for (auto k : root.children("organisation-kind"))
        cat.organisation_kinds.push_back({k.attribute("id").as_string(),
                                          io::read_local_text(k.child("possessive")),
                                          io::read_local_text(k.child("legal-form")),
                                          io::read_local_text(k.child("countries"))});
    for (auto f : root.children("from-organisation")) {
        std::string req = f.attribute("requirement").as_string();
        auto dash = req.rfind('-');
        cat.from_organisation.push_back({req.substr(0, dash), req[dash + 1],
                                         f.attribute("field").as_string(), io::read_local_text(f),
                                         ctx.ref(file, x->where(f))});
    }
    for (auto r : root.children("requirement")) {
        ClaimRequirement req;
        req.number = r.attribute("number").as_int();
        req.check = check_of(r.attribute("check").as_string());
        req.standard = r.attribute("standard").as_string();
        req.title = io::read_local_text(r.child("title"));
        if (req.check == ComplianceCheck::standard_complete && !cat.find_standard(req.standard))
            ctx.diags.error("catalogue.unknown-standard",
                            fmt::format("no standard '{}' in the catalogue", req.standard),
                            x->where(r, "standard"));
        cat.requirements.push_back(std::move(req));
    }
}

OmissionSpec omission_of(io::LoadContext& ctx, const io::XmlSource& x, std::uint32_t file,
                         const pugi::xml_node& n, const Catalogue& cat) {
    OmissionSpec o{n.attribute("reason").as_string(), io::read_local_text(n),
                   ctx.ref(file, x.where(n))};
    if (!cat.find_reason(o.reason)) {
        std::string known;
        for (const auto& r : cat.omission_reasons) known += (known.empty() ? "" : ", ") + r.id;
        ctx.diags.error(
            "rule.unknown-reason",
            fmt::format("'{}' is not a reason for omission GRI 1 allows ({})", o.reason, known),
            x.where(n, "reason"));
    }
    return o;
}

// Where an expression's text starts: the raw bytes of the element's content, so that
// offsets into the expression map to file columns exactly.
std::pair<std::string, std::size_t> raw_content(const io::XmlSource& x, const pugi::xml_node& n) {
    auto child = n.first_child();
    if (!child || child.type() != pugi::node_pcdata) return {"", 0};
    auto start = static_cast<std::size_t>(child.offset_debug());
    auto end = x.text.bytes.find('<', start);
    return {x.text.bytes.substr(start, end - start), start};
}

void load_rule_file(io::LoadContext& ctx, Mappings& m, const fs::path& dir, const std::string& name,
                    bool organisation, bool required) {
    auto x = io::load_xml(dir, name, required, ctx.schema("rules.xsd"), ctx.diags);
    if (!x) return;
    auto file = ctx.add_source(x->text);
    const Catalogue& cat = m.catalogue;
    auto nodes = x->doc->child("rules").children("rule");
    m.rules.rules.reserve(m.rules.rules.size() +
                          static_cast<std::size_t>(std::distance(nodes.begin(), nodes.end())));
    for (auto n : nodes) {
        Rule r;
        r.id = n.attribute("id").as_string();
        r.disclosure = n.attribute("disclosure").as_string();
        if (auto req = n.attribute("requirement")) r.requirement = req.as_string()[0];
        r.topic = n.attribute("topic").as_string();
        r.concept_name = n.attribute("concept").as_string();
        r.esrs = n.attribute("esrs").as_string();
        r.overrides = n.attribute("override").as_bool();
        r.from_organisation = organisation;
        r.label = io::read_local_text(n.child("label"));
        r.source = ctx.ref(file, x->where(n));
        const Disclosure* d = cat.find_disclosure(r.disclosure);
        if (!d) {
            ctx.diags.error(
                "rule.unknown-disclosure",
                fmt::format("rule '{}': no disclosure {} in the catalogue", r.id, r.disclosure),
                x->where(n, "disclosure"));
            continue;
        }
        const Requirement* req = r.requirement ? d->requirement(r.requirement) : nullptr;
        if (r.requirement && !req) {
            ctx.diags.error("rule.unknown-requirement",
                            fmt::format("rule '{}': disclosure {} has no requirement {}", r.id,
                                        r.disclosure, r.requirement),
                            x->where(n, "requirement"));
            continue;
        }
        if (req && !req->concept_name.empty()) {
            if (!r.concept_name.empty() && r.concept_name != req->concept_name)
                ctx.diags.error(
                    "rule.concept-mismatch",
                    fmt::format("rule '{}': {}-{} is tagged {} in the catalogue, not {}", r.id,
                                r.disclosure, r.requirement, req->concept_name, r.concept_name),
                    x->where(n, "concept"));
            r.concept_name = req->concept_name;
        } else if (!r.concept_name.empty()) {
            ctx.diags.error("rule.concept-unknown",
                            fmt::format("rule '{}': the catalogue names no concept for {}{}{}; "
                                        "add it to the catalogue first",
                                        r.id, r.disclosure, r.requirement ? "-" : "",
                                        r.requirement ? std::string(1, r.requirement) : ""),
                            x->where(n, "concept"));
        }
        if (!r.topic.empty() && !cat.find_topic(r.topic))
            ctx.diags.error("rule.unknown-topic",
                            fmt::format("rule '{}': no topic '{}' in the catalogue", r.id, r.topic),
                            x->where(n, "topic"));
        if (auto v = n.child("value")) {
            r.kind = RuleKind::value;
            auto [text, offset] = raw_content(*x, v);
            r.expression = text;
            r.expression_source = ctx.ref(file, x->text.locate(offset));
            // Without a unit the rule takes the expression's: an intensity's unit follows
            // from the units of the values it divides.
            if (v.attribute("unit")) {
                auto unit = ctx.ds.units.find(v.attribute("unit").as_string());
                if (!unit)
                    ctx.diags.error(
                        "unit.unknown",
                        fmt::format("unknown unit '{}'; known: {}", v.attribute("unit").as_string(),
                                    ctx.ds.units.known_ids()),
                        x->where(v, "unit"));
                r.unit = unit.value_or(no_unit);
            }
            r.precision = v.attribute("precision").as_int();
            if (r.precision < Decimal::min_precision || r.precision > Decimal::max_precision)
                ctx.diags.error(
                    "rule.precision",
                    fmt::format("rule '{}': precision {} is outside {}…{} (decimals "
                                "kept; negative rounds to tens, hundreds, …)",
                                r.id, r.precision, Decimal::min_precision, Decimal::max_precision),
                    x->where(v, "precision"));
            for (const auto& y : io::split_xs_list(v.attribute("years").as_string("current"))) {
                if (y == "base")
                    r.years.push_back({YearSpec::Kind::base, 0});
                else if (y == "previous")
                    r.years.push_back({YearSpec::Kind::previous, 0});
                else if (y == "current")
                    r.years.push_back({YearSpec::Kind::current, 0});
                else
                    r.years.push_back({YearSpec::Kind::fixed, std::stoi(y)});
            }
            if (r.years.empty()) r.years.push_back({});
            auto parsed = expr::parse(r.expression);
            if (parsed.error) {
                ctx.diags.error(parsed.error->code,
                                fmt::format("rule '{}': {}", r.id, parsed.error->message),
                                x->text.locate(offset + parsed.error->offset));
                continue;
            }
            r.parsed = parsed.node;
        } else if (n.child("narrative")) {
            r.kind = RuleKind::narrative;
        } else if (auto o = n.child("omit")) {
            r.kind = RuleKind::omit;
            r.omission = omission_of(ctx, *x, file, o, cat);
        }
        if (auto o = n.child("otherwise")) r.omission = omission_of(ctx, *x, file, o, cat);
        r.context = n.attribute("context").as_bool();
        r.tag = n.attribute("tag").as_bool(true);
        std::string_view fit = n.attribute("fit").as_string("full");
        r.fit = fit == "partial" ? Fit::partial : fit == "proxy" ? Fit::proxy : Fit::full;
        if (auto note = n.child("fit-note")) {
            r.fit_note = io::read_local_text(note);
            r.fit_source = ctx.ref(file, x->where(note));
        }
        if (r.fit != Fit::full && (r.kind != RuleKind::value || !r.requirement || r.context ||
                                   r.fit_note.sv.empty() || r.fit_note.en.empty())) {
            ctx.diags.error("rule.fit",
                            fmt::format("rule '{}': fit=\"{}\" belongs on a value rule for one "
                                        "requirement, with a <fit-note> in sv and en saying how "
                                        "the value falls short of it",
                                        r.id, fit),
                            x->where(n, "fit"));
            continue;
        }
        if (r.context && (r.kind != RuleKind::value || r.requirement || r.omission)) {
            ctx.diags.error("rule.context",
                            fmt::format("rule '{}': a context rule computes a value for no "
                                        "requirement and has no omission",
                                        r.id),
                            x->where(n, "context"));
            continue;
        }

        if (Rule* existing = m.rules.find(r.id)) {
            if (organisation && r.overrides && !existing->from_organisation) {
                r.replaced = Rule::Replaced{existing->source, existing->expression};
                *existing = std::move(r);
            } else {
                ctx.diags.error(
                    "rule.duplicate-id",
                    fmt::format("rule '{}' is already defined at {}:{}{}", r.id,
                                ctx.ds.location(existing->source).file, existing->source.line,
                                organisation && !existing->from_organisation
                                    ? "; add override=\"true\" to replace the default"
                                    : ""),
                    x->where(n, "id"));
            }
            continue;
        }
        if (r.overrides)
            ctx.diags.error("rule.override-nothing",
                            fmt::format("rule '{}' overrides no default rule", r.id),
                            x->where(n, "override"));
        m.rules.add(std::move(r));
    }
}

Location at(const io::LoadContext& ctx, const Rule& r, std::size_t offset) {
    return expression_location(ctx.ds, r, offset);
}

// The value of a literal number, or of a literal with constant arithmetic on it
// ("0 - 2147483648"), so the static check sees what round() and year= will be given;
// nullopt when the argument depends on data or does not fit.
std::optional<Decimal> literal_number(const expr::Node& n) {
    using expr::NodeKind;
    try {
        if (n.kind == NodeKind::number) return n.number;
        if (n.kind == NodeKind::negate) {
            auto v = literal_number(*n.args[0]);
            return v ? std::optional<Decimal>(-*v) : std::nullopt;
        }
        if (n.kind == NodeKind::binary && n.op != '/') {
            auto a = literal_number(*n.args[0]);
            auto b = literal_number(*n.args[1]);
            if (!a || !b) return std::nullopt;
            return n.op == '+' ? *a + *b : n.op == '-' ? *a - *b : *a * *b;
        }
    } catch (const DecimalOverflow&) {
    }
    return std::nullopt;
}

// Names, arities, indicators and rule references, checked before anything is evaluated.
void check_expression(io::LoadContext& ctx, const Mappings& m, Rule& r, const expr::Node& n) {
    using expr::NodeKind;
    if (n.kind == NodeKind::name) {
        static const std::set<std::string, std::less<>> names{"base", "previous", "current"};
        if (!names.contains(n.text))
            ctx.diags.error(
                "rule.unknown-name",
                fmt::format("rule '{}': unknown name '{}' (base, previous or "
                            "current; indicators are written as \"3.1\", climate, denominator "
                            "or energy)",
                            r.id, n.text),
                at(ctx, r, n.begin));
        return;
    }
    if (n.kind != NodeKind::call) {
        for (const auto& a : n.args) check_expression(ctx, m, r, *a);
        return;
    }
    const auto* f = expr::find_function(n.text);
    if (!f) {
        ctx.diags.error("rule.unknown-function",
                        fmt::format("rule '{}': unknown function '{}'", r.id, n.text),
                        at(ctx, r, n.begin));
        return;
    }
    std::size_t positional = 0;
    for (std::size_t i = 0; i < n.args.size(); ++i) {
        const auto& name = n.arg_names[i];
        if (name.empty()) {
            ++positional;
            if (f->selects_observations && i > 0)
                ctx.diags.error("rule.arguments",
                                fmt::format("rule '{}': {}() takes the indicator, then filters "
                                            "by name (year=…, area=…)",
                                            r.id, n.text),
                                at(ctx, r, n.args[i]->begin));
            continue;
        }
        if (!f->selects_observations || (name != "year" && !dimension_from_string(name)))
            ctx.diags.error("rule.arguments",
                            fmt::format("rule '{}': {}() has no argument '{}'", r.id, n.text, name),
                            at(ctx, r, n.args[i]->begin));
        else if (name != "year" && n.args[i]->kind != NodeKind::string)
            ctx.diags.error(
                "rule.arguments",
                fmt::format("rule '{}': the {} filter takes a string (\"*\" for any)", r.id, name),
                at(ctx, r, n.args[i]->begin));
    }
    if (positional < f->min_args || n.args.size() > f->max_args ||
        (!f->selects_observations && positional != n.args.size())) {
        ctx.diags.error("rule.arguments",
                        fmt::format("rule '{}': {}() takes {} argument{}", r.id, n.text,
                                    f->min_args, f->min_args == 1 ? "" : "s"),
                        at(ctx, r, n.begin));
        return;
    }
    bool takes_indicator = f->selects_observations || n.text == "progress" || n.text == "target";
    if (takes_indicator) {
        const auto& a = *n.args[0];
        if (a.kind == NodeKind::name && ctx.ds.named_indicator(a.text)) {
            // Defaults name `climate`, `denominator` and `energy` for every organisation;
            // only an organisation's own rule naming one the programme does not declare is
            // a mistake. Defaults find no data.
            if (ctx.ds.named_indicator(a.text)->empty() && r.from_organisation)
                ctx.diags.error(
                    a.text == "climate" ? "rule.no-climate-accounts" : "rule.no-intensity",
                    fmt::format("rule '{}': '{}' names {}, and programme.xml "
                                "declares none",
                                r.id, a.text,
                                a.text == "climate" ? "the indicator the climate accounts feed"
                                                    : "an indicator of <intensity>"),
                    at(ctx, r, a.begin));
        } else if (a.kind != NodeKind::string) {
            ctx.diags.error("rule.arguments",
                            fmt::format("rule '{}': {}() takes an indicator id such as \"3.1\" "
                                        "or climate",
                                        r.id, n.text),
                            at(ctx, r, a.begin));
        } else if (!ctx.ds.find_indicator(a.text)) {
            ctx.diags.error(
                "rule.unknown-indicator",
                fmt::format("rule '{}': no indicator '{}' in programme.xml", r.id, a.text),
                at(ctx, r, a.begin));
        }
        for (std::size_t i = 1; i < n.args.size(); ++i) {
            if (n.arg_names[i] != "year") continue;
            check_expression(ctx, m, r, *n.args[i]);
            auto y = literal_number(*n.args[i]);
            if (y && (y->normalized().scale() != 0 || *y < Decimal::from_int(min_year) ||
                      *y > Decimal::from_int(max_year)))
                ctx.diags.error("rule.year-range",
                                fmt::format("rule '{}': year {} is not a whole year from {} to {}",
                                            r.id, y->to_string(), min_year, max_year),
                                at(ctx, r, n.args[i]->begin));
        }
        return;
    }
    if (n.text == "rule") {
        const auto& a = *n.args[0];
        if (a.kind != NodeKind::string) {
            ctx.diags.error("rule.arguments",
                            fmt::format("rule '{}': rule() takes a rule id in quotes", r.id),
                            at(ctx, r, a.begin));
        } else if (!m.rules.find(a.text)) {
            ctx.diags.error("rule.unknown-rule",
                            fmt::format("rule '{}': no rule '{}'", r.id, a.text),
                            at(ctx, r, a.begin));
        } else {
            r.depends_on.push_back(a.text);
        }
        return;
    }
    if (n.text == "round") {
        check_expression(ctx, m, r, *n.args[0]);
        check_expression(ctx, m, r, *n.args[1]);
        if (auto places = literal_number(*n.args[1]);
            places && (places->normalized().scale() != 0 ||
                       *places < Decimal::from_int(Decimal::min_precision) ||
                       *places > Decimal::from_int(Decimal::max_precision)))
            ctx.diags.error("rule.arguments",
                            fmt::format("rule '{}': round() takes a whole number of decimals from "
                                        "{} to {}, not {}",
                                        r.id, Decimal::min_precision, Decimal::max_precision,
                                        places->to_string()),
                            at(ctx, r, n.args[1]->begin));
        return;
    }
    if (n.text == "convert") {
        check_expression(ctx, m, r, *n.args[0]);
        const auto& u = *n.args[1];
        if (u.kind != NodeKind::string || !ctx.ds.units.find(u.text))
            ctx.diags.error("unit.unknown",
                            fmt::format("rule '{}': convert() needs a known unit in quotes", r.id),
                            at(ctx, r, u.begin));
        return;
    }
    for (const auto& a : n.args) check_expression(ctx, m, r, *a);
}

// Orders rules so that every rule comes after those it names; a cycle is an error that
// names every rule on it.
void order_rules(io::LoadContext& ctx, RuleSet& set) {
    std::vector<int> state(set.rules.size(), 0);  // 0 new, 1 on the stack, 2 done
    std::vector<std::size_t> order;
    // Depth-first with an explicit stack of (rule, next dependency): a chain of 100 000
    // rules, each naming the one before, must not recurse 100 000 deep.
    std::vector<std::pair<std::size_t, std::size_t>> stack;
    auto index_of = [&](const std::string& id) -> std::optional<std::size_t> {
        const Rule* r = set.find(id);
        if (!r) return std::nullopt;
        return static_cast<std::size_t>(r - set.rules.data());
    };
    for (std::size_t root = 0; root < set.rules.size(); ++root) {
        if (state[root] != 0) continue;
        state[root] = 1;
        stack.push_back({root, 0});
        while (!stack.empty()) {
            auto& [i, next] = stack.back();
            const auto& deps = set.rules[i].depends_on;
            if (next == deps.size()) {
                state[i] = 2;
                order.push_back(i);
                stack.pop_back();
                continue;
            }
            auto dep = index_of(deps[next++]);
            if (!dep || state[*dep] == 2) continue;
            if (state[*dep] == 1) {
                std::string path;
                auto from = std::find_if(stack.begin(), stack.end(),
                                         [&](const auto& e) { return e.first == *dep; });
                for (auto it = from; it != stack.end(); ++it)
                    path += set.rules[it->first].id + " → ";
                path += set.rules[*dep].id;
                ctx.diags.error("rule.cycle", fmt::format("rules depend on each other: {}", path),
                                ctx.location(set.rules[*dep].source));
                return;
            }
            state[*dep] = 1;
            stack.push_back({*dep, 0});
        }
    }
    bool unchanged = true;  // rules written in dependency order need no moving
    for (std::size_t k = 0; k < order.size() && unchanged; ++k) unchanged = order[k] == k;
    if (unchanged) return;
    std::vector<Rule> sorted;
    sorted.reserve(set.rules.size());
    for (auto i : order) sorted.push_back(std::move(set.rules[i]));
    set.rules = std::move(sorted);
    set.reindex();
}

// gri-mappings/gri-taxonomy.xml: GRI's taxonomy as import-taxonomy wrote it.
std::shared_ptr<const GriTaxonomy> load_gri_taxonomy(io::LoadContext& ctx) {
    auto src = io::load_xml(ctx.data_dir, "gri-mappings/gri-taxonomy.xml", true,
                            ctx.schema("gri-taxonomy.xsd"), ctx.diags);
    if (!src) return nullptr;
    ctx.add_source(src->text);
    auto t = std::make_shared<GriTaxonomy>();
    auto root = src->doc->child("gri-taxonomy");
    t->identifier = root.attribute("identifier").as_string();
    t->publication_date = root.attribute("publication-date").as_string();
    t->sha256 = root.attribute("sha256").as_string();
    t->entry_point = root.attribute("entry-point").as_string();
    t->core_namespace = root.attribute("namespace").as_string();
    t->part_namespace = root.attribute("part-namespace").as_string();
    for (auto c : root.children("concept")) {
        GriConcept info{c.attribute("type").as_string(),
                        c.attribute("period").as_string(),
                        c.attribute("kind").as_string(),
                        c.attribute("abstract").as_bool(),
                        c.attribute("enumeration-domain").as_string(),
                        c.attribute("typed-domain").as_string()};
        for (auto r : c.children("ref"))
            info.references.push_back({r.attribute("number").as_string(),
                                       r.attribute("paragraph").as_string(),
                                       r.attribute("subparagraph").as_string()});
        t->concepts.emplace(c.attribute("name").as_string(), std::move(info));
    }
    for (auto tb : root.children("table"))
        t->table_context.emplace(tb.attribute("name").as_string(),
                                 tb.attribute("context-element").as_string());
    for (auto a : root.children("axis")) {
        auto& members = t->axis_members[a.attribute("name").as_string()];
        for (auto m : a.children("member"))
            members.emplace_back(m.attribute("name").as_string(),
                                 m.attribute("parent").as_string());
    }
    for (auto e : root.children("enumeration")) {
        auto& members = t->enumeration_members[e.attribute("domain").as_string()];
        for (auto m : e.children("member")) members.emplace_back(m.attribute("name").as_string());
    }
    return t;
}

void load_xbrl_settings(io::LoadContext& ctx, XbrlSettings& x) {
    x.taxonomy = load_gri_taxonomy(ctx);
    auto src = io::load_xml(ctx.data_dir, "gri-mappings/xbrl.xml", true, ctx.schema("xbrl.xsd"),
                            ctx.diags);
    if (!src) return;
    ctx.add_source(src->text);
    auto root = src->doc->child("xbrl");
    auto gri = root.child("gri-taxonomy");
    x.gri_prefix = gri.attribute("prefix").as_string();
    x.gri_namespace = gri.attribute("namespace").as_string();
    x.gri_entry_point = gri.attribute("entry-point").as_string();
    auto om = gri.child("omission");
    x.omission_table = om.attribute("table").as_string();
    x.omission_axis = om.attribute("axis").as_string();
    x.omission_reason = om.attribute("reason").as_string();
    x.omission_explanation = om.attribute("explanation").as_string();
    for (auto r : om.children("reason"))
        x.omission_reason_members.emplace(r.attribute("id").as_string(),
                                          r.attribute("member").as_string());
    x.topic_axis = gri.child("topic").attribute("axis").as_string();
    auto period = gri.child("reporting-period");
    x.period_start = period.attribute("start").as_string();
    x.period_end = period.attribute("end").as_string();
    x.publication_date = period.attribute("publication").as_string();
    if (x.taxonomy) {
        // Every GRI name this file gives must be GRI's, of the kind it is used as.
        const GriTaxonomy& t = *x.taxonomy;
        if (t.core_namespace != x.gri_namespace || t.entry_point != x.gri_entry_point)
            ctx.diags.error("xbrl.taxonomy-mismatch",
                            fmt::format("the GRI namespace and entry point differ from those of "
                                        "the imported taxonomy ({}, {})",
                                        t.core_namespace, t.entry_point),
                            src->where(gri));
        auto check = [&](const pugi::xml_node& n, const char* attribute, std::string_view kind) {
            std::string_view name = n.attribute(attribute).as_string();
            const GriConcept* c = t.find(name);
            if (!c)
                ctx.diags.error("xbrl.concept-unknown",
                                fmt::format("{} is not a concept of GRI's taxonomy ({} {})", name,
                                            t.identifier, t.publication_date),
                                src->where(n, attribute));
            else if (!kind.empty() && c->kind != kind)
                ctx.diags.error(
                    "xbrl.concept-kind",
                    fmt::format("{} is a {} in GRI's taxonomy, not a {}", name, c->kind, kind),
                    src->where(n, attribute));
        };
        check(om, "table", "hypercube");
        check(om, "axis", "dimension");
        check(om, "reason", "item");
        check(om, "explanation", "item");
        for (auto r : om.children("reason")) check(r, "member", "");
        check(gri.child("topic"), "axis", "dimension");
        for (const char* a : {"start", "end", "publication"}) check(period, a, "item");
        if (const auto* topic = t.find(x.topic_axis); topic && !topic->typed_domain.empty())
            x.gri_part_prefix = topic->typed_domain.substr(0, topic->typed_domain.find(':'));
    }
    x.preliminary_footnote = io::read_local_text(root.child("preliminary-footnote"));
    for (auto t : root.children("item-types"))
        x.item_types.push_back({t.attribute("prefix").as_string(),
                                t.attribute("namespace").as_string(),
                                t.attribute("location").as_string(),
                                io::split_xs_list(t.attribute("names").as_string())});
    for (auto e : root.children("entity-scheme")) {
        std::string_view kind = e.attribute("kind").as_string();
        (kind == "lei" ? x.lei_scheme : x.organisation_number_scheme) =
            e.attribute("uri").as_string();
    }
    x.programme_namespace = root.child("programme").attribute("namespace").as_string();
    x.programme_prefix = root.child("programme").attribute("prefix").as_string();
}

// Each requirement's concepts from GRI's taxonomy: the one text block whose reference is
// exactly the requirement (omission explanations aside), and a concept the catalogue names
// must be GRI's, with GRI's item type and period type.
void resolve_concepts(io::LoadContext& ctx, Catalogue& cat, const GriTaxonomy& t) {
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> blocks;
    for (const auto& [name, c] : t.concepts) {
        if (c.abstract || c.kind != "item" || c.type_name() != "textBlockItemType" ||
            name.starts_with("ExplanationForReasonForOmission"))
            continue;
        for (const auto& r : c.references)
            if (!r[1].empty() && r[2].empty()) blocks[{r[0], r[1]}].push_back(name);
    }
    for (auto& d : cat.disclosures)
        for (auto& r : d.requirements) {
            auto it = blocks.find({d.number, std::string(1, r.id)});
            if (it != blocks.end() && it->second.size() == 1) r.text_block = it->second.front();
            if (r.concept_name.empty()) continue;
            const GriConcept* c = t.find(r.concept_name);
            if (!c)
                ctx.diags.error(
                    "xbrl.concept-unknown",
                    fmt::format("{}-{}: {} is not a concept of GRI's taxonomy ({} {})", d.number,
                                r.id, r.concept_name, t.identifier, t.publication_date),
                    ctx.location(r.source));
            else if (c->type_name() != r.item_type || c->period != r.period_type)
                ctx.diags.error("xbrl.concept-type",
                                fmt::format("{}-{}: {} is {} ({}) in GRI's taxonomy, {} ({}) in "
                                            "the catalogue",
                                            d.number, r.id, r.concept_name, c->type_name(),
                                            c->period, r.item_type, r.period_type),
                                ctx.location(r.source));
        }
}

}  // namespace

namespace {

void load_catalogue(io::LoadContext& ctx, Mappings& m) {
    fs::path dir = ctx.data_dir / "gri-mappings";
    for (const auto& name : xml_files_in(dir / "catalogue", "gri-"))
        load_standard(ctx, m.catalogue, ctx.data_dir, "gri-mappings/catalogue/" + name);
    load_topics(ctx, m.catalogue);
    load_sectors(ctx, m.catalogue);
    load_compliance(ctx, m.catalogue);
    load_xbrl_settings(ctx, m.xbrl);
    if (m.xbrl.taxonomy) resolve_concepts(ctx, m.catalogue, *m.xbrl.taxonomy);
}

// The shared catalogue as if loaded here: its files join the dataset's sources where its
// own loading would have put them, its SourceRefs moved along, its diagnostics repeated.
void use_shared_catalogue(io::LoadContext& ctx, Mappings& m, const SharedCatalogue& shared) {
    auto offset = static_cast<std::uint32_t>(ctx.ds.sources.size());
    ctx.ds.sources.insert(ctx.ds.sources.end(), shared.sources.begin(), shared.sources.end());
    for (const auto& d : shared.diagnostics.items())
        ctx.diags.add(d.severity, d.code, d.message, d.location);
    m.catalogue = shared.catalogue;
    m.xbrl = shared.xbrl;
    auto move = [offset](SourceRef& r) { r.file += offset; };
    for (auto& s : m.catalogue.standards) move(s.source);
    for (auto& d : m.catalogue.disclosures) {
        move(d.source);
        for (auto& r : d.requirements) move(r.source);
    }
    for (auto& t : m.catalogue.topics) move(t.source);
    for (auto& f : m.catalogue.from_organisation) move(f.source);
}

}  // namespace

void load_mappings(io::LoadContext& ctx, Mappings& m) {
    fs::path dir = ctx.data_dir / "gri-mappings";
    if (ctx.shared_catalogue)
        use_shared_catalogue(ctx, m, *ctx.shared_catalogue);
    else
        load_catalogue(ctx, m);
    m.catalogue.index();
    if (ctx.diags.has_errors()) return;
    for (const auto& name : xml_files_in(dir / "rules", ""))
        load_rule_file(ctx, m, ctx.data_dir, "gri-mappings/rules/" + name, false, true);
    load_rule_file(ctx, m, ctx.folder, "rules.xml", true, false);
    for (auto& r : m.rules.rules)
        if (r.parsed) check_expression(ctx, m, r, *r.parsed);
    order_rules(ctx, m.rules);
    // The printed words, read once for the rules' texts and every output. A build lists the
    // files among its inputs after the organisation's own (label_sources), not here.
    for (const char* lang : {"sv", "en"})
        if (auto l = Labels::load(ctx.data_dir, lang, m.label_sources, ctx.diags))
            m.labels.emplace(lang, std::move(*l));
}

}  // namespace griexport::rules

namespace griexport {

std::shared_ptr<const SharedCatalogue> load_shared_catalogue(const LoadOptions& options) {
    auto shared = std::make_shared<SharedCatalogue>();
    Dataset scratch;
    io::LoadContext ctx({}, resolve_data_dir(options), scratch, shared->diagnostics);
    Mappings m;
    rules::load_catalogue(ctx, m);
    shared->catalogue = std::move(m.catalogue);
    shared->xbrl = std::move(m.xbrl);
    shared->sources = std::move(scratch.sources);
    return shared;
}

}  // namespace griexport
