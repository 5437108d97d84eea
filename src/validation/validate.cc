// Validate(): builds the specifiedRules visitors and runs them in one parallel traversal.
#include "validation/validate.h"

#include <pthread.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <variant>

#include "validation/rules.h"
#include "validation/type_info.h"
#include "validation/validation_context.h"
#include "validation/visitor.h"

namespace railgun::validation {

const std::vector<RuleInfo>& SpecifiedRules() {
  static const std::vector<RuleInfo> kRules = {
      {"ExecutableDefinitionsRule", &MakeExecutableDefinitionsRule},
      {"UniqueOperationNamesRule", &MakeUniqueOperationNamesRule},
      {"LoneAnonymousOperationRule", &MakeLoneAnonymousOperationRule},
      {"SingleFieldSubscriptionsRule", &MakeSingleFieldSubscriptionsRule},
      {"KnownTypeNamesRule", &MakeKnownTypeNamesRule},
      {"FragmentsOnCompositeTypesRule", &MakeFragmentsOnCompositeTypesRule},
      {"VariablesAreInputTypesRule", &MakeVariablesAreInputTypesRule},
      {"ScalarLeafsRule", &MakeScalarLeafsRule},
      {"FieldsOnCorrectTypeRule", &MakeFieldsOnCorrectTypeRule},
      {"UniqueFragmentNamesRule", &MakeUniqueFragmentNamesRule},
      {"KnownFragmentNamesRule", &MakeKnownFragmentNamesRule},
      {"NoUnusedFragmentsRule", &MakeNoUnusedFragmentsRule},
      {"PossibleFragmentSpreadsRule", &MakePossibleFragmentSpreadsRule},
      {"NoFragmentCyclesRule", &MakeNoFragmentCyclesRule},
      {"UniqueVariableNamesRule", &MakeUniqueVariableNamesRule},
      {"NoUndefinedVariablesRule", &MakeNoUndefinedVariablesRule},
      {"NoUnusedVariablesRule", &MakeNoUnusedVariablesRule},
      {"KnownDirectivesRule", &MakeKnownDirectivesRule},
      {"UniqueDirectivesPerLocationRule", &MakeUniqueDirectivesPerLocationRule},
      {"KnownArgumentNamesRule", &MakeKnownArgumentNamesRule},
      {"UniqueArgumentNamesRule", &MakeUniqueArgumentNamesRule},
      {"ValuesOfCorrectTypeRule", &MakeValuesOfCorrectTypeRule},
      {"ProvidedRequiredArgumentsRule", &MakeProvidedRequiredArgumentsRule},
      {"VariablesInAllowedPositionRule", &MakeVariablesInAllowedPositionRule},
      {"OverlappingFieldsCanBeMergedRule", &MakeOverlappingFieldsCanBeMergedRule},
      {"UniqueInputFieldNamesRule", &MakeUniqueInputFieldNamesRule},
      // graphql-js 16.9 appends its recommendedRules to specifiedRules.
      {"MaxIntrospectionDepthRule", &MakeMaxIntrospectionDepthRule},
  };
  return kRules;
}

namespace {

// Rules recurse along selection nesting and fragment chains (as graphql-js does). Parsed documents are at most
// a few hundred levels deep, but fragment chains can be as long as the document: large documents are therefore
// validated on a thread whose stack can hold any recursion their size allows.
constexpr size_t kLargeDocumentSelections = 4096;
constexpr size_t kLargeDocumentDefinitions = 256;
constexpr size_t kLargeDocumentStackBytes = size_t{1} << 30;  // reserved address space, committed on use

size_t CountSelections(const language::SelectionSet& set) {
  size_t count = set.selections.size();
  for (const auto& selection : set.selections) count += CountSelections(selection.selection_set);
  return count;
}

bool IsLargeDocument(const language::Document& document) {
  if (document.definitions.size() > kLargeDocumentDefinitions) return true;
  size_t selections = 0;
  for (const auto& definition : document.definitions) {
    if (const auto* op = std::get_if<language::OperationDefinition>(&definition))
      selections += CountSelections(op->selection_set);
    else if (const auto* fragment = std::get_if<language::FragmentDefinition>(&definition))
      selections += CountSelections(fragment->selection_set);
  }
  return selections > kLargeDocumentSelections;
}

std::vector<language::GraphQLError> ValidateOnThisThread(const schema::Schema& schema,
                                                         const language::Document& document,
                                                         const ValidationOptions& options) {
  try {
    TypeInfo type_info(schema);
    ValidationContext context(schema, document, type_info, options.max_errors);
    std::vector<std::unique_ptr<Visitor>> rules;
    std::vector<Visitor*> visitors;
    for (const RuleInfo& rule : SpecifiedRules()) {
      if (!options.only_rules.empty() &&
          std::find(options.only_rules.begin(), options.only_rules.end(), rule.name) == options.only_rules.end())
        continue;
      rules.push_back(rule.make(context));
      visitors.push_back(rules.back().get());
    }
    ParallelTraversal(type_info, std::move(visitors), context.abort_flag()).Walk(document);
    return context.TakeErrors();
  } catch (const std::exception& e) {
    language::GraphQLError error;
    error.message = std::string("Validation failed internally: ") + e.what();
    error.code = std::string(kValidationErrorCode);
    return {std::move(error)};
  }
}

struct ThreadJob {
  const schema::Schema* schema;
  const language::Document* document;
  const ValidationOptions* options;
  std::vector<language::GraphQLError> errors;
};

void* RunJob(void* arg) {
  auto* job = static_cast<ThreadJob*>(arg);
  job->errors = ValidateOnThisThread(*job->schema, *job->document, *job->options);
  return nullptr;
}

}  // namespace

std::vector<language::GraphQLError> Validate(const schema::Schema& schema, const language::Document& document,
                                             const ValidationOptions& options) {
  if (!IsLargeDocument(document)) return ValidateOnThisThread(schema, document, options);
  ThreadJob job{&schema, &document, &options, {}};
  pthread_attr_t attr;
  pthread_t thread;
  bool started = false;
  if (pthread_attr_init(&attr) == 0) {
    started = pthread_attr_setstacksize(&attr, kLargeDocumentStackBytes) == 0 &&
              pthread_create(&thread, &attr, &RunJob, &job) == 0;
    pthread_attr_destroy(&attr);
  }
  if (!started) return ValidateOnThisThread(schema, document, options);
  pthread_join(thread, nullptr);
  return std::move(job.errors);
}

}  // namespace railgun::validation
