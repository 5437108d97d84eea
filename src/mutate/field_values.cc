// Column value validation and storage conversion (see field_values.h).
#include "mutate/field_values.h"

#include <arpa/inet.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <random>
#include <regex>
#include <string>

#include "json/writer.h"
#include "sql/dialect.h"

namespace railgun::mutate {
namespace {

using models::Field;
using models::FieldKind;

std::optional<db::Param> Fail(FieldError* error, std::string message, std::string code) {
  if (error) {
    error->message = std::move(message);
    error->code = std::move(code);
  }
  return std::nullopt;
}

// Characters (code points) of UTF-8 text, as Python's len().
size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2));
}

bool ValidDate(int y, int m, int d) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

int Num(std::string_view s, size_t pos, size_t len) {
  int v = 0;
  for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

// An ISO 8601 date-time (the DateTime scalar's forms) -> UTC "YYYY-MM-DD HH:MM:SS[.ffffff]"; nullopt if invalid.
std::optional<std::string> UtcDateTime(std::string_view s) {
  static const std::regex re(
      R"(^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$)");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(s.begin(), s.end(), m, re)) return std::nullopt;
  auto part = [&](int i) { return std::string_view(&*m[i].first, static_cast<size_t>(m[i].length())); };
  int y = Num(part(1), 0, 4), mo = Num(part(2), 0, 2), d = Num(part(3), 0, 2);
  if (!ValidDate(y, mo, d)) return std::nullopt;
  int h = m[4].matched ? Num(part(4), 0, 2) : 0, mi = m[5].matched ? Num(part(5), 0, 2) : 0;
  int sec = m[6].matched ? Num(part(6), 0, 2) : 0;
  if (h > 23 || mi > 59 || sec > 59) return std::nullopt;
  std::string frac;
  if (m[7].matched) {
    frac = std::string(part(7));
    frac.resize(6, '0');  // microseconds, as Python
    if (frac == "000000") frac.clear();
  }
  int64_t offset_min = 0;
  if (m[8].matched) {
    std::string_view z = part(8);
    if (z != "Z" && z != "z") {
      int oh = Num(z, 1, 2), om = 0;
      if (z.size() == 6) om = Num(z, 4, 2);
      else if (z.size() == 5) om = Num(z, 3, 2);
      if (oh > 23 || om > 59) return std::nullopt;
      offset_min = (oh * 60 + om) * (z[0] == '-' ? -1 : 1);
    }
  }
  int64_t minutes = DaysFromCivil(y, mo, d) * 1440 + h * 60 + mi - offset_min;
  int64_t days = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440);
  int64_t rem = minutes - days * 1440;
  int yy, mm, dd;
  CivilFromDays(days, &yy, &mm, &dd);
  char buf[96];  // room for any int values (-Wformat-truncation at -O3)
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", yy, mm, dd, static_cast<int>(rem / 60),
                static_cast<int>(rem % 60), sec);
  std::string out = buf;
  if (!frac.empty()) out += "." + frac;
  return out;
}

std::optional<std::string> NormalizeUuid(std::string_view s, db::Dialect d) {
  std::string hex;
  for (char c : s) {
    if (c == '-') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (hex.size() != 32) return std::nullopt;
  if (d == db::Dialect::kSqlite) return hex;
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20);
}

std::string RandomUuid(db::Dialect d) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  uint64_t a = rng(), b = rng();
  a = (a & ~0xF000ULL) | 0x4000ULL;
  b = (b & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  std::string hex;
  for (int i = 15; i >= 0; --i) hex += kHex[(a >> (i * 4)) & 0xF];
  for (int i = 15; i >= 0; --i) hex += kHex[(b >> (i * 4)) & 0xF];
  return *NormalizeUuid(hex, d);
}

struct DecimalDigits {
  int digits = 0;
  int decimals = 0;
  std::string plain;  // normalized plain text ("-12.50")
};

// Python Decimal's digit accounting (django.core.validators.DecimalValidator) for a DecimalPattern string.
std::optional<DecimalDigits> CountDecimal(std::string_view s) {
  static const std::regex re(R"(^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$)");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(s.begin(), s.end(), m, re)) return std::nullopt;
  std::string whole(m[2].first, m[2].second), frac(m[3].first, m[3].second);
  if (whole.empty() && frac.empty()) return std::nullopt;
  int64_t exp = 0;
  if (m[4].matched) {
    std::string e(m[4].first, m[4].second);
    if (e.size() > 6) return std::nullopt;
    exp = std::stoll(e);
  }
  std::string digits = whole + frac;
  int64_t exponent = exp - static_cast<int64_t>(frac.size());
  size_t nz = digits.find_first_not_of('0');
  std::string tuple = nz == std::string::npos ? "0" : digits.substr(nz);
  if (nz == std::string::npos) {
    // Zero: Decimal keeps the exponent; digit tuple (0,).
    tuple = "0";
  }
  DecimalDigits out;
  int64_t len = static_cast<int64_t>(tuple.size());
  if (exponent >= 0) {
    out.digits = static_cast<int>(len + exponent);
    out.decimals = 0;
  } else if (-exponent > len) {
    out.digits = out.decimals = static_cast<int>(-exponent);
  } else {
    out.digits = static_cast<int>(len);
    out.decimals = static_cast<int>(-exponent);
  }
  if (tuple == "0" && exponent >= 0) out.digits = 1;
  // Plain text: tuple * 10^exponent.
  std::string sign = (m[1].matched && std::string(m[1].first, m[1].second) == "-" && tuple != "0") ? "-" : "";
  if (exponent >= 0) {
    out.plain = sign + (tuple == "0" ? "0" : tuple + std::string(static_cast<size_t>(exponent), '0'));
  } else {
    size_t places = static_cast<size_t>(-exponent);
    std::string t = tuple;
    if (t.size() <= places) t = std::string(places - t.size() + 1, '0') + t;
    out.plain = sign + t.substr(0, t.size() - places) + "." + t.substr(t.size() - places);
  }
  return out;
}

bool ValidIp(const std::string& s) {
  unsigned char buf[16];
  return inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

bool ChoiceAllowed(const Field& f, const json::Value& v) {
  for (const models::Choice& c : f.choices) {
    if (c.value == v) return true;
    if (c.value.is_string() && v.is_int() && c.value.as_string() == std::to_string(v.as_int())) return true;
    if (c.value.is_int() && v.is_string() && v.as_string() == std::to_string(c.value.as_int())) return true;
  }
  return false;
}

std::string Display(const json::Value& v) { return v.is_string() ? v.as_string() : json::Write(v); }

std::optional<db::Param> StringParam(const Field& f, const std::string& s, FieldError* error) {
  if (s.find('\0') != std::string::npos) return Fail(error, "Null characters are not allowed.", "null_characters_not_allowed");
  if (s.empty() && !f.blank) return Fail(error, "This field cannot be blank.", "blank");
  if (f.max_length && CodePoints(s) > static_cast<size_t>(*f.max_length))
    return Fail(error,
                "Ensure this value has at most " + std::to_string(*f.max_length) + " characters (it has " +
                    std::to_string(CodePoints(s)) + ").",
                "max_length");
  if (!s.empty()) {
    switch (f.kind) {
      case FieldKind::kEmailField: {
        static const std::regex re(R"(^[^\s@"(),:;<>\[\\\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$)");
        if (!std::regex_match(s, re)) return Fail(error, "Enter a valid email address.", "invalid");
        break;
      }
      case FieldKind::kURLField: {
        static const std::regex re(R"(^(https?|ftps?)://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?([/?#][^\s]*)?$)",
                                   std::regex::icase);
        if (!std::regex_match(s, re) || s.find("..") != std::string::npos) return Fail(error, "Enter a valid URL.", "invalid");
        break;
      }
      case FieldKind::kSlugField: {
        static const std::regex re(R"(^[-a-zA-Z0-9_]+$)");
        if (!std::regex_match(s, re))
          return Fail(error, "Enter a valid \u201cslug\u201d consisting of letters, numbers, underscores or hyphens.", "invalid");
        break;
      }
      case FieldKind::kGenericIPAddressField:
        if (!ValidIp(s)) return Fail(error, "Enter a valid IPv4 or IPv6 address.", "invalid");
        break;
      default: break;
    }
  }
  return db::Param(s);
}

std::optional<db::Param> IntegerParam(const Field& f, const json::Value& v, FieldError* error) {
  int64_t i = 0;
  if (v.is_int()) {
    i = v.as_int();
  } else if (v.is_string()) {
    auto [p, ec] = std::from_chars(v.as_string().data(), v.as_string().data() + v.as_string().size(), i);
    if (ec != std::errc() || p != v.as_string().data() + v.as_string().size())
      return Fail(error, "\u201c" + v.as_string() + "\u201d value must be an integer.", "invalid");
  } else {
    return Fail(error, "Enter a whole number.", "invalid");
  }
  int64_t lo = INT64_MIN, hi = INT64_MAX;
  switch (f.kind) {
    case FieldKind::kSmallIntegerField: lo = -32768; hi = 32767; break;
    case FieldKind::kIntegerField: lo = -2147483648LL; hi = 2147483647LL; break;
    case FieldKind::kPositiveSmallIntegerField: lo = 0; hi = 32767; break;
    case FieldKind::kPositiveIntegerField: lo = 0; hi = 2147483647LL; break;
    case FieldKind::kPositiveBigIntegerField: lo = 0; break;
    default: break;
  }
  if (i < lo) return Fail(error, "Ensure this value is greater than or equal to " + std::to_string(lo) + ".", "min_value");
  if (i > hi) return Fail(error, "Ensure this value is less than or equal to " + std::to_string(hi) + ".", "max_value");
  return db::Param(i);
}

std::optional<db::Param> DecimalParam(const Field& f, const json::Value& v, FieldError* error) {
  std::string text = v.is_string() ? v.as_string() : json::Write(v);
  std::optional<DecimalDigits> dd = CountDecimal(text);
  if (!dd) return Fail(error, "\u201c" + text + "\u201d value must be a decimal number.", "invalid");
  if (f.max_digits && dd->digits > *f.max_digits)
    return Fail(error, "Ensure that there are no more than " + std::to_string(*f.max_digits) + " digits in total.",
                "max_digits");
  if (f.decimal_places && dd->decimals > *f.decimal_places)
    return Fail(error, "Ensure that there are no more than " + std::to_string(*f.decimal_places) + " decimal places.",
                "max_decimal_places");
  if (f.max_digits && f.decimal_places && dd->digits - dd->decimals > *f.max_digits - *f.decimal_places)
    return Fail(error,
                "Ensure that there are no more than " + std::to_string(*f.max_digits - *f.decimal_places) +
                    " digits before the decimal point.",
                "max_whole_digits");
  return db::Param(dd->plain);
}

}  // namespace

std::string NowText(db::Dialect dialect) {
  auto now = std::chrono::system_clock::now();
  int64_t micros = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
  int64_t secs = micros / 1000000, us = micros % 1000000;
  int64_t days = secs / 86400, rem = secs % 86400;
  int y, m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[112];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d.%06d", y, m, d, static_cast<int>(rem / 3600),
                static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60), static_cast<int>(us));
  std::string out = buf;
  if (dialect == db::Dialect::kPostgres) out += "+00:00";
  return out;
}

std::optional<db::Param> ColumnParam(const Field& f, const json::Value& v, db::Dialect d, FieldError* error) {
  if (v.is_null()) {
    if (!f.null) return Fail(error, "This field cannot be null.", "null");
    return db::Param::Null();
  }
  if (f.has_choices() && !ChoiceAllowed(f, v))
    return Fail(error, "Value \u2018" + Display(v) + "\u2019 is not a valid choice.", "invalid_choice");
  const bool lite = d == db::Dialect::kSqlite;
  switch (f.kind) {
    case FieldKind::kCharField:
    case FieldKind::kTextField:
    case FieldKind::kSlugField:
    case FieldKind::kEmailField:
    case FieldKind::kURLField:
    case FieldKind::kFileField:
    case FieldKind::kImageField:
    case FieldKind::kGenericIPAddressField:
      if (!v.is_string()) return StringParam(f, Display(v), error);
      return StringParam(f, v.as_string(), error);
    case FieldKind::kUUIDField: {
      if (!v.is_string()) return Fail(error, "Enter a valid UUID.", "invalid");
      std::optional<std::string> u = NormalizeUuid(v.as_string(), d);
      if (!u) return Fail(error, "\u201c" + v.as_string() + "\u201d is not a valid UUID.", "invalid");
      return db::Param(*u);
    }
    case FieldKind::kFloatField:
      if (!v.is_number()) return Fail(error, "Enter a number.", "invalid");
      return db::Param(v.as_double());
    case FieldKind::kDecimalField: return DecimalParam(f, v, error);
    case FieldKind::kBooleanField:
      if (!v.is_bool()) return Fail(error, "\u201c" + Display(v) + "\u201d value must be either True or False.", "invalid");
      return db::Param(v.as_bool());
    case FieldKind::kDateTimeField: {
      if (!v.is_string()) return Fail(error, "Enter a valid date/time.", "invalid");
      std::optional<std::string> t = UtcDateTime(v.as_string());
      if (!t) return Fail(error, "\u201c" + v.as_string() + "\u201d value has an invalid date/time.", "invalid");
      return db::Param(lite ? *t : *t + "+00:00");
    }
    case FieldKind::kDateField: {
      if (!v.is_string() || v.as_string().size() != 10) return Fail(error, "Enter a valid date.", "invalid");
      const std::string& s = v.as_string();
      if (!ValidDate(Num(s, 0, 4), Num(s, 5, 2), Num(s, 8, 2)))
        return Fail(error, "\u201c" + s + "\u201d value has the correct format (YYYY-MM-DD) but it is an invalid date.",
                    "invalid_date");
      return db::Param(s);
    }
    case FieldKind::kTimeField: {
      if (!v.is_string()) return Fail(error, "Enter a valid time.", "invalid");
      std::string s = v.as_string();
      if (s.size() < 5 || Num(s, 0, 2) > 23 || Num(s, 3, 2) > 59 || (s.size() >= 8 && Num(s, 6, 2) > 59))
        return Fail(error, "\u201c" + s + "\u201d value has an invalid time.", "invalid_time");
      if (s.size() == 5) s += ":00";
      if (s.size() > 15) s.resize(15);  // microseconds
      return db::Param(s);
    }
    case FieldKind::kDurationField: {
      if (!v.is_string()) return Fail(error, "Enter a valid duration.", "invalid");
      std::optional<int64_t> us = sql::ParseIsoDuration(v.as_string());
      if (!us) return Fail(error, "\u201c" + v.as_string() + "\u201d value has an invalid duration.", "invalid");
      if (lite) return db::Param(*us);
      return db::Param(std::to_string(*us) + " microseconds");
    }
    case FieldKind::kJSONField: return db::Param(json::Write(v));
    case FieldKind::kBinaryField:
      if (!v.is_string()) return Fail(error, "Enter binary data as a string.", "invalid");
      return db::Param::Bytes(v.as_string());
    default:
      if (models::IsIntegerKind(f.kind)) return IntegerParam(f, v, error);
      return Fail(error, "This field cannot be written.", "invalid");
  }
}

std::optional<db::Param> DefaultParam(const Field& f, db::Dialect d) {
  if (f.auto_now || f.auto_now_add) {
    if (f.kind == FieldKind::kDateField) return db::Param(NowText(d).substr(0, 10));
    return db::Param(NowText(d));
  }
  switch (f.default_function) {
    case models::DefaultFunction::kUuid4: return db::Param(RandomUuid(d));
    case models::DefaultFunction::kNow:
      if (f.kind == FieldKind::kDateField) return db::Param(NowText(d).substr(0, 10));
      return db::Param(NowText(d));
    case models::DefaultFunction::kToday: return db::Param(NowText(d).substr(0, 10));
    case models::DefaultFunction::kNone: break;
  }
  if (f.default_value) {
    const json::Value& v = *f.default_value;
    if (v.is_null()) return db::Param::Null();
    std::optional<db::Param> p = ColumnParam(f, v, d, nullptr);
    if (p) return p;
    if (v.is_string()) return db::Param(v.as_string());
    return db::Param(json::Write(v));
  }
  if (f.kind == FieldKind::kBooleanField) return db::Param(false);  // unchecked checkbox, as Django forms
  return std::nullopt;
}

std::optional<db::Param> KeyParam(const Field& pk, const json::Value& id, db::Dialect d) {
  std::string text = id.is_string() ? id.as_string() : id.is_int() ? std::to_string(id.as_int()) : "";
  if (text.empty()) return std::nullopt;
  const Field* key = &pk;
  while (key->is_to_one() && key->target) key = key->target->pk();  // multi-table inheritance: the parent's key
  if (models::IsIntegerKind(key->kind)) {
    int64_t i = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), i);
    if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
    return db::Param(i);
  }
  if (key->kind == FieldKind::kUUIDField) {
    std::optional<std::string> u = NormalizeUuid(text, d);
    if (!u) return std::nullopt;
    return db::Param(*u);
  }
  return db::Param(text);
}

std::string KeyText(const db::Param& key) {
  switch (key.kind()) {
    case db::Param::Kind::kInt: return std::to_string(key.as_int());
    case db::Param::Kind::kText: return key.as_text();
    default: return "";
  }
}

}  // namespace railgun::mutate
