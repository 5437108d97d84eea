// Validate(): API behaviour (codes, error limit, rule selection) and pathological documents that must stay
// fast thanks to OverlappingFieldsCanBeMerged's caches (correctness tests, not timed).
#include "validation/validate.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "language/parser.h"
#include "schema/builder.h"

namespace railgun::validation {
namespace {

constexpr const char* kSdl = R"(
  type Query { dog: Dog dogs: [Dog] name: String }
  type Dog { name: String nickname: String barks: Boolean owner: Human friends: [Dog] }
  type Human { name: String dog: Dog }
)";

const schema::Schema& TestSchema() {
  static const std::shared_ptr<const schema::Schema> schema = [] {
    schema::SchemaResult result = schema::BuildSchema(kSdl);
    EXPECT_TRUE(result.ok());
    return result.schema;
  }();
  return *schema;
}

std::vector<language::GraphQLError> ValidateQuery(const std::string& query, const ValidationOptions& options = {}) {
  language::ParseOptions parse_options;
  parse_options.max_tokens = 0;
  language::ParseResult doc = language::Parse(query, parse_options);
  EXPECT_TRUE(doc.ok()) << (doc.error ? doc.error->message : "");
  return Validate(TestSchema(), doc.document, options);
}

TEST(Validate, ValidDocumentHasNoErrors) { EXPECT_TRUE(ValidateQuery("{ dog { name owner { name } } }").empty()); }

TEST(Validate, ErrorsCarryCodeAndLocations) {
  auto errors = ValidateQuery("{ dog { nam } }");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "Cannot query field \"nam\" on type \"Dog\". Did you mean \"name\"?");
  EXPECT_EQ(errors[0].code, "GRAPHQL_VALIDATION_FAILED");
  ASSERT_EQ(errors[0].locations.size(), 1u);
  EXPECT_EQ(errors[0].locations[0], (language::SourceLocation{1, 9}));
  EXPECT_EQ(errors[0].ToJson().find("extensions")->find("code")->as_string(), "GRAPHQL_VALIDATION_FAILED");
}

TEST(Validate, StopsAtErrorLimit) {
  std::string query = "{";
  for (int i = 0; i < 300; ++i) query += " unknown" + std::to_string(i);
  query += " }";
  auto errors = ValidateQuery(query);
  ASSERT_EQ(errors.size(), 101u);
  EXPECT_EQ(errors[99].message, "Cannot query field \"unknown99\" on type \"Query\".");
  EXPECT_EQ(errors[100].message, "Too many validation errors, error limit reached. Validation aborted.");
  EXPECT_TRUE(errors[100].locations.empty());
  EXPECT_EQ(errors[100].code, "GRAPHQL_VALIDATION_FAILED");

  ValidationOptions options;
  options.max_errors = 2;
  errors = ValidateQuery(query, options);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[2].message, "Too many validation errors, error limit reached. Validation aborted.");
}

TEST(Validate, OnlyRulesSelectsRules) {
  ValidationOptions options;
  options.only_rules = {"NoUnusedFragmentsRule"};
  auto errors = ValidateQuery("{ unknown } fragment F on Dog { name }", options);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "Fragment \"F\" is never used.");
}

TEST(Validate, ManyRepeatedFieldsStayCorrect) {
  std::string query = "{ dog {";
  for (int i = 0; i < 2000; ++i) query += " name";
  query += " } }";
  EXPECT_TRUE(ValidateQuery(query).empty());

  // 1,000 identical sub-selections under one response name: pairwise comparisons recurse into them.
  query = "{";
  for (int i = 0; i < 1000; ++i) query += " dog { name owner { name } }";
  query += " }";
  EXPECT_TRUE(ValidateQuery(query).empty());
}

TEST(Validate, ManyConflictingFieldsHitTheLimit) {
  std::string query = "{ dog {";
  for (int i = 0; i < 1000; ++i) query += i % 2 == 0 ? " x: name" : " x: nickname";
  query += " } }";
  auto errors = ValidateQuery(query);
  ASSERT_EQ(errors.size(), 101u);
  EXPECT_EQ(errors[0].message,
            "Fields \"x\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on "
            "the fields to fetch both if this was intentional.");
}

TEST(Validate, NestedFragmentsAreComparedOncePerPair) {
  // Each fragment spreads the two previous ones: without the compared-pairs memo the comparisons grow
  // exponentially with the number of fragments.
  constexpr int kFragments = 120;
  std::string query =
      "{ dog { ...F" + std::to_string(kFragments - 1) + " ...F" + std::to_string(kFragments - 2) + " name } }";
  for (int i = 0; i < kFragments; ++i) {
    query += " fragment F" + std::to_string(i) + " on Dog { name friends { name }";
    if (i >= 1) query += " ...F" + std::to_string(i - 1);
    if (i >= 2) query += " ...F" + std::to_string(i - 2);
    query += " }";
  }
  EXPECT_TRUE(ValidateQuery(query).empty());
}

TEST(Validate, ManyFragmentsSpreadTogether) {
  std::string query = "{ dog {";
  std::string fragments;
  for (int i = 0; i < 400; ++i) {
    query += " ...F" + std::to_string(i);
    fragments += " fragment F" + std::to_string(i) + " on Dog { name owner { name dog { barks } } }";
  }
  query += " } }" + fragments;
  EXPECT_TRUE(ValidateQuery(query).empty());
}

TEST(Validate, LongFragmentChain) {
  constexpr int kFragments = 3000;
  std::string query = "{ dog { ...F0 } }";
  for (int i = 0; i < kFragments; ++i) {
    query += " fragment F" + std::to_string(i) + " on Dog { name";
    if (i + 1 < kFragments) query += " ...F" + std::to_string(i + 1);
    query += " }";
  }
  EXPECT_TRUE(ValidateQuery(query).empty());
  const std::string cyclic = "{ dog { ...A } } fragment A on Dog { ...B } fragment B on Dog { ...A }";
  auto errors = ValidateQuery(cyclic);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "Cannot spread fragment \"A\" within itself via \"B\".");
}

TEST(Validate, CustomScalarParseLiteralDecides) {
  schema::SchemaBuilder builder;
  schema::NamedType* even = builder.AddType(schema::TypeKind::kScalar, "Even");
  even->scalar.parse_literal = [](const language::Value& literal, const json::Value*,
                                  std::string* error) -> std::optional<json::Value> {
    if (literal.kind != language::ValueKind::kInt) return std::nullopt;  // rejected without a reason
    if (std::stoll(literal.text) % 2 != 0) {
      if (error != nullptr) *error = "odd number";
      return std::nullopt;
    }
    return json::Value::Int(std::stoll(literal.text));
  };
  schema::NamedType* query = builder.AddType(schema::TypeKind::kObject, "Query");
  schema::Field field;
  field.name = "f";
  field.type = schema::Named(builder.type("String"));
  schema::InputValue arg;
  arg.name = "e";
  arg.type = schema::Named(even);
  field.args.push_back(arg);
  query->fields.push_back(field);
  builder.SetQueryType(query);
  schema::SchemaResult built = builder.Finish();
  ASSERT_TRUE(built.ok());
  language::ParseResult doc = language::Parse("{ a: f(e: 2) b: f(e: 3) c: f(e: \"x\") }");
  ASSERT_TRUE(doc.ok());
  const auto errors = Validate(*built.schema, doc.document);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].message, "Expected value of type \"Even\", found 3; odd number");
  EXPECT_EQ(errors[1].message, "Expected value of type \"Even\", found \"x\".");
}

TEST(Validate, HugeFragmentChainDoesNotExhaustTheStack) {
  // 60,000 fragments, each nesting the next one level deeper: recursion as deep as the document is long.
  constexpr int kFragments = 60000;
  std::string query = "{ dog { ...F0 } dog { ...F0 } }";
  for (int i = 0; i < kFragments; ++i) {
    query += " fragment F" + std::to_string(i) + " on Dog { owner { dog {";
    query += i + 1 < kFragments ? " ...F" + std::to_string(i + 1) : std::string(" name");
    query += " } } }";
  }
  EXPECT_TRUE(ValidateQuery(query).empty());
}

}  // namespace
}  // namespace railgun::validation
