// Authentication decision, token extraction (header, cookie), settings, and CORS headers.
#include "security/auth.h"

#include <gtest/gtest.h>

#include "json/parse.h"
#include "models/settings.h"
#include "security/cors.h"

namespace railgun::security {
namespace {

AuthPolicy Policy(bool required) {
  AuthPolicy p;
  p.required = required;
  p.jwt.key = "secret";
  return p;
}

std::string Token(const std::string& claims, const std::string& key = "secret") {
  auto parsed = json::Parse(claims);
  EXPECT_TRUE(parsed.ok());
  auto t = SignJwt(*parsed, "HS256", key);
  EXPECT_TRUE(t.ok());
  return *t;
}

TEST(Auth, ExtractsFromHeaderThenCookie) {
  AuthPolicy p = Policy(false);
  EXPECT_EQ(ExtractToken(p, "Bearer abc", ""), "abc");
  EXPECT_EQ(ExtractToken(p, "bearer   abc ", ""), "abc");
  EXPECT_EQ(ExtractToken(p, "Basic dXNlcjpwYXNz", ""), std::nullopt);
  EXPECT_EQ(ExtractToken(p, "", "a=1; jwt=tok; b=2"), "tok");
  EXPECT_EQ(ExtractToken(p, "Bearer h", "jwt=c"), "h");
  EXPECT_EQ(ExtractToken(p, "", "notjwt=x"), std::nullopt);
  p.header_prefix = "JWT";
  p.cookie = "access";
  EXPECT_EQ(ExtractToken(p, "JWT xyz", ""), "xyz");
  EXPECT_EQ(ExtractToken(p, "Bearer xyz", "jwt=1; access=\"q\""), "q");
  EXPECT_EQ(CookieValue("a=1;b=2", "b"), "2");
  EXPECT_EQ(CookieValue("ab=1", "b"), std::nullopt);
}

TEST(Auth, RequiredSchemaRefusesAnonymousAndBadTokens) {
  AuthPolicy p = Policy(true);
  AuthOutcome none = Authenticate(p, "", "");
  EXPECT_FALSE(none.allowed);
  EXPECT_EQ(none.message, "Authentication required.");
  EXPECT_FALSE(none.invalid_token);
  AuthOutcome ok = Authenticate(p, "Bearer " + Token(R"({"sub":"7","exp":4102444800})"), "");
  ASSERT_TRUE(ok.allowed) << ok.message;
  EXPECT_TRUE(ok.context.authenticated);
  EXPECT_EQ(ok.context.subject, "7");
  EXPECT_EQ(ok.context.claims.find("exp")->as_int(), 4102444800);
  AuthOutcome expired = Authenticate(p, "Bearer " + Token(R"({"sub":"7","exp":1000})"), "");
  EXPECT_FALSE(expired.allowed);
  EXPECT_EQ(expired.message, "Token has expired.");
  EXPECT_TRUE(expired.invalid_token);
  AuthOutcome forged = Authenticate(p, "", "jwt=" + Token(R"({"sub":"7"})", "wrong"));
  EXPECT_FALSE(forged.allowed);
  EXPECT_EQ(forged.message, "Invalid token: signature mismatch.");
  // Numeric user ids become the subject too.
  EXPECT_EQ(Authenticate(p, "Bearer " + Token(R"({"user_id":12})"), "").context.subject, "12");
}

TEST(Auth, OpenSchemaAllowsAnonymousButRefusesInvalidTokens) {
  AuthPolicy p = Policy(false);
  AuthOutcome anon = Authenticate(p, "", "");
  EXPECT_TRUE(anon.allowed);
  EXPECT_FALSE(anon.context.authenticated);
  EXPECT_TRUE(Authenticate(p, "Bearer " + Token(R"({"sub":"1"})"), "").context.authenticated);
  AuthOutcome bad = Authenticate(p, "Bearer garbage", "");
  EXPECT_FALSE(bad.allowed);
  EXPECT_EQ(bad.message, "Invalid token: not a JWT.");
  // Without a key, tokens are not read: everyone is anonymous, and a required schema lets nobody in.
  p.jwt.key.clear();
  EXPECT_TRUE(Authenticate(p, "Bearer garbage", "").allowed);
  p.required = true;
  EXPECT_FALSE(Authenticate(p, "Bearer " + Token(R"({"sub":"1"})"), "").allowed);
  // enable_authentication false: tokens ignored.
  AuthPolicy off = Policy(false);
  off.enabled = false;
  AuthOutcome ignored = Authenticate(off, "Bearer garbage", "");
  EXPECT_TRUE(ignored.allowed);
  EXPECT_FALSE(ignored.context.authenticated);
}

TEST(Auth, PolicyFromSettings) {
  AuthPolicy defaults = AuthPolicyFromSettings(models::Settings());
  EXPECT_FALSE(defaults.required);
  EXPECT_EQ(defaults.header_prefix, "Bearer");
  EXPECT_EQ(defaults.cookie, "jwt");
  EXPECT_EQ(defaults.jwt.algorithm, "HS256");
  auto r = models::LoadSettingsText(
      "security_settings:\n  secret_key: django-key\n  jwt: {algorithm: HS384, auth_header_prefix: JWT}\n"
      "schema_settings: {authentication_required: true}\n",
      "railgun.yaml");
  ASSERT_TRUE(r.ok()) << r.ErrorText();
  AuthPolicy p = AuthPolicyFromSettings(*r.settings);
  EXPECT_TRUE(p.required);
  EXPECT_EQ(p.jwt.key, "django-key");  // jwt.secret_key empty: falls back to secret_key
  EXPECT_EQ(p.jwt.algorithm, "HS384");
  EXPECT_EQ(p.header_prefix, "JWT");
  auto own = models::LoadSettingsText(
      "security_settings:\n  secret_key: django-key\n  jwt: {secret_key: jwt-key}\n  authentication_required: true\n",
      "railgun.yaml");
  ASSERT_TRUE(own.ok()) << own.ErrorText();
  AuthPolicy q = AuthPolicyFromSettings(*own.settings);
  EXPECT_EQ(q.jwt.key, "jwt-key");
  EXPECT_TRUE(q.required);
}

std::string Find(const HeaderList& h, const std::string& name) {
  for (const auto& [k, v] : h)
    if (k == name) return v;
  return "";
}

TEST(Cors, EchoesAllowedOriginsOnly) {
  CorsPolicy p;
  p.enabled = true;
  p.allowed_origins = {"https://a.example", "https://b.example"};
  auto a = CorsHeaders(p, "https://a.example", false);
  EXPECT_EQ(Find(a, "Access-Control-Allow-Origin"), "https://a.example");
  EXPECT_EQ(Find(a, "Vary"), "Origin");
  EXPECT_EQ(Find(a, "Access-Control-Allow-Credentials"), "");
  EXPECT_EQ(Find(CorsHeaders(p, "https://b.example", false), "Access-Control-Allow-Origin"), "https://b.example");
  auto evil = CorsHeaders(p, "https://evil.example", false);
  EXPECT_EQ(Find(evil, "Access-Control-Allow-Origin"), "");
  EXPECT_EQ(evil.size(), 1u);  // only Vary: Origin
  auto pre = CorsHeaders(p, "https://a.example", true);
  EXPECT_EQ(Find(pre, "Access-Control-Allow-Methods"), "GET, POST, OPTIONS");
  EXPECT_NE(Find(pre, "Access-Control-Allow-Headers").find("Authorization"), std::string::npos);
  EXPECT_EQ(Find(pre, "Access-Control-Max-Age"), "600");
  p.allow_credentials = true;
  EXPECT_EQ(Find(CorsHeaders(p, "https://a.example", false), "Access-Control-Allow-Credentials"), "true");
}

TEST(Cors, StarOnlyWithoutCredentials) {
  CorsPolicy p;
  p.enabled = true;
  p.allowed_origins = {"*"};
  auto h = CorsHeaders(p, "https://x.example", false);
  EXPECT_EQ(Find(h, "Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(Find(h, "Vary"), "");
  p.allow_credentials = true;
  h = CorsHeaders(p, "https://x.example", false);
  EXPECT_EQ(Find(h, "Access-Control-Allow-Origin"), "https://x.example");
  EXPECT_EQ(Find(h, "Access-Control-Allow-Credentials"), "true");
  EXPECT_EQ(Find(h, "Vary"), "Origin");
  p.enabled = false;
  EXPECT_TRUE(CorsHeaders(p, "https://x.example", false).empty());
  EXPECT_TRUE(CorsHeaders(CorsPolicy{}, "https://x.example", true).empty());
}

TEST(Cors, PolicyFromSettings) {
  CorsPolicy d = CorsPolicyFromSettings(models::Settings());
  EXPECT_TRUE(d.enabled);
  EXPECT_EQ(d.allowed_origins, std::vector<std::string>{"*"});
  auto r = models::LoadSettingsText(
      "security_settings:\n  cors:\n    allowed_origins: \"https://a.example, https://b.example/\"\n"
      "    allow_credentials: true\n",
      "railgun.yaml");
  ASSERT_TRUE(r.ok()) << r.ErrorText();
  CorsPolicy p = CorsPolicyFromSettings(*r.settings);
  EXPECT_EQ(p.allowed_origins, (std::vector<std::string>{"https://a.example", "https://b.example"}));
  EXPECT_TRUE(p.allow_credentials);
}

}  // namespace
}  // namespace railgun::security
