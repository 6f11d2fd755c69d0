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
// What griexport keeps beside an output folder while it writes: staging folders and locks.
std::size_t working_entries(const std::filesystem::path& parent) {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(parent))
        n += e.path().filename().string().starts_with(".out.griexport-");
    return n;
}

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
    BOOST_TEST(working_entries(f.path()) == 0u);
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

// A batch keeps the lock files its builds release until it ends: kept, they are released
// locks (the next build of the folder takes one, a held one is left to its holder), and
// none remains once the last DeferredLockRemoval ends.
BOOST_AUTO_TEST_CASE(a_batch_keeps_released_lock_files_until_it_ends) {
    test::ScratchFolder f("out-kept");
    auto lock_path = f.path() / ".out.griexport-lock";
    auto other_lock = f.path() / ".other.griexport-lock";
    {
        DeferredLockRemoval kept;
        {
            DeferredLockRemoval nested;  // only the last one to end removes them
            Diagnostics d;
            OutputSet out(f.path() / "out");
            out.add("content-index.csv", "content-index", "a\n", d);
            BOOST_TEST(out.commit(d));
        }
        BOOST_TEST(std::filesystem::exists(lock_path));
        BOOST_TEST(working_entries(f.path()) == 2u);  // the folder's lock and the staging's
        // Built again while kept: the kept lock is taken and released again.
        Diagnostics again;
        OutputSet out(f.path() / "out");
        out.add("content-index.csv", "content-index", "b\n", again);
        BOOST_TEST(out.commit(again));
        BOOST_TEST(read(f.path() / "out" / "content-index.csv") == "b\n");
        // A lock another run holds when the batch ends stays for that run to remove.
        Diagnostics third;
        OutputSet other(f.path() / "other");
        other.add("content-index.csv", "content-index", "c\n", third);
        BOOST_TEST(other.commit(third));
        BOOST_REQUIRE(std::filesystem::exists(other_lock));
    }
    BOOST_TEST(!std::filesystem::exists(lock_path));
    BOOST_TEST(working_entries(f.path()) == 0u);
    BOOST_TEST(!std::filesystem::exists(other_lock));
    // Without a batch, a build removes its own at once.
    Diagnostics d;
    OutputSet out(f.path() / "out");
    out.add("content-index.csv", "content-index", "d\n", d);
    BOOST_TEST(out.commit(d));
    BOOST_TEST(!std::filesystem::exists(lock_path));
}

BOOST_AUTO_TEST_CASE(a_lock_held_when_the_batch_ends_is_left_to_its_holder) {
    test::ScratchFolder f("out-kept-held");
    auto lock_path = f.path() / ".out.griexport-lock";
    int fd = -1;
    {
        DeferredLockRemoval kept;
        Diagnostics d;
        OutputSet out(f.path() / "out");
        out.add("content-index.csv", "content-index", "a\n", d);
        BOOST_TEST(out.commit(d));
        BOOST_REQUIRE(std::filesystem::exists(lock_path));
        fd = ::open(lock_path.c_str(), O_RDWR);  // another run takes the released lock
        BOOST_REQUIRE(fd >= 0);
        BOOST_REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
    }
    BOOST_TEST(std::filesystem::exists(lock_path));  // its holder's to remove
    ::close(fd);
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

// A large build must not hold its outputs in memory: each file is on disk once added, in
// a staging folder beside the output folder, and the set keeps only its digest.
BOOST_AUTO_TEST_CASE(files_are_staged_as_they_are_added) {
    test::ScratchFolder f("out-staged");
    Diagnostics d;
    OutputSet out(f.path() / "out");
    out.add("a.csv", "content-index", "abc", d);
    std::vector<std::filesystem::path> staged;
    for (const auto& e : std::filesystem::directory_iterator(f.path()))
        if (e.is_directory() && e.path().filename().string().starts_with(".out.griexport-stage-"))
            staged.push_back(e.path());
    BOOST_REQUIRE(staged.size() == 1u);
    BOOST_TEST(read(staged[0] / "a.csv") == "abc");
    BOOST_TEST(!std::filesystem::exists(f.path() / "out"));
    BOOST_REQUIRE(out.files().size() == 1u);
    BOOST_TEST(out.files()[0].size == 3u);
    BOOST_TEST(out.files()[0].sha256 ==
               "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    BOOST_TEST(out.bytes_of("a.csv").value_or("") == "abc");
    BOOST_TEST(!out.bytes_of("b.csv"));
    BOOST_TEST(out.commit(d));
    BOOST_TEST(read(f.path() / "out" / "a.csv") == "abc");
    BOOST_TEST(!std::filesystem::exists(staged[0]));
}

// Leftovers of a killed run are removed, but never the staging of a run still building
// into the same folder: its lock is held.
BOOST_AUTO_TEST_CASE(a_live_runs_staging_survives_another_runs_commit) {
    test::ScratchFolder f("out-live");
    f.write(".out.griexport-stage-killed/a.csv", "old\n");
    Diagnostics d;
    OutputSet first(f.path() / "out");
    first.add("a.csv", "content-index", "first\n", d);
    {
        OutputSet second(f.path() / "out");
        second.add("a.csv", "content-index", "second\n", d);
        BOOST_TEST(second.commit(d));
    }
    BOOST_TEST(read(f.path() / "out" / "a.csv") == "second\n");
    BOOST_TEST(!std::filesystem::exists(f.path() / ".out.griexport-stage-killed"));
    BOOST_TEST(first.commit(d));
    BOOST_TEST(read(f.path() / "out" / "a.csv") == "first\n");
    BOOST_TEST(working_entries(f.path()) == 0u);
}

// A set dropped without a commit (a build that failed) leaves nothing behind.
BOOST_AUTO_TEST_CASE(an_uncommitted_set_leaves_nothing) {
    test::ScratchFolder f("out-dropped");
    {
        Diagnostics d;
        OutputSet out(f.path() / "out");
        out.add("a.csv", "content-index", "a\n", d);
    }
    BOOST_TEST(std::filesystem::is_empty(f.path()));
}

BOOST_AUTO_TEST_SUITE_END()
