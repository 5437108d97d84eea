// GraphQL multipart requests (the GraphQL multipart request spec, jaydenseric/graphql-multipart-request-spec):
// a multipart/form-data body whose first field `operations` is the GraphQL request JSON (one operation object
// or a batch array) with every file replaced by null, whose second field `map` is a JSON object naming, for each
// file field, the object paths that file goes to (`{"0": ["variables.file"], "1": ["0.variables.files.1"]}`),
// and whose remaining fields are the files.
//
// The parser returns the operations JSON with each mapped path set to the Upload scalar's object form
// `{"filename": "a.png", "contentType": "image/png", "base64": "<content>"}` (see mutate/uploads.h), so the
// request then runs like an application/json one. A client could send that object in plain JSON too: it is
// file content, never a reference to a file on the server, so nothing can be forged through it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "json/value.h"

namespace railgun::server {

struct MultipartLimits {
  size_t max_body_bytes = 0;         // whole body (0 = not checked here)
  size_t max_file_bytes = 10485760;  // each file (security_settings.max_file_upload_size; 0 = no limit)
  size_t max_files = 10;             // file fields (security_settings.max_upload_files)
  size_t max_field_bytes = 1 << 20;  // `operations` and `map` each
  size_t max_paths_per_file = 100;   // object paths one file may fill
};

struct MultipartResult {
  json::Value operations;  // the request JSON with the files in place
  int status = 200;        // 400 malformed, 413 over a limit
  std::string error;       // empty when ok; otherwise a message for the client
  [[nodiscard]] bool ok() const { return error.empty(); }
};

// True for `multipart/form-data` (any parameters, case-insensitive).
[[nodiscard]] bool IsMultipartFormData(std::string_view content_type);

// The `boundary` parameter of a multipart Content-Type (quoted or not); empty when missing or invalid
// (RFC 2046: 1 to 70 characters from its allowed set, not ending in a space).
[[nodiscard]] std::string MultipartBoundary(std::string_view content_type);

// Parses a GraphQL multipart request body. Errors (400 unless noted): not multipart / no boundary, malformed
// framing (missing boundary line, unterminated headers, no closing delimiter), a part without
// `Content-Disposition: form-data; name=...`, `operations` not first or `map` not second, invalid JSON in either,
// `map` not an object of arrays of strings, a map entry whose file is missing, a path that does not exist in the
// operations (or whose value is not null), duplicate fields; 413: body, a file, the number of files or paths
// over `limits`.
[[nodiscard]] MultipartResult ParseGraphQLMultipart(std::string_view content_type, std::string_view body,
                                                    const MultipartLimits& limits = {});

// Standard base64 with padding (used for the Upload object form).
[[nodiscard]] std::string Base64Encode(std::string_view bytes);

}  // namespace railgun::server
