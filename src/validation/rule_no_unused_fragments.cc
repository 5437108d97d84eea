// §5.5.1.4 Fragments Must Be Used — NoUnusedFragmentsRule.
#include <string_view>
#include <unordered_set>

#include "validation/rules.h"

namespace railgun::validation {
namespace {

class NoUnusedFragmentsRule : public Visitor {
 public:
  explicit NoUnusedFragmentsRule(ValidationContext& context) : context_(context) {}

  bool EnterOperation(const language::OperationDefinition& operation) override {
    operations_.push_back(&operation);
    return false;
  }
  bool EnterFragmentDefinition(const language::FragmentDefinition& fragment) override {
    fragments_.push_back(&fragment);
    return false;
  }
  void LeaveDocument(const language::Document&) override {
    std::unordered_set<std::string_view> used;
    for (const auto* operation : operations_)
      for (const auto* fragment : context_.GetRecursivelyReferencedFragments(*operation))
        used.insert(fragment->name.value);
    for (const auto* fragment : fragments_)
      if (!used.contains(fragment->name.value))
        context_.ReportError("Fragment \"" + fragment->name.value + "\" is never used.", {fragment->loc});
  }

 private:
  ValidationContext& context_;
  std::vector<const language::OperationDefinition*> operations_;
  std::vector<const language::FragmentDefinition*> fragments_;
};

}  // namespace

std::unique_ptr<Visitor> MakeNoUnusedFragmentsRule(ValidationContext& context) {
  return std::make_unique<NoUnusedFragmentsRule>(context);
}

}  // namespace railgun::validation
