// `railgun validate-schema --schema S.graphql`: {"errors":[...]} = graphql-js validateSchema(buildSchema(sdl)).
#include "cli/commands.h"

namespace railgun::cli {

int RunValidateSchema(const std::vector<std::string>& raw_args) {
  constexpr std::string_view kCommand = "validate-schema";
  ParsedArgs args = ParseArgs(raw_args, {"schema"});
  if (!args.error.empty()) return Fail(kCommand, args.error, kExitUsage);
  if (!args.positionals.empty()) return Fail(kCommand, "unexpected argument " + args.positionals[0], kExitUsage);
  int exit_code = kExitOk;
  schema::SchemaResult built = LoadSchema(args, kCommand, &exit_code);
  if (built.schema == nullptr) return exit_code;
  PrintJson(ErrorsDocument(built.errors, false));
  return kExitOk;
}

}  // namespace railgun::cli
