// Driver-neutral parts of db::Connection: parameters, result sets, error messages, transaction helpers.
#include "db/connection.h"

#include <algorithm>
#include <string>

namespace railgun::db {

StatusOr<Param> Param::FromJson(const json::Value& v) {
  switch (v.kind()) {
    case json::Kind::kNull: return Param();
    case json::Kind::kBool: return Param(v.as_bool());
    case json::Kind::kInt: return Param(v.as_int());
    case json::Kind::kDouble: return Param(v.as_double());
    case json::Kind::kString: return Param(v.as_string());
    case json::Kind::kRaw: return Param(v.as_string());
    case json::Kind::kArray:
    case json::Kind::kObject: break;
  }
  return InvalidArgument("a JSON array or object cannot be bound directly; serialize it to text first");
}

std::string Param::DebugString() const {
  switch (kind()) {
    case Kind::kNull: return "NULL";
    case Kind::kBool: return as_bool() ? "true" : "false";
    case Kind::kInt: return std::to_string(as_int());
    case Kind::kDouble: return std::to_string(as_double());
    case Kind::kText: {
      const std::string& s = as_text();
      if (s.size() <= 64) return "'" + s + "'";
      return "'" + s.substr(0, 64) + "...' (" + std::to_string(s.size()) + " bytes)";
    }
    case Kind::kBlob: return "<blob " + std::to_string(as_blob().size()) + " bytes>";
  }
  return "?";
}

int ResultSet::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == name) return static_cast<int>(i);
  return -1;
}

const Cell* ResultSet::Get(size_t row, std::string_view column) const {
  int c = ColumnIndex(column);
  if (c < 0 || row >= rows.size()) return nullptr;
  return &rows[row][static_cast<size_t>(c)];
}

std::string_view DbErrorKindName(DbErrorKind k) {
  switch (k) {
    case DbErrorKind::kNone: return "none";
    case DbErrorKind::kUniqueViolation: return "unique_violation";
    case DbErrorKind::kForeignKeyViolation: return "foreign_key_violation";
    case DbErrorKind::kNotNullViolation: return "not_null_violation";
    case DbErrorKind::kCheckViolation: return "check_violation";
    case DbErrorKind::kSerializationFailure: return "serialization_failure";
    case DbErrorKind::kConnectionLost: return "connection_lost";
    case DbErrorKind::kInvalidStatement: return "invalid_statement";
    case DbErrorKind::kInvalidValue: return "invalid_value";
    case DbErrorKind::kOther: return "other";
    case DbErrorKind::kTimeout: return "timeout";
  }
  return "other";
}

std::string_view DbErrorUserMessage(DbErrorKind k) {
  switch (k) {
    case DbErrorKind::kNone: return "no error";
    case DbErrorKind::kUniqueViolation: return "unique constraint violated";
    case DbErrorKind::kForeignKeyViolation: return "foreign key constraint violated";
    case DbErrorKind::kNotNullViolation: return "not-null constraint violated";
    case DbErrorKind::kCheckViolation: return "check constraint violated";
    case DbErrorKind::kSerializationFailure: return "concurrent update conflict; retry the request";
    case DbErrorKind::kConnectionLost: return "database connection lost";
    case DbErrorKind::kInvalidStatement: return "invalid database statement";
    case DbErrorKind::kInvalidValue: return "value rejected by the database";
    case DbErrorKind::kOther: return "database error";
    case DbErrorKind::kTimeout: return "database statement timed out";
  }
  return "database error";
}

std::string Placeholder(Dialect d, int n) { return d == Dialect::kSqlite ? "?" : "$" + std::to_string(n); }

StatusCode SuggestedStatusCode(DbErrorKind k) {
  switch (k) {
    case DbErrorKind::kUniqueViolation:
    case DbErrorKind::kForeignKeyViolation:
    case DbErrorKind::kNotNullViolation:
    case DbErrorKind::kCheckViolation: return StatusCode::kValidationError;
    case DbErrorKind::kInvalidValue: return StatusCode::kBadUserInput;
    case DbErrorKind::kInvalidStatement: return StatusCode::kInternal;
    case DbErrorKind::kTimeout: return StatusCode::kTooComplex;
    case DbErrorKind::kNone: return StatusCode::kOk;
    default: return StatusCode::kDatabaseError;
  }
}

Status RunInTransaction(Connection& conn, const std::function<Status(Connection&)>& body, int max_attempts) {
  Status last = Internal("RunInTransaction: no attempt made");
  for (int attempt = 0; attempt < std::max(1, max_attempts); ++attempt) {
    Transaction tx(conn);
    last = tx.Begin();
    if (last.ok()) last = body(conn);
    if (last.ok()) last = tx.Commit();
    if (last.ok()) return last;
    bool retry = conn.last_error().kind == DbErrorKind::kSerializationFailure;
    (void)tx.Rollback();
    if (!retry) return last;
  }
  return last;
}

bool IsPlainIdentifier(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    bool digit = c >= '0' && c <= '9';
    if (!alpha && !(digit && i > 0)) return false;
  }
  return true;
}

Status Connection::Fail(DbError error) {
  if (error.message.empty()) error.message = std::string(DbErrorUserMessage(error.kind));
  last_error_ = std::move(error);
  return DatabaseError(last_error_.message);
}

Status Connection::Begin() {
  // PostgreSQL would only warn; make nesting an error on both drivers (nested writes use savepoints).
  if (in_transaction()) return Internal("a transaction is already open on this connection; use a savepoint");
  return ExecuteControl(dialect() == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}
Status Connection::Commit() { return ExecuteControl("COMMIT"); }
Status Connection::Cleanup(const std::string& sql) {
  DbError failure = last_error_;
  Status s = ExecuteControl(sql);
  if (s.ok()) last_error_ = std::move(failure);  // keep the failure that led to the cleanup
  return s;
}

Status Connection::Rollback() { return Cleanup("ROLLBACK"); }

Status Connection::Savepoint(std::string_view name) {
  if (!IsPlainIdentifier(name)) return InvalidArgument("invalid savepoint name");
  return ExecuteControl("SAVEPOINT " + std::string(name));
}
Status Connection::ReleaseSavepoint(std::string_view name) {
  if (!IsPlainIdentifier(name)) return InvalidArgument("invalid savepoint name");
  return Cleanup("RELEASE SAVEPOINT " + std::string(name));
}
Status Connection::RollbackToSavepoint(std::string_view name) {
  if (!IsPlainIdentifier(name)) return InvalidArgument("invalid savepoint name");
  return Cleanup("ROLLBACK TO SAVEPOINT " + std::string(name));
}

Transaction::~Transaction() {
  if (active_ && conn_.in_transaction()) (void)conn_.Rollback();
}

Status Transaction::Begin() {
  if (active_) return Internal("transaction already begun");
  RG_RETURN_IF_ERROR(conn_.Begin());
  active_ = true;
  return Status::Ok();
}

Status Transaction::Commit() {
  if (!active_) return Internal("no active transaction to commit");
  Status s = conn_.Commit();
  // A failed COMMIT (e.g. deferred constraint) leaves PostgreSQL's transaction closed and SQLite's open: the
  // destructor rolls back whatever is still open.
  if (s.ok()) active_ = false;
  return s;
}

Status Transaction::Rollback() {
  if (!active_) return Status::Ok();
  active_ = false;
  if (!conn_.in_transaction()) return Status::Ok();
  return conn_.Rollback();
}

ScopedSavepoint::~ScopedSavepoint() {
  if (active_) (void)Rollback();
}

Status ScopedSavepoint::Begin() {
  if (active_) return Internal("savepoint already begun");
  RG_RETURN_IF_ERROR(conn_.Savepoint(name_));
  active_ = true;
  return Status::Ok();
}

Status ScopedSavepoint::Release() {
  if (!active_) return Internal("no active savepoint to release");
  RG_RETURN_IF_ERROR(conn_.ReleaseSavepoint(name_));
  active_ = false;
  return Status::Ok();
}

Status ScopedSavepoint::Rollback() {
  if (!active_) return Status::Ok();
  active_ = false;
  if (!conn_.in_transaction()) return Status::Ok();
  RG_RETURN_IF_ERROR(conn_.RollbackToSavepoint(name_));
  return conn_.ReleaseSavepoint(name_);
}

}  // namespace railgun::db
