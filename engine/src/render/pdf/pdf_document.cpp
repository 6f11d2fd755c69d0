#include "pdf_document.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <map>
#include <mutex>
#include <pugixml.hpp>
#include <sstream>

#include "../../io/sha256.hpp"
#include "../../io/xml_source.hpp"
#include "../document/supplement_document.hpp"
#include "griexport/version.hpp"

namespace griexport::pdf {

namespace {

void trim_freed_memory() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

std::vector<double> numbers(std::string_view s) {
    std::vector<double> v;
    std::istringstream in{std::string(s)};
    in.imbue(std::locale::classic());
    for (double d; in >> d;) v.push_back(d);
    return v;
}

}  // namespace

std::optional<Template> load_template(const std::filesystem::path& data_dir,
                                      std::vector<SourceFile>& inputs, Diagnostics& diags) {
    auto x = io::load_xml(data_dir, "templates/layout.xml", true,
                          data_dir / "gri-mappings" / "schema" / "layout.xsd", diags);
    if (!x) return std::nullopt;
    inputs.push_back({x->text.relative_path, x->text.sha256, x->text.display_path});
    auto root = x->doc->child("layout");
    Template t;
    Geometry& g = t.geometry;
    auto page = root.child("page");
    g.width = page.attribute("width").as_double();
    g.height = page.attribute("height").as_double();
    g.margin_left = page.attribute("margin-left").as_double();
    g.margin_right = page.attribute("margin-right").as_double();
    g.margin_top = page.attribute("margin-top").as_double();
    g.margin_bottom = page.attribute("margin-bottom").as_double();
    auto type = root.child("type");
    g.body_size = type.attribute("body").as_double();
    g.leading = type.attribute("leading").as_double();
    g.h1_size = type.attribute("h1").as_double();
    g.h2_size = type.attribute("h2").as_double();
    g.h3_size = type.attribute("h3").as_double();
    g.table_size = type.attribute("table").as_double();
    g.cell_padding = type.attribute("cell-padding").as_double();
    g.paragraph_gap = type.attribute("paragraph-gap").as_double();
    t.footer_size = type.attribute("footer").as_double();
    for (auto c : root.children("colour")) {
        auto v = numbers(c.attribute("rgb").as_string());
        t.colours[c.attribute("name").as_string()] = {v.at(0), v.at(1), v.at(2)};
    }
    // A table given fewer widths than it has columns lost the rest from the page (and the
    // content index crashed): each known table must be given one width per column.
    bool columns_fit = true;
    for (auto c : root.children("columns")) {
        std::string table = c.attribute("table").as_string();
        auto widths = numbers(c.attribute("widths").as_string());
        const auto* known = std::find_if(doc::table_columns.begin(), doc::table_columns.end(),
                                         [&](const auto& k) { return k.first == table; });
        if (known == doc::table_columns.end()) {
            std::string names;
            for (const auto& k : doc::table_columns)
                names += (names.empty() ? "" : ", ") + std::string(k.first);
            diags.error("template.columns",
                        fmt::format("no table of the supplement is called \"{}\"; the tables "
                                    "with column widths are {}",
                                    table, names),
                        x->where(c, "table"));
            columns_fit = false;
        } else if (widths.size() != known->second) {
            diags.error("template.columns",
                        fmt::format("the {} table has {} columns, and widths gives {}: give "
                                    "one relative width per column",
                                    table, known->second, widths.size()),
                        x->where(c, "widths"));
            columns_fit = false;
        }
        t.columns[table] = std::move(widths);
    }
    if (!columns_fit) return std::nullopt;
    auto colour = [&](const char* name, Color& target) {
        if (auto it = t.colours.find(name); it != t.colours.end()) target = it->second;
    };
    colour("text", g.text);
    colour("accent", g.accent);
    colour("rule", g.rule);
    colour("header-fill", g.header_fill);
    colour("block-fill", g.block_fill);
    return t;
}

namespace {

// The fonts and the colour profile, read and hashed once per process: every PDF of a
// build, and of every organisation in a batch, embeds the same files.
std::optional<std::string> read_binary(const std::filesystem::path& data_dir,
                                       const std::string& relative, std::vector<SourceFile>& inputs,
                                       Diagnostics& diags) {
    struct Read {
        std::string bytes, sha256;
    };
    static std::mutex lock;
    static std::map<std::string, Read> cache;
    auto path = data_dir / relative;
    {
        std::lock_guard guard(lock);
        if (auto it = cache.find(path.string()); it != cache.end()) {
            inputs.push_back({relative, it->second.sha256, path.generic_string()});
            return it->second.bytes;
        }
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diags.error("io.missing-file", fmt::format("cannot read {}", relative),
                    {path.generic_string(), 0, 0});
        return std::nullopt;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    Read read{buf.str(), {}};
    read.sha256 = io::sha256_hex(read.bytes);
    inputs.push_back({relative, read.sha256, path.generic_string()});
    std::lock_guard guard(lock);
    return cache.emplace(path.string(), std::move(read)).first->second.bytes;
}

}  // namespace

DocumentInfo document_info(const Organisation& o, const std::string& lang, const std::string& title,
                           const std::string& description, const std::string& author,
                           const std::string& keywords,
                           std::optional<std::int64_t> source_date_epoch) {
    DocumentInfo info;
    info.lang = lang;
    info.titles = {{lang, title}};
    info.descriptions = {{lang, description}};
    info.author = author;
    info.keywords = keywords;
    info.creator_tool = fmt::format("griexport {}", engine_version);
    info.producer = fmt::format("griexport {} (libharu 2.3.0, qpdf)", engine_version);
    Date when = o.reporting_period.to.value_or(o.reporting_period.from);
    if (source_date_epoch) when = Date::from_days_since_epoch(*source_date_epoch / 86400);
    info.year = when.year;
    info.month = when.month;
    info.day = when.day;
    return info;
}

PdfDocument::PdfDocument(const std::filesystem::path& data_dir, std::vector<SourceFile>& inputs,
                         Diagnostics& diags)
    : diags_(diags) {
    template_ = load_template(data_dir, inputs, diags);
    icc_ = read_binary(data_dir, "templates/color/sRGB.icc", inputs, diags);
    auto regular = read_binary(data_dir, "fonts/LiberationSans-Regular.ttf", inputs, diags);
    auto bold = read_binary(data_dir, "fonts/LiberationSans-Bold.ttf", inputs, diags);
    if (!template_ || !icc_ || !regular || !bold) return;
    canvas_ = std::make_unique<PdfCanvas>(FontFiles{data_dir / "fonts/LiberationSans-Regular.ttf",
                                                    data_dir / "fonts/LiberationSans-Bold.ttf"},
                                          diags);
    ok_ = canvas_->ok();
}

void PdfDocument::footers(std::vector<Page>& pages, const Geometry& g, const std::string& left,
                          const std::function<std::string(int, int)>& right,
                          const std::string& mark) const {
    const double size = template_->footer_size;
    auto measure = canvas_->measure();
    for (std::size_t i = 0; i < pages.size(); ++i) {
        std::string r = right(static_cast<int>(i), static_cast<int>(pages.size()));
        double base = g.margin_bottom / 2;
        pages[i].ops.push_back(DrawLine{g.margin_left, base + size * 1.6, g.width - g.margin_right,
                                        base + size * 1.6, 0.4, g.rule});
        pages[i].text(g.margin_left, base, FontStyle::regular, size, left, g.text);
        double w = measure(r, FontStyle::regular, size);
        pages[i].text(g.width - g.margin_right - w, base, FontStyle::regular, size, r, g.text);
        if (!mark.empty()) {
            // In the top margin, in red: a draft must not pass for the published report.
            double mark_size = size + 2;
            double mw = measure(mark, FontStyle::bold, mark_size);
            pages[i].text(g.width - g.margin_right - mw, g.height - g.margin_top / 2,
                          FontStyle::bold, mark_size, mark, Color{0.75, 0.1, 0.1});
        }
    }
}

std::string PdfDocument::finish(std::vector<Page> pages, const std::vector<Bookmark>& bookmarks,
                                const Geometry& g, int first_page_number,
                                const DocumentInfo& info) {
    std::string bytes = canvas_->render(pages, bookmarks, g, first_page_number);
    if (bytes.empty()) return {};
    std::vector<std::vector<LinkArea>> links;
    for (auto& p : pages) links.push_back(std::move(p.links));
    bool large = pages.size() >= 1000;
    pages = {};
    // A large document's laid-out pages (a million observations' supplement: 170 MB), freed
    // page by page as drawn, stay with this thread's arena, where the other threads (the
    // programme's files, the Inline XBRL supplement) cannot reuse them: handed back here,
    // before qpdf's pass (13-30 ms), resident memory at that moment fell by 66 MiB.
    if (large) trim_freed_memory();
    return make_pdfa(bytes, {&canvas_->font(FontStyle::regular), &canvas_->font(FontStyle::bold)},
                     info, *icc_, diags_, links);
}

}  // namespace griexport::pdf
