// Reverse engineering: an existing SQLite/PostgreSQL schema (tables, columns, types, nullability, primary keys,
// foreign keys, unique columns and unique column sets) -> a Railgun model file (YAML), like Django's inspectdb.
#pragma once

#include <string>
#include <vector>

#include "db/connection.h"
#include "railgun/status.h"

namespace railgun::db {

struct IntrospectOptions {
  std::string app = "app";  // the model file's `app:`
  // Tables to leave out, by prefix. Django's own tables by default; a relation to auth_user / auth_group /
  // django_content_type still becomes `to: auth.User` / `auth.Group` / `contenttypes.ContentType`.
  std::vector<std::string> exclude_prefixes = {"django_", "auth_", "sqlite_"};
  std::vector<std::string> only_tables;  // when non-empty: just these tables
};

struct IntrospectedColumn {
  std::string name;
  std::string type;  // declared type, lower case: "varchar(200)", "integer", "numeric(10,2)" ...
  bool not_null = false;
  bool primary_key = false;
  bool auto_increment = false;  // SQLite AUTOINCREMENT / INTEGER PRIMARY KEY, PostgreSQL identity or serial
  bool unique = false;          // a single-column unique constraint or unique index
  std::string fk_table;         // referenced table, empty when not a foreign key
  std::string fk_column;
};

struct IntrospectedTable {
  std::string name;
  std::vector<IntrospectedColumn> columns;                // table order
  std::vector<std::vector<std::string>> unique_together;  // multi-column unique constraints / indexes
};

// Reads every (non-excluded) table of the database `conn` is connected to, sorted by name.
[[nodiscard]] StatusOr<std::vector<IntrospectedTable>> IntrospectTables(Connection& conn,
                                                                        const IntrospectOptions& options = {});

// The model file text for `tables` (loadable with models::LoadModelSources). Model names are the table names
// without the `<app>_` prefix in CamelCase; `meta.db_table` keeps the real table name.
[[nodiscard]] std::string TablesToModelYaml(const std::vector<IntrospectedTable>& tables,
                                            const IntrospectOptions& options = {});

// IntrospectTables + TablesToModelYaml.
[[nodiscard]] StatusOr<std::string> IntrospectToModelYaml(Connection& conn, const IntrospectOptions& options = {});

}  // namespace railgun::db
