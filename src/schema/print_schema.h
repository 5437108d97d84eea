// Schema -> SDL, byte for byte like graphql-js 16 printSchema / printIntrospectionSchema.
#pragma once

#include <optional>
#include <string>

#include "schema/schema.h"

namespace railgun::schema {

// User-defined types and directives (no built-in scalars, specified directives or introspection types).
[[nodiscard]] std::string PrintSchema(const Schema& schema);
// Only the specified directives and the introspection types.
[[nodiscard]] std::string PrintIntrospectionSchema(const Schema& schema);
// An input value's default as graphql-js prints it (astFromValue(valueFromAST(literal, type), type)), which is
// also what introspection's __InputValue.defaultValue returns; std::nullopt when there is none (or it is invalid).
[[nodiscard]] std::optional<std::string> PrintDefaultValue(const InputValue& input);

}  // namespace railgun::schema
