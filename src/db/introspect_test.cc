// Introspection round trip: migrate an example, introspect the database, load the generated model file and
// migrate it into a second database: both databases have the same tables and columns (names, types, NOT NULL).
#include "db/introspect.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "db/migrate.h"
#include "db/open.h"
#include "models/loader.h"

namespace railgun::db {
namespace {

// table -> column -> "type NOT NULL pk" as SQLite reports them.
std::map<std::string, std::map<std::string, std::string>> SqliteColumns(Connection& conn) {
  std::map<std::string, std::map<std::string, std::string>> out;
  auto tables = conn.Execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  EXPECT_TRUE(tables.ok());
  for (const auto& t : tables->rows) {
    auto cols = conn.Execute("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)", {Param(*t[0])});
    EXPECT_TRUE(cols.ok());
    for (const auto& c : cols->rows) out[*t[0]][*c[0]] = *c[1] + (*c[2] == "1" ? " NOT NULL" : "") + " pk" + *c[3];
  }
  return out;
}

std::set<std::string> SqliteForeignKeys(Connection& conn) {
  std::set<std::string> out;
  auto tables = conn.Execute("SELECT name FROM sqlite_master WHERE type = 'table'");
  EXPECT_TRUE(tables.ok());
  for (const auto& t : tables->rows) {
    auto fks = conn.Execute("SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?)", {Param(*t[0])});
    EXPECT_TRUE(fks.ok());
    for (const auto& f : fks->rows) out.insert(*t[0] + "." + *f[0] + " -> " + *f[1] + "." + f[2].value_or("?"));
  }
  return out;
}

class IntrospectRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(IntrospectRoundTrip, SameTablesColumnsAndForeignKeysComeBack) {
  auto project = models::LoadProject({std::string(RAILGUN_SOURCE_DIR) + "/examples/" + GetParam()});
  ASSERT_TRUE(project.ok()) << project.status().ToString();
  auto original = OpenConnection("sqlite://:memory:");
  ASSERT_TRUE(original.ok());
  ASSERT_TRUE(Migrate(**original, *project).ok());

  IntrospectOptions options;
  options.app = GetParam();
  auto yaml = IntrospectToModelYaml(**original, options);
  ASSERT_TRUE(yaml.ok()) << yaml.status().ToString();
  auto loaded = models::LoadModelSources({{"introspected.yaml", *yaml}});
  ASSERT_TRUE(loaded.ok()) << loaded.ErrorText() << "\n" << *yaml;

  // Every table of the example is a model of the introspected file, with the same columns.
  std::set<std::string> tables;
  for (const models::Model* m : loaded.project->models()) tables.insert(m->db_table);
  for (const models::Model* m : project->models()) {
    EXPECT_TRUE(tables.count(m->db_table)) << m->db_table;
    const models::Model* back = nullptr;
    for (const models::Model* candidate : loaded.project->models())
      if (candidate->db_table == m->db_table) back = candidate;
    if (!back) continue;
    std::set<std::string> want, got;
    for (const auto& f : m->fields)
      if (!f.is_many_to_many()) want.insert(f.column);
    for (const auto& f : back->fields)
      if (!f.is_many_to_many()) got.insert(f.column);
    EXPECT_EQ(want, got) << m->db_table;
  }

  auto again = OpenConnection("sqlite://:memory:");
  ASSERT_TRUE(again.ok());
  auto migrated = Migrate(**again, *loaded.project);
  ASSERT_TRUE(migrated.ok()) << migrated.status().ToString() << "\n" << *yaml;
  EXPECT_EQ(SqliteColumns(**original), SqliteColumns(**again)) << *yaml;
  EXPECT_EQ(SqliteForeignKeys(**original), SqliteForeignKeys(**again));
}

INSTANTIATE_TEST_SUITE_P(Examples, IntrospectRoundTrip,
                         ::testing::Values("ecommerce", "blog", "saas", "cms", "social", "analytics"));

TEST(IntrospectTest, MapsTypesKeysAndUniqueness) {
  auto conn = OpenConnection("sqlite://:memory:");
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE((*conn)
                  ->ExecuteScript("CREATE TABLE shop_owner (id integer NOT NULL PRIMARY KEY AUTOINCREMENT, email "
                                  "varchar(254) NOT NULL UNIQUE);"
                                  "CREATE TABLE shop_item (id integer NOT NULL PRIMARY KEY AUTOINCREMENT, code "
                                  "char(8) NOT NULL, price decimal NULL, owner_id integer NOT NULL REFERENCES "
                                  "shop_owner (id), seller integer NULL REFERENCES shop_owner (id), made datetime "
                                  "NOT NULL, weird geometry NULL);"
                                  "CREATE UNIQUE INDEX shop_item_code_owner ON shop_item (code, owner_id);"
                                  "CREATE TABLE django_migrations (id integer PRIMARY KEY);")
                  .ok());
  IntrospectOptions options;
  options.app = "shop";
  auto tables = IntrospectTables(**conn, options);
  ASSERT_TRUE(tables.ok());
  ASSERT_EQ(tables->size(), 2u);  // django_migrations left out
  auto yaml = TablesToModelYaml(*tables, options);
  // shop_item's pk is referenced by nothing (BigAutoField, the default); shop_owner's by `integer` columns.
  EXPECT_EQ(yaml.find("default_auto_field"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("id: {type: AutoField, primary_key: true}"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("  Item:\n"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("email: {type: CharField, max_length: 254, unique: true}"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("code: {type: CharField, max_length: 8}"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("price: {type: DecimalField, max_digits: 10, decimal_places: 5, null: true}"), std::string::npos)
      << yaml;
  EXPECT_NE(yaml.find("owner: {type: ForeignKey, to: Owner, on_delete: DO_NOTHING, related_name: item_owner_set}"),
            std::string::npos)
      << yaml;
  EXPECT_NE(yaml.find("seller: {type: ForeignKey, to: Owner, on_delete: DO_NOTHING, db_column: seller, "
                      "related_name: item_seller_set, null: true}"),
            std::string::npos)
      << yaml;
  EXPECT_NE(yaml.find("made: {type: DateTimeField}"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("weird: {type: TextField, null: true}"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("unique_together: [[code, owner]]"), std::string::npos) << yaml;
  auto loaded = models::LoadModelSources({{"shop.yaml", yaml}});
  EXPECT_TRUE(loaded.ok()) << loaded.ErrorText() << "\n" << yaml;
}

}  // namespace
}  // namespace railgun::db
