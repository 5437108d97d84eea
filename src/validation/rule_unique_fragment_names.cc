// §5.5.1.1 Fragment Name Uniqueness — UniqueFragmentNamesRule.
#include <string>
#include <unordered_map>

#include "validation/rules.h"

namespace railgun::validation {
namespace {

class UniqueFragmentNamesRule : public Visitor {
 public:
  explicit UniqueFragmentNamesRule(ValidationContext& context) : context_(context) {}

  bool EnterOperation(const language::OperationDefinition&) override { return false; }
  bool EnterFragmentDefinition(const language::FragmentDefinition& fragment) override {
    const std::string& name = fragment.name.value;
    auto [it, inserted] = known_.emplace(name, fragment.name.loc);
    if (!inserted)
      context_.ReportError("There can be only one fragment named \"" + name + "\".", {it->second, fragment.name.loc});
    return false;
  }

 private:
  ValidationContext& context_;
  std::unordered_map<std::string, language::Location> known_;
};

}  // namespace

std::unique_ptr<Visitor> MakeUniqueFragmentNamesRule(ValidationContext& context) {
  return std::make_unique<UniqueFragmentNamesRule>(context);
}

}  // namespace railgun::validation
