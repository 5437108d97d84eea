// StatementCache<T> — a per-connection LRU map from SQL text to a driver's prepared statement handle.
#pragma once

#include <cstddef>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace railgun::db {

// Keys are the exact SQL text. `T` owns the driver handle (its destructor or the evict callback frees it).
template <typename T>
class StatementCache {
 public:
  explicit StatementCache(size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

  // The cached entry, marked most recently used; nullptr on a miss.
  T* Find(std::string_view sql) {
    auto it = index_.find(sql);
    if (it == index_.end()) return nullptr;
    entries_.splice(entries_.begin(), entries_, it->second);
    return &it->second->second;
  }

  // Inserts a new entry (the key must be absent). When full, the least recently used entry is removed first
  // and handed to `evict` (e.g. to DEALLOCATE it on the server).
  template <typename Evict>
  T& Insert(std::string sql, T value, Evict&& evict) {
    if (entries_.size() >= capacity_) {
      auto& last = entries_.back();
      index_.erase(std::string_view(last.first));
      evict(last.second);
      entries_.pop_back();
    }
    entries_.emplace_front(std::move(sql), std::move(value));
    index_.emplace(std::string_view(entries_.front().first), entries_.begin());
    return entries_.front().second;
  }

  // Calls `fn(value)` for every entry, then empties the cache.
  template <typename Fn>
  void Clear(Fn&& fn) {
    for (auto& e : entries_) fn(e.second);
    index_.clear();
    entries_.clear();
  }

  [[nodiscard]] size_t size() const { return entries_.size(); }
  [[nodiscard]] size_t capacity() const { return capacity_; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Entries = std::list<std::pair<std::string, T>>;
  size_t capacity_;
  Entries entries_;
  // Keys view the strings owned by `entries_` (list nodes never move).
  std::unordered_map<std::string_view, typename Entries::iterator, Hash, std::equal_to<>> index_;
};

}  // namespace railgun::db
