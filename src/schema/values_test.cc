// valueFromAST / astFromValue tests; expected results were produced by graphql-js 16.9 (valueFromAST with variables
// {v: 7, nullv: null}, then inspect() of the value and print(astFromValue(value, type))).
#include "schema/values.h"

#include <gtest/gtest.h>

#include "language/parser.h"
#include "language/printer.h"
#include "schema/builder.h"
#include "schema/scalars.h"
#include "schema/type_comparators.h"

namespace railgun::schema {
namespace {

struct ValueCase {
  std::string type;
  std::string literal;
  bool ok;
  std::string inspected;  // graphql-js inspect(valueFromAST(...))
  std::string printed;    // print(astFromValue(value, type)); "<none>" when graphql-js gives none / throws
};

TEST(ValuesTest, ValueFromAstAndBackMatchGraphqlJs) {
  SchemaResult built = BuildSchema(
      "type Query { a: Int f: Float i: ID b: Boolean } enum E { A B } input In { a: Int! b: [String] = [\"d\"] c: E } "
      "input One @oneOf { x: Int y: String } scalar Custom");
  ASSERT_TRUE(built.ok());
  const Schema& schema = *built.schema;
  json::Value variables = json::Value::MakeObject({{"v", json::Value::Int(7)}, {"nullv", json::Value::Null()}});
  const ValueCase cases[] = {
      {"Int", "1", true, "1", "1"},
      {"Int", "1.5", false, "", ""},
      {"Int!", "null", false, "", ""},
      {"Int", "null", true, "null", "null"},
      {"[Int]", "1", true, "[1]", "[1]"},
      {"[Int]", "[1, null]", true, "[1, null]", "[1, null]"},
      {"[Int!]", "[1, null]", false, "", ""},
      {"[Int]", "[1, $v]", true, "[1, 7]", "[1, 7]"},
      {"[Int!]", "[1, $missing]", false, "", ""},
      {"[Int]", "[1, $missing]", true, "[1, null]", "[1, null]"},
      {"E", "A", true, "\"A\"", "A"},
      {"E", "\"A\"", false, "", ""},
      {"E", "C", false, "", ""},
      {"In", "{a: 1}", true, "{ a: 1, b: [\"d\"] }", "{a: 1, b: [\"d\"]}"},
      {"In", "{b: null, c: B, a: 2}", true, "{ a: 2, b: null, c: \"B\" }", "{a: 2, b: null, c: B}"},
      {"In", "{}", false, "", ""},
      {"In", "{a: $missing}", false, "", ""},
      {"In", "{a: 1, z: 2}", true, "{ a: 1, b: [\"d\"] }", "{a: 1, b: [\"d\"]}"},
      {"One", "{x: 1}", true, "{ x: 1 }", "{x: 1}"},
      {"One", "{x: 1, y: \"s\"}", false, "", ""},
      {"One", "{x: null}", false, "", ""},
      {"Custom", "{a: [1, $v], b: ENUMV}", true, "{ a: [1, 7], b: \"ENUMV\" }", "<none>"},
      {"ID", "12", true, "\"12\"", "12"},
      {"ID", "\"x\"", true, "\"x\"", "\"x\""},
      {"Float", "1", true, "1", "1"},
      {"Boolean", "$v", true, "7", "true"},
      {"Int!", "$nullv", false, "", ""},
      {"String", "$v", true, "7", "\"7\""},

  };
  for (const auto& c : cases) {
    auto doc = language::Parse("query($x: " + c.type + ") { a }");
    ASSERT_TRUE(doc.ok()) << c.type;
    const auto& op = std::get<language::OperationDefinition>(doc.document.definitions[0]);
    auto type = TypeFromAst(schema, op.variables[0].type);
    ASSERT_TRUE(type.has_value()) << c.type;
    auto literal = language::ParseValue(c.literal);
    ASSERT_TRUE(literal.ok()) << c.literal;
    auto value = ValueFromAst(literal.value, *type, &variables);
    ASSERT_EQ(value.has_value(), c.ok) << c.type << " " << c.literal;
    if (!value) continue;
    EXPECT_EQ(Inspect(*value), c.inspected) << c.type << " " << c.literal;
    auto ast = AstFromValue(*value, *type);
    EXPECT_EQ(ast ? language::PrintValue(*ast) : "<none>", c.printed) << c.type << " " << c.literal;
  }
}

}  // namespace
}  // namespace railgun::schema
