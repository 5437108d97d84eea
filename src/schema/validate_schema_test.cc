// Tests for SDL validation (assertValidSDL) and validateSchema; expected messages and locations come from
// graphql-js 16.9 (buildSchema / validateSDL / validateSchema run under node).
#include "schema/validate_schema.h"

#include <gtest/gtest.h>

#include "schema/builder.h"
#include "schema/sdl_validation.h"

namespace railgun::schema {
namespace {

struct ExpectedError {
  std::string message;
  std::vector<language::SourceLocation> locations;
};
struct SdlCase {
  std::string sdl;
  std::vector<ExpectedError> errors;
};

const SdlCase kSdlCases[] = {
    {"type Query { a: Foo }", {{"Unknown type \"Foo\".", {{1, 17}}}}},
    {"type Query { a: Strin }", {{"Unknown type \"Strin\". Did you mean \"String\"?", {{1, 17}}}}},
    {"type Query { a: Int }\ntype Query { b: Int }",
     {{"There can be only one type named \"Query\".", {{1, 6}, {2, 6}}}}},
    {"type Query { a: Int a: String }", {{"Field \"Query.a\" can only be defined once.", {{1, 14}, {1, 21}}}}},
    {"type Query { a(x: Int, x: Int): Int }",
     {{"Argument \"Query.a(x:)\" can only be defined once.", {{1, 16}, {1, 24}}}}},
    {"enum E { A A }\ntype Query { e: E }", {{"Enum value \"E.A\" can only be defined once.", {{1, 10}, {1, 12}}}}},
    {"directive @d on FIELD\ndirective @d on FIELD\ntype Query { a: Int }",
     {{"There can be only one directive named \"@d\".", {{1, 12}, {2, 12}}}}},
    {"type Query { a: Int @unknown }", {{"Unknown directive \"@unknown\".", {{1, 21}}}}},
    {"type Query @deprecated { a: Int }", {{"Directive \"@deprecated\" may not be used on OBJECT.", {{1, 12}}}}},
    {"type Query { a: Int @deprecated @deprecated }",
     {{"The directive \"@deprecated\" can only be used once at this location.", {{1, 21}, {1, 33}}}}},
    {"extend type Foo { a: Int }\ntype Query { a: Int }",
     {{"Cannot extend type \"Foo\" because it is not defined.", {{1, 13}}}}},
    {"type Query { a: Int }\nextend scalar Query @deprecated",
     {{"Cannot extend non-scalar type \"Query\".", {{1, 1}, {2, 1}}},
      {"Directive \"@deprecated\" may not be used on SCALAR.", {{2, 21}}}}},
    {"scalar S @specifiedBy\ntype Query { a: S }",
     {{"Directive \"@specifiedBy\" argument \"url\" of type \"String!\" is required, but it was not provided.",
       {{1, 10}}}}},
    {"type Query { a: Int @deprecated(reson: \"x\") }",
     {{"Unknown argument \"reson\" on directive \"@deprecated\". Did you mean \"reason\"?", {{1, 33}}}}},
    {"schema { query: Q }\nschema { query: Q }\ntype Q { a: Int }",
     {{"Must provide only one schema definition.", {{2, 1}}},
      {"There can be only one query type in schema.", {{1, 10}, {2, 10}}}}},
    {"schema { query: Q query: Q }\ntype Q { a: Int }",
     {{"There can be only one query type in schema.", {{1, 10}, {1, 19}}}}},
    {"directive @d(a: Int, a: Int) on FIELD\ntype Query { a: Int }",
     {{"Argument \"@d(a:)\" can only be defined once.", {{1, 14}, {1, 22}}}}},
    {"type Query { a(x: In = {a: 1, a: 2}): Int }",
     {{"Unknown type \"In\". Did you mean \"ID\" or \"Int\"?", {{1, 19}}},
      {"There can be only one input field named \"a\".", {{1, 25}, {1, 31}}}}},
    {"type Query { a: Int @deprecated(reason: \"a\", reason: \"b\") }",
     {{"There can be only one argument named \"reason\".", {{1, 33}, {1, 46}}}}},
    {"interface I { a: Int }\ntype Query implements I & J { a: Int }",
     {{"Unknown type \"J\". Did you mean \"I\"?", {{2, 27}}}}},
    // Several errors per document: graphql-js reports them in visiting order (all rules at each node).
    {"type Query @unknown(a: 1) { a(x: Foo = 1 @bar): Baz @deprecated(reason: 1, reason: 2) }\ntype Query { b: Int "
     "}\nenum E { A A @skip(if: true) }\n",
     {{"Unknown directive \"@unknown\".", {{1, 12}}},
      {"Unknown type \"Foo\".", {{1, 34}}},
      {"Unknown directive \"@bar\".", {{1, 42}}},
      {"Unknown type \"Baz\".", {{1, 49}}},
      {"There can be only one argument named \"reason\".", {{1, 65}, {1, 76}}},
      {"There can be only one type named \"Query\".", {{1, 6}, {2, 6}}},
      {"Enum value \"E.A\" can only be defined once.", {{3, 10}, {3, 12}}},
      {"Directive \"@skip\" may not be used on ENUM_VALUE.", {{3, 14}}}}},
    {"directive @d(x: Int!) on FIELD_DEFINITION\ndirective @d on FIELD\ntype Query { a: Int @d @d(y: 1) }\nextend type "
     "Query { a: String b: Int b: Int }\n",
     {{"There can be only one directive named \"@d\".", {{1, 12}, {2, 12}}},
      {"The directive \"@d\" can only be used once at this location.", {{3, 21}, {3, 24}}},
      {"Directive \"@d\" may not be used on FIELD_DEFINITION.", {{3, 21}}},
      {"Directive \"@d\" may not be used on FIELD_DEFINITION.", {{3, 24}}},
      {"Unknown argument \"y\" on directive \"@d\".", {{3, 27}}},
      {"Field \"Query.a\" can only be defined once.", {{3, 14}, {4, 21}}},
      {"Field \"Query.b\" can only be defined once.", {{4, 31}, {4, 38}}}}},
    {"schema { query: Query mutation: Query }\nextend schema { mutation: Query }\nschema { query: Query }\ntype Query "
     "{ a: Int }\n",
     {{"There can be only one mutation type in schema.", {{1, 23}, {2, 17}}},
      {"Must provide only one schema definition.", {{3, 1}}},
      {"There can be only one query type in schema.", {{1, 10}, {3, 10}}}}},
    {"type Query { a(x: In = {a: {b: 1, b: 2}, a: 3}): Int }\ninput In { a: Int }\nextend input In { a: Int }\nextend "
     "enum In { X }\n",
     {{"There can be only one input field named \"b\".", {{1, 29}, {1, 35}}},
      {"There can be only one input field named \"a\".", {{1, 25}, {1, 42}}},
      {"Field \"In.a\" can only be defined once.", {{2, 12}, {3, 19}}},
      {"Cannot extend non-enum type \"In\".", {{2, 1}, {4, 1}}}}},
    {"type Query { a: Int }\nextend type Qury { b: Int }\nextend type Quer2 @deprecated\n",
     {{"Cannot extend type \"Qury\" because it is not defined. Did you mean \"Query\"?", {{2, 13}}},
      {"Cannot extend type \"Quer2\" because it is not defined. Did you mean \"Query\"?", {{3, 13}}},
      {"Directive \"@deprecated\" may not be used on OBJECT.", {{3, 19}}}}},
    {"type Query { a: Int @specifiedBy(url: \"x\") }\nscalar X @deprecated @specifiedBy(url: \"u\", extra: 1) "
     "@oneOf\ninput I @oneOf @oneOf { a: Int }\n",
     {{"Directive \"@specifiedBy\" may not be used on FIELD_DEFINITION.", {{1, 21}}},
      {"Directive \"@deprecated\" may not be used on SCALAR.", {{2, 10}}},
      {"Unknown argument \"extra\" on directive \"@specifiedBy\".", {{2, 45}}},
      {"Directive \"@oneOf\" may not be used on SCALAR.", {{2, 55}}},
      {"The directive \"@oneOf\" can only be used once at this location.", {{3, 9}, {3, 16}}}}},
    {"type Query { a: __Typ b: strin c: INT d: Boolen }\n",
     {{"Unknown type \"__Typ\". Did you mean \"__Type\"?", {{1, 17}}},
      {"Unknown type \"strin\". Did you mean \"String\"?", {{1, 26}}},
      {"Unknown type \"INT\". Did you mean \"Int\" or \"ID\"?", {{1, 35}}},
      {"Unknown type \"Boolen\". Did you mean \"Boolean\"?", {{1, 42}}}}},
    // Executable definitions inside an SDL document are visited too (built-in scalars unknown there).
    {"type Query {a: Int}\nquery Q($x: Int @foo) @skip(if: true) { a(b: 1, b: 2) @include { c } ... on X @deprecated { "
     "d } }\nfragment F on Query @include(if: true) { a }\n",
     {{"Unknown type \"Int\".", {{2, 13}}},
      {"Unknown directive \"@foo\".", {{2, 17}}},
      {"Directive \"@skip\" may not be used on QUERY.", {{2, 23}}},
      {"There can be only one argument named \"b\".", {{2, 43}, {2, 49}}},
      {"Directive \"@include\" argument \"if\" of type \"Boolean!\" is required, but it was not provided.", {{2, 55}}},
      {"Unknown type \"X\".", {{2, 77}}},
      {"Directive \"@deprecated\" may not be used on INLINE_FRAGMENT.", {{2, 79}}},
      {"Directive \"@include\" may not be used on FRAGMENT_DEFINITION.", {{3, 21}}}}},
};

TEST(SdlValidationTest, MatchesGraphqlJs) {
  for (const auto& c : kSdlCases) {
    SchemaResult r = BuildSchema(c.sdl);
    EXPECT_EQ(r.schema, nullptr) << c.sdl;
    ASSERT_EQ(r.errors.size(), c.errors.size()) << c.sdl;
    for (size_t i = 0; i < c.errors.size(); ++i) {
      EXPECT_EQ(r.errors[i].message, c.errors[i].message) << c.sdl;
      EXPECT_EQ(r.errors[i].locations, c.errors[i].locations) << c.sdl << " / " << c.errors[i].message;
    }
  }
}

struct ValidationCase {
  std::string sdl;
  std::vector<ExpectedError> errors;
};

const ValidationCase kValidationCases[] = {
    {"type Q { a: Int }", {{"Query root type must be provided.", {}}}},
    {"type Query", {{"Type Query must define one or more fields.", {{1, 1}}}}},
    {"scalar Query", {{"Query root type must be Object type, it cannot be Query.", {{1, 1}}}}},
    {"schema { query: Q mutation: I }\ntype Q { a: Int }\ninput I { a: Int }",
     {{"Mutation root type must be Object type if provided, it cannot be I.", {{1, 29}}}}},
    {"type Query { __a: Int }",
     {{"Name \"__a\" must not begin with \"__\", which is reserved by GraphQL introspection.", {{1, 14}}}}},
    {"type Query { a(x: Query): Int }\n", {{"The type of Query.a(x:) must be Input Type but got: Query.", {{1, 19}}}}},
    {"input I { a: I }\ntype Query { a(i: I): Query }", {}},
    {"type Query { a: I }\ninput I { a: Int }", {{"The type of Query.a must be Output Type but got: I.", {{1, 17}}}}},
    {"interface I { a(x: Int): String b: Int }\ntype Query implements I { a(y: Int!): Int }",
     {{"Interface field I.a expects type String but Query.a is type Int.", {{1, 26}, {2, 39}}},
      {"Interface field argument I.a(x:) expected but Query.a does not provide it.", {{1, 17}, {2, 27}}},
      {"Object field Query.a includes required argument y that is missing from the Interface field I.a.",
       {{2, 29}, {1, 15}}},
      {"Interface field I.b expected but Query does not provide it.", {{1, 33}, {2, 1}}}}},
    {"interface I { a(x: Int): String }\ntype Query implements I { a(x: String): String }",
     {{"Interface field argument I.a(x:) expects type Int but Query.a(x:) is type String.", {{1, 20}, {2, 32}}}}},
    {"interface A { a: Int }\ninterface B implements A { a: Int b: Int }\ntype Query implements B { a: Int b: Int }",
     {{"Type Query must implement A because it is implemented by B.", {{2, 24}, {3, 23}}}}},
    {"union U = Query | I\ninterface I { a: Int }\ntype Query { a: Int u: U }",
     {{"Union type U can only include Object types, it cannot include I.", {{1, 19}}}}},
    {"union U = Query | Query\ntype Query { a: U }",
     {{"Union type U can only include type Query once.", {{1, 11}, {1, 19}}}}},
    {"enum E\ntype Query { e: E }", {{"Enum type E must define one or more values.", {{1, 1}}}}},
    {"input A { b: B! }\ninput B { a: A! }\ntype Query { a(x: A): Int }",
     {{"Cannot reference Input Object \"A\" within itself through a series of non-null fields: \"b.a\".",
       {{1, 11}, {2, 11}}}}},
    {"input A { self: A! x: [A!]! }\ntype Query { a(x: A): Int }",
     {{"Cannot reference Input Object \"A\" within itself through a series of non-null fields: \"self\".", {{1, 11}}}}},
    {"input O @oneOf { a: Int! b: String = \"x\" }\ntype Query { a(o: O): Int }",
     {{"OneOf input field O.a must be nullable.", {{1, 21}}},
      {"OneOf input field O.b cannot have a default value.", {{1, 26}}}}},
    {"type Query { a(x: Int! @deprecated): Int }",
     {{"Required argument Query.a(x:) cannot be deprecated.", {{1, 24}, {1, 19}}}}},
    {"input I { a: Int! @deprecated }\ntype Query { a(i: I): Int }",
     {{"Required input field I.a cannot be deprecated.", {{1, 19}, {1, 14}}}}},
    {"directive @__d on FIELD\ntype Query { a: Int }",
     {{"Name \"__d\" must not begin with \"__\", which is reserved by GraphQL introspection.", {{1, 1}}}}},
    {"interface I implements I { a: Int }\ntype Query { a: I }",
     {{"Type I cannot implement itself because it would create a circular reference.", {{1, 24}}}}},
    {"type Query implements Query { a: Int }",
     {{"Type Query must only implement Interface types, it cannot implement Query.", {{1, 23}}}}},
    {"\"\"\"desc\"\"\"\ntype Query implements I & I & Query { a(x: Int): Int, b: String }\ninterface I { a(x: Int, y: "
     "Int): Int b: Int c: Int }\nextend type Query implements I\nunion U = Query | I\nextend union U = Query\nschema { "
     "query: Query mutation: S subscription: I }\nscalar S\ninput A { b: B! }\ninput B { c: C! }\ninput C { a: A! d: "
     "Int! @deprecated }\ninput O @oneOf { a: Int = 1 }\ntype T { a(x: Int! @deprecated): A }\ndirective @dd(a: A, b: "
     "Int! @deprecated, c: T) on FIELD\nenum E\nextend enum E @dd2\ndirective @dd2 on ENUM\n",
     {{"Mutation root type must be Object type if provided, it cannot be S.", {{7, 33}}},
      {"Subscription root type must be Object type if provided, it cannot be I.", {{7, 49}}},
      {"Required argument @dd(b:) cannot be deprecated.", {{14, 29}, {14, 24}}},
      {"The type of @dd(c:) must be Input Type but got: T.", {{14, 42}}},
      {"Interface field argument I.a(y:) expected but Query.a does not provide it.", {{3, 25}, {2, 39}}},
      {"Interface field I.b expects type Int but Query.b is type String.", {{3, 41}, {2, 58}}},
      {"Interface field I.c expected but Query does not provide it.", {{3, 45}, {1, 1}, {4, 1}}},
      {"Type Query can only implement I once.", {{2, 23}, {2, 27}, {4, 30}}},
      {"Type Query must only implement Interface types, it cannot implement Query.", {{2, 31}}},
      {"Type Query can only implement I once.", {{2, 23}, {2, 27}, {4, 30}}},
      {"Union type U can only include Object types, it cannot include I.", {{5, 19}}},
      {"Union type U can only include type Query once.", {{5, 11}, {6, 18}}},
      {"Cannot reference Input Object \"A\" within itself through a series of non-null fields: \"b.c.a\".",
       {{9, 11}, {10, 11}, {11, 11}}},
      {"Required input field C.d cannot be deprecated.", {{11, 25}, {11, 20}}},
      {"OneOf input field O.a cannot have a default value.", {{12, 18}}},
      {"The type of T.a must be Output Type but got: A.", {{13, 34}}},
      {"Required argument T.a(x:) cannot be deprecated.", {{13, 20}, {13, 15}}},
      {"Enum type E must define one or more values.", {{15, 1}, {16, 1}}}}},
};

TEST(ValidateSchemaTest, MatchesGraphqlJs) {
  for (const auto& c : kValidationCases) {
    SchemaResult r = BuildSchema(c.sdl);
    ASSERT_NE(r.schema, nullptr) << c.sdl << (r.errors.empty() ? "" : r.errors[0].message);
    ASSERT_EQ(r.errors.size(), c.errors.size()) << c.sdl;
    for (size_t i = 0; i < c.errors.size(); ++i) {
      EXPECT_EQ(r.errors[i].message, c.errors[i].message) << c.sdl;
      EXPECT_EQ(r.errors[i].locations, c.errors[i].locations) << c.sdl << " / " << c.errors[i].message;
    }
    EXPECT_EQ(r.ok(), c.errors.empty());
    // ValidateSchema is deterministic and re-runnable on the built schema.
    EXPECT_EQ(ValidateSchema(*r.schema).size(), c.errors.size());
  }
}

TEST(SuggestionListTest, OrdersByDistanceThenNaturally) {
  EXPECT_EQ(SuggestionList("In", {"String", "Int", "Float", "ID"}), (std::vector<std::string>{"ID", "Int"}));
  EXPECT_EQ(SuggestionList("item2", {"item10", "item1", "other"}), (std::vector<std::string>{"item1", "item10"}));
  EXPECT_TRUE(SuggestionList("zzzzzz", {"String"}).empty());
  EXPECT_EQ(DidYouMean({}), "");
  EXPECT_EQ(DidYouMean({"A"}), " Did you mean \"A\"?");
  EXPECT_EQ(DidYouMean({"A", "B"}), " Did you mean \"A\" or \"B\"?");
  EXPECT_EQ(DidYouMean({"A", "B", "C", "D", "E", "F"}), " Did you mean \"A\", \"B\", \"C\", \"D\", or \"E\"?");
}

}  // namespace
}  // namespace railgun::schema
