// §5.7.3 Directives Are Unique Per Location — UniqueDirectivesPerLocationRule.
#include <string>
#include <unordered_map>
#include <variant>

#include "validation/rules.h"

namespace railgun::validation {
namespace {

using SeenDirectives = std::unordered_map<std::string, language::Location>;

class UniqueDirectivesPerLocationRule : public Visitor {
 public:
  explicit UniqueDirectivesPerLocationRule(ValidationContext& context) : context_(context) {
    for (const schema::DirectiveDef* directive : context.schema().directives())
      unique_[directive->name] = !directive->repeatable;
    for (const auto& definition : context.document().definitions)
      if (const auto* directive = std::get_if<language::DirectiveDefinition>(&definition))
        unique_[directive->name.value] = !directive->repeatable;
  }

  bool EnterOperation(const language::OperationDefinition& node) override { return Fresh(node.directives); }
  bool EnterVariableDefinition(const language::VariableDefinition& node) override { return Fresh(node.directives); }
  bool EnterField(const language::Selection& node) override { return Fresh(node.directives); }
  bool EnterFragmentSpread(const language::Selection& node) override { return Fresh(node.directives); }
  bool EnterInlineFragment(const language::Selection& node) override { return Fresh(node.directives); }
  bool EnterFragmentDefinition(const language::FragmentDefinition& node) override { return Fresh(node.directives); }
  bool EnterSdlNode(const SdlNode& node) override {
    switch (node.kind) {
      case SdlNode::Kind::kSchema: Check(*node.directives, schema_directives_); break;
      case SdlNode::Kind::kType:  // a type and its extensions share one location
        Check(*node.directives, type_directives_[*node.type_name]);
        break;
      default: return Fresh(*node.directives);
    }
    return true;
  }

 private:
  bool Fresh(const std::vector<language::Directive>& directives) {
    SeenDirectives seen;
    Check(directives, seen);
    return true;
  }

  void Check(const std::vector<language::Directive>& directives, SeenDirectives& seen) {
    for (const language::Directive& directive : directives) {
      const std::string& name = directive.name.value;
      auto unique = unique_.find(name);
      if (unique == unique_.end() || !unique->second) continue;
      auto [it, inserted] = seen.emplace(name, directive.loc);
      if (!inserted)
        context_.ReportError("The directive \"@" + name + "\" can only be used once at this location.",
                             {it->second, directive.loc});
    }
  }

  ValidationContext& context_;
  std::unordered_map<std::string, bool> unique_;
  SeenDirectives schema_directives_;
  std::unordered_map<std::string, SeenDirectives> type_directives_;
};

}  // namespace

std::unique_ptr<Visitor> MakeUniqueDirectivesPerLocationRule(ValidationContext& context) {
  return std::make_unique<UniqueDirectivesPerLocationRule>(context);
}

}  // namespace railgun::validation
