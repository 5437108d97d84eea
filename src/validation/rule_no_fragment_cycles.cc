// §5.5.2.2 Fragment Spreads Must Not Form Cycles — NoFragmentCyclesRule.
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "validation/rules.h"

namespace railgun::validation {
namespace {

class NoFragmentCyclesRule : public Visitor {
 public:
  explicit NoFragmentCyclesRule(ValidationContext& context) : context_(context) {}

  bool EnterOperation(const language::OperationDefinition&) override { return false; }
  bool EnterFragmentDefinition(const language::FragmentDefinition& fragment) override {
    DetectCycleRecursive(fragment);
    return false;
  }

 private:
  // A straightforward DFS; each fragment is explored once, cycles are reported where they close.
  void DetectCycleRecursive(const language::FragmentDefinition& fragment) {
    const std::string& fragment_name = fragment.name.value;
    if (!visited_.insert(fragment_name).second) return;
    const auto& spreads = context_.GetFragmentSpreads(fragment.selection_set);
    if (spreads.empty()) return;
    path_index_by_name_[fragment_name] = spread_path_.size();
    for (const language::Selection* spread : spreads) {
      const std::string& spread_name = spread->name.value;
      auto cycle = path_index_by_name_.find(spread_name);
      spread_path_.push_back(spread);
      if (cycle == path_index_by_name_.end()) {
        if (const language::FragmentDefinition* target = context_.GetFragment(spread_name))
          DetectCycleRecursive(*target);
      } else {
        std::string via;
        std::vector<language::Location> locations;
        for (size_t i = cycle->second; i < spread_path_.size(); ++i) {
          locations.push_back(spread_path_[i]->loc);
          if (i + 1 < spread_path_.size()) {
            if (!via.empty()) via += ", ";
            via += "\"" + spread_path_[i]->name.value + "\"";
          }
        }
        context_.ReportError(
            "Cannot spread fragment \"" + spread_name + "\" within itself" + (via.empty() ? "." : " via " + via + "."),
            std::move(locations));
      }
      spread_path_.pop_back();
    }
    path_index_by_name_.erase(fragment_name);
  }

  ValidationContext& context_;
  std::unordered_set<std::string> visited_;
  std::vector<const language::Selection*> spread_path_;
  std::unordered_map<std::string, size_t> path_index_by_name_;
};

}  // namespace

std::unique_ptr<Visitor> MakeNoFragmentCyclesRule(ValidationContext& context) {
  return std::make_unique<NoFragmentCyclesRule>(context);
}

}  // namespace railgun::validation
