// Opening databases by URL: one connection, a connection factory, or a pool (the entry point for the server/CLI).
#pragma once

#include <memory>
#include <string_view>

#include "db/connection.h"
#include "db/pool.h"
#include "db/postgres.h"
#include "db/sqlite.h"
#include "db/url.h"

namespace railgun::db {

struct OpenOptions {
  SqliteOptions sqlite;  // `path` is taken from the URL
  PostgresOptions postgres;
};

[[nodiscard]] StatusOr<std::unique_ptr<Connection>> OpenConnection(const DatabaseUrl& url,
                                                                   const OpenOptions& options = {});
[[nodiscard]] StatusOr<std::unique_ptr<Connection>> OpenConnection(std::string_view url,
                                                                   const OpenOptions& options = {});
// A factory opening connections to `url` (for Pool::Create).
[[nodiscard]] ConnectionFactory MakeConnectionFactory(DatabaseUrl url, OpenOptions options = {});
// A pool for `url`. A SQLite `:memory:` database lives inside one connection, so its pool size is forced to 1.
[[nodiscard]] StatusOr<std::unique_ptr<Pool>> OpenPool(const DatabaseUrl& url, PoolOptions pool_options,
                                                       const OpenOptions& options = {});

}  // namespace railgun::db
