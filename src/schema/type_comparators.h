// Type relations from graphql-js utilities/typeComparators and typeFromAST.
#pragma once

#include <optional>

#include "language/ast.h"
#include "schema/schema.h"

namespace railgun::schema {

// Same named type and the same wrapping.
[[nodiscard]] bool IsEqualType(const TypeRef& a, const TypeRef& b);
// `maybe_sub` can be used where `super` is expected (non-null narrows, lists covariant, object/interface
// implementing an abstract super type).
[[nodiscard]] bool IsTypeSubTypeOf(const Schema& schema, const TypeRef& maybe_sub, const TypeRef& super);
// Two composite named types can share a runtime object type.
[[nodiscard]] bool DoTypesOverlap(const Schema& schema, const NamedType* a, const NamedType* b);
// The schema type an AST type reference denotes; std::nullopt when its named type is unknown.
[[nodiscard]] std::optional<TypeRef> TypeFromAst(const Schema& schema, const language::TypeRef& type);

}  // namespace railgun::schema
