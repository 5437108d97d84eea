// MutationResolver (see mutation_resolver.h).
#include "mutate/mutation_resolver.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "execute/collect_fields.h"

namespace railgun::mutate {

using generate::FieldBinding;
using generate::FieldRole;
using models::Model;

MutationOptions OptionsFromSettings(const models::Settings& settings) {
  MutationOptions o;
  o.max_bulk_size = static_cast<int>(settings.GetInt("mutation_settings.max_bulk_size"));
  o.max_nested_depth = static_cast<int>(settings.GetInt("mutation_settings.max_nested_depth"));
  o.bulk_batch_size = static_cast<int>(settings.GetInt("mutation_settings.bulk_batch_size"));
  o.uploads.media_root = settings.GetString("file_storage.media_root");
  o.uploads.max_size = settings.GetInt("security_settings.max_file_upload_size");
  o.uploads.allowed_types.clear();
  for (std::string t : settings.GetStringList("security_settings.allowed_file_types")) {
    for (char& c : t)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (t.empty()) continue;
    o.uploads.allowed_types.push_back(t[0] == '.' ? t : "." + t);
  }
  if (const json::Value* req = settings.Get("mutation_settings.required_update_fields"); req && req->is_object())
    for (const auto& [model, fields] : req->as_object()) {
      std::vector<std::string> names;
      if (fields.is_array())
        for (const json::Value& f : fields.as_array())
          if (f.is_string()) names.push_back(f.as_string());
      o.required_update_fields.emplace_back(model, std::move(names));
    }
  auto shared = std::make_shared<models::Settings>(settings);
  o.nested_allowed = [shared](const Model& m, std::string_view relation) {
    return shared->NestedRelationAllowed(m.name, relation);
  };
  return o;
}

MutationResolver::MutationResolver(const generate::GeneratedSchema& generated, db::Connection& connection,
                                   compile::PlanCache* cache, const MutationOptions* options,
                                   compile::CompileOptions compile_options)
    : generated_(generated),
      connection_(connection),
      queries_(generated, connection, cache, compile_options),
      options_(options ? *options : default_options_),
      compile_options_(std::move(compile_options)) {}

namespace {

bool IsMutationRole(FieldRole r) {
  return r == FieldRole::kCreate || r == FieldRole::kUpdate || r == FieldRole::kDelete || r == FieldRole::kBulkCreate ||
         r == FieldRole::kBulkUpdate || r == FieldRole::kBulkDelete;
}

execute::ResolvedField InternalError() {
  return execute::ResolvedField::Error("Internal server error.", "INTERNAL_ERROR");
}

// One mutation root field's run.
class Run {
 public:
  Run(const generate::GeneratedSchema& gs, db::Connection& conn, const MutationOptions& options,
      const compile::CompileOptions& compile_options, const execute::RootFieldContext& ctx, const FieldBinding& b)
      : gs_(gs),
        conn_(conn),
        compile_options_(compile_options),
        ctx_(ctx),
        b_(b),
        m_(*b.target),
        writer_(gs, conn, options),
        options_(options),
        collector_(ctx.schema, ctx.fragments, ctx.variables) {}

  execute::ResolvedField Go() {
    payload_type_ = ctx_.field.type.named;
    execute::FieldCollection fields = collector_.CollectSubfields(*payload_type_, ctx_.field_nodes);
    if (!fields.ok()) return execute::ResolvedField::Error(fields.error->message, "BAD_USER_INPUT");
    selection_ = std::move(fields);
    if (Status st = conn_.Begin(); !st.ok()) return InternalError();
    Write();
    if (writer_.batch_failed() && writer_.internal().ok()) {
      // A multi-row INSERT hit a constraint only the database checks: the caller runs the field again row by
      // row, which names the row in the error path.
      batch_failed_ = true;
      (void)conn_.Rollback();
      return InternalError();
    }
    if (!writer_.internal().ok()) return Abort();
    if (writer_.failed()) {
      if (!conn_.Rollback().ok()) return InternalError();
      return Payload(false);
    }
    if (!ReadBack()) return Abort();
    if (Status st = conn_.Commit(); st.ok())
      writer_.KeepFiles();
    else {
      (void)conn_.Rollback();
      const db::DbError& e = conn_.last_error();
      if (e.kind == db::DbErrorKind::kForeignKeyViolation) {
        writer_.AddError("", "A related row does not exist.", "does_not_exist");
        objects_.clear();
        return Payload(false);
      }
      retryable_ = conn_.last_error().retryable();
      return InternalError();
    }
    return Payload(true);
  }

 private:
  execute::ResolvedField Abort() {
    retryable_ = conn_.last_error().retryable();
    (void)conn_.Rollback();
    return InternalError();
  }

 public:
  // True when the run failed on a serialization failure / deadlock / busy database: running it again may succeed.
  [[nodiscard]] bool retryable() const { return retryable_; }
  // True when a batched bulk create failed on a database constraint (see Writer::CreateMany).
  [[nodiscard]] bool batch_failed() const { return batch_failed_; }

 private:
  const schema::NamedType* ArgType(std::string_view name) {
    const schema::InputValue* a = ctx_.field.arg(name);
    return a ? a->type.named : nullptr;
  }

  std::optional<db::Param> Key(const json::Value* id, const std::string& path) {
    if (!id || id->is_null()) {
      writer_.AddError(path, "An id is required.", "required");
      return std::nullopt;
    }
    std::optional<db::Param> key = KeyParam(*m_.pk(), *id, conn_.dialect());
    if (!key)
      writer_.AddError(
          path, m_.name + " with id \"" + (id->is_string() ? id->as_string() : std::string("?")) + "\" does not exist.",
          "NOT_FOUND");
    return key;
  }

  bool TooMany(const json::Value* list, const std::string& path) {
    if (list && list->is_array() && static_cast<int64_t>(list->as_array().size()) > options_.max_bulk_size) {
      writer_.AddError(path, "At most " + std::to_string(options_.max_bulk_size) + " items per bulk mutation.",
                       "max_bulk_size");
      return true;
    }
    return false;
  }

  void Write() {
    const json::Value& args = ctx_.arguments;
    switch (b_.role) {
      case FieldRole::kCreate: {
        const json::Value* input = args.find("input");
        const schema::NamedType* t = ArgType("input");
        if (!input || !t) return;
        if (auto key = writer_.Create(m_, *t, *input, "", {})) keys_.push_back(*key);
        break;
      }
      case FieldRole::kUpdate: {
        const json::Value* input = args.find("input");
        const schema::NamedType* t = ArgType("input");
        if (!input || !t) return;
        const json::Value* id = args.find("id");
        if (!id || id->is_null()) id = input->find("id");
        std::optional<db::Param> key = Key(id, "id");
        if (!key) return;
        if (auto k = writer_.Update(m_, *t, *input, *key, "", {})) keys_.push_back(*k);
        break;
      }
      case FieldRole::kDelete: {
        std::optional<db::Param> key = Key(args.find("id"), "id");
        if (!key) return;
        std::optional<bool> exists = writer_.Exists(m_, *key);
        if (!exists) return;
        if (!*exists) {
          writer_.AddError("id", m_.name + " with id \"" + KeyText(*key) + "\" does not exist.", "NOT_FOUND");
          return;
        }
        keys_.push_back(*key);
        if (!ReadBack()) return;  // the payload shows the row as it was
        read_back_done_ = true;
        (void)writer_.Delete(m_, keys_, "");
        break;
      }
      case FieldRole::kBulkCreate: {
        const json::Value* inputs = args.find("inputs");
        const schema::NamedType* t = ArgType("inputs");
        if (!inputs || !inputs->is_array() || !t || TooMany(inputs, "inputs")) return;
        for (std::optional<db::Param>& key : writer_.CreateMany(m_, *t, inputs->as_array()))
          if (key) keys_.push_back(std::move(*key));
        break;
      }
      case FieldRole::kBulkUpdate: {
        const json::Value* inputs = args.find("inputs");
        const schema::NamedType* t = ArgType("inputs");
        if (!inputs || !inputs->is_array() || !t || TooMany(inputs, "inputs")) return;
        const json::Array& items = inputs->as_array();
        for (size_t i = 0; i < items.size(); ++i) {
          std::string path = std::to_string(i);
          std::optional<db::Param> key = Key(items[i].find("id"), path + ".id");
          if (!key) continue;
          if (auto k = writer_.Update(m_, *t, items[i], *key, path, {})) keys_.push_back(*k);
        }
        break;
      }
      case FieldRole::kBulkDelete: {
        const json::Value* ids = args.find("ids");
        if (!ids || !ids->is_array() || TooMany(ids, "ids")) return;
        const json::Array& items = ids->as_array();
        for (size_t i = 0; i < items.size(); ++i) {
          std::string path = "ids." + std::to_string(i);
          std::optional<db::Param> key = Key(&items[i], path);
          if (!key) continue;
          std::optional<bool> exists = writer_.Exists(m_, *key);
          if (!exists) return;
          if (!*exists) {
            writer_.AddError(path, m_.name + " with id \"" + KeyText(*key) + "\" does not exist.", "NOT_FOUND");
            continue;
          }
          keys_.push_back(*key);
        }
        if (writer_.failed()) return;
        if (!ReadBack()) return;
        read_back_done_ = true;
        (void)writer_.Delete(m_, keys_, "");
        break;
      }
      default: break;
    }
  }

  // Reads back every selected object field of the payload for keys_: one statement per field, any nesting.
  bool ReadBack() {
    if (read_back_done_) return true;
    const json::Value no_arguments = json::Value::MakeObject();
    for (const execute::CollectedField& cf : selection_.fields) {
      const std::string& name = cf.nodes.front()->name.value;
      const FieldBinding* fb = gs_.binding(payload_type_, name);
      if (!fb || (fb->role != FieldRole::kPayloadObject && fb->role != FieldRole::kPayloadObjects)) continue;
      const schema::Field* def = payload_type_->field(name);
      if (!def) return false;
      std::string text = "[]";
      if (!keys_.empty()) {
        execute::RootFieldContext rctx{ctx_.schema,     language::OperationType::kQuery,
                                       *payload_type_,  *def,
                                       cf.response_key, std::span<const language::Selection* const>(cf.nodes),
                                       no_arguments,    ctx_.variables,
                                       ctx_.fragments,  ctx_.root_value};
        StatusOr<compile::CompiledQuery> q =
            compile::CompileObjectsByKey(gs_, rctx, m_, keys_, conn_.dialect(), compile_options_);
        if (!q.ok()) return false;
        StatusOr<db::Cell> cell = conn_.QueryOneText(q->sql, q->params);
        if (!cell.ok()) return false;
        if (cell.value().has_value()) text = *cell.value();
      }
      if (fb->role == FieldRole::kPayloadObject) {
        // The single object: the array's only element, or null.
        size_t open = text.find('['), close = text.rfind(']');
        std::string inner = open == std::string::npos || close == std::string::npos || close <= open
                                ? std::string()
                                : text.substr(open + 1, close - open - 1);
        if (inner.find_first_not_of(" \t\r\n") == std::string::npos) inner = "null";
        text = std::move(inner);
      }
      objects_.emplace_back(std::string(cf.response_key), std::move(text));
    }
    return true;
  }

  execute::ResolvedField Payload(bool ok) {
    json::Value out = json::Value::MakeObject();
    for (const execute::CollectedField& cf : selection_.fields) {
      const std::string& name = cf.nodes.front()->name.value;
      std::string key(cf.response_key);
      if (name == "__typename") {
        out.push(key, json::Value::String(payload_type_->name));
        continue;
      }
      const FieldBinding* fb = gs_.binding(payload_type_, name);
      if (!fb) continue;
      switch (fb->role) {
        case FieldRole::kPayloadOk:
        case FieldRole::kPayloadSuccess: out.push(key, json::Value::Bool(ok)); break;
        case FieldRole::kPayloadObject:
        case FieldRole::kPayloadObjects: {
          json::Value v = fb->role == FieldRole::kPayloadObjects ? json::Value::Raw("[]") : json::Value::Null();
          if (ok)
            for (auto& [k, text] : objects_)
              if (k == key) v = json::Value::Raw(text);
          out.push(key, std::move(v));
          break;
        }
        case FieldRole::kPayloadErrors: out.push(key, Errors(cf)); break;
        default: break;
      }
    }
    execute::ResolvedField r = execute::ResolvedField::Complete(std::move(out));
    for (const std::string& w : writer_.warnings()) {
      language::GraphQLError warning;
      warning.message = w;
      warning.code = "NESTED_INPUT_IGNORED";
      r.warnings.push_back(std::move(warning));
    }
    return r;
  }

  json::Value Errors(const execute::CollectedField& cf) {
    const schema::Field* def = payload_type_->field("errors");
    const schema::NamedType* error_type = def ? def->type.named : nullptr;
    json::Value list = json::Value::MakeArray();
    if (!error_type) return list;
    execute::FieldCollection sub = collector_.CollectSubfields(*error_type, cf.nodes);
    for (const FieldError& e : writer_.errors()) {
      json::Value o = json::Value::MakeObject();
      for (const execute::CollectedField& f : sub.fields) {
        const std::string& n = f.nodes.front()->name.value;
        std::string k(f.response_key);
        if (n == "__typename")
          o.push(k, json::Value::String(error_type->name));
        else if (n == "field")
          o.push(k, e.field.empty() ? json::Value::Null() : json::Value::String(e.field));
        else if (n == "message")
          o.push(k, json::Value::String(e.message));
        else if (n == "code")
          o.push(k, json::Value::String(e.code));
      }
      list.append(std::move(o));
    }
    return list;
  }

  const generate::GeneratedSchema& gs_;
  db::Connection& conn_;
  const compile::CompileOptions& compile_options_;
  const execute::RootFieldContext& ctx_;
  const FieldBinding& b_;
  const Model& m_;
  Writer writer_;
  const MutationOptions& options_;
  execute::FieldCollector collector_;
  const schema::NamedType* payload_type_ = nullptr;
  execute::FieldCollection selection_;
  std::vector<db::Param> keys_;
  std::vector<std::pair<std::string, std::string>> objects_;  // response key -> JSON text
  bool read_back_done_ = false;
  bool retryable_ = false;
  bool batch_failed_ = false;
};

}  // namespace

execute::ResolvedField MutationResolver::ResolveRootField(const execute::RootFieldContext& context) {
  const FieldBinding* b = generated_.binding(&context.root_type, context.field.name);
  if (!b || !IsMutationRole(b->role) || !b->target) return queries_.ResolveRootField(context);
  // A transaction that lost a race (serialization failure, deadlock, SQLite busy) is run again from the start.
  constexpr int kAttempts = 3;
  std::optional<MutationOptions> per_row;  // set when a batched bulk create must be run again row by row
  for (int attempt = 1;; ++attempt) {
    Run run(generated_, connection_, per_row ? *per_row : options_, compile_options_, context, *b);
    execute::ResolvedField result = run.Go();
    if (run.batch_failed() && !per_row) {
      per_row = options_;
      per_row->batch_inserts = false;
      --attempt;
      continue;
    }
    if (!run.retryable() || attempt == kAttempts) return result;
  }
}

}  // namespace railgun::mutate
