// Atomicity and concurrency of mutations, on SQLite and PostgreSQL:
// - a 3-level nested create (order -> items -> product -> category + tags) is run once per statement it sends,
//   with that statement forced to fail (an internal error, then a constraint violation); after every failed run
//   the database is byte-for-byte what it was before, and the response reports the failure;
// - many connections update disjoint fields of one row and add many-to-many links to it at the same time: every
//   update that reported success is in the final row.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "db/migrate.h"
#include "db/postgres.h"
#include "db/sqlite.h"
#include "execute/executor.h"
#include "generate/generator.h"
#include "json/parse.h"
#include "json/writer.h"
#include "language/parser.h"
#include "models/loader.h"
#include "generate/names.h"
#include "mutate/mutation_resolver.h"
#include "sql/dialect.h"
#include "support/case_support.h"
#include "support/pg_test_cluster.h"
#include "validation/validate.h"

namespace railgun::mutate {
namespace {

namespace fs = std::filesystem;

// Delegates to `inner`, failing the `fail_at`-th statement (1-based, ROLLBACKs never fail) with `kind`.
class FailingConnection : public db::Connection {
 public:
  FailingConnection(db::Connection& inner, int fail_at, db::DbErrorKind kind)
      : inner_(inner), fail_at_(fail_at), kind_(kind) {}
  [[nodiscard]] db::Dialect dialect() const override { return inner_.dialect(); }
  Status Prepare(std::string_view sql) override { return inner_.Prepare(sql); }
  StatusOr<db::ResultSet> Execute(std::string_view sql, std::span<const db::Param> params) override {
    if (Inject(sql)) return Fail(Injected());
    StatusOr<db::ResultSet> r = inner_.Execute(sql, params);
    if (!r.ok()) last_error_ = inner_.last_error();
    return r;
  }
  StatusOr<db::Cell> QueryOneText(std::string_view sql, std::span<const db::Param> params) override {
    if (Inject(sql)) return Fail(Injected());
    StatusOr<db::Cell> r = inner_.QueryOneText(sql, params);
    if (!r.ok()) last_error_ = inner_.last_error();
    return r;
  }
  Status ExecuteScript(std::string_view sql) override { return inner_.ExecuteScript(sql); }
  [[nodiscard]] bool in_transaction() const override { return inner_.in_transaction(); }
  Status Ping() override { return inner_.Ping(); }
  [[nodiscard]] bool broken() const override { return inner_.broken(); }
  [[nodiscard]] size_t cached_statements() const override { return inner_.cached_statements(); }
  void ClearStatementCache() override { inner_.ClearStatementCache(); }
  [[nodiscard]] bool injected() const { return injected_; }
  [[nodiscard]] int seen() const { return seen_; }

 protected:
  Status ExecuteControl(std::string_view sql) override {
    if (Inject(sql)) return Fail(Injected());
    Status st = inner_.ExecuteScript(sql);
    if (!st.ok()) last_error_ = inner_.last_error();
    return st;
  }

 private:
  bool Inject(std::string_view sql) {
    NoteStatement(sql);
    if (sql.starts_with("ROLLBACK")) return false;
    if (++seen_ != fail_at_) return false;
    injected_ = true;
    return true;
  }
  db::DbError Injected() const {
    db::DbError e = db::DbError::Of(kind_, "injected failure");
    e.message = std::string(db::DbErrorUserMessage(kind_));
    return e;
  }
  db::Connection& inner_;
  int fail_at_;
  db::DbErrorKind kind_;
  int seen_ = 0;
  bool injected_ = false;
};

struct Env {
  std::unique_ptr<models::Project> project;
  std::unique_ptr<generate::GeneratedSchema> generated;
};

const Env& Shop() {
  static Env env = [] {
    Env e;
    auto path = (fs::path(RAILGUN_SOURCE_DIR) / "tests/cases/mutation/models/shop.yaml").string();
    auto p = models::LoadProject({path});
    EXPECT_TRUE(p.ok()) << p.status().message();
    e.project = std::make_unique<models::Project>(std::move(p).value());
    auto g = generate::Generate(*e.project);
    EXPECT_TRUE(g.ok()) << g.status().message();
    e.generated = std::move(g).value();
    return e;
  }();
  return env;
}

json::Value RunMutation(db::Connection& conn, const std::string& text) {
  const Env& env = Shop();
  language::ParseResult parsed = language::Parse(text);
  EXPECT_TRUE(parsed.ok());
  EXPECT_TRUE(validation::Validate(env.generated->schema(), parsed.document).empty()) << text;
  MutationResolver resolver(*env.generated, conn);
  execute::ExecutionRequest req;
  req.schema = &env.generated->schema();
  req.document = &parsed.document;
  req.resolver = &resolver;
  auto v = json::Parse(execute::Execute(req).ToJsonText());
  EXPECT_TRUE(v.ok());
  return v.ok() ? v.value() : json::Value();
}

// Every table's rows, in key order, as text.
std::string Snapshot(db::Connection& conn) {
  std::string out;
  for (const models::Model* m : Shop().project->models()) {
    std::vector<std::string> tables = {m->db_table};
    for (const models::Field& f : m->fields)
      if (f.is_many_to_many() && !f.through_model) tables.push_back(f.m2m_table);
    for (const std::string& t : tables) {
      auto rs = conn.Execute("SELECT * FROM " + sql::Ident(t) + " ORDER BY 1");
      EXPECT_TRUE(rs.ok()) << t;
      if (!rs.ok()) continue;
      out += t + ":";
      for (const db::Row& row : rs->rows) {
        for (const db::Cell& c : row) out += (c ? *c : std::string("NULL")) + "|";
        out += "\n";
      }
    }
  }
  return out;
}

StatusOr<std::unique_ptr<db::Connection>> Fresh(db::Dialect d) {
  RG_ASSIGN_OR_RETURN(auto conn, testing::NewCaseDatabase(d));
  for (const std::string& ddl : db::CreateTablesSql(*Shop().project, d)) RG_RETURN_IF_ERROR(conn->ExecuteScript(ddl));
  json::Value data = json::Value::MakeObject();
  auto seed = json::Parse(R"({"Category": [{"id": 1, "name": "Root", "slug": "root"}],
                              "Tag": [{"id": 1, "name": "old", "color": "#000000"}],
                              "Product": [{"id": 1, "name": "Existing", "sku": "E-1", "price": "5.00", "stock": 1,
                                           "active": true, "status": "live", "description": "",
                                           "created_at": "2026-01-01 00:00:00", "updated_at": "2026-01-01 00:00:00"}]})");
  if (!seed.ok()) return seed.status();
  RG_RETURN_IF_ERROR(testing::InsertCaseData(*conn, *Shop().project, seed.value()));
  return conn;
}

constexpr const char* kNestedCreate = R"(mutation {
  createOrder(input: {
    number: "A-1", customerEmail: "a@example.org", note: "it's \"quoted\""
    items: [
      {quantity: 2, unitPrice: "9.50",
       product: {name: "Lamp", sku: "L-1", price: "9.50",
                 category: {name: "Lights", slug: "lights", parentId: "1"},
                 tags: [{name: "new"}, {id: "1"}]}}
      {quantity: 1, unitPrice: "5.00", productId: "1"}
    ]
  }) {
    ok
    order { number note items { quantity product { name category { slug parent { slug } } tags { name } } } }
    errors { field message code }
  }
})";

class Atomicity : public ::testing::TestWithParam<db::Dialect> {};

TEST_P(Atomicity, FailureAtEveryStatementOfANestedCreateChangesNothing) {
  if (GetParam() == db::Dialect::kPostgres)
    if (auto pg = testing::EnsureTestPostgres(); !pg.ok()) GTEST_SKIP() << pg.status().message();
  for (db::DbErrorKind kind : {db::DbErrorKind::kOther, db::DbErrorKind::kUniqueViolation}) {
    auto c = Fresh(GetParam());
    ASSERT_TRUE(c.ok()) << c.status().message();
    db::Connection& conn = **c;
    const std::string before = Snapshot(conn);
    int statements = 0;
    json::Value last;
    for (int k = 1;; ++k) {
      ASSERT_LT(k, 100) << "the mutation never finished";
      FailingConnection failing(conn, k, kind);
      last = RunMutation(failing, kNestedCreate);
      if (!failing.injected()) {  // no statement left to fail: this run went through
        statements = failing.seen();
        break;
      }
      const json::Value* data = last.find("data");
      const json::Value* payload = data && data->is_object() ? data->find("createOrder") : nullptr;
      const bool reported = last.find("errors") != nullptr ||
                            (payload && payload->is_object() && payload->find("ok") && !payload->find("ok")->as_bool());
      EXPECT_TRUE(reported) << "statement " << k << ": " << json::Write(last);
      EXPECT_FALSE(conn.in_transaction()) << "statement " << k;
      EXPECT_EQ(Snapshot(conn), before) << "statement " << k << " failed but rows changed: " << json::Write(last);
    }
    EXPECT_GE(statements, 8);
    std::printf("nested create (%s): %d statements incl. BEGIN/COMMIT\n", std::string(db::DialectName(GetParam())).c_str(), statements);
    EXPECT_EQ(json::Write(last),
              R"({"data":{"createOrder":{"ok":true,"order":{"number":"A-1","note":"it's \"quoted\"","items":[)"
              R"({"quantity":2,"product":{"name":"Lamp","category":{"slug":"lights","parent":{"slug":"root"}},"tags":[{"name":"old"},{"name":"new"}]}},)"
              R"({"quantity":1,"product":{"name":"Existing","category":null,"tags":[]}}]},"errors":[]}}})");
    EXPECT_NE(Snapshot(conn), before);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, Atomicity, ::testing::Values(db::Dialect::kSqlite, db::Dialect::kPostgres),
                         [](const auto& info) { return std::string(db::DialectName(info.param)); });

// N connections; each updates its own field of product 1 repeatedly and adds its own tags to it.
class Concurrency : public ::testing::TestWithParam<db::Dialect> {};

TEST_P(Concurrency, ConcurrentUpdatesOfOneRowLoseNothingThatSucceeded) {
  const db::Dialect d = GetParam();
  std::function<StatusOr<std::unique_ptr<db::Connection>>()> open;
  std::string pg_schema;
  fs::path file;
  if (d == db::Dialect::kSqlite) {
    file = fs::temp_directory_path() / ("rg_concurrency_" + std::to_string(getpid()) + ".sqlite3");
    fs::remove(file);
    open = [file]() -> StatusOr<std::unique_ptr<db::Connection>> {
      db::SqliteOptions o;
      o.path = file.string();
      RG_ASSIGN_OR_RETURN(auto c, db::SqliteConnection::Open(o));
      return std::unique_ptr<db::Connection>(std::move(c));
    };
  } else {
    auto url = testing::NewTestDatabase();
    if (!url.ok()) GTEST_SKIP() << url.status().message();
    std::string u = url.value();
    open = [u]() -> StatusOr<std::unique_ptr<db::Connection>> {
      RG_ASSIGN_OR_RETURN(auto c, db::PostgresConnection::Connect(u));
      return std::unique_ptr<db::Connection>(std::move(c));
    };
  }
  {
    auto setup = open();
    ASSERT_TRUE(setup.ok()) << setup.status().message();
    for (const std::string& ddl : db::CreateTablesSql(*Shop().project, d)) ASSERT_TRUE((*setup)->ExecuteScript(ddl).ok());
    std::string tags;
    for (int i = 1; i <= 40; ++i) tags += std::string(i > 1 ? "," : "") + "{\"id\":" + std::to_string(i) + ",\"name\":\"t" + std::to_string(i) + "\",\"color\":\"#111111\"}";
    auto seed = json::Parse(R"({"Product": [{"id": 1, "name": "P", "sku": "P-1", "price": "1.00", "stock": 0,
        "active": true, "status": "live", "description": "", "created_at": "2026-01-01 00:00:00",
        "updated_at": "2026-01-01 00:00:00"}], "Tag": [)" + tags + "]}");
    ASSERT_TRUE(seed.ok());
    ASSERT_TRUE(testing::InsertCaseData(**setup, *Shop().project, seed.value()).ok());
  }
  // Four writers, each owning one field and ten tags.
  const std::vector<std::string> fields = {"name", "description", "stock", "rating"};
  constexpr int kRounds = 10;
  std::vector<std::string> last_ok(fields.size());
  std::vector<std::vector<int>> tags_ok(fields.size());
  std::vector<std::thread> threads;
  for (size_t w = 0; w < fields.size(); ++w) {
    threads.emplace_back([&, w] {
      auto c = open();
      ASSERT_TRUE(c.ok()) << c.status().message();
      for (int round = 1; round <= kRounds; ++round) {
        std::string value = fields[w] == "stock" ? std::to_string(round * 10 + static_cast<int>(w))
                            : fields[w] == "rating" ? std::to_string(round) + ".5"
                                                    : "\"w" + std::to_string(w) + "-" + std::to_string(round) + "\"";
        int tag = static_cast<int>(w) * kRounds + round;
        json::Value r = RunMutation(**c, "mutation { updateProduct(id: \"1\", input: {" + fields[w] + ": " + value +
                                     ", tagsAdd: [{id: \"" + std::to_string(tag) + "\"}]}) { ok errors { message } } }");
        const json::Value* data = r.find("data");
        const json::Value* p = data && data->is_object() ? data->find("updateProduct") : nullptr;
        if (p && p->is_object() && p->find("ok")->as_bool()) {
          last_ok[w] = value;
          tags_ok[w].push_back(tag);
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  auto c = open();
  ASSERT_TRUE(c.ok());
  json::Value r = RunMutation(**c, "mutation { updateProduct(id: \"1\", input: {}) { product { name description stock rating tags { id } } } }");
  const json::Value& product = *r.find("data")->find("updateProduct")->find("product");
  for (size_t w = 0; w < fields.size(); ++w) {
    ASSERT_FALSE(last_ok[w].empty()) << fields[w] << ": no update succeeded";
    std::string got = json::Write(*product.find(generate::ToCamelCase(fields[w])));
    EXPECT_EQ(got, last_ok[w]) << fields[w];
  }
  size_t succeeded = 0;
  for (const auto& t : tags_ok) succeeded += t.size();
  EXPECT_EQ(product.find("tags")->as_array().size(), succeeded);
  EXPECT_EQ(succeeded, fields.size() * kRounds) << "every update should succeed (busy waits, not errors)";
  if (!file.empty()) fs::remove(file);
}

INSTANTIATE_TEST_SUITE_P(Backends, Concurrency, ::testing::Values(db::Dialect::kSqlite, db::Dialect::kPostgres),
                         [](const auto& info) { return std::string(db::DialectName(info.param)); });

}  // namespace
}  // namespace railgun::mutate
