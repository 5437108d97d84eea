// Per-model input rules from the model file's `graphql:` block, applied to column values of mutation inputs
// before storage: `validators:` (regex, min / max value, min / max length, custom messages) and
// `sanitize_html:` (allow-listed tags and attributes; everything else is escaped or dropped, as bleach does).
// Fields without rules are stored byte for byte.
#pragma once

#include "json/value.h"
#include "models/model.h"
#include "mutate/field_values.h"

namespace railgun::mutate {

// Checks `*value` against `field`'s validators and sanitizes it in place when the field has an HTML rule.
// Returns false and fills `error` (message, code) on the first failed validator.
[[nodiscard]] bool ApplyFieldRules(const models::Model& model, const models::Field& field, json::Value* value,
                                   FieldError* error);

}  // namespace railgun::mutate
