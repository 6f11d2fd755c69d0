// CSV read two ways: kept (every record held) and streamed (checked, then read again by
// each_record, as observations.csv is). Both must accept the same texts, and the second
// reading must give exactly the records, fields, offsets and lines the first one kept; any
// difference aborts.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "io/csv.hpp"

using namespace griexport;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    io::SourceText text;
    text.display_path = "fuzz.csv";
    text.bytes.assign(reinterpret_cast<const char*>(data), size);
    text.index_lines();
    Diagnostics kept_diags, streamed_diags;
    auto kept = io::parse_csv(text, kept_diags, io::CsvRows::kept);
    auto streamed = io::parse_csv(text, streamed_diags, io::CsvRows::streamed);
    if (kept.has_value() != streamed.has_value()) std::abort();
    if (kept_diags.items().size() != streamed_diags.items().size()) std::abort();
    if (!kept) return 0;
    if (!streamed->records.empty() || streamed->size() != kept->size()) std::abort();
    std::size_t i = 0;
    streamed->each_record([&](const io::CsvRecord& r) {
        if (i >= kept->records.size()) std::abort();
        const auto& k = kept->records[i++];
        if (r.line != k.line || r.fields.size() != k.fields.size()) std::abort();
        for (std::size_t c = 0; c < r.fields.size(); ++c)
            if (r.fields[c].value != k.fields[c].value || r.fields[c].offset != k.fields[c].offset)
                std::abort();
    });
    if (i != kept->records.size()) std::abort();
    return 0;
}
