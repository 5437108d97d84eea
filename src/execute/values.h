// Input coercion at execution time (spec §6.1.2 variables, §6.4.1 arguments) with graphql-js 16 semantics and
// messages: getVariableValues, getArgumentValues, getDirectiveValues and coerceInputValue.
// Literal coercion (valueFromAST) lives in schema/values.h (schema::ValueFromAst) and is used from here.
//
// Coerced values are json::Value trees; "undefined" (absent) is modelled by absence of an object member or
// std::nullopt, JSON null by json null. Enum values are represented by their names (buildSchema semantics).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "json/value.h"
#include "language/ast.h"
#include "language/error.h"
#include "schema/schema.h"
#include "schema/values.h"

namespace railgun::execute {

// graphql-js valueFromAST (literal -> internal value; std::nullopt = invalid). Implemented by the schema module.
[[nodiscard]] inline std::optional<json::Value> ValueFromAst(const language::Value& literal,
                                                             const schema::TypeRef& type,
                                                             const json::Value* variables) {
  return schema::ValueFromAst(literal, type, variables);
}

// One coerceInputValue failure: where inside the input it happened, the offending value and the message.
struct InputCoercionError {
  std::vector<language::PathSegment> path;  // e.g. {"list", 2, "name"}
  json::Value invalid_value;
  std::string message;  // e.g. `Int cannot represent non-integer value: "abc"`
};

// graphql-js coerceInputValue: coerces an external (JSON) value to `type`. Errors are appended to `errors`
// (every failure is reported; the returned value is then only partially meaningful). A non-list value given for
// a list type becomes a list of one.
[[nodiscard]] json::Value CoerceInputValue(const json::Value& input, const schema::TypeRef& type,
                                           std::vector<InputCoercionError>* errors);

// graphql-js enum parseValue / serialize with their messages (enum values are their names).
[[nodiscard]] std::optional<json::Value> ParseEnumValue(const schema::NamedType& type, const json::Value& value,
                                                        std::string* error);
[[nodiscard]] std::optional<json::Value> SerializeEnum(const schema::NamedType& type, const json::Value& value,
                                                       std::string* error);
// parseValue of any leaf type (scalar hooks / built-ins, or enum).
[[nodiscard]] std::optional<json::Value> ParseLeafValue(const schema::NamedType& type, const json::Value& value,
                                                        std::string* error);

struct CoercedVariables {
  json::Value values = json::Value::MakeObject();  // variable name -> coerced value (absent = not provided)
  std::vector<language::GraphQLError> errors;      // graphql-js getVariableValues errors (no extensions.code)
  [[nodiscard]] bool ok() const { return errors.empty(); }
};

// graphql-js getVariableValues(schema, varDefs, inputs, {maxErrors}). `inputs` is the request's variables
// object (null = none). When more than `max_errors` errors occur, the last error is graphql-js's
// "Too many errors processing variables, error limit reached. Execution aborted."
[[nodiscard]] CoercedVariables CoerceVariableValues(const schema::Schema& schema,
                                                    const std::vector<language::VariableDefinition>& definitions,
                                                    const json::Value& inputs, std::size_t max_errors = 50);

struct ArgumentValues {
  json::Value values = json::Value::MakeObject();  // argument name -> coerced value
  std::optional<language::GraphQLError> error;     // the first failure (getArgumentValues throws it)
  [[nodiscard]] bool ok() const { return !error.has_value(); }
};

// graphql-js getArgumentValues(def, node, variableValues): `definitions` are the field's or directive's
// arguments, `arguments` the AST arguments, `node_location` the field / directive node (used by "was not
// provided" errors), `variables` the coerced variable values (object or null).
[[nodiscard]] ArgumentValues CoerceArgumentValues(const std::vector<schema::InputValue>& definitions,
                                                  const std::vector<language::Argument>& arguments,
                                                  const language::Location& node_location,
                                                  const json::Value& variables);

// graphql-js getDirectiveValues: the first directive named like `definition` among `directives`, coerced;
// std::nullopt values (and no error) when the directive is absent.
struct DirectiveValues {
  std::optional<json::Value> values;
  std::optional<language::GraphQLError> error;
};
[[nodiscard]] DirectiveValues CoerceDirectiveValues(const schema::DirectiveDef& definition,
                                                    const std::vector<language::Directive>& directives,
                                                    const json::Value& variables);

// graphql-js printPathArray: `.a[0].b`.
[[nodiscard]] std::string PrintPathArray(const std::vector<language::PathSegment>& path);

}  // namespace railgun::execute
