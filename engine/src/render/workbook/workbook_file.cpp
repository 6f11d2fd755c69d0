#include "workbook_file.hpp"

#include <fmt/format.h>
#include <linux/magic.h>
#include <stdlib.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace griexport {

namespace fs = std::filesystem;

namespace {

// Where libxlsxwriter's scratch files go. It writes every part of a workbook to a file of
// its own and deletes it; a batch does that tens of thousands of times, and on a disk file
// system each deletion can slow the next creations (ext4 without a journal looks past every
// inode deleted in the last minute). So a memory file system when the machine has one and
// the user has not named a temporary folder (TMPDIR), then the temporary folder.
std::vector<fs::path> scratch_places() {
    std::vector<fs::path> places;
    struct statfs info {};
    if (const char* tmpdir = std::getenv("TMPDIR");
        (!tmpdir || !*tmpdir) && ::statfs("/dev/shm", &info) == 0 && info.f_type == TMPFS_MAGIC &&
        ::access("/dev/shm", W_OK | X_OK) == 0)
        places.emplace_back("/dev/shm");
    std::error_code ec;
    if (auto tmp = fs::temp_directory_path(ec); !ec) places.push_back(tmp);
    return places;
}

struct Attempt {
    std::string bytes;
    std::string error;  // empty when the workbook was written
};

Attempt write_in(const fs::path& place, const std::string& title, std::int64_t created,
                 const std::function<void(lxw_workbook*)>& fill, bool streamed) {
    std::string templ = (place / "griexport-xlsx-XXXXXX").string();
    if (!::mkdtemp(templ.data())) return {{}, "cannot create a temporary folder for the workbook"};
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
    options.constant_memory = streamed ? LXW_TRUE : LXW_FALSE;
    lxw_workbook* wb = workbook_new_opt(file.c_str(), &options);
    if (!wb) return {{}, "libxlsxwriter could not start the workbook"};
    std::string doc_title = title;
    lxw_doc_properties props{};
    props.title = doc_title.data();
    props.created = static_cast<time_t>(created);
    workbook_set_properties(wb, &props);
    fill(wb);
    lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR)
        return {{},
                fmt::format("libxlsxwriter could not write the workbook: {}", lxw_strerror(err))};
    std::ifstream in(file, std::ios::binary);
    std::string bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>{});
    if (!in.good() && !in.eof()) return {{}, "cannot read the written workbook back"};
    return {std::move(bytes), {}};
}

}  // namespace

std::string workbook_bytes(const std::string& name, const std::string& title, std::int64_t created,
                           const std::function<void(lxw_workbook*)>& fill, Diagnostics& diags,
                           bool streamed) {
    // A full memory file system makes the next place try; only the last one's error counts.
    std::string error = "no temporary folder for the workbook";
    for (const auto& place : scratch_places()) {
        Attempt a = write_in(place, title, created, fill, streamed);
        if (a.error.empty()) return std::move(a.bytes);
        error = std::move(a.error);
    }
    diags.error("output.write", error, {name, 0, 0});
    return {};
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
