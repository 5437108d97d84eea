// Schema migration: models::Project -> tables, columns, indexes and constraints with Django's naming, on SQLite
// and PostgreSQL (DESIGN.md §3 "Compatibility"). Idempotent: running it twice changes nothing the second time.
// Additive changes (new tables, columns, indexes) are applied; destructive ones (dropped/retyped columns or
// tables) are refused unless `allow_destructive`.
#pragma once

#include <string>
#include <vector>

#include "db/connection.h"
#include "models/model.h"
#include "railgun/status.h"

namespace railgun::db {

struct MigrateOptions {
  bool allow_destructive = false;
};

struct MigrationPlan {
  std::vector<std::string> statements;   // SQL to run, in order (CREATE TABLE, CREATE INDEX, ALTER TABLE ...)
  std::vector<std::string> destructive;  // human-readable destructive changes found (refused unless allowed)
  std::vector<std::string> notes;        // e.g. "table blog_post exists, 1 column added"
  [[nodiscard]] bool empty() const { return statements.empty(); }
};

// The DDL that creates every table of `project` from scratch (no database needed), e.g. for `--plan` on an empty
// database or for tests.
[[nodiscard]] std::vector<std::string> CreateTablesSql(const models::Project& project, Dialect dialect);

// Compares the database's current tables with the models and plans the changes.
[[nodiscard]] StatusOr<MigrationPlan> PlanMigration(Connection& conn, const models::Project& project,
                                                    const MigrateOptions& options = {});
// Runs a plan in one transaction. Fails (changing nothing) if the plan has destructive changes and
// !options.allow_destructive.
[[nodiscard]] Status ApplyMigration(Connection& conn, const MigrationPlan& plan, const MigrateOptions& options = {});
// PlanMigration + ApplyMigration.
[[nodiscard]] StatusOr<MigrationPlan> Migrate(Connection& conn, const models::Project& project,
                                              const MigrateOptions& options = {});

}  // namespace railgun::db
