// Validate(): builds the specifiedRules visitors and runs them in one parallel traversal.
#include "validation/validate.h"

#include <algorithm>
#include <exception>
#include <memory>

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

std::vector<language::GraphQLError> Validate(const schema::Schema& schema, const language::Document& document,
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

}  // namespace railgun::validation
