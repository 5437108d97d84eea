// SqliteConnection — db::Connection over libsqlite3: WAL, foreign keys on, busy timeout, LRU statement cache,
// and the SQL functions Django-style lookups need (REGEXP, Unicode-aware case-insensitive matching).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "db/connection.h"
#include "db/statement_cache.h"

struct sqlite3;
struct sqlite3_stmt;

namespace railgun::db {

class SqliteFunctionState;

struct SqliteOptions {
  std::string path = ":memory:";  // a file path (created when missing unless read_only) or ":memory:"
  bool read_only = false;
  bool wal = true;  // journal_mode=WAL (ignored for :memory:)
  // PRAGMA query_only: every write is refused (kInvalidStatement). The server's SQLite read pool uses it: in WAL
  // mode these readers run beside the single writer connection without waiting for it.
  bool query_only = false;
  std::chrono::milliseconds busy_timeout{5000};
  size_t statement_cache_size = 256;
  // A statement running longer is interrupted (kTimeout); 0 = no limit. Checked every few thousand VM steps.
  std::chrono::milliseconds statement_timeout{0};
};

// Not thread-safe: one connection per worker thread (a db::Pool hands each out to one thread at a time).
class SqliteConnection final : public Connection {
 public:
  static StatusOr<std::unique_ptr<SqliteConnection>> Open(const SqliteOptions& options);
  ~SqliteConnection() override;

  [[nodiscard]] Dialect dialect() const override { return Dialect::kSqlite; }
  Status Prepare(std::string_view sql) override;
  using Connection::Execute;
  using Connection::QueryOneText;
  StatusOr<ResultSet> Execute(std::string_view sql, std::span<const Param> params) override;
  StatusOr<Cell> QueryOneText(std::string_view sql, std::span<const Param> params) override;
  Status ExecuteScript(std::string_view sql) override;
  [[nodiscard]] bool in_transaction() const override;
  Status Ping() override;
  [[nodiscard]] bool broken() const override { return db_ == nullptr; }
  [[nodiscard]] size_t cached_statements() const override { return cache_.size(); }
  void ClearStatementCache() override;

  [[nodiscard]] sqlite3* handle() const { return db_; }
  [[nodiscard]] const SqliteOptions& options() const { return options_; }

 protected:
  Status ExecuteControl(std::string_view sql) override;

 private:
  struct Stmt {
    sqlite3_stmt* stmt = nullptr;
    bool is_insert = false;
  };

  explicit SqliteConnection(SqliteOptions options);
  StatusOr<Stmt*> Lookup(std::string_view sql);
  Status Bind(Stmt& s, std::string_view sql, std::span<const Param> params);
  Status StepError(int rc, std::string_view sql);
  Status PrepareError(int rc, std::string_view sql, std::string_view reason = {});
  // Runs a cached statement; fills `out` (all rows) or `one` (one-cell fast path).
  Status Run(std::string_view sql, std::span<const Param> params, bool control, ResultSet* out, Cell* one);
  Status RegisterFunctions();

  static int ProgressHandler(void* self);
  void StartClock();

  SqliteOptions options_;
  sqlite3* db_ = nullptr;
  std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
  StatementCache<Stmt> cache_;
  // State of the registered SQL functions (regex cache); destroyed after the handle is closed.
  std::unique_ptr<SqliteFunctionState, void (*)(SqliteFunctionState*)> functions_{nullptr, nullptr};
};

// SQL functions registered on every SqliteConnection (see sqlite_functions.h):
//   x REGEXP p / regexp(p, x)   ECMAScript std::regex search (byte-wise on UTF-8); a leading "(?i)" in the
//                               pattern makes it case-insensitive (Django's iregex spelling). NULL in -> NULL.
//   rg_lower(x), rg_upper(x)    Unicode simple case mapping (C.UTF-8 towlower/towupper), unlike SQLite's
//                               ASCII-only lower()/upper().
//   rg_contains(h, n), rg_startswith(h, n), rg_endswith(h, n)   case-sensitive, byte-exact (no LIKE escaping)
//   rg_icontains, rg_istartswith, rg_iendswith, rg_iexact        the same after rg_lower() on both sides
}  // namespace railgun::db
