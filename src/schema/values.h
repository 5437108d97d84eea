// Typed value conversions used for default values: graphql-js valueFromAST and astFromValue.
#pragma once

#include <optional>

#include "json/value.h"
#include "language/ast.h"
#include "schema/schema.h"

namespace railgun::schema {

// graphql-js valueFromAST: the literal coerced to `type` (enum values become their names as strings), or
// std::nullopt when it is invalid. Variables are looked up in `variables` (may be null = none provided).
[[nodiscard]] std::optional<json::Value> ValueFromAst(const language::Value& literal, const TypeRef& type,
                                                      const json::Value* variables);
// graphql-js astFromValue: the literal for an internal `value` of `type`; std::nullopt for "undefined".
[[nodiscard]] std::optional<language::Value> AstFromValue(const json::Value& value, const TypeRef& type);

}  // namespace railgun::schema
