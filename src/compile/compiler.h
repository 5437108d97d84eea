// The SQL compiler: one root field of a validated operation -> one SQL statement whose single cell is the field's
// complete JSON (response keys, nested objects, connections with edges / pageInfo / totalCount), for SQLite and
// PostgreSQL. Every user-supplied value is a bound parameter; identifiers come only from the model registry.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.h"
#include "db/pool.h"
#include "execute/executor.h"
#include "generate/generated_schema.h"
#include "railgun/status.h"

namespace railgun::compile {

struct CompileOptions {
  // Keys the cursor checksum: cursors from a server with another secret are rejected.
  std::string cursor_secret = "railgun-cursor-secret";
  // SqlRootResolver (resolver.h) only. `debug` (the schema's `debug` setting): record per-request plan-cache use
  // and SQL for SqlRootResolver::DebugExtension(). `pool` (PostgreSQL): SqlRootResolver::Prefetch runs a query's
  // root fields concurrently on connections borrowed from it (never waiting for one; none free = sequential).
  bool debug = false;
  db::Pool* pool = nullptr;
  // FileField / ImageField output: media_url + the stored path (Django's MEDIA_URL; the `file_storage.media_url`
  // setting); an empty or null path stays as stored. Empty media_url: the stored path itself.
  std::string media_url = "/media/";
  // query_settings.max_page_size: a `first` / `last` above it is BAD_USER_INPUT (0 = no limit).
  int64_t max_page_size = 0;
};

// A parameter that is a (converted) leaf of a variable's value: the plan can be reused for other values of the
// variable by recomputing the parameter.
struct BoundValue {
  enum class Conversion : uint8_t { kParam, kText, kInt, kDate };
  size_t param_index = 0;
  std::string variable;
  std::vector<std::string> path;  // object keys, and "#<n>" for list indexes, inside the variable's value
  Conversion conversion = Conversion::kParam;
  models::FieldKind kind = models::FieldKind::kTextField;
  const schema::NamedType* enum_type = nullptr;  // enum filter values map back to stored choices
  std::string what;                              // the argument name, for conversion errors
};

struct CompiledQuery {
  std::string sql;
  db::Params params;
  // True when the statement's single row may be absent (a single object by key: no row = null).
  bool nullable_row = false;
  // Variables whose every occurrence in the field only feeds bound parameters ("value variables"): the plan holds
  // for any values of these with the same JSON shape (types, list lengths, object keys, nulls), re-bound with
  // RebindParams. Every other variable the field uses shapes the SQL (orderBy, first / last / offset / after /
  // before, @skip / @include, isnull flags, ...) and is part of the plan key by value.
  std::vector<std::string> value_variables;
  std::vector<BoundValue> bound_values;
};

// Compiles the root field described by `context` (a query root field bound to a model by `generated`).
// Errors: kBadUserInput for user mistakes (unknown orderBy path, bad cursor, negative first/last, missing or
// ambiguous single-object key, malformed id); kInternal for fields without a model binding.
[[nodiscard]] StatusOr<CompiledQuery> CompileRootField(const generate::GeneratedSchema& generated,
                                                       const execute::RootFieldContext& context, db::Dialect dialect,
                                                       const CompileOptions& options = {});

// How often each variable occurs in the root field (its merged nodes, arguments and directives at any depth) and
// in the operation's fragments.
[[nodiscard]] std::map<std::string, int> VariableOccurrences(const execute::RootFieldContext& context);

// `plan.params` with every BoundValue recomputed from `variables` (an error when a value no longer converts: the
// caller then compiles afresh, which reports it).
[[nodiscard]] StatusOr<db::Params> RebindParams(const generate::GeneratedSchema& generated, const CompiledQuery& plan,
                                                const json::Value& variables);

// The read-back of a mutation payload: the rows of `model` whose primary keys are `keys`, as one JSON array in
// `keys` order (keys without a row are skipped), each object shaped by the selection of `context.field_nodes` on
// `context.field`'s named type. One statement.
[[nodiscard]] StatusOr<CompiledQuery> CompileObjectsByKey(const generate::GeneratedSchema& generated,
                                                          const execute::RootFieldContext& context,
                                                          const models::Model& model, std::span<const db::Param> keys,
                                                          db::Dialect dialect, const CompileOptions& options = {});

// Opaque, tamper-checked connection cursors over row offsets ("r" + hex of offset and a keyed checksum).
// The SQL the compiler emits computes the same text inside the database.
[[nodiscard]] std::string EncodeCursor(int64_t offset, const CompileOptions& options = {});
[[nodiscard]] StatusOr<int64_t> DecodeCursor(std::string_view cursor, const CompileOptions& options = {});

}  // namespace railgun::compile
