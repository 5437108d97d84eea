// Model files (YAML) -> Project. Collects every problem at once as `file:line:column: message` diagnostics.
//
// File format (DESIGN.md §4; see src/models/README.md for the full reference):
//   app: blog
//   default_auto_field: BigAutoField        # optional, per app (Django's AppConfig.default_auto_field)
//   models:
//     Post:
//       extends: Publishable                # optional: abstract base (fields copied) or concrete parent
//       abstract: false
//       fields:
//         title: {type: CharField, max_length: 200}
//         body: TextField                   # shorthand for {type: TextField}
//       meta: {ordering: [-created_at], unique_together: [[slug, site]], db_table: ..., indexes: [...]}
//       graphql: {filter_fields: {title: [exact, icontains]}, ordering: [-created_at], ...}
// Built-in apps `auth` (User, Group) and `contenttypes` (ContentType) are added, with Django's tables, when a
// relation targets them (`to: auth.User`, or a bare `User` no loaded app defines).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/model.h"
#include "railgun/status.h"

namespace railgun::models {

struct Diagnostic {
  SourceLocation location;
  std::string message;  // e.g. "blog.Post.title: (fields.E120) CharFields must define a 'max_length' attribute."
  bool warning = false;
  // "file:line:column: message" (warnings: "file:line:column: warning: message").
  [[nodiscard]] std::string ToString() const;
};

struct LoadOptions {
  // The implicit primary key's type when an app does not say (Django's DEFAULT_AUTO_FIELD).
  FieldKind default_auto_field = FieldKind::kBigAutoField;
  // Materialize auth.User / auth.Group / contenttypes.ContentType when referenced.
  bool builtin_apps = true;
};

struct LoadResult {
  std::optional<Project> project;  // set only when there are no errors
  std::vector<Diagnostic> errors;  // sorted by file, line, column
  std::vector<Diagnostic> warnings;
  [[nodiscard]] bool ok() const { return errors.empty() && project.has_value(); }
  // All errors, one `file:line:column: message` per line.
  [[nodiscard]] std::string ErrorText() const;
};

// One model file's text and the name used in diagnostics.
struct ModelSource {
  std::string file;
  std::string text;
};

// Loads model files from text (tests, embedded examples). All sources form one project.
[[nodiscard]] LoadResult LoadModelSources(const std::vector<ModelSource>& sources, const LoadOptions& options = {});

// Loads files and folders (a folder contributes its *.yaml / *.yml files, recursively, in sorted order).
[[nodiscard]] LoadResult LoadModelPaths(const std::vector<std::string>& paths, const LoadOptions& options = {});

// LoadModelPaths as a StatusOr: kInvalidArgument carrying ErrorText() on failure.
[[nodiscard]] StatusOr<Project> LoadProject(const std::vector<std::string>& paths, const LoadOptions& options = {});

// The closest candidate by edit distance (case-insensitive), or "" when none is close enough. Exposed for
// settings and other "did you mean" messages.
[[nodiscard]] std::string ClosestMatch(std::string_view word, const std::vector<std::string_view>& candidates);

// Filter lookups the loader accepts in `graphql.filter_fields` (Django's built-in lookups).
[[nodiscard]] const std::vector<std::string_view>& KnownLookups();

}  // namespace railgun::models
