// Query depth and complexity limits, computed on a validated document for the operation that will run.
// The model (also in README.md):
// - Depth: a root field is at depth 1, each nested selection set adds 1, except Relay plumbing: `edges` of a
//   connection and `node` of an edge sit at the level of the field that returned the connection (so depth counts
//   objects, as a relation path does). Fragment spreads and inline fragments are expanded in place (they add no
//   level of their own). Introspection meta-fields (`__schema`, `__type`, `__typename`) and everything under them
//   are not counted (introspection has its own switch).
// - Complexity: every field costs 1. A field given `first` or `last` costs 1 + p * (cost of its selection set),
//   p = the pages of `page_size` rows (query_settings.default_page_size, 20) that argument asks for, rounded up
//   (the larger argument when both; a literal, or a variable's value, or the variable's default). Without them
//   p = 1. So the cost counts fields times pages, as GitHub's rate-limit score counts nodes per 100: a page of
//   20 costs what one row does, `first: 1000` nested three deep costs 125,000 times its fields.
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
  int64_t page_size = 20;      // rows per page for the complexity multiplier
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
                           const language::OperationDefinition& op, const json::Value& variables, int64_t page_size);

// The error for a cost over `limits` (code QUERY_TOO_COMPLEX, extensions.limit / actual), depth checked first;
// nullopt when within limits.
std::optional<language::GraphQLError> CheckLimits(const QueryCost& cost, const QueryLimits& limits,
                                                  const language::OperationDefinition& op);

}  // namespace railgun::security
