// §5.5.2.1 Fragment Spread Target Defined — KnownFragmentNamesRule.
#include "validation/rules.h"

namespace railgun::validation {
namespace {

class KnownFragmentNamesRule : public Visitor {
 public:
  explicit KnownFragmentNamesRule(ValidationContext& context) : context_(context) {}

  bool EnterFragmentSpread(const language::Selection& spread) override {
    if (context_.GetFragment(spread.name.value) == nullptr)
      context_.ReportError("Unknown fragment \"" + spread.name.value + "\".", {spread.name.loc});
    return true;
  }

 private:
  ValidationContext& context_;
};

}  // namespace

std::unique_ptr<Visitor> MakeKnownFragmentNamesRule(ValidationContext& context) {
  return std::make_unique<KnownFragmentNamesRule>(context);
}

}  // namespace railgun::validation
