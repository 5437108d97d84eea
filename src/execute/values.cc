// Execution-time input coercion: variables, arguments, directive arguments, coerceInputValue (graphql-js 16).
#include "execute/values.h"

#include <string_view>
#include <utility>

#include "language/printer.h"
#include "schema/scalars.h"
#include "schema/type_comparators.h"
#include "schema/values.h"
#include "validation/suggestion_list.h"

namespace railgun::execute {
namespace {

using language::GraphQLError;
using language::PathSegment;
using language::SourceLocation;

SourceLocation ToSource(const language::Location& loc) { return SourceLocation{loc.line, loc.column}; }

GraphQLError ErrorAt(std::string message, const language::Location& loc) {
  GraphQLError e;
  e.message = std::move(message);
  if (loc.line != 0) e.locations.push_back(ToSource(loc));
  return e;
}

std::string DidYouMeanEnumValue(const schema::NamedType& type, std::string_view unknown) {
  std::vector<std::string> names;
  names.reserve(type.enum_values.size());
  for (const auto& v : type.enum_values) names.push_back(v.name);
  return validation::DidYouMean("the enum value", validation::SuggestionList(unknown, names));
}

class InputCoercer {
 public:
  explicit InputCoercer(std::vector<InputCoercionError>* errors) : errors_(errors) {}

  // std::nullopt plays graphql-js's `undefined` (the value was invalid and an error was reported).
  std::optional<json::Value> Coerce(const json::Value& input, const schema::NamedType* named,
                                    const schema::Modifier* mods, std::size_t mod_count) {
    if (mod_count > 0 && mods[0] == schema::Modifier::kNonNull) {
      if (!input.is_null()) return Coerce(input, named, mods + 1, mod_count - 1);
      schema::TypeRef type{named, {mods, mods + mod_count}};
      Report(input, "Expected non-nullable type \"" + type.ToString() + "\" not to be null.");
      return std::nullopt;
    }
    if (input.is_null()) return json::Value();
    if (mod_count > 0) {  // list
      json::Value out = json::Value::MakeArray();
      if (input.is_array()) {
        out.as_array().reserve(input.as_array().size());
        int64_t index = 0;
        for (const auto& item : input.as_array()) {
          path_.emplace_back(index++);
          out.append(Coerce(item, named, mods + 1, mod_count - 1).value_or(json::Value()));
          path_.pop_back();
        }
        return out;
      }
      out.append(Coerce(input, named, mods + 1, mod_count - 1).value_or(json::Value()));
      return out;
    }
    if (named->kind == schema::TypeKind::kInputObject) return CoerceObject(input, *named);
    std::string error;
    std::optional<json::Value> parsed = ParseLeafValue(*named, input, &error);
    if (!parsed) Report(input, error.empty() ? "Expected type \"" + named->name + "\"." : error);
    return parsed;
  }

 private:
  std::optional<json::Value> CoerceObject(const json::Value& input, const schema::NamedType& type) {
    // graphql-js isObjectLike: arrays count as objects whose keys are their indices.
    if (!input.is_object() && !input.is_array()) {
      Report(input, "Expected type \"" + type.name + "\" to be an object.");
      return std::nullopt;
    }
    json::Value out = json::Value::MakeObject();
    // Keys set on the coerced object, including those whose value is undefined (they count for @oneOf).
    std::size_t key_count = 0;
    bool first_is_null = false;
    for (const auto& field : type.input_fields) {
      const json::Value* field_value = input.find(field.name);
      if (field_value == nullptr) {
        if (field.default_value) {
          if (auto d = schema::ValueFromAst(*field.default_value, field.type, nullptr)) {
            if (key_count++ == 0) first_is_null = d->is_null();
            out.push(field.name, std::move(*d));
            continue;
          }
        }
        if (field.type.is_non_null()) {
          Report(input,
                 "Field \"" + field.name + "\" of required type \"" + field.type.ToString() + "\" was not provided.");
        }
        continue;
      }
      path_.emplace_back(field.name);
      std::optional<json::Value> coerced =
          Coerce(*field_value, field.type.named, field.type.mods.data(), field.type.mods.size());
      path_.pop_back();
      if (key_count++ == 0) first_is_null = coerced && coerced->is_null();
      out.push(field.name, std::move(coerced).value_or(json::Value()));
    }
    auto report_unknown = [&](const std::string& key) {
      if (type.input_field(key) != nullptr) return;
      std::vector<std::string> names;
      for (const auto& f : type.input_fields) names.push_back(f.name);
      Report(input, "Field \"" + key + "\" is not defined by type \"" + type.name + "\"." +
                        validation::DidYouMean(validation::SuggestionList(key, names)));
    };
    if (input.is_object()) {
      for (const auto& member : input.as_object()) report_unknown(member.first);
    } else {
      for (std::size_t i = 0; i < input.as_array().size(); ++i) report_unknown(std::to_string(i));
    }
    if (type.one_of) {
      if (key_count != 1) Report(input, "Exactly one key must be specified for OneOf type \"" + type.name + "\".");
      if (key_count > 0 && first_is_null) {
        const std::string& key = out.as_object().front().first;
        path_.emplace_back(key);
        Report(json::Value(), "Field \"" + key + "\" must be non-null.");
        path_.pop_back();
      }
    }
    return out;
  }

  void Report(const json::Value& invalid, std::string message) {
    if (errors_ == nullptr) return;
    errors_->push_back(InputCoercionError{path_, invalid, std::move(message)});
  }

  std::vector<InputCoercionError>* errors_;
  std::vector<PathSegment> path_;
};

}  // namespace

std::optional<json::Value> ParseEnumValue(const schema::NamedType& type, const json::Value& value, std::string* error) {
  if (!value.is_string()) {
    if (error) {
      std::string shown = schema::Inspect(value);
      *error = "Enum \"" + type.name + "\" cannot represent non-string value: " + shown + "." +
               DidYouMeanEnumValue(type, shown);
    }
    return std::nullopt;
  }
  if (type.enum_value(value.as_string()) == nullptr) {
    if (error) {
      *error = "Value \"" + value.as_string() + "\" does not exist in \"" + type.name + "\" enum." +
               DidYouMeanEnumValue(type, value.as_string());
    }
    return std::nullopt;
  }
  return value;
}

std::optional<json::Value> SerializeEnum(const schema::NamedType& type, const json::Value& value, std::string* error) {
  if (value.is_string() && type.enum_value(value.as_string()) != nullptr) return value;
  if (error) *error = "Enum \"" + type.name + "\" cannot represent value: " + schema::Inspect(value);
  return std::nullopt;
}

std::optional<json::Value> ParseLeafValue(const schema::NamedType& type, const json::Value& value, std::string* error) {
  if (type.kind == schema::TypeKind::kEnum) return ParseEnumValue(type, value, error);
  return schema::ParseScalarValue(type, value, error);
}

json::Value CoerceInputValue(const json::Value& input, const schema::TypeRef& type,
                             std::vector<InputCoercionError>* errors) {
  InputCoercer coercer(errors);
  return coercer.Coerce(input, type.named, type.mods.data(), type.mods.size()).value_or(json::Value());
}

std::string PrintPathArray(const std::vector<PathSegment>& path) {
  std::string out;
  for (const auto& segment : path) {
    if (const auto* key = std::get_if<std::string>(&segment)) {
      out += '.';
      out += *key;
    } else {
      out += '[' + std::to_string(std::get<int64_t>(segment)) + ']';
    }
  }
  return out;
}

CoercedVariables CoerceVariableValues(const schema::Schema& schema,
                                      const std::vector<language::VariableDefinition>& definitions,
                                      const json::Value& inputs, std::size_t max_errors) {
  CoercedVariables result;
  static const json::Value kEmptyObject = json::Value::MakeObject();
  const json::Value& provided = inputs.is_object() ? inputs : kEmptyObject;
  bool aborted = false;
  auto on_error = [&](GraphQLError error) {
    if (aborted) return;
    if (result.errors.size() >= max_errors) {
      GraphQLError e;
      e.message = "Too many errors processing variables, error limit reached. Execution aborted.";
      result.errors.push_back(std::move(e));
      aborted = true;
      return;
    }
    result.errors.push_back(std::move(error));
  };
  for (const auto& definition : definitions) {
    if (aborted) break;
    const std::string& name = definition.variable.value;
    std::optional<schema::TypeRef> type = schema::TypeFromAst(schema, definition.type);
    if (!type || !type->named->is_input_type()) {
      on_error(ErrorAt("Variable \"$" + name + "\" expected value of type \"" + language::PrintType(definition.type) +
                           "\" which cannot be used as an input type.",
                       definition.type.loc));
      continue;
    }
    const json::Value* value = provided.find(name);
    if (value == nullptr) {
      if (definition.default_value) {
        if (auto d = schema::ValueFromAst(*definition.default_value, *type, nullptr)) {
          result.values.push(name, std::move(*d));
        }
      } else if (type->is_non_null()) {
        on_error(ErrorAt("Variable \"$" + name + "\" of required type \"" + type->ToString() + "\" was not provided.",
                         definition.loc));
      }
      continue;
    }
    if (value->is_null() && type->is_non_null()) {
      on_error(ErrorAt("Variable \"$" + name + "\" of non-null type \"" + type->ToString() + "\" must not be null.",
                       definition.loc));
      continue;
    }
    std::vector<InputCoercionError> errors;
    json::Value coerced = CoerceInputValue(*value, *type, &errors);
    for (auto& e : errors) {
      std::string message = "Variable \"$" + name + "\" got invalid value " + schema::Inspect(e.invalid_value);
      if (!e.path.empty()) message += " at \"" + name + PrintPathArray(e.path) + "\"";
      message += "; " + e.message;
      on_error(ErrorAt(std::move(message), definition.loc));
    }
    result.values.push(name, std::move(coerced));
  }
  return result;
}

ArgumentValues CoerceArgumentValues(const std::vector<schema::InputValue>& definitions,
                                    const std::vector<language::Argument>& arguments,
                                    const language::Location& node_location, const json::Value& variables) {
  ArgumentValues result;
  for (const auto& definition : definitions) {
    const std::string& name = definition.name;
    // graphql-js keyMap: the last argument with this name wins.
    const language::Argument* argument = nullptr;
    for (const auto& a : arguments)
      if (a.name.value == name) argument = &a;
    auto use_default = [&]() -> bool {
      if (!definition.default_value) return false;
      if (auto d = schema::ValueFromAst(*definition.default_value, definition.type, nullptr)) {
        result.values.push(name, std::move(*d));
        return true;
      }
      return false;
    };
    if (argument == nullptr) {
      if (!use_default() && definition.type.is_non_null()) {
        result.error = ErrorAt(
            "Argument \"" + name + "\" of required type \"" + definition.type.ToString() + "\" was not provided.",
            node_location);
        return result;
      }
      continue;
    }
    const language::Value& value_node = argument->value;
    bool is_null = value_node.kind == language::ValueKind::kNull;
    if (value_node.kind == language::ValueKind::kVariable) {
      const json::Value* variable = variables.is_object() ? variables.find(value_node.text) : nullptr;
      if (variable == nullptr) {
        if (!use_default() && definition.type.is_non_null()) {
          result.error = ErrorAt("Argument \"" + name + "\" of required type \"" + definition.type.ToString() +
                                     "\" was provided the variable \"$" + value_node.text +
                                     "\" which was not provided a runtime value.",
                                 value_node.loc);
          return result;
        }
        continue;
      }
      is_null = variable->is_null();
    }
    if (is_null && definition.type.is_non_null()) {
      result.error =
          ErrorAt("Argument \"" + name + "\" of non-null type \"" + definition.type.ToString() + "\" must not be null.",
                  value_node.loc);
      return result;
    }
    std::optional<json::Value> coerced =
        schema::ValueFromAst(value_node, definition.type, variables.is_object() ? &variables : nullptr);
    if (!coerced) {
      result.error = ErrorAt("Argument \"" + name + "\" has invalid value " + language::PrintValue(value_node) + ".",
                             value_node.loc);
      return result;
    }
    result.values.push(name, std::move(*coerced));
  }
  return result;
}

DirectiveValues CoerceDirectiveValues(const schema::DirectiveDef& definition,
                                      const std::vector<language::Directive>& directives,
                                      const json::Value& variables) {
  DirectiveValues result;
  for (const auto& directive : directives) {
    if (directive.name.value != definition.name) continue;
    ArgumentValues args = CoerceArgumentValues(definition.args, directive.arguments, directive.loc, variables);
    if (args.error) {
      result.error = std::move(args.error);
    } else {
      result.values = std::move(args.values);
    }
    break;
  }
  return result;
}

}  // namespace railgun::execute
