// §5.4.2 Argument Uniqueness — UniqueArgumentNamesRule.
#include <string>
#include <unordered_map>

#include "validation/rules.h"

namespace railgun::validation {
namespace {

class UniqueArgumentNamesRule : public Visitor {
 public:
  explicit UniqueArgumentNamesRule(ValidationContext& context) : context_(context) {}

  bool EnterField(const language::Selection& field) override { return Check(field.arguments); }
  bool EnterDirective(const language::Directive& directive, schema::DirectiveLocation) override {
    return Check(directive.arguments);
  }

 private:
  bool Check(const std::vector<language::Argument>& arguments) {
    if (arguments.size() < 2) return true;
    std::vector<std::string_view> order;
    std::unordered_map<std::string_view, std::vector<language::Location>> groups;
    for (const language::Argument& arg : arguments) {
      auto [it, inserted] = groups.try_emplace(arg.name.value);
      if (inserted) order.push_back(arg.name.value);
      it->second.push_back(arg.name.loc);
    }
    for (std::string_view name : order) {
      auto& locations = groups[name];
      if (locations.size() > 1)
        context_.ReportError("There can be only one argument named \"" + std::string(name) + "\".",
                             std::move(locations));
    }
    return true;
  }

  ValidationContext& context_;
};

}  // namespace

std::unique_ptr<Visitor> MakeUniqueArgumentNamesRule(ValidationContext& context) {
  return std::make_unique<UniqueArgumentNamesRule>(context);
}

}  // namespace railgun::validation
