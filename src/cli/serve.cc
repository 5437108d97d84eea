// `railgun serve`: the HTTP server over model files and a database, or `--demo` over every example (SQLite files
// with sample data created once under the data directory).
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "compile/resolver.h"
#include "mutate/mutation_resolver.h"
#include "db/migrate.h"
#include "db/open.h"
#include "db/sample_data.h"
#include "generate/generator.h"
#include "models/loader.h"
#include "server/server.h"

namespace railgun::cli {
namespace {

// Example queries preloaded in the page, by example name (fields from the example models).
std::string ExampleQuery(const std::string& name) {
  if (name == "blog") return "{\n  posts(first: 5) {\n    edges { node { id title } }\n    totalCount\n  }\n}\n";
  if (name == "ecommerce")
    return "{\n  products(first: 5) {\n    edges { node { id name price } }\n    totalCount\n  }\n}\n";
  return "{\n  __schema { queryType { fields { name } } }\n}\n";
}

StatusOr<std::unique_ptr<server::ServedSchema>> MakeSchema(const std::string& name,
                                                           const std::vector<std::string>& model_paths,
                                                           const std::string& url, bool load_sample_data) {
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
  served->example_query = ExampleQuery(name);
  return served;
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
    if (args[i] == "--models" && i + 1 < args.size()) model_paths.push_back(args[++i]);
    else if (args[i] == "--demo") demo = true;
    else rest.push_back(args[i]);
  }
  bool quiet = false;
  {
    std::vector<std::string> kept;
    for (auto& a : rest) {
      if (a == "--quiet") quiet = true;
      else kept.push_back(std::move(a));
    }
    rest = std::move(kept);
  }
  ParsedArgs parsed = ParseArgs(rest, {"config", "database", "port", "host", "data-dir", "cors-origin", "workers",
                                       "io-threads", "assets-dir"});
  if (!parsed.error.empty()) return Fail("serve", parsed.error, kExitUsage);
  server::ServerOptions options;
  options.access_log = !quiet;
  try {
    if (const auto* p = parsed.option("port")) options.port = static_cast<uint16_t>(std::stoi(*p));
    if (const auto* w = parsed.option("workers")) options.worker_threads = std::stoi(*w);
    if (const auto* t = parsed.option("io-threads")) options.io_threads = std::stoi(*t);
  } catch (const std::exception&) {
    return Fail("serve", "--port, --workers and --io-threads take numbers", kExitUsage);
  }
  if (const auto* h = parsed.option("host")) options.host = *h;
  if (const auto* c = parsed.option("cors-origin")) options.cors_origin = *c;
  if (const auto* a = parsed.option("assets-dir")) options.assets_dir = *a;

  auto shared_cache = std::make_shared<compile::PlanCache>();
  server::Server srv(options, [shared_cache](server::ServedSchema& s) -> std::unique_ptr<execute::RootResolver> {
    return std::make_unique<mutate::MutationResolver>(*s.generated, *s.connection, shared_cache.get());
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
      auto served = MakeSchema(name, {models}, "sqlite:///" + file, fresh);
      if (!served.ok()) {
        if (fresh) std::filesystem::remove(file);
        return Fail("serve", name + ": " + served.status().message(), kExitFailure);
      }
      srv.AddSchema(std::move(*served));
    }
  } else {
    const std::string* url = parsed.option("database");
    if (model_paths.empty() || !url) return Fail("serve", "needs --models PATH and --database URL (or --demo)", 2);
    auto served = MakeSchema("default", model_paths, *url, false);
    if (!served.ok()) return Fail("serve", served.status().message(), kExitFailure);
    srv.AddSchema(std::move(*served));
  }

  auto port = srv.Listen();
  if (!port.ok()) return Fail("serve", port.status().message(), kExitFailure);
  std::printf("railgun: serving on http://%s:%u/graphql/\n", options.host.c_str(), static_cast<unsigned>(*port));
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
