// Query depth / complexity: the model on a small connection-shaped schema, and the limits read from settings.
#include "security/limits.h"

#include <gtest/gtest.h>

#include "json/parse.h"
#include "json/writer.h"
#include "language/parser.h"
#include "models/settings.h"
#include "schema/builder.h"
#include "validation/validate.h"

namespace railgun::security {
namespace {

constexpr const char* kSdl = R"(
type Query {
  posts(first: Int, last: Int, after: String): PostConnection!
  post(id: ID!): Post
  tags(first: Int): [Tag!]!
  search: [Node!]!
}
interface Node { id: ID! }
type PostConnection { totalCount: Int! edges: [PostEdge!]! }
type PostEdge { node: Post! cursor: String! }
type Post implements Node { id: ID! title: String! comments(first: Int): CommentConnection! author: Author }
type Author implements Node { id: ID! name: String! posts(first: Int): PostConnection! }
type CommentConnection { edges: [CommentEdge!]! }
type CommentEdge { node: Comment! }
type Comment { id: ID! body: String! }
type Tag { name: String! }
type Mutation { touch(id: ID!): Post }
)";

const schema::Schema& Schema() {
  static auto result = schema::BuildSchema(kSdl);
  EXPECT_TRUE(result.ok());
  return *result.schema;
}

// page = 1: every requested row multiplies (the arithmetic below); page 20 is the default.
QueryCost Cost(const std::string& query, const std::string& variables = "null", int64_t page = 1) {
  static std::vector<std::unique_ptr<language::ParseResult>> keep;  // the document outlives the analysis
  auto parsed = std::make_unique<language::ParseResult>(language::Parse(query));
  EXPECT_TRUE(parsed->ok()) << query;
  auto errors = validation::Validate(Schema(), parsed->document);
  EXPECT_TRUE(errors.empty()) << query << ": " << (errors.empty() ? "" : errors[0].message);
  auto vars = json::Parse(variables);
  EXPECT_TRUE(vars.ok());
  const language::OperationDefinition* op = SelectOperation(parsed->document, std::nullopt);
  EXPECT_NE(op, nullptr);
  QueryCost cost = AnalyzeOperation(Schema(), parsed->document, *op, *vars, page);
  keep.push_back(std::move(parsed));
  return cost;
}

TEST(QueryLimits, LeafFieldsCostOneEach) {
  auto c = Cost("{ post(id: 1) { id title } }");
  EXPECT_EQ(c.depth, 2);
  EXPECT_EQ(c.complexity, 3);
}

TEST(QueryLimits, ConnectionMultipliesItsSubtreeByFirst) {
  // posts: 1 + 5 * (totalCount 1 + edges (1 + node (1 + id 1 + title 1))) = 1 + 5 * 5
  auto c = Cost("{ posts(first: 5) { totalCount edges { node { id title } } } }");
  EXPECT_EQ(c.depth, 2);  // edges / node are Relay plumbing: id sits one level under posts
  EXPECT_EQ(c.complexity, 26);
  EXPECT_EQ(Cost("{ posts(last: 3) { totalCount } }").complexity, 1 + 3 * 1);
  EXPECT_EQ(Cost("{ posts(first: 2, last: 7) { totalCount } }").complexity, 1 + 7);
}

TEST(QueryLimits, NothingMultipliesWithoutFirstOrLast) {
  EXPECT_EQ(Cost("{ posts { totalCount } }").complexity, 1 + 1);
  EXPECT_EQ(Cost("{ posts { edges { node { id comments { edges { node { body } } } } } } }").complexity, 8);
}

TEST(QueryLimits, PagesOfPageSizeRowsMultiply) {
  // first 20 = one page of 20, 21 = two, 1000 = fifty.
  EXPECT_EQ(Cost("{ posts(first: 20) { totalCount } }", "null", 20).complexity, 1 + 1);
  EXPECT_EQ(Cost("{ posts(first: 21) { totalCount } }", "null", 20).complexity, 1 + 2);
  EXPECT_EQ(Cost("{ posts(first: 0) { totalCount } }", "null", 20).complexity, 1);
  auto big = Cost("{ posts(first: 1000) { edges { node { comments(first: 1000) { edges { node { body } } } } } } }",
                  "null", 20);
  // comments = 1 + 50 * 3 = 151; posts = 1 + 50 * (1 + 1 + 151) = 7651
  EXPECT_EQ(big.complexity, 7651);
  // A paginated plain list multiplies too; `edges` (a list without first/last) does not multiply again.
  EXPECT_EQ(Cost("{ tags(first: 4) { name } }").complexity, 1 + 4);
}

TEST(QueryLimits, VariablesAndTheirDefaults) {
  EXPECT_EQ(Cost("query Q($n: Int) { posts(first: $n) { totalCount } }", R"({"n": 9})").complexity, 10);
  EXPECT_EQ(Cost("query Q($n: Int = 4) { posts(first: $n) { totalCount } }").complexity, 5);
  EXPECT_EQ(Cost("query Q($n: Int) { posts(first: $n) { totalCount } }").complexity, 2);  // absent: no multiplier
}

TEST(QueryLimits, NestedConnectionsMultiply) {
  // posts(10) -> edges -> node -> comments(10) -> edges -> node -> body
  auto c = Cost("{ posts(first: 10) { edges { node { comments(first: 10) { edges { node { body } } } } } } }");
  EXPECT_EQ(c.depth, 3);  // posts, comments, body
  // comments = 1 + 10 * (edges 1 + node 1 + body 1) = 31; posts = 1 + 10 * (edges 1 + node 1 + 31) = 331
  EXPECT_EQ(c.complexity, 331);
}

TEST(QueryLimits, FragmentsAndInlineFragmentsAreExpanded) {
  auto direct = Cost("{ post(id: 1) { author { posts(first: 2) { edges { node { id } } } } } }");
  auto spread = Cost(
      "query { post(id: 1) { ...A } } fragment A on Post { author { ...B } } "
      "fragment B on Author { posts(first: 2) { edges { node { id } } } }");
  auto inline_ =
      Cost("{ post(id: 1) { ... on Post { author { ... { posts(first: 2) { edges { node { id } } } } } } } }");
  EXPECT_EQ(direct.depth, 4);  // post, author, posts, id
  EXPECT_EQ(spread.depth, direct.depth);
  EXPECT_EQ(inline_.depth, direct.depth);
  EXPECT_EQ(spread.complexity, direct.complexity);
  EXPECT_EQ(inline_.complexity, direct.complexity);
  // Branches of an abstract type are summed.
  EXPECT_EQ(Cost("{ search { ... on Post { id title } ... on Author { id } } }").complexity, 1 + 3);
}

TEST(QueryLimits, IntrospectionMetaFieldsAreNotCounted) {
  auto c = Cost("{ __typename __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }");
  EXPECT_EQ(c.depth, 0);
  EXPECT_EQ(c.complexity, 0);
  EXPECT_EQ(Cost("{ post(id: 1) { __typename id } }").complexity, 2);
}

TEST(QueryLimits, HugeArgumentsSaturate) {
  auto c = Cost(
      "{ posts(first: 2000000000) { edges { node { comments(first: 2000000000) { edges { node { "
      "body } } } } } } }");
  EXPECT_GT(c.complexity, 1000000000000LL);
  EXPECT_GT(c.complexity, 0);
}

TEST(QueryLimits, CheckReportsLimitActualAndLocation) {
  auto parsed = language::Parse("{\n  posts(first: 50) {\n    edges { node { id } }\n  }\n}");
  ASSERT_TRUE(parsed.ok());
  const auto* op = SelectOperation(parsed.document, std::nullopt);
  ASSERT_NE(op, nullptr);
  QueryCost cost = AnalyzeOperation(Schema(), parsed.document, *op, json::Value(), 1);
  EXPECT_EQ(cost.depth, 2);
  EXPECT_EQ(cost.complexity, 1 + 50 * 3);
  EXPECT_FALSE(CheckLimits(cost, {.max_depth = 2, .max_complexity = 151}, *op));
  EXPECT_FALSE(CheckLimits(cost, {}, *op));  // 0 = unlimited
  auto depth = CheckLimits(cost, {.max_depth = 1, .max_complexity = 0}, *op);
  ASSERT_TRUE(depth);
  EXPECT_EQ(depth->message, "Query depth 2 exceeds the maximum depth of 1.");
  EXPECT_EQ(depth->code, "QUERY_TOO_COMPLEX");
  ASSERT_EQ(depth->locations.size(), 1u);
  EXPECT_EQ(depth->locations[0].line, 3u);  // the deepest field, `id`
  auto complexity = CheckLimits(cost, {.max_depth = 10, .max_complexity = 100}, *op);
  ASSERT_TRUE(complexity);
  EXPECT_EQ(complexity->message, "Query complexity 151 exceeds the maximum complexity of 100.");
  EXPECT_EQ(json::Write(complexity->ToJson()),
            R"({"message":"Query complexity 151 exceeds the maximum complexity of 100.","locations":[{"line":1,)"
            R"("column":1}],"extensions":{"code":"QUERY_TOO_COMPLEX","limit":100,"actual":151}})");
}

TEST(QueryLimits, SelectOperationByName) {
  auto parsed = language::Parse("query A { post(id: 1) { id } } mutation B { touch(id: 1) { id } }");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(SelectOperation(parsed.document, std::nullopt), nullptr);  // ambiguous
  const auto* b = SelectOperation(parsed.document, std::string("B"));
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->operation, language::OperationType::kMutation);
  EXPECT_EQ(SelectOperation(parsed.document, std::string("C")), nullptr);
  EXPECT_EQ(AnalyzeOperation(Schema(), parsed.document, *b, json::Value(), 20).complexity, 2);
}

TEST(QueryLimits, FromSettingsTakesTheStricterNonZero) {
  auto load = [](const std::string& yaml) {
    auto r = models::LoadSettingsText(yaml, "railgun.yaml");
    EXPECT_TRUE(r.ok()) << r.ErrorText();
    return LimitsFromSettings(*r.settings);
  };
  QueryLimits defaults = LimitsFromSettings(models::Settings());
  EXPECT_EQ(defaults.max_depth, 10);
  EXPECT_EQ(defaults.max_complexity, 1000);
  EXPECT_EQ(defaults.page_size, 20);
  QueryLimits l = load(
      "performance_settings: {max_query_depth: 8, max_query_complexity: 0}\n"
      "security_settings: {query_analysis: {max_depth: 12, max_complexity: 300}}\n"
      "query_settings: {default_page_size: 50}\n");
  EXPECT_EQ(l.max_depth, 8);
  EXPECT_EQ(l.max_complexity, 300);
  EXPECT_EQ(l.page_size, 50);
  l = load(
      "performance_settings: {max_query_depth: 0, max_query_complexity: 0}\n"
      "security_settings: {query_analysis: {enabled: false}}\n");
  EXPECT_EQ(l.max_depth, 0);
  EXPECT_EQ(l.max_complexity, 0);
  EXPECT_FALSE(l.enabled());
  l = load(
      "performance_settings: {max_query_depth: 5, max_query_complexity: 50, enable_query_cost_analysis: false}\n"
      "security_settings: {query_analysis: {enabled: false}}\n");
  EXPECT_EQ(l.max_depth, 5);
  EXPECT_EQ(l.max_complexity, 0);
}

}  // namespace
}  // namespace railgun::security
