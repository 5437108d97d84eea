// SqlRootResolver and PlanCache (see resolver.h).
#include "compile/resolver.h"

#include <algorithm>
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
}

namespace {

// The cache key: schema identity, the field's printed selection (one document holding the merged field nodes and
// every fragment), the coerced arguments and variables.
std::string CacheKey(const generate::GeneratedSchema& generated, const execute::RootFieldContext& ctx,
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
  std::string key = std::to_string(reinterpret_cast<uintptr_t>(&generated)) + "|" +
                    std::string(db::DialectName(dialect)) + "|" + language::Print(doc) + "|";
  json::WriteTo(ctx.arguments, key);
  key += "|";
  json::WriteTo(ctx.variables, key);
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
  std::string key;
  bool cached = false;
  if (cache_) {
    key = CacheKey(generated_, context, connection_.dialect());
    cached = cache_->Lookup(key, &plan);
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
    if (cache_) cache_->Insert(key, plan);
  }
  if (explain_) explain_(context.response_key, plan);
  StatusOr<db::Cell> cell = connection_.QueryOneText(plan.sql, plan.params);
  if (!cell.ok()) {
    StatusCode code = db::SuggestedStatusCode(connection_.last_error().kind);
    if (code == StatusCode::kBadUserInput) return execute::ResolvedField::Error(cell.status().message(), "BAD_USER_INPUT");
    return execute::ResolvedField::Error("Internal server error.", "INTERNAL_ERROR");
  }
  if (!cell.value().has_value()) return execute::ResolvedField::Complete(json::Value::Null());
  return execute::ResolvedField::Complete(json::Value::Raw(std::move(*cell.value())));
}

}  // namespace railgun::compile
