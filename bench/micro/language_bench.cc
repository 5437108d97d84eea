// Micro-benchmarks for the language and JSON layers: GraphQL parse and print, JSON parse and write.
// Benchmark names ("parse kitchen-sink", ...) are the operation names graphqljs_bench.mjs uses, so bench/run can
// put both sides in one table.
#include <benchmark/benchmark.h>

#include <string>

#include "bench/micro/bench_corpus.h"
#include "json/parse.h"
#include "json/writer.h"
#include "language/parser.h"
#include "language/printer.h"

namespace railgun::bench {
namespace {

language::Document MustParseDocument(const std::string& source, const std::string& name) {
  language::ParseResult result = language::Parse(source);
  if (!result.ok()) Die(name + ": " + result.error->message);
  return std::move(result.document);
}

void RegisterDocument(const std::string& label, const std::string& file) {
  // Loaded once at registration; the lambdas own copies so the benchmark body touches no globals.
  std::string source = ReadCorpus(file);
  language::Document document = MustParseDocument(source, file);
  std::string printed = language::Print(document);
  if (!language::Parse(printed).ok()) Die(file + ": printed document does not re-parse");

  benchmark::RegisterBenchmark(("parse " + label).c_str(), [source](benchmark::State& state) {
    for (auto _ : state) {
      language::ParseResult result = language::Parse(source);
      benchmark::DoNotOptimize(result.document.definitions.data());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(source.size()));
  });
  benchmark::RegisterBenchmark(("print " + label).c_str(), [document, printed](benchmark::State& state) {
    for (auto _ : state) {
      std::string out = language::Print(document);
      benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(printed.size()));
  });
}

void RegisterJson(const std::string& label, const std::string& file) {
  std::string text = ReadCorpus(file);
  StatusOr<json::Value> parsed = json::Parse(text);
  if (!parsed.ok()) Die(file + ": " + parsed.status().message());
  json::Value value = std::move(parsed).value();
  size_t written_size = json::Write(value).size();

  benchmark::RegisterBenchmark(("json parse " + label).c_str(), [text](benchmark::State& state) {
    for (auto _ : state) {
      StatusOr<json::Value> v = json::Parse(text);
      benchmark::DoNotOptimize(v.ok());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
  });
  benchmark::RegisterBenchmark(("json write " + label).c_str(), [value, written_size](benchmark::State& state) {
    for (auto _ : state) {
      std::string out;
      json::WriteTo(value, out);
      benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(written_size));
  });
}

}  // namespace

// Called from main() in benchmark order (validation_bench.cc adds its own when built).
void RegisterLanguageBenchmarks() {
  RegisterDocument("kitchen-sink", "kitchen-sink.graphql");
  RegisterDocument("large-query", "large-query.graphql");
  RegisterJson("large-result", "large-result.json");
}

}  // namespace railgun::bench
