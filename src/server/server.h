// The Railgun HTTP server: GraphQL over HTTP at /graphql/ and /graphql/<name>/, GET /health/, a query page.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "db/connection.h"
#include "execute/executor.h"
#include "generate/generated_schema.h"
#include "models/model.h"
#include "railgun/status.h"

namespace railgun::server {

// One served schema: its project, generated schema and a database connection (used under `mu`).
struct ServedSchema {
  std::string name;
  std::unique_ptr<models::Project> project;
  std::unique_ptr<generate::GeneratedSchema> generated;
  std::unique_ptr<db::Connection> connection;
  std::mutex mu;
  std::string example_query;  // preloaded in the query page
};

// Builds the root resolver for a request (e.g. compile::SqlRootResolver over the schema's connection).
using ResolverFactory = std::function<std::unique_ptr<execute::RootResolver>(ServedSchema&)>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8000;  // 0 = any free port
  size_t max_body_bytes = 1 << 20;
  size_t max_batch = 16;
  int read_timeout_seconds = 30;
  std::string cors_origin;  // empty = no CORS headers
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

class Server {
 public:
  Server(ServerOptions options, ResolverFactory factory);
  ~Server();
  // The first schema added is the default (/graphql/).
  void AddSchema(std::unique_ptr<ServedSchema> schema);
  // Binds and listens; returns the bound port.
  StatusOr<uint16_t> Listen();
  // Serves until Stop() (thread-safe, callable from a signal-watching thread); finishes in-flight requests.
  void Run();
  void Stop();

  // Request handling without sockets (tests use it too).
  HttpResponse Handle(const std::string& method, const std::string& target, const std::string& accept,
                      const std::string& content_type, const std::string& body);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace railgun::server
