# Third-party libraries as INTERFACE/STATIC targets. Header trees are reached
# through .cache/inc (a folder of symlinks made by ./dev setup), never through
# /usr/include, so the same targets work for the wasm build (TOOLCHAIN.md).
set(FINLAB_INC "${FINLAB_CACHE_DIR}/inc")
if(NOT EXISTS "${FINLAB_INC}/boost/version.hpp")
  message(FATAL_ERROR "Boost 1.81 headers not found in ${FINLAB_INC}: run ./dev setup")
endif()

add_library(finlab_boost INTERFACE)           # Boost.Multiprecision (header-only)
target_include_directories(finlab_boost SYSTEM INTERFACE "${FINLAB_INC}")

add_library(finlab_json INTERFACE)            # nlohmann-json
target_include_directories(finlab_json SYSTEM INTERFACE "${FINLAB_INC}")

add_library(finlab_catch2 INTERFACE)          # Catch2 v2 single header
target_include_directories(finlab_catch2 SYSTEM INTERFACE "${FINLAB_INC}")

if(EMSCRIPTEN)
  # SQLite from the amalgamation built by ./dev setup from Debian's source package.
  add_library(finlab_sqlite3 STATIC "${FINLAB_CACHE_DIR}/sqlite/sqlite3.c")
  target_include_directories(finlab_sqlite3 SYSTEM PUBLIC "${FINLAB_CACHE_DIR}/sqlite")
  target_compile_definitions(finlab_sqlite3 PRIVATE SQLITE_THREADSAFE=0 SQLITE_OMIT_LOAD_EXTENSION SQLITE_DQS=0)
  target_compile_options(finlab_sqlite3 PRIVATE -O2 -w)
else()
  find_package(SQLite3 REQUIRED)
  add_library(finlab_sqlite3 INTERFACE)
  target_link_libraries(finlab_sqlite3 INTERFACE SQLite::SQLite3)
  # SQLite's checksum VFS, from the same Debian source package (./dev setup
  # unpacks ext/misc/cksumvfs.c): page checksums on every database finlab
  # creates natively (core/store/database.cpp, docs/limits.md "Store").
  if(NOT EXISTS "${FINLAB_CACHE_DIR}/sqlite/cksumvfs.c")
    message(FATAL_ERROR "${FINLAB_CACHE_DIR}/sqlite/cksumvfs.c not found: run ./dev setup")
  endif()
  add_library(finlab_cksumvfs STATIC "${FINLAB_CACHE_DIR}/sqlite/cksumvfs.c")
  target_compile_definitions(finlab_cksumvfs PRIVATE SQLITE_CKSUMVFS_STATIC)
  target_compile_options(finlab_cksumvfs PRIVATE -O2 -w)
  target_link_libraries(finlab_cksumvfs PUBLIC SQLite::SQLite3)
  target_link_libraries(finlab_sqlite3 INTERFACE finlab_cksumvfs)
  target_compile_definitions(finlab_sqlite3 INTERFACE FINLAB_HAVE_CKSUMVFS=1)
  find_package(CLI11 QUIET)
  find_package(Threads REQUIRED)
endif()
