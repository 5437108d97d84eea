// Executor tests: the cases in testdata/executor_cases.json (expected outputs from graphql-js 16.9 `execute`),
// plus the RootResolver plug-in point and the response serialization.
#include "execute/executor.h"

#include <gtest/gtest.h>

#include "execute/test_support.h"

namespace railgun::execute {
namespace {

using testing::BuildTestdataSchema;
using testing::Member;
using testing::ReadJsonTestdata;

ExecutionResult RunQuery(const schema::Schema& schema, const std::string& query, const json::Value& root = {},
                         const json::Value& variables = {}, std::optional<std::string> operation = std::nullopt,
                         RootResolver* resolver = nullptr) {
  language::ParseResult parsed = language::Parse(query);
  EXPECT_TRUE(parsed.ok()) << query;
  ExecutionRequest request;
  request.schema = &schema;
  request.document = &parsed.document;
  request.root_value = root;
  request.variables = variables;
  request.operation_name = std::move(operation);
  request.resolver = resolver;
  return Execute(request);
}

// extensions are ours (codes); graphql-js's execute() emits none.
json::Value WithoutExtensions(json::Value v) {
  if (json::Value* errors = v.find("errors")) {
    for (auto& e : errors->as_array()) {
      auto& members = e.as_object();
      std::erase_if(members, [](const json::Member& m) { return m.first == "extensions"; });
    }
  }
  return v;
}

TEST(ExecutorTest, GraphqlJsCases) {
  auto schema = BuildTestdataSchema("schema.graphql");
  ASSERT_NE(schema, nullptr);
  json::Value cases = ReadJsonTestdata("executor_cases.json");
  ASSERT_TRUE(cases.is_array());
  ASSERT_GE(cases.as_array().size(), 40u);
  for (const auto& c : cases.as_array()) {
    const std::string& name = Member(c, "name").as_string();
    std::optional<std::string> operation;
    if (Member(c, "operationName").is_string()) operation = Member(c, "operationName").as_string();
    ExecutionResult result =
        RunQuery(*schema, Member(c, "query").as_string(), Member(c, "root"), Member(c, "variables"), operation);
    json::Value actual = WithoutExtensions(result.ToJson());
    EXPECT_EQ(json::Write(actual), json::Write(Member(c, "expected"))) << "case " << name;
  }
}

class FakeResolver : public RootResolver {
 public:
  ResolvedField ResolveRootField(const RootFieldContext& context) override {
    seen.push_back(std::string(context.response_key));
    if (context.field.name == "c") return ResolvedField::Complete(json::Value::Raw(R"({"raw": [1,2]})"));
    if (context.field.name == "obj") {
      json::Value o = json::Value::MakeObject();
      o.push("x", json::Value::Int(7));
      o.push("y", json::Value::String("from resolver"));
      return ResolvedField::Value(std::move(o));
    }
    if (context.field.name == "n") return ResolvedField::Error("database is down", "DATABASE_ERROR");
    if (context.field.name == "a") return ResolvedField::Error("no a");
    if (context.field.name == "withArgs")
      return ResolvedField::Value(json::Value::String(json::Write(context.arguments)));
    return ResolvedField::Default();
  }
  std::vector<std::string> seen;
};

TEST(ExecutorTest, RootResolverKinds) {
  auto schema = BuildTestdataSchema("schema.graphql");
  ASSERT_NE(schema, nullptr);
  FakeResolver resolver;
  json::Value root = json::Value::MakeObject();
  root.push("s", json::Value::String("from root"));
  ExecutionResult result = RunQuery(*schema, R"({ c obj { y x } n s withArgs(x: 1, i: {a: 2}) __typename })", root, {},
                                    std::nullopt, &resolver);
  EXPECT_EQ(
      result.ToJsonText(),
      R"({"errors":[{"message":"database is down","locations":[{"line":1,"column":17}],"path":["n"],)"
      R"("extensions":{"code":"DATABASE_ERROR"}}],"data":{"c":{"raw": [1,2]},"obj":{"y":"from resolver","x":7},)"
      R"("n":null,"s":"from root","withArgs":"{\"x\":1,\"y\":\"dflt\",\"i\":{\"a\":2,\"b\":[\"x\"],\"c\":\"RED\"}}",)"
      R"("__typename":"Query"}})");
  // __typename never reaches the resolver; nested fields neither.
  EXPECT_EQ(resolver.seen, (std::vector<std::string>{"c", "obj", "n", "s", "withArgs"}));
}

TEST(ExecutorTest, RootResolverErrorOnNonNullFieldNullsData) {
  auto schema = BuildTestdataSchema("schema.graphql");
  ASSERT_NE(schema, nullptr);
  FakeResolver resolver;
  ExecutionResult result = RunQuery(*schema, "{ s a c }", {}, {}, std::nullopt, &resolver);
  EXPECT_EQ(result.ToJsonText(),
            R"({"errors":[{"message":"no a","locations":[{"line":1,"column":5}],"path":["a"]}],"data":null})");
  EXPECT_EQ(resolver.seen, (std::vector<std::string>{"s", "a"}));  // execution stops at the failed field
}

TEST(ExecutorTest, MutationFieldsResolvedInDocumentOrder) {
  auto schema = BuildTestdataSchema("schema.graphql");
  ASSERT_NE(schema, nullptr);
  FakeResolver resolver;
  ExecutionResult result = RunQuery(*schema, "mutation { third second: first first }", {}, {}, std::nullopt, &resolver);
  EXPECT_EQ(resolver.seen, (std::vector<std::string>{"third", "second", "first"}));
  EXPECT_EQ(result.ToJsonText(), R"({"data":{"third":null,"second":null,"first":null}})");
}

TEST(ExecutorTest, ResultWithoutDataHasOnlyErrors) {
  auto schema = BuildTestdataSchema("schema.graphql");
  ASSERT_NE(schema, nullptr);
  ExecutionResult result = RunQuery(*schema, "query ($x: Int!) { n }");
  EXPECT_FALSE(result.data.has_value());
  EXPECT_EQ(result.ToJsonText(),
            R"({"errors":[{"message":"Variable \"$x\" of required type \"Int!\" was not provided.",)"
            R"("locations":[{"line":1,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]})");
}

}  // namespace
}  // namespace railgun::execute
