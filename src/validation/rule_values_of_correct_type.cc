// §5.6.1 Values of Correct Type (+ OneOf input objects) — ValuesOfCorrectTypeRule.
#include <string>
#include <unordered_map>

#include "language/printer.h"
#include "schema/scalars.h"
#include "validation/rules.h"
#include "validation/suggestion_list.h"

namespace railgun::validation {
namespace {

using language::ValueKind;

class ValuesOfCorrectTypeRule : public Visitor {
 public:
  explicit ValuesOfCorrectTypeRule(ValidationContext& context) : context_(context) {}

  bool EnterOperation(const language::OperationDefinition&) override {
    variable_definitions_.clear();
    return true;
  }
  bool EnterVariableDefinition(const language::VariableDefinition& definition) override {
    variable_definitions_[definition.variable.value] = &definition;
    return true;
  }

  bool EnterValue(const language::Value& value) override {
    const TypeInfo& info = context_.type_info();
    switch (value.kind) {
      case ValueKind::kList: {
        const Type* parent = info.parent_input_type();
        if (parent == nullptr || !parent->nullable().is_list()) {
          CheckLeafValue(value);
          return false;  // don't traverse further
        }
        return true;
      }
      case ValueKind::kObject: {
        const Type* input = info.input_type();
        if (input == nullptr || input->named->kind != schema::TypeKind::kInputObject) {
          CheckLeafValue(value);
          return false;
        }
        CheckObject(value, *input->named);
        return true;
      }
      case ValueKind::kNull: {
        const Type* input = info.input_type();
        if (input != nullptr && input->is_non_null())
          context_.ReportError("Expected value of type \"" + input->ToString() + "\", found null.", {value.loc});
        return true;
      }
      case ValueKind::kVariable: return true;
      default: CheckLeafValue(value); return true;
    }
  }

  bool EnterObjectField(const language::ObjectField& field) override {
    const TypeInfo& info = context_.type_info();
    const Type* parent = info.parent_input_type();
    if (info.input_type() != nullptr || parent == nullptr || parent->named->kind != schema::TypeKind::kInputObject)
      return true;
    std::vector<std::string> names;
    for (const schema::InputValue& def : parent->named->input_fields) names.push_back(def.name);
    context_.ReportError("Field \"" + field.name.value + "\" is not defined by type \"" + parent->named->name + "\"." +
                             DidYouMean(SuggestionList(field.name.value, names)),
                         {field.loc});
    return true;
  }

 private:
  void CheckObject(const language::Value& value, const schema::NamedType& type) {
    // graphql-js keyMap: one entry per field name (the last occurrence), in first-occurrence order.
    std::vector<std::string_view> keys;
    std::unordered_map<std::string_view, const language::ObjectField*> by_name;
    for (const language::ObjectField& field : value.fields) {
      auto [it, inserted] = by_name.insert_or_assign(field.name.value, &field);
      if (inserted) keys.push_back(field.name.value);
    }
    for (const schema::InputValue& def : type.input_fields) {
      if (by_name.contains(def.name) || !def.type.is_non_null() || def.default_value) continue;
      context_.ReportError("Field \"" + type.name + "." + def.name + "\" of required type \"" + def.type.ToString() +
                               "\" was not provided.",
                           {value.loc});
    }
    if (!type.one_of) return;
    if (keys.size() != 1) {
      context_.ReportError("OneOf Input Object \"" + type.name + "\" must specify exactly one key.", {value.loc});
      return;
    }
    const language::Value& field_value = by_name[keys[0]]->value;
    if (field_value.kind == ValueKind::kNull) {
      context_.ReportError("Field \"" + type.name + "." + std::string(keys[0]) + "\" must be non-null.", {value.loc});
      return;
    }
    if (field_value.kind == ValueKind::kVariable) {
      auto it = variable_definitions_.find(field_value.text);
      // graphql-js crashes on an undefined variable here; NoUndefinedVariables reports it instead.
      if (it != variable_definitions_.end() && it->second->type.kind != language::TypeRef::Kind::kNonNull)
        context_.ReportError("Variable \"" + field_value.text +
                                 "\" must be non-nullable to be used for OneOf Input Object \"" + type.name + "\".",
                             {value.loc});
    }
  }

  // graphql-js isValidValueNode: leaf types decide through their parseLiteral.
  void CheckLeafValue(const language::Value& value) {
    const Type* location_type = context_.type_info().input_type();
    if (location_type == nullptr) return;
    const schema::NamedType& type = *location_type->named;
    auto expected = [&] {
      return "Expected value of type \"" + location_type->ToString() + "\", found " + language::PrintValue(value) + ".";
    };
    if (!type.is_leaf()) {
      context_.ReportError(expected(), {value.loc});
      return;
    }
    if (type.kind == schema::TypeKind::kEnum) {
      CheckEnumLiteral(type, value);
      return;
    }
    std::string error;
    if (schema::ParseScalarLiteral(type, value, nullptr, &error)) return;
    if (schema::IsSpecifiedScalarType(&type)) {
      // Built-in scalars throw a GraphQLError whose message is reported as is.
      context_.ReportError(error.empty() ? expected() : error, {value.loc});
    } else if (error.empty()) {
      context_.ReportError(expected(), {value.loc});
    } else {
      std::string message = expected();
      message.back() = ';';
      context_.ReportError(message + " " + error, {value.loc});
    }
  }

  // GraphQLEnumType.parseLiteral.
  void CheckEnumLiteral(const schema::NamedType& type, const language::Value& value) {
    if (value.kind == ValueKind::kEnum && type.enum_value(value.text) != nullptr) return;
    const std::string printed = language::PrintValue(value);
    std::vector<std::string> names;
    for (const schema::EnumValue& v : type.enum_values) names.push_back(v.name);
    const std::string suggestion = DidYouMean("the enum value", SuggestionList(printed, names));
    if (value.kind != ValueKind::kEnum) {
      context_.ReportError("Enum \"" + type.name + "\" cannot represent non-enum value: " + printed + "." + suggestion,
                           {value.loc});
    } else {
      context_.ReportError("Value \"" + printed + "\" does not exist in \"" + type.name + "\" enum." + suggestion,
                           {value.loc});
    }
  }

  ValidationContext& context_;
  std::unordered_map<std::string_view, const language::VariableDefinition*> variable_definitions_;
};

}  // namespace

std::unique_ptr<Visitor> MakeValuesOfCorrectTypeRule(ValidationContext& context) {
  return std::make_unique<ValuesOfCorrectTypeRule>(context);
}

}  // namespace railgun::validation
