// Migrations on a real PostgreSQL: every example project migrates, and a second run plans nothing.
#include <gtest/gtest.h>

#include "db/migrate.h"
#include "db/open.h"
#include "models/loader.h"
#include "support/pg_test_cluster.h"

namespace railgun::db {
namespace {

class MigratePostgresTest : public ::testing::TestWithParam<std::string> {};

TEST_P(MigratePostgresTest, CreatesEveryTableAndIsIdempotent) {
  auto url = railgun::testing::NewTestDatabase();
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  auto conn = OpenConnection(*url);
  ASSERT_TRUE(conn.ok()) << conn.status().ToString();
  auto project = models::LoadProject({std::string(RAILGUN_SOURCE_DIR) + "/examples/" + GetParam()});
  ASSERT_TRUE(project.ok()) << project.status().ToString();
  auto first = Migrate(**conn, *project);
  ASSERT_TRUE(first.ok()) << first.status().ToString() << "\n" << (*conn)->last_error().detail;
  for (const models::Model* m : project->models()) {
    auto r =
        (*conn)->Execute("SELECT count(*) FROM information_schema.tables WHERE table_name = $1", {Param(m->db_table)});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->rows[0][0].value_or(""), "1") << m->db_table;
  }
  auto second = PlanMigration(**conn, *project);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_TRUE(second->statements.empty()) << second->statements.front();
}

INSTANTIATE_TEST_SUITE_P(Examples, MigratePostgresTest,
                         ::testing::Values("blog", "ecommerce", "saas", "cms", "social", "analytics"));

}  // namespace
}  // namespace railgun::db
