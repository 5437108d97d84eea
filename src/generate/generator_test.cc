// Tests of the schema generator: every example's schema is valid and matches its SDL snapshot
// (tests/cases/schema/<example>.graphql; RAILGUN_UPDATE_SNAPSHOTS=1 rewrites them), bindings, filter bindings,
// ResolvePath and naming rules.
#include "generate/generator.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "generate/names.h"
#include "models/loader.h"
#include "schema/builder.h"
#include "schema/print_schema.h"
#include "schema/scalars.h"
#include "schema/validate_schema.h"

namespace railgun::generate {
namespace {

const std::vector<std::string>& Examples() {
  static const std::vector<std::string> v = {"blog", "ecommerce", "saas", "cms", "social", "analytics"};
  return v;
}

std::string Root() { return RAILGUN_SOURCE_DIR; }

models::Project LoadExample(const std::string& name) {
  StatusOr<models::Project> p = models::LoadProject({Root() + "/examples/" + name + "/models.yaml"});
  EXPECT_TRUE(p.ok()) << p.status().message();
  return std::move(p).value();
}

models::Project LoadText(const std::string& text) {
  models::LoadResult r = models::LoadModelSources({{"test.yaml", text}});
  EXPECT_TRUE(r.ok()) << r.ErrorText();
  return std::move(*r.project);
}

std::unique_ptr<GeneratedSchema> Gen(const models::Project& p, const GenerateOptions& o = {}) {
  StatusOr<std::unique_ptr<GeneratedSchema>> g = Generate(p, o);
  EXPECT_TRUE(g.ok()) << g.status().message();
  return g.ok() ? std::move(g).value() : nullptr;
}

std::string ReadFileOrEmpty(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string FieldType(const schema::Schema& s, std::string_view type, std::string_view field) {
  const schema::NamedType* t = s.type(type);
  if (!t) return "<no type " + std::string(type) + ">";
  if (const schema::Field* f = t->field(field)) return f->type.ToString();
  if (const schema::InputValue* v = t->input_field(field)) return v->type.ToString();
  return "<no field " + std::string(field) + ">";
}

// --- names ---

TEST(Names, CamelCaseIsGraphenes) {
  EXPECT_EQ(ToCamelCase("created_at"), "createdAt");
  EXPECT_EQ(ToCamelCase("name__icontains"), "name_Icontains");
  EXPECT_EQ(ToCamelCase("category__name__icontains"), "category_Name_Icontains");
  EXPECT_EQ(ToCamelCase("created_at__week_day"), "createdAt_WeekDay");
  EXPECT_EQ(ToCamelCase("name"), "name");
  EXPECT_EQ(ToCamelCase("utm_URL"), "utmUrl");  // str.capitalize lower-cases the rest
}

TEST(Names, SnakeAndPascal) {
  EXPECT_EQ(ToSnakeCase("ProductAttribute"), "product_attribute");
  EXPECT_EQ(ToSnakeCase("ABTest"), "ab_test");
  EXPECT_EQ(ToSnakeCase("ABTestAssignment"), "ab_test_assignment");
  EXPECT_EQ(ToSnakeCase("Post"), "post");
  EXPECT_EQ(ToPascalCase("saas"), "Saas");
  EXPECT_EQ(ToPascalCase("my_app"), "MyApp");
}

TEST(Names, Pluralize) {
  EXPECT_EQ(Pluralize("category"), "categories");
  EXPECT_EQ(Pluralize("address"), "addresses");
  EXPECT_EQ(Pluralize("post"), "posts");
  EXPECT_EQ(Pluralize("day"), "days");
  EXPECT_EQ(Pluralize("box"), "boxes");
  EXPECT_EQ(Pluralize("match"), "matches");
  EXPECT_EQ(Pluralize("story"), "stories");
  EXPECT_EQ(Pluralize("media"), "medias");
}

// --- every example ---

class ExampleSchema : public ::testing::TestWithParam<std::string> {};

TEST_P(ExampleSchema, ValidAndMatchesSnapshot) {
  models::Project project = LoadExample(GetParam());
  std::unique_ptr<GeneratedSchema> g = Gen(project);
  ASSERT_NE(g, nullptr);
  EXPECT_TRUE(schema::ValidateSchema(g->schema()).empty());
  std::string sdl = schema::PrintSchema(g->schema());
  // The printed SDL builds again into a valid schema.
  schema::SchemaResult rebuilt = schema::BuildSchema(sdl);
  EXPECT_TRUE(rebuilt.ok()) << (rebuilt.errors.empty() ? "" : rebuilt.errors[0].message);
  std::string path = Root() + "/tests/cases/schema/" + GetParam() + ".graphql";
  const char* update = std::getenv("RAILGUN_UPDATE_SNAPSHOTS");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << sdl << "\n";
    return;
  }
  std::string expected = ReadFileOrEmpty(path);
  ASSERT_FALSE(expected.empty()) << "missing snapshot " << path << " (run with RAILGUN_UPDATE_SNAPSHOTS=1)";
  EXPECT_EQ(sdl + "\n", expected) << "snapshot " << path << " differs (RAILGUN_UPDATE_SNAPSHOTS=1 rewrites it)";
}

TEST_P(ExampleSchema, EveryObjectFieldOfAModelTypeHasABinding) {
  models::Project project = LoadExample(GetParam());
  std::unique_ptr<GeneratedSchema> g = Gen(project);
  ASSERT_NE(g, nullptr);
  int model_types = 0;
  for (const schema::NamedType* t : g->schema().types()) {
    if (t->name.starts_with("__") || t->kind != schema::TypeKind::kObject || t->name == "MutationError") continue;
    if (g->model_of(t)) ++model_types;
    for (const schema::Field& f : t->fields) EXPECT_NE(g->binding(t, f.name), nullptr) << t->name << "." << f.name;
  }
  EXPECT_EQ(model_types, static_cast<int>(project.models().size()));
  int input_types = 0;
  for (const schema::NamedType* t : g->schema().types()) {
    if (t->kind != schema::TypeKind::kInputObject || t->name.ends_with("FilterInput")) continue;
    const InputTypeBinding* itb = g->input_type(t);
    ASSERT_NE(itb, nullptr) << t->name;
    ++input_types;
    for (const schema::InputValue& v : t->input_fields)
      EXPECT_TRUE(itb->fields.count(v.name)) << t->name << "." << v.name;
  }
  EXPECT_GE(input_types, 3 * static_cast<int>(project.models().size()));
  for (const models::Model* m : project.models()) {
    const schema::NamedType* t = g->type_of(m);
    ASSERT_NE(t, nullptr) << m->label();
    EXPECT_EQ(g->model_of(t), m);
    const schema::NamedType* filter = g->schema().type(t->name.substr(0, t->name.size() - 4) + "FilterInput");
    ASSERT_NE(filter, nullptr);
    const FilterInputBinding* fib = g->filter_input(filter);
    ASSERT_NE(fib, nullptr);
    EXPECT_EQ(fib->model, m);
    for (const schema::InputValue& v : filter->input_fields) EXPECT_TRUE(fib->fields.count(v.name)) << v.name;
  }
}

INSTANTIATE_TEST_SUITE_P(Examples, ExampleSchema, ::testing::ValuesIn(Examples()),
                         [](const auto& info) { return info.param; });

// --- shapes and bindings (ecommerce) ---

class Ecommerce : public ::testing::Test {
 protected:
  void SetUp() override {
    project_ = LoadExample("ecommerce");
    g_ = Gen(project_);
    ASSERT_NE(g_, nullptr);
    product_ = project_.FindModel("ecommerce.Product");
    ASSERT_NE(product_, nullptr);
  }
  const schema::Schema& S() { return g_->schema(); }
  models::Project project_;
  std::unique_ptr<GeneratedSchema> g_;
  const models::Model* product_ = nullptr;
};

TEST_F(Ecommerce, ObjectTypeFields) {
  EXPECT_EQ(FieldType(S(), "ProductType", "id"), "ID!");
  EXPECT_EQ(FieldType(S(), "ProductType", "pk"), "ID!");
  EXPECT_EQ(FieldType(S(), "ProductType", "name"), "String!");
  EXPECT_EQ(FieldType(S(), "ProductType", "price"), "Decimal!");
  EXPECT_EQ(FieldType(S(), "ProductType", "salePrice"), "Decimal");
  EXPECT_EQ(FieldType(S(), "ProductType", "productType"), "String!");
  EXPECT_EQ(FieldType(S(), "ProductType", "productTypeDisplay"), "String");
  EXPECT_EQ(FieldType(S(), "ProductType", "category"), "CategoryType");
  EXPECT_EQ(FieldType(S(), "ProductType", "store"), "StoreType!");
  EXPECT_EQ(FieldType(S(), "ProductType", "createdAt"), "DateTime!");
  EXPECT_EQ(FieldType(S(), "ProductType", "effectivePrice"), "Decimal");
  EXPECT_EQ(FieldType(S(), "ProductType", "isInStock"), "Boolean!");
  EXPECT_EQ(FieldType(S(), "ProductType", "images"), "ProductImageConnection!");
  EXPECT_EQ(FieldType(S(), "ProductType", "imagesCount"), "Int!");
  EXPECT_EQ(FieldType(S(), "OrderType", "billingAddress"), "JSON!");
  EXPECT_EQ(FieldType(S(), "UserType", "customerProfile"), "CustomerType");
  EXPECT_EQ(FieldType(S(), "UserType", "password"), "<no field password>");
  EXPECT_EQ(FieldType(S(), "ReviewType", "rating"), "Int!");
  EXPECT_EQ(FieldType(S(), "CategoryType", "image"), "String");
  const schema::Field* images = S().type("ProductType")->field("images");
  ASSERT_NE(images, nullptr);
  std::vector<std::string> args;
  for (const auto& a : images->args) args.push_back(a.name + ": " + a.type.ToString());
  EXPECT_EQ(args, (std::vector<std::string>{"filters: ProductImageFilterInput", "orderBy: [String!]", "first: Int",
                                            "after: String", "last: Int", "before: String", "offset: Int"}));
  const schema::Field* description = S().type("AddressType")->field("country");
  ASSERT_TRUE(description && description->description);
  EXPECT_EQ(*description->description, "ISO 3166-1 alpha-2 code");
  const schema::Field* status = S().type("OrderType")->field("status");
  ASSERT_TRUE(status && status->description);
  EXPECT_NE(status->description->find("`pending` (Pending)"), std::string::npos);
}

TEST_F(Ecommerce, Bindings) {
  const schema::NamedType* t = S().type("ProductType");
  ASSERT_NE(t, nullptr);
  const FieldBinding* b = g_->binding(t, "salePrice");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->role, FieldRole::kColumn);
  EXPECT_EQ(b->field, product_->FindField("sale_price"));
  EXPECT_EQ(b->model, product_);
  b = g_->binding(t, "pk");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->role, FieldRole::kPk);
  EXPECT_EQ(b->field, product_->pk());
  b = g_->binding(t, "category");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->role, FieldRole::kForwardRelation);
  EXPECT_EQ(b->target, project_.FindModel("ecommerce.Category"));
  b = g_->binding(t, "images");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->role, FieldRole::kToManyConnection);
  ASSERT_NE(b->reverse, nullptr);
  EXPECT_EQ(b->reverse->accessor_name, "images");
  EXPECT_EQ(b->target, project_.FindModel("ecommerce.ProductImage"));
  b = g_->binding(t, "imagesCount");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->role, FieldRole::kRelationCount);
  b = g_->binding(t, "productTypeDisplay");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->role, FieldRole::kChoiceDisplay);
  EXPECT_EQ(b->field, product_->FindField("product_type"));
  b = g_->binding(t, "effectivePrice");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->role, FieldRole::kComputed);
  ASSERT_NE(b->computed, nullptr);
  EXPECT_EQ(b->computed->name, "effective_price");
  EXPECT_EQ(g_->binding(t, "__typename"), nullptr);
  const schema::NamedType* user = S().type("UserType");
  b = g_->binding(user, "customerProfile");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->role, FieldRole::kReverseOneToOne);

  b = g_->binding(S().query_type(), "product");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->role, FieldRole::kRootSingle);
  EXPECT_EQ(b->target, product_);
  b = g_->binding(S().query_type(), "products");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->role, FieldRole::kRootConnection);
  EXPECT_NE(g_->binding(S().query_type(), "addresses"), nullptr);
  EXPECT_NE(g_->binding(S().query_type(), "categories"), nullptr);
  b = g_->binding(S().type("ProductConnection"), "totalCount");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->role, FieldRole::kConnectionTotalCount);
  b = g_->binding(S().type("ProductEdge"), "node");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->role, FieldRole::kEdgeNode);
  b = g_->binding(S().type("PageInfo"), "hasNextPage");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->role, FieldRole::kPageInfoHasNextPage);
  b = g_->binding(S().mutation_type(), "bulkUpdateProduct");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->role, FieldRole::kBulkUpdate);
  b = g_->binding(S().type("CreateProductPayload"), "product");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->role, FieldRole::kPayloadObject);
  b = g_->binding(S().type("BulkCreateProductPayload"), "products");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->role, FieldRole::kPayloadObjects);
}

TEST_F(Ecommerce, RootArguments) {
  const schema::Field* store = S().query_type()->field("store");
  ASSERT_NE(store, nullptr);
  std::vector<std::string> args;
  for (const auto& a : store->args) args.push_back(a.name + ": " + a.type.ToString());
  EXPECT_EQ(args, (std::vector<std::string>{"id: ID", "slug: String"}));
  EXPECT_EQ(S().query_type()->field("products")->type.ToString(), "ProductConnection!");
  EXPECT_EQ(FieldType(S(), "ProductConnection", "edges"), "[ProductEdge!]!");
  EXPECT_EQ(FieldType(S(), "ProductConnection", "pageInfo"), "PageInfo!");
  EXPECT_EQ(FieldType(S(), "ProductEdge", "cursor"), "String!");
  EXPECT_EQ(FieldType(S(), "PageInfo", "endCursor"), "String");
}

TEST_F(Ecommerce, FilterInput) {
  const schema::NamedType* f = S().type("ProductFilterInput");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(FieldType(S(), "ProductFilterInput", "name"), "String");
  EXPECT_EQ(FieldType(S(), "ProductFilterInput", "name_Icontains"), "String");
  EXPECT_EQ(FieldType(S(), "ProductFilterInput", "price_Range"), "[Decimal!]");
  EXPECT_EQ(FieldType(S(), "ProductFilterInput", "price_Gte"), "Decimal");
  EXPECT_EQ(FieldType(S(), "ProductFilterInput", "productType_In"), "[String!]");
  EXPECT_EQ(FieldType(S(), "ProductFilterInput", "salePrice_Isnull"), "Boolean");
  EXPECT_EQ(FieldType(S(), "ProductFilterInput", "category"), "ID");
  EXPECT_EQ(FieldType(S(), "ProductFilterInput", "createdAt_Gte"), "DateTime");
  EXPECT_EQ(FieldType(S(), "ProductFilterInput", "isInStock"), "Boolean");
  EXPECT_EQ(FieldType(S(), "ProductFilterInput", "search"), "String");
  EXPECT_EQ(FieldType(S(), "ProductFilterInput", "AND"), "[ProductFilterInput!]");
  EXPECT_EQ(FieldType(S(), "ProductFilterInput", "NOT"), "ProductFilterInput");
  // Default lookups (no filter_fields): ProductImage.
  EXPECT_EQ(FieldType(S(), "ProductImageFilterInput", "isPrimary"), "Boolean");
  EXPECT_EQ(FieldType(S(), "ProductImageFilterInput", "altText_Istartswith"), "String");
  EXPECT_EQ(FieldType(S(), "ProductImageFilterInput", "sortOrder_Range"), "[Int!]");
  EXPECT_EQ(FieldType(S(), "ProductImageFilterInput", "product_In"), "[ID!]");
  EXPECT_EQ(FieldType(S(), "ProductImageFilterInput", "id_In"), "[ID!]");

  const FilterInputBinding* fib = g_->filter_input(f);
  ASSERT_NE(fib, nullptr);
  const FilterBinding& name = fib->fields.at("name_Icontains");
  EXPECT_EQ(name.kind, FilterBinding::Kind::kLookup);
  EXPECT_EQ(name.lookup, "icontains");
  EXPECT_EQ(name.path.field, product_->FindField("name"));
  EXPECT_TRUE(name.path.steps.empty());
  const FilterBinding& category = fib->fields.at("category");
  EXPECT_EQ(category.lookup, "exact");
  ASSERT_EQ(category.path.steps.size(), 1u);
  EXPECT_EQ(category.path.steps[0].forward, product_->FindField("category"));
  EXPECT_EQ(category.path.field, project_.FindModel("ecommerce.Category")->pk());
  const FilterBinding& in_stock = fib->fields.at("isInStock");
  ASSERT_NE(in_stock.path.computed, nullptr);
  EXPECT_EQ(in_stock.path.computed->name, "is_in_stock");
  const FilterBinding& search = fib->fields.at("search");
  EXPECT_EQ(search.kind, FilterBinding::Kind::kSearch);
  ASSERT_EQ(search.search_fields.size(), 3u);
  EXPECT_EQ(search.search_fields[1]->name, "sku");
  EXPECT_EQ(fib->fields.at("OR").kind, FilterBinding::Kind::kOr);
}

TEST_F(Ecommerce, MutationShapes) {
  const schema::Field* create = S().mutation_type()->field("createProduct");
  ASSERT_NE(create, nullptr);
  EXPECT_EQ(create->type.ToString(), "CreateProductPayload!");
  EXPECT_EQ(create->args.at(0).type.ToString(), "CreateProductInput!");
  EXPECT_EQ(S().mutation_type()->field("updateProduct")->args.at(0).type.ToString(), "ID");
  EXPECT_EQ(S().mutation_type()->field("deleteProduct")->args.at(0).type.ToString(), "ID!");
  EXPECT_EQ(S().mutation_type()->field("bulkCreateProduct")->args.at(0).type.ToString(), "[CreateProductInput!]!");
  EXPECT_EQ(S().mutation_type()->field("bulkUpdateProduct")->args.at(0).type.ToString(), "[BulkUpdateProductInput!]!");
  EXPECT_EQ(S().mutation_type()->field("bulkDeleteProduct")->args.at(0).type.ToString(), "[ID!]!");
  EXPECT_EQ(FieldType(S(), "CreateProductInput", "name"), "String!");
  EXPECT_EQ(FieldType(S(), "CreateProductInput", "description"), "String");              // blank
  EXPECT_EQ(FieldType(S(), "CreateProductInput", "productType"), "String");              // has a default
  EXPECT_EQ(FieldType(S(), "CreateProductInput", "createdAt"), "<no field createdAt>");  // auto_now_add
  EXPECT_EQ(FieldType(S(), "CreateProductInput", "category"), "CategoryRelationInput");
  EXPECT_EQ(FieldType(S(), "CreateProductInput", "categoryId"), "ID");
  EXPECT_EQ(FieldType(S(), "CreateProductInput", "images"), "[ProductImageRelationInput!]");
  EXPECT_EQ(FieldType(S(), "CreateOrderInput", "items"), "[OrderItemRelationInput!]");
  EXPECT_EQ(FieldType(S(), "UpdateOrderInput", "itemsReplace"), "Boolean");
  EXPECT_EQ(FieldType(S(), "UpdateProductInput", "name"), "String");
  EXPECT_EQ(FieldType(S(), "UpdateProductInput", "id"), "ID");
  EXPECT_EQ(FieldType(S(), "BulkUpdateProductInput", "id"), "ID!");
  EXPECT_EQ(FieldType(S(), "CategoryImageFieldDoesNotExist", "x"), "<no type CategoryImageFieldDoesNotExist>");
  EXPECT_EQ(FieldType(S(), "CreateCategoryInput", "image"), "Upload");
  EXPECT_EQ(FieldType(S(), "CreateProductPayload", "ok"), "Boolean!");
  EXPECT_EQ(FieldType(S(), "CreateProductPayload", "success"), "Boolean!");
  EXPECT_EQ(FieldType(S(), "CreateProductPayload", "errors"), "[MutationError!]!");
  EXPECT_EQ(FieldType(S(), "BulkDeleteProductPayload", "products"), "[ProductType!]!");
  EXPECT_EQ(FieldType(S(), "MutationError", "field"), "String");
  EXPECT_EQ(FieldType(S(), "MutationError", "code"), "String!");
  const InputTypeBinding* itb = g_->input_type(S().type("CreateProductInput"));
  ASSERT_NE(itb, nullptr);
  EXPECT_EQ(itb->model, product_);
  EXPECT_EQ(itb->fields.at("categoryId").kind, InputFieldBinding::Kind::kForeignKeyId);
  EXPECT_EQ(itb->fields.at("category").kind, InputFieldBinding::Kind::kToOne);
  EXPECT_EQ(itb->fields.at("category").field, product_->FindField("category"));
  EXPECT_EQ(itb->fields.at("images").kind, InputFieldBinding::Kind::kToManySet);
  ASSERT_NE(itb->fields.at("images").reverse, nullptr);
}

TEST_F(Ecommerce, DefaultOrdering) {
  EXPECT_EQ(g_->default_ordering(*product_), (std::vector<std::string>{"-created_at", "name", "price", "-price"}));
  const models::Model* category = project_.FindModel("ecommerce.Category");
  EXPECT_EQ(g_->default_ordering(*category), (std::vector<std::string>{"sort_order", "name"}));
  const models::Model* brand = project_.FindModel("ecommerce.Brand");
  EXPECT_EQ(g_->default_ordering(*brand), (std::vector<std::string>{"pk"}));
}

TEST_F(Ecommerce, ResolvePath) {
  StatusOr<FieldPath> p = g_->ResolvePath(*product_, "category__name");
  ASSERT_TRUE(p.ok()) << p.status().message();
  ASSERT_EQ(p->steps.size(), 1u);
  EXPECT_FALSE(p->steps[0].to_many());
  EXPECT_EQ(p->model, project_.FindModel("ecommerce.Category"));
  EXPECT_EQ(p->field->name, "name");

  p = g_->ResolvePath(*product_, "createdAt");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->field->name, "created_at");
  p = g_->ResolvePath(*product_, "created_at");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->field->name, "created_at");
  p = g_->ResolvePath(*product_, "pk");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->field, product_->pk());
  p = g_->ResolvePath(*product_, "id");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->field, product_->pk());

  // Reverse FK: to-many step.
  p = g_->ResolvePath(*product_, "images__isPrimary");
  ASSERT_TRUE(p.ok()) << p.status().message();
  ASSERT_EQ(p->steps.size(), 1u);
  EXPECT_TRUE(p->steps[0].to_many());
  EXPECT_NE(p->steps[0].reverse, nullptr);
  EXPECT_EQ(p->field->name, "is_primary");

  // Computed field.
  p = g_->ResolvePath(*product_, "effectivePrice");
  ASSERT_TRUE(p.ok());
  ASSERT_NE(p->computed, nullptr);
  EXPECT_EQ(p->field, nullptr);

  // Two hops, ending on a relation -> the related pk.
  p = g_->ResolvePath(*product_, "category__parent");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->steps.size(), 2u);
  EXPECT_EQ(p->field, project_.FindModel("ecommerce.Category")->pk());

  // Errors.
  p = g_->ResolvePath(*product_, "nmae");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), StatusCode::kBadUserInput);
  EXPECT_NE(p.status().message().find("Did you mean \"name\"?"), std::string::npos) << p.status().message();
  p = g_->ResolvePath(*product_, "name__foo");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("not a relation"), std::string::npos) << p.status().message();
  p = g_->ResolvePath(*product_, "category__");
  ASSERT_FALSE(p.ok());
  // Hidden fields are not resolvable.
  p = g_->ResolvePath(*project_.FindModel("auth.User"), "password");
  ASSERT_FALSE(p.ok());
  p = g_->ResolvePath(*product_, "store__owner__password");
  ASSERT_FALSE(p.ok());
  p = g_->ResolvePath(*product_, "store__owner__username");
  EXPECT_TRUE(p.ok());
}

// --- options and special cases ---

constexpr const char* kSmall = R"(app: shop
models:
  Tag:
    fields:
      name: {type: CharField, max_length: 50, unique: true}
  Item:
    fields:
      title: {type: CharField, max_length: 100}
      status: {type: CharField, max_length: 20, choices: [[in_progress, "In progress"], [done, Done]], default: done}
      rating: {type: IntegerField, choices: [[1, One], [2, Two]], null: true}
      tags: {type: ManyToManyField, to: Tag, related_name: items}
      secret: {type: CharField, max_length: 10, blank: true}
      big: {type: BigIntegerField, default: 0}
      token: {type: UUIDField, unique: true}
      span: {type: DurationField, null: true}
      at: {type: TimeField, null: true}
      day: {type: DateField, null: true}
    graphql:
      write_only_fields: [secret]
      connection: {tags: false}
)";

TEST(Generator, SnakeCaseEnumsAndWriteOnly) {
  models::Project p = LoadText(kSmall);
  GenerateOptions o;
  o.auto_camelcase = false;
  o.choices_as_enums = true;
  std::unique_ptr<GeneratedSchema> g = Gen(p, o);
  ASSERT_NE(g, nullptr);
  const schema::Schema& s = g->schema();
  EXPECT_EQ(FieldType(s, "ItemType", "status"), "ItemStatusChoices!");
  EXPECT_EQ(FieldType(s, "ItemType", "status_display"), "String");
  EXPECT_EQ(FieldType(s, "ItemType", "rating"), "ItemRatingChoices");
  EXPECT_EQ(FieldType(s, "ItemType", "secret"), "<no field secret>");
  EXPECT_EQ(FieldType(s, "CreateItemInput", "secret"), "String");
  EXPECT_EQ(FieldType(s, "ItemType", "tags"), "[TagType!]!");
  EXPECT_EQ(FieldType(s, "ItemType", "tags_count"), "Int!");
  EXPECT_EQ(FieldType(s, "TagType", "items"), "ItemConnection!");
  EXPECT_EQ(FieldType(s, "ItemType", "big"), "BigInt!");
  EXPECT_EQ(FieldType(s, "ItemType", "token"), "UUID!");
  EXPECT_EQ(FieldType(s, "ItemType", "span"), "Duration");
  EXPECT_EQ(FieldType(s, "ItemType", "at"), "Time");
  EXPECT_EQ(FieldType(s, "ItemType", "day"), "Date");
  EXPECT_EQ(FieldType(s, "ItemFilterInput", "title__icontains"), "String");
  EXPECT_EQ(FieldType(s, "ItemFilterInput", "tags"), "[ID!]");
  EXPECT_EQ(FieldType(s, "ItemFilterInput", "day__week_day"), "Int");
  EXPECT_EQ(FieldType(s, "ItemFilterInput", "status__in"), "[ItemStatusChoices!]");
  EXPECT_EQ(FieldType(s, "UpdateItemInput", "tags_add"), "[TagRelationInput!]");
  EXPECT_EQ(FieldType(s, "UpdateItemInput", "tags_remove"), "[ID!]");
  ASSERT_NE(s.query_type()->field("item"), nullptr);
  ASSERT_NE(s.query_type()->field("items"), nullptr);
  ASSERT_NE(s.mutation_type()->field("bulk_create_item"), nullptr);
  const schema::NamedType* e = s.type("ItemStatusChoices");
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->enum_values.size(), 2u);
  EXPECT_EQ(e->enum_values[0].name, "IN_PROGRESS");
  const models::Choice* c = g->enum_choice(e, "IN_PROGRESS");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->value.as_string(), "in_progress");
  const schema::NamedType* r = s.type("ItemRatingChoices");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->enum_values[0].name, "A_1");
  EXPECT_EQ(g->enum_choice(r, "A_2")->label, "Two");
  // The root single field takes every unique field.
  std::vector<std::string> args;
  for (const auto& a : s.query_type()->field("item")->args) args.push_back(a.name + ": " + a.type.ToString());
  EXPECT_EQ(args, (std::vector<std::string>{"id: ID", "token: UUID"}));
  EXPECT_TRUE(schema::ValidateSchema(s).empty());
}

TEST(Generator, NoMutations) {
  models::Project p = LoadText(kSmall);
  GenerateOptions o;
  o.mutations = false;
  std::unique_ptr<GeneratedSchema> g = Gen(p, o);
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->schema().mutation_type(), nullptr);
  EXPECT_EQ(g->schema().type("CreateItemInput"), nullptr);
  EXPECT_EQ(g->schema().type("MutationError"), nullptr);
}

TEST(Generator, NameClashAcrossAppsPrefixesAppLabel) {
  models::LoadResult r =
      models::LoadModelPaths({Root() + "/examples/blog/models.yaml", Root() + "/examples/saas/models.yaml"});
  ASSERT_TRUE(r.ok()) << r.ErrorText();
  std::unique_ptr<GeneratedSchema> g = Gen(*r.project);
  ASSERT_NE(g, nullptr);
  const schema::Schema& s = g->schema();
  EXPECT_NE(s.type("SaasCommentType"), nullptr);
  EXPECT_NE(s.type("BlogCommentType"), nullptr);
  EXPECT_EQ(s.type("CommentType"), nullptr);
  EXPECT_NE(s.query_type()->field("saasComment"), nullptr);
  EXPECT_NE(s.query_type()->field("blogComments"), nullptr);
  EXPECT_NE(s.mutation_type()->field("createSaasComment"), nullptr);
  EXPECT_NE(s.type("PostType"), nullptr);  // no clash: unprefixed
  EXPECT_EQ(g->model_of(s.type("SaasCommentType")), r.project->FindModel("saas.Comment"));

  // Serving one app leaves the other out (built-in auth stays).
  GenerateOptions o;
  o.apps = {"blog"};
  std::unique_ptr<GeneratedSchema> blog = Gen(*r.project, o);
  ASSERT_NE(blog, nullptr);
  EXPECT_NE(blog->schema().type("CommentType"), nullptr);
  EXPECT_EQ(blog->schema().type("TaskType"), nullptr);
  EXPECT_NE(blog->schema().type("UserType"), nullptr);
  EXPECT_EQ(FieldType(blog->schema(), "UserType", "assignedTasks"), "<no field assignedTasks>");
  EXPECT_FALSE(blog->ResolvePath(*r.project->FindModel("auth.User"), "assigned_tasks").ok());
}

TEST(Generator, ErrorsAreStatuses) {
  models::Project p = LoadText(kSmall);
  GenerateOptions o;
  o.apps = {"nothing"};
  StatusOr<std::unique_ptr<GeneratedSchema>> g = Generate(p, o);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().code(), StatusCode::kInvalidArgument);
}

TEST(Generator, OptionsFromSettings) {
  models::SettingsResult r = models::LoadSettingsText(
      "schema_settings:\n  auto_camelcase: false\n  choices_as_enums: true\n  excluded_models: [Tag]\n", "r.yaml");
  ASSERT_TRUE(r.ok()) << r.ErrorText();
  models::Project p = LoadText(kSmall);
  GenerateOptions o = OptionsFromSettings(*r.settings, p);
  EXPECT_FALSE(o.auto_camelcase);
  EXPECT_TRUE(o.choices_as_enums);
  EXPECT_TRUE(o.mutations);
  EXPECT_EQ(o.exclude_models, (std::vector<std::string>{"Tag"}));
  std::unique_ptr<GeneratedSchema> g = Gen(p, o);
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->schema().type("TagType"), nullptr);
  EXPECT_EQ(FieldType(g->schema(), "ItemType", "tags"), "<no field tags>");
}

// query_settings / type_generation_settings / schema_settings switches change the generated schema.
TEST(Generator, QueryAndTypeGenerationSwitches) {
  models::SettingsResult r = models::LoadSettingsText(
      "query_settings:\n  generate_filters: false\n  generate_ordering: false\n"
      "schema_settings:\n  enable_pagination: false\n  relation_connections: false\n"
      "type_generation_settings:\n  generate_descriptions: false\n  exclude_fields: {Item: [big]}\n"
      "  include_fields: {Tag: [name, items]}\n",
      "r.yaml");
  ASSERT_TRUE(r.ok()) << r.ErrorText();
  models::Project p = LoadText(kSmall);
  GenerateOptions o = OptionsFromSettings(*r.settings, p);
  EXPECT_FALSE(o.filters);
  EXPECT_FALSE(o.ordering);
  EXPECT_FALSE(o.pagination);
  EXPECT_FALSE(o.relation_connections);
  EXPECT_FALSE(o.descriptions);
  std::unique_ptr<GeneratedSchema> g = Gen(p, o);
  ASSERT_NE(g, nullptr);
  const schema::Schema& s = g->schema();
  EXPECT_EQ(s.type("ItemFilterInput"), nullptr);
  const schema::Field* items = s.query_type()->field("items");
  ASSERT_NE(items, nullptr);
  EXPECT_TRUE(items->args.empty());
  EXPECT_EQ(FieldType(s, "TagType", "items"), "[ItemType!]!");  // reverse M2M as a plain list
  EXPECT_TRUE(s.type("TagType")->field("items")->args.empty());
  EXPECT_EQ(FieldType(s, "ItemType", "big"), "<no field big>");
  EXPECT_EQ(FieldType(s, "ItemType", "title"), "String!");
  EXPECT_EQ(FieldType(s, "TagType", "name"), "String!");
  EXPECT_EQ(FieldType(s, "TagType", "id"), "ID!");
  EXPECT_EQ(FieldType(s, "TagType", "pk"), "ID!");
  std::string sdl = schema::PrintSchema(s);
  EXPECT_EQ(sdl.find("\"\"\""), std::string::npos) << "descriptions should be gone";
  EXPECT_EQ(sdl.find("\"Field paths"), std::string::npos);
  EXPECT_TRUE(schema::ValidateSchema(s).empty());
}

TEST(Generator, MutationSwitches) {
  models::Project p = LoadText(kSmall);
  GenerateOptions o;
  o.enable_bulk = false;
  o.enable_delete = false;
  std::unique_ptr<GeneratedSchema> g = Gen(p, o);
  ASSERT_NE(g, nullptr);
  const schema::NamedType* m = g->schema().mutation_type();
  ASSERT_NE(m, nullptr);
  EXPECT_NE(m->field("createItem"), nullptr);
  EXPECT_NE(m->field("updateItem"), nullptr);
  EXPECT_EQ(m->field("deleteItem"), nullptr);
  EXPECT_EQ(m->field("bulkCreateItem"), nullptr);
  EXPECT_EQ(g->schema().type("BulkUpdateItemInput"), nullptr);
  o = {};
  o.enable_create = o.enable_update = false;
  g = Gen(p, o);
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->schema().type("ItemRelationInput"), nullptr);
  EXPECT_NE(g->schema().mutation_type()->field("bulkDeleteItem"), nullptr);
  o.enable_delete = false;
  g = Gen(p, o);
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->schema().mutation_type(), nullptr);
}

constexpr const char* kSpecial = R"(app: zoo
models:
  Place:
    fields:
      name: {type: CharField, max_length: 50}
  Restaurant:
    extends: Place
    fields:
      serves_pizza: {type: BooleanField, default: false}
  Stamp:
    fields:
      created_at: {type: DateTimeField, auto_now_add: true}
  Code:
    fields:
      code: {type: CharField, max_length: 10, primary_key: true}
      label: {type: CharField, max_length: 10, unique: true}
)";

TEST(Generator, InheritanceCustomPkAndNoWritableFields) {
  models::Project p = LoadText(kSpecial);
  std::unique_ptr<GeneratedSchema> g = Gen(p);
  ASSERT_NE(g, nullptr);
  const schema::Schema& s = g->schema();
  EXPECT_TRUE(schema::ValidateSchema(s).empty());
  EXPECT_EQ(FieldType(s, "RestaurantType", "placePtr"), "PlaceType!");
  EXPECT_EQ(FieldType(s, "PlaceType", "restaurant"), "RestaurantType");
  EXPECT_EQ(FieldType(s, "CodeType", "code"), "ID!");
  EXPECT_EQ(FieldType(s, "CreateCodeInput", "code"), "ID!");
  const FieldBinding* id = g->binding(s.type("CodeType"), "id");
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->field->name, "code");
  // Stamp has nothing to write on create: no createStamp, but update / delete exist.
  EXPECT_EQ(s.type("CreateStampInput"), nullptr);
  EXPECT_EQ(s.mutation_type()->field("createStamp"), nullptr);
  EXPECT_NE(s.mutation_type()->field("deleteStamp"), nullptr);
  std::vector<std::string> args;
  for (const auto& a : s.query_type()->field("code")->args) args.push_back(a.name);
  EXPECT_EQ(args, (std::vector<std::string>{"id", "label"}));
}

// --- custom scalars ---

TEST(CustomScalars, DecimalAndFriends) {
  models::Project p = LoadExample("ecommerce");
  std::unique_ptr<GeneratedSchema> g = Gen(p);
  ASSERT_NE(g, nullptr);
  const schema::NamedType* decimal = g->schema().type("Decimal");
  ASSERT_NE(decimal, nullptr);
  std::string error;
  auto out = schema::SerializeScalar(*decimal, json::Value::Double(19.5), &error);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->as_string(), "19.5");
  out = schema::ParseScalarValue(*decimal, json::Value::String("10.25"), &error);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->as_string(), "10.25");
  out = schema::ParseScalarValue(*decimal, json::Value::Int(3), &error);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->as_string(), "3");
  EXPECT_FALSE(schema::ParseScalarValue(*decimal, json::Value::String("abc"), &error));
  EXPECT_EQ(error, "Decimal cannot represent value: \"abc\"");
  const schema::NamedType* dt = g->schema().type("DateTime");
  ASSERT_NE(dt, nullptr);
  EXPECT_TRUE(schema::ParseScalarValue(*dt, json::Value::String("2024-05-01T12:30:00+00:00"), &error));
  EXPECT_FALSE(schema::ParseScalarValue(*dt, json::Value::String("yesterday"), &error));
  const schema::NamedType* js = g->schema().type("JSON");
  ASSERT_NE(js, nullptr);
  json::Value obj = json::Value::MakeObject();
  obj.push("a", json::Value::Int(1));
  out = schema::ParseScalarValue(*js, obj, &error);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, obj);
}

}  // namespace
}  // namespace railgun::generate
