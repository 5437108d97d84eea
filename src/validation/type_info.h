// TypeInfo: the schema types in scope at each point of a document traversal (graphql-js TypeInfo).
#pragma once

#include <vector>

#include "language/ast.h"
#include "schema/schema.h"

namespace railgun::validation {

// A possibly-absent type: `named == nullptr` plays graphql-js's `undefined`.
using Type = schema::TypeRef;

// graphql-js typeFromAST (via schema::TypeFromAst): the schema type an AST type reference names, or an
// undefined Type when the named type does not exist.
[[nodiscard]] Type ResolveAstType(const schema::Schema& schema, const language::TypeRef& ast);

// graphql-js getFieldDef for validation: meta-fields (__schema / __type on the query type, __typename on
// any composite type) first, then the object's or interface's own fields. Null when unknown.
[[nodiscard]] const schema::Field* LookupFieldDef(const schema::Schema& schema, const schema::NamedType* parent,
                                                  std::string_view field_name);

class TypeInfo {
 public:
  explicit TypeInfo(const schema::Schema& schema) : schema_(schema) {}

  // Getters return nullptr where graphql-js returns undefined.
  [[nodiscard]] const Type* type() const { return Top(type_stack_); }
  [[nodiscard]] const schema::NamedType* parent_type() const {
    return parent_type_stack_.empty() ? nullptr : parent_type_stack_.back();
  }
  [[nodiscard]] const Type* input_type() const { return Top(input_type_stack_); }
  [[nodiscard]] const Type* parent_input_type() const {
    if (input_type_stack_.size() < 2) return nullptr;
    const Type& t = input_type_stack_[input_type_stack_.size() - 2];
    return t.named ? &t : nullptr;
  }
  [[nodiscard]] const schema::Field* field_def() const {
    return field_def_stack_.empty() ? nullptr : field_def_stack_.back();
  }
  // The default value of the argument / input field being visited (nullptr = none).
  [[nodiscard]] const language::Value* default_value() const {
    return default_value_stack_.empty() ? nullptr : default_value_stack_.back();
  }
  [[nodiscard]] const schema::DirectiveDef* directive() const { return directive_; }
  [[nodiscard]] const schema::InputValue* argument() const { return argument_; }
  [[nodiscard]] const schema::EnumValue* enum_value() const { return enum_value_; }

  // Called by the traversal before the visitors' enter and after their leave of each node.
  void EnterSelectionSet();
  void LeaveSelectionSet() { parent_type_stack_.pop_back(); }
  void EnterField(const language::Selection& field);
  void LeaveField() {
    field_def_stack_.pop_back();
    type_stack_.pop_back();
  }
  void EnterDirective(const language::Directive& directive) { directive_ = schema_.directive(directive.name.value); }
  void LeaveDirective() { directive_ = nullptr; }
  void EnterOperation(const language::OperationDefinition& operation);
  void LeaveOperation() { type_stack_.pop_back(); }
  // Inline fragments (type_condition may be null) and fragment definitions.
  void EnterFragment(const language::Name* type_condition);
  void LeaveFragment() { type_stack_.pop_back(); }
  void EnterVariableDefinition(const language::VariableDefinition& definition);
  void LeaveVariableDefinition() { input_type_stack_.pop_back(); }
  void EnterArgument(const language::Argument& argument);
  void LeaveArgument() {
    argument_ = nullptr;
    default_value_stack_.pop_back();
    input_type_stack_.pop_back();
  }
  void EnterListValue();
  void EnterObjectField(const language::ObjectField& field);
  void LeaveListValueOrObjectField() {
    default_value_stack_.pop_back();
    input_type_stack_.pop_back();
  }
  void EnterEnumValue(const language::Value& value);
  void LeaveEnumValue() { enum_value_ = nullptr; }

  [[nodiscard]] const schema::Schema& schema() const { return schema_; }

 private:
  static const Type* Top(const std::vector<Type>& stack) {
    return stack.empty() || stack.back().named == nullptr ? nullptr : &stack.back();
  }

  const schema::Schema& schema_;
  std::vector<Type> type_stack_;
  std::vector<const schema::NamedType*> parent_type_stack_;
  std::vector<Type> input_type_stack_;
  std::vector<const schema::Field*> field_def_stack_;
  std::vector<const language::Value*> default_value_stack_;
  const schema::DirectiveDef* directive_ = nullptr;
  const schema::InputValue* argument_ = nullptr;
  const schema::EnumValue* enum_value_ = nullptr;
};

}  // namespace railgun::validation
