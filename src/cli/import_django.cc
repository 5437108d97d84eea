// `railgun import-django <settings module> [--apps a,b] [--out DIR] [--path PROJECT_DIR] [--python PY]`: runs the
// bundled exporter (tools/django_export.py) with the project's Python inside the Django project, which writes one
// model file per app.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace railgun::cli {
namespace {

namespace fs = std::filesystem;

// The exporter: $RAILGUN_DJANGO_EXPORTER, else tools/django_export.py next to the binary or one/two levels up
// (build trees inside the repository), else share/railgun/ beside an installed bin/.
std::string FindExporter() {
  if (const char* env = std::getenv("RAILGUN_DJANGO_EXPORTER"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  const fs::path dir = exe.parent_path();
  for (const fs::path& candidate : {dir / "tools/django_export.py", dir / "../tools/django_export.py",
                                    dir / "../../tools/django_export.py", dir / "../share/railgun/django_export.py"}) {
    if (fs::exists(candidate, ec)) return fs::weakly_canonical(candidate, ec).string();
  }
  return "";
}

}  // namespace

int RunImportDjango(const std::vector<std::string>& args) {
  constexpr std::string_view kCommand = "import-django";
  ParsedArgs parsed = ParseArgs(args, {"apps", "out", "path", "python"});
  if (!parsed.error.empty()) return Fail(kCommand, parsed.error, kExitUsage);
  if (parsed.positionals.size() != 1)
    return Fail(kCommand,
                "usage: railgun import-django <settings module> [--apps a,b] [--out DIR] [--path PROJECT_DIR] "
                "[--python PY]",
                kExitUsage);
  const std::string exporter = FindExporter();
  if (exporter.empty())
    return Fail(kCommand, "cannot find tools/django_export.py (set RAILGUN_DJANGO_EXPORTER)", kExitFailure);
  std::string python = "python3";
  if (const char* env = std::getenv("RAILGUN_PYTHON"); env && *env) python = env;
  if (const std::string* p = parsed.option("python")) python = *p;
  std::vector<std::string> argv = {python, exporter, parsed.positionals[0]};
  for (const char* name : {"apps", "out", "path"}) {
    if (const std::string* value = parsed.option(name)) {
      argv.push_back(std::string("--") + name);
      argv.push_back(*value);
    }
  }
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = fork();
  if (pid < 0) return Fail(kCommand, "fork failed", kExitFailure);
  if (pid == 0) {
    std::vector<char*> cargv;
    for (auto& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    execvp(cargv[0], cargv.data());
    std::fprintf(stderr, "railgun import-django: cannot run %s\n", python.c_str());
    _exit(127);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return Fail(kCommand, "waitpid failed", kExitFailure);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return Fail(kCommand, "the Django exporter failed (is Django importable by " + python + "?)", kExitFailure);
  return kExitOk;
}

}  // namespace railgun::cli
