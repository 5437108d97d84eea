// Custom scalars of generated schemas: descriptions and coercion (see custom_scalars.h).
#include "generate/custom_scalars.h"

#include <charconv>
#include <cstdint>
#include <functional>
#include <optional>
#include <regex>
#include <string>

#include "schema/scalars.h"

namespace railgun::generate {
namespace {

using json::Value;
using ParseFn = std::function<std::optional<Value>(const Value&, std::string*)>;

void SetError(std::string* error, std::string message) {
  if (error) *error = std::move(message);
}

// A string-valued scalar whose inputs must match `pattern`; `what` names the expected form in messages.
ParseFn StringParser(std::string name, std::string what, const std::regex* pattern) {
  return [name, what, pattern](const Value& v, std::string* error) -> std::optional<Value> {
    if (!v.is_string()) {
      SetError(error, name + " cannot represent a non string value: " + schema::Inspect(v));
      return std::nullopt;
    }
    if (pattern && !std::regex_match(v.as_string(), *pattern)) {
      SetError(error, name + " cannot represent an invalid " + what + " string: " + schema::Inspect(v));
      return std::nullopt;
    }
    return v;
  };
}

std::optional<Value> SerializeAsString(const std::string& name, const Value& v, std::string* error) {
  if (v.is_string()) return v;
  if (v.is_int()) return Value::String(std::to_string(v.as_int()));
  if (v.is_double()) return Value::String(schema::JsNumberToString(v.as_double()));
  SetError(error, name + " cannot represent value: " + schema::Inspect(v));
  return std::nullopt;
}

// Upload input: a string (a `data:<mime>[;name=<file>];base64,<content>` URL, or the relative path of a file
// already stored) or an object `{filename: String, base64: String, contentType: String}` (base64 may also be a
// data URL; the GraphQL multipart request parser substitutes files in this form). The content itself is
// checked when the mutation stores it (mutate/uploads.h).
std::optional<Value> ParseUpload(const Value& v, std::string* error) {
  if (v.is_string()) return v;
  if (v.is_object()) {
    bool has_content = false;
    for (const auto& [key, member] : v.as_object()) {
      if (key != "filename" && key != "base64" && key != "contentType") {
        SetError(error, "Upload cannot represent an object with the field \"" + key +
                            "\" (expected filename, base64, contentType).");
        return std::nullopt;
      }
      if (!member.is_string()) {
        SetError(error, "Upload cannot represent a non string \"" + key + "\": " + schema::Inspect(member));
        return std::nullopt;
      }
      has_content |= key == "base64";
    }
    if (!has_content) {
      SetError(error, "Upload cannot represent an object without \"base64\" content.");
      return std::nullopt;
    }
    return v;
  }
  SetError(error, "Upload cannot represent value: " + schema::Inspect(v));
  return std::nullopt;
}

const std::regex& DecimalPattern() {
  static const std::regex re(R"(^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$)");
  return re;
}

std::optional<Value> ParseDecimal(const Value& v, std::string* error) {
  if (v.is_int()) return Value::String(std::to_string(v.as_int()));
  if (v.is_double()) return Value::String(schema::JsNumberToString(v.as_double()));
  if (v.is_string() && std::regex_match(v.as_string(), DecimalPattern())) return v;
  SetError(error, "Decimal cannot represent value: " + schema::Inspect(v));
  return std::nullopt;
}

std::optional<Value> ParseBigInt(const Value& v, std::string* error) {
  if (v.is_int()) return v;
  if (v.is_double()) {
    double d = v.as_double();
    if (d == static_cast<double>(static_cast<int64_t>(d)) && d >= -9.2e18 && d <= 9.2e18)
      return Value::Int(static_cast<int64_t>(d));
  }
  if (v.is_string()) {
    const std::string& s = v.as_string();
    int64_t out = 0;
    const char* begin = s.data() + (!s.empty() && s[0] == '+' ? 1 : 0);
    auto [ptr, ec] = std::from_chars(begin, s.data() + s.size(), out);
    if (ec == std::errc() && ptr == s.data() + s.size() && begin != ptr) return Value::Int(out);
  }
  SetError(error, "BigInt cannot represent value: " + schema::Inspect(v));
  return std::nullopt;
}

// parseLiteral from parseValue: variables are looked up, string / number literals converted to JSON first.
std::function<std::optional<Value>(const language::Value&, const Value*, std::string*)> LiteralParser(
    std::string name, ParseFn parse_value, bool numbers_allowed) {
  return [name, parse_value, numbers_allowed](const language::Value& literal, const Value* variables,
                                              std::string* error) -> std::optional<Value> {
    switch (literal.kind) {
      case language::ValueKind::kVariable: {
        const Value* v = variables ? variables->find(literal.text) : nullptr;
        if (!v) return std::nullopt;
        return parse_value(*v, error);
      }
      case language::ValueKind::kString: return parse_value(Value::String(literal.text), error);
      case language::ValueKind::kInt:
      case language::ValueKind::kFloat:
        if (numbers_allowed) {
          std::optional<Value> number = schema::ValueFromAstUntyped(literal, variables);
          if (number) return parse_value(*number, error);
        }
        [[fallthrough]];
      default: SetError(error, name + " cannot represent a non string value."); return std::nullopt;
    }
  };
}

}  // namespace

const std::vector<std::string_view>& CustomScalarNames() {
  static const std::vector<std::string_view> names = {"DateTime", "Date",     "Time",   "Decimal", "JSON",
                                                      "UUID",     "Duration", "BigInt", "Upload"};
  return names;
}

void DefineCustomScalar(schema::NamedType* type) {
  static const std::regex kDateTime(
      R"(^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|z|[+-]\d{2}(:?\d{2})?)?)?$)");
  static const std::regex kDate(R"(^\d{4}-\d{2}-\d{2}$)");
  static const std::regex kTime(R"(^\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$)");
  static const std::regex kUuid(R"(^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$)");
  static const std::regex kDuration(R"(^-?P(?=\d|T\d)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$)");
  const std::string name = type->name;
  auto serialize_string = [name](const Value& v, std::string* error) { return SerializeAsString(name, v, error); };
  auto string_scalar = [&](std::string description, std::string what, const std::regex* pattern) {
    type->description = std::move(description);
    ParseFn parse = StringParser(name, std::move(what), pattern);
    type->scalar.serialize = serialize_string;
    type->scalar.parse_value = parse;
    type->scalar.parse_literal = LiteralParser(name, parse, false);
  };
  if (name == "DateTime") {
    string_scalar("An ISO 8601 date and time with a UTC offset, e.g. `2024-05-01T12:30:00+00:00`.", "date-time",
                  &kDateTime);
  } else if (name == "Date") {
    string_scalar("An ISO 8601 calendar date, e.g. `2024-05-01`.", "date", &kDate);
  } else if (name == "Time") {
    string_scalar("An ISO 8601 time of day, e.g. `12:30:00`.", "time", &kTime);
  } else if (name == "UUID") {
    string_scalar("A UUID in its canonical hyphenated form.", "UUID", &kUuid);
  } else if (name == "Duration") {
    string_scalar("An ISO 8601 duration, e.g. `P1DT2H30M`.", "duration", &kDuration);
  } else if (name == "Upload") {
    // (The description is in the schema snapshots; the accepted forms are listed at ParseUpload.)
    type->description = "A file: on input a multipart upload reference or base64 content; on output its URL.";
    type->scalar.serialize = serialize_string;
    type->scalar.parse_value = ParseUpload;
    type->scalar.parse_literal = [](const language::Value& literal, const Value* variables,
                                    std::string* error) -> std::optional<Value> {
      if (literal.kind == language::ValueKind::kVariable) {
        const Value* v = variables ? variables->find(literal.text) : nullptr;
        if (!v) return std::nullopt;
        return ParseUpload(*v, error);
      }
      if (literal.kind != language::ValueKind::kString && literal.kind != language::ValueKind::kObject) {
        SetError(error, "Upload cannot represent a non string, non object value.");
        return std::nullopt;
      }
      std::optional<Value> v = schema::ValueFromAstUntyped(literal, variables);
      if (!v) return std::nullopt;
      return ParseUpload(*v, error);
    };
  } else if (name == "Decimal") {
    type->description =
        "An exact decimal number. Serialized as a string (`\"19.99\"`) to keep its precision; accepted as a string "
        "or a number.";
    type->scalar.serialize = serialize_string;
    type->scalar.parse_value = ParseDecimal;
    type->scalar.parse_literal = LiteralParser(name, ParseDecimal, true);
  } else if (name == "BigInt") {
    type->description = "A 64-bit integer; accepted as a number or a string of digits.";
    type->scalar.serialize = ParseBigInt;
    type->scalar.parse_value = ParseBigInt;
    type->scalar.parse_literal = LiteralParser(name, ParseBigInt, true);
  } else if (name == "JSON") {
    type->description = "Any JSON value (object, array, string, number, boolean or null).";
    // Defaults: identity serialize / parseValue, valueFromASTUntyped for literals.
  }
}

}  // namespace railgun::generate
