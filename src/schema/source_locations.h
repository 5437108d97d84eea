// SDL source locations of a built schema's elements (graphql-js astNode / extensionASTNodes, reduced to the
// locations error messages need). Keys are the addresses of the schema's own NamedType / Field / InputValue /
// EnumValue / DirectiveDef objects.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "language/ast.h"
#include "schema/schema.h"

namespace railgun::schema {

struct SchemaSourceLocations {
  std::optional<language::Location> schema_definition;
  // The type-name node of the first `query: X` / `mutation: X` / `subscription: X` (definition, then extensions).
  std::map<language::OperationType, language::Location> operation_types;
  std::unordered_map<const void*, language::Location> definitions;  // element -> its definition node
  std::unordered_map<const void*, language::Location> type_nodes;   // Field / InputValue -> its type node
  std::unordered_map<const void*, language::Location> deprecated;   // element -> its @deprecated directive
  std::unordered_map<const NamedType*, std::vector<language::Location>> extensions;  // `extend ...` nodes
  // `implements A & B` names and union members as written (definition, then extensions).
  std::unordered_map<const NamedType*, std::vector<std::pair<std::string, language::Location>>> interface_names;
  std::unordered_map<const NamedType*, std::vector<std::pair<std::string, language::Location>>> member_names;

  [[nodiscard]] std::optional<language::Location> Find(const std::unordered_map<const void*, language::Location>& m,
                                                       const void* key) const {
    auto it = m.find(key);
    if (it == m.end()) return std::nullopt;
    return it->second;
  }
};

}  // namespace railgun::schema
