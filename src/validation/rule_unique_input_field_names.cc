// §5.6.3 Input Object Field Uniqueness — UniqueInputFieldNamesRule.
#include <string>
#include <unordered_map>

#include "validation/rules.h"

namespace railgun::validation {
namespace {

class UniqueInputFieldNamesRule : public Visitor {
 public:
  explicit UniqueInputFieldNamesRule(ValidationContext& context) : context_(context) {}

  bool EnterValue(const language::Value& value) override {
    if (value.kind == language::ValueKind::kObject) known_stack_.emplace_back();
    return true;
  }
  void LeaveValue(const language::Value& value) override {
    if (value.kind == language::ValueKind::kObject) known_stack_.pop_back();
  }
  bool EnterObjectField(const language::ObjectField& field) override {
    if (known_stack_.empty()) return true;
    auto [it, inserted] = known_stack_.back().emplace(field.name.value, field.name.loc);
    if (!inserted)
      context_.ReportError("There can be only one input field named \"" + field.name.value + "\".",
                           {it->second, field.name.loc});
    return true;
  }

 private:
  ValidationContext& context_;
  std::vector<std::unordered_map<std::string, language::Location>> known_stack_;
};

}  // namespace

std::unique_ptr<Visitor> MakeUniqueInputFieldNamesRule(ValidationContext& context) {
  return std::make_unique<UniqueInputFieldNamesRule>(context);
}

}  // namespace railgun::validation
