// models::Project -> GeneratedSchema (see generator.h and reference/api-shape.md).
//
// Generation runs in two phases: every named type is created first (so fields can point at any of them), then
// filled. Per model P (public name: the model name, or app label + model name on a clash across apps):
//   PType, PConnection, PEdge, PFilterInput, CreatePInput, UpdatePInput, BulkUpdatePInput, PRelationInput,
//   Create/Update/Delete/BulkCreate/BulkUpdate/BulkDelete PPayload; shared PageInfo and MutationError.
#include "generate/generator.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "generate/custom_scalars.h"
#include "generate/names.h"
#include "schema/builder.h"
#include "schema/scalars.h"

namespace railgun::generate {

using models::Field;
using models::FieldKind;
using models::Model;
using models::ReverseRelation;
using schema::NamedType;
using schema::TypeKind;
using schema::TypeRef;

namespace {

struct ModelTypes {
  const Model* model = nullptr;
  std::string public_name;  // "Product", "SaasComment"
  std::string snake;        // "product", "saas_comment"
  NamedType* object = nullptr;
  NamedType* connection = nullptr;
  NamedType* edge = nullptr;
  NamedType* filter = nullptr;
  NamedType* create_input = nullptr;  // null when the model has no writable field
  NamedType* update_input = nullptr;
  NamedType* bulk_update_input = nullptr;
  NamedType* relation_input = nullptr;
  NamedType* create_payload = nullptr;
  NamedType* update_payload = nullptr;
  NamedType* delete_payload = nullptr;
  NamedType* bulk_create_payload = nullptr;
  NamedType* bulk_update_payload = nullptr;
  NamedType* bulk_delete_payload = nullptr;
};

// Lookups offered by default (no GraphQLMeta filter_fields) for a field.
std::vector<std::string> DefaultLookups(const Field& f, bool is_pk) {
  if (is_pk) return {"exact", "in"};
  if (f.is_many_to_many()) return {"exact", "in"};
  if (f.is_to_one()) return {"exact", "in", "isnull"};
  if (f.has_choices()) return {"exact", "in", "isnull"};
  if (models::IsStringKind(f.kind))
    return {"exact",      "iexact",      "contains", "icontains", "in",    "isnull",
            "startswith", "istartswith", "endswith", "iendswith", "regex", "iregex"};
  switch (f.kind) {
    case FieldKind::kUUIDField: return {"exact", "in", "isnull"};
    case FieldKind::kBooleanField: return {"exact", "isnull"};
    case FieldKind::kJSONField: return {"exact", "isnull", "has_key"};
    case FieldKind::kBinaryField: return {};
    case FieldKind::kDateField:
    case FieldKind::kDateTimeField:
      return {"exact", "in", "isnull", "gt", "gte", "lt", "lte", "range", "year", "month", "day", "week_day"};
    default:
      if (models::IsNumericKind(f.kind) || models::IsTemporalKind(f.kind))
        return {"exact", "in", "isnull", "gt", "gte", "lt", "lte", "range"};
      return {"exact", "in", "isnull"};
  }
}

bool IsStringLookup(std::string_view l) {
  return l == "iexact" || l == "contains" || l == "icontains" || l == "startswith" || l == "istartswith" ||
         l == "endswith" || l == "iendswith" || l == "regex" || l == "iregex" || l == "search" || l == "has_key";
}

bool IsIntPartLookup(std::string_view l) {
  return l == "year" || l == "month" || l == "day" || l == "week" || l == "week_day" || l == "iso_week_day" ||
         l == "quarter" || l == "iso_year" || l == "hour" || l == "minute" || l == "second";
}

std::string ChoiceValueText(const json::Value& v) {
  if (v.is_string()) return v.as_string();
  if (v.is_int()) return std::to_string(v.as_int());
  if (v.is_double()) return schema::JsNumberToString(v.as_double());
  if (v.is_bool()) return v.as_bool() ? "true" : "false";
  return "null";
}

// graphene-django's enum value name for a choice value: non-word runs -> '_', upper-cased, "A_" before a digit.
std::string ChoiceEnumName(const json::Value& v) {
  std::string text = ChoiceValueText(v), out;
  bool in_sep = false;
  for (char c : text) {
    bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (word) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      in_sep = false;
    } else if (!in_sep) {
      out += '_';
      in_sep = true;
    }
  }
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out = "A_" + out;
  return out;
}

}  // namespace

struct GeneratedSchema::Builder {
  const models::Project& project;
  const GenerateOptions& options;
  std::unique_ptr<GeneratedSchema> out = std::make_unique<GeneratedSchema>();
  schema::SchemaBuilder sb;
  std::vector<ModelTypes> models;
  std::unordered_map<const Model*, ModelTypes*> by_model;
  std::map<std::string, NamedType*, std::less<>> scalars;
  std::map<std::pair<const Model*, const Field*>, NamedType*> choice_enums;
  NamedType* page_info = nullptr;
  NamedType* mutation_error = nullptr;
  std::vector<NamedType*> created;  // every type this generator made (for StripDescriptions)
  NamedType* query = nullptr;
  NamedType* mutation = nullptr;
  Status status;

  Builder(const models::Project& p, const GenerateOptions& o) : project(p), options(o) {}

  // --- names ---
  [[nodiscard]] std::string Wire(std::string_view snake) const {
    return options.auto_camelcase ? ToCamelCase(snake) : std::string(snake);
  }

  // --- selection ---
  [[nodiscard]] bool Selected(const Model& m) const {
    if (m.abstract) return false;
    const models::App* app = project.FindApp(m.app_label);
    bool builtin = app && app->builtin;
    if (!builtin && !options.apps.empty() &&
        std::find(options.apps.begin(), options.apps.end(), m.app_label) == options.apps.end())
      return false;
    for (const std::string& ex : options.exclude_models)
      if (ex == m.name || ex == m.label()) return false;
    return true;
  }
  [[nodiscard]] ModelTypes* Served(const Model* m) const {
    auto it = by_model.find(m);
    return it == by_model.end() ? nullptr : it->second;
  }

  // --- types ---
  const NamedType* Builtin(std::string_view name) { return sb.type(name); }
  const NamedType* Scalar(std::string_view name) {
    auto it = scalars.find(name);
    if (it != scalars.end()) return it->second;
    return sb.type(name);
  }
  static TypeRef Named(const NamedType* t) { return schema::Named(t); }
  static TypeRef NonNull(TypeRef t) { return schema::NonNull(std::move(t)); }
  static TypeRef ListOf(TypeRef t) { return schema::ListOf(std::move(t)); }
  TypeRef ListOfNonNull(const NamedType* t) { return ListOf(NonNull(Named(t))); }

  const NamedType* ChoiceEnum(const ModelTypes& mt, const Field& f) {
    auto key = std::make_pair(mt.model, &f);
    auto it = choice_enums.find(key);
    if (it != choice_enums.end()) return it->second;
    NamedType* e = Create(TypeKind::kEnum, mt.public_name + ToPascalCase(f.name) + "Choices");
    e->description = "Choices of " + mt.model->name + "." + f.name + ".";
    auto& choice_map = out->enum_choices_[e];
    for (const models::Choice& c : f.choices) {
      std::string name = ChoiceEnumName(c.value);
      if (choice_map.count(name)) continue;
      choice_map[name] = &c;
      e->enum_values.push_back(schema::EnumValue{name, c.label, {}, {}});
    }
    choice_enums[key] = e;
    return e;
  }

  // The GraphQL scalar / enum of a non-relation field on output (`for_input`: mutation inputs).
  const NamedType* ColumnType(const ModelTypes& mt, const Field& f, bool for_input) {
    if (&f == mt.model->pk() || models::IsAutoKind(f.kind)) return Builtin("ID");
    if (f.has_choices() && options.choices_as_enums) return ChoiceEnum(mt, f);
    switch (f.kind) {
      case FieldKind::kUUIDField: return Scalar("UUID");
      case FieldKind::kIntegerField:
      case FieldKind::kSmallIntegerField:
      case FieldKind::kPositiveIntegerField:
      case FieldKind::kPositiveSmallIntegerField: return Builtin("Int");
      case FieldKind::kBigIntegerField:
      case FieldKind::kPositiveBigIntegerField: return Scalar("BigInt");
      case FieldKind::kFloatField: return Builtin("Float");
      case FieldKind::kDecimalField: return Scalar("Decimal");
      case FieldKind::kBooleanField: return Builtin("Boolean");
      case FieldKind::kDateField: return Scalar("Date");
      case FieldKind::kDateTimeField: return Scalar("DateTime");
      case FieldKind::kTimeField: return Scalar("Time");
      case FieldKind::kDurationField: return Scalar("Duration");
      case FieldKind::kJSONField: return Scalar("JSON");
      case FieldKind::kFileField:
      case FieldKind::kImageField: return for_input ? Scalar("Upload") : Builtin("String");
      case FieldKind::kForeignKey:
      case FieldKind::kOneToOneField:
      case FieldKind::kManyToManyField: return Builtin("ID");
      default: return Builtin("String");
    }
  }

  // Parses a computed field's GraphQL type text ("Decimal", "Boolean!", "[String!]").
  StatusOr<TypeRef> ParseTypeText(std::string_view text, const std::string& what) {
    std::string_view s = text;
    auto trim = [](std::string_view v) {
      while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
      while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
      return v;
    };
    s = trim(s);
    if (!s.empty() && s.back() == '!') {
      RG_ASSIGN_OR_RETURN(TypeRef inner, ParseTypeText(s.substr(0, s.size() - 1), what));
      return NonNull(inner);
    }
    if (s.size() >= 2 && s.front() == '[' && s.back() == ']') {
      RG_ASSIGN_OR_RETURN(TypeRef inner, ParseTypeText(s.substr(1, s.size() - 2), what));
      return ListOf(inner);
    }
    const NamedType* t = Scalar(s);
    if (!t || !t->is_output_type() || !t->is_leaf())
      return InvalidArgument(what + ": unknown computed field type \"" + std::string(text) +
                             "\" (use a scalar: String Int Float Boolean ID DateTime Date Time Decimal JSON UUID "
                             "Duration BigInt)");
    return Named(t);
  }

  // --- field helpers ---
  // Adds an output field unless the name is taken; returns it (valid until the next AddField on `t`) or nullptr.
  schema::Field* AddField(NamedType* t, std::string name, TypeRef type, FieldBinding binding,
                          std::optional<std::string> description = std::nullopt) {
    if (t->field(name)) return nullptr;
    out->bindings_[{t, name}] = binding;
    schema::Field f;
    f.name = std::move(name);
    f.type = std::move(type);
    f.description = std::move(description);
    t->fields.push_back(std::move(f));
    return &t->fields.back();
  }
  static schema::InputValue Arg(std::string name, TypeRef type, std::optional<std::string> description = {}) {
    schema::InputValue v;
    v.name = std::move(name);
    v.type = std::move(type);
    v.description = std::move(description);
    return v;
  }
  bool AddInputField(NamedType* t, std::string name, TypeRef type, std::optional<std::string> description = {}) {
    if (t->input_field(name)) return false;
    t->input_fields.push_back(Arg(std::move(name), std::move(type), std::move(description)));
    return true;
  }

  NamedType* Add(TypeKind kind, std::string name) { return created.emplace_back(sb.AddType(kind, std::move(name))); }
  NamedType* Create(TypeKind kind, std::string name) {
    return created.emplace_back(sb.CreateType(kind, std::move(name)));
  }

  // Output-field visibility: GraphQLMeta plus type_generation_settings.exclude_fields / include_fields.
  [[nodiscard]] bool Shown(const Model& m, const std::string& name) const {
    if (!m.graphql.IsExposed(name)) return false;
    auto listed = [&](const std::vector<std::pair<std::string, std::vector<std::string>>>& per_model, bool* mentioned) {
      for (const auto& [model, fields] : per_model) {
        if (model != m.name && model != m.label()) continue;
        *mentioned = true;
        if (std::find(fields.begin(), fields.end(), name) != fields.end()) return true;
      }
      return false;
    };
    bool mentioned = false;
    if (listed(options.exclude_fields, &mentioned)) return false;
    mentioned = false;
    if (!listed(options.include_fields, &mentioned) && mentioned) return name == "id" || name == m.pk()->name;
    return true;
  }

  void StripDescriptions() {
    for (NamedType* t : created) {
      t->description.reset();
      for (schema::Field& f : t->fields) {
        f.description.reset();
        for (schema::InputValue& a : f.args) a.description.reset();
      }
      for (schema::InputValue& v : t->input_fields) v.description.reset();
      for (schema::EnumValue& v : t->enum_values) v.description.reset();
    }
  }

  std::vector<schema::InputValue> ListArgs(const ModelTypes& target) {
    std::vector<schema::InputValue> args;
    if (options.filters) args.push_back(Arg("filters", Named(target.filter)));
    if (options.ordering)
      args.push_back(Arg(Wire("order_by"), ListOfNonNull(Builtin("String")),
                         "Field paths (`__` between relations); `-` prefix for descending."));
    if (options.pagination) {
      args.push_back(Arg("first", Named(Builtin("Int"))));
      args.push_back(Arg("after", Named(Builtin("String"))));
      args.push_back(Arg("last", Named(Builtin("Int"))));
      args.push_back(Arg("before", Named(Builtin("String"))));
      args.push_back(Arg("offset", Named(Builtin("Int"))));
    }
    return args;
  }
  std::vector<schema::InputValue> FilterArgs(const ModelTypes& target) {
    if (!options.filters) return {};
    return {Arg("filters", Named(target.filter))};
  }

  std::optional<std::string> FieldDescription(const Model& m, const Field& f) {
    std::string text;
    if (const std::string* d = m.graphql.DescriptionFor(f.name))
      text = *d;
    else
      text = f.help_text;
    if (f.has_choices()) {
      std::string values;
      for (const models::Choice& c : f.choices) {
        if (!values.empty()) values += ", ";
        values += c.value.is_string() ? "`" + c.value.as_string() + "`" : "`" + ChoiceValueText(c.value) + "`";
        values += " (" + c.label + ")";
      }
      if (!text.empty()) text += "\n\n";
      text += "One of: " + values + ".";
    }
    if (text.empty()) return std::nullopt;
    return text;
  }

  // ------------------------------------------------------------------------------------------------------------
  Status Run() {
    // Custom scalars enter the type map only where referenced.
    for (std::string_view name : CustomScalarNames()) {
      NamedType* t = Create(TypeKind::kScalar, std::string(name));
      DefineCustomScalar(t);
      scalars[std::string(name)] = t;
    }
    // Served models and their public names.
    std::vector<const Model*> served;
    for (const Model* m : project.models())
      if (Selected(*m)) served.push_back(m);
    if (served.empty()) return InvalidArgument("no models to generate a schema for");
    std::map<std::string, int> name_counts;
    for (const Model* m : served) ++name_counts[m->name];
    models.reserve(served.size());
    for (const Model* m : served) {
      ModelTypes mt;
      mt.model = m;
      mt.public_name = name_counts[m->name] > 1 ? ToPascalCase(m->app_label) + m->name : m->name;
      mt.snake = ToSnakeCase(mt.public_name);
      models.push_back(std::move(mt));
    }
    for (ModelTypes& mt : models) by_model[mt.model] = &mt;

    // Phase 1: every named type.
    for (ModelTypes& mt : models) {
      const std::string& p = mt.public_name;
      mt.object = Add(TypeKind::kObject, p + "Type");
      mt.connection = Add(TypeKind::kObject, p + "Connection");
      mt.edge = Add(TypeKind::kObject, p + "Edge");
      mt.filter = options.filters ? Add(TypeKind::kInputObject, p + "FilterInput")
                                  : Create(TypeKind::kInputObject, p + "FilterInput");  // unreferenced: dropped
      out->type_models_[mt.object] = mt.model;
      out->model_types_[mt.model] = mt.object;
      const std::vector<std::string>& ordering =
          !mt.model->graphql.ordering.empty() ? mt.model->graphql.ordering : mt.model->ordering;
      out->default_orderings_[mt.model] = ordering.empty() ? std::vector<std::string>{"pk"} : ordering;
    }
    page_info = Add(TypeKind::kObject, "PageInfo");
    bool any_mutation = false;
    if (options.mutations) {
      for (ModelTypes& mt : models) {
        const std::string& p = mt.public_name;
        const bool create = options.enable_create && HasCreateFields(mt);
        const bool bulk_create = create && options.enable_bulk;
        const bool update = options.enable_update, bulk_update = update && options.enable_bulk;
        const bool remove = options.enable_delete, bulk_remove = remove && options.enable_bulk;
        if (create || bulk_create) mt.create_input = Add(TypeKind::kInputObject, "Create" + p + "Input");
        if (update) mt.update_input = Add(TypeKind::kInputObject, "Update" + p + "Input");
        if (bulk_update) mt.bulk_update_input = Add(TypeKind::kInputObject, "BulkUpdate" + p + "Input");
        if (options.enable_create || options.enable_update)
          mt.relation_input = Add(TypeKind::kInputObject, p + "RelationInput");
        if (create) mt.create_payload = Add(TypeKind::kObject, "Create" + p + "Payload");
        if (update) mt.update_payload = Add(TypeKind::kObject, "Update" + p + "Payload");
        if (remove) mt.delete_payload = Add(TypeKind::kObject, "Delete" + p + "Payload");
        if (bulk_create) mt.bulk_create_payload = Add(TypeKind::kObject, "BulkCreate" + p + "Payload");
        if (bulk_update) mt.bulk_update_payload = Add(TypeKind::kObject, "BulkUpdate" + p + "Payload");
        if (bulk_remove) mt.bulk_delete_payload = Add(TypeKind::kObject, "BulkDelete" + p + "Payload");
        any_mutation = any_mutation || create || update || remove;
      }
      if (any_mutation) mutation_error = Add(TypeKind::kObject, "MutationError");
    }
    query = Add(TypeKind::kObject, "Query");
    if (any_mutation) mutation = Add(TypeKind::kObject, "Mutation");

    // Phase 2: fill.
    FillPageInfo();
    for (ModelTypes& mt : models) {
      RG_RETURN_IF_ERROR(FillObject(mt));
      FillConnection(mt);
      RG_RETURN_IF_ERROR(FillFilter(mt));
      FillRootQuery(mt);
    }
    if (mutation) {
      FillMutationError();
      for (ModelTypes& mt : models) {
        FillInputs(mt);
        FillPayloads(mt);
        FillRootMutation(mt);
      }
    }
    sb.SetQueryType(query);
    if (mutation) sb.SetMutationType(mutation);
    if (options.description) sb.SetDescription(options.description);
    if (!options.descriptions) StripDescriptions();

    schema::SchemaResult result = sb.Finish();
    if (!result.ok()) {
      std::string message = "generated schema is invalid:";
      for (const auto& e : result.errors) message += "\n" + e.message;
      return Internal(std::move(message));
    }
    out->schema_ = result.schema;
    out->project_ = &project;
    return Status::Ok();
  }

  // ------------------------------------------------------------------------------------------------------------
  // Object types
  Status FillObject(ModelTypes& mt) {
    const Model& m = *mt.model;
    NamedType* t = mt.object;
    if (!m.description.empty()) t->description = m.description;
    const Field* pk = m.pk();
    FieldBinding b;
    b.model = &m;
    b.role = FieldRole::kColumn;
    b.field = pk;
    AddField(t, "id", NonNull(Named(Builtin("ID"))), b);
    b.role = FieldRole::kPk;
    AddField(t, "pk", NonNull(Named(Builtin("ID"))), b, "The primary key (same value as `id`).");

    for (const Field* fp : m.FieldsWithInherited()) {
      const Field& f = *fp;
      if (&f == pk && f.name == "id") continue;
      if (&f != pk && !Shown(m, f.name)) continue;
      FieldBinding fb;
      fb.model = &m;
      fb.field = &f;
      if (!f.is_relation()) {
        fb.role = FieldRole::kColumn;
        TypeRef type = Named(ColumnType(mt, f, false));
        if (!f.null) type = NonNull(type);
        AddField(t, Wire(f.name), type, fb, FieldDescription(m, f));
        if (f.has_choices()) {
          fb.role = FieldRole::kChoiceDisplay;
          AddField(t, Wire(f.name + "_display"), Named(Builtin("String")), fb, "Label of `" + Wire(f.name) + "`.");
        }
        continue;
      }
      ModelTypes* target = Served(f.target);
      if (!target) continue;
      fb.target = f.target;
      if (f.is_to_one()) {
        fb.role = FieldRole::kForwardRelation;
        TypeRef type = Named(target->object);
        if (!f.null) type = NonNull(type);
        AddField(t, Wire(f.name), type, fb, FieldDescription(m, f));
      } else {
        AddToMany(mt, f.name, *target, fb, m.graphql.IsConnection(f.name), FieldDescription(m, f));
      }
    }
    for (const models::ComputedField& c : m.graphql.computed_fields) {
      RG_ASSIGN_OR_RETURN(TypeRef type, ParseTypeText(c.graphql_type, m.label() + "." + c.name));
      FieldBinding cb;
      cb.role = FieldRole::kComputed;
      cb.model = &m;
      cb.computed = &c;
      std::optional<std::string> description;
      if (!c.description.empty()) description = c.description;
      AddField(t, Wire(c.name), type, cb, description);
    }
    for (const ReverseRelation* r : m.ReverseRelationsWithInherited()) {
      ModelTypes* source = Served(r->source);
      if (!source || !Shown(m, r->accessor_name)) continue;
      FieldBinding rb;
      rb.model = &m;
      rb.reverse = r;
      rb.target = r->source;
      if (!r->many) {
        rb.role = FieldRole::kReverseOneToOne;
        AddField(t, Wire(r->accessor_name), Named(source->object), rb);
        continue;
      }
      AddToMany(mt, r->accessor_name, *source, rb, m.graphql.IsConnection(r->accessor_name), std::nullopt);
    }
    return Status::Ok();
  }

  void AddToMany(ModelTypes& mt, const std::string& name, ModelTypes& target, FieldBinding b, bool connection,
                 std::optional<std::string> description) {
    NamedType* t = mt.object;
    b.role = connection ? FieldRole::kToManyConnection : FieldRole::kToManyList;
    connection = connection && options.relation_connections;
    TypeRef type = connection ? NonNull(Named(target.connection)) : NonNull(ListOfNonNull(target.object));
    if (schema::Field* f = AddField(t, Wire(name), type, b, std::move(description))) f->args = ListArgs(target);
    b.role = FieldRole::kRelationCount;
    if (schema::Field* f = AddField(t, Wire(name + "_count"), NonNull(Named(Builtin("Int"))), b,
                                    "Number of related " + target.model->name + " rows (after `filters`)."))
      f->args = FilterArgs(target);
  }

  void FillPageInfo() {
    page_info->description = "Pagination state of a connection (Relay cursor connections).";
    FieldBinding b;
    b.role = FieldRole::kPageInfoHasNextPage;
    AddField(page_info, Wire("has_next_page"), NonNull(Named(Builtin("Boolean"))), b);
    b.role = FieldRole::kPageInfoHasPreviousPage;
    AddField(page_info, Wire("has_previous_page"), NonNull(Named(Builtin("Boolean"))), b);
    b.role = FieldRole::kPageInfoStartCursor;
    AddField(page_info, Wire("start_cursor"), Named(Builtin("String")), b);
    b.role = FieldRole::kPageInfoEndCursor;
    AddField(page_info, Wire("end_cursor"), Named(Builtin("String")), b);
  }

  void FillConnection(ModelTypes& mt) {
    FieldBinding b;
    b.model = mt.model;
    b.target = mt.model;
    b.role = FieldRole::kConnectionEdges;
    AddField(mt.connection, "edges", NonNull(ListOfNonNull(mt.edge)), b);
    b.role = FieldRole::kConnectionPageInfo;
    AddField(mt.connection, Wire("page_info"), NonNull(Named(page_info)), b);
    b.role = FieldRole::kConnectionTotalCount;
    if (schema::Field* f = AddField(mt.connection, Wire("total_count"), NonNull(Named(Builtin("Int"))), b,
                                    "Number of rows matching the list's filters (and `filters`), ignoring pagination."))
      f->args = FilterArgs(mt);
    b.role = FieldRole::kEdgeNode;
    AddField(mt.edge, "node", NonNull(Named(mt.object)), b);
    b.role = FieldRole::kEdgeCursor;
    AddField(mt.edge, "cursor", NonNull(Named(Builtin("String"))), b);
  }

  // ------------------------------------------------------------------------------------------------------------
  // Filters
  // The value type of a filter on `path` with `lookup`.
  TypeRef FilterValueType(const ModelTypes& owner, const FieldPath& path, std::string_view lookup) {
    const NamedType* base = nullptr;
    bool ends_on_relation =
        path.field && !path.steps.empty() && path.field == path.model->pk() && path.steps.back().to == path.model;
    bool to_many_relation = ends_on_relation && path.steps.back().to_many();
    bool json = path.field && path.field->kind == FieldKind::kJSONField;
    if (path.computed) {
      StatusOr<TypeRef> t = ParseTypeText(path.computed->graphql_type, path.computed->name);
      base = t.ok() ? t.value().named : Builtin("String");
    } else if (ends_on_relation || path.field == path.model->pk()) {
      base = Builtin("ID");
    } else {
      const ModelTypes* mt = Served(path.model);
      base = ColumnType(mt ? *mt : owner, *path.field, false);
    }
    if (lookup == "isnull") return Named(Builtin("Boolean"));
    if (IsIntPartLookup(lookup)) return Named(Builtin("Int"));
    if (lookup == "date") return Named(Scalar("Date"));
    if (lookup == "time") return Named(Scalar("Time"));
    if (lookup == "has_keys" || lookup == "has_any_keys") return ListOfNonNull(Builtin("String"));
    if (lookup == "contained_by" || (json && lookup == "contains")) return Named(Scalar("JSON"));
    if (IsStringLookup(lookup)) return Named(Builtin("String"));
    if (lookup == "in" || lookup == "range") return ListOfNonNull(base);
    if (lookup == "exact" && to_many_relation) return ListOfNonNull(base);
    return Named(base);
  }

  void AddFilterField(ModelTypes& mt, FilterInputBinding& fib, const std::string& path_text, const FieldPath& path,
                      const std::string& lookup) {
    std::string snake = lookup == "exact" ? path_text : path_text + "__" + lookup;
    std::string name = Wire(snake);
    if (mt.filter->input_field(name)) return;
    std::optional<std::string> description;
    if (lookup == "range") description = "Two values: [lower, upper], both inclusive.";
    AddInputField(mt.filter, name, FilterValueType(mt, path, lookup), description);
    FilterBinding fb;
    fb.kind = FilterBinding::Kind::kLookup;
    fb.path = path;
    fb.lookup = lookup;
    fib.fields[name] = std::move(fb);
  }

  Status FillFilter(ModelTypes& mt) {
    const Model& m = *mt.model;
    NamedType* t = mt.filter;
    t->description = "Filters for " + mt.public_name + "Type lists (combined with AND; see AND / OR / NOT).";
    FilterInputBinding& fib = out->filter_inputs_[t];
    fib.model = &m;
    if (m.graphql.has_filter_fields) {
      for (const auto& [path_text, lookups] : m.graphql.filter_fields) {
        StatusOr<FieldPath> path = out->ResolvePath(m, path_text);
        if (!path.ok()) continue;  // e.g. a path through a model this schema does not serve
        std::vector<std::string> list = lookups;
        if (list.empty()) list = {"exact"};
        for (const std::string& lookup : list) AddFilterField(mt, fib, path_text, path.value(), lookup);
      }
    } else {
      const Field* pk = m.pk();
      for (const Field* fp : m.FieldsWithInherited()) {
        const Field& f = *fp;
        if (&f != pk && !Shown(m, f.name)) continue;
        if (f.is_relation() && !Served(f.target)) continue;
        std::string path_text = &f == pk ? std::string("id") : f.name;
        StatusOr<FieldPath> path = out->ResolvePath(m, path_text);
        if (!path.ok()) continue;
        for (const std::string& lookup : DefaultLookups(f, &f == pk))
          AddFilterField(mt, fib, path_text, path.value(), lookup);
      }
    }
    if (!m.graphql.search_fields.empty()) {
      FilterBinding sb_;
      sb_.kind = FilterBinding::Kind::kSearch;
      for (const std::string& name : m.graphql.search_fields)
        if (const Field* f = m.FindField(name); f && !f->is_relation()) sb_.search_fields.push_back(f);
      if (!sb_.search_fields.empty() &&
          AddInputField(
              t, "search", Named(Builtin("String")), "Case-insensitive text search over: " + [&] {
                std::string s;
                for (const Field* f : sb_.search_fields) s += (s.empty() ? "" : ", ") + Wire(f->name);
                return s;
              }() + "."))
        fib.fields["search"] = std::move(sb_);
    }
    FilterBinding logic;
    logic.kind = FilterBinding::Kind::kAnd;
    if (AddInputField(t, "AND", ListOfNonNull(t), "All of these filters match.")) fib.fields["AND"] = logic;
    logic.kind = FilterBinding::Kind::kOr;
    if (AddInputField(t, "OR", ListOfNonNull(t), "At least one of these filters matches.")) fib.fields["OR"] = logic;
    logic.kind = FilterBinding::Kind::kNot;
    if (AddInputField(t, "NOT", Named(t), "This filter does not match.")) fib.fields["NOT"] = logic;
    return Status::Ok();
  }

  // ------------------------------------------------------------------------------------------------------------
  // Root Query
  void FillRootQuery(ModelTypes& mt) {
    const Model& m = *mt.model;
    FieldBinding b;
    b.model = &m;
    b.target = &m;
    b.role = FieldRole::kRootSingle;
    std::string single = Wire(mt.snake);
    std::string plural = Wire(Pluralize(mt.snake));
    if (plural == single) plural = Wire(mt.snake + "_list");
    std::vector<schema::InputValue> args = {Arg("id", Named(Builtin("ID")))};
    for (const Field& f : m.fields) {
      if (!f.unique || &f == m.pk() || f.is_relation() || !Shown(m, f.name)) continue;
      std::string name = Wire(f.name);
      if (name == "id") continue;
      args.push_back(Arg(name, Named(ColumnType(mt, f, false))));
    }
    if (schema::Field* f = AddField(query, single, Named(mt.object), b,
                                    "One " + mt.public_name + " by `id` or by one unique field; null when missing."))
      f->args = std::move(args);
    b.role = FieldRole::kRootConnection;
    if (schema::Field* f = AddField(query, plural, NonNull(Named(mt.connection)), b)) f->args = ListArgs(mt);
  }

  // ------------------------------------------------------------------------------------------------------------
  // Mutation inputs
  [[nodiscard]] bool InputVisible(const Model& m, const std::string& name) const {
    const models::GraphQLMeta& g = m.graphql;
    auto contains = [&](const std::vector<std::string>& v) { return std::find(v.begin(), v.end(), name) != v.end(); };
    if (g.fields && !contains(*g.fields) && !contains(g.write_only_fields)) return false;
    if (contains(g.exclude_fields) || contains(g.read_only_fields)) return false;
    return true;
  }
  [[nodiscard]] bool Writable(const Model& m, const Field& f) const {
    if (&f == m.pk()) return !models::IsAutoKind(f.kind) && !f.is_relation() && f.editable;
    if (!f.editable || f.parent_link || !InputVisible(m, f.name)) return false;
    if (f.is_relation()) {
      if (!Served(f.target)) return false;
      if (f.is_many_to_many() && f.through_model) return false;
    }
    return true;
  }
  [[nodiscard]] bool HasCreateFields(const ModelTypes& mt) const {
    for (const Field* f : mt.model->FieldsWithInherited())
      if (Writable(*mt.model, *f)) return true;
    for (const ReverseRelation* r : mt.model->VisibleReverseRelations())
      if (ReverseChildrenWritable(*mt.model, *r)) return true;
    return false;
  }
  [[nodiscard]] bool ReverseChildrenWritable(const Model& m, const ReverseRelation& r) const {
    return r.many && r.field && r.field->kind == FieldKind::kForeignKey && Served(r.source) &&
           InputVisible(m, r.accessor_name) && r.field->editable;
  }
  [[nodiscard]] static bool RequiredOnCreate(const Field& f) {
    if (f.null || f.blank || f.default_value || f.default_function != models::DefaultFunction::kNone) return false;
    if (f.kind == FieldKind::kBooleanField) return false;  // unchecked checkbox = false, as Django forms
    return true;
  }

  void FillInputs(ModelTypes& mt) {
    using K = InputTypeBinding::Kind;
    if (mt.create_input) FillInput(mt, mt.create_input, K::kCreate);
    if (mt.update_input) FillInput(mt, mt.update_input, K::kUpdate);
    if (mt.bulk_update_input) FillInput(mt, mt.bulk_update_input, K::kBulkUpdate);
    if (mt.relation_input) FillInput(mt, mt.relation_input, K::kRelation);
  }

  void FillInput(ModelTypes& mt, NamedType* t, InputTypeBinding::Kind kind) {
    using K = InputTypeBinding::Kind;
    using IK = InputFieldBinding::Kind;
    const Model& m = *mt.model;
    InputTypeBinding& itb = out->input_types_[t];
    itb.kind = kind;
    itb.model = &m;
    switch (kind) {
      case K::kCreate: t->description = "Fields of a new " + mt.public_name + "."; break;
      case K::kUpdate: t->description = "Fields to change on a " + mt.public_name + "; omitted fields are kept."; break;
      case K::kBulkUpdate:
        t->description = "One row of a bulk update of " + mt.public_name + ": `id` and the fields to change.";
        break;
      case K::kRelation:
        t->description = "A related " + mt.public_name +
                         ": `id` alone connects an existing row, other fields "
                         "without `id` create one, `id` with fields connects and updates it.";
        break;
    }
    auto add = [&](std::string name, TypeRef type, InputFieldBinding b, std::optional<std::string> description = {}) {
      if (AddInputField(t, name, std::move(type), std::move(description))) itb.fields[name] = b;
    };
    const bool create = kind == K::kCreate;
    const bool update = kind == K::kUpdate || kind == K::kBulkUpdate;
    const Field* pk = m.pk();
    if (kind != K::kCreate) {
      InputFieldBinding b{IK::kId, pk, nullptr, nullptr};
      add("id", kind == K::kBulkUpdate ? NonNull(Named(Builtin("ID"))) : Named(Builtin("ID")), b,
          kind == K::kUpdate ? std::optional<std::string>("Alternative to the `id` argument.") : std::nullopt);
    }
    for (const Field* fp : m.FieldsWithInherited()) {
      const Field& f = *fp;
      if (!Writable(m, f)) continue;
      if (&f == pk) {
        // A natural key: required on create unless it has a default (a UUID key with default_function: uuid4);
        // optional in a relation input (given without `id`, it creates).
        const bool has_default = f.default_value || f.default_function != models::DefaultFunction::kNone;
        if (create)
          add(Wire(f.name), has_default ? Named(Builtin("ID")) : NonNull(Named(Builtin("ID"))),
              {IK::kColumn, &f, nullptr, nullptr});
        else if (kind == K::kRelation && Wire(f.name) != "id")
          add(Wire(f.name), Named(Builtin("ID")), {IK::kColumn, &f, nullptr, nullptr});
        continue;
      }
      if (!f.is_relation()) {
        TypeRef type = Named(ColumnType(mt, f, true));
        if (create && RequiredOnCreate(f)) type = NonNull(type);
        add(Wire(f.name), type, {IK::kColumn, &f, nullptr, nullptr}, FieldDescription(m, f));
        continue;
      }
      ModelTypes* target = Served(f.target);
      if (f.is_to_one()) {
        add(Wire(f.name), Named(target->relation_input), {IK::kToOne, &f, nullptr, f.target});
        add(Wire(f.name + "_id"), Named(Builtin("ID")), {IK::kForeignKeyId, &f, nullptr, f.target},
            "Shorthand for `" + Wire(f.name) + ": {id: ...}`.");
        continue;
      }
      add(Wire(f.name), ListOfNonNull(target->relation_input), {IK::kToManySet, &f, nullptr, f.target},
          update ? std::optional<std::string>("Replaces the related set.") : std::nullopt);
      if (update) {
        add(Wire(f.name + "_add"), ListOfNonNull(target->relation_input), {IK::kToManyAdd, &f, nullptr, f.target});
        add(Wire(f.name + "_remove"), ListOfNonNull(Builtin("ID")), {IK::kToManyRemove, &f, nullptr, f.target});
      }
    }
    // Reverse-FK children: in create / update inputs and in relation inputs too, so nesting goes any depth
    // (a product's variations with each variation's attributes).
    for (const ReverseRelation* r : m.VisibleReverseRelations()) {
      if (!ReverseChildrenWritable(m, *r)) continue;
      ModelTypes* source = Served(r->source);
      if (kind == K::kRelation && !source->relation_input) continue;
      add(Wire(r->accessor_name), ListOfNonNull(source->relation_input), {IK::kToManySet, nullptr, r, r->source},
          update ? std::optional<std::string>("Children with `id` are updated, without `id` created; unlisted ones "
                                              "are kept unless `" +
                                              Wire(r->accessor_name + "_replace") + "` is true.")
                 : std::nullopt);
      if (update)
        add(Wire(r->accessor_name + "_replace"), Named(Builtin("Boolean")), {IK::kReplace, nullptr, r, r->source});
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // Payloads and the Mutation root
  void FillMutationError() {
    mutation_error->description = "A domain failure of a mutation (validation, not found, permission).";
    AddField(mutation_error, "field", Named(Builtin("String")), {},
             "Dotted path into the input, e.g. `items.2.quantity`.");
    AddField(mutation_error, "message", NonNull(Named(Builtin("String"))), {});
    AddField(mutation_error, "code", NonNull(Named(Builtin("String"))), {});
    out->bindings_.erase({mutation_error, "field"});
    out->bindings_.erase({mutation_error, "message"});
    out->bindings_.erase({mutation_error, "code"});
  }

  void FillPayload(ModelTypes& mt, NamedType* t, bool many) {
    if (!t) return;
    FieldBinding b;
    b.model = mt.model;
    b.target = mt.model;
    b.role = FieldRole::kPayloadOk;
    AddField(t, "ok", NonNull(Named(Builtin("Boolean"))), b);
    b.role = FieldRole::kPayloadSuccess;
    AddField(t, "success", NonNull(Named(Builtin("Boolean"))), b, "Same as `ok`.");
    if (many) {
      b.role = FieldRole::kPayloadObjects;
      AddField(t, Wire(Pluralize(mt.snake)), NonNull(ListOfNonNull(mt.object)), b);
    } else {
      b.role = FieldRole::kPayloadObject;
      AddField(t, Wire(mt.snake), Named(mt.object), b);
    }
    b.role = FieldRole::kPayloadErrors;
    AddField(t, "errors", NonNull(ListOfNonNull(mutation_error)), b);
  }

  void FillPayloads(ModelTypes& mt) {
    FillPayload(mt, mt.create_payload, false);
    FillPayload(mt, mt.update_payload, false);
    FillPayload(mt, mt.delete_payload, false);
    FillPayload(mt, mt.bulk_create_payload, true);
    FillPayload(mt, mt.bulk_update_payload, true);
    FillPayload(mt, mt.bulk_delete_payload, true);
  }

  void FillRootMutation(ModelTypes& mt) {
    FieldBinding b;
    b.model = mt.model;
    b.target = mt.model;
    const std::string& p = mt.public_name;
    auto add = [&](FieldRole role, std::string snake_name, NamedType* payload, std::vector<schema::InputValue> args,
                   std::string description) {
      if (!payload) return;
      b.role = role;
      if (schema::Field* f = AddField(mutation, Wire(snake_name), NonNull(Named(payload)), b, std::move(description)))
        f->args = std::move(args);
    };
    TypeRef id = NonNull(Named(Builtin("ID")));
    if (mt.create_payload)
      add(FieldRole::kCreate, "create_" + mt.snake, mt.create_payload, {Arg("input", NonNull(Named(mt.create_input)))},
          "Creates a " + p + " (with nested related rows).");
    if (mt.update_payload)
      add(FieldRole::kUpdate, "update_" + mt.snake, mt.update_payload,
          {Arg("id", Named(Builtin("ID"))), Arg("input", NonNull(Named(mt.update_input)))}, "Updates a " + p + ".");
    add(FieldRole::kDelete, "delete_" + mt.snake, mt.delete_payload, {Arg("id", id)}, "Deletes a " + p + ".");
    if (mt.bulk_create_payload)
      add(FieldRole::kBulkCreate, "bulk_create_" + mt.snake, mt.bulk_create_payload,
          {Arg("inputs", NonNull(ListOfNonNull(mt.create_input)))}, "Creates several " + p + " rows atomically.");
    if (mt.bulk_update_payload)
      add(FieldRole::kBulkUpdate, "bulk_update_" + mt.snake, mt.bulk_update_payload,
          {Arg("inputs", NonNull(ListOfNonNull(mt.bulk_update_input)))}, "Updates several " + p + " rows atomically.");
    add(FieldRole::kBulkDelete, "bulk_delete_" + mt.snake, mt.bulk_delete_payload,
        {Arg("ids", NonNull(ListOfNonNull(Builtin("ID"))))}, "Deletes several " + p + " rows atomically.");
  }
};

GenerateOptions OptionsFromSettings(const models::Settings& settings, const models::Project& project) {
  GenerateOptions o;
  o.auto_camelcase = settings.GetBool("schema_settings.auto_camelcase");
  o.choices_as_enums = settings.GetBool("schema_settings.choices_as_enums");
  o.enable_create = settings.GetBool("mutation_settings.enable_create");
  o.enable_update = settings.GetBool("mutation_settings.enable_update");
  o.enable_delete = settings.GetBool("mutation_settings.enable_delete");
  o.enable_bulk = settings.GetBool("mutation_settings.enable_bulk_operations");
  o.mutations = o.enable_create || o.enable_update || o.enable_delete;
  o.exclude_models = settings.GetStringList("schema_settings.excluded_models");
  o.filters = settings.GetBool("query_settings.generate_filters") &&
              settings.GetBool("type_generation_settings.generate_filters") &&
              settings.GetBool("type_generation_settings.enable_filtering");
  o.ordering =
      settings.GetBool("query_settings.generate_ordering") && settings.GetBool("query_settings.enable_ordering");
  o.pagination =
      settings.GetBool("query_settings.enable_pagination") && settings.GetBool("schema_settings.enable_pagination");
  o.relation_connections = settings.GetBool("schema_settings.relation_connections");
  o.descriptions = settings.GetBool("type_generation_settings.generate_descriptions");
  auto per_model = [&](std::string_view key, std::vector<std::pair<std::string, std::vector<std::string>>>* out) {
    const json::Value* v = settings.Get(key);
    if (!v || !v->is_object()) return;
    for (const auto& [model, fields] : v->as_object()) {
      std::vector<std::string> names;
      if (fields.is_array())
        for (const json::Value& f : fields.as_array())
          if (f.is_string()) names.push_back(f.as_string());
      out->emplace_back(model, std::move(names));
    }
  };
  per_model("type_generation_settings.exclude_fields", &o.exclude_fields);
  per_model("type_generation_settings.excluded_fields", &o.exclude_fields);
  per_model("type_generation_settings.include_fields", &o.include_fields);
  std::vector<std::string> excluded = settings.GetStringList("schema_settings.excluded_apps");
  for (const models::App& app : project.apps()) {
    bool is_excluded = std::find(excluded.begin(), excluded.end(), app.label) != excluded.end();
    if (!is_excluded) {
      o.apps.push_back(app.label);
    } else if (app.builtin) {  // built-in apps are served whatever `apps` says: exclude their models by name
      for (const Model* m : app.models) o.exclude_models.push_back(m->label());
    }
  }
  if (o.apps.empty()) o.apps.push_back("");  // every app excluded: serve none (not "all")
  return o;
}

StatusOr<std::unique_ptr<GeneratedSchema>> Generate(const models::Project& project, const GenerateOptions& options) {
  GeneratedSchema::Builder builder(project, options);
  RG_RETURN_IF_ERROR(builder.Run());
  return std::move(builder.out);
}

}  // namespace railgun::generate
