// Model registry helpers: field-kind vocabulary, lookups on Model / Project / GraphQLMeta.
#include "models/model.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "models/loader.h"  // ClosestMatch

namespace railgun::models {
namespace {

struct KindEntry {
  FieldKind kind;
  std::string_view name;
};

constexpr std::array<KindEntry, 30> kKinds = {{
    {FieldKind::kAutoField, "AutoField"},
    {FieldKind::kBigAutoField, "BigAutoField"},
    {FieldKind::kSmallAutoField, "SmallAutoField"},
    {FieldKind::kCharField, "CharField"},
    {FieldKind::kTextField, "TextField"},
    {FieldKind::kSlugField, "SlugField"},
    {FieldKind::kEmailField, "EmailField"},
    {FieldKind::kURLField, "URLField"},
    {FieldKind::kUUIDField, "UUIDField"},
    {FieldKind::kIntegerField, "IntegerField"},
    {FieldKind::kBigIntegerField, "BigIntegerField"},
    {FieldKind::kSmallIntegerField, "SmallIntegerField"},
    {FieldKind::kPositiveIntegerField, "PositiveIntegerField"},
    {FieldKind::kPositiveBigIntegerField, "PositiveBigIntegerField"},
    {FieldKind::kPositiveSmallIntegerField, "PositiveSmallIntegerField"},
    {FieldKind::kFloatField, "FloatField"},
    {FieldKind::kDecimalField, "DecimalField"},
    {FieldKind::kBooleanField, "BooleanField"},
    {FieldKind::kDateField, "DateField"},
    {FieldKind::kDateTimeField, "DateTimeField"},
    {FieldKind::kTimeField, "TimeField"},
    {FieldKind::kDurationField, "DurationField"},
    {FieldKind::kJSONField, "JSONField"},
    {FieldKind::kBinaryField, "BinaryField"},
    {FieldKind::kFileField, "FileField"},
    {FieldKind::kImageField, "ImageField"},
    {FieldKind::kGenericIPAddressField, "GenericIPAddressField"},
    {FieldKind::kForeignKey, "ForeignKey"},
    {FieldKind::kOneToOneField, "OneToOneField"},
    {FieldKind::kManyToManyField, "ManyToManyField"},
}};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

}  // namespace

std::string_view FieldKindName(FieldKind kind) {
  for (const auto& e : kKinds)
    if (e.kind == kind) return e.name;
  return "CharField";
}

std::optional<FieldKind> FieldKindFromName(std::string_view name) {
  for (const auto& e : kKinds)
    if (e.name == name) return e.kind;
  return std::nullopt;
}

const std::vector<std::string_view>& AllFieldKindNames() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> v;
    for (const auto& e : kKinds) v.push_back(e.name);
    return v;
  }();
  return names;
}

bool IsAutoKind(FieldKind k) {
  return k == FieldKind::kAutoField || k == FieldKind::kBigAutoField || k == FieldKind::kSmallAutoField;
}
bool IsRelationKind(FieldKind k) {
  return k == FieldKind::kForeignKey || k == FieldKind::kOneToOneField || k == FieldKind::kManyToManyField;
}
bool IsToOneKind(FieldKind k) { return k == FieldKind::kForeignKey || k == FieldKind::kOneToOneField; }
bool IsStringKind(FieldKind k) {
  switch (k) {
    case FieldKind::kCharField:
    case FieldKind::kTextField:
    case FieldKind::kSlugField:
    case FieldKind::kEmailField:
    case FieldKind::kURLField:
    case FieldKind::kGenericIPAddressField:
    case FieldKind::kFileField:
    case FieldKind::kImageField: return true;
    default: return false;
  }
}
bool IsIntegerKind(FieldKind k) {
  switch (k) {
    case FieldKind::kAutoField:
    case FieldKind::kBigAutoField:
    case FieldKind::kSmallAutoField:
    case FieldKind::kIntegerField:
    case FieldKind::kBigIntegerField:
    case FieldKind::kSmallIntegerField:
    case FieldKind::kPositiveIntegerField:
    case FieldKind::kPositiveBigIntegerField:
    case FieldKind::kPositiveSmallIntegerField: return true;
    default: return false;
  }
}
bool IsNumericKind(FieldKind k) {
  return IsIntegerKind(k) || k == FieldKind::kFloatField || k == FieldKind::kDecimalField;
}
bool IsTemporalKind(FieldKind k) {
  return k == FieldKind::kDateField || k == FieldKind::kDateTimeField || k == FieldKind::kTimeField ||
         k == FieldKind::kDurationField;
}

std::string_view OnDeleteName(OnDelete d) {
  switch (d) {
    case OnDelete::kCascade: return "CASCADE";
    case OnDelete::kProtect: return "PROTECT";
    case OnDelete::kSetNull: return "SET_NULL";
    case OnDelete::kSetDefault: return "SET_DEFAULT";
    case OnDelete::kRestrict: return "RESTRICT";
    case OnDelete::kDoNothing: return "DO_NOTHING";
  }
  return "CASCADE";
}

std::optional<OnDelete> OnDeleteFromName(std::string_view name) {
  for (OnDelete d : {OnDelete::kCascade, OnDelete::kProtect, OnDelete::kSetNull, OnDelete::kSetDefault,
                     OnDelete::kRestrict, OnDelete::kDoNothing})
    if (OnDeleteName(d) == name) return d;
  return std::nullopt;
}

std::string_view DefaultFunctionName(DefaultFunction f) {
  switch (f) {
    case DefaultFunction::kNone: return "";
    case DefaultFunction::kUuid4: return "uuid4";
    case DefaultFunction::kNow: return "now";
    case DefaultFunction::kToday: return "today";
  }
  return "";
}

const std::string* Field::ChoiceLabel(const json::Value& value) const {
  for (const auto& c : choices)
    if (c.value == value) return &c.label;
  return nullptr;
}

const std::string& ComputedField::SqlFor(std::string_view backend) const {
  auto it = sql_by_backend.find(std::string(backend));
  return it != sql_by_backend.end() ? it->second : sql;
}

bool GraphQLMeta::IsConnection(std::string_view relation) const {
  for (const auto& [name, on] : relation_connection)
    if (name == relation) return on;
  return connection.value_or(true);
}

const std::vector<std::string>* GraphQLMeta::LookupsFor(std::string_view field) const {
  for (const auto& [name, lookups] : filter_fields)
    if (name == field) return &lookups;
  return nullptr;
}

const std::string* GraphQLMeta::DescriptionFor(std::string_view field) const {
  for (const auto& [name, text] : descriptions)
    if (name == field) return &text;
  return nullptr;
}

bool GraphQLMeta::IsExposed(std::string_view field) const {
  auto contains = [&](const std::vector<std::string>& v) { return std::find(v.begin(), v.end(), field) != v.end(); };
  if (fields && !contains(*fields)) return false;
  return !contains(exclude_fields) && !contains(write_only_fields);
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string DefaultVerboseName(std::string_view class_name) {
  // Django: re.sub('(((?<=[a-z])[A-Z])|([A-Z](?![A-Z]|$)))', ' \\1', name).lower().strip()
  std::string out;
  for (size_t i = 0; i < class_name.size(); ++i) {
    char c = class_name[i];
    bool upper = std::isupper(static_cast<unsigned char>(c)) != 0;
    if (upper && i > 0) {
      bool prev_lower = std::islower(static_cast<unsigned char>(class_name[i - 1])) != 0;
      bool next_lower = i + 1 < class_name.size() && !std::isupper(static_cast<unsigned char>(class_name[i + 1]));
      if (prev_lower || next_lower) out.push_back(' ');
    }
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  size_t start = out.find_first_not_of(' ');
  return start == std::string::npos ? std::string() : out.substr(start);
}

std::string Model::lower_name() const { return ToLower(name); }

const Field* Model::pk() const {
  for (const auto& f : fields)
    if (f.primary_key) return &f;
  return nullptr;
}

const Field* Model::FindField(std::string_view field_name) const {
  for (const auto& f : fields)
    if (f.name == field_name) return &f;
  return nullptr;
}

const Field* Model::FindFieldByColumn(std::string_view column) const {
  for (const auto& f : fields)
    if (!f.column.empty() && f.column == column) return &f;
  return nullptr;
}

const ReverseRelation* Model::FindReverse(std::string_view accessor_name) const {
  for (const auto& r : reverse_relations)
    if (!r.hidden && r.accessor_name == accessor_name) return &r;
  return nullptr;
}

std::vector<const ReverseRelation*> Model::VisibleReverseRelations() const {
  std::vector<const ReverseRelation*> out;
  for (const auto& r : reverse_relations)
    if (!r.hidden) out.push_back(&r);
  return out;
}

std::vector<const Field*> Model::FieldsWithInherited() const {
  std::vector<const Field*> out;
  for (const Field& f : fields) out.push_back(&f);
  for (const Model* a = parent; a; a = a->parent) {
    for (const Field& f : a->fields) {
      if (&f == a->pk() || f.parent_link) continue;
      bool shadowed = false;
      for (const Field* g : out) shadowed = shadowed || g->name == f.name;
      if (!shadowed) out.push_back(&f);
    }
  }
  return out;
}

std::vector<const ReverseRelation*> Model::ReverseRelationsWithInherited() const {
  std::vector<const ReverseRelation*> out;
  for (const Model* m = this; m; m = m->parent)
    for (const auto& r : m->reverse_relations) {
      if (r.hidden || (m != this && r.field && r.field->parent_link)) continue;
      bool shadowed = false;
      for (const ReverseRelation* o : out) shadowed = shadowed || o->accessor_name == r.accessor_name;
      if (!shadowed) out.push_back(&r);
    }
  return out;
}

const Model* Model::OwnerOf(const Field& field) const {
  for (const Model* m = this; m; m = m->parent)
    if (!m->fields.empty() && &field >= &m->fields.front() && &field <= &m->fields.back()) return m;
  return nullptr;
}

const Field* Model::FindFieldInherited(std::string_view field_name, const Model** owner) const {
  for (const Model* m = this; m; m = m->parent) {
    if (const Field* f = m->FindField(field_name)) {
      if (owner) *owner = m;
      return f;
    }
  }
  return nullptr;
}

namespace {

bool IsSqlKeyword(std::string_view word) {
  static const char* const kKeywords[] = {"and",          "or",
                                          "not",          "null",
                                          "is",           "in",
                                          "like",         "glob",
                                          "between",      "case",
                                          "when",         "then",
                                          "else",         "end",
                                          "true",         "false",
                                          "as",           "cast",
                                          "distinct",     "escape",
                                          "collate",      "nocase",
                                          "exists",       "current_date",
                                          "current_time", "current_timestamp",
                                          "ilike",        "similar",
                                          "to",           "asc",
                                          "desc",         "filter",
                                          "over",         "isnull",
                                          "notnull",      "interval",
                                          "integer",      "real",
                                          "text",         "numeric",
                                          "decimal",      "boolean",
                                          "int",          "bigint",
                                          "float",        "double",
                                          "precision",    "varchar",
                                          "char",         "date",
                                          "time",         "timestamp",
                                          "timestamptz",  "with",
                                          "zone",         "at",
                                          "any",          "all",
                                          "some",         "using"};
  std::string lower = ToLower(word);
  for (const char* k : kKeywords)
    if (lower == k) return true;
  return false;
}

}  // namespace

StatusOr<std::string> QualifyColumns(const Model& model, std::string_view sql, std::string_view alias) {
  std::string out;
  size_t i = 0;
  std::string previous_word;  // last identifier/keyword seen (for `AS <type>`)
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'' || c == '"') {  // string literal or quoted identifier: copy through
      size_t end = i + 1;
      while (end < sql.size()) {
        if (sql[end] == c) {
          if (end + 1 < sql.size() && sql[end + 1] == c) {
            end += 2;
            continue;
          }
          break;
        }
        ++end;
      }
      out.append(sql.substr(i, end + 1 - i));
      i = end + 1;
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '.'))
        out.push_back(sql[i++]);
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t start = i;
      while (i < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_')) ++i;
      std::string_view word = sql.substr(start, i - start);
      size_t next = i;
      while (next < sql.size() && std::isspace(static_cast<unsigned char>(sql[next]))) ++next;
      bool is_call = next < sql.size() && sql[next] == '(';
      bool after_dot = start > 0 && sql[start - 1] == '.';
      bool after_cast = start >= 2 && sql.substr(start - 2, 2) == "::";
      bool after_as = ToLower(previous_word) == "as";
      previous_word = std::string(word);
      if (is_call || after_dot || after_cast || after_as || IsSqlKeyword(word)) {
        out.append(word);
        continue;
      }
      const Field* field = model.FindField(word);
      if (!field) field = model.FindFieldByColumn(word);
      if (!field || field->column.empty()) {
        std::string names;
        std::vector<std::string_view> candidates;
        for (const auto& f : model.fields) {
          if (f.column.empty()) continue;
          names += (names.empty() ? "" : ", ") + f.name;
          candidates.push_back(f.name);
        }
        std::string best = ClosestMatch(word, candidates);
        return InvalidArgument(
            "unknown column '" + std::string(word) + "' in SQL expression" +
            (best.empty() ? " (columns of " + model.label() + ": " + names + ")" : "; did you mean '" + best + "'?"));
      }
      if (!alias.empty()) out.append(alias).push_back('.');
      out.push_back('"');
      out.append(field->column);
      out.push_back('"');
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

const App* Project::FindApp(std::string_view label) const {
  for (const auto& a : apps_)
    if (a.label == label) return &a;
  return nullptr;
}

std::vector<const Model*> Project::models() const {
  std::vector<const Model*> out;
  for (const auto& app : apps_)
    for (const Model* m : app.models)
      if (!m->abstract) out.push_back(m);
  return out;
}

Model* Project::FindModelInApp(std::string_view app, std::string_view name) const {
  Model* insensitive = nullptr;
  for (const auto& m : models_) {
    if (m->app_label != app) continue;
    if (m->name == name) return m.get();
    if (!insensitive && EqualsIgnoreCase(m->name, name)) insensitive = m.get();
  }
  return insensitive;
}

Model* Project::FindModel(std::string_view label) {
  size_t dot = label.find('.');
  if (dot != std::string_view::npos) return FindModelInApp(label.substr(0, dot), label.substr(dot + 1));
  Model* found = nullptr;
  for (const auto& m : models_) {
    if (m->name != label) continue;
    if (found) return nullptr;  // ambiguous
    found = m.get();
  }
  return found;
}

const Model* Project::FindModel(std::string_view label) const { return const_cast<Project*>(this)->FindModel(label); }

App& Project::AddApp(std::string label, std::string file) {
  apps_.push_back(App{std::move(label), std::move(file), false, {}});
  return apps_.back();
}

Model& Project::AddModel(App& app, std::unique_ptr<Model> model) {
  models_.push_back(std::move(model));
  app.models.push_back(models_.back().get());
  return *models_.back();
}

}  // namespace railgun::models
