// The build's task runner (tasks/task_group.hpp): what a stage reports on its own thread
// reaches the caller whole, a throwing stage is an error naming it, and the group outlives
// nothing it waits for.
#include "tasks/task_group.hpp"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "griexport/fault_injection.hpp"

using namespace griexport;

BOOST_AUTO_TEST_SUITE(task_group)

// The cap keeps 100 diagnostics per code and file; the rest are counted. A worker's
// dropped errors must still count when joined (the watermark merge lost them: exit 0).
BOOST_AUTO_TEST_CASE(errors_past_the_cap_on_a_thread_still_count) {
    Diagnostics main;
    main.warning("pdf.header-split", "before", {"org/a.csv", 1, 1});
    tasks::TaskGroup group;
    group.run("many", [](Diagnostics& d) {
        for (std::uint32_t i = 1; i <= 150; ++i)
            d.error("climate.cross-footing", "differs", {"org/climate-accounts.csv", i, 1});
    });
    group.join(main);
    BOOST_TEST(main.has_errors());
    BOOST_TEST(main.error_count() == 150u);
    BOOST_TEST(main.items().size() == 101u);  // the warning and the first 100 errors
    auto sorted = main.sorted();
    BOOST_TEST(sorted.back().message.find("and 50 more climate.cross-footing") !=
               std::string::npos);
    BOOST_TEST(sorted.back().location.line == 150u);
}

BOOST_AUTO_TEST_CASE(a_throwing_stage_is_an_error_naming_it) {
    Diagnostics main;
    tasks::TaskGroup group;
    group.run("build:first", [](Diagnostics& d) { d.warning("w", "kept", {"f", 1, 1}); });
    group.run("build:second", [](Diagnostics&) { throw std::runtime_error("broken"); });
    group.run(
        "build:third", [](Diagnostics&) { throw 42; }, false);
    group.join(main);
    BOOST_REQUIRE(main.items().size() == 3u);
    BOOST_TEST(main.items()[0].code == "w");
    BOOST_TEST(main.items()[1].code == "internal.exception");
    BOOST_TEST(main.items()[1].message.find("build:second failed: broken") != std::string::npos);
    BOOST_TEST(main.items()[2].message.find("build:third failed: an unknown exception") !=
               std::string::npos);
    BOOST_TEST(main.error_count() == 2u);
}

// What a stage writes to is declared before the group: when the caller throws, the group's
// destructor waits for the stage before that state is destroyed.
BOOST_AUTO_TEST_CASE(the_group_waits_for_its_stages_when_the_caller_throws) {
    int written = 0;
    try {
        tasks::TaskGroup group;
        group.run("slow", [&](Diagnostics&) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            written = 1;
        });
        throw std::runtime_error("the caller fails");
    } catch (const std::runtime_error&) {
    }
    BOOST_TEST(written == 1);
}

BOOST_AUTO_TEST_CASE(a_stage_may_wait_for_another) {
    Diagnostics main;
    tasks::TaskGroup group;
    auto first = group.run("first", [](Diagnostics&) { throw std::runtime_error("x"); });
    int order = 0;
    group.run("second", [&](Diagnostics&) {
        first.wait();  // ready even though the first failed
        order = 2;
    });
    group.join(main);
    BOOST_TEST(order == 2);
    BOOST_TEST(main.error_count() == 1u);
}

BOOST_AUTO_TEST_CASE(the_fault_seam_throws_only_where_named) {
    ::setenv("GRIEXPORT_INJECT_FAULT", "build:here", 1);
    BOOST_CHECK_NO_THROW(tasks::fault_point("build:elsewhere"));
    BOOST_CHECK_THROW(tasks::fault_point("build:here"), tasks::InjectedFault);
    ::unsetenv("GRIEXPORT_INJECT_FAULT");
    BOOST_CHECK_NO_THROW(tasks::fault_point("build:here"));
}

BOOST_AUTO_TEST_SUITE_END()
