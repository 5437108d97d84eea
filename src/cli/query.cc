// `railgun query`: runs one GraphQL document (queries and mutations) against a database through the same
// resolvers the server uses, and prints the response; `--explain` adds every SQL statement it sent.
//
//   railgun query --models PATH [--models PATH...] --database URL [--settings railgun.yaml]
//                 [--variables JSON] [--operation NAME] [--explain] DOCUMENT
//
// Output: the response object; with --explain, {"response": ..., "statements": [{"sql", "params"}...]}.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "compile/resolver.h"
#include "db/open.h"
#include "execute/executor.h"
#include "generate/generator.h"
#include "json/parse.h"
#include "language/parser.h"
#include "models/loader.h"
#include "models/settings.h"
#include "mutate/mutation_resolver.h"
#include "validation/validate.h"

namespace railgun::cli {

namespace {

// What `query` and `explain` both load: the document, settings, models, generated schema, database connection,
// variables and operation name. The project is heap-held so the generated schema's pointers stay valid.
struct DatabaseCommand {
  std::string text;
  models::Settings settings;
  std::unique_ptr<models::Project> project;
  std::unique_ptr<generate::GeneratedSchema> generated;
  std::unique_ptr<db::Connection> conn;
  json::Value variables;
  const std::string* operation = nullptr;  // into `args`
  ParsedArgs args;
};

// Parses `--models PATH... --database URL [--settings F] [--variables JSON] [--operation NAME] [<flag>] DOCUMENT`
// and loads everything. Returns -1 when `out` is ready, else the exit code (the failure is printed).
int LoadDatabaseCommand(std::string_view cmd, const std::vector<std::string>& raw_args, std::string_view flag,
                        bool* flag_set, std::string_view usage, DatabaseCommand* out) {
  std::vector<std::string> model_paths, rest;
  for (size_t i = 0; i < raw_args.size(); ++i) {
    if (raw_args[i] == "--models" && i + 1 < raw_args.size())
      model_paths.push_back(raw_args[++i]);
    else if (raw_args[i] == flag)
      *flag_set = true;
    else
      rest.push_back(raw_args[i]);
  }
  out->args = ParseArgs(rest, {"database", "settings", "variables", "operation"});
  const ParsedArgs& args = out->args;
  if (!args.error.empty()) return Fail(cmd, args.error, kExitUsage);
  const std::string* url = args.option("database");
  if (model_paths.empty() || !url || args.positionals.size() != 1) return Fail(cmd, usage, kExitUsage);
  StatusOr<std::string> text = ReadDocumentArgument(args.positionals[0]);
  if (!text.ok()) return Fail(cmd, text.status().message(), kExitFailure);
  out->text = std::move(text).value();
  if (const std::string* file = args.option("settings")) {
    models::SettingsResult s = models::LoadSettingsFile(*file);
    if (!s.ok()) return Fail(cmd, s.ErrorText(), kExitFailure);
    out->settings = std::move(*s.settings);
  }
  StatusOr<models::Project> project = models::LoadProject(model_paths, models::ModelLoadOptions(out->settings));
  if (!project.ok()) return Fail(cmd, project.status().message(), kExitFailure);
  out->project = std::make_unique<models::Project>(std::move(project).value());
  StatusOr<std::unique_ptr<generate::GeneratedSchema>> generated =
      generate::Generate(*out->project, generate::OptionsFromSettings(out->settings, *out->project));
  if (!generated.ok()) return Fail(cmd, generated.status().message(), kExitFailure);
  out->generated = std::move(generated).value();
  StatusOr<std::unique_ptr<db::Connection>> conn = db::OpenConnection(*url);
  if (!conn.ok()) return Fail(cmd, conn.status().message(), kExitFailure);
  out->conn = std::move(conn).value();
  if (const std::string* v = args.option("variables")) {
    StatusOr<json::Value> parsed = json::Parse(*v);
    if (!parsed.ok() || !(parsed->is_object() || parsed->is_null()))
      return Fail(cmd, "--variables must be a JSON object", kExitUsage);
    out->variables = std::move(parsed).value();
  }
  out->operation = args.option("operation");
  return -1;
}

}  // namespace

int RunQuery(const std::vector<std::string>& raw_args) {
  constexpr std::string_view kCmd = "query";
  bool explain = false;
  DatabaseCommand c;
  if (int code = LoadDatabaseCommand(kCmd, raw_args, "--explain", &explain,
                                     "usage: railgun query --models PATH --database URL [--settings FILE] "
                                     "[--variables JSON] [--operation NAME] [--explain] DOCUMENT",
                                     &c);
      code >= 0)
    return code;

  language::ParseResult doc = language::Parse(c.text);
  json::Value response;
  json::Value statements = json::Value::MakeArray();
  if (!doc.ok()) {
    response = ErrorsDocument({*doc.error}, true);
  } else if (auto errors = validation::Validate(c.generated->schema(), doc.document); !errors.empty()) {
    response = ErrorsDocument(errors, true);
  } else {
    mutate::MutationOptions options = mutate::OptionsFromSettings(c.settings);
    mutate::MutationResolver resolver(*c.generated, *c.conn, nullptr, &options);
    // Every statement sent (observer); query root fields also carry their bound parameters (from the plan).
    std::string plan_sql;
    json::Value plan_params;
    resolver.queries().set_explain([&](std::string_view, const compile::CompiledQuery& q) {
      plan_sql = q.sql;
      plan_params = json::Value::MakeArray();
      for (const db::Param& p : q.params) plan_params.append(json::Value::String(p.DebugString()));
    });
    if (explain)
      c.conn->set_statement_observer([&](std::string_view sql) {
        json::Value s = json::Value::MakeObject();
        s.push("sql", json::Value::String(std::string(sql)));
        if (sql == plan_sql) s.push("params", plan_params);
        statements.append(std::move(s));
      });
    execute::ExecutionRequest req;
    req.schema = &c.generated->schema();
    req.document = &doc.document;
    req.variables = std::move(c.variables);
    if (c.operation) req.operation_name = *c.operation;
    req.resolver = &resolver;
    StatusOr<json::Value> r = json::Parse(execute::Execute(req).ToJsonText());
    response = r.ok() ? std::move(r).value() : json::Value::Null();
  }
  if (!explain) {
    PrintJson(response);
    return kExitOk;
  }
  json::Value out = json::Value::MakeObject();
  out.push("response", std::move(response));
  out.push("statements", std::move(statements));
  PrintJson(out);
  return kExitOk;
}

}  // namespace railgun::cli

namespace railgun::cli {

// `railgun explain --models PATH... --database URL [--settings F] [--variables JSON] [--analyze] DOCUMENT`:
// the SQL statement of every query root field, its parameters and the database's plan (SQLite: EXPLAIN QUERY
// PLAN; PostgreSQL: EXPLAIN, or EXPLAIN ANALYZE with --analyze, which runs the statement). Mutations are refused.
int RunExplain(const std::vector<std::string>& raw_args) {
  constexpr std::string_view kCmd = "explain";
  bool analyze = false;
  DatabaseCommand c;
  if (int code = LoadDatabaseCommand(kCmd, raw_args, "--analyze", &analyze,
                                     "usage: railgun explain --models PATH --database URL [--settings FILE] "
                                     "[--variables JSON] [--analyze] DOCUMENT",
                                     &c);
      code >= 0)
    return code;
  language::ParseResult doc = language::Parse(c.text);
  if (!doc.ok()) {
    PrintJson(ErrorsDocument({*doc.error}, true));
    return kExitOk;
  }
  if (auto errors = validation::Validate(c.generated->schema(), doc.document); !errors.empty()) {
    PrintJson(ErrorsDocument(errors, true));
    return kExitOk;
  }
  for (const auto& def : doc.document.definitions)
    if (const auto* op = std::get_if<language::OperationDefinition>(&def);
        op && op->operation != language::OperationType::kQuery)
      return Fail(kCmd, "only queries can be explained (a mutation would write)", kExitUsage);

  struct Plan {
    std::string field;
    compile::CompiledQuery query;
  };
  std::vector<Plan> plans;
  compile::SqlRootResolver resolver(*c.generated, *c.conn);
  resolver.set_explain([&](std::string_view key, const compile::CompiledQuery& q) {
    plans.push_back({std::string(key), q});
  });
  execute::ExecutionRequest req;
  req.schema = &c.generated->schema();
  req.document = &doc.document;
  req.variables = std::move(c.variables);
  if (c.operation) req.operation_name = *c.operation;
  req.resolver = &resolver;
  execute::ExecutionResult result = execute::Execute(req);

  const bool pg = c.conn->dialect() == db::Dialect::kPostgres;
  json::Value out = json::Value::MakeObject();
  json::Value fields = json::Value::MakeArray();
  for (const Plan& p : plans) {
    json::Value f = json::Value::MakeObject();
    f.push("field", json::Value::String(p.field));
    f.push("sql", json::Value::String(p.query.sql));
    json::Value params = json::Value::MakeArray();
    for (const db::Param& param : p.query.params) params.append(json::Value::String(param.DebugString()));
    f.push("params", std::move(params));
    std::string prefix = pg ? (analyze ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN ") : "EXPLAIN QUERY PLAN ";
    StatusOr<db::ResultSet> plan = c.conn->Execute(prefix + p.query.sql, p.query.params);
    json::Value lines = json::Value::MakeArray();
    if (plan.ok()) {
      for (const db::Row& row : plan->rows) {
        // PostgreSQL: one text column per line; SQLite: (id, parent, notused, detail).
        const db::Cell& cell = pg ? row.front() : row.back();
        lines.append(json::Value::String(cell.value_or("")));
      }
    } else {
      lines.append(json::Value::String("explain failed: " + plan.status().message()));
    }
    f.push("plan", std::move(lines));
    fields.append(std::move(f));
  }
  out.push("fields", std::move(fields));
  if (!result.errors.empty()) out.push("errors", ErrorsDocument(result.errors, true).as_object().front().second);
  PrintJson(out);
  return kExitOk;
}

}  // namespace railgun::cli
