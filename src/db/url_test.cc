// Tests for database URL parsing and printing.
#include "db/url.h"

#include <gtest/gtest.h>

namespace railgun::db {
namespace {

TEST(DatabaseUrl, SqliteRelativeAbsoluteAndMemory) {
  auto rel = ParseDatabaseUrl("sqlite:///data/app.db");
  ASSERT_TRUE(rel.ok()) << rel.status().ToString();
  EXPECT_EQ(rel->dialect, Dialect::kSqlite);
  EXPECT_EQ(rel->path, "data/app.db");
  EXPECT_FALSE(rel->is_memory());

  auto abs = ParseDatabaseUrl("sqlite:////var/lib/railgun/app.db");
  ASSERT_TRUE(abs.ok());
  EXPECT_EQ(abs->path, "/var/lib/railgun/app.db");
  EXPECT_EQ(abs->ToString(), "sqlite:////var/lib/railgun/app.db");

  auto mem = ParseDatabaseUrl("sqlite://:memory:");
  ASSERT_TRUE(mem.ok());
  EXPECT_TRUE(mem->is_memory());
  EXPECT_EQ(mem->ToString(), "sqlite://:memory:");
  auto mem3 = ParseDatabaseUrl("sqlite:///:memory:");
  ASSERT_TRUE(mem3.ok());
  EXPECT_TRUE(mem3->is_memory());

  auto spaced = ParseDatabaseUrl("sqlite:///my%20db.sqlite3");
  ASSERT_TRUE(spaced.ok());
  EXPECT_EQ(spaced->path, "my db.sqlite3");
}

TEST(DatabaseUrl, SqliteErrors) {
  for (const char* bad : {"sqlite://", "sqlite:///", "sqlite://host/file.db", "sqlite:///dir/", "sqlite:///a.db?x=1",
                          "sqlite:///bad%zzpath"}) {
    auto r = ParseDatabaseUrl(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST(DatabaseUrl, PostgresFull) {
  auto u = ParseDatabaseUrl("postgresql://app%40corp:s%3Acret@db.internal:6543/shop?sslmode=require&connect_timeout=3");
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(u->dialect, Dialect::kPostgres);
  EXPECT_EQ(u->user, "app@corp");
  EXPECT_EQ(u->password, "s:cret");
  EXPECT_EQ(u->host, "db.internal");
  EXPECT_EQ(u->port, 6543);
  EXPECT_EQ(u->database, "shop");
  ASSERT_EQ(u->params.size(), 2u);
  ASSERT_NE(u->FindParam("sslmode"), nullptr);
  EXPECT_EQ(*u->FindParam("sslmode"), "require");
  EXPECT_EQ(*u->FindParam("connect_timeout"), "3");
  EXPECT_EQ(u->FindParam("nope"), nullptr);
  EXPECT_EQ(u->Redacted(), "postgresql://app%40corp:***@db.internal:6543/shop?sslmode=require&connect_timeout=3");
  auto again = ParseDatabaseUrl(u->ToString());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->password, "s:cret");
  EXPECT_EQ(again->user, "app@corp");
}

TEST(DatabaseUrl, PostgresShortForms) {
  auto u = ParseDatabaseUrl("postgres://localhost/test");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->dialect, Dialect::kPostgres);
  EXPECT_EQ(u->host, "localhost");
  EXPECT_EQ(u->port, 0);
  EXPECT_EQ(u->database, "test");
  EXPECT_TRUE(u->user.empty());

  auto bare = ParseDatabaseUrl("postgresql://");
  ASSERT_TRUE(bare.ok());
  EXPECT_TRUE(bare->host.empty());
  EXPECT_TRUE(bare->database.empty());

  auto user_only = ParseDatabaseUrl("postgresql://root@127.0.0.1:5432/");
  ASSERT_TRUE(user_only.ok());
  EXPECT_EQ(user_only->user, "root");
  EXPECT_TRUE(user_only->password.empty());
  EXPECT_EQ(user_only->port, 5432);

  auto v6 = ParseDatabaseUrl("postgresql://u@[::1]:5433/db");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 5433);
  EXPECT_EQ(v6->ToString(), "postgresql://u@[::1]:5433/db");

  auto socket = ParseDatabaseUrl("postgresql://%2Ftmp%2Fpg/db");
  ASSERT_TRUE(socket.ok());
  EXPECT_EQ(socket->host, "/tmp/pg");

  auto upper = ParseDatabaseUrl("PostgreSQL://h/d");
  EXPECT_TRUE(upper.ok());
}

TEST(DatabaseUrl, PostgresErrorsNeverEchoThePassword) {
  for (const char* bad :
       {"postgresql://u:hunter2@h:notaport/db", "postgresql://u:hunter2@h:0/db", "postgresql://u:hunter2@h:70000/db",
        "postgresql://u:hunter2@h:/db", "postgresql://u:hunter2@h/db/extra", "postgresql://u:hunter2@[::1/db",
        "postgresql://u:hunter2@h/db?sslmode", "postgresql://u:hunter2@h/db?password=x",
        "postgresql://u:hunter2%G@h/db"}) {
    auto r = ParseDatabaseUrl(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message().find("hunter2"), std::string::npos) << r.status().message();
  }
}

TEST(DatabaseUrl, UnknownScheme) {
  auto r = ParseDatabaseUrl("mysql://u@h/db");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("mysql"), std::string::npos);
  EXPECT_FALSE(ParseDatabaseUrl("just-a-path.db").ok());
  EXPECT_FALSE(ParseDatabaseUrl("").ok());
}

TEST(DatabaseUrl, PercentEncode) {
  EXPECT_EQ(PercentEncode("a b/c@d:e"), "a%20b%2Fc%40d%3Ae");
  EXPECT_EQ(PercentEncode("plain-Name_1.~"), "plain-Name_1.~");
}

}  // namespace
}  // namespace railgun::db
