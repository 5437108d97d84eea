// json::Value -> JSON text, byte-identical to JavaScript's JSON.stringify (compact and indented forms).
#include "json/writer.h"

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

// 1 for bytes that end a plain run inside a string: '"', '\\', control characters and non-ASCII bytes.
constexpr bool NeedsAttention(unsigned char c) { return c < 0x20 || c == '"' || c == '\\' || c >= 0x80; }

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

void AppendInt(int64_t i, std::string& out) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, i);
  out.append(buf, end);
}

// Number.prototype.toString(10) for a finite double (ECMA-262 Number::toString).
void AppendDouble(double d, std::string& out) {
  if (!std::isfinite(d)) {
    out += "null";  // JSON.stringify(NaN / Infinity)
    return;
  }
  if (d == 0) {
    out.push_back('0');  // also -0
    return;
  }
  if (std::fabs(d) < 1e15 && d == std::trunc(d)) {
    AppendInt(static_cast<int64_t>(d), out);
    return;
  }
  // Shortest round-trip digits in scientific form: [-]d[.ddd]e(+|-)xx
  char buf[40];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  const char* p = buf;
  if (*p == '-') {
    out.push_back('-');
    ++p;
  }
  char digits[24];
  int k = 0;
  for (; p != end && *p != 'e'; ++p)
    if (*p != '.') digits[k++] = *p;
  int exponent = 0;
  std::from_chars(p + 1 + (p[1] == '+'), end, exponent);
  const int n = exponent + 1;  // value = 0.digits * 10^n
  if (k <= n && n <= 21) {
    out.append(digits, k);
    out.append(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(digits, n);
    out.push_back('.');
    out.append(digits + n, k - n);
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-n), '0');
    out.append(digits, k);
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out.append(digits + 1, k - 1);
    }
    out.push_back('e');
    out.push_back(n - 1 < 0 ? '-' : '+');
    AppendInt(std::abs(n - 1), out);
  }
}

void WriteCompact(const Value& v, std::string& out) {
  switch (v.kind()) {
    case Kind::kNull: out += "null"; return;
    case Kind::kBool: out += v.as_bool() ? "true" : "false"; return;
    case Kind::kInt: AppendInt(v.as_int(), out); return;
    case Kind::kDouble: AppendDouble(v.as_double(), out); return;
    case Kind::kString: WriteString(v.as_string(), out); return;
    case Kind::kRaw: out += v.as_string(); return;
    case Kind::kArray: {
      out.push_back('[');
      bool first = true;
      for (const Value& item : v.as_array()) {
        if (!first) out.push_back(',');
        first = false;
        WriteCompact(item, out);
      }
      out.push_back(']');
      return;
    }
    case Kind::kObject: {
      out.push_back('{');
      bool first = true;
      for (const auto& [key, member] : v.as_object()) {
        if (!first) out.push_back(',');
        first = false;
        WriteString(key, out);
        out.push_back(':');
        WriteCompact(member, out);
      }
      out.push_back('}');
      return;
    }
  }
}

void NewLine(int indent, int depth, std::string& out) {
  out.push_back('\n');
  out.append(static_cast<size_t>(indent) * static_cast<size_t>(depth), ' ');
}

void WriteIndented(const Value& v, int indent, int depth, std::string& out) {
  switch (v.kind()) {
    case Kind::kArray: {
      if (v.as_array().empty()) {
        out += "[]";
        return;
      }
      out.push_back('[');
      bool first = true;
      for (const Value& item : v.as_array()) {
        if (!first) out.push_back(',');
        first = false;
        NewLine(indent, depth + 1, out);
        WriteIndented(item, indent, depth + 1, out);
      }
      NewLine(indent, depth, out);
      out.push_back(']');
      return;
    }
    case Kind::kObject: {
      if (v.as_object().empty()) {
        out += "{}";
        return;
      }
      out.push_back('{');
      bool first = true;
      for (const auto& [key, member] : v.as_object()) {
        if (!first) out.push_back(',');
        first = false;
        NewLine(indent, depth + 1, out);
        WriteString(key, out);
        out += ": ";
        WriteIndented(member, indent, depth + 1, out);
      }
      NewLine(indent, depth, out);
      out.push_back('}');
      return;
    }
    default: WriteCompact(v, out); return;
  }
}

}  // namespace

void WriteString(std::string_view s, std::string& out) {
  out.push_back('"');
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p != end) {
    // A run of bytes written unchanged: ASCII without '"' '\\' or controls (8 at a time), and well-formed UTF-8.
    const unsigned char* run = p;
    while (p != end) {
      while (end - p >= 8 && internal::IsPlainAscii8(p)) p += 8;
      if (p == end) break;
      if (!NeedsAttention(*p)) {
        ++p;
        continue;
      }
      if (*p < 0x80) break;
      bool valid;
      size_t n = Utf8Sequence(p, end, valid);
      if (!valid) break;
      p += n;
    }
    out.append(reinterpret_cast<const char*>(run), static_cast<size_t>(p - run));
    if (p == end) break;
    const unsigned char c = *p;
    if (c >= 0x80) {
      // A lone UTF-16 surrogate in WTF-8 form (from a JSON "\\ud800" escape): JSON.stringify writes it escaped.
      if (c == 0xED && end - p >= 3 && p[1] >= 0xA0 && p[1] <= 0xBF && p[2] >= 0x80 && p[2] <= 0xBF) {
        const uint32_t unit = 0xD000u | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
        char esc[6] = {'\\', 'u', kHex[unit >> 12], kHex[(unit >> 8) & 0xF], kHex[(unit >> 4) & 0xF], kHex[unit & 0xF]};
        out.append(esc, sizeof esc);
        p += 3;
        continue;
      }
      // Other ill-formed UTF-8: one U+FFFD per maximal ill-formed subsequence.
      bool valid;
      p += Utf8Sequence(p, end, valid);
      out += kReplacementUtf8;
      continue;
    }
    ++p;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out.append(esc, sizeof esc);
      }
    }
  }
  out.push_back('"');
}

void WriteTo(const Value& v, std::string& out) { WriteCompact(v, out); }

std::string Write(const Value& v) {
  std::string out;
  WriteCompact(v, out);
  return out;
}

std::string WritePretty(const Value& v, int indent) {
  if (indent > 10) indent = 10;  // JSON.stringify clamps the space argument to 10
  std::string out;
  if (indent < 1) {
    WriteCompact(v, out);
  } else {
    WriteIndented(v, indent, 0, out);
  }
  return out;
}

}  // namespace railgun::json
