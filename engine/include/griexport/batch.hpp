// `griexport batch`: many organisations built in one run, each into a folder of its own,
// on a pool of worker threads. One organisation's failure is its own result, never the
// batch's; `--shard K/N` splits a batch across machines with any job runner.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "griexport/build.hpp"
#include "griexport/diagnostics.hpp"

namespace griexport {

// One organisation of a batch and what became of it.
struct BatchEntry {
    std::string name;  // its output folder under OUT: the organisation folder's name
    std::filesystem::path folder;
    bool built = false;
    std::string claim;  // "in-accordance" or "with-reference", when built
    std::size_t errors = 0;
    std::size_t warnings = 0;
    std::size_t notes = 0;
    std::string manifest_sha256;       // of OUT/<name>/manifest.json, when built
    std::vector<Diagnostic> problems;  // the errors (the first 20), when it failed
};

struct BatchProgress {
    std::size_t done = 0, total = 0, built = 0, failed = 0;
    std::string last;  // the organisation just finished
};

struct BatchOptions {
    BuildOptions build;
    unsigned jobs = 0;  // worker threads; 0: the machine's cores
    // Every `shards`-th organisation of the list from the `shard`-th (0-based).
    unsigned shard = 0;
    unsigned shards = 1;
    // Called after each organisation, one call at a time.
    std::function<void(const BatchProgress&)> progress{};
};

struct BatchResult {
    std::vector<BatchEntry> entries;  // in the list's order
    Diagnostics diagnostics;          // problems of the batch itself (batch.json not written)
    std::size_t built() const;
    std::size_t failed() const;
};

// The organisation folders LIST names: a text file with one folder per line (relative to
// the file's folder; blank lines and lines starting with # skipped), or a folder whose
// sub-folders holding organisation.xml are the organisations, in name order.
std::vector<std::filesystem::path> batch_list(const std::filesystem::path& list,
                                              Diagnostics& diags);

// The organisations of one shard: positions shard, shard + shards, shard + 2·shards, …
std::vector<std::filesystem::path> shard_of(const std::vector<std::filesystem::path>& all,
                                            unsigned shard, unsigned shards);

// Builds each organisation into OUT/<name>/ (all or nothing per organisation) and writes
// OUT/batch.json: each organisation's status, claim, counts and manifest hash.
BatchResult build_batch(const std::vector<std::filesystem::path>& organisations,
                        const std::filesystem::path& out, const BatchOptions& options);

// batch.json's text: reproducible (no times, the list's order).
std::string batch_json(const BatchResult& result);

}  // namespace griexport
