// SQL dialect text for the compiler: identifier / literal quoting, numbered bound parameters, JSON builders,
// and the per-type expressions that make SQLite and PostgreSQL produce byte-identical JSON and comparisons.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/connection.h"
#include "models/model.h"

namespace railgun::sql {

using db::Dialect;

// "name" with embedded quotes doubled. Identifiers only ever come from the model registry.
[[nodiscard]] std::string Ident(std::string_view name);
// 'text' with embedded quotes doubled (schema constants only: type names, choice labels, response keys).
[[nodiscard]] std::string Literal(std::string_view text);
// `alias."column"`.
[[nodiscard]] std::string Column(std::string_view alias, std::string_view column);

// Collects bound parameters and hands out numbered placeholders (`?N` / `$N`), so SQL fragments can be built
// in any order and nested freely.
class ParamList {
 public:
  explicit ParamList(Dialect d) : dialect_(d) {}
  // The placeholder for a new parameter; on PostgreSQL `pg_cast` (e.g. "bigint") is appended as `::type`.
  std::string Add(db::Param p, std::string_view pg_cast = {});
  [[nodiscard]] const db::Params& params() const { return params_; }
  db::Params Take() { return std::move(params_); }
  [[nodiscard]] Dialect dialect() const { return dialect_; }

 private:
  Dialect dialect_;
  db::Params params_;
};

// A value expression for a JSON object member: `json` marks expressions that already produce JSON (objects,
// arrays, embedded JSON columns, true/false) so SQLite does not re-quote them.
struct JsonMember {
  std::string key;
  std::string expr;
  bool json = false;
};

// json_object(...) / json_build_object(...) keeping member order. Over 50 members (PostgreSQL takes 100 arguments,
// SQLite 127) the object is built in chunks: PostgreSQL concatenates the chunks' text, SQLite adds members with
// json_set (both keep the order; jsonb || would reorder, json_patch would drop null members).
[[nodiscard]] std::string JsonObject(Dialect d, const std::vector<JsonMember>& members);
// The JSON array of `element_expr` over the rows of `from_where` (`FROM ... WHERE ...`) in `order_by` order;
// `[]` when there are no rows.
[[nodiscard]] std::string JsonArrayAgg(Dialect d, std::string_view element_expr, std::string_view from_where,
                                       std::string_view order_by);
// JSON true/false from an SQL condition (never null).
[[nodiscard]] std::string JsonBool(Dialect d, std::string_view condition);
[[nodiscard]] std::string True(Dialect d);
[[nodiscard]] std::string False(Dialect d);
// least(a, b) / greatest(a, b).
[[nodiscard]] std::string Least(Dialect d, std::string_view a, std::string_view b);
[[nodiscard]] std::string Greatest(Dialect d, std::string_view a, std::string_view b);
// Text of an integer expression.
[[nodiscard]] std::string IntToText(Dialect d, std::string_view expr);
// Lower-case hex text of a non-negative bigint expression.
[[nodiscard]] std::string Hex(Dialect d, std::string_view expr);
// Unicode lower-casing the same way on both backends (rg_lower on SQLite).
[[nodiscard]] std::string Lower(Dialect d, std::string_view expr);

// How a model column is written into the response (GraphQL type name decides: ID / Decimal / DateTime ...).
// `graphql_type` is the output field's named type ("ID", "String", "Decimal", "Boolean", ...).
[[nodiscard]] JsonMember OutputColumn(Dialect d, const models::Field& field, std::string_view column_expr,
                                      std::string_view graphql_type);
// A computed-field expression converted for its GraphQL type. `decimal_scale_sql` (SQLite, Decimal): the scale to
// print with (DecimalScaleSql's result, columns qualified); empty = the value's own text.
[[nodiscard]] JsonMember OutputExpression(Dialect d, std::string_view expr, std::string_view graphql_type,
                                          std::string_view decimal_scale_sql = {});

// The comparable form of a column for filters and ordering (SQLite: decimals as REAL, date-times normalized).
[[nodiscard]] std::string ComparableColumn(Dialect d, models::FieldKind kind, std::string_view column_expr);

// An ISO 8601 duration (`P1DT2H30M`, `-PT0.5S`, `P2W`) in microseconds; nullopt when malformed. Durations are
// stored as microseconds on SQLite (Django's bigint) and as `interval` on PostgreSQL.
[[nodiscard]] std::optional<int64_t> ParseIsoDuration(std::string_view text);
// The comparable form of a bound value for `kind` (adds the parameter).
[[nodiscard]] std::string ComparableParam(ParamList& params, models::FieldKind kind, db::Param value);
// The ORDER BY suffix: `ASC NULLS LAST` / `DESC NULLS FIRST` (PostgreSQL's default, on both backends), with
// byte-order collation for text on PostgreSQL (SQLite's BINARY collation).
[[nodiscard]] std::string OrderTerm(Dialect d, std::string_view expr, bool descending, bool text);

}  // namespace railgun::sql
