// Validators and HTML sanitization of mutation inputs (see field_rules.h).
#include "mutate/field_rules.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <string>

#include "json/writer.h"

namespace railgun::mutate {
namespace {

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Number(double v) {
  if (v == static_cast<double>(static_cast<int64_t>(v))) return std::to_string(static_cast<int64_t>(v));
  return json::Write(json::Value::Double(v));
}

// Compiled validator patterns, shared by all requests (the models never change after loading).
const std::regex& Pattern(const std::string& text) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<std::regex>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = cache[text];
  if (!slot) slot = std::make_unique<std::regex>(text, std::regex::ECMAScript);
  return *slot;
}

bool Fail(FieldError* error, const models::FieldValidator& v, std::string message, std::string code) {
  if (error) {
    error->message = v.message.empty() ? std::move(message) : v.message;
    error->code = std::move(code);
  }
  return false;
}

bool Validate(const models::FieldValidator& v, const json::Value& value, FieldError* error) {
  if (value.is_null()) return true;
  std::string text;
  std::optional<double> number;
  if (value.is_string()) {
    text = value.as_string();
    char* end = nullptr;
    double d = std::strtod(text.c_str(), &end);
    if (!text.empty() && end && *end == '\0') number = d;
  } else if (value.is_number()) {
    number = value.as_double();
    text = json::Write(value);
  } else {
    return true;
  }
  if (!v.regex.empty() && !std::regex_search(text, Pattern(v.regex)))
    return Fail(error, v, "Enter a valid value.", "invalid");
  const size_t len = CodePoints(text);
  if (v.min_length && value.is_string() && len < static_cast<size_t>(*v.min_length))
    return Fail(error, v,
                "Ensure this value has at least " + std::to_string(*v.min_length) + " characters (it has " +
                    std::to_string(len) + ").",
                "min_length");
  if (v.max_length && value.is_string() && len > static_cast<size_t>(*v.max_length))
    return Fail(error, v,
                "Ensure this value has at most " + std::to_string(*v.max_length) + " characters (it has " +
                    std::to_string(len) + ").",
                "max_length");
  if (number && v.min_value && *number < *v.min_value)
    return Fail(error, v, "Ensure this value is greater than or equal to " + Number(*v.min_value) + ".", "min_value");
  if (number && v.max_value && *number > *v.max_value)
    return Fail(error, v, "Ensure this value is less than or equal to " + Number(*v.max_value) + ".", "max_value");
  return true;
}

// --- HTML cleaning -----------------------------------------------------------------------------------------------

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void EscapeText(std::string_view s, std::string& out) {
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '&') {
      // Keep well-formed entities (&amp; &#39; &#x27; &eacute;), escape bare ampersands.
      size_t j = i + 1;
      if (j < s.size() && s[j] == '#') ++j;
      size_t start = j;
      while (j < s.size() && j - start < 32 && std::isalnum(static_cast<unsigned char>(s[j]))) ++j;
      if (j > start && j < s.size() && s[j] == ';') out += '&';
      else out += "&amp;";
    } else {
      out += c;
    }
  }
}

std::string EscapeAttribute(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"') out += "&quot;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else out += c;
  }
  return out;
}

bool SafeUrl(std::string_view url) {
  std::string u;
  for (char c : url)
    if (!std::isspace(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) >= 0x20) u += c;
  u = Lower(u);
  size_t colon = u.find(':');
  if (colon == std::string::npos) return true;  // relative
  size_t slash = u.find_first_of("/?#");
  if (slash != std::string::npos && slash < colon) return true;  // a colon after the path starts
  std::string scheme = u.substr(0, colon);
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

struct Tag {
  bool closing = false;
  bool self_closing = false;
  std::string name;
  std::vector<std::pair<std::string, std::optional<std::string>>> attributes;
};

// Parses the tag starting at s[i] == '<'; returns its end (one past '>') or npos when it is not a tag.
size_t ParseTag(std::string_view s, size_t i, Tag* tag) {
  size_t j = i + 1;
  if (j < s.size() && s[j] == '/') {
    tag->closing = true;
    ++j;
  }
  size_t name_start = j;
  while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '-' || s[j] == ':')) ++j;
  if (j == name_start || !std::isalpha(static_cast<unsigned char>(s[name_start]))) return std::string_view::npos;
  tag->name = Lower(std::string(s.substr(name_start, j - name_start)));
  while (j < s.size()) {
    while (j < s.size() && std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    if (j >= s.size()) return std::string_view::npos;
    if (s[j] == '>') return j + 1;
    if (s[j] == '/' && j + 1 < s.size() && s[j + 1] == '>') {
      tag->self_closing = true;
      return j + 2;
    }
    size_t an = j;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j])) && s[j] != '=' && s[j] != '>' &&
           !(s[j] == '/' && j + 1 < s.size() && s[j + 1] == '>'))
      ++j;
    if (j == an) {
      ++j;
      continue;
    }
    std::string name = Lower(std::string(s.substr(an, j - an)));
    while (j < s.size() && std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    std::optional<std::string> value;
    if (j < s.size() && s[j] == '=') {
      ++j;
      while (j < s.size() && std::isspace(static_cast<unsigned char>(s[j]))) ++j;
      if (j < s.size() && (s[j] == '"' || s[j] == '\'')) {
        char q = s[j++];
        size_t vs = j;
        while (j < s.size() && s[j] != q) ++j;
        if (j >= s.size()) return std::string_view::npos;
        value = std::string(s.substr(vs, j - vs));
        ++j;
      } else {
        size_t vs = j;
        while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j])) && s[j] != '>') ++j;
        value = std::string(s.substr(vs, j - vs));
      }
    }
    tag->attributes.emplace_back(std::move(name), std::move(value));
  }
  return std::string_view::npos;
}

bool Allowed(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

bool AttributeAllowed(const models::HtmlSanitizer& h, const std::string& tag, const std::string& attr) {
  for (const auto& [t, attrs] : h.attributes)
    if ((t == tag || t == "*") && Allowed(attrs, attr)) return true;
  return false;
}

std::string Clean(const models::HtmlSanitizer& h, std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t lt = s.find('<', i);
    if (lt == std::string_view::npos) {
      EscapeText(s.substr(i), out);
      break;
    }
    EscapeText(s.substr(i, lt - i), out);
    if (s.substr(lt, 4) == "<!--") {  // comments are dropped
      size_t end = s.find("-->", lt + 4);
      i = end == std::string_view::npos ? s.size() : end + 3;
      continue;
    }
    Tag tag;
    size_t end = ParseTag(s, lt, &tag);
    if (end == std::string_view::npos) {
      out += "&lt;";
      i = lt + 1;
      continue;
    }
    if (!Allowed(h.tags, tag.name)) {
      if (!h.strip) EscapeText(s.substr(lt, end - lt), out);
      i = end;
      continue;
    }
    out += tag.closing ? "</" : "<";
    out += tag.name;
    if (!tag.closing) {
      for (const auto& [name, value] : tag.attributes) {
        if (!AttributeAllowed(h, tag.name, name)) continue;
        if ((name == "href" || name == "src") && value && !SafeUrl(*value)) continue;
        out += " " + name;
        if (value) out += "=\"" + EscapeAttribute(*value) + "\"";
      }
    }
    out += tag.self_closing && !tag.closing ? " />" : ">";
    i = end;
  }
  return out;
}

}  // namespace

bool ApplyFieldRules(const models::Model& model, const models::Field& field, json::Value* value, FieldError* error) {
  const models::GraphQLMeta& g = model.graphql;
  if (g.validators.empty() && g.sanitize_html.empty()) return true;
  for (const models::HtmlSanitizer& h : g.sanitize_html)
    if (h.field == field.name && value->is_string()) *value = json::Value::String(Clean(h, value->as_string()));
  for (const models::FieldValidator& v : g.validators)
    if (v.field == field.name && !Validate(v, *value, error)) return false;
  return true;
}

}  // namespace railgun::mutate
