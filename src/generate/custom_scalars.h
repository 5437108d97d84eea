// The custom scalars of generated schemas (DateTime, Date, Time, Decimal, JSON, UUID, Duration, BigInt, Upload):
// descriptions and coercion hooks.
#pragma once

#include <string_view>
#include <vector>

#include "schema/schema.h"

namespace railgun::generate {

// Scalar names in declaration order.
[[nodiscard]] const std::vector<std::string_view>& CustomScalarNames();
// Fills `type` (a scalar named by CustomScalarNames) with its description and ScalarHooks.
void DefineCustomScalar(schema::NamedType* type);

}  // namespace railgun::generate
