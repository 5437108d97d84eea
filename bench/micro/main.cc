// Entry point of railgun_micro_bench: registers every micro-benchmark (in a fixed order), then runs Google Benchmark.
#include <benchmark/benchmark.h>

namespace railgun::bench {
void RegisterLanguageBenchmarks();
#ifdef RAILGUN_BENCH_VALIDATION
void RegisterValidationBenchmarks();
#endif
#ifdef RAILGUN_BENCH_COMPILE
void RegisterCompileBenchmarks();
#endif
}  // namespace railgun::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  railgun::bench::RegisterLanguageBenchmarks();
#ifdef RAILGUN_BENCH_VALIDATION
  railgun::bench::RegisterValidationBenchmarks();
#endif
#ifdef RAILGUN_BENCH_COMPILE
  railgun::bench::RegisterCompileBenchmarks();
#endif
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
