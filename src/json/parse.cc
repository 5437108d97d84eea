// Strict RFC 8259 parser: JSON text -> json::Value, with byte-offset error messages and a nesting limit.
#include "json/parse.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <string>
#include <vector>

#include "json/ascii_scan.h"
#include "json/utf8.h"

namespace railgun::json {
namespace {

// Length of the well-formed UTF-8 sequence starting at p (lead byte >= 0x80), or 0 when ill-formed
// (overlong forms, surrogates, > U+10FFFF and truncated sequences are all ill-formed).
size_t ValidUtf8Length(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = p[0];
  size_t avail = static_cast<size_t>(end - p);
  auto cont = [&](size_t i) { return i < avail && (p[i] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && p[1] < 0xA0) return 0;   // overlong
    if (c == 0xED && p[1] >= 0xA0) return 0;  // UTF-16 surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && p[1] < 0x90) return 0;   // overlong
    if (c == 0xF4 && p[1] >= 0x90) return 0;  // > U+10FFFF
    return 4;
  }
  return 0;
}

// Offset of the first ill-formed UTF-8 sequence of `text` (text.size() when it is all well-formed; the parser
// first asks simdjson's vectorized validator and walks only ill-formed text here), walking the
// sequences from the start as ParseString does. Every byte outside strings must be ASCII, and a string starts at
// an ASCII '"', so inside any string that starts before this offset the sequences line up with this walk: the
// strings wholly before it need no UTF-8 checks, and one that reaches it fails exactly there.
size_t FirstInvalidUtf8(std::string_view text) {
  const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = begin + text.size();
  const unsigned char* p = begin;
  while (p != end) {
    while (end - p >= internal::kBlock && internal::HighMask16(p) == 0) p += internal::kBlock;
    if (p == end) break;
    if (*p < 0x80) {
      ++p;
      continue;
    }
    const size_t n = ValidUtf8Length(p, end);
    if (n == 0) break;
    p += n;
  }
  return static_cast<size_t>(p - begin);
}

// The bytes that end a plain run in a string: '"', '\\' and control characters.
constexpr auto kStopByte = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = true;
  table['"'] = true;
  table['\\'] = true;
  return table;
}();

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Scratch stacks reused by every Parse on a thread (their capacity survives; a stack grown past kKeepScratch
// entries by an unusually wide document is released afterwards).
struct Scratch {
  std::vector<Member> members;  // members of the objects being parsed, innermost last
  std::vector<Value> items;     // items of the arrays being parsed, innermost last
};
constexpr size_t kKeepScratch = 4096;

class Parser {
 public:
  Parser(std::string_view text, const ParseOptions& options)
      : begin_(text.data()),
        p_(text.data()),
        end_(text.data() + text.size()),
        utf8_end_(simdjson::validate_utf8(text.data(), text.size()) ? end_ : text.data() + FirstInvalidUtf8(text)),
        max_depth_(options.max_depth),
        member_stack_(ThreadScratch().members),
        item_stack_(ThreadScratch().items) {}
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
  ~Parser() {
    member_stack_.clear();  // non-empty after an error
    item_stack_.clear();
    if (member_stack_.capacity() > kKeepScratch) std::vector<Member>().swap(member_stack_);
    if (item_stack_.capacity() > kKeepScratch) std::vector<Value>().swap(item_stack_);
  }

  StatusOr<Value> Run() {
    SkipWhitespace();
    Value result = ParseValue(0);
    if (failed()) return Fail();
    SkipWhitespace();
    if (p_ != end_) {
      Error(p_, "unexpected data after the JSON value");
      return Fail();
    }
    return result;
  }

 private:
  Status Fail() {
    return InvalidArgument("invalid JSON at offset " + std::to_string(error_offset_) + ": " + error_message_);
  }

  bool Error(const char* at, std::string message) {
    error_offset_ = static_cast<size_t>(at - begin_);
    error_message_ = std::move(message);
    return false;
  }

  bool UnexpectedHere(std::string_view expected) {
    if (p_ == end_) return Error(p_, "unexpected end of input, expected " + std::string(expected));
    return Error(p_, "expected " + std::string(expected) + ", found " + Describe(*p_));
  }

  static std::string Describe(char c) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F) return std::string("'") + c + "'";
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", u);
    return std::string("byte ") + buf;
  }

  void SkipWhitespace() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  bool Literal(std::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() || std::memcmp(p_, word.data(), word.size()) != 0) {
      return Error(p_, "invalid literal, expected '" + std::string(word) + "'");
    }
    p_ += word.size();
    return true;
  }

  // The parse functions return the value by value (constructed in place by the caller); after an error they
  // return null and failed() is true.
  [[nodiscard]] bool failed() const { return !error_message_.empty(); }

  Value ParseValue(uint32_t depth) {
    if (p_ == end_) {
      Error(p_, "unexpected end of input, expected a value");
      return {};
    }
    switch (*p_) {
      case '{': return ParseObject(depth + 1);
      case '[': return ParseArray(depth + 1);
      case '"': {
        Value v = Value::String({});
        ParseString(v.as_string());
        return v;
      }
      case 't': return Literal("true") ? Value::Bool(true) : Value();
      case 'f': return Literal("false") ? Value::Bool(false) : Value();
      case 'n': Literal("null"); return {};
      default:
        if (*p_ == '-' || (*p_ >= '0' && *p_ <= '9')) return ParseNumber();
        UnexpectedHere("a value");
        return {};
    }
  }

  bool CheckDepth(uint32_t depth) {
    if (depth > max_depth_) return Error(p_, "maximum nesting depth " + std::to_string(max_depth_) + " exceeded");
    return true;
  }

  // Containers are collected on a reusable scratch stack and moved into an exactly sized vector at the end:
  // one allocation per container instead of repeated growth.
  Value ParseObject(uint32_t depth) {
    if (!CheckDepth(depth)) return {};
    ++p_;  // '{'
    SkipWhitespace();
    if (p_ != end_ && *p_ == '}') {
      ++p_;
      return Value::MakeObject();
    }
    const size_t base = member_stack_.size();
    while (true) {
      if (p_ == end_ || *p_ != '"') {
        UnexpectedHere("a string key");
        return {};
      }
      // The key is parsed in place in the scratch slot (one string, never moved until the final vector).
      member_stack_.emplace_back(std::string(), Value());
      if (!ParseString(member_stack_.back().first)) return {};
      SkipWhitespace();
      if (p_ == end_ || *p_ != ':') {
        UnexpectedHere("':'");
        return {};
      }
      ++p_;
      SkipWhitespace();
      Value value = ParseValue(depth);  // may grow member_stack_ (and then restore its size)
      if (failed()) return {};
      member_stack_.back().second = std::move(value);
      SkipWhitespace();
      if (p_ != end_ && *p_ == ',') {
        ++p_;
        SkipWhitespace();
        continue;
      }
      if (p_ != end_ && *p_ == '}') {
        ++p_;
        break;
      }
      UnexpectedHere("',' or '}'");
      return {};
    }
    Object members(std::make_move_iterator(member_stack_.begin() + static_cast<ptrdiff_t>(base)),
                   std::make_move_iterator(member_stack_.end()));
    member_stack_.erase(member_stack_.begin() + static_cast<ptrdiff_t>(base), member_stack_.end());
    return Value::MakeObject(std::move(members));
  }

  Value ParseArray(uint32_t depth) {
    if (!CheckDepth(depth)) return {};
    ++p_;  // '['
    SkipWhitespace();
    if (p_ != end_ && *p_ == ']') {
      ++p_;
      return Value::MakeArray();
    }
    const size_t base = item_stack_.size();
    while (true) {
      item_stack_.push_back(ParseValue(depth));
      if (failed()) return {};
      SkipWhitespace();
      if (p_ != end_ && *p_ == ',') {
        ++p_;
        SkipWhitespace();
        continue;
      }
      if (p_ != end_ && *p_ == ']') {
        ++p_;
        break;
      }
      UnexpectedHere("',' or ']'");
      return {};
    }
    Array items(std::make_move_iterator(item_stack_.begin() + static_cast<ptrdiff_t>(base)),
                std::make_move_iterator(item_stack_.end()));
    item_stack_.erase(item_stack_.begin() + static_cast<ptrdiff_t>(base), item_stack_.end());
    return Value::MakeArray(std::move(items));
  }

  // Reads the 4 hex digits after "\u" (p_ points at the 'u').
  bool ReadHex4(uint32_t& unit) {
    if (end_ - p_ < 5) return Error(p_ - 1, "incomplete \\u escape");
    unit = 0;
    for (int i = 1; i <= 4; ++i) {
      int d = HexDigit(p_[i]);
      if (d < 0) return Error(p_ - 1, "invalid \\u escape");
      unit = unit << 4 | static_cast<uint32_t>(d);
    }
    p_ += 5;
    return true;
  }

  bool ParseString(std::string& out) {
    const char* open = p_;
    ++p_;  // opening quote
    while (true) {
      // The run of plain bytes up to the next '"', '\\' or control character, 16 bytes at a time (non-ASCII
      // bytes are plain: the text before utf8_end_ is well-formed UTF-8). The scan uses locals so the cursor
      // stays in a register.
      const char* run = p_;
      const auto* q = reinterpret_cast<const unsigned char*>(p_);
      const auto* const limit = reinterpret_cast<const unsigned char*>(utf8_end_);
      while (true) {
        if (limit - q >= internal::kBlock) {
          const uint32_t mask = internal::StopMask16(q);
          if (mask == 0) {
            q += internal::kBlock;
            continue;
          }
          q += std::countr_zero(mask);
          break;
        }
        while (q != limit && !kStopByte[*q]) ++q;
        break;
      }
      p_ = reinterpret_cast<const char*>(q);
      out.append(run, p_);
      if (p_ == utf8_end_) {
        if (p_ == end_) return Error(open, "unterminated string");
        return Error(p_, "invalid UTF-8 in string");
      }
      auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c < 0x20) return Error(p_, "unescaped control character in string");
      // Backslash escape.
      const char* escape = p_;
      ++p_;
      if (p_ == end_) return Error(open, "unterminated string");
      switch (*p_) {
        case '"':
          out.push_back('"');
          ++p_;
          break;
        case '\\':
          out.push_back('\\');
          ++p_;
          break;
        case '/':
          out.push_back('/');
          ++p_;
          break;
        case 'b':
          out.push_back('\b');
          ++p_;
          break;
        case 'f':
          out.push_back('\f');
          ++p_;
          break;
        case 'n':
          out.push_back('\n');
          ++p_;
          break;
        case 'r':
          out.push_back('\r');
          ++p_;
          break;
        case 't':
          out.push_back('\t');
          ++p_;
          break;
        case 'u': {
          uint32_t unit;
          if (!ReadHex4(unit)) return false;
          if (unit >= 0xD800 && unit <= 0xDBFF) {
            // High surrogate: combine with a following \uDC00-\uDFFF escape. A lone surrogate is kept as its
            // WTF-8 form (ED A0..BF xx), which the writer turns back into the same \uXXXX escape, as JSON.parse +
            // JSON.stringify do.
            uint32_t low = 0;
            if (end_ - p_ >= 6 && p_[0] == '\\' && p_[1] == 'u') {
              const char* save = p_;
              ++p_;
              if (!ReadHex4(low)) return false;
              if (low >= 0xDC00 && low <= 0xDFFF) {
                AppendUtf8(out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
                break;
              }
              p_ = save;  // not a low surrogate: re-read it as its own escape
            }
            AppendUtf8(out, unit);
          } else {
            AppendUtf8(out, unit);
          }
          break;
        }
        default: return Error(escape, "invalid escape sequence \\" + std::string(1, *p_));
      }
    }
  }

  Value NumberError(const char* start, std::string message) {
    Error(start, std::move(message));
    return {};
  }

  Value ParseNumber() {
    const char* start = p_;
    bool negative = false;
    if (*p_ == '-') {
      negative = true;
      ++p_;
    }
    if (p_ == end_ || *p_ < '0' || *p_ > '9') return NumberError(start, "invalid number: expected a digit");
    const char* int_begin = p_;
    if (*p_ == '0') {
      ++p_;
      if (p_ != end_ && *p_ >= '0' && *p_ <= '9') return NumberError(start, "invalid number: leading zero");
    } else {
      while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    }
    const char* int_end = p_;
    bool is_integer = true;
    if (p_ != end_ && *p_ == '.') {
      is_integer = false;
      ++p_;
      if (p_ == end_ || *p_ < '0' || *p_ > '9') return NumberError(start, "invalid number: expected a digit after '.'");
      while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      is_integer = false;
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || *p_ < '0' || *p_ > '9') return NumberError(start, "invalid number: expected an exponent digit");
      while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    }
    // "-0" is a double (-0.0) so that the sign survives, as in JavaScript.
    bool negative_zero = negative && int_end - int_begin == 1 && *int_begin == '0';
    if (is_integer && !negative_zero && int_end - int_begin <= 19) {
      // Accumulate as unsigned magnitude; 19 digits always fit in uint64.
      uint64_t magnitude = 0;
      for (const char* d = int_begin; d != int_end; ++d) magnitude = magnitude * 10 + static_cast<uint64_t>(*d - '0');
      constexpr uint64_t kMaxPositive = static_cast<uint64_t>(INT64_MAX);
      if (!negative && magnitude <= kMaxPositive) {
        return Value::Int(static_cast<int64_t>(magnitude));
      }
      if (negative && magnitude <= kMaxPositive + 1) {
        return Value::Int(magnitude == kMaxPositive + 1 ? INT64_MIN : -static_cast<int64_t>(magnitude));
      }
    }
    double d = 0;
    auto [ptr, ec] = std::from_chars(start, p_, d);
    if (ec == std::errc::result_out_of_range) {
      // Overflow gives +-Infinity and underflow +-0, as JSON.parse does.
      d = DecimalMagnitude(int_begin, int_end, p_) > 0 ? HUGE_VAL : 0.0;
      if (negative) d = -d;
    } else if (ec != std::errc() || ptr != p_) {
      return NumberError(start, "invalid number");
    }
    return Value::Double(d);
  }

  // For an out-of-range number: the power of ten just above its value (> 0 means overflow, else underflow).
  static int64_t DecimalMagnitude(const char* int_begin, const char* int_end, const char* number_end) {
    int64_t magnitude = 0;
    const char* first_nonzero = int_begin;
    while (first_nonzero != int_end && *first_nonzero == '0') ++first_nonzero;
    const char* q = int_end;
    if (first_nonzero != int_end) {
      magnitude = int_end - first_nonzero;
    } else if (q != number_end && *q == '.') {
      ++q;
      while (q != number_end && *q == '0') ++q, --magnitude;
    }
    while (q != number_end && *q != 'e' && *q != 'E') ++q;
    if (q != number_end) {
      ++q;
      bool negative_exponent = *q == '-';
      if (*q == '+' || *q == '-') ++q;
      int64_t exponent = 0;
      for (; q != number_end; ++q) exponent = std::min<int64_t>(exponent * 10 + (*q - '0'), int64_t{1} << 40);
      magnitude += negative_exponent ? -exponent : exponent;
    }
    return magnitude;
  }

  const char* begin_;
  const char* p_;
  const char* end_;
  const char* utf8_end_;  // the first ill-formed UTF-8 sequence of the text (end_ when there is none)
  uint32_t max_depth_;
  size_t error_offset_ = 0;
  std::string error_message_;
  std::vector<Member>& member_stack_;
  std::vector<Value>& item_stack_;

  static Scratch& ThreadScratch() {
    thread_local Scratch scratch;
    return scratch;
  }
};

}  // namespace

StatusOr<Value> Parse(std::string_view text, const ParseOptions& options) { return Parser(text, options).Run(); }

}  // namespace railgun::json
