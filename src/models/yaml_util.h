// yaml-cpp helpers shared by the model and settings loaders (YAML nodes -> JSON values, source positions).
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "json/value.h"
#include "models/model.h"

namespace railgun::models::yaml_util {

// 1-based position of `node` in `file` (0:0 when unknown).
SourceLocation At(const std::string& file, const YAML::Node& node);
// A mapping key's text; yaml-cpp turns the plain key `null` (as in `null: true`) into a Null node.
std::string KeyText(const YAML::Node& key);
// A scalar as JSON: quoted scalars are strings; plain ones follow the YAML 1.2 core schema.
json::Value ScalarToJson(const YAML::Node& node);
// Whole subtree as JSON (mappings keep their order).
json::Value NodeToJson(const YAML::Node& node);

}  // namespace railgun::models::yaml_util
