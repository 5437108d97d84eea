// SQL dialect text for SQLite and PostgreSQL (see dialect.h).
#include "sql/dialect.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "sql/decimal.h"

namespace railgun::sql {

using models::FieldKind;

std::string Ident(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string Literal(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    if (c == '\0') continue;
    out += c;
  }
  out += '\'';
  return out;
}

std::string Column(std::string_view alias, std::string_view column) {
  std::string out(alias);
  out += '.';
  out += Ident(column);
  return out;
}

std::string ParamList::Add(db::Param p, std::string_view pg_cast) {
  params_.push_back(std::move(p));
  const std::string n = std::to_string(params_.size());
  if (dialect_ == Dialect::kSqlite) return "?" + n;
  std::string out = "$" + n;
  if (!pg_cast.empty()) {
    out += "::";
    out += pg_cast;
  }
  return out;
}

namespace {
// Members per json_object / json_build_object call: PostgreSQL takes at most 100 arguments, SQLite 127
// (SQLITE_MAX_FUNCTION_ARG's default).
constexpr size_t kMaxMembersPerCall = 50;
}  // namespace

std::string JsonObject(Dialect d, const std::vector<JsonMember>& members) {
  if (members.size() > kMaxMembersPerCall) {
    std::vector<std::vector<JsonMember>> chunks;
    for (size_t i = 0; i < members.size(); i += kMaxMembersPerCall)
      chunks.emplace_back(
          members.begin() + static_cast<std::ptrdiff_t>(i),
          members.begin() + static_cast<std::ptrdiff_t>(std::min(members.size(), i + kMaxMembersPerCall)));
    if (d == Dialect::kSqlite) {
      // json_set appends new members in argument order (json_patch would drop null members).
      std::string out = JsonObject(d, chunks[0]);
      for (size_t c = 1; c < chunks.size(); ++c) {
        std::string call = "json_set(" + out;
        for (const JsonMember& m : chunks[c]) {
          call += ", " + Literal("$.\"" + m.key + "\"") + ", ";
          const bool direct = m.expr.rfind("json_object(", 0) == 0 || m.expr.rfind("json(", 0) == 0 ||
                              m.expr.rfind("json_group_array(", 0) == 0;
          call += m.json && !direct ? "json(" + m.expr + ")" : m.expr;
        }
        out = call + ")";
      }
      return out;
    }
    // PostgreSQL: one json_build_object per chunk, joined as text (`{a..}` + `{b..}` -> `{a.., b..}`), which keeps
    // the member order (jsonb concatenation would reorder members).
    std::string out = "(";
    for (size_t c = 0; c < chunks.size(); ++c) {
      std::string t = "(" + JsonObject(d, chunks[c]) + ")::text";
      if (c + 1 < chunks.size()) t = "left(" + t + ", -1)";
      if (c > 0) t = "substr(" + t + ", 2)";
      out += (c ? " || ', ' || " : "") + t;
    }
    return out + ")::json";
  }
  std::string out = d == Dialect::kSqlite ? "json_object(" : "json_build_object(";
  bool first = true;
  for (const JsonMember& m : members) {
    if (!first) out += ", ";
    first = false;
    out += Literal(m.key);
    out += ", ";
    // Subquery results lose SQLite's JSON subtype: re-mark them with json(). Direct json_object()/json_group_array()
    // calls keep it (no wrapper, which also keeps SQLite's parser stack shallow for deep selections).
    const bool direct = m.expr.rfind("json_object(", 0) == 0 || m.expr.rfind("json(", 0) == 0 ||
                        m.expr.rfind("json_group_array(", 0) == 0;
    if (d == Dialect::kSqlite && m.json && !direct) {
      out += "json(" + m.expr + ")";
    } else {
      out += m.expr;
    }
  }
  out += ")";
  return out;
}

std::string JsonArrayAgg(Dialect d, std::string_view element_expr, std::string_view from_where,
                         std::string_view order_by) {
  std::string out;
  if (d == Dialect::kSqlite) {
    // SQLite 3.40 has no ORDER BY inside aggregates: aggregate an ordered subquery (rows keep its order).
    out = "(SELECT json_group_array(json(_e.j)) FROM (SELECT ";
    out += element_expr;
    out += " AS j ";
    out += from_where;
    if (!order_by.empty()) {
      out += " ORDER BY ";
      out += order_by;
    }
    out += ") _e)";
  } else {
    out = "(SELECT COALESCE(json_agg(";
    out += element_expr;
    if (!order_by.empty()) {
      out += " ORDER BY ";
      out += order_by;
    }
    out += "), '[]'::json) ";
    out += from_where;
    out += ")";
  }
  return out;
}

std::string JsonBool(Dialect d, std::string_view condition) {
  if (d == Dialect::kSqlite) return "json(CASE WHEN " + std::string(condition) + " THEN 'true' ELSE 'false' END)";
  return "(CASE WHEN " + std::string(condition) + " THEN TRUE ELSE FALSE END)";
}

std::string True(Dialect d) { return d == Dialect::kSqlite ? "1" : "TRUE"; }
std::string False(Dialect d) { return d == Dialect::kSqlite ? "0" : "FALSE"; }

std::string Least(Dialect d, std::string_view a, std::string_view b) {
  return std::string(d == Dialect::kSqlite ? "min(" : "LEAST(") + std::string(a) + ", " + std::string(b) + ")";
}
std::string Greatest(Dialect d, std::string_view a, std::string_view b) {
  return std::string(d == Dialect::kSqlite ? "max(" : "GREATEST(") + std::string(a) + ", " + std::string(b) + ")";
}

std::string IntToText(Dialect d, std::string_view expr) {
  if (d == Dialect::kSqlite) return "CAST(" + std::string(expr) + " AS TEXT)";
  return "(" + std::string(expr) + ")::text";
}

std::string Hex(Dialect d, std::string_view expr) {
  if (d == Dialect::kSqlite) return "printf('%x', " + std::string(expr) + ")";
  return "to_hex((" + std::string(expr) + ")::bigint)";
}

std::string Lower(Dialect d, std::string_view expr) {
  return std::string(d == Dialect::kSqlite ? "rg_lower(" : "lower(") + std::string(expr) + ")";
}

namespace {

std::string SqliteDateTimeOut(std::string_view c) {
  std::string col(c);
  // ISO 8601 in UTC with microseconds when present (Python's isoformat), from Django's stored text.
  return "CASE WHEN " + col + " IS NULL THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%S', " + col +
         ") || CASE WHEN substr(" + col + ", 20, 1) = '.' AND rtrim(substr(" + col +
         ", 21, 6), '0') <> '' THEN '.' || substr(substr(" + col +
         ", 21, 6) || '000000', 1, 6) ELSE '' END || '+00:00' END";
}

std::string PgDateTimeOut(std::string_view c) {
  std::string col(c);
  return "CASE WHEN " + col + " IS NULL THEN NULL ELSE to_char(" + col +
         " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN date_part('microseconds', " + col +
         ")::bigint % 1000000 <> 0 THEN to_char(" + col + " AT TIME ZONE 'UTC', '.US') ELSE '' END || '+00:00' END";
}

}  // namespace

JsonMember OutputColumn(Dialect d, const models::Field& field, std::string_view column_expr,
                        std::string_view graphql_type) {
  std::string c(column_expr);
  const bool lite = d == Dialect::kSqlite;
  if (graphql_type == "ID") {
    // A UUID key (or an FK to one) reads the same on both backends: the dashed lower-case form.
    const models::Field* key = &field;
    for (int i = 0; i < 8 && key->is_to_one() && key->target && key->to_field.empty(); ++i) key = key->target->pk();
    if (key->kind == models::FieldKind::kUUIDField) return OutputColumn(d, *key, column_expr, "UUID");
    return {"", IntToText(d, c), false};
  }
  if (graphql_type == "Boolean") {
    if (lite) return {"", "CASE WHEN " + c + " IS NULL THEN NULL WHEN " + c + " THEN 'true' ELSE 'false' END", true};
    return {"", c, false};
  }
  if (graphql_type == "Decimal") {
    if (!lite) return {"", c + "::text", false};
    if (!field.decimal_places) return {"", "CAST(" + c + " AS TEXT)", false};
    return {"", SqliteDecimalText(c, std::to_string(*field.decimal_places)), false};
  }
  if (graphql_type == "DateTime") return {"", lite ? SqliteDateTimeOut(c) : PgDateTimeOut(c), false};
  if (graphql_type == "Date") return {"", lite ? c : "to_char(" + c + ", 'YYYY-MM-DD')", false};
  if (graphql_type == "Time") return {"", lite ? c : c + "::text", false};
  if (graphql_type == "JSON") return {"", c, lite};
  if (graphql_type == "UUID") {
    if (!lite) return {"", c + "::text", false};
    return {"",
            "CASE WHEN length(" + c + ") = 32 THEN lower(substr(" + c + ", 1, 8) || '-' || substr(" + c +
                ", 9, 4) || '-' || substr(" + c + ", 13, 4) || '-' || substr(" + c + ", 17, 4) || '-' || substr(" + c +
                ", 21)) ELSE lower(" + c + ") END",
            false};
  }
  if (graphql_type == "Float" && lite) {
    // 3.0 is written as 3 (as PostgreSQL and JSON.stringify do).
    return {"",
            "CASE WHEN typeof(" + c + ") = 'real' AND " + c + " = CAST(" + c + " AS INTEGER) AND abs(" + c +
                ") < 9007199254740992 THEN CAST(" + c + " AS INTEGER) ELSE " + c + " END",
            false};
  }
  if (graphql_type == "Duration") {
    // Django's duration_iso_string: [-]P<days>DT<hh>H<mm>M<ss>[.ffffff]S, from microseconds.
    std::string us = lite ? "abs(" + c + ")" : "abs((extract(epoch FROM " + c + ") * 1000000)::bigint)";
    auto two = [&](const std::string& e) {
      return lite ? "printf('%02d', " + e + ")" : "lpad((" + e + ")::text, 2, '0')";
    };
    std::string micros = "(" + us + " % 1000000)";
    std::string frac = lite
                           ? "CASE WHEN " + micros + " <> 0 THEN printf('.%06d', " + micros + ") ELSE '' END"
                           : "CASE WHEN " + micros + " <> 0 THEN '.' || lpad(" + micros + "::text, 6, '0') ELSE '' END";
    std::string negative = lite ? c + " < 0" : c + " < interval '0'";
    std::string days = "(" + us + " / 86400000000)";
    std::string e = "CASE WHEN " + c + " IS NULL THEN NULL ELSE (CASE WHEN " + negative +
                    " THEN '-' ELSE '' END) || 'P' || " + (lite ? "CAST(" + days + " AS TEXT)" : days + "::text") +
                    " || 'DT' || " + two("(" + us + " % 86400000000) / 3600000000") + " || 'H' || " +
                    two("(" + us + " % 3600000000) / 60000000") + " || 'M' || " +
                    two("(" + us + " % 60000000) / 1000000") + " || " + frac + " || 'S' END";
    return {"", e, false};
  }
  if (graphql_type == "String" && !lite && field.kind == FieldKind::kGenericIPAddressField)
    return {"", "host(" + c + ")", false};  // inet::text would add the prefix length (`/128`)
  if (graphql_type == "String" && !lite && field.kind != FieldKind::kCharField && field.kind != FieldKind::kTextField)
    return {"", c + "::text", false};
  return {"", c, false};
}

JsonMember OutputExpression(Dialect d, std::string_view expr, std::string_view graphql_type,
                            std::string_view decimal_scale_sql) {
  std::string e = "(" + std::string(expr) + ")";
  const bool lite = d == Dialect::kSqlite;
  if (graphql_type == "Decimal" && lite && !decimal_scale_sql.empty())
    return {"", SqliteDecimalText(e, decimal_scale_sql), false};
  if (graphql_type == "Boolean") {
    if (lite) return {"", "CASE WHEN " + e + " IS NULL THEN NULL WHEN " + e + " THEN 'true' ELSE 'false' END", true};
    return {"", e, false};
  }
  if (graphql_type == "Decimal" || graphql_type == "ID" || graphql_type == "String") {
    if (lite) return {"", "CAST(" + e + " AS TEXT)", false};
    return {"", e + "::text", false};
  }
  if (graphql_type == "JSON") return {"", e, lite};
  return {"", e, false};
}

std::string ComparableColumn(Dialect d, FieldKind kind, std::string_view column_expr) {
  std::string c(column_expr);
  if (d == Dialect::kSqlite) {
    if (kind == FieldKind::kDecimalField) return "CAST(" + c + " AS REAL)";
    if (kind == FieldKind::kDateTimeField) return "strftime('%Y-%m-%d %H:%M:%f', " + c + ")";
  }
  // A JSONField column is jsonb, or json with `preserve_key_order` (no equality operator): compare as jsonb.
  if (kind == FieldKind::kJSONField) return "(" + c + ")::jsonb";
  return c;
}

std::string ComparableParam(ParamList& params, FieldKind kind, db::Param value) {
  const bool lite = params.dialect() == Dialect::kSqlite;
  switch (kind) {
    case FieldKind::kDecimalField: {
      std::string p = params.Add(std::move(value), "numeric");
      return lite ? "CAST(" + p + " AS REAL)" : p;
    }
    case FieldKind::kDateTimeField: {
      std::string p = params.Add(std::move(value), "timestamptz");
      return lite ? "strftime('%Y-%m-%d %H:%M:%f', " + p + ")" : p;
    }
    case FieldKind::kDateField: return params.Add(std::move(value), "date");
    case FieldKind::kTimeField: return params.Add(std::move(value), "time");
    case FieldKind::kBooleanField: return params.Add(std::move(value), "boolean");
    case FieldKind::kFloatField: return params.Add(std::move(value), "double precision");
    case FieldKind::kJSONField:
      return lite ? "json(" + params.Add(std::move(value)) + ")" : params.Add(std::move(value), "jsonb");
    case FieldKind::kDurationField: {
      // ISO 8601 text -> microseconds (SQLite's storage) or an interval literal PostgreSQL reads.
      if (value.kind() == db::Param::Kind::kText)
        if (std::optional<int64_t> us = ParseIsoDuration(value.as_text()))
          value = lite ? db::Param(*us) : db::Param(std::to_string(*us) + " microseconds");
      if (lite) return params.Add(std::move(value));
      return params.Add(std::move(value), "interval");
    }
    case FieldKind::kUUIDField:
      if (lite && value.kind() == db::Param::Kind::kText) {  // stored as 32 lower-case hex digits
        std::string hex;
        for (char ch : value.as_text())
          if (ch != '-') hex += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return params.Add(db::Param(hex));
      }
      return params.Add(std::move(value), "uuid");
    default:
      if (models::IsIntegerKind(kind)) return params.Add(std::move(value), "bigint");
      return params.Add(std::move(value), "text");
  }
}

std::string OrderTerm(Dialect d, std::string_view expr, bool descending, bool text) {
  std::string out(expr);
  if (text && d == Dialect::kPostgres) out += " COLLATE \"C\"";
  out += descending ? " DESC NULLS FIRST" : " ASC NULLS LAST";
  return out;
}

std::optional<int64_t> ParseIsoDuration(std::string_view s) {
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
  if (i >= s.size() || s[i++] != 'P') return std::nullopt;
  bool time = false, any = false;
  int64_t micros = 0;
  while (i < s.size()) {
    if (s[i] == 'T') {
      if (time) return std::nullopt;
      time = true;
      ++i;
      continue;
    }
    size_t start = i;
    int64_t whole = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (whole > 100000000000LL) return std::nullopt;
      whole = whole * 10 + (s[i++] - '0');
    }
    if (i == start) return std::nullopt;
    int64_t frac_us = 0;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      ++i;
      int digits = 0;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        if (digits < 6) frac_us = frac_us * 10 + (s[i] - '0');
        ++digits;
        ++i;
      }
      if (digits == 0) return std::nullopt;
      for (int d = digits; d < 6; ++d) frac_us *= 10;
    }
    if (i >= s.size()) return std::nullopt;
    char unit = s[i++];
    int64_t scale = 0;
    if (!time && unit == 'W')
      scale = 7 * 86400000000LL;
    else if (!time && unit == 'D')
      scale = 86400000000LL;
    else if (time && unit == 'H')
      scale = 3600000000LL;
    else if (time && unit == 'M')
      scale = 60000000LL;
    else if (time && unit == 'S')
      scale = 1000000LL;
    else
      return std::nullopt;
    if (frac_us && unit != 'S') return std::nullopt;  // fractions only on seconds
    micros += whole * scale + frac_us;
    any = true;
  }
  if (!any) return std::nullopt;
  return negative ? -micros : micros;
}

}  // namespace railgun::sql
