// SqlRootResolver and PlanCache (see resolver.h).
#include "compile/resolver.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "json/writer.h"
#include "language/printer.h"

namespace railgun::compile {

bool PlanCache::Lookup(const std::string& key, CompiledQuery* out) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++misses_;
    return false;
  }
  ++hits_;
  lru_.splice(lru_.begin(), lru_, it->second);
  *out = it->second->second;
  return true;
}

bool PlanCache::ValueVariables(const std::string& document_key, std::vector<std::string>* out) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = value_variables_.find(document_key);
  if (it == value_variables_.end()) return false;
  *out = it->second;
  return true;
}

void PlanCache::SetValueVariables(const std::string& document_key, const std::vector<std::string>& names) {
  std::lock_guard<std::mutex> lock(mu_);
  if (value_variables_.size() >= capacity_ && !value_variables_.count(document_key)) value_variables_.clear();
  value_variables_[document_key] = names;
}

void PlanCache::Insert(const std::string& key, const CompiledQuery& plan) {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = index_.find(key); it != index_.end()) {
    it->second->second = plan;
    return;
  }
  lru_.emplace_front(key, plan);
  index_[key] = lru_.begin();
  while (lru_.size() > capacity_) {
    index_.erase(lru_.back().first);
    lru_.pop_back();
  }
}

size_t PlanCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lru_.size();
}

void PlanCache::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  lru_.clear();
  index_.clear();
  value_variables_.clear();
}

namespace {

// The document part of the cache key: schema identity, dialect, the field's printed selection (one document
// holding the merged field nodes and every fragment).
std::string DocumentKey(const generate::GeneratedSchema& generated, const execute::RootFieldContext& ctx,
                        db::Dialect dialect) {
  language::Document doc;
  language::OperationDefinition op;
  op.shorthand = true;
  for (const language::Selection* s : ctx.field_nodes) op.selection_set.selections.push_back(*s);
  doc.definitions.emplace_back(std::move(op));
  std::vector<std::string_view> names;
  for (const auto& [name, frag] : ctx.fragments) names.push_back(name);
  std::sort(names.begin(), names.end());
  for (std::string_view name : names) doc.definitions.emplace_back(*ctx.fragments.at(name));
  return std::to_string(reinterpret_cast<uintptr_t>(&generated)) + "|" + std::string(db::DialectName(dialect)) + "|" +
         language::Print(doc);
}

// The JSON shape of a value: types, list lengths, object keys, nulls (not the scalar values).
void AppendShape(const json::Value& v, std::string& out) {
  switch (v.kind()) {
    case json::Kind::kNull: out += 'n'; break;
    case json::Kind::kBool: out += 'b'; break;
    case json::Kind::kInt: out += 'i'; break;
    case json::Kind::kDouble: out += 'd'; break;
    case json::Kind::kString: out += 's'; break;
    case json::Kind::kRaw: out += 'r'; break;
    case json::Kind::kArray:
      out += '[';
      for (const json::Value& e : v.as_array()) AppendShape(e, out);
      out += ']';
      break;
    case json::Kind::kObject:
      out += '{';
      for (const auto& [key, sub] : v.as_object()) {
        json::WriteTo(json::Value::String(key), out);
        out += ':';
        AppendShape(sub, out);
      }
      out += '}';
      break;
  }
}

// The variables part: variables the field never mentions are left out, value variables (learned from an earlier
// plan of the same document) by shape, every other variable by value.
std::string VariablesKey(const execute::RootFieldContext& ctx, const std::vector<std::string>* value_variables) {
  const std::map<std::string, int> used = VariableOccurrences(ctx);
  std::string key;
  if (!ctx.variables.is_object()) return key;
  for (const auto& [name, value] : ctx.variables.as_object()) {
    if (!used.count(name)) continue;
    const bool by_shape =
        value_variables && std::find(value_variables->begin(), value_variables->end(), name) != value_variables->end();
    key += "|" + name + (by_shape ? "~" : "=");
    if (by_shape) {
      AppendShape(value, key);
    } else {
      json::WriteTo(value, key);
    }
  }
  return key;
}

}  // namespace

SqlRootResolver::SqlRootResolver(const generate::GeneratedSchema& generated, db::Connection& connection,
                                 PlanCache* cache, CompileOptions options)
    : generated_(generated), connection_(connection), cache_(cache), options_(std::move(options)) {}

execute::ResolvedField SqlRootResolver::ResolveRootField(const execute::RootFieldContext& context) {
  const generate::FieldBinding* b = generated_.binding(&context.root_type, context.field.name);
  if (!b || (b->role != generate::FieldRole::kRootSingle && b->role != generate::FieldRole::kRootConnection &&
             b->role != generate::FieldRole::kRootList))
    return execute::ResolvedField::Default();
  CompiledQuery plan;
  std::string doc_key;
  bool cached = false;
  if (cache_) {
    doc_key = DocumentKey(generated_, context, connection_.dialect());
    std::vector<std::string> value_variables;
    const bool known = cache_->ValueVariables(doc_key, &value_variables);
    cached = cache_->Lookup(doc_key + VariablesKey(context, known ? &value_variables : nullptr), &plan);
    if (cached && !plan.bound_values.empty()) {
      StatusOr<db::Params> params = RebindParams(generated_, plan, context.variables);
      if (params.ok()) {
        plan.params = std::move(params).value();
      } else {
        cached = false;  // compile afresh: reports the error the way a first request would
      }
    }
  }
  if (!cached) {
    StatusOr<CompiledQuery> compiled = CompileRootField(generated_, context, connection_.dialect(), options_);
    if (!compiled.ok()) {
      const Status& st = compiled.status();
      const bool user = st.code() == StatusCode::kBadUserInput;
      return execute::ResolvedField::Error(user ? st.message() : "Internal server error.",
                                           std::string(StatusCodeName(user ? st.code() : StatusCode::kInternal)));
    }
    plan = std::move(compiled).value();
    if (cache_) {
      cache_->SetValueVariables(doc_key, plan.value_variables);
      cache_->Insert(doc_key + VariablesKey(context, &plan.value_variables), plan);
    }
  }
  if (explain_) explain_(context.response_key, plan);
  StatusOr<db::Cell> cell = connection_.QueryOneText(plan.sql, plan.params);
  if (!cell.ok()) {
    StatusCode code = db::SuggestedStatusCode(connection_.last_error().kind);
    if (code == StatusCode::kBadUserInput)
      return execute::ResolvedField::Error(cell.status().message(), "BAD_USER_INPUT");
    return execute::ResolvedField::Error("Internal server error.", "INTERNAL_ERROR");
  }
  if (!cell.value().has_value()) return execute::ResolvedField::Complete(json::Value::Null());
  return execute::ResolvedField::Complete(json::Value::Raw(std::move(*cell.value())));
}

}  // namespace railgun::compile
