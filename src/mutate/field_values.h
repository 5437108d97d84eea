// Column values of mutation inputs: validation (Django's model-field validators: blank / null, max_length,
// choices, decimal digits, email / URL / slug / UUID / IP formats, integer ranges) and conversion to the stored
// form of each backend (what Django writes: UTC datetimes, 32-hex UUIDs on SQLite, microsecond durations...).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "db/connection.h"
#include "json/value.h"
#include "models/model.h"

namespace railgun::mutate {

// A domain failure reported in a mutation payload (`errors: [{field, message, code}]`).
struct FieldError {
  std::string field;  // dotted path into the input (`items.2.quantity`); empty for the whole object
  std::string message;
  std::string code;  // "required", "blank", "null", "max_length", "invalid_choice", "invalid", "unique",
                     // "not_found", "protected", "max_digits", "min_value", "max_value", "does_not_exist"...
};

// Validates `value` (a coerced GraphQL input value: choice enums already mapped to their stored value) for
// `field` and converts it to a bound parameter in the backend's stored form. On failure returns nullopt and fills
// `error` (message + code; `field` is left to the caller). JSON null is handled here too (null=false -> "null").
[[nodiscard]] std::optional<db::Param> ColumnParam(const models::Field& field, const json::Value& value,
                                                   db::Dialect dialect, FieldError* error);

// The value a create stores for a field the input left out: auto_now / auto_now_add (now), default_function,
// literal default; nullopt when the field has none (the caller decides: NULL when null=true, else "required").
[[nodiscard]] std::optional<db::Param> DefaultParam(const models::Field& field, db::Dialect dialect);

// The current time in the backend's DateTime storage form.
[[nodiscard]] std::string NowText(db::Dialect dialect);

// Parses an `ID` input for `model`'s primary key into a parameter (integers for integer keys, normalized UUIDs);
// nullopt for a malformed id.
[[nodiscard]] std::optional<db::Param> KeyParam(const models::Field& pk, const json::Value& id, db::Dialect dialect);

// The text form of a key parameter for the `ID` output / read-back argument.
[[nodiscard]] std::string KeyText(const db::Param& key);

}  // namespace railgun::mutate
