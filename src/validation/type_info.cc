// TypeInfo state transitions, mirroring graphql-js 16 utilities/TypeInfo.js enter/leave.
#include "validation/type_info.h"

#include "schema/introspection_types.h"
#include "schema/type_comparators.h"

namespace railgun::validation {
namespace {

bool IsInputType(const Type& t) { return t.named != nullptr && t.named->is_input_type(); }
bool IsOutputType(const Type& t) { return t.named != nullptr && t.named->is_output_type(); }

}  // namespace

Type ResolveAstType(const schema::Schema& schema, const language::TypeRef& ast) {
  std::optional<schema::TypeRef> type = schema::TypeFromAst(schema, ast);
  return type ? std::move(*type) : Type{};
}

const schema::Field* LookupFieldDef(const schema::Schema& schema, const schema::NamedType* parent,
                                    std::string_view field_name) {
  if (parent == nullptr) return nullptr;
  if (field_name == "__schema" && schema.query_type() == parent) return &schema::SchemaMetaField();
  if (field_name == "__type" && schema.query_type() == parent) return &schema::TypeMetaField();
  if (field_name == "__typename" && parent->is_composite()) return &schema::TypeNameMetaField();
  if (parent->kind == schema::TypeKind::kObject || parent->kind == schema::TypeKind::kInterface)
    return parent->field(field_name);
  return nullptr;
}

void TypeInfo::EnterSelectionSet() {
  const Type* t = type();
  const schema::NamedType* named = t != nullptr ? t->named : nullptr;
  parent_type_stack_.push_back(named != nullptr && named->is_composite() ? named : nullptr);
}

void TypeInfo::EnterField(const language::Selection& field) {
  const schema::Field* def = LookupFieldDef(schema_, parent_type(), field.name.value);
  field_def_stack_.push_back(def);
  type_stack_.push_back(def != nullptr && IsOutputType(def->type) ? def->type : Type{});
}

void TypeInfo::EnterOperation(const language::OperationDefinition& operation) {
  const schema::NamedType* root = nullptr;
  switch (operation.operation) {
    case language::OperationType::kQuery: root = schema_.query_type(); break;
    case language::OperationType::kMutation: root = schema_.mutation_type(); break;
    case language::OperationType::kSubscription: root = schema_.subscription_type(); break;
  }
  type_stack_.push_back(root != nullptr && root->kind == schema::TypeKind::kObject ? Type{root, {}} : Type{});
}

void TypeInfo::EnterFragment(const language::Name* type_condition) {
  Type output;
  if (type_condition != nullptr) {
    output.named = schema_.type(type_condition->value);
  } else if (const Type* current = type()) {
    output.named = current->named;
  }
  type_stack_.push_back(IsOutputType(output) ? output : Type{});
}

void TypeInfo::EnterVariableDefinition(const language::VariableDefinition& definition) {
  Type input = ResolveAstType(schema_, definition.type);
  input_type_stack_.push_back(IsInputType(input) ? std::move(input) : Type{});
}

void TypeInfo::EnterArgument(const language::Argument& argument) {
  const schema::InputValue* def = nullptr;
  if (directive_ != nullptr) {
    def = directive_->arg(argument.name.value);
  } else if (const schema::Field* field = field_def()) {
    def = field->arg(argument.name.value);
  }
  argument_ = def;
  default_value_stack_.push_back(def != nullptr && def->default_value ? &*def->default_value : nullptr);
  input_type_stack_.push_back(def != nullptr && IsInputType(def->type) ? def->type : Type{});
}

void TypeInfo::EnterListValue() {
  Type item;
  if (const Type* t = input_type()) {
    item = t->nullable();
    if (item.is_list()) item = item.of_type();
  }
  default_value_stack_.push_back(nullptr);  // list positions never have a default value
  input_type_stack_.push_back(IsInputType(item) ? std::move(item) : Type{});
}

void TypeInfo::EnterObjectField(const language::ObjectField& field) {
  const schema::InputValue* def = nullptr;
  if (const Type* t = input_type(); t != nullptr && t->named->kind == schema::TypeKind::kInputObject)
    def = t->named->input_field(field.name.value);
  default_value_stack_.push_back(def != nullptr && def->default_value ? &*def->default_value : nullptr);
  input_type_stack_.push_back(def != nullptr && IsInputType(def->type) ? def->type : Type{});
}

void TypeInfo::EnterEnumValue(const language::Value& value) {
  enum_value_ = nullptr;
  if (const Type* t = input_type(); t != nullptr && t->named->kind == schema::TypeKind::kEnum)
    enum_value_ = t->named->enum_value(value.text);
}

}  // namespace railgun::validation
