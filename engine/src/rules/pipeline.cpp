#include "../io/load_context.hpp"
#include "griexport/evaluate.hpp"
#include "mapping_loader.hpp"

namespace griexport {

Evaluation evaluate_organisation(const std::filesystem::path& folder, const LoadOptions& options) {
    Evaluation result;
    Dataset ds;
    io::LoadContext ctx(folder, resolve_data_dir(options), ds, result.diagnostics);
    ctx.shared_catalogue = options.catalogue.get();
    if (!io::load_folder(ctx)) return result;
    Mappings m;
    // Rules name the programme's indicators: after an input error every rule would report
    // them unknown, burying the real error.
    if (!result.diagnostics.has_errors()) rules::load_mappings(ctx, m);
    if (!result.diagnostics.has_errors())
        result.disclosures = evaluate(ds, m, result.diagnostics, options.final_release);
    result.dataset = std::move(ds);
    result.mappings = std::move(m);
    return result;
}

}  // namespace griexport
