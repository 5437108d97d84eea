// SqliteConnection: libsqlite3 driver (open + pragmas, statement cache, binding, row decoding, error mapping).
#include "db/sqlite.h"

#include <sqlite3.h>

#include <charconv>
#include <string>

#include "db/sqlite_functions.h"

namespace railgun::db {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// True when `rest` is only whitespace, `;` and SQL comments (what may follow the single statement).
bool OnlyTrailingNoise(std::string_view rest) {
  size_t i = 0;
  while (i < rest.size()) {
    if (IsSpace(rest[i]) || rest[i] == ';') {
      ++i;
    } else if (rest.substr(i).starts_with("--")) {
      size_t nl = rest.find('\n', i);
      i = nl == std::string_view::npos ? rest.size() : nl + 1;
    } else if (rest.substr(i).starts_with("/*")) {
      size_t end = rest.find("*/", i + 2);
      if (end == std::string_view::npos) return false;
      i = end + 2;
    } else {
      return false;
    }
  }
  return true;
}

bool StartsWithKeyword(std::string_view sql, std::string_view kw) {
  size_t i = 0;
  while (i < sql.size() && IsSpace(sql[i])) ++i;
  if (sql.size() - i < kw.size()) return false;
  for (size_t k = 0; k < kw.size(); ++k) {
    char c = sql[i + k];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (c != kw[k]) return false;
  }
  return true;
}

std::string DoubleText(double d) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  if (ec != std::errc()) return std::to_string(d);
  return std::string(buf, end);
}

Cell ColumnCell(sqlite3_stmt* stmt, int i) {
  switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_NULL: return std::nullopt;
    case SQLITE_INTEGER: return std::to_string(sqlite3_column_int64(stmt, i));
    case SQLITE_FLOAT: return DoubleText(sqlite3_column_double(stmt, i));
    case SQLITE_BLOB: {
      const void* p = sqlite3_column_blob(stmt, i);
      int n = sqlite3_column_bytes(stmt, i);
      return p == nullptr ? std::string() : std::string(static_cast<const char*>(p), static_cast<size_t>(n));
    }
    default: {
      const unsigned char* p = sqlite3_column_text(stmt, i);
      int n = sqlite3_column_bytes(stmt, i);
      return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
    }
  }
}

// "UNIQUE constraint failed: blog_tag.name, blog_tag.slug" -> table blog_tag, column name.
void ParseConstraintTarget(std::string_view msg, DbError& e) {
  size_t colon = msg.find(": ");
  if (colon == std::string_view::npos) return;
  std::string_view target = msg.substr(colon + 2);
  if (size_t comma = target.find(','); comma != std::string_view::npos) target = target.substr(0, comma);
  if (size_t dot = target.find('.'); dot != std::string_view::npos) {
    e.table = std::string(target.substr(0, dot));
    e.column = std::string(target.substr(dot + 1));
  } else {
    e.constraint = std::string(target);
  }
}

// Resets a statement (and drops its bindings) when the run ends, however it ends.
struct ResetGuard {
  sqlite3_stmt* stmt;
  ~ResetGuard() {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  }
};

}  // namespace

SqliteConnection::SqliteConnection(SqliteOptions options)
    : options_(std::move(options)), cache_(options_.statement_cache_size) {}

SqliteConnection::~SqliteConnection() {
  ClearStatementCache();
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

StatusOr<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const SqliteOptions& options) {
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(options));
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  flags |= options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(options.path.c_str(), &conn->db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = conn->db_ != nullptr ? sqlite3_errmsg(conn->db_) : sqlite3_errstr(rc);
    if (conn->db_ != nullptr) sqlite3_close_v2(conn->db_);
    conn->db_ = nullptr;
    return IoError("cannot open SQLite database '" + options.path + "': " + why);
  }
  sqlite3_extended_result_codes(conn->db_, 1);
  sqlite3_busy_timeout(conn->db_, static_cast<int>(options.busy_timeout.count()));
  RG_RETURN_IF_ERROR(conn->RegisterFunctions());
  if (options.statement_timeout.count() > 0) sqlite3_progress_handler(conn->db_, 4000, ProgressHandler, conn.get());
  std::string pragmas = "PRAGMA foreign_keys = ON;";
  if (options.wal && options.path != ":memory:" && !options.read_only)
    pragmas += "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
  if (options.query_only) pragmas += "PRAGMA query_only = ON;";
  char* err = nullptr;
  rc = sqlite3_exec(conn->db_, pragmas.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string why = err != nullptr ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return IoError("cannot configure SQLite database '" + options.path + "': " + why);
  }
  conn->ResetStats();
  return conn;
}

int SqliteConnection::ProgressHandler(void* self) {
  return std::chrono::steady_clock::now() > static_cast<SqliteConnection*>(self)->deadline_ ? 1 : 0;
}

void SqliteConnection::StartClock() {
  if (options_.statement_timeout.count() > 0) deadline_ = std::chrono::steady_clock::now() + options_.statement_timeout;
}

Status SqliteConnection::RegisterFunctions() {
  functions_ = NewSqliteFunctionState();
  int rc = RegisterSqliteFunctions(db_, functions_.get());
  if (rc != SQLITE_OK) return Internal(std::string("cannot register SQLite functions: ") + sqlite3_errstr(rc));
  return Status::Ok();
}

void SqliteConnection::ClearStatementCache() {
  cache_.Clear([](Stmt& s) { sqlite3_finalize(s.stmt); });
}

bool SqliteConnection::in_transaction() const { return db_ != nullptr && sqlite3_get_autocommit(db_) == 0; }

Status SqliteConnection::Ping() {
  if (db_ == nullptr) return DatabaseError(std::string(DbErrorUserMessage(DbErrorKind::kConnectionLost)));
  return Status::Ok();
}

Status SqliteConnection::PrepareError(int rc, std::string_view sql, std::string_view reason) {
  DbError e;
  e.kind = DbErrorKind::kInvalidStatement;
  e.sqlstate = "SQLITE_" + std::to_string(rc);
  e.detail = "sqlite prepare: " + (reason.empty() ? std::string(sqlite3_errmsg(db_)) : std::string(reason)) +
             " in: " + std::string(sql);
  return Fail(std::move(e));
}

Status SqliteConnection::StepError(int rc, std::string_view sql) {
  std::string msg = sqlite3_errmsg(db_);
  DbError e;
  e.sqlstate = "SQLITE_" + std::to_string(rc);
  e.detail = "sqlite: " + msg + " (" + sqlite3_errstr(rc) + ") in: " + std::string(sql);
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      e.kind = DbErrorKind::kUniqueViolation;
      ParseConstraintTarget(msg, e);
      break;
    case SQLITE_CONSTRAINT_FOREIGNKEY: e.kind = DbErrorKind::kForeignKeyViolation; break;
    case SQLITE_CONSTRAINT_NOTNULL:
      e.kind = DbErrorKind::kNotNullViolation;
      ParseConstraintTarget(msg, e);
      break;
    case SQLITE_CONSTRAINT_CHECK:
      e.kind = DbErrorKind::kCheckViolation;
      ParseConstraintTarget(msg, e);
      break;
    default:
      switch (rc & 0xFF) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED: e.kind = DbErrorKind::kSerializationFailure; break;
        case SQLITE_INTERRUPT: e.kind = DbErrorKind::kTimeout; break;
        case SQLITE_MISMATCH:
        case SQLITE_TOOBIG:
        case SQLITE_RANGE: e.kind = DbErrorKind::kInvalidValue; break;
        case SQLITE_ERROR:
          if (std::string_view(msg).starts_with(kSqliteUserErrorPrefix)) {
            e.kind = DbErrorKind::kInvalidValue;
            e.message = msg.substr(kSqliteUserErrorPrefix.size());
          } else if (msg.starts_with("malformed JSON") || msg.find("JSON") != std::string::npos) {
            e.kind = DbErrorKind::kInvalidValue;
          } else {
            e.kind = DbErrorKind::kOther;
          }
          break;
        default: e.kind = DbErrorKind::kOther; break;
      }
  }
  return Fail(std::move(e));
}

StatusOr<SqliteConnection::Stmt*> SqliteConnection::Lookup(std::string_view sql) {
  if (db_ == nullptr) return Fail(DbError::Of(DbErrorKind::kConnectionLost, "sqlite: closed"));
  if (Stmt* s = cache_.Find(sql)) return s;
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
  ++stats_.prepares;
  if (rc != SQLITE_OK) return PrepareError(rc, sql);
  if (stmt == nullptr) return PrepareError(SQLITE_ERROR, sql, "empty statement");
  std::string_view rest(tail, static_cast<size_t>(sql.data() + sql.size() - tail));
  if (!OnlyTrailingNoise(rest)) {
    sqlite3_finalize(stmt);
    return PrepareError(SQLITE_ERROR, sql, "more than one statement (use ExecuteScript)");
  }
  Stmt entry{stmt, StartsWithKeyword(sql, "INSERT") || StartsWithKeyword(sql, "REPLACE")};
  return &cache_.Insert(std::string(sql), entry, [](Stmt& old) { sqlite3_finalize(old.stmt); });
}

Status SqliteConnection::Prepare(std::string_view sql) {
  RG_ASSIGN_OR_RETURN(Stmt * s, Lookup(sql));
  (void)s;
  ClearError();
  return Status::Ok();
}

Status SqliteConnection::Bind(Stmt& s, std::string_view sql, std::span<const Param> params) {
  int expected = sqlite3_bind_parameter_count(s.stmt);
  if (expected != static_cast<int>(params.size())) {
    return PrepareError(
        SQLITE_RANGE, sql,
        "statement has " + std::to_string(expected) + " parameters, " + std::to_string(params.size()) + " bound");
  }
  for (size_t i = 0; i < params.size(); ++i) {
    const Param& p = params[i];
    int idx = static_cast<int>(i) + 1;
    int rc = SQLITE_OK;
    switch (p.kind()) {
      case Param::Kind::kNull: rc = sqlite3_bind_null(s.stmt, idx); break;
      case Param::Kind::kBool: rc = sqlite3_bind_int(s.stmt, idx, p.as_bool() ? 1 : 0); break;
      case Param::Kind::kInt: rc = sqlite3_bind_int64(s.stmt, idx, p.as_int()); break;
      case Param::Kind::kDouble: rc = sqlite3_bind_double(s.stmt, idx, p.as_double()); break;
      case Param::Kind::kText:
        rc = sqlite3_bind_text64(s.stmt, idx, p.as_text().data(), p.as_text().size(), SQLITE_STATIC, SQLITE_UTF8);
        break;
      case Param::Kind::kBlob:
        rc = sqlite3_bind_blob64(s.stmt, idx, p.as_blob().data(), p.as_blob().size(), SQLITE_STATIC);
        break;
    }
    if (rc != SQLITE_OK) return StepError(rc, sql);
  }
  return Status::Ok();
}

Status SqliteConnection::Run(std::string_view sql, std::span<const Param> params, bool control, ResultSet* out,
                             Cell* one) {
  RG_ASSIGN_OR_RETURN(Stmt * s, Lookup(sql));
  ResetGuard guard{s->stmt};
  RG_RETURN_IF_ERROR(Bind(*s, sql, params));
  NoteStatement(sql, control);
  int ncols = sqlite3_column_count(s->stmt);
  if (one != nullptr && ncols != 1)
    return PrepareError(SQLITE_ERROR, sql, "QueryOneText needs exactly one result column");
  if (out != nullptr) {
    out->columns.reserve(static_cast<size_t>(ncols));
    for (int i = 0; i < ncols; ++i) out->columns.emplace_back(sqlite3_column_name(s->stmt, i));
  }
  size_t nrows = 0;
  int rc;
  StartClock();
  while ((rc = sqlite3_step(s->stmt)) == SQLITE_ROW) {
    ++nrows;
    if (one != nullptr) {
      if (nrows > 1) return PrepareError(SQLITE_ERROR, sql, "QueryOneText got more than one row");
      *one = ColumnCell(s->stmt, 0);
    } else if (out != nullptr) {
      Row row;
      row.reserve(static_cast<size_t>(ncols));
      for (int i = 0; i < ncols; ++i) row.push_back(ColumnCell(s->stmt, i));
      out->rows.push_back(std::move(row));
    }
  }
  if (rc != SQLITE_DONE) return StepError(sqlite3_extended_errcode(db_), sql);
  if (out != nullptr && !sqlite3_stmt_readonly(s->stmt)) {
    out->rows_affected = sqlite3_changes64(db_);
    // After INSERT ... ON CONFLICT DO NOTHING that inserted nothing the rowid would be a stale one: omit it.
    if (s->is_insert && out->rows_affected > 0) out->last_insert_id = sqlite3_last_insert_rowid(db_);
  }
  ClearError();
  return Status::Ok();
}

StatusOr<ResultSet> SqliteConnection::Execute(std::string_view sql, std::span<const Param> params) {
  ResultSet out;
  RG_RETURN_IF_ERROR(Run(sql, params, false, &out, nullptr));
  return out;
}

StatusOr<Cell> SqliteConnection::QueryOneText(std::string_view sql, std::span<const Param> params) {
  Cell one;
  RG_RETURN_IF_ERROR(Run(sql, params, false, nullptr, &one));
  return one;
}

Status SqliteConnection::ExecuteControl(std::string_view sql) { return Run(sql, {}, true, nullptr, nullptr); }

Status SqliteConnection::ExecuteScript(std::string_view sql) {
  if (db_ == nullptr) return Fail(DbError::Of(DbErrorKind::kConnectionLost, "sqlite: closed"));
  std::string text(sql);  // NUL-terminated for the tail loop
  const char* p = text.c_str();
  const char* end = p + text.size();
  while (p < end) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db_, p, static_cast<int>(end - p), &stmt, &tail);
    if (rc != SQLITE_OK) return PrepareError(rc, std::string_view(p, static_cast<size_t>(end - p)));
    if (stmt == nullptr) break;  // only whitespace / comments left
    std::string_view one(p, static_cast<size_t>(tail - p));
    NoteStatement(one);
    StartClock();
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) {
      Status failed = StepError(sqlite3_extended_errcode(db_), one);
      sqlite3_finalize(stmt);
      return failed;
    }
    sqlite3_finalize(stmt);
    p = tail;
  }
  ClearError();
  return Status::Ok();
}

}  // namespace railgun::db
