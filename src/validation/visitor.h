// Single-pass document traversal that runs many visitors side by side while maintaining a TypeInfo
// (graphql-js `visit` + `visitInParallel` + `visitWithTypeInfo`), so errors come out in graphql-js order.
#pragma once

#include <string>
#include <vector>

#include "language/ast.h"
#include "schema/schema.h"
#include "validation/type_info.h"

namespace railgun::validation {

// A type-system node (SDL inside an executable document) carrying directives.
struct SdlNode {
  enum class Kind : uint8_t { kSchema, kType, kFieldDefinition, kInputValueDefinition, kEnumValueDefinition };
  Kind kind = Kind::kSchema;
  const std::vector<language::Directive>* directives = nullptr;
  const std::string* type_name = nullptr;  // kType: the defined / extended type's name
};

// One participant of the traversal. Each Enter* returning false skips that node's subtree, and its Leave*,
// for this visitor only (graphql-js returning `false` from a parallel visitor). Defaults do nothing.
class Visitor {
 public:
  virtual ~Visitor() = default;

  virtual bool EnterDocument(const language::Document&) { return true; }
  virtual void LeaveDocument(const language::Document&) {}
  virtual bool EnterOperation(const language::OperationDefinition&) { return true; }
  virtual void LeaveOperation(const language::OperationDefinition&) {}
  virtual bool EnterVariableDefinition(const language::VariableDefinition&) { return true; }
  virtual void LeaveVariableDefinition(const language::VariableDefinition&) {}
  virtual bool EnterSelectionSet(const language::SelectionSet&) { return true; }
  virtual void LeaveSelectionSet(const language::SelectionSet&) {}
  virtual bool EnterField(const language::Selection&) { return true; }
  virtual void LeaveField(const language::Selection&) {}
  virtual bool EnterFragmentSpread(const language::Selection&) { return true; }
  virtual void LeaveFragmentSpread(const language::Selection&) {}
  virtual bool EnterInlineFragment(const language::Selection&) { return true; }
  virtual void LeaveInlineFragment(const language::Selection&) {}
  virtual bool EnterFragmentDefinition(const language::FragmentDefinition&) { return true; }
  virtual void LeaveFragmentDefinition(const language::FragmentDefinition&) {}
  virtual bool EnterArgument(const language::Argument&) { return true; }
  virtual void LeaveArgument(const language::Argument&) {}
  // `location` is where the directive is applied (graphql-js getDirectiveLocationForASTPath).
  virtual bool EnterDirective(const language::Directive&, schema::DirectiveLocation /*location*/) { return true; }
  virtual void LeaveDirective(const language::Directive&) {}
  // Every value literal, variables included.
  virtual bool EnterValue(const language::Value&) { return true; }
  virtual void LeaveValue(const language::Value&) {}
  virtual bool EnterObjectField(const language::ObjectField&) { return true; }
  virtual void LeaveObjectField(const language::ObjectField&) {}
  // A NamedType node; `in_type_system` is true inside a type-system definition or extension.
  virtual bool EnterNamedType(const language::Name&, bool /*in_type_system*/) { return true; }
  virtual void LeaveNamedType(const language::Name&) {}
  virtual bool EnterSdlNode(const SdlNode&) { return true; }
  virtual void LeaveSdlNode(const SdlNode&) {}
};

class ParallelTraversal {
 public:
  // `stop` (optional) is polled: once it reads true no further visitor hook runs.
  ParallelTraversal(TypeInfo& type_info, std::vector<Visitor*> visitors, const bool* stop = nullptr)
      : type_info_(type_info), visitors_(std::move(visitors)), skip_depth_(visitors_.size(), 0), stop_(stop) {}

  void Walk(const language::Document& document);
  void Walk(const language::OperationDefinition& operation);
  void Walk(const language::FragmentDefinition& fragment);

 private:
  template <typename Fn>
  void Enter(Fn&& fn);
  template <typename Fn>
  void Leave(Fn&& fn);
  [[nodiscard]] bool stopped() const { return stop_ != nullptr && *stop_; }

  void VisitVariableDefinition(const language::VariableDefinition& definition);
  void VisitSelectionSet(const language::SelectionSet& selection_set);
  void VisitSelection(const language::Selection& selection);
  void VisitDirectives(const std::vector<language::Directive>& directives, schema::DirectiveLocation location);
  void VisitArgument(const language::Argument& argument);
  void VisitValue(const language::Value& value);
  void VisitTypeRef(const language::TypeRef& type);
  void VisitNamedType(const language::Name& name);
  void VisitSchemaDefinition(const language::SchemaDefinition& definition);
  void VisitTypeDefinition(const language::TypeDefinition& definition);
  void VisitDirectiveDefinition(const language::DirectiveDefinition& definition);
  void VisitFieldDefinition(const language::FieldDefinition& definition);
  void VisitInputValueDefinition(const language::InputValueDefinition& definition, schema::DirectiveLocation location);

  TypeInfo& type_info_;
  std::vector<Visitor*> visitors_;
  std::vector<size_t> skip_depth_;  // 0 = active; else the depth of the node whose subtree is skipped
  size_t depth_ = 0;
  bool in_type_system_ = false;
  const bool* stop_;
};

}  // namespace railgun::validation
