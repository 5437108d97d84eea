// `railgun print-schema --models PATH [--models PATH...]`: loads model files / folders, generates the schema
// (generate/Generate) and prints it as SDL (printSchema output plus a final newline). Model diagnostics go to
// stderr (exit 1); usage errors exit 2.
#include "cli/print_models.h"

#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "generate/generator.h"
#include "models/loader.h"
#include "models/settings.h"
#include "schema/print_schema.h"

namespace railgun::cli {

bool WantsModelsSchema(const std::vector<std::string>& args) {
  for (const std::string& a : args)
    if (a == "--models" || a.starts_with("--models=")) return true;
  return false;
}

int RunPrintModelsSchema(const std::vector<std::string>& args) {
  constexpr std::string_view kCommand = "print-schema";
  std::vector<std::string> paths, apps;
  std::string settings_path;
  bool snake_case = false, enums = false, no_mutations = false;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i];
    std::string value;
    bool has_value = false;
    if (auto eq = a.find('='); a.starts_with("--") && eq != std::string::npos) {
      value = a.substr(eq + 1);
      a.resize(eq);
      has_value = true;
    }
    auto take = [&](std::string* out) {
      if (!has_value) {
        if (i + 1 >= args.size()) return false;
        value = args[++i];
      }
      *out = value;
      return true;
    };
    std::string v;
    if (a == "--models" || a == "--app" || a == "--settings") {
      if (!take(&v)) return Fail(kCommand, "option " + a + " needs a value", kExitUsage);
      if (a == "--models")
        paths.push_back(v);
      else if (a == "--app")
        apps.push_back(v);
      else
        settings_path = v;
    } else if (a == "--snake-case" && !has_value) {
      snake_case = true;
    } else if (a == "--choices-as-enums" && !has_value) {
      enums = true;
    } else if (a == "--no-mutations" && !has_value) {
      no_mutations = true;
    } else {
      return Fail(kCommand, "unexpected argument " + args[i], kExitUsage);
    }
  }
  if (paths.empty()) return Fail(kCommand, "--models PATH is required", kExitUsage);

  models::LoadResult loaded = models::LoadModelPaths(paths);
  for (const models::Diagnostic& w : loaded.warnings) std::fprintf(stderr, "%s\n", w.ToString().c_str());
  if (!loaded.ok()) {
    std::fprintf(stderr, "%s\n", loaded.ErrorText().c_str());
    return kExitFailure;
  }
  generate::GenerateOptions options;
  if (!settings_path.empty()) {
    models::SettingsResult settings = models::LoadSettingsFile(settings_path);
    for (const models::Diagnostic& w : settings.warnings) std::fprintf(stderr, "%s\n", w.ToString().c_str());
    if (!settings.ok()) {
      std::fprintf(stderr, "%s\n", settings.ErrorText().c_str());
      return kExitFailure;
    }
    options = generate::OptionsFromSettings(*settings.settings, *loaded.project);
  }
  if (snake_case) options.auto_camelcase = false;
  if (enums) options.choices_as_enums = true;
  if (no_mutations) options.mutations = false;
  if (!apps.empty()) options.apps = apps;
  StatusOr<std::unique_ptr<generate::GeneratedSchema>> generated = generate::Generate(*loaded.project, options);
  if (!generated.ok()) return Fail(kCommand, generated.status().message(), kExitFailure);
  std::string text = schema::PrintSchema(generated.value()->schema());
  text += '\n';
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace railgun::cli
