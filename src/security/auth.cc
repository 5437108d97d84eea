// Token extraction and the per-request authentication decision.
#include "security/auth.h"

#include <cctype>

#include "models/settings.h"

namespace railgun::security {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

}  // namespace

AuthPolicy AuthPolicyFromSettings(const models::Settings& settings) {
  AuthPolicy p;
  p.enabled = settings.GetBool("security_settings.enable_authentication");
  p.required = settings.GetBool("schema_settings.authentication_required") ||
               settings.GetBool("security_settings.authentication_required");
  p.header_prefix = settings.GetString("security_settings.jwt.auth_header_prefix");
  p.cookie = settings.GetString("security_settings.jwt.auth_cookie");
  p.jwt.algorithm = settings.GetString("security_settings.jwt.algorithm");
  p.jwt.key = settings.GetString("security_settings.jwt.secret_key");
  if (p.jwt.key.empty()) p.jwt.key = settings.GetString("security_settings.secret_key");
  return p;
}

std::optional<std::string> CookieValue(std::string_view header, std::string_view name) {
  if (name.empty()) return std::nullopt;
  size_t pos = 0;
  while (pos < header.size()) {
    size_t semi = header.find(';', pos);
    std::string_view item = Trim(header.substr(pos, semi == std::string_view::npos ? semi : semi - pos));
    size_t eq = item.find('=');
    if (eq != std::string_view::npos && Trim(item.substr(0, eq)) == name) {
      std::string_view value = Trim(item.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      return std::string(value);
    }
    if (semi == std::string_view::npos) break;
    pos = semi + 1;
  }
  return std::nullopt;
}

std::optional<std::string> ExtractToken(const AuthPolicy& policy, std::string_view authorization,
                                        std::string_view cookie_header) {
  authorization = Trim(authorization);
  if (!authorization.empty()) {
    size_t space = authorization.find(' ');
    if (space != std::string_view::npos && IEquals(authorization.substr(0, space), policy.header_prefix)) {
      std::string_view token = Trim(authorization.substr(space + 1));
      if (!token.empty()) return std::string(token);
    }
  }
  if (auto c = CookieValue(cookie_header, policy.cookie); c && !c->empty()) return c;
  return std::nullopt;
}

AuthOutcome Authenticate(const AuthPolicy& policy, std::string_view authorization, std::string_view cookie_header) {
  AuthOutcome out;
  std::optional<std::string> token;
  if (policy.enabled && !policy.jwt.key.empty()) token = ExtractToken(policy, authorization, cookie_header);
  if (!token) {
    if (policy.required) {
      out.allowed = false;
      out.message = "Authentication required.";
    }
    return out;
  }
  JwtResult verified = VerifyJwt(*token, policy.jwt);
  if (!verified.ok()) {
    out.allowed = false;
    out.invalid_token = true;
    out.message = verified.message;
    return out;
  }
  out.context.authenticated = true;
  out.context.claims = std::move(verified.claims);
  for (const char* key : {"sub", "user_id"}) {
    const json::Value* v = out.context.claims.find(key);
    if (!v) continue;
    if (v->is_string())
      out.context.subject = v->as_string();
    else if (v->is_int())
      out.context.subject = std::to_string(v->as_int());
    if (!out.context.subject.empty()) break;
  }
  return out;
}

}  // namespace railgun::security
