// FieldCollector tests: response-key merging, @skip/@include with variables, fragments visited once, type
// conditions on abstract types, and directive argument errors.
#include "execute/collect_fields.h"

#include <gtest/gtest.h>

#include "execute/test_support.h"

namespace railgun::execute {
namespace {

using testing::BuildTestdataSchema;

struct Fixture {
  std::shared_ptr<const schema::Schema> schema = BuildTestdataSchema("schema.graphql");
  language::ParseResult parsed;
  FragmentMap fragments;
  const language::OperationDefinition* operation = nullptr;

  explicit Fixture(const std::string& query) : parsed(language::Parse(query)) {
    EXPECT_TRUE(parsed.ok()) << query;
    for (const auto& d : parsed.document.definitions) {
      if (const auto* op = std::get_if<language::OperationDefinition>(&d)) operation = op;
      if (const auto* f = std::get_if<language::FragmentDefinition>(&d)) fragments[f->name.value] = f;
    }
  }
};

std::string Keys(const FieldCollection& c) {
  std::string out;
  for (const auto& f : c.fields) out += std::string(f.response_key) + ":" + std::to_string(f.nodes.size()) + " ";
  return out;
}

TEST(CollectFieldsTest, MergesSkipsAndVisitsFragmentsOnce) {
  Fixture f(R"(query ($no: Boolean!) { c a: c ...F ...F n @skip(if: $no) s @include(if: $no) ... on Query { c } }
              fragment F on Query { c obj { x } })");
  ASSERT_NE(f.schema, nullptr);
  auto variables = json::Parse(R"({"no": true})");
  FieldCollector collector(*f.schema, f.fragments, *variables);
  FieldCollection root = collector.Collect(*f.schema->query_type(), f.operation->selection_set);
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(Keys(root), "c:3 a:1 obj:1 s:1 ");  // n skipped, s included
  FieldCollection sub = collector.CollectSubfields(*f.schema->type("Obj"), root.fields[2].nodes);
  EXPECT_EQ(Keys(sub), "x:1 ");
}

TEST(CollectFieldsTest, AbstractTypeConditions) {
  Fixture f(R"({ pets { ... on Pet { name } ... on Dog { barks } ... on Cat { lives } } })");
  ASSERT_NE(f.schema, nullptr);
  json::Value variables = json::Value::MakeObject();
  FieldCollector collector(*f.schema, f.fragments, variables);
  FieldCollection root = collector.Collect(*f.schema->query_type(), f.operation->selection_set);
  ASSERT_EQ(root.fields.size(), 1u);
  EXPECT_EQ(Keys(collector.CollectSubfields(*f.schema->type("Dog"), root.fields[0].nodes)), "name:1 barks:1 ");
  EXPECT_EQ(Keys(collector.CollectSubfields(*f.schema->type("Cat"), root.fields[0].nodes)), "name:1 lives:1 ");
}

TEST(CollectFieldsTest, DirectiveArgumentErrorIsReported) {
  Fixture f(R"(query ($v: Boolean) { c @skip(if: $v) })");
  ASSERT_NE(f.schema, nullptr);
  json::Value variables = json::Value::MakeObject();
  variables.push("v", json::Value());
  FieldCollector collector(*f.schema, f.fragments, variables);
  FieldCollection root = collector.Collect(*f.schema->query_type(), f.operation->selection_set);
  ASSERT_FALSE(root.ok());
  EXPECT_EQ(root.error->message, "Argument \"if\" of non-null type \"Boolean!\" must not be null.");
}

}  // namespace
}  // namespace railgun::execute
