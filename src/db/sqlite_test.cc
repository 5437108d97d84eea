// Tests for the SQLite driver: the shared conformance suite plus SQLite specifics (pragmas, blobs, JSON1 output,
// REGEXP and the case-insensitive helpers, busy -> serialization failure).
#include "db/sqlite.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "db/connection_conformance.h"
#include "db/open.h"
#include "db/sqlite_functions.h"

namespace railgun::db {
namespace {

std::unique_ptr<SqliteConnection> OpenMemory() {
  auto c = SqliteConnection::Open({});
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? std::move(c).value() : nullptr;
}

std::string TempDbPath(const std::string& tag) {
  std::string path = ::testing::TempDir() + "rg_sqlite_" + tag + "_" + std::to_string(getpid()) + ".db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  return path;
}

using testing::ConnectionConformance;
INSTANTIATE_TEST_SUITE_P(Sqlite, ConnectionConformance,
                         ::testing::Values(testing::Backend{"memory",
                                                            [] { return std::unique_ptr<Connection>(OpenMemory()); }}),
                         testing::BackendName);

Cell One(Connection& c, const std::string& sql, std::initializer_list<Param> params = {}) {
  auto r = c.QueryOneText(sql, params);
  EXPECT_TRUE(r.ok()) << r.status().ToString() << " " << c.last_error().detail;
  return r.ok() ? *r : Cell("<error>");
}

TEST(Sqlite, FileDatabaseUsesWalAndForeignKeys) {
  std::string path = TempDbPath("wal");
  SqliteOptions o;
  o.path = path;
  auto c = SqliteConnection::Open(o);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(One(**c, "PRAGMA journal_mode"), Cell("wal"));
  EXPECT_EQ(One(**c, "PRAGMA foreign_keys"), Cell("1"));
  EXPECT_EQ((*c)->stats().statements, 2);  // the pragmas run at open time are not counted
  c->reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

TEST(Sqlite, OpenFailuresAreIoErrors) {
  SqliteOptions o;
  o.path = "/nonexistent-dir-for-railgun/x.db";
  auto c = SqliteConnection::Open(o);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kIoError);
  o.path = TempDbPath("ro");
  o.read_only = true;
  EXPECT_FALSE(SqliteConnection::Open(o).ok());  // read-only never creates the file
}

TEST(Sqlite, BlobsAndBoolsAndEmbeddedNul) {
  auto c = OpenMemory();
  ASSERT_TRUE(c->ExecuteScript("CREATE TABLE b (id INTEGER PRIMARY KEY, data BLOB, flag BOOLEAN, t TEXT)").ok());
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  std::string with_nul("a\0b", 3);
  auto ins = c->Execute("INSERT INTO b (data, flag, t) VALUES (?, ?, ?)", {Param::Bytes(bytes), true, with_nul});
  ASSERT_TRUE(ins.ok());
  EXPECT_EQ(ins->last_insert_id, 1);
  auto r = c->Execute("SELECT data, flag, t, typeof(data) FROM b");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows[0][0], bytes);
  EXPECT_EQ(r->rows[0][1], "1");
  EXPECT_EQ(r->rows[0][2], with_nul);
  EXPECT_EQ(r->rows[0][3], "blob");
  auto second = c->Execute("INSERT INTO b (flag) VALUES (?)", {false});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->last_insert_id, 2);
  ASSERT_TRUE(c->ExecuteScript("CREATE TABLE u (k TEXT PRIMARY KEY)").ok());
  auto first = c->Execute("INSERT INTO u VALUES ('k') ON CONFLICT DO NOTHING");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->last_insert_id, 1);
  auto skipped = c->Execute("INSERT INTO u VALUES ('k') ON CONFLICT DO NOTHING");
  ASSERT_TRUE(skipped.ok());
  EXPECT_EQ(skipped->rows_affected, 0);
  EXPECT_FALSE(skipped->last_insert_id.has_value());
  auto upd = c->Execute("UPDATE b SET flag = 1");
  ASSERT_TRUE(upd.ok());
  EXPECT_FALSE(upd->last_insert_id.has_value());  // only INSERTs report a rowid
}

TEST(Sqlite, Json1OutputEscapesLikeJsonStringify) {
  auto c = OpenMemory();
  // The root-field fast path: the database builds the JSON text and it comes back byte-for-byte.
  Cell j = One(*c,
               "SELECT json_object('name', ?, 'n', ?, 'x', ?, 'list', json_group_array(v)) FROM "
               "(SELECT 1 AS v UNION ALL SELECT 2)",
               {"O'Brien \"q\" \\ caf\xc3\xa9 \xf0\x9f\x9a\x80\n\t\x01", 2.5, Param()});
  EXPECT_EQ(j, Cell("{\"name\":\"O'Brien \\\"q\\\" \\\\ caf\xc3\xa9 \xf0\x9f\x9a\x80\\n\\t\\u0001\",\"n\":2.5,"
                    "\"x\":null,\"list\":[1,2]}"));
  // JSON text passed as a parameter and embedded with json() is not re-escaped.
  EXPECT_EQ(One(*c, "SELECT json_object('data', json(?))", {"{\"a\":[1,\"\xc3\xa9\"]}"}),
            Cell("{\"data\":{\"a\":[1,\"\xc3\xa9\"]}}"));
  auto bad = c->QueryOneText("SELECT json(?)", {"{not json"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(c->last_error().kind, DbErrorKind::kInvalidValue);
}

TEST(Sqlite, Regexp) {
  auto c = OpenMemory();
  EXPECT_EQ(One(*c, "SELECT 'Hello World' REGEXP ?", {"W.rld$"}), Cell("1"));
  EXPECT_EQ(One(*c, "SELECT 'Hello World' REGEXP ?", {"^world"}), Cell("0"));
  EXPECT_EQ(One(*c, "SELECT 'Hello World' REGEXP ?", {"(?i)^hello"}), Cell("1"));
  EXPECT_EQ(One(*c, "SELECT regexp('^[0-9]{3}-', ?)", {"555-1234"}), Cell("1"));
  EXPECT_EQ(One(*c, "SELECT NULL REGEXP 'x'"), std::nullopt);
  ASSERT_TRUE(c->ExecuteScript("CREATE TABLE r (s TEXT); INSERT INTO r VALUES ('a1'), ('b2'), ('a3'), (NULL);").ok());
  EXPECT_EQ(One(*c, "SELECT COUNT(*) FROM r WHERE s REGEXP ?", {"^a[0-9]"}), Cell("2"));
  auto bad = c->QueryOneText("SELECT 'x' REGEXP ?", {"(unclosed"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(c->last_error().kind, DbErrorKind::kInvalidValue);
  EXPECT_EQ(bad.status().message(), "invalid regular expression");
}

TEST(Sqlite, UnicodeCaseInsensitiveHelpers) {
  auto c = OpenMemory();
  // SQLite's own lower() and LIKE fold ASCII only; rg_lower folds Unicode.
  EXPECT_EQ(One(*c, "SELECT lower(?)", {"\xc3\x89T\xc3\x89"}), Cell("\xc3\x89t\xc3\x89"));
  EXPECT_EQ(One(*c, "SELECT rg_lower(?)", {"\xc3\x89T\xc3\x89 \xce\xa3\xce\x91 \xd0\x96"}),
            Cell("\xc3\xa9t\xc3\xa9 \xcf\x83\xce\xb1 \xd0\xb6"));
  EXPECT_EQ(One(*c, "SELECT rg_upper(?)",
                {"stra\xc3\x9f"
                 "e \xc3\xa9"}),
            Cell("STRA\xc3\x9f"
                 "E \xc3\x89"));
  EXPECT_EQ(One(*c, "SELECT 'Ü' LIKE 'ü'"), Cell("0"));
  EXPECT_EQ(One(*c, "SELECT rg_icontains(?, ?)",
                {"Gr\xc3\x9c\xc3\x9f"
                 "e aus M\xc3\x9cNCHEN",
                 "m\xc3\xbcnchen"}),
            Cell("1"));
  EXPECT_EQ(One(*c, "SELECT rg_contains('Hello', 'hell')"), Cell("0"));
  EXPECT_EQ(One(*c, "SELECT rg_contains('Hello', 'ell')"), Cell("1"));
  EXPECT_EQ(One(*c, "SELECT rg_contains('100%', '%')"), Cell("1"));  // no LIKE wildcards
  EXPECT_EQ(One(*c, "SELECT rg_startswith('Hello', 'He')"), Cell("1"));
  EXPECT_EQ(One(*c, "SELECT rg_startswith('Hello', 'he')"), Cell("0"));
  EXPECT_EQ(One(*c, "SELECT rg_istartswith('Hello', 'hE')"), Cell("1"));
  EXPECT_EQ(One(*c, "SELECT rg_endswith('Hello', 'llo') + rg_iendswith('Hello', 'LLO')"), Cell("2"));
  EXPECT_EQ(One(*c, "SELECT rg_iexact(?, ?)",
                {"\xc3\x89"
                 "cole",
                 "\xc3\xa9"
                 "COLE"}),
            Cell("1"));
  EXPECT_EQ(One(*c, "SELECT rg_iexact('abc', 'abcd')"), Cell("0"));
  EXPECT_EQ(One(*c, "SELECT rg_icontains(NULL, 'x')"), std::nullopt);
  // Invalid UTF-8 passes through unchanged.
  EXPECT_EQ(Utf8Lower(std::string("A\xff\xc3") + "B"), std::string("a\xff\xc3") + "b");
}

TEST(Sqlite, StatementCacheEvictsLeastRecentlyUsed) {
  SqliteOptions o;
  o.statement_cache_size = 2;
  auto c = SqliteConnection::Open(o);
  ASSERT_TRUE(c.ok());
  Connection& conn = **c;
  ASSERT_TRUE(conn.QueryOneText("SELECT 1").ok());
  ASSERT_TRUE(conn.QueryOneText("SELECT 2").ok());
  ASSERT_TRUE(conn.QueryOneText("SELECT 1").ok());  // refreshes "SELECT 1"
  ASSERT_TRUE(conn.QueryOneText("SELECT 3").ok());  // evicts "SELECT 2"
  EXPECT_EQ(conn.cached_statements(), 2u);
  EXPECT_EQ(conn.stats().prepares, 3);
  ASSERT_TRUE(conn.QueryOneText("SELECT 1").ok());
  EXPECT_EQ(conn.stats().prepares, 3);
  ASSERT_TRUE(conn.QueryOneText("SELECT 2").ok());
  EXPECT_EQ(conn.stats().prepares, 4);
}

TEST(Sqlite, OneStatementPerExecute) {
  auto c = OpenMemory();
  auto two = c->Execute("SELECT 1; SELECT 2");
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(c->last_error().kind, DbErrorKind::kInvalidStatement);
  EXPECT_TRUE(c->Execute("SELECT 1; -- trailing comment\n").ok());
  EXPECT_FALSE(c->Execute("   ").ok());
}

TEST(Sqlite, BusyWriterIsASerializationFailure) {
  std::string path = TempDbPath("busy");
  SqliteOptions o;
  o.path = path;
  o.busy_timeout = std::chrono::milliseconds(50);
  auto a = SqliteConnection::Open(o);
  auto b = SqliteConnection::Open(o);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE((*a)->ExecuteScript("CREATE TABLE t (x INTEGER)").ok());
  ASSERT_TRUE((*a)->Begin().ok());
  ASSERT_TRUE((*a)->Execute("INSERT INTO t VALUES (1)").ok());
  Status busy = (*b)->Begin();
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ((*b)->last_error().kind, DbErrorKind::kSerializationFailure);
  EXPECT_TRUE((*b)->last_error().retryable());
  EXPECT_FALSE((*b)->in_transaction());
  ASSERT_TRUE((*a)->Commit().ok());
  ASSERT_TRUE((*b)->Begin().ok());
  EXPECT_EQ(One(**b, "SELECT COUNT(*) FROM t"), Cell("1"));
  ASSERT_TRUE((*b)->Rollback().ok());
  a->reset();
  b->reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

// The server's SQLite layout: query_only readers (a pool) beside one writer. In WAL mode a reader is not blocked
// by an open write transaction (it sees the last commit), and a query_only connection refuses writes.
TEST(Sqlite, QueryOnlyReadersRunBesideAnOpenWriteTransaction) {
  std::string path = TempDbPath("readers");
  SqliteOptions w;
  w.path = path;
  w.busy_timeout = std::chrono::milliseconds(50);
  auto writer = SqliteConnection::Open(w);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  ASSERT_TRUE((*writer)->ExecuteScript("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)").ok());
  SqliteOptions r = w;
  r.query_only = true;
  auto reader = SqliteConnection::Open(r);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ(One(**reader, "PRAGMA query_only"), Cell("1"));
  EXPECT_EQ(One(**writer, "PRAGMA query_only"), Cell("0"));
  ASSERT_TRUE((*writer)->Begin().ok());
  ASSERT_TRUE((*writer)->Execute("INSERT INTO t VALUES (2)").ok());
  // Within the 50 ms busy timeout: the reader does not wait for the writer and sees the committed row only.
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(One(**reader, "SELECT COUNT(*) FROM t"), Cell("1"));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(40));
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ(One(**reader, "SELECT COUNT(*) FROM t"), Cell("2"));
  EXPECT_FALSE((*reader)->Execute("INSERT INTO t VALUES (3)").ok());
  EXPECT_EQ(One(**writer, "SELECT COUNT(*) FROM t"), Cell("2"));
  reader->reset();
  writer->reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

TEST(Sqlite, FailedCommitOfDeferredForeignKeyKeepsTransactionForRollback) {
  auto c = OpenMemory();
  ASSERT_TRUE(c->ExecuteScript("CREATE TABLE p (id INTEGER PRIMARY KEY);"
                               "CREATE TABLE ch (p_id INTEGER REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED);")
                  .ok());
  {
    Transaction tx(*c);
    ASSERT_TRUE(tx.Begin().ok());
    ASSERT_TRUE(c->Execute("INSERT INTO ch VALUES (42)").ok());  // deferred: checked at COMMIT
    Status commit = tx.Commit();
    ASSERT_FALSE(commit.ok());
    EXPECT_EQ(c->last_error().kind, DbErrorKind::kForeignKeyViolation);
  }
  EXPECT_FALSE(c->in_transaction());
  EXPECT_EQ(One(*c, "SELECT COUNT(*) FROM ch"), Cell("0"));
}

TEST(Sqlite, StatementTimeoutInterruptsLongQueries) {
  SqliteOptions o;
  o.statement_timeout = std::chrono::milliseconds(50);
  auto c = SqliteConnection::Open(o);
  ASSERT_TRUE(c.ok());
  auto start = std::chrono::steady_clock::now();
  auto slow =
      (*c)->QueryOneText("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n");
  ASSERT_FALSE(slow.ok());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ((*c)->last_error().kind, DbErrorKind::kTimeout);
  EXPECT_EQ(slow.status().message(), "database statement timed out");
  EXPECT_EQ(One(**c, "SELECT 1"), Cell("1"));  // the next statement gets a fresh budget
}

TEST(Sqlite, RunInTransactionCommitsOrRollsBackWithoutRetryingOtherErrors) {
  auto c = OpenMemory();
  ASSERT_TRUE(c->ExecuteScript("CREATE TABLE t (k TEXT UNIQUE)").ok());
  int attempts = 0;
  Status ok = RunInTransaction(*c, [&](Connection& conn) {
    ++attempts;
    return conn.Execute("INSERT INTO t VALUES ('a')").status();
  });
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(attempts, 1);
  attempts = 0;
  Status dup = RunInTransaction(*c, [&](Connection& conn) -> Status {
    ++attempts;
    RG_RETURN_IF_ERROR(conn.Execute("INSERT INTO t VALUES ('b')").status());
    return conn.Execute("INSERT INTO t VALUES ('a')").status();  // unique violation: not retryable
  });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(attempts, 1);
  EXPECT_EQ(SuggestedStatusCode(c->last_error().kind), StatusCode::kValidationError);
  EXPECT_FALSE(c->in_transaction());
  EXPECT_EQ(One(*c, "SELECT COUNT(*) FROM t"), Cell("1"));  // 'b' rolled back with the failed attempt
  EXPECT_EQ(Placeholder(Dialect::kSqlite, 3), "?");
  EXPECT_EQ(Placeholder(Dialect::kPostgres, 3), "$3");
}

TEST(Sqlite, BusyBeginIsRetriedThenReported) {
  std::string path = TempDbPath("retry");
  SqliteOptions o;
  o.path = path;
  o.busy_timeout = std::chrono::milliseconds(10);
  auto a = SqliteConnection::Open(o);
  auto b = SqliteConnection::Open(o);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE((*a)->ExecuteScript("CREATE TABLE t (x INTEGER)").ok());
  ASSERT_TRUE((*a)->Begin().ok());
  int attempts = 0;
  Status s = RunInTransaction(**b, [&](Connection&) {
    ++attempts;
    return Status::Ok();
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(attempts, 0);  // BEGIN IMMEDIATE never got the lock
  EXPECT_EQ((*b)->last_error().kind, DbErrorKind::kSerializationFailure);
  EXPECT_EQ((*b)->stats().transaction_statements, 3);  // three BEGIN attempts
  ASSERT_TRUE((*a)->Rollback().ok());
  a->reset();
  b->reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

TEST(Sqlite, OpenByUrl) {
  auto c = OpenConnection("sqlite://:memory:");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ((*c)->dialect(), Dialect::kSqlite);
  EXPECT_FALSE(OpenConnection("sqlite://nohost").ok());
}

}  // namespace
}  // namespace railgun::db
