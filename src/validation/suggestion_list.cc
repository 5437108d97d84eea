// Lexical-distance suggestions and natural ordering, matching graphql-js 16 jsutils byte for byte.
#include "validation/suggestion_list.h"

#include <algorithm>
#include <map>
#include <optional>

namespace railgun::validation {
namespace {

// JavaScript strings are UTF-16; measuring and ordering happen on code units like graphql-js does.
std::u16string ToUtf16(std::string_view s) {
  std::u16string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    uint32_t cp = 0xFFFD;
    size_t len = 1;
    if (c < 0x80) {
      cp = c;
    } else if ((c >> 5) == 0x6 && i + 1 < s.size()) {
      cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      len = 2;
    } else if ((c >> 4) == 0xE && i + 2 < s.size()) {
      cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      len = 3;
    } else if ((c >> 3) == 0x1E && i + 3 < s.size()) {
      cp = ((c & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12) |
           ((static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6) | (static_cast<unsigned char>(s[i + 3]) & 0x3Fu);
      len = 4;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
    i += len;
  }
  return out;
}

// String.prototype.toLowerCase for the scripts names and printed literals realistically contain: ASCII,
// Latin-1, Latin Extended-A, Greek, Cyrillic, plus the two mappings that change length or reach ASCII.
std::u16string ToLower(const std::u16string& s) {
  std::u16string out;
  out.reserve(s.size());
  for (char16_t c : s) {
    if (c >= u'A' && c <= u'Z') {
      out.push_back(static_cast<char16_t>(c + 32));
    } else if (c < 0x80) {
      out.push_back(c);
    } else if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3AB && c != 0x3A2) ||
               (c >= 0x410 && c <= 0x42F)) {
      out.push_back(static_cast<char16_t>(c + 32));
    } else if (c >= 0x400 && c <= 0x40F) {
      out.push_back(static_cast<char16_t>(c + 80));
    } else if (c == 0x130) {  // İ -> i + combining dot above
      out.push_back(u'i');
      out.push_back(static_cast<char16_t>(0x307));
    } else if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 && c != 0x17F) {
      // Latin Extended-A alternates upper/lower; the parity of the uppercase letter flips at U+0139..U+0148
      // and U+0179..U+017E.
      const bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
      const bool is_upper = odd_upper ? (c % 2 == 1) : (c % 2 == 0);
      if (c == 0x178) {
        out.push_back(static_cast<char16_t>(0xFF));
      } else {
        out.push_back(is_upper ? static_cast<char16_t>(c + 1) : c);
      }
    } else if (c == 0x212A) {  // Kelvin sign
      out.push_back(u'k');
    } else if (c == 0x212B) {  // Angstrom sign
      out.push_back(static_cast<char16_t>(0xE5));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool IsDigit(int code) { return code >= '0' && code <= '9'; }

int NaturalCompare16(const std::u16string& a, const std::u16string& b) {
  // charCodeAt past the end is NaN, which is never a digit; -1 models it.
  auto at = [](const std::u16string& s, size_t i) { return i < s.size() ? static_cast<int>(s[i]) : -1; };
  size_t ai = 0;
  size_t bi = 0;
  while (ai < a.size() && bi < b.size()) {
    int ac = at(a, ai);
    int bc = at(b, bi);
    if (IsDigit(ac) && IsDigit(bc)) {
      double an = 0;
      do {
        ++ai;
        an = an * 10 + (ac - '0');
        ac = at(a, ai);
      } while (IsDigit(ac) && an > 0);
      double bn = 0;
      do {
        ++bi;
        bn = bn * 10 + (bc - '0');
        bc = at(b, bi);
      } while (IsDigit(bc) && bn > 0);
      if (an < bn) return -1;
      if (an > bn) return 1;
    } else {
      if (ac < bc) return -1;
      if (ac > bc) return 1;
      ++ai;
      ++bi;
    }
  }
  const auto diff = static_cast<long long>(a.size()) - static_cast<long long>(b.size());
  return diff < 0 ? -1 : (diff > 0 ? 1 : 0);
}

class LexicalDistance {
 public:
  explicit LexicalDistance(std::string_view input) : input_(ToUtf16(input)), input_lower_(ToLower(input_)) {
    const size_t width = std::max(input_.size(), input_lower_.size()) + 1;
    for (auto& row : rows_) row.assign(width, 0);
  }

  [[nodiscard]] size_t input_length() const { return input_.size(); }

  std::optional<int> Measure(std::string_view option_utf8, int threshold) {
    const std::u16string option = ToUtf16(option_utf8);
    if (option == input_) return 0;
    const std::u16string option_lower = ToLower(option);
    if (option_lower == input_lower_) return 1;  // any case change counts as a single edit
    const std::u16string* a = &option_lower;
    const std::u16string* b = &input_lower_;
    if (a->size() < b->size()) std::swap(a, b);
    const int a_len = static_cast<int>(a->size());
    const int b_len = static_cast<int>(b->size());
    if (a_len - b_len > threshold) return std::nullopt;
    for (auto& row : rows_)
      if (static_cast<int>(row.size()) < b_len + 1) row.resize(b_len + 1, 0);
    for (int j = 0; j <= b_len; ++j) rows_[0][j] = j;
    for (int i = 1; i <= a_len; ++i) {
      auto& up_row = rows_[(i - 1) % 3];
      auto& current_row = rows_[i % 3];
      int smallest_cell = current_row[0] = i;
      for (int j = 1; j <= b_len; ++j) {
        const int cost = (*a)[i - 1] == (*b)[j - 1] ? 0 : 1;
        int current_cell = std::min({up_row[j] + 1, current_row[j - 1] + 1, up_row[j - 1] + cost});
        if (i > 1 && j > 1 && (*a)[i - 1] == (*b)[j - 2] && (*a)[i - 2] == (*b)[j - 1]) {
          const int double_diagonal_cell = rows_[(i - 2) % 3][j - 2];
          current_cell = std::min(current_cell, double_diagonal_cell + 1);
        }
        smallest_cell = std::min(smallest_cell, current_cell);
        current_row[j] = current_cell;
      }
      if (smallest_cell > threshold) return std::nullopt;  // no later row can get below this
    }
    const int distance = rows_[a_len % 3][b_len];
    if (distance <= threshold) return distance;
    return std::nullopt;
  }

 private:
  std::u16string input_;
  std::u16string input_lower_;
  std::vector<int> rows_[3];
};

}  // namespace

int NaturalCompare(std::string_view a, std::string_view b) { return NaturalCompare16(ToUtf16(a), ToUtf16(b)); }

std::vector<std::string> SuggestionList(std::string_view input, const std::vector<std::string>& options) {
  LexicalDistance lexical_distance(input);
  const int threshold = static_cast<int>(static_cast<double>(lexical_distance.input_length()) * 0.4) + 1;
  // Like the JS object keyed by option, a repeated option keeps its first position and last distance.
  std::vector<std::string> keys;
  std::map<std::string, int, std::less<>> distance_by_option;
  for (const auto& option : options) {
    const auto distance = lexical_distance.Measure(option, threshold);
    if (!distance) continue;
    auto [it, inserted] = distance_by_option.emplace(option, *distance);
    if (inserted)
      keys.push_back(option);
    else
      it->second = *distance;
  }
  std::vector<std::pair<std::u16string, size_t>> wide;
  wide.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) wide.emplace_back(ToUtf16(keys[i]), i);
  std::stable_sort(wide.begin(), wide.end(), [&](const auto& x, const auto& y) {
    const int dx = distance_by_option.find(keys[x.second])->second;
    const int dy = distance_by_option.find(keys[y.second])->second;
    if (dx != dy) return dx < dy;
    return NaturalCompare16(x.first, y.first) < 0;
  });
  std::vector<std::string> result;
  result.reserve(wide.size());
  for (const auto& w : wide) result.push_back(keys[w.second]);
  return result;
}

std::string DidYouMean(const std::vector<std::string>& suggestions) { return DidYouMean("", suggestions); }

std::string DidYouMean(std::string_view sub_message, const std::vector<std::string>& suggestions) {
  if (suggestions.empty()) return "";
  std::string message = " Did you mean ";
  if (!sub_message.empty()) {
    message += sub_message;
    message += ' ';
  }
  auto quoted = [](const std::string& s) { return "\"" + s + "\""; };
  if (suggestions.size() == 1) return message + quoted(suggestions[0]) + "?";
  if (suggestions.size() == 2) return message + quoted(suggestions[0]) + " or " + quoted(suggestions[1]) + "?";
  const size_t count = std::min<size_t>(suggestions.size(), 5);
  for (size_t i = 0; i + 1 < count; ++i) message += quoted(suggestions[i]) + ", ";
  return message + "or " + quoted(suggestions[count - 1]) + "?";
}

}  // namespace railgun::validation
