// Built-in scalar types and graphql-js 16 scalar coercion (serialize / parseValue / parseLiteral).
#include "schema/scalars.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "language/printer.h"

namespace railgun::schema {
namespace {

constexpr int64_t kMaxInt = 2147483647;
constexpr int64_t kMinInt = -2147483648LL;

bool Fail(std::string* error, std::string message) {
  if (error) *error = std::move(message);
  return false;
}

void AppendJsonString(std::string_view s, std::string& out) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void InspectInto(const json::Value& v, int depth, std::string& out) {
  switch (v.kind()) {
    case json::Kind::kNull: out += "null"; return;
    case json::Kind::kBool: out += v.as_bool() ? "true" : "false"; return;
    case json::Kind::kInt: out += std::to_string(v.as_int()); return;
    case json::Kind::kDouble: out += JsNumberToString(v.as_double()); return;
    case json::Kind::kString: AppendJsonString(v.as_string(), out); return;
    case json::Kind::kRaw: out += v.as_string(); return;
    case json::Kind::kArray: {
      const auto& a = v.as_array();
      if (a.empty()) {
        out += "[]";
        return;
      }
      if (depth + 1 > 2) {
        out += "[Array]";
        return;
      }
      size_t len = std::min<size_t>(10, a.size());
      out += '[';
      for (size_t i = 0; i < len; ++i) {
        if (i) out += ", ";
        InspectInto(a[i], depth + 1, out);
      }
      size_t remaining = a.size() - len;
      if (remaining == 1) out += ", ... 1 more item";
      if (remaining > 1) out += ", ... " + std::to_string(remaining) + " more items";
      out += ']';
      return;
    }
    case json::Kind::kObject: {
      const auto& o = v.as_object();
      if (o.empty()) {
        out += "{}";
        return;
      }
      if (depth + 1 > 2) {
        out += "[Object]";
        return;
      }
      out += "{ ";
      for (size_t i = 0; i < o.size(); ++i) {
        if (i) out += ", ";
        out += o[i].first;
        out += ": ";
        InspectInto(o[i].second, depth + 1, out);
      }
      out += " }";
      return;
    }
  }
}

bool IsJsWhitespace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// JavaScript Number(string) for the ASCII subset: decimal / 0x / 0o / 0b literals, Infinity; NaN otherwise.
double JsStringToNumber(std::string_view s) {
  while (!s.empty() && IsJsWhitespace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsJsWhitespace(s.back())) s.remove_suffix(1);
  if (s.empty()) return 0;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (s.size() > 2 && s[0] == '0' &&
      (s[1] == 'x' || s[1] == 'X' || s[1] == 'o' || s[1] == 'O' || s[1] == 'b' || s[1] == 'B')) {
    int base = (s[1] == 'x' || s[1] == 'X') ? 16 : (s[1] == 'o' || s[1] == 'O') ? 8 : 2;
    double result = 0;
    for (char c : s.substr(2)) {
      int d = (c >= '0' && c <= '9')   ? c - '0'
              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                       : 99;
      if (d >= base) return nan;
      result = result * base + d;
    }
    return result;
  }
  std::string_view body = s;
  bool negative = false;
  if (body[0] == '+' || body[0] == '-') {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == "Infinity") return negative ? -INFINITY : INFINITY;
  size_t i = 0, digits = 0;
  while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++digits;
  if (i < body.size() && body[i] == '.') {
    ++i;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return nan;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    if (i < body.size() && (body[i] == '+' || body[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++exp_digits;
    if (exp_digits == 0) return nan;
  }
  if (i != body.size()) return nan;
  std::string text(s);
  return std::strtod(text.c_str(), nullptr);
}

bool IsIntegral(double d) { return std::isfinite(d) && std::floor(d) == d; }

// The numeric value of an Int / Double, as a JS number would see it.
double NumberOf(const json::Value& v) { return v.as_double(); }

std::string LiteralText(const language::Value& v) { return language::PrintValue(v); }

}  // namespace

std::string JsNumberToString(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d < 0 ? "-Infinity" : "Infinity";
  if (d == 0) return "0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  bool negative = false;
  if (sci[0] == '-') {
    negative = true;
    sci.erase(0, 1);
  }
  size_t e = sci.find('e');
  std::string mantissa = sci.substr(0, e);
  int exponent = std::atoi(sci.c_str() + e + 1);
  std::string digits;
  for (char c : mantissa)
    if (c != '.') digits += c;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  int k = static_cast<int>(digits.size());
  int n = exponent + 1;
  std::string out = negative ? "-" : "";
  if (k <= n && n <= 21) {
    out += digits + std::string(n - k, '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, n) + "." + digits.substr(n);
  } else if (-6 < n && n <= 0) {
    out += "0." + std::string(-n, '0') + digits;
  } else {
    out += digits.substr(0, 1);
    if (k > 1) out += "." + digits.substr(1);
    out += "e";
    out += (n - 1 >= 0) ? "+" : "-";
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

std::string Inspect(const json::Value& value) {
  std::string out;
  InspectInto(value, 0, out);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Serialize (result coercion)
std::optional<json::Value> SerializeInt(const json::Value& v, std::string* error) {
  if (v.is_bool()) return json::Value::Int(v.as_bool() ? 1 : 0);
  double num;
  if (v.is_int()) {
    int64_t i = v.as_int();
    if (i > kMaxInt || i < kMinInt) {
      Fail(error, "Int cannot represent non 32-bit signed integer value: " + Inspect(v));
      return std::nullopt;
    }
    return json::Value::Int(i);
  } else if (v.is_double()) {
    num = v.as_double();
  } else if (v.is_string() && !v.as_string().empty()) {
    num = JsStringToNumber(v.as_string());
  } else {
    Fail(error, "Int cannot represent non-integer value: " + Inspect(v));
    return std::nullopt;
  }
  if (!IsIntegral(num)) {
    Fail(error, "Int cannot represent non-integer value: " + Inspect(v));
    return std::nullopt;
  }
  if (num > kMaxInt || num < kMinInt) {
    Fail(error, "Int cannot represent non 32-bit signed integer value: " + Inspect(v));
    return std::nullopt;
  }
  return json::Value::Int(static_cast<int64_t>(num));
}

std::optional<json::Value> SerializeFloat(const json::Value& v, std::string* error) {
  if (v.is_bool()) return json::Value::Int(v.as_bool() ? 1 : 0);
  if (v.is_int()) return v;
  double num;
  if (v.is_double()) {
    num = v.as_double();
  } else if (v.is_string() && !v.as_string().empty()) {
    num = JsStringToNumber(v.as_string());
  } else {
    Fail(error, "Float cannot represent non numeric value: " + Inspect(v));
    return std::nullopt;
  }
  if (!std::isfinite(num)) {
    Fail(error, "Float cannot represent non numeric value: " + Inspect(v));
    return std::nullopt;
  }
  return json::Value::Double(num);
}

std::optional<json::Value> SerializeString(const json::Value& v, std::string* error) {
  if (v.is_string()) return v;
  if (v.is_bool()) return json::Value::String(v.as_bool() ? "true" : "false");
  if (v.is_int()) return json::Value::String(std::to_string(v.as_int()));
  if (v.is_double() && std::isfinite(v.as_double())) return json::Value::String(JsNumberToString(v.as_double()));
  Fail(error, "String cannot represent value: " + Inspect(v));
  return std::nullopt;
}

std::optional<json::Value> SerializeBoolean(const json::Value& v, std::string* error) {
  if (v.is_bool()) return v;
  if (v.is_number() && std::isfinite(NumberOf(v))) return json::Value::Bool(NumberOf(v) != 0);
  Fail(error, "Boolean cannot represent a non boolean value: " + Inspect(v));
  return std::nullopt;
}

std::optional<json::Value> SerializeId(const json::Value& v, std::string* error) {
  if (v.is_string()) return v;
  if (v.is_int()) return json::Value::String(std::to_string(v.as_int()));
  if (v.is_double() && IsIntegral(v.as_double())) return json::Value::String(JsNumberToString(v.as_double()));
  Fail(error, "ID cannot represent value: " + Inspect(v));
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------------------------
// parseValue (variable values)
std::optional<json::Value> ParseIntValue(const json::Value& v, std::string* error) {
  if (!v.is_number() || !IsIntegral(NumberOf(v))) {
    Fail(error, "Int cannot represent non-integer value: " + Inspect(v));
    return std::nullopt;
  }
  if (v.is_int() ? (v.as_int() > kMaxInt || v.as_int() < kMinInt)
                 : (v.as_double() > kMaxInt || v.as_double() < kMinInt)) {
    Fail(error, "Int cannot represent non 32-bit signed integer value: " + Inspect(v));
    return std::nullopt;
  }
  return json::Value::Int(v.is_int() ? v.as_int() : static_cast<int64_t>(v.as_double()));
}

std::optional<json::Value> ParseFloatValue(const json::Value& v, std::string* error) {
  if (!v.is_number() || !std::isfinite(NumberOf(v))) {
    Fail(error, "Float cannot represent non numeric value: " + Inspect(v));
    return std::nullopt;
  }
  return v;
}

std::optional<json::Value> ParseStringValue(const json::Value& v, std::string* error) {
  if (!v.is_string()) {
    Fail(error, "String cannot represent a non string value: " + Inspect(v));
    return std::nullopt;
  }
  return v;
}

std::optional<json::Value> ParseBooleanValue(const json::Value& v, std::string* error) {
  if (!v.is_bool()) {
    Fail(error, "Boolean cannot represent a non boolean value: " + Inspect(v));
    return std::nullopt;
  }
  return v;
}

std::optional<json::Value> ParseIdValue(const json::Value& v, std::string* error) {
  if (v.is_string()) return v;
  if (v.is_int()) return json::Value::String(std::to_string(v.as_int()));
  if (v.is_double() && IsIntegral(v.as_double())) return json::Value::String(JsNumberToString(v.as_double()));
  Fail(error, "ID cannot represent value: " + Inspect(v));
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------------------------
// parseLiteral (AST literals)
std::optional<json::Value> ParseIntLiteral(const language::Value& v, std::string* error) {
  if (v.kind != language::ValueKind::kInt) {
    Fail(error, "Int cannot represent non-integer value: " + LiteralText(v));
    return std::nullopt;
  }
  int64_t num = 0;
  auto res = std::from_chars(v.text.data(), v.text.data() + v.text.size(), num);
  if (res.ec != std::errc() || num > kMaxInt || num < kMinInt) {
    Fail(error, "Int cannot represent non 32-bit signed integer value: " + v.text);
    return std::nullopt;
  }
  return json::Value::Int(num);
}

std::optional<json::Value> ParseFloatLiteral(const language::Value& v, std::string* error) {
  if (v.kind != language::ValueKind::kFloat && v.kind != language::ValueKind::kInt) {
    Fail(error, "Float cannot represent non numeric value: " + LiteralText(v));
    return std::nullopt;
  }
  return json::Value::Double(std::strtod(v.text.c_str(), nullptr));
}

std::optional<json::Value> ParseStringLiteral(const language::Value& v, std::string* error) {
  if (v.kind != language::ValueKind::kString) {
    Fail(error, "String cannot represent a non string value: " + LiteralText(v));
    return std::nullopt;
  }
  return json::Value::String(v.text);
}

std::optional<json::Value> ParseBooleanLiteral(const language::Value& v, std::string* error) {
  if (v.kind != language::ValueKind::kBoolean) {
    Fail(error, "Boolean cannot represent a non boolean value: " + LiteralText(v));
    return std::nullopt;
  }
  return json::Value::Bool(v.boolean);
}

std::optional<json::Value> ParseIdLiteral(const language::Value& v, std::string* error) {
  if (v.kind != language::ValueKind::kString && v.kind != language::ValueKind::kInt) {
    Fail(error, "ID cannot represent a non-string and non-integer value: " + LiteralText(v));
    return std::nullopt;
  }
  return json::Value::String(v.text);
}

std::optional<json::Value> ValueFromAstUntyped(const language::Value& literal, const json::Value* variables) {
  using language::ValueKind;
  switch (literal.kind) {
    case ValueKind::kNull: return json::Value::Null();
    case ValueKind::kInt: {
      int64_t num = 0;
      auto res = std::from_chars(literal.text.data(), literal.text.data() + literal.text.size(), num);
      if (res.ec == std::errc() && res.ptr == literal.text.data() + literal.text.size()) return json::Value::Int(num);
      return json::Value::Double(std::strtod(literal.text.c_str(), nullptr));
    }
    case ValueKind::kFloat: return json::Value::Double(std::strtod(literal.text.c_str(), nullptr));
    case ValueKind::kString:
    case ValueKind::kEnum: return json::Value::String(literal.text);
    case ValueKind::kBoolean: return json::Value::Bool(literal.boolean);
    case ValueKind::kList: {
      json::Value out = json::Value::MakeArray();
      for (const auto& item : literal.list) {
        auto v = ValueFromAstUntyped(item, variables);
        out.append(v ? std::move(*v) : json::Value::Null());  // JSON has no undefined; a hole becomes null
      }
      return out;
    }
    case ValueKind::kObject: {
      json::Value out = json::Value::MakeObject();
      for (const auto& f : literal.fields) {
        auto v = ValueFromAstUntyped(f.value, variables);
        if (v) out.set(f.name.value, std::move(*v));  // undefined members disappear from the object
      }
      return out;
    }
    case ValueKind::kVariable: {
      if (!variables) return std::nullopt;
      const json::Value* v = variables->find(literal.text);
      if (!v) return std::nullopt;
      return *v;
    }
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------------------------
// Built-in scalar singletons
namespace {

std::unique_ptr<NamedType> MakeScalar(std::string name, std::string description,
                                      std::optional<json::Value> (*serialize)(const json::Value&, std::string*),
                                      std::optional<json::Value> (*parse_value)(const json::Value&, std::string*),
                                      std::optional<json::Value> (*parse_literal)(const language::Value&,
                                                                                  std::string*)) {
  auto t = std::make_unique<NamedType>();
  t->kind = TypeKind::kScalar;
  t->name = std::move(name);
  t->description = std::move(description);
  t->scalar.serialize = serialize;
  t->scalar.parse_value = parse_value;
  t->scalar.parse_literal = [parse_literal](const language::Value& v, const json::Value*, std::string* error) {
    return parse_literal(v, error);
  };
  return t;
}

struct Builtins {
  std::unique_ptr<NamedType> string_type, int_type, float_type, boolean_type, id_type;
  std::vector<const NamedType*> all;
  Builtins() {
    string_type = MakeScalar("String",
                             "The `String` scalar type represents textual data, represented as UTF-8 character "
                             "sequences. The String type is most often used by GraphQL to represent free-form "
                             "human-readable text.",
                             SerializeString, ParseStringValue, ParseStringLiteral);
    int_type = MakeScalar("Int",
                          "The `Int` scalar type represents non-fractional signed whole numeric values. Int can "
                          "represent values between -(2^31) and 2^31 - 1.",
                          SerializeInt, ParseIntValue, ParseIntLiteral);
    float_type = MakeScalar("Float",
                            "The `Float` scalar type represents signed double-precision fractional values as "
                            "specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).",
                            SerializeFloat, ParseFloatValue, ParseFloatLiteral);
    boolean_type = MakeScalar("Boolean", "The `Boolean` scalar type represents `true` or `false`.", SerializeBoolean,
                              ParseBooleanValue, ParseBooleanLiteral);
    id_type = MakeScalar("ID",
                         "The `ID` scalar type represents a unique identifier, often used to refetch an object or as "
                         "key for a cache. The ID type appears in a JSON response as a String; however, it is not "
                         "intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) "
                         "or integer (such as `4`) input value will be accepted as an ID.",
                         SerializeId, ParseIdValue, ParseIdLiteral);
    all = {string_type.get(), int_type.get(), float_type.get(), boolean_type.get(), id_type.get()};
  }
};

const Builtins& GetBuiltins() {
  static const Builtins* builtins = new Builtins();
  return *builtins;
}

}  // namespace

const NamedType* StringScalar() { return GetBuiltins().string_type.get(); }
const NamedType* IntScalar() { return GetBuiltins().int_type.get(); }
const NamedType* FloatScalar() { return GetBuiltins().float_type.get(); }
const NamedType* BooleanScalar() { return GetBuiltins().boolean_type.get(); }
const NamedType* IdScalar() { return GetBuiltins().id_type.get(); }
const std::vector<const NamedType*>& SpecifiedScalarTypes() { return GetBuiltins().all; }

const NamedType* SpecifiedScalarType(std::string_view name) {
  for (const NamedType* t : SpecifiedScalarTypes())
    if (t->name == name) return t;
  return nullptr;
}

bool IsSpecifiedScalarType(const NamedType* type) { return type && SpecifiedScalarType(type->name) != nullptr; }

std::optional<json::Value> SerializeScalar(const NamedType& type, const json::Value& value, std::string* error) {
  if (type.scalar.serialize) return type.scalar.serialize(value, error);
  return value;
}

std::optional<json::Value> ParseScalarValue(const NamedType& type, const json::Value& value, std::string* error) {
  if (type.scalar.parse_value) return type.scalar.parse_value(value, error);
  return value;
}

std::optional<json::Value> ParseScalarLiteral(const NamedType& type, const language::Value& literal,
                                              const json::Value* variables, std::string* error) {
  if (type.scalar.parse_literal) return type.scalar.parse_literal(literal, variables, error);
  // graphql-js default: parseValue(valueFromASTUntyped(node, variables)).
  auto untyped = ValueFromAstUntyped(literal, variables);
  if (!untyped) return std::nullopt;
  return ParseScalarValue(type, *untyped, error);
}

}  // namespace railgun::schema
