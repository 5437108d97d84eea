// §5.8.5 All Variable Usages Are Allowed — VariablesInAllowedPositionRule.
#include <string_view>
#include <unordered_map>

#include "schema/type_comparators.h"
#include "validation/rules.h"

namespace railgun::validation {
namespace {

// graphql-js allowedVariableUsage: a nullable variable may feed a non-null position when the variable has a
// non-null default or the position has a default of its own.
bool AllowedVariableUsage(const schema::Schema& schema, const Type& var_type, const language::Value* var_default,
                          const Type& location_type, const language::Value* location_default) {
  if (location_type.is_non_null() && !var_type.is_non_null()) {
    const bool has_non_null_variable_default =
        var_default != nullptr && var_default->kind != language::ValueKind::kNull;
    const bool has_location_default = location_default != nullptr;
    if (!has_non_null_variable_default && !has_location_default) return false;
    return schema::IsTypeSubTypeOf(schema, var_type, location_type.of_type());
  }
  return schema::IsTypeSubTypeOf(schema, var_type, location_type);
}

class VariablesInAllowedPositionRule : public Visitor {
 public:
  explicit VariablesInAllowedPositionRule(ValidationContext& context) : context_(context) {}

  bool EnterOperation(const language::OperationDefinition&) override {
    definitions_.clear();
    return true;
  }
  bool EnterVariableDefinition(const language::VariableDefinition& definition) override {
    definitions_[definition.variable.value] = &definition;  // a later duplicate wins, as in graphql-js
    return true;
  }
  void LeaveOperation(const language::OperationDefinition& operation) override {
    for (const VariableUsage& usage : context_.GetRecursiveVariableUsages(operation)) {
      const std::string& name = usage.node->text;
      auto it = definitions_.find(name);
      if (it == definitions_.end() || usage.type.named == nullptr) continue;
      const language::VariableDefinition& definition = *it->second;
      const Type var_type = ResolveAstType(context_.schema(), definition.type);
      if (var_type.named == nullptr) continue;
      const language::Value* var_default = definition.default_value ? &*definition.default_value : nullptr;
      if (AllowedVariableUsage(context_.schema(), var_type, var_default, usage.type, usage.default_value)) continue;
      context_.ReportError("Variable \"$" + name + "\" of type \"" + var_type.ToString() +
                               "\" used in position expecting type \"" + usage.type.ToString() + "\".",
                           {definition.loc, usage.node->loc});
    }
  }

 private:
  ValidationContext& context_;
  std::unordered_map<std::string_view, const language::VariableDefinition*> definitions_;
};

}  // namespace

std::unique_ptr<Visitor> MakeVariablesInAllowedPositionRule(ValidationContext& context) {
  return std::make_unique<VariablesInAllowedPositionRule>(context);
}

}  // namespace railgun::validation
