// Schema migration with Django's DDL: column types, constraint and index names as Django's schema editor makes
// them (names_digest = md5 over the table and column names), so `railgun migrate` and `manage.py migrate` agree.
#include "db/migrate.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <string_view>

namespace railgun::db {
namespace {

using models::Field;
using models::FieldKind;
using models::Model;
using models::Project;

std::string Quote(std::string_view ident) {
  std::string out = "\"";
  for (char c : ident) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

// Django's names_digest(*args, length=8): md5 over the concatenated names, hex, truncated.
std::string NamesDigest(const std::vector<std::string>& args, size_t length = 8) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_md5(), nullptr);
  for (const auto& a : args) EVP_DigestUpdate(ctx, a.data(), a.size());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx, digest, &len);
  EVP_MD_CTX_free(ctx);
  std::string hex;
  char buf[3];
  for (unsigned int i = 0; i < len; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", digest[i]);
    hex += buf;
  }
  return hex.substr(0, length);
}

size_t MaxNameLength(Dialect d) { return d == Dialect::kPostgres ? 63 : 200; }

// Django's BaseDatabaseSchemaEditor._create_index_name.
std::string IndexName(Dialect d, const std::string& table, const std::vector<std::string>& columns,
                      const std::string& suffix) {
  std::vector<std::string> digest_args{table};
  digest_args.insert(digest_args.end(), columns.begin(), columns.end());
  std::string hash_suffix = NamesDigest(digest_args) + suffix;
  std::string joined;
  for (size_t i = 0; i < columns.size(); ++i) joined += (i ? "_" : "") + columns[i];
  const size_t max_length = MaxNameLength(d);
  std::string name = table + "_" + joined + "_" + hash_suffix;
  if (name.size() <= max_length) return name;
  if (hash_suffix.size() > max_length / 3) hash_suffix = hash_suffix.substr(0, max_length / 3);
  const size_t other = (max_length - hash_suffix.size()) / 2 - 1;
  name = table.substr(0, other) + "_" + joined.substr(0, other) + "_" + hash_suffix;
  if (name[0] == '_' || (name[0] >= '0' && name[0] <= '9')) name = "D" + name.substr(0, name.size() - 1);
  return name;
}

const Field* TargetField(const Field& fk) {
  if (!fk.target) return nullptr;
  if (!fk.to_field.empty()) {
    if (const Field* f = fk.target->FindField(fk.to_field)) return f;
  }
  return fk.target->pk();
}

// The column type Django gives `f` (for FKs: the target column's "rel_db_type").
std::string ColumnType(const Field& f, Dialect d, bool as_relation_target = false) {
  const bool pg = d == Dialect::kPostgres;
  auto varchar = [&](int default_len) { return "varchar(" + std::to_string(f.max_length.value_or(default_len)) + ")"; };
  switch (f.kind) {
    case FieldKind::kAutoField: return "integer";
    case FieldKind::kBigAutoField: return pg ? "bigint" : (as_relation_target ? "bigint" : "integer");
    case FieldKind::kSmallAutoField: return pg ? "smallint" : (as_relation_target ? "smallint" : "integer");
    case FieldKind::kCharField: return varchar(255);
    case FieldKind::kTextField: return "text";
    case FieldKind::kSlugField: return varchar(50);
    case FieldKind::kEmailField: return varchar(254);
    case FieldKind::kURLField: return varchar(200);
    case FieldKind::kFileField:
    case FieldKind::kImageField: return varchar(100);
    case FieldKind::kUUIDField: return pg ? "uuid" : "char(32)";
    case FieldKind::kIntegerField: return "integer";
    case FieldKind::kBigIntegerField: return "bigint";
    case FieldKind::kSmallIntegerField: return "smallint";
    case FieldKind::kPositiveIntegerField: return pg ? "integer" : "integer unsigned";
    case FieldKind::kPositiveBigIntegerField: return pg ? "bigint" : "bigint unsigned";
    case FieldKind::kPositiveSmallIntegerField: return pg ? "smallint" : "smallint unsigned";
    case FieldKind::kFloatField: return pg ? "double precision" : "real";
    case FieldKind::kDecimalField:
      return pg ? "numeric(" + std::to_string(f.max_digits.value_or(10)) + ", " +
                      std::to_string(f.decimal_places.value_or(2)) + ")"
                : "decimal";
    case FieldKind::kBooleanField: return pg ? "boolean" : "bool";
    case FieldKind::kDateField: return "date";
    case FieldKind::kDateTimeField: return pg ? "timestamp with time zone" : "datetime";
    case FieldKind::kTimeField: return "time";
    case FieldKind::kDurationField: return pg ? "interval" : "bigint";
    case FieldKind::kJSONField: return pg ? (f.preserve_key_order ? "json" : "jsonb") : "text";
    case FieldKind::kBinaryField: return pg ? "bytea" : "BLOB";
    case FieldKind::kGenericIPAddressField: return pg ? "inet" : "char(39)";
    case FieldKind::kForeignKey:
    case FieldKind::kOneToOneField: {
      const Field* t = TargetField(f);
      return t ? ColumnType(*t, d, /*as_relation_target=*/true) : "bigint";
    }
    case FieldKind::kManyToManyField: return "";
  }
  return "text";
}

bool IsPositive(FieldKind k) {
  return k == FieldKind::kPositiveIntegerField || k == FieldKind::kPositiveBigIntegerField ||
         k == FieldKind::kPositiveSmallIntegerField;
}

// The column definition after the name: type, NOT NULL, PRIMARY KEY, UNIQUE, CHECK, inline REFERENCES (SQLite).
std::string ColumnDefinition(const Field& f, Dialect d) {
  const bool pg = d == Dialect::kPostgres;
  std::string def = ColumnType(f, d);
  def += f.null && !f.primary_key ? " NULL" : " NOT NULL";
  if (f.primary_key) {
    def += " PRIMARY KEY";
    if (models::IsAutoKind(f.kind)) def += pg ? " GENERATED BY DEFAULT AS IDENTITY" : " AUTOINCREMENT";
  } else if (f.unique) {
    def += " UNIQUE";
  }
  if (IsPositive(f.kind)) def += " CHECK (" + Quote(f.column) + " >= 0)";
  if (!pg && f.kind == FieldKind::kJSONField)
    def += " CHECK ((JSON_VALID(" + Quote(f.column) + ") OR " + Quote(f.column) + " IS NULL))";
  if (!pg && f.is_to_one() && f.target) {
    const Field* t = TargetField(f);
    def += " REFERENCES " + Quote(f.target->db_table) + " (" + Quote(t ? t->column : "id") +
           ") DEFERRABLE INITIALLY DEFERRED";
  }
  return def;
}

bool NeedsLikeIndex(const Field& f) {
  const FieldKind k = f.is_to_one() && f.target ? (TargetField(f) ? TargetField(f)->kind : f.kind) : f.kind;
  return k == FieldKind::kCharField || k == FieldKind::kSlugField || k == FieldKind::kEmailField ||
         k == FieldKind::kURLField || k == FieldKind::kTextField || k == FieldKind::kFileField ||
         k == FieldKind::kImageField;
}

struct TableSpec {
  std::string table;
  std::vector<std::pair<std::string, std::string>> columns;  // name, definition
  std::vector<std::string> create_extra;  // statements after CREATE TABLE (indexes, FK constraints, uniques)
  std::vector<std::string> index_names;   // names of the indexes/constraints in create_extra, in order
};

std::string CreateIndexSql(const std::string& name, const std::string& table, const std::vector<std::string>& cols,
                           const std::string& opclass = "", bool unique = false) {
  std::string s =
      std::string(unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + Quote(name) + " ON " + Quote(table) + " (";
  for (size_t i = 0; i < cols.size(); ++i) {
    if (i) s += ", ";
    std::string c = cols[i];
    bool desc = !c.empty() && c[0] == '-';
    if (desc) c = c.substr(1);
    s += Quote(c);
    if (!opclass.empty()) s += " " + opclass;
    if (desc) s += " DESC";
  }
  return s + ")";
}

// Column name of a field path element used in Meta (field name -> column).
std::string ColumnOf(const Model& m, const std::string& field_name) {
  if (const Field* f = m.FindField(field_name)) return f->column.empty() ? f->name : f->column;
  return field_name;
}

void AddFieldIndexes(const Model& m, const Field& f, Dialect d, TableSpec& spec) {
  const bool pg = d == Dialect::kPostgres;
  if (f.primary_key) return;
  if (pg && f.is_to_one() && f.target) {
    const Field* t = TargetField(f);
    std::string name =
        IndexName(d, m.db_table, {f.column}, "_fk_" + f.target->db_table + "_" + (t ? t->column : std::string("id")));
    spec.create_extra.push_back("ALTER TABLE " + Quote(m.db_table) + " ADD CONSTRAINT " + Quote(name) +
                                " FOREIGN KEY (" + Quote(f.column) + ") REFERENCES " + Quote(f.target->db_table) +
                                " (" + Quote(t ? t->column : "id") + ") DEFERRABLE INITIALLY DEFERRED");
    spec.index_names.push_back(name);
  }
  const bool indexed =
      (f.db_index || (f.is_to_one() && f.kind == FieldKind::kForeignKey) || f.kind == FieldKind::kSlugField) &&
      !f.unique;
  if (indexed) {
    std::string name = IndexName(d, m.db_table, {f.column}, "");
    spec.create_extra.push_back(CreateIndexSql(name, m.db_table, {f.column}));
    spec.index_names.push_back(name);
  }
  if (pg && (indexed || f.unique) && NeedsLikeIndex(f) && f.kind != FieldKind::kTextField) {
    std::string name = IndexName(d, m.db_table, {f.column}, "_like");
    spec.create_extra.push_back(CreateIndexSql(name, m.db_table, {f.column}, "varchar_pattern_ops"));
    spec.index_names.push_back(name);
  }
}

TableSpec ModelTable(const Model& m, Dialect d) {
  TableSpec spec;
  spec.table = m.db_table;
  for (const Field& f : m.fields) {
    if (f.is_many_to_many()) continue;
    spec.columns.emplace_back(f.column, ColumnDefinition(f, d));
  }
  for (const Field& f : m.fields)
    if (!f.is_many_to_many()) AddFieldIndexes(m, f, d, spec);
  for (const auto& together : m.unique_together) {
    std::vector<std::string> cols;
    for (const auto& fname : together) cols.push_back(ColumnOf(m, fname));
    std::string name = IndexName(d, m.db_table, cols, "_uniq");
    if (d == Dialect::kPostgres) {
      std::string s = "ALTER TABLE " + Quote(m.db_table) + " ADD CONSTRAINT " + Quote(name) + " UNIQUE (";
      for (size_t i = 0; i < cols.size(); ++i) s += (i ? ", " : "") + Quote(cols[i]);
      spec.create_extra.push_back(s + ")");
    } else {
      spec.create_extra.push_back(CreateIndexSql(name, m.db_table, cols, "", /*unique=*/true));
    }
    spec.index_names.push_back(name);
  }
  for (const auto& c : m.constraints) {
    if (c.kind == models::Constraint::Kind::kUnique) {
      std::vector<std::string> cols;
      for (const auto& fname : c.fields) cols.push_back(ColumnOf(m, fname));
      std::string name = c.name.empty() ? IndexName(d, m.db_table, cols, "_uniq") : c.name;
      std::string s = CreateIndexSql(name, m.db_table, cols, "", /*unique=*/true);
      if (!c.condition.empty()) s += " WHERE " + c.condition;
      spec.create_extra.push_back(s);
      spec.index_names.push_back(name);
    }
  }
  for (const auto& idx : m.indexes) {
    std::vector<std::string> cols;
    for (const auto& fname : idx.fields) {
      bool desc = !fname.empty() && fname[0] == '-';
      cols.push_back((desc ? "-" : "") + ColumnOf(m, desc ? fname.substr(1) : fname));
    }
    std::vector<std::string> plain;
    for (auto c : cols) plain.push_back(c[0] == '-' ? c.substr(1) : c);
    std::string name = idx.name.empty() ? IndexName(d, m.db_table, plain, "_idx") : idx.name;
    spec.create_extra.push_back(CreateIndexSql(name, m.db_table, cols, "", idx.unique));
    spec.index_names.push_back(name);
  }
  return spec;
}

// CHECK constraints are table-level in Django (added inline in CREATE TABLE).
std::vector<std::string> TableChecks(const Model& m) {
  std::vector<std::string> out;
  for (const auto& c : m.constraints)
    if (c.kind == models::Constraint::Kind::kCheck)
      out.push_back("CONSTRAINT " + Quote(c.name) + " CHECK (" + c.check + ")");
  return out;
}

// The auto-created join table of a ManyToManyField without `through`.
TableSpec JoinTable(const Model& m, const Field& f, Dialect d, models::FieldKind auto_kind) {
  TableSpec spec;
  spec.table = f.m2m_table;
  Field id;
  id.name = id.column = "id";
  id.kind = auto_kind;
  id.primary_key = true;
  id.unique = true;
  spec.columns.emplace_back("id", ColumnDefinition(id, d));
  auto fk_field = [&](const std::string& column, Model* target) {
    Field fk;
    fk.name = column;
    fk.column = column;
    fk.kind = FieldKind::kForeignKey;
    fk.target = target;
    return fk;
  };
  Field src = fk_field(f.m2m_source_column, const_cast<Model*>(&m));
  Field dst = fk_field(f.m2m_target_column, f.target);
  spec.columns.emplace_back(src.column, ColumnDefinition(src, d));
  spec.columns.emplace_back(dst.column, ColumnDefinition(dst, d));
  Model join;
  join.db_table = f.m2m_table;
  if (d == Dialect::kPostgres) {
    std::string uniq = IndexName(d, f.m2m_table, {src.column, dst.column}, "_uniq");
    spec.create_extra.push_back("ALTER TABLE " + Quote(f.m2m_table) + " ADD CONSTRAINT " + Quote(uniq) + " UNIQUE (" +
                                Quote(src.column) + ", " + Quote(dst.column) + ")");
    spec.index_names.push_back(uniq);
  } else {
    std::string uniq = IndexName(d, f.m2m_table, {src.column, dst.column}, "_uniq");
    spec.create_extra.push_back(CreateIndexSql(uniq, f.m2m_table, {src.column, dst.column}, "", true));
    spec.index_names.push_back(uniq);
  }
  AddFieldIndexes(join, src, d, spec);
  AddFieldIndexes(join, dst, d, spec);
  return spec;
}

std::string CreateTableSql(const TableSpec& spec, const std::vector<std::string>& checks) {
  std::string s = "CREATE TABLE " + Quote(spec.table) + " (";
  for (size_t i = 0; i < spec.columns.size(); ++i) {
    if (i) s += ", ";
    s += Quote(spec.columns[i].first) + " " + spec.columns[i].second;
  }
  for (const auto& c : checks) s += ", " + c;
  return s + ")";
}

struct AllTables {
  std::vector<TableSpec> specs;
  std::vector<std::vector<std::string>> checks;
};

AllTables CollectTables(const Project& project, Dialect d) {
  AllTables all;
  for (const Model* m : project.models()) {
    all.specs.push_back(ModelTable(*m, d));
    all.checks.push_back(TableChecks(*m));
    for (const Field& f : m->fields) {
      if (!f.is_many_to_many() || f.through_model || !f.through.empty() || f.m2m_table.empty()) continue;
      all.specs.push_back(JoinTable(*m, f, d, project.default_auto_field()));
      all.checks.emplace_back();
    }
  }
  return all;
}

struct ExistingSchema {
  std::set<std::string> tables;
  std::map<std::string, std::set<std::string>> columns;  // table -> columns
  std::set<std::string> indexes;                         // index and constraint names
};

StatusOr<ExistingSchema> ReadExisting(Connection& conn) {
  ExistingSchema ex;
  if (conn.dialect() == Dialect::kSqlite) {
    RG_ASSIGN_OR_RETURN(ResultSet t, conn.Execute("SELECT type, name, tbl_name FROM sqlite_master"));
    for (const auto& row : t.rows) {
      if (!row[0] || !row[1]) continue;
      if (*row[0] == "table") ex.tables.insert(*row[1]);
      if (*row[0] == "index") ex.indexes.insert(*row[1]);
    }
    for (const auto& table : ex.tables) {
      RG_ASSIGN_OR_RETURN(ResultSet c, conn.Execute("SELECT name FROM pragma_table_info(?)", {Param(table)}));
      for (const auto& row : c.rows)
        if (row[0]) ex.columns[table].insert(*row[0]);
    }
  } else {
    RG_ASSIGN_OR_RETURN(ResultSet t, conn.Execute("SELECT table_name, column_name FROM information_schema.columns "
                                                  "WHERE table_schema = current_schema()"));
    for (const auto& row : t.rows) {
      if (!row[0] || !row[1]) continue;
      ex.tables.insert(*row[0]);
      ex.columns[*row[0]].insert(*row[1]);
    }
    RG_ASSIGN_OR_RETURN(ResultSet i, conn.Execute("SELECT indexname FROM pg_indexes WHERE schemaname = "
                                                  "current_schema() UNION SELECT conname FROM pg_constraint c JOIN "
                                                  "pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = "
                                                  "current_schema()"));
    for (const auto& row : i.rows)
      if (row[0]) ex.indexes.insert(*row[0]);
  }
  return ex;
}

}  // namespace

std::vector<std::string> CreateTablesSql(const Project& project, Dialect dialect) {
  AllTables all = CollectTables(project, dialect);
  std::vector<std::string> out;
  for (size_t i = 0; i < all.specs.size(); ++i) out.push_back(CreateTableSql(all.specs[i], all.checks[i]));
  // Indexes and FK constraints after every table exists (Django's deferred SQL).
  for (const auto& spec : all.specs)
    for (const auto& s : spec.create_extra) out.push_back(s);
  return out;
}

StatusOr<MigrationPlan> PlanMigration(Connection& conn, const Project& project, const MigrateOptions& options) {
  const Dialect d = conn.dialect();
  RG_ASSIGN_OR_RETURN(ExistingSchema ex, ReadExisting(conn));
  AllTables all = CollectTables(project, d);
  MigrationPlan plan;
  std::vector<std::string> deferred;
  for (size_t i = 0; i < all.specs.size(); ++i) {
    const TableSpec& spec = all.specs[i];
    if (!ex.tables.count(spec.table)) {
      plan.statements.push_back(CreateTableSql(spec, all.checks[i]));
      for (const auto& s : spec.create_extra) deferred.push_back(s);
      plan.notes.push_back("create table " + spec.table);
      continue;
    }
    const auto& have = ex.columns[spec.table];
    std::set<std::string> wanted;
    int added = 0;
    for (const auto& [col, def] : spec.columns) {
      wanted.insert(col);
      if (have.count(col)) continue;
      std::string column_def = def;
      // SQLite cannot add a PRIMARY KEY / UNIQUE column; such changes need a rebuild.
      if (d == Dialect::kSqlite && (def.find("PRIMARY KEY") != std::string::npos)) {
        plan.destructive.push_back("table " + spec.table + ": primary key column " + col + " would change");
        continue;
      }
      plan.statements.push_back("ALTER TABLE " + Quote(spec.table) + " ADD COLUMN " + Quote(col) + " " + column_def);
      ++added;
    }
    for (const auto& col : have) {
      if (wanted.count(col)) continue;
      plan.destructive.push_back("column " + spec.table + "." + col + " is not in the models (would be dropped)");
      if (options.allow_destructive)
        plan.statements.push_back("ALTER TABLE " + Quote(spec.table) + " DROP COLUMN " + Quote(col));
    }
    for (size_t k = 0; k < spec.create_extra.size(); ++k)
      if (!ex.indexes.count(spec.index_names[k])) deferred.push_back(spec.create_extra[k]);
    if (added) plan.notes.push_back("table " + spec.table + ": " + std::to_string(added) + " column(s) added");
  }
  for (auto& s : deferred) plan.statements.push_back(std::move(s));
  return plan;
}

Status ApplyMigration(Connection& conn, const MigrationPlan& plan, const MigrateOptions& options) {
  if (!plan.destructive.empty() && !options.allow_destructive) {
    std::string msg = "refusing destructive changes (use --allow-destructive):";
    for (const auto& d : plan.destructive) msg += "\n  " + d;
    return InvalidArgument(msg);
  }
  if (plan.statements.empty()) return Status::Ok();
  return RunInTransaction(conn, [&](Connection& c) -> Status {
    for (const auto& s : plan.statements) RG_RETURN_IF_ERROR(c.ExecuteScript(s));
    return Status::Ok();
  });
}

StatusOr<MigrationPlan> Migrate(Connection& conn, const Project& project, const MigrateOptions& options) {
  RG_ASSIGN_OR_RETURN(MigrationPlan plan, PlanMigration(conn, project, options));
  RG_RETURN_IF_ERROR(ApplyMigration(conn, plan, options));
  return plan;
}

}  // namespace railgun::db
