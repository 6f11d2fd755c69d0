// SHA-256 by OpenSSL's libcrypto: it uses the CPU's SHA extensions where present, several
// times faster than portable code, and every build hashes each input and output it writes.
#include "sha256.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace griexport::io {

namespace {

[[noreturn]] void failed() {
    throw std::runtime_error("libcrypto could not compute a SHA-256 digest");
}

std::string hex_of(const unsigned char* digest, unsigned int length) {
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(2 * length);
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0xF];
    }
    return out;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        failed();
    return hex_of(digest, length);
}

Sha256::Sha256() : context_(EVP_MD_CTX_new()) {
    if (!context_ ||
        EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(context_), EVP_sha256(), nullptr) != 1) {
        EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(context_));
        failed();
    }
}

Sha256::~Sha256() {
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(context_));
}

void Sha256::update(std::string_view bytes) {
    if (EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(context_), bytes.data(), bytes.size()) != 1)
        failed();
}

std::string Sha256::hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(context_), digest, &length) != 1) failed();
    return hex_of(digest, length);
}

}  // namespace griexport::io
