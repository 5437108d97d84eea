// CORS (Fetch standard): which response headers a request from a given Origin gets.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace railgun::models {
class Settings;
}

namespace railgun::security {

struct CorsPolicy {
  bool enabled = false;
  std::vector<std::string> allowed_origins;  // exact origins ("https://app.example"), or "*"
  bool allow_credentials = false;
  std::string allowed_methods = "GET, POST, OPTIONS";
  std::string allowed_headers =
      "Content-Type, Authorization, X-Request-Id, GraphQL-Require-Preflight, Apollo-Require-Preflight";
  std::string expose_headers = "X-Request-Id";
  int max_age_seconds = 600;
};

// security_settings.cors.{enabled, allowed_origins (list or comma-separated string), allow_credentials}.
CorsPolicy CorsPolicyFromSettings(const models::Settings& settings);

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Headers for a response to a request carrying `origin` ("" = no Origin header). `preflight`: an OPTIONS request
// with Access-Control-Request-Method. Rules:
// - disabled, no Origin, or an origin not in the list: no CORS headers (a `Vary: Origin` still, when the answer
//   depends on the origin, so caches keep them apart);
// - the list holds "*" and credentials are off: `Access-Control-Allow-Origin: *`;
// - otherwise the request's origin is echoed, with `Vary: Origin` (with "*" and credentials on, any origin is
//   echoed, as django-cors-headers does), plus `Access-Control-Allow-Credentials: true` when enabled;
// - preflight answers add Allow-Methods, Allow-Headers and Max-Age; others add Expose-Headers.
HeaderList CorsHeaders(const CorsPolicy& policy, std::string_view origin, bool preflight);

}  // namespace railgun::security
