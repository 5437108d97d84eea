// JWT: RFC 7515 Appendix A.1 (HS256), tokens signed here, every refusal reason, base64url.
#include "security/jwt.h"

#include <gtest/gtest.h>

#include "json/parse.h"

namespace railgun::security {
namespace {

// RFC 7515 Appendix A.1: the JWS Compact Serialization and its symmetric key (JWK "k", base64url).
constexpr const char* kRfcToken =
    "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
    ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
    ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr const char* kRfcKey =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
constexpr int64_t kRfcExp = 1300819380;

JwtOptions RfcOptions(int64_t now) {
  JwtOptions o;
  o.algorithm = "HS256";
  o.key = *Base64UrlDecode(kRfcKey);
  o.now = [now] { return now; };
  return o;
}

json::Value Claims(const std::string& text) {
  auto v = json::Parse(text);
  EXPECT_TRUE(v.ok());
  return *v;
}

TEST(Jwt, Rfc7515A1SignatureVerifiesAndExpiryIsReported) {
  // Before its exp the example verifies and its claims come back.
  JwtResult before = VerifyJwt(kRfcToken, RfcOptions(kRfcExp - 60));
  ASSERT_TRUE(before.ok()) << before.message;
  EXPECT_EQ(before.claims.find("iss")->as_string(), "joe");
  EXPECT_TRUE(before.claims.find("http://example.com/is_root")->as_bool());
  // Today its exp (2011) is long past: the signature is fine, the token has expired.
  JwtResult now = VerifyJwt(kRfcToken, RfcOptions(1'700'000'000));
  ASSERT_FALSE(now.ok());
  EXPECT_EQ(*now.failure, JwtFailure::kExpired);
  EXPECT_EQ(now.message, "Token has expired.");
  // Same with the real clock.
  JwtOptions real = RfcOptions(0);
  real.now = nullptr;
  EXPECT_EQ(VerifyJwt(kRfcToken, real).failure, JwtFailure::kExpired);
  // The RFC's HMAC computed by us matches its signature bytes.
  std::string input(kRfcToken, std::string_view(kRfcToken).rfind('.'));
  EXPECT_EQ(Base64UrlEncode(*Hmac("HS256", *Base64UrlDecode(kRfcKey), input)),
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
}

TEST(Jwt, LeewayAroundExpAndNbf) {
  JwtOptions o = RfcOptions(kRfcExp + 10);
  o.leeway_seconds = 30;
  EXPECT_TRUE(VerifyJwt(kRfcToken, o).ok());  // 10 s late, within the leeway
  o.leeway_seconds = 0;
  EXPECT_EQ(VerifyJwt(kRfcToken, o).failure, JwtFailure::kExpired);
  std::string key = "k";
  auto token = SignJwt(Claims(R"({"sub":"1","nbf":2000})"), "HS256", key);
  ASSERT_TRUE(token.ok());
  JwtOptions n;
  n.key = key;
  n.leeway_seconds = 5;
  n.now = [] { return int64_t{1990}; };
  JwtResult early = VerifyJwt(*token, n);
  EXPECT_EQ(early.failure, JwtFailure::kNotYetValid);
  EXPECT_EQ(early.message, "Token is not valid yet.");
  n.now = [] { return int64_t{1996}; };
  EXPECT_TRUE(VerifyJwt(*token, n).ok());
}

TEST(Jwt, SignedTokensRoundTripForEachAlgorithm) {
  for (const char* alg : {"HS256", "HS384", "HS512"}) {
    auto token = SignJwt(Claims(R"({"sub":"42","exp":4102444800,"role":"staff"})"), alg, "secret");
    ASSERT_TRUE(token.ok()) << alg;
    JwtOptions o;
    o.algorithm = alg;
    o.key = "secret";
    JwtResult r = VerifyJwt(*token, o);
    ASSERT_TRUE(r.ok()) << alg << ": " << r.message;
    EXPECT_EQ(r.claims.find("sub")->as_string(), "42");
    EXPECT_EQ(r.claims.find("role")->as_string(), "staff");
    o.key = "other";
    EXPECT_EQ(VerifyJwt(*token, o).failure, JwtFailure::kSignature) << alg;
  }
  // HS512's signature is 64 bytes.
  auto t = SignJwt(Claims("{}"), "HS512", "k");
  EXPECT_EQ(Base64UrlDecode(t->substr(t->rfind('.') + 1))->size(), 64u);
}

TEST(Jwt, AlgorithmMustBeTheConfiguredOne) {
  JwtOptions o;
  o.algorithm = "HS512";
  o.key = "secret";
  auto hs256 = SignJwt(Claims(R"({"sub":"1"})"), "HS256", "secret");
  JwtResult r = VerifyJwt(*hs256, o);
  EXPECT_EQ(r.failure, JwtFailure::kAlgorithm);
  EXPECT_EQ(r.message, "Invalid token: algorithm HS256 is not accepted.");
  // alg "none" with an empty signature.
  std::string none = Base64UrlEncode(R"({"alg":"none","typ":"JWT"})") + "." + Base64UrlEncode(R"({"sub":"1"})") + ".";
  o.algorithm = "HS256";
  EXPECT_EQ(VerifyJwt(none, o).failure, JwtFailure::kAlgorithm);
  // A hostile alg name is not echoed.
  std::string evil = Base64UrlEncode("{\"alg\":\"HS256\\r\\nX: y\"}") + "." + Base64UrlEncode("{}") + ".";
  EXPECT_EQ(VerifyJwt(evil, o).message, "Invalid token: algorithm not accepted.");
  // A configured algorithm we cannot verify (RS256) accepts nothing.
  o.algorithm = "RS256";
  EXPECT_EQ(VerifyJwt(*hs256, o).failure, JwtFailure::kAlgorithm);
}

TEST(Jwt, MalformedTokensAndMissingKey) {
  JwtOptions o;
  o.key = "secret";
  for (const char* bad : {"", "abc", "a.b", "a.b.c.d", "!!.e30.sig", "e30.e30.***"})
    EXPECT_EQ(VerifyJwt(bad, o).failure, JwtFailure::kMalformed) << bad;
  auto good = SignJwt(Claims(R"({"sub":"1"})"), "HS256", "secret");
  // A flipped payload byte breaks the signature.
  std::string tampered = *good;
  size_t dot = tampered.find('.');
  tampered[dot + 2] = tampered[dot + 2] == 'A' ? 'B' : 'A';
  EXPECT_NE(VerifyJwt(tampered, o).failure, std::nullopt);
  // exp that is not a number.
  auto bad_exp = SignJwt(Claims(R"({"exp":"tomorrow"})"), "HS256", "secret");
  EXPECT_EQ(VerifyJwt(*bad_exp, o).failure, JwtFailure::kMalformed);
  o.key.clear();
  EXPECT_EQ(VerifyJwt(*good, o).failure, JwtFailure::kNoKey);
}

TEST(Jwt, Base64Url) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
  EXPECT_EQ(*Base64UrlDecode("-_8"), "\xfb\xff");
  EXPECT_EQ(*Base64UrlDecode("Zm8="), "fo");
  EXPECT_FALSE(Base64UrlDecode("Zm8+"));  // '+' is base64, not base64url
  EXPECT_FALSE(Base64UrlDecode("Z"));     // impossible length
  EXPECT_FALSE(Base64UrlDecode("Zh"));    // non-zero leftover bits
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
}

}  // namespace
}  // namespace railgun::security
