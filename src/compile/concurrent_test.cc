// SqlRootResolver's debug extension (plan-cache hits / misses / hit rate and this request's SQL) and concurrent
// root fields on PostgreSQL (Prefetch with a pool): two slow root fields overlap on two connections, and the
// response (data and errors) is byte for byte the sequential one.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "compile/resolver.h"
#include "db/migrate.h"
#include "db/pool.h"
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

// `slow` sleeps 0.25 s per row on PostgreSQL (pg_sleep returns void: its text is empty).
constexpr const char* kModels = R"(app: conc
models:
  Item:
    fields:
      name: {type: CharField, max_length: 20}
    graphql:
      computed_fields:
        slow:
          type: Int
          sql: {postgresql: "length(pg_sleep(0.25)::text) + 1", sqlite: "1"}
)";

class ResolverEnv {
 public:
  bool Load() {
    std::vector<models::ModelSource> sources(1);
    sources[0].file = "inline.yaml";
    sources[0].text = kModels;
    models::LoadResult r = models::LoadModelSources(sources);
    if (!r.ok()) return false;
    project_ = std::make_unique<models::Project>(std::move(*r.project));
    auto g = generate::Generate(*project_);
    if (!g.ok()) return false;
    generated_ = std::move(g).value();
    return true;
  }

  Status Fill(db::Connection& conn) {
    for (const std::string& ddl : db::CreateTablesSql(*project_, conn.dialect()))
      RG_RETURN_IF_ERROR(conn.ExecuteScript(ddl));
    return conn.ExecuteScript("INSERT INTO conc_item (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
  }

  // Runs `query` and returns the response text (with extensions.debug when `options.debug`: execute::Execute
  // asks the resolver for it, and calls its Prepare hook, which prefetches when `options.pool` is set).
  std::string Run(db::Connection& conn, const std::string& query, CompileOptions options, PlanCache* cache,
                  SqlRootResolver** keep = nullptr) {
    language::ParseResult parsed = language::Parse(query);
    EXPECT_TRUE(parsed.ok()) << query;
    const schema::Schema& schema = generated_->schema();
    EXPECT_TRUE(validation::Validate(schema, parsed.document).empty()) << query;
    resolver_ = std::make_unique<SqlRootResolver>(*generated_, conn, cache, std::move(options));
    if (keep) *keep = resolver_.get();
    execute::ExecutionRequest req;
    req.schema = &schema;
    req.document = &parsed.document;
    req.resolver = resolver_.get();
    execute::ExecutionResult result = execute::Execute(req);
    return result.ToJsonText();
  }

  std::unique_ptr<models::Project> project_;
  std::unique_ptr<generate::GeneratedSchema> generated_;
  std::unique_ptr<SqlRootResolver> resolver_;
};

TEST(SqlRootResolverDebug, ReportsPlanCacheAndStatementsPerRequest) {
  ResolverEnv env;
  ASSERT_TRUE(env.Load());
  auto c = db::SqliteConnection::Open({});
  ASSERT_TRUE(c.ok());
  std::unique_ptr<db::Connection> conn = std::move(c).value();
  ASSERT_TRUE(env.Fill(*conn).ok());
  PlanCache cache;
  CompileOptions debug;
  debug.debug = true;
  const std::string query =
      R"({ a: items(orderBy: "name", first: 1) { edges { node { name } } } b: item(id: "2") { name } })";

  auto first = json::Parse(env.Run(*conn, query, debug, &cache));
  ASSERT_TRUE(first.ok());
  const json::Value* d1 = first.value().find("extensions")->find("debug");
  ASSERT_NE(d1, nullptr);
  EXPECT_EQ(json::Write(*d1->find("planCache")),
            R"({"requestHits":0,"requestMisses":2,"hits":0,"misses":2,"hitRate":0,"size":2})");

  auto second = json::Parse(env.Run(*conn, query, debug, &cache));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(json::Write(*second.value().find("data")), R"({"a":{"edges":[{"node":{"name":"a"}}]},"b":{"name":"b"}})");
  const json::Value* d2 = second.value().find("extensions")->find("debug");
  EXPECT_EQ(json::Write(*d2->find("planCache")),
            R"({"requestHits":2,"requestMisses":0,"hits":2,"misses":2,"hitRate":0.5,"size":2})");
  const json::Value* sql = d2->find("sql");
  ASSERT_TRUE(sql && sql->is_array());
  ASSERT_EQ(sql->as_array().size(), 2u);
  EXPECT_EQ(sql->as_array()[0].find("field")->as_string(), "a");
  EXPECT_EQ(sql->as_array()[1].find("field")->as_string(), "b");
  EXPECT_TRUE(sql->as_array()[1].find("planCached")->as_bool());
  EXPECT_NE(sql->as_array()[0].find("sql")->as_string().find("SELECT"), std::string::npos);
  EXPECT_EQ(json::Write(*sql->as_array()[1].find("params")), R"(["2"])");

  // Without debug there is no extension.
  EXPECT_EQ(env.Run(*conn, query, CompileOptions{}, &cache).find("extensions"), std::string::npos);
}

TEST(SqlRootResolverDebug, ExtendsExistingExtensions) {
  execute::ExecutionResult result;
  result.data = json::Value::MakeObject();
  language::GraphQLError w;
  w.message = "ignored";
  result.warnings.push_back(w);
  json::Value debug = json::Value::MakeObject();
  debug.push("x", json::Value::Int(1));
  EXPECT_EQ(ResponseWithDebug(result, debug),
            R"({"data":{},"extensions":{"warnings":[{"message":"ignored"}],"debug":{"x":1}}})");
}

class ConcurrentRootFields : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(env_.Load());
    auto url = testing::EnsureTestPostgres();
    if (!url.ok()) GTEST_SKIP() << "no PostgreSQL: " << url.status().message();
    url_ = url.value();
    auto c = db::PostgresConnection::Connect(url_);
    ASSERT_TRUE(c.ok()) << c.status().message();
    conn_ = std::move(c).value();
    ASSERT_TRUE(conn_
                    ->ExecuteScript("DROP SCHEMA IF EXISTS rg_concurrent CASCADE; CREATE SCHEMA rg_concurrent; "
                                    "SET search_path TO rg_concurrent")
                    .ok());
    ASSERT_TRUE(env_.Fill(*conn_).ok()) << conn_->last_error().detail;
    db::PoolOptions po;
    po.size = 3;
    const std::string url_copy = url_;
    auto pool = db::Pool::Create(
        [url_copy]() -> StatusOr<std::unique_ptr<db::Connection>> {
          auto c = db::PostgresConnection::Connect(url_copy);
          if (!c.ok()) return c.status();
          std::unique_ptr<db::Connection> conn = std::move(c).value();
          RG_RETURN_IF_ERROR(conn->ExecuteScript("SET search_path TO rg_concurrent"));
          return conn;
        },
        po);
    ASSERT_TRUE(pool.ok()) << pool.status().message();
    pool_ = std::move(pool).value();
  }

  ResolverEnv env_;
  std::string url_;
  std::unique_ptr<db::Connection> conn_;
  std::unique_ptr<db::Pool> pool_;
};

TEST_F(ConcurrentRootFields, SlowFieldsOverlapOnTwoConnectionsWithTheSequentialResponse) {
  // Two slow root fields (0.25 s each), a single object, a missing one, and a field error (no key).
  const std::string query = R"({
    a: items(filters: {name: "a"}) { edges { node { name slow } } }
    b: items(filters: {name: "b"}) { edges { node { name slow } } }
    one: item(id: "3") { name }
    none: item(id: "99") { name }
    bad: item { name }
  })";
  PlanCache cache;
  auto sequential_json = json::Parse(env_.Run(*conn_, query, CompileOptions{}, &cache));
  ASSERT_TRUE(sequential_json.ok());
  const std::string sequential = json::Write(sequential_json.value());  // PostgreSQL's JSON spacing normalized
  EXPECT_NE(sequential.find("Provide exactly one of"), std::string::npos) << sequential;
  EXPECT_NE(sequential.find(R"("a":{"edges":[{"node":{"name":"a","slow":1}}]})"), std::string::npos) << sequential;

  CompileOptions options;
  options.pool = pool_.get();
  options.debug = true;
  SqlRootResolver* resolver = nullptr;
  const std::string concurrent = env_.Run(*conn_, query, options, &cache, &resolver);
  auto parsed = json::Parse(concurrent);
  ASSERT_TRUE(parsed.ok());
  json::Value without_debug = parsed.value();
  without_debug.as_object().pop_back();  // extensions (debug only: no warnings here)
  EXPECT_EQ(json::Write(without_debug), sequential);

  const auto& statements = resolver->debug_statements();
  const SqlRootResolver::DebugStatement* a = nullptr;
  const SqlRootResolver::DebugStatement* b = nullptr;
  for (const auto& s : statements) {
    if (s.field == "a") a = &s;
    if (s.field == "b") b = &s;
  }
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->connection, b->connection);
  EXPECT_GE(a->duration_ms, 200);
  EXPECT_GE(b->duration_ms, 200);
  // The two statements ran at the same time.
  EXPECT_LT(a->start_ms, b->start_ms + b->duration_ms);
  EXPECT_LT(b->start_ms, a->start_ms + a->duration_ms);
  EXPECT_EQ(pool_->idle_connections(), pool_->open_connections());  // every borrowed connection went back
}

TEST_F(ConcurrentRootFields, NoFreeConnectionRunsSequentially) {
  std::vector<db::PooledConnection> held;
  for (int i = 0; i < 3; ++i) {
    auto lease = pool_->Checkout();
    ASSERT_TRUE(lease.ok());
    held.push_back(std::move(lease).value());
  }
  const std::string query = R"({ a: items { totalCount } b: item(id: "1") { name } })";
  CompileOptions options;
  options.pool = pool_.get();
  options.debug = true;
  SqlRootResolver* resolver = nullptr;
  auto r = json::Parse(env_.Run(*conn_, query, options, nullptr, &resolver));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(json::Write(*r.value().find("data")), R"({"a":{"totalCount":3},"b":{"name":"a"}})");
  for (const auto& s : resolver->debug_statements()) EXPECT_EQ(s.connection, 0) << s.field;
}

TEST_F(ConcurrentRootFields, MutationsAreNotPrefetched) {
  CompileOptions options;
  options.pool = pool_.get();
  options.debug = true;
  SqlRootResolver resolver(*env_.generated_, *conn_, nullptr, options);
  language::ParseResult parsed = language::Parse(R"(mutation { deleteItem(id: "1") { ok } })");
  ASSERT_TRUE(parsed.ok());
  execute::ExecutionRequest req;
  req.schema = &env_.generated_->schema();
  req.document = &parsed.document;
  resolver.Prefetch(req);
  EXPECT_TRUE(resolver.debug_statements().empty());
}

}  // namespace
}  // namespace railgun::compile
