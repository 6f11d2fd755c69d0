#include "griexport/output.hpp"

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>

#include "test_support.hpp"

using namespace griexport;

namespace {
std::string read(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}
}  // namespace

BOOST_AUTO_TEST_SUITE(output)

BOOST_AUTO_TEST_CASE(writes_every_file_and_no_staging_remains) {
    test::ScratchFolder f("out-ok");
    Diagnostics d;
    OutputSet out(f.path() / "out");
    out.add("content-index.csv", "content-index", "a,b\n", d);
    out.add("xbrl/report.xbrl", "xbrl-instance", "<x/>", d);
    BOOST_TEST(out.commit(d));
    BOOST_TEST(read(f.path() / "out" / "content-index.csv") == "a,b\n");
    BOOST_TEST(read(f.path() / "out" / "xbrl" / "report.xbrl") == "<x/>");
    BOOST_TEST(!std::filesystem::exists(f.path() / "out" / ".griexport-staging"));
}

BOOST_AUTO_TEST_CASE(an_error_writes_nothing_and_keeps_earlier_outputs) {
    test::ScratchFolder f("out-err");
    f.write("out/content-index.csv", "earlier\n");
    Diagnostics d;
    OutputSet out(f.path() / "out");
    out.add("content-index.csv", "content-index", "new\n", d);
    out.add("manifest.json", "manifest", "{}", d);
    d.error("csv.number", "bad", {"x.csv", 1, 1});
    BOOST_TEST(!out.commit(d));
    BOOST_TEST(read(f.path() / "out" / "content-index.csv") == "earlier\n");
    BOOST_TEST(!std::filesystem::exists(f.path() / "out" / "manifest.json"));
}

BOOST_AUTO_TEST_CASE(paths_that_escape_are_refused) {
    test::ScratchFolder f("out-escape");
    Diagnostics d;
    OutputSet out(f.path() / "out");
    out.add("../evil.txt", "x", "x", d);
    out.add("/tmp/evil.txt", "x", "x", d);
    BOOST_TEST(d.error_count() == 2u);
    BOOST_TEST(test::has_code(d, "output.path"));
    BOOST_TEST(out.files().empty());
    BOOST_TEST(!out.commit(d));
    BOOST_TEST(!std::filesystem::exists(f.path() / "evil.txt"));
}

BOOST_AUTO_TEST_SUITE_END()
