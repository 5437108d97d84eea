// The introspection types of spec §4.2 (__Schema, __Type, ...) and the meta-fields __schema / __type / __typename,
// defined exactly as graphql-js 16 defines them (names, fields, arguments, descriptions). Shared by every schema.
#pragma once

#include <string_view>
#include <vector>

#include "schema/schema.h"

namespace railgun::schema {

// __Schema, __Directive, __DirectiveLocation, __Type, __Field, __InputValue, __EnumValue, __TypeKind
// (graphql-js `introspectionTypes` order). Process-wide singletons; every Schema's types() contains them.
[[nodiscard]] const std::vector<const NamedType*>& IntrospectionTypes();
// One introspection type by name ("__Type"), or nullptr.
[[nodiscard]] const NamedType* IntrospectionType(std::string_view name);
// graphql-js isIntrospectionType: compares by name.
[[nodiscard]] bool IsIntrospectionType(const NamedType* type);

// Meta-fields (spec §4.2): `__schema: __Schema!`, `__type(name: String!): __Type`, `__typename: String!`.
[[nodiscard]] const Field& SchemaMetaField();
[[nodiscard]] const Field& TypeMetaField();
[[nodiscard]] const Field& TypeNameMetaField();

}  // namespace railgun::schema
