// The Catch2 main for every finlab test suite (native and wasm).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
