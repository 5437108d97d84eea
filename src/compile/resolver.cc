// SqlRootResolver and PlanCache (see resolver.h).
#include "compile/resolver.h"

#include <algorithm>
#include <deque>
#include <map>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "execute/values.h"
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

bool SqlRootResolver::Plan(const execute::RootFieldContext& context, db::Dialect dialect, CompiledQuery* plan,
                           bool* cached, execute::ResolvedField* error) {
  std::string doc_key;
  *cached = false;
  if (cache_) {
    doc_key = DocumentKey(generated_, context, dialect);
    std::vector<std::string> value_variables;
    const bool known = cache_->ValueVariables(doc_key, &value_variables);
    *cached = cache_->Lookup(doc_key + VariablesKey(context, known ? &value_variables : nullptr), plan);
    if (*cached && !plan->bound_values.empty()) {
      StatusOr<db::Params> params = RebindParams(generated_, *plan, context.variables);
      if (params.ok()) {
        plan->params = std::move(params).value();
      } else {
        *cached = false;  // compile afresh: reports the error the way a first request would
      }
    }
    ++(*cached ? request_hits_ : request_misses_);
  }
  if (*cached) return true;
  StatusOr<CompiledQuery> compiled = CompileRootField(generated_, context, dialect, options_);
  if (!compiled.ok()) {
    const Status& st = compiled.status();
    const bool user = st.code() == StatusCode::kBadUserInput;
    *error = execute::ResolvedField::Error(user ? st.message() : "Internal server error.",
                                           std::string(StatusCodeName(user ? st.code() : StatusCode::kInternal)));
    return false;
  }
  *plan = std::move(compiled).value();
  if (cache_) {
    cache_->SetValueVariables(doc_key, plan->value_variables);
    cache_->Insert(doc_key + VariablesKey(context, &plan->value_variables), *plan);
  }
  return true;
}

execute::ResolvedField SqlRootResolver::Run(db::Connection& conn, const CompiledQuery& plan) {
  StatusOr<db::Cell> cell = conn.QueryOneText(plan.sql, plan.params);
  if (!cell.ok()) {
    StatusCode code = db::SuggestedStatusCode(conn.last_error().kind);
    if (code == StatusCode::kBadUserInput)
      return execute::ResolvedField::Error(cell.status().message(), "BAD_USER_INPUT");
    return execute::ResolvedField::Error("Internal server error.", "INTERNAL_ERROR");
  }
  if (!cell.value().has_value()) return execute::ResolvedField::Complete(json::Value::Null());
  return execute::ResolvedField::Complete(json::Value::Raw(std::move(*cell.value())));
}

void SqlRootResolver::Record(std::string_view key, const CompiledQuery& plan, bool cached, int connection,
                             std::chrono::steady_clock::time_point start, std::chrono::steady_clock::time_point end) {
  if (!options_.debug) return;
  DebugStatement s;
  s.field = std::string(key);
  s.sql = plan.sql;
  for (const db::Param& p : plan.params) s.params.push_back(p.DebugString());
  s.plan_cached = cached;
  s.connection = connection;
  s.start_ms = std::chrono::duration<double, std::milli>(start - created_).count();
  s.duration_ms = std::chrono::duration<double, std::milli>(end - start).count();
  debug_statements_.push_back(std::move(s));
}

namespace {

bool IsSqlRootField(const generate::GeneratedSchema& generated, const schema::NamedType& root,
                    const std::string& name) {
  const generate::FieldBinding* b = generated.binding(&root, name);
  return b && (b->role == generate::FieldRole::kRootSingle || b->role == generate::FieldRole::kRootConnection ||
               b->role == generate::FieldRole::kRootList);
}

}  // namespace

execute::ResolvedField SqlRootResolver::ResolveRootField(const execute::RootFieldContext& context) {
  if (!IsSqlRootField(generated_, context.root_type, context.field.name)) return execute::ResolvedField::Default();
  if (!context.field_nodes.empty()) {
    auto it = prefetched_.find(context.field_nodes.front());
    if (it != prefetched_.end()) {
      execute::ResolvedField done = std::move(it->second);
      prefetched_.erase(it);
      return done;
    }
  }
  CompiledQuery plan;
  bool cached = false;
  execute::ResolvedField error;
  if (!Plan(context, connection_.dialect(), &plan, &cached, &error)) return error;
  if (explain_) explain_(context.response_key, plan);
  const auto start = std::chrono::steady_clock::now();
  execute::ResolvedField out = Run(connection_, plan);
  Record(context.response_key, plan, cached, 0, start, std::chrono::steady_clock::now());
  return out;
}

void SqlRootResolver::Prefetch(const execute::ExecutionRequest& request) {
  prefetched_.clear();
  if (!options_.pool || connection_.dialect() != db::Dialect::kPostgres || !request.document || !request.schema) return;
  const schema::Schema& schema = *request.schema;
  const language::OperationDefinition* operation = nullptr;
  execute::FragmentMap fragments;
  int operations = 0;
  for (const language::Definition& d : request.document->definitions) {
    if (const auto* op = std::get_if<language::OperationDefinition>(&d)) {
      ++operations;
      const bool named = request.operation_name.has_value();
      if ((named && op->name && op->name->value == *request.operation_name) || (!named && !operation)) operation = op;
    } else if (const auto* f = std::get_if<language::FragmentDefinition>(&d)) {
      fragments.emplace(f->name.value, f);
    }
  }
  if (!operation || (!request.operation_name && operations != 1)) return;
  if (operation->operation != language::OperationType::kQuery || !schema.query_type()) return;
  const schema::NamedType& root = *schema.query_type();
  execute::CoercedVariables variables = execute::CoerceVariableValues(schema, operation->variables, request.variables);
  if (!variables.ok()) return;  // execution reports it
  execute::FieldCollector collector(schema, fragments, variables.values);
  execute::FieldCollection fields = collector.Collect(root, operation->selection_set);
  if (!fields.ok()) return;

  struct Job {
    std::string key;
    const language::Selection* first = nullptr;
    CompiledQuery plan;
    bool cached = false;
    execute::ResolvedField result;
    int connection = 0;
    std::chrono::steady_clock::time_point start, end;
  };
  std::vector<Job> jobs;
  std::deque<execute::ArgumentValues> arguments;
  for (const execute::CollectedField& cf : fields.fields) {
    const std::string& name = cf.nodes.front()->name.value;
    const schema::Field* def = root.field(name);
    if (!def || !IsSqlRootField(generated_, root, name)) continue;
    execute::ArgumentValues& args = arguments.emplace_back(
        execute::CoerceArgumentValues(def->args, cf.nodes.front()->arguments, cf.nodes.front()->loc, variables.values));
    if (!args.ok()) continue;  // execution reports it
    execute::RootFieldContext context{
        schema,    operation->operation, root, *def, cf.response_key, cf.nodes, args.values, variables.values,
        fragments, request.root_value};
    Job job;
    job.key = std::string(cf.response_key);
    job.first = cf.nodes.front();
    execute::ResolvedField error;
    if (!Plan(context, connection_.dialect(), &job.plan, &job.cached, &error)) {
      prefetched_[job.first] = std::move(error);
      continue;
    }
    if (explain_) explain_(context.response_key, job.plan);
    jobs.push_back(std::move(job));
  }
  if (jobs.size() < 2) {  // nothing to overlap: run in ResolveRootField as usual
    for (const Job& j : jobs) prefetched_.erase(j.first);
    if (jobs.size() == 1) {
      // The plan is already counted; running it here keeps the statistics single.
      Job& j = jobs.front();
      j.start = std::chrono::steady_clock::now();
      j.result = Run(connection_, j.plan);
      Record(j.key, j.plan, j.cached, 0, j.start, std::chrono::steady_clock::now());
      prefetched_[j.first] = std::move(j.result);
    }
    return;
  }
  std::vector<db::PooledConnection> borrowed;
  while (borrowed.size() + 1 < jobs.size()) {
    StatusOr<db::PooledConnection> lease = options_.pool->Checkout(std::chrono::milliseconds(0));
    if (!lease.ok()) break;
    borrowed.push_back(std::move(lease).value());
  }
  // Jobs 1..borrowed.size() run on borrowed connections in threads; job 0 and any left over here, in order.
  std::vector<std::thread> threads;
  for (size_t i = 0; i < borrowed.size(); ++i) {
    Job& j = jobs[i + 1];
    db::Connection& conn = *borrowed[i];
    j.connection = static_cast<int>(i + 1);
    threads.emplace_back([&j, &conn] {
      j.start = std::chrono::steady_clock::now();
      j.result = Run(conn, j.plan);
      j.end = std::chrono::steady_clock::now();
    });
  }
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (i >= 1 && i <= borrowed.size()) continue;
    Job& j = jobs[i];
    j.start = std::chrono::steady_clock::now();
    j.result = Run(connection_, j.plan);
    j.end = std::chrono::steady_clock::now();
  }
  for (std::thread& t : threads) t.join();
  borrowed.clear();  // back to the pool
  for (Job& j : jobs) {
    Record(j.key, j.plan, j.cached, j.connection, j.start, j.end);
    prefetched_[j.first] = std::move(j.result);
  }
}

json::Value SqlRootResolver::DebugExtension() const {
  if (!options_.debug) return json::Value();
  json::Value cache = json::Value::MakeObject();
  cache.push("requestHits", json::Value::Int(request_hits_));
  cache.push("requestMisses", json::Value::Int(request_misses_));
  const int64_t hits = cache_ ? cache_->hits() : 0, misses = cache_ ? cache_->misses() : 0;
  cache.push("hits", json::Value::Int(hits));
  cache.push("misses", json::Value::Int(misses));
  cache.push("hitRate", hits + misses
                            ? json::Value::Double(static_cast<double>(hits) / static_cast<double>(hits + misses))
                            : json::Value::Null());
  cache.push("size", json::Value::Int(cache_ ? static_cast<int64_t>(cache_->size()) : 0));
  json::Value statements = json::Value::MakeArray();
  for (const DebugStatement& s : debug_statements_) {
    json::Value st = json::Value::MakeObject();
    st.push("field", json::Value::String(s.field));
    st.push("sql", json::Value::String(s.sql));
    json::Value params = json::Value::MakeArray();
    for (const std::string& p : s.params) params.append(json::Value::String(p));
    st.push("params", std::move(params));
    st.push("planCached", json::Value::Bool(s.plan_cached));
    st.push("connection", json::Value::Int(s.connection));
    st.push("ms", json::Value::Double(s.duration_ms));
    statements.append(std::move(st));
  }
  json::Value out = json::Value::MakeObject();
  out.push("planCache", std::move(cache));
  out.push("sql", std::move(statements));
  return out;
}

std::string ResponseWithDebug(const execute::ExecutionResult& result, json::Value debug) {
  json::Value v = result.ToJson();
  json::Value* ext = v.find("extensions");
  if (!ext) ext = &v.push("extensions", json::Value::MakeObject());
  ext->set("debug", std::move(debug));
  return json::Write(v);
}

}  // namespace railgun::compile
