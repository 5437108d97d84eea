// The `railgun` subcommands (one .cc each) and the helpers they share: argument parsing, file / document
// reading, JSON output.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "json/value.h"
#include "language/error.h"
#include "railgun/status.h"
#include "schema/builder.h"

namespace railgun::cli {

// Exit codes: 0 = a response was printed (it may contain GraphQL errors), 1 = the input could not be used
// (unreadable file, invalid SDL), 2 = usage error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Subcommand entry points; `args` excludes the program and subcommand names.
int RunExec(const std::vector<std::string>& args);
int RunParse(const std::vector<std::string>& args);
int RunValidate(const std::vector<std::string>& args);
int RunPrintSchema(const std::vector<std::string>& args);
int RunValidateSchema(const std::vector<std::string>& args);

// `--name value`, `--name=value` and positionals. Options not in `value_options` are errors.
struct ParsedArgs {
  std::map<std::string, std::string, std::less<>> options;  // name without the leading "--"
  std::vector<std::string> positionals;
  std::string error;  // non-empty on a usage error
  [[nodiscard]] const std::string* option(std::string_view name) const {
    auto it = options.find(name);
    return it == options.end() ? nullptr : &it->second;
  }
};
[[nodiscard]] ParsedArgs ParseArgs(const std::vector<std::string>& args, const std::vector<std::string>& value_options);

[[nodiscard]] StatusOr<std::string> ReadFile(const std::string& path);
// A DOCUMENT argument: the text itself, or "@path" to read it from a file.
[[nodiscard]] StatusOr<std::string> ReadDocumentArgument(const std::string& arg);

// {"errors":[...]}; with `with_extensions` false only message / locations / path are kept.
[[nodiscard]] json::Value ErrorsDocument(const std::vector<language::GraphQLError>& errors, bool with_extensions);
// Reads and builds the SDL file named by --schema. Returns the build result; on a missing option, an unreadable
// file or an SDL error (no schema) it has printed the diagnostic / {"errors":[...]} and sets *exit_code.
[[nodiscard]] schema::SchemaResult LoadSchema(const ParsedArgs& args, std::string_view command, int* exit_code);

// Writes `value` as compact JSON plus "\n" to stdout.
void PrintJson(const json::Value& value);
// Prints "railgun <command>: <message>" to stderr and returns `code`.
int Fail(std::string_view command, std::string_view message, int code);

}  // namespace railgun::cli
