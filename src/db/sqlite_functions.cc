// Railgun's SQLite SQL functions: REGEXP with a per-connection compiled-pattern cache, Unicode-aware case mapping
// and the substring lookups Django's field lookups compile to.
#include "db/sqlite_functions.h"

#include <locale.h>
#include <sqlite3.h>
#include <wctype.h>

#include <list>
#include <memory>
#include <regex>
#include <string>
#include <unordered_map>

#include "json/utf8.h"

namespace railgun::db {
namespace {

// C.UTF-8 gives towlower/towupper the full Unicode simple mappings without touching the global locale.
locale_t Utf8Locale() {
  static locale_t loc = [] {
    locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
    if (l == static_cast<locale_t>(0)) l = newlocale(LC_CTYPE_MASK, "C.utf8", static_cast<locale_t>(0));
    return l;
  }();
  return loc;
}

// Decodes one UTF-8 sequence at s[i]; returns the code point and advances i, or -1 (and i+1) when invalid.
int32_t DecodeUtf8(std::string_view s, size_t& i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return ++i, c;
  int len = (c >= 0xF0 && c <= 0xF4) ? 4 : (c >= 0xE0) && c < 0xF0 ? 3 : (c >= 0xC2 && c < 0xE0) ? 2 : 0;
  if (len == 0 || i + len > s.size()) return ++i, -1;
  int32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (int k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return ++i, -1;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  bool overlong = (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF));
  if (overlong || (cp >= 0xD800 && cp <= 0xDFFF)) return ++i, -1;
  i += len;
  return cp;
}

template <bool kLower>
std::string MapCase(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  locale_t loc = Utf8Locale();
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {  // ASCII fast path
      if (kLower && c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
      if (!kLower && c >= 'a' && c <= 'z') c = static_cast<unsigned char>(c - 32);
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    size_t start = i;
    int32_t cp = DecodeUtf8(s, i);
    if (cp < 0 || loc == static_cast<locale_t>(0)) {
      out.append(s.substr(start, i - start));
      continue;
    }
    wint_t mapped = kLower ? towlower_l(static_cast<wint_t>(cp), loc) : towupper_l(static_cast<wint_t>(cp), loc);
    json::AppendUtf8(out, static_cast<uint32_t>(mapped));
  }
  return out;
}

}  // namespace

std::string Utf8Lower(std::string_view s) { return MapCase<true>(s); }
std::string Utf8Upper(std::string_view s) { return MapCase<false>(s); }

// Compiled patterns by source text, least recently used evicted past kCapacity.
class SqliteFunctionState {
 public:
  static constexpr size_t kCapacity = 64;

  // The compiled regex for `pattern`, or nullptr with `error` set.
  std::shared_ptr<const std::regex> Get(const std::string& pattern, std::string& error) {
    if (auto it = index_.find(pattern); it != index_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second.second);
      return it->second.first;
    }
    std::string_view body = pattern;
    auto flags = std::regex::ECMAScript;
    if (body.starts_with("(?i)")) {
      body.remove_prefix(4);
      flags |= std::regex::icase;
    }
    std::shared_ptr<const std::regex> re;
    try {
      re = std::make_shared<const std::regex>(body.begin(), body.end(), flags);
    } catch (const std::regex_error&) {
      error = std::string(kSqliteUserErrorPrefix) + "invalid regular expression";
      return nullptr;
    }
    if (index_.size() >= kCapacity) {
      index_.erase(lru_.back());
      lru_.pop_back();
    }
    lru_.push_front(pattern);
    index_.emplace(pattern, std::make_pair(re, lru_.begin()));
    return re;
  }

 private:
  std::list<std::string> lru_;
  std::unordered_map<std::string, std::pair<std::shared_ptr<const std::regex>, std::list<std::string>::iterator>>
      index_;
};

std::unique_ptr<SqliteFunctionState, void (*)(SqliteFunctionState*)> NewSqliteFunctionState() {
  return {new SqliteFunctionState(), [](SqliteFunctionState* s) { delete s; }};
}

namespace {

std::string_view TextArg(sqlite3_value* v) {
  const unsigned char* p = sqlite3_value_text(v);
  return {reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_value_bytes(v))};
}

bool AnyNull(int argc, sqlite3_value** argv) {
  for (int i = 0; i < argc; ++i)
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return true;
  return false;
}

void RegexpFn(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(ctx);
  // Per-statement fast path: SQLite keeps auxdata while the pattern argument is constant.
  auto* cached = static_cast<std::shared_ptr<const std::regex>*>(sqlite3_get_auxdata(ctx, 0));
  std::shared_ptr<const std::regex> re;
  if (cached != nullptr) {
    re = *cached;
  } else {
    auto* state = static_cast<SqliteFunctionState*>(sqlite3_user_data(ctx));
    std::string error;
    re = state->Get(std::string(TextArg(argv[0])), error);
    if (!re) return sqlite3_result_error(ctx, error.c_str(), static_cast<int>(error.size()));
    sqlite3_set_auxdata(ctx, 0, new std::shared_ptr<const std::regex>(re),
                        [](void* p) { delete static_cast<std::shared_ptr<const std::regex>*>(p); });
  }
  std::string_view text = TextArg(argv[1]);
  try {
    sqlite3_result_int(ctx, std::regex_search(text.begin(), text.end(), *re) ? 1 : 0);
  } catch (const std::regex_error&) {
    static constexpr std::string_view kMsg = "railgun: regular expression too complex for the input";
    sqlite3_result_error(ctx, kMsg.data(), static_cast<int>(kMsg.size()));
  }
}

void ResultText(sqlite3_context* ctx, std::string s) {
  sqlite3_result_text64(ctx, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void LowerFn(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(ctx);
  ResultText(ctx, Utf8Lower(TextArg(argv[0])));
}
void UpperFn(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(ctx);
  ResultText(ctx, Utf8Upper(TextArg(argv[0])));
}

enum class Match { kContains, kStartsWith, kEndsWith, kExact };

template <Match kMatch, bool kFold>
void MatchFn(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(ctx);
  std::string h_owned, n_owned;
  std::string_view h = TextArg(argv[0]);
  std::string_view n = TextArg(argv[1]);
  if (kFold) {
    h_owned = Utf8Lower(h);
    n_owned = Utf8Lower(n);
    h = h_owned;
    n = n_owned;
  }
  bool r = false;
  switch (kMatch) {
    case Match::kContains: r = h.find(n) != std::string_view::npos; break;
    case Match::kStartsWith: r = h.starts_with(n); break;
    case Match::kEndsWith: r = h.ends_with(n); break;
    case Match::kExact: r = h == n; break;
  }
  sqlite3_result_int(ctx, r ? 1 : 0);
}

}  // namespace

int RegisterSqliteFunctions(sqlite3* db, SqliteFunctionState* state) {
  constexpr int kFlags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  struct Def {
    const char* name;
    int args;
    void (*fn)(sqlite3_context*, int, sqlite3_value**);
  };
  const Def defs[] = {
      {"regexp", 2, RegexpFn},
      {"rg_lower", 1, LowerFn},
      {"rg_upper", 1, UpperFn},
      {"rg_contains", 2, MatchFn<Match::kContains, false>},
      {"rg_icontains", 2, MatchFn<Match::kContains, true>},
      {"rg_startswith", 2, MatchFn<Match::kStartsWith, false>},
      {"rg_istartswith", 2, MatchFn<Match::kStartsWith, true>},
      {"rg_endswith", 2, MatchFn<Match::kEndsWith, false>},
      {"rg_iendswith", 2, MatchFn<Match::kEndsWith, true>},
      {"rg_iexact", 2, MatchFn<Match::kExact, true>},
  };
  for (const Def& d : defs) {
    int rc = sqlite3_create_function_v2(db, d.name, d.args, kFlags, state, d.fn, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

}  // namespace railgun::db
