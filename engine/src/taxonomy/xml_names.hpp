// Names in a taxonomy's XML read by their local part, whatever prefix a file binds.
#pragma once

#include <pugixml.hpp>
#include <string_view>

namespace griexport::taxonomy {

inline std::string_view local(std::string_view qname) {
    auto p = qname.find(':');
    return p == std::string_view::npos ? qname : qname.substr(p + 1);
}

inline bool is(const pugi::xml_node& n, std::string_view local_name) {
    return local(n.name()) == local_name;
}

}  // namespace griexport::taxonomy
