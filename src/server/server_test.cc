// Server tests: request handling (status codes, content negotiation, batching, health, unknown schema) and a
// loopback HTTP round trip with graceful stop.
#include "server/server.h"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <thread>

#include "compile/resolver.h"
#include "db/migrate.h"
#include "db/open.h"
#include "db/sample_data.h"
#include "generate/generator.h"
#include "models/loader.h"

namespace railgun::server {
namespace {

std::unique_ptr<Server> MakeServer(ServerOptions options = {}) {
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
  options.port = 0;
  auto server = std::make_unique<Server>(
      options, [](ServedSchema& s, db::Connection& c) -> std::unique_ptr<execute::RootResolver> {
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

}  // namespace
}  // namespace railgun::server
