// The default limits (depth 10, complexity 1000, page 20) let every query of the seed documents run: each
// tests/cases/query/seeds case with an `example:` is analysed against that example's generated schema.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <memory>

#include "generate/generator.h"
#include "json/value.h"
#include "language/parser.h"
#include "models/loader.h"
#include "models/settings.h"
#include "security/limits.h"
#include "validation/validate.h"

namespace railgun::security {
namespace {

// Enough of YAML -> JSON for variables: integers stay integers (they are what first / last read).
json::Value ToJson(const YAML::Node& n) {
  if (n.IsMap()) {
    json::Value o = json::Value::MakeObject();
    for (const auto& kv : n) o.push(kv.first.Scalar(), ToJson(kv.second));
    return o;
  }
  if (n.IsSequence()) {
    json::Value a = json::Value::MakeArray();
    for (const auto& v : n) a.append(ToJson(v));
    return a;
  }
  if (!n.IsScalar() || n.Tag() == "~" || n.Scalar() == "null") return json::Value::Null();
  int64_t i = 0;
  if (YAML::convert<int64_t>::decode(n, i)) return json::Value::Int(i);
  return json::Value::String(n.Scalar());
}

TEST(SeedQueries, FitTheDefaultLimits) {
  const QueryLimits limits = LimitsFromSettings(models::Settings());
  ASSERT_EQ(limits.max_depth, 10);
  ASSERT_EQ(limits.max_complexity, 1000);
  std::map<std::string, std::unique_ptr<generate::GeneratedSchema>> schemas;
  int checked = 0;
  const std::filesystem::path dir = std::filesystem::path(RAILGUN_SOURCE_DIR) / "tests/cases/query/seeds";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    YAML::Node c = YAML::LoadFile(entry.path().string());
    if (!c["example"]) continue;
    const std::string example = c["example"].Scalar();
    auto& generated = schemas[example];
    if (!generated) {
      auto project = models::LoadProject({std::string(RAILGUN_SOURCE_DIR) + "/examples/" + example});
      ASSERT_TRUE(project.ok()) << project.status().ToString();
      auto g = generate::Generate(*project);
      ASSERT_TRUE(g.ok()) << g.status().ToString();
      generated = std::move(g).value();
    }
    const std::string query = c["query"].Scalar();
    language::ParseResult doc = language::Parse(query);
    ASSERT_TRUE(doc.ok()) << entry.path();
    ASSERT_TRUE(validation::Validate(generated->schema(), doc.document).empty()) << entry.path();
    const language::OperationDefinition* op = SelectOperation(doc.document, std::nullopt);
    ASSERT_NE(op, nullptr) << entry.path();
    json::Value variables = c["variables"] ? ToJson(c["variables"]) : json::Value::Null();
    QueryCost cost = AnalyzeOperation(generated->schema(), doc.document, *op, variables, limits.page_size);
    EXPECT_GT(cost.complexity, 0) << entry.path();
    auto error = CheckLimits(cost, limits, *op);
    EXPECT_FALSE(error) << entry.path().filename() << ": " << (error ? error->message : "");
    ++checked;
  }
  EXPECT_GE(checked, 25);
}

}  // namespace
}  // namespace railgun::security
