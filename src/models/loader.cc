// YAML model files -> Project: parsing, inheritance, implicit keys, relation resolution and Django's checks.
#include "models/loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "models/yaml_util.h"

namespace railgun::models {
namespace {

namespace fs = std::filesystem;
using yaml_util::At;
using yaml_util::KeyText;
using yaml_util::NodeToJson;
using yaml_util::ScalarToJson;

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

// `node[key]` when node is a mapping, else an undefined node (yaml-cpp throws on subscripting scalars).
YAML::Node Sub(const YAML::Node& node, const std::string& key) {
  if (node.IsDefined() && node.IsMap()) return node[key];
  return YAML::Node(YAML::NodeType::Undefined);
}

bool IsIdentifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

std::string Quoted(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", '" : "'") + items[i] + "'";
  return out;
}

std::string DisplayValue(const json::Value& v) {
  switch (v.kind()) {
    case json::Kind::kNull: return "null";
    case json::Kind::kBool: return v.as_bool() ? "true" : "false";
    case json::Kind::kInt: return std::to_string(v.as_int());
    case json::Kind::kDouble: {
      std::ostringstream os;
      os << v.as_double();
      return os.str();
    }
    case json::Kind::kString: return "'" + v.as_string() + "'";
    case json::Kind::kArray: return "[...]";
    default: return "{...}";
  }
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost =
          std::tolower(static_cast<unsigned char>(a[i - 1])) == std::tolower(static_cast<unsigned char>(b[j - 1])) ? 0
                                                                                                                   : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string DidYouMean(std::string_view word, const std::vector<std::string_view>& candidates) {
  std::string best = ClosestMatch(word, candidates);
  return best.empty() ? "" : "; did you mean '" + best + "'?";
}

// ---------------------------------------------------------------------------------------------------------------
// Field option vocabulary

const std::vector<std::string_view>& CommonOptions() {
  static const std::vector<std::string_view> v = {"type",
                                                  "null",
                                                  "blank",
                                                  "default",
                                                  "default_function",
                                                  "unique",
                                                  "db_index",
                                                  "choices",
                                                  "help_text",
                                                  "verbose_name",
                                                  "db_column",
                                                  "primary_key",
                                                  "editable",
                                                  "description",
                                                  "max_length",
                                                  "max_digits",
                                                  "decimal_places",
                                                  "auto_now",
                                                  "auto_now_add",
                                                  "upload_to",
                                                  "protocol",
                                                  "unpack_ipv4",
                                                  "to",
                                                  "on_delete",
                                                  "related_name",
                                                  "related_query_name",
                                                  "to_field",
                                                  "db_constraint",
                                                  "through",
                                                  "db_table",
                                                  "symmetrical",
                                                  "validators",
                                                  "unique_for_date",
                                                  "preserve_key_order"};
  return v;
}

bool OptionApplies(std::string_view option, FieldKind kind) {
  static const std::set<std::string_view> general = {
      "type",     "null",        "blank",      "default",        "default_function", "unique",
      "db_index", "choices",     "help_text",  "verbose_name",   "db_column",        "primary_key",
      "editable", "description", "validators", "unique_for_date"};
  if (general.count(option))
    return kind != FieldKind::kManyToManyField || option == "type" || option == "blank" || option == "help_text" ||
           option == "verbose_name" || option == "description" || option == "null" || option == "editable";
  if (option == "max_length")
    return IsStringKind(kind) || kind == FieldKind::kTextField || kind == FieldKind::kBinaryField;
  if (option == "max_digits" || option == "decimal_places") return kind == FieldKind::kDecimalField;
  if (option == "auto_now" || option == "auto_now_add")
    return kind == FieldKind::kDateField || kind == FieldKind::kDateTimeField || kind == FieldKind::kTimeField;
  if (option == "upload_to") return kind == FieldKind::kFileField || kind == FieldKind::kImageField;
  if (option == "preserve_key_order") return kind == FieldKind::kJSONField;
  if (option == "protocol" || option == "unpack_ipv4") return kind == FieldKind::kGenericIPAddressField;
  if (option == "to" || option == "related_name" || option == "related_query_name") return IsRelationKind(kind);
  if (option == "on_delete" || option == "to_field" || option == "db_constraint") return IsToOneKind(kind);
  if (option == "through" || option == "db_table" || option == "symmetrical")
    return kind == FieldKind::kManyToManyField;
  return false;
}

const std::vector<std::string_view>& ModelKeys() {
  static const std::vector<std::string_view> v = {"fields",   "meta",         "graphql",      "abstract",
                                                  "extends",  "description",  "ordering",     "unique_together",
                                                  "indexes",  "constraints",  "verbose_name", "verbose_name_plural",
                                                  "db_table", "get_latest_by"};
  return v;
}

const std::vector<std::string_view>& MetaKeys() {
  static const std::vector<std::string_view> v = {"ordering",    "unique_together", "indexes",
                                                  "constraints", "verbose_name",    "verbose_name_plural",
                                                  "db_table",    "get_latest_by",   "abstract"};
  return v;
}

const std::vector<std::string_view>& GraphQLKeys() {
  static const std::vector<std::string_view> v = {"fields",
                                                  "exclude_fields",
                                                  "exclude",
                                                  "read_only_fields",
                                                  "write_only_fields",
                                                  "filter_fields",
                                                  "filterable_fields",
                                                  "ordering",
                                                  "descriptions",
                                                  "search_fields",
                                                  "computed_fields",
                                                  "field_permissions",
                                                  "permission_classes",
                                                  "select_related",
                                                  "prefetch_related",
                                                  "connection",
                                                  "caching",
                                                  "validator_class",
                                                  "validators",
                                                  "sanitize_html"};
  return v;
}

// ---------------------------------------------------------------------------------------------------------------
// Built-in Django apps (contrib.auth, contrib.contenttypes), as model-file text.

constexpr std::string_view kAuthApp = R"(app: auth
default_auto_field: AutoField
models:
  Group:
    fields:
      name: {type: CharField, max_length: 150, unique: true}
  User:
    fields:
      # Not in the API (neither read nor written): users created through GraphQL get Django's unusable password.
      password: {type: CharField, max_length: 128, default: "!"}
      last_login: {type: DateTimeField, null: true, blank: true}
      is_superuser: {type: BooleanField, default: false}
      username: {type: CharField, max_length: 150, unique: true}
      first_name: {type: CharField, max_length: 150, blank: true}
      last_name: {type: CharField, max_length: 150, blank: true}
      email: {type: EmailField, max_length: 254, blank: true}
      is_staff: {type: BooleanField, default: false}
      is_active: {type: BooleanField, default: true}
      date_joined: {type: DateTimeField, default_function: now}
      groups: {type: ManyToManyField, to: Group, blank: true, related_name: user_set, related_query_name: user}
    graphql:
      exclude_fields: [password]
      search_fields: [username, first_name, last_name, email]
)";

constexpr std::string_view kContentTypesApp = R"(app: contenttypes
default_auto_field: AutoField
models:
  ContentType:
    db_table: django_content_type
    fields:
      app_label: {type: CharField, max_length: 100}
      model: {type: CharField, max_length: 100}
    meta:
      unique_together: [[app_label, model]]
)";

// ---------------------------------------------------------------------------------------------------------------
// The loader

struct ModelInfo {
  Model* model = nullptr;
  std::string file;
  YAML::Node node;
  std::map<std::string, YAML::Node> field_nodes;  // field name -> its value node
  std::map<std::string, YAML::Node> field_keys;   // field name -> its key node
  bool inheritance_done = false;
  bool in_progress = false;
  bool implicit_done = false;
};

class Loader {
 public:
  explicit Loader(const LoadOptions& options) : options_(options) {
    project_.set_default_auto_field(options.default_auto_field);
  }

  LoadResult Run(const std::vector<ModelSource>& sources) {
    for (const auto& src : sources) ParseSource(src);
    ResolveInheritance();
    AddImplicitKeys();
    ResolveRelations();
    ResolveManyToMany();
    BuildReverseRelations();
    CheckClashes();
    CheckMeta();
    CheckGraphQL();

    LoadResult result;
    auto by_position = [](const Diagnostic& a, const Diagnostic& b) {
      return std::tie(a.location.file, a.location.line, a.location.column) <
             std::tie(b.location.file, b.location.line, b.location.column);
    };
    std::stable_sort(errors_.begin(), errors_.end(), by_position);
    std::stable_sort(warnings_.begin(), warnings_.end(), by_position);
    result.errors = std::move(errors_);
    result.warnings = std::move(warnings_);
    if (result.errors.empty()) result.project = std::move(project_);
    return result;
  }

 private:
  void Error(SourceLocation loc, std::string message) {
    errors_.push_back({std::move(loc), std::move(message), false});
  }
  void Warn(SourceLocation loc, std::string message) {
    warnings_.push_back({std::move(loc), std::move(message), true});
  }

  // ---- parsing ----

  void ParseSource(const ModelSource& src, bool builtin = false) {
    YAML::Node root;
    try {
      root = YAML::Load(src.text);
    } catch (const YAML::Exception& e) {
      Error({src.file, e.mark.line + 1, e.mark.column + 1}, "invalid YAML: " + e.msg);
      return;
    }
    try {
      ParseDocument(src.file, root, builtin);
    } catch (const YAML::Exception& e) {
      Error({src.file, e.mark.line + 1, e.mark.column + 1}, "invalid model file: " + e.msg);
    }
  }

  void ParseDocument(const std::string& file, const YAML::Node& root, bool builtin) {
    if (!root.IsMap()) {
      Error(At(file, root), "a model file must be a mapping with 'app' and 'models'");
      return;
    }
    static const std::vector<std::string_view> top_keys = {"app", "models", "default_auto_field", "description"};
    for (const auto& kv : root) {
      const std::string& key = kv.first.Scalar();
      if (std::find(top_keys.begin(), top_keys.end(), key) == top_keys.end())
        Error(At(file, kv.first), "unknown top-level key '" + key + "'" + DidYouMean(key, top_keys));
    }
    YAML::Node app_node = root["app"];
    if (!app_node.IsDefined() || !app_node.IsScalar() || app_node.Scalar().empty()) {
      Error(At(file, root), "missing 'app:' (the Django app label, e.g. 'app: blog')");
      return;
    }
    std::string app_label = app_node.Scalar();
    if (!IsIdentifier(app_label)) {
      Error(At(file, app_node), "app label '" + app_label + "' is not a valid identifier");
      return;
    }
    FieldKind auto_kind = options_.default_auto_field;
    if (YAML::Node daf = root["default_auto_field"]; daf.IsDefined()) {
      auto kind = FieldKindFromName(daf.Scalar());
      if (!kind || !IsAutoKind(*kind))
        Error(At(file, daf), "default_auto_field must be AutoField, BigAutoField or SmallAutoField" +
                                 DidYouMean(daf.Scalar(), {"AutoField", "BigAutoField", "SmallAutoField"}));
      else
        auto_kind = *kind;
    }
    app_auto_field_[app_label] = auto_kind;

    size_t app_index = 0;
    bool found = false;
    for (size_t i = 0; i < project_.apps().size(); ++i)
      if (project_.apps()[i].label == app_label) app_index = i, found = true;
    if (!found) {
      project_.AddApp(app_label, file);
      app_index = project_.apps().size() - 1;
      project_.mutable_apps()[app_index].builtin = builtin;
    }

    YAML::Node models = root["models"];
    if (!models.IsDefined() || !models.IsMap()) {
      Error(At(file, models.IsDefined() ? models : root), "missing 'models:' mapping (model name -> definition)");
      return;
    }
    for (const auto& kv : models) {
      std::string name = kv.first.Scalar();
      SourceLocation loc = At(file, kv.first);
      if (!IsIdentifier(name) || !std::isupper(static_cast<unsigned char>(name[0]))) {
        Error(loc, "model name '" + name + "' must be an identifier starting with a capital letter");
        continue;
      }
      if (Model* existing = project_.FindModelInApp(app_label, name); existing && existing->name == name) {
        // Same file: "line:column"; another file: "file:line:column".
        std::string where = (existing->location.file == file ? "" : existing->location.file + ":") +
                            std::to_string(existing->location.line) + ":" + std::to_string(existing->location.column);
        Error(loc, "duplicate model '" + app_label + "." + name + "' (first defined at " + where + ")");
        continue;
      }
      auto model = std::make_unique<Model>();
      model->app_label = app_label;
      model->name = name;
      model->location = loc;
      Model& m = project_.AddModel(project_.mutable_apps()[app_index], std::move(model));
      ModelInfo& info = infos_[&m];
      info.model = &m;
      info.file = file;
      info.node = kv.second;
      ParseModel(info);
    }
  }

  void ParseModel(ModelInfo& info) {
    Model& m = *info.model;
    const std::string& file = info.file;
    const YAML::Node& node = info.node;
    if (node.IsNull()) return;  // `Empty: ~` gives a model with only its pk
    if (!node.IsMap()) {
      Error(At(file, node), m.label() + ": a model definition must be a mapping");
      return;
    }
    for (const auto& kv : node) {
      const std::string& key = kv.first.Scalar();
      if (std::find(ModelKeys().begin(), ModelKeys().end(), key) == ModelKeys().end())
        Error(At(file, kv.first), m.label() + ": unknown model key '" + key + "'" + DidYouMean(key, ModelKeys()));
    }
    if (YAML::Node n = node["abstract"]; n.IsDefined()) m.abstract = AsBool(file, n, m.label() + ".abstract");
    if (YAML::Node n = node["extends"]; n.IsDefined()) {
      if (n.IsScalar())
        m.extends = n.Scalar();
      else
        Error(At(file, n), m.label() + ": 'extends' must name one model (multiple inheritance is not supported)");
    }
    if (YAML::Node n = node["description"]; n.IsDefined()) m.description = n.Scalar();
    ParseMeta(info, node);  // meta keys directly on the model
    if (YAML::Node meta = node["meta"]; meta.IsDefined()) {
      if (!meta.IsMap()) {
        Error(At(file, meta), m.label() + ": 'meta' must be a mapping");
      } else {
        for (const auto& kv : meta) {
          const std::string& key = kv.first.Scalar();
          if (std::find(MetaKeys().begin(), MetaKeys().end(), key) == MetaKeys().end())
            Error(At(file, kv.first), m.label() + ": unknown meta option '" + key + "'" + DidYouMean(key, MetaKeys()));
        }
        ParseMeta(info, meta);
      }
    }
    if (YAML::Node fields = node["fields"]; fields.IsDefined()) {
      if (!fields.IsMap()) {
        Error(At(file, fields), m.label() + ": 'fields' must be a mapping (field name -> definition)");
      } else {
        for (const auto& kv : fields) ParseField(info, kv.first, kv.second);
      }
    }
    if (YAML::Node g = node["graphql"]; g.IsDefined()) ParseGraphQL(info, g);
  }

  bool AsBool(const std::string& file, const YAML::Node& n, const std::string& what) {
    json::Value v = n.IsScalar() ? ScalarToJson(n) : json::Value();
    if (!v.is_bool()) {
      Error(At(file, n), what + " must be true or false");
      return false;
    }
    return v.as_bool();
  }

  std::optional<int> AsInt(const std::string& file, const YAML::Node& n, const std::string& what) {
    json::Value v = n.IsScalar() ? ScalarToJson(n) : json::Value();
    if (!v.is_int()) {
      Error(At(file, n), what + " must be an integer");
      return std::nullopt;
    }
    return static_cast<int>(v.as_int());
  }

  std::vector<std::string> AsStringList(const std::string& file, const YAML::Node& n, const std::string& what) {
    std::vector<std::string> out;
    if (n.IsScalar()) {
      out.push_back(n.Scalar());
    } else if (n.IsSequence()) {
      for (const auto& item : n) {
        if (!item.IsScalar()) {
          Error(At(file, item), what + " must be a list of names");
          continue;
        }
        out.push_back(item.Scalar());
      }
    } else if (!n.IsNull()) {
      Error(At(file, n), what + " must be a list of names");
    }
    return out;
  }

  void ParseMeta(ModelInfo& info, const YAML::Node& meta) {
    Model& m = *info.model;
    const std::string& file = info.file;
    if (YAML::Node n = meta["ordering"]; n.IsDefined()) m.ordering = AsStringList(file, n, m.label() + ": ordering");
    if (YAML::Node n = meta["unique_together"]; n.IsDefined()) {
      // Django accepts one flat group (['slug', 'store']) or a list of groups.
      bool flat = n.IsSequence() && n.size() > 0 && n[0].IsScalar();
      if (flat) {
        m.unique_together.push_back(AsStringList(file, n, m.label() + ": unique_together"));
      } else if (n.IsSequence()) {
        for (const auto& group : n)
          m.unique_together.push_back(AsStringList(file, group, m.label() + ": unique_together"));
      } else {
        Error(At(file, n), m.label() + ": unique_together must be a list of field names or a list of such lists");
      }
    }
    if (YAML::Node n = meta["indexes"]; n.IsDefined()) {
      for (const auto& item : n) {
        Index idx;
        if (item.IsSequence() || item.IsScalar()) {
          idx.fields = AsStringList(file, item, m.label() + ": indexes");
        } else if (item.IsMap()) {
          idx.fields = AsStringList(file, item["fields"], m.label() + ": indexes.fields");
          if (item["name"].IsDefined()) idx.name = item["name"].Scalar();
          if (item["unique"].IsDefined()) idx.unique = AsBool(file, item["unique"], m.label() + ": indexes.unique");
        }
        m.indexes.push_back(std::move(idx));
      }
    }
    if (YAML::Node n = meta["constraints"]; n.IsDefined()) {
      for (const auto& item : n) {
        if (!item.IsMap()) {
          Error(At(file, item), m.label() + ": a constraint must be a mapping {name, fields | check}");
          continue;
        }
        Constraint c;
        if (item["name"].IsDefined()) c.name = item["name"].Scalar();
        if (item["check"].IsDefined()) {
          c.kind = Constraint::Kind::kCheck;
          c.check = item["check"].Scalar();
        } else {
          c.fields = AsStringList(file, item["fields"], m.label() + ": constraints.fields");
          if (item["condition"].IsDefined()) c.condition = item["condition"].Scalar();
        }
        if (c.name.empty()) Error(At(file, item), m.label() + ": (models.E012) constraints must have a 'name'");
        m.constraints.push_back(std::move(c));
      }
    }
    if (YAML::Node n = meta["verbose_name"]; n.IsDefined()) m.verbose_name = n.Scalar();
    if (YAML::Node n = meta["verbose_name_plural"]; n.IsDefined()) m.verbose_name_plural = n.Scalar();
    if (YAML::Node n = meta["db_table"]; n.IsDefined()) m.db_table = n.Scalar();
    if (YAML::Node n = meta["get_latest_by"]; n.IsDefined()) m.get_latest_by = n.Scalar();
    if (YAML::Node n = meta["abstract"]; n.IsDefined() && &meta != &info.node)
      m.abstract = AsBool(file, n, m.label() + ".abstract");
  }

  void ParseField(ModelInfo& info, const YAML::Node& key, const YAML::Node& value) {
    Model& m = *info.model;
    const std::string& file = info.file;
    Field f;
    f.name = key.Scalar();
    f.location = At(file, key);
    std::string label = m.label() + "." + f.name;
    if (!IsIdentifier(f.name)) {
      Error(f.location, label + ": field name '" + f.name + "' is not a valid identifier");
      return;
    }
    if (f.name.find("__") != std::string::npos) {
      Error(f.location, label + ": (fields.E002) Field names must not contain \"__\".");
      return;
    }
    if (f.name.back() == '_') {
      Error(f.location, label + ": (fields.E001) Field names must not end with an underscore.");
      return;
    }
    if (m.FindField(f.name)) {
      Error(f.location, label + ": duplicate field '" + f.name + "'");
      return;
    }
    YAML::Node type_node;
    if (value.IsScalar()) {
      type_node = value;
    } else if (value.IsMap()) {
      type_node = value["type"];
      if (!type_node.IsDefined()) {
        Error(f.location, label + ": missing 'type' (e.g. type: CharField)");
        return;
      }
    } else {
      Error(At(file, value), label + ": a field must be a type name or a mapping with 'type'");
      return;
    }
    auto kind = FieldKindFromName(type_node.Scalar());
    if (!kind) {
      Error(At(file, type_node), label + ": unknown field type '" + type_node.Scalar() + "'" +
                                     DidYouMean(type_node.Scalar(), AllFieldKindNames()));
      return;
    }
    f.kind = *kind;
    bool has_on_delete = false;
    if (value.IsMap()) {
      for (const auto& kv : value) {
        const std::string opt = KeyText(kv.first);
        const YAML::Node& v = kv.second;
        SourceLocation oloc = At(file, kv.first);
        if (std::find(CommonOptions().begin(), CommonOptions().end(), opt) == CommonOptions().end()) {
          Error(oloc, label + ": unknown option '" + opt + "' for " + std::string(FieldKindName(f.kind)) +
                          DidYouMean(opt, CommonOptions()));
          continue;
        }
        if (!OptionApplies(opt, f.kind)) {
          Error(oloc, label + ": option '" + opt + "' does not apply to " + std::string(FieldKindName(f.kind)));
          continue;
        }
        std::string what = label + ": '" + opt + "'";
        if (opt == "type") continue;
        if (opt == "null")
          f.null = AsBool(file, v, what);
        else if (opt == "blank")
          f.blank = AsBool(file, v, what);
        else if (opt == "unique")
          f.unique = AsBool(file, v, what);
        else if (opt == "db_index")
          f.db_index = AsBool(file, v, what);
        else if (opt == "primary_key")
          f.primary_key = AsBool(file, v, what);
        else if (opt == "editable")
          f.editable = AsBool(file, v, what);
        else if (opt == "auto_now")
          f.auto_now = AsBool(file, v, what);
        else if (opt == "auto_now_add")
          f.auto_now_add = AsBool(file, v, what);
        else if (opt == "symmetrical")
          f.symmetrical = AsBool(file, v, what);
        else if (opt == "preserve_key_order")
          f.preserve_key_order = AsBool(file, v, what);
        else if (opt == "help_text" || opt == "description")
          f.help_text = v.Scalar();
        else if (opt == "verbose_name")
          f.verbose_name = v.Scalar();
        else if (opt == "db_column")
          f.column = v.Scalar();
        else if (opt == "upload_to")
          f.upload_to = v.Scalar();
        else if (opt == "to")
          f.to = v.Scalar();
        else if (opt == "to_field")
          f.to_field = v.Scalar();
        else if (opt == "through")
          f.through = v.Scalar();
        else if (opt == "db_table")
          f.m2m_table = v.Scalar();
        else if (opt == "related_name")
          f.related_name = v.Scalar();
        else if (opt == "related_query_name")
          f.related_query_name = v.Scalar();
        else if (opt == "max_length") {
          f.max_length = AsInt(file, v, what);
          if (f.max_length && *f.max_length <= 0)
            Error(At(file, v), label + ": (fields.E121) 'max_length' must be a positive integer.");
        } else if (opt == "max_digits") {
          f.max_digits = AsInt(file, v, what);
          if (f.max_digits && *f.max_digits <= 0)
            Error(At(file, v), label + ": (fields.E133) 'max_digits' must be a positive integer.");
        } else if (opt == "decimal_places") {
          f.decimal_places = AsInt(file, v, what);
          if (f.decimal_places && *f.decimal_places < 0)
            Error(At(file, v), label + ": (fields.E131) 'decimal_places' must be a non-negative integer.");
        } else if (opt == "on_delete") {
          has_on_delete = true;
          auto d = OnDeleteFromName(v.Scalar());
          if (!d) {
            Error(At(file, v), label + ": unknown on_delete '" + v.Scalar() + "'" +
                                   DidYouMean(v.Scalar(), {"CASCADE", "PROTECT", "SET_NULL", "SET_DEFAULT", "RESTRICT",
                                                           "DO_NOTHING"}));
          } else {
            f.on_delete = *d;
          }
        } else if (opt == "default") {
          f.default_value = NodeToJson(v);
        } else if (opt == "default_function") {
          std::string fn = v.Scalar();
          if (fn == "uuid4")
            f.default_function = DefaultFunction::kUuid4;
          else if (fn == "now")
            f.default_function = DefaultFunction::kNow;
          else if (fn == "today")
            f.default_function = DefaultFunction::kToday;
          else
            Error(At(file, v),
                  label + ": unknown default_function '" + fn + "'" + DidYouMean(fn, {"uuid4", "now", "today"}));
        } else if (opt == "choices") {
          ParseChoices(file, label, v, f);
        }
        // validators, unique_for_date, protocol, unpack_ipv4, db_constraint: accepted, not used by the engine.
      }
    }
    CheckField(info, label, f, has_on_delete, value);
    info.field_nodes[f.name] = value;
    info.field_keys[f.name] = key;
    m.fields.push_back(std::move(f));
  }

  void ParseChoices(const std::string& file, const std::string& label, const YAML::Node& v, Field& f) {
    auto bad = [&](const YAML::Node& at) {
      Error(At(file, at), label +
                              ": (fields.E005) 'choices' must be a list of [value, label] pairs or a mapping "
                              "of value to label");
    };
    if (v.IsMap()) {
      for (const auto& kv : v) f.choices.push_back({ScalarToJson(kv.first), kv.second.Scalar()});
      return;
    }
    if (!v.IsSequence()) return bad(v);
    for (const auto& item : v) {
      if (item.IsScalar()) {
        f.choices.push_back({ScalarToJson(item), item.Scalar()});
      } else if (item.IsSequence() && item.size() == 2 && item[0].IsScalar() && item[1].IsScalar()) {
        f.choices.push_back({ScalarToJson(item[0]), item[1].Scalar()});
      } else if (item.IsMap() && item["value"].IsDefined()) {
        f.choices.push_back(
            {ScalarToJson(item["value"]), item["label"].IsDefined() ? item["label"].Scalar() : item["value"].Scalar()});
      } else {
        return bad(item);
      }
    }
  }

  // Per-field checks that need only the field itself (Django's Field.check()).
  void CheckField(ModelInfo& info, const std::string& label, Field& f, bool has_on_delete, const YAML::Node& node) {
    const std::string& file = info.file;
    auto at_option = [&](const char* option) {
      return node.IsMap() && node[option].IsDefined() ? At(file, node[option]) : f.location;
    };
    if (f.kind == FieldKind::kCharField && !f.max_length)
      Error(f.location, label + ": (fields.E120) CharFields must define a 'max_length' attribute.");
    if (f.kind == FieldKind::kDecimalField) {
      if (!f.decimal_places)
        Error(f.location, label + ": (fields.E130) DecimalFields must define a 'decimal_places' attribute.");
      if (!f.max_digits)
        Error(f.location, label + ": (fields.E132) DecimalFields must define a 'max_digits' attribute.");
      if (f.max_digits && f.decimal_places && *f.max_digits < *f.decimal_places)
        Error(at_option("max_digits"),
              label + ": (fields.E134) 'max_digits' must be greater or equal to 'decimal_places'.");
    }
    // Django's implicit max_length defaults.
    if (!f.max_length) {
      if (f.kind == FieldKind::kSlugField) f.max_length = 50;
      if (f.kind == FieldKind::kEmailField) f.max_length = 254;
      if (f.kind == FieldKind::kURLField) f.max_length = 200;
      if (f.kind == FieldKind::kFileField || f.kind == FieldKind::kImageField) f.max_length = 100;
      if (f.kind == FieldKind::kGenericIPAddressField) f.max_length = 39;
    }
    if (f.auto_now + f.auto_now_add + (f.default_value.has_value() || f.default_function != DefaultFunction::kNone) > 1)
      Error(f.location, label +
                            ": (fields.E160) The options auto_now, auto_now_add, and default are mutually "
                            "exclusive. Only one of these options may be present.");
    if (f.auto_now || f.auto_now_add) {
      f.editable = false;
      f.blank = true;
    }
    if (IsAutoKind(f.kind)) {
      if (!f.primary_key) Error(f.location, label + ": (fields.E100) AutoFields must set primary_key=True.");
      f.editable = false;
      f.blank = true;
    }
    if (f.primary_key) {
      f.unique = true;
      if (f.null) Error(at_option("null"), label + ": (fields.E007) Primary keys must not have null=True.");
    }
    if (f.kind == FieldKind::kOneToOneField) f.unique = true;
    if (IsRelationKind(f.kind) && f.to.empty())
      Error(f.location, label + ": " + std::string(FieldKindName(f.kind)) + " requires 'to' (the target model)");
    if (IsToOneKind(f.kind)) {
      if (!has_on_delete) {
        Error(f.location, label + ": " + std::string(FieldKindName(f.kind)) +
                              " requires 'on_delete' (one of CASCADE, PROTECT, SET_NULL, SET_DEFAULT, RESTRICT, "
                              "DO_NOTHING)");
      } else if (f.on_delete == OnDelete::kSetNull && !f.null) {
        Error(at_option("on_delete"), label +
                                          ": (fields.E320) Field specifies on_delete=SET_NULL, but cannot be "
                                          "null. HINT: Set null=True argument on the field, or change the "
                                          "on_delete rule.");
      } else if (f.on_delete == OnDelete::kSetDefault && !f.default_value) {
        Error(at_option("on_delete"), label +
                                          ": (fields.E321) Field specifies on_delete=SET_DEFAULT, but has no "
                                          "default value. HINT: Set a default value, or change the on_delete "
                                          "rule.");
      }
    }
    if (f.is_relation() && !f.related_name.empty()) {
      std::string rn = f.related_name;
      bool plus = rn.back() == '+';
      std::string base = plus ? rn.substr(0, rn.size() - 1) : rn;
      // %(class)s / %(app_label)s placeholders are substituted when an abstract model is inherited.
      std::string probe = base;
      for (const char* ph : {"%(class)s", "%(app_label)s", "%(model_name)s"})
        for (size_t p; (p = probe.find(ph)) != std::string::npos;) probe.replace(p, std::strlen(ph), "x");
      if (!(plus && base.empty()) && !IsIdentifier(probe))
        Error(at_option("related_name"), label + ": (fields.E306) The name '" + rn +
                                             "' is invalid related_name for field " + info.model->name + "." + f.name +
                                             " HINT: Related name must be a valid Python identifier or "
                                             "end with a '+'");
    }
    if (f.is_many_to_many() && f.null)
      Warn(at_option("null"), label + ": (fields.W340) null has no effect on ManyToManyField.");
    // Choices: default must be one of them; max_length must fit the longest value.
    if (f.has_choices()) {
      if (f.default_value && !f.default_value->is_null() && !f.ChoiceLabel(*f.default_value)) {
        std::vector<std::string> values;
        for (const auto& c : f.choices)
          values.push_back(c.value.is_string() ? c.value.as_string() : DisplayValue(c.value));
        Error(at_option("default"), label + ": invalid default " + DisplayValue(*f.default_value) +
                                        ": not one of the choices " + Quoted(values));
      }
      if (f.max_length && IsStringKind(f.kind)) {
        size_t longest = 0;
        for (const auto& c : f.choices)
          if (c.value.is_string()) longest = std::max(longest, c.value.as_string().size());
        if (longest > static_cast<size_t>(*f.max_length))
          Error(at_option("max_length"), label +
                                             ": (fields.E009) 'max_length' is too small to fit the longest value "
                                             "in 'choices' (" +
                                             std::to_string(longest) + " characters).");
      }
    } else if (f.default_value && !f.default_value->is_null()) {
      CheckDefaultType(at_option("default"), label, f);
    }
    if (f.default_value && f.default_value->is_null() && !f.null && !f.is_relation())
      Error(at_option("default"), label + ": default is null but the field is not null: true");
  }

  void CheckDefaultType(const SourceLocation& loc, const std::string& label, const Field& f) {
    const json::Value& d = *f.default_value;
    std::string expected;
    if (f.kind == FieldKind::kBooleanField && !d.is_bool())
      expected = "true or false";
    else if (IsIntegerKind(f.kind) && !d.is_int())
      expected = "an integer";
    else if ((f.kind == FieldKind::kFloatField || f.kind == FieldKind::kDecimalField) && !d.is_number() &&
             !d.is_string())
      expected = "a number";
    else if ((IsStringKind(f.kind) || f.kind == FieldKind::kUUIDField || IsTemporalKind(f.kind)) &&
             (d.is_array() || d.is_object()))
      expected = "a string";
    if (f.kind == FieldKind::kDecimalField && d.is_string()) {
      char* end = nullptr;
      std::strtod(d.as_string().c_str(), &end);
      if (d.as_string().empty() || *end != '\0') expected = "a decimal number";
    }
    if (!expected.empty())
      Error(loc, label + ": invalid default " + DisplayValue(d) + " for " + std::string(FieldKindName(f.kind)) +
                     " (expected " + expected + ")");
    if (f.max_length && d.is_string() && IsStringKind(f.kind) &&
        d.as_string().size() > static_cast<size_t>(*f.max_length))
      Error(loc, label + ": default is longer than max_length (" + std::to_string(*f.max_length) + ")");
  }

  void ParseGraphQL(ModelInfo& info, const YAML::Node& g) {
    Model& m = *info.model;
    const std::string& file = info.file;
    GraphQLMeta& gm = m.graphql;
    std::string label = m.label() + ".graphql";
    if (!g.IsMap()) {
      Error(At(file, g), label + " must be a mapping");
      return;
    }
    for (const auto& kv : g) {
      const std::string& key = kv.first.Scalar();
      const YAML::Node& v = kv.second;
      if (std::find(GraphQLKeys().begin(), GraphQLKeys().end(), key) == GraphQLKeys().end()) {
        Error(At(file, kv.first), label + ": unknown key '" + key + "'" + DidYouMean(key, GraphQLKeys()));
        continue;
      }
      std::string what = label + "." + key;
      if (key == "fields") {
        if (v.IsScalar() && v.Scalar() == "__all__") continue;
        gm.fields = AsStringList(file, v, what);
      } else if (key == "exclude_fields" || key == "exclude") {
        auto list = AsStringList(file, v, what);
        gm.exclude_fields.insert(gm.exclude_fields.end(), list.begin(), list.end());
      } else if (key == "read_only_fields") {
        gm.read_only_fields = AsStringList(file, v, what);
      } else if (key == "write_only_fields") {
        gm.write_only_fields = AsStringList(file, v, what);
      } else if (key == "filter_fields" || key == "filterable_fields") {
        gm.has_filter_fields = true;
        if (v.IsSequence()) {  // a plain list of names: default lookups per type
          for (const auto& item : v) gm.filter_fields.push_back({item.Scalar(), {}});
        } else if (v.IsMap()) {
          for (const auto& fkv : v)
            gm.filter_fields.push_back({fkv.first.Scalar(), AsStringList(file, fkv.second, what)});
        } else if (!v.IsNull()) {
          Error(At(file, v), what + " must map field names to lists of lookups");
        }
      } else if (key == "ordering") {
        gm.ordering = AsStringList(file, v, what);
      } else if (key == "descriptions") {
        if (v.IsMap())
          for (const auto& dkv : v) gm.descriptions.push_back({dkv.first.Scalar(), dkv.second.Scalar()});
        else
          Error(At(file, v), what + " must map field names to descriptions");
      } else if (key == "search_fields") {
        gm.search_fields = AsStringList(file, v, what);
      } else if (key == "computed_fields") {
        ParseComputed(info, v, what);
      } else if (key == "field_permissions") {
        if (v.IsMap())
          for (const auto& pkv : v)
            gm.field_permissions.push_back({pkv.first.Scalar(), AsStringList(file, pkv.second, what)});
        else
          Error(At(file, v), what + " must map field names to permission lists");
      } else if (key == "permission_classes") {
        gm.permission_classes = AsStringList(file, v, what);
      } else if (key == "select_related") {
        gm.select_related = AsStringList(file, v, what);
      } else if (key == "prefetch_related") {
        gm.prefetch_related = AsStringList(file, v, what);
      } else if (key == "connection") {
        if (v.IsMap()) {
          for (const auto& ckv : v)
            gm.relation_connection.push_back({ckv.first.Scalar(), AsBool(file, ckv.second, what)});
        } else {
          gm.connection = AsBool(file, v, what);
        }
      } else if (key == "validator_class") {
        gm.validator_class = v.Scalar();
      } else if (key == "validators") {
        ParseValidators(info, v, what);
      } else if (key == "sanitize_html") {
        ParseSanitizers(info, v, what);
      } else if (key == "caching") {
        gm.caching = NodeToJson(v);
      }
    }
  }

  void ParseValidators(ModelInfo& info, const YAML::Node& v, const std::string& what) {
    const std::string& file = info.file;
    if (!v.IsMap()) {
      Error(At(file, v), what +
                             " must map field names to {regex, min_value, max_value, min_length, max_length, "
                             "message}");
      return;
    }
    static const std::vector<std::string_view> keys = {"regex",      "min_value",  "max_value",
                                                       "min_length", "max_length", "message"};
    for (const auto& kv : v) {
      FieldValidator fv;
      fv.field = kv.first.Scalar();
      fv.location = At(file, kv.first);
      std::string label = what + "." + fv.field;
      if (!info.model->FindField(fv.field) && info.model->extends.empty())
        Error(fv.location, label + ": unknown field '" + fv.field + "'");
      if (!kv.second.IsMap()) {
        Error(fv.location, label + " must be a mapping");
        continue;
      }
      for (const auto& rkv : kv.second) {
        const std::string& k = rkv.first.Scalar();
        const YAML::Node& r = rkv.second;
        try {
          if (k == "regex") {
            fv.regex = r.Scalar();
            try {
              std::regex test(fv.regex, std::regex::ECMAScript);
            } catch (const std::regex_error&) {
              Error(At(file, r), label + ".regex: invalid regular expression");
            }
          } else if (k == "min_value") {
            fv.min_value = r.as<double>();
          } else if (k == "max_value") {
            fv.max_value = r.as<double>();
          } else if (k == "min_length") {
            fv.min_length = r.as<int>();
          } else if (k == "max_length") {
            fv.max_length = r.as<int>();
          } else if (k == "message") {
            fv.message = r.Scalar();
          } else {
            Error(At(file, rkv.first), label + ": unknown key '" + k + "'" + DidYouMean(k, keys));
          }
        } catch (const YAML::Exception&) {
          Error(At(file, r), label + "." + k + ": expected a number");
        }
      }
      info.model->graphql.validators.push_back(std::move(fv));
    }
  }

  void ParseSanitizers(ModelInfo& info, const YAML::Node& v, const std::string& what) {
    const std::string& file = info.file;
    auto add_default = [&](const std::string& field) {
      HtmlSanitizer h;
      h.field = field;
      h.tags = {"a", "abbr", "acronym", "b", "blockquote", "code", "em", "i", "li", "ol", "strong", "ul"};
      h.attributes = {{"a", {"href", "title"}}, {"abbr", {"title"}}, {"acronym", {"title"}}};
      return h;
    };
    auto check_field = [&](const std::string& field, const YAML::Node& at) {
      const Field* f = info.model->FindField(field);
      if (!f && info.model->extends.empty())
        Error(At(file, at), what + ": unknown field '" + field + "'");
      else if (f && !IsStringKind(f->kind))
        Error(At(file, at), what + "." + field + ": only string fields hold HTML");
    };
    if (v.IsSequence()) {  // a list of fields with the default allow-list
      for (const auto& item : v) {
        check_field(item.Scalar(), item);
        info.model->graphql.sanitize_html.push_back(add_default(item.Scalar()));
      }
      return;
    }
    if (!v.IsMap()) {
      Error(At(file, v), what + " must list fields or map them to {tags, attributes, strip}");
      return;
    }
    for (const auto& kv : v) {
      const std::string field = kv.first.Scalar();
      check_field(field, kv.first);
      HtmlSanitizer h = add_default(field);
      const YAML::Node& def = kv.second;
      if (def.IsScalar()) {
        if (!AsBool(file, def, what + "." + field)) continue;
      } else if (def.IsMap()) {
        for (const auto& okv : def) {
          const std::string& k = okv.first.Scalar();
          if (k == "tags") {
            h.tags = AsStringList(file, okv.second, what + "." + field + ".tags");
          } else if (k == "attributes") {
            h.attributes.clear();
            if (okv.second.IsMap())
              for (const auto& akv : okv.second)
                h.attributes.push_back({akv.first.Scalar(), AsStringList(file, akv.second, what)});
            else
              Error(At(file, okv.second), what + "." + field + ".attributes must map tags to attribute lists");
          } else if (k == "strip") {
            h.strip = AsBool(file, okv.second, what + "." + field + ".strip");
          } else {
            Error(At(file, okv.first), what + "." + field + ": unknown key '" + k + "' (tags, attributes, strip)");
          }
        }
      } else {
        Error(At(file, def), what + "." + field + " must be true or {tags, attributes, strip}");
        continue;
      }
      info.model->graphql.sanitize_html.push_back(std::move(h));
    }
  }

  void ParseComputed(ModelInfo& info, const YAML::Node& v, const std::string& what) {
    const std::string& file = info.file;
    if (!v.IsMap()) {
      Error(At(file, v), what + " must map names to {type, sql} (a SQL expression over the model's columns)");
      return;
    }
    for (const auto& kv : v) {
      ComputedField c;
      c.name = kv.first.Scalar();
      c.location = At(file, kv.first);
      const YAML::Node& def = kv.second;
      std::string label = what + "." + c.name;
      if (!def.IsMap()) {
        Error(c.location, label + " must be a mapping {type, sql}");
        continue;
      }
      for (const auto& okv : def) {
        const std::string& k = okv.first.Scalar();
        if (k != "type" && k != "sql" && k != "description")
          Error(At(file, okv.first),
                label + ": unknown key '" + k + "'" + DidYouMean(k, {"type", "sql", "description"}));
      }
      if (def["type"].IsDefined()) c.graphql_type = def["type"].Scalar();
      if (def["description"].IsDefined()) c.description = def["description"].Scalar();
      YAML::Node sql = def["sql"];
      if (sql.IsScalar()) {
        c.sql = sql.Scalar();
      } else if (sql.IsMap()) {
        for (const auto& skv : sql) {
          const std::string& backend = skv.first.Scalar();
          if (backend == "default") {
            c.sql = skv.second.Scalar();
          } else if (backend == "sqlite" || backend == "postgresql") {
            c.sql_by_backend[backend] = skv.second.Scalar();
          } else {
            Error(At(file, skv.first), label + ": unknown backend '" + backend + "'" +
                                           DidYouMean(backend, {"sqlite", "postgresql", "default"}));
          }
        }
        if (c.sql.empty() && !c.sql_by_backend.empty()) {
          // Without a default, a backend-specific expression is required for both backends.
          for (const char* b : {"sqlite", "postgresql"})
            if (!c.sql_by_backend.count(b))
              Error(At(file, sql), label + ": sql has no '" + std::string(b) + "' expression");
        }
      }
      if (c.graphql_type.empty())
        Error(c.location, label + ": missing 'type' (a GraphQL type such as Decimal or Boolean!)");
      if (c.sql.empty() && c.sql_by_backend.empty()) Error(c.location, label + ": missing 'sql' (a SQL expression)");
      info.model->graphql.computed_fields.push_back(std::move(c));
    }
  }

  // ---- inheritance ----

  void ResolveInheritance() {
    for (auto& [model, info] : infos_) Inherit(info);
  }

  void Inherit(ModelInfo& info) {
    Model& m = *info.model;
    if (info.inheritance_done || m.extends.empty()) {
      info.inheritance_done = true;
      return;
    }
    if (info.in_progress) {
      Error(At(info.file, Sub(info.node, "extends")), m.label() + ": inheritance cycle through '" + m.extends + "'");
      info.inheritance_done = true;
      return;
    }
    info.in_progress = true;
    Model* parent = LookupModel(m, m.extends);
    if (!parent) {
      Error(At(info.file, Sub(info.node, "extends")),
            m.label() + ": extends unknown model '" + m.extends + "'" + DidYouMean(m.extends, ModelNames()));
    } else {
      Inherit(infos_[parent]);
      if (parent->abstract) {
        // Abstract base: copy fields (parent's first), Meta defaults and the graphql block if the child has none.
        std::vector<Field> merged;
        for (Field f : parent->fields) {
          if (m.FindField(f.name)) {
            Error(At(info.file, info.field_keys[f.name]), m.label() + "." + f.name + ": (models.E006) The field '" +
                                                              f.name + "' clashes with the field '" + f.name +
                                                              "' from model '" + parent->label() + "'.");
            continue;
          }
          for (std::string* s : {&f.related_name, &f.related_query_name}) SubstitutePlaceholders(*s, m);
          merged.push_back(std::move(f));
          infos_[&m].field_nodes[merged.back().name] = infos_[parent].field_nodes[merged.back().name];
        }
        for (auto& f : m.fields) merged.push_back(std::move(f));
        m.fields = std::move(merged);
        if (m.ordering.empty()) m.ordering = parent->ordering;
        if (m.unique_together.empty()) m.unique_together = parent->unique_together;
        if (m.indexes.empty()) m.indexes = parent->indexes;
        if (m.constraints.empty()) m.constraints = parent->constraints;
        if (m.get_latest_by.empty()) m.get_latest_by = parent->get_latest_by;
        MergeGraphQL(m.graphql, parent->graphql);
      } else {
        m.parent = parent;
      }
    }
    info.in_progress = false;
    info.inheritance_done = true;
  }

  static void SubstitutePlaceholders(std::string& s, const Model& m) {
    auto replace = [&](const std::string& from, const std::string& to) {
      for (size_t p; (p = s.find(from)) != std::string::npos;) s.replace(p, from.size(), to);
    };
    replace("%(class)s", m.lower_name());
    replace("%(model_name)s", m.lower_name());
    replace("%(app_label)s", ToLower(m.app_label));
  }

  static void MergeGraphQL(GraphQLMeta& child, const GraphQLMeta& parent) {
    if (!child.fields) child.fields = parent.fields;
    child.exclude_fields.insert(child.exclude_fields.begin(), parent.exclude_fields.begin(),
                                parent.exclude_fields.end());
    if (!child.has_filter_fields) {
      child.filter_fields = parent.filter_fields;
      child.has_filter_fields = parent.has_filter_fields;
    }
    if (child.ordering.empty()) child.ordering = parent.ordering;
    child.descriptions.insert(child.descriptions.begin(), parent.descriptions.begin(), parent.descriptions.end());
    if (child.search_fields.empty()) child.search_fields = parent.search_fields;
    child.computed_fields.insert(child.computed_fields.begin(), parent.computed_fields.begin(),
                                 parent.computed_fields.end());
    child.field_permissions.insert(child.field_permissions.begin(), parent.field_permissions.begin(),
                                   parent.field_permissions.end());
    if (child.permission_classes.empty()) child.permission_classes = parent.permission_classes;
  }

  // ---- implicit primary keys, tables, columns ----

  void AddImplicitKeys() {
    for (auto& [model, info] : infos_) AddImplicitKeysOf(info);
  }

  void AddImplicitKeysOf(ModelInfo& info) {
    if (info.implicit_done) return;
    info.implicit_done = true;
    {
      Model& m = *info.model;
      if (m.db_table.empty()) m.db_table = ToLower(m.app_label) + "_" + m.lower_name();
      if (m.verbose_name.empty()) m.verbose_name = DefaultVerboseName(m.name);
      if (m.verbose_name_plural.empty()) m.verbose_name_plural = m.verbose_name + "s";
      int pk_count = 0;
      for (const auto& f : m.fields) pk_count += f.primary_key ? 1 : 0;
      if (pk_count > 1)
        Error(m.location, m.label() +
                              ": (models.E026) The model cannot have more than one field with "
                              "'primary_key=True'.");
      const Field* user_id = m.FindField("id");
      if (user_id && !user_id->primary_key)
        Error(user_id->location, m.label() +
                                     ": (models.E004) 'id' can only be used as a field name if the field "
                                     "also sets 'primary_key=True'.");
      if (pk_count == 0 && !m.abstract && !user_id) {
        Field pk;
        if (m.parent) {
          pk.name = m.parent->lower_name() + "_ptr";
          pk.kind = FieldKind::kOneToOneField;
          pk.to = m.parent->label();
          pk.target = m.parent;
          pk.parent_link = true;
          pk.on_delete = OnDelete::kCascade;
          pk.related_name = "";
        } else {
          pk.name = "id";
          pk.kind = app_auto_field_.count(m.app_label) ? app_auto_field_[m.app_label] : options_.default_auto_field;
          pk.editable = false;
          pk.blank = true;
        }
        pk.primary_key = true;
        pk.unique = true;
        pk.auto_created = true;
        pk.verbose_name = "ID";
        pk.location = m.location;
        m.fields.insert(m.fields.begin(), std::move(pk));
      }
      for (auto& f : m.fields) {
        if (f.verbose_name.empty()) {
          f.verbose_name = f.name;
          std::replace(f.verbose_name.begin(), f.verbose_name.end(), '_', ' ');
        }
        if (f.is_many_to_many()) {
          f.column.clear();
        } else if (f.column.empty()) {
          f.column = f.is_to_one() ? f.name + "_id" : f.name;
        }
      }
      // Two fields on the same column (e.g. `author` FK and a plain `author_id`).
      std::map<std::string, const Field*> columns;
      for (const auto& f : m.fields) {
        if (f.column.empty()) continue;
        auto [it, inserted] = columns.emplace(f.column, &f);
        if (!inserted)
          Error(f.location, m.label() + "." + f.name + ": (models.E007) Field '" + f.name + "' has column name '" +
                                f.column +
                                "' that is used by another field. HINT: Specify a 'db_column' for the "
                                "field.");
      }
    }
  }

  // ---- relations ----

  std::vector<std::string_view> ModelNames() const {
    std::vector<std::string_view> names;
    for (const auto& m : project_.all_models()) names.push_back(m->name);
    return names;
  }

  // `to` resolution: "self", "Name" (same app, else unique across apps, else a built-in), "app.Name".
  Model* LookupModel(const Model& from, const std::string& to) {
    if (to == "self") return const_cast<Model*>(&from);
    if (to.find('.') != std::string::npos) {
      std::string app = to.substr(0, to.find('.'));
      std::string name = to.substr(to.find('.') + 1);
      if (Model* m = project_.FindModelInApp(app, name)) return m;
      if (MaterializeBuiltin(app)) return project_.FindModelInApp(app, name);
      return nullptr;
    }
    if (Model* m = project_.FindModelInApp(from.app_label, to); m && m->name == to) return m;
    if (Model* m = project_.FindModel(to)) return m;
    if (to == "User" || to == "Group") {
      if (MaterializeBuiltin("auth")) return project_.FindModelInApp("auth", to);
    }
    if (to == "ContentType" && MaterializeBuiltin("contenttypes")) return project_.FindModelInApp("contenttypes", to);
    return nullptr;
  }

  // Loads a built-in app (once) and runs the early phases on it. Returns false for an unknown app.
  bool MaterializeBuiltin(const std::string& app) {
    if (!options_.builtin_apps || project_.FindApp(app)) return false;
    std::string_view text;
    if (app == "auth")
      text = kAuthApp;
    else if (app == "contenttypes")
      text = kContentTypesApp;
    else
      return false;
    size_t before = project_.all_models().size();
    ParseSource({"<builtin:" + app + ">", std::string(text)}, true);
    // Bring the new models up to the phase the caller is in.
    std::vector<Model*> added;
    for (size_t i = before; i < project_.all_models().size(); ++i) added.push_back(project_.all_models()[i].get());
    pending_builtins_.insert(pending_builtins_.end(), added.begin(), added.end());
    for (Model* m : added) Inherit(infos_[m]);
    for (Model* m : added) AddImplicitKeysOf(infos_[m]);
    for (Model* m : added) ResolveRelationsOf(*m);
    return true;
  }

  void ResolveRelations() {
    std::vector<Model*> models;
    for (const auto& m : project_.all_models()) models.push_back(m.get());
    for (Model* m : models)
      if (std::find(pending_builtins_.begin(), pending_builtins_.end(), m) == pending_builtins_.end())
        ResolveRelationsOf(*m);
  }

  void ResolveRelationsOf(Model& m) {
    if (m.abstract) return;  // abstract fields are resolved on each concrete child (`self` = the child)
    ModelInfo& info = infos_[&m];
    for (auto& f : m.fields) {
      if (!f.is_relation() || f.target) continue;
      if (f.to.empty()) continue;
      Model* target = LookupModel(m, f.to);
      YAML::Node fnode = info.field_nodes[f.name];
      SourceLocation loc = fnode.IsMap() && fnode["to"].IsDefined() ? At(info.file, fnode["to"]) : f.location;
      std::string label = m.label() + "." + f.name;
      if (!target || target->abstract) {
        std::string hint = DidYouMean(f.to, ModelNames());
        Error(loc, label + ": (fields.E300) Field defines a relation with model '" + f.to +
                       "', which is either not installed, or is abstract" + (hint.empty() ? "." : hint));
        continue;
      }
      f.target = target;
      if (!f.to_field.empty() && !target->FindField(f.to_field))
        Error(At(info.file, fnode["to_field"]), label + ": (fields.E312) The to_field '" + f.to_field +
                                                    "' doesn't exist on the related model '" + target->label() + "'.");
      else if (!f.to_field.empty() && !target->FindField(f.to_field)->unique)
        Error(At(info.file, fnode["to_field"]), label + ": (fields.E311) '" + target->label() + "." + f.to_field +
                                                    "' must be unique because it is referenced by a foreign key.");
      if (f.is_many_to_many() && target == &m && f.through.empty()) {
        bool explicit_sym = fnode.IsMap() && fnode["symmetrical"].IsDefined();
        if (!explicit_sym) f.symmetrical = true;
      }
    }
  }

  void ResolveManyToMany() {
    for (const auto& up : project_.all_models()) {
      Model& m = *up;
      if (m.abstract) continue;
      ModelInfo& info = infos_[&m];
      for (auto& f : m.fields) {
        if (!f.is_many_to_many() || !f.target) continue;
        std::string label = m.label() + "." + f.name;
        Model* target = f.target;
        bool self_ref = target == &m;
        if (f.through.empty()) {
          if (f.m2m_table.empty()) f.m2m_table = m.db_table + "_" + f.name;
          if (self_ref) {
            f.m2m_source_column = "from_" + m.lower_name() + "_id";
            f.m2m_target_column = "to_" + m.lower_name() + "_id";
          } else {
            f.m2m_source_column = m.lower_name() + "_id";
            f.m2m_target_column = target->lower_name() + "_id";
          }
          continue;
        }
        YAML::Node fnode = info.field_nodes[f.name];
        SourceLocation loc =
            fnode.IsMap() && fnode["through"].IsDefined() ? At(info.file, fnode["through"]) : f.location;
        Model* through = LookupModel(m, f.through);
        if (!through || through->abstract) {
          Error(loc, label + ": (fields.E331) Field specifies a many-to-many relation through model '" + f.through +
                         "', which has not been installed" +
                         (DidYouMean(f.through, ModelNames()).empty() ? "." : DidYouMean(f.through, ModelNames())));
          continue;
        }
        f.through_model = through;
        f.m2m_table = through->db_table;
        const Field* source_fk = nullptr;
        const Field* target_fk = nullptr;
        for (const auto& tf : through->fields) {
          if (!tf.is_to_one() || !tf.target) continue;
          if (self_ref) {
            if (tf.target == &m && !source_fk)
              source_fk = &tf;
            else if (tf.target == &m && !target_fk)
              target_fk = &tf;
          } else {
            if (tf.target == &m && !source_fk)
              source_fk = &tf;
            else if (tf.target == target && !target_fk)
              target_fk = &tf;
          }
        }
        if (!source_fk || !target_fk) {
          Error(loc, label + ": (fields.E336) The model is used as an intermediate model by '" + label +
                         "', but it does not have a foreign key to '" + m.name + "' or '" + target->name + "'.");
          continue;
        }
        f.m2m_source_column = source_fk->column;
        f.m2m_target_column = target_fk->column;
      }
    }
  }

  void BuildReverseRelations() {
    for (const auto& up : project_.all_models()) {
      Model& m = *up;
      if (m.abstract) continue;
      for (const auto& f : m.fields) {
        if (!f.is_relation() || !f.target) continue;
        ReverseRelation r;
        r.source = &m;
        r.field = &f;
        r.many = f.kind != FieldKind::kOneToOneField;
        if (f.is_many_to_many() && f.symmetrical) {
          r.accessor_name = f.name + "_rel_+";
          r.hidden = true;
        } else if (!f.related_name.empty()) {
          r.accessor_name = f.related_name;
          r.hidden = f.related_name.back() == '+';
        } else {
          r.accessor_name = f.kind == FieldKind::kOneToOneField ? m.lower_name() : m.lower_name() + "_set";
        }
        if (!f.related_query_name.empty())
          r.query_name = f.related_query_name;
        else if (!f.related_name.empty())
          r.query_name = f.related_name;
        else if (f.is_many_to_many() && f.symmetrical)
          r.query_name = r.accessor_name;
        else
          r.query_name = m.lower_name();
        f.target->reverse_relations.push_back(r);
      }
    }
  }

  // Django's RelatedField._check_clashes (fields.E302-E305).
  void CheckClashes() {
    for (const auto& up : project_.all_models()) {
      const Model& m = *up;
      if (m.abstract) continue;
      for (const auto& f : m.fields) {
        if (!f.is_relation() || !f.target) continue;
        const Model& target = *f.target;
        const ReverseRelation* own = nullptr;
        for (const auto& r : target.reverse_relations)
          if (r.field == &f) own = &r;
        if (!own) continue;
        std::string field_name = m.label() + "." + f.name;
        SourceLocation loc = f.location;
        std::string rel_name = own->accessor_name;
        bool hidden = own->hidden;
        for (const auto& cf : target.fields) {
          std::string clash_name = target.label() + "." + cf.name;
          if (!hidden && cf.name == rel_name)
            Error(loc, field_name + ": (fields.E302) Reverse accessor '" + target.name + "." + rel_name + "' for '" +
                           field_name + "' clashes with field name '" + clash_name + "'. HINT: Rename field '" +
                           clash_name + "', or add/change a related_name argument to the definition for field '" +
                           field_name + "'.");
          if (cf.name == own->query_name)
            Error(loc, field_name + ": (fields.E303) Reverse query name for '" + field_name +
                           "' clashes with field name '" + clash_name + "'. HINT: Rename field '" + clash_name +
                           "', or add/change a related_name argument to the definition for field '" + field_name +
                           "'.");
        }
        for (const auto& r : target.reverse_relations) {
          if (&r == own) continue;
          std::string clash_name = r.source->label() + "." + r.field->name;
          if (!hidden && r.accessor_name == rel_name)
            Error(loc, field_name + ": (fields.E304) Reverse accessor '" + target.name + "." + rel_name + "' for '" +
                           field_name + "' clashes with reverse accessor for '" + clash_name +
                           "'. HINT: Add or change a related_name argument to the definition for '" + field_name +
                           "' or '" + clash_name + "'.");
          if (r.query_name == own->query_name)
            Error(loc, field_name + ": (fields.E305) Reverse query name for '" + field_name +
                           "' clashes with reverse query name for '" + clash_name +
                           "'. HINT: Add or change a related_name argument to the definition for '" + field_name +
                           "' or '" + clash_name + "'.");
        }
      }
    }
  }

  // ---- Meta and graphql cross-checks ----

  // A path's first segment names a field (or FK column) or a reverse query name / accessor of `m`.
  bool KnownPathHead(const Model& m, std::string_view path) const {
    std::string head(path.substr(0, path.find("__")));
    if (head == "pk" || m.FindField(head) || m.FindFieldByColumn(head)) return true;
    for (const auto& r : m.reverse_relations)
      if (r.query_name == head || (!r.hidden && r.accessor_name == head)) return true;
    if (m.parent) return KnownPathHead(*m.parent, path);
    return false;
  }

  std::vector<std::string_view> FieldNamesOf(const Model& m) const {
    std::vector<std::string_view> names;
    for (const auto& f : m.fields) names.push_back(f.name);
    for (const auto& r : m.reverse_relations)
      if (!r.hidden) names.push_back(r.accessor_name);
    return names;
  }

  // Location of the entry `text` of the list/map `key` in the model's node (or its `meta:` / `graphql:` section).
  SourceLocation ItemLocation(const ModelInfo& info, const char* section, const char* key,
                              const std::string& text) const {
    std::vector<YAML::Node> bases;
    if (section) {
      bases.push_back(Sub(info.node, section));
    } else {
      bases.push_back(Sub(info.node, "meta"));
      bases.push_back(info.node);
    }
    std::function<SourceLocation(const YAML::Node&)> find = [&](const YAML::Node& n) -> SourceLocation {
      if (n.IsScalar() && n.Scalar() == text) return At(info.file, n);
      if (n.IsSequence())
        for (const auto& c : n)
          if (auto l = find(c); l.line) return l;
      if (n.IsMap())
        for (const auto& kv : n) {
          if (kv.first.Scalar() == text) return At(info.file, kv.first);
          if (auto l = find(kv.second); l.line) return l;
        }
      return SourceLocation{};
    };
    for (const YAML::Node& base : bases) {
      if (!base.IsDefined() || !base.IsMap()) continue;
      YAML::Node list = base[key];
      if (!list.IsDefined()) continue;
      if (auto l = find(list); l.line) return l;
      return At(info.file, list);
    }
    return info.model->location;
  }

  void CheckMeta() {
    for (auto& [model, info] : infos_) {
      const Model& m = *model;
      if (m.abstract || info.file.rfind("<builtin:", 0) == 0) continue;
      auto names = FieldNamesOf(m);
      for (size_t i = 0; i < m.ordering.size(); ++i) {
        std::string name = m.ordering[i];
        if (name == "?") continue;
        std::string bare = name[0] == '-' || name[0] == '+' ? name.substr(1) : name;
        if (!KnownPathHead(m, bare))
          Error(ItemLocation(info, nullptr, "ordering", name),
                m.label() + ": (models.E015) 'ordering' refers to the nonexistent field, related field, or lookup '" +
                    bare + "'." + DidYouMeanHint(bare, names));
      }
      auto check_names = [&](const std::vector<std::string>& fields, const char* option) {
        for (size_t i = 0; i < fields.size(); ++i) {
          if (m.FindField(fields[i])) {
            if (m.FindField(fields[i])->is_many_to_many())
              Error(ItemLocation(info, nullptr, option, fields[i]),
                    m.label() + ": (models.E013) '" + option + "' refers to a ManyToManyField '" + fields[i] +
                        "', but ManyToManyFields are not permitted in '" + option + "'.");
            continue;
          }
          std::string bare = fields[i][0] == '-' ? fields[i].substr(1) : fields[i];
          if (m.FindField(bare)) continue;
          Error(ItemLocation(info, nullptr, option, fields[i]), m.label() + ": (models.E012) '" + option +
                                                                    "' refers to the nonexistent field '" + fields[i] +
                                                                    "'." + DidYouMeanHint(fields[i], names));
        }
      };
      for (const auto& group : m.unique_together) check_names(group, "unique_together");
      for (const auto& idx : m.indexes) check_names(idx.fields, "indexes");
      for (const auto& c : m.constraints) check_names(c.fields, "constraints");
      if (!m.get_latest_by.empty() && !m.FindField(m.get_latest_by))
        Error(m.location,
              m.label() + ": (models.E012) 'get_latest_by' refers to the nonexistent field '" + m.get_latest_by + "'.");
    }
  }

  static std::string DidYouMeanHint(std::string_view word, const std::vector<std::string_view>& names) {
    std::string best = ClosestMatch(word, names);
    return best.empty() ? "" : " HINT: did you mean '" + best + "'?";
  }

  void CheckGraphQL() {
    for (auto& [model, info] : infos_) {
      const Model& m = *model;
      const GraphQLMeta& g = m.graphql;
      if (m.abstract || info.file.rfind("<builtin:", 0) == 0) continue;  // abstract: checked in each child
      std::string label = m.label() + ".graphql";
      auto names = FieldNamesOf(m);
      std::vector<std::string> computed;
      for (const auto& c : g.computed_fields) computed.push_back(c.name);
      for (const auto& c : g.computed_fields) names.push_back(c.name);
      auto known = [&](std::string_view path) {
        return KnownPathHead(m, path) || std::find(computed.begin(), computed.end(),
                                                   std::string(path.substr(0, path.find("__")))) != computed.end();
      };
      auto check_list = [&](const std::vector<std::string>& list, const char* key, bool allow_sign) {
        for (size_t i = 0; i < list.size(); ++i) {
          std::string bare =
              allow_sign && !list[i].empty() && (list[i][0] == '-' || list[i][0] == '+') ? list[i].substr(1) : list[i];
          if (bare == "id" || bare == "pk" || known(bare)) continue;
          Error(ItemLocation(info, "graphql", key, list[i]),
                label + "." + key + ": unknown field '" + bare + "'" + DidYouMean(bare, names));
        }
      };
      if (g.fields) check_list(*g.fields, "fields", false);
      check_list(g.exclude_fields, Sub(Sub(info.node, "graphql"), "exclude").IsDefined() ? "exclude" : "exclude_fields",
                 false);
      check_list(g.read_only_fields, "read_only_fields", false);
      check_list(g.write_only_fields, "write_only_fields", false);
      check_list(g.ordering, "ordering", true);
      check_list(g.search_fields, "search_fields", false);
      check_list(g.select_related, "select_related", false);
      check_list(g.prefetch_related, "prefetch_related", false);
      const char* filter_key =
          Sub(Sub(info.node, "graphql"), "filterable_fields").IsDefined() ? "filterable_fields" : "filter_fields";
      for (size_t i = 0; i < g.filter_fields.size(); ++i) {
        const auto& [path, lookups] = g.filter_fields[i];
        if (!known(path)) {
          Error(ItemLocation(info, "graphql", filter_key, path),
                label + "." + filter_key + ": unknown field '" + path + "'" + DidYouMean(path, names));
          continue;
        }
        for (const auto& lookup : lookups) {
          if (std::find(KnownLookups().begin(), KnownLookups().end(), lookup) != KnownLookups().end()) continue;
          YAML::Node list = Sub(Sub(Sub(info.node, "graphql"), filter_key), path);
          SourceLocation loc = At(info.file, list);
          if (list.IsSequence())
            for (const auto& item : list)
              if (item.Scalar() == lookup) loc = At(info.file, item);
          Error(loc, label + "." + filter_key + "." + path + ": unknown lookup '" + lookup + "'" +
                         DidYouMean(lookup, KnownLookups()));
        }
      }
      std::vector<std::string> desc_names, perm_names, conn_names;
      for (const auto& d : g.descriptions) desc_names.push_back(d.first);
      for (const auto& p : g.field_permissions) perm_names.push_back(p.first);
      check_list(desc_names, "descriptions", false);
      check_list(perm_names, "field_permissions", false);
      for (const auto& [rel, on] : g.relation_connection) {
        bool to_many = false;
        if (const Field* f = m.FindField(rel)) to_many = f->is_many_to_many();
        if (const ReverseRelation* r = m.FindReverse(rel)) to_many = r->many;
        if (!to_many)
          Error(ItemLocation(info, "graphql", "connection", rel),
                label + ".connection: '" + rel + "' is not a to-many relation" + DidYouMean(rel, names));
      }
      for (const auto& c : g.computed_fields) {
        if (m.FindField(c.name) || m.FindReverse(c.name))
          Error(c.location, label + ".computed_fields." + c.name + ": clashes with the field '" + c.name + "'");
        if (m.abstract) continue;
        std::vector<std::string_view> expressions;
        if (!c.sql.empty()) expressions.push_back(c.sql);
        for (const auto& [backend, text] : c.sql_by_backend) expressions.push_back(text);
        for (auto text : expressions) {
          auto qualified = QualifyColumns(m, text, "");
          if (!qualified.ok()) {
            Error(c.location, label + ".computed_fields." + c.name + ": " + qualified.status().message());
            break;
          }
        }
      }
    }
  }

  LoadOptions options_;
  Project project_;
  std::map<Model*, ModelInfo> infos_;
  std::map<std::string, FieldKind> app_auto_field_;
  std::vector<Model*> pending_builtins_;
  std::vector<Diagnostic> errors_;
  std::vector<Diagnostic> warnings_;
};

void CollectFiles(const fs::path& dir, std::vector<std::string>& out) {
  std::vector<fs::path> entries;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
    if (!e.is_regular_file()) continue;
    auto ext = e.path().extension().string();
    if (ext == ".yaml" || ext == ".yml") entries.push_back(e.path());
  }
  std::sort(entries.begin(), entries.end());
  for (const auto& p : entries) out.push_back(p.string());
}

}  // namespace

std::string Diagnostic::ToString() const {
  std::string out = location.file + ":" + std::to_string(location.line) + ":" + std::to_string(location.column) + ": ";
  if (warning) out += "warning: ";
  return out + message;
}

std::string LoadResult::ErrorText() const {
  std::string out;
  for (const auto& d : errors) out += d.ToString() + "\n";
  return out;
}

std::string ClosestMatch(std::string_view word, const std::vector<std::string_view>& candidates) {
  std::string_view best;
  size_t best_distance = std::string_view::npos;
  for (auto c : candidates) {
    size_t d = EditDistance(word, c);
    if (d < best_distance) best_distance = d, best = c;
  }
  if (best.empty()) return "";
  size_t limit = std::max<size_t>(2, std::max(word.size(), best.size()) / 3);
  return best_distance <= limit ? std::string(best) : "";
}

const std::vector<std::string_view>& KnownLookups() {
  static const std::vector<std::string_view> v = {
      "exact",  "iexact",   "contains",     "icontains",   "in",       "gt",           "gte",
      "lt",     "lte",      "startswith",   "istartswith", "endswith", "iendswith",    "range",
      "isnull", "regex",    "iregex",       "date",        "year",     "month",        "day",
      "week",   "week_day", "iso_week_day", "quarter",     "iso_year", "time",         "hour",
      "minute", "second",   "search",       "has_key",     "has_keys", "has_any_keys", "contained_by"};
  return v;
}

LoadResult LoadModelSources(const std::vector<ModelSource>& sources, const LoadOptions& options) {
  try {
    Loader loader(options);
    return loader.Run(sources);
  } catch (const std::exception& e) {
    LoadResult r;
    r.errors.push_back({{sources.empty() ? "" : sources[0].file, 0, 0}, std::string("internal error: ") + e.what()});
    return r;
  }
}

LoadResult LoadModelPaths(const std::vector<std::string>& paths, const LoadOptions& options) {
  std::vector<std::string> files;
  LoadResult failed;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec))
      CollectFiles(p, files);
    else if (fs::is_regular_file(p, ec))
      files.push_back(p);
    else
      failed.errors.push_back({{p, 0, 0}, "no such model file or folder"});
  }
  if (!failed.errors.empty()) return failed;
  std::vector<ModelSource> sources;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      failed.errors.push_back({{f, 0, 0}, "cannot read model file"});
      continue;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    sources.push_back({f, ss.str()});
  }
  if (!failed.errors.empty()) return failed;
  return LoadModelSources(sources, options);
}

StatusOr<Project> LoadProject(const std::vector<std::string>& paths, const LoadOptions& options) {
  LoadResult r = LoadModelPaths(paths, options);
  if (!r.ok()) return InvalidArgument(r.ErrorText());
  return std::move(*r.project);
}

}  // namespace railgun::models
