// ValidationContext: what every rule shares during one Validate() call (graphql-js ValidationContext):
// error sink with the error limit, fragment lookup, fragment-spread and variable-usage caches.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "language/ast.h"
#include "language/error.h"
#include "schema/schema.h"
#include "validation/type_info.h"

namespace railgun::validation {

struct VariableUsage {
  const language::Value* node = nullptr;           // the kVariable value
  Type type;                                       // expected input type at that position (may be undefined)
  const language::Value* default_value = nullptr;  // default of the argument / input field there, if any
};

class ValidationContext {
 public:
  ValidationContext(const schema::Schema& schema, const language::Document& document, TypeInfo& type_info,
                    size_t max_errors);

  [[nodiscard]] const schema::Schema& schema() const { return schema_; }
  [[nodiscard]] const language::Document& document() const { return document_; }
  [[nodiscard]] const TypeInfo& type_info() const { return type_info_; }

  // Records an error located at `nodes` (each node's start; unknown locations are dropped). Once
  // max_errors errors exist, the next report appends the "Too many validation errors" error and aborts.
  void ReportError(std::string message, std::vector<language::Location> nodes);
  // Ends validation with a final error (no locations), like reaching the error limit.
  void Abort(std::string message);
  [[nodiscard]] bool aborted() const { return aborted_; }
  [[nodiscard]] const bool* abort_flag() const { return &aborted_; }
  [[nodiscard]] std::vector<language::GraphQLError> TakeErrors() { return std::move(errors_); }

  [[nodiscard]] const language::FragmentDefinition* GetFragment(std::string_view name);
  // Fragment spreads anywhere under `selection_set` (not following fragments), in graphql-js's stack order.
  [[nodiscard]] const std::vector<const language::Selection*>& GetFragmentSpreads(
      const language::SelectionSet& selection_set);
  // Every fragment an operation reaches through spreads, transitively, in graphql-js's discovery order.
  [[nodiscard]] const std::vector<const language::FragmentDefinition*>& GetRecursivelyReferencedFragments(
      const language::OperationDefinition& operation);
  [[nodiscard]] const std::vector<VariableUsage>& GetVariableUsages(const language::OperationDefinition& operation);
  [[nodiscard]] const std::vector<VariableUsage>& GetVariableUsages(const language::FragmentDefinition& fragment);
  // The operation's own usages followed by those of each recursively referenced fragment.
  [[nodiscard]] const std::vector<VariableUsage>& GetRecursiveVariableUsages(
      const language::OperationDefinition& operation);

 private:
  const schema::Schema& schema_;
  const language::Document& document_;
  TypeInfo& type_info_;
  size_t max_errors_;
  bool aborted_ = false;
  std::vector<language::GraphQLError> errors_;
  bool fragments_indexed_ = false;
  std::unordered_map<std::string_view, const language::FragmentDefinition*> fragments_;
  std::unordered_map<const language::SelectionSet*, std::vector<const language::Selection*>> fragment_spreads_;
  std::unordered_map<const language::OperationDefinition*, std::vector<const language::FragmentDefinition*>>
      referenced_fragments_;
  std::unordered_map<const void*, std::vector<VariableUsage>> variable_usages_;
  std::unordered_map<const language::OperationDefinition*, std::vector<VariableUsage>> recursive_variable_usages_;
};

// Code carried by every validation error (extensions.code).
inline constexpr std::string_view kValidationErrorCode = "GRAPHQL_VALIDATION_FAILED";

}  // namespace railgun::validation
