// Validators and HTML sanitization of mutation inputs (see field_rules.h).
#include "mutate/field_rules.h"

namespace railgun::mutate {

bool ApplyFieldRules(const models::Model& model, const models::Field& field, json::Value* value, FieldError* error) {
  (void)model;
  (void)field;
  (void)value;
  (void)error;
  return true;
}

}  // namespace railgun::mutate
