// Database schema -> model file (inspectdb): catalog queries for SQLite (pragma_*) and PostgreSQL
// (information_schema / pg_catalog), then a type mapping back to Django field classes.
#include "db/introspect.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>

namespace railgun::db {
namespace {

std::string Literal(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string Cell0(const Row& row, size_t i) { return i < row.size() && row[i] ? *row[i] : std::string(); }

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, ',')) out.push_back(part);
  return out;
}

bool Excluded(const std::string& table, const IntrospectOptions& options) {
  if (!options.only_tables.empty())
    return std::find(options.only_tables.begin(), options.only_tables.end(), table) == options.only_tables.end();
  for (const auto& prefix : options.exclude_prefixes)
    if (table.rfind(prefix, 0) == 0) return true;
  return false;
}

StatusOr<std::vector<IntrospectedTable>> ReadSqlite(Connection& conn, const IntrospectOptions& options) {
  std::vector<IntrospectedTable> tables;
  RG_ASSIGN_OR_RETURN(ResultSet t, conn.Execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                                                "ORDER BY name"));
  for (const Row& trow : t.rows) {
    IntrospectedTable table;
    table.name = Cell0(trow, 0);
    if (Excluded(table.name, options)) continue;
    const bool autoincrement = Lower(Cell0(trow, 1)).find("autoincrement") != std::string::npos;
    RG_ASSIGN_OR_RETURN(ResultSet cols, conn.Execute("SELECT name, type, \"notnull\", pk FROM pragma_table_info(" +
                                                     Literal(table.name) + ") ORDER BY cid"));
    int pk_count = 0;
    for (const Row& c : cols.rows) pk_count += Cell0(c, 3) != "0";
    for (const Row& c : cols.rows) {
      IntrospectedColumn col;
      col.name = Cell0(c, 0);
      col.type = Lower(Cell0(c, 1));
      col.not_null = Cell0(c, 2) == "1";
      col.primary_key = pk_count == 1 && Cell0(c, 3) == "1";
      col.auto_increment = col.primary_key && (autoincrement || col.type == "integer");
      if (col.primary_key) col.not_null = true;
      table.columns.push_back(col);
    }
    RG_ASSIGN_OR_RETURN(ResultSet fks, conn.Execute("SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(" +
                                                    Literal(table.name) + ")"));
    for (const Row& fk : fks.rows)
      for (auto& col : table.columns)
        if (col.name == Cell0(fk, 0)) {
          col.fk_table = Cell0(fk, 1);
          col.fk_column = Cell0(fk, 2);
        }
    RG_ASSIGN_OR_RETURN(ResultSet idx, conn.Execute("SELECT name, \"unique\", origin, partial FROM pragma_index_list(" +
                                                    Literal(table.name) + ")"));
    for (const Row& i : idx.rows) {
      if (Cell0(i, 1) != "1" || Cell0(i, 2) == "pk" || Cell0(i, 3) == "1") continue;
      RG_ASSIGN_OR_RETURN(ResultSet info, conn.Execute("SELECT name FROM pragma_index_info(" + Literal(Cell0(i, 0)) +
                                                       ") ORDER BY seqno"));
      std::vector<std::string> names;
      for (const Row& r : info.rows) names.push_back(Cell0(r, 0));
      if (names.size() == 1) {
        for (auto& col : table.columns)
          if (col.name == names[0]) col.unique = true;
      } else if (names.size() > 1) {
        table.unique_together.push_back(names);
      }
    }
    tables.push_back(std::move(table));
  }
  return tables;
}

std::string PostgresType(const Row& c) {
  const std::string type = Cell0(c, 1);
  const std::string length = Cell0(c, 2);
  if (type == "character varying") return length.empty() ? "varchar" : "varchar(" + length + ")";
  if (type == "character") return "char(" + (length.empty() ? std::string("1") : length) + ")";
  if (type == "numeric") {
    if (Cell0(c, 3).empty()) return "numeric";
    return "numeric(" + Cell0(c, 3) + "," + Cell0(c, 4) + ")";
  }
  return type;
}

StatusOr<std::vector<IntrospectedTable>> ReadPostgres(Connection& conn, const IntrospectOptions& options) {
  std::vector<IntrospectedTable> tables;
  RG_ASSIGN_OR_RETURN(ResultSet t, conn.Execute("SELECT table_name FROM information_schema.tables WHERE table_schema "
                                                "= current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"));
  for (const Row& trow : t.rows) {
    IntrospectedTable table;
    table.name = Cell0(trow, 0);
    if (Excluded(table.name, options)) continue;
    RG_ASSIGN_OR_RETURN(ResultSet cols,
                        conn.Execute("SELECT column_name, data_type, character_maximum_length, numeric_precision, "
                                     "numeric_scale, is_nullable, is_identity, column_default FROM "
                                     "information_schema.columns WHERE table_schema = current_schema() AND "
                                     "table_name = " +
                                     Literal(table.name) + " ORDER BY ordinal_position"));
    for (const Row& c : cols.rows) {
      IntrospectedColumn col;
      col.name = Cell0(c, 0);
      col.type = PostgresType(c);
      col.not_null = Cell0(c, 5) == "NO";
      col.auto_increment = Cell0(c, 6) == "YES" || Cell0(c, 7).rfind("nextval(", 0) == 0;
      table.columns.push_back(col);
    }
    // Constraints (p, u, f) and unique indexes that are not constraints, with their columns in key order.
    RG_ASSIGN_OR_RETURN(
        ResultSet cons,
        conn.Execute("SELECT c.contype::text, array_to_string(ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH "
                     "ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER "
                     "BY k.i), ','), rt.relname, array_to_string(ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH "
                     "ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER "
                     "BY k.i), ',') FROM pg_constraint c LEFT JOIN pg_class rt ON rt.oid = c.confrelid WHERE "
                     "c.conrelid = " +
                     Literal(table.name) +
                     "::regclass AND c.contype IN ('p', 'u', 'f') "
                     "UNION ALL SELECT 'i', array_to_string(ARRAY(SELECT a.attname FROM unnest(x.indkey) WITH "
                     "ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n ORDER "
                     "BY k.i), ','), NULL, NULL FROM pg_index x WHERE x.indrelid = " +
                     Literal(table.name) +
                     "::regclass AND x.indisunique AND NOT x.indisprimary AND x.indpred IS NULL AND x.indexprs IS "
                     "NULL AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"));
    for (const Row& r : cons.rows) {
      const std::string kind = Cell0(r, 0);
      const std::vector<std::string> names = SplitComma(Cell0(r, 1));
      if (kind == "p" && names.size() == 1) {
        for (auto& col : table.columns)
          if (col.name == names[0]) col.primary_key = true;
      } else if (kind == "f" && names.size() == 1) {
        for (auto& col : table.columns)
          if (col.name == names[0]) {
            col.fk_table = Cell0(r, 2);
            col.fk_column = Cell0(r, 3);
          }
      } else if ((kind == "u" || kind == "i") && names.size() == 1) {
        for (auto& col : table.columns)
          if (col.name == names[0]) col.unique = true;
      } else if ((kind == "u" || kind == "i") && names.size() > 1) {
        table.unique_together.push_back(names);
      }
    }
    for (auto& col : table.columns)
      if (!col.primary_key) col.auto_increment = false;
    tables.push_back(std::move(table));
  }
  return tables;
}

std::string CamelCase(const std::string& s) {
  std::string out;
  bool upper = true;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "T" + out;
  return out;
}

std::string ModelName(const std::string& table, const std::string& app) {
  const std::string prefix = app + "_";
  return CamelCase(table.rfind(prefix, 0) == 0 && table.size() > prefix.size() ? table.substr(prefix.size()) : table);
}

// "numeric(10,2)" -> base "numeric", args {10, 2}.
std::pair<std::string, std::vector<std::string>> SplitType(const std::string& type) {
  const size_t open = type.find('(');
  if (open == std::string::npos) return {type, {}};
  std::string base = type.substr(0, open);
  while (!base.empty() && base.back() == ' ') base.pop_back();
  const size_t close = type.find(')', open);
  std::vector<std::string> args;
  for (std::string a :
       SplitComma(type.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1))) {
    a.erase(std::remove(a.begin(), a.end(), ' '), a.end());
    args.push_back(a);
  }
  std::string rest = close == std::string::npos ? "" : type.substr(close + 1);
  if (!rest.empty()) base += rest;  // "varchar(10) unsigned" style suffixes
  return {base, args};
}

// The Django field class and its options (`max_length: 200`, ...) for a column type.
std::pair<std::string, std::string> FieldFor(const IntrospectedColumn& col) {
  auto [base, args] = SplitType(col.type);
  const bool auto_pk = col.primary_key && col.auto_increment;
  if (base == "integer" || base == "int" || base == "int4" || base == "serial" || base == "mediumint")
    return {auto_pk ? "AutoField" : "IntegerField", ""};
  if (base == "bigint" || base == "int8" || base == "bigserial")
    return {auto_pk ? "BigAutoField" : "BigIntegerField", ""};
  if (base == "smallint" || base == "int2" || base == "smallserial" || base == "tinyint")
    return {auto_pk ? "SmallAutoField" : "SmallIntegerField", ""};
  if (base == "integer unsigned") return {"PositiveIntegerField", ""};
  if (base == "bigint unsigned") return {"PositiveBigIntegerField", ""};
  if (base == "smallint unsigned") return {"PositiveSmallIntegerField", ""};
  // Django's SQLite DDL for UUIDField and GenericIPAddressField.
  if (col.type == "char(32)") return {"UUIDField", ""};
  if (col.type == "char(39)") return {"GenericIPAddressField", ""};
  if (base == "varchar" || base == "character varying" || base == "nvarchar" || base == "char" || base == "character" ||
      base == "nchar")
    return {"CharField", "max_length: " + (args.empty() ? std::string("255") : args[0])};
  if (base == "text" || base == "clob" || base == "citext") return {"TextField", ""};
  if (base == "bool" || base == "boolean") return {"BooleanField", ""};
  if (base == "date") return {"DateField", ""};
  if (base == "datetime" || base.rfind("timestamp", 0) == 0) return {"DateTimeField", ""};
  if (base == "time" || base.rfind("time ", 0) == 0) return {"TimeField", ""};
  if (base == "decimal" || base == "numeric") {
    const std::string digits = args.empty() ? "10" : args[0];
    const std::string places = args.size() > 1 ? args[1] : (args.empty() ? "5" : "0");
    return {"DecimalField", "max_digits: " + digits + ", decimal_places: " + places};
  }
  if (base == "real" || base == "double precision" || base == "double" || base == "float" || base == "float4" ||
      base == "float8")
    return {"FloatField", ""};
  if (base == "jsonb") return {"JSONField", ""};
  if (base == "json") return {"JSONField", "preserve_key_order: true"};
  if (base == "uuid") return {"UUIDField", ""};
  if (base == "blob" || base == "bytea") return {"BinaryField", ""};
  if (base == "interval") return {"DurationField", ""};
  if (base == "inet") return {"GenericIPAddressField", ""};
  return {"TextField", ""};  // unknown type: keep the column readable as text
}

// Django's tables that relations may point at when they are excluded from the output.
std::string BuiltinModel(const std::string& table) {
  if (table == "auth_user") return "auth.User";
  if (table == "auth_group") return "auth.Group";
  if (table == "django_content_type") return "contenttypes.ContentType";
  return "";
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out;
}

}  // namespace

StatusOr<std::vector<IntrospectedTable>> IntrospectTables(Connection& conn, const IntrospectOptions& options) {
  if (conn.dialect() == Dialect::kSqlite) return ReadSqlite(conn, options);
  return ReadPostgres(conn, options);
}

std::string TablesToModelYaml(const std::vector<IntrospectedTable>& tables, const IntrospectOptions& options) {
  std::map<std::string, std::string> model_of;  // table -> model name
  for (const auto& t : tables) model_of[t.name] = ModelName(t.name, options.app);
  // Auto-increment pks: SQLite declares AutoField and BigAutoField alike as `integer`; the columns referencing
  // the pk carry its real width (Django's rel_db_type), so they decide. Without references: BigAutoField.
  std::map<std::string, std::string> auto_kind;  // table -> AutoField / BigAutoField / SmallAutoField
  for (const auto& t : tables)
    for (const auto& c : t.columns)
      if (c.primary_key && c.auto_increment) auto_kind[t.name] = c.type == "integer" ? "" : FieldFor(c).first;
  for (const auto& t : tables)
    for (const auto& c : t.columns) {
      auto it = auto_kind.find(c.fk_table);
      if (it == auto_kind.end() || !it->second.empty()) continue;
      const std::string base = SplitType(c.type).first;
      it->second = base == "bigint" ? "BigAutoField" : base == "smallint" ? "SmallAutoField" : "AutoField";
    }
  for (auto& [table, kind] : auto_kind)
    if (kind.empty()) kind = "BigAutoField";
  // The app's implicit pk type: the first auto-increment `id` column decides (BigAutoField when none).
  std::string default_auto = "BigAutoField";
  for (const auto& t : tables) {
    auto it = std::find_if(t.columns.begin(), t.columns.end(), [](const IntrospectedColumn& c) {
      return c.primary_key && c.auto_increment && c.name == "id";
    });
    if (it != t.columns.end()) {
      default_auto = auto_kind[t.name];
      break;
    }
  }
  std::ostringstream out;
  out << "# Generated by `railgun introspect` from an existing database schema. Review relation names, on_delete\n"
         "# behaviour and choices: a schema does not record them.\n";
  out << "app: " << options.app << "\n";
  if (default_auto != "BigAutoField") out << "default_auto_field: " << default_auto << "\n";
  out << "models:\n";
  for (const auto& t : tables) {
    out << "  " << model_of[t.name] << ":\n";
    out << "    fields:\n";
    std::map<std::string, int> relations_to;  // target -> count, to name reverse accessors apart when needed
    for (const auto& c : t.columns)
      if (!c.fk_table.empty()) ++relations_to[c.fk_table];
    bool any_field = false;
    for (const auto& c : t.columns) {
      std::vector<std::string> opts;
      std::string name = c.name;
      std::string target =
          c.fk_table.empty() ? "" : (model_of.count(c.fk_table) ? model_of[c.fk_table] : BuiltinModel(c.fk_table));
      if (!target.empty()) {
        const bool one_to_one = c.unique || c.primary_key;
        opts.push_back(std::string("type: ") + (one_to_one ? "OneToOneField" : "ForeignKey"));
        opts.push_back("to: " + (target == model_of[t.name] ? std::string("self") : target));
        opts.push_back("on_delete: DO_NOTHING");
        if (name.size() > 3 && name.ends_with("_id")) {
          name = name.substr(0, name.size() - 3);
        } else {
          opts.push_back("db_column: " + c.name);
        }
        if (c.primary_key) opts.push_back("primary_key: true");
        if (relations_to[c.fk_table] > 1)
          opts.push_back("related_name: " + Lower(model_of[t.name]) + "_" + name + "_set");
      } else {
        auto [kind, extra] = FieldFor(c);
        if (c.primary_key && c.auto_increment) kind = auto_kind[t.name];
        if (c.primary_key && c.auto_increment && c.name == "id" && kind == default_auto) continue;
        opts.push_back("type: " + kind);
        if (!extra.empty()) opts.push_back(extra);
        if (c.primary_key) opts.push_back("primary_key: true");
        if (c.unique && !c.primary_key) opts.push_back("unique: true");
      }
      if (!c.not_null && !c.primary_key) opts.push_back("null: true");
      out << "      " << name << ": {" << Join(opts) << "}\n";
      any_field = true;
    }
    if (!any_field) out << "      {}\n";
    out << "    meta:\n      db_table: " << t.name << "\n";
    if (!t.unique_together.empty()) {
      out << "      unique_together: [";
      for (size_t i = 0; i < t.unique_together.size(); ++i) {
        std::vector<std::string> fields;
        for (const auto& column : t.unique_together[i]) {
          auto it = std::find_if(t.columns.begin(), t.columns.end(),
                                 [&](const IntrospectedColumn& c) { return c.name == column; });
          const bool fk_field =
              it != t.columns.end() && !it->fk_table.empty() && column.size() > 3 && column.ends_with("_id");
          fields.push_back(fk_field ? column.substr(0, column.size() - 3) : column);
        }
        out << (i ? ", " : "") << "[" << Join(fields) << "]";
      }
      out << "]\n";
    }
  }
  return out.str();
}

StatusOr<std::string> IntrospectToModelYaml(Connection& conn, const IntrospectOptions& options) {
  RG_ASSIGN_OR_RETURN(auto tables, IntrospectTables(conn, options));
  return TablesToModelYaml(tables, options);
}

}  // namespace railgun::db
