// GraphQL lexer: tokens, string/block-string decoding, number grammar and graphql-js error messages.
#include "language/lexer.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdio>
#include <cstring>
#include <utility>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace railgun::language {

namespace {

// Character classes of ASCII bytes (bytes >= 0x80 have none).
enum CharClass : uint8_t { kNameStartClass = 1, kDigitClass = 2, kBlankClass = 4 };

constexpr std::array<uint8_t, 256> MakeCharClasses() {
  std::array<uint8_t, 256> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[c] = kNameStartClass;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = kNameStartClass;
  table['_'] = kNameStartClass;
  for (int c = '0'; c <= '9'; ++c) table[c] = kDigitClass;
  table[' '] = table['\t'] = table[','] = kBlankClass;
  return table;
}
constexpr std::array<uint8_t, 256> kCharClasses = MakeCharClasses();

// `c` is a byte value or -1 (end of input).
constexpr bool IsDigit(int c) { return c >= '0' && c <= '9'; }
inline bool IsNameStart(int c) { return c >= 0 && (kCharClasses[c] & kNameStartClass) != 0; }
inline bool IsNameContinue(unsigned char c) { return (kCharClasses[c] & (kNameStartClass | kDigitClass)) != 0; }
inline bool IsBlank(unsigned char c) { return (kCharClasses[c] & kBlankClass) != 0; }
constexpr bool IsWhiteSpace(char c) { return c == ' ' || c == '\t'; }
constexpr bool IsScalarValue(int64_t cp) { return (cp >= 0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0x10FFFF); }
constexpr bool IsLeadingSurrogate(int cp) { return cp >= 0xD800 && cp <= 0xDBFF; }
constexpr bool IsTrailingSurrogate(int cp) { return cp >= 0xDC00 && cp <= 0xDFFF; }

// Classes of bytes for the tokenizer's fast path: blanks, '\n', name starts, one-byte punctuators (the kind is
// kPunctuatorKinds[byte]); everything else (strings, numbers, '...', '\r', comments, BOM, errors, <EOF>) goes
// through ReadNextToken.
enum LexClass : uint8_t { kLexSlow, kLexBlank, kLexNewline, kLexName, kLexPunctuator };

constexpr std::array<uint8_t, 256> MakeLexClasses() {
  std::array<uint8_t, 256> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[c] = kLexName;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = kLexName;
  table['_'] = kLexName;
  table[' '] = table['\t'] = table[','] = kLexBlank;
  table['\n'] = kLexNewline;
  for (char c : std::string_view("!$&():=@[]{|}")) table[static_cast<unsigned char>(c)] = kLexPunctuator;
  return table;
}
constexpr std::array<uint8_t, 256> kLexClasses = MakeLexClasses();

constexpr std::array<TokenKind, 256> MakePunctuatorKinds() {
  std::array<TokenKind, 256> table{};
  table['!'] = TokenKind::kBang;
  table['$'] = TokenKind::kDollar;
  table['&'] = TokenKind::kAmp;
  table['('] = TokenKind::kParenL;
  table[')'] = TokenKind::kParenR;
  table[':'] = TokenKind::kColon;
  table['='] = TokenKind::kEquals;
  table['@'] = TokenKind::kAt;
  table['['] = TokenKind::kBracketL;
  table[']'] = TokenKind::kBracketR;
  table['{'] = TokenKind::kBraceL;
  table['|'] = TokenKind::kPipe;
  table['}'] = TokenKind::kBraceR;
  return table;
}
constexpr std::array<TokenKind, 256> kPunctuatorKinds = MakePunctuatorKinds();

constexpr bool IsOpener(TokenKind k) {
  return k == TokenKind::kBraceL || k == TokenKind::kParenL || k == TokenKind::kBracketL;
}
constexpr bool IsCloser(TokenKind k) {
  return k == TokenKind::kBraceR || k == TokenKind::kParenR || k == TokenKind::kBracketR;
}

// What a token adds to the element counts of the bracket it is directly in (see StreamToken), by previous token
// and token kind: kCountColon (':'), kCountStart (a selection / enum value starts: `...` or a name that is not
// an alias's field name, a directive name or a fragment spread's name), kCountValue (a value starts).
enum : uint8_t { kCountColon = 1, kCountStart = 2, kCountValue = 4 };
constexpr int kTokenKinds = static_cast<int>(TokenKind::kComment) + 1;

constexpr std::array<std::array<uint8_t, kTokenKinds>, kTokenKinds> MakeCountTable() {
  std::array<std::array<uint8_t, kTokenKinds>, kTokenKinds> table{};
  for (int p = 0; p < kTokenKinds; ++p) {
    const auto prev = static_cast<TokenKind>(p);
    for (int k = 0; k < kTokenKinds; ++k) {
      const auto kind = static_cast<TokenKind>(k);
      const bool name = kind == TokenKind::kName;
      uint8_t bits = 0;
      if (kind == TokenKind::kColon) bits |= kCountColon;
      if (kind == TokenKind::kSpread ||
          (name && prev != TokenKind::kColon && prev != TokenKind::kAt && prev != TokenKind::kSpread)) {
        bits |= kCountStart;
      }
      if ((name && prev != TokenKind::kDollar) || kind == TokenKind::kInt || kind == TokenKind::kFloat ||
          kind == TokenKind::kString || kind == TokenKind::kBlockString || kind == TokenKind::kDollar ||
          IsOpener(kind)) {
        bits |= kCountValue;
      }
      table[p][k] = bits;
    }
  }
  return table;
}
constexpr auto kCountTable = MakeCountTable();

// End of the name that starts at `pos` (a name-start byte).
inline uint32_t ScanName(const char* body, uint32_t pos, uint32_t length) {
  uint32_t end = pos + 1;
#ifdef __SSE2__
  // 16 bytes at a time: a byte continues the name if it is a letter, a digit or '_'.
  while (end + 16 <= length) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(body + end));
    const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
    // x in [lo, lo + n) <=> (x + 128 - lo) as a signed byte < -128 + n
    const __m128i alpha = _mm_cmplt_epi8(_mm_add_epi8(lower, _mm_set1_epi8(static_cast<char>(128 - 'a'))),
                                         _mm_set1_epi8(static_cast<char>(-128 + 26)));
    const __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(128 - '0'))),
                                         _mm_set1_epi8(static_cast<char>(-128 + 10)));
    const __m128i under = _mm_cmpeq_epi8(v, _mm_set1_epi8('_'));
    const auto mask = static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(alpha, digit), under)));
    if (mask != 0xFFFF) return end + static_cast<uint32_t>(std::countr_zero(~mask));
    end += 16;
  }
#endif
  while (end < length && IsNameContinue(static_cast<unsigned char>(body[end]))) ++end;
  return end;
}

// Skips a run of spaces (indentation) starting at `pos`, 8 bytes at a time.
static_assert(std::endian::native == std::endian::little, "SkipSpaces assumes little-endian words");
inline uint32_t SkipSpaces(const char* body, uint32_t pos, uint32_t length) {
  constexpr uint64_t kSpaces = 0x2020202020202020ULL;
  while (pos + 8 <= length) {
    uint64_t word;
    std::memcpy(&word, body + pos, 8);
    const uint64_t diff = word ^ kSpaces;
    if (diff != 0) return pos + static_cast<uint32_t>(std::countr_zero(diff) / 8);  // little-endian: first non-space
    pos += 8;
  }
  while (pos < length && body[pos] == ' ') ++pos;
  return pos;
}

int HexDigit(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string FormatCodePoint(uint32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", cp);
  return buf;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------
// Token helpers

std::string_view TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kSOF: return "<SOF>";
    case TokenKind::kEOF: return "<EOF>";
    case TokenKind::kBang: return "!";
    case TokenKind::kDollar: return "$";
    case TokenKind::kAmp: return "&";
    case TokenKind::kParenL: return "(";
    case TokenKind::kParenR: return ")";
    case TokenKind::kSpread: return "...";
    case TokenKind::kColon: return ":";
    case TokenKind::kEquals: return "=";
    case TokenKind::kAt: return "@";
    case TokenKind::kBracketL: return "[";
    case TokenKind::kBracketR: return "]";
    case TokenKind::kBraceL: return "{";
    case TokenKind::kPipe: return "|";
    case TokenKind::kBraceR: return "}";
    case TokenKind::kName: return "Name";
    case TokenKind::kInt: return "Int";
    case TokenKind::kFloat: return "Float";
    case TokenKind::kString: return "String";
    case TokenKind::kBlockString: return "BlockString";
    case TokenKind::kComment: return "Comment";
  }
  return "";
}

bool IsPunctuator(TokenKind kind) { return kind >= TokenKind::kBang && kind <= TokenKind::kBraceR; }

std::string TokenKindDescription(TokenKind kind) {
  std::string out;
  if (IsPunctuator(kind)) {
    out += '"';
    out += TokenKindName(kind);
    out += '"';
  } else {
    out += TokenKindName(kind);
  }
  return out;
}

std::string TokenDescription(const Token& token) {
  std::string out = TokenKindDescription(token.kind);
  if (token.has_value()) {
    out += " \"";
    out += token.value();
    out += '"';
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// UTF-8 / locations

int DecodeUtf8(const char* p, const char* end, uint32_t* code_point) {
  const auto b0 = static_cast<unsigned char>(p[0]);
  if (b0 < 0x80) {
    *code_point = b0;
    return 1;
  }
  int len;
  uint32_t cp;
  uint32_t min;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (end - p < len) return 0;
  for (int i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(p[i]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  *code_point = cp;
  return len;
}

size_t Utf16Length(std::string_view s) {
  size_t units = 0;
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) {
    if (static_cast<unsigned char>(*p) < 0x80) {
      ++units, ++p;
      continue;
    }
    uint32_t cp;
    const int len = DecodeUtf8(p, end, &cp);
    if (len == 0) {
      ++units, ++p;
    } else {
      units += cp >= 0x10000 ? 2 : 1;
      p += len;
    }
  }
  return units;
}

SourceLocation GetLocation(std::string_view source, uint32_t byte_offset) {
  if (byte_offset > source.size()) byte_offset = static_cast<uint32_t>(source.size());
  uint32_t line = 1;
  uint32_t line_start = 0;
  for (uint32_t i = 0; i < byte_offset; ++i) {
    const char c = source[i];
    if (c == '\n') {
      ++line, line_start = i + 1;
    } else if (c == '\r') {
      if (i + 1 < source.size() && source[i + 1] == '\n') {
        if (i + 1 >= byte_offset) break;  // the \r\n match starts before but ends at/after the position
        ++i;
      }
      ++line, line_start = i + 1;
    }
  }
  const auto column = static_cast<uint32_t>(Utf16Length(source.substr(line_start, byte_offset - line_start))) + 1;
  return SourceLocation{line, column};
}

GraphQLError MakeSyntaxError(std::string_view source, uint32_t byte_offset, std::string_view description) {
  GraphQLError error;
  error.message.reserve(14 + description.size());
  error.message = "Syntax Error: ";
  error.message += description;
  error.locations.push_back(GetLocation(source, byte_offset));
  return error;
}

void DedentBlockStringLines(std::vector<std::string>& lines) {
  size_t common_indent = SIZE_MAX;
  size_t first_non_empty = SIZE_MAX;
  size_t last_non_empty = SIZE_MAX;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    size_t indent = 0;
    while (indent < line.size() && IsWhiteSpace(line[indent])) ++indent;
    if (indent == line.size()) continue;
    if (first_non_empty == SIZE_MAX) first_non_empty = i;
    last_non_empty = i;
    if (i != 0 && indent < common_indent) common_indent = indent;
  }
  if (first_non_empty == SIZE_MAX) {
    lines.clear();
    return;
  }
  for (size_t i = 1; i < lines.size(); ++i) {
    if (common_indent != SIZE_MAX) lines[i].erase(0, std::min(common_indent, lines[i].size()));
  }
  lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(last_non_empty) + 1, lines.end());
  lines.erase(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(first_non_empty));
}

// ---------------------------------------------------------------------------------------------------------
// Lexer

Lexer::Lexer(std::string_view source) : source_(source) {
  token_.kind = TokenKind::kSOF;
}

const Token& Lexer::Lookahead() {
  if (token_.kind == TokenKind::kEOF) return token_;
  if (!has_ahead_) {
    NextNonComment(ahead_);
    has_ahead_ = true;
  }
  return ahead_;
}

void Lexer::Fail(uint32_t pos, std::string description) const {
  throw SyntaxErrorException{pos, std::move(description)};
}

void Lexer::FailWithCodePoint(uint32_t pos, const char* prefix) const {
  Fail(pos, prefix + PrintCodePointAt(pos) + ".");
}

std::string Lexer::PrintCodePointAt(uint32_t pos) const {
  if (pos >= source_.size()) return "<EOF>";
  uint32_t cp;
  if (DecodeUtf8(source_.data() + pos, source_.data() + source_.size(), &cp) == 0) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned char>(source_[pos]));
    return buf;
  }
  if (cp >= 0x20 && cp <= 0x7E) {
    if (cp == '"') return "'\"'";
    return std::string{'"', static_cast<char>(cp), '"'};
  }
  return FormatCodePoint(cp);
}

std::string_view Lexer::SliceUtf16(uint32_t pos, uint32_t units) const {
  const char* begin = source_.data() + pos;
  const char* end = source_.data() + source_.size();
  const char* p = begin;
  uint32_t taken = 0;
  while (p < end && taken < units) {
    uint32_t cp;
    const int len = DecodeUtf8(p, end, &cp);
    if (len == 0) {
      ++p, ++taken;
    } else {
      p += len;
      taken += cp >= 0x10000 ? 2 : 1;
    }
  }
  return {begin, static_cast<size_t>(p - begin)};
}

void Lexer::MakeToken(Token& out, TokenKind kind, uint32_t start, uint32_t end) {
  out.kind = kind;
  out.start = start;
  out.end = end;
  out.line = line_;
  out.column = 1 + start - line_start_ - line_adjust_;
  out.raw = {};
}

void Lexer::ReadNextToken(Token& out) {
  const char* body = source_.data();
  const auto length = static_cast<uint32_t>(source_.size());
  uint32_t pos = pos_;
  while (pos < length) {
    const auto c = static_cast<unsigned char>(body[pos]);
    // Fast paths: runs of insignificant blanks (indentation) and names, the most frequent tokens.
    if (IsBlank(c)) {
      ++pos;
      while (pos < length && IsBlank(static_cast<unsigned char>(body[pos]))) ++pos;
      continue;
    }
    if (c == '\n') {  // a new line, usually followed by indentation
      ++pos;
      ++line_, line_start_ = pos, line_adjust_ = 0;
      pos = SkipSpaces(body, pos, length);
      continue;
    }
    if (IsNameStart(c)) {
      uint32_t end = pos + 1;
      while (end < length && IsNameContinue(static_cast<unsigned char>(body[end]))) ++end;
      MakeToken(out, TokenKind::kName, pos, end);
      out.raw = source_.substr(pos, end - pos);
      pos_ = end;
      return;
    }
    TokenKind punct;
    switch (c) {
      case '\n':
        ++pos;
        ++line_, line_start_ = pos, line_adjust_ = 0;
        continue;
      case '\r':
        pos += (pos + 1 < length && body[pos + 1] == '\n') ? 2 : 1;
        ++line_, line_start_ = pos, line_adjust_ = 0;
        continue;
      case 0xEF:  // U+FEFF byte order mark: 3 bytes, 1 UTF-16 unit
        if (pos + 2 < length && static_cast<unsigned char>(body[pos + 1]) == 0xBB &&
            static_cast<unsigned char>(body[pos + 2]) == 0xBF) {
          pos += 3;
          line_adjust_ += 2;
          continue;
        }
        goto other;
      case '#': ReadComment(out, pos); return;
      case '!': punct = TokenKind::kBang; goto single;
      case '$': punct = TokenKind::kDollar; goto single;
      case '&': punct = TokenKind::kAmp; goto single;
      case '(': punct = TokenKind::kParenL; goto single;
      case ')': punct = TokenKind::kParenR; goto single;
      case ':': punct = TokenKind::kColon; goto single;
      case '=': punct = TokenKind::kEquals; goto single;
      case '@': punct = TokenKind::kAt; goto single;
      case '[': punct = TokenKind::kBracketL; goto single;
      case ']': punct = TokenKind::kBracketR; goto single;
      case '{': punct = TokenKind::kBraceL; goto single;
      case '|': punct = TokenKind::kPipe; goto single;
      case '}': punct = TokenKind::kBraceR; goto single;
      case '.':
        if (pos + 2 < length && body[pos + 1] == '.' && body[pos + 2] == '.') {
          MakeToken(out, TokenKind::kSpread, pos, pos + 3);
          pos_ = pos + 3;
          return;
        }
        goto other;
      case '"':
        pos_ = pos;
        if (pos + 2 < length && body[pos + 1] == '"' && body[pos + 2] == '"') {
          ReadBlockString(out, pos);
        } else {
          ReadString(out, pos);
        }
        return;
      default: goto other;
    }
  single:
    MakeToken(out, punct, pos, pos + 1);
    pos_ = pos + 1;
    return;
  other:
    if (IsDigit(c) || c == '-') {
      pos_ = pos;
      ReadNumber(out, pos);
      return;
    }
    if (c == '\'') Fail(pos, "Unexpected single quote character ('), did you mean to use a double quote (\")?");
    uint32_t cp;
    if (DecodeUtf8(body + pos, body + length, &cp) == 0) FailWithCodePoint(pos, "Invalid character: ");
    FailWithCodePoint(pos, "Unexpected character: ");
  }
  pos_ = length;
  MakeToken(out, TokenKind::kEOF, length, length);
}

void Lexer::ReadComment(Token& out, uint32_t start) {
  const char* body = source_.data();
  const auto length = static_cast<uint32_t>(source_.size());
  MakeToken(out, TokenKind::kComment, start, start);
  uint32_t pos = start + 1;
  while (pos < length) {
    const auto c = static_cast<unsigned char>(body[pos]);
    if (c == '\n' || c == '\r') break;
    if (c < 0x80) {
      ++pos;
      continue;
    }
    uint32_t cp;
    const int len = DecodeUtf8(body + pos, body + length, &cp);
    if (len == 0) break;  // the main loop reports the invalid character
    pos += static_cast<uint32_t>(len);
    line_adjust_ += static_cast<uint32_t>(len) - (cp >= 0x10000 ? 2 : 1);
  }
  out.end = pos;
  out.raw = source_.substr(start + 1, pos - start - 1);
  pos_ = pos;
}

uint32_t Lexer::ReadDigits(uint32_t pos) {
  if (!IsDigit(ByteAt(pos))) FailWithCodePoint(pos, "Invalid number, expected digit but got: ");
  ++pos;
  while (IsDigit(ByteAt(pos))) ++pos;
  return pos;
}

void Lexer::ReadNumber(Token& out, uint32_t start) {
  uint32_t pos = start;
  bool is_float = false;
  int code = ByteAt(pos);
  if (code == '-') code = ByteAt(++pos);
  if (code == '0') {
    code = ByteAt(++pos);
    if (IsDigit(code)) FailWithCodePoint(pos, "Invalid number, unexpected digit after 0: ");
  } else {
    pos = ReadDigits(pos);
    code = ByteAt(pos);
  }
  if (code == '.') {
    is_float = true;
    pos = ReadDigits(pos + 1);
    code = ByteAt(pos);
  }
  if (code == 'E' || code == 'e') {
    is_float = true;
    code = ByteAt(++pos);
    if (code == '+' || code == '-') ++pos;
    pos = ReadDigits(pos);
    code = ByteAt(pos);
  }
  if (code == '.' || IsNameStart(code)) {
    FailWithCodePoint(pos, "Invalid number, expected digit but got: ");
  }
  MakeToken(out, is_float ? TokenKind::kFloat : TokenKind::kInt, start, pos);
  out.raw = source_.substr(start, pos - start);
  pos_ = pos;
}

// Decodes the escape sequence at `pos` (a backslash) into `out`; returns its length in bytes.
uint32_t Lexer::ReadEscape(std::string& out, uint32_t pos) {
  const int next = ByteAt(pos + 1);
  if (next == 'u') {
    if (ByteAt(pos + 2) == '{') {
      // Variable width \u{...}: at most 12 characters, as graphql-js.
      int32_t point = 0;
      uint32_t size = 3;
      while (size < 12) {
        const int code = ByteAt(pos + size++);
        if (code == '}') {
          if (size < 5 || !IsScalarValue(point)) break;
          AppendUtf8(out, static_cast<uint32_t>(point));
          return size;
        }
        point = static_cast<int32_t>(static_cast<uint32_t>(point) << 4) | HexDigit(code);
        if (point < 0) break;
      }
      Fail(pos, "Invalid Unicode escape sequence: \"" + std::string(SliceUtf16(pos, size)) + "\".");
    }
    auto read16 = [&](uint32_t at) {
      return (HexDigit(ByteAt(at)) << 12) | (HexDigit(ByteAt(at + 1)) << 8) | (HexDigit(ByteAt(at + 2)) << 4) |
             HexDigit(ByteAt(at + 3));
    };
    const int code = read16(pos + 2);
    if (IsScalarValue(code)) {
      AppendUtf8(out, static_cast<uint32_t>(code));
      return 6;
    }
    if (IsLeadingSurrogate(code) && ByteAt(pos + 6) == '\\' && ByteAt(pos + 7) == 'u') {
      const int trailing = read16(pos + 8);
      if (IsTrailingSurrogate(trailing)) {
        AppendUtf8(
            out, 0x10000 + ((static_cast<uint32_t>(code) - 0xD800) << 10) + (static_cast<uint32_t>(trailing) - 0xDC00));
        return 12;
      }
    }
    Fail(pos, "Invalid Unicode escape sequence: \"" + std::string(SliceUtf16(pos, 6)) + "\".");
  }
  switch (next) {
    case '"': out += '"'; return 2;
    case '\\': out += '\\'; return 2;
    case '/': out += '/'; return 2;
    case 'b': out += '\b'; return 2;
    case 'f': out += '\f'; return 2;
    case 'n': out += '\n'; return 2;
    case 'r': out += '\r'; return 2;
    case 't': out += '\t'; return 2;
    default: break;
  }
  Fail(pos, "Invalid character escape sequence: \"" + std::string(SliceUtf16(pos, 2)) + "\".");
}

void Lexer::ReadString(Token& out, uint32_t start) {
  const char* body = source_.data();
  const auto length = static_cast<uint32_t>(source_.size());
  MakeToken(out, TokenKind::kString, start, start);
  std::string& value = out.decoded;
  value.clear();
  uint32_t pos = start + 1;
  uint32_t chunk_start = pos;
  while (pos < length) {
    const auto c = static_cast<unsigned char>(body[pos]);
    if (c == '"') {
      value.append(body + chunk_start, pos - chunk_start);
      out.end = pos + 1;
      pos_ = pos + 1;
      return;
    }
    if (c == '\\') {
      value.append(body + chunk_start, pos - chunk_start);
      pos += ReadEscape(value, pos);
      chunk_start = pos;
      continue;
    }
    if (c == '\n' || c == '\r') break;
    if (c < 0x80) {
      ++pos;
      continue;
    }
    uint32_t cp;
    const int len = DecodeUtf8(body + pos, body + length, &cp);
    if (len == 0) FailWithCodePoint(pos, "Invalid character within String: ");
    pos += static_cast<uint32_t>(len);
    line_adjust_ += static_cast<uint32_t>(len) - (cp >= 0x10000 ? 2 : 1);
  }
  Fail(pos, "Unterminated string.");
}

void Lexer::ReadBlockString(Token& out, uint32_t start) {
  const char* body = source_.data();
  const auto length = static_cast<uint32_t>(source_.size());
  MakeToken(out, TokenKind::kBlockString, start, start);
  uint32_t line_start = line_start_;
  uint32_t adjust = line_adjust_;
  uint32_t pos = start + 3;
  uint32_t chunk_start = pos;
  size_t line_count = 0;
  auto current = [&]() -> std::string& {
    if (block_lines_->size() <= line_count) block_lines_->emplace_back();
    return (*block_lines_)[line_count];
  };
  block_lines_->clear();
  current().clear();
  while (pos < length) {
    const auto c = static_cast<unsigned char>(body[pos]);
    if (c == '"' && pos + 2 < length && body[pos + 1] == '"' && body[pos + 2] == '"') {
      current().append(body + chunk_start, pos - chunk_start);
      ++line_count;
      block_lines_->resize(line_count);
      DedentBlockStringLines(*block_lines_);
      std::string& value = out.decoded;
      value.clear();
      for (size_t i = 0; i < block_lines_->size(); ++i) {
        if (i) value += '\n';
        value += (*block_lines_)[i];
      }
      out.end = pos + 3;
      pos_ = pos + 3;
      line_ += static_cast<uint32_t>(line_count - 1);
      line_start_ = line_start;
      line_adjust_ = adjust;
      return;
    }
    if (c == '\\' && pos + 3 < length && body[pos + 1] == '"' && body[pos + 2] == '"' && body[pos + 3] == '"') {
      current().append(body + chunk_start, pos - chunk_start);
      chunk_start = pos + 1;  // keep the quotes, drop the backslash
      pos += 4;
      continue;
    }
    if (c == '\n' || c == '\r') {
      current().append(body + chunk_start, pos - chunk_start);
      ++line_count;
      if (block_lines_->size() <= line_count) block_lines_->emplace_back();
      (*block_lines_)[line_count].clear();
      pos += (c == '\r' && pos + 1 < length && body[pos + 1] == '\n') ? 2 : 1;
      chunk_start = pos;
      line_start = pos;
      adjust = 0;
      continue;
    }
    if (c < 0x80) {
      ++pos;
      continue;
    }
    uint32_t cp;
    const int len = DecodeUtf8(body + pos, body + length, &cp);
    if (len == 0) FailWithCodePoint(pos, "Invalid character within String: ");
    pos += static_cast<uint32_t>(len);
    adjust += static_cast<uint32_t>(len) - (cp >= 0x10000 ? 2 : 1);
  }
  Fail(pos, "Unterminated string.");
}

// ---------------------------------------------------------------------------------------------------------
// Whole-document tokenizing

void TokenStream::Reset() {
  tokens.clear();
  strings.clear();
  frames.clear();
  definitions = 0;
  tokens.push_back(StreamToken{0, 0, 0, 0, 0, 0, TokenKind::kSOF});
  frames.push_back(Frame{0});
}

void TokenStream::Release() {
  if (tokens.capacity() > (1u << 16)) tokens.Free();
  if (strings.capacity() > (1u << 20)) std::string().swap(strings);
  if (frames.capacity() > (1u << 12)) std::vector<Frame>().swap(frames);
  if (scratch.decoded.capacity() > (1u << 16)) std::string().swap(scratch.decoded);
  block_lines.clear();
  if (block_lines.capacity() > (1u << 10)) std::vector<std::string>().swap(block_lines);
}

bool Lexer::Tokenize(TokenStream& stream, uint32_t max_tokens) {
  StreamTokens& tokens = stream.tokens;
  std::vector<TokenStream::Frame>& frames = stream.frames;
  const char* body = source_.data();
  const auto length = static_cast<uint32_t>(source_.size());
  // Tokens are written through `out` into the spare room (growing it in a cold path); `n` counts them and
  // becomes the array's size on every exit.
  size_t n = tokens.size();
  // About one token per 4 bytes, but never a large up-front reservation for a large (possibly hostile) input:
  // past 64 Ki tokens the array grows by doubling as tokens actually come.
  size_t expected = std::min<size_t>(length / 4 + 16, size_t{1} << 16);
  if (max_tokens != 0) expected = std::min<size_t>(expected, size_t{max_tokens} + 4);
  tokens.Reserve(n + expected);
  StreamToken* out = tokens.data() + n;
  StreamToken* room_end = tokens.data() + tokens.capacity();
  struct SetSize {
    StreamTokens& tokens;
    size_t& n;
    ~SetSize() { tokens.set_size(n); }
  } set_size{tokens, n};
  TokenStream::Frame* frame = &frames.back();
  const uint32_t limit = max_tokens == 0 ? UINT32_MAX : max_tokens;
  uint32_t count = 0;
  Token& slow = stream.scratch;
  block_lines_ = &stream.block_lines;
  for (;;) {
    uint32_t pos = pos_;
    uint8_t cls = kLexSlow;
    while (pos < length) {
      cls = kLexClasses[static_cast<unsigned char>(body[pos])];
      if (cls == kLexBlank) {
        ++pos;
      } else if (cls == kLexNewline) {
        ++pos;
        ++line_, line_start_ = pos, line_adjust_ = 0;
        pos = SkipSpaces(body, pos, length);
      } else {
        break;
      }
    }
    TokenKind kind;
    uint32_t start = pos;
    uint32_t end;
    uint32_t line = line_;
    uint32_t column;
    if (pos < length && cls == kLexName) {
      end = ScanName(body, pos, length);
      kind = TokenKind::kName;
      column = 1 + start - line_start_ - line_adjust_;
      pos_ = end;
    } else if (pos < length && cls == kLexPunctuator) {
      kind = kPunctuatorKinds[static_cast<unsigned char>(body[pos])];
      end = pos + 1;
      column = 1 + start - line_start_ - line_adjust_;
      pos_ = end;
    } else {
      pos_ = pos;
      ReadNextToken(slow);
      kind = slow.kind;
      if (kind == TokenKind::kComment) continue;
      start = slow.start, end = slow.end, line = slow.line, column = slow.column;
    }
    if (room_end - out < 2) [[unlikely]] {
      tokens.set_size(n);
      tokens.Reserve(n + 2);
      out = tokens.data() + n;
      room_end = tokens.data() + tokens.capacity();
    }
    *out = StreamToken{start, end, line, column, 0, 0, kind};
    if (kind == TokenKind::kEOF) {
      out[1] = out[0];  // advancing past <EOF> stays on an <EOF>
      n += 2;
      return false;
    }
    if (kind == TokenKind::kString || kind == TokenKind::kBlockString) {
      out->aux0 = static_cast<uint32_t>(stream.strings.size());
      out->aux1 = static_cast<uint32_t>(slow.decoded.size());
      stream.strings += slow.decoded;
    }
    const auto index = static_cast<uint32_t>(n);
    ++out, ++n;
    // Element counts of the innermost open bracket (see StreamToken::aux0 / aux1).
    if (IsCloser(kind)) {
      if (frames.size() > 1) {
        StreamToken& open = tokens[frame->index];
        open.aux0 = open.kind == TokenKind::kBracketL ? frame->values : frame->colons;
        open.aux1 = frame->starts;
        frames.pop_back();
        frame = &frames.back();
      }
      frame->prev = kind;
      frame->prev_on = false;
    } else {
      const bool name = kind == TokenKind::kName;
      const TokenKind prev = frame->prev;
      uint32_t bits = kCountTable[static_cast<int>(prev)][static_cast<int>(kind)];
      if (frame->prev_on) [[unlikely]] {
        bits &= ~uint32_t{kCountStart};  // an inline fragment's type condition
        frame->prev_on = false;
      }
      frame->colons += bits & kCountColon;
      frame->starts += (bits >> 1) & 1;
      frame->values += (bits >> 2) & 1;
      const std::string_view text(body + start, end - start);
      if (name && prev == TokenKind::kSpread && text == "on") frame->prev_on = true;
      frame->prev = kind;
      if (frames.size() == 1) {
        // Top level: each definition has one `{` there, except bodiless scalars, unions and directives (and a
        // few rare forms, for which the estimate is merely short).
        if (kind == TokenKind::kBraceL || (name && (text == "scalar" || text == "union" || text == "directive"))) {
          ++stream.definitions;
        }
      }
      if (IsOpener(kind)) {
        frames.push_back(TokenStream::Frame{index});
        frame = &frames.back();
      }
    }
    if (++count > limit) [[unlikely]]
      return true;  // (sources are < 4 GiB, so without a limit the count cannot wrap)
  }
}

}  // namespace railgun::language
