// §5.2.2.1 Lone Anonymous Operation — LoneAnonymousOperationRule.
#include <variant>

#include "validation/rules.h"

namespace railgun::validation {
namespace {

class LoneAnonymousOperationRule : public Visitor {
 public:
  explicit LoneAnonymousOperationRule(ValidationContext& context) : context_(context) {}

  bool EnterDocument(const language::Document& document) override {
    operation_count_ = 0;
    for (const auto& definition : document.definitions)
      if (std::holds_alternative<language::OperationDefinition>(definition)) ++operation_count_;
    return true;
  }
  bool EnterOperation(const language::OperationDefinition& operation) override {
    if (!operation.name && operation_count_ > 1)
      context_.ReportError("This anonymous operation must be the only defined operation.", {operation.loc});
    return true;
  }

 private:
  ValidationContext& context_;
  size_t operation_count_ = 0;
};

}  // namespace

std::unique_ptr<Visitor> MakeLoneAnonymousOperationRule(ValidationContext& context) {
  return std::make_unique<LoneAnonymousOperationRule>(context);
}

}  // namespace railgun::validation
