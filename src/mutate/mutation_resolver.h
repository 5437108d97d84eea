// MutationResolver: the root resolver for a generated schema. Query root fields go to compile::SqlRootResolver
// (one statement each); the generated mutations (create / update / delete and their bulk forms) run here, each
// in one transaction: validate and write through Writer, read the payload's object back through the query
// compiler (one statement per returned row, any nesting), commit, and answer with the payload
// `{ok, success, <object>, errors}`. Domain failures (validation, not found, protected rows) roll back and come
// back in `errors`; only internal failures become GraphQL errors.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compile/resolver.h"
#include "db/connection.h"
#include "execute/executor.h"
#include "generate/generated_schema.h"
#include "models/settings.h"
#include "mutate/writer.h"

namespace railgun::mutate {

// MUTATION_SETTINGS -> options (max_bulk_size, max_nested_depth, the nested-relation switches).
[[nodiscard]] MutationOptions OptionsFromSettings(const models::Settings& settings);

class MutationResolver : public execute::RootResolver {
 public:
  // `generated`, `connection` and `options` must outlive the resolver; `cache` may be null.
  MutationResolver(const generate::GeneratedSchema& generated, db::Connection& connection,
                   compile::PlanCache* cache = nullptr, const MutationOptions* options = nullptr,
                   compile::CompileOptions compile_options = {});

  execute::ResolvedField ResolveRootField(const execute::RootFieldContext& context) override;
  // The query half's hooks: concurrent query root fields (PostgreSQL pool) and the debug extension.
  void Prepare(const execute::ExecutionRequest& request) override { queries_.Prepare(request); }
  [[nodiscard]] json::Value DebugExtension() const override { return queries_.DebugExtension(); }

  // The query half (for set_explain and tests).
  [[nodiscard]] compile::SqlRootResolver& queries() { return queries_; }

 private:
  const generate::GeneratedSchema& generated_;
  db::Connection& connection_;
  compile::SqlRootResolver queries_;
  MutationOptions default_options_;
  const MutationOptions& options_;
  compile::CompileOptions compile_options_;
};

}  // namespace railgun::mutate
