// §5.2.1.1 Operation Name Uniqueness — UniqueOperationNamesRule.
#include <string>
#include <unordered_map>

#include "validation/rules.h"

namespace railgun::validation {
namespace {

class UniqueOperationNamesRule : public Visitor {
 public:
  explicit UniqueOperationNamesRule(ValidationContext& context) : context_(context) {}

  bool EnterOperation(const language::OperationDefinition& operation) override {
    if (operation.name) {
      const std::string& name = operation.name->value;
      auto [it, inserted] = known_.emplace(name, operation.name->loc);
      if (!inserted)
        context_.ReportError("There can be only one operation named \"" + name + "\".",
                             {it->second, operation.name->loc});
    }
    return false;
  }
  bool EnterFragmentDefinition(const language::FragmentDefinition&) override { return false; }

 private:
  ValidationContext& context_;
  std::unordered_map<std::string, language::Location> known_;
};

}  // namespace

std::unique_ptr<Visitor> MakeUniqueOperationNamesRule(ValidationContext& context) {
  return std::make_unique<UniqueOperationNamesRule>(context);
}

}  // namespace railgun::validation
