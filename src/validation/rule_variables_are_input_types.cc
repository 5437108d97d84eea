// §5.8.2 Variables Are Input Types — VariablesAreInputTypesRule.
#include "language/printer.h"
#include "validation/rules.h"

namespace railgun::validation {
namespace {

class VariablesAreInputTypesRule : public Visitor {
 public:
  explicit VariablesAreInputTypesRule(ValidationContext& context) : context_(context) {}

  bool EnterVariableDefinition(const language::VariableDefinition& definition) override {
    const Type type = ResolveAstType(context_.schema(), definition.type);
    if (type.named != nullptr && !type.named->is_input_type())
      context_.ReportError("Variable \"$" + definition.variable.value + "\" cannot be non-input type \"" +
                               language::PrintType(definition.type) + "\".",
                           {definition.type.loc});
    return true;
  }

 private:
  ValidationContext& context_;
};

}  // namespace

std::unique_ptr<Visitor> MakeVariablesAreInputTypesRule(ValidationContext& context) {
  return std::make_unique<VariablesAreInputTypesRule>(context);
}

}  // namespace railgun::validation
