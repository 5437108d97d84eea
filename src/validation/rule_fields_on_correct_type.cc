// §5.3.1 Field Selections — FieldsOnCorrectTypeRule.
#include <string>
#include <unordered_map>

#include "validation/js_sort.h"
#include "validation/rules.h"
#include "validation/suggestion_list.h"

namespace railgun::validation {
namespace {

class FieldsOnCorrectTypeRule : public Visitor {
 public:
  explicit FieldsOnCorrectTypeRule(ValidationContext& context) : context_(context) {}

  bool EnterField(const language::Selection& field) override {
    const schema::NamedType* type = context_.type_info().parent_type();
    if (type == nullptr || context_.type_info().field_def() != nullptr) return true;
    const std::string& field_name = field.name.value;
    // First suggest types to condition on; failing that, perhaps this was a typo.
    std::string suggestion = DidYouMean("to use an inline fragment on", SuggestedTypeNames(type, field_name));
    if (suggestion.empty()) suggestion = DidYouMean(SuggestedFieldNames(type, field_name));
    context_.ReportError("Cannot query field \"" + field_name + "\" on type \"" + type->name + "\"." + suggestion,
                         {field.loc});
    return true;
  }

 private:
  // Implementations of an abstract type (and their interfaces) that define the field, most used first.
  std::vector<std::string> SuggestedTypeNames(const schema::NamedType* type, const std::string& field_name) const {
    if (!type->is_abstract()) return {};
    const schema::Schema& schema = context_.schema();
    std::vector<const schema::NamedType*> suggested;
    std::unordered_map<const schema::NamedType*, int> usage_count;
    auto add = [&](const schema::NamedType* t) {
      if (std::find(suggested.begin(), suggested.end(), t) == suggested.end()) suggested.push_back(t);
    };
    for (const schema::NamedType* possible : schema.possible_types(type)) {
      if (possible->field(field_name) == nullptr) continue;
      add(possible);
      usage_count[possible] = 1;
      for (const schema::NamedType* interface : possible->interfaces) {
        if (interface->field(field_name) == nullptr) continue;
        add(interface);
        usage_count[interface] += 1;
      }
    }
    JsSort(suggested, [&](const schema::NamedType* a, const schema::NamedType* b) {
      const int diff = usage_count[b] - usage_count[a];
      if (diff != 0) return diff;
      // Suggest super types first followed by subtypes.
      if (a->kind == schema::TypeKind::kInterface && schema.is_sub_type(a, b)) return -1;
      if (b->kind == schema::TypeKind::kInterface && schema.is_sub_type(b, a)) return 1;
      return NaturalCompare(a->name, b->name);
    });
    std::vector<std::string> names;
    for (const schema::NamedType* t : suggested) names.push_back(t->name);
    return names;
  }

  static std::vector<std::string> SuggestedFieldNames(const schema::NamedType* type, const std::string& field_name) {
    if (type->kind != schema::TypeKind::kObject && type->kind != schema::TypeKind::kInterface) return {};
    std::vector<std::string> names;
    for (const schema::Field& f : type->fields) names.push_back(f.name);
    return SuggestionList(field_name, names);
  }

  ValidationContext& context_;
};

}  // namespace

std::unique_ptr<Visitor> MakeFieldsOnCorrectTypeRule(ValidationContext& context) {
  return std::make_unique<FieldsOnCorrectTypeRule>(context);
}

}  // namespace railgun::validation
