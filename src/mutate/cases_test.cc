// Data-driven mutation cases (tests/cases/mutation/**/*.yaml), each run on SQLite and on PostgreSQL: load the
// models, create the tables with the real migration DDL (constraints included), insert the case's rows, run the
// mutation through MutationResolver, compare the response and the statement count, then check the database
// with read-back queries and row counts.
//
// Case file:
//   models_file: shop.yaml        # tests/cases/mutation/<file>; or `example: blog`; or `models: |` inline
//   settings: {enable_nested_relations: false, nested_field_config: {...}, max_bulk_size: 3}   # optional
//   root_settings: {security_settings: {max_file_upload_size: 10}}   # optional: other railgun.yaml sections
//   media_before: {"docs/a.txt": "content"}   # optional: files under media_root before the mutation
//   data: {Model: [{field: value, m2m: [ids]}, ...]}
//   mutation: "mutation { ... }"
//   variables: {...}
//   expected: {data: ...}         # the whole response; the string "<any>" matches any value
//   max_statements: 6             # optional: statements the mutation sent (BEGIN and COMMIT included)
//   after:                        # optional: queries run after the mutation, with their expected responses
//     - query: "{ ... }"
//       expected: {data: ...}
//   counts: {Product: 2}          # optional: rows per model after the mutation
//   media: {"docs/a_???????.txt": "content"}  # optional: the files under media_root afterwards: each pattern
//                                             # matches a file and each file a pattern (`*` and `?` match within
//                                             # a name; "<any>" content matches anything); `media: {}` = none
//
// Each case gets a fresh, empty file_storage.media_root. Expected strings "<re:...>" match by regular expression.
#include <gtest/gtest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
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
  if (want.is_string() && want.as_string().starts_with("<re:") && want.as_string().ends_with(">"))
    return got.is_string() &&
           std::regex_match(got.as_string(), std::regex(want.as_string().substr(4, want.as_string().size() - 5)));
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

// A media path pattern (`*` and `?` within one path segment) as a regular expression.
std::regex MediaPattern(const std::string& pattern) {
  std::string re;
  for (char c : pattern) {
    if (c == '*')
      re += "[^/]*";
    else if (c == '?')
      re += "[^/]";
    else if (std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_')
      re += c;
    else
      re += std::string("\\") + c;
  }
  return std::regex(re);
}

// Every regular file under `root`: relative path (with `/`) -> content.
std::map<std::string, std::string> MediaFiles(const fs::path& root) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  if (!fs::exists(root, ec)) return out;
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    out[fs::relative(entry.path(), root).generic_string()] = ss.str();
  }
  return out;
}

// A fresh media_root per case run, removed afterwards.
struct MediaDir {
  fs::path path;
  MediaDir() {
    static int counter = 0;
    path =
        fs::temp_directory_path() / ("railgun-media-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::remove_all(path);
  }
  ~MediaDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

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
  MediaDir media;
  models::Settings settings;
  {
    YAML::Node root;
    if (doc["root_settings"])
      for (const auto& kv : doc["root_settings"]) root[kv.first.as<std::string>()] = YAML::Clone(kv.second);
    if (doc["settings"]) root["mutation_settings"] = doc["settings"];
    if (!root["file_storage"] || !root["file_storage"]["media_root"])
      root["file_storage"]["media_root"] = media.path.string();
    models::SettingsResult loaded = models::LoadSettingsText(YAML::Dump(root), "case settings");
    ASSERT_TRUE(loaded.ok()) << loaded.ErrorText();
    settings = std::move(*loaded.settings);
  }
  if (doc["media_before"]) {
    for (const auto& kv : doc["media_before"]) {
      fs::path p = media.path / kv.first.as<std::string>();
      fs::create_directories(p.parent_path());
      std::ofstream(p, std::ios::binary) << kv.second.as<std::string>();
    }
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
  if (doc["media"]) {
    std::map<std::string, std::string> files = MediaFiles(media.path);
    std::string listing;
    for (const auto& [path, content] : files)
      listing += "  " + path + " (" + std::to_string(content.size()) + " bytes)\n";
    for (const auto& kv : doc["media"]) {
      const std::string pattern = kv.first.as<std::string>();
      const std::string want = kv.second.as<std::string>();
      std::regex re = MediaPattern(pattern);
      bool found = false;
      for (const auto& [path, content] : files)
        if (std::regex_match(path, re)) {
          found = true;
          EXPECT_TRUE(want == "<any>" || content == want) << pattern << ": content " << content;
        }
      EXPECT_TRUE(found) << "no media file matches " << pattern << "; files:\n" << listing;
    }
    for (const auto& [path, content] : files) {  // and nothing else
      bool expected = false;
      for (const auto& kv : doc["media"]) expected |= std::regex_match(path, MediaPattern(kv.first.as<std::string>()));
      EXPECT_TRUE(expected) << "unexpected media file " << path << "; files:\n" << listing;
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
