// The GraphQL executor (spec §6): operation selection, variable coercion, field collection, resolution, value
// completion with null propagation, and the plug-in point through which the SQL compiler resolves root fields.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "execute/collect_fields.h"
#include "json/value.h"
#include "language/ast.h"
#include "language/error.h"
#include "schema/schema.h"

namespace railgun::execute {

// Everything a root-field resolver may look at. References are valid for the duration of the call.
struct RootFieldContext {
  const schema::Schema& schema;
  language::OperationType operation;
  const schema::NamedType& root_type;
  const schema::Field& field;
  std::string_view response_key;
  // Every field node merged under `response_key` (same name and arguments; selection sets are unioned).
  std::span<const language::Selection* const> field_nodes;
  const json::Value& arguments;  // coerced argument values (object)
  const json::Value& variables;  // coerced variable values (object)
  const FragmentMap& fragments;
  const json::Value& root_value;
};

// What a root-field resolver produced.
struct ResolvedField {
  enum class Kind : uint8_t {
    kDefault,   // not handled: use the default resolver (the root value's property)
    kValue,     // `value` is the field's raw value; the executor completes it against the selection set
    kComplete,  // `value` is already the completed result (e.g. json::Value::Raw from the database), spliced
    kError,     // the field failed with `errors.front()`; null-propagation applies
  };
  Kind kind = Kind::kDefault;
  json::Value value;
  // kError: the field error first. Other kinds: extra errors reported as they are. Errors without `locations`
  // / `path` get the field's.
  std::vector<language::GraphQLError> errors;
  // Non-fatal notices for the response's `extensions.warnings` (e.g. ignored nested input); located like errors.
  std::vector<language::GraphQLError> warnings;

  static ResolvedField Default() { return {}; }
  static ResolvedField Value(json::Value v) { return {Kind::kValue, std::move(v), {}, {}}; }
  static ResolvedField Complete(json::Value v) { return {Kind::kComplete, std::move(v), {}, {}}; }
  static ResolvedField Error(language::GraphQLError e) {
    ResolvedField r{Kind::kError, {}, {}, {}};
    r.errors.push_back(std::move(e));
    return r;
  }
  static ResolvedField Error(std::string message, std::string code = {}) {
    language::GraphQLError e;
    e.message = std::move(message);
    e.code = std::move(code);
    return Error(std::move(e));
  }
};

// Resolves the fields of the root operation types (query, mutation and subscription roots, except the
// introspection meta-fields). Mutation root fields are resolved serially, in document order.
struct ExecutionRequest;

class RootResolver {
 public:
  virtual ~RootResolver() = default;
  virtual ResolvedField ResolveRootField(const RootFieldContext& context) = 0;
  // Called by Execute once the operation is selected and its variables coerced, before any root field resolves
  // (the SQL resolver starts independent root fields concurrently here).
  virtual void Prepare(const ExecutionRequest& request) { (void)request; }
  // Written as the response's `extensions.debug` when not null (plan-cache use and SQL when debugging).
  [[nodiscard]] virtual json::Value DebugExtension() const { return json::Value(); }
};

struct ExecutionRequest {
  const schema::Schema* schema = nullptr;
  const language::Document* document = nullptr;  // parsed and validated
  std::optional<std::string> operation_name;
  json::Value variables;             // the request's variables object (null = none)
  json::Value root_value;            // the default resolver reads root fields from this value
  RootResolver* resolver = nullptr;  // optional
  std::size_t max_variable_errors = 50;
};

struct ExecutionResult {
  std::optional<json::Value> data;  // absent when execution could not start (operation / variable errors)
  std::vector<language::GraphQLError> errors;
  // Resolver warnings, written as `"extensions":{"warnings":[...]}` after "data" when non-empty.
  std::vector<language::GraphQLError> warnings;
  // The resolver's DebugExtension(), written as `"extensions":{..., "debug": ...}` when not null.
  json::Value debug;

  // {"errors":[...],"data":...} in graphql-js order: "errors" only when non-empty, "data" when present.
  [[nodiscard]] json::Value ToJson() const;
  // The same document written straight to text (no copy of `data`).
  void WriteJson(std::string& out) const;
  [[nodiscard]] std::string ToJsonText() const {
    std::string out;
    WriteJson(out);
    return out;
  }
};

// Executes one operation of a validated document (graphql-js `execute`). Never throws.
[[nodiscard]] ExecutionResult Execute(const ExecutionRequest& request);

}  // namespace railgun::execute
