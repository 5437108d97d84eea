// ParallelTraversal: graphql-js visit order (QueryDocumentKeys) over our AST, with per-visitor skipping.
#include "validation/visitor.h"

#include <variant>

namespace railgun::validation {

using language::SelectionKind;
using language::ValueKind;
using schema::DirectiveLocation;

template <typename Fn>
void ParallelTraversal::Enter(Fn&& fn) {
  ++depth_;
  for (size_t i = 0; i < visitors_.size(); ++i) {
    if (stopped()) return;
    if (skip_depth_[i] == 0 && !fn(*visitors_[i])) skip_depth_[i] = depth_;
  }
}

template <typename Fn>
void ParallelTraversal::Leave(Fn&& fn) {
  for (size_t i = 0; i < visitors_.size(); ++i) {
    if (skip_depth_[i] == 0) {
      if (!stopped()) fn(*visitors_[i]);
    } else if (skip_depth_[i] == depth_) {
      skip_depth_[i] = 0;
    }
  }
  --depth_;
}

void ParallelTraversal::Walk(const language::Document& document) {
  Enter([&](Visitor& v) { return v.EnterDocument(document); });
  for (const auto& definition : document.definitions) {
    if (stopped()) break;
    std::visit(
        [&](const auto& def) {
          using T = std::decay_t<decltype(def)>;
          if constexpr (std::is_same_v<T, language::OperationDefinition> ||
                        std::is_same_v<T, language::FragmentDefinition>) {
            in_type_system_ = false;
            Walk(def);
          } else {
            in_type_system_ = true;
            if constexpr (std::is_same_v<T, language::SchemaDefinition>) VisitSchemaDefinition(def);
            if constexpr (std::is_same_v<T, language::TypeDefinition>) VisitTypeDefinition(def);
            if constexpr (std::is_same_v<T, language::DirectiveDefinition>) VisitDirectiveDefinition(def);
            in_type_system_ = false;
          }
        },
        definition);
  }
  Leave([&](Visitor& v) { v.LeaveDocument(document); });
}

void ParallelTraversal::Walk(const language::OperationDefinition& operation) {
  type_info_.EnterOperation(operation);
  Enter([&](Visitor& v) { return v.EnterOperation(operation); });
  for (const auto& definition : operation.variables) VisitVariableDefinition(definition);
  DirectiveLocation location = DirectiveLocation::kQuery;
  if (operation.operation == language::OperationType::kMutation) location = DirectiveLocation::kMutation;
  if (operation.operation == language::OperationType::kSubscription) location = DirectiveLocation::kSubscription;
  VisitDirectives(operation.directives, location);
  VisitSelectionSet(operation.selection_set);
  Leave([&](Visitor& v) { v.LeaveOperation(operation); });
  type_info_.LeaveOperation();
}

void ParallelTraversal::Walk(const language::FragmentDefinition& fragment) {
  type_info_.EnterFragment(&fragment.type_condition);
  Enter([&](Visitor& v) { return v.EnterFragmentDefinition(fragment); });
  VisitNamedType(fragment.type_condition);
  VisitDirectives(fragment.directives, DirectiveLocation::kFragmentDefinition);
  VisitSelectionSet(fragment.selection_set);
  Leave([&](Visitor& v) { v.LeaveFragmentDefinition(fragment); });
  type_info_.LeaveFragment();
}

void ParallelTraversal::VisitVariableDefinition(const language::VariableDefinition& definition) {
  type_info_.EnterVariableDefinition(definition);
  Enter([&](Visitor& v) { return v.EnterVariableDefinition(definition); });
  VisitTypeRef(definition.type);
  if (definition.default_value) VisitValue(*definition.default_value);
  VisitDirectives(definition.directives, DirectiveLocation::kVariableDefinition);
  Leave([&](Visitor& v) { v.LeaveVariableDefinition(definition); });
  type_info_.LeaveVariableDefinition();
}

void ParallelTraversal::VisitSelectionSet(const language::SelectionSet& selection_set) {
  type_info_.EnterSelectionSet();
  Enter([&](Visitor& v) { return v.EnterSelectionSet(selection_set); });
  for (const auto& selection : selection_set.selections) VisitSelection(selection);
  Leave([&](Visitor& v) { v.LeaveSelectionSet(selection_set); });
  type_info_.LeaveSelectionSet();
}

void ParallelTraversal::VisitSelection(const language::Selection& selection) {
  switch (selection.kind) {
    case SelectionKind::kField:
      type_info_.EnterField(selection);
      Enter([&](Visitor& v) { return v.EnterField(selection); });
      for (const auto& argument : selection.arguments) VisitArgument(argument);
      VisitDirectives(selection.directives, DirectiveLocation::kField);
      if (selection.selection_set.loc.line != 0 || !selection.selection_set.empty())
        VisitSelectionSet(selection.selection_set);
      Leave([&](Visitor& v) { v.LeaveField(selection); });
      type_info_.LeaveField();
      break;
    case SelectionKind::kFragmentSpread:
      Enter([&](Visitor& v) { return v.EnterFragmentSpread(selection); });
      VisitDirectives(selection.directives, DirectiveLocation::kFragmentSpread);
      Leave([&](Visitor& v) { v.LeaveFragmentSpread(selection); });
      break;
    case SelectionKind::kInlineFragment:
      type_info_.EnterFragment(selection.type_condition ? &*selection.type_condition : nullptr);
      Enter([&](Visitor& v) { return v.EnterInlineFragment(selection); });
      if (selection.type_condition) VisitNamedType(*selection.type_condition);
      VisitDirectives(selection.directives, DirectiveLocation::kInlineFragment);
      VisitSelectionSet(selection.selection_set);
      Leave([&](Visitor& v) { v.LeaveInlineFragment(selection); });
      type_info_.LeaveFragment();
      break;
  }
}

void ParallelTraversal::VisitDirectives(const std::vector<language::Directive>& directives,
                                        DirectiveLocation location) {
  for (const auto& directive : directives) {
    type_info_.EnterDirective(directive);
    Enter([&](Visitor& v) { return v.EnterDirective(directive, location); });
    for (const auto& argument : directive.arguments) VisitArgument(argument);
    Leave([&](Visitor& v) { v.LeaveDirective(directive); });
    type_info_.LeaveDirective();
  }
}

void ParallelTraversal::VisitArgument(const language::Argument& argument) {
  type_info_.EnterArgument(argument);
  Enter([&](Visitor& v) { return v.EnterArgument(argument); });
  VisitValue(argument.value);
  Leave([&](Visitor& v) { v.LeaveArgument(argument); });
  type_info_.LeaveArgument();
}

void ParallelTraversal::VisitValue(const language::Value& value) {
  switch (value.kind) {
    case ValueKind::kList:
      type_info_.EnterListValue();
      Enter([&](Visitor& v) { return v.EnterValue(value); });
      for (const auto& item : value.list) VisitValue(item);
      Leave([&](Visitor& v) { v.LeaveValue(value); });
      type_info_.LeaveListValueOrObjectField();
      break;
    case ValueKind::kObject:
      Enter([&](Visitor& v) { return v.EnterValue(value); });
      for (const auto& field : value.fields) {
        type_info_.EnterObjectField(field);
        Enter([&](Visitor& v) { return v.EnterObjectField(field); });
        VisitValue(field.value);
        Leave([&](Visitor& v) { v.LeaveObjectField(field); });
        type_info_.LeaveListValueOrObjectField();
      }
      Leave([&](Visitor& v) { v.LeaveValue(value); });
      break;
    case ValueKind::kEnum:
      type_info_.EnterEnumValue(value);
      Enter([&](Visitor& v) { return v.EnterValue(value); });
      Leave([&](Visitor& v) { v.LeaveValue(value); });
      type_info_.LeaveEnumValue();
      break;
    default:
      Enter([&](Visitor& v) { return v.EnterValue(value); });
      Leave([&](Visitor& v) { v.LeaveValue(value); });
      break;
  }
}

void ParallelTraversal::VisitTypeRef(const language::TypeRef& type) {
  if (type.kind == language::TypeRef::Kind::kNamed) {
    VisitNamedType(type.name);
  } else if (type.of) {
    VisitTypeRef(*type.of);
  }
}

void ParallelTraversal::VisitNamedType(const language::Name& name) {
  Enter([&](Visitor& v) { return v.EnterNamedType(name, in_type_system_); });
  Leave([&](Visitor& v) { v.LeaveNamedType(name); });
}

void ParallelTraversal::VisitSchemaDefinition(const language::SchemaDefinition& definition) {
  const SdlNode node{SdlNode::Kind::kSchema, &definition.directives, nullptr};
  Enter([&](Visitor& v) { return v.EnterSdlNode(node); });
  VisitDirectives(definition.directives, DirectiveLocation::kSchema);
  for (const auto& operation_type : definition.operation_types) VisitNamedType(operation_type.type);
  Leave([&](Visitor& v) { v.LeaveSdlNode(node); });
}

void ParallelTraversal::VisitTypeDefinition(const language::TypeDefinition& definition) {
  using language::TypeDefinitionKind;
  const SdlNode node{SdlNode::Kind::kType, &definition.directives, &definition.name.value};
  Enter([&](Visitor& v) { return v.EnterSdlNode(node); });
  switch (definition.kind) {
    case TypeDefinitionKind::kScalar: VisitDirectives(definition.directives, DirectiveLocation::kScalar); break;
    case TypeDefinitionKind::kObject:
    case TypeDefinitionKind::kInterface:
      for (const auto& interface : definition.interfaces) VisitNamedType(interface);
      VisitDirectives(definition.directives, definition.kind == TypeDefinitionKind::kObject
                                                 ? DirectiveLocation::kObject
                                                 : DirectiveLocation::kInterface);
      for (const auto& field : definition.fields) VisitFieldDefinition(field);
      break;
    case TypeDefinitionKind::kUnion:
      VisitDirectives(definition.directives, DirectiveLocation::kUnion);
      for (const auto& member : definition.union_members) VisitNamedType(member);
      break;
    case TypeDefinitionKind::kEnum:
      VisitDirectives(definition.directives, DirectiveLocation::kEnum);
      for (const auto& value : definition.enum_values) {
        const SdlNode value_node{SdlNode::Kind::kEnumValueDefinition, &value.directives, nullptr};
        Enter([&](Visitor& v) { return v.EnterSdlNode(value_node); });
        VisitDirectives(value.directives, DirectiveLocation::kEnumValue);
        Leave([&](Visitor& v) { v.LeaveSdlNode(value_node); });
      }
      break;
    case TypeDefinitionKind::kInputObject:
      VisitDirectives(definition.directives, DirectiveLocation::kInputObject);
      // graphql-js only recognizes input fields under an input object *definition*; fields of an extension
      // count as argument definitions.
      for (const auto& field : definition.input_fields)
        VisitInputValueDefinition(field, definition.is_extension ? DirectiveLocation::kArgumentDefinition
                                                                 : DirectiveLocation::kInputFieldDefinition);
      break;
  }
  Leave([&](Visitor& v) { v.LeaveSdlNode(node); });
}

void ParallelTraversal::VisitDirectiveDefinition(const language::DirectiveDefinition& definition) {
  for (const auto& argument : definition.arguments)
    VisitInputValueDefinition(argument, DirectiveLocation::kArgumentDefinition);
}

void ParallelTraversal::VisitFieldDefinition(const language::FieldDefinition& definition) {
  const SdlNode node{SdlNode::Kind::kFieldDefinition, &definition.directives, nullptr};
  Enter([&](Visitor& v) { return v.EnterSdlNode(node); });
  for (const auto& argument : definition.arguments)
    VisitInputValueDefinition(argument, DirectiveLocation::kArgumentDefinition);
  VisitTypeRef(definition.type);
  VisitDirectives(definition.directives, DirectiveLocation::kFieldDefinition);
  Leave([&](Visitor& v) { v.LeaveSdlNode(node); });
}

void ParallelTraversal::VisitInputValueDefinition(const language::InputValueDefinition& definition,
                                                  DirectiveLocation location) {
  const SdlNode node{SdlNode::Kind::kInputValueDefinition, &definition.directives, nullptr};
  Enter([&](Visitor& v) { return v.EnterSdlNode(node); });
  VisitTypeRef(definition.type);
  if (definition.default_value) VisitValue(*definition.default_value);
  VisitDirectives(definition.directives, location);
  Leave([&](Visitor& v) { v.LeaveSdlNode(node); });
}

}  // namespace railgun::validation
