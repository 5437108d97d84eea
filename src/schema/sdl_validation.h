// SDL validation (graphql-js assertValidSDL / specifiedSDLRules) for a type-system document built from scratch.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "language/ast.h"
#include "language/error.h"

namespace railgun::schema {

// Errors of LoneSchemaDefinition, UniqueOperationTypes, UniqueTypeNames, UniqueEnumValueNames,
// UniqueFieldDefinitionNames, UniqueArgumentDefinitionNames, UniqueDirectiveNames, KnownTypeNames, KnownDirectives,
// UniqueDirectivesPerLocation, PossibleTypeExtensions, KnownArgumentNamesOnDirectives, UniqueArgumentNames,
// UniqueInputFieldNames and ProvidedRequiredArgumentsOnDirectives, in graphql-js's visiting order.
[[nodiscard]] std::vector<language::GraphQLError> ValidateSdl(const language::Document& document);

// graphql-js suggestionList (options within lexical distance, closest first) and didYouMean
// (" Did you mean "A", "B", or "C"?", at most 5; empty when there are no suggestions).
[[nodiscard]] std::vector<std::string> SuggestionList(std::string_view input, const std::vector<std::string>& options);
[[nodiscard]] std::string DidYouMean(const std::vector<std::string>& suggestions);

}  // namespace railgun::schema
