// yaml-cpp helpers shared by the model and settings loaders.
#include "models/yaml_util.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace railgun::models::yaml_util {

SourceLocation At(const std::string& file, const YAML::Node& node) {
  if (!node.IsDefined()) return {file, 0, 0};
  YAML::Mark m = node.Mark();
  if (m.is_null()) return {file, 0, 0};
  return {file, m.line + 1, m.column + 1};
}

json::Value ScalarToJson(const YAML::Node& node) {
  const std::string& text = node.Scalar();
  if (node.Tag() == "!") return json::Value::String(text);
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") return json::Value::Null();
  if (text == "true" || text == "True" || text == "TRUE") return json::Value::Bool(true);
  if (text == "false" || text == "False" || text == "FALSE") return json::Value::Bool(false);
  {
    size_t i = (text[0] == '-' || text[0] == '+') ? 1 : 0;
    if (i < text.size() && std::all_of(text.begin() + static_cast<long>(i), text.end(),
                                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      try {
        return json::Value::Int(std::stoll(text));
      } catch (...) {
      }
    }
  }
  {
    char* end = nullptr;
    double d = std::strtod(text.c_str(), &end);
    bool numeric_start =
        std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '-' || text[0] == '+' || text[0] == '.';
    if (numeric_start && end && *end == '\0') return json::Value::Double(d);
  }
  return json::Value::String(text);
}

std::string KeyText(const YAML::Node& key) { return key.IsNull() ? std::string("null") : key.Scalar(); }

json::Value NodeToJson(const YAML::Node& node) {
  if (node.IsScalar()) return ScalarToJson(node);
  if (node.IsSequence()) {
    json::Value arr = json::Value::MakeArray();
    for (const auto& item : node) arr.append(NodeToJson(item));
    return arr;
  }
  if (node.IsMap()) {
    json::Value obj = json::Value::MakeObject();
    for (const auto& kv : node) obj.set(kv.first.Scalar(), NodeToJson(kv.second));
    return obj;
  }
  return json::Value::Null();
}

}  // namespace railgun::models::yaml_util
