// Database URLs: `sqlite:///relative.db`, `sqlite:////abs/path.db`, `sqlite://:memory:`,
// `postgresql://user:pass@host:port/db?sslmode=...` (also `postgres://`).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/connection.h"
#include "railgun/status.h"

namespace railgun::db {

struct DatabaseUrl {
  Dialect dialect = Dialect::kSqlite;
  // SQLite: the file path as written after `sqlite:///` (relative to the working directory, or absolute when
  // the URL has four slashes), or ":memory:".
  std::string path;
  // PostgreSQL (percent-decoded). Empty host/port/user/database mean libpq's defaults.
  std::string user;
  std::string password;
  std::string host;  // may be a Unix socket directory (percent-encoded in the URL) or [IPv6]-less address
  uint16_t port = 0;
  std::string database;
  // Query parameters in order (sslmode, connect_timeout, application_name, options, ...), percent-decoded.
  // SQLite URLs accept none.
  std::vector<std::pair<std::string, std::string>> params;

  [[nodiscard]] bool is_memory() const { return dialect == Dialect::kSqlite && path == ":memory:"; }
  [[nodiscard]] const std::string* FindParam(std::string_view key) const;
  // The URL again, with the password replaced by "***" (safe for logs).
  [[nodiscard]] std::string Redacted() const;
  // The URL again (password included), normalized to `postgresql://` / `sqlite://`.
  [[nodiscard]] std::string ToString() const;
};

// Parses a database URL. Errors are kInvalidArgument and never echo the password.
[[nodiscard]] StatusOr<DatabaseUrl> ParseDatabaseUrl(std::string_view url);

// Percent-encodes a URL component (user, password, database, query values).
[[nodiscard]] std::string PercentEncode(std::string_view s);

}  // namespace railgun::db
