// Test support: a PostgreSQL database for tests, found or created on demand, on any machine.
#pragma once

#include <string>

#include "railgun/status.h"

namespace railgun::testing {

// The URL of a PostgreSQL database private to this test process, first call decides (then memoized):
//  1. env RAILGUN_TEST_PG_URL, when set and reachable (used as is);
//  2. a server on 127.0.0.1:5432 with trust auth (user `postgres`, else `root`; database `test`, else
//     `postgres`): a fresh uniquely named database is created in it and dropped at process exit;
//  3. otherwise a temporary cluster: initdb (run as the `postgres` system user when we are root) in
//     /tmp/rg-pg-XXXXXX, started with pg_ctl on a free loopback port, stopped and removed at process exit.
//     Clusters left behind by killed test processes are swept on the next start.
// Env RAILGUN_TEST_PG_FORCE_TEMP=1 skips 1 and 2.
[[nodiscard]] StatusOr<std::string> EnsureTestPostgres();

// Another fresh database on the same server as EnsureTestPostgres() (dropped at exit).
[[nodiscard]] StatusOr<std::string> NewTestDatabase();

// Where EnsureTestPostgres() got its server: "env", "local" or "temp" (empty before the first success).
[[nodiscard]] std::string TestPostgresSource();

// Makes every existing session to the test databases fail as after a server restart. With a temporary cluster
// this is a real restart (pg_ctl restart -m fast); with a shared server (env/local) the sessions of this
// process's test databases are terminated with pg_terminate_backend instead, never the server itself. With
// RAILGUN_TEST_PG_URL it returns kNotFound (that database may be shared): callers skip.
[[nodiscard]] Status RestartTestPostgres();

}  // namespace railgun::testing
