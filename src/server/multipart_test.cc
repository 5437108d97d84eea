// GraphQL multipart request parsing: the spec's examples, framing details and every refusal.
#include "server/multipart.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "json/parse.h"
#include "json/writer.h"

namespace railgun::server {
namespace {

const char kType[] = "multipart/form-data; boundary=XyZ";

struct Part {
  std::string headers;  // e.g. `Content-Disposition: form-data; name="map"`
  std::string content;
};

std::string Body(const std::vector<Part>& parts, const std::string& boundary = "XyZ") {
  std::string b;
  for (const Part& p : parts) b += "--" + boundary + "\r\n" + p.headers + "\r\n\r\n" + p.content + "\r\n";
  return b + "--" + boundary + "--\r\n";
}

Part Field(const std::string& name, const std::string& content) {
  return {"Content-Disposition: form-data; name=\"" + name + "\"", content};
}

Part File(const std::string& name, const std::string& filename, const std::string& content,
          const std::string& type = "text/plain") {
  return {
      "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\nContent-Type: " + type,
      content};
}

std::string Json(const json::Value& v) { return json::Write(v); }

const std::string kOneFileOps = R"({"query":"mutation ($file: Upload!) { f(file: $file) }","variables":{"file":null}})";

TEST(Multipart, ReplacesTheMappedVariableWithTheUploadObject) {
  MultipartResult r =
      ParseGraphQLMultipart(kType, Body({Field("operations", kOneFileOps), Field("map", R"({"0":["variables.file"]})"),
                                         File("0", "a.txt", "hello")}));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(Json(*r.operations.find("variables")),
            R"({"file":{"filename":"a.txt","contentType":"text/plain","base64":"aGVsbG8="}})");
  EXPECT_EQ(r.operations.find("query")->as_string(), "mutation ($file: Upload!) { f(file: $file) }");
}

TEST(Multipart, BatchesListsAndOneFileInSeveralPlaces) {
  const std::string ops =
      R"([{"query":"a","variables":{"files":[null,null]}},{"query":"b","variables":{"input":{"doc":null}}}])";
  MultipartResult r = ParseGraphQLMultipart(
      kType,
      Body({Field("operations", ops),
            Field("map", R"({"1":["0.variables.files.0","1.variables.input.doc"],"2":["0.variables.files.1"]})"),
            File("1", "x.bin", std::string("\0\r\n--Xy-not-the-boundary\r\n\xff", 27), "application/octet-stream"),
            File("2", "y.txt", "")}));
  ASSERT_TRUE(r.ok()) << r.error;
  const json::Value& files = *r.operations.as_array()[0].find("variables")->find("files");
  EXPECT_EQ(files.as_array()[0].find("filename")->as_string(), "x.bin");
  EXPECT_EQ(files.as_array()[0].find("base64")->as_string(),
            Base64Encode(std::string("\0\r\n--Xy-not-the-boundary\r\n\xff", 27)));
  EXPECT_EQ(files.as_array()[1].find("base64")->as_string(), "");  // an empty file is the writer's to refuse
  EXPECT_EQ(Json(*r.operations.as_array()[1].find("variables")->find("input")->find("doc")), Json(files.as_array()[0]));
}

TEST(Multipart, FramingDetails) {
  // Quoted boundary, a preamble and an epilogue, transport padding after the delimiter, RFC 5987 filename*,
  // header names in any case, a file part not named in the map (ignored).
  std::string body = "preamble text\r\n--a b'c \t\r\ncontent-disposition: form-data; name=operations\r\n\r\n" +
                     kOneFileOps +
                     "\r\n--a b'c\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n{\"f\":[\"variables.file\"]}"
                     "\r\n--a b'c\r\nContent-Disposition: form-data; name=\"extra\"; filename=\"e.txt\"\r\n\r\nzzz"
                     "\r\n--a b'c\r\nCONTENT-DISPOSITION: form-data; name=\"f\"; filename=\"fallback.txt\"; "
                     "filename*=UTF-8''r%C3%A9sum%C3%A9.txt\r\n\r\nhi\r\n--a b'c--\r\nepilogue";
  MultipartResult r = ParseGraphQLMultipart("Multipart/Form-Data; boundary=\"a b'c\"", body);
  ASSERT_TRUE(r.ok()) << r.error;
  const json::Value& file = *r.operations.find("variables")->find("file");
  EXPECT_EQ(file.find("filename")->as_string(), "r\xc3\xa9sum\xc3\xa9.txt");
  EXPECT_EQ(file.find("contentType"), nullptr);  // none sent
  EXPECT_EQ(file.find("base64")->as_string(), "aGk=");
}

TEST(Multipart, Boundaries) {
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=abc"), "abc");
  EXPECT_EQ(MultipartBoundary("multipart/form-data; charset=utf-8; boundary=\"a:b=c\""), "a:b=c");
  EXPECT_EQ(MultipartBoundary("multipart/form-data"), "");
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary="), "");
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=" + std::string(71, 'a')), "");
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=\"ends with space \""), "");
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=bad{char}"), "");
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=\"unterminated"), "");
  EXPECT_TRUE(IsMultipartFormData("multipart/form-data; boundary=x"));
  EXPECT_FALSE(IsMultipartFormData("application/json"));
}

TEST(Base64, Encodes) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foob"), "Zm9vYg==");
  EXPECT_EQ(Base64Encode(std::string("\xfb\xff", 2)), "+/8=");
}

// A refused request: its status and a message containing `words`.
void ExpectRefused(const MultipartResult& r, int status, const std::string& words) {
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status, status) << r.error;
  EXPECT_NE(r.error.find(words), std::string::npos) << r.error;
}

TEST(Multipart, RefusesMalformedRequests) {
  const Part ops = Field("operations", kOneFileOps);
  const Part map = Field("map", R"({"0":["variables.file"]})");
  const Part file = File("0", "a.txt", "hello");
  ExpectRefused(ParseGraphQLMultipart("application/json", Body({ops, map, file})), 400, "multipart/form-data");
  ExpectRefused(ParseGraphQLMultipart("multipart/form-data", Body({ops, map, file})), 400, "boundary");
  ExpectRefused(ParseGraphQLMultipart("multipart/form-data; boundary=Other", Body({ops, map, file})), 400,
                "does not contain its boundary");
  std::string unclosed = Body({ops, map, file});
  unclosed.resize(unclosed.size() - std::string("--XyZ--\r\n").size());
  ExpectRefused(ParseGraphQLMultipart(kType, unclosed), 400, "closing boundary");
  ExpectRefused(ParseGraphQLMultipart(kType, "--XyZ\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{}"),
                400, "closing boundary");
  ExpectRefused(ParseGraphQLMultipart(kType, "--XyZ garbage\r\n"), 400, "");
  ExpectRefused(ParseGraphQLMultipart(kType, "--XyZ\r\nContent-Disposition: form-data; name=\"operations\"\r\n{}"), 400,
                "headers do not end");
  ExpectRefused(ParseGraphQLMultipart(kType, Body({{"Content-Type: text/plain", "{}"}, map, file})), 400,
                "Content-Disposition");
  ExpectRefused(ParseGraphQLMultipart(kType, Body({{"Content-Disposition: attachment; name=\"operations\"", "{}"}})),
                400, "form-data");
  ExpectRefused(ParseGraphQLMultipart(kType, Body({{"No colon here", "{}"}})), 400, "':'");
  ExpectRefused(ParseGraphQLMultipart(kType, Body({map, ops, file})), 400, "first multipart field must be");
  ExpectRefused(ParseGraphQLMultipart(kType, Body({ops, file, map})), 400, "second multipart field must be");
  ExpectRefused(ParseGraphQLMultipart(kType, Body({Field("operations", "{nope"), map, file})), 400, "not valid JSON");
  ExpectRefused(ParseGraphQLMultipart(kType, Body({Field("operations", "3"), map, file})), 400, "object or array");
  ExpectRefused(ParseGraphQLMultipart(kType, Body({ops, Field("map", "[1]"), file})), 400, "JSON object");
  ExpectRefused(ParseGraphQLMultipart(kType, Body({ops, Field("map", R"({"0":"variables.file"})"), file})), 400,
                "non-empty array");
  ExpectRefused(ParseGraphQLMultipart(kType, Body({ops, Field("map", R"({"0":[1]})"), file})), 400, "as strings");
  ExpectRefused(ParseGraphQLMultipart(kType, Body({ops})), 400, "no \u2018map\u2019");
  ExpectRefused(ParseGraphQLMultipart(kType, Body({ops, map, file, file})), 400, "appears twice");
}

TEST(Multipart, RefusesMissingFilesAndPaths) {
  const Part ops = Field("operations", kOneFileOps);
  const Part file = File("0", "a.txt", "hello");
  ExpectRefused(ParseGraphQLMultipart(kType, Body({ops, Field("map", R"({"0":["variables.file"],"1":["x"]})"), file})),
                400, "\u20181\u2019 named in \u2018map\u2019 is missing");
  ExpectRefused(ParseGraphQLMultipart(kType, Body({ops, Field("map", R"({"0":["variables.other"]})"), file})), 400,
                "does not exist in the operations (at \u2018other\u2019)");
  ExpectRefused(ParseGraphQLMultipart(kType, Body({ops, Field("map", R"({"0":["variables.file.deeper"]})"), file})),
                400, "does not exist");
  ExpectRefused(ParseGraphQLMultipart(kType, Body({ops, Field("map", R"({"0":["query"]})"), file})), 400,
                "not point at a null");
  ExpectRefused(ParseGraphQLMultipart(kType, Body({ops, Field("map", R"({"0":["variables..file"]})"), file})), 400,
                "empty segment");
  const Part list_ops = Field("operations", R"({"variables":{"files":[null]}})");
  ExpectRefused(ParseGraphQLMultipart(kType, Body({list_ops, Field("map", R"({"0":["variables.files.1"]})"), file})),
                400, "does not exist");
  ExpectRefused(ParseGraphQLMultipart(kType, Body({list_ops, Field("map", R"({"0":["variables.files.x"]})"), file})),
                400, "does not exist");
}

TEST(Multipart, Limits) {
  const Part ops = Field("operations", kOneFileOps);
  const Part map = Field("map", R"({"0":["variables.file"]})");
  MultipartLimits limits;
  limits.max_file_bytes = 4;
  ExpectRefused(ParseGraphQLMultipart(kType, Body({ops, map, File("0", "a.txt", "hello")}), limits), 413,
                "larger than 4 bytes");
  EXPECT_TRUE(ParseGraphQLMultipart(kType, Body({ops, map, File("0", "a.txt", "hell")}), limits).ok());
  limits = {};
  limits.max_files = 1;
  ExpectRefused(ParseGraphQLMultipart(
                    kType, Body({ops, Field("map", R"({"0":["variables.file"],"1":["variables.file"]})")}), limits),
                413, "Too many files");
  ExpectRefused(
      ParseGraphQLMultipart(kType, Body({ops, map, File("x", "x.txt", "1"), File("0", "a.txt", "2")}), limits), 413,
      "Too many files");  // unmapped parts count too
  limits = {};
  limits.max_body_bytes = 10;
  ExpectRefused(ParseGraphQLMultipart(kType, Body({ops, map, File("0", "a.txt", "x")}), limits), 413, "request body");
  limits = {};
  limits.max_field_bytes = 8;
  ExpectRefused(ParseGraphQLMultipart(kType, Body({ops, map, File("0", "a.txt", "x")}), limits), 413, "operations");
  limits = {};
  limits.max_paths_per_file = 1;
  ExpectRefused(ParseGraphQLMultipart(kType, Body({ops, Field("map", R"({"0":["variables.file","query"]})")}), limits),
                413, "more than 1 paths");
}

}  // namespace
}  // namespace railgun::server
