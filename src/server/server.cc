// Server implementation: Boost.Beast HTTP/1.1 over Asio. Sockets are served asynchronously by `io_threads`
// (one strand per connection); each complete request is handed to a worker pool (parse, validate, execute,
// gzip), whose response goes back to the connection's strand to be written. So a slow database never blocks the
// I/O threads, and thousands of idle keep-alive connections cost no threads.
#include "server/server.h"

#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>
#include <unordered_set>
#include <vector>

#include "json/parse.h"
#include "json/value.h"
#include "json/writer.h"
#include "language/parser.h"
#include "server/multipart.h"
#include "validation/validate.h"

namespace railgun::server {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

std::string ErrorBody(const std::string& message, const std::string& code = "") {
  json::Value err = json::Value::MakeObject();
  err.push("message", json::Value::String(message));
  if (!code.empty()) {
    json::Value ext = json::Value::MakeObject();
    ext.push("code", json::Value::String(code));
    err.push("extensions", std::move(ext));
  }
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
    } else if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
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
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

// A JSON string literal safe inside an inline <script> ("</" cannot close the element).
std::string ScriptString(const std::string& s) {
  std::string text = json::Write(json::Value::String(s));
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<')
      out += "\\u003c";
    else
      out += text[i];
  }
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Splits a comma-separated header into (token, q) pairs, tokens lower-cased.
std::vector<std::pair<std::string, double>> ParseQualityList(std::string_view header) {
  std::vector<std::pair<std::string, double>> out;
  size_t pos = 0;
  while (pos <= header.size()) {
    size_t comma = header.find(',', pos);
    std::string_view item = header.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    double q = 1.0;
    size_t semi = item.find(';');
    std::string_view token = item.substr(0, semi);
    if (semi != std::string_view::npos) {
      std::string params = Lower(item.substr(semi + 1));
      size_t qpos = params.find("q=");
      if (qpos != std::string::npos) q = std::atof(params.c_str() + qpos + 2);
    }
    while (!token.empty() && (token.front() == ' ' || token.front() == '\t')) token.remove_prefix(1);
    while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) token.remove_suffix(1);
    if (!token.empty()) out.emplace_back(Lower(token), q);
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return out;
}

bool AcceptsGzip(std::string_view accept_encoding) {
  bool star = false;
  for (const auto& [token, q] : ParseQualityList(accept_encoding)) {
    if (token == "gzip" || token == "x-gzip") return q > 0;
    if (token == "*") star = q > 0;
  }
  return star;
}

// Which media type to answer with: graphql-response+json when the client accepts it (preferred when both are
// equally acceptable), else application/json (also when Accept is missing or names neither).
bool WantsGraphQLResponse(std::string_view accept) {
  double gr = -1, js = -1;
  for (const auto& [token, q] : ParseQualityList(accept)) {
    if (token == "application/graphql-response+json")
      gr = std::max(gr, q);
    else if (token == "application/json" || token == "application/*" || token == "*/*")
      js = std::max(js, q);
  }
  return gr > 0 && gr >= js;
}

bool AcceptsHtml(std::string_view accept) {
  for (const auto& [token, q] : ParseQualityList(accept))
    if (token == "text/html" && q > 0) return true;
  return false;
}

std::optional<std::string> Gzip(std::string_view in, int level = 6) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
  std::string out;
  out.resize(deflateBound(&zs, static_cast<uLong>(in.size())));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  size_t written = zs.total_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return std::nullopt;
  out.resize(written);
  return out;
}

bool ReadFile(const std::filesystem::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

// The GraphiQL files served under /assets/ (name -> path under node_modules, content type).
struct AssetSpec {
  const char* name;
  const char* path;
  const char* content_type;
};
constexpr AssetSpec kAssetSpecs[] = {
    {"graphiql.min.js", "graphiql/graphiql.min.js", "text/javascript; charset=utf-8"},
    {"graphiql.min.css", "graphiql/graphiql.min.css", "text/css; charset=utf-8"},
    {"react.production.min.js", "react/umd/react.production.min.js", "text/javascript; charset=utf-8"},
    {"react-dom.production.min.js", "react-dom/umd/react-dom.production.min.js", "text/javascript; charset=utf-8"},
};

struct Asset {
  std::string content_type;
  std::string raw;
  std::string gz;  // empty when compression failed
};

bool SelectsIntrospection(const language::SelectionSet& set) {
  for (const auto& sel : set.selections) {
    if (sel.kind == language::SelectionKind::kField && (sel.name.value == "__schema" || sel.name.value == "__type"))
      return true;
    if (SelectsIntrospection(sel.selection_set)) return true;
  }
  return false;
}

// Whether any operation or fragment selects __schema or __type (__typename stays allowed).
bool UsesIntrospection(const language::Document& doc) {
  for (const auto& def : doc.definitions) {
    if (const auto* op = std::get_if<language::OperationDefinition>(&def);
        op && SelectsIntrospection(op->selection_set))
      return true;
    if (const auto* frag = std::get_if<language::FragmentDefinition>(&def);
        frag && SelectsIntrospection(frag->selection_set))
      return true;
  }
  return false;
}

bool HasAssets(const std::filesystem::path& dir) {
  std::error_code ec;
  for (const auto& spec : kAssetSpecs)
    if (!std::filesystem::is_regular_file(dir / "node_modules" / spec.path, ec)) return false;
  return true;
}

}  // namespace

std::string HttpResponse::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (Lower(k) == Lower(name)) return v;
  return "";
}

std::vector<std::string> ExampleQueries(const schema::Schema& schema, size_t max) {
  std::vector<std::string> out;
  const schema::NamedType* query = schema.query_type();
  if (!query) return out;
  auto field_of = [](const schema::NamedType* t, std::string_view name) -> const schema::Field* {
    if (!t) return nullptr;
    for (const auto& f : t->fields)
      if (f.name == name) return &f;
    return nullptr;
  };
  for (const auto& root : query->fields) {
    if (out.size() >= max) break;
    if (root.name.rfind("__", 0) == 0 || !root.arg("first")) continue;
    const schema::Field* edges = field_of(root.type.named, "edges");
    if (!edges || !field_of(root.type.named, "totalCount")) continue;
    const schema::Field* node = field_of(edges->type.named, "node");
    if (!node || !node->type.named) continue;
    bool required_args = false;
    for (const auto& a : root.args) required_args |= a.type.is_non_null() && !a.default_value;
    if (required_args) continue;
    std::string leaves;
    size_t count = 0;
    for (const auto& f : node->type.named->fields) {
      if (count >= 4 || !f.type.named || !f.type.named->is_leaf()) continue;
      bool needs_args = false;
      for (const auto& a : f.args) needs_args |= a.type.is_non_null() && !a.default_value;
      if (needs_args) continue;
      leaves += "        " + f.name + "\n";
      ++count;
    }
    if (!count) continue;
    std::string op = root.name;
    op[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(op[0])));
    out.push_back("query " + op + " {\n  " + root.name + "(first: 5) {\n    totalCount\n    edges {\n      node {\n" +
                  leaves + "      }\n    }\n  }\n}\n");
  }
  return out;
}

std::string FindAssetsDir() {
  namespace fs = std::filesystem;
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("RAILGUN_ASSETS_DIR"); env && *env) candidates.emplace_back(env);
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path dir = exe.parent_path(); !dir.empty(); dir = dir.parent_path()) {
      candidates.push_back(dir);
      candidates.push_back(dir / "share" / "railgun");
      if (dir == dir.root_path()) break;
    }
  }
  candidates.push_back(fs::current_path(ec));
  for (const auto& c : candidates)
    if (!c.empty() && HasAssets(c)) return c.string();
  return "";
}

struct Server::Impl {
  ServerOptions options;
  std::string graphql_path;  // options.graphql_path normalized
  ResolverFactory factory;
  std::vector<std::unique_ptr<ServedSchema>> schemas;
  std::atomic<bool> stopping{false};
  std::atomic<uint64_t> request_counter{0};
  std::string request_id_prefix;

  // Live connections (raw pointers: a Session removes itself in its destructor).
  mutable std::mutex sessions_mu;
  std::unordered_set<Session*> sessions;

  // GraphiQL assets, loaded (and gzipped) once, on first use.
  std::once_flag assets_once;
  std::map<std::string, Asset> assets;

  // Declared after what handlers reference: destroyed (and their pending handlers with them) first.
  asio::io_context io;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<asio::thread_pool> workers;

  ServedSchema* Find(std::string_view name) {
    if (name.empty()) {
      for (auto& s : schemas)
        if (s->enabled) return s.get();
      return nullptr;
    }
    for (auto& s : schemas)
      if (s->name == name) return s.get();
    return nullptr;
  }

  void LoadAssets() {
    std::call_once(assets_once, [this] {
      std::string dir = options.assets_dir.empty() ? FindAssetsDir() : options.assets_dir;
      if (dir.empty() || !HasAssets(dir)) return;
      std::map<std::string, Asset> loaded;
      for (const auto& spec : kAssetSpecs) {
        Asset a;
        a.content_type = spec.content_type;
        if (!ReadFile(std::filesystem::path(dir) / "node_modules" / spec.path, a.raw)) return;
        if (auto gz = Gzip(a.raw, 9)) a.gz = std::move(*gz);
        loaded.emplace(spec.name, std::move(a));
      }
      assets = std::move(loaded);
    });
  }

  // One GraphQL request object -> (status, body). `method_get`: only query operations may run.
  std::pair<int, std::string> ExecuteOne(ServedSchema& served, const json::Value& request, bool method_get,
                                         bool graphql_response, std::string* allow, const RequestContext& context) {
    if (!request.is_object()) return {400, ErrorBody("A GraphQL request must be a JSON object.")};
    const json::Value* query = request.find("query");
    if (!query || !query->is_string()) return {400, ErrorBody("Must provide query string.")};
    const json::Value* op_name = request.find("operationName");
    if (op_name && !op_name->is_null() && !op_name->is_string())
      return {400, ErrorBody("The operationName parameter must be a string or null.")};
    const json::Value* vars = request.find("variables");
    if (vars && !vars->is_null() && !vars->is_object())
      return {400, ErrorBody("The variables parameter must be an object or null.")};
    const json::Value* extensions = request.find("extensions");
    if (extensions && !extensions->is_null() && !extensions->is_object())
      return {400, ErrorBody("The extensions parameter must be an object or null.")};

    language::ParseResult parsed = language::Parse(query->as_string());
    int bad_status = graphql_response ? 400 : 200;
    if (!parsed.ok()) {
      json::Value doc = json::Value::MakeObject();
      json::Value errors = json::Value::MakeArray();
      errors.as_array().push_back(parsed.error->ToJson());
      doc.push("errors", std::move(errors));
      return {bad_status, json::Write(doc)};
    }
    if (method_get) {
      // The operation that would run (by operationName, or the only one) must be a query.
      std::string wanted = op_name && op_name->is_string() ? op_name->as_string() : "";
      const language::OperationDefinition* chosen = nullptr;
      size_t operations = 0;
      for (const auto& def : parsed.document.definitions) {
        const auto* op = std::get_if<language::OperationDefinition>(&def);
        if (!op) continue;
        ++operations;
        std::string name = op->name ? std::string(op->name->value) : "";
        if (wanted.empty() ? operations == 1 : name == wanted) chosen = op;
      }
      if (wanted.empty() && operations != 1) chosen = nullptr;
      if (chosen && chosen->operation != language::OperationType::kQuery) {
        if (allow) *allow = "POST";
        return {405, ErrorBody("Can only perform a query operation from a GET request.")};
      }
    }
    if (!served.introspection && UsesIntrospection(parsed.document))
      return {bad_status, ErrorBody("GraphQL introspection is not allowed on this schema.")};
    auto errors = validation::Validate(served.generated->schema(), parsed.document);
    if (!errors.empty()) {
      json::Value doc = json::Value::MakeObject();
      json::Value list = json::Value::MakeArray();
      for (const auto& e : errors) list.as_array().push_back(e.ToJson());
      doc.push("errors", std::move(list));
      return {bad_status, json::Write(doc)};
    }
    std::optional<std::string> operation_name;
    if (op_name && op_name->is_string()) operation_name = op_name->as_string();
    // The operation that will run (none when the name matches nothing or is needed: execution reports that).
    const language::OperationDefinition* operation = security::SelectOperation(parsed.document, operation_name);
    // Depth / complexity limits: refused like a validation failure, before any SQL.
    if (operation && served.limits.enabled()) {
      security::QueryCost cost = security::AnalyzeOperation(served.generated->schema(), parsed.document, *operation,
                                                            vars ? *vars : json::Value(), served.limits.page_size);
      if (auto error = security::CheckLimits(cost, served.limits, *operation)) {
        json::Value doc = json::Value::MakeObject();
        json::Value list = json::Value::MakeArray();
        list.append(error->ToJson());
        doc.push("errors", std::move(list));
        return {bad_status, json::Write(doc)};
      }
    }
    execute::ExecutionRequest exec;
    exec.schema = &served.generated->schema();
    exec.document = &parsed.document;
    exec.operation_name = operation_name;
    if (vars && vars->is_object()) exec.variables = *vars;
    exec.root_value = json::Value::MakeObject();
    execute::ExecutionResult result;
    // Queries on a read-only pool; mutations there only when the pool also writes (PostgreSQL).
    bool read_only = operation && operation->operation == language::OperationType::kQuery;
    if (served.pool && (read_only || !served.pool_reads_only)) {  // concurrent: one pooled connection per request
      StatusOr<db::PooledConnection> lease = served.pool->Checkout();
      if (!lease.ok()) {
        json::Value doc = json::Value::MakeObject();
        json::Value list = json::Value::MakeArray();
        language::GraphQLError e;
        e.message = "The database is busy; try again.";
        e.code = "SERVICE_UNAVAILABLE";
        list.append(e.ToJson());
        doc.push("errors", std::move(list));
        return {503, json::Write(doc)};
      }
      std::unique_ptr<execute::RootResolver> resolver = factory ? factory(served, **lease, context) : nullptr;
      exec.resolver = resolver.get();
      result = execute::Execute(exec);
    } else {
      std::lock_guard lock(served.mu);
      std::unique_ptr<execute::RootResolver> resolver =
          factory ? factory(served, *served.connection, context) : nullptr;
      exec.resolver = resolver.get();
      result = execute::Execute(exec);
    }
    int status = (!result.data && graphql_response) ? 400 : 200;
    return {status, result.ToJsonText()};
  }

  std::string PlainPage(const ServedSchema& served, const std::string& endpoint) {
    return "<!doctype html><html><head><meta charset=utf-8><title>Railgun · " + HtmlEscape(served.name) +
           "</title><style>body{font-family:system-ui;margin:0;display:flex;height:100vh}"
           "textarea,pre{flex:1;margin:0;padding:12px;font:13px monospace;border:0;border-right:1px solid #ccc;"
           "overflow:auto}#bar{position:fixed;top:8px;left:45%}</style></head><body>"
           "<textarea id=q>" +
           HtmlEscape(served.example_query) +
           "</textarea>"
           "<button id=bar onclick=run()>Run &#9654;</button><pre id=out></pre><script>"
           "async function run(){const r=await fetch(" +
           ScriptString(endpoint) +
           ",{method:'POST',headers:"
           "{'Content-Type':'application/json'},body:JSON.stringify({query:q.value})});"
           "out.textContent=JSON.stringify(await r.json(),null,2)}"
           "document.addEventListener('keydown',e=>{if(e.ctrlKey&&e.key==='Enter')run()});</script></body></html>";
  }

  std::string GraphiQLPage(const ServedSchema& served, const std::string& endpoint) {
    std::string tabs = "[";
    std::vector<std::string> queries;
    if (!served.example_query.empty()) queries.push_back(served.example_query);
    for (const auto& q : served.more_example_queries) queries.push_back(q);
    for (size_t i = 0; i < queries.size(); ++i) tabs += (i ? ",{query:" : "{query:") + ScriptString(queries[i]) + "}";
    tabs += "]";
    return "<!doctype html><html lang=en><head><meta charset=utf-8><meta name=viewport "
           "content=\"width=device-width,initial-scale=1\"><title>Railgun · GraphiQL · " +
           HtmlEscape(served.name) +
           "</title><link rel=icon "
           "href=\"data:,\"><style>body{margin:0;height:100vh;overflow:hidden}#graphiql{height:100vh}</style>"
           "<link rel=stylesheet href=\"/assets/graphiql.min.css\">"
           "<script src=\"/assets/react.production.min.js\"></script>"
           "<script src=\"/assets/react-dom.production.min.js\"></script>"
           "<script src=\"/assets/graphiql.min.js\"></script></head><body><div id=graphiql>Loading GraphiQL…</div>"
           "<script>(function(){"
           "var ns='railgun:'+" +
           ScriptString(served.name) +
           "+':';"
           "var storage={getItem:function(k){return localStorage.getItem(ns+k)},"
           "setItem:function(k,v){localStorage.setItem(ns+k,v)},removeItem:function(k){localStorage.removeItem(ns+k)},"
           "clear:function(){},get length(){return localStorage.length}};"
           "var tabs=" +
           tabs +
           ";"
           "var fetcher=GraphiQL.createFetcher({url:new URL(" +
           ScriptString(endpoint) +
           ",location.href).href});"
           "ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL,"
           "{fetcher:fetcher,storage:storage,defaultQuery:tabs.length?tabs[0].query:undefined,"
           "defaultTabs:tabs.length?tabs:undefined,defaultEditorToolsVisibility:false}));"
           "})();</script></body></html>";
  }

  HttpResponse Route(const HttpRequest& request);

  void GzipIfAccepted(const HttpRequest& request, HttpResponse& response) {
    if (!options.gzip || response.body.size() < options.gzip_min_bytes) return;
    if (!response.header("Content-Encoding").empty()) return;
    response.headers.emplace_back("Vary", "Accept-Encoding");
    if (!AcceptsGzip(request.accept_encoding)) return;
    if (auto gz = Gzip(response.body, 1)) {
      response.body = std::move(*gz);
      response.headers.emplace_back("Content-Encoding", "gzip");
    }
  }
};

// ---------------------------------------------------------------------------------------------------------------
// Request handling.

HttpResponse Server::Handle(const std::string& method, const std::string& target, const std::string& accept,
                            const std::string& content_type, const std::string& body) {
  HttpRequest request;
  request.method = method;
  request.target = target;
  request.accept = accept;
  request.content_type = content_type;
  request.body = body;
  return Handle(request);
}

HttpResponse Server::Handle(const HttpRequest& request) {
  bool preflight = request.method == "OPTIONS" && !request.access_control_request_method.empty();
  HttpResponse response = impl_->Route(request);
  for (auto& header : security::CorsHeaders(impl_->options.cors, request.origin, preflight))
    response.headers.push_back(std::move(header));
  return response;
}

HttpResponse Server::Impl::Route(const HttpRequest& request) {
  HttpResponse response;
  const std::string& target = request.target;
  const std::string& method = request.method;
  size_t qmark = target.find('?');
  std::string path = target.substr(0, qmark);
  std::string query_string = qmark == std::string::npos ? "" : target.substr(qmark + 1);
  response.content_type = "application/json; charset=utf-8";

  if (path == "/health" || path == "/health/") {
    bool ok = true;
    json::Value names = json::Value::MakeArray();
    for (auto& s : schemas) {
      if (!s->enabled) continue;
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
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
  }

  if (path.rfind("/assets/", 0) == 0) {
    LoadAssets();
    auto it = assets.find(path.substr(8));
    if (it == assets.end() || (method != "GET" && method != "HEAD")) {
      response.status = 404;
      response.body = ErrorBody("Not found.");
      return response;
    }
    const Asset& asset = it->second;
    response.content_type = asset.content_type;
    response.headers.emplace_back("Cache-Control", "public, max-age=86400");
    response.headers.emplace_back("Vary", "Accept-Encoding");
    if (options.gzip && !asset.gz.empty() && AcceptsGzip(request.accept_encoding)) {
      response.body = asset.gz;
      response.headers.emplace_back("Content-Encoding", "gzip");
    } else {
      response.body = asset.raw;
    }
    return response;
  }

  const std::string& base = graphql_path;  // "/graphql" (normalized: leading '/', no trailing '/')
  if (path != base && path.rfind(base + "/", 0) != 0) {
    response.status = 404;
    response.body = ErrorBody("Not found.");
    return response;
  }
  std::string name = path.substr(base.size());
  while (!name.empty() && name.front() == '/') name.erase(0, 1);
  while (!name.empty() && name.back() == '/') name.pop_back();
  ServedSchema* served = Find(name);
  if (!served || !served->enabled) {
    response.status = 404;
    response.body = ErrorBody(served ? "Schema '" + name + "' is disabled." : "Unknown schema '" + name + "'.");
    return response;
  }

  if (method == "OPTIONS") {
    response.status = 204;
    response.content_type.clear();
    response.headers.emplace_back("Allow", "GET, POST, OPTIONS");
    return response;
  }
  bool graphql_response = WantsGraphQLResponse(request.accept);
  if (graphql_response) response.content_type = "application/graphql-response+json; charset=utf-8";
  std::string allow;
  // Authentication, once the request is known to be a GraphQL one (the GraphiQL page and preflights need none).
  RequestContext context;
  context.request_id = request.request_id;
  auto refused = [&]() -> bool {
    security::AuthOutcome outcome = security::Authenticate(served->auth, request.authorization, request.cookie);
    if (outcome.allowed) {
      context.auth = std::move(outcome.context);
      return false;
    }
    response.status = 401;
    response.body = ErrorBody(outcome.message, "AUTHENTICATION_REQUIRED");
    std::string scheme = served->auth.header_prefix.empty() ? "Bearer" : served->auth.header_prefix;
    std::string why;  // RFC 6750 error_description: printable ASCII without '"' and '\\'
    for (char c : outcome.message)
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') why += c;
    response.headers.emplace_back(
        "WWW-Authenticate",
        outcome.invalid_token ? scheme + " error=\"invalid_token\", error_description=\"" + why + "\"" : scheme);
    response.headers.emplace_back("Cache-Control", "no-store");
    return true;
  };

  if (method == "GET" || method == "HEAD") {
    bool has_query = false;
    json::Value params = json::Value::MakeObject();
    std::string bad_param;
    size_t pos = 0;
    while (!query_string.empty() && pos <= query_string.size()) {
      size_t amp = query_string.find('&', pos);
      std::string pair = query_string.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
      size_t eq = pair.find('=');
      std::string key = UrlDecode(pair.substr(0, eq));
      std::string value = eq == std::string::npos ? "" : UrlDecode(pair.substr(eq + 1));
      if (key == "variables" || key == "extensions") {
        auto parsed = json::Parse(value);
        if (!parsed.ok())
          bad_param = "The " + key + " parameter is not valid JSON.";
        else
          params.set(key, std::move(*parsed));
      } else if (key == "query" || key == "operationName") {
        if (key == "query") has_query = true;
        params.set(key, json::Value::String(value));
      }
      if (amp == std::string::npos) break;
      pos = amp + 1;
    }
    if (!has_query && served->graphiql && AcceptsHtml(request.accept)) {
      LoadAssets();
      std::string endpoint = path.back() == '/' ? path : path + "/";
      response.content_type = "text/html; charset=utf-8";
      response.body = assets.empty() ? PlainPage(*served, endpoint) : GraphiQLPage(*served, endpoint);
      response.headers.emplace_back("Cache-Control", "no-cache");
      GzipIfAccepted(request, response);
      return response;
    }
    if (refused()) return response;
    if (!bad_param.empty()) {
      response.status = 400;
      response.body = ErrorBody(bad_param);
      return response;
    }
    auto [status, text] = ExecuteOne(*served, params, true, graphql_response, &allow, context);
    response.status = status;
    response.body = std::move(text);
    if (!allow.empty()) response.headers.emplace_back("Allow", allow);
    GzipIfAccepted(request, response);
    return response;
  }
  if (method != "POST") {
    response.status = 405;
    response.body = ErrorBody("GraphQL only supports GET and POST requests.");
    response.headers.emplace_back("Allow", "GET, POST, OPTIONS");
    return response;
  }
  if (refused()) return response;
  std::optional<json::Value> parsed;
  if (IsMultipartFormData(request.content_type)) {
    // A browser sends multipart/form-data cross-origin without a preflight: require a header it cannot add
    // without one (CSRF), as Apollo Server and graphql-upload do.
    if (!request.preflight_header) {
      response.status = 400;
      response.body =
          ErrorBody("Multipart requests must carry a GraphQL-Require-Preflight (or Apollo-Require-Preflight) header.");
      return response;
    }
    MultipartLimits limits;
    limits.max_files = options.max_upload_files;
    limits.max_file_bytes = options.max_upload_file_bytes;
    MultipartResult m = ParseGraphQLMultipart(request.content_type, request.body, limits);
    if (!m.ok()) {
      response.status = m.status;
      response.body = ErrorBody(m.error);
      return response;
    }
    parsed = std::move(m.operations);
  } else {
    std::string media = Lower(request.content_type.substr(0, request.content_type.find(';')));
    while (!media.empty() && media.back() == ' ') media.pop_back();
    if (media != "application/json" && media != "application/graphql-response+json") {
      response.status = 415;
      response.body = ErrorBody(request.content_type.empty() ? "Missing Content-Type: use application/json."
                                                             : "Content-Type must be application/json.");
      return response;
    }
    if (request.body.empty()) {
      response.status = 400;
      response.body = ErrorBody("Missing request body.");
      return response;
    }
    auto body = json::Parse(request.body);
    if (!body.ok()) {
      response.status = 400;
      response.body = ErrorBody("POST body sent invalid JSON.");
      return response;
    }
    parsed = std::move(body).value();
  }
  if (parsed->is_array()) {
    if (parsed->as_array().empty() || parsed->as_array().size() > options.max_batch) {
      response.status = 400;
      response.body = ErrorBody(parsed->as_array().empty() ? "Empty batch." : "Too many operations in one batch.");
      return response;
    }
    std::string out = "[";
    for (size_t i = 0; i < parsed->as_array().size(); ++i) {
      auto [status, text] = ExecuteOne(*served, parsed->as_array()[i], false, false, nullptr, context);
      (void)status;
      out += (i ? "," : "") + text;
    }
    response.body = out + "]";
    GzipIfAccepted(request, response);
    return response;
  }
  auto [status, text] = ExecuteOne(*served, *parsed, false, graphql_response, nullptr, context);
  response.status = status;
  response.body = std::move(text);
  GzipIfAccepted(request, response);
  return response;
}

// ---------------------------------------------------------------------------------------------------------------
// Connections.

class Server::Session : public std::enable_shared_from_this<Server::Session> {
 public:
  Session(Server* server, tcp::socket socket)
      : server_(server), impl_(server->impl_.get()), stream_(std::move(socket)), timer_(stream_.get_executor()) {
    std::lock_guard lock(impl_->sessions_mu);
    impl_->sessions.insert(this);
  }
  ~Session() {
    std::lock_guard lock(impl_->sessions_mu);
    impl_->sessions.erase(this);
  }

  void Start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
  }

  // On the strand: during shutdown, a connection waiting for its next request is closed now.
  void CloseIfIdle() {
    if (state_ == State::kWaiting && buffer_.size() == 0 && !(parser_ && parser_->got_some())) Close();
  }

  asio::any_io_executor executor() { return stream_.get_executor(); }

 private:
  enum class State { kWaiting, kReading, kHandling, kWriting, kClosed };

  void ReadHeader() {
    if (impl_->stopping) return Close();
    state_ = State::kWaiting;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(impl_->options.max_header_bytes));
    parser_->body_limit(impl_->options.max_body_bytes);
    StartReadTimer();
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  // Reads are bounded by our own timer (not tcp_stream's, which closes the socket) so a slow sender still gets 408.
  void StartReadTimer() {
    stream_.expires_never();
    timed_out_ = false;
    timer_.expires_after(std::chrono::seconds(impl_->options.read_timeout_seconds));
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec) return;
      self->timed_out_ = true;
      beast::error_code ignored;
      self->stream_.socket().cancel(ignored);
    });
  }

  void OnHeader(beast::error_code ec) {
    timer_.cancel();
    if (ec) return OnReadError(ec);
    state_ = State::kReading;
    auto& req = parser_->get();
    size_t limit = impl_->options.max_body_bytes;
    if (IsMultipartFormData(std::string(req[http::field::content_type])) && impl_->options.max_upload_body_bytes > 0) {
      limit = impl_->options.max_upload_body_bytes;  // file uploads
      parser_->body_limit(limit);
    }
    if (auto length = parser_->content_length(); length && *length > limit)
      return SendError(http::status::payload_too_large, "Request too large.");
    if (beast::iequals(req[http::field::expect], "100-continue")) {
      auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
      http::async_write(stream_, *cont, [self = shared_from_this(), cont](beast::error_code wec, size_t) {
        if (wec) return self->Close();
        self->ReadBody();
      });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    StartReadTimer();
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) { self->OnBody(ec); });
  }

  void OnReadError(beast::error_code ec) {
    bool got_some = parser_ && parser_->got_some();
    if (ec == http::error::body_limit) return SendError(http::status::payload_too_large, "Request too large.");
    if (ec == http::error::header_limit)
      return SendError(http::status::request_header_fields_too_large, "Request header fields too large.");
    if (timed_out_ || ec == beast::error::timeout) {
      if (got_some || buffer_.size() > 0) return SendError(http::status::request_timeout, "Request timed out.");
      return Close();
    }
    if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted || ec == asio::error::eof ||
        ec == asio::error::connection_reset || ec == http::error::partial_message || !got_some)
      return Close();
    // A malformed request (bad method, target, version, header, chunk or length).
    SendError(http::status::bad_request, "Malformed HTTP request.");
  }

  void OnBody(beast::error_code ec) {
    timer_.cancel();
    if (ec) return OnReadError(ec);
    state_ = State::kHandling;
    stream_.expires_never();
    auto& req = parser_->get();
    auto http_request = std::make_shared<HttpRequest>();
    http_request->method = std::string(req.method_string());
    http_request->target = std::string(req.target());
    http_request->accept = std::string(req[http::field::accept]);
    http_request->content_type = std::string(req[http::field::content_type]);
    http_request->accept_encoding = std::string(req[http::field::accept_encoding]);
    http_request->origin = std::string(req[http::field::origin]);
    http_request->access_control_request_method = std::string(req[http::field::access_control_request_method]);
    http_request->authorization = std::string(req[http::field::authorization]);
    http_request->cookie = std::string(req[http::field::cookie]);
    http_request->preflight_header = req.find("GraphQL-Require-Preflight") != req.end() ||
                                     req.find("Apollo-Require-Preflight") != req.end() ||
                                     req.find("X-Apollo-Operation-Name") != req.end();
    http_request->body = std::move(req.body());
    std::string request_id = std::string(req["X-Request-Id"]);
    if (request_id.empty() || request_id.size() > 200 ||
        !std::all_of(request_id.begin(), request_id.end(), [](char c) { return c > 32 && c < 127; }))
      request_id = impl_->request_id_prefix + std::to_string(++impl_->request_counter);
    http_request->request_id = request_id;
    bool keep_alive = req.keep_alive();
    unsigned version = req.version();
    auto started = std::chrono::steady_clock::now();
    // The handler runs on the worker pool; the work guard keeps the I/O loop alive until the response is back.
    asio::post(*impl_->workers, [self = shared_from_this(), http_request, request_id, keep_alive, version, started,
                                 guard = asio::make_work_guard(impl_->io)]() mutable {
      HttpResponse r;
      try {
        r = self->server_->Handle(*http_request);
      } catch (const std::exception& e) {
        r = HttpResponse{};
        r.status = 500;
        r.content_type = "application/json; charset=utf-8";
        r.body = ErrorBody(std::string("Internal server error: ") + e.what());
      }
      auto res = std::make_shared<http::response<http::string_body>>();
      res->version(version);
      res->result(static_cast<unsigned>(r.status));
      if (!r.content_type.empty()) res->set(http::field::content_type, r.content_type);
      for (const auto& [k, v] : r.headers) res->insert(k, v);
      bool head = http_request->method == "HEAD";
      size_t length = r.body.size();
      if (!head) res->body() = std::move(r.body);
      res->keep_alive(keep_alive);
      self->Decorate(*res, request_id);
      res->prepare_payload();
      if (head) res->content_length(length);
      if (self->impl_->options.access_log) {
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        std::string path = http_request->target.substr(0, http_request->target.find('?'));
        std::fprintf(stderr, "railgun: %s %s %s %d %zu %.1fms\n", request_id.c_str(), http_request->method.c_str(),
                     path.c_str(), r.status, length, ms);
      }
      asio::post(self->stream_.get_executor(), [self, res, guard = std::move(guard)]() mutable {
        guard.reset();
        self->Write(res);
      });
    });
  }

  void Decorate(http::response<http::string_body>& res, const std::string& request_id) {
    res.set("X-Request-Id", request_id);
    res.set(http::field::server, "railgun");
    // Shutting down: this is the connection's last response.
    if (impl_->stopping) res.keep_alive(false);
  }

  void Write(std::shared_ptr<http::response<http::string_body>> res) {
    if (impl_->stopping) res->keep_alive(false);
    state_ = State::kWriting;
    stream_.expires_after(std::chrono::seconds(impl_->options.write_timeout_seconds));
    bool keep = res->keep_alive();
    http::async_write(stream_, *res, [self = shared_from_this(), res, keep](beast::error_code ec, size_t) {
      if (ec) return self->Close();
      if (!keep) return self->lingering_ ? self->LingeringClose() : self->Close();
      self->ReadHeader();
    });
  }

  // After an error answer to a request whose bytes may still be arriving: stop sending, then discard input for a
  // moment, so the client reads the answer instead of a connection reset.
  void LingeringClose() {
    state_ = State::kWriting;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::chrono::seconds(2));
    Drain();
  }
  void Drain() {
    auto scratch = std::make_shared<std::array<char, 8192>>();
    stream_.async_read_some(asio::buffer(*scratch), [self = shared_from_this(), scratch](beast::error_code ec, size_t) {
      if (ec) return self->Close();
      self->Drain();
    });
  }

  // Answers an unreadable request, then closes the connection.
  void SendError(http::status status, const std::string& message) {
    auto res = std::make_shared<http::response<http::string_body>>(status, 11);
    res->set(http::field::content_type, "application/json; charset=utf-8");
    res->body() = ErrorBody(message);
    res->keep_alive(false);
    lingering_ = true;
    Decorate(*res, impl_->request_id_prefix + std::to_string(++impl_->request_counter));
    res->prepare_payload();
    Write(res);
  }

  void Close() {
    if (state_ == State::kClosed) return;
    state_ = State::kClosed;
    timer_.cancel();
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  Server* server_;
  Impl* impl_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  asio::steady_timer timer_;
  bool timed_out_ = false;
  bool lingering_ = false;
  State state_ = State::kWaiting;
};

// ---------------------------------------------------------------------------------------------------------------
// Lifecycle.

Server::Server(ServerOptions options, ResolverFactory factory) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->factory = std::move(factory);
  std::string path = impl_->options.graphql_path;
  if (path.empty() || path.front() != '/') path.insert(path.begin(), '/');
  while (!path.empty() && path.back() == '/') path.pop_back();
  impl_->graphql_path = path;
  char prefix[32];
  std::snprintf(prefix, sizeof prefix, "rg-%x-", static_cast<unsigned>(::getpid()));
  impl_->request_id_prefix = prefix;
}

Server::~Server() {
  Stop();
  if (impl_->workers) impl_->workers->join();
}

void Server::AddSchema(std::unique_ptr<ServedSchema> schema) {
  // GraphiQL tabs: the given example first, then examples made from the schema's list fields.
  if (schema->enabled && schema->generated && schema->more_example_queries.empty()) {
    for (auto& q : ExampleQueries(schema->generated->schema(), 3)) {
      size_t open = q.find("{\n  ") + 4;
      std::string root = q.substr(open, q.find('(') - open);
      if (schema->example_query.find(root + "(") != std::string::npos) continue;
      if (schema->example_query.empty())
        schema->example_query = std::move(q);
      else
        schema->more_example_queries.push_back(std::move(q));
    }
  }
  impl_->schemas.push_back(std::move(schema));
}

std::vector<const ServedSchema*> Server::Schemas() const {
  std::vector<const ServedSchema*> out;
  for (const auto& s : impl_->schemas) out.push_back(s.get());
  return out;
}

size_t Server::ConnectionCount() const {
  std::lock_guard lock(impl_->sessions_mu);
  return impl_->sessions.size();
}

StatusOr<uint16_t> Server::Listen() {
  try {
    beast::error_code ec;
    asio::ip::address address = asio::ip::make_address(impl_->options.host, ec);
    if (ec) {
      tcp::resolver resolver(impl_->io);
      auto results = resolver.resolve(impl_->options.host, "");
      if (results.empty()) return Status(StatusCode::kInvalidArgument, "cannot resolve " + impl_->options.host);
      address = results.begin()->endpoint().address();
    }
    tcp::endpoint endpoint(address, impl_->options.port);
    impl_->acceptor = std::make_unique<tcp::acceptor>(impl_->io);
    impl_->acceptor->open(endpoint.protocol());
    impl_->acceptor->set_option(asio::socket_base::reuse_address(true));
    impl_->acceptor->bind(endpoint);
    impl_->acceptor->listen(asio::socket_base::max_listen_connections);
    return impl_->acceptor->local_endpoint().port();
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, std::string("cannot listen: ") + e.what());
  }
}

void Server::Run() {
  if (!impl_->acceptor) return;
  // Threads start here, so they inherit the caller's signal mask (the CLI blocks SIGINT / SIGTERM for sigwait).
  int workers = impl_->options.worker_threads;
  if (workers <= 0) workers = std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
  impl_->workers = std::make_unique<asio::thread_pool>(static_cast<size_t>(workers));
  asio::post(*impl_->workers, [impl = impl_.get()] { impl->LoadAssets(); });  // GraphiQL ready before it's asked
  std::function<void()> accept = [this, &accept] {
    impl_->acceptor->async_accept(
        asio::make_strand(impl_->io), [this, &accept](beast::error_code ec, tcp::socket socket) {
          if (ec == asio::error::operation_aborted || impl_->stopping || !impl_->acceptor->is_open()) return;
          if (!ec) {
            if (ConnectionCount() >= impl_->options.max_connections) {
              beast::error_code ignored;
              socket.close(ignored);
            } else {
              beast::error_code ignored;
              socket.set_option(tcp::no_delay(true), ignored);
              std::make_shared<Session>(this, std::move(socket))->Start();
            }
          }
          accept();
        });
  };
  asio::post(impl_->io, accept);
  int n = std::max(1, impl_->options.io_threads);
  std::vector<std::thread> threads;
  for (int i = 1; i < n; ++i) threads.emplace_back([this] { impl_->io.run(); });
  impl_->io.run();
  for (auto& t : threads) t.join();
  impl_->workers->join();
}

void Server::Stop() {
  if (impl_->stopping.exchange(true)) return;
  asio::post(impl_->io, [impl = impl_.get()] {
    beast::error_code ignored;
    if (impl->acceptor) impl->acceptor->close(ignored);
    std::vector<std::shared_ptr<Session>> live;
    {
      std::lock_guard lock(impl->sessions_mu);
      for (Session* s : impl->sessions)
        if (auto p = s->weak_from_this().lock()) live.push_back(std::move(p));
    }
    for (auto& s : live) asio::post(s->executor(), [s] { s->CloseIfIdle(); });
  });
}

}  // namespace railgun::server
