// GraphQL multipart requests (see multipart.h).
#include "server/multipart.h"

#include <cctype>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "json/parse.h"

namespace railgun::server {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// `type; a=b; c="d \"e\""` -> lower-case type and parameters (names lower-cased, values unquoted).
struct HeaderValue {
  std::string type;
  std::map<std::string, std::string> params;
  bool malformed = false;
};

HeaderValue ParseHeaderValue(std::string_view v) {
  HeaderValue out;
  size_t i = v.find(';');
  out.type = Lower(Trim(v.substr(0, i)));
  while (i != std::string_view::npos && i < v.size()) {
    ++i;  // past ';'
    while (i < v.size() && (v[i] == ' ' || v[i] == '\t')) ++i;
    if (i >= v.size()) break;
    size_t eq = v.find('=', i);
    size_t semi = v.find(';', i);
    if (eq == std::string_view::npos || (semi != std::string_view::npos && semi < eq)) {
      i = semi;  // a parameter without a value: skipped
      continue;
    }
    std::string name = Lower(Trim(v.substr(i, eq - i)));
    i = eq + 1;
    while (i < v.size() && (v[i] == ' ' || v[i] == '\t')) ++i;
    std::string value;
    if (i < v.size() && v[i] == '"') {
      ++i;
      bool closed = false;
      while (i < v.size()) {
        char c = v[i++];
        if (c == '\\' && i < v.size()) {
          value += v[i++];
        } else if (c == '"') {
          closed = true;
          break;
        } else {
          value += c;
        }
      }
      if (!closed) out.malformed = true;
      i = v.find(';', i);
    } else {
      size_t end = v.find(';', i);
      value = std::string(Trim(v.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i)));
      i = end;
    }
    out.params[name] = std::move(value);
  }
  return out;
}

// RFC 5987 `UTF-8''percent%20encoded` (filename*=); nullopt when not of that form.
std::optional<std::string> DecodeExtValue(std::string_view v) {
  size_t q = v.find("''");
  if (q == std::string_view::npos) return std::nullopt;
  std::string charset = Lower(v.substr(0, q));
  if (charset != "utf-8" && charset != "us-ascii") return std::nullopt;
  std::string out;
  for (size_t i = q + 2; i < v.size(); ++i) {
    if (v[i] == '%') {
      if (i + 2 >= v.size() || !std::isxdigit(static_cast<unsigned char>(v[i + 1])) ||
          !std::isxdigit(static_cast<unsigned char>(v[i + 2])))
        return std::nullopt;
      out += static_cast<char>(std::stoi(std::string(v.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += v[i];
    }
  }
  return out;
}

MultipartResult Fail(int status, std::string message) {
  MultipartResult r;
  r.status = status;
  r.error = std::move(message);
  return r;
}

bool BoundaryChar(char c) {
  // RFC 2046 bchars: DIGIT / ALPHA / ' ( ) + _ , - . / : = ? and space (not last).
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

// Sets the value at `path` (dot-separated keys / array indexes) of `root` to `value`; an error message when the
// path does not lead to an existing null.
std::optional<std::string> SetAtPath(json::Value& root, std::string_view path, const json::Value& value) {
  json::Value* cur = &root;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    std::string_view seg = path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (seg.empty()) return "has an empty segment";
    json::Value* next = nullptr;
    if (cur->is_object()) {
      next = cur->find(seg);
    } else if (cur->is_array()) {
      size_t index = 0;
      bool digits = seg.size() <= 9;
      for (char c : seg) digits &= c >= '0' && c <= '9';
      if (digits) index = std::stoul(std::string(seg));
      if (digits && index < cur->as_array().size()) next = &cur->as_array()[index];
    }
    if (!next) return "does not exist in the operations (at \u2018" + std::string(seg) + "\u2019)";
    cur = next;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (!cur->is_null()) return "does not point at a null value (files are sent as null in `operations`)";
  *cur = value;
  return std::nullopt;
}

}  // namespace

bool IsMultipartFormData(std::string_view content_type) {
  return ParseHeaderValue(content_type).type == "multipart/form-data";
}

std::string MultipartBoundary(std::string_view content_type) {
  HeaderValue h = ParseHeaderValue(content_type);
  auto it = h.params.find("boundary");
  if (h.malformed || it == h.params.end()) return "";
  const std::string& b = it->second;
  if (b.empty() || b.size() > 70 || b.back() == ' ') return "";
  for (char c : b)
    if (!BoundaryChar(c)) return "";
  return b;
}

std::string Base64Encode(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) | (static_cast<uint8_t>(bytes[i + 1]) << 8) |
                 static_cast<uint8_t>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i < bytes.size()) {
    uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

MultipartResult ParseGraphQLMultipart(std::string_view content_type, std::string_view body,
                                      const MultipartLimits& limits) {
  if (!IsMultipartFormData(content_type)) return Fail(400, "Content-Type must be multipart/form-data.");
  const std::string boundary = MultipartBoundary(content_type);
  if (boundary.empty()) return Fail(400, "The multipart Content-Type has no valid boundary parameter.");
  if (limits.max_body_bytes && body.size() > limits.max_body_bytes)
    return Fail(413, "The request body is larger than " + std::to_string(limits.max_body_bytes) + " bytes.");

  const std::string delimiter = "--" + boundary;
  // The first delimiter: at the very start, or after a preamble ending in CRLF.
  size_t pos;
  if (body.substr(0, delimiter.size()) == delimiter) {
    pos = delimiter.size();
  } else {
    size_t found = body.find("\r\n" + delimiter);
    if (found == std::string_view::npos) return Fail(400, "The multipart body does not contain its boundary.");
    pos = found + 2 + delimiter.size();
  }

  MultipartResult result;
  bool have_operations = false, have_map = false;
  std::vector<std::pair<std::string, std::vector<std::string>>> map;  // file field -> paths, in map order
  std::map<std::string, bool> received;                               // file field -> seen
  size_t file_parts = 0;
  bool closed = false;
  for (size_t part = 0;; ++part) {
    if (body.substr(pos, 2) == "--") {
      closed = true;
      break;
    }
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;  // transport padding
    if (body.substr(pos, 2) != "\r\n")
      return Fail(400, "Malformed multipart body: a boundary line does not end in CRLF.");
    pos += 2;
    // Part headers.
    size_t headers_end = body.find("\r\n\r\n", pos);
    std::string_view headers;
    if (body.substr(pos, 2) == "\r\n") {  // no headers at all
      headers_end = pos;
      headers = {};
      pos += 2;
    } else {
      if (headers_end == std::string_view::npos || headers_end - pos > 16 * 1024)
        return Fail(400, "Malformed multipart body: a part's headers do not end.");
      headers = body.substr(pos, headers_end - pos);
      pos = headers_end + 4;
    }
    std::string name, filename, type;
    bool has_disposition = false;
    size_t line_start = 0;
    while (line_start <= headers.size() && !headers.empty()) {
      size_t line_end = headers.find("\r\n", line_start);
      std::string_view line = headers.substr(
          line_start, line_end == std::string_view::npos ? std::string_view::npos : line_end - line_start);
      size_t colon = line.find(':');
      if (colon == std::string_view::npos) return Fail(400, "Malformed multipart body: a part header has no ':'.");
      std::string header = Lower(Trim(line.substr(0, colon)));
      std::string_view value = Trim(line.substr(colon + 1));
      if (header == "content-disposition") {
        HeaderValue h = ParseHeaderValue(value);
        if (h.malformed || h.type != "form-data")
          return Fail(400, "Malformed multipart body: a part's Content-Disposition is not form-data.");
        has_disposition = h.params.count("name") > 0;
        name = h.params["name"];
        if (auto it = h.params.find("filename*"); it != h.params.end()) {
          std::optional<std::string> decoded = DecodeExtValue(it->second);
          if (!decoded) return Fail(400, "Malformed multipart body: an invalid filename* parameter.");
          filename = *decoded;
        } else if (auto f = h.params.find("filename"); f != h.params.end()) {
          filename = f->second;
        }
      } else if (header == "content-type") {
        type = std::string(value);
      }
      if (line_end == std::string_view::npos) break;
      line_start = line_end + 2;
    }
    if (!has_disposition)
      return Fail(400, "Malformed multipart body: a part has no Content-Disposition form-data name.");
    // Part content: up to the next delimiter line.
    size_t next = body.find("\r\n" + delimiter, pos);
    if (next == std::string_view::npos) return Fail(400, "Malformed multipart body: no closing boundary.");
    std::string_view content = body.substr(pos, next - pos);
    pos = next + 2 + delimiter.size();

    if (part == 0) {
      if (name != "operations")
        return Fail(400, "The first multipart field must be \u2018operations\u2019 (got \u2018" + name + "\u2019).");
      if (content.size() > limits.max_field_bytes)
        return Fail(413, "The \u2018operations\u2019 field is larger than " + std::to_string(limits.max_field_bytes) +
                             " bytes.");
      auto parsed = json::Parse(content);
      if (!parsed.ok()) return Fail(400, "The \u2018operations\u2019 field is not valid JSON.");
      if (!parsed->is_object() && !parsed->is_array())
        return Fail(400, "The \u2018operations\u2019 field must be a JSON object or array.");
      result.operations = std::move(parsed).value();
      have_operations = true;
      continue;
    }
    if (part == 1) {
      if (name != "map")
        return Fail(400, "The second multipart field must be \u2018map\u2019 (got \u2018" + name + "\u2019).");
      if (content.size() > limits.max_field_bytes)
        return Fail(413,
                    "The \u2018map\u2019 field is larger than " + std::to_string(limits.max_field_bytes) + " bytes.");
      auto parsed = json::Parse(content);
      if (!parsed.ok()) return Fail(400, "The \u2018map\u2019 field is not valid JSON.");
      if (!parsed->is_object())
        return Fail(400, "The \u2018map\u2019 field must be a JSON object of file field names to path arrays.");
      for (const auto& [key, paths] : parsed->as_object()) {
        if (!paths.is_array() || paths.as_array().empty())
          return Fail(400, "The \u2018map\u2019 entry \u2018" + key + "\u2019 must be a non-empty array of paths.");
        if (paths.as_array().size() > limits.max_paths_per_file)
          return Fail(413, "The \u2018map\u2019 entry \u2018" + key + "\u2019 has more than " +
                               std::to_string(limits.max_paths_per_file) + " paths.");
        if (received.count(key)) return Fail(400, "The \u2018map\u2019 names the file \u2018" + key + "\u2019 twice.");
        std::vector<std::string> list;
        for (const json::Value& p : paths.as_array()) {
          if (!p.is_string())
            return Fail(400, "The \u2018map\u2019 entry \u2018" + key + "\u2019 must list paths as strings.");
          list.push_back(p.as_string());
        }
        map.emplace_back(key, std::move(list));
        received[key] = false;
      }
      if (map.size() > limits.max_files)
        return Fail(413, "Too many files: at most " + std::to_string(limits.max_files) + " per request.");
      have_map = true;
      continue;
    }
    // A file.
    if (++file_parts > limits.max_files)
      return Fail(413, "Too many files: at most " + std::to_string(limits.max_files) + " per request.");
    auto it = received.find(name);
    if (it == received.end()) continue;  // not in the map: ignored (as the spec allows)
    if (it->second) return Fail(400, "The file field \u2018" + name + "\u2019 appears twice.");
    it->second = true;
    if (limits.max_file_bytes && content.size() > limits.max_file_bytes)
      return Fail(
          413, "The file \u2018" + name + "\u2019 is larger than " + std::to_string(limits.max_file_bytes) + " bytes.");
    json::Value upload = json::Value::MakeObject();
    if (!filename.empty()) upload.push("filename", json::Value::String(filename));
    if (!type.empty()) upload.push("contentType", json::Value::String(type));
    upload.push("base64", json::Value::String(Base64Encode(content)));
    for (const auto& [key, paths] : map) {
      if (key != name) continue;
      for (const std::string& path : paths)
        if (std::optional<std::string> problem = SetAtPath(result.operations, path, upload))
          return Fail(400, "The \u2018map\u2019 path \u2018" + path + "\u2019 of file \u2018" + name + "\u2019 " +
                               *problem + ".");
    }
  }
  if (!closed) return Fail(400, "Malformed multipart body: no closing boundary.");
  if (!have_operations) return Fail(400, "The multipart request has no \u2018operations\u2019 field.");
  if (!have_map) return Fail(400, "The multipart request has no \u2018map\u2019 field.");
  for (const auto& [key, paths] : map)
    if (!received[key]) return Fail(400, "The file \u2018" + key + "\u2019 named in \u2018map\u2019 is missing.");
  return result;
}

}  // namespace railgun::server
