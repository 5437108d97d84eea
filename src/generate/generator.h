// models::Project -> GeneratedSchema: the GraphQL API of reference/api-shape.md (object, connection, filter,
// mutation input and payload types, root Query and Mutation fields) built with schema::SchemaBuilder, plus the
// bindings compile/ and the mutation pipeline read (generated_schema.h).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "generate/generated_schema.h"
#include "models/model.h"
#include "models/settings.h"
#include "railgun/status.h"

namespace railgun::generate {

struct GenerateOptions {
  bool auto_camelcase = true;     // schema_settings.auto_camelcase: camelCase wire names (graphene's rule)
  bool choices_as_enums = false;  // schema_settings.choices_as_enums: choice fields as enums instead of String
  bool mutations = true;          // generate the Mutation root and its input / payload types
  bool enable_create = true;      // mutation_settings.enable_create: createX
  bool enable_update = true;      // mutation_settings.enable_update: updateX
  bool enable_delete = true;      // mutation_settings.enable_delete: deleteX
  bool enable_bulk = true;        // mutation_settings.enable_bulk_operations: bulkCreateX / bulkUpdateX / bulkDeleteX
  std::vector<std::string> apps;  // app labels to serve; empty = all. Built-in apps (auth, contenttypes) are
                                  // always served when the project has them (they exist only when referenced).
  std::vector<std::string> exclude_models;  // "Post" or "blog.Post"
  std::optional<std::string> description;   // schema description
  // query_settings / type_generation_settings switches.
  bool filters = true;               // generate_filters / enable_filtering: `<Model>FilterInput` and `filters` args
  bool ordering = true;              // generate_ordering / enable_ordering: `orderBy` args
  bool pagination = true;            // enable_pagination: first / after / last / before / offset args
  bool relation_connections = true;  // schema_settings.relation_connections: false = to-many relations as lists
  bool descriptions = true;          // type_generation_settings.generate_descriptions
  // type_generation_settings.exclude_fields / include_fields: model name -> fields hidden / the only ones shown.
  std::vector<std::pair<std::string, std::vector<std::string>>> exclude_fields;
  std::vector<std::pair<std::string, std::vector<std::string>>> include_fields;
};

// The options a railgun.yaml asks for: schema_settings.auto_camelcase / choices_as_enums / excluded_apps /
// excluded_models / enable_pagination / relation_connections, mutation_settings.enable_create / enable_update /
// enable_delete / enable_bulk_operations, query_settings.generate_filters / generate_ordering / enable_pagination /
// enable_ordering and type_generation_settings.generate_filters / enable_filtering / generate_descriptions /
// exclude_fields (excluded_fields) / include_fields.
// `apps` lists every app of `project` not excluded; an excluded built-in app's models go to exclude_models.
[[nodiscard]] GenerateOptions OptionsFromSettings(const models::Settings& settings, const models::Project& project);

// Builds the schema. Errors (kInvalidArgument): no model to serve, a computed field whose type is not a known
// GraphQL type, or (a generator bug) a schema that fails validation.
[[nodiscard]] StatusOr<std::unique_ptr<GeneratedSchema>> Generate(const models::Project& project,
                                                                  const GenerateOptions& options = {});

}  // namespace railgun::generate
