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

LoadResult load_organisation(const fs::path& folder, const LoadOptions& options) {
    LoadResult result;
    Dataset ds;
    fs::path data_dir =
        options.data_dir.empty() ? find_data_dir(fs::current_path()) : options.data_dir;
    io::LoadContext ctx(folder, data_dir, ds, result.diagnostics);
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        result.diagnostics.error("io.missing-folder", "no such organisation folder",
                                 {folder.generic_string(), 0, 0});
        return result;
    }
    io::load_units(ctx);
    if (result.diagnostics.has_errors()) return result;
    io::load_organisation_file(ctx);
    auto before_programme = result.diagnostics.error_count();
    io::load_programme(ctx);
    io::load_narratives(ctx);
    // Values refer to the programme's indicators: without a sound programme every row
    // would be reported as unknown, burying the one real error.
    if (result.diagnostics.error_count() == before_programme || !ds.indicators.empty()) {
        io::load_observations(ctx);
        io::load_climate_accounts(ctx);
        io::load_kolada(ctx);
    }
    io::check_dataset(ctx);
    io::check_climate_accounts(ctx);
    ds.index();
    result.dataset = std::move(ds);
    return result;
}

}  // namespace griexport
