# Compile options for finlab's own targets and small helpers.
# -ffp-contract=off: no fused multiply-add, so floating point that feeds a
# decision gives the same bits natively and in wasm (DESIGN.md, "Same answer").

add_library(finlab_options INTERFACE)
target_compile_options(finlab_options INTERFACE
  -Wall -Wextra -Wpedantic -ffp-contract=off
  $<$<BOOL:${FINLAB_WERROR}>:-Werror>)
target_include_directories(finlab_options INTERFACE ${CMAKE_SOURCE_DIR})

# GCC 12 reports -Wrestrict false positives inside libstdc++ for
# `"literal" + std::string` (GCC bug 105329, fixed in GCC 13).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(finlab_options INTERFACE -Wno-restrict)
endif()

# The fuzz build (./dev fuzz, clang): every library instrumented for libFuzzer
# coverage plus ASan+UBSan; only the fuzz binaries link the fuzzer runtime.
if(FINLAB_FUZZ AND NOT EMSCRIPTEN)
  target_compile_options(finlab_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(finlab_options INTERFACE -fsanitize=address,undefined)
endif()

# The sanitizer build (preset native-debug, ./dev test's sanitizer pass): -O1
# as ASan's documentation recommends, so that the native suite's large runs
# finish in CI time (-O0 was several times slower) while keeping frames.
if(FINLAB_SANITIZE AND NOT EMSCRIPTEN)
  # -g1 (line tables, no variables) after the Debug build type's -g: the
  # reports keep function, file and line, and the build spends less time on
  # debug information (docs/limits.md "Fuzzing and sanitizers").
  target_compile_options(finlab_options INTERFACE -O1 -g1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  # GCC's manual (-fsanitize=address): "sanitizers tend to increase the rate of
  # false positive warnings, most notably those around -Wmaybe-uninitialized";
  # with -Werror the sanitizer build stopped in libstdc++'s <regex> (Catch2's
  # main). The release build keeps the warning as an error on the same code.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(finlab_options INTERFACE -Wno-error=maybe-uninitialized)
  endif()
  target_link_options(finlab_options INTERFACE -fsanitize=address,undefined)
endif()

# finlab_sanitizer_front_end(<target>): in the sanitizer build, the sources
# of a front end (test files, CLI commands) compile at -O0. They are most of
# the build's compile time (Catch2 and CLI11 expansions) and little of its run
# time: the engines they call are compiled in the libraries at -O1. A source
# file's COMPILE_OPTIONS come after the -O1 of finlab_options, so -O0 wins.
# Call it from the directory that defines the target.
function(finlab_sanitizer_front_end target)
  if(FINLAB_SANITIZE AND NOT EMSCRIPTEN)
    get_target_property(srcs ${target} SOURCES)
    set_source_files_properties(${srcs} PROPERTIES COMPILE_OPTIONS "-O0")
  endif()
endfunction()

# finlab_add_core_module(<name> SOURCES ... [DEPS ...])
# Defines finlab_core_<name> with alias finlab::core_<name>.
function(finlab_add_core_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(finlab_core_${name} STATIC ${ARG_SOURCES})
  add_library(finlab::core_${name} ALIAS finlab_core_${name})
  target_link_libraries(finlab_core_${name} PUBLIC finlab_options ${ARG_DEPS})
endfunction()
