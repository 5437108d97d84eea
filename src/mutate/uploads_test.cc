// Uploads: base64, file names, the checks of DecodeUpload and UploadStore's naming / cleanup on disk.
#include "mutate/uploads.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace railgun::mutate {
namespace {

namespace fs = std::filesystem;

json::Value Obj(std::initializer_list<std::pair<const char*, const char*>> members) {
  json::Value v = json::Value::MakeObject();
  for (const auto& [k, s] : members) v.push(k, json::Value::String(s));
  return v;
}

models::Field FileField(std::string upload_to = "docs/", int max_length = 100) {
  models::Field f;
  f.name = "attachment";
  f.kind = models::FieldKind::kFileField;
  f.upload_to = std::move(upload_to);
  f.max_length = max_length;
  return f;
}

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Base64, DecodesBothAlphabetsAndRejectsMalformedText) {
  EXPECT_EQ(DecodeBase64("aGVsbG8="), "hello");
  EXPECT_EQ(DecodeBase64("aGVsbG8"), "hello");               // padding optional
  EXPECT_EQ(DecodeBase64("aGVs\nbG8=\r\n"), "hello");        // whitespace ignored
  EXPECT_EQ(DecodeBase64("-_8="), std::string("\xfb\xff"));  // URL-safe alphabet
  EXPECT_EQ(DecodeBase64("+/8="), std::string("\xfb\xff"));
  EXPECT_EQ(DecodeBase64(""), "");
  EXPECT_FALSE(DecodeBase64("a$b="));       // not an alphabet character
  EXPECT_FALSE(DecodeBase64("aGVsbG8=x"));  // data after padding
  EXPECT_FALSE(DecodeBase64("a"));          // a lone trailing character
  EXPECT_FALSE(DecodeBase64("aGVsbG9="));   // non-zero trailing bits
}

TEST(FileNames, FollowDjangosGetValidFilename) {
  EXPECT_EQ(ValidFileName("  my file (1).txt "), "my_file_1.txt");
  EXPECT_EQ(ValidFileName("r\xc3\xa9sum\xc3\xa9.pdf"), "r\xc3\xa9sum\xc3\xa9.pdf");
  EXPECT_FALSE(ValidFileName(".."));
  EXPECT_FALSE(ValidFileName("$$$"));
  EXPECT_FALSE(ValidFileName("   "));
}

TEST(DecodeUpload, AcceptsDataUrlsAndTheObjectForm) {
  UploadOptions options;
  options.allowed_types = {".txt", ".csv"};
  models::Field f = FileField();
  FieldError e;
  auto a = DecodeUpload(f, json::Value::String("data:text/plain;name=hello.txt;base64,aGVsbG8="), options, &e);
  ASSERT_TRUE(a) << e.message;
  EXPECT_EQ(a->filename, "hello.txt");
  EXPECT_EQ(a->content_type, "text/plain");
  EXPECT_EQ(a->bytes, "hello");
  auto b = DecodeUpload(f, Obj({{"filename", "my notes.txt"}, {"base64", "aGVsbG8="}}), options, &e);
  ASSERT_TRUE(b) << e.message;
  EXPECT_EQ(b->filename, "my_notes.txt");
  auto c = DecodeUpload(f, json::Value::String("data:text/csv;base64,aGVsbG8="), options, &e);
  ASSERT_TRUE(c) << e.message;
  EXPECT_TRUE(c->filename.starts_with("upload_") && c->filename.ends_with(".csv")) << c->filename;
  auto d = DecodeUpload(f, Obj({{"filename", "x.TXT"}, {"base64", "data:text/plain;base64,aGVsbG8="}}), options, &e);
  ASSERT_TRUE(d) << e.message;  // extensions compare case-insensitively; base64 may itself be a data URL
  EXPECT_TRUE(IsUploadContent(json::Value::String("DATA:text/plain;base64,")));
  EXPECT_FALSE(IsUploadContent(json::Value::String("docs/stored.txt")));
}

TEST(DecodeUpload, RefusesWithCodes) {
  UploadOptions options;
  options.max_size = 4;
  options.allowed_types = {".txt"};
  models::Field f = FileField();
  auto code = [&](const json::Value& v, const models::Field& field) {
    FieldError e;
    auto r = DecodeUpload(field, v, options, &e);
    return r ? std::string("ok") : e.code;
  };
  EXPECT_EQ(code(Obj({{"filename", "../a.txt"}, {"base64", "aGk="}}), f), "invalid");
  EXPECT_EQ(code(Obj({{"filename", "a/b.txt"}, {"base64", "aGk="}}), f), "invalid");
  EXPECT_EQ(code(Obj({{"filename", "C:\\x\\b.txt"}, {"base64", "aGk="}}), f), "invalid");
  EXPECT_EQ(code(Obj({{"filename", ".."}, {"base64", "aGk="}}), f), "invalid");
  EXPECT_EQ(code(Obj({{"filename", "a.txt"}, {"base64", "%%"}}), f), "invalid");
  EXPECT_EQ(code(Obj({{"filename", "a.txt"}, {"base64", ""}}), f), "empty");
  EXPECT_EQ(code(Obj({{"filename", "a.txt"}, {"base64", "aGVsbG8="}}), f), "file_too_large");
  EXPECT_EQ(code(Obj({{"filename", "a.exe"}, {"base64", "aGk="}}), f), "invalid_extension");
  EXPECT_EQ(code(Obj({{"filename", "noext"}, {"base64", "aGk="}}), f), "invalid_extension");
  EXPECT_EQ(code(json::Value::String("data:text/plain,hi"), f), "invalid");  // not base64
  EXPECT_EQ(code(Obj({{"filename", "a.txt"}, {"base64", "aGk="}}), f), "ok");
  models::Field image = FileField("img/");
  image.kind = models::FieldKind::kImageField;
  options.allowed_types = {".png"};
  options.max_size = 0;
  EXPECT_EQ(code(Obj({{"filename", "a.png"}, {"base64", "aGVsbG8="}}), image), "invalid_image");
  EXPECT_EQ(code(Obj({{"filename", "a.png"}, {"base64", "iVBORw0KGgpmYWtlcGl4ZWxz"}}), image), "ok");
}

class UploadStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("railgun-uploads-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    options_.media_root = root_.string();
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
  UploadOptions options_;
};

TEST_F(UploadStoreTest, StoresKeepsAndAvoidsCollisions) {
  models::Field f = FileField("docs/");
  UploadedFile file{"report.txt", "text/plain", "one"};
  FieldError e;
  std::string first, second;
  {
    UploadStore store(options_);
    auto p = store.Save(f, file, &e);
    ASSERT_TRUE(p) << e.message;
    first = *p;
    file.bytes = "two";
    auto q = store.Save(f, file, &e);
    ASSERT_TRUE(q) << e.message;
    second = *q;
    store.Keep();
  }
  EXPECT_EQ(first, "docs/report.txt");
  ASSERT_EQ(second.size(), std::string("docs/report_1234567.txt").size()) << second;
  EXPECT_TRUE(second.starts_with("docs/report_") && second.ends_with(".txt")) << second;
  EXPECT_EQ(Read(root_ / first), "one");  // never overwritten
  EXPECT_EQ(Read(root_ / second), "two");
}

TEST_F(UploadStoreTest, DiscardsWhatWasNotKept) {
  models::Field f = FileField("a/%Y/");
  FieldError e;
  std::string path;
  {
    UploadStore store(options_);
    auto p = store.Save(f, UploadedFile{"x.txt", "", "data"}, &e);
    ASSERT_TRUE(p) << e.message;
    path = *p;
    EXPECT_TRUE(fs::exists(root_ / path));
    EXPECT_NE(path.find("a/2"), std::string::npos) << path;  // the year, expanded from %Y
  }
  EXPECT_FALSE(fs::exists(root_ / path));
}

TEST_F(UploadStoreTest, TruncatesTheRootToFitMaxLength) {
  models::Field f = FileField("d/", 20);
  FieldError e;
  UploadStore store(options_);
  auto p = store.Save(f, UploadedFile{"averyveryverylongname.txt", "", "x"}, &e);
  ASSERT_TRUE(p) << e.message;
  EXPECT_LE(p->size(), 20u) << *p;
  EXPECT_TRUE(p->starts_with("d/avery") && p->ends_with(".txt")) << *p;
  models::Field tiny = FileField("some/long/folder/", 20);
  EXPECT_FALSE(store.Save(tiny, UploadedFile{"name.txt", "", "x"}, &e));
  EXPECT_EQ(e.code, "max_length");
  models::Field escape = FileField("../out/");
  EXPECT_FALSE(store.Save(escape, UploadedFile{"name.txt", "", "x"}, &e));
  EXPECT_EQ(e.code, "invalid");
  store.Keep();
}

}  // namespace
}  // namespace railgun::mutate
