// §5.5.2.3 Fragment Spread Is Possible — PossibleFragmentSpreadsRule.
#include "schema/type_comparators.h"
#include "validation/rules.h"

namespace railgun::validation {
namespace {

class PossibleFragmentSpreadsRule : public Visitor {
 public:
  explicit PossibleFragmentSpreadsRule(ValidationContext& context) : context_(context) {}

  bool EnterInlineFragment(const language::Selection& fragment) override {
    const Type* frag_type = context_.type_info().type();
    const schema::NamedType* parent_type = context_.type_info().parent_type();
    if (frag_type != nullptr && frag_type->is_named() && frag_type->named->is_composite() && parent_type != nullptr &&
        !schema::DoTypesOverlap(context_.schema(), frag_type->named, parent_type))
      context_.ReportError("Fragment cannot be spread here as objects of type \"" + parent_type->name +
                               "\" can never be of type \"" + frag_type->named->name + "\".",
                           {fragment.loc});
    return true;
  }

  bool EnterFragmentSpread(const language::Selection& spread) override {
    const std::string& name = spread.name.value;
    const schema::NamedType* frag_type = nullptr;
    if (const language::FragmentDefinition* fragment = context_.GetFragment(name)) {
      const schema::NamedType* t = context_.schema().type(fragment->type_condition.value);
      if (t != nullptr && t->is_composite()) frag_type = t;
    }
    const schema::NamedType* parent_type = context_.type_info().parent_type();
    if (frag_type != nullptr && parent_type != nullptr &&
        !schema::DoTypesOverlap(context_.schema(), frag_type, parent_type))
      context_.ReportError("Fragment \"" + name + "\" cannot be spread here as objects of type \"" + parent_type->name +
                               "\" can never be of type \"" + frag_type->name + "\".",
                           {spread.loc});
    return true;
  }

 private:
  ValidationContext& context_;
};

}  // namespace

std::unique_ptr<Visitor> MakePossibleFragmentSpreadsRule(ValidationContext& context) {
  return std::make_unique<PossibleFragmentSpreadsRule>(context);
}

}  // namespace railgun::validation
