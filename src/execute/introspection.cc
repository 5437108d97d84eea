// Introspection field resolvers (graphql-js 16.9 type/introspection.js semantics).
#include "execute/introspection.h"

#include <utility>

#include "schema/directives.h"
#include "schema/print_schema.h"

namespace railgun::execute {
namespace {

using Node = IntrospectionNode;
using Value = IntrospectionValue;

Value Null() { return Value{}; }

Value Json(json::Value v) {
  Value r;
  r.kind = Value::Kind::kJson;
  r.json = std::move(v);
  return r;
}

Value String(const std::string& s) { return Json(json::Value::String(s)); }

Value OptionalString(const std::optional<std::string>& s) { return s ? String(*s) : Null(); }

Value Bool(bool b) { return Json(json::Value::Bool(b)); }

Value One(Node n) {
  Value r;
  r.kind = Value::Kind::kNode;
  r.node = n;
  return r;
}

Value Many(std::vector<Node> nodes) {
  Value r;
  r.kind = Value::Kind::kNodeList;
  r.nodes = std::move(nodes);
  return r;
}

bool IncludeDeprecated(const json::Value& arguments) {
  const json::Value* v = arguments.find("includeDeprecated");
  return v != nullptr && v->is_bool() && v->as_bool();
}

Value DeprecationReason(const schema::Deprecation& d) {
  if (!d.deprecated) return Null();
  return String(d.reason ? *d.reason : std::string(schema::kDefaultDeprecationReason));
}

Value InputValues(const std::vector<schema::InputValue>& values, const json::Value& arguments) {
  bool include = IncludeDeprecated(arguments);
  std::vector<Node> out;
  out.reserve(values.size());
  for (const auto& v : values)
    if (include || !v.deprecation.deprecated) out.push_back({Node::Kind::kInputValue, &v, nullptr, 0});
  return Many(std::move(out));
}

const char* TypeKindName(schema::TypeKind kind) {
  switch (kind) {
    case schema::TypeKind::kScalar: return "SCALAR";
    case schema::TypeKind::kObject: return "OBJECT";
    case schema::TypeKind::kInterface: return "INTERFACE";
    case schema::TypeKind::kUnion: return "UNION";
    case schema::TypeKind::kEnum: return "ENUM";
    case schema::TypeKind::kInputObject: return "INPUT_OBJECT";
  }
  return "SCALAR";
}

Value ResolveSchema(const schema::Schema& s, std::string_view field) {
  if (field == "description") return OptionalString(s.description());
  if (field == "types") {
    std::vector<Node> out;
    out.reserve(s.types().size());
    for (const auto* t : s.types()) out.push_back(Node::Type(t));
    return Many(std::move(out));
  }
  if (field == "queryType") return s.query_type() ? One(Node::Type(s.query_type())) : Null();
  if (field == "mutationType") return s.mutation_type() ? One(Node::Type(s.mutation_type())) : Null();
  if (field == "subscriptionType") return s.subscription_type() ? One(Node::Type(s.subscription_type())) : Null();
  if (field == "directives") {
    std::vector<Node> out;
    out.reserve(s.directives().size());
    for (const auto* d : s.directives()) out.push_back({Node::Kind::kDirective, d, nullptr, 0});
    return Many(std::move(out));
  }
  return Null();
}

Value ResolveType(const schema::Schema& s, const Node& node, std::string_view field, const json::Value& arguments) {
  const auto* t = static_cast<const schema::NamedType*>(node.object);
  if (node.mod_count > 0) {  // LIST / NON_NULL wrapper
    if (field == "kind") return String(node.mods[0] == schema::Modifier::kList ? "LIST" : "NON_NULL");
    if (field == "ofType") return One({Node::Kind::kType, t, node.mods + 1, node.mod_count - 1});
    return Null();
  }
  using schema::TypeKind;
  if (field == "kind") return String(TypeKindName(t->kind));
  if (field == "name") return String(t->name);
  if (field == "description") return OptionalString(t->description);
  if (field == "specifiedByURL") return t->kind == TypeKind::kScalar ? OptionalString(t->specified_by_url) : Null();
  if (field == "fields") {
    if (t->kind != TypeKind::kObject && t->kind != TypeKind::kInterface) return Null();
    bool include = IncludeDeprecated(arguments);
    std::vector<Node> out;
    out.reserve(t->fields.size());
    for (const auto& f : t->fields)
      if (include || !f.deprecation.deprecated) out.push_back({Node::Kind::kField, &f, nullptr, 0});
    return Many(std::move(out));
  }
  if (field == "interfaces") {
    if (t->kind != TypeKind::kObject && t->kind != TypeKind::kInterface) return Null();
    std::vector<Node> out;
    for (const auto* i : t->interfaces) out.push_back(Node::Type(i));
    return Many(std::move(out));
  }
  if (field == "possibleTypes") {
    std::vector<Node> out;
    if (t->kind == TypeKind::kUnion) {
      for (const auto* m : t->union_members) out.push_back(Node::Type(m));
    } else if (t->kind == TypeKind::kInterface) {
      for (const auto* m : s.possible_types(t)) out.push_back(Node::Type(m));
    } else {
      return Null();
    }
    return Many(std::move(out));
  }
  if (field == "enumValues") {
    if (t->kind != TypeKind::kEnum) return Null();
    bool include = IncludeDeprecated(arguments);
    std::vector<Node> out;
    for (const auto& v : t->enum_values)
      if (include || !v.deprecation.deprecated) out.push_back({Node::Kind::kEnumValue, &v, nullptr, 0});
    return Many(std::move(out));
  }
  if (field == "inputFields") {
    if (t->kind != TypeKind::kInputObject) return Null();
    return InputValues(t->input_fields, arguments);
  }
  if (field == "ofType") return Null();
  if (field == "isOneOf") return t->kind == TypeKind::kInputObject ? Bool(t->one_of) : Null();
  return Null();
}

Value ResolveField(const schema::Field& f, std::string_view field, const json::Value& arguments) {
  if (field == "name") return String(f.name);
  if (field == "description") return OptionalString(f.description);
  if (field == "args") return InputValues(f.args, arguments);
  if (field == "type") return One(Node::Type(f.type));
  if (field == "isDeprecated") return Bool(f.deprecation.deprecated);
  if (field == "deprecationReason") return DeprecationReason(f.deprecation);
  return Null();
}

Value ResolveInputValue(const schema::InputValue& v, std::string_view field) {
  if (field == "name") return String(v.name);
  if (field == "description") return OptionalString(v.description);
  if (field == "type") return One(Node::Type(v.type));
  if (field == "defaultValue") return OptionalString(schema::PrintDefaultValue(v));
  if (field == "isDeprecated") return Bool(v.deprecation.deprecated);
  if (field == "deprecationReason") return DeprecationReason(v.deprecation);
  return Null();
}

Value ResolveEnumValue(const schema::EnumValue& v, std::string_view field) {
  if (field == "name") return String(v.name);
  if (field == "description") return OptionalString(v.description);
  if (field == "isDeprecated") return Bool(v.deprecation.deprecated);
  if (field == "deprecationReason") return DeprecationReason(v.deprecation);
  return Null();
}

Value ResolveDirective(const schema::DirectiveDef& d, std::string_view field, const json::Value& arguments) {
  if (field == "name") return String(d.name);
  if (field == "description") return OptionalString(d.description);
  if (field == "isRepeatable") return Bool(d.repeatable);
  if (field == "locations") {
    json::Value list = json::Value::MakeArray();
    for (auto l : d.locations) list.append(json::Value::String(std::string(schema::DirectiveLocationName(l))));
    return Json(std::move(list));
  }
  if (field == "args") return InputValues(d.args, arguments);
  return Null();
}

}  // namespace

IntrospectionValue ResolveIntrospectionField(const schema::Schema& schema, const IntrospectionNode& parent,
                                             std::string_view field_name, const json::Value& arguments) {
  switch (parent.kind) {
    case Node::Kind::kNone: return Null();
    case Node::Kind::kSchema: return ResolveSchema(*static_cast<const schema::Schema*>(parent.object), field_name);
    case Node::Kind::kType: return ResolveType(schema, parent, field_name, arguments);
    case Node::Kind::kField:
      return ResolveField(*static_cast<const schema::Field*>(parent.object), field_name, arguments);
    case Node::Kind::kInputValue:
      return ResolveInputValue(*static_cast<const schema::InputValue*>(parent.object), field_name);
    case Node::Kind::kEnumValue:
      return ResolveEnumValue(*static_cast<const schema::EnumValue*>(parent.object), field_name);
    case Node::Kind::kDirective:
      return ResolveDirective(*static_cast<const schema::DirectiveDef*>(parent.object), field_name, arguments);
  }
  return Null();
}

}  // namespace railgun::execute
