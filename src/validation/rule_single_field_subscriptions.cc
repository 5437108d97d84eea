// §5.2.3.1 Single Root Field — SingleFieldSubscriptionsRule.
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "validation/rules.h"

namespace railgun::validation {
namespace {

// graphql-js shouldIncludeNode with no variables. Where graphql-js would throw (a variable or a missing /
// invalid `if`), the selection is kept: other rules report the bad argument.
bool ShouldInclude(const std::vector<language::Directive>& directives) {
  auto literal_if = [&](std::string_view directive_name) -> std::optional<bool> {
    for (const auto& directive : directives) {
      if (directive.name.value != directive_name) continue;
      const language::Argument* arg = nullptr;
      for (const auto& a : directive.arguments)
        if (a.name.value == "if") arg = &a;  // graphql-js keyMap: the last one wins
      if (arg != nullptr && arg->value.kind == language::ValueKind::kBoolean) return arg->value.boolean;
      return std::nullopt;  // only the first directive of that name counts
    }
    return std::nullopt;
  };
  if (literal_if("skip") == std::optional<bool>(true)) return false;
  if (literal_if("include") == std::optional<bool>(false)) return false;
  return true;
}

class SingleFieldSubscriptionsRule : public Visitor {
 public:
  explicit SingleFieldSubscriptionsRule(ValidationContext& context) : context_(context) {}

  bool EnterOperation(const language::OperationDefinition& operation) override {
    if (operation.operation != language::OperationType::kSubscription) return true;
    const schema::NamedType* subscription_type = context_.schema().subscription_type();
    if (subscription_type == nullptr) return true;
    keys_.clear();
    groups_.clear();
    visited_fragments_.clear();
    CollectFields(subscription_type, operation.selection_set);
    const std::string prefix =
        operation.name ? "Subscription \"" + operation.name->value + "\"" : std::string("Anonymous Subscription");
    if (keys_.size() > 1) {
      std::vector<language::Location> extra;
      for (size_t i = 1; i < keys_.size(); ++i)
        for (const language::Selection* field : groups_[keys_[i]]) extra.push_back(field->loc);
      context_.ReportError(prefix + " must select only one top level field.", std::move(extra));
    }
    for (const std::string& key : keys_) {
      const auto& nodes = groups_[key];
      if (nodes.front()->name.value.starts_with("__")) {
        std::vector<language::Location> locations;
        for (const language::Selection* field : nodes) locations.push_back(field->loc);
        context_.ReportError(prefix + " must not select an introspection top level field.", std::move(locations));
      }
    }
    return true;
  }

 private:
  bool FragmentConditionMatches(const language::Name* type_condition, const schema::NamedType* type) const {
    if (type_condition == nullptr) return true;
    const schema::NamedType* conditional = context_.schema().type(type_condition->value);
    if (conditional == type) return true;
    if (conditional != nullptr && conditional->is_abstract()) return context_.schema().is_sub_type(conditional, type);
    return false;
  }

  void CollectFields(const schema::NamedType* runtime_type, const language::SelectionSet& selection_set) {
    for (const auto& selection : selection_set.selections) {
      switch (selection.kind) {
        case language::SelectionKind::kField: {
          if (!ShouldInclude(selection.directives)) break;
          const std::string& key = selection.response_key();
          auto [it, inserted] = groups_.try_emplace(key);
          if (inserted) keys_.push_back(key);
          it->second.push_back(&selection);
          break;
        }
        case language::SelectionKind::kInlineFragment:
          if (!ShouldInclude(selection.directives) ||
              !FragmentConditionMatches(selection.type_condition ? &*selection.type_condition : nullptr, runtime_type))
            break;
          CollectFields(runtime_type, selection.selection_set);
          break;
        case language::SelectionKind::kFragmentSpread: {
          const std::string& name = selection.name.value;
          if (visited_fragments_.contains(name) || !ShouldInclude(selection.directives)) break;
          visited_fragments_.insert(name);
          const language::FragmentDefinition* fragment = context_.GetFragment(name);
          if (fragment == nullptr || !FragmentConditionMatches(&fragment->type_condition, runtime_type)) break;
          CollectFields(runtime_type, fragment->selection_set);
          break;
        }
      }
    }
  }

  ValidationContext& context_;
  std::vector<std::string> keys_;
  std::unordered_map<std::string, std::vector<const language::Selection*>> groups_;
  std::unordered_set<std::string> visited_fragments_;
};

}  // namespace

std::unique_ptr<Visitor> MakeSingleFieldSubscriptionsRule(ValidationContext& context) {
  return std::make_unique<SingleFieldSubscriptionsRule>(context);
}

}  // namespace railgun::validation
