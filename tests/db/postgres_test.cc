// Tests for the PostgreSQL driver: the shared conformance suite, PostgreSQL specifics, reconnect after a restart.
#include "db/postgres.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "db/connection_conformance.h"
#include "db/open.h"
#include "pg_test_cluster.h"

namespace railgun::db {
namespace {

std::string Url() {
  auto url = railgun::testing::EnsureTestPostgres();
  if (!url.ok()) {
    ADD_FAILURE() << "no test PostgreSQL: " << url.status().ToString();
    return "postgresql://invalid@127.0.0.1:1/none";
  }
  return *url;
}

std::unique_ptr<PostgresConnection> ConnectPg() {
  auto c = PostgresConnection::Connect(Url());
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? std::move(c).value() : nullptr;
}

// Restarts (or simulates restarting) the test server; false when unavailable (then the test skips).
bool Restart() {
  Status s = railgun::testing::RestartTestPostgres();
  if (s.code() == StatusCode::kNotFound) return false;
  EXPECT_TRUE(s.ok()) << s.ToString();
  return s.ok();
}

Cell One(Connection& c, const std::string& sql, std::initializer_list<Param> params = {}) {
  auto r = c.QueryOneText(sql, params);
  EXPECT_TRUE(r.ok()) << r.status().ToString() << " " << c.last_error().detail;
  return r.ok() ? *r : Cell("<error>");
}

using testing::ConnectionConformance;
INSTANTIATE_TEST_SUITE_P(Postgres, ConnectionConformance,
                         ::testing::Values(testing::Backend{"postgres",
                                                            [] { return std::unique_ptr<Connection>(ConnectPg()); }}),
                         testing::BackendName);

TEST(PostgresTempCluster, EnsureTestPostgresGivesAWorkingDatabase) {
  auto url = railgun::testing::EnsureTestPostgres();
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  const char* forced = std::getenv("RAILGUN_TEST_PG_FORCE_TEMP");
  if (forced != nullptr && std::string(forced) == "1") {
    EXPECT_EQ(railgun::testing::TestPostgresSource(), "temp");
  }
  auto again = railgun::testing::EnsureTestPostgres();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *url);  // memoized per process
  auto c = ConnectPg();
  ASSERT_NE(c, nullptr);
  EXPECT_GE(c->server_version(), 100000);
  EXPECT_EQ(One(*c, "SHOW server_encoding"), Cell("UTF8"));
  EXPECT_EQ(One(*c, "SHOW TimeZone"), Cell("UTC"));
  auto other = railgun::testing::NewTestDatabase();
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  EXPECT_NE(*other, *url);
  auto c2 = PostgresConnection::Connect(*other);
  ASSERT_TRUE(c2.ok()) << c2.status().ToString();
  EXPECT_NE(One(**c2, "SELECT current_database()"), One(*c, "SELECT current_database()"));
}

TEST(Postgres, JsonBuildObjectTextComesBackVerbatim) {
  auto c = ConnectPg();
  ASSERT_NE(c, nullptr);
  // json (not jsonb) keeps the server's text exactly; escaping matches JSON.stringify for these characters.
  Cell j = One(*c, "SELECT json_build_object('name', $1::text, 'n', $2::float8, 'x', NULL)::text",
               {"O'Brien \"q\" \\ caf\xc3\xa9 \xf0\x9f\x9a\x80\n\t\x01", 2.5});
  EXPECT_EQ(j, Cell("{\"name\" : \"O'Brien \\\"q\\\" \\\\ caf\xc3\xa9 \xf0\x9f\x9a\x80\\n\\t\\u0001\", \"n\" : 2.5, "
                    "\"x\" : null}"));
  Cell agg = One(*c, "SELECT COALESCE(json_agg(v ORDER BY v), '[]'::json)::text FROM generate_series(1, 3) v");
  EXPECT_EQ(agg, Cell("[1, 2, 3]"));
  // JSON text parameter passed through ::json untouched.
  EXPECT_EQ(One(*c, "SELECT $1::json::text", {"{\"a\":[1,\"\xc3\xa9\"]}"}), Cell("{\"a\":[1,\"\xc3\xa9\"]}"));
  auto bad = c->QueryOneText("SELECT $1::json::text", {"{not json"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(c->last_error().kind, DbErrorKind::kInvalidValue);
  EXPECT_EQ(c->last_error().sqlstate, "22P02");
}

TEST(Postgres, BoolsBlobsAndNul) {
  auto c = ConnectPg();
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(c->ExecuteScript("DROP TABLE IF EXISTS rgt_b; CREATE TABLE rgt_b (id serial PRIMARY KEY, data bytea, "
                               "flag boolean, t text)")
                  .ok());
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  auto ins = c->Execute("INSERT INTO rgt_b (data, flag) VALUES ($1, $2) RETURNING id", {Param::Bytes(bytes), true});
  ASSERT_TRUE(ins.ok()) << c->last_error().detail;
  EXPECT_FALSE(ins->last_insert_id.has_value());  // PostgreSQL: use RETURNING
  EXPECT_EQ(ins->rows[0][0], "1");
  EXPECT_EQ(One(*c, "SELECT flag FROM rgt_b"), Cell("t"));
  EXPECT_EQ(One(*c, "SELECT length(data) FROM rgt_b"), Cell("256"));
  EXPECT_EQ(One(*c, "SELECT encode(data, 'hex') = $1 FROM rgt_b", {std::string("000102")}), Cell("f"));
  EXPECT_EQ(One(*c, "SELECT substr(encode(data, 'hex'), 1, 6) FROM rgt_b"), Cell("000102"));
  auto nul = c->Execute("INSERT INTO rgt_b (t) VALUES ($1)", {std::string("a\0b", 3)});
  ASSERT_FALSE(nul.ok());
  EXPECT_EQ(c->last_error().kind, DbErrorKind::kInvalidValue);
  EXPECT_EQ(One(*c, "SELECT $1::float8", {0.1}), Cell("0.1"));
  EXPECT_EQ(One(*c, "SELECT $1::float8", {std::numeric_limits<double>::infinity()}), Cell("Infinity"));
  EXPECT_EQ(One(*c, "SELECT $1::int8 + 1", {int64_t{41}}), Cell("42"));
  EXPECT_EQ(One(*c, "SELECT $1::boolean", {false}), Cell("f"));
}

TEST(Postgres, ConcurrentUpdateIsASerializationFailure) {
  auto a = ConnectPg();
  auto b = ConnectPg();
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(a->ExecuteScript("DROP TABLE IF EXISTS rgt_s; CREATE TABLE rgt_s (id int PRIMARY KEY, v int);"
                               "INSERT INTO rgt_s VALUES (1, 0);")
                  .ok());
  ASSERT_TRUE(a->Begin().ok());
  ASSERT_TRUE(a->Execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").ok());
  EXPECT_EQ(One(*a, "SELECT v FROM rgt_s WHERE id = 1"), Cell("0"));
  ASSERT_TRUE(b->Execute("UPDATE rgt_s SET v = 1 WHERE id = 1").ok());
  auto conflict = a->Execute("UPDATE rgt_s SET v = 2 WHERE id = 1");
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(a->last_error().kind, DbErrorKind::kSerializationFailure);
  EXPECT_EQ(a->last_error().sqlstate, "40001");
  EXPECT_TRUE(a->last_error().retryable());
  EXPECT_TRUE(a->in_transaction());  // aborted, still open until ROLLBACK
  ASSERT_TRUE(a->Rollback().ok());
  EXPECT_EQ(One(*a, "SELECT v FROM rgt_s WHERE id = 1"), Cell("1"));
}

TEST(Postgres, RunInTransactionRetriesSerializationFailures) {
  auto a = ConnectPg();
  auto b = ConnectPg();
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(a->ExecuteScript("DROP TABLE IF EXISTS rgt_rt; CREATE TABLE rgt_rt (id int PRIMARY KEY, v int);"
                               "INSERT INTO rgt_rt VALUES (1, 0);")
                  .ok());
  int attempts = 0;
  Status s = RunInTransaction(*a, [&](Connection& c) -> Status {
    ++attempts;
    RG_RETURN_IF_ERROR(c.Execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").status());
    RG_ASSIGN_OR_RETURN(Cell v, c.QueryOneText("SELECT v FROM rgt_rt WHERE id = 1"));
    if (attempts == 1) {  // a concurrent writer sneaks in between our read and our write
      RG_RETURN_IF_ERROR(b->Execute("UPDATE rgt_rt SET v = v + 100 WHERE id = 1").status());
    }
    return c.Execute("UPDATE rgt_rt SET v = $1 WHERE id = 1", {std::stoll(*v) + 1}).status();
  });
  ASSERT_TRUE(s.ok()) << s.ToString() << " " << a->last_error().detail;
  EXPECT_EQ(attempts, 2);
  EXPECT_FALSE(a->in_transaction());
  EXPECT_EQ(One(*a, "SELECT v FROM rgt_rt WHERE id = 1"), Cell("101"));
  EXPECT_EQ(SuggestedStatusCode(DbErrorKind::kSerializationFailure), StatusCode::kDatabaseError);
}

TEST(Postgres, ConstraintDetailsNameTheConstraint) {
  auto c = ConnectPg();
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(c->ExecuteScript("DROP TABLE IF EXISTS rgt_u; CREATE TABLE rgt_u (slug text CONSTRAINT rgt_u_slug_key "
                               "UNIQUE); INSERT INTO rgt_u VALUES ('a');")
                  .ok());
  auto dup = c->Execute("INSERT INTO rgt_u VALUES ($1)", {"a"});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(c->last_error().kind, DbErrorKind::kUniqueViolation);
  EXPECT_EQ(c->last_error().constraint, "rgt_u_slug_key");
  EXPECT_EQ(c->last_error().sqlstate, "23505");
  EXPECT_NE(c->last_error().detail.find("Key (slug)=(a) already exists"), std::string::npos);
  EXPECT_EQ(dup.status().message(), "unique constraint violated");
}

TEST(Postgres, ConnectFailureIsReportedWithoutPassword) {
  PostgresOptions o;
  o.connect_timeout = std::chrono::seconds(2);
  auto c = PostgresConnection::Connect("postgresql://nobody:sekrit@127.0.0.1:1/none", o);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kDatabaseError);
  EXPECT_EQ(c.status().message().find("sekrit"), std::string::npos);
  EXPECT_NE(c.status().message().find("127.0.0.1"), std::string::npos);
  EXPECT_FALSE(PostgresConnection::Connect("sqlite://:memory:").ok());
}

TEST(Postgres, SessionSettingsFromOptionsAndUrl) {
  PostgresOptions o;
  o.statement_timeout = std::chrono::milliseconds(100);
  auto c = PostgresConnection::Connect(Url(), o);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  auto slow = (*c)->QueryOneText("SELECT pg_sleep(2)::text");
  ASSERT_FALSE(slow.ok());
  EXPECT_EQ((*c)->last_error().sqlstate, "57014");
  EXPECT_EQ((*c)->last_error().kind, DbErrorKind::kTimeout);
  EXPECT_EQ(One(**c, "SELECT 1"), Cell("1"));  // still usable
  // The URL's options come after ours and win.
  std::string url = Url();
  url += (url.find('?') == std::string::npos ? "?" : "&");
  url += "options=-c%20TimeZone%3DAsia%2FTokyo&application_name=rg_test_app";
  auto tokyo = PostgresConnection::Connect(url);
  ASSERT_TRUE(tokyo.ok()) << tokyo.status().ToString();
  EXPECT_EQ(One(**tokyo, "SHOW TimeZone"), Cell("Asia/Tokyo"));
  EXPECT_EQ(One(**tokyo, "SHOW application_name"), Cell("rg_test_app"));
}

TEST(Postgres, EvictedStatementsAreDeallocatedOnTheServer) {
  PostgresOptions o;
  o.statement_cache_size = 2;
  auto c = PostgresConnection::Connect(Url(), o);
  ASSERT_TRUE(c.ok());
  for (const char* sql : {"SELECT 1", "SELECT 2", "SELECT 3"}) ASSERT_TRUE((*c)->QueryOneText(sql).ok());
  // Preparing this query evicts "SELECT 2": the server then holds "SELECT 3" and this one.
  EXPECT_EQ(One(**c, "SELECT count(*) FROM pg_prepared_statements"), Cell("2"));
  EXPECT_EQ((*c)->cached_statements(), 2u);
  (*c)->ClearStatementCache();
  auto plain = (*c)->Execute("SELECT 1");  // re-prepared after the clear
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ((*c)->stats().prepares, 5);
}

TEST(Postgres, OpenByUrl) {
  auto c = OpenConnection(Url());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ((*c)->dialect(), Dialect::kPostgres);
  EXPECT_EQ(One(**c, "SELECT 1"), Cell("1"));
}

TEST(PostgresReconnect, IdleConnectionsSurviveARestart) {
  auto c = ConnectPg();
  ASSERT_NE(c, nullptr);
  const std::string sql = "SELECT count(*) FROM pg_class WHERE relname = $1";
  EXPECT_EQ(One(*c, sql, {"pg_class"}), Cell("1"));
  int pid_before = c->backend_pid();
  if (!Restart()) GTEST_SKIP() << "no restartable test server";
  // The next statement notices the dead session, reconnects, re-prepares and succeeds.
  EXPECT_EQ(One(*c, sql, {"pg_class"}), Cell("1"));
  EXPECT_GE(c->stats().reconnects, 1);
  EXPECT_NE(c->backend_pid(), pid_before);
  EXPECT_EQ(c->cached_statements(), 1u);
}

TEST(PostgresReconnect, WritesOutsideATransactionAreNotRetriedBlindlyButReconnect) {
  auto c = ConnectPg();
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(c->ExecuteScript("DROP TABLE IF EXISTS rgt_r; CREATE TABLE rgt_r (v int)").ok());
  if (!Restart()) GTEST_SKIP() << "no restartable test server";
  // Whether the socket check catches the restart first (reconnect, then the insert runs once) or the insert fails
  // with a lost connection, the row is never inserted twice.
  auto ins = c->Execute("INSERT INTO rgt_r VALUES (1)");
  if (!ins.ok()) {
    EXPECT_EQ(c->last_error().kind, DbErrorKind::kConnectionLost);
    ASSERT_TRUE(c->Execute("INSERT INTO rgt_r VALUES (1)").ok()) << c->last_error().detail;
  }
  EXPECT_EQ(One(*c, "SELECT count(*) FROM rgt_r"), Cell("1"));
}

TEST(PostgresReconnect, ATransactionLostToARestartFailsUntilRolledBack) {
  auto c = ConnectPg();
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(c->ExecuteScript("DROP TABLE IF EXISTS rgt_t; CREATE TABLE rgt_t (v int)").ok());
  {
    Transaction tx(*c);
    ASSERT_TRUE(tx.Begin().ok());
    ASSERT_TRUE(c->Execute("INSERT INTO rgt_t VALUES (1)").ok());
    if (!Restart()) GTEST_SKIP() << "no restartable test server";
    auto lost = c->Execute("INSERT INTO rgt_t VALUES (2)");
    ASSERT_FALSE(lost.ok());
    EXPECT_EQ(c->last_error().kind, DbErrorKind::kConnectionLost);
    EXPECT_EQ(lost.status().message(), "database connection lost");
    // Still refused: running it now would silently leave the transaction.
    EXPECT_FALSE(c->Execute("INSERT INTO rgt_t VALUES (3)").ok());
    EXPECT_FALSE(tx.Commit().ok());
    EXPECT_TRUE(c->in_transaction());
  }  // the guard's ROLLBACK acknowledges the loss
  EXPECT_FALSE(c->in_transaction());
  EXPECT_EQ(One(*c, "SELECT count(*) FROM rgt_t"), Cell("0"));
}

TEST(PostgresReconnect, PoolHandsOutLiveConnectionsAfterARestart) {
  auto url = ParseDatabaseUrl(Url());
  ASSERT_TRUE(url.ok());
  PoolOptions po;
  po.size = 3;
  po.connect_eagerly = true;
  auto pool = OpenPool(*url, po);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  EXPECT_EQ((*pool)->open_connections(), 3u);
  if (!Restart()) GTEST_SKIP() << "no restartable test server";
  for (int round = 0; round < 2; ++round) {
    std::vector<PooledConnection> held;
    for (int i = 0; i < 3; ++i) {
      auto h = (*pool)->Checkout();
      ASSERT_TRUE(h.ok()) << h.status().ToString();
      EXPECT_EQ(One(**h, "SELECT $1::int * 2", {i}), Cell(std::to_string(i * 2)));
      held.push_back(std::move(*h));
    }
  }
  EXPECT_EQ((*pool)->idle_connections(), 3u);
}

TEST(PostgresPool, ConcurrentWorkersShareAFixedPool) {
  auto url = ParseDatabaseUrl(Url());
  ASSERT_TRUE(url.ok());
  {
    auto setup = ConnectPg();
    ASSERT_NE(setup, nullptr);
    ASSERT_TRUE(setup->ExecuteScript("DROP TABLE IF EXISTS rgt_p; CREATE TABLE rgt_p (w int, i int)").ok());
  }
  PoolOptions po;
  po.size = 2;
  po.checkout_timeout = std::chrono::seconds(30);
  auto pool = OpenPool(*url, po);
  ASSERT_TRUE(pool.ok());
  std::atomic<int> failures{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&, w] {
      for (int i = 0; i < 25; ++i) {
        auto h = (*pool)->Checkout();
        if (!h.ok()) {
          ++failures;
          continue;
        }
        Transaction tx(**h);
        if (!tx.Begin().ok() || !(*h)->Execute("INSERT INTO rgt_p VALUES ($1, $2)", {w, i}).ok() || !tx.Commit().ok())
          ++failures;
      }
    });
  }
  for (auto& t : workers) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_LE((*pool)->open_connections(), 2u);
  auto h = (*pool)->Checkout();
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(One(**h, "SELECT count(*) FROM rgt_p"), Cell("100"));
}

}  // namespace
}  // namespace railgun::db
