// Introspection resolvers (spec §4.2): the values behind __schema, __type(name:) and the fields of __Schema,
// __Type, __Field, __InputValue, __EnumValue and __Directive, matching graphql-js 16.9's introspection.js.
// Used by the executor; the objects are references into the Schema (no copies).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "json/value.h"
#include "schema/schema.h"

namespace railgun::execute {

// A reference to an introspection object: the schema, a (possibly wrapped) type, a field, an argument or
// input field, an enum value or a directive.
struct IntrospectionNode {
  enum class Kind : uint8_t { kNone, kSchema, kType, kField, kInputValue, kEnumValue, kDirective };
  Kind kind = Kind::kNone;
  const void* object = nullptr;  // Schema / NamedType / Field / InputValue / EnumValue / DirectiveDef
  // kType: the wrapping modifiers outermost first (pointer into a schema TypeRef); empty for a named type.
  const schema::Modifier* mods = nullptr;
  uint32_t mod_count = 0;

  static IntrospectionNode Schema(const schema::Schema& s) { return {Kind::kSchema, &s, nullptr, 0}; }
  static IntrospectionNode Type(const schema::NamedType* t) { return {Kind::kType, t, nullptr, 0}; }
  static IntrospectionNode Type(const schema::TypeRef& t) {
    return {Kind::kType, t.named, t.mods.data(), static_cast<uint32_t>(t.mods.size())};
  }
};

// The value of one introspection field: null, a leaf JSON value, one node or a list of nodes.
struct IntrospectionValue {
  enum class Kind : uint8_t { kNull, kJson, kNode, kNodeList };
  Kind kind = Kind::kNull;
  json::Value json;
  IntrospectionNode node;
  std::vector<IntrospectionNode> nodes;
};

// Resolves `field_name` on `parent` (never kNone) with coerced `arguments` (object; `includeDeprecated`).
// Unknown fields resolve to null.
[[nodiscard]] IntrospectionValue ResolveIntrospectionField(const schema::Schema& schema,
                                                           const IntrospectionNode& parent, std::string_view field_name,
                                                           const json::Value& arguments);

}  // namespace railgun::execute
