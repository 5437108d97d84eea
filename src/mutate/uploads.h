// Uploads: FileField / ImageField input that carries file content (the `Upload` scalar's content forms), checked
// against security_settings (size, extension, image content) and stored under file_storage.media_root the way
// Django's FileSystemStorage does (`<upload_to>/<name>`, `_<7 random alphanumerics>` before the extension when
// the name is taken). The column keeps the path relative to media_root.
//
// Input forms (after GraphQL coercion):
//   "data:image/png;base64,iVBOR..."              content; the name is `upload_<random>.<ext of the mime type>`
//   "data:image/png;name=photo.png;base64,..."    content with a name
//   {filename: "photo.png", base64: "iVBOR...", contentType: "image/png"}   base64 may also be a data URL; the
//                                                 GraphQL multipart request parser substitutes files in this form
//   "products/photo.png"                           a file already stored: kept as given (not an upload)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/value.h"
#include "models/model.h"
#include "mutate/field_values.h"

namespace railgun::mutate {

struct UploadOptions {
  std::string media_root = "media";  // file_storage.media_root
  int64_t max_size = 10485760;       // security_settings.max_file_upload_size (bytes; 0 = no limit)
  // security_settings.allowed_file_types, normalized to lower case with a leading dot; empty = any extension.
  std::vector<std::string> allowed_types = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".pdf", ".txt", ".csv"};
};

// A decoded upload waiting to be stored.
struct UploadedFile {
  std::string filename;  // the client's name, already checked for path elements and cleaned (Django's rule)
  std::string content_type;
  std::string bytes;
};

// True when `value` carries file content (a data URL or the object form), false for a plain stored path.
[[nodiscard]] bool IsUploadContent(const json::Value& value);

// Decodes and checks an upload for `field`: the name (no path elements: `../x`, `a/b`, `C:\x` are rejected),
// base64, the size limit, the extension list, and for ImageField the content's image signature. Error codes:
// `invalid` (malformed data URL / base64, a name with a path), `empty`, `file_too_large`, `invalid_extension`,
// `invalid_image`.
[[nodiscard]] std::optional<UploadedFile> DecodeUpload(const models::Field& field, const json::Value& value,
                                                       const UploadOptions& options, FieldError* error);

// Base64 (standard or URL-safe alphabet, padding optional, whitespace ignored); nullopt when malformed.
[[nodiscard]] std::optional<std::string> DecodeBase64(std::string_view text);

// Django's get_valid_filename: trimmed, spaces to underscores, only letters, digits, `-`, `_`, `.` (and non-ASCII
// letters) kept; nullopt when nothing usable remains or the name is `.` / `..`.
[[nodiscard]] std::optional<std::string> ValidFileName(std::string_view name);

// Files written during one mutation: removed again unless Keep() is called (after COMMIT), so a rolled-back
// transaction leaves no file behind.
class UploadStore {
 public:
  explicit UploadStore(const UploadOptions& options) : options_(options) {}
  ~UploadStore();
  UploadStore(const UploadStore&) = delete;
  UploadStore& operator=(const UploadStore&) = delete;

  // Writes `file` as `<media_root>/<upload_to expanded with strftime (UTC)>/<name>` without overwriting anything
  // (Django's collision rule), keeping the relative path within `max_length`. Returns the relative path with `/`
  // separators, or nullopt with `error` filled (`max_length`, or `invalid` when the file cannot be written).
  std::optional<std::string> Save(const models::Field& field, const UploadedFile& file, FieldError* error);

  // The files stay (the transaction committed).
  void Keep() { written_.clear(); }
  // Removes every file written so far.
  void Discard();
  [[nodiscard]] const std::vector<std::string>& written() const { return written_; }  // absolute paths

 private:
  const UploadOptions& options_;
  std::vector<std::string> written_;
};

}  // namespace railgun::mutate
