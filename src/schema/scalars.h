// Built-in scalars (spec §3.5: Int Float String Boolean ID) and scalar coercion with graphql-js 16 semantics and
// messages, plus the generic dispatch through ScalarHooks for custom scalars.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/value.h"
#include "language/ast.h"
#include "schema/schema.h"

namespace railgun::schema {

// Process-wide singletons shared by every schema (like graphql-js's GraphQLString etc.); their ScalarHooks are
// filled with the functions below.
[[nodiscard]] const NamedType* StringScalar();
[[nodiscard]] const NamedType* IntScalar();
[[nodiscard]] const NamedType* FloatScalar();
[[nodiscard]] const NamedType* BooleanScalar();
[[nodiscard]] const NamedType* IdScalar();
// String, Int, Float, Boolean, ID (graphql-js `specifiedScalarTypes` order).
[[nodiscard]] const std::vector<const NamedType*>& SpecifiedScalarTypes();
[[nodiscard]] const NamedType* SpecifiedScalarType(std::string_view name);  // nullptr if not built-in
// graphql-js isSpecifiedScalarType: compares by name.
[[nodiscard]] bool IsSpecifiedScalarType(const NamedType* type);

// Dispatch for any scalar type: calls its ScalarHooks, or graphql-js's defaults when a hook is empty (identity for
// serialize / parseValue, valueFromASTUntyped for parseLiteral). std::nullopt = invalid; *error gets the message
// (e.g. "Int cannot represent non-integer value: 1.5"). `error` may be null.
[[nodiscard]] std::optional<json::Value> SerializeScalar(const NamedType& type, const json::Value& value,
                                                         std::string* error);
[[nodiscard]] std::optional<json::Value> ParseScalarValue(const NamedType& type, const json::Value& value,
                                                          std::string* error);
// `variables` may be null (then variables inside lists/objects are treated as undefined).
[[nodiscard]] std::optional<json::Value> ParseScalarLiteral(const NamedType& type, const language::Value& literal,
                                                            const json::Value* variables, std::string* error);

// The built-in coercions (result coercion = Serialize*, variable input = Parse*Value, literals = Parse*Literal).
std::optional<json::Value> SerializeInt(const json::Value& v, std::string* error);
std::optional<json::Value> SerializeFloat(const json::Value& v, std::string* error);
std::optional<json::Value> SerializeString(const json::Value& v, std::string* error);
std::optional<json::Value> SerializeBoolean(const json::Value& v, std::string* error);
std::optional<json::Value> SerializeId(const json::Value& v, std::string* error);
std::optional<json::Value> ParseIntValue(const json::Value& v, std::string* error);
std::optional<json::Value> ParseFloatValue(const json::Value& v, std::string* error);
std::optional<json::Value> ParseStringValue(const json::Value& v, std::string* error);
std::optional<json::Value> ParseBooleanValue(const json::Value& v, std::string* error);
std::optional<json::Value> ParseIdValue(const json::Value& v, std::string* error);
std::optional<json::Value> ParseIntLiteral(const language::Value& v, std::string* error);
std::optional<json::Value> ParseFloatLiteral(const language::Value& v, std::string* error);
std::optional<json::Value> ParseStringLiteral(const language::Value& v, std::string* error);
std::optional<json::Value> ParseBooleanLiteral(const language::Value& v, std::string* error);
std::optional<json::Value> ParseIdLiteral(const language::Value& v, std::string* error);

// graphql-js valueFromASTUntyped: a literal as JSON (Int -> integer, Float -> double, Enum -> its name as a
// string, Variable -> its value in `variables` or std::nullopt when missing / variables is null).
[[nodiscard]] std::optional<json::Value> ValueFromAstUntyped(const language::Value& literal,
                                                             const json::Value* variables);
// graphql-js inspect() of a JSON value, as used in coercion messages: strings quoted ("\"abc\""), lists
// "[1, 2]", objects "{ a: 1 }", nesting beyond depth 2 as "[Array]" / "[Object]".
[[nodiscard]] std::string Inspect(const json::Value& value);
// JavaScript's String(number) for a double (e.g. 1e+21, 0.1, -0 -> "0").
[[nodiscard]] std::string JsNumberToString(double d);

}  // namespace railgun::schema
