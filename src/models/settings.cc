// railgun.yaml: the settings table (single source for validation, defaults and docs/settings.md) and its loader.
#include "models/settings.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "models/yaml_util.h"

namespace railgun::models {
namespace {

using yaml_util::At;
using yaml_util::KeyText;
using yaml_util::NodeToJson;
using yaml_util::ScalarToJson;

using T = SettingType;

// The table. Keys are grouped by section; the first segment is the section (or a top-level key).
const std::vector<SettingSpec>& Table() {
  static const std::vector<SettingSpec> specs = {
      // --- top level ---
      {"debug", T::kBool, "false", "Debug mode: internal error messages and SQL are shown in responses."},
      {"database", T::kString, "\"sqlite:///db.sqlite3\"",
       "Database URL: `sqlite:///relative/path.db`, `sqlite:////absolute/path.db`, `sqlite://:memory:` or "
       "`postgresql://user:password@host:port/name?options`."},
      {"models", T::kStringList, "[]", "Model files or folders to load (each folder contributes its *.yaml files)."},
      {"default_auto_field",
       T::kString,
       "BigAutoField",
       "Type of the implicit `id` primary key (Django's DEFAULT_AUTO_FIELD); an app's model file may override it.",
       {"AutoField", "BigAutoField", "SmallAutoField"}},

      // --- schema_settings ---
      {"schema_settings.excluded_apps", T::kStringList, "[]", "App labels left out of the schema."},
      {"schema_settings.excluded_models", T::kStringList, "[]",
       "Models left out of the schema (`Post` or `blog.Post`)."},
      {"schema_settings.enable_introspection", T::kBool, "true", "Allow `__schema` / `__type` introspection queries."},
      {"schema_settings.enable_graphiql", T::kBool, "true", "Serve the GraphiQL page on GET requests from browsers."},
      {"schema_settings.authentication_required", T::kBool, "false",
       "Reject anonymous requests to this schema with AUTHENTICATION_REQUIRED."},
      {"schema_settings.enable_pagination", T::kBool, "true", "Generate pagination arguments on list fields."},
      {"schema_settings.auto_camelcase", T::kBool, "true",
       "camelCase field and argument names on the wire (graphene's conversion); false keeps snake_case."},
      {"schema_settings.choices_as_enums", T::kBool, "false",
       "Expose choice fields as GraphQL enums instead of String plus `<field>Display`."},
      {"schema_settings.disable_security_mutations", T::kBool, "false",
       "Leave out the login / register / refreshToken / logout mutations."},
      {"schema_settings.show_metadata", T::kBool, "false", "Add model metadata query fields (availableModels, ...)."},
      {"schema_settings.relation_connections", T::kBool, "true",
       "To-many relations are connections (edges/node/pageInfo); false makes them plain lists everywhere "
       "(GraphQLMeta `connection` overrides per model or relation)."},
      {"schema_settings.auto_refresh_on_model_change", T::kBool, "false",
       "Rebuild the schema when model files change on disk."},
      {"schema_settings.prebuild_on_startup", T::kBool, "true",
       "Build every schema at startup instead of on first use."},
      {"schema_settings.query_extensions", T::kStringList, "[]", "Extra query fields registered by plugins."},
      {"schema_settings.mutation_extensions", T::kStringList, "[]", "Extra mutation fields registered by plugins."},

      // --- query_settings ---
      {"query_settings.enable_pagination", T::kBool, "true", "Accept first/after/last/before/offset on list fields."},
      {"query_settings.enable_ordering", T::kBool, "true", "Accept `orderBy` on list fields."},
      {"query_settings.use_relay", T::kBool, "false", "Relay global object ids and the Node interface."},
      {"query_settings.default_page_size",
       T::kInt,
       "20",
       "Rows per page in the query complexity estimate (a `first: 100` costs 5 pages); list fields without "
       "`first`/`last` return every matching row.",
       {},
       1},
      {"query_settings.max_page_size",
       T::kInt,
       "100",
       "Largest accepted `first`/`last` (larger values are an error).",
       {},
       1},
      {"query_settings.max_grouping_buckets", T::kInt, "200", "Most buckets a grouping query returns.", {}, 1},
      {"query_settings.additional_lookup_fields", T::kMap, "{}",
       "Model name -> extra unique fields accepted as single-object query arguments."},
      {"query_settings.generate_filters", T::kBool, "true", "Generate `<Model>FilterInput` and `filters` arguments."},
      {"query_settings.generate_ordering", T::kBool, "true", "Generate `orderBy` arguments."},

      // --- mutation_settings ---
      {"mutation_settings.enable_create", T::kBool, "true", "Generate `create<Model>` mutations."},
      {"mutation_settings.enable_update", T::kBool, "true", "Generate `update<Model>` mutations."},
      {"mutation_settings.enable_delete", T::kBool, "true", "Generate `delete<Model>` mutations."},
      {"mutation_settings.enable_bulk_operations", T::kBool, "true",
       "Generate `bulkCreate<Model>`, `bulkUpdate<Model>` and `bulkDelete<Model>`."},
      {"mutation_settings.enable_method_mutations", T::kBool, "false",
       "Model-method mutations (rail-django runs Python methods; Railgun has none, kept for compatibility)."},
      {"mutation_settings.bulk_batch_size", T::kInt, "100", "Rows per statement in bulk mutations.", {}, 1},
      {"mutation_settings.max_bulk_size", T::kInt, "1000", "Most items one bulk mutation accepts.", {}, 1},
      {"mutation_settings.enable_nested_relations", T::kBool, "true",
       "Accept nested relation input (`category: {name: ...}`, `tags: [{...}]`) by default."},
      {"mutation_settings.nested_relations_config", T::kMap, "{}",
       "Model name -> bool: per-model override of enable_nested_relations."},
      {"mutation_settings.nested_field_config", T::kMap, "{}",
       "Model name -> {relation name -> bool}: per-relation override (wins over nested_relations_config)."},
      {"mutation_settings.max_nested_depth", T::kInt, "10", "Deepest nesting of relation input.", {}, 1},
      {"mutation_settings.required_update_fields", T::kMap, "{}", "Model name -> fields required on update."},

      // --- type_generation_settings ---
      {"type_generation_settings.exclude_fields", T::kMap, "{}", "Model name -> fields hidden from the output type."},
      {"type_generation_settings.excluded_fields", T::kMap, "{}", "Alias of exclude_fields (rail-django spelling)."},
      {"type_generation_settings.include_fields", T::kMap, "{}", "Model name -> the only fields exposed."},
      {"type_generation_settings.custom_field_mappings", T::kMap, "{}",
       "Field type name -> GraphQL scalar name (e.g. {JSONField: JSONString})."},
      {"type_generation_settings.generate_filters", T::kBool, "true", "Generate filter inputs for every type."},
      {"type_generation_settings.enable_filtering", T::kBool, "true", "Accept `filters` arguments."},
      {"type_generation_settings.generate_descriptions", T::kBool, "true",
       "Use help_text / verbose_name / GraphQLMeta descriptions as schema descriptions."},

      // --- performance_settings ---
      {"performance_settings.max_query_depth", T::kInt, "10", "Deepest selection accepted (0 = unlimited).", {}, 0},
      {"performance_settings.max_query_complexity",
       T::kInt,
       "1000",
       "Largest query cost accepted (0 = unlimited).",
       {},
       0},
      {"performance_settings.query_timeout", T::kFloat, "30", "Statement timeout in seconds (0 = none).", {}, 0},
      {"performance_settings.enable_query_cost_analysis", T::kBool, "true", "Compute and enforce query cost."},
      {"performance_settings.enable_query_batching", T::kBool, "true",
       "Accept a JSON array of operations in one request."},
      {"performance_settings.enable_field_selection", T::kBool, "true", "Select only the requested columns."},
      {"performance_settings.plan_cache_size", T::kInt, "1000", "Compiled query plans kept per schema.", {}, 0},
      {"performance_settings.connection_pool_size", T::kInt, "10", "Database connections per process.", {}, 1},
      {"performance_settings.query_optimizer_class", T::kString, "\"\"", "Accepted for compatibility; unused."},
      {"performance_settings.query_optimization.enabled", T::kBool, "true",
       "Join related rows in the same statement (always on in Railgun)."},
      {"performance_settings.query_optimization.auto_select_related", T::kBool, "true", "Accepted for compatibility."},
      {"performance_settings.query_optimization.auto_prefetch_related", T::kBool, "true",
       "Accepted for compatibility."},

      // --- security_settings ---
      {"security_settings.authentication_required", T::kBool, "false", "Reject anonymous requests to every schema."},
      {"security_settings.enable_authentication", T::kBool, "true", "Read credentials (JWT bearer token, cookie)."},
      {"security_settings.enable_authorization", T::kBool, "true", "Enforce permission_classes / field_permissions."},
      {"security_settings.enable_field_permissions", T::kBool, "true", "Enforce GraphQLMeta field_permissions."},
      {"security_settings.permission_classes", T::kStringList, "[]",
       "Default permission classes (AllowAny, IsAuthenticated, IsAdminUser, IsAuthenticatedOrReadOnly, "
       "DjangoModelPermissions)."},
      {"security_settings.authentication_classes", T::kStringList, "[]", "Accepted for compatibility."},
      {"security_settings.query_analyzer_class", T::kString, "\"\"", "Accepted for compatibility."},
      {"security_settings.max_file_upload_size", T::kInt, "10485760", "Largest accepted upload in bytes.", {}, 0},
      {"security_settings.allowed_file_types", T::kStringList, "[.jpg, .jpeg, .png, .gif, .webp, .pdf, .txt, .csv]",
       "File extensions accepted by FileField/ImageField uploads (case-insensitive; an empty list accepts any)."},
      {"security_settings.max_upload_files",
       T::kInt,
       "10",
       "Most files one GraphQL multipart request may carry.",
       {},
       0},
      {"security_settings.enable_input_validation", T::kBool, "true", "Validate input values against field rules."},
      {"security_settings.input_sanitization", T::kBool, "false",
       "HTML-escape string input (off: values are stored as given and always bound as parameters)."},
      {"security_settings.rate_limiting.enabled", T::kBool, "false", "Per-client request rate limiting."},
      {"security_settings.rate_limiting.requests_per_minute", T::kInt, "60", "Requests per client per minute.", {}, 1},
      {"security_settings.rate_limiting.requests_per_hour", T::kInt, "1000", "Requests per client per hour.", {}, 1},
      {"security_settings.rate_limiting.burst_limit",
       T::kInt,
       "20",
       "Requests allowed above the rate in a burst.",
       {},
       0},
      {"security_settings.rate_limiting.scope", T::kString, "ip", "Rate-limit key.", {"ip", "user", "global"}},
      {"security_settings.query_analysis.enabled", T::kBool, "true", "Enforce max_depth and max_complexity."},
      {"security_settings.query_analysis.max_depth",
       T::kInt,
       "10",
       "Deepest selection accepted (0 = unlimited).",
       {},
       0},
      {"security_settings.query_analysis.max_complexity",
       T::kInt,
       "1000",
       "Largest query cost (0 = unlimited).",
       {},
       0},
      {"security_settings.cors.enabled", T::kBool, "true", "Answer CORS preflight requests."},
      {"security_settings.cors.allowed_origins", T::kStringList, "[\"*\"]",
       "Allowed origins (a comma-separated string is accepted, for environment variables)."},
      {"security_settings.cors.allow_credentials", T::kBool, "false", "Send Access-Control-Allow-Credentials."},
      {"security_settings.jwt.secret_key", T::kString, "\"${JWT_SECRET_KEY:-}\"",
       "HMAC key for HS* tokens (falls back to secret_key)."},
      {"security_settings.jwt.algorithm",
       T::kString,
       "HS256",
       "Token signature algorithm.",
       {"HS256", "HS384", "HS512", "RS256"}},
      {"security_settings.jwt.access_token_lifetime",
       T::kInt,
       "3600",
       "Access token lifetime in seconds (0 = none).",
       {},
       0},
      {"security_settings.jwt.refresh_token_lifetime", T::kInt, "86400", "Refresh token lifetime in seconds.", {}, 0},
      {"security_settings.jwt.auth_header_prefix", T::kString, "Bearer", "Authorization header scheme."},
      {"security_settings.jwt.auth_cookie", T::kString, "jwt", "Cookie carrying the access token."},
      {"security_settings.jwt.refresh_cookie", T::kString, "refresh_token", "Cookie carrying the refresh token."},
      {"security_settings.secret_key", T::kString, "\"${SECRET_KEY:-}\"", "Django SECRET_KEY (JWT fallback key)."},

      // --- file_storage ---
      {"file_storage.media_root", T::kString, "media",
       "Folder FileField / ImageField uploads are stored under, as `<media_root>/<upload_to>/<name>` (Django's "
       "MEDIA_ROOT); a relative path resolves against the working directory. The column keeps the path relative "
       "to it, as Django does."},
      {"file_storage.media_url", T::kString, "/media/",
       "URL prefix of stored files in responses (Django's MEDIA_URL): a file's URL is media_url + its stored path."},

      // --- caching ---
      {"caching.enabled", T::kBool, "false", "Cache query results."},
      {"caching.backend", T::kString, "memory", "Result cache store.", {"memory", "redis"}},
      {"caching.redis_url", T::kString, "\"redis://localhost:6379/0\"", "Redis URL when backend is redis."},
      {"caching.default_timeout", T::kInt, "300", "Seconds a cached result lives.", {}, 0},
      {"caching.max_entries", T::kInt, "10000", "Most results kept by the memory backend.", {}, 1},
      {"caching.vary_on_user", T::kBool, "true", "Separate cache entries per authenticated user."},
      {"caching.persisted_queries", T::kBool, "false", "Accept persisted-query hashes (APQ)."},

      // --- monitoring ---
      {"monitoring.enabled", T::kBool, "true", "Collect request metrics."},
      {"monitoring.metrics_backend", T::kString, "prometheus", "Metrics format.", {"prometheus", "none"}},
      {"monitoring.metrics_path", T::kString, "/metrics", "HTTP path of the metrics endpoint."},
      {"monitoring.health_path", T::kString, "/health", "HTTP path of the health endpoint."},
      {"monitoring.slow_query_threshold", T::kFloat, "1.0", "Seconds after which a request is logged as slow.", {}, 0},
      {"monitoring.log_queries", T::kBool, "false", "Log every SQL statement."},
      {"monitoring.log_level", T::kString, "info", "Log level.", {"trace", "debug", "info", "warn", "error", "off"}},
      {"monitoring.error_tracking", T::kString, "\"\"", "Accepted for compatibility (e.g. sentry)."},

      // --- error_handling ---
      {"error_handling.mask_internal_errors", T::kBool, "true",
       "Replace internal error messages with \"Internal server error\" unless debug."},
      {"error_handling.include_stack_trace", T::kBool, "false", "Add the failing SQL to extensions when debug."},
      {"error_handling.error_handler_class", T::kString, "\"\"", "Accepted for compatibility."},

      // --- server ---
      {"server.host", T::kString, "127.0.0.1", "Listen address."},
      {"server.port", T::kInt, "8000", "Listen port.", {}, 0},
      {"server.graphql_path", T::kString, "/graphql", "GraphQL endpoint; named schemas at <path>/<schema>."},
      {"server.threads", T::kInt, "0", "Worker threads (0 = number of cores).", {}, 0},
      {"server.max_body_size", T::kInt, "1048576", "Largest request body in bytes.", {}, 1},
  };
  return specs;
}

// Section name aliases (the seeds' SCHEMA_CONFIG spelling).
std::string_view CanonicalSection(std::string_view name) {
  if (name == "security") return "security_settings";
  if (name == "performance") return "performance_settings";
  if (name == "monitoring_settings") return "monitoring";
  if (name == "cache") return "caching";
  return name;
}

std::vector<std::string_view> SplitDots(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    out.push_back(s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

json::Value DefaultValue(const SettingSpec& spec) {
  YAML::Node node = YAML::Load(std::string(spec.default_yaml));
  json::Value v = NodeToJson(node);
  if (spec.type == T::kString && !v.is_string()) v = json::Value::String(node.Scalar());
  if (spec.type == T::kFloat && v.is_int()) v = json::Value::Double(static_cast<double>(v.as_int()));
  return v;
}

void SetPath(json::Value& root, std::string_view dotted, json::Value v) {
  json::Value* cur = &root;
  auto parts = SplitDots(dotted);
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    json::Value* next = cur->find(parts[i]);
    if (!next || !next->is_object()) next = &cur->set(parts[i], json::Value::MakeObject());
    cur = next;
  }
  cur->set(parts.back(), std::move(v));
}

std::optional<std::string> GetEnv(std::string_view name) {
  const char* v = std::getenv(std::string(name).c_str());
  if (!v) return std::nullopt;
  return std::string(v);
}

class SettingsLoader {
 public:
  SettingsLoader(std::string file, const SettingsOptions& options) : file_(std::move(file)), options_(options) {
    if (!options_.env) options_.env = GetEnv;
  }

  SettingsResult Run(std::string_view text) {
    SettingsResult result;
    Settings settings;
    for (const auto& spec : Table()) {  // defaults that read the environment use the caller's lookup
      if (spec.type != T::kString || spec.default_yaml.find("${") == std::string_view::npos) continue;
      std::vector<std::string> missing;
      SetPath(settings.mutable_root(), spec.key,
              json::Value::String(InterpolateEnv(DefaultValue(spec).as_string(), options_.env, &missing)));
    }
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
      errors_.push_back({{file_, e.mark.line + 1, e.mark.column + 1}, "invalid YAML: " + e.msg, false});
    }
    try {
      if (root.IsDefined() && !root.IsNull()) {
        if (!root.IsMap()) {
          Error(root, "railgun.yaml must be a mapping of sections");
        } else {
          for (const auto& kv : root) {
            std::string key = KeyText(kv.first);
            if (key == "schemas") {
              ParseSchemas(kv.second, settings);
              continue;
            }
            Walk(std::string(CanonicalSection(key)), kv.first, kv.second, settings.mutable_root());
          }
        }
      }
    } catch (const YAML::Exception& e) {
      errors_.push_back({{file_, e.mark.line + 1, e.mark.column + 1}, "invalid settings: " + e.msg, false});
    }
    result.errors = std::move(errors_);
    result.warnings = std::move(warnings_);
    if (result.errors.empty()) result.settings = std::move(settings);
    return result;
  }

 private:
  void Error(const YAML::Node& at, std::string message) {
    errors_.push_back({At(file_, at), std::move(message), false});
  }
  void Warn(const YAML::Node& at, std::string message) {
    warnings_.push_back({At(file_, at), std::move(message), true});
  }

  static bool IsPrefix(std::string_view dotted) {
    std::string prefix = std::string(dotted) + ".";
    for (const auto& s : Table())
      if (s.key.substr(0, prefix.size()) == prefix) return true;
    return false;
  }

  // Known child names of `parent` ("" = top level), for suggestions.
  static std::vector<std::string_view> ChildrenOf(std::string_view parent) {
    std::vector<std::string_view> out;
    std::string prefix = parent.empty() ? "" : std::string(parent) + ".";
    for (const auto& s : Table()) {
      if (s.key.substr(0, prefix.size()) != prefix) continue;
      std::string_view rest = s.key.substr(prefix.size());
      std::string_view child = rest.substr(0, rest.find('.'));
      if (std::find(out.begin(), out.end(), child) == out.end()) out.push_back(child);
    }
    if (parent.empty()) out.push_back("schemas");
    return out;
  }

  // `dotted` is the canonical path of `value`; writes validated values into `out` (a settings tree).
  void Walk(const std::string& dotted, const YAML::Node& key, const YAML::Node& value, json::Value& out) {
    if (const SettingSpec* spec = FindSettingSpec(dotted)) {
      if (auto v = Convert(*spec, value)) SetPath(out, dotted, std::move(*v));
      return;
    }
    if (IsPrefix(dotted)) {
      if (value.IsNull()) return;
      if (!value.IsMap()) {
        Error(value, "'" + dotted + "' must be a mapping");
        return;
      }
      for (const auto& kv : value) Walk(dotted + "." + KeyText(kv.first), kv.first, kv.second, out);
      return;
    }
    std::string parent = dotted.find('.') == std::string::npos ? "" : dotted.substr(0, dotted.rfind('.'));
    std::string leaf = dotted.substr(dotted.rfind('.') + 1);
    std::string best = ClosestMatch(leaf, ChildrenOf(parent));
    Warn(key,
         "unknown setting '" + dotted + "'" +
             (best.empty() ? " (ignored)" : "; did you mean '" + (parent.empty() ? best : parent + "." + best) + "'?"));
  }

  std::string Interpolate(const YAML::Node& node) {
    std::vector<std::string> missing;
    std::string text = InterpolateEnv(node.Scalar(), options_.env, &missing);
    for (const auto& name : missing)
      Error(node, "environment variable '" + name + "' is not set (write ${" + name + ":-default} to give a default)");
    return text;
  }

  // A scalar after ${ENV} substitution, typed like YAML would type it (quoted scalars stay strings).
  json::Value InterpolatedScalar(const YAML::Node& node) {
    if (node.Scalar().find("${") == std::string::npos) return ScalarToJson(node);
    std::string text = Interpolate(node);
    if (node.Tag() == "!") return json::Value::String(text);
    YAML::Node reparsed = YAML::Load(text.empty() ? "\"\"" : text);
    if (!reparsed.IsScalar()) return json::Value::String(text);
    return ScalarToJson(reparsed);
  }

  json::Value InterpolatedTree(const YAML::Node& node) {
    if (node.IsScalar()) return InterpolatedScalar(node);
    if (node.IsSequence()) {
      json::Value arr = json::Value::MakeArray();
      for (const auto& item : node) arr.append(InterpolatedTree(item));
      return arr;
    }
    if (node.IsMap()) {
      json::Value obj = json::Value::MakeObject();
      for (const auto& kv : node) obj.set(KeyText(kv.first), InterpolatedTree(kv.second));
      return obj;
    }
    return json::Value::Null();
  }

  std::optional<json::Value> Convert(const SettingSpec& spec, const YAML::Node& node) {
    std::string what = "'" + std::string(spec.key) + "'";
    auto fail = [&](const std::string& expected) -> std::optional<json::Value> {
      Error(node, what + " must be " + expected);
      return std::nullopt;
    };
    switch (spec.type) {
      case T::kBool: {
        if (!node.IsScalar()) return fail("true or false");
        json::Value v = InterpolatedScalar(node);
        if (v.is_string()) {  // "yes"/"no"/"1"/"0" from environment variables
          std::string s = ToLower(v.as_string());
          if (s == "yes" || s == "on" || s == "1") return json::Value::Bool(true);
          if (s == "no" || s == "off" || s == "0") return json::Value::Bool(false);
        }
        if (v.is_int() && (v.as_int() == 0 || v.as_int() == 1)) return json::Value::Bool(v.as_int() == 1);
        if (!v.is_bool()) return fail("true or false");
        return v;
      }
      case T::kInt: {
        if (!node.IsScalar()) return fail("an integer");
        json::Value v = InterpolatedScalar(node);
        if (!v.is_int()) return fail("an integer");
        if (v.as_int() < spec.min) return fail("at least " + std::to_string(spec.min));
        return v;
      }
      case T::kFloat: {
        if (!node.IsScalar()) return fail("a number");
        json::Value v = InterpolatedScalar(node);
        if (!v.is_number()) return fail("a number");
        if (v.as_double() < static_cast<double>(spec.min)) return fail("at least " + std::to_string(spec.min));
        return json::Value::Double(v.as_double());
      }
      case T::kString: {
        if (!node.IsScalar()) return fail("a string");
        size_t errors_before = errors_.size();
        std::string s = node.Scalar().find("${") == std::string::npos ? node.Scalar() : Interpolate(node);
        if (errors_.size() != errors_before) return std::nullopt;  // unset variable already reported
        if (!spec.allowed.empty() && std::find(spec.allowed.begin(), spec.allowed.end(), s) == spec.allowed.end()) {
          std::string list;
          for (auto a : spec.allowed) list += (list.empty() ? "" : ", ") + std::string(a);
          std::string best = ClosestMatch(s, spec.allowed);
          Error(node, what + " must be one of " + list + " (got '" + s + "')" +
                          (best.empty() ? "" : "; did you mean '" + best + "'?"));
          return std::nullopt;
        }
        if (spec.key == "database" && s.rfind("sqlite://", 0) != 0 && s.rfind("postgresql://", 0) != 0 &&
            s.rfind("postgres://", 0) != 0) {
          Error(node, what + " must be a sqlite:///path or postgresql://... URL (got '" + s + "')");
          return std::nullopt;
        }
        return json::Value::String(s);
      }
      case T::kStringList: {
        json::Value arr = json::Value::MakeArray();
        if (node.IsScalar()) {  // "a,b,c" (handy with environment variables)
          std::string s = node.Scalar().find("${") == std::string::npos ? node.Scalar() : Interpolate(node);
          std::stringstream ss(s);
          for (std::string item; std::getline(ss, item, ',');) {
            size_t b = item.find_first_not_of(' '), e = item.find_last_not_of(' ');
            if (b != std::string::npos) arr.append(json::Value::String(item.substr(b, e - b + 1)));
          }
          return arr;
        }
        if (node.IsNull()) return arr;
        if (!node.IsSequence()) return fail("a list of strings");
        for (const auto& item : node) {
          if (!item.IsScalar()) return fail("a list of strings");
          arr.append(
              json::Value::String(item.Scalar().find("${") == std::string::npos ? item.Scalar() : Interpolate(item)));
        }
        return arr;
      }
      case T::kMap: {
        if (node.IsNull()) return json::Value::MakeObject();
        if (!node.IsMap()) return fail("a mapping");
        return InterpolatedTree(node);
      }
    }
    return std::nullopt;
  }

  void ParseSchemas(const YAML::Node& node, Settings& settings) {
    if (node.IsNull()) return;
    if (!node.IsMap()) {
      Error(node, "'schemas' must map schema names to {apps, models, exclude_models, <section overrides>}");
      return;
    }
    static const std::vector<std::string_view> keys = {"description", "version", "enabled",
                                                       "apps",        "models",  "exclude_models"};
    for (const auto& kv : node) {
      SchemaConfig schema;
      schema.name = KeyText(kv.first);
      schema.overrides = json::Value::MakeObject();
      const YAML::Node& def = kv.second;
      for (const auto& existing : settings.schemas())
        if (existing.name == schema.name) Error(kv.first, "duplicate schema '" + schema.name + "'");
      if (!def.IsNull() && !def.IsMap()) {
        Error(def, "schema '" + schema.name + "' must be a mapping");
        continue;
      }
      if (def.IsMap()) {
        for (const auto& skv : def) {
          std::string key = KeyText(skv.first);
          const YAML::Node& v = skv.second;
          std::string what = "schemas." + schema.name + "." + key;
          if (key == "description")
            schema.description = v.Scalar();
          else if (key == "version")
            schema.version = v.Scalar();
          else if (key == "enabled") {
            json::Value b = v.IsScalar() ? InterpolatedScalar(v) : json::Value();
            if (!b.is_bool())
              Error(v, "'" + what + "' must be true or false");
            else
              schema.enabled = b.as_bool();
          } else if (key == "apps" || key == "models" || key == "exclude_models") {
            std::vector<std::string> list;
            if (v.IsSequence()) {
              for (const auto& item : v) list.push_back(item.Scalar());
            } else if (!v.IsNull()) {
              Error(v, "'" + what + "' must be a list of names");
            }
            (key == "apps" ? schema.apps : key == "models" ? schema.models : schema.exclude_models) = list;
          } else {
            std::string section(CanonicalSection(key));
            if (IsPrefix(section) && !FindSettingSpec(section)) {
              Walk(section, skv.first, v, schema.overrides);
            } else {
              std::vector<std::string_view> candidates(keys.begin(), keys.end());
              for (auto c : ChildrenOf("")) candidates.push_back(c);
              std::string best = ClosestMatch(key, candidates);
              Warn(skv.first, "unknown schema key '" + what + "'" +
                                  (best.empty() ? " (ignored)" : "; did you mean '" + best + "'?"));
            }
          }
        }
      }
      settings.mutable_schemas().push_back(std::move(schema));
    }
  }

  std::string file_;
  SettingsOptions options_;
  std::vector<Diagnostic> errors_;
  std::vector<Diagnostic> warnings_;
};

void MergeInto(json::Value& base, const json::Value& overrides) {
  for (const auto& [key, value] : overrides.as_object()) {
    json::Value* existing = base.find(key);
    if (existing && existing->is_object() && value.is_object() && !value.as_object().empty() && !FindSettingSpec(key)) {
      MergeInto(*existing, value);
    } else {
      base.set(key, value);
    }
  }
}

std::string EscapeCell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else
      out.push_back(c);
  }
  return out;
}

}  // namespace

std::string_view SettingTypeName(SettingType t) {
  switch (t) {
    case T::kBool: return "bool";
    case T::kInt: return "int";
    case T::kFloat: return "float";
    case T::kString: return "string";
    case T::kStringList: return "list";
    case T::kMap: return "map";
  }
  return "string";
}

const std::vector<SettingSpec>& SettingSpecs() { return Table(); }

const SettingSpec* FindSettingSpec(std::string_view dotted_key) {
  for (const auto& s : Table())
    if (s.key == dotted_key) return &s;
  return nullptr;
}

Settings::Settings() : root_(json::Value::MakeObject()) {
  for (const auto& spec : Table()) SetPath(root_, spec.key, DefaultValue(spec));
  // Defaults may themselves use ${ENV:-default}.
  for (const auto& spec : Table()) {
    if (spec.type != T::kString || spec.default_yaml.find("${") == std::string_view::npos) continue;
    std::vector<std::string> missing;
    SetPath(root_, spec.key, json::Value::String(InterpolateEnv(GetString(spec.key), GetEnv, &missing)));
  }
}

const json::Value* Settings::Get(std::string_view dotted_key) const {
  const json::Value* cur = &root_;
  for (auto part : SplitDots(dotted_key)) {
    cur = cur->find(part);
    if (!cur) return nullptr;
  }
  return cur;
}

bool Settings::GetBool(std::string_view k) const {
  const json::Value* v = Get(k);
  return v && v->is_bool() && v->as_bool();
}
int64_t Settings::GetInt(std::string_view k) const {
  const json::Value* v = Get(k);
  return v && v->is_number() ? static_cast<int64_t>(v->as_double()) : 0;
}
double Settings::GetFloat(std::string_view k) const {
  const json::Value* v = Get(k);
  return v && v->is_number() ? v->as_double() : 0.0;
}
std::string Settings::GetString(std::string_view k) const {
  const json::Value* v = Get(k);
  return v && v->is_string() ? v->as_string() : std::string();
}
std::vector<std::string> Settings::GetStringList(std::string_view k) const {
  std::vector<std::string> out;
  const json::Value* v = Get(k);
  if (v && v->is_array())
    for (const auto& item : v->as_array())
      if (item.is_string()) out.push_back(item.as_string());
  return out;
}

const SchemaConfig* Settings::FindSchema(std::string_view name) const {
  for (const auto& s : schemas_)
    if (s.name == name) return &s;
  return nullptr;
}

Settings Settings::ForSchema(std::string_view name) const {
  Settings copy = *this;
  if (const SchemaConfig* schema = FindSchema(name)) MergeInto(copy.root_, schema->overrides);
  return copy;
}

bool Settings::NestedRelationAllowed(std::string_view model, std::string_view field) const {
  if (const json::Value* per_field = Get("mutation_settings.nested_field_config"))
    if (const json::Value* m = per_field->find(model))
      if (const json::Value* f = m->find(field); f && f->is_bool()) return f->as_bool();
  if (const json::Value* per_model = Get("mutation_settings.nested_relations_config"))
    if (const json::Value* m = per_model->find(model); m && m->is_bool()) return m->as_bool();
  return GetBool("mutation_settings.enable_nested_relations");
}

namespace {

bool NameMatches(const Model& m, const std::string& name) {
  size_t dot = name.find('.');
  if (dot == std::string::npos) return ToLower(m.name) == ToLower(name);
  return m.app_label == name.substr(0, dot) && ToLower(m.name) == ToLower(name.substr(dot + 1));
}

bool AnyMatches(const Model& m, const std::vector<std::string>& names) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return NameMatches(m, n); });
}

}  // namespace

std::vector<const Model*> SelectSchemaModels(const Project& project, const Settings& settings,
                                             const SchemaConfig* schema) {
  std::vector<const Model*> out;
  std::vector<std::string> excluded_apps = settings.GetStringList("schema_settings.excluded_apps");
  std::vector<std::string> excluded_models = settings.GetStringList("schema_settings.excluded_models");
  for (const Model* m : project.models()) {
    const App* app = project.FindApp(m->app_label);
    bool builtin = app && app->builtin;
    if (std::find(excluded_apps.begin(), excluded_apps.end(), m->app_label) != excluded_apps.end()) continue;
    if (AnyMatches(*m, excluded_models)) continue;
    if (schema) {
      if (!schema->apps.empty() && !builtin &&
          std::find(schema->apps.begin(), schema->apps.end(), m->app_label) == schema->apps.end())
        continue;
      if (!schema->models.empty() && !builtin && !AnyMatches(*m, schema->models)) continue;
      if (AnyMatches(*m, schema->exclude_models)) continue;
    }
    out.push_back(m);
  }
  return out;
}

std::vector<Diagnostic> CheckSchemaReferences(const Project& project, const Settings& settings,
                                              const std::string& settings_file) {
  std::vector<Diagnostic> out;
  std::vector<std::string_view> app_names, model_names;
  for (const auto& app : project.apps()) app_names.push_back(app.label);
  for (const Model* m : project.models()) model_names.push_back(m->name);
  auto check_model = [&](const std::string& where, const std::string& name) {
    for (const Model* m : project.models())
      if (NameMatches(*m, name)) return;
    std::string bare = name.substr(name.find('.') == std::string::npos ? 0 : name.find('.') + 1);
    std::string best = ClosestMatch(bare, model_names);
    out.push_back({{settings_file, 0, 0},
                   where + ": unknown model '" + name + "'" + (best.empty() ? "" : "; did you mean '" + best + "'?"),
                   false});
  };
  auto check_app = [&](const std::string& where, const std::string& label) {
    if (project.FindApp(label)) return;
    std::string best = ClosestMatch(label, app_names);
    out.push_back({{settings_file, 0, 0},
                   where + ": unknown app '" + label + "'" + (best.empty() ? "" : "; did you mean '" + best + "'?"),
                   false});
  };
  for (const auto& app : settings.GetStringList("schema_settings.excluded_apps"))
    check_app("schema_settings.excluded_apps", app);
  for (const auto& m : settings.GetStringList("schema_settings.excluded_models"))
    check_model("schema_settings.excluded_models", m);
  for (const auto& schema : settings.schemas()) {
    std::string prefix = "schemas." + schema.name;
    for (const auto& app : schema.apps) check_app(prefix + ".apps", app);
    for (const auto& m : schema.models) check_model(prefix + ".models", m);
    for (const auto& m : schema.exclude_models) check_model(prefix + ".exclude_models", m);
  }
  return out;
}

LoadOptions ModelLoadOptions(const Settings& settings) {
  LoadOptions options;
  if (auto kind = FieldKindFromName(settings.GetString("default_auto_field")); kind && IsAutoKind(*kind))
    options.default_auto_field = *kind;
  return options;
}

std::string SettingsResult::ErrorText() const {
  std::string out;
  for (const auto& d : errors) out += d.ToString() + "\n";
  return out;
}

SettingsResult LoadSettingsText(std::string_view text, const std::string& file, const SettingsOptions& options) {
  try {
    SettingsLoader loader(file, options);
    return loader.Run(text);
  } catch (const std::exception& e) {
    SettingsResult r;
    r.errors.push_back({{file, 0, 0}, std::string("internal error: ") + e.what(), false});
    return r;
  }
}

SettingsResult LoadSettingsFile(const std::string& path, const SettingsOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    SettingsResult r;
    r.errors.push_back({{path, 0, 0}, "cannot read settings file", false});
    return r;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return LoadSettingsText(ss.str(), path, options);
}

std::string InterpolateEnv(std::string_view text,
                           const std::function<std::optional<std::string>(std::string_view)>& env,
                           std::vector<std::string>* missing) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 3, "$${") == 0) {
      out += "${";
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") != 0) {
      out.push_back(text[i++]);
      continue;
    }
    size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    std::string_view body = text.substr(i + 2, close - i - 2);
    size_t sep = body.find(":-");
    std::string_view name = body.substr(0, sep);
    std::optional<std::string> value = env ? env(name) : std::nullopt;
    if (sep != std::string_view::npos && (!value || value->empty())) value = std::string(body.substr(sep + 2));
    if (!value) {
      if (missing) missing->push_back(std::string(name));
      value = "";
    }
    out += *value;
    i = close + 1;
  }
  return out;
}

std::string RenderSettingsReference() {
  std::string out =
      "# Railgun settings reference\n\n"
      "<!-- Generated from src/models/settings.cc (RenderSettingsReference); a unit test keeps this file in "
      "sync. -->\n\n"
      "Settings live in `railgun.yaml`. Every key is optional; the default applies when it is absent. Any string "
      "value may use `${ENV_VAR}` or `${ENV_VAR:-default}` (write `$${` for a literal `${`); booleans and numbers "
      "are typed after substitution. Unknown keys are reported as warnings naming the closest known key. Section "
      "aliases: `security` = `security_settings`, `performance` = `performance_settings`, `monitoring_settings` = "
      "`monitoring`, `cache` = `caching`.\n\n"
      "```yaml\n"
      "database: ${DATABASE_URL:-sqlite:///db.sqlite3}\n"
      "models: [examples/blog]\n"
      "schema_settings:\n"
      "  auto_camelcase: true\n"
      "mutation_settings:\n"
      "  enable_nested_relations: true\n"
      "  nested_relations_config: {Comment: false}\n"
      "  nested_field_config: {Post: {comments: false, tags: true}}\n"
      "security_settings:\n"
      "  rate_limiting: {enabled: true, requests_per_minute: 100}\n"
      "schemas:\n"
      "  public:\n"
      "    apps: [blog]\n"
      "    exclude_models: [blog.Comment]\n"
      "    schema_settings: {enable_graphiql: false}\n"
      "```\n\n"
      "## schemas\n\n"
      "`schemas:` maps a schema name to `description`, `version` (default `1.0.0`), `enabled` (default `true`), "
      "`apps` (app labels; empty = all), `models` (`Post` or `blog.Post`; empty = all models of `apps`), "
      "`exclude_models`, and any of the sections below as overrides for that schema only. Each schema is served at "
      "`<server.graphql_path>/<name>`.\n";
  std::string current_section;
  for (const auto& spec : Table()) {
    std::string_view key = spec.key;
    size_t dot = key.find('.');
    std::string section = dot == std::string_view::npos ? "top level" : std::string(key.substr(0, dot));
    if (section != current_section) {
      current_section = section;
      out += "\n## " + section + "\n\n| key | type | default | description |\n|---|---|---|---|\n";
    }
    std::string type(SettingTypeName(spec.type));
    if (!spec.allowed.empty()) {
      type = "one of";
      for (size_t i = 0; i < spec.allowed.size(); ++i)
        type += std::string(i ? "," : "") + " `" + std::string(spec.allowed[i]) + "`";
    }
    out += "| `" + std::string(key) + "` | " + type + " | `" + EscapeCell(spec.default_yaml) + "` | " +
           EscapeCell(spec.description) + " |\n";
  }
  return out;
}

}  // namespace railgun::models
