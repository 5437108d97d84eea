// Status / StatusOr<T>: errors as values at every module boundary.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace railgun {

// Error codes mirror the GraphQL `extensions.code` values the engine emits.
enum class StatusCode {
  kOk = 0,
  kParseFailed,       // GRAPHQL_PARSE_FAILED
  kValidationFailed,  // GRAPHQL_VALIDATION_FAILED
  kBadUserInput,      // BAD_USER_INPUT
  kValidationError,   // VALIDATION_ERROR (model / mutation field validation)
  kUnauthenticated,   // AUTHENTICATION_REQUIRED
  kPermissionDenied,  // PERMISSION_DENIED
  kNotFound,          // NOT_FOUND
  kRateLimited,       // RATE_LIMITED
  kTooComplex,        // QUERY_TOO_COMPLEX
  kInvalidArgument,   // programmer / configuration error (bad model file, bad settings)
  kIoError,           // files, sockets
  kDatabaseError,     // driver-level failure
  kInternal,          // INTERNAL_ERROR
};

// The wire name of a code, e.g. "BAD_USER_INPUT".
[[nodiscard]] constexpr std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kParseFailed: return "GRAPHQL_PARSE_FAILED";
    case StatusCode::kValidationFailed: return "GRAPHQL_VALIDATION_FAILED";
    case StatusCode::kBadUserInput: return "BAD_USER_INPUT";
    case StatusCode::kValidationError: return "VALIDATION_ERROR";
    case StatusCode::kUnauthenticated: return "AUTHENTICATION_REQUIRED";
    case StatusCode::kPermissionDenied: return "PERMISSION_DENIED";
    case StatusCode::kNotFound: return "NOT_FOUND";
    case StatusCode::kRateLimited: return "RATE_LIMITED";
    case StatusCode::kTooComplex: return "QUERY_TOO_COMPLEX";
    case StatusCode::kInvalidArgument: return "INVALID_ARGUMENT";
    case StatusCode::kIoError: return "IO_ERROR";
    case StatusCode::kDatabaseError: return "DATABASE_ERROR";
    case StatusCode::kInternal: return "INTERNAL_ERROR";
  }
  return "INTERNAL_ERROR";
}

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  [[nodiscard]] bool ok() const { return code_ == StatusCode::kOk; }
  [[nodiscard]] StatusCode code() const { return code_; }
  [[nodiscard]] const std::string& message() const { return message_; }
  [[nodiscard]] std::string ToString() const {
    if (ok()) return "OK";
    return std::string(StatusCodeName(code_)) + ": " + message_;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status BadUserInput(std::string m) { return {StatusCode::kBadUserInput, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
inline Status DatabaseError(std::string m) { return {StatusCode::kDatabaseError, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(const T& value) : v_(value) {}                  // NOLINT(google-explicit-constructor)
  StatusOr(T&& value) : v_(std::move(value)) {}             // NOLINT(google-explicit-constructor)
  StatusOr(Status status) : v_(std::move(status)) {         // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(v_).ok() && "StatusOr built from an OK status");
  }

  [[nodiscard]] bool ok() const { return std::holds_alternative<T>(v_); }
  [[nodiscard]] Status status() const { return ok() ? Status() : std::get<Status>(v_); }

  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace railgun

// Propagates a non-OK Status from an expression returning Status.
#define RG_RETURN_IF_ERROR(expr)              \
  do {                                        \
    ::railgun::Status rg_status_ = (expr);    \
    if (!rg_status_.ok()) return rg_status_;  \
  } while (0)

#define RG_CONCAT_INNER(a, b) a##b
#define RG_CONCAT(a, b) RG_CONCAT_INNER(a, b)
// `RG_ASSIGN_OR_RETURN(auto x, MakeX());`
#define RG_ASSIGN_OR_RETURN(lhs, expr) RG_ASSIGN_OR_RETURN_IMPL(RG_CONCAT(rg_statusor_, __LINE__), lhs, expr)
#define RG_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()
