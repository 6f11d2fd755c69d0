#include "package_zip.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <memory>

namespace griexport::taxonomy {

std::optional<std::map<std::string, std::string>> read_package_files(
    const std::filesystem::path& zip_path, PackageParts parts, Diagnostics& diags) {
    int err = 0;
    std::unique_ptr<zip_t, decltype(&zip_close)> z(zip_open(zip_path.c_str(), ZIP_RDONLY, &err),
                                                   &zip_close);
    Location where{zip_path.generic_string(), 0, 0};
    if (!z) {
        diags.error("package.unreadable",
                    fmt::format("cannot open the taxonomy package as a zip (libzip error {})", err),
                    where);
        return std::nullopt;
    }
    auto n = zip_get_num_entries(z.get(), 0);
    // GRI's package is about a hundred files and 35 MB unpacked. A zip bomb (entries that
    // inflate a thousandfold) is refused by the sizes the zip declares, before any
    // inflating: zip_fread never reads past the declared size.
    constexpr zip_int64_t max_entries = 100000;
    constexpr zip_uint64_t max_file_bytes = zip_uint64_t{64} << 20;
    constexpr zip_uint64_t max_total_bytes = zip_uint64_t{1} << 30;
    if (n > max_entries) {
        diags.error("package.too-large",
                    fmt::format("the zip holds {} entries; a taxonomy package has far fewer "
                                "(at most {})",
                                n, max_entries),
                    where);
        return std::nullopt;
    }
    std::map<std::string, std::string> files;
    bool has_metadata = false;
    zip_uint64_t total = 0;
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        if (zip_stat_index(z.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0) continue;
        std::string name = st.name ? st.name : "";
        if (name.ends_with("META-INF/taxonomyPackage.xml")) has_metadata = true;
        bool wanted = name.ends_with(".xsd") ||
                      (parts == PackageParts::schemas_and_linkbases && name.ends_with(".xml"));
        if (!wanted) continue;
        if (!(st.valid & ZIP_STAT_SIZE) || st.size > max_file_bytes ||
            (total += st.size) > max_total_bytes) {
            diags.error("package.too-large",
                        fmt::format("{} unpacks to {} bytes, or the package to more than {}; "
                                    "not a taxonomy package (a zip bomb?)",
                                    name, st.size, max_total_bytes),
                        where);
            return std::nullopt;
        }
        std::unique_ptr<zip_file_t, decltype(&zip_fclose)> f(
            zip_fopen_index(z.get(), static_cast<zip_uint64_t>(i), 0), &zip_fclose);
        if (!f) continue;
        std::string bytes(st.size, '\0');
        if (zip_fread(f.get(), bytes.data(), st.size) != static_cast<zip_int64_t>(st.size))
            continue;
        files.emplace(std::move(name), std::move(bytes));
    }
    if (!has_metadata) {
        diags.error("package.layout",
                    "no META-INF/taxonomyPackage.xml: not a taxonomy package (Taxonomy Packages "
                    "1.0)",
                    where);
        return std::nullopt;
    }
    return files;
}

}  // namespace griexport::taxonomy
