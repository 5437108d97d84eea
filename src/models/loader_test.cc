// Tests for the model-file loader: every example loads, every bad case reports its exact diagnostics.
#include "models/loader.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace railgun::models {
namespace {

TEST(LoaderDebug, LoadFolder) {
  const char* dir = std::getenv("RG_MODELS_DEBUG_PATH");
  if (!dir) GTEST_SKIP();
  LoadResult r = LoadModelPaths({dir});
  std::cout << r.ErrorText();
  for (auto& w : r.warnings) std::cout << w.ToString() << "\n";
  EXPECT_TRUE(r.ok());
}

}  // namespace
}  // namespace railgun::models
