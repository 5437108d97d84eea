// Migrations on a real PostgreSQL: every example project migrates, and a second run plans nothing.
#include <gtest/gtest.h>

#include "db/introspect.h"
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

// JSONField columns are jsonb (Django's type) unless the field asks to keep its text: `preserve_key_order: true`
// makes a json column, whose values come back with their members in the order they were written. Introspection
// reads each type back as the option that made it.
TEST(MigratePostgres, JsonFieldKeyOrderChoosesTheColumnType) {
  auto url = railgun::testing::NewTestDatabase();
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  auto conn = OpenConnection(*url);
  ASSERT_TRUE(conn.ok()) << conn.status().ToString();
  models::LoadResult loaded = models::LoadModelSources({{"docs.yaml", R"(app: docs
models:
  Doc:
    fields:
      sorted: {type: JSONField, null: true}
      kept: {type: JSONField, null: true, preserve_key_order: true}
)"}});
  ASSERT_TRUE(loaded.ok()) << loaded.ErrorText();
  auto migrated = Migrate(**conn, *loaded.project);
  ASSERT_TRUE(migrated.ok()) << migrated.status().ToString();
  auto types = (*conn)->Execute(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'docs_doc' "
      "AND column_name IN ('sorted', 'kept') ORDER BY column_name");
  ASSERT_TRUE(types.ok());
  ASSERT_EQ(types->rows.size(), 2u);
  EXPECT_EQ(types->rows[0][1].value_or(""), "json");   // kept
  EXPECT_EQ(types->rows[1][1].value_or(""), "jsonb");  // sorted
  const std::string doc = R"({"zeta": 1, "a": [true], "mid": "x"})";
  ASSERT_TRUE((*conn)->Execute("INSERT INTO docs_doc (sorted, kept) VALUES ($1, $2)", {Param(doc), Param(doc)}).ok());
  auto back = (*conn)->Execute("SELECT sorted::text, kept::text FROM docs_doc");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->rows[0][0].value_or(""), R"({"a": [true], "mid": "x", "zeta": 1})");
  EXPECT_EQ(back->rows[0][1].value_or(""), doc);
  IntrospectOptions options;
  options.app = "docs";
  options.only_tables = {"docs_doc"};
  auto yaml = IntrospectToModelYaml(**conn, options);
  ASSERT_TRUE(yaml.ok()) << yaml.status().ToString();
  EXPECT_NE(yaml->find("kept: {type: JSONField, preserve_key_order: true, null: true}"), std::string::npos) << *yaml;
  EXPECT_NE(yaml->find("sorted: {type: JSONField, null: true}"), std::string::npos) << *yaml;
}

INSTANTIATE_TEST_SUITE_P(Examples, MigratePostgresTest,
                         ::testing::Values("blog", "ecommerce", "saas", "cms", "social", "analytics"));

}  // namespace
}  // namespace railgun::db
