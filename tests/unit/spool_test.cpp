#include "io/spool.hpp"

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <string>

using namespace griexport;

namespace {
std::string drained(io::Spool& s) {
    std::string out;
    BOOST_TEST(s.drain([&](std::string_view p) { out += p; }) == "");
    return out;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(spool)

// Beyond its limit the text goes to the scratch file and comes back exactly, in order,
// with what stayed in memory after it.
BOOST_AUTO_TEST_CASE(text_past_the_limit_comes_back_whole) {
    io::Spool s(1000);
    std::string expected;
    for (int i = 0; i < 5000; ++i) {
        std::string piece = "rad " + std::to_string(i) + (i % 7 == 0 ? "\n" : ";");
        s += piece;
        expected += piece;
    }
    BOOST_TEST(s.size() == expected.size());
    BOOST_TEST(s.in_file() >= expected.size() - 1000);
    BOOST_TEST(drained(s) == expected);
}

BOOST_AUTO_TEST_CASE(text_under_the_limit_and_empty) {
    io::Spool small(1u << 20);
    small += "<p>liten</p>";
    BOOST_TEST(drained(small) == "<p>liten</p>");
    io::Spool empty;
    BOOST_TEST(drained(empty) == "");
}

// Without a scratch file (the temporary folder is not there) the text stays in memory.
BOOST_AUTO_TEST_CASE(no_scratch_folder_keeps_it_in_memory) {
    const char* old = std::getenv("TMPDIR");
    std::string saved = old ? old : "";
    ::setenv("TMPDIR", "/nonexistent/griexport-spool-test", 1);
    io::Spool s(10);
    std::string expected;
    for (int i = 0; i < 100; ++i) {
        s += "stycke " + std::to_string(i);
        expected += "stycke " + std::to_string(i);
    }
    if (old)
        ::setenv("TMPDIR", saved.c_str(), 1);
    else
        ::unsetenv("TMPDIR");
    BOOST_TEST(s.in_file() == 0u);
    BOOST_TEST(drained(s) == expected);
}

BOOST_AUTO_TEST_SUITE_END()
