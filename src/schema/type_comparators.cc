// graphql-js isEqualType / isTypeSubTypeOf / doTypesOverlap / typeFromAST.
#include "schema/type_comparators.h"

namespace railgun::schema {

bool IsEqualType(const TypeRef& a, const TypeRef& b) { return a == b; }

bool IsTypeSubTypeOf(const Schema& schema, const TypeRef& maybe_sub, const TypeRef& super) {
  if (maybe_sub == super) return true;
  if (super.is_non_null()) {
    if (maybe_sub.is_non_null()) return IsTypeSubTypeOf(schema, maybe_sub.of_type(), super.of_type());
    return false;
  }
  if (maybe_sub.is_non_null()) return IsTypeSubTypeOf(schema, maybe_sub.of_type(), super);
  if (super.is_list()) {
    if (maybe_sub.is_list()) return IsTypeSubTypeOf(schema, maybe_sub.of_type(), super.of_type());
    return false;
  }
  if (maybe_sub.is_list()) return false;
  return super.named && maybe_sub.named && super.named->is_abstract() &&
         (maybe_sub.named->kind == TypeKind::kInterface || maybe_sub.named->kind == TypeKind::kObject) &&
         schema.is_sub_type(super.named, maybe_sub.named);
}

bool DoTypesOverlap(const Schema& schema, const NamedType* a, const NamedType* b) {
  if (!a || !b) return false;
  if (a == b) return true;
  if (a->is_abstract()) {
    if (b->is_abstract()) {
      for (const NamedType* t : schema.possible_types(a))
        if (schema.is_sub_type(b, t)) return true;
      return false;
    }
    return schema.is_sub_type(a, b);
  }
  if (b->is_abstract()) return schema.is_sub_type(b, a);
  return false;
}

std::optional<TypeRef> TypeFromAst(const Schema& schema, const language::TypeRef& type) {
  TypeRef out;
  const language::TypeRef* node = &type;
  while (node->kind != language::TypeRef::Kind::kNamed) {
    out.mods.push_back(node->kind == language::TypeRef::Kind::kList ? Modifier::kList : Modifier::kNonNull);
    if (!node->of) return std::nullopt;
    node = node->of.get();
  }
  out.named = schema.type(node->name.value);
  if (!out.named) return std::nullopt;
  return out;
}

}  // namespace railgun::schema
