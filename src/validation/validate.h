// Validate(): runs graphql-js 16's specifiedRules (spec §5 "Validation") over an executable document.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "language/ast.h"
#include "language/error.h"
#include "schema/schema.h"

namespace railgun::validation {

struct ValidationOptions {
  // After this many errors the next one is replaced by "Too many validation errors, error limit reached.
  // Validation aborted." and validation stops (graphql-js maxErrors).
  size_t max_errors = 100;
  // Run only these rules (graphql-js names, e.g. "NoUnusedFragmentsRule"); empty = all specifiedRules.
  std::vector<std::string> only_rules;
};

// Every validation error of `document` against `schema`, in graphql-js order; empty = valid. Each error has
// code GRAPHQL_VALIDATION_FAILED and the locations graphql-js reports. Never throws.
[[nodiscard]] std::vector<language::GraphQLError> Validate(const schema::Schema& schema,
                                                           const language::Document& document,
                                                           const ValidationOptions& options = {});

}  // namespace railgun::validation
