// Schema validation (graphql-js validateSchema): root types, names, fields, arguments, interfaces, unions, enums,
// input objects (incl. unbreakable non-null cycles and @oneOf rules) and directive definitions.
#pragma once

#include <vector>

#include "language/error.h"
#include "schema/schema.h"

namespace railgun::schema {

// All errors, in graphql-js order and with its messages; empty = valid. Locations point at the SDL nodes when
// the schema was built from SDL (line 0 entries are omitted).
[[nodiscard]] std::vector<language::GraphQLError> ValidateSchema(const Schema& schema);

}  // namespace railgun::schema
