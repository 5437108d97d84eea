// Tests for the printer: Print/PrintValue/PrintType/PrintString/PrintBlockString equal graphql-js v16 output.
#include "language/printer.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "language/parser.h"

namespace railgun::language {
namespace {

using namespace std::string_view_literals;

// graphql-js kitchen-sink fixtures (v16 subset: no fragment arguments or nullability operators).
constexpr std::string_view kKitchenSinkQuery = R"GQL(query queryName($foo: ComplexType, $site: Site = MOBILE) @onQuery {
  whoever123is: node(id: [123, 456]) {
    id
    ... on User @onInlineFragment {
      field2 {
        id
        alias: field1(first: 10, after: $foo) @include(if: $foo) {
          id
          ...frag @onFragmentSpread
        }
      }
    }
    ... @skip(unless: $foo) {
      id
    }
    ... {
      id
    }
  }
}

mutation likeStory @onMutation {
  like(story: 123) @onField {
    story {
      id @onField
    }
  }
}

subscription StoryLikeSubscription(
  $input: StoryLikeSubscribeInput @onVariableDefinition
)
  @onSubscription {
  storyLikeSubscribe(input: $input) {
    story {
      likers {
        count
      }
      likeSentence {
        text
      }
    }
  }
}

fragment frag on Friend @onFragmentDefinition {
  foo(
    size: $size
    bar: $b
    obj: {
      key: "value"
      block: """
      block string uses \"""
      """
    }
  )
}

{
  unnamed(truthy: true, falsy: false, nullish: null)
  query
}

query {
  __typename
}
)GQL";

constexpr std::string_view kKitchenSinkQueryPrinted =
    R"GQL(query queryName($foo: ComplexType, $site: Site = MOBILE) @onQuery {
  whoever123is: node(id: [123, 456]) {
    id
    ... on User @onInlineFragment {
      field2 {
        id
        alias: field1(first: 10, after: $foo) @include(if: $foo) {
          id
          ...frag @onFragmentSpread
        }
      }
    }
    ... @skip(unless: $foo) {
      id
    }
    ... {
      id
    }
  }
}

mutation likeStory @onMutation {
  like(story: 123) @onField {
    story {
      id @onField
    }
  }
}

subscription StoryLikeSubscription($input: StoryLikeSubscribeInput @onVariableDefinition) @onSubscription {
  storyLikeSubscribe(input: $input) {
    story {
      likers {
        count
      }
      likeSentence {
        text
      }
    }
  }
}

fragment frag on Friend @onFragmentDefinition {
  foo(
    size: $size
    bar: $b
    obj: {key: "value", block: """
    block string uses \"""
    """}
  )
}

{
  unnamed(truthy: true, falsy: false, nullish: null)
  query
}

{
  __typename
})GQL";

constexpr std::string_view kKitchenSinkSdl = R"GQL("""This is a description of the schema as a whole."""
schema {
  query: QueryType
  mutation: MutationType
}

"""
This is a description
of the `Foo` type.
"""
type Foo implements Bar & Baz & Two {
  "Description of the `one` field."
  one: Type
  """
  This is a description of the `two` field.
  """
  two(
    """
    This is a description of the `argument` argument.
    """
    argument: InputType!
  ): Type
  """This is a description of the `three` field."""
  three(argument: InputType, other: String): Int
  four(argument: String = "string"): String
  five(argument: [String] = ["string", "string"]): String
  six(argument: InputType = {key: "value"}): Type
  seven(argument: Int = null): Type
  eight(argument: OneOfInputType): Type
}

type AnnotatedObject @onObject(arg: "value") {
  annotatedField(arg: Type = "default" @onArgumentDefinition): Type @onField
}

type UndefinedType

extend type Foo {
  seven(argument: [String]): Type
}

extend type Foo @onType

interface Bar {
  one: Type
  four(argument: String = "string"): String
}

interface AnnotatedInterface @onInterface {
  annotatedField(arg: Type @onArgumentDefinition): Type @onField
}

interface UndefinedInterface

extend interface Bar implements Two {
  two(argument: InputType!): Type
}

extend interface Bar @onInterface

interface Baz implements Bar & Two {
  one: Type
  two(argument: InputType!): Type
  four(argument: String = "string"): String
}

union Feed =
  | Story
  | Article
  | Advert

union AnnotatedUnion @onUnion = A | B

union AnnotatedUnionTwo @onUnion = | A | B

union UndefinedUnion

extend union Feed = Photo | Video

extend union Feed @onUnion

scalar CustomScalar

scalar AnnotatedScalar @onScalar

extend scalar CustomScalar @onScalar

enum Site {
  """
  This is a description of the `DESKTOP` value
  """
  DESKTOP

  """This is a description of the `MOBILE` value"""
  MOBILE

  "This is a description of the `WEB` value"
  WEB
}

enum AnnotatedEnum @onEnum {
  ANNOTATED_VALUE @onEnumValue
  OTHER_VALUE
}

enum UndefinedEnum

extend enum Site {
  VR
}

extend enum Site @onEnum

input InputType {
  key: String!
  answer: Int = 42
}

input OneOfInputType @oneOf {
  string: String
  int: Int
}

input AnnotatedInput @onInputObject {
  annotatedField: Type @onInputFieldDefinition
}

input UndefinedInput

extend input InputType {
  other: Float = 1.23e4 @onInputFieldDefinition
}

extend input InputType @onInputObject

"""
This is a description of the `@skip` directive
"""
directive @skip(
  """This is a description of the `if` argument"""
  if: Boolean! @onArgumentDefinition
) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT

directive @include(if: Boolean!)
  on FIELD
   | FRAGMENT_SPREAD
   | INLINE_FRAGMENT

directive @include2(if: Boolean!) on
  | FIELD
  | FRAGMENT_SPREAD
  | INLINE_FRAGMENT

directive @myRepeatableDir(name: String!) repeatable on
  | OBJECT
  | INTERFACE

extend schema @onSchema

extend schema @onSchema {
  subscription: SubscriptionType
}
)GQL";

constexpr std::string_view kKitchenSinkSdlPrinted = R"GQL("""This is a description of the schema as a whole."""
schema {
  query: QueryType
  mutation: MutationType
}

"""
This is a description
of the `Foo` type.
"""
type Foo implements Bar & Baz & Two {
  "Description of the `one` field."
  one: Type
  """This is a description of the `two` field."""
  two(
    """This is a description of the `argument` argument."""
    argument: InputType!
  ): Type
  """This is a description of the `three` field."""
  three(argument: InputType, other: String): Int
  four(argument: String = "string"): String
  five(argument: [String] = ["string", "string"]): String
  six(argument: InputType = {key: "value"}): Type
  seven(argument: Int = null): Type
  eight(argument: OneOfInputType): Type
}

type AnnotatedObject @onObject(arg: "value") {
  annotatedField(arg: Type = "default" @onArgumentDefinition): Type @onField
}

type UndefinedType

extend type Foo {
  seven(argument: [String]): Type
}

extend type Foo @onType

interface Bar {
  one: Type
  four(argument: String = "string"): String
}

interface AnnotatedInterface @onInterface {
  annotatedField(arg: Type @onArgumentDefinition): Type @onField
}

interface UndefinedInterface

extend interface Bar implements Two {
  two(argument: InputType!): Type
}

extend interface Bar @onInterface

interface Baz implements Bar & Two {
  one: Type
  two(argument: InputType!): Type
  four(argument: String = "string"): String
}

union Feed = Story | Article | Advert

union AnnotatedUnion @onUnion = A | B

union AnnotatedUnionTwo @onUnion = A | B

union UndefinedUnion

extend union Feed = Photo | Video

extend union Feed @onUnion

scalar CustomScalar

scalar AnnotatedScalar @onScalar

extend scalar CustomScalar @onScalar

enum Site {
  """This is a description of the `DESKTOP` value"""
  DESKTOP
  """This is a description of the `MOBILE` value"""
  MOBILE
  "This is a description of the `WEB` value"
  WEB
}

enum AnnotatedEnum @onEnum {
  ANNOTATED_VALUE @onEnumValue
  OTHER_VALUE
}

enum UndefinedEnum

extend enum Site {
  VR
}

extend enum Site @onEnum

input InputType {
  key: String!
  answer: Int = 42
}

input OneOfInputType @oneOf {
  string: String
  int: Int
}

input AnnotatedInput @onInputObject {
  annotatedField: Type @onInputFieldDefinition
}

input UndefinedInput

extend input InputType {
  other: Float = 1.23e4 @onInputFieldDefinition
}

extend input InputType @onInputObject

"""This is a description of the `@skip` directive"""
directive @skip(
  """This is a description of the `if` argument"""
  if: Boolean! @onArgumentDefinition
) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT

directive @include(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT

directive @include2(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT

directive @myRepeatableDir(name: String!) repeatable on OBJECT | INTERFACE

extend schema @onSchema

extend schema @onSchema {
  subscription: SubscriptionType
})GQL";

std::string Reprint(std::string_view source) {
  ParseResult result = Parse(source);
  if (!result.ok()) return "ERROR " + result.error->message;
  return Print(result.document);
}

TEST(PrinterTest, KitchenSinkQuery) {
  EXPECT_EQ(Reprint(kKitchenSinkQuery), kKitchenSinkQueryPrinted);
  EXPECT_EQ(Reprint(kKitchenSinkQueryPrinted), kKitchenSinkQueryPrinted);  // idempotent
}

TEST(PrinterTest, KitchenSinkSdl) {
  EXPECT_EQ(Reprint(kKitchenSinkSdl), kKitchenSinkSdlPrinted);
  EXPECT_EQ(Reprint(kKitchenSinkSdlPrinted), kKitchenSinkSdlPrinted);
}

struct PrintCase {
  std::string_view source;
  std::string_view printed;
};

// print(parse(source)) as produced by graphql-js 16.9.
constexpr PrintCase kPrintCases[] =
    {
        {"{ a(b: \"a\000b\") }"sv, "{\n  a(b: \"a\\u0000b\")\n}"sv},
        {"{ a(b: \"a\037b\") }"sv, "{\n  a(b: \"a\\u001Fb\")\n}"sv},
        {"{ a(b: \"\\u{1F600}\") }"sv, "{\n  a(b: \"\360\237\230\200\")\n}"sv},
        {"{ a(b: \"\\uD83D\\uDE00\") }"sv, "{\n  a(b: \"\360\237\230\200\")\n}"sv},
        {"{ a(b: -0) }"sv, "{\n  a(b: -0)\n}"sv},
        {"{ a(b: \"\342\200\250\") }"sv, "{\n  a(b: \"\342\200\250\")\n}"sv},
        {"{ a(b: \"x\\u0041\\uD83D\\uDE00y\") }"sv, "{\n  a(b: \"xA\360\237\230\200y\")\n}"sv},
        {"type A"sv, "type A"sv},
        {"\357\273\277{ a }"sv, "{\n  a\n}"sv},
        {"\"\"\"\n  a\n\n  b\n\"\"\"\ntype A { a: Int }"sv, "\"\"\"\na\n\nb\n\"\"\"\ntype A {\n  a: Int\n}"sv},
        {"{ a(b: \"\"\"  x  \"\"\") }"sv, "{\n  a(b: \"\"\"  x  \"\"\")\n}"sv},
        {"{ a(b: \"\"\"\n\n   hello\n     world\n\n\"\"\") }"sv,
         "{\n  a(b: \"\"\"\n  hello\n    world\n  \"\"\")\n}"sv},
        {"{ a(b: \"\\\"\\\\\\/\\b\\f\\n\\r\\t\") }"sv, "{\n  a(b: \"\\\"\\\\/\\b\\f\\n\\r\\t\")\n}"sv},
        {"{ a(b: \"\302\200\302\237\177\") }"sv, "{\n  a(b: \"\\u0080\\u009F\\u007F\")\n}"sv},
        {"{ a(b: 1.5e10, c: -1E-3, d: 0.0, e: 123) }"sv, "{\n  a(b: 1.5e10, c: -1E-3, d: 0.0, e: 123)\n}"sv},
        {"{ a(b: [1, [2, [3]]], c: {x: {y: $z}}) }"sv, "{\n  a(b: [1, [2, [3]]], c: {x: {y: $z}})\n}"sv},
        {"query A($a: [[Int!]!]! = [[1]], $b: String = \"x\" @dir) @d1 @d2(a: 1) { a }"sv,
         "query A($a: [[Int!]!]! = [[1]], $b: String = \"x\" @dir) @d1 @d2(a: 1) {\n  a\n}"sv},
        {"query ($a: Int) { a }"sv, "query ($a: Int) {\n  a\n}"sv},
        {"query @d { a }"sv, "query @d {\n  a\n}"sv},
        {"{ aVeryLongFieldNameForTesting(argumentNumberOne: \"some long value\", argumentNumberTwo: 12345, three: true) { x } }"sv,
         "{\n  aVeryLongFieldNameForTesting(\n    argumentNumberOne: \"some long value\"\n    argumentNumberTwo: 12345\n    three: true\n  ) {\n    x\n  }\n}"sv},
        {"{ a(b: \"\"\"long \"\"\") }"sv, "{\n  a(b: \"\"\"long \"\"\")\n}"sv},
        {"subscription { a }"sv, "subscription {\n  a\n}"sv},
        {"mutation M { a }"sv, "mutation M {\n  a\n}"sv},
        {"{ ... on A @d { b } ...F @x ... @y { c } }"sv,
         "{\n  ... on A @d {\n    b\n  }\n  ...F @x\n  ... @y {\n    c\n  }\n}"sv},
        {"type A implements & B & C { a: Int }"sv, "type A implements B & C {\n  a: Int\n}"sv},
        {"interface I implements J & K { a(x: Int = 1 @d, \"desc\" y: [Int!]): [I] @x }"sv,
         "interface I implements J & K {\n  a(\n    x: Int = 1 @d\n    \"desc\"\n    y: [Int!]\n  ): [I] @x\n}"sv},
        {"union U = | A | B"sv, "union U = A | B"sv},
        {"union U @d"sv, "union U @d"sv},
        {"enum E { A B @d \"x\" C }"sv, "enum E {\n  A\n  B @d\n  \"x\"\n  C\n}"sv},
        {"input I { a: Int = 1, b: [String!]! = [\"a\"] }"sv,
         "input I {\n  a: Int = 1\n  b: [String!]! = [\"a\"]\n}"sv},
        {"scalar S @d(x: 1)"sv, "scalar S @d(x: 1)"sv},
        {"directive @d(a: Int) repeatable on FIELD | QUERY"sv, "directive @d(a: Int) repeatable on FIELD | QUERY"sv},
        {"directive @d on | FIELD"sv, "directive @d on FIELD"sv},
        {"directive @d repeatable on FIELD"sv, "directive @d repeatable on FIELD"sv},
        {"extend schema { query: Q }"sv, "extend schema {\n  query: Q\n}"sv},
        {"\"d\" schema { query: Q }"sv, "\"d\"\nschema {\n  query: Q\n}"sv},
        {"\"\"\"desc\"\"\" type A { \"f\" a: Int }"sv, "\"\"\"desc\"\"\"\ntype A {\n  \"f\"\n  a: Int\n}"sv},
        {"type Q { f(\"\"\"\n  multi\n  line\n\"\"\" a: Int): Int }"sv,
         "type Q {\n  f(\n    \"\"\"\n    multi\n    line\n    \"\"\"\n    a: Int\n  ): Int\n}"sv},
        {"directive @d(\"x\" a: Int) on FIELD"sv, "directive @d(\n  \"x\"\n  a: Int\n) on FIELD"sv},
        {"{ a(b: \"\\u0000\") }"sv, "{\n  a(b: \"\\u0000\")\n}"sv},
        {"{ a(b: \"\"\"a\\\"\"\"b\"\"\") }"sv, "{\n  a(b: \"\"\"a\\\"\"\"b\"\"\")\n}"sv},
        {"{ a(b: \"\"\"\"a\"\"\") }"sv, "{\n  a(b: \"\"\"\"a\"\"\")\n}"sv},
        {"{ a(b: \"\"\"\\\"\"\"\"\"\") }"sv, "{\n  a(b: \"\"\"\n  \\\"\"\"\n  \"\"\")\n}"sv},
        {"{ a(b: \"\"\"  a\n  b\"\"\") }"sv, "{\n  a(b: \"\"\"\n    a\n  b\n  \"\"\")\n}"sv},
        {"{ a(b: \"\"\"a\n  b\"\"\") }"sv, "{\n  a(b: \"\"\"\n  a\n  b\n  \"\"\")\n}"sv},
        {"{ a(b: \"ab\\\"c\\\\\") }"sv, "{\n  a(b: \"ab\\\"c\\\\\")\n}"sv},
        {"{ a(b: \"\"\"x\ty\"\"\") }"sv, "{\n  a(b: \"\"\"x\ty\"\"\")\n}"sv},
        {"{ a(b: \"\"\"\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\"\"\") }"sv,
         "{\n  a(\n    b: \"\"\"\n    \360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\n    \"\"\"\n  )\n}"sv},
        {"{ a(b: \"\"\"1234567890123456789012345678901234567890123456789012345678901234567890\"\"\") }"sv,
         "{\n  a(\n    b: \"\"\"1234567890123456789012345678901234567890123456789012345678901234567890\"\"\"\n  )\n}"sv},
        {"{ a(b: \"\"\"12345678901234567890123456789012345678901234567890123456789012345678901\"\"\") }"sv,
         "{\n  a(\n    b: \"\"\"\n    12345678901234567890123456789012345678901234567890123456789012345678901\n    \"\"\"\n  )\n}"sv},
        {"{ a(b: \"\"\" a \n b\"\"\") }"sv, "{\n  a(b: \"\"\"\n   a \n  b\n  \"\"\")\n}"sv},
        {"{ a(b: \"\"\"a\n\n\"\"\") }"sv, "{\n  a(b: \"\"\"a\"\"\")\n}"sv},
        {"{ a(b: \"\"\"x\n\"\"\") }"sv, "{\n  a(b: \"\"\"x\"\"\")\n}"sv},
        {"fragment F on T @a @b { x }"sv, "fragment F on T @a @b {\n  x\n}"sv},
        {"{ a @include(if: true) @skip(if: false) }"sv, "{\n  a @include(if: true) @skip(if: false)\n}"sv},
        {"{ a { b { c { d } } } }"sv, "{\n  a {\n    b {\n      c {\n        d\n      }\n    }\n  }\n}"sv},
        {"query Q { a(x: ENUM_V, y: null, z: true) }"sv, "query Q {\n  a(x: ENUM_V, y: null, z: true)\n}"sv},
        {"{ a(b: {}) c(d: []) }"sv, "{\n  a(b: {})\n  c(d: [])\n}"sv},
        {"{ a(b: {x: 1,}) }"sv, "{\n  a(b: {x: 1})\n}"sv},
        {"{a,b,,c}"sv, "{\n  a\n  b\n  c\n}"sv},
        {"{ a } # trailing"sv, "{\n  a\n}"sv},
        {"type T { a: Int } extend type T implements X"sv, "type T {\n  a: Int\n}\n\nextend type T implements X"sv},
        {"{ a(b: \"\\u{1F600}\\u{41}\\u{0041}\") }"sv, "{\n  a(b: \"\360\237\230\200AA\")\n}"sv},
        {"{ a(b: -0.0e-0) }"sv, "{\n  a(b: -0.0e-0)\n}"sv},
        {"{ a(b: 9999999999999999999999999) }"sv, "{\n  a(b: 9999999999999999999999999)\n}"sv},
        {"{ a(b: \"\\u{10FFFF}\") }"sv, "{\n  a(b: \"\364\217\277\277\")\n}"sv},
        {"{ a(b: \"\\u{FFFF}\\uFFFF\") }"sv, "{\n  a(b: \"\357\277\277\357\277\277\")\n}"sv},
        {"{ a(b: \"\\uDBFF\\uDFFF\") }"sv, "{\n  a(b: \"\364\217\277\277\")\n}"sv},
        {"query queryName($foo: ComplexType, $site: Site = MOBILE) { a }"sv,
         "query queryName($foo: ComplexType, $site: Site = MOBILE) {\n  a\n}"sv},
        {"{ f(x: 1) @d(a: [1, 2], b: {c: \"d\"}) }"sv, "{\n  f(x: 1) @d(a: [1, 2], b: {c: \"d\"})\n}"sv},
        {"{ on: a, fragment: b, query: c, true: d }"sv, "{\n  on: a\n  fragment: b\n  query: c\n  true: d\n}"sv},
        {"fragment F on on { a }"sv, "fragment F on on {\n  a\n}"sv},
        {"{ ...on on { a } }"sv, "{\n  ... on on {\n    a\n  }\n}"sv},
        {"enum E { A, B, C }"sv, "enum E {\n  A\n  B\n  C\n}"sv},
        {"type A @d { a: Int }"sv, "type A @d {\n  a: Int\n}"sv},
        {"schema @d { query: Q mutation: M subscription: S }"sv,
         "schema @d {\n  query: Q\n  mutation: M\n  subscription: S\n}"sv},
        {"directive @d on FIELD_DEFINITION | ARGUMENT_DEFINITION | ENUM_VALUE | INPUT_FIELD_DEFINITION | VARIABLE_DEFINITION | SCHEMA | SCALAR | OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | FRAGMENT_DEFINITION | FRAGMENT_SPREAD | INLINE_FRAGMENT | QUERY | MUTATION | SUBSCRIPTION"sv,
         "directive @d on FIELD_DEFINITION | ARGUMENT_DEFINITION | ENUM_VALUE | INPUT_FIELD_DEFINITION | VARIABLE_DEFINITION | SCHEMA | SCALAR | OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | FRAGMENT_DEFINITION | FRAGMENT_SPREAD | INLINE_FRAGMENT | QUERY | MUTATION | SUBSCRIPTION"sv},
        {"directive @d(a: Int = 1 @x) on FIELD"sv, "directive @d(a: Int = 1 @x) on FIELD"sv},
        {"{ someField(arg1: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", arg2: \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\") @dir(a: 1) { sub } }"sv,
         "{\n  someField(\n    arg1: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"\n    arg2: \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"\n  ) @dir(a: 1) {\n    sub\n  }\n}"sv},
        {"{ a { b(x: \"1234567890123456789012345678901234567890123456789012345678901234567\", y: 1) } }"sv,
         "{\n  a {\n    b(\n      x: \"1234567890123456789012345678901234567890123456789012345678901234567\"\n      y: 1\n    )\n  }\n}"sv},
        {"{ a { b(x: \"123456789012345678901234567890123456789012345678901234567890123456\", y: 1) } }"sv,
         "{\n  a {\n    b(x: \"123456789012345678901234567890123456789012345678901234567890123456\", y: 1)\n  }\n}"sv},
        {"{ alias: b(x: \"\"\"line1\nline2\"\"\", y: 1) }"sv,
         "{\n  alias: b(x: \"\"\"\n  line1\n  line2\n  \"\"\", y: 1)\n}"sv},
        {"{ b(x: {a: \"\"\"x\ny\"\"\"}, yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy: 1) }"sv,
         "{\n  b(\n    x: {a: \"\"\"\n    x\n    y\n    \"\"\"}\n    yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy: 1\n  )\n}"sv},
        {"{ b(x: \"\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\") }"sv,
         "{\n  b(\n    x: \"\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\"\n  )\n}"sv},
        {"{ b(x: \"\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\") }"sv,
         "{\n  b(\n    x: \"\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\"\n  )\n}"sv},
        {"{ b(x: \"\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\") }"sv,
         "{\n  b(x: \"\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\360\237\230\200\")\n}"sv},
        {"type Q { \"x\" a(\"y\" b: Int, c: Int): Int }"sv,
         "type Q {\n  \"x\"\n  a(\n    \"y\"\n    b: Int\n    c: Int\n  ): Int\n}"sv},
        {"type Q { a(b: Int, c: Int @d): Int @e }"sv, "type Q {\n  a(b: Int, c: Int @d): Int @e\n}"sv},
        {"\"\"\"a\"\"\"\nscalar S"sv, "\"\"\"a\"\"\"\nscalar S"sv},
        {"\"a\\nb\"\nscalar S"sv, "\"a\\nb\"\nscalar S"sv},
        {"\"\"\"\n  a\n\"\"\"\nscalar S\n\n\"b\"\nenum E { A }"sv,
         "\"\"\"a\"\"\"\nscalar S\n\n\"b\"\nenum E {\n  A\n}"sv},
        {"query { a }"sv, "{\n  a\n}"sv},
        {"query Q { a }"sv, "query Q {\n  a\n}"sv},
        {"{ a }\n\nquery { b }\n\nmutation { c }"sv, "{\n  a\n}\n\n{\n  b\n}\n\nmutation {\n  c\n}"sv},
};

TEST(PrinterTest, PrintMatchesGraphqlJs) {
  for (const auto& c : kPrintCases) {
    EXPECT_EQ(Reprint(c.source), c.printed) << c.source;
    EXPECT_EQ(Reprint(c.printed), c.printed) << c.printed;
  }
}

struct StringCase {
  std::string_view value;
  std::string_view printed;
};

// graphql-js printBlockString(value).
constexpr StringCase kBlockStringCases[] = {
    {""sv, "\"\"\"\"\"\""sv},
    {"a"sv, "\"\"\"a\"\"\""sv},
    {"  a"sv, "\"\"\"  a\"\"\""sv},
    {"a  "sv, "\"\"\"a  \"\"\""sv},
    {"a\nb"sv, "\"\"\"\na\nb\n\"\"\""sv},
    {"  a\n  b"sv, "\"\"\"\n  a\n  b\n\"\"\""sv},
    {"a\n  b"sv, "\"\"\"\na\n  b\n\"\"\""sv},
    {"\na"sv, "\"\"\"\n\na\n\"\"\""sv},
    {"a\n"sv, "\"\"\"\na\n\n\"\"\""sv},
    {"a\""sv, "\"\"\"\na\"\n\"\"\""sv},
    {"a\\"sv, "\"\"\"\na\\\n\"\"\""sv},
    {"a\"\"\""sv, "\"\"\"\na\\\"\"\"\n\"\"\""sv},
    {"\"\"\""sv, "\"\"\"\n\\\"\"\"\n\"\"\""sv},
    {"a\"\"\"b"sv, "\"\"\"a\\\"\"\"b\"\"\""sv},
    {"\"a\""sv, "\"\"\"\n\"a\"\n\"\"\""sv},
    {"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"sv,
     "\"\"\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\"\""sv},
    {"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"sv,
     "\"\"\"\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n\"\"\""sv},
    {" x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x"sv,
     "\"\"\" x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x\n\"\"\""sv},
    {"a\r\nb"sv, "\"\"\"\na\r\nb\n\"\"\""sv},
    {"a\rb"sv, "\"\"\"\na\rb\n\"\"\""sv},
    {"\ta"sv, "\"\"\"\ta\"\"\""sv},
    {"a\n\nb"sv, "\"\"\"\na\n\nb\n\"\"\""sv},
    {"a\n \nb"sv, "\"\"\"\na\n \nb\n\"\"\""sv},
    {"\"\"\"a\"\"\""sv, "\"\"\"\n\\\"\"\"a\\\"\"\"\n\"\"\""sv},
    {"\\\"\"\""sv, "\"\"\"\n\\\\\"\"\"\n\"\"\""sv},
};

TEST(PrinterTest, PrintBlockString) {
  for (const auto& c : kBlockStringCases) EXPECT_EQ(PrintBlockString(c.value), c.printed) << c.value;
}

TEST(PrinterTest, PrintBlockStringMeasuresUtf16Length) {
  std::string accents;  // 71 UTF-16 units: printed on its own line
  for (int i = 0; i < 71; ++i) accents += "é";
  EXPECT_EQ(PrintBlockString(accents), "\"\"\"\n" + accents + "\n\"\"\"");
  std::string emoji35;  // 70 units: stays inline
  for (int i = 0; i < 35; ++i) emoji35 += "😀";
  EXPECT_EQ(PrintBlockString(emoji35), "\"\"\"" + emoji35 + "\"\"\"");
  EXPECT_EQ(PrintBlockString(emoji35 + "😀"), "\"\"\"\n" + emoji35 + "😀\n\"\"\"");
}

// graphql-js printString(value).
constexpr StringCase kStringCases[] = {
    {""sv, "\"\""sv},
    {"abc"sv, "\"abc\""sv},
    {"a\"b"sv, "\"a\\\"b\""sv},
    {"a\\b"sv, "\"a\\\\b\""sv},
    {"\n\r\t\010\014"sv, "\"\\n\\r\\t\\b\\f\""sv},
    {"\000\001\037"sv, "\"\\u0000\\u0001\\u001F\""sv},
    {"\177\302\200\302\237\302\240"sv, "\"\\u007F\\u0080\\u009F\302\240\""sv},
    {"\303\251\360\237\230\200"sv, "\"\303\251\360\237\230\200\""sv},
    {"/"sv, "\"/\""sv},
    {"\342\200\250"sv, "\"\342\200\250\""sv},
};

TEST(PrinterTest, PrintString) {
  for (const auto& c : kStringCases) EXPECT_EQ(PrintString(c.value), c.printed) << c.value;
}

TEST(PrinterTest, PrintValueAndType) {
  Value list;
  list.kind = ValueKind::kList;
  Value one;
  one.kind = ValueKind::kInt;
  one.text = "1";
  list.list.push_back(one);
  Value str;
  str.kind = ValueKind::kString;
  str.text = "a\"b";
  list.list.push_back(str);
  Value obj;
  obj.kind = ValueKind::kObject;
  obj.fields.push_back(ObjectField{Name{"k", {}}, one, {}});
  list.list.push_back(obj);
  EXPECT_EQ(PrintValue(list), "[1, \"a\\\"b\", {k: 1}]");
  Value empty_object;
  empty_object.kind = ValueKind::kObject;
  EXPECT_EQ(PrintValue(empty_object), "{}");

  TypeRef named;
  named.name.value = "Int";
  TypeRef non_null;
  non_null.kind = TypeRef::Kind::kNonNull;
  non_null.of = std::make_shared<TypeRef>(named);
  TypeRef list_type;
  list_type.kind = TypeRef::Kind::kList;
  list_type.of = std::make_shared<TypeRef>(non_null);
  EXPECT_EQ(PrintType(list_type), "[Int!]");
}

TEST(PrinterTest, LongArgumentListsWrapAt80Columns) {
  const std::string_view source =
      "{ field(argumentNumberOne: \"aaaaaaaaaaaaaaaa\", argumentNumberTwo: \"bbbbbbbbbbbbbbbbbbbbb\") }";
  EXPECT_EQ(Reprint(source),
            "{\n  field(\n    argumentNumberOne: \"aaaaaaaaaaaaaaaa\"\n    argumentNumberTwo: "
            "\"bbbbbbbbbbbbbbbbbbbbb\"\n  )\n}");
  EXPECT_EQ(Reprint("{ field(a: 1, b: 2) }"), "{\n  field(a: 1, b: 2)\n}");
}

TEST(PrinterTest, AnonymousQueryKeyword) {
  EXPECT_EQ(Reprint("query { a }"), "{\n  a\n}");
  EXPECT_EQ(Reprint("query Q { a }"), "query Q {\n  a\n}");
  EXPECT_EQ(Reprint("query ($v: Int) { a }"), "query ($v: Int) {\n  a\n}");
  EXPECT_EQ(Reprint("query @d { a }"), "query @d {\n  a\n}");
  EXPECT_EQ(Reprint("mutation { a }"), "mutation {\n  a\n}");
}

TEST(PrinterTest, NestedSelectionsIndentMultilineParts) {
  // Expected output from graphql-js 16.9 print(): block strings and wrapped arguments inside nested selection sets
  // get the indentation of their depth after every newline.
  const std::string_view source =
      "{ a { b(x: \"\"\"\n  line1\n    line2\n\"\"\") { ... on T @d(s: \"\"\"x\ny\"\"\") { c(argumentNumberOne: "
      "\"aaaaaaaaaaaaaaaa\", argumentNumberTwo: \"bbbbbbbbbbbbbbbbbbbbb\") ...F @e(t: \"\"\"p\nq\"\"\") } } } }";
  EXPECT_EQ(Reprint(source),
            "{\n  a {\n    b(x: \"\"\"\n    line1\n      line2\n    \"\"\") {\n      ... on T @d(s: \"\"\"\n      x\n   "
            "   y\n      \"\"\") {\n        c(\n          argumentNumberOne: \"aaaaaaaaaaaaaaaa\"\n          "
            "argumentNumberTwo: \"bbbbbbbbbbbbbbbbbbbbb\"\n        )\n        ...F @e(t: \"\"\"\n        p\n        "
            "q\n        \"\"\")\n      }\n    }\n  }\n}");
}

TEST(PrinterTest, DeeplyNestedSelectionSets) {
  // 300 levels (graphql-js prints 183,007 bytes); printing is linear in the output, not in depth x output.
  std::string source = "query ";
  for (int i = 0; i < 300; ++i) source += "{ a ";
  source += "{ b }";
  for (int i = 0; i < 300; ++i) source += " }";
  std::string expected = "{";
  for (int i = 1; i <= 300; ++i) expected += "\n" + std::string(2 * i, ' ') + "a {";
  expected += "\n" + std::string(602, ' ') + "b";
  for (int i = 300; i >= 0; --i) expected += "\n" + std::string(2 * i, ' ') + "}";
  const std::string printed = Reprint(source);
  EXPECT_EQ(printed.size(), 183007u);
  EXPECT_EQ(printed, expected);
}

}  // namespace
}  // namespace railgun::language
