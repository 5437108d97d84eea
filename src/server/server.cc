// Server implementation: Boost.Beast HTTP/1.1 with keep-alive, one thread per connection, request handling in
// Handle() (parse, validate, execute per GraphQL-over-HTTP).
#include "server/server.h"

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include <atomic>
#include <list>
#include <thread>
#include <vector>

#include "json/parse.h"
#include "json/value.h"
#include "json/writer.h"
#include "language/parser.h"
#include "validation/validate.h"

namespace railgun::server {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

std::string ErrorBody(const std::string& message) {
  json::Value err = json::Value::MakeObject();
  err.push("message", json::Value::String(message));
  json::Value errors = json::Value::MakeArray();
  errors.as_array().push_back(std::move(err));
  json::Value doc = json::Value::MakeObject();
  doc.push("errors", std::move(errors));
  return json::Write(doc);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string UrlDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() + 0 && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else out += c;
  }
  return out;
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  ResolverFactory factory;
  std::vector<std::unique_ptr<ServedSchema>> schemas;
  asio::io_context io;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::atomic<bool> stopping{false};
  std::mutex threads_mu;
  std::list<std::thread> threads;
  std::atomic<uint64_t> request_counter{0};

  ServedSchema* Find(std::string_view name) {
    if (name.empty()) return schemas.empty() ? nullptr : schemas.front().get();
    for (auto& s : schemas)
      if (s->name == name) return s.get();
    return nullptr;
  }

  // One GraphQL request object -> (status, body).
  std::pair<int, std::string> ExecuteOne(ServedSchema& served, const json::Value& request, bool get_method,
                                         bool graphql_response) {
    const json::Value* query = request.is_object() ? request.find("query") : nullptr;
    if (!query || !query->is_string()) return {400, ErrorBody("Must provide query string.")};
    language::ParseResult parsed = language::Parse(query->as_string());
    int bad_status = graphql_response ? 400 : 200;
    if (!parsed.ok()) {
      json::Value doc = json::Value::MakeObject();
      json::Value errors = json::Value::MakeArray();
      errors.as_array().push_back(parsed.error->ToJson());
      doc.push("errors", std::move(errors));
      return {bad_status, json::Write(doc)};
    }
    auto errors = validation::Validate(served.generated->schema(), parsed.document);
    if (!errors.empty()) {
      json::Value doc = json::Value::MakeObject();
      json::Value list = json::Value::MakeArray();
      for (const auto& e : errors) list.as_array().push_back(e.ToJson());
      doc.push("errors", std::move(list));
      return {bad_status, json::Write(doc)};
    }
    if (get_method) {
      for (const auto& def : parsed.document.definitions) {
        const auto* op = std::get_if<language::OperationDefinition>(&def);
        if (op && op->operation != language::OperationType::kQuery)
          return {405, ErrorBody("Can only perform a query operation from a GET request.")};
      }
    }
    execute::ExecutionRequest exec;
    exec.schema = &served.generated->schema();
    exec.document = &parsed.document;
    if (const json::Value* op = request.find("operationName"); op && op->is_string()) exec.operation_name = op->as_string();
    if (const json::Value* vars = request.find("variables"); vars && vars->is_object()) exec.variables = *vars;
    exec.root_value = json::Value::MakeObject();
    std::lock_guard lock(served.mu);
    std::unique_ptr<execute::RootResolver> resolver = factory ? factory(served) : nullptr;
    exec.resolver = resolver.get();
    execute::ExecutionResult result = execute::Execute(exec);
    int status = (!result.data && graphql_response) ? 400 : 200;
    return {status, result.ToJsonText()};
  }

  std::string Page(const ServedSchema& served, const std::string& endpoint) {
    return "<!doctype html><html><head><meta charset=utf-8><title>Railgun · " + HtmlEscape(served.name) +
           "</title><style>body{font-family:system-ui;margin:0;display:flex;height:100vh}"
           "textarea,pre{flex:1;margin:0;padding:12px;font:13px monospace;border:0;border-right:1px solid #ccc;"
           "overflow:auto}#bar{position:fixed;top:8px;left:45%}</style></head><body>"
           "<textarea id=q>" + HtmlEscape(served.example_query) + "</textarea>"
           "<button id=bar onclick=run()>Run &#9654;</button><pre id=out></pre><script>"
           "async function run(){const r=await fetch('" + endpoint + "',{method:'POST',headers:"
           "{'Content-Type':'application/json'},body:JSON.stringify({query:q.value})});"
           "out.textContent=JSON.stringify(await r.json(),null,2)}"
           "document.addEventListener('keydown',e=>{if(e.ctrlKey&&e.key==='Enter')run()});</script></body></html>";
  }
};

Server::Server(ServerOptions options, ResolverFactory factory) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->factory = std::move(factory);
}
Server::~Server() {
  Stop();
  std::lock_guard lock(impl_->threads_mu);
  for (auto& t : impl_->threads)
    if (t.joinable()) t.join();
}

void Server::AddSchema(std::unique_ptr<ServedSchema> schema) { impl_->schemas.push_back(std::move(schema)); }

HttpResponse Server::Handle(const std::string& method, const std::string& target, const std::string& accept,
                            const std::string& content_type, const std::string& body) {
  HttpResponse response;
  std::string path = target.substr(0, target.find('?'));
  std::string query_string = target.find('?') == std::string::npos ? "" : target.substr(target.find('?') + 1);
  if (path == "/health" || path == "/health/") {
    bool ok = true;
    json::Value names = json::Value::MakeArray();
    for (auto& s : impl_->schemas) {
      names.as_array().push_back(json::Value::String(s->name));
      std::lock_guard lock(s->mu);
      if (!s->connection || !s->connection->Ping().ok()) ok = false;
    }
    json::Value doc = json::Value::MakeObject();
    doc.push("status", json::Value::String(ok ? "ok" : "unavailable"));
    doc.push("database", json::Value::String(ok ? "ok" : "unreachable"));
    doc.push("schemas", std::move(names));
    response.status = ok ? 200 : 503;
    response.body = json::Write(doc);
    return response;
  }
  if (path.rfind("/graphql", 0) != 0) {
    response.status = 404;
    response.body = ErrorBody("Not found.");
    return response;
  }
  std::string name = path.substr(8);
  while (!name.empty() && name.front() == '/') name.erase(0, 1);
  while (!name.empty() && name.back() == '/') name.pop_back();
  ServedSchema* served = impl_->Find(name);
  if (!served) {
    response.status = 404;
    response.body = ErrorBody("Unknown schema '" + name + "'.");
    return response;
  }
  bool graphql_response = accept.find("application/graphql-response+json") != std::string::npos;
  if (graphql_response) response.content_type = "application/graphql-response+json; charset=utf-8";
  else response.content_type = "application/json; charset=utf-8";
  if (method == "GET") {
    if (accept.find("text/html") != std::string::npos && query_string.find("query=") == std::string::npos) {
      response.content_type = "text/html; charset=utf-8";
      response.body = impl_->Page(*served, path);
      return response;
    }
    json::Value request = json::Value::MakeObject();
    size_t pos = 0;
    while (pos <= query_string.size() && !query_string.empty()) {
      size_t amp = query_string.find('&', pos);
      std::string pair = query_string.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
      size_t eq = pair.find('=');
      std::string key = UrlDecode(pair.substr(0, eq));
      std::string value = eq == std::string::npos ? "" : UrlDecode(pair.substr(eq + 1));
      if (key == "variables" || key == "extensions") {
        auto parsed = json::Parse(value);
        if (!parsed.ok()) {
          response.status = 400;
          response.body = ErrorBody("Variables are invalid JSON.");
          return response;
        }
        request.push(key, std::move(*parsed));
      } else if (key == "query" || key == "operationName") {
        request.push(key, json::Value::String(value));
      }
      if (amp == std::string::npos) break;
      pos = amp + 1;
    }
    auto [status, text] = impl_->ExecuteOne(*served, request, true, graphql_response);
    response.status = status;
    response.body = std::move(text);
    return response;
  }
  if (method != "POST") {
    response.status = 405;
    response.body = ErrorBody("GraphQL only supports GET and POST requests.");
    return response;
  }
  if (content_type.find("application/json") == std::string::npos) {
    response.status = 415;
    response.body = ErrorBody("Content-Type must be application/json.");
    return response;
  }
  auto parsed = json::Parse(body);
  if (!parsed.ok()) {
    response.status = 400;
    response.body = ErrorBody("POST body sent invalid JSON.");
    return response;
  }
  if (parsed->is_array()) {
    if (parsed->as_array().size() > impl_->options.max_batch) {
      response.status = 400;
      response.body = ErrorBody("Too many operations in one batch.");
      return response;
    }
    std::string out = "[";
    for (size_t i = 0; i < parsed->as_array().size(); ++i) {
      auto [status, text] = impl_->ExecuteOne(*served, parsed->as_array()[i], false, false);
      (void)status;
      out += (i ? "," : "") + text;
    }
    response.body = out + "]";
    return response;
  }
  auto [status, text] = impl_->ExecuteOne(*served, *parsed, false, graphql_response);
  response.status = status;
  response.body = std::move(text);
  return response;
}

StatusOr<uint16_t> Server::Listen() {
  try {
    tcp::endpoint endpoint(asio::ip::make_address(impl_->options.host), impl_->options.port);
    impl_->acceptor = std::make_unique<tcp::acceptor>(impl_->io);
    impl_->acceptor->open(endpoint.protocol());
    impl_->acceptor->set_option(asio::socket_base::reuse_address(true));
    impl_->acceptor->bind(endpoint);
    impl_->acceptor->listen();
    return impl_->acceptor->local_endpoint().port();
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, std::string("cannot listen: ") + e.what());
  }
}

void Server::Run() {
  while (!impl_->stopping) {
    tcp::socket socket(impl_->io);
    boost::system::error_code ec;
    impl_->acceptor->accept(socket, ec);
    if (ec || impl_->stopping) break;
    std::lock_guard lock(impl_->threads_mu);
    impl_->threads.emplace_back([this, s = std::move(socket)]() mutable {
      beast::tcp_stream stream(std::move(s));
      beast::flat_buffer buffer;
      while (!impl_->stopping) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(impl_->options.max_body_bytes);
        parser.header_limit(16 * 1024);
        stream.expires_after(std::chrono::seconds(impl_->options.read_timeout_seconds));
        boost::system::error_code rec;
        http::read(stream, buffer, parser, rec);
        http::response<http::string_body> res;
        auto& req = parser.get();
        std::string request_id = std::string(req["X-Request-Id"]);
        if (request_id.empty()) request_id = "rg-" + std::to_string(++impl_->request_counter);
        if (rec == http::error::body_limit || rec == http::error::header_limit) {
          res.result(http::status::payload_too_large);
          res.set(http::field::content_type, "application/json");
          res.body() = ErrorBody("Request too large.");
          res.keep_alive(false);
        } else if (rec) {
          break;
        } else {
          HttpResponse r = Handle(std::string(req.method_string()), std::string(req.target()),
                                  std::string(req[http::field::accept]), std::string(req[http::field::content_type]),
                                  req.body());
          res.result(static_cast<unsigned>(r.status));
          res.set(http::field::content_type, r.content_type);
          res.body() = std::move(r.body);
          res.keep_alive(req.keep_alive());
        }
        res.version(11);
        res.set("X-Request-Id", request_id);
        if (!impl_->options.cors_origin.empty()) {
          res.set(http::field::access_control_allow_origin, impl_->options.cors_origin);
          res.set(http::field::access_control_allow_headers, "Content-Type, Authorization");
          res.set(http::field::access_control_allow_methods, "GET, POST, OPTIONS");
        }
        res.prepare_payload();
        bool keep = res.keep_alive();
        http::write(stream, res, rec);
        if (rec || !keep) break;
      }
      boost::system::error_code ignored;
      stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    });
  }
  std::lock_guard lock(impl_->threads_mu);
  for (auto& t : impl_->threads)
    if (t.joinable()) t.join();
  impl_->threads.clear();
}

void Server::Stop() {
  if (impl_->stopping.exchange(true)) return;
  // Wake the blocking accept() with a loopback connection; Run() then joins the connection threads.
  if (impl_->acceptor) {
    try {
      boost::system::error_code ec;
      auto endpoint = impl_->acceptor->local_endpoint(ec);
      if (!ec) {
        asio::io_context io;
        tcp::socket wake(io);
        wake.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), endpoint.port()), ec);
      }
    } catch (...) {
    }
  }
}

}  // namespace railgun::server
