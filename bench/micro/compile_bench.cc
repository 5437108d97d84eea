// Micro-benchmarks for the compiled query path over the ecommerce example (no graphql-js counterpart):
//   compile <q>          execute the operation with a resolver that plans each root field (CompileRootField) and
//                        returns null: executor + SQL generation, no database
//   plan-cache hit <q>   execute through SqlRootResolver with a warm PlanCache on an empty in-memory SQLite
//                        database: executor + cache lookup + parameter re-binding + running the prepared statement
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include "bench/micro/bench_corpus.h"
#include "compile/resolver.h"
#include "db/migrate.h"
#include "db/sqlite.h"
#include "execute/executor.h"
#include "generate/generator.h"
#include "language/parser.h"
#include "models/loader.h"
#include "validation/validate.h"

namespace railgun::bench {
namespace {

struct Env {
  std::unique_ptr<models::Project> project;
  std::unique_ptr<generate::GeneratedSchema> generated;
  std::unique_ptr<db::Connection> conn;
};

Env& Ecommerce() {
  static Env env = [] {
    Env e;
    auto p = models::LoadProject({std::string(RAILGUN_BENCH_ROOT) + "/examples/ecommerce/models.yaml"});
    if (!p.ok()) Die(p.status().message());
    e.project = std::make_unique<models::Project>(std::move(p).value());
    auto g = generate::Generate(*e.project);
    if (!g.ok()) Die(g.status().message());
    e.generated = std::move(g).value();
    auto c = db::SqliteConnection::Open({});
    if (!c.ok()) Die(c.status().message());
    e.conn = std::move(c).value();
    for (const std::string& ddl : db::CreateTablesSql(*e.project, db::Dialect::kSqlite))
      if (!e.conn->ExecuteScript(ddl).ok()) Die("ddl: " + ddl);
    return e;
  }();
  return env;
}

// Plans every root field and answers null (no database).
class CompileOnly : public execute::RootResolver {
 public:
  explicit CompileOnly(const generate::GeneratedSchema& g) : g_(g) {}
  execute::ResolvedField ResolveRootField(const execute::RootFieldContext& ctx) override {
    auto q = compile::CompileRootField(g_, ctx, db::Dialect::kSqlite);
    if (!q.ok()) Die("compile: " + q.status().message());
    benchmark::DoNotOptimize(q->sql.data());
    return execute::ResolvedField::Complete(json::Value::Null());
  }

 private:
  const generate::GeneratedSchema& g_;
};

void Register(const std::string& label, const std::string& text) {
  Env& env = Ecommerce();
  language::ParseResult parsed = language::Parse(text);
  if (!parsed.ok()) Die(label + ": " + parsed.error->message);
  auto document = std::make_shared<const language::Document>(std::move(parsed.document));
  if (!validation::Validate(env.generated->schema(), *document).empty()) Die(label + " is not valid");

  benchmark::RegisterBenchmark(("compile " + label).c_str(), [document](benchmark::State& state) {
    Env& e = Ecommerce();
    CompileOnly resolver(*e.generated);
    for (auto _ : state) {
      execute::ExecutionRequest req;
      req.schema = &e.generated->schema();
      req.document = document.get();
      req.resolver = &resolver;
      auto r = execute::Execute(req);
      benchmark::DoNotOptimize(r.data);
    }
    state.SetItemsProcessed(state.iterations());
  });
  benchmark::RegisterBenchmark(("plan-cache hit " + label).c_str(), [document](benchmark::State& state) {
    Env& e = Ecommerce();
    compile::PlanCache cache;
    compile::SqlRootResolver resolver(*e.generated, *e.conn, &cache);
    for (auto _ : state) {
      execute::ExecutionRequest req;
      req.schema = &e.generated->schema();
      req.document = document.get();
      req.resolver = &resolver;
      auto r = execute::Execute(req);
      benchmark::DoNotOptimize(r.data);
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["hit_rate"] = static_cast<double>(cache.hits()) / static_cast<double>(cache.hits() + cache.misses());
  });
}

}  // namespace

void RegisterCompileBenchmarks() {
  Register("q1 product by id", R"({ product(id: "1") { id name price category { name } } })");
  Register("q3 products relations",
           R"({ products(first: 20, orderBy: "-created_at") { edges { node { id name price category { name } brand { name } } } } })");
  Register("q5 connection count relfilter",
           R"({ products(first: 10, orderBy: ["price", "id"], filters: {category: "35", price_Gte: "100", name_Icontains: "a"}) { totalCount edges { cursor node { id name price } } pageInfo { hasNextPage endCursor } } })");
}

}  // namespace railgun::bench
