#include <cstdlib>

#include "griexport/load.hpp"
#include "load_context.hpp"

namespace griexport {

namespace fs = std::filesystem;

fs::path find_data_dir(const fs::path& hint) {
    std::error_code ec;
    if (const char* env = std::getenv("GRIEXPORT_DATA_DIR"); env && *env) return env;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    for (fs::path p = ec ? hint : exe.parent_path(); !p.empty(); p = p.parent_path()) {
        if (fs::exists(p / "gri-mappings" / "units.xml", ec)) return p;
        if (fs::exists(p / "share" / "griexport" / "gri-mappings" / "units.xml", ec))
            return p / "share" / "griexport";
        if (p == p.root_path()) break;
    }
#ifdef GRIEXPORT_SOURCE_DATA_DIR
    // A binary built outside the source tree still finds the tree it was built from.
    if (fs::exists(fs::path(GRIEXPORT_SOURCE_DATA_DIR) / "gri-mappings" / "units.xml", ec))
        return GRIEXPORT_SOURCE_DATA_DIR;
#endif
    return hint;
}

namespace io {

bool load_folder(LoadContext& ctx) {
    std::error_code ec;
    if (!fs::is_directory(ctx.folder, ec)) {
        ctx.diags.error("io.missing-folder", "no such organisation folder",
                        {ctx.folder.generic_string(), 0, 0});
        return false;
    }
    load_units(ctx);
    if (ctx.diags.has_errors()) return false;
    load_organisation_file(ctx);
    // Read and checked while the programme loads (organisation.xml names their sheets).
    auto tables = read_observation_tables(ctx);
    auto before_programme = ctx.diags.error_count();
    load_programme(ctx);
    load_narratives(ctx);
    // Values refer to the programme's indicators: without a sound programme every row
    // would be reported as unknown, burying the one real error (tables read meanwhile are
    // dropped with what they found).
    if (ctx.diags.error_count() == before_programme || !ctx.ds.indicators.empty()) {
        load_observations(ctx, *tables.get());
        load_kolada(ctx);
    }
    // The room kept for rows (and Kolada's, or the doubling past it) and the indicators'
    // doubling would stay empty for the whole build: a million observations kept 19 MB and
    // their 100 000 indicators 10 MB so. Moved once here, while little else is held.
    ctx.ds.observations.shrink_to_fit();
    ctx.ds.indicators.shrink_to_fit();
    check_dataset(ctx);
    check_climate_accounts(ctx);
    ctx.ds.index();
    return true;
}

}  // namespace io

fs::path resolve_data_dir(const LoadOptions& options) {
    if (!options.data_dir.empty()) return options.data_dir;
    // Shown in diagnostics: relative to the working directory when it lies below it.
    fs::path found = find_data_dir(fs::current_path());
    std::error_code ec;
    fs::path near = fs::proximate(found, ec);
    if (!ec && !near.empty() && *near.begin() != "..") return near;
    return found;
}

LoadResult load_organisation(const fs::path& folder, const LoadOptions& options) {
    LoadResult result;
    Dataset ds;
    io::LoadContext ctx(folder, resolve_data_dir(options), ds, result.diagnostics);
    if (io::load_folder(ctx)) result.dataset = std::move(ds);
    return result;
}

}  // namespace griexport
