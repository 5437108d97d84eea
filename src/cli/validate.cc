// `railgun validate --schema S.graphql DOCUMENT`: {"errors":[...]} = graphql-js validate(schema, parse(source))
// (empty when valid; a syntax error gives that one error).
#include "validation/validate.h"

#include "cli/commands.h"
#include "language/parser.h"

namespace railgun::cli {

int RunValidate(const std::vector<std::string>& raw_args) {
  constexpr std::string_view kCommand = "validate";
  ParsedArgs args = ParseArgs(raw_args, {"schema"});
  if (!args.error.empty()) return Fail(kCommand, args.error, kExitUsage);
  if (args.positionals.size() != 1) return Fail(kCommand, "expected exactly one DOCUMENT argument", kExitUsage);
  int exit_code = kExitOk;
  schema::SchemaResult built = LoadSchema(args, kCommand, &exit_code);
  if (built.schema == nullptr) return exit_code;
  if (!built.errors.empty()) {  // graphql-js validate() asserts a valid schema
    PrintJson(ErrorsDocument(built.errors, false));
    return kExitFailure;
  }
  StatusOr<std::string> source = ReadDocumentArgument(args.positionals[0]);
  if (!source.ok()) return Fail(kCommand, source.status().message(), kExitFailure);
  language::ParseResult parsed = language::Parse(*source);
  if (!parsed.ok()) {
    PrintJson(ErrorsDocument({*parsed.error}, false));
    return kExitOk;
  }
  PrintJson(ErrorsDocument(validation::Validate(*built.schema, parsed.document), false));
  return kExitOk;
}

}  // namespace railgun::cli
