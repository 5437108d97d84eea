// PostgresConnection: libpq driver (connect, prepare/execute, text params and results, SQLSTATE mapping,
// liveness check and reconnect).
#include "db/postgres.h"

#include <libpq-fe.h>
#include <poll.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

namespace railgun::db {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool StartsWithKeyword(std::string_view sql, std::string_view kw) {
  size_t i = 0;
  while (i < sql.size() && (IsSpace(sql[i]) || sql[i] == '(')) ++i;
  if (sql.size() - i < kw.size()) return false;
  for (size_t k = 0; k < kw.size(); ++k) {
    char c = sql[i + k];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (c != kw[k]) return false;
  }
  return sql.size() - i == kw.size() || !std::isalnum(static_cast<unsigned char>(sql[i + kw.size()]));
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

std::string Field(const PGresult* res, int code) {
  const char* v = res == nullptr ? nullptr : PQresultErrorField(res, code);
  return v == nullptr ? std::string() : std::string(v);
}

DbErrorKind KindForSqlState(std::string_view s) {
  if (s == "23505") return DbErrorKind::kUniqueViolation;
  if (s == "23503") return DbErrorKind::kForeignKeyViolation;
  if (s == "23502") return DbErrorKind::kNotNullViolation;
  if (s == "23514" || s == "23P01") return DbErrorKind::kCheckViolation;
  if (s == "40001" || s == "40P01") return DbErrorKind::kSerializationFailure;
  if (s.starts_with("08") || s == "57P01" || s == "57P02" || s == "57P03") return DbErrorKind::kConnectionLost;
  if (s.starts_with("42") || s == "0A000" || s == "26000" || s == "34000") return DbErrorKind::kInvalidStatement;
  if (s.starts_with("22")) return DbErrorKind::kInvalidValue;
  if (s == "57014") return DbErrorKind::kTimeout;
  return DbErrorKind::kOther;
}

// Text form of a bool / int / double parameter for libpq's text format.
void ParamText(const Param& p, std::string& out) {
  char buf[32];
  switch (p.kind()) {
    case Param::Kind::kBool: out = p.as_bool() ? "true" : "false"; break;
    case Param::Kind::kInt: {
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, p.as_int());
      out.assign(buf, end);
      break;
    }
    case Param::Kind::kDouble: {
      double d = p.as_double();
      if (std::isnan(d)) {
        out = "NaN";
      } else if (std::isinf(d)) {
        out = d > 0 ? "Infinity" : "-Infinity";
      } else {
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
        out.assign(buf, end);
      }
      break;
    }
    default: break;
  }
}

void IgnoreNotice(void*, const char*) {}

}  // namespace

PostgresConnection::PostgresConnection(DatabaseUrl url, PostgresOptions options)
    : url_(std::move(url)), options_(std::move(options)), cache_(options_.statement_cache_size) {}

PostgresConnection::~PostgresConnection() {
  if (conn_ != nullptr) PQfinish(conn_);
}

StatusOr<std::unique_ptr<PostgresConnection>> PostgresConnection::Connect(std::string_view url,
                                                                          const PostgresOptions& options) {
  RG_ASSIGN_OR_RETURN(DatabaseUrl parsed, ParseDatabaseUrl(url));
  return Connect(parsed, options);
}

StatusOr<std::unique_ptr<PostgresConnection>> PostgresConnection::Connect(const DatabaseUrl& url,
                                                                          const PostgresOptions& options) {
  if (url.dialect != Dialect::kPostgres) return InvalidArgument("not a postgresql:// database URL");
  std::unique_ptr<PostgresConnection> conn(new PostgresConnection(url, options));
  RG_RETURN_IF_ERROR(conn->Open());
  return conn;
}

Status PostgresConnection::Open() {
  std::vector<std::pair<std::string, std::string>> kv;
  auto add = [&](std::string k, std::string v) {
    if (!v.empty()) kv.emplace_back(std::move(k), std::move(v));
  };
  add("host", url_.host);
  if (url_.port != 0) add("port", std::to_string(url_.port));
  add("user", url_.user);
  add("password", url_.password);
  add("dbname", url_.database);
  add("client_encoding", "UTF8");
  add("connect_timeout", std::to_string(options_.connect_timeout.count()));
  add("application_name", options_.application_name);
  // Session settings: ours first, then the URL's `options` (a later -c wins).
  std::string session;
  if (!options_.time_zone.empty()) session += "-c TimeZone=" + options_.time_zone;
  if (options_.statement_timeout.count() > 0)
    session += " -c statement_timeout=" + std::to_string(options_.statement_timeout.count());
  if (const std::string* extra = url_.FindParam("options")) session += " " + *extra;
  for (const auto& [k, v] : url_.params) {  // URL query parameters override the defaults above
    if (k == "options") continue;
    std::erase_if(kv, [&](const auto& e) { return e.first == k; });
    kv.emplace_back(k, v);
  }
  add("options", session);
  std::vector<const char*> keys, values;
  for (const auto& [k, v] : kv) {
    keys.push_back(k.c_str());
    values.push_back(v.c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  if (conn_ != nullptr) PQfinish(conn_);
  conn_ = PQconnectdbParams(keys.data(), values.data(), 0);
  if (conn_ == nullptr) return DatabaseError("cannot connect to PostgreSQL: out of memory");
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string why = PQerrorMessage(conn_);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    last_error_ = DbError::Of(DbErrorKind::kConnectionLost, why);
    last_error_.message = std::string(DbErrorUserMessage(DbErrorKind::kConnectionLost));
    return DatabaseError("cannot connect to PostgreSQL at " + url_.Redacted() + ": " + why);
  }
  PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
  return Status::Ok();
}

Status PostgresConnection::Reconnect() {
  transaction_lost_ = false;
  // Server-side prepared statements died with the old session: forget them without DEALLOCATE.
  cache_.Clear([](Stmt&) {});
  ++stats_.reconnects;
  if (conn_ != nullptr) {
    PQreset(conn_);
    if (PQstatus(conn_) == CONNECTION_OK) {
      PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
      return Status::Ok();
    }
  }
  Status s = Open();
  if (!s.ok()) return Fail(DbError::Of(DbErrorKind::kConnectionLost, "reconnect failed: " + s.message()));
  return s;
}

bool PostgresConnection::CanDeallocate() const {
  // DEALLOCATE is not transactional, but an aborted transaction rejects every command.
  if (broken() || transaction_lost_) return false;
  PGTransactionStatusType t = PQtransactionStatus(conn_);
  return t == PQTRANS_IDLE || t == PQTRANS_INTRANS;
}

bool PostgresConnection::broken() const { return conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK; }

bool PostgresConnection::in_transaction() const {
  if (transaction_lost_) return true;
  if (conn_ == nullptr) return false;
  PGTransactionStatusType t = PQtransactionStatus(conn_);
  return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

int PostgresConnection::backend_pid() const { return conn_ == nullptr ? 0 : PQbackendPID(conn_); }
int PostgresConnection::server_version() const { return conn_ == nullptr ? 0 : PQserverVersion(conn_); }

bool PostgresConnection::SocketAlive() {
  if (broken()) return false;
  // An idle session should have nothing to read: data or EOF means the server is closing it (restart,
  // pg_terminate_backend). PQconsumeInput notices EOF and marks the connection bad.
  for (int i = 0; i < 4; ++i) {
    pollfd p{PQsocket(conn_), POLLIN, 0};
    if (poll(&p, 1, 0) <= 0) return true;
    if (PQconsumeInput(conn_) == 0 || broken()) return false;
    while (PGnotify* n = PQnotifies(conn_)) PQfreemem(n);
  }
  return !broken();
}

Status PostgresConnection::Ping() {
  if (transaction_lost_) return Fail(DbError::Of(DbErrorKind::kConnectionLost, "postgres: connection lost"));
  if (!SocketAlive()) return Reconnect();
  Result r(PQexec(conn_, "SELECT 1"));
  if (PQresultStatus(r.get()) == PGRES_TUPLES_OK) return Status::Ok();
  if (broken()) return Reconnect();
  return ResultError(r.get(), "SELECT 1", "ping");
}

void PostgresConnection::ClearStatementCache() {
  cache_.Clear([this](Stmt& s) {
    if (CanDeallocate()) Result(PQexec(conn_, ("DEALLOCATE " + s.name).c_str()));
  });
}

Status PostgresConnection::ResultError(const PGresult* res, std::string_view sql, std::string_view stage) {
  DbError e;
  e.sqlstate = Field(res, PG_DIAG_SQLSTATE);
  std::string primary = Field(res, PG_DIAG_MESSAGE_PRIMARY);
  if (primary.empty()) primary = conn_ != nullptr ? PQerrorMessage(conn_) : "no connection";
  while (!primary.empty() && (primary.back() == '\n' || primary.back() == ' ')) primary.pop_back();
  std::string detail = Field(res, PG_DIAG_MESSAGE_DETAIL);
  e.table = Field(res, PG_DIAG_TABLE_NAME);
  e.column = Field(res, PG_DIAG_COLUMN_NAME);
  e.constraint = Field(res, PG_DIAG_CONSTRAINT_NAME);
  if (!e.sqlstate.empty()) {
    e.kind = KindForSqlState(e.sqlstate);
  } else {
    e.kind = broken() ? DbErrorKind::kConnectionLost : DbErrorKind::kOther;
  }
  if (e.kind != DbErrorKind::kConnectionLost && broken()) e.kind = DbErrorKind::kConnectionLost;
  e.detail = "postgres " + std::string(stage) + ": " + primary;
  if (!detail.empty()) e.detail += " (" + detail + ")";
  if (!e.sqlstate.empty()) e.detail += " [" + e.sqlstate + "]";
  e.detail += " in: " + std::string(sql);
  return Fail(std::move(e));
}

StatusOr<PostgresConnection::Stmt*> PostgresConnection::Lookup(std::string_view sql) {
  if (Stmt* s = cache_.Find(sql)) return s;
  Stmt entry{"rg_s" + std::to_string(++next_statement_id_), 0};
  std::string text(sql);
  ++stats_.prepares;
  Result r(PQprepare(conn_, entry.name.c_str(), text.c_str(), 0, nullptr));
  if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) return ResultError(r.get(), sql, "prepare");
  Result d(PQdescribePrepared(conn_, entry.name.c_str()));
  if (PQresultStatus(d.get()) != PGRES_COMMAND_OK) return ResultError(d.get(), sql, "describe");
  entry.nparams = PQnparams(d.get());
  return &cache_.Insert(std::move(text), std::move(entry), [this](Stmt& old) {
    if (CanDeallocate()) Result(PQexec(conn_, ("DEALLOCATE " + old.name).c_str()));
  });
}

Status PostgresConnection::Prepare(std::string_view sql) {
  if (!in_transaction() && !SocketAlive()) RG_RETURN_IF_ERROR(Reconnect());
  RG_ASSIGN_OR_RETURN(Stmt * s, Lookup(sql));
  (void)s;
  ClearError();
  return Status::Ok();
}

Status PostgresConnection::RunOnce(std::string_view sql, std::span<const Param> params, bool control, ResultSet* out,
                                   Cell* one) {
  RG_ASSIGN_OR_RETURN(Stmt * s, Lookup(sql));
  if (s->nparams != static_cast<int>(params.size())) {
    DbError e = DbError::Of(DbErrorKind::kInvalidStatement, "postgres: statement has " + std::to_string(s->nparams) +
                                                                " parameters, " + std::to_string(params.size()) +
                                                                " bound in: " + std::string(sql));
    return Fail(std::move(e));
  }
  size_t n = params.size();
  std::vector<std::string> owned(n);
  std::vector<const char*> values(n, nullptr);
  std::vector<int> lengths(n, 0), formats(n, 0);
  for (size_t i = 0; i < n; ++i) {
    const Param& p = params[i];
    switch (p.kind()) {
      case Param::Kind::kNull: break;
      case Param::Kind::kText:
        if (p.as_text().find('\0') != std::string::npos) {
          DbError e = DbError::Of(DbErrorKind::kInvalidValue, "postgres: text parameter contains a NUL byte");
          e.message = "text must not contain NUL characters";
          return Fail(std::move(e));
        }
        values[i] = p.as_text().c_str();
        break;
      case Param::Kind::kBlob:
        values[i] = p.as_blob().data();
        lengths[i] = static_cast<int>(p.as_blob().size());
        formats[i] = 1;
        break;
      default:
        ParamText(p, owned[i]);
        values[i] = owned[i].c_str();
        break;
    }
  }
  NoteStatement(sql, control);
  Result r(
      PQexecPrepared(conn_, s->name.c_str(), static_cast<int>(n), values.data(), lengths.data(), formats.data(), 0));
  ExecStatusType st = PQresultStatus(r.get());
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) return ResultError(r.get(), sql, "execute");
  int nrows = PQntuples(r.get());
  int ncols = PQnfields(r.get());
  if (one != nullptr) {
    if (ncols != 1 || nrows > 1) {
      return Fail(DbError::Of(DbErrorKind::kInvalidStatement,
                              "postgres: QueryOneText needs one column and at most one row, got " +
                                  std::to_string(ncols) + " columns, " + std::to_string(nrows) +
                                  " rows in: " + std::string(sql)));
    }
    if (nrows == 1 && !PQgetisnull(r.get(), 0, 0))
      *one = std::string(PQgetvalue(r.get(), 0, 0), static_cast<size_t>(PQgetlength(r.get(), 0, 0)));
    else
      *one = std::nullopt;
  }
  if (out != nullptr) {
    out->columns.reserve(static_cast<size_t>(ncols));
    for (int c = 0; c < ncols; ++c) out->columns.emplace_back(PQfname(r.get(), c));
    out->rows.reserve(static_cast<size_t>(nrows));
    for (int i = 0; i < nrows; ++i) {
      Row row;
      row.reserve(static_cast<size_t>(ncols));
      for (int c = 0; c < ncols; ++c) {
        if (PQgetisnull(r.get(), i, c))
          row.emplace_back(std::nullopt);
        else
          row.emplace_back(std::string(PQgetvalue(r.get(), i, c), static_cast<size_t>(PQgetlength(r.get(), i, c))));
      }
      out->rows.push_back(std::move(row));
    }
    const char* affected = PQcmdTuples(r.get());
    if (affected != nullptr && *affected != '\0' && st == PGRES_COMMAND_OK) out->rows_affected = std::atoll(affected);
    if (affected != nullptr && *affected != '\0' && st == PGRES_TUPLES_OK && !StartsWithKeyword(sql, "SELECT"))
      out->rows_affected = std::atoll(affected);  // INSERT/UPDATE/DELETE ... RETURNING
  }
  ClearError();
  return Status::Ok();
}

Status PostgresConnection::Run(std::string_view sql, std::span<const Param> params, bool control, ResultSet* out,
                               Cell* one) {
  if (transaction_lost_) {
    // The session (and its transaction) died: refuse to run anything outside the transaction the caller thinks
    // it is in, until it rolls back.
    if (control && StartsWithKeyword(sql, "ROLLBACK") && sql.find(" TO ") == std::string_view::npos) {
      transaction_lost_ = false;
      NoteStatement(sql, control);
      ClearError();
      return Status::Ok();
    }
    return Fail(DbError::Of(DbErrorKind::kConnectionLost, "postgres: connection lost inside a transaction"));
  }
  bool was_in_transaction = in_transaction();
  if (!SocketAlive()) {
    if (was_in_transaction) {
      transaction_lost_ = true;
      return Fail(DbError::Of(DbErrorKind::kConnectionLost, "postgres: connection lost inside a transaction"));
    }
    RG_RETURN_IF_ERROR(Reconnect());
  }
  Status s = RunOnce(sql, params, control, out, one);
  if (s.ok() || last_error_.kind != DbErrorKind::kConnectionLost) return s;
  if (was_in_transaction) {
    transaction_lost_ = true;
    return s;
  }
  // Retry once when running the statement twice cannot apply a write twice.
  bool safe = StartsWithKeyword(sql, "SELECT") || (control && StartsWithKeyword(sql, "BEGIN"));
  if (!safe) return s;
  RG_RETURN_IF_ERROR(Reconnect());
  if (out != nullptr) *out = ResultSet{};
  return RunOnce(sql, params, control, out, one);
}

StatusOr<ResultSet> PostgresConnection::Execute(std::string_view sql, std::span<const Param> params) {
  ResultSet out;
  RG_RETURN_IF_ERROR(Run(sql, params, false, &out, nullptr));
  return out;
}

StatusOr<Cell> PostgresConnection::QueryOneText(std::string_view sql, std::span<const Param> params) {
  Cell one;
  RG_RETURN_IF_ERROR(Run(sql, params, false, nullptr, &one));
  return one;
}

Status PostgresConnection::ExecuteControl(std::string_view sql) { return Run(sql, {}, true, nullptr, nullptr); }

Status PostgresConnection::ExecuteScript(std::string_view sql) {
  if (transaction_lost_) return Fail(DbError::Of(DbErrorKind::kConnectionLost, "postgres: connection lost"));
  if (!in_transaction() && !SocketAlive()) RG_RETURN_IF_ERROR(Reconnect());
  NoteStatement(sql);
  std::string text(sql);
  // PQexec runs a multi-statement script as one implicit transaction and returns the last result.
  Result r(PQexec(conn_, text.c_str()));
  ExecStatusType st = PQresultStatus(r.get());
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK && st != PGRES_EMPTY_QUERY)
    return ResultError(r.get(), sql, "script");
  ClearError();
  return Status::Ok();
}

}  // namespace railgun::db
