// Schema lookups, TypeRef printing and directive-location names (the non-inline parts of schema.h).
#include "schema/schema.h"

#include <array>

#include "schema/scalars.h"

namespace railgun::schema {

std::string TypeRef::ToString() const {
  std::string out = named ? named->name : "<null>";
  for (auto it = mods.rbegin(); it != mods.rend(); ++it) {
    if (*it == Modifier::kNonNull)
      out += '!';
    else
      out = "[" + out + "]";
  }
  return out;
}

namespace {
constexpr std::array<std::string_view, 19> kLocationNames = {
    "QUERY",
    "MUTATION",
    "SUBSCRIPTION",
    "FIELD",
    "FRAGMENT_DEFINITION",
    "FRAGMENT_SPREAD",
    "INLINE_FRAGMENT",
    "VARIABLE_DEFINITION",
    "SCHEMA",
    "SCALAR",
    "OBJECT",
    "FIELD_DEFINITION",
    "ARGUMENT_DEFINITION",
    "INTERFACE",
    "UNION",
    "ENUM",
    "ENUM_VALUE",
    "INPUT_OBJECT",
    "INPUT_FIELD_DEFINITION",
};
const std::vector<const NamedType*> kEmpty;
}  // namespace

std::string_view DirectiveLocationName(DirectiveLocation l) {
  auto i = static_cast<size_t>(l);
  return i < kLocationNames.size() ? kLocationNames[i] : "";
}

std::optional<DirectiveLocation> ParseDirectiveLocation(std::string_view name) {
  for (size_t i = 0; i < kLocationNames.size(); ++i)
    if (kLocationNames[i] == name) return static_cast<DirectiveLocation>(i);
  return std::nullopt;
}

const NamedType* Schema::type(std::string_view name) const {
  auto it = type_index_.find(name);
  return it == type_index_.end() ? nullptr : it->second;
}

const DirectiveDef* Schema::directive(std::string_view name) const {
  auto it = directive_index_.find(name);
  return it == directive_index_.end() ? nullptr : it->second;
}

const std::vector<const NamedType*>& Schema::possible_types(const NamedType* abstract) const {
  if (!abstract) return kEmpty;
  if (abstract->kind == TypeKind::kUnion) return abstract->union_members;
  auto it = possible_.find(abstract);
  return it == possible_.end() ? kEmpty : it->second;
}

const std::vector<const NamedType*>& Schema::implementations(const NamedType* iface) const {
  if (!iface) return kEmpty;
  auto it = implementations_.find(iface);
  return it == implementations_.end() ? kEmpty : it->second;
}

bool Schema::is_possible_type(const NamedType* abstract, const NamedType* candidate) const {
  for (const NamedType* t : possible_types(abstract))
    if (t == candidate) return true;
  return false;
}

bool Schema::is_sub_type(const NamedType* abstract, const NamedType* maybe_sub) const {
  if (!abstract || !maybe_sub) return false;
  if (abstract->kind == TypeKind::kUnion) return is_possible_type(abstract, maybe_sub);
  for (const NamedType* t : possible_types(abstract))
    if (t == maybe_sub) return true;
  for (const NamedType* t : implementations(abstract))
    if (t == maybe_sub) return true;
  return false;
}

const NamedType* Schema::string_type() const { return StringScalar(); }
const NamedType* Schema::int_type() const { return IntScalar(); }
const NamedType* Schema::float_type() const { return FloatScalar(); }
const NamedType* Schema::boolean_type() const { return BooleanScalar(); }
const NamedType* Schema::id_type() const { return IdScalar(); }

}  // namespace railgun::schema
