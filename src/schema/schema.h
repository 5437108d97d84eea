// The GraphQL type system (spec §3): named types, wrapping types, directives and the Schema that owns them.
// A Schema is immutable once built (BuildSchema / SchemaBuilder::Finish) and shared by reference.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "json/value.h"
#include "language/ast.h"
#include "language/error.h"

namespace railgun::schema {

enum class TypeKind : uint8_t { kScalar, kObject, kInterface, kUnion, kEnum, kInputObject };

struct NamedType;

// A type reference: a named type wrapped by List / NonNull modifiers, outermost first.
// `[String!]!` = {named: String, mods: {kNonNull, kList, kNonNull}}.
enum class Modifier : uint8_t { kList, kNonNull };
struct TypeRef {
  const NamedType* named = nullptr;
  std::vector<Modifier> mods;

  [[nodiscard]] bool is_non_null() const { return !mods.empty() && mods.front() == Modifier::kNonNull; }
  [[nodiscard]] bool is_list() const { return !mods.empty() && mods.front() == Modifier::kList; }
  [[nodiscard]] bool is_named() const { return mods.empty(); }
  // The type one modifier in (NonNull(T) -> T, List(T) -> T). Precondition: !is_named().
  [[nodiscard]] TypeRef of_type() const { return TypeRef{named, {mods.begin() + 1, mods.end()}}; }
  // Strips a leading NonNull, if any.
  [[nodiscard]] TypeRef nullable() const { return is_non_null() ? of_type() : *this; }
  // SDL form, e.g. "[String!]!".
  [[nodiscard]] std::string ToString() const;
  friend bool operator==(const TypeRef& a, const TypeRef& b) { return a.named == b.named && a.mods == b.mods; }
};

struct Deprecation {
  bool deprecated = false;
  std::optional<std::string> reason;  // graphql-js: "No longer supported" when @deprecated has no reason
};

// An argument or an input-object field.
struct InputValue {
  std::string name;
  std::optional<std::string> description;
  TypeRef type;
  std::optional<language::Value> default_value;  // the literal as written in SDL
  Deprecation deprecation;
  std::vector<language::Directive> directives;
};

struct Field {
  std::string name;
  std::optional<std::string> description;
  std::vector<InputValue> args;
  TypeRef type;
  Deprecation deprecation;
  std::vector<language::Directive> directives;
  [[nodiscard]] const InputValue* arg(std::string_view n) const {
    for (const auto& a : args)
      if (a.name == n) return &a;
    return nullptr;
  }
};

struct EnumValue {
  std::string name;
  std::optional<std::string> description;
  Deprecation deprecation;
  std::vector<language::Directive> directives;
};

// Custom scalar behaviour. Defaults (empty functions) accept any JSON / literal unchanged, like graphql-js's
// GraphQLScalarType defaults. Returning std::nullopt means "invalid"; `error` may then carry a message.
struct ScalarHooks {
  std::function<std::optional<json::Value>(const json::Value&, std::string* error)> serialize;
  std::function<std::optional<json::Value>(const json::Value&, std::string* error)> parse_value;
  std::function<std::optional<json::Value>(const language::Value&, const json::Value* variables,
                                           std::string* error)>
      parse_literal;
};

struct NamedType {
  TypeKind kind = TypeKind::kScalar;
  std::string name;
  std::optional<std::string> description;
  std::optional<std::string> specified_by_url;       // scalars
  ScalarHooks scalar;                                 // scalars (built-ins are implemented in coercion code)
  std::vector<Field> fields;                          // objects, interfaces (definition order)
  std::vector<const NamedType*> interfaces;           // objects, interfaces
  std::vector<const NamedType*> union_members;        // unions
  std::vector<EnumValue> enum_values;                 // enums
  std::vector<InputValue> input_fields;               // input objects
  bool one_of = false;                                // input objects with @oneOf
  std::vector<language::Directive> directives;        // directives applied in SDL (incl. extensions)

  [[nodiscard]] bool is_input_type() const {
    return kind == TypeKind::kScalar || kind == TypeKind::kEnum || kind == TypeKind::kInputObject;
  }
  [[nodiscard]] bool is_output_type() const { return kind != TypeKind::kInputObject; }
  [[nodiscard]] bool is_abstract() const { return kind == TypeKind::kInterface || kind == TypeKind::kUnion; }
  [[nodiscard]] bool is_composite() const {
    return kind == TypeKind::kObject || kind == TypeKind::kInterface || kind == TypeKind::kUnion;
  }
  [[nodiscard]] bool is_leaf() const { return kind == TypeKind::kScalar || kind == TypeKind::kEnum; }
  [[nodiscard]] const Field* field(std::string_view n) const {
    for (const auto& f : fields)
      if (f.name == n) return &f;
    return nullptr;
  }
  [[nodiscard]] const InputValue* input_field(std::string_view n) const {
    for (const auto& f : input_fields)
      if (f.name == n) return &f;
    return nullptr;
  }
  [[nodiscard]] const EnumValue* enum_value(std::string_view n) const {
    for (const auto& v : enum_values)
      if (v.name == n) return &v;
    return nullptr;
  }
};

enum class DirectiveLocation : uint8_t {
  // executable
  kQuery, kMutation, kSubscription, kField, kFragmentDefinition, kFragmentSpread, kInlineFragment,
  kVariableDefinition,
  // type system
  kSchema, kScalar, kObject, kFieldDefinition, kArgumentDefinition, kInterface, kUnion, kEnum, kEnumValue,
  kInputObject, kInputFieldDefinition,
};
[[nodiscard]] std::string_view DirectiveLocationName(DirectiveLocation l);  // "FIELD_DEFINITION"
[[nodiscard]] std::optional<DirectiveLocation> ParseDirectiveLocation(std::string_view name);

struct DirectiveDef {
  std::string name;
  std::optional<std::string> description;
  std::vector<InputValue> args;
  std::vector<DirectiveLocation> locations;
  bool repeatable = false;
  [[nodiscard]] const InputValue* arg(std::string_view n) const {
    for (const auto& a : args)
      if (a.name == n) return &a;
    return nullptr;
  }
};

struct SchemaSourceLocations;  // schema/source_locations.h

class Schema {
 public:
  [[nodiscard]] const NamedType* query_type() const { return query_; }
  [[nodiscard]] const NamedType* mutation_type() const { return mutation_; }
  [[nodiscard]] const NamedType* subscription_type() const { return subscription_; }
  [[nodiscard]] const std::optional<std::string>& description() const { return description_; }

  // Every named type, including built-in scalars in use and the introspection types, in graphql-js's
  // typeMap order (the order printSchema and __schema.types use).
  [[nodiscard]] const std::vector<const NamedType*>& types() const { return type_order_; }
  [[nodiscard]] const NamedType* type(std::string_view name) const;
  [[nodiscard]] const std::vector<const DirectiveDef*>& directives() const { return directive_order_; }
  [[nodiscard]] const DirectiveDef* directive(std::string_view name) const;

  // Object types that implement `abstract` (interface) or are its members (union), in typeMap order.
  [[nodiscard]] const std::vector<const NamedType*>& possible_types(const NamedType* abstract) const;
  // Interfaces (and objects, via their `interfaces`) that implement the interface `iface`.
  [[nodiscard]] const std::vector<const NamedType*>& implementations(const NamedType* iface) const;
  [[nodiscard]] bool is_possible_type(const NamedType* abstract, const NamedType* candidate) const;
  // isSubType of graphql-js: `maybe_sub` is a possible type / implementation of `abstract`.
  [[nodiscard]] bool is_sub_type(const NamedType* abstract, const NamedType* maybe_sub) const;

  // Built-in scalars (always available, even when unused).
  [[nodiscard]] const NamedType* string_type() const;
  [[nodiscard]] const NamedType* int_type() const;
  [[nodiscard]] const NamedType* float_type() const;
  [[nodiscard]] const NamedType* boolean_type() const;
  [[nodiscard]] const NamedType* id_type() const;

  // Where the SDL defined each element (nullptr for programmatic schemas); used for error locations.
  [[nodiscard]] const SchemaSourceLocations* source_locations() const { return source_locations_.get(); }

  // Mutable construction, used by SchemaBuilder and the model-driven generator.
  friend class SchemaBuilder;

 private:
  std::optional<std::string> description_;
  const NamedType* query_ = nullptr;
  const NamedType* mutation_ = nullptr;
  const NamedType* subscription_ = nullptr;
  std::vector<std::unique_ptr<NamedType>> owned_types_;
  std::vector<std::unique_ptr<DirectiveDef>> owned_directives_;
  std::vector<const NamedType*> type_order_;
  std::vector<const DirectiveDef*> directive_order_;
  std::unordered_map<std::string_view, const NamedType*> type_index_;
  std::unordered_map<std::string_view, const DirectiveDef*> directive_index_;
  std::unordered_map<const NamedType*, std::vector<const NamedType*>> possible_;
  std::unordered_map<const NamedType*, std::vector<const NamedType*>> implementations_;
  std::shared_ptr<const SchemaSourceLocations> source_locations_;
};

}  // namespace railgun::schema
