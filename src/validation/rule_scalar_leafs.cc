// §5.3.3 Leaf Field Selections — ScalarLeafsRule.
#include "validation/rules.h"

namespace railgun::validation {
namespace {

class ScalarLeafsRule : public Visitor {
 public:
  explicit ScalarLeafsRule(ValidationContext& context) : context_(context) {}

  bool EnterField(const language::Selection& field) override {
    const Type* type = context_.type_info().type();
    if (type == nullptr) return true;
    const bool has_selection_set = field.selection_set.loc.line != 0 || !field.selection_set.empty();
    const std::string& name = field.name.value;
    if (type->named->is_leaf()) {
      if (has_selection_set)
        context_.ReportError("Field \"" + name + "\" must not have a selection since type \"" + type->ToString() +
                                 "\" has no subfields.",
                             {field.selection_set.loc});
    } else if (!has_selection_set) {
      context_.ReportError("Field \"" + name + "\" of type \"" + type->ToString() +
                               "\" must have a selection of subfields. Did you mean \"" + name + " { ... }\"?",
                           {field.loc});
    }
    return true;
  }

 private:
  ValidationContext& context_;
};

}  // namespace

std::unique_ptr<Visitor> MakeScalarLeafsRule(ValidationContext& context) {
  return std::make_unique<ScalarLeafsRule>(context);
}

}  // namespace railgun::validation
