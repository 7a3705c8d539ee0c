// Fuzz target: the runs database reader. The input bytes are written to a
// file and opened as a runs database; every run is listed and loaded. A
// damaged file must give an error, never a crash or undefined behaviour.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>

#include "sim/run_store.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace finlab;
  const std::string path = "finlab_fuzz_runs_" + std::to_string(::getpid()) + ".db";
  if (FILE* f = std::fopen(path.c_str(), "wb")) {
    if (size) std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  try {
    auto opened = sim::RunStore::open(path, store::Database::OpenMode::existing);
    if (opened.ok()) {
      sim::RunStore store = std::move(opened).value();
      for (const auto& s : store.list()) {
        auto run = store.load(s.run_id);
        if (run.ok()) (void)run->config();
      }
    }
  } catch (const std::exception&) {
    // finlab::Error from the store ("the runs database is damaged") is a
    // handled outcome; crashes and sanitizer reports are the findings.
  }
  std::remove(path.c_str());
  std::remove((path + "-journal").c_str());
  std::remove((path + "-wal").c_str());
  std::remove((path + "-shm").c_str());
  return 0;
}
