// AST printer; output equals graphql-js `print` (v16) byte for byte.
#pragma once

#include <string>

#include "language/ast.h"

namespace railgun::language {

[[nodiscard]] std::string Print(const Document& document);
[[nodiscard]] std::string PrintValue(const Value& value);
[[nodiscard]] std::string PrintType(const TypeRef& type);
// A string literal as graphql-js prints it (JSON-style escapes), and a block string (printBlockString).
[[nodiscard]] std::string PrintString(std::string_view s);
[[nodiscard]] std::string PrintBlockString(std::string_view s);

}  // namespace railgun::language
