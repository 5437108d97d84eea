// LoadSampleData: deterministic, realistic rows for every model of a project (dependency order, FK/M2M links,
// unique fields and unique_together respected), inserted with multi-row parameterized INSERTs in one transaction.
#include "db/sample_data.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace railgun::db {
namespace {

// SplitMix64: tiny, fast and identical on every platform (unlike std distributions).
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform-ish integer in [lo, hi].
  int64_t Range(int64_t lo, int64_t hi) { return hi <= lo ? lo : lo + static_cast<int64_t>(Next() % (hi - lo + 1)); }
  bool Chance(int percent) { return static_cast<int>(Next() % 100) < percent; }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Next() % items.size()];
  }

 private:
  uint64_t state_;
};

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

const std::vector<std::string> kFirstNames = {"Alice", "Bruno",  "Chiara", "Deepak", "Elena", "Farid", "Grace",
                                              "Hiro",  "Ingrid", "Jamal",  "Keiko",  "Liam",  "Maya",  "Noah",
                                              "Olga",  "Pablo",  "Quinn",  "Rosa",   "Sven",  "Tara"};
const std::vector<std::string> kLastNames = {"Anderson", "Baptiste", "Chen",   "Dubois", "Eriksen",  "Fischer",
                                             "Garcia",   "Haddad",   "Ito",    "Jensen", "Kowalski", "Lopez",
                                             "Moreau",   "Nakamura", "Okafor", "Petrov", "Rossi",    "Silva"};
const std::vector<std::string> kWords = {"aurora", "breeze", "cobalt", "delta",   "ember",  "falcon",
                                         "garnet", "harbor", "indigo", "juniper", "kepler", "lumen",
                                         "meadow", "nimbus", "orchid", "prism",   "quartz", "river",
                                         "summit", "timber", "umber",  "velvet",  "willow", "zephyr"};
const std::vector<std::string> kCities = {"Lisbon", "Osaka", "Toronto", "Nairobi", "Berlin",
                                          "Austin", "Lyon",  "Seoul",   "Lima",    "Oslo"};
const std::vector<std::string> kCountries = {"PT", "JP", "CA", "KE", "DE", "US", "FR", "KR", "PE", "NO"};
const std::vector<std::string> kSentences = {
    "Fast queries start with a good data model.",   "Every request compiles to a single SQL statement.",
    "The quick brown fox jumps over the lazy dog.", "Ship small changes and measure everything.",
    "Good defaults make simple things simple.",     "Caching is easy; invalidation is the hard part.",
    "Readable code is a gift to your future self.", "Latency budgets keep teams honest.",
};

std::string Capitalize(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

bool Has(std::string_view name, std::string_view part) { return name.find(part) != std::string_view::npos; }

std::string TwoDigits(int64_t v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", static_cast<int>(v));
  return buf;
}

// Fits `base` into max_length keeping a uniqueness suffix at the end.
std::string FitUnique(std::string base, const std::string& suffix, std::optional<int> max_length) {
  if (!max_length) return base + suffix;
  size_t max = static_cast<size_t>(*max_length);
  if (suffix.size() >= max) return suffix.substr(suffix.size() - max);
  if (base.size() + suffix.size() > max) base.resize(max - suffix.size());
  return base + suffix;
}

std::string Fit(std::string s, std::optional<int> max_length) {
  if (max_length && s.size() > static_cast<size_t>(*max_length)) s.resize(static_cast<size_t>(*max_length));
  return s;
}

struct Generator {
  Dialect dialect;
  Rng& rng;
  std::string model_name;  // lower-cased: person-like models get person names for `name`

  std::string Date() {
    return std::to_string(rng.Range(2024, 2026)) + "-" + TwoDigits(rng.Range(1, 12)) + "-" +
           TwoDigits(rng.Range(1, 28));
  }
  std::string Time() {
    return TwoDigits(rng.Range(0, 23)) + ":" + TwoDigits(rng.Range(0, 59)) + ":" + TwoDigits(rng.Range(0, 59));
  }
  std::string DateTime() {
    std::string s = Date() + " " + Time();
    if (dialect == Dialect::kPostgres) s += "+00:00";
    return s;
  }
  std::string Uuid() {
    static constexpr char kHex[] = "0123456789abcdef";
    uint64_t a = rng.Next(), b = rng.Next();
    a = (a & ~0xF000ULL) | 0x4000ULL;                         // version 4
    b = (b & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // variant 10
    std::string hex;
    for (int i = 15; i >= 0; --i) hex += kHex[(a >> (i * 4)) & 0xF];
    for (int i = 15; i >= 0; --i) hex += kHex[(b >> (i * 4)) & 0xF];
    if (dialect == Dialect::kSqlite) return hex;  // Django's char(32) form
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
           hex.substr(20);
  }
  std::string Words(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += (i ? " " : "") + rng.Pick(kWords);
    return s;
  }

  // A value for a non-relation field of row `index` (0-based).
  Param Value(const models::Field& f, int64_t index) {
    using models::FieldKind;
    std::string name = f.name;
    std::string suffix = "-" + std::to_string(index + 1);
    if (f.has_choices()) {
      const json::Value& v = f.choices[static_cast<size_t>(rng.Next() % f.choices.size())].value;
      auto p = Param::FromJson(v);
      if (p.ok()) return *p;
    }
    switch (f.kind) {
      case FieldKind::kCharField:
      case FieldKind::kTextField: {
        std::string s;
        std::string first = rng.Pick(kFirstNames), last = rng.Pick(kLastNames);
        if (name == "first_name")
          s = first;
        else if (name == "last_name")
          s = last;
        else if (Has(name, "username") || Has(name, "handle"))
          s = Lower(first) + "_" + Lower(last);
        else if (Has(name, "email"))
          s = Lower(first) + "." + Lower(last) + "@example.com";
        else if (Has(name, "phone"))
          s = "+1-555-" + std::to_string(rng.Range(1000000, 9999999));
        else if (Has(name, "city"))
          s = rng.Pick(kCities);
        else if (Has(name, "country"))
          s = rng.Pick(kCountries);
        else if (Has(name, "currency"))
          s = "USD";
        else if (Has(name, "color") || Has(name, "colour"))
          s = "#" + Hex6();
        else if (Has(name, "sku") || Has(name, "code"))
          s = "SKU-" + std::to_string(rng.Range(10000, 99999));
        else if (Has(name, "url") || Has(name, "website"))
          s = "https://example.com/" + rng.Pick(kWords);
        else if (Has(name, "ip"))
          s = "10.0." + std::to_string(rng.Range(0, 255)) + "." + std::to_string(rng.Range(1, 254));
        else if (Has(name, "slug"))
          s = rng.Pick(kWords) + "-" + rng.Pick(kWords);
        else if ((name == "name" && IsPersonModel()) || Has(name, "full_name") || Has(name, "author"))
          s = first + " " + last;
        else if (Has(name, "title") || Has(name, "name") || Has(name, "label") || Has(name, "subject"))
          s = Capitalize(Words(static_cast<int>(rng.Range(1, 3))));
        else if (f.kind == FieldKind::kTextField || Has(name, "description") || Has(name, "body") ||
                 Has(name, "content") || Has(name, "bio") || Has(name, "text") || Has(name, "message"))
          s = rng.Pick(kSentences) + " " + rng.Pick(kSentences);
        else
          s = Capitalize(Words(2));
        if (f.unique) return FitUnique(s, suffix, f.max_length);
        return Fit(s, f.max_length);
      }
      case FieldKind::kSlugField: {
        std::string s = rng.Pick(kWords) + "-" + rng.Pick(kWords);
        return FitUnique(s, suffix, f.max_length);  // slugs are unique-ish everywhere (unique_together too)
      }
      case FieldKind::kEmailField: {
        std::string s = Lower(rng.Pick(kFirstNames)) + "." + Lower(rng.Pick(kLastNames)) + std::to_string(index + 1) +
                        "@example.com";
        return Fit(s, f.max_length);
      }
      case FieldKind::kURLField:
        return Fit("https://example.com/" + rng.Pick(kWords) + "/" + std::to_string(index + 1), f.max_length);
      case FieldKind::kFileField:
      case FieldKind::kImageField: {
        std::string dir = f.upload_to.empty() ? "uploads/" : f.upload_to;
        if (dir.back() != '/') dir += '/';
        std::string ext = f.kind == FieldKind::kImageField ? ".jpg" : ".pdf";
        return Fit(dir + rng.Pick(kWords) + "-" + std::to_string(index + 1) + ext, f.max_length);
      }
      case FieldKind::kGenericIPAddressField:
        return "192.168." + std::to_string(rng.Range(0, 255)) + "." + std::to_string(rng.Range(1, 254));
      case FieldKind::kUUIDField: return Uuid();
      case FieldKind::kIntegerField:
      case FieldKind::kBigIntegerField:
      case FieldKind::kSmallIntegerField:
      case FieldKind::kPositiveIntegerField:
      case FieldKind::kPositiveBigIntegerField:
      case FieldKind::kPositiveSmallIntegerField:
      case FieldKind::kAutoField:
      case FieldKind::kBigAutoField:
      case FieldKind::kSmallAutoField: {
        if (f.unique) return index + 1;
        if (Has(name, "rating") || Has(name, "stars") || Has(name, "score")) return rng.Range(1, 5);
        if (Has(name, "quantity") || Has(name, "qty")) return rng.Range(1, 10);
        if (Has(name, "order") || Has(name, "position") || Has(name, "step") || Has(name, "priority")) return index + 1;
        if (Has(name, "age")) return rng.Range(18, 80);
        if (Has(name, "year")) return rng.Range(2024, 2026);
        if (Has(name, "stock") || Has(name, "inventory")) return rng.Range(0, 500);
        if (Has(name, "count") || Has(name, "views")) return rng.Range(0, 5000);
        return rng.Range(1, 1000);
      }
      case FieldKind::kFloatField: return static_cast<double>(rng.Range(0, 100000)) / 100.0;
      case FieldKind::kDecimalField: {
        int places = f.decimal_places.value_or(2);
        int digits = f.max_digits.value_or(10);
        int64_t max_whole = 1;
        for (int i = 0; i < std::min(digits - places, 5); ++i) max_whole *= 10;
        max_whole -= 1;
        bool percent = Has(name, "rate") || Has(name, "percent") || Has(name, "discount") || Has(name, "tax");
        int64_t whole = rng.Range(percent ? 0 : 1, std::min<int64_t>(max_whole, percent ? 30 : 999));
        std::string s = std::to_string(whole);
        if (places > 0) {
          s += ".";
          std::string frac = std::to_string(rng.Range(0, 99));
          if (frac.size() < 2) frac = "0" + frac;
          if (places == 1) frac.resize(1);
          while (static_cast<int>(frac.size()) < places) frac += "0";
          s += frac;
        }
        return s;
      }
      case FieldKind::kBooleanField: return rng.Chance(Has(name, "active") || Has(name, "published") ? 80 : 50);
      case FieldKind::kDateField: return Date();
      case FieldKind::kDateTimeField: return DateTime();
      case FieldKind::kTimeField: return Time();
      case FieldKind::kDurationField: {
        int64_t seconds = rng.Range(60, 7200);
        if (dialect == Dialect::kSqlite) return seconds * 1000000;  // Django stores microseconds
        return std::to_string(seconds) + " seconds";
      }
      case FieldKind::kJSONField: {
        return std::string("{\"source\": \"") + rng.Pick(kWords) +
               "\", \"version\": " + std::to_string(rng.Range(1, 5)) +
               ", \"enabled\": " + (rng.Chance(50) ? "true" : "false") + "}";
      }
      case FieldKind::kBinaryField: {
        std::string bytes;
        for (int i = 0; i < 8; ++i) bytes += static_cast<char>(rng.Next() & 0xFF);
        return Param::Bytes(std::move(bytes));
      }
      default: return Param::Null();
    }
  }

  bool IsPersonModel() const {
    for (std::string_view p : {"author", "user", "customer", "person", "profile", "member", "employee", "contact"})
      if (model_name.find(p) != std::string::npos) return true;
    return false;
  }

  std::string Hex6() {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string s;
    uint64_t v = rng.Next();
    for (int i = 0; i < 6; ++i) s += kHex[(v >> (i * 4)) & 0xF];
    return s;
  }
  static std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
};

std::string QuoteIdent(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Rows per model: small lookup-ish models (no FKs) get fewer rows than the models that point at them.
int BaseCount(const models::Model& m) {
  bool has_fk = false;
  for (const auto& f : m.fields) has_fk |= f.is_to_one() && !f.primary_key;
  return has_fk ? 30 : 12;
}

// Inserts `rows` into `table` with multi-row INSERTs (bounded by batch size and the parameter limit).
Status InsertRows(Connection& conn, const std::string& table, const std::vector<std::string>& columns,
                  const std::vector<Params>& rows, int batch_size) {
  if (rows.empty() || columns.empty()) return Status::Ok();
  size_t per_statement = std::max<size_t>(1, std::min<size_t>(batch_size, 30000 / columns.size()));
  std::string head = "INSERT INTO " + QuoteIdent(table) + " (";
  for (size_t i = 0; i < columns.size(); ++i) head += (i ? ", " : "") + QuoteIdent(columns[i]);
  head += ") VALUES ";
  for (size_t start = 0; start < rows.size(); start += per_statement) {
    size_t end = std::min(rows.size(), start + per_statement);
    std::string sql = head;
    Params params;
    int n = 0;
    for (size_t r = start; r < end; ++r) {
      sql += r == start ? "(" : ", (";
      for (size_t c = 0; c < columns.size(); ++c) {
        sql += (c ? ", " : "") + Placeholder(conn.dialect(), ++n);
        params.push_back(rows[r][c]);
      }
      sql += ")";
    }
    RG_ASSIGN_OR_RETURN(auto result, conn.Execute(sql, std::span<const Param>(params)));
    (void)result;
  }
  return Status::Ok();
}

// Models ordered so FK targets come first; edges of nullable FKs are dropped when needed to break cycles.
std::vector<const models::Model*> DependencyOrder(const std::vector<const models::Model*>& all) {
  std::vector<const models::Model*> order;
  std::set<const models::Model*> done;
  std::vector<const models::Model*> pending = all;
  for (bool relax = false; !pending.empty();) {
    bool progress = false;
    std::vector<const models::Model*> still;
    for (const models::Model* m : pending) {
      bool ready = true;
      for (const auto& f : m->fields) {
        if (!f.is_to_one() || !f.target || f.target == m || done.count(f.target)) continue;
        if (relax && f.null) continue;
        if (std::find(all.begin(), all.end(), f.target) == all.end()) continue;
        ready = false;
      }
      if (ready) {
        order.push_back(m);
        done.insert(m);
        progress = true;
      } else {
        still.push_back(m);
      }
    }
    pending = std::move(still);
    if (!progress) {
      if (relax) {  // a cycle of non-null FKs: insert the rest as is (the database decides)
        for (const auto* m : pending) order.push_back(m);
        break;
      }
      relax = true;
    } else {
      relax = false;
    }
  }
  return order;
}

struct ModelRows {
  std::vector<Param> pks;  // pk value per inserted row
};

}  // namespace

Status LoadSampleData(Connection& conn, const models::Project& project, const SampleDataOptions& options) {
  const Dialect dialect = conn.dialect();
  std::vector<const models::Model*> order = DependencyOrder(project.models());
  std::unordered_map<const models::Model*, ModelRows> inserted;
  int scale = std::max(1, options.scale);

  Transaction tx(conn);
  RG_RETURN_IF_ERROR(tx.Begin());
  for (const models::Model* model : order) {
    Rng rng(options.seed ^ Fnv1a(model->label()));
    Generator gen{dialect, rng, model->lower_name()};
    const models::Field* pk = model->pk();
    int64_t count = static_cast<int64_t>(BaseCount(*model)) * scale;
    // The parent-link pk of multi-table inheritance / a O2O pk: one row per target row at most.
    if (pk && pk->is_to_one() && pk->target) count = static_cast<int64_t>(inserted[pk->target].pks.size());

    std::vector<const models::Field*> fields;
    std::vector<std::string> columns;
    for (const auto& f : model->fields) {
      if (f.is_many_to_many() || f.column.empty()) continue;
      fields.push_back(&f);
      columns.push_back(f.column);
    }
    // Unique column groups to keep distinct: unique_together, unique constraints, unique indexes, unique FKs.
    std::vector<std::vector<size_t>> unique_groups;
    auto group_of = [&](const std::vector<std::string>& names) {
      std::vector<size_t> g;
      for (const auto& n : names) {
        std::string_view clean = n;
        if (!clean.empty() && clean[0] == '-') clean.remove_prefix(1);
        for (size_t i = 0; i < fields.size(); ++i)
          if (fields[i]->name == clean || fields[i]->column == clean) g.push_back(i);
      }
      if (!g.empty()) unique_groups.push_back(std::move(g));
    };
    for (const auto& ut : model->unique_together) group_of(ut);
    for (const auto& c : model->constraints)
      if (c.kind == models::Constraint::Kind::kUnique && c.condition.empty()) group_of(c.fields);
    for (const auto& ix : model->indexes)
      if (ix.unique) group_of(ix.fields);
    for (size_t i = 0; i < fields.size(); ++i)
      if (fields[i]->is_to_one() && fields[i]->unique) unique_groups.push_back({i});
    std::vector<std::set<std::string>> seen(unique_groups.size());

    std::vector<Params> rows;
    ModelRows& mine = inserted[model];
    for (int64_t index = 0; index < count; ++index) {
      Params row;
      bool accepted = false;
      for (int attempt = 0; attempt < 12 && !accepted; ++attempt) {
        row.clear();
        for (const models::Field* f : fields) {
          if (f == pk && models::IsAutoKind(f->kind)) {
            row.emplace_back(index + 1);
          } else if (f->is_to_one()) {
            const std::vector<Param>* targets = nullptr;
            if (f->target == model) {
              targets = &mine.pks;  // self reference: only rows already generated
            } else if (auto it = inserted.find(f->target); it != inserted.end()) {
              targets = &it->second.pks;
            }
            bool unique_fk = f->unique || f == pk;
            if (!targets || targets->empty() || (f->null && f->target != model && rng.Chance(10)) ||
                (unique_fk && index >= static_cast<int64_t>(targets->size()))) {
              row.emplace_back(Param::Null());
            } else if (unique_fk) {
              row.push_back((*targets)[static_cast<size_t>(index)]);
            } else {
              row.push_back((*targets)[rng.Next() % targets->size()]);
            }
          } else if (f->null && !f->unique && !f->primary_key && rng.Chance(10)) {
            row.emplace_back(Param::Null());
          } else {
            row.push_back(gen.Value(*f, index));
          }
        }
        accepted = true;
        for (size_t g = 0; g < unique_groups.size() && accepted; ++g) {
          std::string key;
          bool any_null = false;
          for (size_t i : unique_groups[g]) {
            any_null |= row[i].is_null();
            key += row[i].DebugString() + "\x1f";
          }
          if (!any_null && seen[g].count(key)) accepted = false;
        }
      }
      bool null_violation = false;
      for (size_t i = 0; i < fields.size(); ++i)
        if (row[i].is_null() && !fields[i]->null) null_violation = true;
      if (!accepted || null_violation) continue;  // could not make a valid row: skip it
      for (size_t g = 0; g < unique_groups.size(); ++g) {
        std::string key;
        for (size_t i : unique_groups[g]) key += row[i].DebugString() + "\x1f";
        seen[g].insert(key);
      }
      for (size_t i = 0; i < fields.size(); ++i)
        if (fields[i] == pk) mine.pks.push_back(row[i]);
      rows.push_back(std::move(row));
    }
    RG_RETURN_IF_ERROR(InsertRows(conn, model->db_table, columns, rows, options.batch_size));
    if (dialect == Dialect::kPostgres && pk && models::IsAutoKind(pk->kind) && !rows.empty()) {
      std::string sql = "SELECT setval(pg_get_serial_sequence('" + QuoteIdent(model->db_table) + "', '" + pk->column +
                        "'), " + std::to_string(rows.size()) + ")";
      RG_RETURN_IF_ERROR(conn.Execute(sql).status());
    }
  }

  // Auto-created M2M join tables: each source row links to 1-3 distinct target rows.
  for (const models::Model* model : order) {
    for (const auto& f : model->fields) {
      if (!f.is_many_to_many() || !f.through.empty() || !f.target || f.m2m_table.empty()) continue;
      const auto& sources = inserted[model].pks;
      const auto& targets = inserted[f.target].pks;
      if (sources.empty() || targets.empty()) continue;
      Rng rng(options.seed ^ Fnv1a(model->label() + "." + f.name));
      std::vector<Params> rows;
      for (const Param& source : sources) {
        std::set<size_t> picked;
        int64_t links = rng.Range(1, std::min<int64_t>(3, static_cast<int64_t>(targets.size())));
        for (int i = 0; i < links * 3 && static_cast<int64_t>(picked.size()) < links; ++i)
          picked.insert(static_cast<size_t>(rng.Next() % targets.size()));
        for (size_t t : picked) rows.push_back({source, targets[t]});
      }
      RG_RETURN_IF_ERROR(
          InsertRows(conn, f.m2m_table, {f.m2m_source_column, f.m2m_target_column}, rows, options.batch_size));
    }
  }
  return tx.Commit();
}

}  // namespace railgun::db
