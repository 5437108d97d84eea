// §5.4.1 Argument Names — KnownArgumentNamesRule (field arguments and directive arguments).
#include <algorithm>
#include <string>
#include <unordered_map>
#include <variant>

#include "validation/rules.h"
#include "validation/suggestion_list.h"

namespace railgun::validation {
namespace {

class KnownArgumentNamesRule : public Visitor {
 public:
  explicit KnownArgumentNamesRule(ValidationContext& context) : context_(context) {
    for (const schema::DirectiveDef* directive : context.schema().directives()) {
      auto& names = directive_args_[directive->name];
      names.clear();
      for (const schema::InputValue& arg : directive->args) names.push_back(arg.name);
    }
    for (const auto& definition : context.document().definitions) {
      const auto* directive = std::get_if<language::DirectiveDefinition>(&definition);
      if (directive == nullptr) continue;
      auto& names = directive_args_[directive->name.value];
      names.clear();
      for (const language::InputValueDefinition& arg : directive->arguments) names.push_back(arg.name.value);
    }
  }

  // Directive arguments are checked here; the directive's subtree is then skipped by this rule.
  bool EnterDirective(const language::Directive& directive, schema::DirectiveLocation) override {
    const std::string& directive_name = directive.name.value;
    auto known = directive_args_.find(directive_name);
    if (known == directive_args_.end()) return false;
    for (const language::Argument& arg : directive.arguments) {
      const std::string& arg_name = arg.name.value;
      if (std::find(known->second.begin(), known->second.end(), arg_name) != known->second.end()) continue;
      context_.ReportError("Unknown argument \"" + arg_name + "\" on directive \"@" + directive_name + "\"." +
                               DidYouMean(SuggestionList(arg_name, known->second)),
                           {arg.loc});
    }
    return false;
  }

  bool EnterArgument(const language::Argument& arg) override {
    const TypeInfo& info = context_.type_info();
    const schema::Field* field = info.field_def();
    const schema::NamedType* parent = info.parent_type();
    if (info.argument() != nullptr || field == nullptr || parent == nullptr) return true;
    std::vector<std::string> known;
    for (const schema::InputValue& def : field->args) known.push_back(def.name);
    context_.ReportError("Unknown argument \"" + arg.name.value + "\" on field \"" + parent->name + "." + field->name +
                             "\"." + DidYouMean(SuggestionList(arg.name.value, known)),
                         {arg.loc});
    return true;
  }

 private:
  ValidationContext& context_;
  std::unordered_map<std::string, std::vector<std::string>> directive_args_;
};

}  // namespace

std::unique_ptr<Visitor> MakeKnownArgumentNamesRule(ValidationContext& context) {
  return std::make_unique<KnownArgumentNamesRule>(context);
}

}  // namespace railgun::validation
