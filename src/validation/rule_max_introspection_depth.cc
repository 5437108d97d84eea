// Recommended rule (not in spec §5; part of graphql-js 16.9 specifiedRules) — MaxIntrospectionDepthRule:
// rejects introspection queries nesting fields/interfaces/possibleTypes/inputFields 3 or more levels deep.
#include <set>
#include <string>
#include <unordered_set>
#include <utility>

#include "validation/rules.h"

namespace railgun::validation {
namespace {

constexpr int kMaxListsDepth = 3;

class MaxIntrospectionDepthRule : public Visitor {
 public:
  explicit MaxIntrospectionDepthRule(ValidationContext& context) : context_(context) {}

  bool EnterField(const language::Selection& field) override {
    const std::string& name = field.name.value;
    if (name != "__schema" && name != "__type") return true;
    std::unordered_set<std::string> visited_fragments;
    if (CheckDepth(field, visited_fragments, 0)) {
      context_.ReportError("Maximum introspection depth exceeded", {field.loc});
      return false;
    }
    return true;
  }

 private:
  bool CheckSelections(const language::SelectionSet& selection_set, std::unordered_set<std::string>& visited,
                       int depth) {
    for (const language::Selection& child : selection_set.selections)
      if (CheckDepth(child, visited, depth)) return true;
    return false;
  }

  // Counts nested introspection list fields, following fragment spreads (each at most once per path).
  bool CheckDepth(const language::Selection& node, std::unordered_set<std::string>& visited, int depth) {
    if (node.kind == language::SelectionKind::kFragmentSpread) {
      const std::string& name = node.name.value;
      if (visited.contains(name) || known_shallow_.contains({name, depth})) return false;
      const language::FragmentDefinition* fragment = context_.GetFragment(name);
      if (fragment == nullptr) return false;
      visited.insert(name);
      const bool exceeded = CheckSelections(fragment->selection_set, visited, depth);
      visited.erase(name);
      // Without fragment cycles the answer only depends on (fragment, depth): remembering the negative ones
      // keeps diamond-shaped fragment graphs linear (graphql-js re-walks them exponentially).
      if (!exceeded) known_shallow_.insert({name, depth});
      return exceeded;
    }
    if (node.kind == language::SelectionKind::kField) {
      const std::string& name = node.name.value;
      if (name == "fields" || name == "interfaces" || name == "possibleTypes" || name == "inputFields") {
        if (++depth >= kMaxListsDepth) return true;
      }
    }
    return CheckSelections(node.selection_set, visited, depth);
  }

  ValidationContext& context_;
  std::set<std::pair<std::string, int>> known_shallow_;
};

}  // namespace

std::unique_ptr<Visitor> MakeMaxIntrospectionDepthRule(ValidationContext& context) {
  return std::make_unique<MaxIntrospectionDepthRule>(context);
}

}  // namespace railgun::validation
