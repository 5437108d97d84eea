// Shared helpers for the micro-benchmarks: locating and loading the files of bench/micro/corpus.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace railgun::bench {

// The corpus directory: $RAILGUN_BENCH_CORPUS, else the source tree's bench/micro/corpus.
inline std::string CorpusDir() {
  if (const char* env = std::getenv("RAILGUN_BENCH_CORPUS"); env != nullptr && *env != '\0') return env;
  return RAILGUN_BENCH_CORPUS;
}

// Reads a corpus file; exits with a message when it is missing (a benchmark on an empty input is meaningless).
inline std::string ReadCorpus(const std::string& name) {
  std::string path = CorpusDir() + "/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read benchmark corpus file %s (run node bench/micro/corpus/generate.mjs)\n",
                 path.c_str());
    std::exit(2);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

[[noreturn]] inline void Die(const std::string& message) {
  std::fprintf(stderr, "benchmark set-up failed: %s\n", message.c_str());
  std::exit(2);
}

}  // namespace railgun::bench
