// `railgun` — command-line entry point: dispatches to the subcommands declared in commands.h.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "cli/print_models.h"
#include "railgun/version.h"

namespace {

constexpr const char* kUsage =
    "usage: railgun <command> [options]\n"
    "\n"
    "commands:\n"
    "  exec --schema S.graphql [--root R.json] [--variables JSON] [--operation NAME] DOCUMENT\n"
    "                      execute DOCUMENT like graphql-js graphql() and print the response JSON\n"
    "  parse DOCUMENT      print {\"printed\": print(parse(DOCUMENT))} or the syntax error\n"
    "  validate --schema S.graphql DOCUMENT\n"
    "                      print {\"errors\": [...]} from validating DOCUMENT\n"
    "  print-schema --schema S.graphql\n"
    "                      print the schema as SDL (printSchema)\n"
    "  validate-schema --schema S.graphql\n"
    "                      print {\"errors\": [...]} from validateSchema\n"
    "  introspect DATABASE_URL [--app NAME] [--out FILE]\n"
    "                      write a model file for an existing database's tables\n"
    "  import-django SETTINGS_MODULE [--apps a,b] [--out DIR] [--path PROJECT_DIR]\n"
    "                      export a Django project's models as model files (runs python3)\n"
    "  serve --models PATH... --database URL [--port N] [--host H] | serve --demo [--port N] [--data-dir D]\n"
    "        | serve --config railgun.yaml  [--workers N] [--cors-origin O] [--access-log] [--quiet]\n"
    "          [--graphql-path P] [--max-query-depth N] [--max-query-complexity N]  (0 = unlimited)\n"
    "                      run the GraphQL HTTP server (/graphql/, /graphql/<name>/, GraphiQL, /health/)\n"
    "  query --models PATH... --database URL [--settings F] [--variables JSON] [--explain] DOCUMENT\n"
    "                      run a query or mutation against the database and print the response (+ its SQL)\n"
    "  explain --models PATH... --database URL [--analyze] DOCUMENT\n"
    "                      print each query root field's SQL, parameters and the database's plan\n"
    "  migrate --models PATH... --database URL [--plan] [--allow-destructive]\n"
    "                      create / alter tables to match the models (prints the plan)\n"
    "  --version           print the version\n"
    "\n"
    "DOCUMENT is the GraphQL text itself, or @path to read it from a file.\n";

}  // namespace

namespace railgun::cli {
int RunIntrospect(const std::vector<std::string>& args);    // introspect.cc
int RunImportDjango(const std::vector<std::string>& args);  // import_django.cc
int RunServe(const std::vector<std::string>& args);         // serve.cc
int RunMigrate(const std::vector<std::string>& args);       // migrate.cc
int RunQuery(const std::vector<std::string>& args);         // query.cc
int RunExplain(const std::vector<std::string>& args);       // query.cc
}  // namespace railgun::cli

int main(int argc, char** argv) {
  using namespace railgun::cli;
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return kExitUsage;
  }
  std::string_view command = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  if (command == "--version" || command == "version") {
    std::printf("railgun %s\n", RAILGUN_VERSION);
    return kExitOk;
  }
  if (command == "--help" || command == "-h" || command == "help") {
    std::fputs(kUsage, stdout);
    return kExitOk;
  }
  if (command == "exec") return RunExec(args);
  if (command == "parse") return RunParse(args);
  if (command == "validate") return RunValidate(args);
  if (command == "print-schema" && WantsModelsSchema(args)) return RunPrintModelsSchema(args);
  if (command == "print-schema") return RunPrintSchema(args);
  if (command == "validate-schema") return RunValidateSchema(args);
  if (command == "introspect") return RunIntrospect(args);
  if (command == "import-django") return RunImportDjango(args);
  if (command == "serve") return RunServe(args);
  if (command == "migrate") return RunMigrate(args);
  if (command == "query") return RunQuery(args);
  if (command == "explain") return RunExplain(args);
  std::fprintf(stderr, "railgun: unknown command '%.*s'\n\n%s", static_cast<int>(command.size()), command.data(),
               kUsage);
  return kExitUsage;
}
