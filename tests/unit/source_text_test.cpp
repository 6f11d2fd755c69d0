#include "io/source_text.hpp"

#include <boost/test/unit_test.hpp>

#include "io/sha256.hpp"
#include "test_support.hpp"

using namespace griexport;

BOOST_AUTO_TEST_SUITE(source_text)

BOOST_AUTO_TEST_CASE(locates_offsets_in_code_points) {
    test::ScratchFolder f("locate");
    f.write("a.txt", "\xEF\xBB\xBFrad ett\nåäö x\n");
    Diagnostics d;
    auto t = io::read_source(f.path(), "a.txt", true, d);
    BOOST_REQUIRE(t);
    BOOST_TEST(t->bytes.substr(0, 3) == "rad");  // BOM dropped
    auto pos = t->bytes.find('x');
    auto loc = t->locate(pos);
    BOOST_TEST(loc.line == 2u);
    BOOST_TEST(loc.column == 5u);  // å ä ö are one column each
}

BOOST_AUTO_TEST_CASE(finds_invalid_utf8) {
    BOOST_TEST(io::find_invalid_utf8("abc") == std::string_view::npos);
    BOOST_TEST(io::find_invalid_utf8("å") == std::string_view::npos);
    BOOST_TEST(io::find_invalid_utf8("a\xE5z") == 1u);        // Latin-1 å
    BOOST_TEST(io::find_invalid_utf8("ab\xC3") == 2u);        // truncated sequence
    BOOST_TEST(io::find_invalid_utf8("\xC0\xAF") == 0u);      // overlong
    BOOST_TEST(io::find_invalid_utf8("\xED\xA0\x80") == 0u);  // surrogate
    BOOST_TEST(io::find_invalid_utf8("\xF0\x9F\x98\x80") == std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(empty_and_missing_files_are_reported) {
    test::ScratchFolder f("empty");
    f.write("e.csv", "\xEF\xBB\xBF\n  \n");
    Diagnostics d;
    BOOST_TEST(!io::read_source(f.path(), "e.csv", true, d));
    BOOST_TEST(test::has_code(d, "io.empty-file"));
    Diagnostics d2;
    BOOST_TEST(!io::read_source(f.path(), "none.csv", false, d2));
    BOOST_TEST(!d2.has_errors());  // optional file: silence
    BOOST_TEST(!io::read_source(f.path(), "none.csv", true, d2));
    BOOST_TEST(test::has_code(d2, "io.missing-file"));
}

BOOST_AUTO_TEST_CASE(sha256_matches_fips_vectors) {
    BOOST_TEST(io::sha256_hex("") ==
               "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    BOOST_TEST(io::sha256_hex("abc") ==
               "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    BOOST_TEST(io::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
               "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    BOOST_TEST(io::sha256_hex(std::string(1000000, 'a')) ==
               "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

BOOST_AUTO_TEST_SUITE_END()
