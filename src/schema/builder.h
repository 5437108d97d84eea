// Schema construction: SDL -> Schema (graphql-js buildSchema / buildASTSchema) and the programmatic SchemaBuilder.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "language/ast.h"
#include "language/error.h"
#include "schema/schema.h"

namespace railgun::schema {

struct SchemaResult {
  // Null after a syntax / SDL-validation error or duplicate type names. When only ValidateSchema reported errors
  // the schema is still set (so it can be printed or inspected), but ok() is false.
  std::shared_ptr<const Schema> schema;
  std::vector<language::GraphQLError> errors;  // syntax, SDL-validation or schema-validation errors
  [[nodiscard]] bool ok() const { return schema != nullptr && errors.empty(); }
};

// Parses `sdl` and builds the schema like graphql-js 16 `buildSchema`: built-in scalars and specified directives
// are added, extensions applied, root types taken from the schema definition or named Query/Mutation/Subscription,
// @deprecated/@specifiedBy/@oneOf read into the type system. SDL validation errors (assertValidSDL messages, e.g.
// `Unknown type "Foo".`) and validateSchema errors are returned, never thrown.
[[nodiscard]] SchemaResult BuildSchema(std::string_view sdl);
[[nodiscard]] SchemaResult BuildAstSchema(const language::Document& document);

// TypeRef shorthands for programmatic construction: NonNull(ListOf(NonNull(Named(t)))) == `[T!]!`.
[[nodiscard]] inline TypeRef Named(const NamedType* t) { return TypeRef{t, {}}; }
[[nodiscard]] inline TypeRef NonNull(TypeRef t) {
  t.mods.insert(t.mods.begin(), Modifier::kNonNull);
  return t;
}
[[nodiscard]] inline TypeRef ListOf(TypeRef t) {
  t.mods.insert(t.mods.begin(), Modifier::kList);
  return t;
}

// Builds a Schema programmatically (the model-driven generator uses it). Add named types, fill and cross-link
// them through the returned pointers (valid until Finish and owned by the resulting Schema afterwards), set the
// root types, add directives, then Finish(). Finish computes the type map exactly like graphql-js's GraphQLSchema
// constructor (AddType order, then query, mutation, subscription, directive arguments, __Schema; depth-first),
// the possible types / implementations, adds the introspection types and runs ValidateSchema.
class SchemaBuilder {
 public:
  SchemaBuilder();
  ~SchemaBuilder();
  SchemaBuilder(const SchemaBuilder&) = delete;
  SchemaBuilder& operator=(const SchemaBuilder&) = delete;

  // Adds a named type. Adding a built-in scalar's or introspection type's name returns nullptr (use type()).
  // A duplicate name is reported by Finish ("Schema must contain uniquely named types but contains multiple
  // types named "X".").
  NamedType* AddType(TypeKind kind, std::string name);
  // Like AddType, but the type is not listed among the configured types: it enters the type map only where it is
  // first referenced (graphql-js types reachable from root types but absent from `config.types`); unreachable ones
  // are dropped.
  NamedType* CreateType(TypeKind kind, std::string name);
  // Lists an existing type (a built-in scalar or introspection type) among the configured types at this position;
  // it only affects the type-map order (buildASTSchema does this for `scalar String` written in SDL).
  void Include(const NamedType* type);
  // A type added so far, a built-in scalar (String Int Float Boolean ID) or an introspection type; else nullptr.
  [[nodiscard]] const NamedType* type(std::string_view name) const;
  // Mutable access to a type added with AddType (nullptr for built-ins / unknown names).
  [[nodiscard]] NamedType* mutable_type(std::string_view name);

  void SetDescription(std::optional<std::string> description);
  void SetQueryType(const NamedType* t);
  void SetMutationType(const NamedType* t);
  void SetSubscriptionType(const NamedType* t);

  // Adds a custom directive. The specified directives (@include @skip @deprecated @specifiedBy @oneOf) are
  // appended after the custom ones (buildASTSchema order) unless a directive with the same name is added or
  // set_include_specified_directives(false) is called.
  DirectiveDef* AddDirective(std::string name);
  void set_include_specified_directives(bool include) { include_specified_directives_ = include; }

  // Attaches SDL locations (BuildAstSchema does this) so ValidateSchema errors carry locations.
  void SetSourceLocations(std::shared_ptr<const SchemaSourceLocations> locations);

  // Builds the immutable schema; the builder is empty afterwards. Errors: ValidateSchema's messages.
  [[nodiscard]] SchemaResult Finish();

 private:
  std::unique_ptr<Schema> schema_;
  std::unordered_map<std::string, NamedType*> by_name_;  // first type created under each name
  std::vector<const NamedType*> added_;                  // AddType / Include order (graphql-js config.types)
  std::vector<DirectiveDef*> directives_;                // AddDirective order
  bool include_specified_directives_ = true;
};

}  // namespace railgun::schema
