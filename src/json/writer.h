// json::Value -> JSON text. Output matches JavaScript's JSON.stringify for the same value (compact form):
// strings escape only '"', '\\' and control characters (\b \f \n \r \t, others as \u00XX); every other code
// point is written as UTF-8 unchanged; numbers use the shortest round-trip form; kRaw is spliced verbatim.
#pragma once

#include <string>
#include <string_view>

#include "json/value.h"

namespace railgun::json {

// Appends the JSON form of `v` to `out`.
void WriteTo(const Value& v, std::string& out);
[[nodiscard]] std::string Write(const Value& v);
// Pretty form with `indent` spaces (JSON.stringify(v, null, indent)).
[[nodiscard]] std::string WritePretty(const Value& v, int indent = 2);
// Appends `s` as a quoted JSON string.
void WriteString(std::string_view s, std::string& out);

}  // namespace railgun::json
