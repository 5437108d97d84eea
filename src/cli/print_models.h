// `railgun print-schema --models PATH...`: the GraphQL schema generated from model files (generate/), as SDL.
#pragma once

#include <string>
#include <vector>

namespace railgun::cli {

// True when print-schema's arguments ask for a generated schema (a `--models` option is present).
[[nodiscard]] bool WantsModelsSchema(const std::vector<std::string>& args);
// print-schema --models PATH [--models PATH...] [--settings railgun.yaml] [--snake-case] [--choices-as-enums]
//              [--no-mutations] [--app LABEL...]
int RunPrintModelsSchema(const std::vector<std::string>& args);

}  // namespace railgun::cli
