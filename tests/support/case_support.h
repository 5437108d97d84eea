// Helpers shared by the data-driven case runners (query cases in compile/, mutation cases in mutate/):
// YAML -> JSON, loading a case's models, fresh SQLite / PostgreSQL databases and inserting a case's rows.
#pragma once

#include <yaml-cpp/yaml.h>

#include <memory>
#include <string>
#include <vector>

#include "db/connection.h"
#include "json/value.h"
#include "models/model.h"
#include "railgun/status.h"

namespace railgun::testing {

// YAML scalars become null / bools / integers / doubles when they look like one (a `!` tag keeps a string).
[[nodiscard]] json::Value YamlToJson(const YAML::Node& node);

// A new empty database of `dialect`: an in-memory SQLite database, or a fresh schema (search_path) in the test
// PostgreSQL. Returns kUnavailable when PostgreSQL cannot be started.
[[nodiscard]] StatusOr<std::unique_ptr<db::Connection>> NewCaseDatabase(db::Dialect dialect);

// One data-driven case file on one backend.
struct CaseFile {
  std::string path;  // relative to the cases folder
  db::Dialect dialect;
};
// Every `*.yaml` under `dir` (sorted; files directly in `dir/<skip_subdir>` left out), once per backend.
[[nodiscard]] std::vector<CaseFile> ListCaseFiles(const std::string& dir, const std::string& skip_subdir = "");
// A test-name-safe label: "<dialect>_<path>" with every non-alphanumeric character as '_'.
[[nodiscard]] std::string CaseFileName(const CaseFile& file);

// Inserts `data` ({Model: [{field: value, m2m: [ids]}, ...]}) in order. Values are written as given (decimals and
// JSON as text); many-to-many lists need the row's explicit pk.
[[nodiscard]] Status InsertCaseData(db::Connection& conn, const models::Project& project, const json::Value& data);

}  // namespace railgun::testing
