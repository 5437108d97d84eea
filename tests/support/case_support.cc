// Case-runner helpers (see case_support.h).
#include "support/case_support.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <string>

#include "db/postgres.h"
#include "db/sqlite.h"
#include "json/writer.h"
#include "sql/dialect.h"
#include "support/pg_test_cluster.h"

namespace railgun::testing {

json::Value YamlToJson(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Sequence: {
      json::Value a = json::Value::MakeArray();
      for (const auto& e : n) a.append(YamlToJson(e));
      return a;
    }
    case YAML::NodeType::Map: {
      json::Value o = json::Value::MakeObject();
      for (const auto& kv : n) o.push(kv.first.as<std::string>(), YamlToJson(kv.second));
      return o;
    }
    case YAML::NodeType::Scalar: {
      const std::string s = n.Scalar();
      if (n.Tag() == "!") return json::Value::String(s);
      if (s == "null" || s == "~") return json::Value::Null();
      if (s == "true") return json::Value::Bool(true);
      if (s == "false") return json::Value::Bool(false);
      try {
        size_t pos = 0;
        long long i = std::stoll(s, &pos);
        if (pos == s.size()) return json::Value::Int(i);
        double d = std::stod(s, &pos);
        if (pos == s.size()) return json::Value::Double(d);
      } catch (...) {
      }
      return json::Value::String(s);
    }
    default: return json::Value::Null();
  }
}

std::vector<CaseFile> ListCaseFiles(const std::string& dir, const std::string& skip_subdir) {
  namespace fs = std::filesystem;
  const fs::path root(dir);
  std::vector<std::string> files;
  if (fs::exists(root))
    for (const auto& e : fs::recursive_directory_iterator(root))
      if (e.is_regular_file() && e.path().extension() == ".yaml" &&
          (skip_subdir.empty() || e.path().parent_path() != root / skip_subdir))
        files.push_back(fs::relative(e.path(), root).string());
  std::sort(files.begin(), files.end());
  std::vector<CaseFile> out;
  for (const auto& f : files) {
    out.push_back({f, db::Dialect::kSqlite});
    out.push_back({f, db::Dialect::kPostgres});
  }
  return out;
}

std::string CaseFileName(const CaseFile& file) {
  std::string n = std::string(db::DialectName(file.dialect)) + "_" + file.path;
  for (char& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

StatusOr<std::unique_ptr<db::Connection>> NewCaseDatabase(db::Dialect dialect) {
  if (dialect == db::Dialect::kSqlite) {
    RG_ASSIGN_OR_RETURN(auto c, db::SqliteConnection::Open({}));
    return std::unique_ptr<db::Connection>(std::move(c));
  }
  RG_ASSIGN_OR_RETURN(std::string url, EnsureTestPostgres());
  RG_ASSIGN_OR_RETURN(auto c, db::PostgresConnection::Connect(url));
  static std::atomic<int> counter{0};
  std::string schema = "rgc_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
  RG_RETURN_IF_ERROR(c->ExecuteScript("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema +
                                      "; SET search_path TO " + schema));
  return std::unique_ptr<db::Connection>(std::move(c));
}

namespace {

StatusOr<db::Param> ValueParam(const models::Field& f, const json::Value& v, db::Dialect d) {
  if (v.is_null()) return db::Param();
  const models::Field* key = &f;
  while (key->is_to_one() && key->target) key = key->target->pk();
  if (key->kind == models::FieldKind::kUUIDField && v.is_string() && d == db::Dialect::kSqlite) {
    std::string hex;  // Django stores UUIDs as 32 hex digits on SQLite
    for (char c : v.as_string())
      if (c != '-') hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return db::Param(hex);
  }
  if (f.kind == models::FieldKind::kDurationField && v.is_int() && d == db::Dialect::kPostgres)
    return db::Param(std::to_string(v.as_int()) + " microseconds");  // rows give Django's SQLite microseconds
  if (f.kind == models::FieldKind::kJSONField) return db::Param(json::Write(v));
  if (f.kind == models::FieldKind::kDecimalField && v.is_number())
    return db::Param(v.is_int() ? std::to_string(v.as_int()) : json::Write(v));
  return db::Param::FromJson(v);
}

}  // namespace

Status InsertCaseData(db::Connection& conn, const models::Project& project, const json::Value& data) {
  const db::Dialect d = conn.dialect();
  for (const auto& [model_name, rows] : data.as_object()) {
    const models::Model* m = project.FindModel(model_name);
    if (!m) return InvalidArgument("unknown model " + model_name);
    for (const json::Value& row : rows.as_array()) {
      std::string cols, vals;
      db::Params params;
      std::vector<std::pair<const models::Field*, const json::Value*>> links;
      for (const auto& [name, value] : row.as_object()) {
        const models::Field* f = m->FindField(name);
        if (!f) f = m->FindFieldByColumn(name);
        if (!f) return InvalidArgument("unknown field " + model_name + "." + name);
        if (f->is_many_to_many()) {
          links.emplace_back(f, &value);
          continue;
        }
        RG_ASSIGN_OR_RETURN(db::Param p, ValueParam(*f, value, d));
        params.push_back(std::move(p));
        cols += (cols.empty() ? "" : ", ") + sql::Ident(f->column);
        vals += (vals.empty() ? "" : ", ") + db::Placeholder(d, static_cast<int>(params.size()));
      }
      std::string sql = "INSERT INTO " + sql::Ident(m->db_table) + " (" + cols + ") VALUES (" + vals + ")";
      RG_RETURN_IF_ERROR(conn.Execute(sql, params).status());
      const json::Value* id = row.find(m->pk()->name);
      for (const auto& [f, targets] : links) {
        if (!id) return InvalidArgument("M2M links need the row's explicit pk");
        for (const json::Value& t : targets->as_array()) {
          std::string ins = "INSERT INTO " + sql::Ident(f->m2m_table) + " (" + sql::Ident(f->m2m_source_column) + ", " +
                            sql::Ident(f->m2m_target_column) + ") VALUES (" + db::Placeholder(d, 1) + ", " +
                            db::Placeholder(d, 2) + ")";
          RG_ASSIGN_OR_RETURN(db::Param a, db::Param::FromJson(*id));
          RG_ASSIGN_OR_RETURN(db::Param b, db::Param::FromJson(t));
          db::Params ps = {a, b};
          RG_RETURN_IF_ERROR(conn.Execute(ins, ps).status());
        }
      }
    }
  }
  if (d == db::Dialect::kPostgres) {
    // Rows were inserted with explicit keys: move each serial sequence past them.
    for (const auto& [model_name, rows] : data.as_object()) {
      const models::Model* m = project.FindModel(model_name);
      if (!m || !models::IsAutoKind(m->pk()->kind)) continue;
      std::string t = sql::Literal(m->db_table), c = sql::Ident(m->pk()->column);
      RG_RETURN_IF_ERROR(conn.ExecuteScript("SELECT setval(pg_get_serial_sequence(" + t + ", " +
                                            sql::Literal(m->pk()->column) + "), (SELECT coalesce(max(" + c +
                                            "), 0) + 1 FROM " + sql::Ident(m->db_table) + "), false)"));
    }
  }
  return Status::Ok();
}

}  // namespace railgun::testing
