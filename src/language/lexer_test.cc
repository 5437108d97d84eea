// Tests for the GraphQL lexer: token kinds, values, locations and graphql-js v16 error messages.
#include "language/lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace railgun::language {
namespace {

// All tokens of `source` (comments included) up to and including <EOF>.
std::vector<Token> LexAll(std::string_view source) {
  Lexer lexer(source);
  std::vector<Token> tokens;
  do {
    Token t;
    lexer.ReadNextToken(t);
    tokens.push_back(std::move(t));
  } while (tokens.back().kind != TokenKind::kEOF);
  return tokens;
}

Token LexOne(std::string_view source) {
  Lexer lexer(source);
  return lexer.Advance();
}

// "message @line:column" of the first lexing error, or "" if the source lexes cleanly.
std::string LexError(std::string_view source) {
  try {
    Lexer lexer(source);
    while (lexer.Advance().kind != TokenKind::kEOF) {
    }
  } catch (const SyntaxErrorException& e) {
    GraphQLError error = MakeSyntaxError(source, e.position, e.description);
    return error.message + " @" + std::to_string(error.locations[0].line) + ":" +
           std::to_string(error.locations[0].column);
  }
  return "";
}

TEST(LexerTest, Punctuators) {
  auto tokens = LexAll("! $ & ( ) ... : = @ [ ] { | }");
  std::vector<TokenKind> kinds;
  for (const auto& t : tokens) kinds.push_back(t.kind);
  EXPECT_EQ(kinds,
            (std::vector<TokenKind>{TokenKind::kBang, TokenKind::kDollar, TokenKind::kAmp, TokenKind::kParenL,
                                    TokenKind::kParenR, TokenKind::kSpread, TokenKind::kColon, TokenKind::kEquals,
                                    TokenKind::kAt, TokenKind::kBracketL, TokenKind::kBracketR, TokenKind::kBraceL,
                                    TokenKind::kPipe, TokenKind::kBraceR, TokenKind::kEOF}));
  EXPECT_EQ(tokens[5].start, 10u);
  EXPECT_EQ(tokens[5].end, 13u);
}

TEST(LexerTest, SkipsWhitespaceCommasBomAndComments) {
  Lexer lexer("\xEF\xBB\xBF ,,\t\n  # a comment\r\n\r  foo # trailing");
  const Token& t = lexer.Advance();
  EXPECT_EQ(t.kind, TokenKind::kName);
  EXPECT_EQ(t.value(), "foo");
  EXPECT_EQ(t.line, 4u);
  EXPECT_EQ(t.column, 3u);
  EXPECT_EQ(lexer.Advance().kind, TokenKind::kEOF);
}

TEST(LexerTest, BomCountsAsOneColumn) {
  Token t = LexOne("\xEF\xBB\xBF foo");
  EXPECT_EQ(t.column, 3u);
  EXPECT_EQ(t.start, 4u);
}

TEST(LexerTest, CommentTokensAreVisibleToRawReads) {
  auto tokens = LexAll("# hello 😀\nfoo");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kComment);
  EXPECT_EQ(tokens[0].value(), " hello 😀");
  EXPECT_EQ(tokens[1].line, 2u);
}

TEST(LexerTest, Names) {
  Token t = LexOne("  _foo_Bar9 ");
  EXPECT_EQ(t.kind, TokenKind::kName);
  EXPECT_EQ(t.value(), "_foo_Bar9");
  EXPECT_EQ(t.start, 2u);
  EXPECT_EQ(t.end, 11u);
  EXPECT_EQ(t.column, 3u);
}

TEST(LexerTest, Numbers) {
  struct Case {
    const char* source;
    TokenKind kind;
  } cases[] = {{"4", TokenKind::kInt},          {"-4", TokenKind::kInt},          {"0", TokenKind::kInt},
               {"-0", TokenKind::kInt},         {"9", TokenKind::kInt},           {"4.123", TokenKind::kFloat},
               {"-4.123", TokenKind::kFloat},   {"0.123", TokenKind::kFloat},     {"123e4", TokenKind::kFloat},
               {"123E4", TokenKind::kFloat},    {"123e-4", TokenKind::kFloat},    {"123e+4", TokenKind::kFloat},
               {"-1.123e4", TokenKind::kFloat}, {"-1.123E-4", TokenKind::kFloat}, {"-1.123e4567", TokenKind::kFloat},
               {"-0.0e-0", TokenKind::kFloat}};
  for (const auto& c : cases) {
    Token t = LexOne(c.source);
    EXPECT_EQ(t.kind, c.kind) << c.source;
    EXPECT_EQ(t.value(), c.source);
  }
}

TEST(LexerTest, NumberErrors) {
  EXPECT_EQ(LexError("00"), "Syntax Error: Invalid number, unexpected digit after 0: \"0\". @1:2");
  EXPECT_EQ(LexError("01"), "Syntax Error: Invalid number, unexpected digit after 0: \"1\". @1:2");
  EXPECT_EQ(LexError("0x"), "Syntax Error: Invalid number, expected digit but got: \"x\". @1:2");
  EXPECT_EQ(LexError("1."), "Syntax Error: Invalid number, expected digit but got: <EOF>. @1:3");
  EXPECT_EQ(LexError("1.)"), "Syntax Error: Invalid number, expected digit but got: \")\". @1:3");
  EXPECT_EQ(LexError("1e"), "Syntax Error: Invalid number, expected digit but got: <EOF>. @1:3");
  EXPECT_EQ(LexError("1.0e"), "Syntax Error: Invalid number, expected digit but got: <EOF>. @1:5");
  EXPECT_EQ(LexError("1e+"), "Syntax Error: Invalid number, expected digit but got: <EOF>. @1:4");
  EXPECT_EQ(LexError(".5"), "Syntax Error: Unexpected character: \".\". @1:1");
  EXPECT_EQ(LexError("-.5"), "Syntax Error: Invalid number, expected digit but got: \".\". @1:2");
  EXPECT_EQ(LexError("1_000"), "Syntax Error: Invalid number, expected digit but got: \"_\". @1:2");
  EXPECT_EQ(LexError("1a"), "Syntax Error: Invalid number, expected digit but got: \"a\". @1:2");
  EXPECT_EQ(LexError("1.e3"), "Syntax Error: Invalid number, expected digit but got: \"e\". @1:3");
  EXPECT_EQ(LexError("12.34.56"), "Syntax Error: Invalid number, expected digit but got: \".\". @1:6");
  EXPECT_EQ(LexError("1e5e6"), "Syntax Error: Invalid number, expected digit but got: \"e\". @1:4");
  EXPECT_EQ(LexError("-"), "Syntax Error: Invalid number, expected digit but got: <EOF>. @1:2");
  EXPECT_EQ(LexError("1\xC3\xA9"), "Syntax Error: Unexpected character: U+00E9. @1:2");  // number ends first
  EXPECT_EQ(LexError("1\"x\""), "");
}

TEST(LexerTest, Strings) {
  EXPECT_EQ(LexOne("\"simple\"").value(), "simple");
  EXPECT_EQ(LexOne("\" white space \"").value(), " white space ");
  EXPECT_EQ(LexOne("\"quote \\\"\"").value(), "quote \"");
  EXPECT_EQ(LexOne("\"escaped \\n\\r\\b\\t\\f\\/\\\\\"").value(), "escaped \n\r\b\t\f/\\");
  EXPECT_EQ(LexOne("\"unicode \\u1234\\u5678\\u90AB\\uCDEF\"").value(), "unicode \u1234\u5678\u90AB\uCDEF");
  EXPECT_EQ(LexOne("\"\\u{1F600}\"").value(), "\U0001F600");
  EXPECT_EQ(LexOne("\"\\u{41}\\u{0041}\\u{10FFFF}\"").value(), "AA\U0010FFFF");
  EXPECT_EQ(LexOne("\"\\uD83D\\uDE00\"").value(), "\U0001F600");
  EXPECT_EQ(LexOne("\"\\uDBFF\\uDFFF\"").value(), "\U0010FFFF");
  EXPECT_EQ(LexOne("\"literal 😀 é\"").value(), "literal 😀 é");
  EXPECT_EQ(LexOne(std::string_view("\"a\0b\"", 5)).value(), std::string_view("a\0b", 3));  // v16 allows controls
  Token t = LexOne("\"x\"");
  EXPECT_EQ(t.kind, TokenKind::kString);
  EXPECT_EQ(t.start, 0u);
  EXPECT_EQ(t.end, 3u);
}

TEST(LexerTest, StringErrors) {
  EXPECT_EQ(LexError("\""), "Syntax Error: Unterminated string. @1:2");
  EXPECT_EQ(LexError("\"no end quote"), "Syntax Error: Unterminated string. @1:14");
  EXPECT_EQ(LexError("\"multi\nline\""), "Syntax Error: Unterminated string. @1:7");
  EXPECT_EQ(LexError("\"multi\rline\""), "Syntax Error: Unterminated string. @1:7");
  EXPECT_EQ(LexError("\"bad \\z esc\""), "Syntax Error: Invalid character escape sequence: \"\\z\". @1:6");
  EXPECT_EQ(LexError("\"bad \\x esc\""), "Syntax Error: Invalid character escape sequence: \"\\x\". @1:6");
  EXPECT_EQ(LexError("\"\\"), "Syntax Error: Invalid character escape sequence: \"\\\". @1:2");
  EXPECT_EQ(LexError("\"bad \\u1 esc\""), "Syntax Error: Invalid Unicode escape sequence: \"\\u1 es\". @1:6");
  EXPECT_EQ(LexError("\"bad \\u0XX1 esc\""), "Syntax Error: Invalid Unicode escape sequence: \"\\u0XX1\". @1:6");
  EXPECT_EQ(LexError("\"\\uD83D\""), "Syntax Error: Invalid Unicode escape sequence: \"\\uD83D\". @1:2");
  EXPECT_EQ(LexError("\"x\\uDE00\""), "Syntax Error: Invalid Unicode escape sequence: \"\\uDE00\". @1:3");
  EXPECT_EQ(LexError("\"\\uD83D\\u0041\""), "Syntax Error: Invalid Unicode escape sequence: \"\\uD83D\". @1:2");
  EXPECT_EQ(LexError("\"\\u{D800}\""), "Syntax Error: Invalid Unicode escape sequence: \"\\u{D800}\". @1:2");
  EXPECT_EQ(LexError("\"\\u{110000}\""), "Syntax Error: Invalid Unicode escape sequence: \"\\u{110000}\". @1:2");
  EXPECT_EQ(LexError("\"\\u{}\""), "Syntax Error: Invalid Unicode escape sequence: \"\\u{}\". @1:2");
  EXPECT_EQ(LexError("\"\\u{FFFFFFFFF}\""), "Syntax Error: Invalid Unicode escape sequence: \"\\u{FFFFFFFF\". @1:2");
  EXPECT_EQ(LexError("\"\\u{0000000041}\""), "Syntax Error: Invalid Unicode escape sequence: \"\\u{000000004\". @1:2");
  EXPECT_EQ(LexError("\"\\u{12\""), "Syntax Error: Invalid Unicode escape sequence: \"\\u{12\"\". @1:2");
  EXPECT_EQ(LexError("\"\\u{41 }\""), "Syntax Error: Invalid Unicode escape sequence: \"\\u{41 \". @1:2");
  EXPECT_EQ(LexError("\"\\u{D83D}\\u{DE00}\""), "Syntax Error: Invalid Unicode escape sequence: \"\\u{D83D}\". @1:2");
}

TEST(LexerTest, BlockStrings) {
  EXPECT_EQ(LexOne("\"\"\"simple\"\"\"").value(), "simple");
  EXPECT_EQ(LexOne("\"\"\" white space \"\"\"").value(), " white space ");
  EXPECT_EQ(LexOne("\"\"\"contains \" quote\"\"\"").value(), "contains \" quote");
  EXPECT_EQ(LexOne("\"\"\"contains \\\"\"\" triple quote\"\"\"").value(), "contains \"\"\" triple quote");
  EXPECT_EQ(LexOne("\"\"\"multi\nline\"\"\"").value(), "multi\nline");
  EXPECT_EQ(LexOne("\"\"\"multi\rline\r\nnormalized\"\"\"").value(), "multi\nline\nnormalized");
  EXPECT_EQ(LexOne("\"\"\"unescaped \\n\\r\\b\\t\\f\\u1234\"\"\"").value(), "unescaped \\n\\r\\b\\t\\f\\u1234");
  EXPECT_EQ(LexOne("\"\"\"slashes \\\\ \\/\"\"\"").value(), "slashes \\\\ \\/");
  EXPECT_EQ(LexOne("\"\"\"\n\n        spans\n          multiple\n            lines\n\n        \"\"\"").value(),
            "spans\n  multiple\n    lines");
  EXPECT_EQ(LexOne("\"\"\"  first\n    second\n      third\"\"\"").value(), "  first\nsecond\n  third");
  EXPECT_EQ(LexOne("\"\"\"\n  \n\t\n\"\"\"").value(), "");
  EXPECT_EQ(LexError("\"\"\""), "Syntax Error: Unterminated string. @1:4");
  EXPECT_EQ(LexError("\"\"\"no end quote"), "Syntax Error: Unterminated string. @1:16");
}

TEST(LexerTest, BlockStringAdvancesLines) {
  Lexer lexer("\"\"\"a\n  b\r\n  c\"\"\" foo\nbar");
  EXPECT_EQ(lexer.Advance().kind, TokenKind::kBlockString);
  const Token& foo = lexer.Advance();
  EXPECT_EQ(foo.value(), "foo");
  EXPECT_EQ(foo.line, 3u);
  EXPECT_EQ(foo.column, 8u);
  const Token& bar = lexer.Advance();
  EXPECT_EQ(bar.line, 4u);
  EXPECT_EQ(bar.column, 1u);
}

TEST(LexerTest, DedentBlockStringLines) {
  std::vector<std::string> lines{"", "    Hello,", "      World!", "", "    Yours,", "      GraphQL.", "  "};
  DedentBlockStringLines(lines);
  EXPECT_EQ(lines, (std::vector<std::string>{"Hello,", "  World!", "", "Yours,", "  GraphQL."}));
  std::vector<std::string> first_kept{"  a", "   b", "  c"};
  DedentBlockStringLines(first_kept);
  EXPECT_EQ(first_kept, (std::vector<std::string>{"  a", " b", "c"}));
  std::vector<std::string> blank{"", "  ", "\t"};
  DedentBlockStringLines(blank);
  EXPECT_TRUE(blank.empty());
}

TEST(LexerTest, ColumnsCountUtf16CodeUnits) {
  // 😀 is one code point but two UTF-16 code units, as graphql-js counts columns.
  Lexer lexer("\"😀é\" foo");
  lexer.Advance();
  const Token& foo = lexer.Advance();
  EXPECT_EQ(foo.start, 9u);
  EXPECT_EQ(foo.column, 7u);
  EXPECT_EQ(LexError("# 😀😀\n  😀"), "Syntax Error: Unexpected character: U+1F600. @2:3");
  EXPECT_EQ(LexError("\"😀😀\" %"), "Syntax Error: Unexpected character: \"%\". @1:8");
}

TEST(LexerTest, UnexpectedCharacters) {
  EXPECT_EQ(LexError("%"), "Syntax Error: Unexpected character: \"%\". @1:1");
  EXPECT_EQ(LexError("?"), "Syntax Error: Unexpected character: \"?\". @1:1");
  EXPECT_EQ(LexError(".."), "Syntax Error: Unexpected character: \".\". @1:1");
  EXPECT_EQ(LexError("~"), "Syntax Error: Unexpected character: \"~\". @1:1");
  EXPECT_EQ(LexError(std::string_view("\0", 1)), "Syntax Error: Unexpected character: U+0000. @1:1");
  EXPECT_EQ(LexError("\x07"), "Syntax Error: Unexpected character: U+0007. @1:1");
  EXPECT_EQ(LexError("\xC3\xA9"), "Syntax Error: Unexpected character: U+00E9. @1:1");
  EXPECT_EQ(LexError("😀"), "Syntax Error: Unexpected character: U+1F600. @1:1");
  EXPECT_EQ(LexError("\xE2\x80\xA8"), "Syntax Error: Unexpected character: U+2028. @1:1");
  EXPECT_EQ(LexError("'a'"),
            "Syntax Error: Unexpected single quote character ('), did you mean to use a double quote (\")? @1:1");
}

TEST(LexerTest, InvalidUtf8IsRejected) {
  EXPECT_EQ(LexError("\xFF"), "Syntax Error: Invalid character: 0xFF. @1:1");
  EXPECT_EQ(LexError("\"a\xC3\""), "Syntax Error: Invalid character within String: 0xC3. @1:3");
  EXPECT_EQ(LexError("\"\"\"a\xED\xA0\x80\"\"\""), "Syntax Error: Invalid character within String: 0xED. @1:5");
  EXPECT_EQ(LexError("# \xC0\xAF"), "Syntax Error: Invalid character: 0xC0. @1:3");
}

TEST(LexerTest, LookaheadDoesNotConsume) {
  Lexer lexer("a # c\n b c");
  EXPECT_EQ(lexer.Advance().value(), "a");
  EXPECT_EQ(lexer.Lookahead().value(), "b");
  EXPECT_EQ(lexer.token().value(), "a");
  EXPECT_EQ(lexer.Advance().value(), "b");
  EXPECT_EQ(lexer.last_end(), 1u);
  EXPECT_EQ(lexer.Advance().value(), "c");
  EXPECT_EQ(lexer.Advance().kind, TokenKind::kEOF);
  EXPECT_EQ(lexer.Lookahead().kind, TokenKind::kEOF);
}

TEST(LexerTest, GetLocation) {
  EXPECT_EQ(GetLocation("abc", 0), (SourceLocation{1, 1}));
  EXPECT_EQ(GetLocation("a\nbc", 3), (SourceLocation{2, 2}));
  EXPECT_EQ(GetLocation("a\r\nbc", 4), (SourceLocation{2, 2}));
  EXPECT_EQ(GetLocation("a\rbc", 3), (SourceLocation{2, 2}));
  EXPECT_EQ(GetLocation("\n\n\n", 3), (SourceLocation{4, 1}));
  EXPECT_EQ(GetLocation("é😀x", 6), (SourceLocation{1, 4}));
}

TEST(LexerTest, TokenDescriptions) {
  Token name = LexOne("foo");
  EXPECT_EQ(TokenDescription(name), "Name \"foo\"");
  EXPECT_EQ(TokenDescription(LexOne("{")), "\"{\"");
  EXPECT_EQ(TokenDescription(LexOne("")), "<EOF>");
  EXPECT_EQ(TokenDescription(LexOne("\"a\\nb\"")), "String \"a\nb\"");
  EXPECT_EQ(TokenDescription(LexOne("\"\"\"x\"\"\"")), "BlockString \"x\"");
  EXPECT_EQ(TokenDescription(LexOne("1.5")), "Float \"1.5\"");
  EXPECT_EQ(TokenKindDescription(TokenKind::kSpread), "\"...\"");
}

TEST(LexerTest, Utf8Helpers) {
  EXPECT_EQ(Utf16Length("a😀é"), 4u);
  std::string s;
  AppendUtf8(s, 0x41);
  AppendUtf8(s, 0xE9);
  AppendUtf8(s, 0x20AC);
  AppendUtf8(s, 0x1F600);
  EXPECT_EQ(s, "Aé€😀");
  uint32_t cp = 0;
  EXPECT_EQ(DecodeUtf8(s.data() + 3, s.data() + s.size(), &cp), 3);
  EXPECT_EQ(cp, 0x20ACu);
  const char overlong[] = "\xC0\x80";
  EXPECT_EQ(DecodeUtf8(overlong, overlong + 2, &cp), 0);
  const char truncated[] = "\xE2\x82";
  EXPECT_EQ(DecodeUtf8(truncated, truncated + 2, &cp), 0);
}

}  // namespace
}  // namespace railgun::language
