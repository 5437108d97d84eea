// db::Pool — a fixed-size pool of connections: checkout with timeout, RAII handles, health check on checkout
// (PostgreSQL connections reconnect transparently after a server restart).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "db/connection.h"
#include "railgun/status.h"

namespace railgun::db {

struct PoolOptions {
  size_t size = 4;                                   // maximum open connections
  std::chrono::milliseconds checkout_timeout{5000};  // Checkout() waits this long for a free connection
  // A connection idle longer than this is Ping()ed (a round trip) before it is handed out; 0 = on every checkout.
  // Statements also check the socket themselves, so this is a second line of defence.
  std::chrono::milliseconds health_check_after_idle{30000};
  bool connect_eagerly = false;  // open every connection in Create()
};

using ConnectionFactory = std::function<StatusOr<std::unique_ptr<Connection>>()>;

class Pool;

// A checked-out connection; returns it to the pool when destroyed. A connection returned inside a transaction is
// rolled back first; a broken one is closed (the pool opens a fresh one on demand).
class PooledConnection {
 public:
  PooledConnection() = default;
  PooledConnection(PooledConnection&& other) noexcept;
  PooledConnection& operator=(PooledConnection&& other) noexcept;
  PooledConnection(const PooledConnection&) = delete;
  PooledConnection& operator=(const PooledConnection&) = delete;
  ~PooledConnection() { Release(); }

  Connection* get() const { return conn_.get(); }
  Connection* operator->() const { return conn_.get(); }
  Connection& operator*() const { return *conn_; }
  explicit operator bool() const { return conn_ != nullptr; }
  // Returns the connection to the pool now.
  void Release();

 private:
  friend class Pool;
  PooledConnection(Pool* pool, std::unique_ptr<Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
  Pool* pool_ = nullptr;
  std::unique_ptr<Connection> conn_;
};

// Thread-safe. Must outlive every PooledConnection it hands out.
class Pool {
 public:
  static StatusOr<std::unique_ptr<Pool>> Create(ConnectionFactory factory, PoolOptions options);
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Waits up to options.checkout_timeout for a connection. Errors: kDatabaseError on timeout or when a new
  // connection cannot be opened.
  StatusOr<PooledConnection> Checkout();
  StatusOr<PooledConnection> Checkout(std::chrono::milliseconds timeout);

  [[nodiscard]] size_t capacity() const { return options_.size; }
  [[nodiscard]] size_t open_connections() const;  // idle + checked out
  [[nodiscard]] size_t idle_connections() const;
  [[nodiscard]] const PoolOptions& options() const { return options_; }

 private:
  friend class PooledConnection;
  struct Idle {
    std::unique_ptr<Connection> conn;
    std::chrono::steady_clock::time_point since;
  };
  Pool(ConnectionFactory factory, PoolOptions options) : factory_(std::move(factory)), options_(options) {}
  void Return(std::unique_ptr<Connection> conn);

  ConnectionFactory factory_;
  PoolOptions options_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Idle> idle_;  // most recently returned last (reused first: warm statement caches)
  size_t open_ = 0;
};

}  // namespace railgun::db
