// CollectFields / collectSubfields with graphql-js 16 semantics (fragment spreads visited once per collection).
#include "execute/collect_fields.h"

#include <algorithm>
#include <utility>

#include "execute/values.h"
#include "schema/directives.h"

namespace railgun::execute {

using language::GraphQLError;
using language::Selection;
using language::SelectionKind;

std::optional<GraphQLError> FieldCollector::ShouldInclude(const std::vector<language::Directive>& directives,
                                                          bool* include) const {
  *include = true;
  if (directives.empty()) return std::nullopt;
  DirectiveValues skip = CoerceDirectiveValues(*schema::SkipDirective(), directives, variables_);
  if (skip.error) return std::move(skip.error);
  if (skip.values) {
    const json::Value* v = skip.values->find("if");
    if (v && v->is_bool() && v->as_bool()) {
      *include = false;
      return std::nullopt;
    }
  }
  DirectiveValues inc = CoerceDirectiveValues(*schema::IncludeDirective(), directives, variables_);
  if (inc.error) return std::move(inc.error);
  if (inc.values) {
    const json::Value* v = inc.values->find("if");
    if (v && v->is_bool() && !v->as_bool()) *include = false;
  }
  return std::nullopt;
}

bool FieldCollector::FragmentConditionMatches(const std::string* type_condition, const schema::NamedType& type) const {
  if (type_condition == nullptr) return true;
  const schema::NamedType* conditional = schema_.type(*type_condition);
  if (conditional == &type) return true;
  if (conditional != nullptr && conditional->is_abstract()) return schema_.is_sub_type(conditional, &type);
  return false;
}

std::optional<GraphQLError> FieldCollector::CollectInto(const schema::NamedType& type,
                                                        const language::SelectionSet& selection_set,
                                                        std::vector<CollectedField>& fields,
                                                        std::vector<std::string_view>& visited) const {
  for (const Selection& selection : selection_set.selections) {
    bool include = true;
    switch (selection.kind) {
      case SelectionKind::kField: {
        if (auto e = ShouldInclude(selection.directives, &include)) return e;
        if (!include) continue;
        std::string_view key = selection.response_key();
        auto it =
            std::find_if(fields.begin(), fields.end(), [&](const CollectedField& f) { return f.response_key == key; });
        if (it == fields.end()) {
          fields.push_back(CollectedField{key, {&selection}, nullptr});
        } else {
          it->nodes.push_back(&selection);
        }
        break;
      }
      case SelectionKind::kInlineFragment: {
        if (auto e = ShouldInclude(selection.directives, &include)) return e;
        if (!include) continue;
        const std::string* condition = selection.type_condition ? &selection.type_condition->value : nullptr;
        if (!FragmentConditionMatches(condition, type)) continue;
        if (auto e = CollectInto(type, selection.selection_set, fields, visited)) return e;
        break;
      }
      case SelectionKind::kFragmentSpread: {
        std::string_view name = selection.name.value;
        if (std::find(visited.begin(), visited.end(), name) != visited.end()) continue;
        if (auto e = ShouldInclude(selection.directives, &include)) return e;
        if (!include) continue;
        visited.push_back(name);
        auto it = fragments_.find(name);
        if (it == fragments_.end()) continue;
        if (!FragmentConditionMatches(&it->second->type_condition.value, type)) continue;
        if (auto e = CollectInto(type, it->second->selection_set, fields, visited)) return e;
        break;
      }
    }
  }
  return std::nullopt;
}

FieldCollection FieldCollector::Collect(const schema::NamedType& runtime_type,
                                        const language::SelectionSet& selection_set) const {
  FieldCollection out;
  std::vector<std::string_view> visited;
  out.error = CollectInto(runtime_type, selection_set, out.fields, visited);
  return out;
}

FieldCollection FieldCollector::CollectSubfields(const schema::NamedType& runtime_type,
                                                 std::span<const language::Selection* const> field_nodes) const {
  FieldCollection out;
  std::vector<std::string_view> visited;
  for (const Selection* node : field_nodes) {
    if (node->selection_set.empty()) continue;
    out.error = CollectInto(runtime_type, node->selection_set, out.fields, visited);
    if (out.error) break;
  }
  return out;
}

}  // namespace railgun::execute
