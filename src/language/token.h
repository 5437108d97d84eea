// Lexical tokens of GraphQL source text (spec §2.1); kinds and descriptions as graphql-js names them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace railgun::language {

enum class TokenKind : uint8_t {
  kSOF,
  kEOF,
  kBang,
  kDollar,
  kAmp,
  kParenL,
  kParenR,
  kSpread,
  kColon,
  kEquals,
  kAt,
  kBracketL,
  kBracketR,
  kBraceL,
  kPipe,
  kBraceR,
  kName,
  kInt,
  kFloat,
  kString,
  kBlockString,
  kComment,
};

// graphql-js TokenKind string: "<EOF>", "!", "...", "Name", "BlockString", ...
[[nodiscard]] std::string_view TokenKindName(TokenKind kind);
[[nodiscard]] bool IsPunctuator(TokenKind kind);
// graphql-js getTokenKindDesc: punctuators quoted ("\"{\""), others bare ("Name", "<EOF>").
[[nodiscard]] std::string TokenKindDescription(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::kSOF;
  uint32_t start = 0;    // byte offset
  uint32_t end = 0;      // byte offset one past the token
  uint32_t line = 0;     // 1-based (0 for <SOF>)
  uint32_t column = 0;   // 1-based in UTF-16 code units, like graphql-js (0 for <SOF>)
  std::string_view raw;  // Name/Int/Float: the source text; Comment: text after '#'
  std::string decoded;   // String/BlockString: the decoded value

  [[nodiscard]] bool has_value() const {
    return kind == TokenKind::kName || kind == TokenKind::kInt || kind == TokenKind::kFloat ||
           kind == TokenKind::kString || kind == TokenKind::kBlockString || kind == TokenKind::kComment;
  }
  [[nodiscard]] std::string_view value() const {
    return (kind == TokenKind::kString || kind == TokenKind::kBlockString) ? std::string_view(decoded) : raw;
  }
};

// graphql-js getTokenDesc: `Name "foo"`, `"{"`, `<EOF>`.
[[nodiscard]] std::string TokenDescription(const Token& token);

}  // namespace railgun::language
