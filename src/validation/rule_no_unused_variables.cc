// §5.8.4 All Variables Used — NoUnusedVariablesRule.
#include <string_view>
#include <unordered_set>

#include "validation/rules.h"

namespace railgun::validation {
namespace {

class NoUnusedVariablesRule : public Visitor {
 public:
  explicit NoUnusedVariablesRule(ValidationContext& context) : context_(context) {}

  bool EnterOperation(const language::OperationDefinition&) override {
    definitions_.clear();
    return true;
  }
  bool EnterVariableDefinition(const language::VariableDefinition& definition) override {
    definitions_.push_back(&definition);
    return true;
  }
  void LeaveOperation(const language::OperationDefinition& operation) override {
    std::unordered_set<std::string_view> used;
    for (const VariableUsage& usage : context_.GetRecursiveVariableUsages(operation)) used.insert(usage.node->text);
    for (const language::VariableDefinition* definition : definitions_) {
      const std::string& name = definition->variable.value;
      if (used.contains(name)) continue;
      context_.ReportError(
          operation.name ? "Variable \"$" + name + "\" is never used in operation \"" + operation.name->value + "\"."
                         : "Variable \"$" + name + "\" is never used.",
          {definition->loc});
    }
  }

 private:
  ValidationContext& context_;
  std::vector<const language::VariableDefinition*> definitions_;
};

}  // namespace

std::unique_ptr<Visitor> MakeNoUnusedVariablesRule(ValidationContext& context) {
  return std::make_unique<NoUnusedVariablesRule>(context);
}

}  // namespace railgun::validation
