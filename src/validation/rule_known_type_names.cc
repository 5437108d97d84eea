// §5.5.1.2 Fragment Spread Type Existence, §5.8.2 Variables Are Input Types (names) — KnownTypeNamesRule.
#include <algorithm>
#include <string>
#include <unordered_set>
#include <variant>

#include "validation/rules.h"
#include "validation/suggestion_list.h"

namespace railgun::validation {
namespace {

const std::vector<std::string>& StandardTypeNames() {
  static const std::vector<std::string> kNames = {
      "String", "Int",     "Float",        "Boolean",     "ID",        "__Schema", "__Directive", "__DirectiveLocation",
      "__Type", "__Field", "__InputValue", "__EnumValue", "__TypeKind"};
  return kNames;
}

class KnownTypeNamesRule : public Visitor {
 public:
  explicit KnownTypeNamesRule(ValidationContext& context) : context_(context) {
    for (const schema::NamedType* type : context.schema().types()) type_names_.push_back(type->name);
    for (const auto& definition : context.document().definitions) {
      const auto* type_def = std::get_if<language::TypeDefinition>(&definition);
      if (type_def == nullptr || type_def->is_extension) continue;
      if (defined_types_.insert(type_def->name.value).second) type_names_.push_back(type_def->name.value);
    }
  }

  bool EnterNamedType(const language::Name& name, bool in_type_system) override {
    const std::string& type_name = name.value;
    if (context_.schema().type(type_name) != nullptr || defined_types_.contains(type_name)) return true;
    const auto& standard = StandardTypeNames();
    if (in_type_system && std::find(standard.begin(), standard.end(), type_name) != standard.end()) return true;
    std::vector<std::string> options;
    if (in_type_system) options = standard;
    options.insert(options.end(), type_names_.begin(), type_names_.end());
    context_.ReportError("Unknown type \"" + type_name + "\"." + DidYouMean(SuggestionList(type_name, options)),
                         {name.loc});
    return true;
  }

 private:
  ValidationContext& context_;
  std::unordered_set<std::string> defined_types_;
  std::vector<std::string> type_names_;
};

}  // namespace

std::unique_ptr<Visitor> MakeKnownTypeNamesRule(ValidationContext& context) {
  return std::make_unique<KnownTypeNamesRule>(context);
}

}  // namespace railgun::validation
