// JWT (HS256 / HS384 / HS512) verification and signing over OpenSSL libcrypto.
#include "security/jwt.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>

#include "json/parse.h"
#include "json/writer.h"

namespace railgun::security {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int DecodeChar(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

const EVP_MD* Digest(std::string_view algorithm) {
  if (algorithm == "HS256") return EVP_sha256();
  if (algorithm == "HS384") return EVP_sha384();
  if (algorithm == "HS512") return EVP_sha512();
  return nullptr;
}

int64_t SystemNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

JwtResult Fail(JwtFailure f, std::string message, json::Value claims = {}) {
  JwtResult r;
  r.failure = f;
  r.message = std::move(message);
  r.claims = std::move(claims);
  return r;
}

// A NumericDate claim (RFC 7519 §2: seconds, possibly fractional); nullopt when absent; error when not a number.
bool NumericClaim(const json::Value& claims, std::string_view name, std::optional<double>& out) {
  const json::Value* v = claims.find(name);
  if (!v || v->is_null()) return true;
  if (!v->is_number()) return false;
  out = v->as_double();
  return std::isfinite(*out);
}

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) | (static_cast<uint8_t>(bytes[i + 1]) << 8) |
                 static_cast<uint8_t>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i + 1 == bytes.size()) {
    uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
  } else if (i + 2 == bytes.size()) {
    uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) | (static_cast<uint8_t>(bytes[i + 1]) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
  }
  return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    int v = DecodeChar(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  // Leftover bits must be zero (a canonical encoding).
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::optional<std::string> Hmac(std::string_view algorithm, std::string_view key, std::string_view data) {
  const EVP_MD* md = Digest(algorithm);
  if (!md) return std::nullopt;
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
            data.size(), out, &len))
    return std::nullopt;
  return std::string(reinterpret_cast<const char*>(out), len);
}

JwtResult VerifyJwt(std::string_view token, const JwtOptions& options) {
  if (options.key.empty()) return Fail(JwtFailure::kNoKey, "Token verification is not configured.");
  size_t dot1 = token.find('.');
  size_t dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos)
    return Fail(JwtFailure::kMalformed, "Invalid token: not a JWT.");
  std::string_view header_b64 = token.substr(0, dot1);
  std::string_view payload_b64 = token.substr(dot1 + 1, dot2 - dot1 - 1);
  std::string_view signature_b64 = token.substr(dot2 + 1);
  auto header_text = Base64UrlDecode(header_b64);
  auto payload_text = Base64UrlDecode(payload_b64);
  auto signature = Base64UrlDecode(signature_b64);
  if (!header_text || !payload_text || !signature) return Fail(JwtFailure::kMalformed, "Invalid token: bad encoding.");
  auto header = json::Parse(*header_text);
  if (!header.ok() || !header->is_object()) return Fail(JwtFailure::kMalformed, "Invalid token: bad header.");
  const json::Value* alg = header->find("alg");
  if (!alg || !alg->is_string()) return Fail(JwtFailure::kMalformed, "Invalid token: no algorithm.");
  // The algorithm is the configured one, never the token's choice ("none", or HS256 where HS512 is expected).
  if (alg->as_string() != options.algorithm || !Digest(options.algorithm)) {
    // The name is the client's text: echoed only when it looks like an algorithm name.
    const std::string& name = alg->as_string();
    bool plain = !name.empty() && name.size() <= 16 && std::all_of(name.begin(), name.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c));
    });
    return Fail(JwtFailure::kAlgorithm, plain ? "Invalid token: algorithm " + name + " is not accepted."
                                              : "Invalid token: algorithm not accepted.");
  }
  if (const json::Value* crit = header->find("crit"); crit)
    return Fail(JwtFailure::kMalformed, "Invalid token: unsupported critical header.");
  std::string_view signing_input = token.substr(0, dot2);
  auto expected = Hmac(options.algorithm, options.key, signing_input);
  if (!expected || !ConstantTimeEquals(*expected, *signature))
    return Fail(JwtFailure::kSignature, "Invalid token: signature mismatch.");
  auto claims = json::Parse(*payload_text);
  if (!claims.ok() || !claims->is_object()) return Fail(JwtFailure::kMalformed, "Invalid token: bad payload.");
  std::optional<double> exp, nbf;
  if (!NumericClaim(*claims, "exp", exp) || !NumericClaim(*claims, "nbf", nbf))
    return Fail(JwtFailure::kMalformed, "Invalid token: exp / nbf must be numbers.");
  double now = static_cast<double>(options.now ? options.now() : SystemNow());
  double leeway = static_cast<double>(std::max<int64_t>(options.leeway_seconds, 0));
  if (exp && now >= *exp + leeway) return Fail(JwtFailure::kExpired, "Token has expired.", std::move(*claims));
  if (nbf && now + leeway < *nbf) return Fail(JwtFailure::kNotYetValid, "Token is not valid yet.", std::move(*claims));
  JwtResult r;
  r.claims = std::move(*claims);
  return r;
}

StatusOr<std::string> SignJwt(const json::Value& claims, std::string_view algorithm, std::string_view key) {
  if (!claims.is_object()) return Status(StatusCode::kInvalidArgument, "JWT claims must be an object");
  if (!Digest(algorithm)) return Status(StatusCode::kInvalidArgument, "unsupported JWT algorithm");
  json::Value header = json::Value::MakeObject();
  header.push("alg", json::Value::String(std::string(algorithm)));
  header.push("typ", json::Value::String("JWT"));
  std::string input = Base64UrlEncode(json::Write(header)) + "." + Base64UrlEncode(json::Write(claims));
  auto mac = Hmac(algorithm, key, input);
  if (!mac) return Status(StatusCode::kInternal, "HMAC failed");
  return input + "." + Base64UrlEncode(*mac);
}

}  // namespace railgun::security
