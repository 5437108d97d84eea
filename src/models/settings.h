// railgun.yaml settings: the documented settings table, ${ENV:-default} interpolation, typed validation,
// named schemas with per-schema overrides, and the generated reference (docs/settings.md).
//
// Sections mirror the seeds' and rail-django's names: schema_settings, query_settings, mutation_settings,
// type_generation_settings, performance_settings, security_settings (with the seeds' nested rate_limiting /
// query_analysis / cors / jwt blocks), caching, monitoring, error_handling, server; top-level `debug`,
// `database` (sqlite:///path or postgresql://...), `models` (model files/folders) and `schemas`.
// Aliases accepted for section names: security -> security_settings, performance -> performance_settings,
// monitoring_settings -> monitoring, cache -> caching.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/value.h"
#include "models/loader.h"  // Diagnostic
#include "railgun/status.h"

namespace railgun::models {

enum class SettingType { kBool, kInt, kFloat, kString, kStringList, kMap };
[[nodiscard]] std::string_view SettingTypeName(SettingType t);  // "bool", "int", "float", "string", "list", "map"

// One documented setting. `key` is the dotted path ("query_settings.default_page_size").
struct SettingSpec {
  std::string_view key;
  SettingType type;
  std::string_view default_yaml;  // default value as YAML text ("20", "true", "[]", "{}", "\"*\"")
  std::string_view description;
  std::vector<std::string_view> allowed = {};  // allowed string values (empty = any)
  int64_t min = 0;                             // kInt / kFloat lower bound
};

// Every setting, in documentation order.
[[nodiscard]] const std::vector<SettingSpec>& SettingSpecs();
[[nodiscard]] const SettingSpec* FindSettingSpec(std::string_view dotted_key);

// A named schema (rail-django's register_schema): which models it serves and its settings overrides.
struct SchemaConfig {
  std::string name;
  std::string description;
  std::string version = "1.0.0";
  bool enabled = true;
  std::vector<std::string> apps;            // app labels; empty = every app
  std::vector<std::string> models;          // "Post" or "blog.Post"; empty = every model of `apps`
  std::vector<std::string> exclude_models;  // subtracted last
  json::Value overrides;                    // section -> key -> value, already validated
};

class Settings {
 public:
  // All defaults.
  Settings();

  // The full tree: every section with every key (defaults filled in), as JSON.
  [[nodiscard]] const json::Value& root() const { return root_; }
  // A value by dotted key ("security_settings.rate_limiting.enabled"), or nullptr.
  [[nodiscard]] const json::Value* Get(std::string_view dotted_key) const;
  [[nodiscard]] bool GetBool(std::string_view dotted_key) const;
  [[nodiscard]] int64_t GetInt(std::string_view dotted_key) const;
  [[nodiscard]] double GetFloat(std::string_view dotted_key) const;
  [[nodiscard]] std::string GetString(std::string_view dotted_key) const;
  [[nodiscard]] std::vector<std::string> GetStringList(std::string_view dotted_key) const;

  [[nodiscard]] const std::vector<SchemaConfig>& schemas() const { return schemas_; }
  [[nodiscard]] const SchemaConfig* FindSchema(std::string_view name) const;
  // These settings with the schema's overrides applied (the schema list is kept).
  [[nodiscard]] Settings ForSchema(std::string_view name) const;

  // Convenience views used across modules.
  [[nodiscard]] std::string database_url() const { return GetString("database"); }
  [[nodiscard]] bool auto_camelcase() const { return GetBool("schema_settings.auto_camelcase"); }
  [[nodiscard]] bool debug() const { return GetBool("debug"); }
  // MUTATION_SETTINGS: nested_field_config[model][field], else nested_relations_config[model], else
  // enable_nested_relations.
  [[nodiscard]] bool NestedRelationAllowed(std::string_view model, std::string_view field) const;

  // --- building (used by the settings loader) ---
  json::Value& mutable_root() { return root_; }
  std::vector<SchemaConfig>& mutable_schemas() { return schemas_; }

 private:
  json::Value root_;
  std::vector<SchemaConfig> schemas_;
};

struct SettingsOptions {
  // Environment lookup for ${VAR:-default}; defaults to getenv.
  std::function<std::optional<std::string>(std::string_view)> env;
};

struct SettingsResult {
  std::optional<Settings> settings;  // set only when there are no errors
  std::vector<Diagnostic> errors;
  std::vector<Diagnostic> warnings;  // unknown keys (with the closest known key)
  [[nodiscard]] bool ok() const { return errors.empty() && settings.has_value(); }
  [[nodiscard]] std::string ErrorText() const;
};

// Parses railgun.yaml text; `file` names it in diagnostics.
[[nodiscard]] SettingsResult LoadSettingsText(std::string_view text, const std::string& file,
                                              const SettingsOptions& options = {});
[[nodiscard]] SettingsResult LoadSettingsFile(const std::string& path, const SettingsOptions& options = {});

// `${VAR}` / `${VAR:-default}` substitution (`$${` is a literal `${`). Unset variables without a default are
// reported in `missing` and replaced by "".
[[nodiscard]] std::string InterpolateEnv(std::string_view text,
                                         const std::function<std::optional<std::string>(std::string_view)>& env,
                                         std::vector<std::string>* missing);

// The concrete models a schema serves, in project order: every app (or `schema->apps`), narrowed to
// `schema->models` when given ("Post" / "blog.Post", case-insensitive), minus `schema->exclude_models` and the
// settings' schema_settings.excluded_apps / excluded_models. Built-in apps (auth, contenttypes) are kept when
// `apps` is given, because they exist only when the project's models point at them. `schema` may be nullptr
// (the default schema: everything). Pass `settings.ForSchema(name)` to honour per-schema exclusions.
[[nodiscard]] std::vector<const Model*> SelectSchemaModels(const Project& project, const Settings& settings,
                                                           const SchemaConfig* schema);

// Schema entries naming unknown apps or models, as diagnostics (location: the settings file, line 0).
[[nodiscard]] std::vector<Diagnostic> CheckSchemaReferences(const Project& project, const Settings& settings,
                                                            const std::string& settings_file);

// Model-loader options implied by the settings (default_auto_field).
[[nodiscard]] LoadOptions ModelLoadOptions(const Settings& settings);

// The settings reference as Markdown (the committed docs/settings.md).
[[nodiscard]] std::string RenderSettingsReference();

}  // namespace railgun::models
