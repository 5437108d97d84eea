// CORS response headers from the configured policy.
#include "security/cors.h"

#include <algorithm>

#include "models/settings.h"

namespace railgun::security {

CorsPolicy CorsPolicyFromSettings(const models::Settings& settings) {
  CorsPolicy p;
  p.enabled = settings.GetBool("security_settings.cors.enabled");
  p.allow_credentials = settings.GetBool("security_settings.cors.allow_credentials");
  std::vector<std::string> raw = settings.GetStringList("security_settings.cors.allowed_origins");
  if (raw.empty()) {
    std::string text = settings.GetString("security_settings.cors.allowed_origins");
    if (!text.empty()) raw.push_back(text);
  }
  for (const auto& item : raw) {  // entries may themselves be comma-separated (environment variables)
    size_t pos = 0;
    while (pos <= item.size()) {
      size_t comma = item.find(',', pos);
      std::string one = item.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      one.erase(0, one.find_first_not_of(" \t"));
      one.erase(one.find_last_not_of(" \t/") + 1);  // "https://a.example/" == "https://a.example"
      if (!one.empty()) p.allowed_origins.push_back(one);
      if (comma == std::string::npos) break;
      pos = comma + 1;
    }
  }
  return p;
}

HeaderList CorsHeaders(const CorsPolicy& policy, std::string_view origin, bool preflight) {
  HeaderList out;
  if (!policy.enabled || policy.allowed_origins.empty()) return out;
  const auto& list = policy.allowed_origins;
  bool any = std::find(list.begin(), list.end(), "*") != list.end();
  bool star = any && !policy.allow_credentials;
  if (!star) out.emplace_back("Vary", "Origin");
  if (origin.empty()) return out;
  bool allowed = any || std::find(list.begin(), list.end(), origin) != list.end();
  if (!allowed) return out;
  out.emplace_back("Access-Control-Allow-Origin", star ? std::string("*") : std::string(origin));
  if (policy.allow_credentials) out.emplace_back("Access-Control-Allow-Credentials", "true");
  if (preflight) {
    out.emplace_back("Access-Control-Allow-Methods", policy.allowed_methods);
    out.emplace_back("Access-Control-Allow-Headers", policy.allowed_headers);
    out.emplace_back("Access-Control-Max-Age", std::to_string(policy.max_age_seconds));
  } else if (!policy.expose_headers.empty()) {
    out.emplace_back("Access-Control-Expose-Headers", policy.expose_headers);
  }
  return out;
}

}  // namespace railgun::security
