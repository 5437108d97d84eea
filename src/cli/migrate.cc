// `railgun migrate --models PATH... --database URL [--plan] [--allow-destructive]`: plans and applies the schema
// changes that bring a database in line with the models; prints the statements and notes.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "db/migrate.h"
#include "db/open.h"
#include "models/loader.h"

namespace railgun::cli {

int RunMigrate(const std::vector<std::string>& args) {
  std::vector<std::string> model_paths, rest;
  bool plan_only = false;
  db::MigrateOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--models" && i + 1 < args.size()) model_paths.push_back(args[++i]);
    else if (args[i] == "--plan") plan_only = true;
    else if (args[i] == "--allow-destructive") options.allow_destructive = true;
    else rest.push_back(args[i]);
  }
  ParsedArgs parsed = ParseArgs(rest, {"database"});
  if (!parsed.error.empty()) return Fail("migrate", parsed.error, kExitUsage);
  const std::string* url = parsed.option("database");
  if (model_paths.empty() || !url) return Fail("migrate", "needs --models PATH and --database URL", kExitUsage);
  auto project = models::LoadProject(model_paths);
  if (!project.ok()) return Fail("migrate", project.status().message(), kExitFailure);
  auto conn = db::OpenConnection(*url);
  if (!conn.ok()) return Fail("migrate", conn.status().message(), kExitFailure);
  auto plan = db::PlanMigration(**conn, *project, options);
  if (!plan.ok()) return Fail("migrate", plan.status().message(), kExitFailure);
  for (const auto& note : plan->notes) std::printf("-- %s\n", note.c_str());
  for (const auto& change : plan->destructive) std::printf("-- destructive: %s\n", change.c_str());
  for (const auto& sql : plan->statements) std::printf("%s;\n", sql.c_str());
  if (plan->empty()) std::printf("-- no changes\n");
  if (plan_only || plan->empty()) return kExitOk;
  Status applied = db::ApplyMigration(**conn, *plan, options);
  if (!applied.ok()) return Fail("migrate", applied.message(), kExitFailure);
  std::printf("-- applied %zu statement(s)\n", plan->statements.size());
  return kExitOk;
}

}  // namespace railgun::cli
