// Tests for the JSON parser and writer (expected strings are JSON.stringify / JSON.parse outputs from node).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "json/parse.h"
#include "json/writer.h"

namespace railgun::json {
namespace {

Value MustParse(std::string_view text) {
  StatusOr<Value> v = Parse(text);
  EXPECT_TRUE(v.ok()) << text << ": " << v.status().ToString();
  return v.ok() ? *v : Value();
}

std::string ParseError(std::string_view text, const ParseOptions& options = {}) {
  StatusOr<Value> v = Parse(text, options);
  EXPECT_FALSE(v.ok()) << text;
  if (v.ok()) return "";
  EXPECT_EQ(v.status().code(), StatusCode::kInvalidArgument);
  return v.status().message();
}

std::string D(double d) { return Write(Value::Double(d)); }

// ---- Parser --------------------------------------------------------------------------------------------------

TEST(JsonParse, Scalars) {
  EXPECT_TRUE(MustParse("null").is_null());
  EXPECT_TRUE(MustParse(" true ").as_bool());
  EXPECT_FALSE(MustParse("\tfalse\r\n").as_bool());
  EXPECT_EQ(MustParse("\"hi\"").as_string(), "hi");
  EXPECT_EQ(MustParse("0").as_int(), 0);
  EXPECT_EQ(MustParse("-17").as_int(), -17);
  EXPECT_TRUE(MustParse("1.0").is_double());
  EXPECT_EQ(MustParse("1.0").as_double(), 1.0);
  EXPECT_EQ(MustParse("1.5e3").as_double(), 1500.0);
  EXPECT_EQ(MustParse("2E-2").as_double(), 0.02);
}

TEST(JsonParse, IntegerRange) {
  Value max = MustParse("9223372036854775807");
  ASSERT_TRUE(max.is_int());
  EXPECT_EQ(max.as_int(), std::numeric_limits<int64_t>::max());
  Value min = MustParse("-9223372036854775808");
  ASSERT_TRUE(min.is_int());
  EXPECT_EQ(min.as_int(), std::numeric_limits<int64_t>::min());
  Value over = MustParse("9223372036854775808");
  ASSERT_TRUE(over.is_double());
  EXPECT_EQ(over.as_double(), 9223372036854775808.0);
  Value under = MustParse("-9223372036854775809");
  ASSERT_TRUE(under.is_double());
  Value twenty_digits = MustParse("12345678901234567890123");
  ASSERT_TRUE(twenty_digits.is_double());
  EXPECT_EQ(Write(twenty_digits), "1.2345678901234568e+22");
}

TEST(JsonParse, NegativeZeroIsDouble) {
  Value v = MustParse("-0");
  ASSERT_TRUE(v.is_double());
  EXPECT_TRUE(std::signbit(v.as_double()));
  EXPECT_TRUE(MustParse("0").is_int());
}

TEST(JsonParse, OutOfRangeNumbers) {
  EXPECT_EQ(MustParse("1e400").as_double(), HUGE_VAL);
  EXPECT_EQ(MustParse("-1e400").as_double(), -HUGE_VAL);
  EXPECT_EQ(MustParse("1e-400").as_double(), 0.0);
  EXPECT_EQ(MustParse("123e-400").as_double(), 0.0);
  EXPECT_TRUE(std::signbit(MustParse("-1e-400").as_double()));
  EXPECT_EQ(MustParse("0.000001e400").as_double(), HUGE_VAL);
  EXPECT_EQ(Write(MustParse("1e400")), "null");  // JSON.stringify(Infinity)
}

TEST(JsonParse, ObjectsKeepOrderAndDuplicates) {
  Value v = MustParse(R"({"b": 1, "a": [true, null, {"c": "d"}], "b": 2})");
  ASSERT_TRUE(v.is_object());
  ASSERT_EQ(v.as_object().size(), 3u);
  EXPECT_EQ(v.as_object()[0].first, "b");
  EXPECT_EQ(v.as_object()[1].first, "a");
  EXPECT_EQ(v.as_object()[2].second.as_int(), 2);
  EXPECT_EQ(v.find("a")->as_array()[2].find("c")->as_string(), "d");
  EXPECT_EQ(Write(v), R"({"b":1,"a":[true,null,{"c":"d"}],"b":2})");
  EXPECT_TRUE(MustParse("{}").is_object());
  EXPECT_TRUE(MustParse("[ ]").is_array());
}

TEST(JsonParse, NestedContainersKeepTheirOwnMembers) {
  const char* text = R"([{"a":[1,{"b":[2,3]},4],"c":5},[6,[7,[]]],{},8,{"d":{"e":{"f":[{"g":9}]}},"h":10}])";
  Value v = MustParse(text);
  EXPECT_EQ(Write(v), text);
  ASSERT_EQ(v.as_array().size(), 5u);
  EXPECT_EQ(v.as_array()[0].as_object().size(), 2u);
  EXPECT_EQ(v.as_array()[0].find("a")->as_array()[1].find("b")->as_array()[1].as_int(), 3);
  EXPECT_EQ(v.as_array()[4].find("h")->as_int(), 10);
}

TEST(JsonParse, StringEscapes) {
  EXPECT_EQ(MustParse(R"("a\"b\\c\/d\b\f\n\r\t")").as_string(), "a\"b\\c/d\b\f\n\r\t");
  EXPECT_EQ(MustParse(R"("\u0041\u00e9\u20AC")").as_string(), "A\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(MustParse(R"("\u0000")").as_string(), std::string(1, '\0'));
  // Surrogate pair -> one 4-byte UTF-8 sequence (U+1F600).
  EXPECT_EQ(MustParse(R"("\ud83d\ude00")").as_string(), "\xF0\x9F\x98\x80");
  // Raw UTF-8 passes through.
  EXPECT_EQ(MustParse("\"\xF0\x9F\x98\x80 \xC3\xA9\"").as_string(), "\xF0\x9F\x98\x80 \xC3\xA9");
}

TEST(JsonParse, LoneSurrogatesAreKeptAsWtf8AndWrittenBackEscaped) {
  EXPECT_EQ(MustParse(R"("\ud800x")").as_string(), "\xED\xA0\x80x");
  EXPECT_EQ(MustParse(R"("\udc00")").as_string(), "\xED\xB0\x80");
  // High surrogate followed by a non-surrogate escape: both kept.
  EXPECT_EQ(MustParse(R"("\ud800\u0041")").as_string(),
            "\xED\xA0\x80"
            "A");
  // Two high surrogates then a low one: the second pairs with the low one.
  EXPECT_EQ(MustParse(R"("\ud800\ud83d\ude00")").as_string(), "\xED\xA0\x80\xF0\x9F\x98\x80");
  // JSON.stringify(JSON.parse(x)) round trip.
  EXPECT_EQ(Write(MustParse(R"("lone \ud800 here \udfff")")), R"("lone \ud800 here \udfff")");
}

TEST(JsonParse, ErrorsNameTheByteOffset) {
  EXPECT_EQ(ParseError(R"({"a" 1})"), "invalid JSON at offset 5: expected ':', found '1'");
  EXPECT_EQ(ParseError("[1,]"), "invalid JSON at offset 3: expected a value, found ']'");
  EXPECT_EQ(ParseError("[1 2]"), "invalid JSON at offset 3: expected ',' or ']', found '2'");
  EXPECT_EQ(ParseError(R"({"a":1,})"), "invalid JSON at offset 7: expected a string key, found '}'");
  EXPECT_EQ(ParseError(R"({"a":1 "b":2})"), "invalid JSON at offset 7: expected ',' or '}', found '\"'");
  EXPECT_EQ(ParseError(""), "invalid JSON at offset 0: unexpected end of input, expected a value");
  EXPECT_EQ(ParseError("[1"), "invalid JSON at offset 2: unexpected end of input, expected ',' or ']'");
  EXPECT_EQ(ParseError("1 2"), "invalid JSON at offset 2: unexpected data after the JSON value");
  EXPECT_EQ(ParseError("  tru"), "invalid JSON at offset 2: invalid literal, expected 'true'");
  EXPECT_EQ(ParseError("\"abc"), "invalid JSON at offset 0: unterminated string");
  EXPECT_EQ(ParseError("\"a\nb\""), "invalid JSON at offset 2: unescaped control character in string");
  EXPECT_EQ(ParseError(R"("a\x")"), "invalid JSON at offset 2: invalid escape sequence \\x");
  EXPECT_EQ(ParseError(R"("\u12G4")"), "invalid JSON at offset 1: invalid \\u escape");
  EXPECT_EQ(ParseError("\"\xFF\""), "invalid JSON at offset 1: invalid UTF-8 in string");
  EXPECT_EQ(ParseError("\"\xED\xA0\x80\""), "invalid JSON at offset 1: invalid UTF-8 in string");  // CESU surrogate
  EXPECT_EQ(ParseError("\xEF\xBB\xBF{}"), "invalid JSON at offset 0: expected a value, found byte 0xEF");
}

TEST(JsonParse, Utf8ErrorsAfterLongValidText) {
  // The whole text is validated up front (vectorized); the first ill-formed sequence is reported only where the
  // parser reaches it, inside the string that holds it, and a syntax error before it wins.
  std::string valid(100, 'a');
  for (int i = 0; i < 50; ++i) valid += "\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80";  // é 日 😀
  const std::string doc = "[\"" + valid + "\",\"" + valid + "\xE6\x97\",1]";     // truncated 3-byte sequence
  const size_t bad = 2 + valid.size() + 3 + valid.size();
  EXPECT_EQ(ParseError(doc), "invalid JSON at offset " + std::to_string(bad) + ": invalid UTF-8 in string");
  EXPECT_EQ(ParseError("[\"" + valid + "\",x,\"\xFF\"]"),
            "invalid JSON at offset " + std::to_string(valid.size() + 4) + ": expected a value, found 'x'");
  EXPECT_EQ(ParseError("[\"" + valid + "\" \xC3\xA9]"),
            "invalid JSON at offset " + std::to_string(valid.size() + 4) + ": expected ',' or ']', found byte 0xC3");
  EXPECT_EQ(ParseError("\"abc\\u12\xFF\""), "invalid JSON at offset 4: invalid \\u escape");
  EXPECT_EQ(ParseError("\"" + valid), "invalid JSON at offset 0: unterminated string");
  EXPECT_EQ(ParseError("\"" + valid + "\xF0\x9F\x98"),
            "invalid JSON at offset " + std::to_string(valid.size() + 1) + ": invalid UTF-8 in string");
  EXPECT_EQ(MustParse("\"" + valid + "\"").as_string(), valid);
}

TEST(JsonParse, StopsAtEveryPositionOfLongRuns) {
  // Strings are scanned 16 bytes at a time: an escape, quote or control character must be found anywhere.
  for (size_t length = 0; length <= 40; ++length) {
    for (size_t pos = 0; pos <= length; ++pos) {
      std::string head(pos, 'a'), tail(length - pos, 'b');
      ASSERT_EQ(MustParse("\"" + head + "\\n" + tail + "\"").as_string(), head + "\n" + tail) << length << " " << pos;
      ASSERT_EQ(MustParse("\"" + head + "\xC3\xA9" + tail + "\"").as_string(), head + "\xC3\xA9" + tail);
      ASSERT_EQ(ParseError("\"" + head + "\x01" + tail + "\""),
                "invalid JSON at offset " + std::to_string(pos + 1) + ": unescaped control character in string");
    }
  }
}

TEST(JsonParse, RejectsNonJsonNumbers) {
  EXPECT_EQ(ParseError("01"), "invalid JSON at offset 0: invalid number: leading zero");
  EXPECT_EQ(ParseError("-"), "invalid JSON at offset 0: invalid number: expected a digit");
  EXPECT_EQ(ParseError("1."), "invalid JSON at offset 0: invalid number: expected a digit after '.'");
  EXPECT_EQ(ParseError("[1e+]"), "invalid JSON at offset 1: invalid number: expected an exponent digit");
  EXPECT_EQ(ParseError("+1"), "invalid JSON at offset 0: expected a value, found '+'");
  EXPECT_EQ(ParseError(".5"), "invalid JSON at offset 0: expected a value, found '.'");
  EXPECT_EQ(ParseError("NaN"), "invalid JSON at offset 0: expected a value, found 'N'");
  EXPECT_EQ(ParseError("0x10"), "invalid JSON at offset 1: unexpected data after the JSON value");
}

TEST(JsonParse, DepthLimit) {
  ParseOptions options;
  options.max_depth = 3;
  EXPECT_TRUE(Parse("[[[1]]]", options).ok());
  EXPECT_TRUE(Parse(R"({"a":{"b":[]}})", options).ok());
  EXPECT_EQ(ParseError("[[[[1]]]]", options), "invalid JSON at offset 3: maximum nesting depth 3 exceeded");
  EXPECT_EQ(ParseError(R"({"a":{"b":[{}]}})", options), "invalid JSON at offset 11: maximum nesting depth 3 exceeded");
  // Default limit (512): deep hostile input is an error, not a stack overflow.
  std::string deep(100000, '[');
  EXPECT_EQ(ParseError(deep), "invalid JSON at offset 512: maximum nesting depth 512 exceeded");
  std::string ok_depth = std::string(512, '[') + std::string(512, ']');
  EXPECT_TRUE(Parse(ok_depth).ok());
}

// ---- Writer --------------------------------------------------------------------------------------------------

TEST(JsonWrite, StringEscapesMatchJsonStringify) {
  // node: JSON.stringify("\u0000\u001f\u007f\b\f\n\r\t\"\\/\u2028 é 😀")
  std::string input = std::string("\0\x1f\x7f\b\f\n\r\t\"\\/", 11) + "\xE2\x80\xA8 \xC3\xA9 \xF0\x9F\x98\x80";
  EXPECT_EQ(Write(Value::String(input)),
            std::string("\"\\u0000\\u001f\x7f\\b\\f\\n\\r\\t\\\"\\\\/") + "\xE2\x80\xA8 \xC3\xA9 \xF0\x9F\x98\x80\"");
  EXPECT_EQ(Write(Value::String("\x01\x0b\x0e\x1a")), R"("\u0001\u000b\u000e\u001a")");
  std::string out = "prefix:";
  WriteString("say \"hi\"", out);
  EXPECT_EQ(out, R"(prefix:"say \"hi\"")");
}

TEST(JsonWrite, EscapesAtEveryPositionOfLongRuns) {
  // The writer scans 16-byte blocks (the last bytes from a padded copy); a special byte must be found wherever it
  // sits: in the first, second or third block, or in the tail.
  const std::pair<std::string, std::string> specials[] = {{"\"", "\\\""},
                                                          {"\\", "\\\\"},
                                                          {"\n", "\\n"},
                                                          {std::string(1, '\0'), "\\u0000"},
                                                          {"\x1f", "\\u001f"},
                                                          {"\xC3\xA9", "\xC3\xA9"},
                                                          {"\xFF", "\xEF\xBF\xBD"},
                                                          {"\x7f", "\x7f"},
                                                          {" ", " "}};
  for (const auto& [raw, escaped] : specials) {
    for (size_t length = 0; length <= 40; ++length) {
      for (size_t pos = 0; pos <= length; ++pos) {
        std::string input = std::string(pos, 'a') + raw + std::string(length - pos, 'b');
        std::string expected = "\"" + std::string(pos, 'a') + escaped + std::string(length - pos, 'b') + "\"";
        ASSERT_EQ(Write(Value::String(input)), expected) << "length " << length << " pos " << pos;
      }
    }
  }
}

TEST(JsonWrite, EscapesAcrossReservationChunks) {
  // The writer reserves output for 4096 input bytes at a time: sequences and escapes around that boundary, and
  // strings that grow 6x (every byte a \u00xx escape) over several chunks.
  const std::pair<std::string, std::string> specials[] = {{"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},
                                                          {"\xED\xA0\x80", "\\ud800"},
                                                          {"\xE2\x82", "\xEF\xBF\xBD"},
                                                          {"\x01", "\\u0001"},
                                                          {"\"", "\\\""}};
  for (const auto& [raw, escaped] : specials) {
    for (size_t pos = 4080; pos <= 4100; ++pos) {
      std::string input = std::string(pos, 'a') + raw + "z";
      std::string expected = "\"" + std::string(pos, 'a') + escaped + "z\"";
      ASSERT_EQ(Write(Value::String(input)), expected) << "pos " << pos;
    }
  }
  std::string controls(10000, '\x02');
  std::string expected = "\"";
  for (size_t i = 0; i < controls.size(); ++i) expected += "\\u0002";
  expected += "\"";
  EXPECT_EQ(Write(Value::String(controls)), expected);
  std::string out(100, 'p');  // appends after existing content
  WriteString(controls, out);
  EXPECT_EQ(out, std::string(100, 'p') + expected);
}

TEST(JsonWrite, LargeThenSmallDocumentsOnOneThread) {
  // WriteTo goes through a per-thread buffer, released after a document larger than 4 MiB.
  Value big = Value::MakeArray();
  for (int i = 0; i < 3; ++i) big.append(Value::String(std::string(2 << 20, 'x')));
  const std::string written = Write(big);
  ASSERT_EQ(written.size(), 3 * ((2u << 20) + 2) + 4);
  EXPECT_EQ(written.substr(0, 4), "[\"xx");
  EXPECT_EQ(written.substr(written.size() - 4), "xx\"]");
  EXPECT_EQ(Write(MustParse(R"({"a":[1,"b"]})")), R"({"a":[1,"b"]})");
  std::string out = "keep:";
  WriteTo(big.as_array()[0], out);
  EXPECT_EQ(out.size(), 5 + (2u << 20) + 2);
  EXPECT_EQ(out.substr(0, 7), "keep:\"x");
}

TEST(JsonWrite, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(Write(Value::String("a\xFF"
                                "b")),
            "\"a\xEF\xBF\xBD"
            "b\"");
  EXPECT_EQ(Write(Value::String("\xC3")), "\"\xEF\xBF\xBD\"");                  // truncated at end
  EXPECT_EQ(Write(Value::String("\xE2\x82x")), "\"\xEF\xBF\xBDx\"");            // maximal prefix -> one U+FFFD
  EXPECT_EQ(Write(Value::String("\xED\xA0\x80")), R"("\ud800")");               // WTF-8 lone surrogate -> escape
  EXPECT_EQ(Write(Value::String("\xC0\xAF")), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");  // overlong '/'
  EXPECT_EQ(Write(Value::String("\xF4\x90\x80\x80")),
            "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // > U+10FFFF
}

TEST(JsonWrite, NumbersMatchJavaScript) {
  EXPECT_EQ(D(0.1), "0.1");
  EXPECT_EQ(D(1e21), "1e+21");
  EXPECT_EQ(D(-1e21), "-1e+21");
  EXPECT_EQ(D(1e20), "100000000000000000000");
  EXPECT_EQ(D(1e-7), "1e-7");
  EXPECT_EQ(D(1e-6), "0.000001");
  EXPECT_EQ(D(1.5e-6), "0.0000015");
  EXPECT_EQ(D(0.000001234), "0.000001234");
  EXPECT_EQ(D(123e-20), "1.23e-18");
  EXPECT_EQ(D(-123.456e-10), "-1.23456e-8");
  EXPECT_EQ(D(123456789012345680000.0), "123456789012345680000");
  EXPECT_EQ(D(9223372036854775808.0), "9223372036854776000");
  EXPECT_EQ(D(9007199254740992.0), "9007199254740992");
  EXPECT_EQ(D(1.25e25), "1.25e+25");
  EXPECT_EQ(D(-0.0), "0");
  EXPECT_EQ(D(0.0), "0");
  EXPECT_EQ(D(100.0), "100");
  EXPECT_EQ(D(-2.0), "-2");
  EXPECT_EQ(D(12345.678), "12345.678");
  EXPECT_EQ(D(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(D(5e-324), "5e-324");
  EXPECT_EQ(D(1.7976931348623157e308), "1.7976931348623157e+308");
  EXPECT_EQ(D(std::nan("")), "null");
  EXPECT_EQ(D(-HUGE_VAL), "null");
  EXPECT_EQ(Write(Value::Int(std::numeric_limits<int64_t>::min())), "-9223372036854775808");
  EXPECT_EQ(Write(Value::Int(42)), "42");
}

TEST(JsonWrite, ShortDecimalsMatchJavaScript) {
  // The writer prints values with few decimals without std::to_chars (fast path); node: JSON.stringify(x).
  EXPECT_EQ(D(464.845), "464.845");
  EXPECT_EQ(D(6434.148), "6434.148");
  EXPECT_EQ(D(0.5), "0.5");
  EXPECT_EQ(D(-0.25), "-0.25");
  EXPECT_EQ(D(3.05), "3.05");
  EXPECT_EQ(D(1.2e-6), "0.0000012");
  EXPECT_EQ(D(0.00001), "0.00001");
  EXPECT_EQ(D(123456789.12345678), "123456789.12345678");
  EXPECT_EQ(D(99999999999999.9), "99999999999999.9");
  EXPECT_EQ(D(999999999999999.9), "999999999999999.9");
  EXPECT_EQ(D(0.1 + 0.7), "0.7999999999999999");
  EXPECT_EQ(D(1.005), "1.005");
  EXPECT_EQ(D(2.675), "2.675");
  EXPECT_EQ(D(4.35), "4.35");
  EXPECT_EQ(D(0.3), "0.3");
  EXPECT_EQ(D(-1234.5678), "-1234.5678");
  EXPECT_EQ(D(1.0 / 3), "0.3333333333333333");
  EXPECT_EQ(D(0.07), "0.07");
  EXPECT_EQ(D(1e15 - 0.5), "999999999999999.5");
  EXPECT_EQ(D(1125899906842623.5), "1125899906842623.5");
  EXPECT_EQ(D(0.000009999999999999999), "0.000009999999999999999");
  EXPECT_EQ(D(12.34e-5), "0.0001234");
  EXPECT_EQ(D(5e-7), "5e-7");
  EXPECT_EQ(D(8.000000000000002), "8.000000000000002");
  EXPECT_EQ(D(100.01), "100.01");
  EXPECT_EQ(D(-0.000001), "-0.000001");
}

TEST(JsonWrite, RawIsSplicedVerbatim) {
  Value v;
  v.push("data", Value::Raw(R"({"x": [1, 2]})"));
  v.push("n", Value::Null());
  EXPECT_EQ(Write(v), R"({"data":{"x": [1, 2]},"n":null})");
  std::string out = "[";
  WriteTo(Value::Bool(true), out);
  EXPECT_EQ(out, "[true");
}

TEST(JsonWrite, PrettyMatchesJsonStringifyIndent2) {
  Value v = MustParse(R"({"a":[],"b":{},"c":[1,{"d":"x"}],"e":null})");
  EXPECT_EQ(WritePretty(v),
            "{\n"
            "  \"a\": [],\n"
            "  \"b\": {},\n"
            "  \"c\": [\n"
            "    1,\n"
            "    {\n"
            "      \"d\": \"x\"\n"
            "    }\n"
            "  ],\n"
            "  \"e\": null\n"
            "}");
  EXPECT_EQ(WritePretty(MustParse("[1,[2]]"), 1), "[\n 1,\n [\n  2\n ]\n]");
  EXPECT_EQ(WritePretty(MustParse("[1]"), 0), "[1]");
  EXPECT_EQ(WritePretty(MustParse("\"s\"")), "\"s\"");
}

TEST(JsonRoundTrip, ParseWriteIsStable) {
  const char* cases[] = {
      R"({"a":1,"b":[true,false,null],"c":{"d":"e"}})",
      R"([0.1,-1.5,1e+21,1e-7,9223372036854775807,-9223372036854775808,1.7976931348623157e+308])",
      R"(["quote \" backslash \\ newline \n tab \t ctrl \u0001","😀 é ☃","\u007f"])",
      R"({"":{"":[[],{}]}})",
  };
  for (const char* text : cases) {
    std::string once = Write(MustParse(text));
    std::string twice = Write(MustParse(once));
    EXPECT_EQ(once, twice) << text;
    EXPECT_EQ(MustParse(once), MustParse(text)) << text;
  }
  // Whitespace and escapes normalize to JSON.stringify's form.
  EXPECT_EQ(Write(MustParse(" [ \"\\u00e9\\/\" , 1.50 , -0 ] ")), "[\"\xC3\xA9/\",1.5,0]");
  EXPECT_EQ(Write(MustParse(R"("\ud83d\ude00")")), "\"\xF0\x9F\x98\x80\"");
}

}  // namespace
}  // namespace railgun::json
