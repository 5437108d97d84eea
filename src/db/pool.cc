// db::Pool implementation.
#include "db/pool.h"

#include <string>

namespace railgun::db {

PooledConnection::PooledConnection(PooledConnection&& other) noexcept
    : pool_(other.pool_), conn_(std::move(other.conn_)) {
  other.pool_ = nullptr;
}

PooledConnection& PooledConnection::operator=(PooledConnection&& other) noexcept {
  if (this != &other) {
    Release();
    pool_ = other.pool_;
    conn_ = std::move(other.conn_);
    other.pool_ = nullptr;
  }
  return *this;
}

void PooledConnection::Release() {
  if (pool_ != nullptr && conn_ != nullptr) pool_->Return(std::move(conn_));
  conn_.reset();
  pool_ = nullptr;
}

StatusOr<std::unique_ptr<Pool>> Pool::Create(ConnectionFactory factory, PoolOptions options) {
  if (options.size == 0) return InvalidArgument("database pool size must be at least 1");
  if (!factory) return InvalidArgument("database pool needs a connection factory");
  std::unique_ptr<Pool> pool(new Pool(std::move(factory), options));
  if (options.connect_eagerly) {
    for (size_t i = 0; i < options.size; ++i) {
      RG_ASSIGN_OR_RETURN(std::unique_ptr<Connection> conn, pool->factory_());
      pool->idle_.push_back({std::move(conn), std::chrono::steady_clock::now()});
      ++pool->open_;
    }
  }
  return pool;
}

Pool::~Pool() {
  std::lock_guard lock(mu_);
  idle_.clear();
}

size_t Pool::open_connections() const {
  std::lock_guard lock(mu_);
  return open_;
}

size_t Pool::idle_connections() const {
  std::lock_guard lock(mu_);
  return idle_.size();
}

StatusOr<PooledConnection> Pool::Checkout() { return Checkout(options_.checkout_timeout); }

StatusOr<PooledConnection> Pool::Checkout(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock lock(mu_);
  if (!cv_.wait_until(lock, deadline, [&] { return !idle_.empty() || open_ < options_.size; })) {
    return DatabaseError("timed out after " + std::to_string(timeout.count()) +
                         " ms waiting for a database connection (pool size " + std::to_string(options_.size) + ")");
  }
  if (!idle_.empty()) {
    Idle idle = std::move(idle_.back());
    idle_.pop_back();
    lock.unlock();
    auto idle_for = std::chrono::steady_clock::now() - idle.since;
    if (idle_for >= options_.health_check_after_idle || idle.conn->broken()) {
      Status alive = idle.conn->Ping();  // reconnects PostgreSQL sessions when needed
      if (!alive.ok() || idle.conn->broken()) {
        idle.conn.reset();
        lock.lock();
        --open_;
        cv_.notify_one();
        return alive.ok() ? DatabaseError("database connection is broken") : alive;
      }
    }
    return PooledConnection(this, std::move(idle.conn));
  }
  ++open_;  // reserve the slot, open outside the lock
  lock.unlock();
  StatusOr<std::unique_ptr<Connection>> conn = factory_();
  if (!conn.ok()) {
    lock.lock();
    --open_;
    cv_.notify_one();
    return conn.status();
  }
  return PooledConnection(this, std::move(conn).value());
}

void Pool::Return(std::unique_ptr<Connection> conn) {
  if (conn->in_transaction()) (void)conn->Rollback();  // never hand out a connection mid-transaction
  bool keep = !conn->broken() && !conn->in_transaction();
  if (!keep) conn.reset();  // close outside the lock
  std::lock_guard lock(mu_);
  if (keep) {
    idle_.push_back({std::move(conn), std::chrono::steady_clock::now()});
  } else {
    --open_;
  }
  cv_.notify_one();
}

}  // namespace railgun::db
