// GraphQL lexer (spec §2.1): UTF-8 source -> tokens, with graphql-js v16 error messages and locations.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
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

// A token of a whole-document token array (what the parser reads): kind, byte span and location.
struct StreamToken {
  uint32_t start;
  uint32_t end;
  uint32_t line;
  uint32_t column;
  // `(` and `{`: number of ':' directly inside; `[`: number of values directly inside; String and BlockString:
  // offset of the decoded value in TokenStream::strings. Counts are capacity hints only (never trusted).
  uint32_t aux0;
  // `{`: number of selection / enum value starts directly inside; String and BlockString: decoded length.
  uint32_t aux1;
  TokenKind kind;
};

// A growable array of StreamTokens whose spare room stays uninitialized (the tokenizer writes into it).
class StreamTokens {
 public:
  [[nodiscard]] StreamToken* data() { return data_.get(); }
  [[nodiscard]] const StreamToken* data() const { return data_.get(); }
  [[nodiscard]] size_t size() const { return size_; }
  [[nodiscard]] size_t capacity() const { return capacity_; }
  StreamToken& operator[](size_t i) { return data_[i]; }
  const StreamToken& operator[](size_t i) const { return data_[i]; }
  void clear() { size_ = 0; }
  void set_size(size_t n) { size_ = n; }  // n <= capacity(); tokens [size(), n) must have been written
  void push_back(const StreamToken& token) {
    if (size_ == capacity_) Reserve(size_ + 1);
    data_[size_++] = token;
  }
  // Makes the capacity at least `n` (at least doubling it), keeping the tokens.
  void Reserve(size_t n) {
    if (n <= capacity_) return;
    const size_t capacity = std::max({n, capacity_ * 2, size_t{64}});
    std::unique_ptr<StreamToken[]> grown(new StreamToken[capacity]);
    if (size_ != 0) std::memcpy(grown.get(), data_.get(), size_ * sizeof(StreamToken));
    data_ = std::move(grown);
    capacity_ = capacity;
  }
  void Free() {
    data_.reset();
    size_ = capacity_ = 0;
  }

 private:
  std::unique_ptr<StreamToken[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

// The token array of a document plus the decoded strings and the bookkeeping of the element counts.
// Reused across parses (per thread) so that tokenizing allocates nothing in steady state.
struct TokenStream {
  struct Frame {
    uint32_t index;  // of the opening token
    uint32_t colons = 0;
    uint32_t starts = 0;
    uint32_t values = 0;
    TokenKind prev = TokenKind::kSOF;
    bool prev_on = false;  // the previous token is the `on` of `... on`
  };
  StreamTokens tokens;
  std::string strings;
  std::vector<Frame> frames;   // open brackets; frames[0] is the document level
  uint32_t definitions = 0;    // estimate of the number of top-level definitions
  // Scratch of the tokenizer (kept so their buffers are reused): the current slow-path token, block-string lines.
  Token scratch;
  std::vector<std::string> block_lines;

  // Empties the stream and adds the <SOF> token.
  void Reset();
  // Keeps small buffers for the next use; gives huge ones back.
  void Release();
};

// Pull lexer over `source` (which must outlive it). Throws SyntaxErrorException on invalid input.
// Starts at a <SOF> token; Advance() moves to the next non-comment token.
class Lexer {
 public:
  explicit Lexer(std::string_view source);
  Lexer(const Lexer&) = delete;
  Lexer& operator=(const Lexer&) = delete;

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
  // Appends all remaining non-comment tokens to `stream` (after Reset()), through <EOF> (appended twice), or
  // until max_tokens (0 = no limit) tokens were appended and one more: then returns true. Throws
  // SyntaxErrorException at the first invalid token (the tokens before it stay in `stream`).
  bool Tokenize(TokenStream& stream, uint32_t max_tokens);

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
  std::vector<std::string> own_block_lines_;
  std::vector<std::string>* block_lines_ = &own_block_lines_;  // scratch for block strings (Tokenize: the stream's)
};

// Decodes one UTF-8 sequence at p (< end). Returns its length (1-4) and sets *code_point, or 0 if invalid
// (bad lead/continuation byte, overlong form, surrogate, > U+10FFFF, truncated).
int DecodeUtf8(const char* p, const char* end, uint32_t* code_point);
// Appends the UTF-8 encoding of a Unicode scalar value.
using json::AppendUtf8;
// Length of a UTF-8 string in UTF-16 code units (invalid bytes count one each), like a JS string's length.
[[nodiscard]] size_t Utf16Length(std::string_view s);

}  // namespace railgun::language
