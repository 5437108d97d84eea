// Soak: 1,000 concurrent keep-alive connections issue GraphQL queries for 10 seconds (RAILGUN_SOAK_SECONDS
// overrides) against the real server on loopback, set up as `railgun serve` sets up a SQLite schema: a database
// file in WAL mode, a pool of query_only read connections (one per worker), the default query limits. Every
// response must be 200 with the same body, no connection may be dropped, and every connection must be open at
// once. Prints the total number of requests and the rate.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "compile/resolver.h"
#include "db/migrate.h"
#include "db/open.h"
#include "db/sample_data.h"
#include "generate/generator.h"
#include "models/loader.h"
#include "models/settings.h"
#include "server/server.h"

namespace railgun::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr int kConnections = 1000;
constexpr const char* kQuery = R"({"query":"{ posts(first: 5) { totalCount edges { node { id title } } } }"})";

struct Counters {
  std::atomic<int64_t> ok{0};
  std::atomic<int64_t> bad{0};      // non-200 or a body other than the expected one
  std::atomic<int64_t> dropped{0};  // a connection that failed or was closed by the server
  std::atomic<int> connected{0};
  std::atomic<int> finished{0};
  std::string first_bad;
  std::mutex mu;
};

// One client connection: connect, then request / response in a loop until the deadline, then close.
class Client : public std::enable_shared_from_this<Client> {
 public:
  Client(asio::io_context& io, tcp::endpoint endpoint, const std::string& expected, Counters& counters)
      : stream_(asio::make_strand(io)), endpoint_(endpoint), expected_(expected), counters_(counters) {
    request_ = {http::verb::post, "/graphql/", 11};
    request_.set(http::field::host, "127.0.0.1");
    request_.set(http::field::content_type, "application/json");
    request_.keep_alive(true);
    request_.body() = kQuery;
    request_.prepare_payload();
  }

  void Connect() {
    stream_.expires_after(std::chrono::seconds(30));
    stream_.async_connect(endpoint_, [self = shared_from_this()](beast::error_code ec) {
      if (ec) return self->Drop("connect: " + ec.message());
      ++self->counters_.connected;
    });
  }

  void Start(Clock::time_point deadline) {
    deadline_ = deadline;
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Send(); });
  }

 private:
  void Send() {
    if (Clock::now() >= deadline_) return Finish();
    stream_.expires_after(std::chrono::seconds(30));
    http::async_write(stream_, request_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->Drop("write: " + ec.message());
      self->Receive();
    });
  }

  void Receive() {
    response_ = {};
    http::async_read(stream_, buffer_, response_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->Drop("read: " + ec.message());
      if (self->response_.result_int() == 200 && self->response_.body() == self->expected_) {
        ++self->counters_.ok;
      } else {
        ++self->counters_.bad;
        std::lock_guard lock(self->counters_.mu);
        if (self->counters_.first_bad.empty())
          self->counters_.first_bad =
              std::to_string(self->response_.result_int()) + " " + self->response_.body().substr(0, 300);
      }
      if (!self->response_.keep_alive()) return self->Drop("server closed the connection");
      self->Send();
    });
  }

  void Finish() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
    ++counters_.finished;
  }

  void Drop(const std::string& why) {
    ++counters_.dropped;
    {
      std::lock_guard lock(counters_.mu);
      if (counters_.first_bad.empty()) counters_.first_bad = why;
    }
    Finish();
  }

  beast::tcp_stream stream_;
  tcp::endpoint endpoint_;
  const std::string& expected_;
  Counters& counters_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
  beast::flat_buffer buffer_;
  Clock::time_point deadline_;
};

void RaiseOpenFileLimit(rlim_t wanted) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= wanted) return;
  limit.rlim_cur = std::min(wanted, limit.rlim_max);
  setrlimit(RLIMIT_NOFILE, &limit);
}

TEST(ServerSoak, ThousandKeepAliveConnectionsForTenSeconds) {
  // Client and server share this process: two descriptors per connection, plus the database files.
  RaiseOpenFileLimit(4 * kConnections + 256);
  rlimit limit{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &limit), 0);
  ASSERT_GE(limit.rlim_cur, static_cast<rlim_t>(2 * kConnections + 64)) << "open-files limit too low";
  int seconds = 10;
  if (const char* env = std::getenv("RAILGUN_SOAK_SECONDS"); env && std::atoi(env) > 0) seconds = std::atoi(env);

  // The schema, as `railgun serve --models examples/blog --database sqlite:///<file>` builds it.
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("rg_soak_" + std::to_string(getpid()));
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
  ASSERT_TRUE(conn.ok()) << conn.status().ToString();
  served->connection = std::move(*conn);
  ASSERT_TRUE(db::Migrate(*served->connection, *served->project).ok());
  ASSERT_TRUE(db::LoadSampleData(*served->connection, *served->project).ok());
  const int workers = 2;
  db::OpenOptions read_only;
  read_only.sqlite.query_only = true;
  auto parsed_url = db::ParseDatabaseUrl(url);
  ASSERT_TRUE(parsed_url.ok());
  auto pool = db::OpenPool(*parsed_url, {.size = workers}, read_only);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  served->pool = std::move(*pool);
  served->pool_reads_only = true;
  served->limits = security::LimitsFromSettings(models::Settings());

  ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.worker_threads = workers;
  options.read_timeout_seconds = 60;  // connections wait their turn; none may be cut
  Server server(
      options, [](ServedSchema& s, db::Connection& c, const RequestContext&) -> std::unique_ptr<execute::RootResolver> {
        return std::make_unique<compile::SqlRootResolver>(*s.generated, c);
      });
  server.AddSchema(std::move(served));
  auto port = server.Listen();
  ASSERT_TRUE(port.ok()) << port.status().ToString();
  std::thread runner([&] { server.Run(); });

  // The expected answer, from one request.
  HttpRequest probe;
  probe.method = "POST";
  probe.target = "/graphql/";
  probe.accept = "application/json";
  probe.content_type = "application/json";
  probe.body = kQuery;
  HttpResponse expected_response = server.Handle(probe);
  ASSERT_EQ(expected_response.status, 200);
  const std::string expected = expected_response.body;
  ASSERT_NE(expected.find("\"totalCount\":30"), std::string::npos) << expected;

  asio::io_context io;
  Counters counters;
  tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), *port);
  std::vector<std::shared_ptr<Client>> clients;
  for (int i = 0; i < kConnections; ++i) {
    clients.push_back(std::make_shared<Client>(io, endpoint, expected, counters));
    clients.back()->Connect();
  }
  auto work = asio::make_work_guard(io);
  std::thread client_thread([&] { io.run(); });

  // Every connection open at once before the load starts.
  auto connect_deadline = Clock::now() + std::chrono::seconds(30);
  while ((counters.connected + counters.dropped) < kConnections && Clock::now() < connect_deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(counters.connected.load(), kConnections) << counters.first_bad;
  auto server_deadline = Clock::now() + std::chrono::seconds(10);
  while (server.ConnectionCount() < static_cast<size_t>(kConnections) && Clock::now() < server_deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(server.ConnectionCount(), static_cast<size_t>(kConnections));

  auto started = Clock::now();
  auto deadline = started + std::chrono::seconds(seconds);
  for (auto& c : clients) c->Start(deadline);
  // Bounded: every connection finishes its last request (at most one in flight each) well within 60 s more.
  auto hard_stop = deadline + std::chrono::seconds(60);
  size_t min_open = kConnections;
  while (counters.finished < kConnections && Clock::now() < hard_stop) {
    if (Clock::now() < deadline) min_open = std::min(min_open, server.ConnectionCount());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  work.reset();
  if (counters.finished < kConnections) io.stop();
  client_thread.join();
  server.Stop();
  runner.join();
  std::filesystem::remove_all(dir);

  int64_t total = counters.ok + counters.bad;
  std::printf("soak: %d connections, %.1f s: %lld requests, %.0f requests/s, %lld bad, %lld dropped\n", kConnections,
              elapsed, static_cast<long long>(total), static_cast<double>(total) / elapsed,
              static_cast<long long>(counters.bad.load()), static_cast<long long>(counters.dropped.load()));
  EXPECT_EQ(counters.finished.load(), kConnections);
  EXPECT_EQ(counters.bad.load(), 0) << counters.first_bad;
  EXPECT_EQ(counters.dropped.load(), 0) << counters.first_bad;
  EXPECT_EQ(min_open, static_cast<size_t>(kConnections));  // nothing closed while the load ran
  EXPECT_GE(counters.ok.load(), kConnections);             // every connection was served at least once
}

}  // namespace
}  // namespace railgun::server
