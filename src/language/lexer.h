// GraphQL lexer (spec §2.1): UTF-8 source -> tokens, with graphql-js v16 error messages and locations.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json/utf8.h"
#include "language/error.h"
#include "language/token.h"

namespace railgun::language {

// Internal error raised by the lexer/parser; converted to a GraphQLError at the public boundary.
struct SyntaxErrorException {
  uint32_t position;        // byte offset in the source
  std::string description;  // without the "Syntax Error: " prefix
};

// graphql-js getLocation: 1-based line (\r\n, \n or \r end a line) and column in UTF-16 code units.
[[nodiscard]] SourceLocation GetLocation(std::string_view source, uint32_t byte_offset);

// "Syntax Error: <description>" with the one location of `byte_offset`.
[[nodiscard]] GraphQLError MakeSyntaxError(std::string_view source, uint32_t byte_offset, std::string_view description);

// The block-string value algorithm (spec BlockStringValue / graphql-js dedentBlockStringLines): removes the
// common indentation of all lines but the first, then leading and trailing blank lines.
void DedentBlockStringLines(std::vector<std::string>& lines);

// Pull lexer over `source` (which must outlive it). Throws SyntaxErrorException on invalid input.
// Starts at a <SOF> token; Advance() moves to the next non-comment token.
class Lexer {
 public:
  explicit Lexer(std::string_view source);

  [[nodiscard]] const Token& token() const { return token_; }
  // End offset of the previously current token (graphql-js lexer.lastToken.end).
  [[nodiscard]] uint32_t last_end() const { return last_end_; }
  [[nodiscard]] std::string_view source() const { return source_; }

  // Makes the next non-comment token current and returns it.
  const Token& Advance() {
    last_end_ = token_.end;
    if (has_ahead_) {
      std::swap(token_, ahead_);
      has_ahead_ = false;
    } else if (token_.kind != TokenKind::kEOF) {
      NextNonComment(token_);
    }
    return token_;
  }
  // The next non-comment token after the current one, without consuming it.
  const Token& Lookahead();
  // Lexes the raw next token (comments included) starting after the previous one. For tests and tools.
  void ReadNextToken(Token& out);

 private:
  void NextNonComment(Token& out) {
    do {
      ReadNextToken(out);
    } while (out.kind == TokenKind::kComment);
  }
  void MakeToken(Token& out, TokenKind kind, uint32_t start, uint32_t end);
  void ReadComment(Token& out, uint32_t start);
  void ReadNumber(Token& out, uint32_t start);
  uint32_t ReadDigits(uint32_t pos);
  void ReadString(Token& out, uint32_t start);
  void ReadBlockString(Token& out, uint32_t start);
  uint32_t ReadEscape(std::string& out, uint32_t pos);
  [[noreturn, gnu::cold, gnu::noinline]] void Fail(uint32_t pos, std::string description) const;
  // Fails with `prefix` + the code point at `pos` (graphql-js printCodePointAt) + ".".
  [[noreturn, gnu::cold, gnu::noinline]] void FailWithCodePoint(uint32_t pos, const char* prefix) const;
  [[nodiscard]] std::string PrintCodePointAt(uint32_t pos) const;
  [[nodiscard]] std::string_view SliceUtf16(uint32_t pos, uint32_t units) const;
  [[nodiscard]] int ByteAt(uint32_t pos) const {
    return pos < source_.size() ? static_cast<unsigned char>(source_[pos]) : -1;
  }

  std::string_view source_;
  uint32_t pos_ = 0;  // where the next raw token starts being scanned
  uint32_t line_ = 1;
  uint32_t line_start_ = 0;   // byte offset of the current line's first character
  uint32_t line_adjust_ = 0;  // bytes minus UTF-16 units of multi-byte characters seen on this line
  Token token_;
  Token ahead_;
  bool has_ahead_ = false;
  uint32_t last_end_ = 0;
  std::vector<std::string> block_lines_;  // scratch for block strings
};

// Decodes one UTF-8 sequence at p (< end). Returns its length (1-4) and sets *code_point, or 0 if invalid
// (bad lead/continuation byte, overlong form, surrogate, > U+10FFFF, truncated).
int DecodeUtf8(const char* p, const char* end, uint32_t* code_point);
// Appends the UTF-8 encoding of a Unicode scalar value.
using json::AppendUtf8;
// Length of a UTF-8 string in UTF-16 code units (invalid bytes count one each), like a JS string's length.
[[nodiscard]] size_t Utf16Length(std::string_view s);

}  // namespace railgun::language
