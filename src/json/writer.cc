// json::Value -> JSON text, byte-identical to JavaScript's JSON.stringify (compact and indented forms).
#include "json/writer.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <system_error>

#include "json/ascii_scan.h"

namespace railgun::json {
namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";  // U+FFFD

// For a non-ASCII lead byte at p: the length of the well-formed UTF-8 sequence (valid = true), or the length of
// the maximal ill-formed prefix to replace with one U+FFFD (valid = false), as the WHATWG decoder does.
size_t Utf8Sequence(const unsigned char* p, const unsigned char* end, bool& valid) {
  const unsigned char c = p[0];
  size_t needed;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    needed = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    needed = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // excludes UTF-16 surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    needed = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    valid = false;
    return 1;
  }
  size_t i = 1;
  for (; i < needed; ++i) {
    if (p + i >= end) break;
    unsigned char b = p[i];
    unsigned char min = i == 1 ? lo : 0x80, max = i == 1 ? hi : 0xBF;
    if (b < min || b > max) break;
  }
  valid = i == needed;
  return i;
}

// The output: `out`'s own buffer, grown ahead of the writes (resize) and trimmed to the written length at the end,
// so each write is a bounds check and a store instead of a std::string append.
class Sink {
 public:
  explicit Sink(std::string& out) : out_(out), length_(out.size()) {}
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;
  ~Sink() { out_.resize(length_); }

  // A pointer to room for `n` more bytes at the write position; Commit(end) then marks [position, end) written.
  char* Room(size_t n) {
    if (out_.size() - length_ < n) Grow(n);
    return out_.data() + length_;
  }
  void Commit(const char* end) { length_ = static_cast<size_t>(end - out_.data()); }

  void Append(const char* data, size_t n) {
    std::memcpy(Room(n), data, n);
    length_ += n;
  }
  void Append(std::string_view text) { Append(text.data(), text.size()); }
  void Put(char c) {
    *Room(1) = c;
    ++length_;
  }

 private:
  void Grow(size_t n) { out_.resize(std::max({length_ + n, out_.size() * 2, length_ + 1024})); }

  std::string& out_;
  size_t length_;
};

char* WriteInt(int64_t i, char* to) { return std::to_chars(to, to + 24, i).ptr; }

// Fast path of WriteDouble for values with few decimals (prices, scores: 464.845), 1e-6 <= |d| < 1e15: the
// smallest k <= 8 for which m = round(d * 10^k) satisfies m / 10^k == d exactly. Both m (< 2^50) and 10^k are exact
// doubles, so that division is the correctly rounded m / 10^k, i.e. what parsing the decimal text "m * 10^-k"
// yields: the text round-trips. No shorter text does (a smaller k failed), and it is the only k-decimal text that
// does (10^-k > 4 ulp(d) when d * 10^k < 2^50), so it is exactly the shortest-digits form JSON.stringify prints in
// fixed notation. Returns nullptr when no such k exists (the caller falls back to std::to_chars).
char* WriteShortDecimal(double d, char* to) {
  static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
  static constexpr uint64_t kPow10Int[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
  const double magnitude = std::fabs(d);
  for (int k = 1; k <= 8; ++k) {
    const double scaled = magnitude * kPow10[k];
    if (scaled >= 0x1p50) return nullptr;
    const double m = std::nearbyint(scaled);
    if (m / kPow10[k] != magnitude) continue;
    const auto digits = static_cast<uint64_t>(m);
    const uint64_t integer = digits / kPow10Int[k];
    uint64_t fraction = digits % kPow10Int[k];
    if (d < 0) *to++ = '-';
    to = std::to_chars(to, to + 24, integer).ptr;
    *to++ = '.';
    // k fraction digits with leading zeros; the last is not 0 (else k - 1 would have matched, and k = 0 is the
    // integer case the caller handles).
    for (int i = k - 1; i >= 0; --i) {
      to[i] = static_cast<char>('0' + fraction % 10);
      fraction /= 10;
    }
    return to + k;
  }
  return nullptr;
}

// Number.prototype.toString(10) for a double (ECMA-262 Number::toString); at most 25 bytes.
char* WriteDouble(double d, char* to) {
  if (!std::isfinite(d)) {
    std::memcpy(to, "null", 4);  // JSON.stringify(NaN / Infinity)
    return to + 4;
  }
  if (d == 0) {
    *to = '0';  // also -0
    return to + 1;
  }
  const double magnitude = std::fabs(d);
  if (magnitude < 1e15 && d == std::trunc(d)) return WriteInt(static_cast<int64_t>(d), to);
  if (magnitude >= 1e-6 && magnitude < 1e15) {
    if (char* written = WriteShortDecimal(d, to)) return written;
  }
  // Shortest round-trip digits in scientific form: [-]d[.ddd]e(+|-)xx
  char buf[40];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  const char* p = buf;
  if (*p == '-') {
    *to++ = '-';
    ++p;
  }
  char digits[24];
  int k = 0;
  for (; p != end && *p != 'e'; ++p)
    if (*p != '.') digits[k++] = *p;
  int exponent = 0;
  std::from_chars(p + 1 + (p[1] == '+'), end, exponent);
  const int n = exponent + 1;  // value = 0.digits * 10^n
  auto put = [&to](const char* from, int count) {
    std::memcpy(to, from, static_cast<size_t>(count));
    to += count;
  };
  if (k <= n && n <= 21) {
    put(digits, k);
    std::memset(to, '0', static_cast<size_t>(n - k));
    to += n - k;
  } else if (0 < n && n <= 21) {
    put(digits, n);
    *to++ = '.';
    put(digits + n, k - n);
  } else if (-6 < n && n <= 0) {
    put("0.", 2);
    std::memset(to, '0', static_cast<size_t>(-n));
    to += -n;
    put(digits, k);
  } else {
    *to++ = digits[0];
    if (k > 1) {
      *to++ = '.';
      put(digits + 1, k - 1);
    }
    *to++ = 'e';
    *to++ = n - 1 < 0 ? '-' : '+';
    to = WriteInt(std::abs(n - 1), to);
  }
  return to;
}

// Escapes of the ASCII bytes that need one (index: byte); the two-character forms, else \u00xx.
constexpr auto kShortEscape = [] {
  std::array<char, 128> table{};
  table['"'] = '"';
  table['\\'] = '\\';
  table['\b'] = 'b';
  table['\f'] = 'f';
  table['\n'] = 'n';
  table['\r'] = 'r';
  table['\t'] = 't';
  return table;
}();

// Input bytes handled per reservation: the output of one input byte is at most 6 bytes (\u00xx), so each chunk
// reserves 6 * kChunk plus slack for the 16-byte block stores and a UTF-8 sequence crossing the chunk's end.
constexpr size_t kChunk = 4096;

void WriteQuoted(std::string_view s, Sink& sink) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = p + s.size();
  sink.Put('"');
  while (p != end) {
    const size_t chunk = std::min(static_cast<size_t>(end - p), kChunk);
    char* d = sink.Room(6 * chunk + 64);
    const unsigned char* const chunk_end = p + chunk;
    while (p < chunk_end) {
      // Plain bytes (ASCII other than '"', '\\' and controls) are copied a 16-byte block at a time: the block is
      // stored whole and the cursors advance to the first byte that needs attention. The last bytes of the
      // string are scanned from a copy padded with plain spaces (never read past the input).
      const size_t available = static_cast<size_t>(end - p);
      const unsigned char* block = p;
      unsigned char tail[internal::kBlock];
      if (available < internal::kBlock) {
        std::memset(tail, ' ', sizeof tail);
        std::memcpy(tail, p, available);
        block = tail;
      }
      internal::Copy16(d, block);
      const uint32_t mask = internal::AttentionMask16(block);
      if (mask == 0) {
        const size_t plain = std::min<size_t>(available, internal::kBlock);
        p += plain;
        d += plain;
        continue;
      }
      const int plain = std::countr_zero(mask);
      p += plain;
      d += plain;
      const unsigned char c = *p;
      if (c < 0x80) {
        ++p;
        d[0] = '\\';
        if (kShortEscape[c] != 0) {
          d[1] = kShortEscape[c];
          d += 2;
        } else {
          d[1] = 'u';
          d[2] = '0';
          d[3] = '0';
          d[4] = kHex[c >> 4];
          d[5] = kHex[c & 0xF];
          d += 6;
        }
        continue;
      }
      bool valid;
      const size_t n = Utf8Sequence(p, end, valid);
      if (valid) {
        std::memcpy(d, p, n);
        d += n;
        p += n;
        continue;
      }
      // A lone UTF-16 surrogate in WTF-8 form (from a JSON "\\ud800" escape): JSON.stringify writes it escaped.
      if (c == 0xED && end - p >= 3 && p[1] >= 0xA0 && p[1] <= 0xBF && p[2] >= 0x80 && p[2] <= 0xBF) {
        const uint32_t unit = 0xD000u | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
        const char esc[6] = {
            '\\', 'u', kHex[unit >> 12], kHex[(unit >> 8) & 0xF], kHex[(unit >> 4) & 0xF], kHex[unit & 0xF]};
        std::memcpy(d, esc, sizeof esc);
        d += sizeof esc;
        p += 3;
        continue;
      }
      // Other ill-formed UTF-8: one U+FFFD per maximal ill-formed subsequence.
      std::memcpy(d, kReplacementUtf8.data(), kReplacementUtf8.size());
      d += kReplacementUtf8.size();
      p += n;
    }
    sink.Commit(d);
  }
  sink.Put('"');
}

void WriteCompact(const Value& v, Sink& sink) {
  switch (v.kind()) {
    case Kind::kNull: sink.Append("null"); return;
    case Kind::kBool: v.as_bool() ? sink.Append("true") : sink.Append("false"); return;
    case Kind::kInt: sink.Commit(WriteInt(v.as_int(), sink.Room(24))); return;
    case Kind::kDouble: sink.Commit(WriteDouble(v.as_double(), sink.Room(32))); return;
    case Kind::kString: WriteQuoted(v.as_string(), sink); return;
    case Kind::kRaw: sink.Append(v.as_string()); return;
    case Kind::kArray: {
      sink.Put('[');
      bool first = true;
      for (const Value& item : v.as_array()) {
        if (!first) sink.Put(',');
        first = false;
        WriteCompact(item, sink);
      }
      sink.Put(']');
      return;
    }
    case Kind::kObject: {
      sink.Put('{');
      bool first = true;
      for (const auto& [key, member] : v.as_object()) {
        if (!first) sink.Put(',');
        first = false;
        WriteQuoted(key, sink);
        sink.Put(':');
        WriteCompact(member, sink);
      }
      sink.Put('}');
      return;
    }
  }
}

void NewLine(int indent, int depth, Sink& sink) {
  const size_t spaces = static_cast<size_t>(indent) * static_cast<size_t>(depth);
  char* d = sink.Room(spaces + 1);
  *d = '\n';
  std::memset(d + 1, ' ', spaces);
  sink.Commit(d + 1 + spaces);
}

void WriteIndented(const Value& v, int indent, int depth, Sink& sink) {
  switch (v.kind()) {
    case Kind::kArray: {
      if (v.as_array().empty()) {
        sink.Append("[]");
        return;
      }
      sink.Put('[');
      bool first = true;
      for (const Value& item : v.as_array()) {
        if (!first) sink.Put(',');
        first = false;
        NewLine(indent, depth + 1, sink);
        WriteIndented(item, indent, depth + 1, sink);
      }
      NewLine(indent, depth, sink);
      sink.Put(']');
      return;
    }
    case Kind::kObject: {
      if (v.as_object().empty()) {
        sink.Append("{}");
        return;
      }
      sink.Put('{');
      bool first = true;
      for (const auto& [key, member] : v.as_object()) {
        if (!first) sink.Put(',');
        first = false;
        NewLine(indent, depth + 1, sink);
        WriteQuoted(key, sink);
        sink.Append(": ");
        WriteIndented(member, indent, depth + 1, sink);
      }
      NewLine(indent, depth, sink);
      sink.Put('}');
      return;
    }
    default: WriteCompact(v, sink); return;
  }
}

}  // namespace

void WriteString(std::string_view s, std::string& out) {
  Sink sink(out);
  WriteQuoted(s, sink);
}

void WriteTo(const Value& v, std::string& out) {
  // Written into a per-thread buffer that keeps its (already touched) memory between calls, then appended to
  // `out` in one exact allocation: a fresh `out` would otherwise grow through a chain of reallocations, the
  // large ones fresh pages from the kernel each time. A buffer grown past kKeepBuffer is released afterwards.
  constexpr size_t kKeepBuffer = size_t{4} << 20;
  thread_local std::string buffer;
  buffer.clear();
  {
    Sink sink(buffer);
    WriteCompact(v, sink);
  }
  out.append(buffer);
  if (buffer.capacity() > kKeepBuffer) std::string().swap(buffer);
}

std::string Write(const Value& v) {
  std::string out;
  WriteTo(v, out);
  return out;
}

std::string WritePretty(const Value& v, int indent) {
  if (indent > 10) indent = 10;  // JSON.stringify clamps the space argument to 10
  std::string out;
  {
    Sink sink(out);  // trims `out` to the written length when it goes out of scope
    if (indent < 1) {
      WriteCompact(v, sink);
    } else {
      WriteIndented(v, indent, 0, sink);
    }
  }
  return out;
}

}  // namespace railgun::json
