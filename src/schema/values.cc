// graphql-js valueFromAST / astFromValue for typed input values (used for default values).
#include "schema/values.h"

#include <cmath>

#include "schema/scalars.h"

namespace railgun::schema {
namespace {

bool IsMissingVariable(const language::Value& v, const json::Value* variables) {
  return v.kind == language::ValueKind::kVariable && (!variables || !variables->find(v.text));
}

bool IsIntegerString(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (i >= s.size()) return false;
  if (s[i] == '0') return i + 1 == s.size();
  for (; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

}  // namespace

std::optional<json::Value> ValueFromAst(const language::Value& literal, const TypeRef& type,
                                        const json::Value* variables) {
  using language::ValueKind;
  if (literal.kind == ValueKind::kVariable) {
    if (!variables) return std::nullopt;
    const json::Value* v = variables->find(literal.text);
    if (!v) return std::nullopt;
    if (v->is_null() && type.is_non_null()) return std::nullopt;
    return *v;
  }
  if (type.is_non_null()) {
    if (literal.kind == ValueKind::kNull) return std::nullopt;
    return ValueFromAst(literal, type.of_type(), variables);
  }
  if (literal.kind == ValueKind::kNull) return json::Value::Null();
  if (type.is_list()) {
    TypeRef item_type = type.of_type();
    if (literal.kind == ValueKind::kList) {
      json::Value out = json::Value::MakeArray();
      for (const auto& item : literal.list) {
        if (IsMissingVariable(item, variables)) {
          if (item_type.is_non_null()) return std::nullopt;
          out.append(json::Value::Null());
          continue;
        }
        auto v = ValueFromAst(item, item_type, variables);
        if (!v) return std::nullopt;
        out.append(std::move(*v));
      }
      return out;
    }
    auto v = ValueFromAst(literal, item_type, variables);
    if (!v) return std::nullopt;
    return json::Value::MakeArray({std::move(*v)});
  }
  const NamedType* named = type.named;
  if (!named) return std::nullopt;
  if (named->kind == TypeKind::kInputObject) {
    if (literal.kind != ValueKind::kObject) return std::nullopt;
    json::Value out = json::Value::MakeObject();
    for (const InputValue& field : named->input_fields) {
      const language::ObjectField* node = nullptr;
      for (const auto& f : literal.fields)
        if (f.name.value == field.name) {
          node = &f;
          break;
        }
      if (!node || IsMissingVariable(node->value, variables)) {
        std::optional<json::Value> def;
        if (field.default_value) def = ValueFromAst(*field.default_value, field.type, nullptr);
        if (def) {
          out.push(field.name, std::move(*def));
        } else if (field.type.is_non_null()) {
          return std::nullopt;
        }
        continue;
      }
      auto v = ValueFromAst(node->value, field.type, variables);
      if (!v) return std::nullopt;
      out.push(field.name, std::move(*v));
    }
    if (named->one_of) {
      if (out.as_object().size() != 1) return std::nullopt;
      if (out.as_object().front().second.is_null()) return std::nullopt;
    }
    return out;
  }
  if (named->kind == TypeKind::kEnum) {
    // GraphQLEnumType.parseLiteral: only enum literals naming a defined value.
    if (literal.kind != ValueKind::kEnum || !named->enum_value(literal.text)) return std::nullopt;
    return json::Value::String(literal.text);
  }
  if (named->kind == TypeKind::kScalar) {
    std::string error;
    return ParseScalarLiteral(*named, literal, variables, &error);
  }
  return std::nullopt;
}

std::optional<language::Value> AstFromValue(const json::Value& value, const TypeRef& type) {
  using language::ValueKind;
  if (type.is_non_null()) {
    auto ast = AstFromValue(value, type.of_type());
    if (ast && ast->kind == ValueKind::kNull) return std::nullopt;
    return ast;
  }
  language::Value out;
  if (value.is_null()) {
    out.kind = ValueKind::kNull;
    return out;
  }
  if (type.is_list()) {
    TypeRef item_type = type.of_type();
    if (value.is_array()) {
      out.kind = ValueKind::kList;
      for (const auto& item : value.as_array()) {
        auto node = AstFromValue(item, item_type);
        if (node) out.list.push_back(std::move(*node));
      }
      return out;
    }
    return AstFromValue(value, item_type);
  }
  const NamedType* named = type.named;
  if (!named) return std::nullopt;
  if (named->kind == TypeKind::kInputObject) {
    if (!value.is_object()) return std::nullopt;
    out.kind = ValueKind::kObject;
    for (const InputValue& field : named->input_fields) {
      const json::Value* member = value.find(field.name);
      if (!member) continue;
      auto node = AstFromValue(*member, field.type);
      if (!node) continue;
      language::ObjectField f;
      f.name.value = field.name;
      f.value = std::move(*node);
      out.fields.push_back(std::move(f));
    }
    return out;
  }
  // Leaf types: serialize, then map the JavaScript type of the result onto a literal.
  std::optional<json::Value> serialized;
  if (named->kind == TypeKind::kEnum) {
    if (!value.is_string() || !named->enum_value(value.as_string())) return std::nullopt;
    serialized = value;
  } else if (named->kind == TypeKind::kScalar) {
    std::string error;
    serialized = SerializeScalar(*named, value, &error);
  } else {
    return std::nullopt;
  }
  if (!serialized || serialized->is_null()) return std::nullopt;
  if (serialized->is_bool()) {
    out.kind = ValueKind::kBoolean;
    out.boolean = serialized->as_bool();
    return out;
  }
  if (serialized->is_number()) {
    if (serialized->is_double() && !std::isfinite(serialized->as_double())) return std::nullopt;
    std::string text =
        serialized->is_int() ? std::to_string(serialized->as_int()) : JsNumberToString(serialized->as_double());
    out.kind = IsIntegerString(text) ? ValueKind::kInt : ValueKind::kFloat;
    out.text = std::move(text);
    return out;
  }
  if (serialized->is_string()) {
    if (named->kind == TypeKind::kEnum) {
      out.kind = ValueKind::kEnum;
    } else if (named == IdScalar() && IsIntegerString(serialized->as_string())) {
      out.kind = ValueKind::kInt;
    } else {
      out.kind = ValueKind::kString;
    }
    out.text = serialized->as_string();
    return out;
  }
  return std::nullopt;  // graphql-js throws "Cannot convert value to AST"
}

}  // namespace railgun::schema
