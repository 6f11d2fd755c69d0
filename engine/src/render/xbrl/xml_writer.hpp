// A small streaming XML writer: elements are written as they come, nothing is kept but the
// stack of open names, and every text and attribute value is escaped. Output is
// deterministic: attributes in the order given, two-space indentation, "\n" line ends.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace griexport::xbrl {

std::string escape_text(std::string_view s);       // & < >
std::string escape_attribute(std::string_view s);  // & < > " and tab, newline
// The same, appended to `out` (no string of its own for each of a million values).
void escape_into(std::string& out, std::string_view s, bool attribute);

class XmlWriter {
  public:
    explicit XmlWriter(std::string& out) : out_(out) {}

    // Hands the text written so far to `spill` whenever it reaches `threshold` bytes, at an
    // element's end; `spill` takes it (and leaves the string empty). A large file then goes
    // to its destination in pieces instead of being held whole.
    void spill_to(std::function<void(std::string&)> spill, std::size_t threshold = 1u << 20) {
        spill_ = std::move(spill);
        threshold_ = threshold;
    }

    void declaration() { out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"; }
    void comment(std::string_view text);
    // <name attr="v" …>
    void open(std::string_view name,
              std::initializer_list<std::pair<std::string_view, std::string_view>> attrs = {});
    void open(std::string_view name, const std::vector<std::pair<std::string, std::string>>& attrs);
    // <name attr="v" …/>
    void empty(std::string_view name,
               std::initializer_list<std::pair<std::string_view, std::string_view>> attrs = {});
    void empty(std::string_view name,
               const std::vector<std::pair<std::string, std::string>>& attrs);
    void empty(std::string_view name,
               std::span<const std::pair<std::string_view, std::string_view>> attrs);
    // <name attr="v" …>text</name> on one line
    void leaf(std::string_view name, std::string_view text,
              std::initializer_list<std::pair<std::string_view, std::string_view>> attrs = {});
    void leaf(std::string_view name, std::string_view text,
              const std::vector<std::pair<std::string, std::string>>& attrs);
    void close();

  private:
    std::string& out_;
    std::vector<std::string> open_;
    std::function<void(std::string&)> spill_;
    std::size_t threshold_ = 0;

    void maybe_spill() {
        if (spill_ && out_.size() >= threshold_) spill_(out_);
    }

    void indent() { out_.append(2 * open_.size(), ' '); }
    template <typename Attrs>
    void start_tag(std::string_view name, const Attrs& attrs);
};

}  // namespace griexport::xbrl
