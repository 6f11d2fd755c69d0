// SHA-256 (FIPS 180-4) of input and output files, for the manifest and the audit trail.
#pragma once

#include <string>
#include <string_view>

namespace griexport::io {

// Lower-case hex digest of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace griexport::io
