// Validators and HTML sanitization from the `graphql:` block (field_rules.h), loaded from model-file text.
#include "mutate/field_rules.h"

#include <gtest/gtest.h>

#include "models/loader.h"

namespace railgun::mutate {
namespace {

models::Project Load(const std::string& text) {
  std::vector<models::ModelSource> sources(1);
  sources[0].file = "rules.yaml";
  sources[0].text = text;
  models::LoadResult r = models::LoadModelSources(sources);
  EXPECT_TRUE(r.ok()) << r.ErrorText();
  return std::move(*r.project);
}

constexpr const char* kModels = R"(app: cms
models:
  Article:
    fields:
      title: {type: CharField, max_length: 100}
      code: {type: CharField, max_length: 10}
      score: {type: IntegerField}
      body: {type: TextField}
      summary: {type: TextField}
      plain: {type: TextField}
    graphql:
      validators:
        title: {min_length: 3}
        code: {regex: "^[A-Z]{2}-[0-9]+$", message: "Use the form AB-123."}
        score: {min_value: 0, max_value: 100}
      sanitize_html:
        body: true
        summary: {tags: [p, a], attributes: {a: [href]}, strip: true}
)";

struct Fixture {
  models::Project project = Load(kModels);
  const models::Model& m = *project.FindModel("Article");
  const models::Field& f(const char* name) { return *m.FindField(name); }
};

TEST(FieldRules, ValidatorsReportTheirCodesAndCustomMessages) {
  Fixture x;
  FieldError e;
  json::Value v = json::Value::String("ab");
  EXPECT_FALSE(ApplyFieldRules(x.m, x.f("title"), &v, &e));
  EXPECT_EQ(e.code, "min_length");
  EXPECT_EQ(e.message, "Ensure this value has at least 3 characters (it has 2).");
  v = json::Value::String("abc");
  EXPECT_TRUE(ApplyFieldRules(x.m, x.f("title"), &v, &e));

  v = json::Value::String("ab-1");
  EXPECT_FALSE(ApplyFieldRules(x.m, x.f("code"), &v, &e));
  EXPECT_EQ(e.code, "invalid");
  EXPECT_EQ(e.message, "Use the form AB-123.");
  v = json::Value::String("AB-123");
  EXPECT_TRUE(ApplyFieldRules(x.m, x.f("code"), &v, &e));

  v = json::Value::Int(101);
  EXPECT_FALSE(ApplyFieldRules(x.m, x.f("score"), &v, &e));
  EXPECT_EQ(e.code, "max_value");
  EXPECT_EQ(e.message, "Ensure this value is less than or equal to 100.");
  v = json::Value::Int(-1);
  EXPECT_FALSE(ApplyFieldRules(x.m, x.f("score"), &v, &e));
  EXPECT_EQ(e.code, "min_value");
  v = json::Value::Int(100);
  EXPECT_TRUE(ApplyFieldRules(x.m, x.f("score"), &v, &e));
}

TEST(FieldRules, DefaultAllowListEscapesOtherTagsAndKeepsQuotes) {
  Fixture x;
  FieldError e;
  json::Value v = json::Value::String(
      "I love this \"feature\" - it's <b>amazing</b>!<script>alert('x')</script><a href=\"javascript:alert(1)\" "
      "title='t' onclick=\"x()\">link</a><!-- note --> 5 < 6 & 7 &amp; 8");
  ASSERT_TRUE(ApplyFieldRules(x.m, x.f("body"), &v, &e));
  EXPECT_EQ(v.as_string(),
            "I love this \"feature\" - it's <b>amazing</b>!&lt;script&gt;alert('x')&lt;/script&gt;<a title=\"t\">link</a>"
            " 5 &lt; 6 &amp; 7 &amp; 8");
}

TEST(FieldRules, CustomAllowListWithStrip) {
  Fixture x;
  FieldError e;
  json::Value v = json::Value::String(
      "<p class=\"x\">Hi <em>there</em> <a href=\"https://example.org/?a=1&b=2\">ok</a><img src=x onerror=y></p>");
  ASSERT_TRUE(ApplyFieldRules(x.m, x.f("summary"), &v, &e));
  EXPECT_EQ(v.as_string(), "<p>Hi there <a href=\"https://example.org/?a=1&amp;b=2\">ok</a></p>");
}

TEST(FieldRules, FieldsWithoutRulesAreUntouched) {
  Fixture x;
  FieldError e;
  const std::string raw = "<script>\"quotes\" 'single' \\ back\nslash \xF0\x9F\x98\x80 {\"json\": [1, 2]}</script>";
  json::Value v = json::Value::String(raw);
  ASSERT_TRUE(ApplyFieldRules(x.m, x.f("plain"), &v, &e));
  EXPECT_EQ(v.as_string(), raw);
}

TEST(FieldRules, LoaderRejectsUnknownFieldsBadRegexAndNonStringSanitizers) {
  std::vector<models::ModelSource> sources(1);
  sources[0].file = "bad.yaml";
  sources[0].text = R"(app: x
models:
  A:
    fields:
      n: {type: IntegerField}
    graphql:
      validators:
        missing: {min_value: 1}
        n: {regex: "([", colour: 1}
      sanitize_html: [n]
)";
  models::LoadResult r = models::LoadModelSources(sources);
  ASSERT_FALSE(r.ok());
  std::string text = r.ErrorText();
  EXPECT_NE(text.find("unknown field 'missing'"), std::string::npos) << text;
  EXPECT_NE(text.find("invalid regular expression"), std::string::npos) << text;
  EXPECT_NE(text.find("unknown key 'colour'"), std::string::npos) << text;
  EXPECT_NE(text.find("only string fields hold HTML"), std::string::npos) << text;
}

}  // namespace
}  // namespace railgun::mutate
