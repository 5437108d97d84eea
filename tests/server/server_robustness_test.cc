// The HTTP server over real loopback sockets: malformed HTTP, huge heads and bodies, truncated bodies, slow
// senders, 200 concurrent keep-alive connections, gzip, 100-continue, GraphiQL assets and graceful shutdown
// (idle keep-alive connections closed at once, in-flight requests finish). Every loop is bounded in count and time.
#include <gtest/gtest.h>
#include <zlib.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "compile/resolver.h"
#include "db/migrate.h"
#include "db/open.h"
#include "db/sample_data.h"
#include "generate/generator.h"
#include "models/loader.h"
#include "server/server.h"

namespace railgun::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr const char* kQuery = R"({"query":"{ posts(first: 2) { totalCount } }"})";
constexpr const char* kAnswer = R"({"data":{"posts":{"totalCount":30}}})";

// A running server (blog example, in-memory SQLite with sample data) on a free loopback port.
class LiveServer {
 public:
  explicit LiveServer(ServerOptions options = {}, int handler_delay_ms = 0) {
    auto served = std::make_unique<ServedSchema>();
    served->name = "blog";
    served->example_query = "{ posts(first: 1) { totalCount } }";
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
    options.host = "127.0.0.1";
    options.port = 0;
    server_ =
        std::make_unique<Server>(options,
                                 [handler_delay_ms](ServedSchema& s, db::Connection& c,
                                                    const RequestContext&) -> std::unique_ptr<execute::RootResolver> {
                                   if (handler_delay_ms)
                                     std::this_thread::sleep_for(std::chrono::milliseconds(handler_delay_ms));
                                   return std::make_unique<compile::SqlRootResolver>(*s.generated, c);
                                 });
    server_->AddSchema(std::move(served));
    auto port = server_->Listen();
    EXPECT_TRUE(port.ok());
    port_ = port.ok() ? *port : 0;
    runner_ = std::thread([this] {
      server_->Run();
      stopped_at_ = Clock::now();
      done_ = true;
    });
  }
  ~LiveServer() { StopAndJoin(); }

  // Stops the server and returns how long Run() took to return after Stop().
  std::chrono::milliseconds StopAndJoin() {
    if (!runner_.joinable()) return std::chrono::milliseconds(0);
    auto start = Clock::now();
    server_->Stop();
    runner_.join();
    return std::chrono::duration_cast<std::chrono::milliseconds>(stopped_at_ - start);
  }

  uint16_t port() const { return port_; }
  Server& server() { return *server_; }
  bool done() const { return done_; }

 private:
  std::unique_ptr<Server> server_;
  uint16_t port_ = 0;
  std::thread runner_;
  std::atomic<bool> done_{false};
  Clock::time_point stopped_at_;
};

tcp::endpoint Endpoint(uint16_t port) { return {asio::ip::make_address("127.0.0.1"), port}; }

http::request<http::string_body> Post(const std::string& body, const std::string& target = "/graphql/") {
  http::request<http::string_body> req{http::verb::post, target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  return req;
}

// One request on a fresh connection, with a deadline.
http::response<http::string_body> RoundTrip(uint16_t port, http::request<http::string_body> req) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.expires_after(std::chrono::seconds(10));
  stream.connect(Endpoint(port));
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  return res;
}

// Sends raw bytes, then reads whatever comes back until the server closes (or `seconds` pass).
std::string RawExchange(uint16_t port, const std::string& bytes, int seconds = 5) {
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(Endpoint(port));
  beast::error_code write_ec;  // the server may answer (and stop reading) before all bytes are sent
  asio::write(socket, asio::buffer(bytes), write_ec);
  std::string out;
  auto deadline = Clock::now() + std::chrono::seconds(seconds);
  socket.non_blocking(true);
  char buf[4096];
  while (Clock::now() < deadline) {
    beast::error_code ec;
    size_t n = socket.read_some(asio::buffer(buf), ec);
    if (ec == asio::error::would_block) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    if (ec) break;
    out.append(buf, n);
  }
  return out;
}

std::string Gunzip(const std::string& in) {
  z_stream zs{};
  EXPECT_EQ(inflateInit2(&zs, 15 + 16), Z_OK);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  std::string out;
  char buf[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
  }
  inflateEnd(&zs);
  EXPECT_EQ(rc, Z_STREAM_END);
  return out;
}

TEST(ServerRobustness, MalformedRequestLineGets400AndServerKeepsServing) {
  LiveServer live;
  for (const char* bad : {"GARBAGE\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "GET /graphql/ HTTP/1.1\r\nBad Header\r\n\r\n",
                          "POST /graphql/ HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
                          "POST /graphql/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"}) {
    std::string reply = RawExchange(live.port(), bad);
    EXPECT_EQ(reply.rfind("HTTP/1.1 400", 0), 0u) << bad << " -> " << reply;
  }
  EXPECT_EQ(RoundTrip(live.port(), Post(kQuery)).body(), kAnswer);
}

TEST(ServerRobustness, HugeHeadersGet431) {
  ServerOptions options;
  options.max_header_bytes = 8 * 1024;
  LiveServer live(options);
  std::string request = "GET /health/ HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(64 * 1024, 'a') + "\r\n\r\n";
  std::string reply = RawExchange(live.port(), request);
  EXPECT_EQ(reply.rfind("HTTP/1.1 431", 0), 0u) << reply.substr(0, 200);
  EXPECT_EQ(RoundTrip(live.port(), Post(kQuery)).result_int(), 200u);
}

TEST(ServerRobustness, HugeBodyGets413BeforeItIsSent) {
  ServerOptions options;
  options.max_body_bytes = 4096;
  LiveServer live(options);
  // Content-Length over the limit: answered from the head alone (the body never comes).
  std::string reply = RawExchange(live.port(),
                                  "POST /graphql/ HTTP/1.1\r\nContent-Type: application/json\r\n"
                                  "Content-Length: 100000000\r\n\r\n");
  EXPECT_EQ(reply.rfind("HTTP/1.1 413", 0), 0u) << reply;
  // Chunked over the limit.
  std::string chunked =
      "POST /graphql/ HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i) chunked += "800\r\n" + std::string(0x800, ' ') + "\r\n";
  chunked += "0\r\n\r\n";
  reply = RawExchange(live.port(), chunked);
  EXPECT_EQ(reply.rfind("HTTP/1.1 413", 0), 0u) << reply.substr(0, 200);
  EXPECT_EQ(RoundTrip(live.port(), Post(kQuery)).body(), kAnswer);
}

TEST(ServerRobustness, TruncatedBodyAndInvalidJson) {
  ServerOptions options;
  options.read_timeout_seconds = 1;
  LiveServer live(options);
  // Body shorter than Content-Length, then the client goes away: nothing to answer, the server stays up.
  {
    asio::io_context io;
    tcp::socket socket(io);
    socket.connect(Endpoint(live.port()));
    asio::write(socket, asio::buffer(std::string("POST /graphql/ HTTP/1.1\r\nContent-Type: application/json\r\n"
                                                 "Content-Length: 100\r\n\r\n{\"query\":")));
  }
  // Body shorter than Content-Length and the client waits: 408 after the read timeout.
  auto start = Clock::now();
  std::string reply = RawExchange(live.port(),
                                  "POST /graphql/ HTTP/1.1\r\nContent-Type: application/json\r\n"
                                  "Content-Length: 100\r\n\r\n{\"query\":",
                                  5);
  EXPECT_EQ(reply.rfind("HTTP/1.1 408", 0), 0u) << reply;
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(4));
  auto bad = RoundTrip(live.port(), Post("{\"query\": \"{ posts"));
  EXPECT_EQ(bad.result_int(), 400u);
  EXPECT_NE(bad.body().find("invalid JSON"), std::string::npos);
  EXPECT_EQ(RoundTrip(live.port(), Post(kQuery)).body(), kAnswer);
}

TEST(ServerRobustness, SlowlorisIsCutAtTheReadTimeoutWhileOthersAreServed) {
  ServerOptions options;
  options.read_timeout_seconds = 1;
  LiveServer live(options);
  std::atomic<bool> cut{false};
  std::atomic<int> sent{0};
  std::thread slow([&] {
    asio::io_context io;
    tcp::socket socket(io);
    socket.connect(Endpoint(live.port()));
    std::string head = "GET /health/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    // One byte every 100 ms, at most 100 bytes (10 s): the server must cut it well before.
    for (int i = 0; i < 100 && !cut; ++i) {
      beast::error_code ec;
      char c = i < static_cast<int>(head.size()) ? head[static_cast<size_t>(i)] : 'a';
      asio::write(socket, asio::buffer(&c, 1), ec);
      if (ec) {
        cut = true;
        break;
      }
      ++sent;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      socket.non_blocking(true);
      char buf[512];
      size_t n = socket.read_some(asio::buffer(buf), ec);
      socket.non_blocking(false);
      if ((!ec && n > 0) || (ec && ec != asio::error::would_block)) cut = true;
    }
  });
  // Meanwhile, other clients are served promptly.
  for (int i = 0; i < 5; ++i) {
    auto start = Clock::now();
    EXPECT_EQ(RoundTrip(live.port(), Post(kQuery)).body(), kAnswer);
    EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(2000));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  slow.join();
  EXPECT_TRUE(cut.load());
  EXPECT_LE(sent.load(), 30);  // cut after ~1 s (10 bytes), with slack for a loaded machine
}

// `connections` keep-alive connections at once, each sending `requests_each` queries back to back; then a stop
// with all of them idle must be immediate.
void ConcurrentKeepAlive(int connections, int requests_each) {
  ServerOptions options;
  options.io_threads = 1;
  options.worker_threads = 2;
  LiveServer live(options);
  const int kConnections = connections;
  const int kRequestsEach = requests_each;
  asio::io_context io;
  struct Client {
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    http::request<http::string_body> req;
    http::response<http::string_body> res;
    int done = 0;
    explicit Client(asio::io_context& io) : stream(io) {}
  };
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::unique_ptr<Client>> clients;
  std::function<void(Client*)> next = [&](Client* c) {
    c->req = Post(kQuery);
    c->res = {};
    c->stream.expires_after(std::chrono::seconds(30));
    http::async_write(c->stream, c->req, [&, c](beast::error_code ec, size_t) {
      if (ec) return void(++failed);
      http::async_read(c->stream, c->buffer, c->res, [&, c](beast::error_code rec, size_t) {
        if (rec || c->res.body() != kAnswer || !c->res.keep_alive()) return void(++failed);
        ++ok;
        if (++c->done < kRequestsEach) next(c);
      });
    });
  };
  for (int i = 0; i < kConnections; ++i) {
    clients.push_back(std::make_unique<Client>(io));
    Client* c = clients.back().get();
    c->stream.async_connect(Endpoint(live.port()), [&, c](beast::error_code ec) {
      if (ec) return void(++failed);
      next(c);
    });
  }
  auto start = Clock::now();
  io.run_for(std::chrono::seconds(90));
  auto elapsed = Clock::now() - start;
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(ok.load(), kConnections * kRequestsEach);
  EXPECT_LT(elapsed, std::chrono::seconds(45));  // ~1 s here; ~10 s under ASan
  EXPECT_EQ(live.server().ConnectionCount(), static_cast<size_t>(kConnections));
  std::printf("%d connections x %d requests: %lld ms\n", kConnections, kRequestsEach,
              static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()));
  // Shutdown with 200 idle keep-alive connections open: immediate, not after the read timeout.
  auto stop = live.StopAndJoin();
  EXPECT_LT(stop, std::chrono::seconds(2));
}

TEST(ServerRobustness, TwoHundredConcurrentKeepAliveConnections) { ConcurrentKeepAlive(200, 5); }

TEST(ServerRobustness, ThousandConcurrentKeepAliveConnections) { ConcurrentKeepAlive(1000, 3); }

TEST(ServerRobustness, GracefulShutdownFinishesInFlightAndClosesIdleAtOnce) {
  ServerOptions options;
  options.read_timeout_seconds = 30;
  LiveServer live(options, /*handler_delay_ms=*/700);
  // An idle keep-alive connection (one request done).
  asio::io_context io;
  beast::tcp_stream idle(io);
  idle.connect(Endpoint(live.port()));
  idle.expires_after(std::chrono::seconds(10));
  auto req = Post(kQuery);
  http::write(idle, req);
  beast::flat_buffer idle_buffer;
  http::response<http::string_body> first;
  http::read(idle, idle_buffer, first);
  EXPECT_EQ(first.body(), kAnswer);
  // An in-flight request (the handler takes 700 ms), then Stop() while it runs.
  http::response<http::string_body> in_flight;
  std::thread client([&] { in_flight = RoundTrip(live.port(), Post(kQuery)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  auto stop = live.StopAndJoin();
  client.join();
  EXPECT_EQ(in_flight.result_int(), 200u);
  EXPECT_EQ(in_flight.body(), kAnswer);
  EXPECT_FALSE(in_flight.keep_alive());
  EXPECT_LT(stop, std::chrono::seconds(5));  // not the 30 s read timeout of the idle connection
  // The idle connection was closed by the server.
  http::response<http::string_body> after;
  beast::error_code ec;
  http::read(idle, idle_buffer, after, ec);
  EXPECT_TRUE(ec);
  // New connections are refused.
  tcp::socket probe(io);
  probe.connect(Endpoint(live.port()), ec);
  EXPECT_TRUE(ec);
}

TEST(ServerRobustness, GzipWhenAccepted) {
  LiveServer live;
  auto req = Post(R"({"query":"{ __schema { types { name fields { name } } } }"})");
  auto plain = RoundTrip(live.port(), req);
  EXPECT_EQ(plain.result_int(), 200u);
  EXPECT_TRUE(plain[http::field::content_encoding].empty());
  EXPECT_GT(plain.body().size(), 1024u);
  req.set(http::field::accept_encoding, "br;q=1.0, gzip;q=0.8");
  auto zipped = RoundTrip(live.port(), req);
  EXPECT_EQ(zipped[http::field::content_encoding], "gzip");
  EXPECT_LT(zipped.body().size(), plain.body().size() / 3);
  EXPECT_EQ(Gunzip(zipped.body()), plain.body());
  req.set(http::field::accept_encoding, "gzip;q=0");
  EXPECT_TRUE(RoundTrip(live.port(), req)[http::field::content_encoding].empty());
  // Small responses are not compressed.
  auto small = Post(kQuery);
  small.set(http::field::accept_encoding, "gzip");
  EXPECT_TRUE(RoundTrip(live.port(), small)[http::field::content_encoding].empty());
}

TEST(ServerRobustness, ExpectContinue) {
  LiveServer live;
  std::string body = kQuery;
  std::string reply = RawExchange(live.port(),
                                  "POST /graphql/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                  "Expect: 100-continue\r\nConnection: close\r\nContent-Length: " +
                                      std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(reply.rfind("HTTP/1.1 100 Continue\r\n", 0), 0u) << reply;
  EXPECT_NE(reply.find("HTTP/1.1 200 OK"), std::string::npos);
  EXPECT_NE(reply.find(kAnswer), std::string::npos);
}

TEST(ServerRobustness, GraphiQLPageAndAssets) {
  ServerOptions options;
  options.assets_dir = RAILGUN_SOURCE_DIR;
  LiveServer live(options);
  http::request<http::string_body> page{http::verb::get, "/graphql/", 11};
  page.set(http::field::accept, "text/html,application/xhtml+xml,*/*;q=0.8");
  auto res = RoundTrip(live.port(), page);
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_EQ(res[http::field::content_type], "text/html; charset=utf-8");
  EXPECT_NE(res.body().find("/assets/graphiql.min.js"), std::string::npos);
  EXPECT_NE(res.body().find("posts(first: 1)"), std::string::npos);  // the example query, preloaded
  for (const char* asset : {"/assets/graphiql.min.js", "/assets/graphiql.min.css", "/assets/react.production.min.js",
                            "/assets/react-dom.production.min.js"}) {
    http::request<http::string_body> get{http::verb::get, asset, 11};
    get.set(http::field::accept_encoding, "gzip, deflate");
    auto a = RoundTrip(live.port(), get);
    EXPECT_EQ(a.result_int(), 200u) << asset;
    EXPECT_EQ(a[http::field::content_encoding], "gzip") << asset;
    EXPECT_GT(Gunzip(a.body()).size(), 1000u) << asset;
  }
  http::request<http::string_body> missing{http::verb::get, "/assets/../package.json", 11};
  EXPECT_EQ(RoundTrip(live.port(), missing).result_int(), 404u);
}

}  // namespace
}  // namespace railgun::server
