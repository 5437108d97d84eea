// Internal to src/json: word-at-a-time scanning for the plain ASCII runs of JSON strings.
#pragma once

#include <cstdint>
#include <cstring>

namespace railgun::json::internal {

// True when the 8 bytes at p are all ASCII other than '"', '\\' and control characters (SWAR test).
[[nodiscard]] inline bool IsPlainAscii8(const unsigned char* p) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  uint64_t x;
  std::memcpy(&x, p, sizeof x);
  const uint64_t quote = x ^ (kOnes * '"');
  const uint64_t backslash = x ^ (kOnes * '\\');
  // Each term has a byte's high bit set when that byte is >= 0x80, < 0x20, '"' or '\\' (zero-byte tests may
  // also flag bytes above a true hit, which only ends the fast path early).
  const uint64_t hits = x | ((x - kOnes * 0x20) & ~x) | ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash);
  return (hits & kHigh) == 0;
}

}  // namespace railgun::json::internal
