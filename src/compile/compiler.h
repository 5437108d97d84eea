// The SQL compiler: one root field of a validated operation -> one SQL statement whose single cell is the field's
// complete JSON (response keys, nested objects, connections with edges / pageInfo / totalCount), for SQLite and
// PostgreSQL. Every user-supplied value is a bound parameter; identifiers come only from the model registry.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "db/connection.h"
#include "execute/executor.h"
#include "generate/generated_schema.h"
#include "railgun/status.h"

namespace railgun::compile {

struct CompileOptions {
  // Keys the cursor checksum: cursors from a server with another secret are rejected.
  std::string cursor_secret = "railgun-cursor-secret";
};

struct CompiledQuery {
  std::string sql;
  db::Params params;
  // True when the statement's single row may be absent (a single object by key: no row = null).
  bool nullable_row = false;
};

// Compiles the root field described by `context` (a query root field bound to a model by `generated`).
// Errors: kBadUserInput for user mistakes (unknown orderBy path, bad cursor, negative first/last, missing or
// ambiguous single-object key, malformed id); kInternal for fields without a model binding.
[[nodiscard]] StatusOr<CompiledQuery> CompileRootField(const generate::GeneratedSchema& generated,
                                                       const execute::RootFieldContext& context, db::Dialect dialect,
                                                       const CompileOptions& options = {});

// Opaque, tamper-checked connection cursors over row offsets ("r" + hex of offset and a keyed checksum).
// The SQL the compiler emits computes the same text inside the database.
[[nodiscard]] std::string EncodeCursor(int64_t offset, const CompileOptions& options = {});
[[nodiscard]] StatusOr<int64_t> DecodeCursor(std::string_view cursor, const CompileOptions& options = {});

}  // namespace railgun::compile
