// Railgun's SQLite SQL functions (REGEXP, Unicode case mapping, substring lookups) — internal to db/.
#pragma once

#include <memory>
#include <string>
#include <string_view>

struct sqlite3;

namespace railgun::db {

// Per-connection state for the functions: the compiled-regex cache and the case-mapping locale.
class SqliteFunctionState;

// Owns the state; destroy after the sqlite3 handle is closed.
std::unique_ptr<SqliteFunctionState, void (*)(SqliteFunctionState*)> NewSqliteFunctionState();
// Registers regexp, rg_lower, rg_upper, rg_contains, rg_icontains, rg_startswith, rg_istartswith, rg_endswith,
// rg_iendswith, rg_iexact. Returns the SQLite result code.
int RegisterSqliteFunctions(sqlite3* db, SqliteFunctionState* state);

// Unicode simple lowercase / uppercase of UTF-8 text (invalid bytes copied unchanged).
std::string Utf8Lower(std::string_view s);
std::string Utf8Upper(std::string_view s);

// Prefix of error messages raised by these functions for invalid user input (the driver maps it to kInvalidValue).
inline constexpr std::string_view kSqliteUserErrorPrefix = "railgun: ";

}  // namespace railgun::db
