// CollectFields (spec §6.3.2, graphql-js collectFields / collectSubfields): groups a selection set's fields by
// response key for one runtime object type, applying @skip / @include and fragment type conditions. Used by the
// executor and available to resolvers that plan their own selection (e.g. the SQL compiler).
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "json/value.h"
#include "language/ast.h"
#include "language/error.h"
#include "schema/schema.h"

namespace railgun::execute {

using FragmentMap = std::unordered_map<std::string_view, const language::FragmentDefinition*>;

// The field nodes merged under one response key, in first-appearance order.
struct CollectedField {
  std::string_view response_key;
  std::vector<const language::Selection*> nodes;
  const schema::Field* definition = nullptr;  // filled lazily by the executor; not set by the collector
};

struct FieldCollection {
  std::vector<CollectedField> fields;
  std::optional<language::GraphQLError> error;  // a @skip / @include argument failed to coerce
  [[nodiscard]] bool ok() const { return !error.has_value(); }
};

class FieldCollector {
 public:
  // `variables` are the coerced variable values (object).
  FieldCollector(const schema::Schema& schema, const FragmentMap& fragments, const json::Value& variables)
      : schema_(schema), fragments_(fragments), variables_(variables) {}

  // collectFields: the fields of `selection_set` that apply to `runtime_type`.
  [[nodiscard]] FieldCollection Collect(const schema::NamedType& runtime_type,
                                        const language::SelectionSet& selection_set) const;
  // collectSubfields: the union of the selection sets of `field_nodes` (one merged field) for `runtime_type`.
  [[nodiscard]] FieldCollection CollectSubfields(const schema::NamedType& runtime_type,
                                                 std::span<const language::Selection* const> field_nodes) const;

 private:
  std::optional<language::GraphQLError> CollectInto(const schema::NamedType& type,
                                                    const language::SelectionSet& selection_set,
                                                    std::vector<CollectedField>& fields,
                                                    std::vector<std::string_view>& visited) const;
  std::optional<language::GraphQLError> ShouldInclude(const std::vector<language::Directive>& directives,
                                                      bool* include) const;
  [[nodiscard]] bool FragmentConditionMatches(const std::string* type_condition, const schema::NamedType& type) const;

  const schema::Schema& schema_;
  const FragmentMap& fragments_;
  const json::Value& variables_;
};

}  // namespace railgun::execute
