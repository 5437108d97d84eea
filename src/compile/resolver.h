// SqlRootResolver: the executor plug-in that answers query root fields with one SQL statement each (compiled by
// compile/compiler.h, run on a db::Connection, spliced as raw JSON), with a plan cache.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compile/compiler.h"
#include "db/connection.h"
#include "execute/executor.h"
#include "generate/generated_schema.h"

namespace railgun::compile {

// Compiled statements keyed by (schema, dialect, root field text incl. fragments, variable shape). LRU,
// thread-safe. Variables that only feed bound parameters (filter values, single-object keys) are keyed by their
// JSON shape, and a hit re-binds the parameters from the request's values; variables that shape the SQL
// (orderBy, first / last / offset / after / before, @skip / @include, isnull flags) are keyed by value. Which
// variables are value-only is learned from the first plan of each document (until then all are keyed by value).
class PlanCache {
 public:
  explicit PlanCache(size_t capacity = 1024) : capacity_(capacity) {}
  [[nodiscard]] bool Lookup(const std::string& key, CompiledQuery* out);
  void Insert(const std::string& key, const CompiledQuery& plan);
  // The value-only variables learned for a document key (false when none is known yet).
  [[nodiscard]] bool ValueVariables(const std::string& document_key, std::vector<std::string>* out) const;
  void SetValueVariables(const std::string& document_key, const std::vector<std::string>& names);
  [[nodiscard]] int64_t hits() const { return hits_; }
  [[nodiscard]] int64_t misses() const { return misses_; }
  [[nodiscard]] size_t size() const;
  void Clear();

 private:
  using Entry = std::pair<std::string, CompiledQuery>;
  size_t capacity_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::unordered_map<std::string, std::vector<std::string>> value_variables_;
  int64_t hits_ = 0;
  int64_t misses_ = 0;
};

class SqlRootResolver : public execute::RootResolver {
 public:
  // `generated` and `connection` must outlive the resolver. `cache` may be shared between resolvers of the same
  // schema (nullptr = no caching). `options.debug` records DebugExtension(); `options.pool` enables Prefetch.
  SqlRootResolver(const generate::GeneratedSchema& generated, db::Connection& connection, PlanCache* cache = nullptr,
                  CompileOptions options = {});

  execute::ResolvedField ResolveRootField(const execute::RootFieldContext& context) override;

  // Runs the SQL root fields of `request`'s operation concurrently before execution (PostgreSQL with
  // `options.pool` only; a no-op for mutations, subscriptions, SQLite, one root field, or when no pooled
  // connection is free right now): the first field on the resolver's own connection, each other one on a
  // connection borrowed from the pool without waiting (fields beyond the free connections run later, in order, on
  // the own connection). ResolveRootField then answers those fields from the results; responses and errors are
  // the same as sequential execution. Call once per request, before execute::Execute(request).
  void Prefetch(const execute::ExecutionRequest& request);
  // execute::Execute's hook: Prefetch.
  void Prepare(const execute::ExecutionRequest& request) override { Prefetch(request); }

  // Called with each root field's response key, SQL and parameters before it runs (for --explain and tests).
  void set_explain(std::function<void(std::string_view key, const CompiledQuery& query)> explain) {
    explain_ = std::move(explain);
  }

  // One SQL statement run for a root field of this request (recorded when options.debug).
  struct DebugStatement {
    std::string field;  // response key
    std::string sql;
    std::vector<std::string> params;
    bool plan_cached = false;
    int connection = 0;   // 0 = the resolver's own connection, n = the n-th borrowed pool connection
    double start_ms = 0;  // since the resolver was created
    double duration_ms = 0;
  };
  [[nodiscard]] const std::vector<DebugStatement>& debug_statements() const { return debug_statements_; }
  // The response's `extensions.debug` for this request: {"planCache": {"requestHits", "requestMisses", "hits",
  // "misses", "hitRate", "size"}, "sql": [{"field", "sql", "params", "planCached", "connection", "ms"}]}
  // (cumulative cache counters alongside this request's; hitRate null before any lookup).
  // Null unless options.debug.
  [[nodiscard]] json::Value DebugExtension() const override;

 private:
  // The plan for a root field (from the cache or compiled); false with `*error` set when compiling failed.
  bool Plan(const execute::RootFieldContext& context, db::Dialect dialect, CompiledQuery* plan, bool* cached,
            execute::ResolvedField* error);
  // Runs a plan on `conn` (thread-safe apart from `conn`).
  static execute::ResolvedField Run(db::Connection& conn, const CompiledQuery& plan);
  void Record(std::string_view key, const CompiledQuery& plan, bool cached, int connection,
              std::chrono::steady_clock::time_point start, std::chrono::steady_clock::time_point end);

  const generate::GeneratedSchema& generated_;
  db::Connection& connection_;
  PlanCache* cache_;
  CompileOptions options_;
  std::function<void(std::string_view, const CompiledQuery&)> explain_;
  std::chrono::steady_clock::time_point created_ = std::chrono::steady_clock::now();
  std::vector<DebugStatement> debug_statements_;
  int64_t request_hits_ = 0, request_misses_ = 0;
  // Prefetched results by the root field's first node.
  std::unordered_map<const language::Selection*, execute::ResolvedField> prefetched_;
};

// `result` as response text with `debug` added as `extensions.debug` (next to `extensions.warnings` when there
// are warnings).
[[nodiscard]] std::string ResponseWithDebug(const execute::ExecutionResult& result, json::Value debug);

}  // namespace railgun::compile
