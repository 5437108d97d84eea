// Tests for the model-file loader: every example loads, every bad case reports its exact diagnostics, and the
// registry carries Django's names (tables, columns, join tables, reverse accessors).
#include "models/loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace railgun::models {
namespace {

namespace fs = std::filesystem;

const std::string kRoot = RAILGUN_SOURCE_DIR;

Project MustLoad(const std::string& text, const LoadOptions& options = {}) {
  LoadResult r = LoadModelSources({{"test.yaml", text}}, options);
  EXPECT_TRUE(r.ok()) << r.ErrorText();
  if (!r.project) return Project();
  return std::move(*r.project);
}

std::vector<std::string> ErrorsOf(const std::string& text) {
  LoadResult r = LoadModelSources({{"test.yaml", text}});
  std::vector<std::string> out;
  for (const auto& d : r.errors) out.push_back(d.ToString());
  return out;
}

// --- examples ---

class ExampleTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ExampleTest, LoadsCleanly) {
  std::string path = kRoot + "/examples/" + GetParam() + "/models.yaml";
  LoadResult r = LoadModelPaths({path});
  ASSERT_TRUE(r.ok()) << r.ErrorText();
  EXPECT_TRUE(r.warnings.empty()) << r.warnings[0].ToString();
  const App* app = r.project->FindApp(GetParam());
  ASSERT_NE(app, nullptr);
  EXPECT_FALSE(app->models.empty());
  for (const Model* m : r.project->models()) {
    ASSERT_NE(m->pk(), nullptr) << m->label();
    for (const Field& f : m->fields) {
      if (f.is_relation()) {
        EXPECT_NE(f.target, nullptr) << m->label() << "." << f.name;
      }
      if (f.is_many_to_many()) {
        EXPECT_FALSE(f.m2m_table.empty());
        EXPECT_FALSE(f.m2m_source_column.empty());
        EXPECT_FALSE(f.m2m_target_column.empty());
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, ExampleTest,
                         ::testing::Values("blog", "ecommerce", "saas", "cms", "social", "analytics"));

TEST(Examples, AllExamplesLoadTogether) {
  LoadResult r = LoadModelPaths({kRoot + "/examples"});
  ASSERT_TRUE(r.ok()) << r.ErrorText();
  for (const char* app : {"blog", "ecommerce", "saas", "cms", "social", "analytics", "auth"})
    EXPECT_NE(r.project->FindApp(app), nullptr) << app;
}

TEST(Examples, BlogUsesDjangoNames) {
  auto project = LoadProject({kRoot + "/examples/blog/models.yaml"});
  ASSERT_TRUE(project.ok()) << project.status().ToString();
  const Model* post = project->FindModel("blog.Post");
  ASSERT_NE(post, nullptr);
  EXPECT_EQ(post->db_table, "blog_post");
  EXPECT_EQ(post->fields[0].name, "id");
  EXPECT_EQ(post->fields[0].kind, FieldKind::kBigAutoField);
  EXPECT_TRUE(post->fields[0].auto_created);
  const Field* category = post->FindField("category");
  ASSERT_NE(category, nullptr);
  EXPECT_EQ(category->column, "category_id");
  EXPECT_EQ(category->target, project->FindModel("blog.Category"));
  const Field* tags = post->FindField("tags");
  EXPECT_EQ(tags->m2m_table, "blog_post_tags");
  EXPECT_EQ(tags->m2m_source_column, "post_id");
  EXPECT_EQ(tags->m2m_target_column, "tag_id");
  EXPECT_TRUE(tags->column.empty());
  const Field* related = post->FindField("related_posts");
  EXPECT_TRUE(related->symmetrical);
  EXPECT_EQ(related->m2m_table, "blog_post_related_posts");
  EXPECT_EQ(related->m2m_source_column, "from_post_id");
  EXPECT_EQ(related->m2m_target_column, "to_post_id");
  EXPECT_EQ(post->FindReverse("related_posts_rel_+"), nullptr);  // symmetrical: hidden
  EXPECT_FALSE(post->graphql.IsConnection("tags"));
  EXPECT_TRUE(post->graphql.IsConnection("comments"));
  ASSERT_NE(post->graphql.LookupsFor("title"), nullptr);
  EXPECT_EQ(*post->graphql.LookupsFor("title"), (std::vector<std::string>{"exact", "icontains"}));

  const Model* category_model = project->FindModel("blog.Category");
  const ReverseRelation* posts = category_model->FindReverse("posts");
  ASSERT_NE(posts, nullptr);
  EXPECT_TRUE(posts->many);
  EXPECT_EQ(posts->source, post);
  EXPECT_EQ(posts->query_name, "posts");
  EXPECT_EQ(category_model->verbose_name_plural, "categories");

  const Model* comment = project->FindModel("blog.Comment");
  EXPECT_NE(comment->FindReverse("replies"), nullptr);

  // Author.user -> the built-in auth.User (Django's auth_user, AutoField pk), reverse O2O accessor `author`.
  const Model* user = project->FindModel("auth.User");
  ASSERT_NE(user, nullptr);
  EXPECT_EQ(user->db_table, "auth_user");
  EXPECT_EQ(user->pk()->kind, FieldKind::kAutoField);
  const ReverseRelation* author = user->FindReverse("author");
  ASSERT_NE(author, nullptr);
  EXPECT_FALSE(author->many);
  EXPECT_EQ(user->FindField("groups")->m2m_table, "auth_user_groups");
  EXPECT_EQ(user->FindField("groups")->m2m_source_column, "user_id");
  EXPECT_EQ(user->FindField("groups")->m2m_target_column, "group_id");
  EXPECT_TRUE(project->FindApp("auth")->builtin);
}

TEST(Examples, EcommerceComputedFieldsAndChoices) {
  auto project = LoadProject({kRoot + "/examples/ecommerce/models.yaml"});
  ASSERT_TRUE(project.ok()) << project.status().ToString();
  const Model* product = project->FindModel("ecommerce.Product");
  ASSERT_NE(product, nullptr);
  EXPECT_EQ(product->db_table, "ecommerce_product");
  EXPECT_EQ(product->unique_together, (std::vector<std::vector<std::string>>{{"slug", "store"}}));
  EXPECT_EQ(product->ordering, (std::vector<std::string>{"-created_at"}));
  const Field* type = product->FindField("product_type");
  ASSERT_EQ(type->choices.size(), 4u);
  EXPECT_EQ(type->choices[1].value, json::Value::String("variable"));
  EXPECT_EQ(type->choices[1].label, "Variable Product");
  EXPECT_EQ(*type->default_value, json::Value::String("simple"));
  const Field* price = product->FindField("price");
  EXPECT_EQ(price->max_digits, 10);
  EXPECT_EQ(price->decimal_places, 2);
  EXPECT_EQ(product->FindField("slug")->max_length, 50);  // Django's SlugField default
  EXPECT_EQ(product->FindField("category")->on_delete, OnDelete::kSetNull);
  EXPECT_TRUE(product->FindField("category")->null);
  ASSERT_EQ(product->graphql.computed_fields.size(), 4u);
  const ComputedField& discount = product->graphql.computed_fields[1];
  EXPECT_EQ(discount.name, "discount_percentage");
  EXPECT_NE(discount.SqlFor("sqlite"), discount.SqlFor("postgresql"));
  EXPECT_EQ(product->graphql.computed_fields[0].SqlFor("sqlite"), "COALESCE(sale_price, price)");
  EXPECT_NE(product->FindReverse("variations"), nullptr);
  EXPECT_NE(product->FindReverse("images"), nullptr);
  EXPECT_NE(product->FindReverse("reviews"), nullptr);
  // OrderItem.product has no related_name: Django's default accessor and query name.
  const ReverseRelation* items = product->FindReverse("orderitem_set");
  ASSERT_NE(items, nullptr);
  EXPECT_EQ(items->query_name, "orderitem");
  const Field* rating = project->FindModel("ecommerce.Review")->FindField("rating");
  EXPECT_EQ(rating->choices[0].value, json::Value::Int(1));
}

TEST(Examples, SaasThroughModel) {
  auto project = LoadProject({kRoot + "/examples/saas/models.yaml"});
  ASSERT_TRUE(project.ok()) << project.status().ToString();
  const Field* allowed = project->FindModel("saas.Project")->FindField("allowed_users");
  ASSERT_NE(allowed->through_model, nullptr);
  EXPECT_EQ(allowed->m2m_table, "saas_projectmember");
  EXPECT_EQ(allowed->m2m_source_column, "project_id");
  EXPECT_EQ(allowed->m2m_target_column, "user_id");
  const Model* user = project->FindModel("auth.User");
  EXPECT_NE(user->FindReverse("accessible_projects"), nullptr);
  EXPECT_NE(user->FindReverse("projectmember_set"), nullptr);
  EXPECT_NE(user->FindReverse("comment_set"), nullptr);
  EXPECT_EQ(project->FindModel("saas.TimeEntry")->verbose_name, "time entry");
}

// --- bad model files: each file ends with `# expect: line:column: message` lines ---

TEST(BadModels, EveryCaseReportsExactlyItsErrors) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(kRoot + "/tests/cases/models/bad"))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 15u);
  for (const auto& path : files) {
    std::string rel = "tests/cases/models/bad/" + path.filename().string();
    std::ifstream in(path);
    std::vector<std::string> expected;
    for (std::string line; std::getline(in, line);)
      if (line.rfind("# expect: ", 0) == 0) expected.push_back(rel + ":" + line.substr(10));
    ASSERT_FALSE(expected.empty()) << rel << " has no '# expect:' lines";
    LoadResult r = LoadModelPaths({kRoot + "/" + rel});  // works from any working directory
    EXPECT_FALSE(r.ok()) << rel;
    std::vector<std::string> actual;
    for (const auto& d : r.errors) {
      std::string text = d.ToString();
      if (text.rfind(kRoot + "/", 0) == 0) text = text.substr(kRoot.size() + 1);
      actual.push_back(text);
    }
    EXPECT_EQ(actual, expected) << rel;
  }
}

// --- focused behaviours ---

TEST(Loader, ShorthandTypesAndDefaults) {
  Project p = MustLoad(R"(
app: notes
models:
  Note:
    fields:
      body: TextField
      pinned: {type: BooleanField, default: false}
      uid: {type: UUIDField, default_function: uuid4, unique: true}
      rank: {type: FloatField, default: 1.5}
      data: {type: JSONField, default: {}}
      code: {type: CharField, max_length: 10, default: "007"}
)");
  const Model* note = p.FindModel("notes.Note");
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->FindField("body")->kind, FieldKind::kTextField);
  EXPECT_EQ(*note->FindField("pinned")->default_value, json::Value::Bool(false));
  EXPECT_EQ(note->FindField("uid")->default_function, DefaultFunction::kUuid4);
  EXPECT_EQ(*note->FindField("rank")->default_value, json::Value::Double(1.5));
  EXPECT_TRUE(note->FindField("data")->default_value->is_object());
  EXPECT_EQ(*note->FindField("code")->default_value, json::Value::String("007"));  // quoted stays a string
  EXPECT_EQ(note->FindField("body")->verbose_name, "body");
}

TEST(Loader, DefaultAutoFieldPerAppAndOption) {
  LoadOptions options;
  options.default_auto_field = FieldKind::kAutoField;
  Project p = MustLoad("app: a\nmodels:\n  X: {fields: {n: IntegerField}}\n", options);
  EXPECT_EQ(p.FindModel("a.X")->pk()->kind, FieldKind::kAutoField);
  Project q = MustLoad("app: a\ndefault_auto_field: SmallAutoField\nmodels:\n  X: {fields: {n: IntegerField}}\n");
  EXPECT_EQ(q.FindModel("a.X")->pk()->kind, FieldKind::kSmallAutoField);
  Project r =
      MustLoad("app: a\nmodels:\n  X:\n    fields:\n      code: {type: CharField, max_length: 5, primary_key: true}\n");
  EXPECT_EQ(r.FindModel("a.X")->pk()->name, "code");
  EXPECT_EQ(r.FindModel("a.X")->fields.size(), 1u);
}

TEST(Loader, AbstractInheritanceCopiesFieldsAndSubstitutesRelatedName) {
  Project p = MustLoad(R"(
app: shop
models:
  Owned:
    abstract: true
    fields:
      owner: {type: ForeignKey, to: auth.User, on_delete: CASCADE, related_name: "%(app_label)s_%(class)s_owned"}
      created_at: {type: DateTimeField, auto_now_add: true}
    meta: {ordering: [-created_at]}
    graphql: {filter_fields: {owner: [exact]}}
  Invoice:
    extends: Owned
    fields:
      number: {type: CharField, max_length: 20}
  Quote:
    extends: Owned
    fields:
      total: {type: DecimalField, max_digits: 8, decimal_places: 2}
)");
  EXPECT_TRUE(p.FindModel("shop.Owned")->abstract);  // found, but not among the concrete models()
  EXPECT_EQ(p.models().size(), 4u);                  // Invoice, Quote, auth.Group, auth.User
  const Model* invoice = p.FindModel("shop.Invoice");
  ASSERT_NE(invoice, nullptr);
  std::vector<std::string> names;
  for (const auto& f : invoice->fields) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"id", "owner", "created_at", "number"}));
  EXPECT_EQ(invoice->ordering, (std::vector<std::string>{"-created_at"}));
  EXPECT_NE(invoice->graphql.LookupsFor("owner"), nullptr);
  const Model* user = p.FindModel("auth.User");
  EXPECT_NE(user->FindReverse("shop_invoice_owned"), nullptr);
  EXPECT_NE(user->FindReverse("shop_quote_owned"), nullptr);
}

TEST(Loader, AbstractSelfRelationTargetsEachChild) {
  Project p = MustLoad(R"(
app: tree
models:
  Node:
    abstract: true
    fields:
      parent: {type: ForeignKey, to: self, on_delete: CASCADE, null: true, related_name: children}
    graphql: {filter_fields: {parent: [exact, isnull], children: [isnull]}}
  Folder:
    extends: Node
    fields:
      name: {type: CharField, max_length: 50}
  Tag:
    extends: Node
)");
  const Model* folder = p.FindModel("tree.Folder");
  const Model* tag = p.FindModel("tree.Tag");
  EXPECT_EQ(folder->FindField("parent")->target, folder);
  EXPECT_EQ(tag->FindField("parent")->target, tag);
  EXPECT_NE(folder->FindReverse("children"), nullptr);
  EXPECT_EQ(tag->fields.size(), 2u);  // id, parent
}

TEST(Loader, MultiTableInheritanceAddsParentLink) {
  Project p = MustLoad(R"(
app: places
models:
  Place:
    fields:
      name: {type: CharField, max_length: 50}
  Restaurant:
    extends: Place
    fields:
      serves_pizza: {type: BooleanField, default: false}
)");
  const Model* restaurant = p.FindModel("places.Restaurant");
  ASSERT_NE(restaurant, nullptr);
  EXPECT_EQ(restaurant->parent, p.FindModel("places.Place"));
  const Field* pk = restaurant->pk();
  EXPECT_EQ(pk->name, "place_ptr");
  EXPECT_EQ(pk->column, "place_ptr_id");
  EXPECT_TRUE(pk->parent_link);
  EXPECT_EQ(pk->kind, FieldKind::kOneToOneField);
  const ReverseRelation* back = p.FindModel("places.Place")->FindReverse("restaurant");
  ASSERT_NE(back, nullptr);
  EXPECT_FALSE(back->many);
}

TEST(Loader, ErrorsFromSeveralFilesAreAllReported) {
  LoadResult r = LoadModelSources({
      {"a.yaml", "app: blog\nmodels:\n  Post:\n    fields:\n      title: {type: CharField}\n"},
      {"b.yaml", "app: blog\nmodels:\n  Post:\n    fields:\n      body: TextField\n"},
  });
  ASSERT_FALSE(r.ok());
  std::vector<std::string> actual;
  for (const auto& d : r.errors) actual.push_back(d.ToString());
  EXPECT_EQ(actual, (std::vector<std::string>{
                        "a.yaml:5:7: blog.Post.title: (fields.E120) CharFields must define a 'max_length' attribute.",
                        "b.yaml:3:3: duplicate model 'blog.Post' (first defined at a.yaml:3:3)",
                    }));
}

TEST(Loader, CrossAppReferencesAndBareNames) {
  LoadResult r = LoadModelSources({
      {"shop.yaml", "app: shop\nmodels:\n  Product:\n    fields:\n      name: {type: CharField, max_length: 9}\n"},
      {"sales.yaml",
       "app: sales\nmodels:\n  Line:\n    fields:\n"
       "      product: {type: ForeignKey, to: shop.Product, on_delete: PROTECT}\n"
       "      again: {type: ForeignKey, to: Product, on_delete: PROTECT, related_name: '+'}\n"},
  });
  ASSERT_TRUE(r.ok()) << r.ErrorText();
  const Model* product = r.project->FindModel("shop.Product");
  EXPECT_EQ(r.project->FindModel("sales.Line")->FindField("again")->target, product);
  EXPECT_NE(product->FindReverse("line_set"), nullptr);
  EXPECT_EQ(product->VisibleReverseRelations().size(), 1u);  // '+' hides the second
  EXPECT_EQ(r.project->FindApp("auth"), nullptr);            // built-ins only when referenced
}

TEST(Loader, MissingPathIsAnError) {
  auto p = LoadProject({"/nonexistent/models.yaml"});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(), "/nonexistent/models.yaml:0:0: no such model file or folder\n");
}

TEST(Loader, ChoicesForms) {
  Project p = MustLoad(R"(
app: a
models:
  X:
    fields:
      size: {type: CharField, max_length: 2, choices: {S: Small, M: Medium}}
      level: {type: IntegerField, choices: [{value: 1, label: Low}, {value: 2, label: High}], default: 2}
      tone: {type: CharField, max_length: 5, choices: [warm, cold]}
)");
  const Model* x = p.FindModel("a.X");
  EXPECT_EQ(*x->FindField("size")->ChoiceLabel(json::Value::String("M")), "Medium");
  EXPECT_EQ(*x->FindField("level")->ChoiceLabel(json::Value::Int(2)), "High");
  EXPECT_EQ(x->FindField("tone")->choices[1].label, "cold");
}

TEST(Loader, OptionThatDoesNotApply) {
  EXPECT_EQ(ErrorsOf("app: a\nmodels:\n  X:\n    fields:\n      n: {type: IntegerField, max_digits: 3}\n"),
            (std::vector<std::string>{"test.yaml:5:31: a.X.n: option 'max_digits' does not apply to IntegerField"}));
}

TEST(Loader, ClosestMatch) {
  EXPECT_EQ(ClosestMatch("Charfield", AllFieldKindNames()), "CharField");
  EXPECT_EQ(ClosestMatch("ForeignKy", AllFieldKindNames()), "ForeignKey");
  EXPECT_EQ(ClosestMatch("completely_different", AllFieldKindNames()), "");
}

TEST(Model, DefaultVerboseName) {
  EXPECT_EQ(DefaultVerboseName("OrderItem"), "order item");
  EXPECT_EQ(DefaultVerboseName("ABTest"), "ab test");
  EXPECT_EQ(DefaultVerboseName("Post"), "post");
  EXPECT_EQ(FieldKindName(FieldKind::kGenericIPAddressField), "GenericIPAddressField");
  EXPECT_EQ(FieldKindFromName("ManyToManyField"), FieldKind::kManyToManyField);
  EXPECT_EQ(OnDeleteFromName("SET_NULL"), OnDelete::kSetNull);
}

}  // namespace
}  // namespace railgun::models

namespace railgun::models {
namespace {

TEST(Model, QualifyColumnsRewritesOnlyColumnReferences) {
  Project p = MustLoad(R"(
app: shop
models:
  Product:
    fields:
      price: {type: DecimalField, max_digits: 10, decimal_places: 2}
      sale_price: {type: DecimalField, max_digits: 10, decimal_places: 2, null: true}
      manage_stock: {type: BooleanField, default: true}
      category: {type: ForeignKey, to: Product, on_delete: CASCADE, null: true}
)");
  const Model* product = p.FindModel("shop.Product");
  auto q = QualifyColumns(*product, "COALESCE(sale_price, price) * 1.5", "t0");
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(*q, "COALESCE(t0.\"sale_price\", t0.\"price\") * 1.5");
  auto cast = QualifyColumns(*product, "CAST(price AS REAL) + price::numeric + category + 'price'", "");
  ASSERT_TRUE(cast.ok()) << cast.status().ToString();
  EXPECT_EQ(*cast, "CAST(\"price\" AS REAL) + \"price\"::numeric + \"category_id\" + 'price'");
  auto kw = QualifyColumns(*product, "CASE WHEN NOT manage_stock THEN TRUE ELSE sale_price IS NULL END", "p");
  ASSERT_TRUE(kw.ok());
  EXPECT_EQ(*kw, "CASE WHEN NOT p.\"manage_stock\" THEN TRUE ELSE p.\"sale_price\" IS NULL END");
  auto bad = QualifyColumns(*product, "pricee + 1", "t");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "unknown column 'pricee' in SQL expression; did you mean 'price'?");
}

TEST(Model, FindFieldInheritedWalksParents) {
  Project p = MustLoad(R"(
app: places
models:
  Place:
    fields:
      name: {type: CharField, max_length: 50}
  Restaurant:
    extends: Place
    fields:
      serves_pizza: {type: BooleanField, default: false}
)");
  const Model* restaurant = p.FindModel("places.Restaurant");
  const Model* owner = nullptr;
  const Field* name = restaurant->FindFieldInherited("name", &owner);
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(owner, p.FindModel("places.Place"));
  EXPECT_EQ(restaurant->FindField("name"), nullptr);
}

}  // namespace
}  // namespace railgun::models

namespace railgun::models {
namespace {

// The README's model-file example stays valid.
TEST(Loader, ReadmeExampleLoads) {
  std::ifstream in(kRoot + "/src/models/README.md");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  size_t start = text.find("```yaml\napp: blog");
  ASSERT_NE(start, std::string::npos);
  start += 8;
  std::string example = text.substr(start, text.find("```", start) - start);
  LoadResult r = LoadModelSources({{"README.md", example}, {"support.yaml", R"(app: blog
models:
  Timestamped:
    abstract: true
    fields: {created_at: {type: DateTimeField, auto_now_add: true}}
  Category: {fields: {name: {type: CharField, max_length: 50}}}
  Tag: {fields: {name: {type: CharField, max_length: 50}}}
  Site: {fields: {domain: {type: CharField, max_length: 100, unique: true}}}
)"}});
  ASSERT_TRUE(r.ok()) << r.ErrorText();
  const Model* post = r.project->FindModel("blog.Post");
  EXPECT_EQ(post->fields[1].name, "created_at");  // inherited fields come first
  EXPECT_EQ(post->graphql.computed_fields.size(), 2u);
  EXPECT_FALSE(post->graphql.IsConnection("tags"));
  EXPECT_EQ(post->constraints.size(), 2u);
  EXPECT_EQ(post->indexes[1].name, "post_title_idx");
}

// Malformed shapes must produce ordinary diagnostics, never an internal error or a crash.
TEST(Loader, MalformedShapesAreDiagnosed) {
  const char* cases[] = {
      "",
      "- a\n- b\n",
      "app: [x]\nmodels: {}\n",
      "app: a\nmodels: [A, B]\n",
      "app: a\nmodels:\n  A: 5\n",
      "app: a\nmodels:\n  A:\n    fields: [x, y]\n",
      "app: a\nmodels:\n  A:\n    fields:\n      x: ~\n",
      "app: a\nmodels:\n  A:\n    fields:\n      x: {type: [CharField]}\n",
      "app: a\nmodels:\n  A:\n    fields:\n      x: {type: CharField, max_length: [1]}\n",
      "app: a\nmodels:\n  A:\n    fields:\n      x: {type: CharField, max_length: 5, choices: 3}\n",
      "app: a\nmodels:\n  A:\n    fields:\n      x: {type: CharField, max_length: 5, choices: [[1, 2, 3]]}\n",
      "app: a\nmodels:\n  A:\n    graphql: 7\n",
      "app: a\nmodels:\n  A:\n    graphql: {filter_fields: 3, ordering: {a: b}, computed_fields: [x]}\n",
      "app: a\nmodels:\n  A:\n    graphql: {connection: {x: maybe}, descriptions: [a]}\n",
      "app: a\nmodels:\n  A:\n    meta: 3\n",
      "app: a\nmodels:\n  A:\n    meta: {ordering: {a: 1}, unique_together: 5, indexes: [{fields: {x: 1}}], "
      "constraints: [3]}\n",
      "app: a\nmodels:\n  A:\n    extends: A\n",
      "app: a\nmodels:\n  A:\n    extends: [B, C]\n",
      "app: a\nmodels:\n  A:\n    extends: B\n  B:\n    extends: A\n",
      "app: a\nmodels:\n  A:\n    fields:\n      b: {type: ForeignKey, to: [B], on_delete: CASCADE}\n",
      "app: a\nmodels:\n  A:\n    fields:\n      b: {type: ManyToManyField, to: A, through: A}\n",
      "app: a\nmodels:\n  A:\n    fields:\n      b: {type: ForeignKey, to: A, on_delete: CASCADE, to_field: nope}\n",
      "app: a\nmodels:\n  A:\n    fields:\n      n: {type: IntegerField, choices: {1: one}, default: [1]}\n",
  };
  for (const char* text : cases) {
    LoadResult r = LoadModelSources({{"m.yaml", text}});
    EXPECT_FALSE(r.ok()) << text;
    for (const auto& d : r.errors) EXPECT_EQ(d.message.find("internal error"), std::string::npos) << text << d.message;
  }
}

}  // namespace
}  // namespace railgun::models
