// Pagination property test: every combination of first / last / offset / after / before over several orderings
// (duplicates and nulls included), root and nested per parent, compared with graphql-relay's
// connectionFromArraySlice arithmetic applied to the full ordered list, on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compile/compiler.h"
#include "compile/resolver.h"
#include "db/postgres.h"
#include "db/sqlite.h"
#include "execute/executor.h"
#include "generate/generator.h"
#include "json/parse.h"
#include "json/writer.h"
#include "language/parser.h"
#include "models/loader.h"
#include "support/pg_test_cluster.h"
#include "validation/validate.h"

namespace railgun::compile {
namespace {

constexpr const char* kModels = R"(app: pgn
models:
  Group:
    fields:
      name: {type: CharField, max_length: 20}
  Item:
    fields:
      name: {type: CharField, max_length: 20}
      qty: {type: IntegerField, null: true}
      grp: {type: ForeignKey, to: Group, on_delete: CASCADE, related_name: items}
)";

constexpr int kItems = 17;

class PaginationTest : public ::testing::TestWithParam<db::Dialect> {
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
    std::string ddl;
    if (GetParam() == db::Dialect::kSqlite) {
      auto c = db::SqliteConnection::Open({});
      ASSERT_TRUE(c.ok()) << c.status().message();
      conn_ = std::move(c).value();
    } else {
      auto url = testing::EnsureTestPostgres();
      if (!url.ok()) GTEST_SKIP() << "no PostgreSQL: " << url.status().message();
      auto c = db::PostgresConnection::Connect(url.value());
      ASSERT_TRUE(c.ok()) << c.status().message();
      conn_ = std::move(c).value();
      ddl =
          "DROP SCHEMA IF EXISTS rg_pagination CASCADE; CREATE SCHEMA rg_pagination; SET search_path TO rg_pagination;";
    }
    ddl +=
        "CREATE TABLE pgn_group (id bigint PRIMARY KEY, name text);"
        "CREATE TABLE pgn_item (id bigint PRIMARY KEY, name text, qty bigint, grp_id bigint);"
        "INSERT INTO pgn_group VALUES (1, 'g1'), (2, 'g2'), (3, 'g3');";
    for (int i = 1; i <= kItems; ++i) {
      const int q = (i * 7) % 5;  // duplicates; every fifth NULL
      ddl += "INSERT INTO pgn_item VALUES (" + std::to_string(i) + ", 'n" + std::to_string((i * 11) % 13) + "', " +
             (q == 0 ? std::string("NULL") : std::to_string(q)) + ", " + std::to_string(1 + (i % 3 == 0 ? 0 : i % 2)) +
             ");";
    }
    ASSERT_TRUE(conn_->ExecuteScript(ddl).ok()) << conn_->last_error().detail;
  }

  json::Value Run(const std::string& query) {
    language::ParseResult parsed = language::Parse(query);
    EXPECT_TRUE(parsed.ok()) << query;
    const schema::Schema& schema = generated_->schema();
    auto errors = validation::Validate(schema, parsed.document);
    EXPECT_TRUE(errors.empty()) << query;
    SqlRootResolver resolver(*generated_, *conn_, &cache_);
    execute::ExecutionRequest req;
    req.schema = &schema;
    req.document = &parsed.document;
    req.resolver = &resolver;
    auto v = json::Parse(execute::Execute(req).ToJsonText());
    EXPECT_TRUE(v.ok());
    return v.ok() ? v.value() : json::Value();
  }

  std::unique_ptr<models::Project> project_;
  std::unique_ptr<generate::GeneratedSchema> generated_;
  std::unique_ptr<db::Connection> conn_;
  PlanCache cache_;
};

struct Args {
  std::optional<int64_t> first, last, offset, after, before;
  std::string Text() const {
    std::string t;
    auto add = [&](const std::string& s) { t += (t.empty() ? "" : ", ") + s; };
    if (first) add("first: " + std::to_string(*first));
    if (last) add("last: " + std::to_string(*last));
    if (offset) add("offset: " + std::to_string(*offset));
    if (after) add("after: \"" + EncodeCursor(*after) + "\"");
    if (before) add("before: \"" + EncodeCursor(*before) + "\"");
    return t;
  }
};

// graphql-relay's connectionFromArraySlice (plus `offset` added to the start), over ids in order.
json::Value Expected(const std::vector<std::string>& ids, const Args& a) {
  const int64_t n = static_cast<int64_t>(ids.size());
  const int64_t s = (a.after ? *a.after + 1 : 0) + a.offset.value_or(0);
  const int64_t upper = a.before ? std::min(n, *a.before) : n;
  const int64_t end = a.first ? std::min(upper, s + *a.first) : upper;
  const int64_t start = a.last ? std::max(s, end - *a.last) : s;
  json::Value edges = json::Value::MakeArray();
  for (int64_t i = start; i < end && i < n; ++i) {
    json::Value e;
    e.push("node", json::Value::MakeObject()).push("id", json::Value::String(ids[static_cast<size_t>(i)]));
    e.push("cursor", json::Value::String(EncodeCursor(i)));
    edges.append(std::move(e));
  }
  json::Value out;
  out.push("edges", std::move(edges));
  json::Value pi;
  pi.push("hasNextPage", json::Value::Bool(a.first ? end < upper : false));
  pi.push("hasPreviousPage", json::Value::Bool(a.last ? start > s : false));
  const bool any = start < end;
  pi.push("startCursor", any ? json::Value::String(EncodeCursor(start)) : json::Value::Null());
  pi.push("endCursor", any ? json::Value::String(EncodeCursor(end - 1)) : json::Value::Null());
  out.push("pageInfo", std::move(pi));
  out.push("totalCount", json::Value::Int(n));
  return out;
}

std::vector<Args> AllArgs() {
  std::vector<Args> out;
  const std::vector<std::optional<int64_t>> counts = {std::nullopt, 0, 1, 3, 20};
  const std::vector<std::optional<int64_t>> offsets = {std::nullopt, 0, 2, 16, 30};
  const std::vector<std::optional<int64_t>> cursors = {std::nullopt, 0, 4, 15};
  for (const auto& first : counts)
    for (const auto& offset : offsets)
      for (const auto& after : cursors) out.push_back({first, std::nullopt, offset, after, std::nullopt});
  for (const auto& last : counts)
    for (const auto& before : cursors)
      for (const auto& first : std::vector<std::optional<int64_t>>{std::nullopt, 5})
        if (last || before) out.push_back({first, last, std::nullopt, std::nullopt, before});
  return out;
}

const char* const kOrders[] = {"\"id\"", "\"-qty\"", "[\"qty\", \"-name\"]", "\"name\"", "[\"-grp__name\", \"qty\"]"};
constexpr const char* kSelection =
    "{ edges { node { id } cursor } pageInfo { hasNextPage hasPreviousPage startCursor "
    "endCursor } totalCount }";

std::vector<std::string> Ids(const json::Value& edges) {
  std::vector<std::string> ids;
  for (const json::Value& e : edges.as_array()) ids.push_back(e.find("node")->find("id")->as_string());
  return ids;
}

TEST_P(PaginationTest, RootMatchesRelayArithmetic) {
  int checked = 0;
  for (const char* order : kOrders) {
    json::Value all = Run(std::string("{ items(orderBy: ") + order + ") { edges { node { id } } } }");
    std::vector<std::string> ids = Ids(*all.find("data")->find("items")->find("edges"));
    ASSERT_EQ(ids.size(), static_cast<size_t>(kItems));
    for (const Args& a : AllArgs()) {
      std::string args = a.Text();
      std::string q =
          std::string("{ items(orderBy: ") + order + (args.empty() ? "" : ", " + args) + ") " + kSelection + " }";
      json::Value got = Run(q);
      json::Value want = Expected(ids, a);
      ASSERT_TRUE(*got.find("data")->find("items") == want)
          << q << "\n got:  " << json::Write(got) << "\n want: " << json::Write(want);
      ++checked;
    }
  }
  EXPECT_GT(checked, 500);
}

TEST_P(PaginationTest, NestedPaginatesPerParent) {
  for (const char* order : kOrders) {
    json::Value all = Run(std::string("{ groups(orderBy: \"id\") { edges { node { items(orderBy: ") + order +
                          ") { edges { node { id } } } } } } }");
    const json::Value& groups = *all.find("data")->find("groups")->find("edges");
    ASSERT_EQ(groups.as_array().size(), 3u);
    for (const Args& a : AllArgs()) {
      std::string args = a.Text();
      std::string q = std::string("{ groups(orderBy: \"id\") { edges { node { items(orderBy: ") + order +
                      (args.empty() ? "" : ", " + args) + ") " + kSelection + " } } } }";
      json::Value got = Run(q);
      const json::Value& got_groups = *got.find("data")->find("groups")->find("edges");
      ASSERT_EQ(got_groups.as_array().size(), 3u) << q;
      for (size_t g = 0; g < 3; ++g) {
        std::vector<std::string> ids = Ids(*groups.as_array()[g].find("node")->find("items")->find("edges"));
        json::Value want = Expected(ids, a);
        const json::Value& got_items = *got_groups.as_array()[g].find("node")->find("items");
        ASSERT_TRUE(got_items == want) << q << " group " << g << "\n got:  " << json::Write(got_items)
                                       << "\n want: " << json::Write(want);
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, PaginationTest, ::testing::Values(db::Dialect::kSqlite, db::Dialect::kPostgres),
                         [](const ::testing::TestParamInfo<db::Dialect>& info) {
                           return std::string(db::DialectName(info.param));
                         });

}  // namespace
}  // namespace railgun::compile
