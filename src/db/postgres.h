// PostgresConnection — db::Connection over libpq: connect by URL, statements prepared once per connection
// (PQprepare, then PQexecPrepared with text parameters and text results), error classification by SQLSTATE,
// liveness check and transparent reconnect after a server restart.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "db/connection.h"
#include "db/statement_cache.h"
#include "db/url.h"

typedef struct pg_conn PGconn;      // NOLINT
typedef struct pg_result PGresult;  // NOLINT

namespace railgun::db {

struct PostgresOptions {
  std::chrono::seconds connect_timeout{5};
  size_t statement_cache_size = 256;
  std::string application_name = "railgun";
  // Session time zone (timestamps come back in it); empty keeps the server's.
  std::string time_zone = "UTC";
  // Server-side per-statement limit (SQLSTATE 57014 -> kTimeout); 0 = none.
  std::chrono::milliseconds statement_timeout{0};
};

// Not thread-safe: one connection per worker thread (a db::Pool hands each out to one thread at a time).
//
// Reconnect policy: before a statement outside a transaction the socket is checked without a round trip; a dead
// connection is re-established (PQreset) and its statement cache dropped. A statement that fails with a lost
// connection is retried once after reconnecting only when that is safe: outside a transaction and a SELECT (or
// BEGIN). Inside a transaction the error is returned (kConnectionLost); the transaction is gone, and every later
// statement fails the same way until the caller's Rollback() (which then succeeds without a server round trip).
//
// TODO(pipeline): libpq pipeline mode (PQenterPipelineMode) would let a mutation send its statements without
// waiting for each result; not used yet.
class PostgresConnection final : public Connection {
 public:
  static StatusOr<std::unique_ptr<PostgresConnection>> Connect(const DatabaseUrl& url,
                                                               const PostgresOptions& options = {});
  static StatusOr<std::unique_ptr<PostgresConnection>> Connect(std::string_view url,
                                                               const PostgresOptions& options = {});
  ~PostgresConnection() override;

  [[nodiscard]] Dialect dialect() const override { return Dialect::kPostgres; }
  Status Prepare(std::string_view sql) override;
  using Connection::Execute;
  using Connection::QueryOneText;
  StatusOr<ResultSet> Execute(std::string_view sql, std::span<const Param> params) override;
  StatusOr<Cell> QueryOneText(std::string_view sql, std::span<const Param> params) override;
  Status ExecuteScript(std::string_view sql) override;
  [[nodiscard]] bool in_transaction() const override;
  // Checks the socket, then runs an uncounted `SELECT 1`; reconnects when either fails.
  Status Ping() override;
  [[nodiscard]] bool broken() const override;
  [[nodiscard]] size_t cached_statements() const override { return cache_.size(); }
  void ClearStatementCache() override;

  // Re-establishes the session (drops the statement cache). Fails when the server is unreachable.
  Status Reconnect();
  // Server process id of this session (tests terminate it with pg_terminate_backend).
  [[nodiscard]] int backend_pid() const;
  [[nodiscard]] int server_version() const;
  [[nodiscard]] PGconn* handle() const { return conn_; }

 protected:
  Status ExecuteControl(std::string_view sql) override;

 private:
  struct Stmt {
    std::string name;  // server-side prepared statement name
    int nparams = 0;
  };

  PostgresConnection(DatabaseUrl url, PostgresOptions options);
  Status Open();
  // Reads pending input without blocking; false when the server has gone away.
  bool SocketAlive();
  [[nodiscard]] bool CanDeallocate() const;
  StatusOr<Stmt*> Lookup(std::string_view sql);
  // Classifies a failed result (or a connection-level failure when `res` is null) and records it.
  Status ResultError(const PGresult* res, std::string_view sql, std::string_view stage);
  Status RunOnce(std::string_view sql, std::span<const Param> params, bool control, ResultSet* out, Cell* one);
  Status Run(std::string_view sql, std::span<const Param> params, bool control, ResultSet* out, Cell* one);

  DatabaseUrl url_;
  PostgresOptions options_;
  PGconn* conn_ = nullptr;
  StatementCache<Stmt> cache_;
  uint64_t next_statement_id_ = 0;
  // The session died inside a transaction: statements fail until the caller's ROLLBACK acknowledges it.
  bool transaction_lost_ = false;
};

}  // namespace railgun::db
