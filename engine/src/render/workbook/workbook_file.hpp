// libxlsxwriter 1.1.4 writes workbooks only to files: one private temporary folder per
// workbook (on a memory file system when there is one), read back into bytes for the
// all-or-nothing OutputSet, then removed.
#pragma once

#include <xlsxwriter.h>

#include <cstdint>
#include <functional>
#include <string>

#include "griexport/diagnostics.hpp"

namespace griexport {

// The formats griexport's tables share: a bold shaded header cell and a wrapped, bordered
// body cell, both aligned to the top.
struct TableFormats {
    lxw_format* header = nullptr;
    lxw_format* cell = nullptr;
};
TableFormats table_formats(lxw_workbook* wb);

// Runs `fill` on a new workbook dated `created` (seconds since the epoch, so the bytes
// reproduce) and titled `title`; returns its bytes, or empty with output.write reported
// against `name`. `streamed`: libxlsxwriter's constant memory mode, for a workbook too large
// to hold: each row goes to its sheet's scratch file when the next begins (so `fill` writes
// rows in order) and texts are written in their cells rather than in a shared table.
std::string workbook_bytes(const std::string& name, const std::string& title, std::int64_t created,
                           const std::function<void(lxw_workbook*)>& fill, Diagnostics& diags,
                           bool streamed = false);

}  // namespace griexport
