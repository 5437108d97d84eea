// libFuzzer target: Parse/ParseValue must never crash; printing a parsed document must re-parse to the same print.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include "language/parser.h"
#include "language/printer.h"

namespace {

// graphql-js prints `type A` followed by a shorthand query `{ ... }` as text that re-parses as `type A { ... }`;
// such documents have no stable print, so the round-trip check skips them.
bool HasAmbiguousShorthand(const railgun::language::Document& doc) {
  using namespace railgun::language;
  for (size_t i = 1; i < doc.definitions.size(); ++i) {
    const auto* op = std::get_if<OperationDefinition>(&doc.definitions[i]);
    if (op == nullptr || !op->shorthand) continue;
    const Definition& prev = doc.definitions[i - 1];
    if (std::holds_alternative<TypeDefinition>(prev) || std::holds_alternative<SchemaDefinition>(prev)) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace railgun::language;
  const std::string_view source(reinterpret_cast<const char*>(data), size);
  ParseOptions options;
  options.max_tokens = 100000;
  ParseResult result = Parse(source, options);
  if (result.ok() && !HasAmbiguousShorthand(result.document)) {
    const std::string printed = Print(result.document);
    ParseResult again = Parse(printed, options);
    if (!again.ok()) std::abort();                       // the printer produced unparsable text
    if (Print(again.document) != printed) std::abort();  // printing is not a fixed point
  }
  ParseValueResult value = ParseValue(source, options);
  if (value.ok()) {
    const std::string printed = PrintValue(value.value);
    ParseValueResult again = ParseValue(printed, options);
    if (!again.ok() || PrintValue(again.value) != printed) std::abort();
  }
  return 0;
}
