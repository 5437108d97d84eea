// Test driver for the Django schema comparison: two fresh PostgreSQL databases, db::Migrate of a Railgun example
// into one, then tests/django/compare_schemas.py (Django's migrate into the other, and the diff).
// Exit codes: 0 same schema, 1 differences or errors, 77 skipped (no PostgreSQL or no Django).
#include <cstdio>
#include <cstdlib>
#include <string>

#include "db/migrate.h"
#include "db/open.h"
#include "models/loader.h"
#include "support/pg_test_cluster.h"

namespace {

constexpr int kSkip = 77;

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

int Run(const std::string& example) {
  using namespace railgun;
  auto django_db = testing::NewTestDatabase();
  auto railgun_db = testing::NewTestDatabase();
  if (!django_db.ok() || !railgun_db.ok()) {
    std::printf("SKIP: no PostgreSQL for the Django schema comparison: %s\n",
                (!django_db.ok() ? django_db.status() : railgun_db.status()).ToString().c_str());
    return kSkip;
  }
  const std::string models_dir = std::string(RAILGUN_SOURCE_DIR) + "/examples/" + example;
  auto project = models::LoadProject({models_dir});
  if (!project.ok()) {
    std::printf("cannot load %s: %s\n", models_dir.c_str(), project.status().ToString().c_str());
    return 1;
  }
  auto conn = db::OpenConnection(*railgun_db);
  if (!conn.ok()) {
    std::printf("cannot connect: %s\n", conn.status().ToString().c_str());
    return 1;
  }
  auto plan = db::Migrate(**conn, *project);
  if (!plan.ok()) {
    std::printf("railgun migrate failed: %s\n", plan.status().ToString().c_str());
    return 1;
  }
  conn->reset();
  const std::string command =
      "python3 " + ShellQuote(std::string(RAILGUN_SOURCE_DIR) + "/tests/django/compare_schemas.py") + " --models " +
      ShellQuote(models_dir + "/models.yaml") + " --django-db " + ShellQuote(*django_db) + " --railgun-db " +
      ShellQuote(*railgun_db) + " --venv " + ShellQuote(RAILGUN_DJANGO_VENV);
  std::fflush(stdout);
  const int status = std::system(command.c_str());
  if (status == -1 || !WIFEXITED(status)) return 1;
  return WEXITSTATUS(status);
}

}  // namespace

int main(int argc, char** argv) { return Run(argc > 1 ? argv[1] : "ecommerce"); }
