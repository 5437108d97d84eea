// §5.8.1 Variable Uniqueness — UniqueVariableNamesRule.
#include <string>
#include <unordered_map>

#include "validation/rules.h"

namespace railgun::validation {
namespace {

class UniqueVariableNamesRule : public Visitor {
 public:
  explicit UniqueVariableNamesRule(ValidationContext& context) : context_(context) {}

  bool EnterOperation(const language::OperationDefinition& operation) override {
    std::vector<std::string_view> order;
    std::unordered_map<std::string_view, std::vector<language::Location>> groups;
    for (const auto& definition : operation.variables) {
      auto [it, inserted] = groups.try_emplace(definition.variable.value);
      if (inserted) order.push_back(definition.variable.value);
      // graphql-js points at the variable's Name, just after the `$` our AST location starts at.
      language::Location name_loc = definition.variable.loc;
      if (name_loc.line != 0) ++name_loc.column;
      it->second.push_back(name_loc);
    }
    for (std::string_view name : order) {
      auto& locations = groups[name];
      if (locations.size() > 1)
        context_.ReportError("There can be only one variable named \"$" + std::string(name) + "\".",
                             std::move(locations));
    }
    return true;
  }

 private:
  ValidationContext& context_;
};

}  // namespace

std::unique_ptr<Visitor> MakeUniqueVariableNamesRule(ValidationContext& context) {
  return std::make_unique<UniqueVariableNamesRule>(context);
}

}  // namespace railgun::validation
