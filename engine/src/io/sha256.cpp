// SHA-256 by OpenSSL's libcrypto: it uses the CPU's SHA extensions where present, several
// times faster than portable code, and every build hashes each input and output it writes.
#include "sha256.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace griexport::io {

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("libcrypto could not compute a SHA-256 digest");
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(2 * length);
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0xF];
    }
    return out;
}

}  // namespace griexport::io
