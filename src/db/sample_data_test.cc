// Tests for LoadSampleData: every example migrates and loads on SQLite, row counts are as expected, and two runs
// produce identical tables.
#include "db/sample_data.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "db/migrate.h"
#include "db/open.h"
#include "models/loader.h"

namespace railgun::db {
namespace {

std::vector<std::string> ExampleFiles() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(RAILGUN_SOURCE_DIR) + "/examples")) {
    auto file = entry.path() / "models.yaml";
    if (std::filesystem::exists(file)) files.push_back(file.string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Every table's rows, ordered, as text.
std::string Dump(Connection& conn, const models::Project& project) {
  std::string out;
  std::vector<std::string> tables;
  for (const auto* m : project.models()) {
    tables.push_back(m->db_table);
    for (const auto& f : m->fields)
      if (f.is_many_to_many() && f.through.empty()) tables.push_back(f.m2m_table);
  }
  for (const auto& t : tables) {
    auto rs = conn.Execute("SELECT * FROM \"" + t + "\" ORDER BY 1");
    EXPECT_TRUE(rs.ok()) << t;
    if (!rs.ok()) continue;
    out += t + "\n";
    for (const auto& row : rs->rows) {
      for (const auto& cell : row) out += (cell ? *cell : "NULL") + "|";
      out += "\n";
    }
  }
  return out;
}

TEST(SampleData, EveryExampleLoadsDeterministically) {
  auto files = ExampleFiles();
  ASSERT_GE(files.size(), 6u);
  for (const auto& file : files) {
    SCOPED_TRACE(file);
    auto project = models::LoadProject({file});
    ASSERT_TRUE(project.ok()) << project.status().message();
    std::string dumps[2];
    for (int run = 0; run < 2; ++run) {
      auto conn = OpenConnection("sqlite://:memory:");
      ASSERT_TRUE(conn.ok()) << conn.status().message();
      ASSERT_TRUE((*conn)->ExecuteScript("PRAGMA foreign_keys = ON").ok());
      auto plan = Migrate(**conn, *project);
      ASSERT_TRUE(plan.ok()) << plan.status().message();
      Status st = LoadSampleData(**conn, *project);
      ASSERT_TRUE(st.ok()) << st.message() << " " << (*conn)->last_error().detail;
      for (const auto* m : project->models()) {
        auto count = (*conn)->QueryOneText("SELECT COUNT(*) FROM \"" + m->db_table + "\"");
        ASSERT_TRUE(count.ok());
        EXPECT_GT(std::stoi(**count), 0) << m->label();
        EXPECT_LE(std::stoi(**count), 30) << m->label();
      }
      auto violations = (*conn)->Execute("PRAGMA foreign_key_check");
      ASSERT_TRUE(violations.ok());
      EXPECT_TRUE(violations->rows.empty()) << file;
      dumps[run] = Dump(**conn, *project);
    }
    EXPECT_FALSE(dumps[0].empty());
    EXPECT_EQ(dumps[0], dumps[1]);
  }
}

TEST(SampleData, ScaleMultipliesRows) {
  auto project = models::LoadProject({std::string(RAILGUN_SOURCE_DIR) + "/examples/blog/models.yaml"});
  ASSERT_TRUE(project.ok());
  auto conn = OpenConnection("sqlite://:memory:");
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE(Migrate(**conn, *project).ok());
  SampleDataOptions options;
  options.scale = 3;
  options.batch_size = 7;  // several INSERT statements per table
  ASSERT_TRUE(LoadSampleData(**conn, *project, options).ok());
  const auto* post = project->FindModel("blog.Post");
  ASSERT_NE(post, nullptr);
  auto count = (*conn)->QueryOneText("SELECT COUNT(*) FROM \"" + post->db_table + "\"");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(**count, "90");
}

}  // namespace
}  // namespace railgun::db
