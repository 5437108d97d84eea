// `railgun print-schema --schema S.graphql`: graphql-js printSchema(buildSchema(sdl)), written exactly (no
// trailing newline is added; printSchema's string has none).
#include "schema/print_schema.h"

#include <cstdio>

#include "cli/commands.h"

namespace railgun::cli {

int RunPrintSchema(const std::vector<std::string>& raw_args) {
  constexpr std::string_view kCommand = "print-schema";
  ParsedArgs args = ParseArgs(raw_args, {"schema"});
  if (!args.error.empty()) return Fail(kCommand, args.error, kExitUsage);
  if (!args.positionals.empty()) return Fail(kCommand, "unexpected argument " + args.positionals[0], kExitUsage);
  int exit_code = kExitOk;
  schema::SchemaResult built = LoadSchema(args, kCommand, &exit_code);
  if (built.schema == nullptr) return exit_code;
  std::string text = schema::PrintSchema(*built.schema);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace railgun::cli
