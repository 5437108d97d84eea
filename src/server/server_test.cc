// Server tests: request handling (status codes, content negotiation, batching, health, unknown schema) and a
// loopback HTTP round trip with graceful stop.
#include "server/server.h"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <filesystem>
#include <future>
#include <thread>

#include "compile/resolver.h"
#include "db/migrate.h"
#include "db/open.h"
#include "db/sample_data.h"
#include "generate/generator.h"
#include "json/parse.h"
#include "models/loader.h"
#include "mutate/mutation_resolver.h"
#include "security/jwt.h"

namespace railgun::server {
namespace {

std::unique_ptr<Server> MakeServer(ServerOptions options = {},
                                   const std::function<void(ServedSchema&)>& configure = nullptr) {
  auto served = std::make_unique<ServedSchema>();
  served->name = "blog";
  auto project = models::LoadProject({std::string(RAILGUN_SOURCE_DIR) + "/examples/blog/models.yaml"});
  EXPECT_TRUE(project.ok());
  served->project = std::make_unique<models::Project>(std::move(*project));
  auto generated = generate::Generate(*served->project);
  EXPECT_TRUE(generated.ok());
  served->generated = std::move(*generated);
  auto conn = db::OpenConnection("sqlite://:memory:");
  EXPECT_TRUE(conn.ok());
  served->connection = std::move(*conn);
  EXPECT_TRUE(db::Migrate(*served->connection, *served->project).ok());
  EXPECT_TRUE(db::LoadSampleData(*served->connection, *served->project).ok());
  if (configure) configure(*served);
  options.port = 0;
  auto server = std::make_unique<Server>(
      options, [](ServedSchema& s, db::Connection& c, const RequestContext&) -> std::unique_ptr<execute::RootResolver> {
        return std::make_unique<compile::SqlRootResolver>(*s.generated, c);
      });
  server->AddSchema(std::move(served));
  return server;
}

constexpr const char* kJson = "application/json";

TEST(Server, PostQueryReturnsData) {
  auto server = MakeServer();
  auto r = server->Handle("POST", "/graphql/", kJson, kJson, R"({"query":"{ posts(first: 1) { totalCount } }"})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"data":{"posts":{"totalCount":30}}})");
  auto named = server->Handle("POST", "/graphql/blog/", kJson, kJson, R"({"query":"{ __typename }"})");
  EXPECT_EQ(named.body, R"({"data":{"__typename":"Query"}})");
}

TEST(Server, StatusCodesAndNegotiation) {
  auto server = MakeServer();
  const std::string bad = R"({"query":"{ nope }"})";
  EXPECT_EQ(server->Handle("POST", "/graphql/", kJson, kJson, bad).status, 200);
  auto strict = server->Handle("POST", "/graphql/", "application/graphql-response+json", kJson, bad);
  EXPECT_EQ(strict.status, 400);
  EXPECT_NE(strict.content_type.find("graphql-response+json"), std::string::npos);
  EXPECT_EQ(server->Handle("POST", "/graphql/", kJson, kJson, "{not json").status, 400);
  EXPECT_EQ(server->Handle("POST", "/graphql/", kJson, "text/plain", bad).status, 415);
  EXPECT_EQ(server->Handle("PUT", "/graphql/", kJson, kJson, bad).status, 405);
  auto missing = server->Handle("POST", "/graphql/unknown/", kJson, kJson, bad);
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("Unknown schema"), std::string::npos);
}

TEST(Server, GetQueriesAndPage) {
  ServerOptions options;
  options.assets_dir = "/nonexistent";
  auto server = MakeServer(options);
  auto r = server->Handle("GET", "/graphql/?query=%7B%20__typename%20%7D", kJson, "", "");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"data":{"__typename":"Query"}})");
  auto page = server->Handle("GET", "/graphql/", "text/html", "", "");
  EXPECT_EQ(page.content_type.rfind("text/html", 0), 0u);
  EXPECT_NE(page.body.find("<textarea"), std::string::npos);  // no GraphiQL assets under assets_dir
}

TEST(Server, GraphiQLPageWhenAssetsExist) {
  ServerOptions options;
  options.assets_dir = RAILGUN_SOURCE_DIR;
  auto server = MakeServer(options);
  auto page = server->Handle("GET", "/graphql/blog/", "text/html,*/*;q=0.8", "", "");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<script src=\"/assets/graphiql.min.js\"></script>"), std::string::npos);
  EXPECT_NE(page.body.find("GraphiQL.createFetcher"), std::string::npos);
  EXPECT_NE(page.body.find("\"/graphql/blog/\""), std::string::npos);
  auto js = server->Handle("GET", "/assets/react.production.min.js", "*/*", "", "");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(server->Handle("GET", "/assets/nope.js", "*/*", "", "").status, 404);
}

TEST(Server, RequestParametersAreChecked) {
  auto server = MakeServer();
  for (const char* bad :
       {R"({"query":1})", R"({"query":{"a":1}})", R"({"notquery":"{ __typename }"})",
        R"({"query":"{ __typename }","variables":"x"})", R"({"query":"{ __typename }","variables":[1]})",
        R"({"query":"{ __typename }","operationName":1})", R"({"query":"{ __typename }","extensions":false})", "[]",
        "1", "\"x\""}) {
    auto r = server->Handle("POST", "/graphql/", kJson, kJson, bad);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_NE(r.body.find("\"errors\""), std::string::npos) << bad;
  }
  for (const char* good : {R"({"query":"{ __typename }","variables":null,"operationName":null,"extensions":null})",
                           R"({"query":"{ __typename }","variables":{},"extensions":{"a":1}})"}) {
    auto r = server->Handle("POST", "/graphql/", "application/graphql-response+json", kJson, good);
    EXPECT_EQ(r.status, 200) << good;
    EXPECT_EQ(r.body, R"({"data":{"__typename":"Query"}})");
  }
  EXPECT_EQ(server->Handle("POST", "/graphql/", kJson, kJson, "").status, 400);
  EXPECT_EQ(server->Handle("POST", "/graphql/", kJson, "", R"({"query":"{ __typename }"})").status, 415);
  EXPECT_EQ(
      server->Handle("POST", "/graphql/", kJson, "application/json; charset=utf-8", R"({"query":"{ __typename }"})")
          .status,
      200);
}

TEST(Server, AcceptNegotiation) {
  auto server = MakeServer();
  const std::string q = R"({"query":"{ __typename }"})";
  EXPECT_EQ(server->Handle("POST", "/graphql/", "", kJson, q).content_type, "application/json; charset=utf-8");
  EXPECT_EQ(server->Handle("POST", "/graphql/", "*/*", kJson, q).content_type, "application/json; charset=utf-8");
  EXPECT_EQ(server->Handle("POST", "/graphql/", "application/graphql-response+json, application/json;q=0.9", kJson, q)
                .content_type,
            "application/graphql-response+json; charset=utf-8");
  EXPECT_EQ(server->Handle("POST", "/graphql/", "application/graphql-response+json;q=0.5, application/json", kJson, q)
                .content_type,
            "application/json; charset=utf-8");
  // Variable coercion failure: no data -> 400 under graphql-response+json, 200 under application/json.
  const std::string coerce = R"({"query":"query Q($id: ID!) { __typename }","variables":{"id":null}})";
  EXPECT_EQ(server->Handle("POST", "/graphql/", "application/graphql-response+json", kJson, coerce).status, 400);
  EXPECT_EQ(server->Handle("POST", "/graphql/", kJson, kJson, coerce).status, 200);
}

TEST(Server, GetMutationIs405WithAllow) {
  auto server = MakeServer();
  auto r = server->Handle("GET", "/graphql/?query=mutation%20%7B%20__typename%20%7D", kJson, "", "");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("Allow"), "POST");
  // The query of a two-operation document is selected by operationName and runs over GET.
  auto ok = server->Handle("GET",
                           "/graphql/?query=query%20A%20%7B%20__typename%20%7D%20mutation%20B%20%7B%20__typename"
                           "%20%7D&operationName=A",
                           kJson, "", "");
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(server->Handle("GET", "/graphql/?query=%7B__typename%7D&variables=%7Bbad", kJson, "", "").status, 400);
  auto options = server->Handle("OPTIONS", "/graphql/", "", "", "");
  EXPECT_EQ(options.status, 204);
  EXPECT_EQ(server->Handle("DELETE", "/graphql/", kJson, kJson, "").header("Allow"), "GET, POST, OPTIONS");
}

TEST(Server, BatchingAndLimit) {
  ServerOptions options;
  options.max_batch = 2;
  auto server = MakeServer(options);
  auto r = server->Handle("POST", "/graphql/", kJson, kJson,
                          R"([{"query":"{ __typename }"},{"query":"{ a: __typename }"}])");
  EXPECT_EQ(r.body, R"([{"data":{"__typename":"Query"}},{"data":{"a":"Query"}}])");
  EXPECT_EQ(server
                ->Handle("POST", "/graphql/", kJson, kJson,
                         R"([{"query":"{ __typename }"},{"query":"{ __typename }"},{"query":"{ __typename }"}])")
                .status,
            400);
}

TEST(Server, Health) {
  auto server = MakeServer();
  auto r = server->Handle("GET", "/health/", kJson, "", "");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"status":"ok","database":"ok","schemas":["blog"]})");
}

TEST(Server, LoopbackRoundTripAndGracefulStop) {
  namespace http = boost::beast::http;
  ServerOptions options;
  options.max_body_bytes = 1024;
  auto server = MakeServer(options);
  auto port = server->Listen();
  ASSERT_TRUE(port.ok());
  std::thread runner([&] { server->Run(); });
  boost::asio::io_context io;
  boost::beast::tcp_stream stream(io);
  stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), *port));
  http::request<http::string_body> req{http::verb::post, "/graphql/", 11};
  req.set(http::field::content_type, kJson);
  req.body() = R"({"query":"{ __typename }"})";
  req.prepare_payload();
  http::write(stream, req);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_FALSE(res["X-Request-Id"].empty());
  EXPECT_EQ(res.body(), R"({"data":{"__typename":"Query"}})");
  // Over the body limit: 413 on the same keep-alive connection.
  req.body() = std::string(4096, ' ');
  req.prepare_payload();
  http::write(stream, req);
  http::response<http::string_body> big;
  http::read(stream, buffer, big);
  EXPECT_EQ(big.result_int(), 413u);
  stream.close();
  server->Stop();
  runner.join();
}

// --- Query limits -----------------------------------------------------------------------------------------------

int64_t Statements(Server& server) { return server.Schemas().front()->connection->stats().statements; }

TEST(ServerLimits, TooDeepOrTooComplexIsRefusedBeforeAnySql) {
  auto server =
      MakeServer({}, [](ServedSchema& s) { s.limits = {.max_depth = 3, .max_complexity = 100, .page_size = 1}; });
  // depth 2 (edges / node add no level), complexity 1 + 5 * (edges 1 + node 1 + title 1) = 16: runs
  auto ok = server->Handle("POST", "/graphql/", kJson, kJson,
                           R"({"query":"{ posts(first: 5) { edges { node { title } } } }"})");
  EXPECT_EQ(ok.status, 200);
  EXPECT_NE(ok.body.find("\"data\":{\"posts\""), std::string::npos) << ok.body;
  int64_t before = Statements(*server);
  // depth 4 through a fragment: posts > (edges > node) > tags > posts > totalCount
  const std::string deep =
      R"({"query":"query Deep { posts(first: 1) { edges { ...E } } }\nfragment E on PostEdge { node { )"
      R"(tags(first: 1) { posts(first: 1) { totalCount } } } }"})";
  auto r = server->Handle("POST", "/graphql/", kJson, kJson, deep);
  EXPECT_EQ(r.status, 200);  // application/json: errors travel in a 200
  EXPECT_EQ(r.body, R"({"errors":[{"message":"Query depth 4 exceeds the maximum depth of 3.","locations":[{"line":2,)"
                    R"("column":68}],"extensions":{"code":"QUERY_TOO_COMPLEX","limit":3,"actual":4}}]})");
  auto strict = server->Handle("POST", "/graphql/", "application/graphql-response+json", kJson, deep);
  EXPECT_EQ(strict.status, 400);  // a validation failure under graphql-response+json
  // complexity: 1 + 50 * 3 = 151 > 100, the page size from a variable
  auto complex = server->Handle(
      "POST", "/graphql/", kJson, kJson,
      R"({"query":"query Q($n: Int) { posts(first: $n) { edges { node { title } } } }","variables":{"n":50}})");
  EXPECT_NE(complex.body.find(R"("message":"Query complexity 151 exceeds the maximum complexity of 100.")"),
            std::string::npos)
      << complex.body;
  EXPECT_NE(complex.body.find(R"("locations":[{"line":1,"column":1}])"), std::string::npos);
  EXPECT_EQ(complex.body.find("\"data\""), std::string::npos);
  EXPECT_EQ(Statements(*server), before);  // nothing reached the database
  // GET too.
  auto get = server->Handle(
      "GET",
      "/graphql/?query=%7B%20posts(first%3A%2040)%20%7B%20edges%20%7B%20node%20%7B%20title%20%7D%20%7D%20%7D%20%7D",
      kJson, "", "");
  EXPECT_NE(get.body.find("Query complexity 121 exceeds"), std::string::npos) << get.body;
  EXPECT_EQ(Statements(*server), before);
  // Only the selected operation counts.
  auto named = server->Handle("POST", "/graphql/", kJson, kJson,
                              R"({"query":"query Small { posts(first: 1) { totalCount } } query Big { )"
                              R"(posts(first: 99) { edges { node { title } } } }","operationName":"Small"})");
  EXPECT_EQ(named.body, R"({"data":{"posts":{"totalCount":30}}})");
}

TEST(ServerLimits, NoLimitsByDefault) {
  auto server = MakeServer();
  auto r = server->Handle(
      "POST", "/graphql/", kJson, kJson,
      R"({"query":"{ posts(first: 100) { edges { node { tags(first: 100) { edges { node { posts(first: 100) { totalCount } } } } } } } }"})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("QUERY_TOO_COMPLEX"), std::string::npos) << r.body;
}

// --- Authentication ----------------------------------------------------------------------------------------------

HttpRequest GraphQLPost(const std::string& path, const std::string& body) {
  HttpRequest r;
  r.method = "POST";
  r.target = path;
  r.accept = kJson;
  r.content_type = kJson;
  r.body = body;
  return r;
}

std::string Sign(const std::string& claims, const std::string& key = "test-key") {
  auto parsed = json::Parse(claims);
  EXPECT_TRUE(parsed.ok());
  auto token = security::SignJwt(*parsed, "HS256", key);
  EXPECT_TRUE(token.ok());
  return *token;
}

TEST(ServerAuth, RequiredSchemaAnswers401WithoutAValidToken) {
  ServerOptions options;
  options.assets_dir = "/nonexistent";
  std::string seen_subject;
  auto server = MakeServer(options, [](ServedSchema& s) {
    s.auth.required = true;
    s.auth.jwt.key = "test-key";
  });
  const std::string q = R"({"query":"{ posts(first: 1) { totalCount } }"})";
  auto none = server->Handle(GraphQLPost("/graphql/", q));
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.header("WWW-Authenticate"), "Bearer");
  EXPECT_EQ(none.body,
            R"({"errors":[{"message":"Authentication required.","extensions":{"code":"AUTHENTICATION_REQUIRED"}}]})");
  // Also with graphql-response+json, for GET, and for batches.
  HttpRequest strict = GraphQLPost("/graphql/", q);
  strict.accept = "application/graphql-response+json";
  EXPECT_EQ(server->Handle(strict).status, 401);
  EXPECT_EQ(server->Handle("GET", "/graphql/?query=%7B__typename%7D", kJson, "", "").status, 401);
  EXPECT_EQ(server->Handle(GraphQLPost("/graphql/", "[" + q + "]")).status, 401);
  // A valid token (header or cookie) gets through.
  HttpRequest with = GraphQLPost("/graphql/", q);
  with.authorization = "Bearer " + Sign(R"({"sub":"5","exp":4102444800})");
  auto ok = server->Handle(with);
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, R"({"data":{"posts":{"totalCount":30}}})");
  HttpRequest cookie = GraphQLPost("/graphql/", q);
  cookie.cookie = "theme=dark; jwt=" + Sign(R"({"sub":"5"})");
  EXPECT_EQ(server->Handle(cookie).status, 200);
  // Expired and forged tokens: 401 saying why.
  HttpRequest expired = GraphQLPost("/graphql/", q);
  expired.authorization = "Bearer " + Sign(R"({"sub":"5","exp":1000})");
  auto e = server->Handle(expired);
  EXPECT_EQ(e.status, 401);
  EXPECT_EQ(e.body, R"({"errors":[{"message":"Token has expired.","extensions":{"code":"AUTHENTICATION_REQUIRED"}}]})");
  EXPECT_EQ(e.header("WWW-Authenticate"), R"(Bearer error="invalid_token", error_description="Token has expired.")");
  HttpRequest forged = GraphQLPost("/graphql/", q);
  forged.authorization = "Bearer " + Sign(R"({"sub":"5"})", "other-key");
  EXPECT_NE(server->Handle(forged).body.find("signature mismatch"), std::string::npos);
  // The GraphiQL page and health stay reachable.
  EXPECT_EQ(server->Handle("GET", "/graphql/", "text/html", "", "").status, 200);
  EXPECT_EQ(server->Handle("GET", "/health/", kJson, "", "").status, 200);
  EXPECT_EQ(server->Handle("OPTIONS", "/graphql/", "", "", "").status, 204);
}

TEST(ServerAuth, OpenSchemaServesAnonymousAndRefusesInvalidTokens) {
  auto server = MakeServer({}, [](ServedSchema& s) { s.auth.jwt.key = "test-key"; });
  const std::string q = R"({"query":"{ __typename }"})";
  EXPECT_EQ(server->Handle(GraphQLPost("/graphql/", q)).status, 200);
  HttpRequest bad = GraphQLPost("/graphql/", q);
  bad.authorization = "Bearer nonsense";
  EXPECT_EQ(server->Handle(bad).status, 401);
  HttpRequest good = GraphQLPost("/graphql/", q);
  good.authorization = "Bearer " + Sign(R"({"sub":"1"})");
  EXPECT_EQ(server->Handle(good).status, 200);
}

TEST(ServerAuth, ClaimsReachTheResolverFactory) {
  auto served = std::make_unique<ServedSchema>();
  served->name = "blog";
  auto project = models::LoadProject({std::string(RAILGUN_SOURCE_DIR) + "/examples/blog/models.yaml"});
  ASSERT_TRUE(project.ok());
  served->project = std::make_unique<models::Project>(std::move(*project));
  auto generated = generate::Generate(*served->project);
  ASSERT_TRUE(generated.ok());
  served->generated = std::move(*generated);
  auto conn = db::OpenConnection("sqlite://:memory:");
  ASSERT_TRUE(conn.ok());
  served->connection = std::move(*conn);
  served->auth.jwt.key = "test-key";
  std::vector<std::string> subjects;
  std::mutex mu;
  Server server(
      {}, [&](ServedSchema& s, db::Connection& c, const RequestContext& ctx) -> std::unique_ptr<execute::RootResolver> {
        std::lock_guard lock(mu);
        subjects.push_back(ctx.auth.authenticated ? "user:" + ctx.auth.subject : "anonymous");
        return std::make_unique<compile::SqlRootResolver>(*s.generated, c);
      });
  server.AddSchema(std::move(served));
  HttpRequest r = GraphQLPost("/graphql/", R"({"query":"{ __typename }"})");
  server.Handle(r);
  r.authorization = "Bearer " + Sign(R"({"sub":"42","role":"staff"})");
  server.Handle(r);
  EXPECT_EQ(subjects, (std::vector<std::string>{"anonymous", "user:42"}));
}

// --- CORS, graphql_path -----------------------------------------------------------------------------------------

TEST(ServerCors, AllowedOriginsAreEchoedAndPreflightAnswered) {
  ServerOptions options;
  options.cors.enabled = true;
  options.cors.allowed_origins = {"https://app.example", "https://admin.example"};
  options.cors.allow_credentials = true;
  auto server = MakeServer(options);
  HttpRequest r = GraphQLPost("/graphql/", R"({"query":"{ __typename }"})");
  r.origin = "https://admin.example";
  auto res = server->Handle(r);
  EXPECT_EQ(res.header("Access-Control-Allow-Origin"), "https://admin.example");
  EXPECT_EQ(res.header("Access-Control-Allow-Credentials"), "true");
  EXPECT_EQ(res.header("Vary"), "Origin");
  r.origin = "https://evil.example";
  auto evil = server->Handle(r);
  EXPECT_EQ(evil.header("Access-Control-Allow-Origin"), "");
  EXPECT_EQ(evil.header("Access-Control-Allow-Credentials"), "");
  HttpRequest pre;
  pre.method = "OPTIONS";
  pre.target = "/graphql/";
  pre.origin = "https://app.example";
  pre.access_control_request_method = "POST";
  auto p = server->Handle(pre);
  EXPECT_EQ(p.status, 204);
  EXPECT_EQ(p.header("Access-Control-Allow-Origin"), "https://app.example");
  EXPECT_EQ(p.header("Access-Control-Allow-Methods"), "GET, POST, OPTIONS");
  EXPECT_NE(p.header("Access-Control-Allow-Headers").find("Authorization"), std::string::npos);
  // Disabled: nothing.
  ServerOptions off = options;
  off.cors.enabled = false;
  auto quiet = MakeServer(off)->Handle(pre);
  EXPECT_EQ(quiet.header("Access-Control-Allow-Origin"), "");
  EXPECT_EQ(quiet.header("Vary"), "");
  // "*" without credentials.
  ServerOptions star;
  star.cors.enabled = true;
  star.cors.allowed_origins = {"*"};
  r.origin = "https://anyone.example";
  EXPECT_EQ(MakeServer(star)->Handle(r).header("Access-Control-Allow-Origin"), "*");
}

TEST(ServerPath, GraphqlPathIsHonoured) {
  ServerOptions options;
  options.graphql_path = "/api/gql/";
  auto server = MakeServer(options);
  const std::string q = R"({"query":"{ __typename }"})";
  EXPECT_EQ(server->Handle(GraphQLPost("/api/gql", q)).body, R"({"data":{"__typename":"Query"}})");
  EXPECT_EQ(server->Handle(GraphQLPost("/api/gql/", q)).status, 200);
  EXPECT_EQ(server->Handle(GraphQLPost("/api/gql/blog/", q)).status, 200);
  EXPECT_EQ(server->Handle(GraphQLPost("/api/gql/nope/", q)).status, 404);
  EXPECT_EQ(server->Handle(GraphQLPost("/graphql/", q)).status, 404);
  EXPECT_EQ(server->Handle(GraphQLPost("/api/gqlx", q)).status, 404);
  auto page = server->Handle("GET", "/api/gql/blog", "text/html", "", "");
  EXPECT_NE(page.body.find("\"/api/gql/blog/\""), std::string::npos);
}

// --- SQLite: read pool beside the single writer ---------------------------------------------------------------

TEST(ServerSqlitePool, QueriesDoNotWaitForTheWriterMutationsDo) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("rg_pool_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string url = "sqlite:///" + (dir / "blog.sqlite3").string();
  auto served = std::make_unique<ServedSchema>();
  served->name = "blog";
  auto project = models::LoadProject({std::string(RAILGUN_SOURCE_DIR) + "/examples/blog/models.yaml"});
  ASSERT_TRUE(project.ok());
  served->project = std::make_unique<models::Project>(std::move(*project));
  auto generated = generate::Generate(*served->project);
  ASSERT_TRUE(generated.ok());
  served->generated = std::move(*generated);
  auto conn = db::OpenConnection(url);
  ASSERT_TRUE(conn.ok());
  served->connection = std::move(*conn);
  ASSERT_TRUE(db::Migrate(*served->connection, *served->project).ok());
  ASSERT_TRUE(db::LoadSampleData(*served->connection, *served->project).ok());
  db::OpenOptions readers;
  readers.sqlite.query_only = true;
  auto pool = db::OpenPool(*db::ParseDatabaseUrl(url), {.size = 2}, readers);
  ASSERT_TRUE(pool.ok());
  served->pool = std::move(*pool);
  served->pool_reads_only = true;
  ServedSchema* schema = served.get();
  Server server(
      {}, [](ServedSchema& s, db::Connection& c, const RequestContext&) -> std::unique_ptr<execute::RootResolver> {
        return std::make_unique<mutate::MutationResolver>(*s.generated, c, nullptr, nullptr);
      });
  server.AddSchema(std::move(served));
  const std::string query = R"({"query":"{ tags(first: 100, filters: {name: \"pooltag\"}) { totalCount } }"})";
  const std::string mutation =
      R"({"query":"mutation { createTag(input: {name: \"pooltag\", color: \"#000\"}) { ok } }"})";

  std::unique_lock writer(schema->mu);  // the writer is busy (a long mutation, say)
  auto read = std::async(std::launch::async, [&] { return server.Handle("POST", "/graphql/", kJson, kJson, query); });
  ASSERT_EQ(read.wait_for(std::chrono::seconds(5)), std::future_status::ready);  // not behind the writer
  EXPECT_EQ(read.get().body, R"({"data":{"tags":{"totalCount":0}}})");
  auto write =
      std::async(std::launch::async, [&] { return server.Handle("POST", "/graphql/", kJson, kJson, mutation); });
  EXPECT_EQ(write.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);  // waits for the writer
  writer.unlock();
  EXPECT_EQ(write.get().body, R"({"data":{"createTag":{"ok":true}}})");
  // The readers see the committed row; the pool's connections refuse writes themselves.
  EXPECT_EQ(server.Handle("POST", "/graphql/", kJson, kJson, query).body, R"({"data":{"tags":{"totalCount":1}}})");
  auto lease = schema->pool->Checkout();
  ASSERT_TRUE(lease.ok());
  EXPECT_FALSE((*lease)->Execute("DELETE FROM blog_tag").ok());
  lease->Release();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace railgun::server
