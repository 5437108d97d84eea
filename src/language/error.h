// GraphQLError: the error value every pipeline stage produces (spec §7.1.2 "Errors").
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "json/value.h"

namespace railgun::language {

struct SourceLocation {
  uint32_t line = 0;
  uint32_t column = 0;
  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

// A response path segment: a field's response key or a list index.
using PathSegment = std::variant<std::string, int64_t>;

struct GraphQLError {
  std::string message;
  std::vector<SourceLocation> locations;
  std::vector<PathSegment> path;  // empty = no "path" entry
  std::string code;               // extensions.code; empty = no extensions.code
  json::Value extensions;         // extra extensions members (object or null)

  // {"message":..., "locations":[...], "path":[...], "extensions":{"code":...}} with empty parts omitted.
  [[nodiscard]] json::Value ToJson() const {
    json::Value v = json::Value::MakeObject();
    v.push("message", json::Value::String(message));
    if (!locations.empty()) {
      json::Value locs = json::Value::MakeArray();
      for (const auto& l : locations) {
        json::Value o = json::Value::MakeObject();
        o.push("line", json::Value::Int(l.line));
        o.push("column", json::Value::Int(l.column));
        locs.append(std::move(o));
      }
      v.push("locations", std::move(locs));
    }
    if (!path.empty()) {
      json::Value p = json::Value::MakeArray();
      for (const auto& s : path) {
        if (const auto* str = std::get_if<std::string>(&s))
          p.append(json::Value::String(*str));
        else
          p.append(json::Value::Int(std::get<int64_t>(s)));
      }
      v.push("path", std::move(p));
    }
    if (!code.empty() || extensions.is_object()) {
      json::Value ext = json::Value::MakeObject();
      if (!code.empty()) ext.push("code", json::Value::String(code));
      if (extensions.is_object())
        for (const auto& m : extensions.as_object()) ext.push(m.first, m.second);
      v.push("extensions", std::move(ext));
    }
    return v;
  }
};

}  // namespace railgun::language
