// The Railgun HTTP server: GraphQL over HTTP at /graphql/ and /graphql/<name>/, GET /health/, GraphiQL.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "db/connection.h"
#include "db/pool.h"
#include "execute/executor.h"
#include "generate/generated_schema.h"
#include "models/model.h"
#include "railgun/status.h"
#include "security/auth.h"
#include "security/cors.h"
#include "security/limits.h"

namespace railgun::server {

// One served schema: its project, generated schema and a database connection (used under `mu`).
struct ServedSchema {
  std::string name;
  std::unique_ptr<models::Project> project;
  std::unique_ptr<generate::GeneratedSchema> generated;
  std::unique_ptr<db::Connection> connection;
  std::mutex mu;
  std::string example_query;                      // preloaded in GraphiQL (first tab)
  std::vector<std::string> more_example_queries;  // further GraphiQL tabs
  bool enabled = true;        // false: /graphql/<name>/ answers 404 "disabled" (nothing else needs to be set)
  bool graphiql = true;       // schema_settings.enable_graphiql: the GraphiQL page for browsers
  bool introspection = true;  // schema_settings.enable_introspection: false rejects __schema / __type
  // Optional: requests check out a connection from this pool and run concurrently; without it every request of
  // the schema runs on `connection` under `mu`.
  std::unique_ptr<db::Pool> pool;
  // The pool serves query operations only; mutations (and anything else) run on `connection` under `mu`, the
  // single writer (SQLite in WAL mode: concurrent readers, one writer).
  bool pool_reads_only = false;
  // Depth / complexity limits (security_settings.query_analysis, performance_settings; 0 = unlimited), checked
  // after validation, before any SQL.
  security::QueryLimits limits;
  // Authentication (schema_settings / security_settings.authentication_required, jwt.*). The default reads no
  // token (no key) and requires none.
  security::AuthPolicy auth;
};

// What the resolvers may know about the request: who sent it (verified JWT claims) and its id.
struct RequestContext {
  security::AuthContext auth;
  std::string request_id;
};

// Builds the root resolver for a request (e.g. compile::SqlRootResolver over the schema's connection).
// `connection` is the one the request runs on (a pooled one, or the schema's own under its mutex).
using ResolverFactory = std::function<std::unique_ptr<execute::RootResolver>(ServedSchema&, db::Connection& connection,
                                                                             const RequestContext& context)>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8000;  // 0 = any free port
  size_t max_body_bytes = 1 << 20;
  size_t max_header_bytes = 16 * 1024;  // larger request heads get 431
  size_t max_batch = 16;
  size_t max_connections = 10000;  // connections over this are closed at once
  int read_timeout_seconds = 30;   // to receive a request head, then again its body (slow senders get cut)
  int write_timeout_seconds = 30;
  int io_threads = 1;      // socket I/O (never blocks on the database)
  int worker_threads = 0;  // request handling (parse, validate, execute, gzip); 0 = max(2, cores)
  bool gzip = true;        // compress responses of >= gzip_min_bytes when Accept-Encoding allows
  size_t gzip_min_bytes = 1024;
  // CORS: allowed origins (echoed), credentials, preflight answers (see security/cors.h). Off by default.
  security::CorsPolicy cors;
  // The GraphQL endpoint (server.graphql_path): the default schema at <path>/, named ones at <path>/<name>/.
  std::string graphql_path = "/graphql";
  // Folder holding node_modules/{graphiql,react,react-dom} for GraphiQL; empty = look for it (RAILGUN_ASSETS_DIR,
  // then beside and above the running binary, then the working directory). Without it, a plain query page.
  std::string assets_dir;
  bool access_log = false;  // one stderr line per request: request id, method, path, status, bytes, time
  // GraphQL multipart requests (file uploads, server/multipart.h): the body limit for multipart/form-data
  // (0 = max_body_bytes), and files per request / bytes per file (security_settings.max_upload_files /
  // max_file_upload_size; the writer checks the per-field rules again).
  size_t max_upload_body_bytes = 0;
  size_t max_upload_files = 10;
  size_t max_upload_file_bytes = 10485760;
};

struct HttpRequest {
  std::string method = "GET";
  std::string target = "/";
  std::string accept;
  std::string content_type;
  std::string accept_encoding;
  std::string origin;                         // Origin (CORS)
  std::string access_control_request_method;  // set on CORS preflight requests
  std::string authorization;                  // Authorization (bearer token)
  std::string cookie;                         // Cookie (token cookie)
  bool preflight_header = false;  // GraphQL-Require-Preflight / Apollo-Require-Preflight / X-Apollo-Operation-Name
  std::string request_id;
  std::string body;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;                                          // already gzip-compressed when headers say so
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Allow, Content-Encoding, ...)
  [[nodiscard]] std::string header(std::string_view name) const;
};

// Up to `max` example queries over the schema's paginated list fields (first 5 rows, totalCount, a few leaves).
std::vector<std::string> ExampleQueries(const schema::Schema& schema, size_t max);

// Where the GraphiQL assets are looked for when ServerOptions::assets_dir is empty ("" = not found).
std::string FindAssetsDir();

class Server {
 public:
  Server(ServerOptions options, ResolverFactory factory);
  ~Server();
  // The first schema added is the default (/graphql/).
  void AddSchema(std::unique_ptr<ServedSchema> schema);
  // Binds and listens; returns the bound port.
  StatusOr<uint16_t> Listen();
  // Serves until Stop(): in-flight requests finish (their responses say Connection: close), idle keep-alive
  // connections are closed at once, new connections are refused; then returns.
  void Run();
  void Stop();  // thread-safe, callable from a signal-watching thread
  // The schemas added, in order (the first enabled one is the default).
  std::vector<const ServedSchema*> Schemas() const;
  // Open connections right now (for tests).
  size_t ConnectionCount() const;

  // Request handling without sockets (tests use it too).
  HttpResponse Handle(const HttpRequest& request);
  HttpResponse Handle(const std::string& method, const std::string& target, const std::string& accept,
                      const std::string& content_type, const std::string& body);

 private:
  struct Impl;
  class Session;
  std::unique_ptr<Impl> impl_;
};

}  // namespace railgun::server
