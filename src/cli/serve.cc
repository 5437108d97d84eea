// `railgun serve`: the HTTP server over model files and a database, or `--demo` over every example (SQLite files
// with sample data created once under the data directory).
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "compile/resolver.h"
#include "db/migrate.h"
#include "db/open.h"
#include "db/sample_data.h"
#include "generate/generator.h"
#include "models/loader.h"
#include "models/settings.h"
#include "mutate/mutation_resolver.h"
#include "security/auth.h"
#include "security/limits.h"
#include "server/server.h"

namespace railgun::cli {
namespace {

// Example queries preloaded in the page, by example name (fields from the example models).
std::string ExampleQuery(const std::string& name) {
  if (name == "blog")
    return "query Posts {\n  posts(first: 5) {\n    edges { node { id title } }\n    totalCount\n  }\n}\n";
  if (name == "ecommerce")
    return "query Products {\n  products(first: 5) {\n    edges { node { id name price } }\n    totalCount\n  }\n}\n";
  return "";  // the server makes examples from the schema's list fields
}

// Every schema gets a connection pool, one connection per worker thread, so its requests run concurrently.
// PostgreSQL: the pool runs queries and mutations. SQLite files (WAL): the pool holds read-only connections
// (PRAGMA query_only) for queries, and mutations run on the schema's own connection, the single writer, under
// its mutex (SQLite has one writer at a time anyway; readers never wait for it in WAL mode). An in-memory SQLite
// database lives inside one connection: no pool.
Status AttachPool(server::ServedSchema& served, const std::string& url, size_t size) {
  RG_ASSIGN_OR_RETURN(db::DatabaseUrl parsed, db::ParseDatabaseUrl(url));
  if (parsed.is_memory()) return Status::Ok();
  db::PoolOptions po;
  po.size = size;
  db::OpenOptions oo;
  if (parsed.dialect == db::Dialect::kSqlite) {
    oo.sqlite.query_only = true;
    served.pool_reads_only = true;
  }
  RG_ASSIGN_OR_RETURN(served.pool, db::OpenPool(parsed, po, oo));
  return Status::Ok();
}

size_t PoolSize(int workers) {
  return workers > 0 ? static_cast<size_t>(workers) : std::max<size_t>(2, std::thread::hardware_concurrency());
}

// What every schema shares from the command line.
struct SchemaOptions {
  size_t pool_size = 2;
  std::optional<int64_t> max_depth, max_complexity;  // --max-query-depth / --max-query-complexity (0 = unlimited)
};

// The per-schema security settings: query limits (the flags win) and authentication.
void ApplySecurity(server::ServedSchema& served, const models::Settings& settings, const SchemaOptions& so) {
  served.limits = security::LimitsFromSettings(settings);
  if (so.max_depth) served.limits.max_depth = *so.max_depth;
  if (so.max_complexity) served.limits.max_complexity = *so.max_complexity;
  served.auth = security::AuthPolicyFromSettings(settings);
  if (served.auth.required && served.auth.jwt.key.empty())
    std::fprintf(stderr,
                 "railgun: schema '%s' requires authentication but no security_settings.jwt.secret_key / "
                 "secret_key is set: every GraphQL request will be refused\n",
                 served.name.c_str());
}

StatusOr<std::unique_ptr<server::ServedSchema>> MakeSchema(const std::string& name,
                                                           const std::vector<std::string>& model_paths,
                                                           const std::string& url, bool load_sample_data,
                                                           const SchemaOptions& so) {
  auto served = std::make_unique<server::ServedSchema>();
  served->name = name;
  RG_ASSIGN_OR_RETURN(models::Project project, models::LoadProject(model_paths));
  served->project = std::make_unique<models::Project>(std::move(project));
  RG_ASSIGN_OR_RETURN(served->generated, generate::Generate(*served->project));
  RG_ASSIGN_OR_RETURN(served->connection, db::OpenConnection(url));
  if (load_sample_data) {
    RG_RETURN_IF_ERROR(db::Migrate(*served->connection, *served->project).status());
    RG_RETURN_IF_ERROR(db::LoadSampleData(*served->connection, *served->project));
  }
  RG_RETURN_IF_ERROR(AttachPool(*served, url, so.pool_size));  // after the tables exist
  ApplySecurity(*served, models::Settings(), so);              // no railgun.yaml: the default settings
  served->example_query = ExampleQuery(name);
  return served;
}

// The schemas a railgun.yaml declares (`schemas:`; none = one "default" schema over every model), each with its
// settings overrides, its own model selection and its own connection to `url`.
// What the resolver factory needs from a served schema's settings, by schema name: MUTATION_SETTINGS, and the
// compiler's options (`debug` -> extensions.debug with plan-cache use and SQL; file_storage.media_url).
struct ResolverSettings {
  mutate::MutationOptions mutation;
  compile::CompileOptions compile;
};
using ResolverSettingsBySchema = std::map<std::string, ResolverSettings>;

ResolverSettings ResolverSettingsFrom(const models::Settings& settings) {
  ResolverSettings r;
  r.mutation = mutate::OptionsFromSettings(settings);
  r.compile.debug = settings.GetBool("debug");
  r.compile.media_url = settings.GetString("file_storage.media_url");
  r.compile.max_page_size = settings.GetInt("query_settings.max_page_size");
  return r;
}

Status AddConfiguredSchemas(server::Server& srv, const models::Settings& settings,
                            const std::vector<std::string>& model_paths, const std::string& url,
                            ResolverSettingsBySchema* resolver_settings, const SchemaOptions& so) {
  RG_ASSIGN_OR_RETURN(models::Project probe, models::LoadProject(model_paths, models::ModelLoadOptions(settings)));
  auto diagnostics = models::CheckSchemaReferences(probe, settings, "railgun.yaml");
  for (const auto& d : diagnostics)
    if (!d.warning) return Status(StatusCode::kInvalidArgument, d.ToString());
  std::vector<models::SchemaConfig> configs = settings.schemas();
  bool declared = !configs.empty();
  if (!declared) {
    configs.emplace_back();
    configs.back().name = "default";
  }
  for (const auto& config : configs) {
    auto served = std::make_unique<server::ServedSchema>();
    served->name = config.name;
    served->enabled = config.enabled;
    if (!config.enabled) {
      srv.AddSchema(std::move(served));
      continue;
    }
    models::Settings own = declared ? settings.ForSchema(config.name) : settings;
    (*resolver_settings)[served->name] = ResolverSettingsFrom(own);
    RG_ASSIGN_OR_RETURN(models::Project project, models::LoadProject(model_paths, models::ModelLoadOptions(own)));
    served->project = std::make_unique<models::Project>(std::move(project));
    generate::GenerateOptions options = generate::OptionsFromSettings(own, *served->project);
    if (declared) {
      auto selected = models::SelectSchemaModels(*served->project, own, &config);
      for (const models::Model* m : served->project->models())
        if (std::find(selected.begin(), selected.end(), m) == selected.end())
          options.exclude_models.push_back(m->label());
      if (!config.description.empty()) options.description = config.description;
    }
    auto generated = generate::Generate(*served->project, options);
    if (!generated.ok()) return Status(generated.status().code(), config.name + ": " + generated.status().message());
    served->generated = std::move(*generated);
    RG_ASSIGN_OR_RETURN(served->connection, db::OpenConnection(url));
    RG_RETURN_IF_ERROR(AttachPool(*served, url, so.pool_size));
    ApplySecurity(*served, own, so);
    served->graphiql = own.GetBool("schema_settings.enable_graphiql");
    served->introspection = own.GetBool("schema_settings.enable_introspection");
    srv.AddSchema(std::move(served));
  }
  return Status::Ok();
}

}  // namespace

int RunServe(const std::vector<std::string>& args) {
  // Signals are handled by one thread (sigwait): SIGINT / SIGTERM stop the server gracefully. Blocked first, so
  // every thread started later inherits the mask.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  // --models may repeat: collect them before the generic parser (which keeps the last value).
  std::vector<std::string> model_paths, rest;
  bool demo = false;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--models" && i + 1 < args.size())
      model_paths.push_back(args[++i]);
    else if (args[i] == "--demo")
      demo = true;
    else
      rest.push_back(args[i]);
  }
  bool quiet = false, access_log = false;
  {
    std::vector<std::string> kept;
    for (auto& a : rest) {
      if (a == "--quiet")
        quiet = true;
      else if (a == "--access-log")
        access_log = true;
      else
        kept.push_back(std::move(a));
    }
    rest = std::move(kept);
  }
  ParsedArgs parsed =
      ParseArgs(rest, {"config", "database", "port", "host", "data-dir", "cors-origin", "workers", "io-threads",
                       "assets-dir", "graphql-path", "max-query-depth", "max-query-complexity"});
  if (!parsed.error.empty()) return Fail("serve", parsed.error, kExitUsage);
  server::ServerOptions options;
  options.access_log = (demo || access_log) && !quiet;
  // railgun.yaml first (server.*, CORS, batching), then the command-line flags over it.
  std::optional<models::Settings> settings;
  std::filesystem::path config_dir;
  if (const auto* c = parsed.option("config")) {
    models::SettingsResult loaded = models::LoadSettingsFile(*c);
    for (const auto& w : loaded.warnings) std::fprintf(stderr, "railgun: %s\n", w.ToString().c_str());
    if (!loaded.ok()) return Fail("serve", loaded.ErrorText(), kExitFailure);
    settings = std::move(*loaded.settings);
    config_dir = std::filesystem::absolute(*c).parent_path();
    options.host = settings->GetString("server.host");
    options.port = static_cast<uint16_t>(settings->GetInt("server.port"));
    options.worker_threads = static_cast<int>(settings->GetInt("server.threads"));
    options.max_body_bytes = static_cast<size_t>(settings->GetInt("server.max_body_size"));
    if (!settings->GetBool("performance_settings.enable_query_batching")) options.max_batch = 0;
    options.cors = security::CorsPolicyFromSettings(*settings);
    options.graphql_path = settings->GetString("server.graphql_path");
  }
  {  // file uploads (GraphQL multipart requests): a body may carry max_upload_files files of the largest size
    const models::Settings defaults;
    const models::Settings& s = settings ? *settings : defaults;
    options.max_upload_files = static_cast<size_t>(s.GetInt("security_settings.max_upload_files"));
    options.max_upload_file_bytes = static_cast<size_t>(s.GetInt("security_settings.max_file_upload_size"));
    options.max_upload_body_bytes = options.max_upload_files * options.max_upload_file_bytes + options.max_body_bytes;
  }
  SchemaOptions so;
  try {
    if (const auto* p = parsed.option("port")) options.port = static_cast<uint16_t>(std::stoi(*p));
    if (const auto* w = parsed.option("workers")) options.worker_threads = std::stoi(*w);
    if (const auto* t = parsed.option("io-threads")) options.io_threads = std::stoi(*t);
    if (const auto* d = parsed.option("max-query-depth")) so.max_depth = std::stoll(*d);
    if (const auto* c = parsed.option("max-query-complexity")) so.max_complexity = std::stoll(*c);
  } catch (const std::exception&) {
    return Fail("serve", "--port, --workers, --io-threads and --max-query-* take numbers", kExitUsage);
  }
  if (const auto* h = parsed.option("host")) options.host = *h;
  if (const auto* c = parsed.option("cors-origin")) {
    options.cors.enabled = true;
    options.cors.allowed_origins = {*c};
  }
  if (const auto* g = parsed.option("graphql-path")) options.graphql_path = *g;
  if (options.graphql_path.empty() || options.graphql_path.front() != '/') options.graphql_path.insert(0, "/");
  while (options.graphql_path.size() > 1 && options.graphql_path.back() == '/') options.graphql_path.pop_back();
  std::string base = options.graphql_path == "/" ? "" : options.graphql_path;
  so.pool_size = PoolSize(options.worker_threads);
  if (const auto* a = parsed.option("assets-dir")) options.assets_dir = *a;

  auto shared_cache = std::make_shared<compile::PlanCache>();
  auto resolver_settings = std::make_shared<ResolverSettingsBySchema>();  // filled before the server starts
  // Schemas without a railgun.yaml (--demo, --models) use the default settings, as their limits and auth do.
  auto default_settings = std::make_shared<const ResolverSettings>(ResolverSettingsFrom(models::Settings()));
  server::Server srv(options,
                     [shared_cache, resolver_settings, default_settings](
                         server::ServedSchema& s, db::Connection& c,
                         const server::RequestContext&) -> std::unique_ptr<execute::RootResolver> {
                       auto it = resolver_settings->find(s.name);
                       const ResolverSettings* rs =
                           it == resolver_settings->end() ? default_settings.get() : &it->second;
                       compile::CompileOptions co = rs->compile;
                       // PostgreSQL: a query's root fields may borrow more connections from the schema's pool (never
                       // waiting).
                       if (s.pool && !s.pool_reads_only) co.pool = s.pool.get();
                       return std::make_unique<mutate::MutationResolver>(*s.generated, c, shared_cache.get(),
                                                                         &rs->mutation, std::move(co));
                     });

  if (demo) {
    std::string data_dir = parsed.option("data-dir") ? *parsed.option("data-dir") : ".demo";
    std::filesystem::create_directories(data_dir);
    std::vector<std::string> names = {"ecommerce", "blog", "cms", "saas", "social", "analytics"};
    for (const auto& name : names) {
      std::string models = "examples/" + name + "/models.yaml";
      if (!std::filesystem::exists(models)) continue;
      std::string file = std::filesystem::absolute(data_dir + "/" + name + ".sqlite3").string();
      bool fresh = !std::filesystem::exists(file);
      auto served = MakeSchema(name, {models}, "sqlite:///" + file, fresh, so);
      if (!served.ok()) {
        if (fresh) std::filesystem::remove(file);
        return Fail("serve", name + ": " + served.status().message(), kExitFailure);
      }
      srv.AddSchema(std::move(*served));
    }
  } else if (settings) {
    // --models / --database override the config file's `models` (relative to the file) and `database`.
    if (model_paths.empty())
      for (const auto& m : settings->GetStringList("models"))
        model_paths.push_back(std::filesystem::path(m).is_absolute() ? m : (config_dir / m).string());
    std::string url = parsed.option("database") ? *parsed.option("database") : settings->database_url();
    if (model_paths.empty() || url.empty())
      return Fail("serve", "the config file names no models / database (or pass --models / --database)", 2);
    Status added = AddConfiguredSchemas(srv, *settings, model_paths, url, resolver_settings.get(), so);
    if (!added.ok()) return Fail("serve", added.message(), kExitFailure);
  } else {
    const std::string* url = parsed.option("database");
    if (model_paths.empty() || !url)
      return Fail("serve", "needs --models PATH and --database URL, --config railgun.yaml, or --demo", 2);
    auto served = MakeSchema("default", model_paths, *url, false, so);
    if (!served.ok()) return Fail("serve", served.status().message(), kExitFailure);
    srv.AddSchema(std::move(*served));
  }

  auto port = srv.Listen();
  if (!port.ok()) return Fail("serve", port.status().message(), kExitFailure);
  std::printf("railgun: serving on http://%s:%u%s/\n", options.host.c_str(), static_cast<unsigned>(*port),
              base.c_str());
  bool first = true;
  for (const server::ServedSchema* s : srv.Schemas()) {
    if (!s->enabled) {
      std::printf("  %s/%s/  (disabled)\n", base.c_str(), s->name.c_str());
      continue;
    }
    size_t fields =
        s->generated && s->generated->schema().query_type() ? s->generated->schema().query_type()->fields.size() : 0;
    std::printf("  %s/%s/%s  %zu query fields%s%s%s\n", base.c_str(), s->name.c_str(),
                first ? (" (also " + base + "/)").c_str() : "", fields, s->graphiql ? ", GraphiQL" : "",
                s->introspection ? "" : ", no introspection", s->auth.required ? ", authentication required" : "");
    first = false;
  }
  std::printf("  /health/\n");
  std::fflush(stdout);
  std::thread signals([&srv, set]() {
    int sig = 0;
    sigwait(&set, &sig);
    srv.Stop();
  });
  srv.Run();
  std::fprintf(stderr, "railgun: shut down\n");
  signals.detach();
  return kExitOk;
}

}  // namespace railgun::cli
