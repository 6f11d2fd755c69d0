// The words every output prints, in one language: templates/<lang>/labels.xml. The rules
// read them too (the texts they write for 2-1, 2-4 and 3-3-e), so that no printed word
// lives in the code.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "griexport/diagnostics.hpp"
#include "griexport/model.hpp"

namespace griexport {

// The printed labels of one language.
class Labels {
  public:
    // Reads data_dir/templates/<lang>/labels.xml; records it in `sources`.
    static std::optional<Labels> load(const std::filesystem::path& data_dir, std::string_view lang,
                                      std::vector<SourceFile>& sources, Diagnostics& diags);
    // The label for `key` with each {name} replaced. A missing key yields "[key]", so a gap
    // in a template is visible in the output rather than silently empty.
    std::string get(
        std::string_view key,
        std::initializer_list<std::pair<std::string_view, std::string>> args = {}) const;
    const std::string& lang() const { return lang_; }

  private:
    std::string lang_;
    std::map<std::string, std::string, std::less<>> text_;
};

}  // namespace griexport
