// PlanCache: plans are keyed by the query's shape, so requests differing only in filter values reuse the plan
// with re-bound parameters; variables that shape the SQL are keyed by value.
#include "compile/resolver.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "db/sqlite.h"
#include "execute/executor.h"
#include "generate/generator.h"
#include "json/parse.h"
#include "json/writer.h"
#include "language/parser.h"
#include "models/loader.h"
#include "validation/validate.h"

namespace railgun::compile {
namespace {

constexpr const char* kModels = R"(app: shop
models:
  Item:
    fields:
      name: {type: CharField, max_length: 100}
      qty: {type: IntegerField}
      status: {type: CharField, max_length: 20, choices: [[draft, Draft], [live, Live]]}
    graphql:
      filter_fields:
        name: [exact, icontains, in]
        qty: [gt, isnull]
        status: [exact]
)";

class PlanCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<models::ModelSource> sources(1);
    sources[0].file = "inline.yaml";
    sources[0].text = kModels;
    models::LoadResult r = models::LoadModelSources(sources);
    ASSERT_TRUE(r.ok()) << r.ErrorText();
    project_ = std::make_unique<models::Project>(std::move(*r.project));
    auto g = generate::Generate(*project_);
    ASSERT_TRUE(g.ok()) << g.status().message();
    generated_ = std::move(g).value();
    auto c = db::SqliteConnection::Open({});
    ASSERT_TRUE(c.ok()) << c.status().message();
    conn_ = std::move(c).value();
    ASSERT_TRUE(conn_
                    ->ExecuteScript("CREATE TABLE shop_item (id integer PRIMARY KEY, name text, qty integer, "
                                    "status text);"
                                    "INSERT INTO shop_item VALUES (1, 'apple', 3, 'draft'), (2, 'pear', 0, 'live'), "
                                    "(3, 'plum', 7, 'live');")
                    .ok());
  }

  // Runs `query` with `variables` (JSON text) and returns the response text.
  std::string Run(const std::string& query, const std::string& variables) {
    language::ParseResult parsed = language::Parse(query);
    EXPECT_TRUE(parsed.ok());
    const schema::Schema& schema = generated_->schema();
    EXPECT_TRUE(validation::Validate(schema, parsed.document).empty());
    SqlRootResolver resolver(*generated_, *conn_, &cache_);
    execute::ExecutionRequest req;
    req.schema = &schema;
    req.document = &parsed.document;
    req.variables = json::Parse(variables).value();
    req.resolver = &resolver;
    return execute::Execute(req).ToJsonText();
  }

  // The SQL of the last root field run.
  std::string Sql(const std::string& query) {
    language::ParseResult parsed = language::Parse(query);
    EXPECT_TRUE(parsed.ok());
    const schema::Schema& schema = generated_->schema();
    EXPECT_TRUE(validation::Validate(schema, parsed.document).empty());
    SqlRootResolver resolver(*generated_, *conn_, nullptr);
    std::string sql;
    resolver.set_explain([&](std::string_view, const CompiledQuery& q) { sql = q.sql; });
    execute::ExecutionRequest req;
    req.schema = &schema;
    req.document = &parsed.document;
    req.resolver = &resolver;
    std::string response = execute::Execute(req).ToJsonText();
    EXPECT_EQ(response.find("errors"), std::string::npos) << response;
    return sql;
  }

  std::unique_ptr<models::Project> project_;
  std::unique_ptr<generate::GeneratedSchema> generated_;
  std::unique_ptr<db::Connection> conn_;
  PlanCache cache_;
};

TEST_F(PlanCacheTest, FilterValuesReuseThePlan) {
  const std::string q =
      "query Q($n: String, $min: Int) { items(filters: {name_Icontains: $n, qty_Gt: $min}) "
      "{ edges { node { name } } } }";
  EXPECT_EQ(Run(q, R"({"n": "p", "min": 0})"),
            R"({"data":{"items":{"edges":[{"node":{"name":"apple"}},{"node":{"name":"plum"}}]}}})");
  EXPECT_EQ(cache_.misses(), 1);
  EXPECT_EQ(Run(q, R"({"n": "PEAR", "min": -1})"), R"({"data":{"items":{"edges":[{"node":{"name":"pear"}}]}}})");
  EXPECT_EQ(cache_.hits(), 1);
  EXPECT_EQ(cache_.size(), 1u);
  // Same shape again, other values.
  EXPECT_EQ(Run(q, R"({"n": "l", "min": 5})"), R"({"data":{"items":{"edges":[{"node":{"name":"plum"}}]}}})");
  EXPECT_EQ(cache_.hits(), 2);
}

TEST_F(PlanCacheTest, ListLengthAndNullsAreShape) {
  const std::string q = "query Q($names: [String!]) { items(filters: {name_In: $names}) { totalCount } }";
  EXPECT_EQ(Run(q, R"({"names": ["apple"]})"), R"({"data":{"items":{"totalCount":1}}})");
  EXPECT_EQ(Run(q, R"({"names": ["pear"]})"), R"({"data":{"items":{"totalCount":1}}})");
  EXPECT_EQ(cache_.hits(), 1);
  EXPECT_EQ(Run(q, R"({"names": ["pear", "plum"]})"), R"({"data":{"items":{"totalCount":2}}})");
  EXPECT_EQ(Run(q, R"({"names": []})"), R"({"data":{"items":{"totalCount":0}}})");
  EXPECT_EQ(Run(q, R"({"names": null})"), R"({"data":{"items":{"totalCount":3}}})");
  EXPECT_EQ(cache_.hits(), 1);
  EXPECT_EQ(cache_.misses(), 4);
}

TEST_F(PlanCacheTest, ShapeVariablesAreKeyedByValue) {
  const std::string q =
      "query Q($first: Int, $order: [String!], $flag: Boolean, $show: Boolean!) "
      "{ items(first: $first, orderBy: $order, filters: {qty_Isnull: $flag}) "
      "{ edges { node { name qty @include(if: $show) } } } }";
  EXPECT_EQ(Run(q, R"({"first": 1, "order": ["name"], "flag": false, "show": true})"),
            R"({"data":{"items":{"edges":[{"node":{"name":"apple","qty":3}}]}}})");
  EXPECT_EQ(Run(q, R"({"first": 2, "order": ["name"], "flag": false, "show": true})"),
            R"({"data":{"items":{"edges":[{"node":{"name":"apple","qty":3}},{"node":{"name":"pear","qty":0}}]}}})");
  EXPECT_EQ(Run(q, R"({"first": 1, "order": ["-name"], "flag": false, "show": true})"),
            R"({"data":{"items":{"edges":[{"node":{"name":"plum","qty":7}}]}}})");
  EXPECT_EQ(Run(q, R"({"first": 1, "order": ["-name"], "flag": true, "show": true})"),
            R"({"data":{"items":{"edges":[]}}})");
  EXPECT_EQ(Run(q, R"({"first": 1, "order": ["-name"], "flag": false, "show": false})"),
            R"({"data":{"items":{"edges":[{"node":{"name":"plum"}}]}}})");
  EXPECT_EQ(cache_.hits(), 0);
  EXPECT_EQ(Run(q, R"({"first": 1, "order": ["-name"], "flag": false, "show": false})"),
            R"({"data":{"items":{"edges":[{"node":{"name":"plum"}}]}}})");
  EXPECT_EQ(cache_.hits(), 1);
}

TEST_F(PlanCacheTest, SingleObjectKeyAndEnumsRebind) {
  const std::string q = "query Q($id: ID!) { item(id: $id) { name } }";
  EXPECT_EQ(Run(q, R"({"id": "1"})"), R"({"data":{"item":{"name":"apple"}}})");
  EXPECT_EQ(Run(q, R"({"id": "3"})"), R"({"data":{"item":{"name":"plum"}}})");
  EXPECT_EQ(Run(q, R"({"id": "9"})"), R"({"data":{"item":null}})");
  EXPECT_EQ(cache_.hits(), 2);
  // A value that no longer converts is reported as on a first request.
  std::string bad = Run(q, R"({"id": "x"})");
  EXPECT_NE(bad.find("BAD_USER_INPUT"), std::string::npos) << bad;
}

TEST_F(PlanCacheTest, UnusedVariablesDoNotSplitTheKey) {
  const std::string q =
      "query Q($n: String, $other: Int) { a: items(filters: {name: $n}) { totalCount } "
      "b: items(first: $other) { edges { node { name } } } }";
  EXPECT_EQ(Run(q, R"({"n": "pear", "other": 1})"),
            R"({"data":{"a":{"totalCount":1},"b":{"edges":[{"node":{"name":"apple"}}]}}})");
  // `a` does not use $other; `b` does not use $n.
  EXPECT_EQ(Run(q, R"({"n": "plum", "other": 1})"),
            R"({"data":{"a":{"totalCount":1},"b":{"edges":[{"node":{"name":"apple"}}]}}})");
  EXPECT_EQ(cache_.hits(), 2);
}

int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The common case reads only the requested window: no count over all rows, no window function over all rows.
TEST_F(PlanCacheTest, ForwardPagesReadOnlyTheWindow) {
  std::string sql = Sql("{ items(first: 2, orderBy: \"-qty\") { edges { node { name } } } }");
  EXPECT_EQ(Count(sql, " LIMIT ?"), 1) << sql;
  EXPECT_EQ(Count(sql, "count("), 0) << sql;
  EXPECT_EQ(Count(sql, "row_number()"), 0) << sql;
  // hasNextPage: one extra row; cursors: row_number() over the window only.
  sql = Sql("{ items(first: 2, offset: 1) { edges { cursor } pageInfo { hasNextPage } } }");
  EXPECT_EQ(Count(sql, " + 1) OFFSET ?"), 1) << sql;
  EXPECT_EQ(Count(sql, "row_number() OVER (ORDER BY w"), 1) << sql;
  // totalCount only when selected, and exact.
  sql = Sql("{ items(first: 1) { totalCount } }");
  EXPECT_EQ(Count(sql, "count(*)"), 1) << sql;
  EXPECT_EQ(Count(sql, "LIMIT"), 0) << sql;
}

}  // namespace
}  // namespace railgun::compile
