// "Did you mean ...?" helpers identical to graphql-js 16: suggestionList (lexical distance), naturalCompare,
// didYouMean.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace railgun::validation {

// graphql-js naturalCompare: digit runs compare numerically, everything else by UTF-16 code unit.
// Returns <0, 0 or >0.
[[nodiscard]] int NaturalCompare(std::string_view a, std::string_view b);

// graphql-js suggestionList: the options within lexical distance floor(0.4 * |input|) + 1 of `input`
// (Damerau-Levenshtein, a case change counts as one edit), closest first, ties in natural order.
[[nodiscard]] std::vector<std::string> SuggestionList(std::string_view input, const std::vector<std::string>& options);

// graphql-js didYouMean: "" for no suggestions, else ` Did you mean "A", "B", or "C"?` (at most 5 listed).
// With a sub-message: ` Did you mean <sub_message> "A"?`.
[[nodiscard]] std::string DidYouMean(const std::vector<std::string>& suggestions);
[[nodiscard]] std::string DidYouMean(std::string_view sub_message, const std::vector<std::string>& suggestions);

}  // namespace railgun::validation
