// `railgun exec --schema S.graphql [--root R.json] [--variables JSON] [--operation NAME] DOCUMENT`: prints the
// response graphql-js `graphql({schema: buildSchema(sdl), source, rootValue, variableValues, operationName})`
// gives: schema-validation, syntax or validation errors as {"errors":[...]}, else the execution result.
#include <cstdio>

#include "cli/commands.h"
#include "execute/executor.h"
#include "json/parse.h"
#include "language/parser.h"
#include "validation/validate.h"

namespace railgun::cli {
namespace {

// graphql-js reads the root value and variables with JSON.parse: every number is an IEEE double, so integers
// beyond 2^53 lose precision. Emulate that so outputs and messages match (e.g. 9007199254740993 -> ...992).
void ToJsNumbers(json::Value& v) {
  constexpr int64_t kMaxSafe = int64_t{1} << 53;
  switch (v.kind()) {
    case json::Kind::kInt:
      if (v.as_int() > kMaxSafe || v.as_int() < -kMaxSafe) v = json::Value::Double(static_cast<double>(v.as_int()));
      break;
    case json::Kind::kArray:
      for (auto& item : v.as_array()) ToJsNumbers(item);
      break;
    case json::Kind::kObject:
      for (auto& member : v.as_object()) ToJsNumbers(member.second);
      break;
    default: break;
  }
}

}  // namespace

int RunExec(const std::vector<std::string>& raw_args) {
  constexpr std::string_view kCommand = "exec";
  ParsedArgs args = ParseArgs(raw_args, {"schema", "root", "variables", "operation"});
  if (!args.error.empty()) return Fail(kCommand, args.error, kExitUsage);
  if (args.positionals.size() != 1) return Fail(kCommand, "expected exactly one DOCUMENT argument", kExitUsage);

  int exit_code = kExitOk;
  schema::SchemaResult built = LoadSchema(args, kCommand, &exit_code);
  if (built.schema == nullptr) return exit_code;

  execute::ExecutionRequest request;
  if (const std::string* root_path = args.option("root")) {
    StatusOr<std::string> text = ReadFile(*root_path);
    if (!text.ok()) return Fail(kCommand, text.status().message(), kExitFailure);
    StatusOr<json::Value> root = json::Parse(*text);
    if (!root.ok()) return Fail(kCommand, "--root: " + root.status().message(), kExitFailure);
    request.root_value = std::move(root).value();
    ToJsNumbers(request.root_value);
  }
  if (const std::string* variables = args.option("variables")) {
    StatusOr<json::Value> parsed = json::Parse(*variables);
    if (!parsed.ok()) return Fail(kCommand, "--variables: " + parsed.status().message(), kExitUsage);
    request.variables = std::move(parsed).value();
    ToJsNumbers(request.variables);
  }
  if (const std::string* operation = args.option("operation")) request.operation_name = *operation;
  StatusOr<std::string> source = ReadDocumentArgument(args.positionals[0]);
  if (!source.ok()) return Fail(kCommand, source.status().message(), kExitFailure);

  // graphql(): validateSchema, parse, validate, execute — the first stage with errors answers.
  if (!built.errors.empty()) {
    PrintJson(ErrorsDocument(built.errors, true));
    return kExitOk;
  }
  language::ParseResult parsed = language::Parse(*source);
  if (!parsed.ok()) {
    language::GraphQLError error = *parsed.error;
    if (error.code.empty()) error.code = "GRAPHQL_PARSE_FAILED";
    PrintJson(ErrorsDocument({error}, true));
    return kExitOk;
  }
  std::vector<language::GraphQLError> invalid = validation::Validate(*built.schema, parsed.document);
  if (!invalid.empty()) {
    for (auto& e : invalid)
      if (e.code.empty()) e.code = "GRAPHQL_VALIDATION_FAILED";
    PrintJson(ErrorsDocument(invalid, true));
    return kExitOk;
  }
  request.schema = built.schema.get();
  request.document = &parsed.document;
  execute::ExecutionResult result = execute::Execute(request);
  std::string out = result.ToJsonText();
  out += '\n';
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace railgun::cli
