// printSchema / printIntrospectionSchema tests; expected texts were produced by graphql-js 16.9 printSchema.
#include "schema/print_schema.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "schema/builder.h"

namespace railgun::schema {
namespace {

std::string ReadFile(const std::string& relative) {
  std::ifstream in(std::string(RAILGUN_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::shared_ptr<const Schema> MustBuild(const std::string& sdl) {
  SchemaResult r = BuildSchema(sdl);
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].message);
  return r.schema;
}

TEST(PrintSchemaTest, KitchenSinkMatchesGraphqlJs) {
  auto schema = MustBuild(ReadFile("src/schema/testdata/kitchen_sink.graphql"));
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(PrintSchema(*schema), ReadFile("src/schema/testdata/kitchen_sink.expected"));
}

TEST(PrintSchemaTest, KitchenSinkRoundTrips) {
  auto schema = MustBuild(ReadFile("src/schema/testdata/kitchen_sink.graphql"));
  ASSERT_NE(schema, nullptr);
  std::string printed = PrintSchema(*schema);
  auto again = MustBuild(printed);
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(PrintSchema(*again), printed);
}

TEST(PrintSchemaTest, IntrospectionSchemaMatchesGraphqlJs) {
  auto schema = MustBuild("type Query { a: Int }");
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(PrintIntrospectionSchema(*schema), ReadFile("src/schema/testdata/introspection.expected"));
}

struct PrintCase {
  std::string sdl;
  std::string expected;
};

const PrintCase kPrintCases[] = {
    {"\"\"\"desc\"\"\"\nschema { query: Query }\ntype Query { a: Int }",
     "\"\"\"desc\"\"\"\nschema {\n  query: Query\n}\n\ntype Query {\n  a: Int\n}"},
    {"type Query { a: Int }\ntype Mutation { b: Int }\ntype Subscription { c: Int }",
     "type Query {\n  a: Int\n}\n\ntype Mutation {\n  b: Int\n}\n\ntype Subscription {\n  c: Int\n}"},
    {"schema { query: Q subscription: S }\ntype Q { a: Int }\ntype S { a: Int }",
     "schema {\n  query: Q\n  subscription: S\n}\n\ntype Q {\n  a: Int\n}\n\ntype S {\n  a: Int\n}"},
    {"\"  leading space\"\ntype Query { \"\"\"\n  indented\n  all\n\"\"\"\na: Int \"with \\\"quote\\\"\" b: Int "
     "\"trailing\\\\\" c(\"x\" x: Int, y: String = \"s\"): Int }",
     "\"\"\"  leading space\"\"\"\ntype Query {\n  \"\"\"\n  indented\n  all\n  \"\"\"\n  a: Int\n\n  \"\"\"\n  with "
     "\"quote\"\n  \"\"\"\n  b: Int\n\n  \"\"\"\n  trailing\\\n  \"\"\"\n  c(\n    \"\"\"x\"\"\"\n    x: Int\n    y: "
     "String = \"s\"\n  ): Int\n}"},
    {"type Query { a(x: Float = 1.50, y: Float = 1e3, z: Int = -0, e: E = A, l: [E!] = [A, B], n: String = null, i: In "
     "= {}): Int }\nenum E { A B }\ninput In { a: Int = 1 b: [Int] c: E = B }",
     "type Query {\n  a(x: Float = 1.5, y: Float = 1000, z: Int = 0, e: E = A, l: [E!] = [A, B], n: String = null, i: "
     "In = {a: 1, c: B}): Int\n}\n\nenum E {\n  A\n  B\n}\n\ninput In {\n  a: Int = 1\n  b: [Int]\n  c: E = B\n}"},
    {"\"\"\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\"\"\ntype Query { "
     "\"\\n\\nstarts with newline\" a: Int \"tab\\tinside\" b: Int }",
     "\"\"\"\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n\"\"\"\ntype Query {\n  "
     "\"\\n\\nstarts with newline\"\n  a: Int\n\n  \"\"\"tab\tinside\"\"\"\n  b: Int\n}"},
    {"directive @d(\"arg desc\" a: Int, b: Int) on QUERY | MUTATION\ntype Query { a: Int }",
     "directive @d(\n  \"\"\"arg desc\"\"\"\n  a: Int\n  b: Int\n) on QUERY | MUTATION\n\ntype Query {\n  a: Int\n}"},
    {"type Query { a: Int }\nunion U\nenum E\ninterface I\ninput In",
     "type Query {\n  a: Int\n}\n\nunion U\n\nenum E\n\ninterface I\n\ninput In"},
};

TEST(PrintSchemaTest, CasesMatchGraphqlJs) {
  for (const auto& c : kPrintCases) {
    SchemaResult r = BuildSchema(c.sdl);
    ASSERT_NE(r.schema, nullptr) << c.sdl;
    EXPECT_EQ(PrintSchema(*r.schema), c.expected) << c.sdl;
  }
}

TEST(PrintSchemaTest, DefaultValuesAsIntrospectionSeesThem) {
  auto schema = MustBuild("type Query { a(x: [Int] = 3, y: ID = \"12\", z: Int, w: Int = \"bad\"): Int }");
  ASSERT_NE(schema, nullptr);
  const Field* a = schema->query_type()->field("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(PrintDefaultValue(*a->arg("x")), "[3]");
  EXPECT_EQ(PrintDefaultValue(*a->arg("y")), "12");
  EXPECT_EQ(PrintDefaultValue(*a->arg("z")), std::nullopt);
  EXPECT_EQ(PrintDefaultValue(*a->arg("w")), std::nullopt);  // invalid literal: graphql-js has no default
}

}  // namespace
}  // namespace railgun::schema
