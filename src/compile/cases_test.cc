// Data-driven query cases (tests/cases/query/<area>/*.yaml), each run on SQLite and on PostgreSQL: load the
// models, create the tables, insert the case's rows, execute the query through SqlRootResolver and compare the
// response and the number of SQL statements.
//
// Case file:
//   example: ecommerce            # examples/<name>/models.yaml   (or `models: |` inline model-file text)
//   data: {Model: [{field: value, fk_field: 1, m2m_field: [1, 2]}, ...], ...}   # rows in insertion order
//   query: "{ ... }"
//   variables: {...}              # optional
//   expected: {data: ...}         # the whole response
//   max_statements: 1             # optional
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compile/resolver.h"
#include "db/postgres.h"
#include "db/sqlite.h"
#include "execute/executor.h"
#include "generate/generator.h"
#include "json/parse.h"
#include "json/writer.h"
#include "language/parser.h"
#include "models/loader.h"
#include "sql/dialect.h"
#include "support/case_support.h"
#include "support/pg_test_cluster.h"
#include "validation/validate.h"

namespace railgun::compile {
namespace {

namespace fs = std::filesystem;
using models::FieldKind;

const fs::path kCasesDir = fs::path(RAILGUN_SOURCE_DIR) / "tests" / "cases" / "query";

using testing::YamlToJson;

struct Env {
  std::unique_ptr<models::Project> project;
  std::unique_ptr<generate::GeneratedSchema> generated;
};

// Projects and schemas are shared between cases with the same models.
Env* LoadEnv(const std::string& example, const std::string& inline_models, std::string* error) {
  static std::map<std::string, std::unique_ptr<Env>> envs;
  const std::string key = example + "\n" + inline_models;
  if (auto it = envs.find(key); it != envs.end()) return it->second.get();
  models::LoadResult r;
  if (example.empty()) {
    std::vector<models::ModelSource> sources(1);
    sources[0].file = "inline.yaml";
    sources[0].text = inline_models;
    r = models::LoadModelSources(sources);
  } else {
    r = models::LoadModelPaths({(fs::path(RAILGUN_SOURCE_DIR) / "examples" / example / "models.yaml").string()});
  }
  if (!r.ok()) {
    *error = r.ErrorText();
    return nullptr;
  }
  auto env = std::make_unique<Env>();
  env->project = std::make_unique<models::Project>(std::move(*r.project));
  auto g = generate::Generate(*env->project);
  if (!g.ok()) {
    *error = g.status().message();
    return nullptr;
  }
  env->generated = std::move(g).value();
  return (envs[key] = std::move(env)).get();
}

std::string ColumnType(db::Dialect d, const models::Field& f, bool pk) {
  const bool lite = d == db::Dialect::kSqlite;
  FieldKind k = f.kind;
  if (f.is_to_one())
    k = f.target->pk()->kind == FieldKind::kUUIDField ? FieldKind::kUUIDField : FieldKind::kBigIntegerField;
  if (pk && models::IsAutoKind(k)) return lite ? "integer NOT NULL PRIMARY KEY AUTOINCREMENT" : "bigserial PRIMARY KEY";
  std::string t;
  if (models::IsIntegerKind(k))
    t = lite ? "integer" : "bigint";
  else if (k == FieldKind::kBooleanField)
    t = lite ? "bool" : "boolean";
  else if (k == FieldKind::kDecimalField)
    t = lite ? "decimal"
             : "numeric(" + std::to_string(f.max_digits.value_or(20)) + ", " +
                   std::to_string(f.decimal_places.value_or(2)) + ")";
  else if (k == FieldKind::kDateTimeField)
    t = lite ? "datetime" : "timestamptz";
  else if (k == FieldKind::kDateField)
    t = "date";
  else if (k == FieldKind::kTimeField)
    t = "time";
  else if (k == FieldKind::kFloatField)
    t = lite ? "real" : "double precision";
  else if (k == FieldKind::kJSONField)
    t = lite ? "text" : "jsonb";
  else if (k == FieldKind::kUUIDField)
    t = lite ? "char(32)" : "uuid";
  else if (k == FieldKind::kDurationField)
    t = lite ? "bigint" : "interval";
  else
    t = "text";
  if (pk) t += " PRIMARY KEY";
  return t;
}

std::vector<std::string> TestDdl(const models::Project& project, db::Dialect d) {
  std::vector<std::string> out;
  for (const models::Model* m : project.models()) {
    std::string cols;
    for (const models::Field& f : m->fields) {
      if (f.is_many_to_many()) {
        if (f.through_model) continue;
        const std::string idt =
            d == db::Dialect::kSqlite ? "integer NOT NULL PRIMARY KEY AUTOINCREMENT" : "bigserial PRIMARY KEY";
        out.push_back("CREATE TABLE " + sql::Ident(f.m2m_table) + " (\"id\" " + idt + ", " +
                      sql::Ident(f.m2m_source_column) + " bigint NOT NULL, " + sql::Ident(f.m2m_target_column) +
                      " bigint NOT NULL)");
        continue;
      }
      cols += (cols.empty() ? "" : ", ") + sql::Ident(f.column) + " " + ColumnType(d, f, f.primary_key);
    }
    out.push_back("CREATE TABLE " + sql::Ident(m->db_table) + " (" + cols + ")");
  }
  return out;
}

using CaseParam = testing::CaseFile;

std::vector<CaseParam> AllCases() { return testing::ListCaseFiles(kCasesDir.string()); }

std::string CaseName(const ::testing::TestParamInfo<CaseParam>& info) { return testing::CaseFileName(info.param); }

class QueryCase : public ::testing::TestWithParam<CaseParam> {};

int case_counter = 0;

TEST_P(QueryCase, Runs) {
  const CaseParam& param = GetParam();
  YAML::Node doc = YAML::LoadFile((kCasesDir / param.path).string());
  const std::string example = doc["example"] ? doc["example"].as<std::string>() : "";
  const std::string inline_models = doc["models"] ? doc["models"].as<std::string>() : "";
  std::string error;
  Env* env = LoadEnv(example, inline_models, &error);
  ASSERT_NE(env, nullptr) << error;

  std::unique_ptr<db::Connection> conn;
  if (param.dialect == db::Dialect::kSqlite) {
    auto c = db::SqliteConnection::Open({});
    ASSERT_TRUE(c.ok()) << c.status().message();
    conn = std::move(c).value();
  } else {
    auto url = testing::EnsureTestPostgres();
    if (!url.ok()) GTEST_SKIP() << "no PostgreSQL: " << url.status().message();
    auto c = db::PostgresConnection::Connect(url.value());
    ASSERT_TRUE(c.ok()) << c.status().message();
    conn = std::move(c).value();
    std::string schema = "rgq_" + std::to_string(++case_counter);
    ASSERT_TRUE(conn->ExecuteScript("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema +
                                    "; SET search_path TO " + schema)
                    .ok());
  }
  for (const std::string& ddl : TestDdl(*env->project, conn->dialect())) {
    Status st = conn->ExecuteScript(ddl);
    ASSERT_TRUE(st.ok()) << st.message() << "\n" << ddl << "\n" << conn->last_error().detail;
  }
  if (doc["data"]) {
    Status st = testing::InsertCaseData(*conn, *env->project, YamlToJson(doc["data"]));
    ASSERT_TRUE(st.ok()) << st.message() << "\n" << conn->last_error().detail;
  }

  const std::string query = doc["query"].as<std::string>();
  language::ParseResult parsed = language::Parse(query);
  ASSERT_TRUE(parsed.ok()) << parsed.error->message;
  const schema::Schema& schema = env->generated->schema();
  std::vector<language::GraphQLError> errors = validation::Validate(schema, parsed.document);
  std::string response;
  std::vector<std::string> sqls;
  conn->ResetStats();
  if (!errors.empty()) {
    execute::ExecutionResult r;
    r.errors = errors;
    response = r.ToJsonText();
  } else {
    PlanCache cache;
    SqlRootResolver resolver(*env->generated, *conn, &cache);
    resolver.set_explain([&](std::string_view key, const CompiledQuery& q) {
      std::string text = std::string(key) + ": " + q.sql + "\n  params:";
      for (const db::Param& p : q.params) text += " " + p.DebugString();
      sqls.push_back(text);
    });
    execute::ExecutionRequest req;
    req.schema = &schema;
    req.document = &parsed.document;
    req.variables = doc["variables"] ? YamlToJson(doc["variables"]) : json::Value();
    req.resolver = &resolver;
    response = execute::Execute(req).ToJsonText();
  }
  const int64_t statements = conn->stats().statements;
  std::string explain;
  for (const auto& s : sqls) explain += s + "\n";
  auto got = json::Parse(response);
  ASSERT_TRUE(got.ok()) << "response is not JSON: " << response << "\n" << explain;
  json::Value expected = YamlToJson(doc["expected"]);
  EXPECT_TRUE(got.value() == expected) << "got:      " << json::Write(got.value())
                                       << "\nexpected: " << json::Write(expected) << "\n"
                                       << explain << conn->last_error().detail;
  if (doc["max_statements"]) {
    EXPECT_LE(statements, doc["max_statements"].as<int64_t>()) << explain;
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, QueryCase, ::testing::ValuesIn(AllCases()), CaseName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(QueryCase);

}  // namespace
}  // namespace railgun::compile
