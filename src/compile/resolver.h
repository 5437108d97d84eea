// SqlRootResolver: the executor plug-in that answers query root fields with one SQL statement each (compiled by
// compile/compiler.h, run on a db::Connection, spliced as raw JSON), with a plan cache.
#pragma once

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
  // schema (nullptr = no caching).
  SqlRootResolver(const generate::GeneratedSchema& generated, db::Connection& connection, PlanCache* cache = nullptr,
                  CompileOptions options = {});

  execute::ResolvedField ResolveRootField(const execute::RootFieldContext& context) override;

  // Called with each root field's response key, SQL and parameters before it runs (for --explain and tests).
  void set_explain(std::function<void(std::string_view key, const CompiledQuery& query)> explain) {
    explain_ = std::move(explain);
  }

 private:
  const generate::GeneratedSchema& generated_;
  db::Connection& connection_;
  PlanCache* cache_;
  CompileOptions options_;
  std::function<void(std::string_view, const CompiledQuery&)> explain_;
};

}  // namespace railgun::compile
