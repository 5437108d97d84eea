// Micro-benchmarks for validation: a document checked against a schema with all specifiedRules.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include "bench/micro/bench_corpus.h"
#include "language/parser.h"
#include "schema/builder.h"
#include "validation/validate.h"

namespace railgun::bench {
namespace {

void RegisterValidation(const std::string& label, std::shared_ptr<const schema::Schema> schema,
                        const std::string& file) {
  std::string source = ReadCorpus(file);
  language::ParseResult parsed = language::Parse(source);
  if (!parsed.ok()) Die(file + ": " + parsed.error->message);
  auto document = std::make_shared<const language::Document>(std::move(parsed.document));
  auto errors = validation::Validate(*schema, *document);
  if (!errors.empty()) Die(file + " is not valid: " + errors.front().message);

  benchmark::RegisterBenchmark(("validate " + label).c_str(), [schema, document](benchmark::State& state) {
    for (auto _ : state) {
      auto result = validation::Validate(*schema, *document);
      benchmark::DoNotOptimize(result.data());
    }
    state.SetItemsProcessed(state.iterations());
  });
}

}  // namespace

void RegisterValidationBenchmarks() {
  schema::SchemaResult built = schema::BuildSchema(ReadCorpus("large-schema.graphql"));
  if (!built.ok()) Die("large-schema.graphql: " + (built.errors.empty() ? "no schema" : built.errors[0].message));
  RegisterValidation("large-query", built.schema, "large-query.graphql");
  RegisterValidation("introspection-query", built.schema, "introspection-query.graphql");
}

}  // namespace railgun::bench
