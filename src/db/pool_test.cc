// Tests for db::Pool (on SQLite files; the PostgreSQL restart case is in tests/db/postgres_test.cc).
#include "db/pool.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

#include "db/open.h"

namespace railgun::db {
namespace {

class PoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "rg_pool_" + std::to_string(getpid()) + ".db";
    RemoveFiles();
    auto url = ParseDatabaseUrl("sqlite:///" + path_);
    ASSERT_TRUE(url.ok());
    url_ = *url;
    auto c = OpenConnection(url_);
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE((*c)->ExecuteScript("CREATE TABLE t (w INTEGER, i INTEGER)").ok());
  }
  void TearDown() override { RemoveFiles(); }
  void RemoveFiles() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path_ + suffix).c_str());
  }
  std::string path_;
  DatabaseUrl url_;
};

TEST_F(PoolTest, CheckoutTimesOutWhenAllConnectionsAreInUse) {
  PoolOptions o;
  o.size = 2;
  auto pool = OpenPool(url_, o);
  ASSERT_TRUE(pool.ok());
  auto a = (*pool)->Checkout();
  auto b = (*pool)->Checkout();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->get(), b->get());
  EXPECT_EQ((*pool)->open_connections(), 2u);
  auto start = std::chrono::steady_clock::now();
  auto c = (*pool)->Checkout(std::chrono::milliseconds(50));
  auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kDatabaseError);
  EXPECT_NE(c.status().message().find("timed out"), std::string::npos);
  EXPECT_GE(waited, std::chrono::milliseconds(45));
  Connection* first = a->get();
  a->Release();
  EXPECT_FALSE(static_cast<bool>(*a));
  auto d = (*pool)->Checkout(std::chrono::milliseconds(50));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->get(), first);  // reused, not reopened
  EXPECT_EQ((*pool)->open_connections(), 2u);
}

TEST_F(PoolTest, WaitingCheckoutWakesWhenAConnectionReturns) {
  PoolOptions o;
  o.size = 1;
  auto pool = OpenPool(url_, o);
  ASSERT_TRUE(pool.ok());
  auto held = (*pool)->Checkout();
  ASSERT_TRUE(held.ok());
  std::thread releaser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    held->Release();
  });
  auto next = (*pool)->Checkout(std::chrono::seconds(10));
  releaser.join();
  ASSERT_TRUE(next.ok()) << next.status().ToString();
}

TEST_F(PoolTest, ConnectionReturnedMidTransactionIsRolledBack) {
  PoolOptions o;
  o.size = 1;
  auto pool = OpenPool(url_, o);
  ASSERT_TRUE(pool.ok());
  {
    auto h = (*pool)->Checkout();
    ASSERT_TRUE(h.ok());
    ASSERT_TRUE((*h)->Begin().ok());
    ASSERT_TRUE((*h)->Execute("INSERT INTO t VALUES (1, 1)").ok());
  }
  auto h = (*pool)->Checkout();
  ASSERT_TRUE(h.ok());
  EXPECT_FALSE((*h)->in_transaction());
  auto n = (*h)->QueryOneText("SELECT COUNT(*) FROM t");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, Cell("0"));
}

TEST_F(PoolTest, HandlesMoveAndStatementCachesStayWarm) {
  PoolOptions o;
  o.size = 1;
  auto pool = OpenPool(url_, o);
  ASSERT_TRUE(pool.ok());
  PooledConnection outer;
  {
    auto h = (*pool)->Checkout();
    ASSERT_TRUE(h.ok());
    ASSERT_TRUE((*h)->QueryOneText("SELECT COUNT(*) FROM t").ok());
    outer = std::move(*h);
  }
  ASSERT_TRUE(static_cast<bool>(outer));
  EXPECT_EQ((*pool)->idle_connections(), 0u);
  outer.Release();
  auto again = (*pool)->Checkout();
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE((*again)->QueryOneText("SELECT COUNT(*) FROM t").ok());
  EXPECT_EQ((*again)->stats().prepares, 1);  // same connection, statement reused from its cache
}

TEST_F(PoolTest, ConcurrentWorkers) {
  PoolOptions o;
  o.size = 3;
  o.checkout_timeout = std::chrono::seconds(30);
  auto pool = OpenPool(url_, o);
  ASSERT_TRUE(pool.ok());
  std::atomic<int> failures{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < 6; ++w) {
    workers.emplace_back([&, w] {
      for (int i = 0; i < 40; ++i) {
        auto h = (*pool)->Checkout();
        if (!h.ok()) {
          ++failures;
          continue;
        }
        Transaction tx(**h);
        if (!tx.Begin().ok() || !(*h)->Execute("INSERT INTO t VALUES (?, ?)", {w, i}).ok() || !tx.Commit().ok())
          ++failures;
      }
    });
  }
  for (auto& t : workers) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_LE((*pool)->open_connections(), 3u);
  auto h = (*pool)->Checkout();
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(*(*h)->QueryOneText("SELECT COUNT(*) FROM t"), Cell("240"));
}

TEST(Pool, MemoryDatabaseHasOneConnectionAndBadOptionsAreRejected) {
  auto url = ParseDatabaseUrl("sqlite://:memory:");
  ASSERT_TRUE(url.ok());
  PoolOptions o;
  o.size = 8;
  auto pool = OpenPool(*url, o);
  ASSERT_TRUE(pool.ok());
  EXPECT_EQ((*pool)->capacity(), 1u);
  o.size = 0;
  EXPECT_FALSE(Pool::Create(MakeConnectionFactory(*url), o).ok());
  o.size = 1;
  EXPECT_FALSE(Pool::Create(nullptr, o).ok());
}

TEST(Pool, FactoryFailureFreesTheSlot) {
  int calls = 0;
  PoolOptions o;
  o.size = 1;
  auto pool = Pool::Create(
      [&]() -> StatusOr<std::unique_ptr<Connection>> {
        if (++calls == 1) return IoError("server down");
        return OpenConnection("sqlite://:memory:");
      },
      o);
  ASSERT_TRUE(pool.ok());
  auto first = (*pool)->Checkout(std::chrono::milliseconds(10));
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.status().message(), "server down");
  EXPECT_EQ((*pool)->open_connections(), 0u);
  auto second = (*pool)->Checkout(std::chrono::milliseconds(10));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
}

}  // namespace
}  // namespace railgun::db
