#include "workbook_file.hpp"

#include <fmt/format.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace griexport {

namespace fs = std::filesystem;

std::string workbook_bytes(const std::string& name, const std::string& title, std::int64_t created,
                           const std::function<void(lxw_workbook*)>& fill, Diagnostics& diags) {
    std::string templ = (fs::temp_directory_path() / "griexport-xlsx-XXXXXX").string();
    if (!::mkdtemp(templ.data())) {
        diags.error("output.write", "cannot create a temporary folder for the workbook",
                    {name, 0, 0});
        return {};
    }
    struct Cleanup {
        fs::path dir;
        ~Cleanup() {
            std::error_code ec;
            fs::remove_all(dir, ec);
        }
    } cleanup{templ};
    fs::path file = fs::path(templ) / "workbook.xlsx";
    lxw_workbook_options options{};
    options.tmpdir = templ.data();
    lxw_workbook* wb = workbook_new_opt(file.c_str(), &options);
    if (!wb) {
        diags.error("output.write", "libxlsxwriter could not start the workbook", {name, 0, 0});
        return {};
    }
    std::string doc_title = title;
    lxw_doc_properties props{};
    props.title = doc_title.data();
    props.created = static_cast<time_t>(created);
    workbook_set_properties(wb, &props);
    fill(wb);
    lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR) {
        diags.error(
            "output.write",
            fmt::format("libxlsxwriter could not write the workbook: {}", lxw_strerror(err)),
            {name, 0, 0});
        return {};
    }
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TableFormats table_formats(lxw_workbook* wb) {
    TableFormats f;
    f.header = workbook_add_format(wb);
    format_set_bold(f.header);
    format_set_text_wrap(f.header);
    format_set_align(f.header, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(f.header, 0xD9E2F3);
    format_set_border(f.header, LXW_BORDER_THIN);
    f.cell = workbook_add_format(wb);
    format_set_text_wrap(f.cell);
    format_set_align(f.cell, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f.cell, LXW_BORDER_THIN);
    return f;
}

}  // namespace griexport
