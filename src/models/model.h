// The in-memory model registry: Project -> apps -> models -> fields, with relations resolved.
//
// This is the contract for schema generation (generate/) and the SQL compiler (compile/, sql/). Everything here
// is plain data built once by the loader (models/loader.h) and immutable afterwards. Database naming follows
// Django exactly so Railgun can serve an existing Django database:
//   table            `<app>_<modelname lowercase>` (Meta db_table overrides)
//   FK / O2O column  `<field>_id` (db_column overrides)
//   M2M join table   `<app>_<model lowercase>_<field>` with columns `<model>_id`, `<target>_id`
//                    (self-referential: `from_<model>_id`, `to_<model>_id`); a `through` model supplies its own.
//   implicit pk      `id`, a BigAutoField unless LoadOptions::default_auto_field says otherwise.
// Pointers (Model*, Field*) stay valid for the Project's lifetime: models are heap-allocated and never move, and
// field vectors are never resized after loading.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json/value.h"
#include "railgun/status.h"

namespace railgun::models {

// Where a declaration came from (1-based line/column; 0 when synthesized, e.g. the implicit `id`).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

// Django's field classes (the `type:` of a field in a model file).
enum class FieldKind {
  kAutoField,
  kBigAutoField,
  kSmallAutoField,
  kCharField,
  kTextField,
  kSlugField,
  kEmailField,
  kURLField,
  kUUIDField,
  kIntegerField,
  kBigIntegerField,
  kSmallIntegerField,
  kPositiveIntegerField,
  kPositiveBigIntegerField,
  kPositiveSmallIntegerField,
  kFloatField,
  kDecimalField,
  kBooleanField,
  kDateField,
  kDateTimeField,
  kTimeField,
  kDurationField,
  kJSONField,
  kBinaryField,
  kFileField,
  kImageField,
  kGenericIPAddressField,
  kForeignKey,
  kOneToOneField,
  kManyToManyField,
};

// "CharField" for kCharField, etc.
[[nodiscard]] std::string_view FieldKindName(FieldKind kind);
// Inverse of FieldKindName; nullopt for an unknown name.
[[nodiscard]] std::optional<FieldKind> FieldKindFromName(std::string_view name);
// Every kind name in declaration order (for suggestions and docs).
[[nodiscard]] const std::vector<std::string_view>& AllFieldKindNames();

[[nodiscard]] bool IsAutoKind(FieldKind k);      // Auto/BigAuto/SmallAuto
[[nodiscard]] bool IsRelationKind(FieldKind k);  // ForeignKey, OneToOneField, ManyToManyField
[[nodiscard]] bool IsToOneKind(FieldKind k);     // ForeignKey, OneToOneField (have a column)
[[nodiscard]] bool IsStringKind(FieldKind k);    // Char/Text/Slug/Email/URL/GenericIP/File/Image
[[nodiscard]] bool IsIntegerKind(FieldKind k);   // all integer and auto kinds
[[nodiscard]] bool IsNumericKind(FieldKind k);   // integers, Float, Decimal
[[nodiscard]] bool IsTemporalKind(FieldKind k);  // Date, DateTime, Time, Duration

// Django's on_delete behaviours.
enum class OnDelete { kCascade, kProtect, kSetNull, kSetDefault, kRestrict, kDoNothing };
[[nodiscard]] std::string_view OnDeleteName(OnDelete d);  // "CASCADE", ...
[[nodiscard]] std::optional<OnDelete> OnDeleteFromName(std::string_view name);

// Callable defaults Django models commonly use (`default=uuid.uuid4`, `default=timezone.now`, `date.today`).
// Written in a model file as `default_function: uuid4 | now | today`.
enum class DefaultFunction { kNone, kUuid4, kNow, kToday };
[[nodiscard]] std::string_view DefaultFunctionName(DefaultFunction f);

// One `choices` entry: stored value (string or integer) and human-readable label.
struct Choice {
  json::Value value;
  std::string label;
};

struct Model;

struct Field {
  std::string name;  // attribute name, e.g. "category"
  FieldKind kind = FieldKind::kCharField;
  // Database column: `name`, or `<name>_id` for ForeignKey/OneToOneField, or db_column. Empty for ManyToManyField.
  std::string column;

  bool null = false;
  bool blank = false;
  bool unique = false;  // also true for primary keys and OneToOneField
  bool db_index = false;
  bool primary_key = false;
  bool editable = true;  // false for auto pks and auto_now/auto_now_add fields, as in Django
  bool auto_now = false;
  bool auto_now_add = false;
  bool auto_created = false;  // the implicit `id` or a multi-table-inheritance `<parent>_ptr`

  std::optional<json::Value> default_value;  // literal default (strings, numbers, bools, {} and [] for JSON)
  DefaultFunction default_function = DefaultFunction::kNone;
  std::vector<Choice> choices;

  std::optional<int> max_length;
  std::optional<int> max_digits;      // DecimalField
  std::optional<int> decimal_places;  // DecimalField
  std::string upload_to;              // FileField / ImageField
  // JSONField `preserve_key_order: true`: the PostgreSQL column is `json` (the text as written: member order,
  // duplicate-free input kept byte for byte) instead of Django's `jsonb` (which orders members by key length).
  // SQLite keeps the text either way.
  bool preserve_key_order = false;
  std::string help_text;
  std::string verbose_name;  // defaults to the name with '_' replaced by ' '

  // --- relations (ForeignKey, OneToOneField, ManyToManyField) ---
  std::string to;           // as written: "Category", "blog.Category", "self", "auth.User"
  Model* target = nullptr;  // resolved target model
  std::string to_field;     // FK target column's field name; empty = target's pk
  OnDelete on_delete = OnDelete::kCascade;
  std::string related_name;        // as written; empty = Django default
  std::string related_query_name;  // as written; empty = Django default
  bool parent_link = false;        // the `<parent>_ptr` link of multi-table inheritance

  // ManyToManyField only.
  std::string through;             // as written; empty = auto-created join table
  Model* through_model = nullptr;  // resolved `through` model
  bool symmetrical = false;        // self-referential M2M without through (Django default) -> no reverse accessor
  std::string m2m_table;           // join table name (through model's table when `through` is given)
  std::string m2m_source_column;   // join-table column pointing at the declaring model
  std::string m2m_target_column;   // join-table column pointing at the target model

  SourceLocation location;

  [[nodiscard]] bool is_relation() const { return IsRelationKind(kind); }
  [[nodiscard]] bool is_to_one() const { return IsToOneKind(kind); }
  [[nodiscard]] bool is_many_to_many() const { return kind == FieldKind::kManyToManyField; }
  [[nodiscard]] bool has_choices() const { return !choices.empty(); }
  // Label of a choice value, or nullptr.
  [[nodiscard]] const std::string* ChoiceLabel(const json::Value& value) const;
};

// A relation seen from its target: `Category.posts` for `Post.category`. Django's default accessor is
// `<model>_set` for ForeignKey / ManyToManyField and `<model>` for OneToOneField (model name lower-cased);
// the default query name is related_query_name, else related_name, else `<model>`.
struct ReverseRelation {
  std::string accessor_name;     // attribute on the target (GraphQL field name before camelCase)
  std::string query_name;        // name used in filter / order paths (`category__posts__title` style)
  Model* source = nullptr;       // model declaring the forward field
  const Field* field = nullptr;  // the forward field on `source`
  bool many = true;              // false for the reverse of a OneToOneField
  bool hidden = false;           // related_name ends with '+': no accessor, still usable for clash checks
};

struct Index {
  std::string name;                 // may be empty (the migration writer derives one)
  std::vector<std::string> fields;  // "-field" for descending
  bool unique = false;
};

struct Constraint {
  enum class Kind { kUnique, kCheck };
  Kind kind = Kind::kUnique;
  std::string name;
  std::vector<std::string> fields;  // kUnique
  std::string check;                // kCheck: SQL boolean expression over the model's columns
  std::string condition;            // kUnique: optional partial-index SQL condition
};

// A GraphQL field computed in SQL from the model's own columns (the seeds' `effectivePrice`).
struct ComputedField {
  std::string name;          // snake_case field name
  std::string graphql_type;  // GraphQL type reference text, e.g. "Decimal", "Boolean!", "[String!]"
  std::string sql;           // default SQL expression; columns are referenced by name
  std::map<std::string, std::string> sql_by_backend;  // "sqlite" / "postgresql" overrides
  std::string description;
  SourceLocation location;
  // The expression for a backend ("sqlite", "postgresql"); falls back to `sql`.
  [[nodiscard]] const std::string& SqlFor(std::string_view backend) const;
};

// `graphql: validators: {field: {...}}`: rules a mutation input value must pass (besides the field's own
// Django validators). Each rule has its own code; `message` replaces the default text of every rule of the field.
struct FieldValidator {
  std::string field;
  std::string regex;  // ECMAScript pattern the whole value must match; empty = none
  std::optional<double> min_value, max_value;
  std::optional<int> min_length, max_length;  // in characters
  std::string message;
  SourceLocation location;
};

// `graphql: sanitize_html: {field: true | {tags: [...], attributes: {tag: [...]}, strip: bool}}`: the field's HTML
// is cleaned on input like bleach.clean: allowed tags keep only allowed attributes (href / src limited to http,
// https and mailto), other tags are escaped (or dropped with strip), comments are removed.
struct HtmlSanitizer {
  std::string field;
  std::vector<std::string> tags;                                             // allowed tags (default: bleach's list)
  std::vector<std::pair<std::string, std::vector<std::string>>> attributes;  // tag ("*" = any) -> attributes
  bool strip = false;
};

// The model's `graphql:` block (the seeds' GraphQLMeta). Names are model field / relation names (snake_case).
struct GraphQLMeta {
  std::optional<std::vector<std::string>> fields;  // `fields:` include list; nullopt = all
  std::vector<std::string> exclude_fields;         // `exclude_fields:` (alias `exclude`)
  std::vector<std::string> read_only_fields;       // left out of mutation inputs
  std::vector<std::string> write_only_fields;      // left out of the output type
  // `filter_fields:` (alias `filterable_fields:`): field path -> lookups, in file order. `has_filter_fields`
  // distinguishes "not given" (use type defaults) from an explicitly empty map.
  std::vector<std::pair<std::string, std::vector<std::string>>> filter_fields;
  bool has_filter_fields = false;
  std::vector<std::string> ordering;  // allowed / default ordering, e.g. ["-created_at", "name"]
  std::vector<std::pair<std::string, std::string>> descriptions;  // field -> description
  std::vector<std::string> search_fields;                         // `search: String` filter (icontains OR)
  std::vector<ComputedField> computed_fields;
  std::vector<std::pair<std::string, std::vector<std::string>>> field_permissions;  // field -> permission codenames
  std::vector<std::string> permission_classes;                                      // stored for security/
  std::vector<std::string> select_related;    // accepted (the compiler always joins)
  std::vector<std::string> prefetch_related;  // accepted
  std::optional<bool> connection;             // `connection: false` -> every to-many relation is a plain list
  std::vector<std::pair<std::string, bool>> relation_connection;  // `connection: {images: false}`
  std::string validator_class;                                    // stored as given (seeds: input validation hook)
  std::vector<FieldValidator> validators;                         // `validators:` (mutation inputs)
  std::vector<HtmlSanitizer> sanitize_html;                       // `sanitize_html:` (mutation inputs)
  json::Value caching;  // `caching:` block stored as given (enabled, timeout, vary_on, invalidate_on)

  // Whether the to-many relation `relation` is exposed as a connection (default true).
  [[nodiscard]] bool IsConnection(std::string_view relation) const;
  // The explicit filter lookups for `field`, or nullptr when filter_fields does not mention it.
  [[nodiscard]] const std::vector<std::string>* LookupsFor(std::string_view field) const;
  [[nodiscard]] const std::string* DescriptionFor(std::string_view field) const;
  // True when the field is exposed on the output type (fields/exclude_fields/write_only_fields).
  [[nodiscard]] bool IsExposed(std::string_view field) const;
};

struct Model {
  std::string app_label;    // "blog"
  std::string name;         // "Post"
  std::string db_table;     // "blog_post"
  bool abstract = false;    // abstract models are templates only: not in Project::models()
  std::string extends;      // parent as written (abstract: fields copied; concrete: multi-table inheritance)
  Model* parent = nullptr;  // concrete parent for multi-table inheritance (pk is the `<parent>_ptr` field)

  std::vector<Field> fields;  // declaration order; the pk (implicit `id` or `<parent>_ptr`) first when implicit

  // Meta
  std::vector<std::string> ordering;  // e.g. ["-created_at"]
  std::vector<std::vector<std::string>> unique_together;
  std::vector<Index> indexes;
  std::vector<Constraint> constraints;
  std::string verbose_name;         // default: name split on capitals, lower-cased ("order item")
  std::string verbose_name_plural;  // default: verbose_name + "s"
  std::string get_latest_by;
  std::string description;  // docstring-like text for the schema

  GraphQLMeta graphql;
  // Relations pointing at this model (including hidden ones), in resolution order.
  std::vector<ReverseRelation> reverse_relations;
  SourceLocation location;

  [[nodiscard]] std::string label() const { return app_label + "." + name; }  // "blog.Post"
  [[nodiscard]] std::string lower_name() const;                               // "post", "orderitem"
  [[nodiscard]] const Field* pk() const;                                      // never null after loading
  [[nodiscard]] const Field* FindField(std::string_view field_name) const;
  // Forward field by column name ("category_id").
  [[nodiscard]] const Field* FindFieldByColumn(std::string_view column) const;
  [[nodiscard]] const ReverseRelation* FindReverse(std::string_view accessor_name) const;
  // Visible reverse relations (hidden ones skipped).
  [[nodiscard]] std::vector<const ReverseRelation*> VisibleReverseRelations() const;
  // Own fields, then the fields of multi-table-inheritance ancestors (nearest first) that a child row exposes as
  // its own (Django semantics): every ancestor field except its primary key and parent links, unless shadowed.
  [[nodiscard]] std::vector<const Field*> FieldsWithInherited() const;
  // Visible reverse relations of this model and of its multi-table-inheritance ancestors (an ancestor's key
  // equals the child's, so they join on the child's key); the parent links' own reverse one-to-ones are skipped.
  [[nodiscard]] std::vector<const ReverseRelation*> ReverseRelationsWithInherited() const;
  // The model declaring `field` among this model and its ancestors (nullptr when none does).
  [[nodiscard]] const Model* OwnerOf(const Field& field) const;
  // Field lookup that also searches multi-table-inheritance parents; `owner` receives the declaring model.
  [[nodiscard]] const Field* FindFieldInherited(std::string_view field_name, const Model** owner = nullptr) const;
};

struct App {
  std::string label;           // "blog"
  std::string file;            // model file it came from ("" for built-in apps)
  bool builtin = false;        // auth / contenttypes models materialized on reference
  std::vector<Model*> models;  // concrete and abstract models, declaration order
};

// All apps and models of one project. Move-only (owns the models).
class Project {
 public:
  Project() = default;
  Project(Project&&) = default;
  Project& operator=(Project&&) = default;
  Project(const Project&) = delete;
  Project& operator=(const Project&) = delete;

  [[nodiscard]] const std::vector<App>& apps() const { return apps_; }
  [[nodiscard]] const App* FindApp(std::string_view label) const;
  // Concrete (non-abstract) models in app order then declaration order.
  [[nodiscard]] std::vector<const Model*> models() const;
  // Every model including abstract ones.
  [[nodiscard]] const std::vector<std::unique_ptr<Model>>& all_models() const { return models_; }
  // "app.Model" (case-insensitive on the model name, as Django) or a bare "Model" when unique across apps.
  // Abstract models are found too (check Model::abstract); nullptr when unknown or ambiguous.
  [[nodiscard]] const Model* FindModel(std::string_view label) const;
  [[nodiscard]] Model* FindModel(std::string_view label);
  // Model name within an app (exact, then case-insensitive).
  [[nodiscard]] Model* FindModelInApp(std::string_view app, std::string_view name) const;
  [[nodiscard]] FieldKind default_auto_field() const { return default_auto_field_; }

  // --- building (used by the loader) ---
  App& AddApp(std::string label, std::string file);
  Model& AddModel(App& app, std::unique_ptr<Model> model);
  void set_default_auto_field(FieldKind kind) { default_auto_field_ = kind; }
  std::vector<App>& mutable_apps() { return apps_; }

 private:
  std::vector<App> apps_;
  std::vector<std::unique_ptr<Model>> models_;
  FieldKind default_auto_field_ = FieldKind::kBigAutoField;
};

// Rewrites a computed-field SQL expression so each column reference becomes `<alias>."<column>"` (just
// `"<column>"` when alias is empty). Identifiers may be field names (`category` -> `category_id`) or column
// names; function names (followed by '('), SQL keywords, type names after `AS` / `::`, quoted strings and
// numbers are kept. An unknown identifier is a kInvalidArgument error naming it (and the closest field).
[[nodiscard]] StatusOr<std::string> QualifyColumns(const Model& model, std::string_view sql, std::string_view alias);

// Django's default verbose name for a class name: "OrderItem" -> "order item".
[[nodiscard]] std::string DefaultVerboseName(std::string_view class_name);
[[nodiscard]] std::string ToLower(std::string_view s);

}  // namespace railgun::models
