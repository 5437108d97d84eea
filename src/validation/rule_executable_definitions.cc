// §5.1.1 Executable Definitions — ExecutableDefinitionsRule.
#include <variant>

#include "validation/rules.h"

namespace railgun::validation {
namespace {

class ExecutableDefinitionsRule : public Visitor {
 public:
  explicit ExecutableDefinitionsRule(ValidationContext& context) : context_(context) {}

  bool EnterDocument(const language::Document& document) override {
    for (const auto& definition : document.definitions) {
      if (const auto* schema_def = std::get_if<language::SchemaDefinition>(&definition)) {
        context_.ReportError("The schema definition is not executable.", {schema_def->loc});
      } else if (const auto* type_def = std::get_if<language::TypeDefinition>(&definition)) {
        context_.ReportError("The \"" + type_def->name.value + "\" definition is not executable.", {type_def->loc});
      } else if (const auto* directive_def = std::get_if<language::DirectiveDefinition>(&definition)) {
        context_.ReportError("The \"" + directive_def->name.value + "\" definition is not executable.",
                             {directive_def->loc});
      }
    }
    return false;
  }

 private:
  ValidationContext& context_;
};

}  // namespace

std::unique_ptr<Visitor> MakeExecutableDefinitionsRule(ValidationContext& context) {
  return std::make_unique<ExecutableDefinitionsRule>(context);
}

}  // namespace railgun::validation
