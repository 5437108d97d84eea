// Opening databases by URL.
#include "db/open.h"

namespace railgun::db {

StatusOr<std::unique_ptr<Connection>> OpenConnection(const DatabaseUrl& url, const OpenOptions& options) {
  if (url.dialect == Dialect::kSqlite) {
    SqliteOptions o = options.sqlite;
    o.path = url.path;
    RG_ASSIGN_OR_RETURN(std::unique_ptr<SqliteConnection> conn, SqliteConnection::Open(o));
    return std::unique_ptr<Connection>(std::move(conn));
  }
  RG_ASSIGN_OR_RETURN(std::unique_ptr<PostgresConnection> conn, PostgresConnection::Connect(url, options.postgres));
  return std::unique_ptr<Connection>(std::move(conn));
}

StatusOr<std::unique_ptr<Connection>> OpenConnection(std::string_view url, const OpenOptions& options) {
  RG_ASSIGN_OR_RETURN(DatabaseUrl parsed, ParseDatabaseUrl(url));
  return OpenConnection(parsed, options);
}

ConnectionFactory MakeConnectionFactory(DatabaseUrl url, OpenOptions options) {
  return [url = std::move(url), options = std::move(options)]() { return OpenConnection(url, options); };
}

StatusOr<std::unique_ptr<Pool>> OpenPool(const DatabaseUrl& url, PoolOptions pool_options, const OpenOptions& options) {
  if (url.is_memory()) pool_options.size = 1;
  return Pool::Create(MakeConnectionFactory(url, options), pool_options);
}

}  // namespace railgun::db
