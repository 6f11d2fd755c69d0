#include "griexport/output.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <csignal>
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

// A full disk was "cannot write the file" without the reason. A file-size limit fails
// writes the way a full disk does, without needing one.
BOOST_AUTO_TEST_CASE(a_failed_write_gives_the_reason_and_leaves_no_file) {
    test::ScratchFolder f("out-full");
    auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit old_limit{};
    ::getrlimit(RLIMIT_FSIZE, &old_limit);
    rlimit small = old_limit;
    small.rlim_cur = 10;
    ::setrlimit(RLIMIT_FSIZE, &small);
    auto err = write_new_file(f.path() / "big.pdf", std::string(100, 'x'));
    ::setrlimit(RLIMIT_FSIZE, &old_limit);
    std::signal(SIGXFSZ, old_handler);
    BOOST_REQUIRE(err.has_value());
    BOOST_TEST(*err == "File too large");
    BOOST_TEST(!std::filesystem::exists(f.path() / "big.pdf"));
    BOOST_TEST(!write_new_file(f.path() / "ok.txt", "fine"));
    BOOST_TEST(read(f.path() / "ok.txt") == "fine");
}

// Outputs replace the whole folder, so a folder holding other files is refused untouched.
BOOST_AUTO_TEST_CASE(a_folder_with_foreign_files_is_refused) {
    test::ScratchFolder f("out-foreign");
    f.write("out/organisation.xml", "<organisation/>");
    Diagnostics d;
    OutputSet out(f.path() / "out");
    out.add("content-index.csv", "content-index", "a\n", d);
    BOOST_TEST(!out.commit(d));
    BOOST_TEST(test::has_code(d, "output.foreign-file"));
    BOOST_TEST(read(f.path() / "out" / "organisation.xml") == "<organisation/>");
    BOOST_TEST(!std::filesystem::exists(f.path() / "out" / "content-index.csv"));
}

// Two builds into one folder shared a staging folder and interleaved their files.
BOOST_AUTO_TEST_CASE(a_folder_locked_by_another_run_is_busy) {
    test::ScratchFolder f("out-busy");
    auto lock_path = f.path() / ".out.griexport-lock";
    int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT, 0644);
    BOOST_REQUIRE(fd >= 0);
    BOOST_REQUIRE(::flock(fd, LOCK_EX) == 0);
    Diagnostics d;
    OutputSet out(f.path() / "out");
    out.add("a.csv", "content-index", "a\n", d);
    BOOST_TEST(!out.commit(d));
    BOOST_TEST(test::has_code(d, "output.busy"));
    BOOST_TEST(!std::filesystem::exists(f.path() / "out"));
    ::close(fd);
    Diagnostics again;
    BOOST_TEST(out.commit(again));
    BOOST_TEST(read(f.path() / "out" / "a.csv") == "a\n");
    BOOST_TEST(!std::filesystem::exists(lock_path));  // removed once the run is done
}

// validate -o adds validation.json beside a build's outputs.
BOOST_AUTO_TEST_CASE(validate_adds_without_replacing) {
    test::ScratchFolder f("out-add");
    f.write("out/manifest.json", "{\"outputs\":[{\"path\":\"a.csv\"}]}");
    f.write("out/a.csv", "kept\n");
    Diagnostics d;
    OutputSet out(f.path() / "out", OutputSet::Mode::add);
    out.add("validation.json", "validation", "{}", d);
    BOOST_TEST(out.commit(d));
    BOOST_TEST(read(f.path() / "out" / "a.csv") == "kept\n");
    BOOST_TEST(read(f.path() / "out" / "validation.json") == "{}");
}

BOOST_AUTO_TEST_SUITE_END()
