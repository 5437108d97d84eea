// Test helpers shared by the execute tests: reading testdata, building the fixture schema, JSON diffs.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "json/parse.h"
#include "json/value.h"
#include "json/writer.h"
#include "language/parser.h"
#include "schema/builder.h"

namespace railgun::execute::testing {

inline std::string TestdataPath(const std::string& name) {
  return std::string(RAILGUN_SOURCE_DIR) + "/src/execute/testdata/" + name;
}

inline std::string ReadTestdata(const std::string& name) {
  std::ifstream in(TestdataPath(name), std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << name;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline json::Value ReadJsonTestdata(const std::string& name) {
  auto parsed = json::Parse(ReadTestdata(name));
  EXPECT_TRUE(parsed.ok()) << name << ": " << parsed.status().ToString();
  return parsed.ok() ? std::move(parsed).value() : json::Value();
}

inline std::shared_ptr<const schema::Schema> BuildTestdataSchema(const std::string& name) {
  schema::SchemaResult built = schema::BuildSchema(ReadTestdata(name));
  EXPECT_TRUE(built.ok()) << name << ": " << (built.errors.empty() ? "" : built.errors.front().message);
  return built.schema;
}

inline const json::Value& Member(const json::Value& object, std::string_view key) {
  static const json::Value kNull;
  const json::Value* v = object.find(key);
  return v ? *v : kNull;
}

}  // namespace railgun::execute::testing
