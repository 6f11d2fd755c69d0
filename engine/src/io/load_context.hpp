// State shared by the loaders of one organisation folder.
#pragma once

#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "griexport/diagnostics.hpp"
#include "griexport/model.hpp"
#include "source_text.hpp"
#include "xml_source.hpp"

namespace griexport {
struct SharedCatalogue;
}

namespace griexport::io {

class LoadContext {
  public:
    LoadContext(std::filesystem::path folder_, std::filesystem::path data_dir_, Dataset& ds_,
                Diagnostics& diags_)
        : folder(std::move(folder_)), data_dir(std::move(data_dir_)), ds(ds_), diags(diags_) {}

    std::filesystem::path folder;
    std::filesystem::path data_dir;
    Dataset& ds;
    Diagnostics& diags;
    const SharedCatalogue* shared_catalogue = nullptr;  // loaded once for a batch

    std::filesystem::path schema(const char* name) const {
        return data_dir / "gri-mappings" / "schema" / name;
    }
    // Registers a file that was read; returns its index in Dataset::sources.
    std::uint32_t add_source(const SourceText& text);
    SourceRef ref(std::uint32_t file, const Location& loc) const {
        return {file, loc.line, loc.column};
    }
    // The location a SourceRef points at, with the path as the user named it.
    Location location(const SourceRef& r) const;
    DimensionValueId intern(std::string_view value);
    // An observation's source, evidence or uncertainty, held once (Dataset::observation_texts).
    ObservationTextId observation_text(std::string_view value);

  private:
    // Looked up by string_view: a million rows' texts are mostly held already, and a
    // string made for each lookup was an allocation per row and field.
    StringMap<DimensionValueId> interned_;
    StringMap<ObservationTextId> texts_;
};

// The items of an xs:list value (whitespace-separated tokens).
std::vector<std::string> split_xs_list(std::string_view text);

// Text of <sv>/<en> children.
LocalText read_local_text(const pugi::xml_node& node);

void load_units(LoadContext& ctx);
void load_organisation_file(LoadContext& ctx);
void load_programme(LoadContext& ctx);
void load_narratives(LoadContext& ctx);
// observations.csv (or .xlsx) and climate-accounts.csv: the emission rows of the climate
// accounts are the climate indicator's observations. In two steps: the tables read and
// checked (on a thread of their own when the observations are large: the programme loads
// meanwhile), then loaded. The first step changes nothing in the context; the second
// registers the files and their diagnostics where loading always did.
struct ReadTable;
struct ObservationTables {
    std::unique_ptr<ReadTable> observations, climate;
    ObservationTables();
    ~ObservationTables();
};
std::future<std::unique_ptr<ObservationTables>> read_observation_tables(const LoadContext& ctx);
void load_observations(LoadContext& ctx, ObservationTables& tables);
void load_kolada(LoadContext& ctx);
// Loads the whole organisation folder in order; false when it could not proceed at all.
bool load_folder(LoadContext& ctx);
// Checks across files once everything is read.
void check_dataset(LoadContext& ctx);
// Published totals and changes of the climate accounts against their parts.
void check_climate_accounts(LoadContext& ctx);

}  // namespace griexport::io
