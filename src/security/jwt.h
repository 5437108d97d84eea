// JSON Web Tokens (RFC 7519) signed with HMAC (RFC 7515 JWS compact form): HS256 / HS384 / HS512 over OpenSSL's
// libcrypto. Verification checks the header's `alg` against the configured one ("none" and any other value are
// rejected), compares the signature in constant time, then `exp` / `nbf` with a small leeway.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "json/value.h"
#include "railgun/status.h"

namespace railgun::security {

// Base64url without padding (RFC 4648 §5); decoding also accepts padding, rejects any other character.
std::string Base64UrlEncode(std::string_view bytes);
std::optional<std::string> Base64UrlDecode(std::string_view text);

// Constant-time equality of two byte strings (the length is not secret).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

struct JwtOptions {
  std::string algorithm = "HS256";  // HS256, HS384 or HS512 (anything else verifies nothing)
  std::string key;                  // the HMAC key (security_settings.jwt.secret_key, else secret_key)
  int64_t leeway_seconds = 30;      // clock skew allowed for exp / nbf
  std::function<int64_t()> now;     // seconds since the epoch; empty = the system clock
};

// Why a token was refused.
enum class JwtFailure { kMalformed, kAlgorithm, kSignature, kExpired, kNotYetValid, kNoKey };

struct JwtResult {
  std::optional<JwtFailure> failure;  // empty = valid
  std::string message;                // for the client when invalid: "Token has expired.", ...
  json::Value claims;                 // the payload object (also filled when the only failure is exp / nbf)
  [[nodiscard]] bool ok() const { return !failure; }
};

// Verifies a compact JWS `header.payload.signature` and returns its claims.
JwtResult VerifyJwt(std::string_view token, const JwtOptions& options);

// Signs `claims` (an object) with `algorithm` and `key`: `{"alg":..,"typ":"JWT"}.claims.signature`.
// Tests use it; so will the login mutations.
StatusOr<std::string> SignJwt(const json::Value& claims, std::string_view algorithm, std::string_view key);

// HMAC of `data` under `key` with the hash of `algorithm` (HS256 -> SHA-256, ...); nullopt for other names.
std::optional<std::string> Hmac(std::string_view algorithm, std::string_view key, std::string_view data);

}  // namespace railgun::security
