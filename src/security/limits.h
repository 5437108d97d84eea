// Query depth and complexity limits, computed on a validated document for the operation that will run.
// The model (also in README.md):
// - Depth: a root field is at depth 1, each nested selection set adds 1; fragment spreads and inline fragments
//   are expanded in place (they add no level of their own). Introspection meta-fields (`__schema`, `__type`,
//   `__typename`) and everything under them are not counted (introspection has its own switch).
// - Complexity: every field costs 1. A field whose definition takes `first` or `last` (connections and paginated
//   lists) costs 1 + n * (cost of its selection set), n = its `first` / `last` argument (the larger when both;
//   a literal, or a variable's value, or the variable's default), else `default_page_size`. List fields without
//   those arguments (`edges`, plain lists) do not multiply again: the page was paid by the paginated field above.
//   Fragments count at each spread, the branches of an abstract type are summed (an upper bound), @skip /
//   @include are not evaluated (also an upper bound). Saturates instead of overflowing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "json/value.h"
#include "language/ast.h"
#include "language/error.h"
#include "schema/schema.h"

namespace railgun::models {
class Settings;
}

namespace railgun::security {

struct QueryLimits {
  int64_t max_depth = 0;       // 0 = unlimited
  int64_t max_complexity = 0;  // 0 = unlimited
  int64_t default_page_size = 20;
  [[nodiscard]] bool enabled() const { return max_depth > 0 || max_complexity > 0; }
};

// The limits a schema's settings ask for: the stricter (smaller non-zero) of performance_settings.max_query_depth
// and security_settings.query_analysis.max_depth (the latter only when query_analysis.enabled), and likewise for
// complexity (performance_settings.max_query_complexity only when enable_query_cost_analysis).
QueryLimits LimitsFromSettings(const models::Settings& settings);

struct QueryCost {
  int64_t depth = 0;
  int64_t complexity = 0;
  language::Location deepest;  // the first field found at the maximal depth
};

// The operation `operation_name` selects (or the only one); nullptr when none / ambiguous (execution reports it).
const language::OperationDefinition* SelectOperation(const language::Document& doc,
                                                     const std::optional<std::string>& operation_name);

// Depth and complexity of `op` (the document must have passed validation). `variables` may be null.
QueryCost AnalyzeOperation(const schema::Schema& schema, const language::Document& doc,
                           const language::OperationDefinition& op, const json::Value& variables,
                           int64_t default_page_size);

// The error for a cost over `limits` (code QUERY_TOO_COMPLEX, extensions.limit / actual), depth checked first;
// nullopt when within limits.
std::optional<language::GraphQLError> CheckLimits(const QueryCost& cost, const QueryLimits& limits,
                                                  const language::OperationDefinition& op);

}  // namespace railgun::security
