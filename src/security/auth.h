// Request authentication: where the token comes from (Authorization header or cookie), whether a schema requires
// one, and the verified identity handed to the request context.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "json/value.h"
#include "security/jwt.h"

namespace railgun::models {
class Settings;
}

namespace railgun::security {

struct AuthPolicy {
  bool enabled = true;    // security_settings.enable_authentication: read tokens at all
  bool required = false;  // schema_settings.authentication_required or security_settings.authentication_required
  std::string header_prefix = "Bearer";  // Authorization: <prefix> <token>
  std::string cookie = "jwt";            // cookie carrying the token ("" = none)
  JwtOptions jwt;                        // algorithm + key; an empty key means tokens cannot be verified
};

// The policy a schema's settings describe (jwt.secret_key, falling back to secret_key).
AuthPolicy AuthPolicyFromSettings(const models::Settings& settings);

// Who made the request, once verified. Resolvers read it through the server's RequestContext.
struct AuthContext {
  bool authenticated = false;
  json::Value claims;   // the token's payload (object) when authenticated
  std::string subject;  // the `sub` claim (or `user_id`) as text, when present
};

// The token from `Authorization: <prefix> <token>` (scheme compared case-insensitively), else from the cookie.
std::optional<std::string> ExtractToken(const AuthPolicy& policy, std::string_view authorization,
                                        std::string_view cookie_header);

// The value of cookie `name` in a Cookie header, if present.
std::optional<std::string> CookieValue(std::string_view cookie_header, std::string_view name);

struct AuthOutcome {
  bool allowed = true;         // false: answer 401 with `message`
  std::string message;         // "Authentication required." or why the token was refused
  bool invalid_token = false;  // refused because a token was present but did not verify
  AuthContext context;
};

// The decision for one request:
// - tokens are read only when `enabled` and a key is configured (otherwise every request is anonymous);
// - a present token must verify, on every schema: an invalid / expired token is refused even where anonymous
//   access is allowed (as Hasura and PostGraphile do), so a client never silently runs as anonymous;
// - no token: allowed unless `required`.
AuthOutcome Authenticate(const AuthPolicy& policy, std::string_view authorization, std::string_view cookie_header);

}  // namespace railgun::security
