// libFuzzer target: BuildSchema on arbitrary text must never crash; a schema it accepts must print to SDL that
// rebuilds into a schema printing identically (printSchema fixed point).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "schema/builder.h"
#include "schema/print_schema.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace railgun::schema;
  if (size > 4096) return 0;
  SchemaResult built = BuildSchema(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!built.schema) return 0;
  std::string printed = PrintSchema(*built.schema);
  (void)PrintIntrospectionSchema(*built.schema);
  SchemaResult again = BuildSchema(printed);
  if (again.schema && PrintSchema(*again.schema) != printed) std::abort();
  return 0;
}
