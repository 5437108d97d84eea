// The directives graphql-js 16.9 specifies (@include @skip @deprecated @specifiedBy @oneOf).
#pragma once

#include <string_view>
#include <vector>

#include "schema/schema.h"

namespace railgun::schema {

inline constexpr std::string_view kDefaultDeprecationReason = "No longer supported";

// In graphql-js `specifiedDirectives` order: include, skip, deprecated, specifiedBy, oneOf. Process-wide singletons.
[[nodiscard]] const std::vector<const DirectiveDef*>& SpecifiedDirectives();
[[nodiscard]] const DirectiveDef* IncludeDirective();
[[nodiscard]] const DirectiveDef* SkipDirective();
[[nodiscard]] const DirectiveDef* DeprecatedDirective();
[[nodiscard]] const DirectiveDef* SpecifiedByDirective();
[[nodiscard]] const DirectiveDef* OneOfDirective();
// graphql-js isSpecifiedDirective: compares by name.
[[nodiscard]] bool IsSpecifiedDirective(const DirectiveDef* directive);

}  // namespace railgun::schema
