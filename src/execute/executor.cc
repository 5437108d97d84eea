// The executor: graphql-js 16 `execute` semantics (operation selection, CollectFields, resolution, completion,
// null propagation, error paths and locations) over JSON source values and introspection nodes.
#include "execute/executor.h"

#include <deque>
#include <memory>
#include <utility>

#include "execute/introspection.h"
#include "execute/values.h"
#include "json/writer.h"
#include "schema/directives.h"
#include "schema/introspection_types.h"
#include "schema/scalars.h"
#include "schema/type_comparators.h"

namespace railgun::execute {
namespace {

using language::GraphQLError;
using language::Selection;
using language::SelectionKind;
using schema::NamedType;
using schema::TypeKind;

// A TypeRef without owning its modifiers: (named, mods[0..count)) outermost first.
struct TypeView {
  const NamedType* named = nullptr;
  const schema::Modifier* mods = nullptr;
  std::size_t count = 0;

  explicit TypeView(const schema::TypeRef& t) : named(t.named), mods(t.mods.data()), count(t.mods.size()) {}
  TypeView(const NamedType* n, const schema::Modifier* m, std::size_t c) : named(n), mods(m), count(c) {}
  [[nodiscard]] bool non_null() const { return count > 0 && mods[0] == schema::Modifier::kNonNull; }
  [[nodiscard]] bool list() const { return count > 0 && mods[0] == schema::Modifier::kList; }
  [[nodiscard]] TypeView inner() const { return {named, mods + 1, count - 1}; }
};

using FieldGroup = CollectedField;
using GroupedFields = std::vector<CollectedField>;

// The object a selection set is executed on: a JSON value or an introspection node.
struct Source {
  const json::Value* json = nullptr;
  IntrospectionNode node;
};

// A field's resolved (not yet completed) value. Everything it points to outlives the completion.
struct Resolved {
  const json::Value* json = nullptr;  // kJson; nullptr = null
  const IntrospectionValue* intro = nullptr;
  [[nodiscard]] bool is_null() const {
    if (intro != nullptr) return intro->kind == IntrospectionValue::Kind::kNull;
    return json == nullptr || json->is_null();
  }
};

struct PathEntry {
  std::string_view key;
  int64_t index = -1;  // >= 0 for list items
};

struct FieldInfo {
  const NamedType* parent;
  const schema::Field* def;
  const FieldGroup* group;
};

struct PairHash {
  std::size_t operator()(const std::pair<const void*, const void*>& p) const {
    return std::hash<const void*>()(p.first) * 31 + std::hash<const void*>()(p.second);
  }
};

class Executor {
 public:
  Executor(const ExecutionRequest& request, const language::OperationDefinition& operation, FragmentMap fragments,
           json::Value variables)
      : request_(request),
        schema_(*request.schema),
        operation_(operation),
        fragments_(std::move(fragments)),
        variables_(std::move(variables)),
        collector_(schema_, fragments_, variables_) {}

  ExecutionResult Run() {
    ExecutionResult result;
    const NamedType* root = nullptr;
    switch (operation_.operation) {
      case language::OperationType::kQuery: root = schema_.query_type(); break;
      case language::OperationType::kMutation: root = schema_.mutation_type(); break;
      case language::OperationType::kSubscription: root = schema_.subscription_type(); break;
    }
    if (root == nullptr) {
      GraphQLError e;
      e.message = std::string("Schema is not configured to execute ") +
                  language::OperationTypeName(operation_.operation) + " operation.";
      e.locations.push_back({operation_.loc.line, operation_.loc.column});
      errors_.push_back(std::move(e));
      result.data = json::Value();
      result.errors = std::move(errors_);
      return result;
    }
    FieldCollection collected = collector_.Collect(*root, operation_.selection_set);
    if (collected.error) {
      errors_.push_back(std::move(*collected.error));
      result.data = json::Value();
      result.errors = std::move(errors_);
      return result;
    }
    json::Value data = json::Value::MakeObject();
    Source source{&request_.root_value, {}};
    root_ = root;
    if (!ExecuteFields(*root, source, collected.fields, data)) data = json::Value();
    result.data = std::move(data);
    result.errors = std::move(errors_);
    result.warnings = std::move(warnings_);
    return result;
  }

 private:
  // Memoized per (runtime type, field nodes) like graphql-js collectSubfields; failures are not memoized.
  GroupedFields* CollectSubfields(const NamedType& type, const FieldGroup& group, GraphQLError* error) {
    auto key = std::make_pair(static_cast<const void*>(&type), static_cast<const void*>(&group.nodes));
    auto it = subfields_.find(key);
    if (it != subfields_.end()) return it->second.get();
    FieldCollection collected = collector_.CollectSubfields(type, group.nodes);
    if (collected.error) {
      *error = std::move(*collected.error);
      return nullptr;
    }
    auto fields = std::make_unique<GroupedFields>(std::move(collected.fields));
    GroupedFields* out = fields.get();
    subfields_.emplace(key, std::move(fields));
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Errors
  std::vector<language::PathSegment> CurrentPath() const {
    std::vector<language::PathSegment> path;
    path.reserve(path_.size());
    for (const auto& p : path_) {
      if (p.index >= 0)
        path.emplace_back(p.index);
      else
        path.emplace_back(std::string(p.key));
    }
    return path;
  }

  // Records `error` located at the current path; locations default to the field's nodes.
  void AddError(GraphQLError error, const FieldGroup& group) {
    if (error.locations.empty())
      for (const Selection* n : group.nodes) error.locations.push_back({n->loc.line, n->loc.column});
    if (error.path.empty()) error.path = CurrentPath();
    errors_.push_back(std::move(error));
  }

  void AddError(std::string message, const FieldGroup& group) {
    GraphQLError e;
    e.message = std::move(message);
    AddError(std::move(e), group);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Execution (spec §6.3)

  // Executes `fields` on `source`, appending members to `out`. False when a non-null field failed: the error is
  // recorded and the object must become null (remaining fields are not executed, like graphql-js).
  bool ExecuteFields(const NamedType& type, const Source& source, GroupedFields& fields, json::Value& out) {
    out.as_object().reserve(fields.size());
    for (FieldGroup& group : fields) {
      json::Value value;
      bool present = true;
      if (!ExecuteField(type, source, group, value, present)) return false;
      if (present) out.push(std::string(group.response_key), std::move(value));
    }
    return true;
  }

  const schema::Field* FieldDef(const NamedType& parent, std::string_view name) {
    if (name.size() > 2 && name[0] == '_' && name[1] == '_') {
      if (name == "__typename") return &schema::TypeNameMetaField();
      if (&parent == schema_.query_type()) {
        if (name == "__schema") return &schema::SchemaMetaField();
        if (name == "__type") return &schema::TypeMetaField();
      }
    }
    return parent.field(name);
  }

  const json::Value* Keep(json::Value v) { return &json_arena_.emplace_back(std::move(v)); }

  bool ExecuteField(const NamedType& parent, const Source& source, FieldGroup& group, json::Value& out, bool& present) {
    const Selection& first = *group.nodes.front();
    const std::string& name = first.name.value;
    const schema::Field* def = group.definition;
    if (def == nullptr) {
      def = FieldDef(parent, name);
      group.definition = def;  // groups are per runtime type, so the definition can be cached
    }
    if (def == nullptr) {
      present = false;
      return true;
    }
    path_.push_back(PathEntry{group.response_key, -1});
    bool ok = ResolveAndComplete(parent, source, group, *def, out);
    path_.pop_back();
    if (ok) return true;
    if (def->type.is_non_null()) return false;
    out = json::Value();
    return true;
  }

  // Resolves and completes one field; false = a field error was recorded (the caller applies nullability).
  bool ResolveAndComplete(const NamedType& parent, const Source& source, const FieldGroup& group,
                          const schema::Field& def, json::Value& out) {
    const Selection& first = *group.nodes.front();
    const std::string& name = first.name.value;
    FieldInfo info{&parent, &def, &group};
    static const json::Value kNoArguments = json::Value::MakeObject();
    ArgumentValues args;
    if (!def.args.empty()) {
      args = CoerceArgumentValues(def.args, first.arguments, first.loc, variables_);
      if (args.error) {
        AddError(std::move(*args.error), group);
        return false;
      }
    }
    const json::Value& arguments = def.args.empty() ? kNoArguments : args.values;

    Resolved resolved;
    if (&def == &schema::TypeNameMetaField()) {
      out = json::Value::String(parent.name);
      return true;
    }
    if (source.node.kind != IntrospectionNode::Kind::kNone) {
      resolved.intro = &intro_arena_.emplace_back(ResolveIntrospectionField(schema_, source.node, name, arguments));
    } else if (&def == &schema::SchemaMetaField()) {
      IntrospectionValue v;
      v.kind = IntrospectionValue::Kind::kNode;
      v.node = IntrospectionNode::Schema(schema_);
      resolved.intro = &intro_arena_.emplace_back(std::move(v));
    } else if (&def == &schema::TypeMetaField()) {
      IntrospectionValue v;
      const json::Value* type_name = arguments.find("name");
      const NamedType* t = type_name && type_name->is_string() ? schema_.type(type_name->as_string()) : nullptr;
      if (t != nullptr) {
        v.kind = IntrospectionValue::Kind::kNode;
        v.node = IntrospectionNode::Type(t);
      }
      resolved.intro = &intro_arena_.emplace_back(std::move(v));
    } else {
      bool resolved_by_plugin = false;
      if (&parent == root_ && path_.size() == 1 && request_.resolver != nullptr) {
        RootFieldContext context{
            schema_,    operation_.operation, parent, def, group.response_key, group.nodes, arguments, variables_,
            fragments_, request_.root_value};
        ResolvedField field = request_.resolver->ResolveRootField(context);
        for (auto& w : field.warnings) {
          if (w.locations.empty())
            for (const Selection* n : group.nodes) w.locations.push_back({n->loc.line, n->loc.column});
          if (w.path.empty()) w.path = CurrentPath();
          warnings_.push_back(std::move(w));
        }
        if (field.kind == ResolvedField::Kind::kError) {
          if (field.errors.empty()) field.errors.push_back(GraphQLError{"Unknown error", {}, {}, {}, {}});
          for (auto& e : field.errors) AddError(std::move(e), group);
          return false;
        }
        for (auto& e : field.errors) AddError(std::move(e), group);
        if (field.kind == ResolvedField::Kind::kComplete && !field.value.is_null()) {
          out = std::move(field.value);
          return true;
        }
        if (field.kind != ResolvedField::Kind::kDefault) {
          resolved.json = Keep(std::move(field.value));
          resolved_by_plugin = true;
        }
      }
      if (!resolved_by_plugin && source.json != nullptr && source.json->is_object()) {
        resolved.json = source.json->find(name);  // graphql-js defaultFieldResolver
      }
    }
    return CompleteValue(TypeView(def.type), info, resolved, out);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Value completion (spec §6.4.3). False = an error was recorded ("thrown").
  bool CompleteValue(TypeView type, const FieldInfo& info, const Resolved& value, json::Value& out) {
    if (type.non_null()) {
      if (!CompleteValue(type.inner(), info, value, out)) return false;
      if (out.is_null()) {
        AddError("Cannot return null for non-nullable field " + info.parent->name + "." + info.def->name + ".",
                 *info.group);
        return false;
      }
      return true;
    }
    if (value.is_null()) {
      out = json::Value();
      return true;
    }
    if (type.list()) return CompleteList(type.inner(), info, value, out);
    const NamedType& named = *type.named;
    if (named.is_leaf()) return CompleteLeaf(named, info, value, out);
    if (value.intro != nullptr) {  // introspection objects are never abstract
      if (value.intro->kind != IntrospectionValue::Kind::kNode) {
        out = json::Value();
        return true;
      }
      return CompleteObject(named, info, Source{nullptr, value.intro->node}, out);
    }
    if (named.is_abstract()) {
      const NamedType* runtime = ResolveRuntimeType(named, info, *value.json);
      if (runtime == nullptr) return false;
      return CompleteObject(*runtime, info, Source{value.json, {}}, out);
    }
    return CompleteObject(named, info, Source{value.json, {}}, out);
  }

  bool CompleteLeaf(const NamedType& type, const FieldInfo& info, const Resolved& value, json::Value& out) {
    const json::Value* raw = value.json;
    if (value.intro != nullptr) raw = &value.intro->json;
    std::string error;
    std::optional<json::Value> serialized =
        type.kind == TypeKind::kEnum ? SerializeEnum(type, *raw, &error) : schema::SerializeScalar(type, *raw, &error);
    if (!serialized) {
      if (error.empty()) {
        error = "Expected `" + type.name + ".serialize(" + schema::Inspect(*raw) +
                ")` to return non-nullish value, got: undefined";
      }
      AddError(std::move(error), *info.group);
      return false;
    }
    out = std::move(*serialized);
    return true;
  }

  bool CompleteList(TypeView item_type, const FieldInfo& info, const Resolved& value, json::Value& out) {
    out = json::Value::MakeArray();
    auto complete_item = [&](int64_t index, const Resolved& item) -> bool {
      path_.push_back(PathEntry{{}, index});
      json::Value completed;
      bool ok = CompleteValue(item_type, info, item, completed);
      path_.pop_back();
      if (!ok) {
        if (item_type.non_null()) return false;
        completed = json::Value();
      }
      out.as_array().push_back(std::move(completed));
      return true;
    };
    if (value.intro != nullptr) {
      const IntrospectionValue& v = *value.intro;
      if (v.kind == IntrospectionValue::Kind::kNodeList) {
        out.as_array().reserve(v.nodes.size());
        for (std::size_t i = 0; i < v.nodes.size(); ++i) {
          IntrospectionValue& item = intro_arena_.emplace_back();
          item.kind = IntrospectionValue::Kind::kNode;
          item.node = v.nodes[i];
          if (!complete_item(static_cast<int64_t>(i), Resolved{nullptr, &item})) return false;
        }
        return true;
      }
      if (v.kind == IntrospectionValue::Kind::kJson && v.json.is_array()) {
        const auto& items = v.json.as_array();
        out.as_array().reserve(items.size());
        for (std::size_t i = 0; i < items.size(); ++i)
          if (!complete_item(static_cast<int64_t>(i), Resolved{&items[i], nullptr})) return false;
        return true;
      }
    } else if (value.json->is_array()) {
      const auto& items = value.json->as_array();
      out.as_array().reserve(items.size());
      for (std::size_t i = 0; i < items.size(); ++i)
        if (!complete_item(static_cast<int64_t>(i), Resolved{&items[i], nullptr})) return false;
      return true;
    }
    AddError("Expected Iterable, but did not find one for field \"" + info.parent->name + "." + info.def->name + "\".",
             *info.group);
    return false;
  }

  // graphql-js defaultTypeResolver (the value's `__typename`) + ensureValidRuntimeType.
  const NamedType* ResolveRuntimeType(const NamedType& abstract, const FieldInfo& info, const json::Value& value) {
    const json::Value* type_name = value.is_object() ? value.find("__typename") : nullptr;
    if (type_name == nullptr || !type_name->is_string()) {
      AddError("Abstract type \"" + abstract.name + "\" must resolve to an Object type at runtime for field \"" +
                   info.parent->name + "." + info.def->name + "\". Either the \"" + abstract.name +
                   "\" type should provide a \"resolveType\" function or each possible type should provide an "
                   "\"isTypeOf\" function.",
               *info.group);
      return nullptr;
    }
    const std::string& name = type_name->as_string();
    const NamedType* runtime = schema_.type(name);
    if (runtime == nullptr) {
      AddError("Abstract type \"" + abstract.name + "\" was resolved to a type \"" + name +
                   "\" that does not exist inside the schema.",
               *info.group);
      return nullptr;
    }
    if (runtime->kind != TypeKind::kObject) {
      AddError("Abstract type \"" + abstract.name + "\" was resolved to a non-object type \"" + name + "\".",
               *info.group);
      return nullptr;
    }
    if (!schema_.is_sub_type(&abstract, runtime)) {
      AddError("Runtime Object type \"" + runtime->name + "\" is not a possible type for \"" + abstract.name + "\".",
               *info.group);
      return nullptr;
    }
    return runtime;
  }

  bool CompleteObject(const NamedType& type, const FieldInfo& info, const Source& source, json::Value& out) {
    GraphQLError error;
    GroupedFields* fields = CollectSubfields(type, *info.group, &error);
    if (fields == nullptr) {
      AddError(std::move(error), *info.group);
      return false;
    }
    out = json::Value::MakeObject();
    return ExecuteFields(type, source, *fields, out);
  }

  const ExecutionRequest& request_;
  const schema::Schema& schema_;
  const language::OperationDefinition& operation_;
  FragmentMap fragments_;
  json::Value variables_;
  FieldCollector collector_;
  const NamedType* root_ = nullptr;
  std::vector<GraphQLError> errors_;
  std::vector<GraphQLError> warnings_;
  std::vector<PathEntry> path_;
  std::deque<json::Value> json_arena_;
  std::deque<IntrospectionValue> intro_arena_;
  std::unordered_map<std::pair<const void*, const void*>, std::unique_ptr<GroupedFields>, PairHash> subfields_;
};

GraphQLError PlainError(std::string message, const char* code) {
  GraphQLError e;
  e.message = std::move(message);
  e.code = code;
  return e;
}

}  // namespace

json::Value ExecutionResult::ToJson() const {
  json::Value v = json::Value::MakeObject();
  if (!errors.empty()) {
    json::Value list = json::Value::MakeArray();
    for (const auto& e : errors) list.append(e.ToJson());
    v.push("errors", std::move(list));
  }
  if (data) v.push("data", *data);
  if (!warnings.empty() || !debug.is_null()) {
    json::Value ext = json::Value::MakeObject();
    if (!warnings.empty()) {
      json::Value list = json::Value::MakeArray();
      for (const auto& w : warnings) list.append(w.ToJson());
      ext.push("warnings", std::move(list));
    }
    if (!debug.is_null()) ext.push("debug", debug);
    v.push("extensions", std::move(ext));
  }
  return v;
}

void ExecutionResult::WriteJson(std::string& out) const {
  out += '{';
  bool comma = false;
  if (!errors.empty()) {
    out += "\"errors\":[";
    for (std::size_t i = 0; i < errors.size(); ++i) {
      if (i) out += ',';
      json::WriteTo(errors[i].ToJson(), out);
    }
    out += ']';
    comma = true;
  }
  if (data) {
    if (comma) out += ',';
    out += "\"data\":";
    json::WriteTo(*data, out);
    comma = true;
  }
  if (!warnings.empty() || !debug.is_null()) {
    if (comma) out += ',';
    out += "\"extensions\":{";
    if (!warnings.empty()) {
      out += "\"warnings\":[";
      for (std::size_t i = 0; i < warnings.size(); ++i) {
        if (i) out += ',';
        json::WriteTo(warnings[i].ToJson(), out);
      }
      out += ']';
    }
    if (!debug.is_null()) {
      if (!warnings.empty()) out += ',';
      out += "\"debug\":";
      json::WriteTo(debug, out);
    }
    out += '}';
  }
  out += '}';
}

ExecutionResult Execute(const ExecutionRequest& request) {
  ExecutionResult result;
  if (request.schema == nullptr || request.document == nullptr) {
    result.errors.push_back(PlainError("Must provide schema and document.", "INTERNAL_ERROR"));
    return result;
  }
  const language::OperationDefinition* operation = nullptr;
  FragmentMap fragments;
  for (const auto& definition : request.document->definitions) {
    if (const auto* op = std::get_if<language::OperationDefinition>(&definition)) {
      if (!request.operation_name) {
        if (operation != nullptr) {
          result.errors.push_back(
              PlainError("Must provide operation name if query contains multiple operations.", "BAD_USER_INPUT"));
          return result;
        }
        operation = op;
      } else if (op->name && op->name->value == *request.operation_name) {
        operation = op;
      }
    } else if (const auto* fragment = std::get_if<language::FragmentDefinition>(&definition)) {
      fragments[fragment->name.value] = fragment;
    }
  }
  if (operation == nullptr) {
    if (request.operation_name) {
      result.errors.push_back(
          PlainError("Unknown operation named \"" + *request.operation_name + "\".", "BAD_USER_INPUT"));
    } else {
      result.errors.push_back(PlainError("Must provide an operation.", "BAD_USER_INPUT"));
    }
    return result;
  }
  CoercedVariables variables =
      CoerceVariableValues(*request.schema, operation->variables, request.variables, request.max_variable_errors);
  if (!variables.ok()) {
    for (auto& e : variables.errors) {
      if (e.code.empty()) e.code = "BAD_USER_INPUT";
      result.errors.push_back(std::move(e));
    }
    return result;
  }
  if (request.resolver) request.resolver->Prepare(request);
  Executor executor(request, *operation, std::move(fragments), std::move(variables.values));
  ExecutionResult out = executor.Run();
  if (request.resolver) out.debug = request.resolver->DebugExtension();
  return out;
}

}  // namespace railgun::execute
