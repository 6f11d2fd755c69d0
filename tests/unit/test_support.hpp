// Helpers shared by the unit tests: a scratch organisation folder built from strings.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "griexport/load.hpp"

namespace griexport::test {

inline std::filesystem::path source_dir() {
    const char* s = std::getenv("GRIEXPORT_SOURCE_DIR");
    return s ? std::filesystem::path(s) : std::filesystem::current_path();
}

// A temporary folder removed when the object goes out of scope.
class ScratchFolder {
  public:
    explicit ScratchFolder(const std::string& name) {
        path_ = std::filesystem::temp_directory_path() /
                ("griexport-test-" + name + "-" + std::to_string(::getpid()));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~ScratchFolder() { std::filesystem::remove_all(path_); }
    const std::filesystem::path& path() const { return path_; }
    void write(const std::string& relative, const std::string& text) const {
        auto p = path_ / relative;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
    }
    // Copies tests/cases/_base, the small valid organisation, into the folder.
    void copy_base() const {
        std::filesystem::copy(source_dir() / "tests" / "cases" / "_base", path_,
                              std::filesystem::copy_options::recursive |
                                  std::filesystem::copy_options::overwrite_existing);
    }

  private:
    std::filesystem::path path_;
};

inline LoadResult load(const std::filesystem::path& folder) {
    LoadOptions o;
    o.data_dir = source_dir();
    return load_organisation(folder, o);
}

inline bool has_code(const Diagnostics& d, const std::string& code) {
    for (const auto& x : d.items())
        if (x.code == code) return true;
    return false;
}

}  // namespace griexport::test
