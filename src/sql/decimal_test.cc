// DecimalScaleSql: the scale PostgreSQL's numeric gives an expression, as SQLite prints it.
#include "sql/decimal.h"

#include <gtest/gtest.h>

namespace railgun::sql {
namespace {

std::optional<int> Columns(std::string_view name) {
  if (name == "price" || name == "sale_price") return 2;
  if (name == "rate") return 4;
  if (name == "qty") return 0;
  return std::nullopt;  // text / float columns
}

std::string Scale(std::string_view expr) { return DecimalScaleSql(expr, Columns).value_or("?"); }

TEST(DecimalScale, ColumnsLiteralsAndArithmetic) {
  EXPECT_EQ(Scale("price"), "2");
  EXPECT_EQ(Scale("\"price\""), "2");
  EXPECT_EQ(Scale("t0.\"rate\""), "4");
  EXPECT_EQ(Scale("price * qty"), "2");
  EXPECT_EQ(Scale("price * rate"), "6");
  EXPECT_EQ(Scale("price + 1.125"), "3");
  EXPECT_EQ(Scale("-(price - rate)"), "4");
  EXPECT_EQ(Scale("1.5e1"), "0");
  EXPECT_EQ(Scale("qty::numeric(10, 3)"), "3");
  EXPECT_EQ(Scale("CAST(price AS INTEGER)"), "0");
}

TEST(DecimalScale, FunctionsAndBranches) {
  EXPECT_EQ(Scale("COALESCE(sale_price, price)"), "2");
  EXPECT_EQ(Scale("ROUND((price - sale_price) * 100.0 / price, 2)"), "2");
  EXPECT_EQ(Scale("ROUND(price)"), "0");
  EXPECT_EQ(Scale("abs(rate)"), "4");
  EXPECT_EQ(Scale("CASE WHEN sale_price IS NOT NULL AND price > sale_price THEN ROUND(price * 100, 2) ELSE 0 END"),
            "CASE WHEN sale_price IS NOT NULL AND price > sale_price THEN 2 ELSE 0 END");
  EXPECT_EQ(Scale("COALESCE(rate, price)"), "CASE WHEN rate IS NOT NULL THEN 4 ELSE 2 END");
  EXPECT_EQ(Scale("CASE qty WHEN 1 THEN price ELSE rate END"), "CASE qty WHEN 1 THEN 2 ELSE 4 END");
}

TEST(DecimalScale, UnknownWhenPostgresScaleDependsOnValues) {
  EXPECT_EQ(Scale("price / qty"), "?");  // numeric division picks its scale from the magnitudes
  EXPECT_EQ(Scale("weight * 2"), "?");   // a float column
  EXPECT_EQ(Scale("name || 'x'"), "?");  // text
  EXPECT_EQ(Scale("my_function(price)"), "?");
  EXPECT_EQ(Scale("price +"), "?");  // not an expression
  EXPECT_EQ(Scale("price > 2"), "?");
}

}  // namespace
}  // namespace railgun::sql
