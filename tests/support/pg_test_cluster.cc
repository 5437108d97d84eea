// EnsureTestPostgres(): env URL, local trust server, or a temporary initdb cluster (see pg_test_cluster.h).
#include "pg_test_cluster.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <glob.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace railgun::testing {
namespace {

namespace fs = std::filesystem;

struct PgConnDeleter {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using PgConn = std::unique_ptr<PGconn, PgConnDeleter>;

// Connects with a short timeout; nullptr (and `error`) on failure.
PgConn TryConnect(const std::string& conninfo, std::string* error = nullptr) {
  PgConn c(PQconnectdb(conninfo.c_str()));
  if (c && PQstatus(c.get()) == CONNECTION_OK) {
    PQsetNoticeProcessor(
        c.get(), [](void*, const char*) {}, nullptr);
    return c;
  }
  if (error != nullptr) *error = c ? PQerrorMessage(c.get()) : "out of memory";
  return nullptr;
}

bool Exec(PGconn* c, const std::string& sql, std::string* error = nullptr) {
  PGresult* r = PQexec(c, sql.c_str());
  ExecStatusType st = PQresultStatus(r);
  bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
  if (!ok && error != nullptr) *error = PQresultErrorMessage(r);
  PQclear(r);
  return ok;
}

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

// Runs argv (no shell), stdout+stderr appended to `log`. Returns the exit status (-1 when it could not run).
int Run(const std::vector<std::string>& argv, const std::string& log) {
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    // All paths are absolute; the cluster owner may not be allowed into our working directory.
    if (chdir("/") != 0) _exit(126);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, 0);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The directory holding initdb/pg_ctl: the newest /usr/lib/postgresql/*/bin, else pg_config --bindir, else PATH.
std::string FindPgBinDir() {
  glob_t g{};
  std::vector<std::string> dirs;
  if (glob("/usr/lib/postgresql/*/bin/initdb", 0, nullptr, &g) == 0) {
    for (size_t i = 0; i < g.gl_pathc; ++i) dirs.push_back(fs::path(g.gl_pathv[i]).parent_path().string());
  }
  globfree(&g);
  if (!dirs.empty()) {
    std::sort(dirs.begin(), dirs.end(), [](const std::string& a, const std::string& b) {
      auto ver = [](const std::string& d) { return std::atoi(fs::path(d).parent_path().filename().c_str()); };
      return ver(a) < ver(b);
    });
    return dirs.back();
  }
  for (const char* d : {"/usr/local/pgsql/bin", "/usr/pgsql/bin", "/opt/homebrew/bin", "/usr/local/bin", "/usr/bin"})
    if (access((std::string(d) + "/initdb").c_str(), X_OK) == 0) return d;
  return "";
}

int FreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

struct State {
  std::mutex mu;
  bool ready = false;
  Status failure;  // remembered failure of the temporary-cluster path
  std::string source;          // env / local / temp
  std::string base_url;        // postgresql://user@host:port/   (no database)
  std::string admin_conninfo;  // where CREATE/DROP DATABASE run
  std::string url;             // EnsureTestPostgres() result
  std::vector<std::string> created_databases;
  // Temporary cluster.
  std::string temp_dir, bin_dir;
  int port = 0;
  bool as_postgres_user = false;
  int counter = 0;
};

State& S() {
  static State* s = new State();  // leaked: used by the atexit handler after static destructors may have run
  return *s;
}

// runuser (util-linux) when present, else `su postgres -s /bin/sh -c '<quoted command>'`.
std::vector<std::string> AsPostgresUser(const std::vector<std::string>& argv) {
  for (const char* runuser : {"/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"}) {
    if (access(runuser, X_OK) != 0) continue;
    std::vector<std::string> out = {runuser, "-u", "postgres", "--"};
    out.insert(out.end(), argv.begin(), argv.end());
    return out;
  }
  std::string cmd;
  for (const std::string& a : argv) {
    std::string quoted = "'";
    for (char c : a) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    cmd += (cmd.empty() ? "" : " ") + quoted + "'";
  }
  return {"su", "postgres", "-s", "/bin/sh", "-c", cmd};
}

std::vector<std::string> AsClusterOwner(std::vector<std::string> argv) {
  return S().as_postgres_user ? AsPostgresUser(argv) : argv;
}

std::string PgCtlOptions(const State& s) {
  return "-k " + s.temp_dir + " -p " + std::to_string(s.port) +
         " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
         " -c max_connections=60 -c shared_buffers=16MB";
}

void StopTempCluster(const std::string& bin_dir, const std::string& dir, bool as_postgres) {
  std::vector<std::string> argv = {bin_dir + "/pg_ctl", "-D", dir + "/data", "-m", "immediate", "-w", "stop"};
  Run(as_postgres ? AsPostgresUser(argv) : argv, "/dev/null");
  std::error_code ec;
  fs::remove_all(dir, ec);
}

void Cleanup() {
  State& s = S();
  std::lock_guard lock(s.mu);
  if (s.source == "temp") {
    StopTempCluster(s.bin_dir, s.temp_dir, s.as_postgres_user);
    return;
  }
  if (s.created_databases.empty()) return;
  PgConn admin = TryConnect(s.admin_conninfo);
  if (!admin) return;
  for (const std::string& db : s.created_databases) {
    if (!Exec(admin.get(), "DROP DATABASE IF EXISTS \"" + db + "\" WITH (FORCE)"))
      Exec(admin.get(), "DROP DATABASE IF EXISTS \"" + db + "\"");
  }
}

// Stops and removes temporary clusters whose owning test process is gone.
void SweepStaleClusters(const std::string& bin_dir) {
  glob_t g{};
  if (glob("/tmp/rg-pg-*/owner.pid", 0, nullptr, &g) != 0) return globfree(&g);
  for (size_t i = 0; i < g.gl_pathc; ++i) {
    std::string marker = g.gl_pathv[i];
    pid_t owner = static_cast<pid_t>(std::atoi(ReadFile(marker).c_str()));
    if (owner <= 0 || (kill(owner, 0) != 0 && errno == ESRCH)) {
      std::string dir = fs::path(marker).parent_path().string();
      struct stat st {};
      bool owned_by_postgres = stat((dir + "/data").c_str(), &st) == 0 && st.st_uid != getuid();
      StopTempCluster(bin_dir, dir, owned_by_postgres && getuid() == 0);
    }
  }
  globfree(&g);
}

std::string NewDatabaseName() {
  State& s = S();
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return "rg_test_" + std::to_string(getpid()) + "_" +
         std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now).count() % 100000000) + "_" +
         std::to_string(++s.counter);
}

// Creates a database through the admin connection (retrying transient "source database is being accessed").
StatusOr<std::string> CreateDatabaseLocked() {
  State& s = S();
  std::string error;
  PgConn admin = TryConnect(s.admin_conninfo, &error);
  if (!admin) return IoError("cannot reach the test PostgreSQL server: " + error);
  std::string name = NewDatabaseName();
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (Exec(admin.get(), "CREATE DATABASE \"" + name + "\" TEMPLATE template0 ENCODING 'UTF8'", &error)) {
      s.created_databases.push_back(name);
      return s.base_url + name;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200 * (attempt + 1)));
  }
  return IoError("cannot create test database: " + error);
}

bool TryEnv(State& s) {
  std::string url = Env("RAILGUN_TEST_PG_URL");
  if (url.empty()) return false;
  std::string conninfo = url + (url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=5";
  if (!TryConnect(conninfo)) return false;
  s.source = "env";
  s.url = url;
  s.admin_conninfo = conninfo;
  // Further databases go next to the given one: strip the database name from the URL.
  size_t scheme = url.find("://");
  size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  s.base_url = slash == std::string::npos ? url + "/" : url.substr(0, slash + 1);
  return true;
}

bool TryLocal(State& s) {
  for (const char* user : {"postgres", "root"}) {
    for (const char* db : {"test", "postgres"}) {
      std::string conninfo = std::string("host=127.0.0.1 port=5432 connect_timeout=3 user=") + user + " dbname=" + db;
      if (!TryConnect(conninfo)) continue;
      s.source = "local";
      s.admin_conninfo = conninfo;
      s.base_url = std::string("postgresql://") + user + "@127.0.0.1:5432/";
      auto url = CreateDatabaseLocked();
      if (!url.ok()) continue;
      s.url = *url;
      return true;
    }
  }
  return false;
}

Status StartTemp(State& s) {
  s.bin_dir = FindPgBinDir();
  if (s.bin_dir.empty())
    return NotFound("no PostgreSQL server binaries (initdb) found; install the postgresql package");
  SweepStaleClusters(s.bin_dir);
  char templ[] = "/tmp/rg-pg-XXXXXX";
  if (mkdtemp(templ) == nullptr) return IoError("mkdtemp failed");
  s.temp_dir = templ;
  std::ofstream(s.temp_dir + "/owner.pid") << getpid();
  std::string log = s.temp_dir + "/setup.log";
  s.as_postgres_user = getuid() == 0;
  if (s.as_postgres_user) {
    struct passwd* pw = getpwnam("postgres");
    if (pw == nullptr) return NotFound("running as root but there is no `postgres` system user to run initdb as");
    if (chown(s.temp_dir.c_str(), pw->pw_uid, pw->pw_gid) != 0) return IoError("cannot chown " + s.temp_dir);
    chmod(s.temp_dir.c_str(), 0755);
  }
  std::vector<std::string> initdb = {
      s.bin_dir + "/initdb", "-D", s.temp_dir + "/data", "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"};
  auto with_locale = initdb;
  with_locale.push_back("--locale=C.UTF-8");
  if (Run(AsClusterOwner(with_locale), log) != 0) {
    std::error_code ec;
    fs::remove_all(s.temp_dir + "/data", ec);
    initdb.push_back("--no-locale");
    if (Run(AsClusterOwner(initdb), log) != 0) {
      std::string out = ReadFile(log);
      fs::remove_all(s.temp_dir, ec);
      return IoError("initdb failed: " + out.substr(0, 2000));
    }
  }
  s.source = "temp";  // from here Cleanup() stops and removes the directory
  for (int attempt = 0; attempt < 5; ++attempt) {
    s.port = FreeLoopbackPort();
    std::vector<std::string> start = {
        s.bin_dir + "/pg_ctl", "-D",   s.temp_dir + "/data", "-l", s.temp_dir + "/server.log", "-w", "-t", "60", "-o",
        PgCtlOptions(s),       "start"};
    if (Run(AsClusterOwner(start), log) == 0) {
      s.admin_conninfo =
          "host=127.0.0.1 port=" + std::to_string(s.port) + " user=postgres dbname=postgres connect_timeout=5";
      s.base_url = "postgresql://postgres@127.0.0.1:" + std::to_string(s.port) + "/";
      auto url = CreateDatabaseLocked();
      if (!url.ok()) return url.status();
      s.url = *url;
      return Status::Ok();
    }
  }
  return IoError("pg_ctl start failed: " + ReadFile(s.temp_dir + "/server.log").substr(0, 2000) +
                 ReadFile(log).substr(0, 2000));
}

}  // namespace

StatusOr<std::string> EnsureTestPostgres() {
  State& s = S();
  std::lock_guard lock(s.mu);
  if (s.ready) return s.url;
  static bool cleanup_registered = false;
  if (!cleanup_registered) {
    cleanup_registered = true;
    std::atexit(Cleanup);
  }
  bool force_temp = Env("RAILGUN_TEST_PG_FORCE_TEMP") == "1";
  if (!force_temp && (TryEnv(s) || TryLocal(s))) {
    s.ready = true;
    return s.url;
  }
  if (!s.failure.ok()) return s.failure;  // don't initdb again for every test after a failure
  Status st = StartTemp(s);
  if (!st.ok()) {
    s.failure = st;
    return st;
  }
  s.ready = true;
  return s.url;
}

StatusOr<std::string> NewTestDatabase() {
  RG_RETURN_IF_ERROR(EnsureTestPostgres().status());
  std::lock_guard lock(S().mu);
  return CreateDatabaseLocked();
}

std::string TestPostgresSource() {
  std::lock_guard lock(S().mu);
  return S().ready ? S().source : std::string();
}

Status RestartTestPostgres() {
  RG_RETURN_IF_ERROR(EnsureTestPostgres().status());
  State& s = S();
  std::lock_guard lock(s.mu);
  if (s.source == "temp") {
    std::vector<std::string> restart = {s.bin_dir + "/pg_ctl",
                                        "-D",
                                        s.temp_dir + "/data",
                                        "-l",
                                        s.temp_dir + "/server.log",
                                        "-w",
                                        "-t",
                                        "60",
                                        "-m",
                                        "fast",
                                        "-o",
                                        PgCtlOptions(s),
                                        "restart"};
    if (Run(AsClusterOwner(restart), s.temp_dir + "/setup.log") != 0)
      return IoError("pg_ctl restart failed: " + ReadFile(s.temp_dir + "/server.log").substr(0, 2000));
    return Status::Ok();
  }
  std::string error;
  PgConn admin = TryConnect(s.admin_conninfo, &error);
  if (!admin) return IoError("cannot reach the test PostgreSQL server: " + error);
  if (s.source == "env") {
    return NotFound("RestartTestPostgres is unavailable with RAILGUN_TEST_PG_URL: its database may be shared");
  }
  std::string list;
  for (const std::string& db : s.created_databases) list += (list.empty() ? "'" : ", '") + db + "'";
  if (list.empty()) return Status::Ok();
  const std::string others = "FROM pg_stat_activity WHERE datname IN (" + list + ") AND pid <> pg_backend_pid()";
  if (!Exec(admin.get(), "SELECT pg_terminate_backend(pid) " + others, &error))
    return IoError("pg_terminate_backend failed: " + error);
  // Wait until the sessions are really gone, as they would be after a restart.
  for (int i = 0; i < 100; ++i) {
    PGresult* r = PQexec(admin.get(), ("SELECT count(*) " + others).c_str());
    bool gone = PQresultStatus(r) == PGRES_TUPLES_OK && std::string(PQgetvalue(r, 0, 0)) == "0";
    PQclear(r);
    if (gone) return Status::Ok();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return IoError("terminated sessions did not go away");
}

}  // namespace railgun::testing
