// PDF streams compressed for /FlateDecode, by libdeflate (CMakeLists.txt says why).
#pragma once

#include <memory>
#include <string>
#include <string_view>

struct libdeflate_compressor;

namespace griexport::pdf {

class FlateCompressor {
  public:
    FlateCompressor();
    // The zlib-wrapped DEFLATE of `data`, valid until the next call; empty when it could not
    // be made (a zlib stream is never empty).
    std::string_view compress(std::string_view data);

  private:
    struct Free {
        void operator()(libdeflate_compressor* c) const;
    };
    std::unique_ptr<libdeflate_compressor, Free> compressor_;
    std::string out_;
};

}  // namespace griexport::pdf
