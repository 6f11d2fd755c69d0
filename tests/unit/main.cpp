#define BOOST_TEST_MODULE griexport
#include <boost/test/unit_test.hpp>
