// ValidationContext: error limit, fragment index and the per-node caches graphql-js keeps.
#include "validation/validation_context.h"

#include <variant>

#include "validation/visitor.h"

namespace railgun::validation {
namespace {

// Collects variable usages with their expected input types; skips variable definitions.
class VariableUsageCollector : public Visitor {
 public:
  VariableUsageCollector(const TypeInfo& type_info, std::vector<VariableUsage>& out)
      : type_info_(type_info), out_(out) {}
  bool EnterVariableDefinition(const language::VariableDefinition&) override { return false; }
  bool EnterValue(const language::Value& value) override {
    if (value.kind == language::ValueKind::kVariable) {
      const Type* type = type_info_.input_type();
      out_.push_back(VariableUsage{&value, type != nullptr ? *type : Type{}, type_info_.default_value()});
    }
    return true;
  }

 private:
  const TypeInfo& type_info_;
  std::vector<VariableUsage>& out_;
};

}  // namespace

ValidationContext::ValidationContext(const schema::Schema& schema, const language::Document& document,
                                     TypeInfo& type_info, size_t max_errors)
    : schema_(schema), document_(document), type_info_(type_info), max_errors_(max_errors) {}

void ValidationContext::ReportError(std::string message, std::vector<language::Location> nodes) {
  if (aborted_) return;
  language::GraphQLError error;
  error.code = std::string(kValidationErrorCode);
  if (errors_.size() >= max_errors_) {
    error.message = "Too many validation errors, error limit reached. Validation aborted.";
    errors_.push_back(std::move(error));
    aborted_ = true;
    return;
  }
  error.message = std::move(message);
  for (const auto& loc : nodes)
    if (loc.line != 0) error.locations.push_back(language::SourceLocation{loc.line, loc.column});
  errors_.push_back(std::move(error));
}

void ValidationContext::Abort(std::string message) {
  if (aborted_) return;
  language::GraphQLError error;
  error.code = std::string(kValidationErrorCode);
  error.message = std::move(message);
  errors_.push_back(std::move(error));
  aborted_ = true;
}

const language::FragmentDefinition* ValidationContext::GetFragment(std::string_view name) {
  if (!fragments_indexed_) {
    fragments_indexed_ = true;
    for (const auto& definition : document_.definitions)
      if (const auto* fragment = std::get_if<language::FragmentDefinition>(&definition))
        fragments_[fragment->name.value] = fragment;  // the last definition of a name wins, as in graphql-js
  }
  auto it = fragments_.find(name);
  return it == fragments_.end() ? nullptr : it->second;
}

const std::vector<const language::Selection*>& ValidationContext::GetFragmentSpreads(
    const language::SelectionSet& selection_set) {
  if (auto it = fragment_spreads_.find(&selection_set); it != fragment_spreads_.end()) return it->second;
  std::vector<const language::Selection*> spreads;
  std::vector<const language::SelectionSet*> sets_to_visit{&selection_set};
  while (!sets_to_visit.empty()) {
    const language::SelectionSet* set = sets_to_visit.back();
    sets_to_visit.pop_back();
    for (const auto& selection : set->selections) {
      if (selection.kind == language::SelectionKind::kFragmentSpread) {
        spreads.push_back(&selection);
      } else if (!selection.selection_set.empty()) {
        sets_to_visit.push_back(&selection.selection_set);
      }
    }
  }
  auto& slot = fragment_spreads_[&selection_set];
  slot = std::move(spreads);
  return slot;
}

const std::vector<const language::FragmentDefinition*>& ValidationContext::GetRecursivelyReferencedFragments(
    const language::OperationDefinition& operation) {
  if (auto it = referenced_fragments_.find(&operation); it != referenced_fragments_.end()) return it->second;
  std::vector<const language::FragmentDefinition*> fragments;
  std::unordered_map<std::string_view, bool> collected;
  std::vector<const language::SelectionSet*> nodes_to_visit{&operation.selection_set};
  while (!nodes_to_visit.empty()) {
    const language::SelectionSet* node = nodes_to_visit.back();
    nodes_to_visit.pop_back();
    for (const language::Selection* spread : GetFragmentSpreads(*node)) {
      const std::string& name = spread->name.value;
      if (collected[name]) continue;
      collected[name] = true;
      if (const language::FragmentDefinition* fragment = GetFragment(name)) {
        fragments.push_back(fragment);
        nodes_to_visit.push_back(&fragment->selection_set);
      }
    }
  }
  auto& slot = referenced_fragments_[&operation];
  slot = std::move(fragments);
  return slot;
}

const std::vector<VariableUsage>& ValidationContext::GetVariableUsages(const language::OperationDefinition& operation) {
  if (auto it = variable_usages_.find(&operation); it != variable_usages_.end()) return it->second;
  std::vector<VariableUsage> usages;
  TypeInfo type_info(schema_);
  VariableUsageCollector collector(type_info, usages);
  ParallelTraversal(type_info, {&collector}).Walk(operation);
  auto& slot = variable_usages_[&operation];
  slot = std::move(usages);
  return slot;
}

const std::vector<VariableUsage>& ValidationContext::GetVariableUsages(const language::FragmentDefinition& fragment) {
  if (auto it = variable_usages_.find(&fragment); it != variable_usages_.end()) return it->second;
  std::vector<VariableUsage> usages;
  TypeInfo type_info(schema_);
  VariableUsageCollector collector(type_info, usages);
  ParallelTraversal(type_info, {&collector}).Walk(fragment);
  auto& slot = variable_usages_[&fragment];
  slot = std::move(usages);
  return slot;
}

const std::vector<VariableUsage>& ValidationContext::GetRecursiveVariableUsages(
    const language::OperationDefinition& operation) {
  if (auto it = recursive_variable_usages_.find(&operation); it != recursive_variable_usages_.end()) return it->second;
  std::vector<VariableUsage> usages = GetVariableUsages(operation);
  for (const language::FragmentDefinition* fragment : GetRecursivelyReferencedFragments(operation)) {
    const auto& more = GetVariableUsages(*fragment);
    usages.insert(usages.end(), more.begin(), more.end());
  }
  auto& slot = recursive_variable_usages_[&operation];
  slot = std::move(usages);
  return slot;
}

}  // namespace railgun::validation
