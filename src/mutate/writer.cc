// Writer (see writer.h).
#include "mutate/writer.h"

#include <algorithm>
#include <functional>
#include <set>
#include <string>

#include "generate/names.h"
#include "mutate/field_rules.h"
#include "sql/dialect.h"

namespace railgun::mutate {

using generate::InputFieldBinding;
using generate::InputTypeBinding;
using models::Field;
using models::FieldKind;
using models::Model;
using sql::Ident;
using IK = InputFieldBinding::Kind;

std::string JoinPath(const std::string& prefix, std::string_view name) {
  if (prefix.empty()) return std::string(name);
  return prefix + "." + std::string(name);
}

namespace {

// The column a FK points at on its target.
const Field& TargetField(const Field& fk) {
  if (!fk.to_field.empty() && fk.target)
    if (const Field* f = fk.target->FindField(fk.to_field)) return *f;
  return *fk.target->pk();
}

// The storage kind of a column (FKs and MTI links store their target's kind).
FieldKind StoredKind(const Field& f) {
  const Field* k = &f;
  for (int i = 0; i < 8 && k->is_to_one() && k->target; ++i) k = &TargetField(*k);
  return k->kind;
}

std::string Verbose(const Field& f) {
  std::string v = f.verbose_name.empty() ? f.name : f.verbose_name;
  std::replace(v.begin(), v.end(), '_', ' ');
  if (!v.empty() && v[0] >= 'a' && v[0] <= 'z') v[0] = static_cast<char>(v[0] - 'a' + 'A');
  return v;
}

std::string ModelVerbose(const Model& m) {
  std::string v = m.verbose_name.empty() ? m.name : m.verbose_name;
  if (!v.empty() && v[0] >= 'a' && v[0] <= 'z') v[0] = static_cast<char>(v[0] - 'a' + 'A');
  return v;
}

std::string Ph(db::Dialect d, db::Params& params, db::Param p) {
  params.push_back(std::move(p));
  return db::Placeholder(d, static_cast<int>(params.size()));
}

std::string InList(db::Dialect d, db::Params& params, const std::vector<db::Param>& values) {
  std::string s = "(";
  for (size_t i = 0; i < values.size(); ++i) s += (i ? ", " : "") + Ph(d, params, values[i]);
  return s + ")";
}

bool IsIdOnly(const json::Value& v) {
  if (!v.is_object()) return false;
  for (const auto& [k, val] : v.as_object())
    if (k != "id") return false;
  return v.find("id") != nullptr;
}

}  // namespace

db::Param CellParam(const Field& field, const std::string& text) {
  if (models::IsIntegerKind(StoredKind(field))) {
    try {
      return db::Param(static_cast<int64_t>(std::stoll(text)));
    } catch (...) {
    }
  }
  return db::Param(text);
}

struct Writer::Pending {
  const InputFieldBinding* binding = nullptr;
  std::string wire_name;
  std::string path;
  const json::Value* value = nullptr;
  const schema::NamedType* element_type = nullptr;  // relation input type of list elements
};

void Writer::AddError(std::string field, std::string message, std::string code) {
  errors_.push_back(FieldError{std::move(field), std::move(message), std::move(code)});
}

std::optional<db::ResultSet> Writer::Run(const std::string& sql, const db::Params& params, const std::string& path) {
  if (stopped_) return std::nullopt;
  StatusOr<db::ResultSet> r = conn_.Execute(sql, std::span<const db::Param>(params));
  if (r.ok()) return std::move(r).value();
  stopped_ = true;
  const db::DbError& e = conn_.last_error();
  std::string column = e.column;
  if (auto dot = column.rfind('.'); dot != std::string::npos) column = column.substr(dot + 1);
  if (column.empty() &&
      (e.kind == db::DbErrorKind::kUniqueViolation || e.kind == db::DbErrorKind::kForeignKeyViolation)) {
    // PostgreSQL names the columns only in its detail text: "Key (code)=(SAVE) already exists."
    const std::string_view detail = std::string_view(e.detail).substr(0, e.detail.find(" in: "));
    if (size_t k = detail.find("Key ("); k != std::string_view::npos) {
      size_t end = detail.find_first_of(",)", k + 5);
      if (end != std::string_view::npos) column = std::string(detail.substr(k + 5, end - k - 5));
    }
  }
  if (!column.empty()) column = generate::ToCamelCase(column);  // the input's spelling (`category_id` -> `categoryId`)
  switch (e.kind) {
    case db::DbErrorKind::kUniqueViolation:
      AddError(JoinPath(path, column), "A row with this value already exists.", "unique");
      break;
    case db::DbErrorKind::kForeignKeyViolation:
      AddError(JoinPath(path, column), "The related row does not exist.", "does_not_exist");
      break;
    case db::DbErrorKind::kNotNullViolation:
      AddError(JoinPath(path, column), "This field cannot be null.", "null");
      break;
    case db::DbErrorKind::kCheckViolation: AddError(path, "A check constraint rejected the values.", "check"); break;
    case db::DbErrorKind::kInvalidValue:
      AddError(path, "The database rejected a value: " + std::string(db::DbErrorUserMessage(e.kind)) + ".", "invalid");
      break;
    default: internal_ = r.status(); break;
  }
  return std::nullopt;
}

std::string Writer::WireName(const schema::NamedType& input_type, const Field& f) const {
  if (const InputTypeBinding* b = gs_.input_type(&input_type))
    for (const auto& [name, fb] : b->fields)
      if (fb.field == &f && (fb.kind == IK::kColumn || fb.kind == IK::kToOne || fb.kind == IK::kToManySet)) return name;
  return f.name;
}

const schema::NamedType* Writer::ElementType(const schema::NamedType& input_type, std::string_view member) const {
  const schema::InputValue* iv = input_type.input_field(member);
  return iv ? iv->type.named : nullptr;
}

std::optional<bool> Writer::Exists(const Model& m, const db::Param& key) {
  db::Params params;
  std::string sql = "SELECT 1 FROM " + Ident(m.db_table) + " WHERE " + Ident(m.pk()->column) + " = " +
                    Ph(conn_.dialect(), params, key);
  std::optional<db::ResultSet> r = Run(sql, params, "");
  if (!r) return std::nullopt;
  return !r->empty();
}

std::optional<db::Param> Writer::Reference(const Field& fk, const db::Param& key, const std::string& path) {
  const Model& target = *fk.target;
  const Field& col = TargetField(fk);
  db::Params params;
  std::string sql = "SELECT " + Ident(col.column) + " FROM " + Ident(target.db_table) + " WHERE " +
                    Ident(target.pk()->column) + " = " + Ph(conn_.dialect(), params, key);
  std::optional<db::ResultSet> r = Run(sql, params, path);
  if (!r) return std::nullopt;
  if (r->empty() || !r->rows[0][0]) {
    AddError(path, ModelVerbose(target) + " with id \"" + KeyText(key) + "\" does not exist.", "does_not_exist");
    return std::nullopt;
  }
  return CellParam(col, *r->rows[0][0]);
}

std::vector<Writer::UniqueCheck> Writer::UniqueChecks(const Model& m, const Columns& columns, const db::Param* self,
                                                      bool together, db::Params& params) const {
  auto value_of = [&](const Field* f) -> const db::Param* {
    for (const auto& [cf, p] : columns)
      if (cf == f) return &p;
    return nullptr;
  };
  std::vector<std::vector<const Field*>> candidates;
  for (const auto& [f, p] : columns)
    if (f->unique && !p.is_null() && (!f->primary_key || !self)) candidates.push_back({f});  // a given natural key too
  auto add_together = [&](const std::vector<std::string>& names) {
    std::vector<const Field*> c;
    bool any_given = false;
    for (const std::string& n : names) {
      const Field* f = m.FindField(n);
      if (!f) return;
      c.push_back(f);
      any_given |= value_of(f) != nullptr;
    }
    if (any_given && c.size() > 1) candidates.push_back(std::move(c));
  };
  if (together) {  // skipped while other fields of the object are invalid (their values are unknown)
    for (const auto& names : m.unique_together) add_together(names);
    for (const auto& con : m.constraints)
      if (con.kind == models::Constraint::Kind::kUnique && con.condition.empty()) add_together(con.fields);
  }
  std::vector<UniqueCheck> out;
  const db::Dialect d = conn_.dialect();
  for (std::vector<const Field*>& fields : candidates) {
    UniqueCheck check;
    std::string where;
    bool ok = true;
    const size_t params_before = params.size();  // a skipped check must not leave its parameters bound
    const Model* owner = m.OwnerOf(*fields.front());
    const Model& t = owner ? *owner : m;  // an inherited field lives in its ancestor's table (same key value)
    for (const Field* f : fields) {
      const db::Param* v = value_of(f);
      std::string cond;
      if (v) {
        if (v->is_null())
          ok = false;  // NULLs never collide
        else
          cond = Ident(f->column) + " = " + Ph(d, params, *v);
      } else if (self) {  // update: the row's current value
        cond = Ident(f->column) + " = (SELECT " + Ident(f->column) + " FROM " + Ident(t.db_table) + " WHERE " +
               Ident(t.pk()->column) + " = " + Ph(d, params, *self) + ")";
      } else {
        ok = false;  // create without the value: the default / NULL is checked by the database
      }
      if (!ok) break;
      check.values.push_back(v);
      where += (where.empty() ? "" : " AND ") + cond;
    }
    if (!ok) {
      params.resize(params_before);
      continue;
    }
    if (self) where += " AND " + Ident(t.pk()->column) + " <> " + Ph(d, params, *self);
    check.expr = "CASE WHEN EXISTS (SELECT 1 FROM " + Ident(t.db_table) + " WHERE " + where + ") THEN 1 ELSE 0 END";
    check.fields = std::move(fields);
    out.push_back(std::move(check));
  }
  return out;
}

FieldError Writer::UniqueError(const Model& m, const UniqueCheck& c, const std::string& path) const {
  std::string names;
  for (size_t k = 0; k < c.fields.size(); ++k)
    names += (k == 0 ? "" : k + 1 == c.fields.size() ? " and " : ", ") + Verbose(*c.fields[k]);
  return FieldError{JoinPath(path, generate::ToCamelCase(c.fields.front()->name)),
                    ModelVerbose(m) + " with this " + names + " already exists.",
                    c.fields.size() == 1 ? "unique" : "unique_together"};
}

void Writer::CheckUnique(const Model& m, const Columns& columns, const db::Param* self, const std::string& path,
                         bool together) {
  if (stopped_) return;
  db::Params params;
  std::vector<UniqueCheck> checks = UniqueChecks(m, columns, self, together, params);
  if (checks.empty()) return;
  std::string sql = "SELECT ";
  for (size_t i = 0; i < checks.size(); ++i) sql += (i ? ", " : "") + checks[i].expr;
  std::optional<db::ResultSet> r = Run(sql, params, path);
  if (!r || r->empty()) return;
  for (size_t j = 0; j < checks.size(); ++j)
    if (r->rows[0][j].value_or("0") == "1") errors_.push_back(UniqueError(m, checks[j], path));
}

void Writer::Members(const Model& m, const schema::NamedType& input_type, const json::Value& input,
                     const std::string& path, const std::vector<Fixed>& fixed, int depth, bool create,
                     std::vector<std::pair<const Field*, db::Param>>* columns, std::vector<Pending>* pending) {
  const InputTypeBinding* binding = gs_.input_type(&input_type);
  if (!binding) {
    internal_ = Internal("input type \"" + input_type.name + "\" has no binding");
    return;
  }
  auto is_fixed = [&](const Field* f) {
    for (const Fixed& x : fixed)
      if (x.field == f) return true;
    return false;
  };
  auto set_column = [&](const Field* f, db::Param p) {
    for (auto& [cf, cp] : *columns)
      if (cf == f) {
        cp = std::move(p);
        return;
      }
    columns->emplace_back(f, std::move(p));
  };
  const db::Dialect d = conn_.dialect();
  std::set<const Field*> given;
  for (const auto& [name, value] : input.as_object()) {
    auto it = binding->fields.find(name);
    if (it == binding->fields.end()) continue;
    const InputFieldBinding& fb = it->second;
    const std::string fpath = JoinPath(path, name);
    switch (fb.kind) {
      case IK::kId: break;
      case IK::kColumn: {
        if (is_fixed(fb.field)) break;
        json::Value v = value;
        if (const schema::InputValue* iv = input_type.input_field(name);
            iv && iv->type.named && iv->type.named->kind == schema::TypeKind::kEnum && v.is_string())
          if (const models::Choice* c = gs_.enum_choice(iv->type.named, v.as_string())) v = c->value;
        FieldError e;
        if ((fb.field->kind == FieldKind::kFileField || fb.field->kind == FieldKind::kImageField) &&
            IsUploadContent(v)) {
          // File content: checked, then stored under media_root (only while nothing has failed; a failed
          // mutation removes what it stored). The column keeps the relative path.
          std::optional<UploadedFile> file = DecodeUpload(*fb.field, v, options_.uploads, &e);
          std::optional<std::string> stored;
          if (file) stored = CanWrite() ? uploads_.Save(*fb.field, *file, &e) : std::optional(file->filename);
          if (!stored) {
            AddError(fpath, e.message, e.code);
            given.insert(fb.field);
            break;
          }
          v = json::Value::String(*stored);
        }
        if (!ApplyFieldRules(m, *fb.field, &v, &e)) {
          AddError(fpath, e.message, e.code);
          given.insert(fb.field);
          break;
        }
        std::optional<db::Param> p = ColumnParam(*fb.field, v, d, &e);
        if (!p)
          AddError(fpath, e.message, e.code);
        else
          set_column(fb.field, std::move(*p));
        given.insert(fb.field);
        break;
      }
      case IK::kForeignKeyId:
      case IK::kToOne: {
        const Field* f = fb.field;
        if (is_fixed(f)) break;
        if (given.count(f)) {
          AddError(fpath, "Give either the relation or its id, not both.", "invalid");
          break;
        }
        given.insert(f);
        if (value.is_null()) {
          if (!f->null)
            AddError(fpath, "This field cannot be null.", "null");
          else
            set_column(f, db::Param::Null());
          break;
        }
        std::optional<db::Param> key;
        if (fb.kind == IK::kForeignKeyId) {
          key = KeyParam(*f->target->pk(), value, d);
          if (!key) {
            AddError(
                fpath,
                "\u201c" + (value.is_string() ? value.as_string() : std::string("?")) + "\u201d is not a valid id.",
                "invalid");
            break;
          }
        } else {
          const bool allowed = !options_.nested_allowed || options_.nested_allowed(m, f->name);
          if (!allowed && !IsIdOnly(value)) {
            warnings_.push_back("Nested input for \"" + fpath + "\" was ignored: nested writes of " + m.name + "." +
                                f->name + " are disabled by mutation_settings.");
            given.erase(f);
            break;
          }
          const schema::NamedType* rel_type = ElementType(input_type, name);
          if (!rel_type) break;
          key = Relation(*f->target, *rel_type, value, fpath, {}, depth + 1);
          if (!key) break;
          // Relation() created the row or checked that it exists: when the FK stores the target's key, that key
          // is the column value (no second look-up).
          if (&TargetField(*f) == f->target->pk()) {
            set_column(f, std::move(*key));
            break;
          }
        }
        if (std::optional<db::Param> ref = Reference(*f, *key, fpath)) set_column(f, std::move(*ref));
        break;
      }
      case IK::kToManySet:
      case IK::kToManyAdd:
      case IK::kToManyRemove:
      case IK::kReplace: {
        if (value.is_null()) break;
        std::string relation = fb.field ? fb.field->name : fb.reverse->accessor_name;
        const bool allowed = !options_.nested_allowed || options_.nested_allowed(m, relation);
        if (!allowed) {
          bool ids_only = fb.kind == IK::kToManyRemove || fb.kind == IK::kReplace;
          if (!ids_only && value.is_array())
            ids_only = std::all_of(value.as_array().begin(), value.as_array().end(), IsIdOnly);
          if (!ids_only || fb.reverse) {
            warnings_.push_back("Nested input for \"" + fpath + "\" was ignored: nested writes of " + m.name + "." +
                                relation + " are disabled by mutation_settings.");
            break;
          }
        }
        Pending p;
        p.binding = &fb;
        p.wire_name = name;
        p.path = fpath;
        p.value = &value;
        p.element_type = ElementType(input_type, name);
        pending->push_back(p);
        break;
      }
    }
  }
  for (const Fixed& x : fixed) set_column(x.field, x.value);
  (void)given;
  if (!create) {
    for (const auto& [model_name, names] : options_.required_update_fields) {
      if (model_name != m.name && model_name != m.label()) continue;
      for (const std::string& n : names)
        if (const Field* f = m.FindField(n); f && !given.count(f) && !is_fixed(f))
          AddError(JoinPath(path, WireName(input_type, *f)), "This field is required.", "required");
    }
    for (const Field& f : m.fields)
      if (f.auto_now && !given.count(&f)) set_column(&f, *DefaultParam(f, d));
    return;
  }
  // Create: defaults and required fields (inherited ones too).
  for (const Field* fp : m.FieldsWithInherited()) {
    const Field& f = *fp;
    if (f.is_many_to_many() || given.count(&f) || is_fixed(&f)) continue;
    if (models::IsAutoKind(f.kind)) continue;
    if (f.parent_link) continue;
    if (std::optional<db::Param> p = DefaultParam(f, d)) {
      set_column(&f, std::move(*p));
      continue;
    }
    if (f.null) continue;  // NULL
    if (f.blank && models::IsStringKind(f.kind)) {
      set_column(&f, db::Param(std::string()));  // Django stores "" for blank strings without a default
      continue;
    }
    if (f.blank) continue;
    AddError(JoinPath(path, WireName(input_type, f)), "This field is required.", "required");
  }
}

std::optional<db::Param> Writer::Create(const Model& m, const schema::NamedType& input_type, const json::Value& input,
                                        const std::string& path, const std::vector<Fixed>& fixed, int depth) {
  if (depth > options_.max_nested_depth) {
    AddError(path, "Nested input is deeper than " + std::to_string(options_.max_nested_depth) + " levels.",
             "max_depth");
    return std::nullopt;
  }
  if (!input.is_object()) {
    AddError(path, "Expected an object.", "invalid");
    return std::nullopt;
  }
  std::vector<std::pair<const Field*, db::Param>> columns;
  std::vector<Pending> pending;
  const size_t errors_before = errors_.size();
  Members(m, input_type, input, path, fixed, depth, /*create=*/true, &columns, &pending);
  // Single-field unique checks run even when other fields failed (every invalid field is listed at once, as
  // Django's validate_unique after clean_fields); the failed fields themselves are not in `columns`.
  CheckUnique(m, columns, nullptr, path, /*together=*/errors_.size() == errors_before);
  std::optional<db::Param> key;
  if (CanWrite()) {
    const db::Dialect d = conn_.dialect();
    // Multi-table inheritance: one row per table, the root ancestor first; each child row's key (its parent
    // link) is the key just created.
    std::vector<const Model*> chain;
    for (const Model* a = &m; a; a = a->parent) chain.insert(chain.begin(), a);
    for (const Model* table : chain) {
      db::Params params;
      std::string names, values;
      auto column = [&](const Field* f, const db::Param& p) {
        names += (names.empty() ? "" : ", ") + Ident(f->column);
        values += (values.empty() ? "" : ", ") + Ph(d, params, p);
      };
      if (table != chain.front()) {
        if (!key) break;
        column(table->pk(), *key);
      }
      for (auto& [f, p] : columns) {
        const Model* owner = m.OwnerOf(*f);
        if ((owner ? owner : &m) == table) column(f, p);
      }
      std::string sql = "INSERT INTO " + Ident(table->db_table) +
                        (names.empty() ? " DEFAULT VALUES" : " (" + names + ") VALUES (" + values + ")") +
                        " RETURNING " + Ident(table->pk()->column);
      std::optional<db::ResultSet> r = Run(sql, params, path);
      key.reset();
      if (r && !r->empty() && r->rows[0][0]) key = CellParam(*table->pk(), *r->rows[0][0]);
    }
  }
  // Children and join rows: validated even after a failure (with a placeholder key), written only while clean.
  db::Param k = key ? *key : db::Param::Null();
  RunPending(m, k, pending, /*create=*/true, depth);
  if (!key || !CanWrite()) return std::nullopt;
  return key;
}

// ---- bulk create -------------------------------------------------------------------------------------------
//
// A run of flat rows is written with multi-row INSERTs whose keys map back to the input rows by construction,
// not by the order of RETURNING rows (which neither backend documents):
//  - keys the row already has (a given natural key, a uuid4 default) are known before the INSERT;
//  - auto keys on SQLite: the statement assigns `base + ordinal`, where base is the largest key the table ever
//    had (max(pk) and, for AUTOINCREMENT, sqlite_sequence): what SQLite itself would assign, computed once while
//    this transaction holds the write lock (BEGIN IMMEDIATE);
//  - auto keys on PostgreSQL: the statement draws n values from the column's sequence and gives the k-th
//    smallest to the row with ordinal k (row_number() over the drawn values), so no evaluation order matters.
// Either way, sorting the returned keys ascending gives them in input order.

struct Writer::BatchRow {
  size_t index = 0;  // position in the bulk input
  Columns columns;
  size_t errors_begin = 0, errors_end = 0;  // this row's validation errors in errors_
};

bool Writer::IsFlat(const schema::NamedType& input_type, const json::Value& input) const {
  if (!input.is_object()) return false;
  const InputTypeBinding* binding = gs_.input_type(&input_type);
  if (!binding) return false;
  for (const auto& [name, value] : input.as_object()) {
    auto it = binding->fields.find(name);
    if (it == binding->fields.end()) continue;
    switch (it->second.kind) {
      case IK::kId:
      case IK::kColumn:
      case IK::kForeignKeyId: break;  // values and FK look-ups: no write
      case IK::kToOne:
        if (!value.is_null() && !IsIdOnly(value)) return false;  // a nested create / update writes first
        break;
      default:
        if (!value.is_null()) return false;  // to-many work needs the row's key
        break;
    }
  }
  return true;
}

std::vector<std::optional<db::Param>> Writer::CreateMany(const Model& m, const schema::NamedType& input_type,
                                                         const json::Array& items) {
  std::vector<std::optional<db::Param>> keys(items.size());
  const bool batch = options_.batch_inserts && !m.parent && options_.max_nested_depth >= 0;
  std::vector<BatchRow> rows;
  auto flush = [&]() {
    FlushBatch(m, rows, keys);
    rows.clear();
  };
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string path = std::to_string(i);
    if (!batch || !IsFlat(input_type, items[i])) {
      flush();
      keys[i] = Create(m, input_type, items[i], path, {});
      continue;
    }
    BatchRow row;
    row.index = i;
    row.errors_begin = errors_.size();
    std::vector<Pending> pending;
    Members(m, input_type, items[i], path, {}, 0, /*create=*/true, &row.columns, &pending);
    row.errors_end = errors_.size();
    if (!pending.empty()) {  // cannot happen for a flat row; never drop the work silently
      internal_ = Internal("bulk create: a flat row has to-many input");
      stopped_ = true;
    }
    rows.push_back(std::move(row));
  }
  flush();
  return keys;
}

void Writer::FlushBatch(const Model& m, std::vector<BatchRow>& rows, std::vector<std::optional<db::Param>>& keys) {
  if (rows.empty()) return;
  const db::Dialect d = conn_.dialect();
  const bool pg = d == db::Dialect::kPostgres;
  // Bound parameters per statement: SQLite's historical default limit (999) and well under PostgreSQL's 65535.
  const size_t max_params = pg ? 30000 : 999;
  constexpr size_t kMaxRowsPerStatement = 500;

  // 1. Unique checks of every row in as few statements as the parameter limit allows, plus duplicates between
  //    rows of the batch (which no SELECT can see before the INSERT).
  std::vector<std::vector<FieldError>> unique_errors(rows.size());
  if (!stopped_) {
    struct Seen {
      size_t row;
      UniqueCheck check;
    };
    std::vector<Seen> seen;  // every check of every row, in row order
    std::vector<std::vector<db::Param>> owned(rows.size());
    db::Params params;
    std::vector<size_t> pending_checks;  // indexes into `seen` whose expr is in the current statement
    auto run = [&]() {
      if (pending_checks.empty() || stopped_) return;
      std::string sql = "SELECT ";
      for (size_t i = 0; i < pending_checks.size(); ++i) sql += (i ? ", " : "") + seen[pending_checks[i]].check.expr;
      std::optional<db::ResultSet> r = Run(sql, params, "");
      if (r && !r->empty())
        for (size_t i = 0; i < pending_checks.size(); ++i) {
          const Seen& s = seen[pending_checks[i]];
          if (r->rows[0][i].value_or("0") != "1") continue;
          FieldError e = UniqueError(m, s.check, std::to_string(rows[s.row].index));
          bool dup = false;
          for (const FieldError& x : unique_errors[s.row]) dup |= x.field == e.field && x.code == e.code;
          if (!dup) unique_errors[s.row].push_back(std::move(e));
        }
      params.clear();
      pending_checks.clear();
    };
    for (size_t r = 0; r < rows.size(); ++r) {
      if (params.size() > max_params / 2 || pending_checks.size() >= kMaxRowsPerStatement) run();
      const bool clean = rows[r].errors_begin == rows[r].errors_end;
      std::vector<UniqueCheck> checks = UniqueChecks(m, rows[r].columns, nullptr, /*together=*/clean, params);
      for (UniqueCheck& c : checks) {
        // The same values in an earlier row of this batch: the later row is the duplicate (as one-by-one inserts
        // would report it).
        for (const Seen& s : seen) {
          if (s.check.fields != c.fields) continue;
          bool same = true;
          for (size_t k = 0; k < c.values.size() && same; ++k)
            same = c.values[k] && s.check.values[k] && *c.values[k] == *s.check.values[k];
          if (same) {
            unique_errors[r].push_back(UniqueError(m, c, std::to_string(rows[r].index)));
            break;
          }
        }
        pending_checks.push_back(seen.size());
        seen.push_back(Seen{r, std::move(c)});
      }
    }
    run();
  }
  // Each row's unique errors follow its own validation errors (the order one-by-one creates report them in).
  {
    const size_t begin = rows.front().errors_begin, end = rows.back().errors_end;
    std::vector<FieldError> rebuilt(errors_.begin(), errors_.begin() + static_cast<std::ptrdiff_t>(begin));
    for (size_t r = 0; r < rows.size(); ++r) {
      rebuilt.insert(rebuilt.end(), errors_.begin() + static_cast<std::ptrdiff_t>(rows[r].errors_begin),
                     errors_.begin() + static_cast<std::ptrdiff_t>(rows[r].errors_end));
      rebuilt.insert(rebuilt.end(), unique_errors[r].begin(), unique_errors[r].end());
    }
    rebuilt.insert(rebuilt.end(), errors_.begin() + static_cast<std::ptrdiff_t>(end), errors_.end());
    errors_ = std::move(rebuilt);
  }
  if (!CanWrite()) return;

  // 2. The INSERTs.
  const Field& pk = *m.pk();
  const bool auto_key = models::IsAutoKind(pk.kind);
  // One column list for every row: the union of the rows' columns. A column a row left out is one Members()
  // gave no value (nullable without default, or left to the database): NULL, as the one-row INSERT stores.
  std::vector<const Field*> cols;
  for (const BatchRow& row : rows)
    for (const auto& [f, p] : row.columns)
      if (std::find(cols.begin(), cols.end(), f) == cols.end()) cols.push_back(f);
  if (cols.empty()) {  // nothing but database defaults: one row at a time
    for (BatchRow& row : rows) {
      std::optional<db::ResultSet> r =
          Run("INSERT INTO " + Ident(m.db_table) + " DEFAULT VALUES RETURNING " + Ident(pk.column), {},
              std::to_string(row.index));
      if (!r) return;
      if (!r->empty() && r->rows[0][0]) keys[row.index] = CellParam(pk, *r->rows[0][0]);
    }
    return;
  }
  auto value_in = [](const Columns& c, const Field* f) -> const db::Param* {
    for (const auto& [cf, p] : c)
      if (cf == f) return &p;
    return nullptr;
  };
  if (!auto_key)
    for (const BatchRow& row : rows)
      if (!value_in(row.columns, &pk)) {
        internal_ = Internal("bulk create: a row of " + m.name + " has no primary key value");
        stopped_ = true;
        return;
      }
  const size_t per_statement =
      std::max<size_t>(1, std::min({kMaxRowsPerStatement, static_cast<size_t>(std::max(1, options_.bulk_batch_size)),
                                    max_params / (cols.size() + 1)}));
  for (size_t start = 0; start < rows.size(); start += per_statement) {
    const size_t n = std::min(per_statement, rows.size() - start);
    db::Params params;
    std::string names;
    for (const Field* f : cols) names += (names.empty() ? "" : ", ") + Ident(f->column);
    std::string values;
    if (auto_key && pg) {
      // Typed first row (NULLs of the columns' own types), filtered out by its ordinal 0: PostgreSQL types the
      // other rows' untyped parameters from it.
      values = "(";
      for (const Field* f : cols)
        values += "(SELECT " + Ident(f->column) + " FROM " + Ident(m.db_table) + " WHERE false), ";
      values += "0)";
    }
    for (size_t i = 0; i < n; ++i) {
      const Columns& c = rows[start + i].columns;
      std::string row = "(";
      for (const Field* f : cols) {
        const db::Param* v = value_in(c, f);
        row += Ph(d, params, v ? *v : db::Param::Null()) + ", ";
      }
      if (auto_key)
        row += std::to_string(i + 1) + ")";
      else
        row.resize(row.size() - 2), row += ")";
      values += (values.empty() ? "" : ", ") + row;
    }
    std::string sql;
    const std::string table = Ident(m.db_table), key = Ident(pk.column);
    if (!auto_key) {
      sql = "INSERT INTO " + table + " (" + names + ") VALUES " + values + " RETURNING " + key;
    } else {
      std::string select;
      for (size_t k = 0; k < cols.size(); ++k) select += ", v.column" + std::to_string(k + 1);
      const std::string ordinal = "v.column" + std::to_string(cols.size() + 1);
      if (pg) {
        sql = "INSERT INTO " + table + " (" + key + ", " + names + ") SELECT k.id" + select + " FROM (VALUES " +
              values + ") AS v JOIN (SELECT row_number() OVER (ORDER BY s.id) AS n, s.id FROM (SELECT nextval(" +
              "pg_get_serial_sequence(" + Ph(d, params, Ident(m.db_table)) + ", " + Ph(d, params, pk.column) +
              ")) AS id FROM generate_series(1, " + std::to_string(n) + ")) AS s) AS k ON k.n = " + ordinal +
              " RETURNING " + key;
      } else {
        sql = "INSERT INTO " + table + " (" + key + ", " + names + ") SELECT b.base + " + ordinal + select +
              " FROM (VALUES " + values + ") AS v, (SELECT max(coalesce((SELECT max(" + key + ") FROM " + table +
              "), 0), coalesce((SELECT seq FROM sqlite_sequence WHERE name = " + Ph(d, params, m.db_table) +
              "), 0)) AS base) AS b RETURNING " + key;
      }
    }
    if (stopped_) return;
    StatusOr<db::ResultSet> r = conn_.Execute(sql, std::span<const db::Param>(params));
    if (!r.ok()) {
      stopped_ = true;
      const db::DbError& e = conn_.last_error();
      if (e.retryable() || e.kind == db::DbErrorKind::kTimeout)
        internal_ = r.status();
      else
        batch_failed_ = true;  // a constraint (or a table this form does not fit): the caller runs per row
      return;
    }
    if (r->size() != n) {
      internal_ = Internal("bulk create: " + std::to_string(r->size()) + " keys for " + std::to_string(n) + " rows");
      stopped_ = true;
      return;
    }
    if (auto_key) {
      std::vector<int64_t> got;
      for (const db::Row& row : r->rows) got.push_back(row[0] ? std::stoll(*row[0]) : 0);
      std::sort(got.begin(), got.end());
      for (size_t i = 0; i < n; ++i) keys[rows[start + i].index] = db::Param(got[i]);
    } else {
      for (size_t i = 0; i < n; ++i) keys[rows[start + i].index] = *value_in(rows[start + i].columns, &pk);
    }
  }
}

std::optional<db::Param> Writer::Update(const Model& m, const schema::NamedType& input_type, const json::Value& input,
                                        const db::Param& key, const std::string& path, const std::vector<Fixed>& fixed,
                                        int depth) {
  if (depth > options_.max_nested_depth) {
    AddError(path, "Nested input is deeper than " + std::to_string(options_.max_nested_depth) + " levels.",
             "max_depth");
    return std::nullopt;
  }
  std::optional<bool> exists = Exists(m, key);
  if (!exists) return std::nullopt;
  if (!*exists) {
    AddError(JoinPath(path, "id"), ModelVerbose(m) + " with id \"" + KeyText(key) + "\" does not exist.", "NOT_FOUND");
    return std::nullopt;
  }
  std::vector<std::pair<const Field*, db::Param>> columns;
  std::vector<Pending> pending;
  const size_t errors_before = errors_.size();
  Members(m, input_type, input, path, fixed, depth, /*create=*/false, &columns, &pending);
  CheckUnique(m, columns, &key, path, /*together=*/errors_.size() == errors_before);
  if (CanWrite() && !columns.empty()) {
    const db::Dialect d = conn_.dialect();
    // One UPDATE per table holding changed columns (multi-table inheritance: ancestors share the key value).
    for (const Model* table = &m; table; table = table->parent) {
      db::Params params;
      std::string sets;
      for (auto& [f, p] : columns) {
        const Model* owner = m.OwnerOf(*f);
        if ((owner ? owner : &m) != table) continue;
        sets += (sets.empty() ? "" : ", ") + Ident(f->column) + " = " + Ph(d, params, p);
      }
      if (sets.empty()) continue;
      std::string sql = "UPDATE " + Ident(table->db_table) + " SET " + sets + " WHERE " + Ident(table->pk()->column) +
                        " = " + Ph(d, params, key);
      if (!Run(sql, params, path)) break;
    }
  }
  RunPending(m, key, pending, /*create=*/false, depth);
  if (!CanWrite()) return std::nullopt;
  return key;
}

std::optional<db::Param> Writer::Relation(const Model& target, const schema::NamedType& input_type,
                                          const json::Value& value, const std::string& path,
                                          const std::vector<Fixed>& fixed, int depth) {
  if (!value.is_object()) {
    AddError(path, "Expected an object.", "invalid");
    return std::nullopt;
  }
  const json::Value* id = value.find("id");
  if (!id || id->is_null()) return Create(target, input_type, value, path, fixed, depth);
  std::optional<db::Param> key = KeyParam(*target.pk(), *id, conn_.dialect());
  if (!key) {
    AddError(JoinPath(path, "id"),
             "\u201c" + (id->is_string() ? id->as_string() : std::string("?")) + "\u201d is not a valid id.",
             "invalid");
    return std::nullopt;
  }
  if (IsIdOnly(value) && fixed.empty()) {
    std::optional<bool> exists = Exists(target, *key);
    if (!exists) return std::nullopt;
    if (!*exists) {
      AddError(JoinPath(path, "id"), ModelVerbose(target) + " with id \"" + KeyText(*key) + "\" does not exist.",
               "does_not_exist");
      return std::nullopt;
    }
    return key;
  }
  return Update(target, input_type, value, *key, path, fixed, depth);
}

void Writer::RunPending(const Model& m, const db::Param& key, std::vector<Pending>& pending, bool create, int depth) {
  const db::Dialect d = conn_.dialect();
  // Replace flags first, so `itemsReplace` applies whatever the member order.
  auto replace_of = [&](const models::ReverseRelation* r) {
    for (const Pending& p : pending)
      if (p.binding->kind == IK::kReplace && p.binding->reverse == r && p.value->is_bool()) return p.value->as_bool();
    return false;
  };
  for (Pending& p : pending) {
    const InputFieldBinding& fb = *p.binding;
    if (fb.kind == IK::kReplace) {
      // Handled with the children list; `Replace: true` without a list deletes every child.
      if (!p.value->as_bool()) continue;
      bool has_list = false;
      for (const Pending& q : pending)
        if (q.binding->kind == IK::kToManySet && q.binding->reverse == fb.reverse) has_list = true;
      if (has_list || !CanWrite()) continue;
      const models::ReverseRelation& r = *fb.reverse;
      db::Params params;
      std::string sql = "SELECT " + Ident(r.source->pk()->column) + " FROM " + Ident(r.source->db_table) + " WHERE " +
                        Ident(r.field->column) + " = " + Ph(d, params, key);
      std::optional<db::ResultSet> rows = Run(sql, params, p.path);
      if (!rows) continue;
      std::vector<db::Param> keys;
      for (const db::Row& row : rows->rows)
        if (row[0]) keys.push_back(CellParam(*r.source->pk(), *row[0]));
      if (!keys.empty()) Delete(*r.source, keys, p.path);
      continue;
    }
    if (!p.value->is_array()) continue;
    const json::Array& items = p.value->as_array();
    if (fb.reverse) {
      // Reverse-FK children: created (no id) or updated (id) with their FK set to this row.
      const models::ReverseRelation& r = *fb.reverse;
      const Model& child = *r.source;
      if (!p.element_type) continue;
      std::vector<db::Param> kept;
      for (size_t i = 0; i < items.size(); ++i) {
        std::string ipath = JoinPath(p.path, std::to_string(i));
        std::vector<Fixed> fixed;
        db::Param ref = key;
        if (!r.field->to_field.empty() && CanWrite()) {
          // The FK stores another column of this row.
          db::Params params;
          std::string sql = "SELECT " + Ident(TargetField(*r.field).column) + " FROM " + Ident(m.db_table) + " WHERE " +
                            Ident(m.pk()->column) + " = " + Ph(d, params, key);
          if (auto rs = Run(sql, params, ipath); rs && !rs->empty() && rs->rows[0][0])
            ref = CellParam(TargetField(*r.field), *rs->rows[0][0]);
        }
        fixed.push_back({r.field, ref});
        std::optional<db::Param> ck = Relation(child, *p.element_type, items[i], ipath, fixed, depth + 1);
        if (ck) kept.push_back(*ck);
      }
      if (!create && replace_of(&r) && CanWrite()) {
        db::Params params;
        std::string sql = "SELECT " + Ident(child.pk()->column) + " FROM " + Ident(child.db_table) + " WHERE " +
                          Ident(r.field->column) + " = " + Ph(d, params, key);
        if (!kept.empty()) sql += " AND " + Ident(child.pk()->column) + " NOT IN " + InList(d, params, kept);
        std::optional<db::ResultSet> rows = Run(sql, params, p.path);
        if (rows) {
          std::vector<db::Param> gone;
          for (const db::Row& row : rows->rows)
            if (row[0]) gone.push_back(CellParam(*child.pk(), *row[0]));
          if (!gone.empty()) Delete(child, gone, p.path);
        }
      }
      continue;
    }
    // Forward many-to-many.
    const Field& f = *fb.field;
    const Model& target = *f.target;
    std::vector<db::Param> targets;
    if (fb.kind == IK::kToManyRemove) {
      for (size_t i = 0; i < items.size(); ++i) {
        std::optional<db::Param> tk = KeyParam(*target.pk(), items[i], d);
        if (!tk)
          AddError(JoinPath(p.path, std::to_string(i)), "Not a valid id.", "invalid");
        else
          targets.push_back(*tk);
      }
      if (CanWrite() && !targets.empty()) {
        db::Params params;
        std::string sql = "DELETE FROM " + Ident(f.m2m_table) + " WHERE " + Ident(f.m2m_source_column) + " = " +
                          Ph(d, params, key) + " AND " + Ident(f.m2m_target_column) + " IN " +
                          InList(d, params, targets);
        (void)Run(sql, params, p.path);
      }
      continue;
    }
    if (!p.element_type) continue;
    for (size_t i = 0; i < items.size(); ++i) {
      std::optional<db::Param> tk =
          Relation(target, *p.element_type, items[i], JoinPath(p.path, std::to_string(i)), {}, depth + 1);
      if (tk) targets.push_back(*tk);
    }
    if (!CanWrite()) continue;
    if (fb.kind == IK::kToManySet && !create) {
      db::Params params;
      std::string sql =
          "DELETE FROM " + Ident(f.m2m_table) + " WHERE " + Ident(f.m2m_source_column) + " = " + Ph(d, params, key);
      if (!targets.empty()) sql += " AND " + Ident(f.m2m_target_column) + " NOT IN " + InList(d, params, targets);
      if (!Run(sql, params, p.path)) continue;
    }
    if (targets.empty()) continue;
    db::Params params;
    std::string sql = "INSERT INTO " + Ident(f.m2m_table) + " (" + Ident(f.m2m_source_column) + ", " +
                      Ident(f.m2m_target_column) + ") VALUES ";
    for (size_t i = 0; i < targets.size(); ++i) {
      sql += (i ? ", (" : "(") + Ph(d, params, key) + ", ";
      sql += Ph(d, params, targets[i]) + ")";
    }
    sql += " ON CONFLICT DO NOTHING";
    (void)Run(sql, params, p.path);
  }
}

bool Writer::Delete(const Model& top, const std::vector<db::Param>& top_keys, const std::string& path) {
  if (top_keys.empty() || !CanWrite()) return CanWrite();
  const db::Dialect d = conn_.dialect();
  // RESTRICT (Django's rule): a restricted reference does not block the delete when the referencing rows are
  // deleted by this same operation through another CASCADE path, so those rows are only checked at the end.
  struct Restricted {
    const Model* parent;
    const models::ReverseRelation* relation;
    std::vector<db::Param> rows;  // keys of the referencing rows
  };
  std::vector<Restricted> restricted;
  std::set<const Model*> deleted_from;
  std::function<bool(const Model&, const std::vector<db::Param>&)> remove = [&](const Model& m,
                                                                                const std::vector<db::Param>& keys) {
    auto keys_in = [&](db::Params& params) { return InList(d, params, keys); };
    // Join rows of this model's own many-to-many fields (auto-created tables only).
    for (const Field& f : m.fields) {
      if (!f.is_many_to_many() || f.through_model) continue;
      db::Params params;
      std::string sql =
          "DELETE FROM " + Ident(f.m2m_table) + " WHERE " + Ident(f.m2m_source_column) + " IN " + keys_in(params);
      if (!Run(sql, params, path)) return false;
    }
    for (const models::ReverseRelation& r : m.reverse_relations) {
      const Field& f = *r.field;
      const Model& child = *r.source;
      if (f.is_many_to_many()) {
        if (f.through_model) continue;  // the through model's own FKs are reverse relations too
        db::Params params;
        std::string sql =
            "DELETE FROM " + Ident(f.m2m_table) + " WHERE " + Ident(f.m2m_target_column) + " IN " + keys_in(params);
        if (!Run(sql, params, path)) return false;
        continue;
      }
      // Rows of `child` pointing at the rows being deleted.
      db::Params params;
      std::string referencing = Ident(f.column) + " IN (SELECT " + Ident(TargetField(f).column) + " FROM " +
                                Ident(m.db_table) + " WHERE " + Ident(m.pk()->column) + " IN " + keys_in(params) + ")";
      if (&child == &m) {  // self reference: rows being deleted do not protect / cascade onto themselves
        referencing += " AND " + Ident(child.pk()->column) + " NOT IN " + keys_in(params);
      }
      switch (f.on_delete) {
        case models::OnDelete::kDoNothing: break;
        case models::OnDelete::kRestrict: {
          std::string sql =
              "SELECT " + Ident(child.pk()->column) + " FROM " + Ident(child.db_table) + " WHERE " + referencing;
          std::optional<db::ResultSet> rs = Run(sql, params, path);
          if (!rs) return false;
          if (!rs->empty()) {
            Restricted x{&m, &r, {}};
            for (const db::Row& row : rs->rows)
              if (row[0]) x.rows.push_back(CellParam(*child.pk(), *row[0]));
            restricted.push_back(std::move(x));
          }
          break;
        }
        case models::OnDelete::kProtect: {
          std::string sql = "SELECT 1 FROM " + Ident(child.db_table) + " WHERE " + referencing + " LIMIT 1";
          std::optional<db::ResultSet> rs = Run(sql, params, path);
          if (!rs) return false;
          if (!rs->empty()) {
            AddError(path,
                     "Cannot delete " + ModelVerbose(m) +
                         " because it is referenced through a protected foreign key: '" + child.name + "." + f.name +
                         "'.",
                     "PROTECTED");
            return false;
          }
          break;
        }
        case models::OnDelete::kSetNull:
        case models::OnDelete::kSetDefault: {
          db::Param value = db::Param::Null();
          if (f.on_delete == models::OnDelete::kSetDefault && f.default_value && !f.default_value->is_null()) {
            std::optional<db::Param> k = KeyParam(*f.target->pk(), *f.default_value, d);
            if (k) value = *k;
          }
          db::Params uparams;
          std::string sql =
              "UPDATE " + Ident(child.db_table) + " SET " + Ident(f.column) + " = " + Ph(d, uparams, value) + " WHERE ";
          // Re-number the WHERE's parameters after the SET value.
          std::string where = Ident(f.column) + " IN (SELECT " + Ident(TargetField(f).column) + " FROM " +
                              Ident(m.db_table) + " WHERE " + Ident(m.pk()->column) + " IN " +
                              InList(d, uparams, keys) + ")";
          if (!Run(sql + where, uparams, path)) return false;
          break;
        }
        case models::OnDelete::kCascade: {
          std::string sql =
              "SELECT " + Ident(child.pk()->column) + " FROM " + Ident(child.db_table) + " WHERE " + referencing;
          std::optional<db::ResultSet> rs = Run(sql, params, path);
          if (!rs) return false;
          std::vector<db::Param> child_keys;
          for (const db::Row& row : rs->rows)
            if (row[0]) child_keys.push_back(CellParam(*child.pk(), *row[0]));
          if (!child_keys.empty() && !remove(child, child_keys)) return false;
          break;
        }
      }
    }
    db::Params params;
    std::string sql = "DELETE FROM " + Ident(m.db_table) + " WHERE " + Ident(m.pk()->column) + " IN " + keys_in(params);
    if (!Run(sql, params, path)) return false;
    deleted_from.insert(&m);
    // Multi-table inheritance: the ancestor rows go with the child (as Django deletes them).
    return m.parent ? remove(*m.parent, keys) : true;
  };
  if (!remove(top, top_keys)) return false;
  for (const Restricted& x : restricted) {
    const Model& child = *x.relation->source;
    bool remains = !deleted_from.count(&child);  // nothing of that model was deleted: the rows are still there
    if (!remains) {
      db::Params params;
      std::string sql = "SELECT 1 FROM " + Ident(child.db_table) + " WHERE " + Ident(child.pk()->column) + " IN " +
                        InList(d, params, x.rows) + " LIMIT 1";
      std::optional<db::ResultSet> rs = Run(sql, params, path);
      if (!rs) return false;
      remains = !rs->empty();
    }
    if (remains) {
      AddError(path,
               "Cannot delete " + ModelVerbose(*x.parent) +
                   " because it is referenced through a restricted foreign "
                   "key: '" +
                   child.name + "." + x.relation->field->name + "'.",
               "RESTRICTED");
      return false;
    }
  }
  return true;
}

}  // namespace railgun::mutate
