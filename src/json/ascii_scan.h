// Internal to src/json: word- and block-at-a-time scanning of JSON string contents (parser and writer).
#pragma once

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// Block scanning: a bit per byte of the 16 bytes at p (bit i = byte i) for the bytes that end a plain run.
// kBlock is the block size. Without SSE2 the same masks come from a byte loop.
inline constexpr int kBlock = 16;

// '"', '\\' and U+0000-U+001F (the parser's stops once the whole text is known to be valid UTF-8).
[[nodiscard]] inline uint32_t StopMask16(const unsigned char* p) {
#if defined(__SSE2__)
  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i quote = _mm_cmpeq_epi8(x, _mm_set1_epi8('"'));
  const __m128i backslash = _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'));
  const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
  return static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control)));
#else
  uint32_t mask = 0;
  for (int i = 0; i < kBlock; ++i)
    if (p[i] == '"' || p[i] == '\\' || p[i] < 0x20) mask |= 1u << i;
  return mask;
#endif
}

// The bytes >= 0x80.
[[nodiscard]] inline uint32_t HighMask16(const unsigned char* p) {
#if defined(__SSE2__)
  return static_cast<uint32_t>(_mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))));
#else
  uint32_t mask = 0;
  for (int i = 0; i < kBlock; ++i)
    if (p[i] >= 0x80) mask |= 1u << i;
  return mask;
#endif
}

// '"', '\\', controls and every byte >= 0x80 (the writer checks UTF-8 sequences itself).
[[nodiscard]] inline uint32_t AttentionMask16(const unsigned char* p) {
#if defined(__SSE2__)
  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i quote = _mm_cmpeq_epi8(x, _mm_set1_epi8('"'));
  const __m128i backslash = _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'));
  const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
  // movemask takes each byte's high bit, so OR-ing x itself flags the bytes >= 0x80.
  return static_cast<uint32_t>(
      _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), _mm_or_si128(control, x))));
#else
  uint32_t mask = 0;
  for (int i = 0; i < kBlock; ++i)
    if (p[i] == '"' || p[i] == '\\' || p[i] < 0x20 || p[i] >= 0x80) mask |= 1u << i;
  return mask;
#endif
}

// Copies 16 bytes (the caller guarantees room on both sides).
inline void Copy16(char* to, const unsigned char* from) {
#if defined(__SSE2__)
  _mm_storeu_si128(reinterpret_cast<__m128i*>(to), _mm_loadu_si128(reinterpret_cast<const __m128i*>(from)));
#else
  std::memcpy(to, from, kBlock);
#endif
}

}  // namespace railgun::json::internal
