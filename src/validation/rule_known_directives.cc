// §5.7.1 Directives Are Defined, §5.7.2 Directives Are In Valid Locations — KnownDirectivesRule.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <variant>

#include "validation/rules.h"

namespace railgun::validation {
namespace {

class KnownDirectivesRule : public Visitor {
 public:
  explicit KnownDirectivesRule(ValidationContext& context) : context_(context) {
    for (const schema::DirectiveDef* directive : context.schema().directives()) {
      auto& locations = locations_[directive->name];
      locations.clear();
      for (schema::DirectiveLocation location : directive->locations)
        locations.emplace_back(schema::DirectiveLocationName(location));
    }
    for (const auto& definition : context.document().definitions) {
      const auto* directive = std::get_if<language::DirectiveDefinition>(&definition);
      if (directive == nullptr) continue;
      auto& locations = locations_[directive->name.value];
      locations.clear();
      for (const language::Name& location : directive->locations) locations.push_back(location.value);
    }
  }

  bool EnterDirective(const language::Directive& directive, schema::DirectiveLocation location) override {
    const std::string& name = directive.name.value;
    auto it = locations_.find(name);
    if (it == locations_.end()) {
      context_.ReportError("Unknown directive \"@" + name + "\".", {directive.loc});
      return true;
    }
    const std::string candidate(schema::DirectiveLocationName(location));
    if (std::find(it->second.begin(), it->second.end(), candidate) == it->second.end())
      context_.ReportError("Directive \"@" + name + "\" may not be used on " + candidate + ".", {directive.loc});
    return true;
  }

 private:
  ValidationContext& context_;
  std::unordered_map<std::string, std::vector<std::string>> locations_;
};

}  // namespace

std::unique_ptr<Visitor> MakeKnownDirectivesRule(ValidationContext& context) {
  return std::make_unique<KnownDirectivesRule>(context);
}

}  // namespace railgun::validation
