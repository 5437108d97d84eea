// Uploads (see uploads.h).
#include "mutate/uploads.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <filesystem>
#include <random>
#include <system_error>

namespace railgun::mutate {

namespace fs = std::filesystem;
using models::Field;
using models::FieldKind;

namespace {

std::optional<UploadedFile> Fail(FieldError* error, std::string message, std::string code) {
  if (error) *error = FieldError{"", std::move(message), std::move(code)};
  return std::nullopt;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string RandomAlnum(size_t n) {
  static constexpr std::string_view kChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<size_t> pick(0, kChars.size() - 1);
  std::string out;
  for (size_t i = 0; i < n; ++i) out += kChars[pick(rng)];
  return out;
}

// Python's os.path.splitext on a base name: a leading dot belongs to the root (".bashrc" has no extension).
std::pair<std::string, std::string> SplitExt(const std::string& name) {
  size_t dot = name.rfind('.');
  size_t first = name.find_first_not_of('.');
  if (dot == std::string::npos || first == std::string::npos || dot < first) return {name, ""};
  return {name.substr(0, dot), name.substr(dot)};
}

std::string ExtensionForMime(std::string_view mime) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {"image/jpeg", ".jpg"}, {"image/png", ".png"},   {"image/gif", ".gif"},         {"image/webp", ".webp"},
      {"image/bmp", ".bmp"},  {"image/tiff", ".tiff"}, {"image/svg+xml", ".svg"},     {"application/pdf", ".pdf"},
      {"text/plain", ".txt"}, {"text/csv", ".csv"},    {"application/json", ".json"}, {"application/zip", ".zip"},
      {"text/html", ".html"}, {"audio/mpeg", ".mp3"},  {"video/mp4", ".mp4"},
  };
  const std::string m = Lower(mime);
  for (const auto& [type, ext] : kTypes)
    if (m == type) return std::string(ext);
  return "";
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

struct DataUrl {
  std::string mime;
  std::string name;
  std::string_view payload;  // base64 text
};

// `data:[<mime>][;name=<file>][;<param>=<value>]*;base64,<payload>`; nullopt when not of that shape.
std::optional<DataUrl> ParseDataUrl(std::string_view text) {
  if (text.size() < 5 || Lower(text.substr(0, 5)) != "data:") return std::nullopt;
  size_t comma = text.find(',');
  if (comma == std::string_view::npos) return std::nullopt;
  std::string_view header = text.substr(5, comma - 5);
  DataUrl out;
  out.payload = text.substr(comma + 1);
  bool base64 = false;
  size_t start = 0;
  for (int part = 0;; ++part) {
    size_t semi = header.find(';', start);
    std::string_view item =
        header.substr(start, semi == std::string_view::npos ? std::string_view::npos : semi - start);
    if (part == 0) {
      out.mime = std::string(item);
    } else if (Lower(item) == "base64") {
      base64 = true;
    } else if (size_t eq = item.find('='); eq != std::string_view::npos) {
      std::string key = Lower(item.substr(0, eq));
      if (key == "name" || key == "filename") out.name = PercentDecode(item.substr(eq + 1));
    }
    if (semi == std::string_view::npos) break;
    start = semi + 1;
  }
  if (!base64) return std::nullopt;
  return out;
}

bool LooksLikeImage(const std::string& b) {
  auto starts = [&](std::string_view sig, size_t at = 0) {
    return b.size() >= at + sig.size() && std::string_view(b).substr(at, sig.size()) == sig;
  };
  using namespace std::string_view_literals;
  return starts("\xFF\xD8\xFF"sv) || starts("\x89PNG\r\n\x1A\n"sv) || starts("GIF87a"sv) || starts("GIF89a"sv) ||
         (starts("RIFF"sv) && starts("WEBP"sv, 8)) || starts("BM"sv) || starts("II*\0"sv) || starts("MM\0*"sv) ||
         starts("\0\0\1\0"sv);
}

// upload_to expanded like Django's datetime.now().strftime(upload_to) (in UTC), as clean relative segments;
// nullopt when it climbs out of media_root.
std::optional<std::string> UploadDir(const std::string& upload_to) {
  std::string expanded = upload_to;
  if (upload_to.find('%') != std::string::npos) {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[512];
    size_t n = std::strftime(buf, sizeof buf, upload_to.c_str(), &tm);
    if (n > 0) expanded.assign(buf, n);
  }
  std::string out;
  size_t start = 0;
  while (start <= expanded.size()) {
    size_t slash = expanded.find_first_of("/\\", start);
    std::string seg = expanded.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (seg == "..") return std::nullopt;
    if (!seg.empty() && seg != ".") out += (out.empty() ? "" : "/") + seg;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

}  // namespace

bool IsUploadContent(const json::Value& value) {
  if (value.is_object()) return true;
  return value.is_string() && value.as_string().size() >= 5 && Lower(value.as_string().substr(0, 5)) == "data:";
}

std::optional<std::string> DecodeBase64(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3 + 3);
  uint32_t acc = 0;
  int bits = 0;
  size_t padding = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '+' || c == '-')
      v = 62;
    else if (c == '/' || c == '_')
      v = 63;
    else if (c == '=') {
      ++padding;
      continue;
    } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      continue;
    } else {
      return std::nullopt;
    }
    if (padding) return std::nullopt;  // data after padding
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  if (bits >= 6 || padding > 2) return std::nullopt;                     // a lone trailing character
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) return std::nullopt;  // non-canonical trailing bits
  return out;
}

std::optional<std::string> ValidFileName(std::string_view name) {
  size_t b = name.find_first_not_of(" \t\r\n"), e = name.find_last_not_of(" \t\r\n");
  if (b == std::string_view::npos) return std::nullopt;
  std::string out;
  for (char c : name.substr(b, e - b + 1)) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == ' ')
      out += '_';
    else if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || u >= 0x80)
      out += c;
  }
  if (out.empty() || out == "." || out == "..") return std::nullopt;
  return out;
}

std::optional<UploadedFile> DecodeUpload(const Field& field, const json::Value& value, const UploadOptions& options,
                                         FieldError* error) {
  UploadedFile file;
  std::string_view payload;
  std::optional<DataUrl> url;
  if (value.is_string()) {
    url = ParseDataUrl(value.as_string());
    if (!url) return Fail(error, "Enter a data URL of the form data:<type>;base64,<content>.", "invalid");
  } else if (value.is_object()) {
    const json::Value* b64 = value.find("base64");
    const json::Value* name = value.find("filename");
    const json::Value* type = value.find("contentType");
    if (!b64 || !b64->is_string()) return Fail(error, "The upload has no base64 content.", "invalid");
    if (name && name->is_string()) file.filename = name->as_string();
    if (type && type->is_string()) file.content_type = type->as_string();
    if (IsUploadContent(*b64)) {
      url = ParseDataUrl(b64->as_string());
      if (!url) return Fail(error, "Enter a data URL of the form data:<type>;base64,<content>.", "invalid");
    } else {
      payload = b64->as_string();
    }
  } else {
    return Fail(error, "Expected file content.", "invalid");
  }
  if (url) {
    payload = url->payload;
    if (file.content_type.empty()) file.content_type = url->mime;
    if (file.filename.empty()) file.filename = url->name;
  }
  // The name: a base name only (a client sending a path is refused, not silently cut down).
  std::string raw_name = file.filename;
  if (raw_name.empty()) {
    std::string ext = ExtensionForMime(file.content_type);
    raw_name = "upload_" + RandomAlnum(12) + ext;
  }
  if (raw_name.find_first_of("/\\") != std::string::npos || raw_name.find('\0') != std::string::npos ||
      raw_name == "." || raw_name == "..")
    return Fail(error, "The file name \u201c" + raw_name + "\u201d contains a path; send the file name only.",
                "invalid");
  std::optional<std::string> clean = ValidFileName(raw_name);
  if (!clean) return Fail(error, "The file name \u201c" + raw_name + "\u201d is not valid.", "invalid");
  file.filename = *clean;
  // The size before decoding (no large allocation for an input that is refused anyway): 6 bits per character.
  size_t significant = 0;
  for (char c : payload) significant += !(c == '=' || c == ' ' || c == '\n' || c == '\r' || c == '\t');
  if (options.max_size > 0 && static_cast<int64_t>(significant * 6 / 8) > options.max_size)
    return Fail(error,
                "The file is too large (" + std::to_string(significant * 6 / 8) + " bytes); the limit is " +
                    std::to_string(options.max_size) + " bytes.",
                "file_too_large");
  std::optional<std::string> bytes = DecodeBase64(payload);
  if (!bytes) return Fail(error, "The file content is not valid base64.", "invalid");
  file.bytes = std::move(*bytes);
  if (file.bytes.empty()) return Fail(error, "The submitted file is empty.", "empty");
  if (options.max_size > 0 && static_cast<int64_t>(file.bytes.size()) > options.max_size)
    return Fail(error,
                "The file is too large (" + std::to_string(file.bytes.size()) + " bytes); the limit is " +
                    std::to_string(options.max_size) + " bytes.",
                "file_too_large");
  if (!options.allowed_types.empty()) {
    const std::string ext = Lower(SplitExt(file.filename).second);
    if (std::find(options.allowed_types.begin(), options.allowed_types.end(), ext) == options.allowed_types.end()) {
      std::string allowed;
      for (const std::string& t : options.allowed_types)
        allowed += (allowed.empty() ? "" : ", ") + (t.empty() || t[0] != '.' ? t : t.substr(1));
      return Fail(error,
                  "File extension \u201c" + (ext.empty() ? std::string() : ext.substr(1)) +
                      "\u201d is not allowed. Allowed extensions are: " + allowed + ".",
                  "invalid_extension");
    }
  }
  if (field.kind == FieldKind::kImageField && !LooksLikeImage(file.bytes))
    return Fail(error, "Upload a valid image. The file you uploaded was either not an image or a corrupted image.",
                "invalid_image");
  return file;
}

UploadStore::~UploadStore() { Discard(); }

void UploadStore::Discard() {
  for (const std::string& path : written_) {
    std::error_code ec;
    fs::remove(path, ec);
  }
  written_.clear();
}

std::optional<std::string> UploadStore::Save(const Field& field, const UploadedFile& file, FieldError* error) {
  auto fail = [&](std::string message, std::string code) -> std::optional<std::string> {
    if (error) *error = FieldError{"", std::move(message), std::move(code)};
    return std::nullopt;
  };
  std::optional<std::string> dir = UploadDir(field.upload_to);
  if (!dir) return fail("The field's upload_to leaves the media folder.", "invalid");
  const size_t max_length = static_cast<size_t>(field.max_length.value_or(100));
  auto [root, ext] = SplitExt(file.filename);
  auto join = [&](const std::string& r) { return (dir->empty() ? "" : *dir + "/") + r + ext; };
  auto too_long = [&]() {
    return fail("Ensure this filename has at most " + std::to_string(max_length) + " characters (it has " +
                    std::to_string(join(root).size()) + ").",
                "max_length");
  };
  std::error_code ec;
  const fs::path base = fs::path(options_.media_root) / *dir;
  fs::create_directories(base, ec);
  if (ec) return fail("The file could not be stored.", "invalid");
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string candidate = root;
    if (attempt > 0 || join(root).size() > max_length) {
      // Django's get_alternative_name: `<root>_<7 random alphanumerics><ext>`, the root cut to fit max_length.
      const std::string suffix = "_" + RandomAlnum(7);
      const size_t length = join(root + suffix).size();
      const size_t over = length > max_length ? length - max_length : 0;
      if (over >= root.size()) return too_long();
      candidate = root.substr(0, root.size() - over);
      while (!candidate.empty() && (static_cast<unsigned char>(candidate.back()) & 0x80)) candidate.pop_back();
      if (candidate.empty()) return too_long();
      candidate += suffix;
    }
    const fs::path target = base / (candidate + ext);
    int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
      if (errno == EEXIST) continue;  // taken: the next round picks an alternative name
      return fail("The file could not be stored.", "invalid");
    }
    written_.push_back(target.string());
    size_t done = 0;
    while (done < file.bytes.size()) {
      ssize_t n = ::write(fd, file.bytes.data() + done, file.bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    const bool ok = ::close(fd) == 0 && done == file.bytes.size();
    if (!ok) return fail("The file could not be stored.", "invalid");  // removed with the others by Discard()
    return join(candidate);
  }
  return fail("The file could not be stored: no free name.", "invalid");
}

}  // namespace railgun::mutate
