// Many organisations in one run. Each is built by the same build_outputs a single build
// uses, into its own folder, all or nothing; a worker pool takes the next organisation as
// it finishes one, so a slow organisation never holds up the rest.
#include "griexport/batch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "../io/sha256.hpp"
#include "../io/source_text.hpp"
#include "../tasks/task_group.hpp"
#include "griexport/evaluate.hpp"
#include "griexport/output.hpp"

namespace griexport {

namespace fs = std::filesystem;

std::size_t BatchResult::built() const {
    return static_cast<std::size_t>(
        std::count_if(entries.begin(), entries.end(), [](const auto& e) { return e.built; }));
}

std::size_t BatchResult::failed() const {
    return entries.size() - built();
}

std::vector<fs::path> batch_list(const fs::path& list, Diagnostics& diags) {
    std::vector<fs::path> out;
    std::error_code ec;
    if (fs::is_directory(list, ec)) {
        for (const auto& e : fs::directory_iterator(list, ec))
            if (e.is_directory(ec) && fs::exists(e.path() / "organisation.xml", ec))
                out.push_back(e.path());
        std::sort(out.begin(), out.end());
        if (out.empty())
            diags.error("batch.empty",
                        "the folder holds no organisation folder (a sub-folder with "
                        "organisation.xml)",
                        {list.generic_string(), 0, 0});
        return out;
    }
    std::string text;
    if (!io::read_whole_file(list, list.generic_string(), text, diags)) return out;
    std::istringstream lines(text);
    std::string line;
    std::uint32_t n = 0;
    while (std::getline(lines, line)) {
        ++n;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#') continue;
        auto last = line.find_last_not_of(" \t");
        fs::path folder = line.substr(first, last - first + 1);
        if (folder.is_relative()) folder = list.parent_path() / folder;
        if (!fs::is_directory(folder, ec)) {
            diags.error("batch.not-a-folder",
                        fmt::format("'{}' is not a folder", line.substr(first, last - first + 1)),
                        {list.generic_string(), n, static_cast<std::uint32_t>(first + 1)});
            continue;
        }
        out.push_back(folder);
    }
    if (out.empty() && !diags.has_errors())
        diags.error("batch.empty", "the list names no organisation folder",
                    {list.generic_string(), 0, 0});
    return out;
}

std::vector<fs::path> shard_of(const std::vector<fs::path>& all, unsigned shard, unsigned shards) {
    std::vector<fs::path> out;
    if (shards == 0) return out;
    for (std::size_t i = shard; i < all.size(); i += shards) out.push_back(all[i]);
    return out;
}

namespace {

// What the organisation's manifest says of it, once built.
void read_manifest(const fs::path& folder, BatchEntry& e) {
    std::string bytes;
    Diagnostics ignored;  // the build just wrote it; unreadable means no hash, no claim
    if (!io::read_whole_file(folder / "manifest.json", "manifest.json", bytes, ignored)) return;
    e.manifest_sha256 = io::sha256_hex(bytes);
    auto j = nlohmann::json::parse(bytes, nullptr, false);
    if (j.is_object() && j.contains("claim") && j["claim"].is_string())
        e.claim = j["claim"].get<std::string>();
}

}  // namespace

BatchResult build_batch(const std::vector<fs::path>& organisations, const fs::path& out,
                        const BatchOptions& options) {
    BatchResult result;
    result.entries.resize(organisations.size());
    // Output folders are named after the organisation folders: two of one name would
    // write over each other, so the second is refused.
    std::map<std::string, std::size_t> names;
    std::vector<std::size_t> todo;
    for (std::size_t i = 0; i < organisations.size(); ++i) {
        auto& e = result.entries[i];
        e.folder = organisations[i];
        e.name = fs::path(organisations[i]).lexically_normal().filename().string();
        if (e.name.empty() || e.name == "." || e.name == "..")
            e.name = fs::weakly_canonical(organisations[i]).filename().string();
        auto [it, fresh] = names.emplace(e.name, i);
        if (!fresh) {
            e.problems.push_back({Severity::error,
                                  "batch.duplicate-name",
                                  fmt::format("another organisation of the batch ({}) has the "
                                              "folder name '{}': each is built into OUT/<name>",
                                              organisations[it->second].generic_string(), e.name),
                                  {e.folder.generic_string(), 0, 0}});
            e.errors = 1;
            continue;
        }
        if (auto why = output_overlaps_input(out / e.name,
                                             {e.folder, resolve_data_dir(options.build.load)})) {
            e.problems.push_back({Severity::error,
                                  "output.overlaps-input",
                                  *why,
                                  {e.folder.generic_string(), 0, 0}});
            e.errors = 1;
            continue;
        }
        todo.push_back(i);
    }
    // The builds' lock files removed at the end, after the summary's (output.hpp).
    DeferredLockRemoval kept_locks;
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) {
        result.diagnostics.error("output.write",
                                 fmt::format("cannot create the folder: {}", ec.message()),
                                 {out.generic_string(), 0, 0});
        return result;
    }

    unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    jobs =
        static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(todo.size(), 1)));
    // The catalogue once for all: each build would otherwise read, validate and parse the
    // same files (the schemas, fonts and colour profile are shared where they are read).
    BuildOptions build = options.build;
    if (!build.load.catalogue && !todo.empty())
        build.load.catalogue = load_shared_catalogue(build.load);
    std::atomic<std::size_t> next{0};
    std::mutex progress_lock;
    BatchProgress progress;
    progress.total = organisations.size();
    progress.done = organisations.size() - todo.size();
    progress.failed = progress.done;
    auto work = [&] {
        for (std::size_t k; (k = next.fetch_add(1)) < todo.size();) {
            auto& e = result.entries[todo[k]];
            // A defect in one organisation's build is that organisation's failure: it
            // neither ends the batch nor keeps its worker from the next one.
            Diagnostics diags;
            tasks::run_stage("batch:" + e.name, diags, [&](Diagnostics& d) {
                d.append(build_outputs(e.folder, out / e.name, build));
            });
            e.built = !diags.has_errors();
            e.errors = diags.error_count();
            e.warnings = diags.warning_count();
            for (const auto& d : diags.items())
                if (d.severity == Severity::note) ++e.notes;
            if (e.built) {
                read_manifest(out / e.name, e);
            } else {
                for (const auto& d : diags.sorted())
                    if (d.severity == Severity::error && e.problems.size() < 20)
                        e.problems.push_back(d);
            }
            std::lock_guard lock(progress_lock);
            ++progress.done;
            ++(e.built ? progress.built : progress.failed);
            progress.last = e.name;
            if (options.progress) options.progress(progress);
        }
    };
    std::vector<std::thread> workers;
    for (unsigned t = 1; t < jobs; ++t) workers.emplace_back(work);
    work();
    for (auto& w : workers) w.join();

    OutputSet summary(out, OutputSet::Mode::add);
    summary.add("batch.json", "batch", batch_json(result), result.diagnostics);
    summary.commit(result.diagnostics);
    return result;
}

std::string batch_json(const BatchResult& result) {
    using json = nlohmann::ordered_json;
    json orgs = json::array();
    std::size_t warnings = 0;
    for (const auto& e : result.entries) {
        warnings += e.warnings;
        json o = {{"name", e.name},
                  {"folder", e.folder.generic_string()},
                  {"status", e.built ? "built" : "failed"}};
        if (e.built) {
            o["claim"] = e.claim;
            o["manifest_sha256"] = e.manifest_sha256;
        }
        o["counts"] = {{"errors", e.errors}, {"warnings", e.warnings}, {"notes", e.notes}};
        if (!e.problems.empty()) {
            json problems = json::array();
            for (const auto& d : e.problems)
                problems.push_back({{"code", d.code},
                                    {"message", d.message},
                                    {"file", d.location.file},
                                    {"line", d.location.line},
                                    {"column", d.location.column}});
            o["errors"] = problems;
        }
        orgs.push_back(std::move(o));
    }
    json j = {{"organisations", result.entries.size()},
              {"built", result.built()},
              {"failed", result.failed()},
              {"warnings", warnings},
              {"results", orgs}};
    return j.dump(2) + "\n";
}

}  // namespace griexport
