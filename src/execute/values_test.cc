// Variable / argument coercion tests: testdata/values_cases.json (expected from graphql-js 16.9
// getVariableValues) and direct CoerceInputValue / CoerceArgumentValues checks.
#include "execute/values.h"

#include <gtest/gtest.h>

#include "execute/test_support.h"
#include "schema/type_comparators.h"

namespace railgun::execute {
namespace {

using testing::BuildTestdataSchema;
using testing::Member;
using testing::ReadJsonTestdata;

TEST(ValuesTest, GraphqlJsVariableCases) {
  auto schema = BuildTestdataSchema("schema.graphql");
  ASSERT_NE(schema, nullptr);
  json::Value cases = ReadJsonTestdata("values_cases.json");
  ASSERT_TRUE(cases.is_array());
  for (const auto& c : cases.as_array()) {
    const std::string& name = Member(c, "name").as_string();
    language::ParseResult parsed = language::Parse(Member(c, "query").as_string());
    ASSERT_TRUE(parsed.ok()) << name;
    const auto& operation = std::get<language::OperationDefinition>(parsed.document.definitions.front());
    std::size_t max_errors = Member(c, "maxErrors").is_int() ? Member(c, "maxErrors").as_int() : 50;
    CoercedVariables coerced = CoerceVariableValues(*schema, operation.variables, Member(c, "variables"), max_errors);
    json::Value actual = json::Value::MakeObject();
    if (coerced.ok()) {
      actual.push("coerced", coerced.values);
    } else {
      json::Value errors = json::Value::MakeArray();
      for (const auto& e : coerced.errors) errors.append(e.ToJson());
      actual.push("errors", std::move(errors));
    }
    EXPECT_EQ(json::Write(actual), json::Write(Member(c, "expected"))) << "case " << name;
  }
}

schema::TypeRef TypeOf(const schema::Schema& schema, std::string_view text) {
  std::string query = "query ($v: " + std::string(text) + ") { n }";
  language::ParseResult parsed = language::Parse(query);
  const auto& operation = std::get<language::OperationDefinition>(parsed.document.definitions.front());
  return *schema::TypeFromAst(schema, operation.variables.front().type);
}

TEST(ValuesTest, CoerceInputValueWrapsSingleValuesInLists) {
  auto schema = BuildTestdataSchema("schema.graphql");
  ASSERT_NE(schema, nullptr);
  std::vector<InputCoercionError> errors;
  json::Value out = CoerceInputValue(json::Value::Int(3), TypeOf(*schema, "[[Int]]"), &errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(json::Write(out), "[[3]]");
}

TEST(ValuesTest, CoerceInputValueReportsPaths) {
  auto schema = BuildTestdataSchema("schema.graphql");
  ASSERT_NE(schema, nullptr);
  auto input = json::Parse(R"({"a": 1, "nested": {"a": "x", "b": [null]}})");
  ASSERT_TRUE(input.ok());
  std::vector<InputCoercionError> errors;
  (void)CoerceInputValue(*input, TypeOf(*schema, "In!"), &errors);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(PrintPathArray(errors[0].path), ".nested.a");
  EXPECT_EQ(errors[0].message, "Int cannot represent non-integer value: \"x\"");
  EXPECT_EQ(PrintPathArray(errors[1].path), ".nested.b[0]");
  EXPECT_EQ(errors[1].message, "Expected non-nullable type \"String!\" not to be null.");
}

TEST(ValuesTest, ArgumentDefaultsVariablesAndErrors) {
  auto schema = BuildTestdataSchema("schema.graphql");
  ASSERT_NE(schema, nullptr);
  const schema::Field* field = schema->query_type()->field("withArgs");
  ASSERT_NE(field, nullptr);
  language::ParseResult parsed = language::Parse(R"({ withArgs(x: $v, e: GREEN, z: 4, i: {a: 1, c: BLUE}) })");
  ASSERT_TRUE(parsed.ok());
  const auto& op = std::get<language::OperationDefinition>(parsed.document.definitions.front());
  const language::Selection& selection = op.selection_set.selections.front();
  auto variables = json::Parse(R"({"v": 9})");
  ArgumentValues args = CoerceArgumentValues(field->args, selection.arguments, selection.loc, *variables);
  ASSERT_TRUE(args.ok()) << args.error->message;
  EXPECT_EQ(json::Write(args.values), R"({"x":9,"y":"dflt","z":[4],"e":"GREEN","i":{"a":1,"b":["x"],"c":"BLUE"}})");

  const schema::Field* need = schema->query_type()->field("need");
  ArgumentValues missing = CoerceArgumentValues(need->args, {}, selection.loc, json::Value::MakeObject());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error->message, "Argument \"x\" of required type \"Int!\" was not provided.");
  ASSERT_EQ(missing.error->locations.size(), 1u);
  EXPECT_EQ(missing.error->locations[0].column, 3u);
}

TEST(ValuesTest, EnumCoercion) {
  auto schema = BuildTestdataSchema("schema.graphql");
  ASSERT_NE(schema, nullptr);
  const schema::NamedType* color = schema->type("Color");
  std::string error;
  EXPECT_TRUE(ParseEnumValue(*color, json::Value::String("BLUE"), &error).has_value());
  EXPECT_FALSE(SerializeEnum(*color, json::Value::String("PINK"), &error).has_value());
  EXPECT_EQ(error, "Enum \"Color\" cannot represent value: \"PINK\"");
}

}  // namespace
}  // namespace railgun::execute
