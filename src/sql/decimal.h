// Decimal output text that matches PostgreSQL's numeric::text on SQLite: a stored decimal column prints exactly its
// decimal_places digits, and a computed Decimal expression prints the scale PostgreSQL's numeric arithmetic gives
// it (inferred from the expression: column scales, literals, + - * %, ROUND / TRUNC / ABS / COALESCE / NULLIF,
// CASE; per row when branches differ).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace railgun::sql {

// The scale (digits after the decimal point) PostgreSQL's numeric gives the value of the SQL expression `expr`: an
// integer literal ("2") when it is the same for every row, else an SQL expression over the expression's own columns
// (unqualified, as written; e.g. "CASE WHEN sale_price IS NOT NULL THEN 2 ELSE 0 END"). nullopt when it cannot be
// inferred (division, float or text operands, unknown functions, syntax this reader does not know).
// `column_scale(name)` gives the scale of a column named in the expression (decimal_places, 0 for integers;
// nullopt for anything else).
[[nodiscard]] std::optional<std::string> DecimalScaleSql(
    std::string_view expr, const std::function<std::optional<int>(std::string_view)>& column_scale);

// SQLite: the text of numeric `expr` (integer, real or text storage) with exactly `scale_sql` digits after the point
// (an integer literal or a per-row SQL expression), like PostgreSQL's numeric::text; NULL stays NULL and a value
// that rounds to zero prints without a minus sign. Integers print exactly (no float round trip); stored text keeps
// its digits (padded with zeros).
[[nodiscard]] std::string SqliteDecimalText(std::string_view expr, std::string_view scale_sql);

}  // namespace railgun::sql
