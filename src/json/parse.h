// JSON text -> json::Value (RFC 8259). Integers that fit int64 become kInt, other numbers kDouble.
#pragma once

#include <string_view>

#include "json/value.h"
#include "railgun/status.h"

namespace railgun::json {

struct ParseOptions {
  uint32_t max_depth = 512;  // deeper nesting is an error, never a stack overflow
};

// Parses one JSON document (surrounding whitespace allowed). Errors: kInvalidArgument with a message that
// names the byte offset, e.g. "invalid JSON at offset 7: expected ':'".
[[nodiscard]] StatusOr<Value> Parse(std::string_view text, const ParseOptions& options = {});

}  // namespace railgun::json
