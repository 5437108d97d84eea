// Recursive-descent parser for executable and type-system documents (spec §2, §3).
#pragma once

#include <optional>
#include <string_view>

#include "language/ast.h"
#include "language/error.h"

namespace railgun::language {

struct ParseOptions {
  // Hostile-input limits: exceeding either gives a "Syntax Error: ..." instead of exhausting memory/stack.
  uint32_t max_depth = 512;          // nesting of selection sets, lists, objects, type wrappers
  uint32_t max_tokens = 1'000'000;   // 0 = unlimited
};

struct ParseResult {
  Document document;
  std::optional<GraphQLError> error;  // set on failure: "Syntax Error: ..." with one location
  [[nodiscard]] bool ok() const { return !error.has_value(); }
};

// Parses a whole document (executable and/or type-system definitions), like graphql-js `parse`.
[[nodiscard]] ParseResult Parse(std::string_view source, const ParseOptions& options = {});

// Parses a single value literal (graphql-js `parseValue`), e.g. a default value in SDL or a test fixture.
struct ParseValueResult {
  Value value;
  std::optional<GraphQLError> error;
  [[nodiscard]] bool ok() const { return !error.has_value(); }
};
[[nodiscard]] ParseValueResult ParseValue(std::string_view source, const ParseOptions& options = {});

}  // namespace railgun::language
