// Importers: `railgun import-django` on tests/django/sample_project (the exported model files load and keep the
// models, fields, relations, Meta and GraphQLMeta), and `db::IntrospectToModelYaml` on PostgreSQL (an example
// migrated, introspected, reloaded and migrated again gives the same columns).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "db/introspect.h"
#include "db/migrate.h"
#include "db/open.h"
#include "models/loader.h"
#include "support/pg_test_cluster.h"

namespace railgun {
namespace {

namespace fs = std::filesystem;

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

int Shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return status == -1 || !WIFEXITED(status) ? -1 : WEXITSTATUS(status);
}

TEST(ImportDjango, SampleProjectRoundTrips) {
  const std::string root = RAILGUN_SOURCE_DIR;
  const int venv = Shell("python3 " + ShellQuote(root + "/tests/django/compare_schemas.py") + " --venv " +
                         ShellQuote(RAILGUN_DJANGO_VENV) + " --ensure-venv-only");
  if (venv == 77) GTEST_SKIP() << "Django could not be installed";
  ASSERT_EQ(venv, 0);
  const fs::path out = fs::temp_directory_path() / ("rg-import-django-" + std::to_string(::getpid()));
  fs::remove_all(out);
  ASSERT_EQ(Shell(ShellQuote(RAILGUN_BINARY) + " import-django sample_settings --path " +
                  ShellQuote(root + "/tests/django/sample_project") + " --out " + ShellQuote(out.string()) +
                  " --python " + ShellQuote(std::string(RAILGUN_DJANGO_VENV) + "/bin/python")),
            0);
  ASSERT_TRUE(fs::exists(out / "library.yaml"));
  auto project = models::LoadProject({out.string()});
  fs::remove_all(out);
  ASSERT_TRUE(project.ok()) << project.status().ToString();

  const models::Model* author = project->FindModel("library.Author");
  const models::Model* book = project->FindModel("library.Book");
  const models::Model* tag = project->FindModel("library.Tag");
  ASSERT_TRUE(author && book && tag);
  EXPECT_EQ(author->description, "A person who writes books.");
  EXPECT_EQ(author->ordering, std::vector<std::string>({"name"}));
  const models::Field* user = author->FindField("user");
  ASSERT_TRUE(user);
  EXPECT_EQ(user->kind, models::FieldKind::kOneToOneField);
  ASSERT_TRUE(user->target);
  EXPECT_EQ(user->target->label(), "auth.User");
  EXPECT_EQ(user->related_name, "author_profile");
  ASSERT_TRUE(author->FindField("email"));
  EXPECT_EQ(author->FindField("email")->kind, models::FieldKind::kEmailField);
  EXPECT_TRUE(author->FindField("email")->unique);

  const models::Field* title = book->FindField("title");
  ASSERT_TRUE(title);
  EXPECT_EQ(title->max_length, 200);
  EXPECT_TRUE(title->db_index);
  const models::Field* fk = book->FindField("author");
  ASSERT_TRUE(fk);
  EXPECT_EQ(fk->kind, models::FieldKind::kForeignKey);
  EXPECT_EQ(fk->target, author);
  EXPECT_EQ(fk->on_delete, models::OnDelete::kProtect);
  EXPECT_EQ(fk->column, "author_id");
  EXPECT_NE(author->FindReverse("books"), nullptr);
  const models::Field* tags = book->FindField("tags");
  ASSERT_TRUE(tags);
  EXPECT_EQ(tags->kind, models::FieldKind::kManyToManyField);
  EXPECT_EQ(tags->target, tag);
  EXPECT_EQ(tags->m2m_table, "library_book_tags");
  const models::Field* kind = book->FindField("kind");
  ASSERT_TRUE(kind);
  EXPECT_EQ(kind->choices.size(), 2u);
  const models::Field* price = book->FindField("price");
  ASSERT_TRUE(price);
  EXPECT_EQ(price->max_digits, 8);
  EXPECT_EQ(price->decimal_places, 2);
  EXPECT_TRUE(price->null);
  EXPECT_EQ(book->pk()->kind, models::FieldKind::kBigAutoField);
  ASSERT_EQ(book->unique_together.size(), 1u);
  EXPECT_EQ(book->unique_together[0], std::vector<std::string>({"slug", "author"}));
  EXPECT_EQ(book->ordering, std::vector<std::string>({"-published", "title"}));
  ASSERT_EQ(book->indexes.size(), 1u);
  EXPECT_EQ(book->indexes[0].name, "library_book_kind_pub");
  EXPECT_EQ(book->graphql.exclude_fields, std::vector<std::string>({"slug"}));
  EXPECT_EQ(book->graphql.search_fields, std::vector<std::string>({"title"}));
  EXPECT_EQ(book->graphql.ordering, std::vector<std::string>({"title", "-published"}));
  ASSERT_EQ(book->graphql.filter_fields.size(), 2u);
  EXPECT_EQ(book->graphql.filter_fields[0].first, "title");
  EXPECT_EQ(book->graphql.filter_fields[0].second, std::vector<std::string>({"exact", "icontains"}));
}

TEST(ImportDjango, UnknownAppFails) {
  const std::string root = RAILGUN_SOURCE_DIR;
  const std::string python = std::string(RAILGUN_DJANGO_VENV) + "/bin/python";
  if (!fs::exists(python)) GTEST_SKIP() << "no Django virtualenv";
  EXPECT_EQ(Shell(ShellQuote(RAILGUN_BINARY) + " import-django sample_settings --apps nosuchapp --path " +
                  ShellQuote(root + "/tests/django/sample_project") + " --out /tmp --python " + ShellQuote(python) +
                  " 2>/dev/null"),
            1);
}

// table -> column -> "data_type(length,precision,scale) nullable".
std::map<std::string, std::map<std::string, std::string>> PostgresColumns(db::Connection& conn) {
  std::map<std::string, std::map<std::string, std::string>> out;
  auto r = conn.Execute(
      "SELECT table_name, column_name, data_type, coalesce(character_maximum_length::text, ''), "
      "coalesce(numeric_precision::text, ''), coalesce(numeric_scale::text, ''), is_nullable, is_identity FROM "
      "information_schema.columns WHERE table_schema = current_schema()");
  EXPECT_TRUE(r.ok());
  for (const auto& row : r->rows)
    out[*row[0]][*row[1]] = *row[2] + "(" + *row[3] + "," + *row[4] + "," + *row[5] + ") " + *row[6] + " " + *row[7];
  return out;
}

class IntrospectPostgres : public ::testing::TestWithParam<std::string> {};

TEST_P(IntrospectPostgres, MigratedExampleComesBack) {
  auto first_url = testing::NewTestDatabase();
  if (!first_url.ok()) GTEST_SKIP() << first_url.status().ToString();
  auto second_url = testing::NewTestDatabase();
  ASSERT_TRUE(second_url.ok());
  auto project = models::LoadProject({std::string(RAILGUN_SOURCE_DIR) + "/examples/" + GetParam()});
  ASSERT_TRUE(project.ok()) << project.status().ToString();
  auto first = db::OpenConnection(*first_url);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(db::Migrate(**first, *project).ok());
  db::IntrospectOptions options;
  options.app = GetParam();
  auto yaml = db::IntrospectToModelYaml(**first, options);
  ASSERT_TRUE(yaml.ok()) << yaml.status().ToString();
  auto loaded = models::LoadModelSources({{"introspected.yaml", *yaml}});
  ASSERT_TRUE(loaded.ok()) << loaded.ErrorText() << "\n" << *yaml;
  auto second = db::OpenConnection(*second_url);
  ASSERT_TRUE(second.ok());
  auto migrated = db::Migrate(**second, *loaded.project);
  ASSERT_TRUE(migrated.ok()) << migrated.status().ToString() << "\n" << *yaml;
  EXPECT_EQ(PostgresColumns(**first), PostgresColumns(**second)) << *yaml;
}

INSTANTIATE_TEST_SUITE_P(Examples, IntrospectPostgres,
                         ::testing::Values("ecommerce", "blog", "saas", "cms", "social", "analytics"));

}  // namespace
}  // namespace railgun
