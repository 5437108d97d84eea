// libFuzzer target: Parse must never crash; a parsed value must write, re-parse to an equal value and write
// identically; WriteString must accept arbitrary bytes and produce a string that parses.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "json/parse.h"
#include "json/writer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace railgun;
  using namespace railgun::json;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ParseOptions options;
  options.max_depth = 64;
  StatusOr<Value> parsed = Parse(text, options);
  if (parsed.ok()) {
    std::string once = Write(*parsed);
    StatusOr<Value> again = Parse(once, options);
    if (!again.ok()) std::abort();
    // NaN is impossible (JSON has no NaN) and Infinity writes as null, so compare the writes, not the values.
    if (Write(*again) != once) std::abort();
    (void)WritePretty(*parsed);
  }
  std::string quoted;
  WriteString(text, quoted);
  StatusOr<Value> as_string = Parse(quoted);
  if (!as_string.ok() || !as_string->is_string()) std::abort();
  return 0;
}
