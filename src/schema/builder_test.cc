// BuildSchema / SchemaBuilder tests: type-map order, root types, directives, extensions and the fields read from
// @deprecated / @specifiedBy / @oneOf. Expected orders were produced by graphql-js 16.9.
#include "schema/builder.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "schema/directives.h"
#include "schema/introspection_types.h"
#include "schema/scalars.h"
#include "schema/type_comparators.h"

namespace railgun::schema {
namespace {

std::string ReadFile(const std::string& relative) {
  std::ifstream in(std::string(RAILGUN_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> Names(const std::vector<const NamedType*>& types) {
  std::vector<std::string> out;
  for (const NamedType* t : types) out.push_back(t->name);
  return out;
}

std::shared_ptr<const Schema> KitchenSink() {
  SchemaResult r = BuildSchema(ReadFile("src/schema/testdata/kitchen_sink.graphql"));
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].message);
  return r.schema;
}

TEST(BuildSchemaTest, TypeMapOrderMatchesGraphqlJs) {
  auto schema = KitchenSink();
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(Names(schema->types()), (std::vector<std::string>{"Date",         "JSON",
                                                              "Node",         "ID",
                                                              "Entity",       "String",
                                                              "Boolean",      "Root",
                                                              "Int",          "Float",
                                                              "Mut",          "User",
                                                              "Post",         "SearchResult",
                                                              "Order",        "Filter",
                                                              "Inner",        "Unused",
                                                              "__Schema",     "__Type",
                                                              "__TypeKind",   "__Field",
                                                              "__InputValue", "__EnumValue",
                                                              "__Directive",  "__DirectiveLocation"}));
  std::vector<std::string> directives;
  for (const DirectiveDef* d : schema->directives()) directives.push_back(d->name);
  EXPECT_EQ(directives,
            (std::vector<std::string>{"custom", "noargs", "include", "skip", "deprecated", "specifiedBy", "oneOf"}));
}

TEST(BuildSchemaTest, RootTypesAndLookups) {
  auto schema = KitchenSink();
  ASSERT_NE(schema, nullptr);
  ASSERT_NE(schema->query_type(), nullptr);
  EXPECT_EQ(schema->query_type()->name, "Root");
  EXPECT_EQ(schema->mutation_type()->name, "Mut");
  EXPECT_EQ(schema->subscription_type(), nullptr);
  EXPECT_EQ(schema->description(), "The schema");
  EXPECT_EQ(schema->type("Int"), IntScalar());
  EXPECT_EQ(schema->type("__Type"), IntrospectionType("__Type"));
  EXPECT_EQ(schema->type("Nope"), nullptr);
  EXPECT_EQ(schema->directive("skip"), SkipDirective());
  ASSERT_NE(schema->directive("custom"), nullptr);
  EXPECT_TRUE(schema->directive("custom")->repeatable);
  EXPECT_EQ(schema->directive("custom")->description, "Multi-line\n  description");
}

TEST(BuildSchemaTest, UnusedBuiltinScalarsAreAbsentButAccessible) {
  SchemaResult r = BuildSchema("type Query { a: String }");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Names(r.schema->types()),
            (std::vector<std::string>{"Query", "String", "Boolean", "__Schema", "__Type", "__TypeKind", "__Field",
                                      "__InputValue", "__EnumValue", "__Directive", "__DirectiveLocation"}));
  EXPECT_EQ(r.schema->type("Float"), nullptr);
  EXPECT_EQ(r.schema->float_type()->name, "Float");
}

TEST(BuildSchemaTest, DirectivesReadIntoTheTypeSystem) {
  auto schema = KitchenSink();
  ASSERT_NE(schema, nullptr);
  const NamedType* root = schema->type("Root");
  const Field* search = root->field("search");
  ASSERT_NE(search, nullptr);
  EXPECT_TRUE(search->deprecation.deprecated);
  EXPECT_EQ(search->deprecation.reason, "use find");
  EXPECT_EQ(search->description, "search things");
  EXPECT_EQ(search->type.ToString(), "[SearchResult!]!");
  EXPECT_EQ(search->arg("term")->description, "the term");
  EXPECT_EQ(root->field("old")->deprecation.reason, "No longer supported");
  EXPECT_FALSE(root->field("node")->deprecation.deprecated);

  const NamedType* order = schema->type("Order");
  EXPECT_EQ(order->enum_value("DESC")->deprecation.reason, "");
  EXPECT_TRUE(order->enum_value("DESC")->deprecation.deprecated);
  ASSERT_NE(order->enum_value("RANDOM"), nullptr);  // from `extend enum`
  EXPECT_EQ(order->enum_value("OTHER")->directives.size(), 2u);

  EXPECT_EQ(schema->type("Date")->specified_by_url, "https://example.com/date");
  EXPECT_EQ(schema->type("JSON")->specified_by_url, std::nullopt);
  EXPECT_TRUE(schema->type("Inner")->one_of);
  EXPECT_FALSE(schema->type("Filter")->one_of);
  EXPECT_EQ(schema->type("Filter")->input_field("old")->deprecation.reason, "gone");
  EXPECT_EQ(schema->type("Post")->fields.back().name, "body");  // from `extend type`
  EXPECT_EQ(schema->type("User")->directives.size(), 1u);
}

TEST(BuildSchemaTest, PossibleTypesAndImplementations) {
  auto schema = KitchenSink();
  ASSERT_NE(schema, nullptr);
  const NamedType* node = schema->type("Node");
  const NamedType* entity = schema->type("Entity");
  const NamedType* user = schema->type("User");
  const NamedType* post = schema->type("Post");
  const NamedType* result = schema->type("SearchResult");
  EXPECT_EQ(Names(schema->possible_types(node)), (std::vector<std::string>{"User", "Post"}));
  EXPECT_EQ(Names(schema->implementations(node)), (std::vector<std::string>{"Entity", "User", "Post"}));
  EXPECT_EQ(Names(schema->possible_types(result)), (std::vector<std::string>{"User", "Post"}));
  EXPECT_TRUE(schema->is_possible_type(node, post));
  EXPECT_FALSE(schema->is_possible_type(entity, post));
  EXPECT_TRUE(schema->is_sub_type(node, entity));
  EXPECT_FALSE(schema->is_sub_type(entity, node));

  EXPECT_TRUE(DoTypesOverlap(*schema, node, result));
  EXPECT_TRUE(DoTypesOverlap(*schema, entity, user));
  EXPECT_FALSE(DoTypesOverlap(*schema, entity, post));
  EXPECT_TRUE(IsTypeSubTypeOf(*schema, NonNull(Named(user)), Named(node)));
  EXPECT_TRUE(IsTypeSubTypeOf(*schema, NonNull(ListOf(NonNull(Named(user)))), ListOf(Named(entity))));
  EXPECT_FALSE(IsTypeSubTypeOf(*schema, Named(user), NonNull(Named(node))));
  EXPECT_FALSE(IsTypeSubTypeOf(*schema, ListOf(Named(user)), Named(node)));
  EXPECT_TRUE(IsEqualType(ListOf(Named(user)), ListOf(Named(user))));
  EXPECT_FALSE(IsEqualType(ListOf(Named(user)), NonNull(ListOf(Named(user)))));
}

TEST(BuildSchemaTest, TypeFromAst) {
  auto schema = KitchenSink();
  ASSERT_NE(schema, nullptr);
  auto inner = std::make_shared<language::TypeRef>();
  inner->name.value = "User";
  auto nn = std::make_shared<language::TypeRef>();
  nn->kind = language::TypeRef::Kind::kNonNull;
  nn->of = inner;
  language::TypeRef list;
  list.kind = language::TypeRef::Kind::kList;
  list.of = nn;
  auto t = TypeFromAst(*schema, list);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->ToString(), "[User!]");
  inner->name.value = "Missing";
  EXPECT_FALSE(TypeFromAst(*schema, list).has_value());
}

TEST(BuildSchemaTest, DefaultRootNamesAndEmptyDocument) {
  SchemaResult r = BuildSchema("type Mutation { a: Int }\ntype Query { b: Int }\ntype Subscription { c: Int }");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.schema->query_type()->name, "Query");
  EXPECT_EQ(r.schema->mutation_type()->name, "Mutation");
  EXPECT_EQ(r.schema->subscription_type()->name, "Subscription");

  EXPECT_EQ(BuildSchema("").errors.at(0).message, "Syntax Error: Unexpected <EOF>.");
  SchemaResult empty = BuildAstSchema(language::Document{});  // graphql-js: no types, specified directives
  ASSERT_NE(empty.schema, nullptr);
  EXPECT_EQ(empty.schema->directives().size(), SpecifiedDirectives().size());
  ASSERT_EQ(empty.errors.size(), 1u);
  EXPECT_EQ(empty.errors[0].message, "Query root type must be provided.");
}

TEST(BuildSchemaTest, SyntaxErrorsAreReturned) {
  SchemaResult r = BuildSchema("type Query {");
  EXPECT_EQ(r.schema, nullptr);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message, "Syntax Error: Expected Name, found <EOF>.");
}

TEST(BuildSchemaTest, InvalidDirectiveArgumentValue) {
  SchemaResult r = BuildSchema("type Query { a: Int @deprecated(reason: 1) }");
  EXPECT_EQ(r.schema, nullptr);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message, "Argument \"reason\" has invalid value 1.");
}

TEST(SchemaBuilderTest, TypeMapOrderLikeGraphQLSchemaConstructor) {
  // graphql-js: new GraphQLSchema({types: [B, A], query: Q}) -> B, A, C, Float, D, ID, Q, String, Boolean, ...
  SchemaBuilder b;
  NamedType* type_b = b.AddType(TypeKind::kObject, "B");
  NamedType* type_a = b.AddType(TypeKind::kObject, "A");
  NamedType* c = b.CreateType(TypeKind::kObject, "C");
  NamedType* d = b.CreateType(TypeKind::kEnum, "D");
  NamedType* q = b.CreateType(TypeKind::kObject, "Q");
  b.CreateType(TypeKind::kObject, "Unreachable");
  EXPECT_EQ(b.AddType(TypeKind::kScalar, "String"), nullptr);
  EXPECT_EQ(b.type("String"), StringScalar());
  EXPECT_EQ(b.mutable_type("C"), c);
  c->fields.push_back(Field{"x", std::nullopt, {}, Named(b.type("Float")), {}, {}});
  d->enum_values.push_back(EnumValue{"X", std::nullopt, {}, {}});
  Field a_d{"d", std::nullopt, {}, Named(d), {}, {}};
  a_d.args.push_back(InputValue{"i", std::nullopt, Named(b.type("ID")), std::nullopt, {}, {}});
  type_a->fields = {Field{"b", std::nullopt, {}, ListOf(Named(c)), {}, {}}, a_d};
  type_b->fields.push_back(Field{"a", std::nullopt, {}, Named(type_a), {}, {}});
  q->fields.push_back(Field{"b", std::nullopt, {}, Named(type_b), {}, {}});
  q->fields.push_back(Field{"s", std::nullopt, {}, Named(b.type("String")), {}, {}});
  b.SetQueryType(q);
  SchemaResult r = b.Finish();
  ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].message);
  EXPECT_EQ(Names(r.schema->types()),
            (std::vector<std::string>{"B", "A", "C", "Float", "D", "ID", "Q", "String", "Boolean", "__Schema", "__Type",
                                      "__TypeKind", "__Field", "__InputValue", "__EnumValue", "__Directive",
                                      "__DirectiveLocation"}));
  EXPECT_EQ(r.schema->type("Unreachable"), nullptr);
  EXPECT_EQ(r.schema->directives().size(), SpecifiedDirectives().size());
}

TEST(SchemaBuilderTest, DuplicateNamesAndValidationErrors) {
  SchemaBuilder b;
  NamedType* q = b.AddType(TypeKind::kObject, "Query");
  NamedType* x1 = b.AddType(TypeKind::kObject, "X");
  b.AddType(TypeKind::kObject, "X");
  q->fields.push_back(Field{"x", std::nullopt, {}, Named(x1), {}, {}});
  b.SetQueryType(q);
  SchemaResult r = b.Finish();
  EXPECT_EQ(r.schema, nullptr);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message, "Schema must contain uniquely named types but contains multiple types named \"X\".");

  SchemaBuilder v;
  NamedType* query = v.AddType(TypeKind::kObject, "Query");
  v.SetQueryType(query);
  DirectiveDef* dir = v.AddDirective("skip");  // overrides the specified @skip
  dir->locations = {DirectiveLocation::kField};
  SchemaResult vr = v.Finish();
  ASSERT_NE(vr.schema, nullptr);
  ASSERT_EQ(vr.errors.size(), 1u);
  EXPECT_EQ(vr.errors[0].message, "Type Query must define one or more fields.");
  EXPECT_EQ(vr.schema->directive("skip"), dir);
  EXPECT_EQ(vr.schema->directives().size(), SpecifiedDirectives().size());
}

TEST(SchemaTest, TypeRefAndDirectiveLocations) {
  TypeRef t = NonNull(ListOf(NonNull(Named(StringScalar()))));
  EXPECT_EQ(t.ToString(), "[String!]!");
  EXPECT_TRUE(t.is_non_null());
  EXPECT_EQ(t.of_type().ToString(), "[String!]");
  EXPECT_EQ(t.nullable().of_type().ToString(), "String!");
  EXPECT_EQ(DirectiveLocationName(DirectiveLocation::kInputFieldDefinition), "INPUT_FIELD_DEFINITION");
  EXPECT_EQ(DirectiveLocationName(DirectiveLocation::kQuery), "QUERY");
  EXPECT_EQ(ParseDirectiveLocation("VARIABLE_DEFINITION"), DirectiveLocation::kVariableDefinition);
  EXPECT_EQ(ParseDirectiveLocation("NOPE"), std::nullopt);
}

TEST(IntrospectionTypesTest, MetaFields) {
  EXPECT_EQ(SchemaMetaField().type.ToString(), "__Schema!");
  EXPECT_EQ(TypeMetaField().type.ToString(), "__Type");
  ASSERT_EQ(TypeMetaField().args.size(), 1u);
  EXPECT_EQ(TypeMetaField().args[0].type.ToString(), "String!");
  EXPECT_EQ(TypeNameMetaField().description, "The name of the current Object type at runtime.");
  EXPECT_EQ(IntrospectionTypes().size(), 8u);
  EXPECT_EQ(IntrospectionType("__Type")->field("fields")->type.ToString(), "[__Field!]");
  EXPECT_TRUE(IsIntrospectionType(IntrospectionType("__EnumValue")));
}

}  // namespace
}  // namespace railgun::schema
