// Query depth / complexity analysis (the model is described in limits.h and README.md).
#include "security/limits.h"

#include <algorithm>
#include <limits>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "models/settings.h"

namespace railgun::security {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

int64_t SatAdd(int64_t a, int64_t b) { return a > kMax - b ? kMax : a + b; }
int64_t SatMul(int64_t a, int64_t b) {
  if (a == 0 || b == 0) return 0;
  return a > kMax / b ? kMax : a * b;
}

// The stricter of two limits where 0 means unlimited.
int64_t Stricter(int64_t a, int64_t b) {
  if (a <= 0) return std::max<int64_t>(b, 0);
  if (b <= 0) return a;
  return std::min(a, b);
}

bool IsMetaField(std::string_view name) { return name == "__schema" || name == "__type" || name == "__typename"; }

// Relay plumbing adds no depth: `edges` returning edge objects (they have `node`) and `node` of an edge (a type
// with `cursor`, or named *Edge) sit at the level of the field that returned the connection.
bool IsRelayWrapper(const schema::NamedType* parent, std::string_view name, const schema::NamedType* child) {
  if (parent == nullptr) return false;
  if (name == "edges") return child != nullptr && child->field("node") != nullptr;
  if (name == "node") return parent->field("cursor") != nullptr || parent->name.ends_with("Edge");
  return false;
}

class Analyzer {
 public:
  Analyzer(const schema::Schema& schema, const language::Document& doc, const language::OperationDefinition& op,
           const json::Value& variables, int64_t page_size)
      : schema_(schema), op_(op), variables_(variables), page_size_(std::max<int64_t>(page_size, 1)) {
    for (const auto& def : doc.definitions)
      if (const auto* frag = std::get_if<language::FragmentDefinition>(&def)) fragments_[frag->name.value] = frag;
  }

  QueryCost Run() {
    const schema::NamedType* root = op_.operation == language::OperationType::kMutation ? schema_.mutation_type()
                                    : op_.operation == language::OperationType::kSubscription
                                        ? schema_.subscription_type()
                                        : schema_.query_type();
    QueryCost cost;
    cost.complexity = Visit(op_.selection_set, root, 1, cost);
    return cost;
  }

 private:
  // Cost of a selection set whose fields sit at `depth`; records the depth reached in `cost`.
  int64_t Visit(const language::SelectionSet& set, const schema::NamedType* parent, int64_t depth, QueryCost& cost) {
    int64_t total = 0;
    for (const auto& sel : set.selections) {
      switch (sel.kind) {
        case language::SelectionKind::kField: {
          if (IsMetaField(sel.name.value)) break;
          const schema::Field* field = parent ? parent->field(sel.name.value) : nullptr;
          const schema::NamedType* child = field ? field->type.named : nullptr;
          const bool wrapper = IsRelayWrapper(parent, sel.name.value, child);
          if (!wrapper && depth > cost.depth) {
            cost.depth = depth;
            cost.deepest = sel.name.loc;
          }
          int64_t inner =
              sel.selection_set.empty() ? 0 : Visit(sel.selection_set, child, wrapper ? depth : depth + 1, cost);
          int64_t n = field ? PageSize(*field, sel) : 1;
          total = SatAdd(total, SatAdd(1, SatMul(n, inner)));
          break;
        }
        case language::SelectionKind::kInlineFragment: {
          const schema::NamedType* type = sel.type_condition ? schema_.type(sel.type_condition->value) : parent;
          total = SatAdd(total, Visit(sel.selection_set, type ? type : parent, depth, cost));
          break;
        }
        case language::SelectionKind::kFragmentSpread: {
          auto it = fragments_.find(sel.name.value);
          if (it == fragments_.end() || active_.count(sel.name.value)) break;  // validation forbids cycles
          active_.insert(sel.name.value);
          const schema::NamedType* type = schema_.type(it->second->type_condition.value);
          total = SatAdd(total, Visit(it->second->selection_set, type ? type : parent, depth, cost));
          active_.erase(sel.name.value);
          break;
        }
      }
    }
    return total;
  }

  // The multiplier of a field: the pages of page_size_ rows its first / last argument (literal, variable or the
  // variable's default) asks for, rounded up; 1 without them.
  int64_t PageSize(const schema::Field& field, const language::Selection& sel) {
    if (!field.arg("first") && !field.arg("last")) return 1;
    std::optional<int64_t> n;
    for (const auto& arg : sel.arguments) {
      if (arg.name.value != "first" && arg.name.value != "last") continue;
      if (auto v = IntValue(arg.value)) n = std::max(n.value_or(0), *v);
    }
    if (!n) return 1;
    if (*n <= 0) return 0;
    return *n / page_size_ + (*n % page_size_ != 0);
  }

  std::optional<int64_t> IntValue(const language::Value& value) {
    if (value.kind == language::ValueKind::kInt) {
      try {
        return std::stoll(value.text);
      } catch (...) {
        return kMax;
      }
    }
    if (value.kind != language::ValueKind::kVariable) return std::nullopt;
    if (const json::Value* v = variables_.is_object() ? variables_.find(value.text) : nullptr) {
      if (v->is_int()) return v->as_int();
      if (v->is_number()) return static_cast<int64_t>(std::min(v->as_double(), 9.0e18));
      return std::nullopt;  // null: the field's default applies
    }
    for (const auto& def : op_.variables)
      if (def.variable.value == value.text && def.default_value) return IntValue(*def.default_value);
    return std::nullopt;
  }

  const schema::Schema& schema_;
  const language::OperationDefinition& op_;
  const json::Value& variables_;
  int64_t page_size_;
  std::unordered_map<std::string, const language::FragmentDefinition*> fragments_;
  std::unordered_set<std::string> active_;
};

}  // namespace

QueryLimits LimitsFromSettings(const models::Settings& settings) {
  QueryLimits limits;
  bool analysis = settings.GetBool("security_settings.query_analysis.enabled");
  limits.max_depth = Stricter(settings.GetInt("performance_settings.max_query_depth"),
                              analysis ? settings.GetInt("security_settings.query_analysis.max_depth") : 0);
  bool cost = settings.GetBool("performance_settings.enable_query_cost_analysis");
  limits.max_complexity = Stricter(cost ? settings.GetInt("performance_settings.max_query_complexity") : 0,
                                   analysis ? settings.GetInt("security_settings.query_analysis.max_complexity") : 0);
  int64_t page = settings.GetInt("query_settings.default_page_size");
  if (page > 0) limits.page_size = page;
  return limits;
}

const language::OperationDefinition* SelectOperation(const language::Document& doc,
                                                     const std::optional<std::string>& operation_name) {
  const language::OperationDefinition* chosen = nullptr;
  size_t count = 0;
  for (const auto& def : doc.definitions) {
    const auto* op = std::get_if<language::OperationDefinition>(&def);
    if (!op) continue;
    ++count;
    if (operation_name) {
      if (op->name && op->name->value == *operation_name) return op;
    } else {
      chosen = op;
    }
  }
  if (operation_name || count != 1) return nullptr;
  return chosen;
}

QueryCost AnalyzeOperation(const schema::Schema& schema, const language::Document& doc,
                           const language::OperationDefinition& op, const json::Value& variables, int64_t page_size) {
  return Analyzer(schema, doc, op, variables, page_size).Run();
}

std::optional<language::GraphQLError> CheckLimits(const QueryCost& cost, const QueryLimits& limits,
                                                  const language::OperationDefinition& op) {
  auto make = [](std::string message, const language::Location& loc, int64_t limit, int64_t actual) {
    language::GraphQLError e;
    e.message = std::move(message);
    if (loc.line) e.locations.push_back({loc.line, loc.column});
    e.code = "QUERY_TOO_COMPLEX";
    e.extensions = json::Value::MakeObject();
    e.extensions.push("limit", json::Value::Int(limit));
    e.extensions.push("actual", json::Value::Int(actual));
    return e;
  };
  if (limits.max_depth > 0 && cost.depth > limits.max_depth)
    return make("Query depth " + std::to_string(cost.depth) + " exceeds the maximum depth of " +
                    std::to_string(limits.max_depth) + ".",
                cost.deepest, limits.max_depth, cost.depth);
  if (limits.max_complexity > 0 && cost.complexity > limits.max_complexity)
    return make("Query complexity " + std::to_string(cost.complexity) + " exceeds the maximum complexity of " +
                    std::to_string(limits.max_complexity) + ".",
                op.loc, limits.max_complexity, cost.complexity);
  return std::nullopt;
}

}  // namespace railgun::security
