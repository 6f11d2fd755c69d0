// Loaders for observations.csv and climate-accounts.csv.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <future>
#include <memory>

#include "csv.hpp"
#include "load_context.hpp"
#include "xlsx.hpp"

namespace griexport::io {

namespace {

// Columns a table must have, and the ones it may have.
bool check_columns(LoadContext& ctx, const CsvTable& t,
                   std::initializer_list<std::string_view> required,
                   std::initializer_list<std::string_view> optional) {
    bool ok = true;
    Location head = t.where_header();
    for (auto r : required) {
        if (!t.column(r)) {
            ctx.diags.error("csv.missing-column", fmt::format("the header lacks column '{}'", r),
                            head);
            ok = false;
        }
    }
    for (const auto& h : t.header) {
        if (h.empty()) continue;  // Excel's padding at the end; csv.cpp keeps it empty
        bool known =
            std::find(required.begin(), required.end(), std::string_view(h)) != required.end() ||
            std::find(optional.begin(), optional.end(), std::string_view(h)) != optional.end() ||
            dimension_from_string(h).has_value();
        if (!known) {
            ctx.diags.error("csv.unknown-column", fmt::format("unknown column '{}'", h), head);
            ok = false;
        }
    }
    return ok;
}

// Column indices by name, asked a dozen times a row (a million rows): each found in the
// header once per table. Names are static strings (literals, to_string(Dimension)), so
// each is known by its address.
class Columns {
  public:
    explicit Columns(const CsvTable& t) : table_(t) {}
    std::optional<std::size_t> find(const char* name) {
        for (const auto& [n, i] : known_)
            if (n == name) return i;
        auto i = table_.column(name);
        known_.emplace_back(name, i);
        return i;
    }

  private:
    const CsvTable& table_;
    std::vector<std::pair<const char*, std::optional<std::size_t>>> known_;
};

struct Row {
    const CsvTable& table;
    const CsvRecord& rec;
    Columns& columns;
    const std::string* get(const char* name) const {
        auto c = columns.find(name);
        return c ? &rec.fields[*c].value : nullptr;
    }
    std::string value(const char* name) const {
        auto* v = get(name);
        return v ? *v : std::string();
    }
    // The field without a copy ("" when the column is absent).
    std::string_view view(const char* name) const {
        auto* v = get(name);
        return v ? std::string_view(*v) : std::string_view();
    }
    std::size_t offset(const char* name) const {
        auto c = columns.find(name);
        return c ? rec.fields[*c].offset : 0;
    }
    // Where the field of a column is: file:line:col, or file:Sheet!C7.
    Location where(const char* name) const {
        auto c = columns.find(name);
        if (c) return table.where(rec.fields[*c]);
        return table.where(rec.fields.empty() ? CsvField{} : rec.fields.front());
    }
};

std::optional<int> parse_year(LoadContext& ctx, const Row& row, const char* column) {
    std::string v = row.value(column);
    int y = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), y);
    if (ec != std::errc() || p != v.data() + v.size() || y < min_year || y > max_year) {
        ctx.diags.error("csv.year",
                        fmt::format("'{}' is not a year from {} to {}", text::abbreviated(v),
                                    min_year, max_year),
                        row.where(column));
        return std::nullopt;
    }
    return y;
}

std::optional<Decimal> parse_number(LoadContext& ctx, const CsvTable& t, const Row& row,
                                    const char* column) {
    std::string v = row.value(column);
    std::size_t bad = 0;
    auto why = Decimal::ParseProblem::none;
    auto d = Decimal::parse(v, t.decimal_separator, &bad, &why);
    if (d) return d;
    char offending = bad < v.size() ? v[bad] : 0;
    if (t.text && !t.decimal_declared && t.delimiter == ';' &&
        why == Decimal::ParseProblem::syntax && offending == ',') {
        // Swedish Excel's CSV: ';' between fields, ',' in numbers. No thousands separators
        // are allowed, so "412,5" can only be 412.5.
        if (auto comma = Decimal::parse(v, ',')) {
            if (!t.decimal_comma_noted) {
                t.decimal_comma_noted = true;
                ctx.diags.add(Severity::note, "csv.decimal-comma-inferred",
                              fmt::format("'{}' read as {}: a ';'-separated file with decimal "
                                          "commas, as Swedish Excel saves CSV (this note is "
                                          "given once per file)",
                                          v, comma->to_string()),
                              row.where(column));
            }
            return comma;
        }
    }
    if (!t.text && why == Decimal::ParseProblem::syntax && offending == ',') {
        // A spreadsheet cell holding "14,5" as text: Swedish for 14.5, and unambiguous
        // because no thousands separators are allowed.
        if (auto comma = Decimal::parse(v, ',')) {
            ctx.diags.add(Severity::note, "xlsx.text-number",
                          fmt::format("'{}' is stored as text; read as {} (decimal comma)", v,
                                      comma->to_string()),
                          row.where(column));
            return comma;
        }
    }
    // Point at the offending character where the field was not quoted.
    Location at = row.where(column);
    if (t.text) {
        std::size_t off = row.offset(column);
        if (off < t.text->bytes.size() && t.text->bytes[off] != '"') off += std::min(bad, v.size());
        at = t.text->locate(off);
    }
    std::string hint;
    if (why != Decimal::ParseProblem::syntax)
        hint = ": " + Decimal::describe(why);
    else if (offending == ',' && t.decimal_separator == '.')
        hint = " (write the decimal separator as '.', or declare '# decimal: comma')";
    else if (offending == '.' && t.decimal_separator == ',')
        hint = " (the file declares a decimal comma)";
    else if (offending == ' ' || offending == '\xC2')
        hint = " (write it without thousands separators)";
    ctx.diags.error("csv.number", fmt::format("'{}' is not a number{}", text::abbreviated(v), hint),
                    at);
    return std::nullopt;
}

// Reads a value in `unit_text` and converts it into `target` (the indicator's unit).
// `written` receives the unit as written when it differs from the target.
std::optional<Quantity> to_unit(LoadContext& ctx, const Row& row, Decimal value, UnitId target,
                                std::string_view indicator, UnitId* written = nullptr) {
    std::string_view unit_text = row.view("unit");
    auto u = ctx.ds.units.find(unit_text);
    // Located only for a message: finding a row's line and column is a search.
    auto where = [&] { return row.where("unit"); };
    if (!u) {
        ctx.diags.error(
            "unit.unknown",
            fmt::format("unknown unit '{}'; known: {}", unit_text, ctx.ds.units.known_ids()),
            where());
        return std::nullopt;
    }
    if (target == no_unit) return Quantity{value, *u};
    if (written && *u != target) *written = *u;
    auto f = ctx.ds.units.factor(*u, target);
    if (!f) {
        ctx.diags.error("unit.mismatch",
                        fmt::format("value in '{}' for indicator {}, which is measured in '{}'",
                                    unit_text, indicator, ctx.ds.units.get(target).id),
                        where());
        return std::nullopt;
    }
    return Quantity{(value * *f).normalized(), target};
}

}  // namespace

// An input table read from NAME.csv or NAME.xlsx, whichever the folder holds.
struct InputTable {
    std::optional<SourceText> text;  // the CSV file, which the table points into
    std::optional<CsvTable> table;
    std::vector<std::uint32_t> files;  // Dataset::sources index per sheet (one for a CSV)
    std::string display_path;
    std::uint32_t file_of(const CsvRecord& r) const { return files[r.sheet]; }
};

// A table read and checked but not yet part of the dataset: its file is not yet a source
// and its diagnostics are its own, so that it can be read on another thread while the
// programme loads, then registered where it always was.
struct ReadTable {
    InputTable input;
    std::optional<BinarySource> workbook;  // NAME.xlsx: its sources are one per sheet
    Diagnostics diags;
};

ObservationTables::ObservationTables() = default;
ObservationTables::~ObservationTables() = default;

namespace {

std::unique_ptr<ReadTable> read_table(const std::filesystem::path& folder,
                                      const std::map<std::string, std::string>& sheet_names,
                                      const std::string& name, const std::string& key_column) {
    auto read = std::make_unique<ReadTable>();
    InputTable& in = read->input;
    Diagnostics& diags = read->diags;
    std::string csv = name + ".csv", xlsx = name + ".xlsx";
    std::error_code ec;
    bool has_csv = std::filesystem::exists(folder / csv, ec);
    bool has_xlsx = std::filesystem::exists(folder / xlsx, ec);
    if (has_csv && has_xlsx) {
        diags.error("io.ambiguous-input",
                    fmt::format("both {} and {}: keep one of them", csv, xlsx),
                    {(folder / xlsx).generic_string(), 0, 0});
        return read;
    }
    if (has_xlsx) {
        read->workbook = read_binary_source(folder, xlsx, diags);
        if (!read->workbook) return read;
        auto sheet = sheet_names.find(xlsx);
        in.table = read_xlsx_table(*read->workbook, sheet == sheet_names.end() ? "" : sheet->second,
                                   key_column, diags);
        in.display_path = read->workbook->display_path;
        return read;
    }
    in.text = read_source(folder, csv, false, diags);
    if (!in.text) return read;
    in.display_path = in.text->display_path;
    in.table = parse_csv(*in.text, diags, CsvRows::streamed);
    return read;
}

// The table's files made sources of the dataset and its diagnostics the folder's.
InputTable& register_table(LoadContext& ctx, ReadTable& read) {
    InputTable& in = read.input;
    if (read.workbook) {
        // One source per sheet, so that a row's origin names its sheet; the manifest lists
        // the file once.
        const BinarySource& bin = *read.workbook;
        std::vector<std::string> sheets{""};
        if (in.table) sheets = in.table->sheets;
        for (const auto& sh : sheets) {
            in.files.push_back(static_cast<std::uint32_t>(ctx.ds.sources.size()));
            ctx.ds.sources.push_back({bin.relative_path, bin.sha256, bin.display_path, sh});
        }
        read.workbook->bytes = {};
    } else if (in.text) {
        in.files.push_back(ctx.add_source(*in.text));
    }
    ctx.diags.append(read.diags);
    return in;
}

void read_observations(LoadContext& ctx, const InputTable& input) {
    if (!input.table) return;
    auto& table = input.table;
    // name and definition: what the data-entry workbook shows beside each indicator.
    if (!check_columns(
            ctx, *table, {"indicator", "year", "value", "unit"},
            {"status", "source", "evidence", "uncertainty", "name", "definition", "restated_as"}))
        return;
    Dataset& ds = ctx.ds;
    Columns columns(*table);
    // An indicator's rows mostly follow one another: its index is looked up once for them.
    std::string last_id;
    std::optional<std::uint32_t> last_idx;
    table->each_record([&](const CsvRecord& rec) {
        Row row{*table, rec, columns};
        // A workbook row nobody filled in yet (the template lists every indicator).
        if (!table->text && row.view("value").empty()) return;
        std::string_view id = row.view("indicator");
        if (last_id.empty() || id != last_id) {
            last_id = id;
            last_idx = ds.indicator_index(id);
        }
        auto idx = last_idx;
        if (!idx) {
            ctx.diags.error(
                "ref.unknown-indicator",
                fmt::format("observation for indicator '{}', which the programme does not define",
                            id),
                row.where("indicator"));
            return;
        }
        auto year = parse_year(ctx, row, "year");
        auto value = parse_number(ctx, *table, row, "value");
        if (!year || !value) return;
        Observation o;
        auto q = to_unit(ctx, row, *value, ds.indicators[*idx].unit, id, &o.written_unit);
        if (!q) return;
        o.indicator = *idx;
        o.year = *year;
        o.value = *q;
        for (std::size_t d = 0; d < dimension_count; ++d) {
            if (auto* v = row.get(to_string(static_cast<Dimension>(d))))
                o.dimensions[d] = ctx.intern(*v);
        }
        // The Swedish words are what a sheet filled in by hand says (and Kolada's "Prel").
        if (auto* v = row.get("restated_as"); v && !v->empty()) {
            const Indicator& ind = ds.indicators[*idx];
            bool known = std::any_of(ind.definitions.begin(), ind.definitions.end(),
                                     [&](const auto& d) { return d.version == *v; });
            if (!known) {
                ctx.diags.error("obs.unknown-definition",
                                fmt::format("indicator {} has no definition version '{}' to "
                                            "restate the value under",
                                            id, *v),
                                row.where("restated_as"));
                return;
            }
            o.restated_as = ctx.intern(*v);
        }
        std::string_view status = row.view("status");
        if (status == "preliminary" || status == "preliminär" || status == "prel" ||
            status == "Prel") {
            o.status = ObservationStatus::preliminary;
        } else if (!status.empty() && status != "final" && status != "slutlig" &&
                   status != "definitiv") {
            ctx.diags.error("csv.status",
                            fmt::format("status '{}' is neither 'preliminary' (preliminär, prel) "
                                        "nor 'final' (slutlig, definitiv)",
                                        status),
                            row.where("status"));
            return;
        }
        o.source = ctx.observation_text(row.view("source"));
        o.evidence = ctx.observation_text(row.view("evidence"));
        o.uncertainty = ctx.observation_text(row.view("uncertainty"));
        o.origin = {input.file_of(rec), rec.line, 1};
        ds.observations.push_back(std::move(o));
    });
}

void read_climate_accounts(LoadContext& ctx, const InputTable& input) {
    if (!input.table) return;
    auto& table = input.table;
    if (!check_columns(ctx, *table, {"post", "year", "measure", "value", "unit", "model"},
                       {"compared_with", "source"}))
        return;
    Dataset& ds = ctx.ds;
    auto climate_idx = ds.indicator_index(ds.climate_indicator);
    if (!climate_idx) {
        ctx.diags.error(
            "climate.no-indicator",
            "climate-accounts.csv needs <climate-accounts indicator=…> in programme.xml "
            "naming a defined indicator",
            Location{input.display_path, 1, 1});
        return;
    }
    const Indicator& ind = ds.indicators[*climate_idx];
    Columns columns(*table);
    table->each_record([&](const CsvRecord& rec) {
        Row row{*table, rec, columns};
        std::string post_id = row.value("post");
        auto post = std::find_if(ds.climate_posts.begin(), ds.climate_posts.end(),
                                 [&](const ClimatePost& p) { return p.id == post_id; });
        if (post == ds.climate_posts.end()) {
            ctx.diags.error(
                "ref.unknown-post",
                fmt::format("climate post '{}' is not declared in programme.xml", post_id),
                row.where("post"));
            return;
        }
        std::string model = row.value("model");
        if (std::none_of(ds.calculation_models.begin(), ds.calculation_models.end(),
                         [&](const CalculationModel& m) { return m.id == model; })) {
            ctx.diags.error(
                "ref.unknown-model",
                fmt::format("calculation model '{}' is not declared in programme.xml", model),
                row.where("model"));
            return;
        }
        auto year = parse_year(ctx, row, "year");
        auto value = parse_number(ctx, *table, row, "value");
        if (!year || !value) return;
        auto q = to_unit(ctx, row, *value, ind.unit, ind.id);
        if (!q) return;
        ClimateEntry e;
        e.post = post_id;
        e.year = *year;
        e.value = *q;
        e.model = model;
        e.source = row.value("source");
        e.origin = {input.file_of(rec), rec.line, 1};
        std::string measure = row.value("measure");
        if (measure == "change") {
            e.role = ClimateRole::change;
            if (row.value("compared_with").empty()) {
                ctx.diags.error("climate.change-base",
                                "a change row needs compared_with (the earlier year)",
                                row.where("measure"));
                return;
            }
            e.compared_with = parse_year(ctx, row, "compared_with");
            if (!e.compared_with) return;
        } else if (measure == "emissions") {
            e.role = post->role;
        } else {
            ctx.diags.error(
                "climate.measure",
                fmt::format("measure '{}' is neither 'emissions' nor 'change'", measure),
                row.where("measure"));
            return;
        }
        ds.climate_entries.push_back(e);
        if (e.role == ClimateRole::change) return;
        // Emission rows are the climate indicator's observations: parts by area, the
        // published total without dimensions, posts reported apart by category.
        Observation o;
        o.indicator = *climate_idx;
        o.year = e.year;
        o.value = e.value;
        if (e.role == ClimateRole::part)
            o.dimensions[std::size_t(Dimension::area)] = ctx.intern(post_id);
        if (e.role == ClimateRole::separate)
            o.dimensions[std::size_t(Dimension::category)] = ctx.intern(post_id);
        o.source = ctx.observation_text(e.source);
        o.origin = e.origin;
        ds.observations.push_back(std::move(o));
    });
}

}  // namespace

std::future<std::unique_ptr<ObservationTables>> read_observation_tables(const LoadContext& ctx) {
    // A large file is read on a thread of its own while the programme loads; a small one
    // (every organisation of a batch) when it is needed, with no thread to start.
    constexpr std::uintmax_t own_thread_from = 4u << 20;
    std::error_code ec;
    auto size = std::filesystem::file_size(ctx.folder / "observations.csv", ec);
    bool large = !ec && size >= own_thread_from;
    return std::async(large ? std::launch::async : std::launch::deferred,
                      [folder = ctx.folder, sheets = ctx.ds.organisation.sheets] {
                          auto t = std::make_unique<ObservationTables>();
                          t->observations = read_table(folder, sheets, "observations", "indicator");
                          t->climate = read_table(folder, sheets, "climate-accounts", "post");
                          return t;
                      });
}

void load_observations(LoadContext& ctx, ObservationTables& tables) {
    // Both tables are read (and checked) before their rows become observations, so that
    // the observations are given their room once: a million of them take 200 MB, and
    // growing the vector for the climate accounts' rows held two copies at once.
    InputTable& observations = register_table(ctx, *tables.observations);
    InputTable& climate = register_table(ctx, *tables.climate);
    std::size_t rows = 0;
    for (const auto* t : {&observations, &climate})
        if (t->table) rows += t->table->size();
    // Kolada's rows follow; a folder seldom has more than this many of them.
    constexpr std::size_t kolada_room = 4096;
    ctx.ds.observations.reserve(ctx.ds.observations.size() + rows + kolada_room);
    read_observations(ctx, observations);
    tables.observations.reset();
    read_climate_accounts(ctx, climate);
    tables.climate.reset();
}

}  // namespace griexport::io
