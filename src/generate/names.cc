// Naming rules of the generated schema (see names.h).
#include "generate/names.h"

#include <cctype>

namespace railgun::generate {
namespace {

bool IsUpper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool IsLower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
char Upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }
char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Python's str.capitalize for ASCII.
std::string Capitalize(std::string_view part) {
  std::string out;
  out.reserve(part.size());
  for (size_t i = 0; i < part.size(); ++i) out += i == 0 ? Upper(part[i]) : Lower(part[i]);
  return out;
}

}  // namespace

std::string ToCamelCase(std::string_view snake) {
  std::string out;
  out.reserve(snake.size());
  size_t start = 0;
  bool first = true;
  while (true) {
    size_t end = snake.find('_', start);
    std::string_view part = snake.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (first) {
      out += part;
      first = false;
    } else if (part.empty()) {
      out += '_';
    } else {
      out += Capitalize(part);
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

std::string ToSnakeCase(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 4);
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (IsUpper(c) && i > 0) {
      char prev = name[i - 1];
      bool next_lower = i + 1 < name.size() && IsLower(name[i + 1]);
      if (IsLower(prev) || IsDigit(prev) || (IsUpper(prev) && next_lower)) {
        if (!out.empty() && out.back() != '_') out += '_';
      }
    }
    out += Lower(c);
  }
  return out;
}

std::string ToPascalCase(std::string_view snake) {
  std::string out;
  bool up = true;
  for (char c : snake) {
    if (c == '_') {
      up = true;
      continue;
    }
    out += up ? Upper(c) : c;
    up = false;
  }
  return out;
}

std::string Pluralize(std::string_view name) {
  std::string s(name);
  if (s.empty()) return s;
  auto ends_with = [&](std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  char last = Lower(s.back());
  if (last == 'y' && s.size() >= 2) {
    char before = Lower(s[s.size() - 2]);
    bool vowel = before == 'a' || before == 'e' || before == 'i' || before == 'o' || before == 'u';
    if (!vowel) {
      s.pop_back();
      return s + (IsUpper(name.back()) ? "IES" : "ies");
    }
  }
  if (last == 's' || last == 'x' || last == 'z' || ends_with("ch") || ends_with("sh")) return s + "es";
  return s + "s";
}

bool IsGraphQLName(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

}  // namespace railgun::generate
