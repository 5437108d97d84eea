// `railgun introspect <database url> [--app NAME] [--out FILE] [--tables a,b]`: an existing SQLite/PostgreSQL
// schema -> a model file (db/introspect.h), written to FILE or stdout.
#include "db/introspect.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "db/open.h"

namespace railgun::cli {

int RunIntrospect(const std::vector<std::string>& args) {
  constexpr std::string_view kCommand = "introspect";
  ParsedArgs parsed = ParseArgs(args, {"app", "out", "tables"});
  if (!parsed.error.empty()) return Fail(kCommand, parsed.error, kExitUsage);
  if (parsed.positionals.size() != 1)
    return Fail(kCommand, "usage: railgun introspect <database url> [--app NAME] [--out FILE] [--tables a,b]",
                kExitUsage);
  db::IntrospectOptions options;
  if (const std::string* app = parsed.option("app")) options.app = *app;
  if (const std::string* tables = parsed.option("tables")) {
    std::stringstream in(*tables);
    std::string table;
    while (std::getline(in, table, ','))
      if (!table.empty()) options.only_tables.push_back(table);
  }
  auto conn = db::OpenConnection(parsed.positionals[0]);
  if (!conn.ok()) return Fail(kCommand, conn.status().ToString(), kExitFailure);
  auto yaml = db::IntrospectToModelYaml(**conn, options);
  if (!yaml.ok()) return Fail(kCommand, yaml.status().ToString(), kExitFailure);
  if (const std::string* out = parsed.option("out")) {
    std::ofstream file(*out, std::ios::binary);
    file << *yaml;
    if (!file.good()) return Fail(kCommand, "cannot write " + *out, kExitFailure);
    std::fprintf(stderr, "railgun introspect: wrote %s\n", out->c_str());
    return kExitOk;
  }
  std::fwrite(yaml->data(), 1, yaml->size(), stdout);
  return kExitOk;
}

}  // namespace railgun::cli
