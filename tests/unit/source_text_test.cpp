#include "io/source_text.hpp"

#include <boost/test/unit_test.hpp>
#include <cstring>

#include "io/sha256.hpp"
#include "test_support.hpp"
#include "text/byte_set.hpp"
#include "text/utf8.hpp"

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

// Line ends of every kind (LF, CRLF, a lone CR, one straddling a checkpoint) and
// multi-byte characters, over several checkpoints: each offset's line and column as a
// byte-by-byte count gives them.
BOOST_AUTO_TEST_CASE(locates_every_offset_as_a_byte_by_byte_count_does) {
    io::SourceText t;
    t.display_path = "t.csv";
    const char* pieces[] = {"ab", "\n", "å", "\r\n", "\r", "xyz", "ö\n", ";;", "\r"};
    std::uint32_t seed = 7;
    while (t.bytes.size() < 5 * io::SourceText::checkpoint_bytes) {
        seed = seed * 1103515245u + 12345u;
        // Past the second checkpoint only LF: parts with no CR at all, as most files are.
        const char* piece = pieces[(seed >> 16) % 9];
        if (t.bytes.size() > 2 * io::SourceText::checkpoint_bytes && std::strchr(piece, '\r'))
            piece = "\n";
        t.bytes += piece;
        // A CRLF across the first checkpoint, and a lone CR ending the second.
        if (t.bytes.size() == io::SourceText::checkpoint_bytes - 1) t.bytes += "\r\n";
        if (t.bytes.size() == 2 * io::SourceText::checkpoint_bytes - 1) t.bytes += "\rq";
    }
    t.index_lines();
    std::uint32_t line = 1, column = 1;
    for (std::size_t i = 0; i < t.bytes.size(); ++i) {
        auto at = t.locate(i);
        BOOST_TEST_REQUIRE(at.line == line, "line at byte " << i);
        BOOST_TEST_REQUIRE(at.column == column, "column at byte " << i);
        BOOST_TEST_REQUIRE(t.line_of(i) == line);
        char c = t.bytes[i];
        bool crlf = c == '\r' && i + 1 < t.bytes.size() && t.bytes[i + 1] == '\n';
        if (c == '\n' || (c == '\r' && !crlf)) {
            ++line;
            column = 1;
        } else {
            column += (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // a character begins
        }
    }
}

BOOST_AUTO_TEST_CASE(finds_characters_xml_forbids) {
    using namespace std::string_view_literals;
    BOOST_TEST(text::find_xml_forbidden("a\tb\nc\r\nå") == std::string_view::npos);
    BOOST_TEST(text::find_xml_forbidden("ab\x00"sv) == 2u);
    BOOST_TEST(text::find_xml_forbidden("a\x1F") == 1u);
    BOOST_TEST(text::find_xml_forbidden("a\x0B") == 1u);
    BOOST_TEST(text::find_xml_forbidden("x\xEF\xBB\xBF y\xEF\xBF\xBE") == 6u);  // U+FFFE
    BOOST_TEST(text::find_xml_forbidden("\xEF\xBF\xBF") == 0u);                 // U+FFFF
    BOOST_TEST(text::find_xml_forbidden("\xEF\xBF\xBD\xEF\xBF") == std::string_view::npos);
}

// At every offset of a longer text (words of plain text, line ends, å, EF-led allowed
// characters around it): the scans that skip plain words find the first bad byte.
BOOST_AUTO_TEST_CASE(finds_the_first_bad_byte_at_every_offset) {
    const std::string base = "ab\ncdefgh\xEF\xBB\xBFijkl\tmnop\xC3\xA5qrst\r\nuvwxyz0123456789";
    BOOST_TEST(text::find_xml_forbidden(base) == std::string_view::npos);
    BOOST_TEST(text::find_invalid_utf8(base) == std::string_view::npos);
    for (std::size_t at = 0; at <= base.size(); ++at) {
        if (at < base.size() && (static_cast<unsigned char>(base[at]) & 0xC0) == 0x80) continue;
        auto with = [&](std::string_view bad) {
            return base.substr(0, at) + std::string(bad) + base.substr(at);
        };
        std::string control = with("\x01"), noncharacter = with("\xEF\xBF\xBE"),
                    invalid = with("\xFF");
        BOOST_TEST_REQUIRE(text::find_xml_forbidden(control) == at);
        BOOST_TEST_REQUIRE(text::find_xml_forbidden(noncharacter) == at);
        BOOST_TEST_REQUIRE(text::find_invalid_utf8(invalid) == at);
    }
}

BOOST_AUTO_TEST_CASE(byte_sets_find_their_members_only) {
    using namespace std::string_view_literals;
    constexpr text::ByteSet set("\x00;\xFF\""sv);
    BOOST_TEST(set.find_in("abc") == std::string_view::npos);
    BOOST_TEST(set.find_in("ab;c;") == 2u);
    BOOST_TEST(set.find_in("ab;c;", 3) == 4u);
    BOOST_TEST(set.find_in("ab;c;", 5) == std::string_view::npos);
    BOOST_TEST(set.find_in("a\x00"sv) == 1u);
    BOOST_TEST(set.find_in("\xFE\xFF") == 1u);
    BOOST_TEST(!set.contains('a'));
    BOOST_TEST(set.contains('"'));
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
