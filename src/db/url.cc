// Database URL parsing and printing.
#include "db/url.h"

#include <charconv>
#include <string>

namespace railgun::db {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

StatusOr<std::string> PercentDecode(std::string_view s, std::string_view what) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out.push_back(s[i]);
      continue;
    }
    int hi = i + 2 < s.size() ? HexDigit(s[i + 1]) : -1;
    int lo = i + 2 < s.size() ? HexDigit(s[i + 2]) : -1;
    if (hi < 0 || lo < 0) return InvalidArgument("invalid percent-encoding in the database URL's " + std::string(what));
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

StatusOr<DatabaseUrl> ParseSqlite(std::string_view rest) {
  DatabaseUrl url;
  url.dialect = Dialect::kSqlite;
  if (rest.find('?') != std::string_view::npos) return InvalidArgument("sqlite database URLs take no query parameters");
  if (rest == ":memory:" || rest == "/:memory:") {
    url.path = ":memory:";
    return url;
  }
  if (rest.empty() || rest == "/") return InvalidArgument("sqlite database URL has no file path (sqlite:///file.db)");
  if (rest.front() != '/') {
    return InvalidArgument(
        "sqlite database URL must be sqlite:///relative/path.db, sqlite:////absolute/path.db or sqlite://:memory:");
  }
  RG_ASSIGN_OR_RETURN(url.path, PercentDecode(rest.substr(1), "path"));
  if (url.path.empty() || url.path.back() == '/') return InvalidArgument("sqlite database URL path names a directory");
  return url;
}

StatusOr<DatabaseUrl> ParsePostgres(std::string_view rest) {
  DatabaseUrl url;
  url.dialect = Dialect::kPostgres;
  std::string_view query;
  if (size_t q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string_view authority = rest;
  std::string_view path;
  if (size_t slash = rest.find('/'); slash != std::string_view::npos) {
    authority = rest.substr(0, slash);
    path = rest.substr(slash + 1);
  }
  if (path.find('/') != std::string_view::npos) return InvalidArgument("postgresql database URL has a malformed path");
  RG_ASSIGN_OR_RETURN(url.database, PercentDecode(path, "database name"));

  std::string_view hostport = authority;
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    hostport = authority.substr(at + 1);
    std::string_view user = userinfo;
    if (size_t colon = userinfo.find(':'); colon != std::string_view::npos) {
      user = userinfo.substr(0, colon);
      RG_ASSIGN_OR_RETURN(url.password, PercentDecode(userinfo.substr(colon + 1), "password"));
    }
    RG_ASSIGN_OR_RETURN(url.user, PercentDecode(user, "user name"));
  }

  std::string_view host = hostport;
  std::string_view port;
  if (!hostport.empty() && hostport.front() == '[') {
    size_t close = hostport.find(']');
    if (close == std::string_view::npos)
      return InvalidArgument("postgresql database URL has an unclosed '[' in the host");
    host = hostport.substr(1, close - 1);
    std::string_view after = hostport.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return InvalidArgument("postgresql database URL has junk after the host");
      port = after.substr(1);
    }
  } else if (size_t colon = hostport.rfind(':'); colon != std::string_view::npos) {
    host = hostport.substr(0, colon);
    port = hostport.substr(colon + 1);
    if (port.empty()) return InvalidArgument("postgresql database URL has an empty port");
  }
  RG_ASSIGN_OR_RETURN(url.host, PercentDecode(host, "host"));
  if (!port.empty()) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535)
      return InvalidArgument("postgresql database URL has an invalid port '" + std::string(port) + "'");
    url.port = static_cast<uint16_t>(value);
  }

  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0)
      return InvalidArgument("postgresql database URL has a malformed query parameter (expected key=value)");
    RG_ASSIGN_OR_RETURN(std::string key, PercentDecode(pair.substr(0, eq), "query"));
    RG_ASSIGN_OR_RETURN(std::string value, PercentDecode(pair.substr(eq + 1), "query"));
    if (key == "password") return InvalidArgument("put the password in the URL's user info, not in the query");
    url.params.emplace_back(std::move(key), std::move(value));
  }
  return url;
}

}  // namespace

std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                 c == '_' || c == '~';
    if (plain) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

const std::string* DatabaseUrl::FindParam(std::string_view key) const {
  for (const auto& [k, v] : params)
    if (k == key) return &v;
  return nullptr;
}

namespace {
std::string Print(const DatabaseUrl& url, bool redact) {
  if (url.dialect == Dialect::kSqlite) return url.is_memory() ? "sqlite://:memory:" : "sqlite:///" + url.path;
  std::string out = "postgresql://";
  if (!url.user.empty() || !url.password.empty()) {
    out += PercentEncode(url.user);
    if (!url.password.empty()) out += ":" + (redact ? std::string("***") : PercentEncode(url.password));
    out += "@";
  }
  bool ipv6 = url.host.find(':') != std::string::npos;
  out += ipv6 ? "[" + url.host + "]" : PercentEncode(url.host);
  if (url.port != 0) out += ":" + std::to_string(url.port);
  if (!url.database.empty()) out += "/" + PercentEncode(url.database);
  char sep = '?';
  for (const auto& [k, v] : url.params) {
    out += sep;
    out += PercentEncode(k) + "=" + PercentEncode(v);
    sep = '&';
  }
  return out;
}
}  // namespace

std::string DatabaseUrl::Redacted() const { return Print(*this, true); }
std::string DatabaseUrl::ToString() const { return Print(*this, false); }

StatusOr<DatabaseUrl> ParseDatabaseUrl(std::string_view text) {
  size_t sep = text.find("://");
  if (sep == std::string_view::npos || sep == 0)
    return InvalidArgument("database URL must start with sqlite:// or postgresql://");
  std::string_view scheme = text.substr(0, sep);
  std::string_view rest = text.substr(sep + 3);
  if (EqualsIgnoreCase(scheme, "sqlite") || EqualsIgnoreCase(scheme, "sqlite3")) return ParseSqlite(rest);
  if (EqualsIgnoreCase(scheme, "postgresql") || EqualsIgnoreCase(scheme, "postgres") ||
      EqualsIgnoreCase(scheme, "pgsql"))
    return ParsePostgres(rest);
  return InvalidArgument("unsupported database URL scheme '" + std::string(scheme) +
                         "' (expected sqlite:// or postgresql://)");
}

}  // namespace railgun::db
