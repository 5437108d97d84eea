// json::Value — an ordered JSON document tree used for root values, variables, results and settings.
// Objects keep insertion order (GraphQL responses are ordered). `Raw` holds already-serialized JSON text
// (e.g. a root field's result built by the database) that the writer splices verbatim.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace railgun::json {

enum class Kind : uint8_t { kNull, kBool, kInt, kDouble, kString, kArray, kObject, kRaw };

class Value;
using Member = std::pair<std::string, Value>;
using Array = std::vector<Value>;
using Object = std::vector<Member>;

class Value {
 public:
  Value() = default;  // null
  static Value Null() { return Value(); }
  static Value Bool(bool b) { Value v; v.kind_ = Kind::kBool; v.b_ = b; return v; }
  static Value Int(int64_t i) { Value v; v.kind_ = Kind::kInt; v.i_ = i; return v; }
  static Value Double(double d) { Value v; v.kind_ = Kind::kDouble; v.d_ = d; return v; }
  static Value String(std::string s) { Value v; v.kind_ = Kind::kString; v.s_ = std::move(s); return v; }
  static Value MakeArray(Array a = {}) { Value v; v.kind_ = Kind::kArray; v.a_ = std::move(a); return v; }
  static Value MakeObject(Object o = {}) { Value v; v.kind_ = Kind::kObject; v.o_ = std::move(o); return v; }
  // Pre-serialized JSON, spliced verbatim by the writer. The caller guarantees it is valid JSON.
  static Value Raw(std::string json_text) { Value v; v.kind_ = Kind::kRaw; v.s_ = std::move(json_text); return v; }

  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] bool is_null() const { return kind_ == Kind::kNull; }
  [[nodiscard]] bool is_bool() const { return kind_ == Kind::kBool; }
  [[nodiscard]] bool is_int() const { return kind_ == Kind::kInt; }
  [[nodiscard]] bool is_double() const { return kind_ == Kind::kDouble; }
  [[nodiscard]] bool is_number() const { return kind_ == Kind::kInt || kind_ == Kind::kDouble; }
  [[nodiscard]] bool is_string() const { return kind_ == Kind::kString; }
  [[nodiscard]] bool is_array() const { return kind_ == Kind::kArray; }
  [[nodiscard]] bool is_object() const { return kind_ == Kind::kObject; }
  [[nodiscard]] bool is_raw() const { return kind_ == Kind::kRaw; }

  [[nodiscard]] bool as_bool() const { return b_; }
  [[nodiscard]] int64_t as_int() const { return i_; }
  // Numeric value as double (valid for kInt and kDouble).
  [[nodiscard]] double as_double() const { return kind_ == Kind::kInt ? static_cast<double>(i_) : d_; }
  [[nodiscard]] const std::string& as_string() const { return s_; }  // also the text of kRaw
  [[nodiscard]] std::string& as_string() { return s_; }
  [[nodiscard]] const Array& as_array() const { return a_; }
  [[nodiscard]] Array& as_array() { return a_; }
  [[nodiscard]] const Object& as_object() const { return o_; }
  [[nodiscard]] Object& as_object() { return o_; }

  // Object lookup (linear; objects are small). nullptr when absent or not an object.
  [[nodiscard]] const Value* find(std::string_view key) const {
    if (kind_ != Kind::kObject) return nullptr;
    for (const auto& m : o_)
      if (m.first == key) return &m.second;
    return nullptr;
  }
  [[nodiscard]] Value* find(std::string_view key) {
    return const_cast<Value*>(static_cast<const Value*>(this)->find(key));
  }
  // Appends (does not replace) a member; turns null into an empty object first.
  Value& push(std::string key, Value v) {
    if (kind_ == Kind::kNull) kind_ = Kind::kObject;
    o_.emplace_back(std::move(key), std::move(v));
    return o_.back().second;
  }
  // Sets a member, replacing an existing one with the same key.
  Value& set(std::string_view key, Value v) {
    if (Value* e = find(key)) { *e = std::move(v); return *e; }
    return push(std::string(key), std::move(v));
  }
  Value& append(Value v) {
    if (kind_ == Kind::kNull) kind_ = Kind::kArray;
    a_.push_back(std::move(v));
    return a_.back();
  }

  // Deep structural equality (object member order matters; Int 1 == Double 1.0).
  friend bool operator==(const Value& a, const Value& b);

 private:
  Kind kind_ = Kind::kNull;
  bool b_ = false;
  int64_t i_ = 0;
  double d_ = 0;
  std::string s_;
  Array a_;
  Object o_;
};

inline bool operator==(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_int() && b.is_int()) return a.as_int() == b.as_int();
    return a.as_double() == b.as_double();
  }
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Kind::kNull: return true;
    case Kind::kBool: return a.as_bool() == b.as_bool();
    case Kind::kString:
    case Kind::kRaw: return a.as_string() == b.as_string();
    case Kind::kArray: return a.as_array() == b.as_array();
    case Kind::kObject: return a.as_object() == b.as_object();
    default: return false;
  }
}

}  // namespace railgun::json
