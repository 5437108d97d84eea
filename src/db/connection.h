// db::Connection — the driver-neutral database connection the SQL compiler and the mutation pipeline run on:
// parameterized statements (prepared once per connection, cached by SQL text), the one-cell JSON fast path,
// transactions and savepoints, classified errors and a statement counter for tests.
#pragma once

#include <concepts>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "json/value.h"
#include "railgun/status.h"

namespace railgun::db {

enum class Dialect : uint8_t { kSqlite, kPostgres };
[[nodiscard]] constexpr std::string_view DialectName(Dialect d) {
  return d == Dialect::kSqlite ? "sqlite" : "postgres";
}

// Raw bytes for BLOB / bytea parameters.
struct Blob {
  std::string bytes;
  friend bool operator==(const Blob&, const Blob&) = default;
};

// One bound parameter. Text is UTF-8; JSON parameters are text that the SQL casts (`?::jsonb`, `json(?)`).
class Param {
 public:
  enum class Kind : uint8_t { kNull, kBool, kInt, kDouble, kText, kBlob };

  Param() = default;        // NULL
  Param(std::nullptr_t) {}  // NOLINT(google-explicit-constructor)
  Param(bool b) : v_(b) {}  // NOLINT(google-explicit-constructor)
  // Any integer type (int, long, long long, size_t, ...) binds as int64 (unsigned values above INT64_MAX wrap).
  template <std::integral I>
  requires(!std::same_as<I, bool>) Param(I i) : v_(static_cast<int64_t>(i)) {}  // NOLINT(google-explicit-constructor)
  Param(double d) : v_(d) {}                                                    // NOLINT(google-explicit-constructor)
  Param(std::string s) : v_(std::move(s)) {}                                    // NOLINT(google-explicit-constructor)
  Param(std::string_view s) : v_(std::string(s)) {}                             // NOLINT(google-explicit-constructor)
  Param(const char* s) : v_(std::string(s)) {}                                  // NOLINT(google-explicit-constructor)
  Param(Blob b) : v_(std::move(b)) {}                                           // NOLINT(google-explicit-constructor)

  static Param Null() { return Param(); }
  static Param Text(std::string s) { return Param(std::move(s)); }
  static Param Bytes(std::string bytes) { return Param(Blob{std::move(bytes)}); }

  // Scalar JSON -> parameter: null, bool, int, double, string map to their kinds; kRaw (serialized JSON) becomes
  // text. Arrays and objects are rejected (serialize them with json::Write and pass the text).
  [[nodiscard]] static StatusOr<Param> FromJson(const json::Value& v);

  [[nodiscard]] Kind kind() const { return static_cast<Kind>(v_.index()); }
  [[nodiscard]] bool is_null() const { return kind() == Kind::kNull; }
  [[nodiscard]] bool as_bool() const { return std::get<bool>(v_); }
  [[nodiscard]] int64_t as_int() const { return std::get<int64_t>(v_); }
  [[nodiscard]] double as_double() const { return std::get<double>(v_); }
  [[nodiscard]] const std::string& as_text() const { return std::get<std::string>(v_); }
  [[nodiscard]] const std::string& as_blob() const { return std::get<Blob>(v_).bytes; }

  // Debug form for logs (text truncated, blobs as a length): never shown to API users.
  [[nodiscard]] std::string DebugString() const;

  friend bool operator==(const Param&, const Param&) = default;

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, Blob> v_;
};

using Params = std::vector<Param>;

// Cell text: the database's text form of a value, std::nullopt for SQL NULL. SQLite integers are decimal,
// reals use the shortest round-trip form, blobs are the raw bytes; PostgreSQL cells are the server's text output
// (bytea as `\x` hex, booleans `t`/`f`).
using Cell = std::optional<std::string>;
using Row = std::vector<Cell>;

struct ResultSet {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  int64_t rows_affected = 0;              // INSERT/UPDATE/DELETE row count (0 for queries)
  std::optional<int64_t> last_insert_id;  // SQLite rowid after an INSERT; PostgreSQL: use RETURNING

  [[nodiscard]] size_t size() const { return rows.size(); }
  [[nodiscard]] bool empty() const { return rows.empty(); }
  // Index of a column by name, -1 when absent.
  [[nodiscard]] int ColumnIndex(std::string_view name) const;
  // Cell (row, column name); nullptr when the column is absent.
  [[nodiscard]] const Cell* Get(size_t row, std::string_view column) const;
};

// Classification of a failed statement, for higher layers to map to field errors.
enum class DbErrorKind : uint8_t {
  kNone,
  kUniqueViolation,
  kForeignKeyViolation,
  kNotNullViolation,
  kCheckViolation,
  kSerializationFailure,  // also deadlocks and SQLite BUSY/LOCKED: the transaction may be retried
  kConnectionLost,
  kInvalidStatement,  // syntax error, unknown table/column, wrong parameter count: a bug, not user input
  kInvalidValue,      // value the database rejected (bad number/date text, NUL in text, out of range)
  kOther,
  kTimeout,  // statement_timeout reached (PostgreSQL 57014, SQLite interrupted by the progress handler)
};
[[nodiscard]] std::string_view DbErrorKindName(DbErrorKind k);

// The full detail of the last failure. `message` is safe to show to API users (no SQL, no values);
// `detail` holds the raw driver message and the statement text for logs.
struct DbError {
  DbErrorKind kind = DbErrorKind::kNone;
  std::string message;     // e.g. "unique constraint violated"
  std::string detail;      // raw driver message + SQL (server logs only)
  std::string sqlstate;    // PostgreSQL SQLSTATE, or "SQLITE_<extended code>" for SQLite
  std::string table;       // when the driver reports it
  std::string column;      // first column named by the driver (NOT NULL / UNIQUE on SQLite, PG column field)
  std::string constraint;  // PostgreSQL constraint name

  static DbError Of(DbErrorKind kind, std::string detail) {
    DbError e;
    e.kind = kind;
    e.detail = std::move(detail);
    return e;
  }
  [[nodiscard]] bool retryable() const {
    return kind == DbErrorKind::kSerializationFailure || kind == DbErrorKind::kConnectionLost;
  }
};

// Counters observable by tests (e.g. "this query ran in one statement").
struct ConnectionStats {
  int64_t statements = 0;              // every statement sent for execution, transaction control included
  int64_t transaction_statements = 0;  // of which BEGIN / COMMIT / ROLLBACK / SAVEPOINT / RELEASE
  int64_t prepares = 0;                // statements compiled/prepared (cache misses)
  int64_t reconnects = 0;              // transparent reconnects (PostgreSQL)
};

class Connection {
 public:
  virtual ~Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  [[nodiscard]] virtual Dialect dialect() const = 0;

  // Prepares `sql` (one statement) into the per-connection cache without running it; reports syntax errors early.
  virtual Status Prepare(std::string_view sql) = 0;
  // Runs one parameterized statement (prepared on first use, then reused from the cache). Placeholders:
  // `?` or `?NNN` on SQLite, `$1..$n` on PostgreSQL.
  virtual StatusOr<ResultSet> Execute(std::string_view sql, std::span<const Param> params) = 0;
  StatusOr<ResultSet> Execute(std::string_view sql, std::initializer_list<Param> params = {}) {
    return Execute(sql, std::span<const Param>(params.begin(), params.size()));
  }
  // Fast path for root fields: the single text cell of a one-column result. Zero rows -> std::nullopt (like a
  // NULL cell); more than one row or column is an error.
  virtual StatusOr<Cell> QueryOneText(std::string_view sql, std::span<const Param> params) = 0;
  StatusOr<Cell> QueryOneText(std::string_view sql, std::initializer_list<Param> params = {}) {
    return QueryOneText(sql, std::span<const Param>(params.begin(), params.size()));
  }
  // Runs a script of one or more statements without parameters and without caching (DDL, migrations, fixtures).
  virtual Status ExecuteScript(std::string_view sql) = 0;

  // Transactions. Begin() on SQLite is BEGIN IMMEDIATE (writers take the lock up front, no upgrade deadlocks).
  // Begin() inside an open transaction fails (kInternal) on both drivers: nest with savepoints.
  Status Begin();
  Status Commit();
  Status Rollback();
  // Savepoint names must be identifiers ([A-Za-z_][A-Za-z0-9_]*).
  Status Savepoint(std::string_view name);
  Status ReleaseSavepoint(std::string_view name);
  Status RollbackToSavepoint(std::string_view name);
  // True between Begin() and Commit()/Rollback() (as tracked by the driver, so also after an SQL-level BEGIN).
  [[nodiscard]] virtual bool in_transaction() const = 0;

  // Health: a cheap liveness check (no statement counted). PostgreSQL reconnects when the check fails.
  virtual Status Ping() = 0;
  // True when the connection is known to be unusable (lost and not yet reconnected).
  [[nodiscard]] virtual bool broken() const = 0;

  [[nodiscard]] const ConnectionStats& stats() const { return stats_; }
  [[nodiscard]] int64_t statement_count() const { return stats_.statements; }
  void ResetStats() { stats_ = {}; }
  [[nodiscard]] virtual size_t cached_statements() const = 0;
  virtual void ClearStatementCache() = 0;

  // The last failure's full detail (kind kNone after a successful statement). A successful ROLLBACK, ROLLBACK TO
  // or RELEASE keeps the failure that led to it, so callers can classify after cleaning up.
  [[nodiscard]] const DbError& last_error() const { return last_error_; }

  // Optional observer called with each statement's SQL before it is sent (tests record expected SQL with it).
  void set_statement_observer(std::function<void(std::string_view sql)> observer) { observer_ = std::move(observer); }

 protected:
  Connection() = default;
  // Drivers call these around each statement.
  void NoteStatement(std::string_view sql, bool transaction_control = false) {
    ++stats_.statements;
    if (transaction_control) ++stats_.transaction_statements;
    if (observer_) observer_(sql);
  }
  // Records `error` as the last error and returns the user-facing Status (kDatabaseError, safe message).
  Status Fail(DbError error);
  void ClearError() { last_error_ = DbError{}; }
  // Runs a transaction-control statement (no params, counted as such).
  virtual Status ExecuteControl(std::string_view sql) = 0;
  // A control statement that cleans up after a failure: on success last_error() still describes that failure.
  Status Cleanup(const std::string& sql);

  ConnectionStats stats_;
  DbError last_error_;
  std::function<void(std::string_view)> observer_;
};

// The dialect's n-th (1-based) parameter placeholder: "?" on SQLite (positional), "$n" on PostgreSQL.
[[nodiscard]] std::string Placeholder(Dialect d, int n);

// A suggested GraphQL-facing code for a failure: constraint violations -> kValidationError, rejected values ->
// kBadUserInput, a statement bug -> kInternal, timeouts -> kTooComplex, everything else -> kDatabaseError.
// (The executor decides; this keeps the mapping in one place.)
[[nodiscard]] StatusCode SuggestedStatusCode(DbErrorKind k);

// Runs `body` inside a transaction (Begin, body, Commit). When the body or the commit fails with a retryable error
// (serialization failure, deadlock, SQLite busy) the transaction is rolled back and the whole body runs again, up
// to `max_attempts` times in all. Any other failure rolls back and is returned as is.
Status RunInTransaction(Connection& conn, const std::function<Status(Connection&)>& body, int max_attempts = 3);

// The user-facing message for a classification ("unique constraint violated", ...).
[[nodiscard]] std::string_view DbErrorUserMessage(DbErrorKind k);
// True when `name` is a plain SQL identifier usable unquoted as a savepoint name.
[[nodiscard]] bool IsPlainIdentifier(std::string_view name);

// RAII transaction: rolls back in the destructor unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Connection& conn) : conn_(conn) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Status Begin();
  Status Commit();
  Status Rollback();
  [[nodiscard]] bool active() const { return active_; }

 private:
  Connection& conn_;
  bool active_ = false;
};

// RAII savepoint inside an open transaction: rolls back to (and releases) the savepoint unless Release() succeeded.
class ScopedSavepoint {
 public:
  ScopedSavepoint(Connection& conn, std::string name) : conn_(conn), name_(std::move(name)) {}
  ~ScopedSavepoint();
  ScopedSavepoint(const ScopedSavepoint&) = delete;
  ScopedSavepoint& operator=(const ScopedSavepoint&) = delete;

  Status Begin();
  Status Release();
  Status Rollback();  // ROLLBACK TO + RELEASE
  [[nodiscard]] bool active() const { return active_; }

 private:
  Connection& conn_;
  std::string name_;
  bool active_ = false;
};

}  // namespace railgun::db
