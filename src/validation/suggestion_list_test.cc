// SuggestionList / NaturalCompare / DidYouMean against outputs recorded from graphql-js 16 jsutils.
#include "validation/suggestion_list.h"

#include <gtest/gtest.h>

#include "validation/js_sort.h"

namespace railgun::validation {
namespace {

using Strings = std::vector<std::string>;

TEST(SuggestionList, MatchesGraphqlJs) {
  EXPECT_EQ(SuggestionList("", {"a"}), Strings({"a"}));
  EXPECT_EQ(SuggestionList("green", {"green"}), Strings({"green"}));
  EXPECT_EQ(SuggestionList("greenish", {"green"}), Strings({"green"}));
  EXPECT_EQ(SuggestionList("green", {"greenish"}), Strings({"greenish"}));
  EXPECT_EQ(SuggestionList("greene", {"greenish"}), Strings({"greenish"}));
  EXPECT_EQ(SuggestionList("GREEN", {"green"}), Strings({"green"}));
  EXPECT_EQ(SuggestionList("verylongstring", {"verylongstrinG"}), Strings({"verylongstrinG"}));
  EXPECT_EQ(SuggestionList("verylongstring", {"a", "b", "c"}), Strings({}));
  EXPECT_EQ(SuggestionList("abc", {"a", "ab", "abc"}), Strings({"abc", "ab", "a"}));
  EXPECT_EQ(SuggestionList("abc", {"acb", "bca", "cab", "cba"}), Strings({"acb", "bca", "cab", "cba"}));
  EXPECT_EQ(SuggestionList("abc", {"a", "b", "c"}), Strings({"a", "b", "c"}));
  EXPECT_EQ(SuggestionList("abc", {"ab1", "ab2", "ab10", "ab01"}), Strings({"ab1", "ab2", "ab01", "ab10"}));
  EXPECT_EQ(SuggestionList("ab", {"ba", "ab0", "AB"}), Strings({"AB", "ab0", "ba"}));
  EXPECT_EQ(SuggestionList("descriptn", {"description", "desc", "descriptor"}), Strings({"description", "descriptor"}));
  EXPECT_EQ(SuggestionList("\"Br\xC3\xB6wn\"", {"BROWN", "BLACK"}), Strings({"BROWN"}));
  // U+212A KELVIN SIGN lower-cases to ASCII 'k' in JavaScript.
  EXPECT_EQ(SuggestionList("Kelvin", {"\xE2\x84\xAA"
                                      "elvin",
                                      "kelvin"}),
            Strings({"kelvin",
                     "\xE2\x84\xAA"
                     "elvin"}));
  // Repeated options are listed once.
  EXPECT_EQ(SuggestionList("ab", {"ab", "ab", "abc"}), Strings({"ab", "abc"}));
}

TEST(NaturalCompare, MatchesGraphqlJs) {
  EXPECT_LT(NaturalCompare("a", "b"), 0);
  EXPECT_LT(NaturalCompare("a2", "a10"), 0);
  EXPECT_LT(NaturalCompare("a010", "a9"), 0);
  EXPECT_LT(NaturalCompare("a0", "a00"), 0);
  EXPECT_GT(NaturalCompare("abc", "ab"), 0);
  EXPECT_GT(NaturalCompare("x1y", "x01y"), 0);
  EXPECT_LT(NaturalCompare("", "a"), 0);
  EXPECT_LT(NaturalCompare("A", "a"), 0);
  EXPECT_LT(NaturalCompare("a1b2", "a1b10"), 0);
  EXPECT_EQ(NaturalCompare("same", "same"), 0);
}

TEST(DidYouMean, FormatsLikeGraphqlJs) {
  EXPECT_EQ(DidYouMean({}), "");
  EXPECT_EQ(DidYouMean({"A"}), " Did you mean \"A\"?");
  EXPECT_EQ(DidYouMean({"A", "B"}), " Did you mean \"A\" or \"B\"?");
  EXPECT_EQ(DidYouMean({"A", "B", "C"}), " Did you mean \"A\", \"B\", or \"C\"?");
  EXPECT_EQ(DidYouMean({"A", "B", "C", "D", "E", "F"}), " Did you mean \"A\", \"B\", \"C\", \"D\", or \"E\"?");
  EXPECT_EQ(DidYouMean("the enum value", {"A"}), " Did you mean the enum value \"A\"?");
  EXPECT_EQ(DidYouMean("to use an inline fragment on", {"A", "B"}),
            " Did you mean to use an inline fragment on \"A\" or \"B\"?");
}

TEST(JsSort, StableAndV8OrderForSmallArrays) {
  std::vector<std::pair<int, char>> v = {{2, 'a'}, {1, 'b'}, {2, 'c'}, {1, 'd'}, {0, 'e'}};
  JsSort(v, [](const auto& x, const auto& y) { return x.first - y.first; });
  EXPECT_EQ(v, (std::vector<std::pair<int, char>>{{0, 'e'}, {1, 'b'}, {1, 'd'}, {2, 'a'}, {2, 'c'}}));
  std::vector<int> big;
  for (int i = 0; i < 200; ++i) big.push_back((i * 37) % 101);
  JsSort(big, [](int x, int y) { return x - y; });
  EXPECT_TRUE(std::is_sorted(big.begin(), big.end()));
}

}  // namespace
}  // namespace railgun::validation
