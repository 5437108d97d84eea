// Filter and ordering property test: random filter trees (AND / OR / NOT at any depth; exact, iexact, contains,
// icontains, startswith, in (also empty), isnull, gt / gte / lt / lte, range over text, nullable text, integer,
// decimal, date, boolean and a forward-relation path) and random orderBy lists over a small table with NULLs,
// duplicates and Unicode / case variants. Each compiled query's ids, in order, must equal a naive C++ evaluation of
// the same filter over the in-memory rows with Django's semantics: a lookup on NULL is false (isnull aside), NOT
// keeps rows whose condition was false or NULL (exclude()), `in: []` matches nothing, `isnull: true` across a
// relation also matches rows without the related row (Django's LEFT JOIN), case-insensitive lookups compare the
// simple Unicode lower case of both sides (rg_lower on SQLite, lower() on PostgreSQL), text compares and sorts in
// byte order, ASC NULLS LAST / DESC NULLS FIRST, pk tiebreaker. Fixed seed, on SQLite and PostgreSQL, through
// SqlRootResolver with a shared plan cache (so shape-keyed plan reuse is exercised too).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "compile/resolver.h"
#include "db/migrate.h"
#include "db/postgres.h"
#include "db/sqlite.h"
#include "execute/executor.h"
#include "generate/generator.h"
#include "json/parse.h"
#include "json/writer.h"
#include "language/parser.h"
#include "models/loader.h"
#include "support/pg_test_cluster.h"
#include "validation/validate.h"

namespace railgun::compile {
namespace {

constexpr const char* kModels = R"(app: prop
models:
  Team:
    fields:
      name: {type: CharField, max_length: 20, null: true}
    graphql:
      filter_fields:
        name: [exact, iexact, icontains, isnull, in]
        rows__name: [exact, icontains, startswith, in]
        rows__note: [isnull, iexact, gt]
        rows__n: [gt, lte, range, isnull]
        rows__amount: [gte, lt, isnull]
  Row:
    fields:
      name: {type: CharField, max_length: 40}
      note: {type: CharField, max_length: 40, null: true}
      n: {type: IntegerField, null: true}
      amount: {type: DecimalField, max_digits: 10, decimal_places: 2, null: true}
      day: {type: DateField, null: true}
      flag: {type: BooleanField, null: true}
      team: {type: ForeignKey, to: Team, on_delete: SET_NULL, null: true, related_name: rows}
    graphql:
      filter_fields:
        name: [exact, iexact, contains, icontains, startswith, in, isnull, gt, gte, lt, lte, range]
        note: [exact, iexact, contains, icontains, startswith, in, isnull, gt, gte, lt, lte, range]
        n: [exact, in, isnull, gt, gte, lt, lte, range]
        amount: [exact, in, isnull, gt, gte, lt, lte, range]
        day: [exact, in, isnull, gt, gte, lt, lte, range]
        flag: [exact, isnull]
        team__name: [exact, iexact, icontains, startswith, in, isnull, gt, lte]
)";

// A cell: NULL, text (text and dates) or an integer (integers, decimals in cents, booleans 0/1).
struct V {
  bool null = true;
  bool text = false;
  std::string s;
  int64_t i = 0;
  static V Null() { return {}; }
  static V Text(std::string t) { return V{false, true, std::move(t), 0}; }
  static V Int(int64_t n) { return V{false, false, {}, n}; }
};

int Compare(const V& a, const V& b) {
  if (a.text) return a.s < b.s ? -1 : a.s > b.s ? 1 : 0;
  return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
}

// Simple Unicode lower case for the characters the data uses (ASCII, É, Ä, Ö, Σ).
std::string Lower(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9E && static_cast<unsigned char>(s[i + 1]) != 0x97) {
      out += static_cast<char>(0xC3);
      out += static_cast<char>(static_cast<unsigned char>(s[i + 1]) + 0x20);
      ++i;
    } else if (c == 0xCE && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA3) {
      out += "\xCF\x83";
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

const std::vector<std::string> kNames = {"apple", "Apple",  "APPLE", "banana", "Banana split", "émile", "Émile",
                                         "ÉMILE", "straße", "Σας",   "σας",    "a%b",          "a_b",   "",
                                         "zebra", "Zebra",  "b",     "ab",     "äpfel",        "Äpfel", "ÖL"};
const std::vector<std::string> kFragments = {"a", "A", "pp", "PP", "é",  "É",  "mile", "MILE", "%",     "_",     "a%",
                                             "σ", "Σ", "",   "ß",  "an", "zz", "Äp",   "b",    "split", "ÄPFEL", "öl"};
const std::vector<std::string> kPrefixes = {"a", "A", "ap", "AP", "É", "é", "Σ", "σα", "", "ban", "z", "Ä", "a%"};
const std::vector<std::optional<int64_t>> kInts = {std::nullopt, -3, 0, 1, 1, 2, 7, 100};
const std::vector<std::optional<int64_t>> kCents = {std::nullopt, -250, 0, 150, 150, 1025, 99999};
const std::vector<std::optional<std::string>> kDays = {std::nullopt, "2024-01-01", "2024-01-01",
                                                       "2023-12-31", "2024-02-29", "2025-06-15"};
const std::vector<std::optional<std::string>> kTeamNames = {"Red", "red", std::nullopt, "Blue", "RED"};
// Teams 6 and 7 have no rows (rows pick among the first five).
const std::vector<std::optional<std::string>> kAllTeamNames = {"Red", "red",    std::nullopt, "Blue",
                                                               "RED", "Lonely", std::nullopt};

struct Row {
  int64_t id = 0;
  int64_t team = 0;                // 0 = none
  std::map<std::string, V> cells;  // name note n amount day flag team (team id), team__name
};

std::string CentsText(int64_t cents) {
  const bool neg = cents < 0;
  const int64_t a = neg ? -cents : cents;
  std::string frac = std::to_string(a % 100);
  if (frac.size() < 2) frac = "0" + frac;
  return (neg ? "-" : "") + std::to_string(a / 100) + "." + frac;
}

// A value as GraphQL input JSON for `column`.
json::Value InputValue(const std::string& path, const V& v) {
  const std::string column = path.rfind("rows__", 0) == 0 ? path.substr(6) : path;
  if (column == "n") return json::Value::Int(v.i);
  if (column == "amount") return json::Value::String(CentsText(v.i));
  if (column == "flag") return json::Value::Bool(v.i != 0);
  return json::Value::String(v.s);
}

struct Leaf {
  std::string column;  // name note n amount day flag team__name
  std::string lookup;
  std::vector<V> values;
  bool isnull = false;
};

struct Filter {
  std::vector<Leaf> leaves;  // distinct keys
  std::optional<std::vector<Filter>> all, any;
  std::vector<Filter> negated;  // 0 or 1
};

std::string Wire(const std::string& column, const std::string& lookup) {
  std::string base = column == "team__name" ? "team_Name" : column == "tname" ? "name" : column;
  if (base.rfind("rows__", 0) == 0) {
    std::string rest = base.substr(6);
    rest[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(rest[0])));
    base = "rows_" + rest;
  }
  if (lookup == "exact") return base;
  std::string l = lookup;
  l[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(l[0])));
  return base + "_" + l;
}

json::Value ToJson(const Filter& f) {
  json::Value o = json::Value::MakeObject();
  for (const Leaf& l : f.leaves) {
    json::Value v;
    if (l.lookup == "isnull") {
      v = json::Value::Bool(l.isnull);
    } else if (l.lookup == "in" || l.lookup == "range") {
      v = json::Value::MakeArray();
      for (const V& x : l.values) v.append(InputValue(l.column, x));
    } else {
      v = InputValue(l.column, l.values[0]);
    }
    o.set(Wire(l.column, l.lookup), std::move(v));
  }
  auto list = [](const std::vector<Filter>& fs) {
    json::Value a = json::Value::MakeArray();
    for (const Filter& s : fs) a.append(ToJson(s));
    return a;
  };
  if (f.all) o.set("AND", list(*f.all));
  if (f.any) o.set("OR", list(*f.any));
  if (!f.negated.empty()) o.set("NOT", ToJson(f.negated[0]));
  return o;
}

// A lookup on one value (Django: a lookup on NULL is false, isnull aside).
bool MatchValue(const Leaf& l, const V& c) {
  if (l.lookup == "isnull") return c.null == l.isnull;
  if (c.null) return false;
  const std::string& op = l.lookup;
  if (op == "exact") return Compare(c, l.values[0]) == 0;
  if (op == "iexact") return Lower(c.s) == Lower(l.values[0].s);
  if (op == "contains") return c.s.find(l.values[0].s) != std::string::npos;
  if (op == "icontains") return Lower(c.s).find(Lower(l.values[0].s)) != std::string::npos;
  if (op == "startswith") return c.s.compare(0, l.values[0].s.size(), l.values[0].s) == 0;
  if (op == "in") {
    for (const V& v : l.values)
      if (Compare(c, v) == 0) return true;
    return false;
  }
  if (op == "gt") return Compare(c, l.values[0]) > 0;
  if (op == "gte") return Compare(c, l.values[0]) >= 0;
  if (op == "lt") return Compare(c, l.values[0]) < 0;
  if (op == "lte") return Compare(c, l.values[0]) <= 0;
  if (op == "range") return Compare(c, l.values[0]) >= 0 && Compare(c, l.values[1]) <= 0;
  ADD_FAILURE() << "lookup " << op;
  return false;
}

// A filter tree over one object, its leaves decided by `leaf`.
template <typename LeafFn>
bool Matches(const Filter& f, const LeafFn& leaf) {
  for (const Leaf& l : f.leaves)
    if (!leaf(l)) return false;
  if (f.all)
    for (const Filter& s : *f.all)
      if (!Matches(s, leaf)) return false;
  if (f.any && !f.any->empty()) {
    bool hit = false;
    for (const Filter& s : *f.any) hit = hit || Matches(s, leaf);
    if (!hit) return false;
  }
  if (!f.negated.empty() && Matches(f.negated[0], leaf)) return false;
  return true;
}

bool RowMatches(const Filter& f, const Row& r) {
  return Matches(f, [&](const Leaf& l) { return MatchValue(l, r.cells.at(l.column)); });
}

// A team: its own name, or `rows__<field>` over its rows (Django's join: any row matches; `isnull: true` also
// when the team has no row).
bool TeamMatches(const Filter& f, int64_t team, const V& name, const std::vector<Row>& rows) {
  return Matches(f, [&](const Leaf& l) {
    if (l.column == "tname") return MatchValue(l, name);
    const std::string field = l.column.substr(6);
    bool any_row = false;
    for (const Row& r : rows) {
      if (r.team != team) continue;
      any_row = true;
      if (MatchValue(l, r.cells.at(field))) return true;
    }
    return l.lookup == "isnull" && l.isnull && !any_row;
  });
}

class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  int Uniform(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(Uniform(static_cast<int>(v.size())))];
  }

  V TextValue(const std::string& lookup) {
    if (lookup == "contains" || lookup == "icontains") return V::Text(Pick(kFragments));
    if (lookup == "startswith") return V::Text(Pick(kPrefixes));
    if (Uniform(4) == 0) return V::Text(Pick(kFragments));
    return V::Text(Pick(kNames));
  }

  V ValueFor(const std::string& column, const std::string& lookup) {
    if (column == "name" || column == "note" || column == "rows__name" || column == "rows__note")
      return TextValue(lookup);
    if (column == "team__name" || column == "tname") {
      if (Uniform(3) == 0) return TextValue(lookup);
      std::optional<std::string> t = Pick(kTeamNames);
      return V::Text(t ? *t : "Red");
    }
    if (column == "n" || column == "rows__n") {
      std::optional<int64_t> v = Pick(kInts);
      return V::Int(v ? *v : 5);
    }
    if (column == "amount" || column == "rows__amount") {
      std::optional<int64_t> v = Pick(kCents);
      return V::Int(v ? *v : 149);
    }
    if (column == "day") {
      std::optional<std::string> v = Pick(kDays);
      return V::Text(v ? *v : "2024-01-02");
    }
    return V::Int(Uniform(2));  // flag
  }

  // The filterable columns and their lookups: the Row filter (default) or the Team filter.
  bool teams = false;

  Leaf RandomLeaf() {
    static const std::map<std::string, std::vector<std::string>> kTeamLookups = {
        {"tname", {"exact", "iexact", "icontains", "isnull", "in"}},
        {"rows__name", {"exact", "icontains", "startswith", "in"}},
        {"rows__note", {"isnull", "iexact", "gt"}},
        {"rows__n", {"gt", "lte", "range", "isnull"}},
        {"rows__amount", {"gte", "lt", "isnull"}},
    };
    static const std::vector<std::string> kTeamColumns = {"tname", "rows__name", "rows__note", "rows__n",
                                                          "rows__amount"};
    static const std::vector<std::string> kRowColumns = {"name", "note", "n", "amount", "day", "flag", "team__name"};
    static const std::map<std::string, std::vector<std::string>> kRowLookups = {
        {"name",
         {"exact", "iexact", "contains", "icontains", "startswith", "in", "isnull", "gt", "gte", "lt", "lte", "range"}},
        {"note",
         {"exact", "iexact", "contains", "icontains", "startswith", "in", "isnull", "gt", "gte", "lt", "lte", "range"}},
        {"n", {"exact", "in", "isnull", "gt", "gte", "lt", "lte", "range"}},
        {"amount", {"exact", "in", "isnull", "gt", "gte", "lt", "lte", "range"}},
        {"day", {"exact", "in", "isnull", "gt", "gte", "lt", "lte", "range"}},
        {"flag", {"exact", "isnull"}},
        {"team__name", {"exact", "iexact", "icontains", "startswith", "in", "isnull", "gt", "lte"}},
    };
    Leaf l;
    l.column = Pick(teams ? kTeamColumns : kRowColumns);
    l.lookup = Pick((teams ? kTeamLookups : kRowLookups).at(l.column));
    if (l.lookup == "isnull") {
      l.isnull = Uniform(2) == 0;
    } else if (l.lookup == "in") {
      const int n = Uniform(4);  // 0..3 values; `in: []` matches nothing
      for (int i = 0; i < n; ++i) l.values.push_back(ValueFor(l.column, "exact"));
    } else if (l.lookup == "range") {
      V a = ValueFor(l.column, "exact"), b = ValueFor(l.column, "exact");
      if (Uniform(4) != 0 && Compare(a, b) > 0) std::swap(a, b);  // sometimes an empty range
      l.values = {a, b};
    } else {
      l.values.push_back(ValueFor(l.column, l.lookup));
    }
    return l;
  }

  Filter RandomFilter(int depth) {
    Filter f;
    std::set<std::string> keys;
    const int parts = 1 + Uniform(depth > 0 ? 3 : 2);
    for (int p = 0; p < parts; ++p) {
      const int kind = depth > 0 ? Uniform(6) : 0;
      if (kind <= 2) {
        Leaf l = RandomLeaf();
        if (keys.insert(Wire(l.column, l.lookup)).second) f.leaves.push_back(std::move(l));
      } else if (kind == 3 && !f.all) {
        f.all.emplace();
        const int n = Uniform(4);  // AND: [] adds no condition
        for (int i = 0; i < n; ++i) f.all->push_back(RandomFilter(depth - 1));
      } else if (kind == 4 && !f.any) {
        f.any.emplace();
        const int n = Uniform(4);
        for (int i = 0; i < n; ++i) f.any->push_back(RandomFilter(depth - 1));
      } else if (kind == 5 && f.negated.empty()) {
        f.negated.push_back(RandomFilter(depth - 1));
      }
    }
    return f;
  }

  std::vector<std::string> RandomOrder() {
    static const std::vector<std::string> kKeys = {"name", "note", "n", "amount", "day", "flag", "team__name", "id"};
    std::vector<std::string> out;
    std::set<std::string> used;
    const int n = Uniform(4);
    for (int i = 0; i < n; ++i) {
      const std::string& k = Pick(kKeys);
      if (!used.insert(k).second) continue;
      out.push_back((Uniform(2) ? "-" : "") + k);
    }
    return out;
  }

  std::mt19937 rng_;
};

// Ids in the compiler's order: the orderBy keys (NULLS LAST ascending, FIRST descending), then the pk.
std::vector<int64_t> NaiveOrder(const std::vector<Row>& rows, const std::vector<std::string>& order) {
  std::vector<const Row*> sorted;
  for (const Row& r : rows) sorted.push_back(&r);
  std::stable_sort(sorted.begin(), sorted.end(), [&](const Row* a, const Row* b) {
    for (const std::string& entry : order) {
      const bool desc = entry[0] == '-';
      const std::string key = desc ? entry.substr(1) : entry;
      const V va = key == "id" ? V::Int(a->id) : a->cells.at(key);
      const V vb = key == "id" ? V::Int(b->id) : b->cells.at(key);
      if (va.null && vb.null) continue;
      if (va.null != vb.null) return desc ? va.null : vb.null;  // NULLS FIRST desc, LAST asc
      const int c = Compare(va, vb);
      if (c != 0) return desc ? c > 0 : c < 0;
    }
    return a->id < b->id;
  });
  std::vector<int64_t> ids;
  for (const Row* r : sorted) ids.push_back(r->id);
  return ids;
}

class FilterPropertyTest : public ::testing::TestWithParam<db::Dialect> {
 protected:
  void SetUp() override {
    std::vector<models::ModelSource> sources(1);
    sources[0].file = "inline.yaml";
    sources[0].text = kModels;
    models::LoadResult r = models::LoadModelSources(sources);
    ASSERT_TRUE(r.ok()) << r.ErrorText();
    project_ = std::make_unique<models::Project>(std::move(*r.project));
    auto g = generate::Generate(*project_);
    ASSERT_TRUE(g.ok()) << g.status().message();
    generated_ = std::move(g).value();
    if (GetParam() == db::Dialect::kSqlite) {
      auto c = db::SqliteConnection::Open({});
      ASSERT_TRUE(c.ok()) << c.status().message();
      conn_ = std::move(c).value();
    } else {
      auto url = testing::EnsureTestPostgres();
      if (!url.ok()) GTEST_SKIP() << "no PostgreSQL: " << url.status().message();
      auto c = db::PostgresConnection::Connect(url.value());
      ASSERT_TRUE(c.ok()) << c.status().message();
      conn_ = std::move(c).value();
      ASSERT_TRUE(conn_
                      ->ExecuteScript("DROP SCHEMA IF EXISTS rg_filter_prop CASCADE; CREATE SCHEMA rg_filter_prop; "
                                      "SET search_path TO rg_filter_prop")
                      .ok());
    }
    for (const std::string& ddl : db::CreateTablesSql(*project_, conn_->dialect()))
      ASSERT_TRUE(conn_->ExecuteScript(ddl).ok()) << ddl << "\n" << conn_->last_error().detail;
    const db::Dialect d = conn_->dialect();
    auto ph = [&](int i) { return db::Placeholder(d, i); };
    for (size_t t = 0; t < kAllTeamNames.size(); ++t) {
      db::Params p = {db::Param(static_cast<int64_t>(t + 1)),
                      kAllTeamNames[t] ? db::Param(*kAllTeamNames[t]) : db::Param()};
      ASSERT_TRUE(conn_->Execute("INSERT INTO prop_team (id, name) VALUES (" + ph(1) + ", " + ph(2) + ")", p).ok());
    }
    // Rows: a fixed pseudo-random mix, so every value (and NULL) appears several times.
    std::mt19937 rng(20261129);
    auto pick = [&](size_t n) { return static_cast<size_t>(std::uniform_int_distribution<int>(0, int(n) - 1)(rng)); };
    for (int64_t id = 1; id <= 36; ++id) {
      Row row;
      row.id = id;
      const std::string name = kNames[static_cast<size_t>(id - 1) % kNames.size()];
      const size_t note = pick(kNames.size() + 4);
      const std::optional<int64_t> n = kInts[pick(kInts.size())];
      const std::optional<int64_t> cents = kCents[pick(kCents.size())];
      const std::optional<std::string> day = kDays[pick(kDays.size())];
      const size_t flag = pick(3);
      const size_t team = pick(kTeamNames.size() + 1);  // 0 = no team
      row.team = static_cast<int64_t>(team);
      row.cells["name"] = V::Text(name);
      row.cells["note"] = note < kNames.size() ? V::Text(kNames[note]) : V::Null();
      row.cells["n"] = n ? V::Int(*n) : V::Null();
      row.cells["amount"] = cents ? V::Int(*cents) : V::Null();
      row.cells["day"] = day ? V::Text(*day) : V::Null();
      row.cells["flag"] = flag < 2 ? V::Int(static_cast<int64_t>(flag)) : V::Null();
      row.cells["team__name"] = team > 0 && kTeamNames[team - 1] ? V::Text(*kTeamNames[team - 1]) : V::Null();
      db::Params p = {db::Param(id),
                      db::Param(name),
                      note < kNames.size() ? db::Param(kNames[note]) : db::Param(),
                      n ? db::Param(*n) : db::Param(),
                      cents ? db::Param(CentsText(*cents)) : db::Param(),
                      day ? db::Param(*day) : db::Param(),
                      flag < 2 ? db::Param(flag == 1) : db::Param(),
                      team > 0 ? db::Param(static_cast<int64_t>(team)) : db::Param()};
      std::string sql = "INSERT INTO prop_row (id, name, note, n, amount, day, flag, team_id) VALUES (";
      for (int i = 1; i <= 8; ++i) {
        std::string cast;
        if (d == db::Dialect::kPostgres && i == 5) cast = "::numeric";
        if (d == db::Dialect::kPostgres && i == 6) cast = "::date";
        sql += (i > 1 ? ", " : "") + ph(i) + cast;
      }
      ASSERT_TRUE(conn_->Execute(sql + ")", p).ok()) << conn_->last_error().detail;
      rows_.push_back(std::move(row));
    }
  }

  // The ids the compiled query returns, or an error text.
  // The ids `root` (rows / teams) returns, in order, or an error text.
  std::vector<int64_t> Run(const json::Value& filter, const std::vector<std::string>& order, std::string* error,
                           std::string* sql, const std::string& root = "rows") {
    const std::string type = root == "rows" ? "RowFilterInput" : "TeamFilterInput";
    const std::string query =
        "query($f: " + type + ", $o: [String!]) { " + root + "(filters: $f, orderBy: $o) { edges { node { id } } } }";
    language::ParseResult parsed = language::Parse(query);
    EXPECT_TRUE(parsed.ok());
    const schema::Schema& schema = generated_->schema();
    auto errors = validation::Validate(schema, parsed.document);
    EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0].message);
    SqlRootResolver resolver(*generated_, *conn_, &cache_);
    resolver.set_explain([&](std::string_view, const CompiledQuery& q) { *sql = q.sql; });
    json::Value vars = json::Value::MakeObject();
    vars.set("f", filter);
    json::Value o = json::Value::MakeArray();
    for (const std::string& s : order) o.append(json::Value::String(s));
    vars.set("o", order.empty() ? json::Value::Null() : o);
    execute::ExecutionRequest req;
    req.schema = &schema;
    req.document = &parsed.document;
    req.variables = vars;
    req.resolver = &resolver;
    const std::string text = execute::Execute(req).ToJsonText();
    auto v = json::Parse(text);
    std::vector<int64_t> ids;
    const json::Value* edges = v.ok() ? v.value().find("data") : nullptr;
    if (edges && edges->is_object()) edges = edges->find(root);
    if (edges && edges->is_object()) edges = edges->find("edges");
    if (!edges || !edges->is_array() || (v.value().find("errors"))) {
      *error = text;
      return ids;
    }
    for (const json::Value& e : edges->as_array()) ids.push_back(std::stoll(e.find("node")->find("id")->as_string()));
    return ids;
  }

  std::unique_ptr<models::Project> project_;
  std::unique_ptr<generate::GeneratedSchema> generated_;
  std::unique_ptr<db::Connection> conn_;
  PlanCache cache_;
  std::vector<Row> rows_;
};

std::string IdsText(const std::vector<int64_t>& ids) {
  std::string out = "[";
  for (size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
  return out + "]";
}

TEST_P(FilterPropertyTest, MatchesNaiveEvaluator) {
  Generator gen(1129);
  int failures = 0, non_trivial = 0;
  for (int iteration = 0; iteration < 600 && failures < 5; ++iteration) {
    const Filter f = gen.RandomFilter(iteration % 4);
    const std::vector<std::string> order = gen.RandomOrder();
    std::vector<Row> matching;
    for (const Row& r : rows_)
      if (RowMatches(f, r)) matching.push_back(r);
    const std::vector<int64_t> expected = NaiveOrder(matching, order);
    if (!expected.empty() && expected.size() < rows_.size()) ++non_trivial;
    std::string error, sql;
    const json::Value filter = ToJson(f);
    const std::vector<int64_t> got = Run(filter, order, &error, &sql);
    std::string order_text;
    for (const std::string& o : order) order_text += o + " ";
    if (!error.empty() || got != expected) {
      ++failures;
      ADD_FAILURE() << "iteration " << iteration << "\nfilters: " << json::Write(filter) << "\norderBy: " << order_text
                    << "\nexpected: " << IdsText(expected) << "\ngot:      " << IdsText(got) << " " << error
                    << "\nsql: " << sql;
    }
  }
  // The generator must produce selective filters, not only all-or-nothing ones.
  EXPECT_GT(non_trivial, 150);
  EXPECT_GT(cache_.hits(), 0);
}

// The other direction: teams filtered through their reverse relation `rows__<field>` (any row matches; isnull
// also without rows), mixed with the team's own nullable name, ordered by name (NULLs, case variants).
TEST_P(FilterPropertyTest, ReverseRelationPathsMatchNaiveEvaluator) {
  Generator gen(2911);
  gen.teams = true;
  int failures = 0, non_trivial = 0;
  for (int iteration = 0; iteration < 300 && failures < 5; ++iteration) {
    const Filter f = gen.RandomFilter(iteration % 3);
    const bool desc = gen.Uniform(2) == 0;
    std::vector<std::pair<V, int64_t>> matching;
    for (size_t t = 0; t < kAllTeamNames.size(); ++t) {
      const int64_t id = static_cast<int64_t>(t + 1);
      const V name = kAllTeamNames[t] ? V::Text(*kAllTeamNames[t]) : V::Null();
      if (TeamMatches(f, id, name, rows_)) matching.emplace_back(name, id);
    }
    std::stable_sort(matching.begin(), matching.end(), [&](const auto& a, const auto& b) {
      if (a.first.null != b.first.null) return desc ? a.first.null : b.first.null;
      const int c = a.first.null ? 0 : Compare(a.first, b.first);
      if (c != 0) return desc ? c > 0 : c < 0;
      return a.second < b.second;
    });
    std::vector<int64_t> expected;
    for (const auto& m : matching) expected.push_back(m.second);
    if (!expected.empty() && expected.size() < kAllTeamNames.size()) ++non_trivial;
    std::string error, sql;
    const json::Value filter = ToJson(f);
    const std::vector<int64_t> got = Run(filter, {desc ? "-name" : "name"}, &error, &sql, "teams");
    if (!error.empty() || got != expected) {
      ++failures;
      ADD_FAILURE() << "iteration " << iteration << "\nfilters: " << json::Write(filter)
                    << "\norderBy: " << (desc ? "-name" : "name") << "\nexpected: " << IdsText(expected)
                    << "\ngot:      " << IdsText(got) << " " << error << "\nsql: " << sql;
    }
  }
  EXPECT_GT(non_trivial, 100);
}

INSTANTIATE_TEST_SUITE_P(Backends, FilterPropertyTest, ::testing::Values(db::Dialect::kSqlite, db::Dialect::kPostgres),
                         [](const ::testing::TestParamInfo<db::Dialect>& info) {
                           return info.param == db::Dialect::kSqlite ? std::string("sqlite") : std::string("postgres");
                         });

}  // namespace
}  // namespace railgun::compile
