// §5.8.3 All Variable Uses Defined — NoUndefinedVariablesRule.
#include <string>
#include <unordered_set>

#include "validation/rules.h"

namespace railgun::validation {
namespace {

class NoUndefinedVariablesRule : public Visitor {
 public:
  explicit NoUndefinedVariablesRule(ValidationContext& context) : context_(context) {}

  bool EnterOperation(const language::OperationDefinition&) override {
    defined_.clear();
    return true;
  }
  bool EnterVariableDefinition(const language::VariableDefinition& definition) override {
    defined_.insert(definition.variable.value);
    return true;
  }
  void LeaveOperation(const language::OperationDefinition& operation) override {
    for (const VariableUsage& usage : context_.GetRecursiveVariableUsages(operation)) {
      const std::string& name = usage.node->text;
      if (defined_.contains(name)) continue;
      context_.ReportError(
          operation.name ? "Variable \"$" + name + "\" is not defined by operation \"" + operation.name->value + "\"."
                         : "Variable \"$" + name + "\" is not defined.",
          {usage.node->loc, operation.loc});
    }
  }

 private:
  ValidationContext& context_;
  std::unordered_set<std::string> defined_;
};

}  // namespace

std::unique_ptr<Visitor> MakeNoUndefinedVariablesRule(ValidationContext& context) {
  return std::make_unique<NoUndefinedVariablesRule>(context);
}

}  // namespace railgun::validation
