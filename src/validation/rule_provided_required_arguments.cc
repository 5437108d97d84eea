// §5.4.2.1 Required Arguments — ProvidedRequiredArgumentsRule (fields and directives).
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "language/printer.h"
#include "validation/rules.h"

namespace railgun::validation {
namespace {

struct RequiredArg {
  std::string name;
  std::string type;  // as graphql-js prints it in the message
};

class ProvidedRequiredArgumentsRule : public Visitor {
 public:
  explicit ProvidedRequiredArgumentsRule(ValidationContext& context) : context_(context) {
    for (const schema::DirectiveDef* directive : context.schema().directives()) {
      auto& required = required_[directive->name];
      required.clear();
      for (const schema::InputValue& arg : directive->args)
        if (arg.type.is_non_null() && !arg.default_value) AddUnique(required, {arg.name, arg.type.ToString()});
    }
    for (const auto& definition : context.document().definitions) {
      const auto* directive = std::get_if<language::DirectiveDefinition>(&definition);
      if (directive == nullptr) continue;
      auto& required = required_[directive->name.value];
      required.clear();
      for (const language::InputValueDefinition& arg : directive->arguments)
        if (arg.type.kind == language::TypeRef::Kind::kNonNull && !arg.default_value)
          AddUnique(required, {arg.name.value, language::PrintType(arg.type)});
    }
  }

  void LeaveField(const language::Selection& field) override {
    const schema::Field* def = context_.type_info().field_def();
    if (def == nullptr) return;
    std::unordered_set<std::string_view> provided;
    for (const language::Argument& arg : field.arguments) provided.insert(arg.name.value);
    for (const schema::InputValue& arg : def->args) {
      if (provided.contains(arg.name) || !arg.type.is_non_null() || arg.default_value) continue;
      context_.ReportError("Field \"" + def->name + "\" argument \"" + arg.name + "\" of type \"" +
                               arg.type.ToString() + "\" is required, but it was not provided.",
                           {field.loc});
    }
  }

  void LeaveDirective(const language::Directive& directive) override {
    auto it = required_.find(directive.name.value);
    if (it == required_.end()) return;
    std::unordered_set<std::string_view> provided;
    for (const language::Argument& arg : directive.arguments) provided.insert(arg.name.value);
    for (const RequiredArg& arg : it->second) {
      if (provided.contains(arg.name)) continue;
      context_.ReportError("Directive \"@" + directive.name.value + "\" argument \"" + arg.name + "\" of type \"" +
                               arg.type + "\" is required, but it was not provided.",
                           {directive.loc});
    }
  }

 private:
  // graphql-js keyMap: a repeated name keeps its first position, the last definition's type.
  static void AddUnique(std::vector<RequiredArg>& list, RequiredArg arg) {
    for (auto& existing : list) {
      if (existing.name == arg.name) {
        existing = std::move(arg);
        return;
      }
    }
    list.push_back(std::move(arg));
  }

  ValidationContext& context_;
  std::unordered_map<std::string, std::vector<RequiredArg>> required_;
};

}  // namespace

std::unique_ptr<Visitor> MakeProvidedRequiredArgumentsRule(ValidationContext& context) {
  return std::make_unique<ProvidedRequiredArgumentsRule>(context);
}

}  // namespace railgun::validation
