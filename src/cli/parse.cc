// `railgun parse DOCUMENT`: {"printed": print(parse(source))} or the syntax error as {"errors":[...]}.
#include "cli/commands.h"
#include "language/parser.h"
#include "language/printer.h"

namespace railgun::cli {

int RunParse(const std::vector<std::string>& raw_args) {
  constexpr std::string_view kCommand = "parse";
  ParsedArgs args = ParseArgs(raw_args, {});
  if (!args.error.empty()) return Fail(kCommand, args.error, kExitUsage);
  if (args.positionals.size() != 1) return Fail(kCommand, "expected exactly one DOCUMENT argument", kExitUsage);
  StatusOr<std::string> source = ReadDocumentArgument(args.positionals[0]);
  if (!source.ok()) return Fail(kCommand, source.status().message(), kExitFailure);
  language::ParseResult parsed = language::Parse(*source);
  if (!parsed.ok()) {
    PrintJson(ErrorsDocument({*parsed.error}, false));
    return kExitOk;
  }
  json::Value out = json::Value::MakeObject();
  out.push("printed", json::Value::String(language::Print(parsed.document)));
  PrintJson(out);
  return kExitOk;
}

}  // namespace railgun::cli
