// §5.5.1.3 Fragments On Composite Types — FragmentsOnCompositeTypesRule.
#include "validation/rules.h"

namespace railgun::validation {
namespace {

class FragmentsOnCompositeTypesRule : public Visitor {
 public:
  explicit FragmentsOnCompositeTypesRule(ValidationContext& context) : context_(context) {}

  bool EnterInlineFragment(const language::Selection& fragment) override {
    if (fragment.type_condition && IsNonComposite(*fragment.type_condition))
      context_.ReportError(
          "Fragment cannot condition on non composite type \"" + fragment.type_condition->value + "\".",
          {fragment.type_condition->loc});
    return true;
  }
  bool EnterFragmentDefinition(const language::FragmentDefinition& fragment) override {
    if (IsNonComposite(fragment.type_condition))
      context_.ReportError("Fragment \"" + fragment.name.value + "\" cannot condition on non composite type \"" +
                               fragment.type_condition.value + "\".",
                           {fragment.type_condition.loc});
    return true;
  }

 private:
  bool IsNonComposite(const language::Name& type_condition) const {
    const schema::NamedType* type = context_.schema().type(type_condition.value);
    return type != nullptr && !type->is_composite();
  }

  ValidationContext& context_;
};

}  // namespace

std::unique_ptr<Visitor> MakeFragmentsOnCompositeTypesRule(ValidationContext& context) {
  return std::make_unique<FragmentsOnCompositeTypesRule>(context);
}

}  // namespace railgun::validation
