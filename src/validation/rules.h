// The validation rules of graphql-js 16 `specifiedRules` (spec §5), one factory per rule. Each rule is a
// Visitor run side by side with the others by Validate().
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "validation/validation_context.h"
#include "validation/visitor.h"

namespace railgun::validation {

using RuleFactory = std::unique_ptr<Visitor> (*)(ValidationContext&);

struct RuleInfo {
  std::string_view name;  // graphql-js export name, e.g. "FieldsOnCorrectTypeRule"
  RuleFactory make;
};

// In graphql-js specifiedRules order (which fixes the order errors are reported in).
[[nodiscard]] const std::vector<RuleInfo>& SpecifiedRules();

std::unique_ptr<Visitor> MakeExecutableDefinitionsRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeUniqueOperationNamesRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeLoneAnonymousOperationRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeSingleFieldSubscriptionsRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeKnownTypeNamesRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeFragmentsOnCompositeTypesRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeVariablesAreInputTypesRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeScalarLeafsRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeFieldsOnCorrectTypeRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeUniqueFragmentNamesRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeKnownFragmentNamesRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeNoUnusedFragmentsRule(ValidationContext& context);
std::unique_ptr<Visitor> MakePossibleFragmentSpreadsRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeNoFragmentCyclesRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeUniqueVariableNamesRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeNoUndefinedVariablesRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeNoUnusedVariablesRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeKnownDirectivesRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeUniqueDirectivesPerLocationRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeKnownArgumentNamesRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeUniqueArgumentNamesRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeValuesOfCorrectTypeRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeProvidedRequiredArgumentsRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeVariablesInAllowedPositionRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeOverlappingFieldsCanBeMergedRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeUniqueInputFieldNamesRule(ValidationContext& context);
std::unique_ptr<Visitor> MakeMaxIntrospectionDepthRule(ValidationContext& context);

}  // namespace railgun::validation
