// SHA-256 (FIPS 180-4) of input and output files, for the manifest and the audit trail.
#pragma once

#include <string>
#include <string_view>

namespace griexport::io {

// Lower-case hex digest of `bytes`.
std::string sha256_hex(std::string_view bytes);

// The same for bytes that arrive in pieces (a file written as it is made).
class Sha256 {
  public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(std::string_view bytes);
    std::string hex();  // once, after the last update

  private:
    void* context_;  // libcrypto's EVP_MD_CTX, kept out of this header
};

}  // namespace griexport::io
