// Tests for the GraphQL parser: AST shape, locations, graphql-js v16 syntax errors, hostile-input limits.
#include "language/parser.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "language/printer.h"

namespace railgun::language {
namespace {

using namespace std::string_view_literals;

struct ErrorCase {
  std::string_view source;
  std::string_view message;
  uint32_t line;
  uint32_t column;
};

// Expected messages and locations as produced by graphql-js 16.9 `parse`.
constexpr ErrorCase kErrorCases[] = {
    {"\000"sv, "Syntax Error: Unexpected character: U+0000."sv, 1, 1},
    {"{ a(b: \"\\uD83D\") }"sv, "Syntax Error: Invalid Unicode escape sequence: \"\\uD83D\"."sv, 1, 9},
    {"{ a(b: \"\\u{D800}\") }"sv, "Syntax Error: Invalid Unicode escape sequence: \"\\u{D800}\"."sv, 1, 9},
    {"{ a(b: \"\\u{110000}\") }"sv, "Syntax Error: Invalid Unicode escape sequence: \"\\u{110000}\"."sv, 1, 9},
    {"{ a(b: \"\\u{}\") }"sv, "Syntax Error: Invalid Unicode escape sequence: \"\\u{}\"."sv, 1, 9},
    {"{ a(b: \"\\u{FFFFFFFFF}\") }"sv, "Syntax Error: Invalid Unicode escape sequence: \"\\u{FFFFFFFF\"."sv, 1, 9},
    {"{ a(b: \"\\x\") }"sv, "Syntax Error: Invalid character escape sequence: \"\\x\"."sv, 1, 9},
    {"{ a(b: 0x) }"sv, "Syntax Error: Invalid number, expected digit but got: \"x\"."sv, 1, 9},
    {"{ a(b: 00) }"sv, "Syntax Error: Invalid number, unexpected digit after 0: \"0\"."sv, 1, 9},
    {"{ a(b: 1.) }"sv, "Syntax Error: Invalid number, expected digit but got: \")\"."sv, 1, 10},
    {"{ a(b: 1e) }"sv, "Syntax Error: Invalid number, expected digit but got: \")\"."sv, 1, 10},
    {"{ a(b: .5) }"sv, "Syntax Error: Unexpected character: \".\"."sv, 1, 8},
    {"{ a(b: 1_000) }"sv, "Syntax Error: Invalid number, expected digit but got: \"_\"."sv, 1, 9},
    {"{ a(b: 1.0e) }"sv, "Syntax Error: Invalid number, expected digit but got: \")\"."sv, 1, 12},
    {"{ a(b: 1a) }"sv, "Syntax Error: Invalid number, expected digit but got: \"a\"."sv, 1, 9},
    {"{ \303\251 }"sv, "Syntax Error: Unexpected character: U+00E9."sv, 1, 3},
    {"{ \360\237\230\200 }"sv, "Syntax Error: Unexpected character: U+1F600."sv, 1, 3},
    {"{ 'a' }"sv, "Syntax Error: Unexpected single quote character ('), did you mean to use a double quote (\")?"sv, 1,
     3},
    {"\"\360\237\230\200\" { a(b: \"\360\237\230\200\") x # \360\237\230\200\n %}"sv,
     "Syntax Error: Unexpected \"{\"."sv, 1, 6},
    {"{ a(b: \"x\\uDE00\") }"sv, "Syntax Error: Invalid Unicode escape sequence: \"\\uDE00\"."sv, 1, 10},
    {"{ a(b: \"\\u{D83D}\\u{DE00}\") }"sv, "Syntax Error: Invalid Unicode escape sequence: \"\\u{D83D}\"."sv, 1, 9},
    {"{ a(b: \"\\uD83D\\u0041\") }"sv, "Syntax Error: Invalid Unicode escape sequence: \"\\uD83D\"."sv, 1, 9},
    {"{ a(b: \"\\uD83Dx\") }"sv, "Syntax Error: Invalid Unicode escape sequence: \"\\uD83D\"."sv, 1, 9},
    {"{ a(b: \"\\u12\") }"sv, "Syntax Error: Invalid Unicode escape sequence: \"\\u12\")\"."sv, 1, 9},
    {"{ a(b: \"\\u{12\") }"sv, "Syntax Error: Invalid Unicode escape sequence: \"\\u{12\"\"."sv, 1, 9},
    {"{ a(b: \"\\u{1234567}\") }"sv, "Syntax Error: Invalid Unicode escape sequence: \"\\u{1234567}\"."sv, 1, 9},
    {"{ a(b: \"\\u{0000000041}\") }"sv, "Syntax Error: Invalid Unicode escape sequence: \"\\u{000000004\"."sv, 1, 9},
    {"\"\\"sv, "Syntax Error: Invalid character escape sequence: \"\\\"."sv, 1, 2},
    {"{ a(b: \"abc"sv, "Syntax Error: Unterminated string."sv, 1, 12},
    {"{ a(b: \"\"\"abc"sv, "Syntax Error: Unterminated string."sv, 1, 14},
    {""sv, "Syntax Error: Unexpected <EOF>."sv, 1, 1},
    {"{"sv, "Syntax Error: Expected Name, found <EOF>."sv, 1, 2},
    {"{}"sv, "Syntax Error: Expected Name, found \"}\"."sv, 1, 2},
    {"type A {}"sv, "Syntax Error: Expected Name, found \"}\"."sv, 1, 9},
    {"extend type A"sv, "Syntax Error: Unexpected <EOF>."sv, 1, 14},
    {"enum E { true }"sv, "Syntax Error: Name \"true\" is reserved and cannot be used for an enum value."sv, 1, 10},
    {"fragment on on X { a }"sv, "Syntax Error: Unexpected Name \"on\"."sv, 1, 10},
    {"query Q($a: Int = $b) { a }"sv, "Syntax Error: Unexpected variable \"$b\" in constant value."sv, 1, 19},
    {"type A { f(a: Int = $x): Int }"sv, "Syntax Error: Unexpected variable \"$x\" in constant value."sv, 1, 21},
    {"directive @a on FOO"sv, "Syntax Error: Unexpected Name \"FOO\"."sv, 1, 17},
    {"\"desc\" query { a }"sv,
     "Syntax Error: Unexpected description, descriptions are supported only on type definitions."sv, 1, 1},
    {"extend foo"sv, "Syntax Error: Unexpected Name \"foo\"."sv, 1, 8},
    {"{ a(b: -) }"sv, "Syntax Error: Invalid number, expected digit but got: \")\"."sv, 1, 9},
    {"{ a(b: -a) }"sv, "Syntax Error: Invalid number, expected digit but got: \"a\"."sv, 1, 9},
    {"{ ...on }"sv, "Syntax Error: Expected Name, found \"}\"."sv, 1, 9},
    {"schema { foo: Bar }"sv, "Syntax Error: Unexpected Name \"foo\"."sv, 1, 10},
    {"{ a: }"sv, "Syntax Error: Expected Name, found \"}\"."sv, 1, 6},
    {"query { a } garbage"sv, "Syntax Error: Unexpected Name \"garbage\"."sv, 1, 13},
    {"fragment F($a: Int) on T { a }"sv, "Syntax Error: Expected \"on\", found \"(\"."sv, 1, 11},
    {"{ a }\r\n{ b }\r\n  %"sv, "Syntax Error: Unexpected character: \"%\"."sv, 3, 3},
    {"{ a }\r{ b }\r  %"sv, "Syntax Error: Unexpected character: \"%\"."sv, 3, 3},
    {"{ a }\n\n  \"\"\"x\n y\n  z\"\"\" %"sv, "Syntax Error: Unexpected character: \"%\"."sv, 5, 8},
    {"type A implements B, C { a: Int }"sv, "Syntax Error: Unexpected Name \"C\"."sv, 1, 22},
    {"directive @d on"sv, "Syntax Error: Expected Name, found <EOF>."sv, 1, 16},
    {"extend schema"sv, "Syntax Error: Unexpected <EOF>."sv, 1, 14},
    {"extend scalar S"sv, "Syntax Error: Unexpected <EOF>."sv, 1, 16},
    {"extend union U"sv, "Syntax Error: Unexpected <EOF>."sv, 1, 15},
    {"extend enum E"sv, "Syntax Error: Unexpected <EOF>."sv, 1, 14},
    {"extend input I"sv, "Syntax Error: Unexpected <EOF>."sv, 1, 15},
    {"extend interface I"sv, "Syntax Error: Unexpected <EOF>."sv, 1, 19},
    {"\"d\" extend type A @d"sv,
     "Syntax Error: Unexpected description, descriptions are supported only on type definitions."sv, 1, 1},
    {"\"d\" fragment F on T { a }"sv,
     "Syntax Error: Unexpected description, descriptions are supported only on type definitions."sv, 1, 1},
    {"{ a(b: $) }"sv, "Syntax Error: Expected Name, found \")\"."sv, 1, 9},
    {"query($a: Int = $) { a }"sv, "Syntax Error: Unexpected \"$\"."sv, 1, 17},
    {"{ a(b: \"\"\"a\"\"\"\"\") }"sv, "Syntax Error: Expected Name, found String \"\"."sv, 1, 15},
    {"{ a(b: \"\"\"a\\\"\"\") }"sv, "Syntax Error: Unterminated string."sv, 1, 19},
    {"{ a(b: 1)(c: 2) }"sv, "Syntax Error: Expected Name, found \"(\"."sv, 1, 10},
    {"query Q(a: Int) { a }"sv, "Syntax Error: Expected \"$\", found Name \"a\"."sv, 1, 9},
    {"query Q($a Int) { a }"sv, "Syntax Error: Expected \":\", found Name \"Int\"."sv, 1, 12},
    {"query Q($a: ) { a }"sv, "Syntax Error: Expected Name, found \")\"."sv, 1, 13},
    {"{ a(b: [1 2) }"sv, "Syntax Error: Unexpected \")\"."sv, 1, 12},
    {"{ a(b: {c}) }"sv, "Syntax Error: Expected \":\", found \"}\"."sv, 1, 10},
    {"{ a(b: !) }"sv, "Syntax Error: Unexpected \"!\"."sv, 1, 8},
    {"query Q($a: Int!!) { a }"sv, "Syntax Error: Expected \"$\", found \"!\"."sv, 1, 17},
    {"query Q($a: [Int) { a }"sv, "Syntax Error: Expected \"]\", found \")\"."sv, 1, 17},
    {"{ a } }"sv, "Syntax Error: Unexpected \"}\"."sv, 1, 7},
    {"{ ...F @ }"sv, "Syntax Error: Expected Name, found \"}\"."sv, 1, 10},
    {"{ ... on { a } }"sv, "Syntax Error: Expected Name, found \"{\"."sv, 1, 10},
    {"# comment only"sv, "Syntax Error: Unexpected <EOF>."sv, 1, 15},
    {"fragment F on T"sv, "Syntax Error: Expected \"{\", found <EOF>."sv, 1, 16},
    {"subscription S"sv, "Syntax Error: Expected \"{\", found <EOF>."sv, 1, 15},
    {"{ a(b: \"\"\"\\\"\"\"\") }"sv, "Syntax Error: Unterminated string."sv, 1, 19},
    {"{ a(b: \"x\\u{41\") }"sv, "Syntax Error: Invalid Unicode escape sequence: \"\\u{41\"\"."sv, 1, 10},
    {"{ a(b: \"\\u{41 }\") }"sv, "Syntax Error: Invalid Unicode escape sequence: \"\\u{41 \"."sv, 1, 9},
    {"{ a(b: 1.e3) }"sv, "Syntax Error: Invalid number, expected digit but got: \"e\"."sv, 1, 10},
    {"{ a(b: 1e+) }"sv, "Syntax Error: Invalid number, expected digit but got: \")\"."sv, 1, 11},
    {"{ a(b: -.5) }"sv, "Syntax Error: Invalid number, expected digit but got: \".\"."sv, 1, 9},
    {"{ a(b: 0.x) }"sv, "Syntax Error: Invalid number, expected digit but got: \"x\"."sv, 1, 10},
    {"{ a(b: 12.34.56) }"sv, "Syntax Error: Invalid number, expected digit but got: \".\"."sv, 1, 13},
    {"{ a(b: 1e5e6) }"sv, "Syntax Error: Invalid number, expected digit but got: \"e\"."sv, 1, 11},
    {"{ a(b: 0_1) }"sv, "Syntax Error: Invalid number, expected digit but got: \"_\"."sv, 1, 9},
    {"{ a(b: 1__) }"sv, "Syntax Error: Invalid number, expected digit but got: \"_\"."sv, 1, 9},
    {"{ a(b: \"\\U0041\") }"sv, "Syntax Error: Invalid character escape sequence: \"\\U\"."sv, 1, 9},
    {"{ a(b: \"\\uDBFF\\uDBFF\") }"sv, "Syntax Error: Invalid Unicode escape sequence: \"\\uDBFF\"."sv, 1, 9},
    {"\t{\ta\t}\t%"sv, "Syntax Error: Unexpected character: \"%\"."sv, 1, 8},
    {"{ a }\n  \t %"sv, "Syntax Error: Unexpected character: \"%\"."sv, 2, 5},
    {"{\n  a(b: \"\"\"\n    x\n  \"\"\") %\n}"sv, "Syntax Error: Unexpected character: \"%\"."sv, 4, 8},
    {"{\n  a(b: \"\360\237\230\200\360\237\230\200\") %\n}"sv, "Syntax Error: Unexpected character: \"%\"."sv, 2, 16},
    {"# \360\237\230\200\360\237\230\200\n  \360\237\230\200"sv, "Syntax Error: Unexpected character: U+1F600."sv, 2,
     3},
    {"{ ... on }"sv, "Syntax Error: Expected Name, found \"}\"."sv, 1, 10},
    {"{ ...F(a: 1) }"sv, "Syntax Error: Expected Name, found \"(\"."sv, 1, 7},
    {"type A { a(): Int }"sv, "Syntax Error: Expected Name, found \")\"."sv, 1, 12},
    {"type A { a: }"sv, "Syntax Error: Expected Name, found \"}\"."sv, 1, 13},
    {"input I { a: Int = $x }"sv, "Syntax Error: Unexpected variable \"$x\" in constant value."sv, 1, 20},
    {"enum E { null }"sv, "Syntax Error: Name \"null\" is reserved and cannot be used for an enum value."sv, 1, 10},
    {"enum E { \"x\" false }"sv, "Syntax Error: Name \"false\" is reserved and cannot be used for an enum value."sv, 1,
     14},
    {"enum E {}"sv, "Syntax Error: Expected Name, found \"}\"."sv, 1, 9},
    {"union U = A |"sv, "Syntax Error: Expected Name, found <EOF>."sv, 1, 14},
    {"union U = A | B | C @d"sv, "Syntax Error: Unexpected \"@\"."sv, 1, 21},
    {"interface I {}"sv, "Syntax Error: Expected Name, found \"}\"."sv, 1, 14},
    {"type A implements B {}"sv, "Syntax Error: Expected Name, found \"}\"."sv, 1, 22},
    {"type A implements"sv, "Syntax Error: Expected Name, found <EOF>."sv, 1, 18},
    {"schema {}"sv, "Syntax Error: Expected Name, found \"}\"."sv, 1, 9},
    {"schema { query Q }"sv, "Syntax Error: Expected \":\", found Name \"Q\"."sv, 1, 16},
    {"schema { query: Q, foo: Bar }"sv, "Syntax Error: Unexpected Name \"foo\"."sv, 1, 20},
    {"directive @d on field"sv, "Syntax Error: Unexpected Name \"field\"."sv, 1, 17},
    {"directive d on FIELD"sv, "Syntax Error: Expected \"@\", found Name \"d\"."sv, 1, 11},
    {"{ b(\303\251: 1) }"sv, "Syntax Error: Unexpected character: U+00E9."sv, 1, 5},
};

TEST(ParserTest, SyntaxErrorsMatchGraphqlJs) {
  for (const auto& c : kErrorCases) {
    ParseResult result = Parse(c.source);
    ASSERT_FALSE(result.ok()) << c.source;
    EXPECT_EQ(result.error->message, c.message) << c.source;
    ASSERT_EQ(result.error->locations.size(), 1u) << c.source;
    EXPECT_EQ(result.error->locations[0], (SourceLocation{c.line, c.column})) << c.source;
    EXPECT_TRUE(result.error->path.empty());
  }
}

TEST(ParserTest, CommonErrorMessages) {
  struct Case {
    std::string_view source;
    std::string_view message;
    SourceLocation location;
  } cases[] = {
      {"{ a(b: %) }", "Syntax Error: Unexpected character: \"%\".", {1, 8}},
      {"{ a(b: 00) }", "Syntax Error: Invalid number, unexpected digit after 0: \"0\".", {1, 9}},
      {"{ a(b: \"abc) }", "Syntax Error: Unterminated string.", {1, 15}},
      {"query Q($a: Int) {", "Syntax Error: Expected Name, found <EOF>.", {1, 19}},
      {"fragment", "Syntax Error: Expected Name, found <EOF>.", {1, 9}},
      {"{ a } fragment on T { b }", "Syntax Error: Unexpected Name \"on\".", {1, 16}},
      {"{ a } fragment F on T", "Syntax Error: Expected \"{\", found <EOF>.", {1, 22}},
      {"{ a(b: $c) } query fragment", "Syntax Error: Expected \"{\", found <EOF>.", {1, 28}},
  };
  for (const auto& c : cases) {
    ParseResult result = Parse(c.source);
    ASSERT_FALSE(result.ok()) << c.source;
    EXPECT_EQ(result.error->message, c.message) << c.source;
    EXPECT_EQ(result.error->locations[0], c.location) << c.source;
  }
  // Keywords are ordinary names where a name is expected.
  EXPECT_TRUE(Parse("fragment fragment on T { a }").ok());
  EXPECT_TRUE(Parse("query fragment { a }").ok());
  EXPECT_TRUE(Parse("{ ...fragment }").ok());
}

TEST(ParserTest, ErrorToJson) {
  ParseResult result = Parse("{ a(b: 0x) }");
  ASSERT_FALSE(result.ok());
  json::Value j = result.error->ToJson();
  ASSERT_NE(j.find("message"), nullptr);
  EXPECT_EQ(j.find("message")->as_string(), "Syntax Error: Invalid number, expected digit but got: \"x\".");
  const json::Value* locations = j.find("locations");
  ASSERT_NE(locations, nullptr);
  ASSERT_EQ(locations->as_array().size(), 1u);
  EXPECT_EQ(locations->as_array()[0].find("line")->as_int(), 1);
  EXPECT_EQ(locations->as_array()[0].find("column")->as_int(), 9);
}

TEST(ParserTest, ShorthandQuery) {
  ParseResult result = Parse("{ a }");
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result.document.definitions.size(), 1u);
  const auto& op = std::get<OperationDefinition>(result.document.definitions[0]);
  EXPECT_TRUE(op.shorthand);
  EXPECT_EQ(op.operation, OperationType::kQuery);
  EXPECT_FALSE(op.name.has_value());
  ASSERT_EQ(op.selection_set.selections.size(), 1u);
  EXPECT_EQ(op.selection_set.selections[0].name.value, "a");
  EXPECT_TRUE(op.selection_set.selections[0].selection_set.empty());
  EXPECT_EQ(op.loc.start, 0u);
  EXPECT_EQ(op.loc.end, 5u);
}

TEST(ParserTest, FullOperation) {
  ParseResult result = Parse(R"(query Q($id: ID! = "x", $list: [[Int]!] @d) @op(a: 1) {
  alias: node(id: $id, n: 1.5e3, e: ENUM, s: """block""", o: {k: [true, false, null]}) @include(if: $x) {
    ... on User { name }
    ...Frag @skip(if: false)
    ... @defer { id }
  }
})");
  ASSERT_TRUE(result.ok()) << result.error->message;
  const auto& op = std::get<OperationDefinition>(result.document.definitions[0]);
  EXPECT_FALSE(op.shorthand);
  ASSERT_TRUE(op.name.has_value());
  EXPECT_EQ(op.name->value, "Q");
  ASSERT_EQ(op.variables.size(), 2u);
  EXPECT_EQ(op.variables[0].variable.value, "id");
  EXPECT_EQ(op.variables[0].variable.loc.start, 8u);  // the `$`
  EXPECT_EQ(op.variables[0].type.kind, TypeRef::Kind::kNonNull);
  EXPECT_EQ(op.variables[0].type.of->kind, TypeRef::Kind::kNamed);
  EXPECT_EQ(op.variables[0].type.of->name.value, "ID");
  ASSERT_TRUE(op.variables[0].default_value.has_value());
  EXPECT_EQ(op.variables[0].default_value->kind, ValueKind::kString);
  EXPECT_EQ(op.variables[0].default_value->text, "x");
  EXPECT_EQ(PrintType(op.variables[1].type), "[[Int]!]");
  EXPECT_EQ(op.variables[1].directives.size(), 1u);
  ASSERT_EQ(op.directives.size(), 1u);
  EXPECT_EQ(op.directives[0].name.value, "op");

  const Selection& field = op.selection_set.selections[0];
  EXPECT_EQ(field.kind, SelectionKind::kField);
  EXPECT_EQ(field.response_key(), "alias");
  EXPECT_EQ(field.name.value, "node");
  ASSERT_EQ(field.arguments.size(), 5u);
  EXPECT_EQ(field.arguments[0].value.kind, ValueKind::kVariable);
  EXPECT_EQ(field.arguments[0].value.text, "id");
  EXPECT_EQ(field.arguments[1].value.kind, ValueKind::kFloat);
  EXPECT_EQ(field.arguments[1].value.text, "1.5e3");
  EXPECT_EQ(field.arguments[2].value.kind, ValueKind::kEnum);
  EXPECT_EQ(field.arguments[3].value.kind, ValueKind::kString);
  EXPECT_TRUE(field.arguments[3].value.block);
  EXPECT_EQ(field.arguments[3].value.text, "block");
  const Value& obj = field.arguments[4].value;
  ASSERT_EQ(obj.kind, ValueKind::kObject);
  ASSERT_EQ(obj.fields.size(), 1u);
  EXPECT_EQ(obj.fields[0].name.value, "k");
  ASSERT_EQ(obj.fields[0].value.list.size(), 3u);
  EXPECT_EQ(obj.fields[0].value.list[0].kind, ValueKind::kBoolean);
  EXPECT_TRUE(obj.fields[0].value.list[0].boolean);
  EXPECT_FALSE(obj.fields[0].value.list[1].boolean);
  EXPECT_EQ(obj.fields[0].value.list[2].kind, ValueKind::kNull);

  ASSERT_EQ(field.selection_set.selections.size(), 3u);
  const Selection& inline_fragment = field.selection_set.selections[0];
  EXPECT_EQ(inline_fragment.kind, SelectionKind::kInlineFragment);
  EXPECT_EQ(inline_fragment.type_condition->value, "User");
  const Selection& spread = field.selection_set.selections[1];
  EXPECT_EQ(spread.kind, SelectionKind::kFragmentSpread);
  EXPECT_EQ(spread.name.value, "Frag");
  EXPECT_EQ(spread.directives.size(), 1u);
  const Selection& bare = field.selection_set.selections[2];
  EXPECT_EQ(bare.kind, SelectionKind::kInlineFragment);
  EXPECT_FALSE(bare.type_condition.has_value());
  EXPECT_EQ(bare.directives[0].name.value, "defer");
}

TEST(ParserTest, KeywordsAreValidNames) {
  ParseResult result = Parse("fragment on on T { x }");
  ASSERT_FALSE(result.ok());  // `on` cannot name a fragment
  EXPECT_EQ(result.error->message, "Syntax Error: Unexpected Name \"on\".");
  ParseResult ok = Parse("{ on: a, fragment: b, query: c, true: d, null, subscription } fragment F on on { x }");
  ASSERT_TRUE(ok.ok()) << ok.error->message;
  const auto& sels = std::get<OperationDefinition>(ok.document.definitions[0]).selection_set.selections;
  EXPECT_EQ(sels[0].alias->value, "on");
  EXPECT_EQ(sels[4].name.value, "null");
}

TEST(ParserTest, FragmentDefinition) {
  ParseResult result = Parse("fragment F on T @d { a }");
  ASSERT_TRUE(result.ok());
  const auto& frag = std::get<FragmentDefinition>(result.document.definitions[0]);
  EXPECT_EQ(frag.name.value, "F");
  EXPECT_EQ(frag.type_condition.value, "T");
  EXPECT_EQ(frag.directives.size(), 1u);
  EXPECT_EQ(frag.loc.end, 24u);
}

TEST(ParserTest, FragmentVariablesAreRejectedByDefault) {
  ParseResult result = Parse("fragment F($a: Int) on T { a }");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->message, "Syntax Error: Expected \"on\", found \"(\".");
}

TEST(ParserTest, Locations) {
  ParseResult result = Parse("query Q {\n  a(x: [1, 2])\n  ... on T { b }\n}");
  ASSERT_TRUE(result.ok());
  const auto& op = std::get<OperationDefinition>(result.document.definitions[0]);
  EXPECT_EQ(op.loc.line, 1u);
  EXPECT_EQ(op.loc.column, 1u);
  EXPECT_EQ(op.selection_set.loc.start, 8u);
  EXPECT_EQ(op.selection_set.loc.column, 9u);
  const Selection& a = op.selection_set.selections[0];
  EXPECT_EQ(a.loc.line, 2u);
  EXPECT_EQ(a.loc.column, 3u);
  EXPECT_EQ(a.loc.start, 12u);
  EXPECT_EQ(a.loc.end, 24u);
  EXPECT_EQ(a.arguments[0].loc.column, 5u);
  EXPECT_EQ(a.arguments[0].value.loc.column, 8u);
  EXPECT_EQ(a.arguments[0].value.list[1].loc.column, 12u);
  const Selection& frag = op.selection_set.selections[1];
  EXPECT_EQ(frag.loc.line, 3u);
  EXPECT_EQ(frag.loc.column, 3u);
  EXPECT_EQ(frag.type_condition->loc.column, 10u);
  EXPECT_EQ(frag.selection_set.selections[0].loc.column, 14u);
  EXPECT_EQ(result.document.loc.end,
            static_cast<uint32_t>(std::string_view("query Q {\n  a(x: [1, 2])\n  ... on T { b }\n}").size()));
}

TEST(ParserTest, LocationsAfterMultibyteStringsUseUtf16Columns) {
  ParseResult result = Parse("{ a(s: \"😀é\") b }");
  ASSERT_TRUE(result.ok());
  const auto& sels = std::get<OperationDefinition>(result.document.definitions[0]).selection_set.selections;
  EXPECT_EQ(sels[1].loc.start, 17u);
  EXPECT_EQ(sels[1].loc.column, 15u);  // 😀 counts two columns, é one
}

TEST(ParserTest, TypeSystemDefinitions) {
  ParseResult result = Parse(R"(
"""The schema"""
schema @s { query: Q mutation: M }
"desc" type T implements & A & B @d { "field" f("arg" a: Int = 1 @x, b: [String!]! = ["a"]): [T!] @y }
interface I implements A { f: Int }
union U = | A | B
enum E { "one" A @d B }
input In { a: Int = 1, b: In }
scalar S @specifiedBy(url: "x")
directive @dir(a: Int) repeatable on FIELD | QUERY
extend schema @e
extend type T { g: Int }
extend union U = C
)");
  ASSERT_TRUE(result.ok()) << result.error->message;
  const auto& defs = result.document.definitions;
  ASSERT_EQ(defs.size(), 11u);
  const auto& schema = std::get<SchemaDefinition>(defs[0]);
  EXPECT_FALSE(schema.is_extension);
  ASSERT_TRUE(schema.description.has_value());
  EXPECT_TRUE(schema.description->block);
  EXPECT_EQ(schema.description->value, "The schema");
  ASSERT_EQ(schema.operation_types.size(), 2u);
  EXPECT_EQ(schema.operation_types[1].operation, OperationType::kMutation);
  EXPECT_EQ(schema.operation_types[1].type.value, "M");

  const auto& t = std::get<TypeDefinition>(defs[1]);
  EXPECT_EQ(t.kind, TypeDefinitionKind::kObject);
  EXPECT_EQ(t.description->value, "desc");
  EXPECT_FALSE(t.description->block);
  ASSERT_EQ(t.interfaces.size(), 2u);
  EXPECT_EQ(t.interfaces[1].value, "B");
  ASSERT_EQ(t.fields.size(), 1u);
  EXPECT_EQ(t.fields[0].description->value, "field");
  ASSERT_EQ(t.fields[0].arguments.size(), 2u);
  EXPECT_EQ(t.fields[0].arguments[0].description->value, "arg");
  EXPECT_EQ(t.fields[0].arguments[0].default_value->text, "1");
  EXPECT_EQ(t.fields[0].arguments[0].directives.size(), 1u);
  EXPECT_EQ(PrintType(t.fields[0].arguments[1].type), "[String!]!");
  EXPECT_EQ(PrintType(t.fields[0].type), "[T!]");
  EXPECT_EQ(t.loc.line, 4u);

  EXPECT_EQ(std::get<TypeDefinition>(defs[2]).kind, TypeDefinitionKind::kInterface);
  EXPECT_EQ(std::get<TypeDefinition>(defs[2]).interfaces.size(), 1u);
  const auto& u = std::get<TypeDefinition>(defs[3]);
  EXPECT_EQ(u.kind, TypeDefinitionKind::kUnion);
  EXPECT_EQ(u.union_members.size(), 2u);
  const auto& e = std::get<TypeDefinition>(defs[4]);
  ASSERT_EQ(e.enum_values.size(), 2u);
  EXPECT_EQ(e.enum_values[0].description->value, "one");
  EXPECT_EQ(e.enum_values[0].directives.size(), 1u);
  EXPECT_EQ(std::get<TypeDefinition>(defs[5]).input_fields.size(), 2u);
  EXPECT_EQ(std::get<TypeDefinition>(defs[6]).kind, TypeDefinitionKind::kScalar);
  const auto& dir = std::get<DirectiveDefinition>(defs[7]);
  EXPECT_TRUE(dir.repeatable);
  ASSERT_EQ(dir.locations.size(), 2u);
  EXPECT_EQ(dir.locations[1].value, "QUERY");
  EXPECT_TRUE(std::get<SchemaDefinition>(defs[8]).is_extension);
  EXPECT_TRUE(std::get<TypeDefinition>(defs[9]).is_extension);
  EXPECT_EQ(std::get<TypeDefinition>(defs[10]).union_members[0].value, "C");
}

TEST(ParserTest, EmptyTypeBodiesFollowGraphqlJs) {
  EXPECT_TRUE(Parse("type T").ok());
  EXPECT_TRUE(Parse("interface I").ok());
  EXPECT_TRUE(Parse("enum E").ok());
  EXPECT_TRUE(Parse("input I").ok());
  EXPECT_TRUE(Parse("union U").ok());
  EXPECT_EQ(Parse("type T {}").error->message, "Syntax Error: Expected Name, found \"}\".");
  EXPECT_EQ(Parse("enum E {}").error->message, "Syntax Error: Expected Name, found \"}\".");
  EXPECT_EQ(Parse("extend type T").error->message, "Syntax Error: Unexpected <EOF>.");
  EXPECT_EQ(Parse("extend schema").error->message, "Syntax Error: Unexpected <EOF>.");
}

TEST(ParserTest, DepthLimit) {
  std::string deep(100000, '{');
  ParseResult braces = Parse(deep);
  ASSERT_FALSE(braces.ok());
  EXPECT_EQ(braces.error->message, "Syntax Error: Expected Name, found \"{\".");  // `{{` is invalid anyway

  std::string nested;
  for (int i = 0; i < 100000; ++i) nested += "a{";
  ParseResult fields = Parse("{" + nested);
  ASSERT_FALSE(fields.ok());
  EXPECT_EQ(fields.error->message, "Syntax Error: Document too deeply nested (limit 512).");
  EXPECT_EQ(fields.error->locations[0], (SourceLocation{1, 1 + 1 + 511 * 2 + 1}));

  ParseResult lists = Parse("{ a(b: " + std::string(100000, '[') + ") }");
  ASSERT_FALSE(lists.ok());
  EXPECT_EQ(lists.error->message, "Syntax Error: Document too deeply nested (limit 512).");

  ParseResult objects = Parse("query Q($a: " + std::string(100000, '[') + "Int) { a }");
  ASSERT_FALSE(objects.ok());
  EXPECT_EQ(objects.error->message, "Syntax Error: Document too deeply nested (limit 512).");

  std::string values;
  for (int i = 0; i < 100000; ++i) values += "{a:";
  ParseValueResult value = ParseValue(values);
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.error->message, "Syntax Error: Document too deeply nested (limit 512).");

  ParseOptions small;
  small.max_depth = 3;
  EXPECT_TRUE(Parse("{ a { b { c } } }", small).ok());
  EXPECT_EQ(Parse("{ a { b { c { d } } } }", small).error->message,
            "Syntax Error: Document too deeply nested (limit 3).");
  EXPECT_EQ(Parse("{ a(x: [[[1]]]) }", small).error->message, "Syntax Error: Document too deeply nested (limit 3).");
}

TEST(ParserTest, TokenLimit) {
  ParseOptions options;
  options.max_tokens = 4;
  EXPECT_TRUE(Parse("{ a b }", options).ok());  // 4 tokens
  ParseResult result = Parse("{ a b c }", options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->message, "Syntax Error: Document contains more than 4 tokens. Parsing aborted.");
  EXPECT_EQ(result.error->locations[0], (SourceLocation{1, 9}));
  options.max_tokens = 0;  // unlimited
  std::string big = "{";
  for (int i = 0; i < 10000; ++i) big += " a";
  EXPECT_TRUE(Parse(big + "}", options).ok());
}

TEST(ParserTest, TokenLimitStopsLexingEarly) {
  // The whole-document tokenizer stops after max_tokens + 1 tokens: a 20 MB document is refused after lexing a
  // few bytes, and an error further on (here a lexer error) is not reached.
  std::string big = "{";
  big.reserve(20'000'010);
  for (int i = 0; i < 10'000'000; ++i) big += " a";
  big += " \x01 }";
  ParseOptions options;
  options.max_tokens = 1000;
  ParseResult result = Parse(big, options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->message, "Syntax Error: Document contains more than 1000 tokens. Parsing aborted.");
  EXPECT_EQ(result.error->locations[0], (SourceLocation{1, 2001}));
  // Lexer errors keep graphql-js's order: reported when the parser reaches them, after earlier parse errors.
  EXPECT_EQ(Parse("{ a } } \x01").error->message, "Syntax Error: Unexpected \"}\".");
  EXPECT_EQ(Parse("{ a \x01 ").error->message, "Syntax Error: Unexpected character: U+0001.");
  EXPECT_EQ(Parse("\"desc\" \x01").error->message, "Syntax Error: Unexpected character: U+0001.");
}

TEST(ParserTest, ParseValue) {
  ParseValueResult list = ParseValue("[123 \"abc\" $var {a: 1.5, b: [ENUM, null]}]");
  ASSERT_TRUE(list.ok()) << list.error->message;
  ASSERT_EQ(list.value.kind, ValueKind::kList);
  ASSERT_EQ(list.value.list.size(), 4u);
  EXPECT_EQ(list.value.list[0].kind, ValueKind::kInt);
  EXPECT_EQ(list.value.list[1].text, "abc");
  EXPECT_EQ(list.value.list[2].kind, ValueKind::kVariable);
  EXPECT_EQ(list.value.list[2].text, "var");
  EXPECT_EQ(PrintValue(list.value), "[123, \"abc\", $var, {a: 1.5, b: [ENUM, null]}]");
  ParseValueResult block = ParseValue("\"\"\"\n  block\n    string\n\"\"\"");
  ASSERT_TRUE(block.ok());
  EXPECT_TRUE(block.value.block);
  EXPECT_EQ(block.value.text, "block\n  string");
  EXPECT_EQ(ParseValue("1 2").error->message, "Syntax Error: Expected <EOF>, found Int \"2\".");
  EXPECT_EQ(ParseValue("").error->message, "Syntax Error: Unexpected <EOF>.");
  EXPECT_EQ(ParseValue("{a}").error->message, "Syntax Error: Expected \":\", found \"}\".");
  EXPECT_EQ(ParseValue("$").error->message, "Syntax Error: Expected Name, found <EOF>.");
}

TEST(ParserTest, NeverThrowsOnGarbage) {
  const std::string_view inputs[] = {"\xFF\xFE",
                                     "{ a(b: \"\\u{",
                                     "\"\"\"",
                                     "query ($",
                                     "type T implements",
                                     "directive @",
                                     "{ ...",
                                     "extend",
                                     std::string_view("\0\0\0", 3)};
  for (std::string_view in : inputs) {
    ParseResult result = Parse(in);
    EXPECT_FALSE(result.ok()) << in;
    EXPECT_TRUE(result.error->message.starts_with("Syntax Error: ")) << in;
  }
}

}  // namespace
}  // namespace railgun::language
