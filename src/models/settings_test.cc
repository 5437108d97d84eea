// Tests for railgun.yaml settings: defaults, env interpolation, typed validation, unknown-key warnings,
// named schemas with overrides, nested-relation resolution, and the committed docs/settings.md.
#include "models/settings.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace railgun::models {
namespace {

SettingsOptions FakeEnv(std::map<std::string, std::string> vars) {
  SettingsOptions o;
  o.env = [vars](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
  return o;
}

Settings MustLoad(const std::string& text, const SettingsOptions& options = FakeEnv({})) {
  SettingsResult r = LoadSettingsText(text, "railgun.yaml", options);
  EXPECT_TRUE(r.ok()) << r.ErrorText();
  EXPECT_TRUE(r.warnings.empty()) << (r.warnings.empty() ? "" : r.warnings[0].ToString());
  return r.settings ? *r.settings : Settings();
}

std::vector<std::string> Messages(const std::vector<Diagnostic>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds) out.push_back(d.ToString());
  return out;
}

TEST(Settings, EveryKeyHasItsDocumentedDefault) {
  Settings s;
  for (const auto& spec : SettingSpecs()) EXPECT_NE(s.Get(spec.key), nullptr) << spec.key;
  EXPECT_EQ(s.GetInt("query_settings.default_page_size"), 20);
  EXPECT_EQ(s.GetInt("query_settings.max_page_size"), 100);
  EXPECT_TRUE(s.auto_camelcase());
  EXPECT_TRUE(s.GetBool("mutation_settings.enable_nested_relations"));
  EXPECT_EQ(s.GetStringList("security_settings.cors.allowed_origins"), (std::vector<std::string>{"*"}));
  EXPECT_EQ(s.database_url(), "sqlite:///db.sqlite3");
  EXPECT_DOUBLE_EQ(s.GetFloat("monitoring.slow_query_threshold"), 1.0);
  EXPECT_TRUE(s.Get("mutation_settings.nested_field_config")->is_object());
  EXPECT_EQ(s.GetString("default_auto_field"), "BigAutoField");
}

TEST(Settings, SeedNestedRelationsConfig) {
  // The seeds' "Configurable Nested Relationships" MUTATION_SETTINGS, scenario 1 and 2.
  Settings blog = MustLoad(R"(
mutation_settings:
  enable_nested_relations: true
  nested_relations_config:
    Comment: false
  nested_field_config:
    Post: {comments: false, related_posts: false, tags: true, category: true, author: false}
    Author: {posts: false}
)");
  EXPECT_TRUE(blog.NestedRelationAllowed("Post", "tags"));
  EXPECT_FALSE(blog.NestedRelationAllowed("Post", "comments"));
  EXPECT_FALSE(blog.NestedRelationAllowed("Comment", "post"));
  EXPECT_FALSE(blog.NestedRelationAllowed("Author", "posts"));
  EXPECT_TRUE(blog.NestedRelationAllowed("Tag", "posts"));

  Settings shop = MustLoad(R"(
mutation_settings:
  enable_nested_relations: false
  nested_relations_config: {Product: true, Order: false, User: false}
  nested_field_config:
    Product: {reviews: true, variants: true, categories: true, supplier: false}
    Cart: {items: true, user: false, payment_method: false}
)");
  EXPECT_TRUE(shop.NestedRelationAllowed("Product", "images"));
  EXPECT_FALSE(shop.NestedRelationAllowed("Product", "supplier"));
  EXPECT_TRUE(shop.NestedRelationAllowed("Cart", "items"));
  EXPECT_FALSE(shop.NestedRelationAllowed("Cart", "user"));
  EXPECT_FALSE(shop.NestedRelationAllowed("Store", "products"));
}

TEST(Settings, EnvironmentInterpolation) {
  Settings s = MustLoad(R"(
database: ${DATABASE_URL:-sqlite:///fallback.db}
debug: ${RAILGUN_DEBUG:-false}
security:
  rate_limiting:
    enabled: ${RATE_LIMITING_ENABLED:-true}
    requests_per_minute: ${RATE_LIMIT_RPM:-100}
  cors:
    allowed_origins: ${CORS_ALLOWED_ORIGINS:-}
  jwt:
    secret_key: ${JWT_SECRET_KEY}
caching:
  redis_url: "redis://${REDIS_HOST:-localhost}:6379/1"
)",
                        FakeEnv({{"DATABASE_URL", "postgresql://u@127.0.0.1/app"},
                                 {"RAILGUN_DEBUG", "yes"},
                                 {"RATE_LIMIT_RPM", "250"},
                                 {"CORS_ALLOWED_ORIGINS", "https://a.test, https://b.test"},
                                 {"JWT_SECRET_KEY", "s3cret"}}));
  EXPECT_EQ(s.database_url(), "postgresql://u@127.0.0.1/app");
  EXPECT_TRUE(s.debug());
  EXPECT_TRUE(s.GetBool("security_settings.rate_limiting.enabled"));
  EXPECT_EQ(s.GetInt("security_settings.rate_limiting.requests_per_minute"), 250);
  EXPECT_EQ(s.GetStringList("security_settings.cors.allowed_origins"),
            (std::vector<std::string>{"https://a.test", "https://b.test"}));
  EXPECT_EQ(s.GetString("security_settings.jwt.secret_key"), "s3cret");
  EXPECT_EQ(s.GetString("caching.redis_url"), "redis://localhost:6379/1");
}

TEST(Settings, InterpolateEnvEdgeCases) {
  auto env = [](std::string_view name) -> std::optional<std::string> {
    if (name == "SET") return std::string("v");
    if (name == "EMPTY") return std::string();
    return std::nullopt;
  };
  std::vector<std::string> missing;
  EXPECT_EQ(InterpolateEnv("a${SET}b", env, &missing), "avb");
  EXPECT_EQ(InterpolateEnv("${EMPTY:-d}", env, &missing), "d");
  EXPECT_EQ(InterpolateEnv("$${SET}", env, &missing), "${SET}");
  EXPECT_EQ(InterpolateEnv("${UNSET:-x:y}", env, &missing), "x:y");
  EXPECT_TRUE(missing.empty());
  EXPECT_EQ(InterpolateEnv("[${UNSET}]", env, &missing), "[]");
  EXPECT_EQ(missing, (std::vector<std::string>{"UNSET"}));
}

TEST(Settings, ErrorsAndWarnings) {
  SettingsResult r = LoadSettingsText(R"(query_settings:
  default_page_size: twenty
  max_page_sise: 50
caching:
  backend: redsi
schema_settings:
  auto_camelcase: maybe
secret: 1
database: ${MISSING_DB}
)",
                                      "railgun.yaml", FakeEnv({}));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(
      Messages(r.errors),
      (std::vector<std::string>{
          "railgun.yaml:2:22: 'query_settings.default_page_size' must be an integer",
          "railgun.yaml:5:12: 'caching.backend' must be one of memory, redis (got 'redsi'); did you mean 'redis'?",
          "railgun.yaml:7:19: 'schema_settings.auto_camelcase' must be true or false",
          "railgun.yaml:9:11: environment variable 'MISSING_DB' is not set (write ${MISSING_DB:-default} to give "
          "a default)",
      }));
  EXPECT_EQ(Messages(r.warnings),
            (std::vector<std::string>{
                "railgun.yaml:3:3: warning: unknown setting 'query_settings.max_page_sise'; did you mean "
                "'query_settings.max_page_size'?",
                "railgun.yaml:8:1: warning: unknown setting 'secret' (ignored)",
            }));
}

TEST(Settings, DatabaseUrlAndLoadOptions) {
  SettingsResult r = LoadSettingsText("database: mysql://x\n", "r.yaml", FakeEnv({}));
  EXPECT_EQ(Messages(r.errors),
            (std::vector<std::string>{
                "r.yaml:1:11: 'database' must be a sqlite:///path or postgresql://... URL (got 'mysql://x')"}));
  Settings s = MustLoad("database: postgres://127.0.0.1/x\ndefault_auto_field: AutoField\n");
  EXPECT_EQ(s.database_url(), "postgres://127.0.0.1/x");
  EXPECT_EQ(ModelLoadOptions(s).default_auto_field, FieldKind::kAutoField);
  EXPECT_EQ(ModelLoadOptions(Settings()).default_auto_field, FieldKind::kBigAutoField);
}

TEST(Settings, RangeChecks) {
  SettingsResult r =
      LoadSettingsText("query_settings: {max_page_size: 0}\nserver: {port: -1}\n", "r.yaml", FakeEnv({}));
  EXPECT_EQ(Messages(r.errors), (std::vector<std::string>{
                                    "r.yaml:1:33: 'query_settings.max_page_size' must be at least 1",
                                    "r.yaml:2:16: 'server.port' must be at least 0",
                                }));
}

TEST(Settings, NamedSchemasWithOverrides) {
  Settings s = MustLoad(R"(
schema_settings: {enable_graphiql: true}
query_settings: {default_page_size: 25}
schemas:
  public:
    description: Public catalogue
    apps: [ecommerce]
    exclude_models: [ecommerce.Order, OrderItem]
    schema_settings: {enable_graphiql: false, authentication_required: false}
    security: {rate_limiting: {enabled: true}}
  admin:
    version: "2.0.0"
    enabled: false
    models: [blog.Post]
)");
  ASSERT_EQ(s.schemas().size(), 2u);
  const SchemaConfig* pub = s.FindSchema("public");
  ASSERT_NE(pub, nullptr);
  EXPECT_EQ(pub->apps, (std::vector<std::string>{"ecommerce"}));
  EXPECT_EQ(pub->exclude_models, (std::vector<std::string>{"ecommerce.Order", "OrderItem"}));
  EXPECT_EQ(pub->description, "Public catalogue");
  EXPECT_FALSE(s.FindSchema("admin")->enabled);
  EXPECT_EQ(s.FindSchema("admin")->version, "2.0.0");

  Settings pub_settings = s.ForSchema("public");
  EXPECT_FALSE(pub_settings.GetBool("schema_settings.enable_graphiql"));
  EXPECT_TRUE(pub_settings.GetBool("security_settings.rate_limiting.enabled"));
  EXPECT_EQ(pub_settings.GetInt("security_settings.rate_limiting.requests_per_minute"), 60);  // untouched sibling
  EXPECT_EQ(pub_settings.GetInt("query_settings.default_page_size"), 25);                     // inherited from base
  EXPECT_TRUE(s.GetBool("schema_settings.enable_graphiql"));                                  // base unchanged
}

TEST(Settings, SelectSchemaModels) {
  LoadResult models = LoadModelPaths({std::string(RAILGUN_SOURCE_DIR) + "/examples/ecommerce/models.yaml"});
  ASSERT_TRUE(models.ok()) << models.ErrorText();
  const Project& project = *models.project;
  Settings s = MustLoad(R"(
schema_settings: {excluded_models: [auth.Group]}
schemas:
  catalogue:
    apps: [ecommerce]
    models: [product, ecommerce.Category, Brand, ProductImage]
    exclude_models: [ProductImage]
  orders:
    apps: [ecommerce]
    exclude_models: [ecommerce.Product]
    schema_settings: {excluded_apps: [auth]}
)");
  auto names = [](const std::vector<const Model*>& ms) {
    std::vector<std::string> out;
    for (const Model* m : ms) out.push_back(m->label());
    return out;
  };
  EXPECT_EQ(names(SelectSchemaModels(project, s.ForSchema("catalogue"), s.FindSchema("catalogue"))),
            (std::vector<std::string>{"ecommerce.Category", "ecommerce.Brand", "ecommerce.Product", "auth.User"}));
  auto orders = names(SelectSchemaModels(project, s.ForSchema("orders"), s.FindSchema("orders")));
  EXPECT_EQ(std::count(orders.begin(), orders.end(), "ecommerce.Product"), 0);
  EXPECT_EQ(std::count(orders.begin(), orders.end(), "auth.User"), 0);
  EXPECT_EQ(std::count(orders.begin(), orders.end(), "ecommerce.Order"), 1);
  auto all = SelectSchemaModels(project, s, nullptr);
  EXPECT_EQ(all.size(), project.models().size() - 1);  // everything but auth.Group
  EXPECT_TRUE(CheckSchemaReferences(project, s, "railgun.yaml").empty());

  Settings typo = MustLoad("schemas:\n  x:\n    apps: [ecomerce]\n    models: [Prodcut]\n");
  EXPECT_EQ(Messages(CheckSchemaReferences(project, typo, "railgun.yaml")),
            (std::vector<std::string>{
                "railgun.yaml:0:0: schemas.x.apps: unknown app 'ecomerce'; did you mean 'ecommerce'?",
                "railgun.yaml:0:0: schemas.x.models: unknown model 'Prodcut'; did you mean 'Product'?",
            }));
}

TEST(Settings, SeedSchemaConfigShapeIsAccepted) {
  // The seeds' production SCHEMA_CONFIG, as railgun.yaml.
  Settings s = MustLoad(R"(
debug: false
schema_settings: {enable_introspection: false}
security:
  authentication_required: true
  rate_limiting: {enabled: true, requests_per_minute: 100, burst_limit: 20}
  query_analysis: {enabled: true, max_complexity: 1000, max_depth: 10}
  cors: {enabled: true, allowed_origins: "https://app.test"}
performance:
  query_optimization: {enabled: true, auto_select_related: true, auto_prefetch_related: true}
caching: {enabled: true, backend: redis, default_timeout: 300}
monitoring: {enabled: true, metrics_backend: prometheus, slow_query_threshold: 1.0}
)");
  EXPECT_TRUE(s.GetBool("security_settings.authentication_required"));
  EXPECT_EQ(s.GetInt("security_settings.rate_limiting.burst_limit"), 20);
  EXPECT_EQ(s.GetString("caching.backend"), "redis");
  EXPECT_FALSE(s.GetBool("schema_settings.enable_introspection"));
}

TEST(Settings, FileStorageAndUploadLimits) {
  Settings defaults = MustLoad("debug: false\n");
  EXPECT_EQ(defaults.GetString("file_storage.media_root"), "media");
  EXPECT_EQ(defaults.GetString("file_storage.media_url"), "/media/");
  EXPECT_EQ(defaults.GetInt("security_settings.max_upload_files"), 10);
  Settings s = MustLoad(R"(
file_storage: {media_root: "${MEDIA:-/srv/media}", media_url: "https://cdn.test/m/"}
security: {max_file_upload_size: 2048, max_upload_files: 3, allowed_file_types: [png]}
)",
                        FakeEnv({{"MEDIA", "/data/uploads"}}));
  EXPECT_EQ(s.GetString("file_storage.media_root"), "/data/uploads");
  EXPECT_EQ(s.GetString("file_storage.media_url"), "https://cdn.test/m/");
  EXPECT_EQ(s.GetInt("security_settings.max_file_upload_size"), 2048);
  EXPECT_EQ(s.GetInt("security_settings.max_upload_files"), 3);
  EXPECT_EQ(s.GetStringList("security_settings.allowed_file_types"), std::vector<std::string>{"png"});
  SettingsResult bad = LoadSettingsText("security_settings: {max_upload_files: -1}\n", "x.yaml", FakeEnv({}));
  EXPECT_FALSE(bad.ok());
}

TEST(Settings, LoadFileErrors) {
  SettingsResult r = LoadSettingsFile("/nonexistent/railgun.yaml");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.ErrorText(), "/nonexistent/railgun.yaml:0:0: cannot read settings file\n");
  SettingsResult bad = LoadSettingsText("debug: [true\n", "x.yaml", FakeEnv({}));
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0].message.rfind("invalid YAML:", 0), 0u);
}

TEST(Settings, CommittedReferenceMatchesTheTable) {
  std::ifstream in(std::string(RAILGUN_SOURCE_DIR) + "/docs/settings.md");
  ASSERT_TRUE(in) << "docs/settings.md is missing; regenerate it with RenderSettingsReference()";
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), RenderSettingsReference())
      << "docs/settings.md is stale: run `RAILGUN_WRITE_SETTINGS_DOC=1 build/src/models/models_test "
         "--gtest_filter=*Reference*`";
  if (std::getenv("RAILGUN_WRITE_SETTINGS_DOC")) {
    std::ofstream out(std::string(RAILGUN_SOURCE_DIR) + "/docs/settings.md");
    out << RenderSettingsReference();
  }
}

}  // namespace
}  // namespace railgun::models

namespace railgun::models {
namespace {

TEST(Settings, MalformedShapesAreDiagnosed) {
  const char* cases[] = {
      "- a\n",
      "query_settings: 5\n",
      "query_settings: {default_page_size: [1]}\n",
      "security: {cors: {allowed_origins: {a: 1}}}\n",
      "schemas: [a]\n",
      "schemas: {a: 5}\n",
      "schemas: {a: {enabled: maybe, apps: 3}}\n",
      "mutation_settings: {nested_field_config: [1]}\n",
      "monitoring: {slow_query_threshold: fast}\n",
  };
  for (const char* text : cases) {
    SettingsResult r = LoadSettingsText(text, "s.yaml", FakeEnv({}));
    EXPECT_FALSE(r.ok()) << text;
    for (const auto& d : r.errors) EXPECT_EQ(d.message.find("internal error"), std::string::npos) << text << d.message;
  }
  // Empty files and `~` are valid: all defaults.
  EXPECT_TRUE(LoadSettingsText("", "s.yaml", FakeEnv({})).ok());
  EXPECT_TRUE(LoadSettingsText("~\n", "s.yaml", FakeEnv({})).ok());
}

}  // namespace
}  // namespace railgun::models
