// Data-driven mutation cases (tests/cases/mutation/**/*.yaml), each run on SQLite and on PostgreSQL: load the
// models, create the tables with the real migration DDL (constraints included), insert the case's rows, run the
// mutation through MutationResolver, compare the response and the statement count, then check the database
// with read-back queries and row counts.
//
// Case file:
//   models_file: shop.yaml        # tests/cases/mutation/<file>; or `example: blog`; or `models: |` inline
//   settings: {enable_nested_relations: false, nested_field_config: {...}, max_bulk_size: 3}   # optional
//   data: {Model: [{field: value, m2m: [ids]}, ...]}
//   mutation: "mutation { ... }"
//   variables: {...}
//   expected: {data: ...}         # the whole response; the string "<any>" matches any value
//   max_statements: 6             # optional: statements the mutation sent (BEGIN and COMMIT included)
//   after:                        # optional: queries run after the mutation, with their expected responses
//     - query: "{ ... }"
//       expected: {data: ...}
//   counts: {Product: 2}          # optional: rows per model after the mutation
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "db/migrate.h"
#include "execute/executor.h"
#include "generate/generator.h"
#include "json/parse.h"
#include "json/writer.h"
#include "language/parser.h"
#include "models/loader.h"
#include "models/settings.h"
#include "mutate/mutation_resolver.h"
#include "sql/dialect.h"
#include "support/case_support.h"
#include "validation/validate.h"

namespace railgun::mutate {
namespace {

namespace fs = std::filesystem;
using testing::YamlToJson;

const fs::path kCasesDir = fs::path(RAILGUN_SOURCE_DIR) / "tests" / "cases" / "mutation";

struct Env {
  std::unique_ptr<models::Project> project;
  std::unique_ptr<generate::GeneratedSchema> generated;
};

Env* LoadEnv(const YAML::Node& doc, std::string* error) {
  static std::map<std::string, std::unique_ptr<Env>> envs;
  models::LoadResult r;
  std::string key;
  if (doc["models"]) {
    key = "inline:" + doc["models"].as<std::string>();
  } else if (doc["models_file"]) {
    key = (kCasesDir / doc["models_file"].as<std::string>()).string();
  } else {
    key = (fs::path(RAILGUN_SOURCE_DIR) / "examples" / doc["example"].as<std::string>() / "models.yaml").string();
  }
  if (auto it = envs.find(key); it != envs.end()) return it->second.get();
  if (doc["models"]) {
    std::vector<models::ModelSource> sources(1);
    sources[0].file = "inline.yaml";
    sources[0].text = doc["models"].as<std::string>();
    r = models::LoadModelSources(sources);
  } else {
    r = models::LoadModelPaths({key});
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

// Structural match where the expected string "<any>" matches any value.
bool Matches(const json::Value& got, const json::Value& want) {
  if (want.is_string() && want.as_string() == "<any>") return true;
  if (want.is_object()) {
    if (!got.is_object() || got.as_object().size() != want.as_object().size()) return false;
    for (size_t i = 0; i < want.as_object().size(); ++i) {
      if (got.as_object()[i].first != want.as_object()[i].first) return false;
      if (!Matches(got.as_object()[i].second, want.as_object()[i].second)) return false;
    }
    return true;
  }
  if (want.is_array()) {
    if (!got.is_array() || got.as_array().size() != want.as_array().size()) return false;
    for (size_t i = 0; i < want.as_array().size(); ++i)
      if (!Matches(got.as_array()[i], want.as_array()[i])) return false;
    return true;
  }
  return got == want;
}

using CaseParam = testing::CaseFile;

std::vector<CaseParam> AllCases() { return testing::ListCaseFiles(kCasesDir.string(), "models"); }

std::string CaseName(const ::testing::TestParamInfo<CaseParam>& info) { return testing::CaseFileName(info.param); }

// Executes `text` against the database; the response as JSON text.
std::string Execute(const Env& env, db::Connection& conn, const MutationOptions& options, const std::string& text,
                    const json::Value& variables) {
  language::ParseResult parsed = language::Parse(text);
  if (!parsed.ok()) return "{\"parse_error\":" + json::Write(json::Value::String(parsed.error->message)) + "}";
  const schema::Schema& schema = env.generated->schema();
  std::vector<language::GraphQLError> errors = validation::Validate(schema, parsed.document);
  if (!errors.empty()) {
    execute::ExecutionResult r;
    r.errors = errors;
    return r.ToJsonText();
  }
  MutationResolver resolver(*env.generated, conn, nullptr, &options);
  execute::ExecutionRequest req;
  req.schema = &schema;
  req.document = &parsed.document;
  req.variables = variables;
  req.resolver = &resolver;
  return execute::Execute(req).ToJsonText();
}

class MutationCase : public ::testing::TestWithParam<CaseParam> {};

TEST_P(MutationCase, Runs) {
  const CaseParam& param = GetParam();
  YAML::Node doc = YAML::LoadFile((kCasesDir / param.path).string());
  std::string error;
  Env* env = LoadEnv(doc, &error);
  ASSERT_NE(env, nullptr) << error;

  auto c = testing::NewCaseDatabase(param.dialect);
  if (!c.ok() && param.dialect == db::Dialect::kPostgres) GTEST_SKIP() << c.status().message();
  ASSERT_TRUE(c.ok()) << c.status().message();
  std::unique_ptr<db::Connection> conn = std::move(c).value();
  for (const std::string& ddl : db::CreateTablesSql(*env->project, conn->dialect())) {
    Status st = conn->ExecuteScript(ddl);
    ASSERT_TRUE(st.ok()) << st.message() << "\n" << ddl << "\n" << conn->last_error().detail;
  }
  if (doc["data"]) {
    Status st = testing::InsertCaseData(*conn, *env->project, YamlToJson(doc["data"]));
    ASSERT_TRUE(st.ok()) << st.message() << "\n" << conn->last_error().detail;
  }
  models::Settings settings;
  if (doc["settings"]) {
    YAML::Node root;
    root["mutation_settings"] = doc["settings"];
    models::SettingsResult loaded = models::LoadSettingsText(YAML::Dump(root), "case settings");
    ASSERT_TRUE(loaded.ok()) << loaded.ErrorText();
    settings = std::move(*loaded.settings);
  }
  MutationOptions options = OptionsFromSettings(settings);

  std::vector<std::string> sqls;
  conn->set_statement_observer([&](std::string_view sql) { sqls.emplace_back(sql); });
  conn->ResetStats();
  const json::Value variables = doc["variables"] ? YamlToJson(doc["variables"]) : json::Value();
  std::string response = Execute(*env, *conn, options, doc["mutation"].as<std::string>(), variables);
  const int64_t statements = conn->stats().statements;
  conn->set_statement_observer(nullptr);
  std::string trace;
  for (const auto& s : sqls) trace += "  " + s + "\n";

  auto got = json::Parse(response);
  ASSERT_TRUE(got.ok()) << "response is not JSON: " << response;
  json::Value expected = YamlToJson(doc["expected"]);
  EXPECT_TRUE(Matches(got.value(), expected))
      << "got:      " << response << "\nexpected: " << json::Write(expected) << "\nstatements:\n"
      << trace << conn->last_error().detail;
  if (doc["max_statements"]) {
    EXPECT_LE(statements, doc["max_statements"].as<int64_t>()) << "statements:\n" << trace;
  }

  if (doc["after"]) {
    for (const auto& check : doc["after"]) {
      std::string r = Execute(*env, *conn, options, check["query"].as<std::string>(), json::Value());
      auto g = json::Parse(r);
      ASSERT_TRUE(g.ok()) << r;
      json::Value want = YamlToJson(check["expected"]);
      EXPECT_TRUE(Matches(g.value(), want)) << "after query: " << check["query"].as<std::string>()
                                            << "\ngot:      " << r << "\nexpected: " << json::Write(want);
    }
  }
  if (doc["counts"]) {
    for (const auto& kv : doc["counts"]) {
      const models::Model* m = env->project->FindModel(kv.first.as<std::string>());
      ASSERT_NE(m, nullptr) << kv.first.as<std::string>();
      auto n = conn->QueryOneText("SELECT count(*) FROM " + sql::Ident(m->db_table));
      ASSERT_TRUE(n.ok());
      EXPECT_EQ(n.value().value_or(""), std::to_string(kv.second.as<int64_t>())) << "rows of " << m->name;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, MutationCase, ::testing::ValuesIn(AllCases()), CaseName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(MutationCase);

}  // namespace
}  // namespace railgun::mutate
