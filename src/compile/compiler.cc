// The SQL compiler (see compiler.h and README.md). Shapes, per root field:
//   single object   SELECT <object> FROM t t0 WHERE t0.key = ? LIMIT 1
//   connection      SELECT (SELECT <json {edges, pageInfo, totalCount}> FROM <window rows> w)
// Only a bounded window of rows is read (ORDER BY ... LIMIT first+1 OFFSET k, per parent for nested connections;
// `before` bounds the LIMIT, `last` alone reads in reverse; ToManyForward). Nested
// objects are correlated scalar subqueries; on SQLite they are hoisted into a layer over the rows to keep the
// parser stack shallow.
#include "compile/compiler.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <deque>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "execute/collect_fields.h"
#include "execute/values.h"
#include "generate/names.h"
#include "json/writer.h"
#include "sql/decimal.h"
#include "sql/dialect.h"

namespace railgun::compile {
namespace {

using db::Dialect;
using generate::FieldBinding;
using generate::FieldPath;
using generate::FieldRole;
using generate::FilterBinding;
using generate::PathStep;
using models::Field;
using models::FieldKind;
using models::Model;
using sql::Column;
using sql::Ident;
using sql::JsonMember;
using sql::Literal;
using Nodes = std::span<const language::Selection* const>;

constexpr int64_t kCursorModulus = 1000003;  // > kCursorPrime: the checksum fits below it
constexpr int64_t kCursorPrime = 999983;

struct CursorKey {
  int64_t a = 1;
  int64_t b = 0;
};

CursorKey KeyOf(const CompileOptions& options) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : options.cursor_secret) {
    h ^= c;
    h *= 1099511628211ull;
  }
  CursorKey k;
  k.a = 1 + static_cast<int64_t>(h % (kCursorPrime - 1));
  k.b = static_cast<int64_t>((h >> 32) % kCursorPrime);
  return k;
}

std::string BackendName(Dialect d) { return d == Dialect::kSqlite ? "sqlite" : "postgresql"; }

// A column-like value at the end of a filter / order path.
struct Operand {
  std::string expr;
  FieldKind kind = FieldKind::kTextField;
};

FieldKind KindOfGraphQLType(std::string_view type_text) {
  std::string named;
  for (char c : type_text)
    if (c != '[' && c != ']' && c != '!' && c != ' ') named += c;
  if (named == "Decimal") return FieldKind::kDecimalField;
  if (named == "Boolean") return FieldKind::kBooleanField;
  if (named == "Int" || named == "BigInt") return FieldKind::kBigIntegerField;
  if (named == "Float") return FieldKind::kFloatField;
  if (named == "DateTime") return FieldKind::kDateTimeField;
  if (named == "Date") return FieldKind::kDateField;
  return FieldKind::kTextField;
}

const std::string& TargetColumn(const Field& fk) {
  if (!fk.to_field.empty() && fk.target)
    if (const Field* f = fk.target->FindField(fk.to_field)) return f->column;
  return fk.target->pk()->column;
}

// A user value as a parameter for a column of `kind`.
StatusOr<db::Param> ParamForValue(FieldKind kind, const json::Value& v, std::string_view what) {
  if (v.is_null()) return db::Param();
  if (models::IsIntegerKind(kind)) {
    if (v.is_int()) return db::Param(v.as_int());
    if (v.is_string()) {
      const std::string& s = v.as_string();
      int64_t out = 0;
      auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
      if (ec == std::errc() && ptr == s.data() + s.size() && !s.empty()) return db::Param(out);
    }
    if (v.is_double() && v.as_double() == static_cast<double>(static_cast<int64_t>(v.as_double())))
      return db::Param(static_cast<int64_t>(v.as_double()));
    return BadUserInput("Invalid value for \"" + std::string(what) + "\": expected an integer.");
  }
  if (kind == FieldKind::kJSONField) return db::Param(json::Write(v));
  if (v.is_bool()) return db::Param(v.as_bool());
  if (v.is_int()) {
    if (kind == FieldKind::kDecimalField || models::IsStringKind(kind)) return db::Param(std::to_string(v.as_int()));
    return db::Param(v.as_int());
  }
  if (v.is_double()) return db::Param(v.as_double());
  if (v.is_string()) return db::Param(v.as_string());
  return BadUserInput("Invalid value for \"" + std::string(what) + "\".");
}

// Maps an enum filter value (choices_as_enums) back to its stored choice value.
json::Value EnumToChoiceValue(const generate::GeneratedSchema& gs, const schema::NamedType* value_type,
                              const json::Value& v) {
  if (!value_type || value_type->kind != schema::TypeKind::kEnum || !v.is_string()) return v;
  const models::Choice* c = gs.enum_choice(value_type, v.as_string());
  return c ? c->value : v;
}

void CountVariables(const language::Value& v, std::map<std::string, int>& out) {
  if (v.kind == language::ValueKind::kVariable) ++out[v.text];
  for (const language::Value& e : v.list) CountVariables(e, out);
  for (const language::ObjectField& f : v.fields) CountVariables(f.value, out);
}

void CountVariables(const std::vector<language::Directive>& directives, std::map<std::string, int>& out) {
  for (const language::Directive& d : directives)
    for (const language::Argument& a : d.arguments) CountVariables(a.value, out);
}

void CountVariables(const language::Selection& s, std::map<std::string, int>& out) {
  for (const language::Argument& a : s.arguments) CountVariables(a.value, out);
  CountVariables(s.directives, out);
  for (const language::Selection& sub : s.selection_set.selections) CountVariables(sub, out);
}

class Compiler {
 public:
  Compiler(const generate::GeneratedSchema& gs, const execute::RootFieldContext& ctx, Dialect d,
           const CompileOptions& options)
      : gs_(gs),
        ctx_(ctx),
        d_(d),
        key_(KeyOf(options)),
        media_url_(options.media_url),
        max_page_size_(options.max_page_size),
        params_(d),
        collector_(ctx.schema, ctx.fragments, ctx.variables) {}

  StatusOr<CompiledQuery> Root() {
    const FieldBinding* b = gs_.binding(&ctx_.root_type, ctx_.field.name);
    if (!b || !b->target) return Internal("root field \"" + ctx_.field.name + "\" has no model binding");
    const Model& m = *b->target;
    const schema::NamedType* out_type = ctx_.field.type.named;
    CompiledQuery q;
    if (!ctx_.field_nodes.empty()) TrackArguments(*ctx_.field_nodes.front(), ctx_.arguments);
    switch (b->role) {
      case FieldRole::kRootSingle: {
        std::string alias = NewAlias();
        RG_ASSIGN_OR_RETURN(std::string cond, SingleKeyCondition(m, alias));
        Hoist hoist{alias, {}};
        if (d_ == Dialect::kSqlite) hoist_ = &hoist;
        StatusOr<std::string> obj = ObjectJson(m, *out_type, ctx_.field_nodes, alias);
        hoist_ = nullptr;
        if (!obj.ok()) return obj.status();
        std::string from = Ident(m.db_table) + " " + alias + " WHERE " + cond + " LIMIT 1";
        from = HoistLayer(hoist, from);
        q.sql = "SELECT " + obj.value() + " FROM " + from;
        q.nullable_row = true;
        break;
      }
      case FieldRole::kRootConnection:
      case FieldRole::kRootList: {
        RG_ASSIGN_OR_RETURN(std::string expr, ToMany(m, ctx_.field, *out_type, ctx_.field_nodes, ctx_.arguments,
                                                     nullptr, b->role == FieldRole::kRootList));
        q.sql = "SELECT " + expr;
        break;
      }
      default: return Internal("root field \"" + ctx_.field.name + "\" is not a query field");
    }
    q.params = params_.Take();
    FinishBindings(q);
    return q;
  }

  // The rows of `m` with `keys`, as one JSON array in key order (missing keys are skipped), each object shaped by
  // ctx_.field's selection (the mutation payload's read-back).
  StatusOr<CompiledQuery> ByKeys(const Model& m, std::span<const db::Param> keys) {
    const schema::NamedType* out_type = ctx_.field.type.named;
    CompiledQuery q;
    std::string alias = NewAlias();
    Hoist hoist{alias, {}};
    if (d_ == Dialect::kSqlite) hoist_ = &hoist;
    StatusOr<std::string> obj = ObjectJson(m, *out_type, ctx_.field_nodes, alias);
    hoist_ = nullptr;
    if (!obj.ok()) return obj.status();
    const std::string pk = Column(alias, m.pk()->column);
    std::string in, order = "CASE " + pk;
    for (size_t i = 0; i < keys.size(); ++i) in += (i ? ", " : "") + params_.Add(keys[i]);
    for (size_t i = 0; i < keys.size(); ++i) order += " WHEN " + params_.Add(keys[i]) + " THEN " + std::to_string(i);
    order += " END";
    if (keys.empty()) in = "NULL";
    std::string from = Ident(m.db_table) + " " + alias + " WHERE " + pk + " IN (" + in + ")";
    from = HoistLayer(hoist, from);
    if (d_ == Dialect::kSqlite)
      q.sql = "SELECT coalesce(json_group_array(json(o)), '[]') FROM (SELECT " + obj.value() + " AS o FROM " + from +
              " ORDER BY " + order + ")";
    else
      q.sql = "SELECT coalesce(json_agg(x.o ORDER BY x.r), '[]'::json) FROM (SELECT " + obj.value() + " AS o, " +
              order + " AS r FROM " + from + ") x";
    q.params = params_.Take();
    return q;
  }

 private:
  // A to-many relation from a parent row (`parent_alias`) to the rows of `target`.
  struct Relation {
    const Model* parent = nullptr;
    std::string parent_alias;
    const Field* forward = nullptr;                    // M2M declared on parent
    const models::ReverseRelation* reverse = nullptr;  // reverse FK / M2M / O2O
  };

  // Subquery members of the rows of `alias`, computed as columns `__h<i>` of a layer over those rows (SQLite).
  struct Hoist {
    std::string alias;
    std::vector<std::pair<std::string, std::string>> columns;
  };

  // `from` (a table with its alias and WHERE) wrapped in a layer that adds the hoisted subqueries as columns, when
  // there are any (SQLite: nested subqueries as columns of a layer; see ToManyForward).
  static std::string HoistLayer(const Hoist& hoist, const std::string& from) {
    if (hoist.columns.empty()) return from;
    std::string layer = "SELECT " + hoist.alias + ".*";
    for (const auto& [col, expr] : hoist.columns) layer += ", " + expr + " AS " + col;
    return "(" + layer + " FROM " + from + ") " + hoist.alias;
  }

  std::string NewAlias() { return "t" + std::to_string(next_alias_++); }

  // The join condition between `from_alias` (a row of `from`) and `to_alias` (a row of `to`).
  std::string JoinCondition(const Model& from, const std::string& from_alias, const Field* forward,
                            const models::ReverseRelation* reverse, const Model& to, const std::string& to_alias) {
    if (forward) {
      if (forward->is_many_to_many()) {
        std::string j = NewAlias();
        return Column(to_alias, to.pk()->column) + " IN (SELECT " + Column(j, forward->m2m_target_column) + " FROM " +
               Ident(forward->m2m_table) + " " + j + " WHERE " + Column(j, forward->m2m_source_column) + " = " +
               Column(from_alias, from.pk()->column) + ")";
      }
      return Column(to_alias, TargetColumn(*forward)) + " = " + FieldColumn(from, *forward, from_alias);
    }
    const Field& f = *reverse->field;
    if (f.is_many_to_many()) {
      std::string j = NewAlias();
      return Column(to_alias, to.pk()->column) + " IN (SELECT " + Column(j, f.m2m_source_column) + " FROM " +
             Ident(f.m2m_table) + " " + j + " WHERE " + Column(j, f.m2m_target_column) + " = " +
             Column(from_alias, from.pk()->column) + ")";
    }
    // A key reference joins on `from`'s own key: an inherited relation's ancestor key has the same value.
    if (f.to_field.empty()) return Column(to_alias, f.column) + " = " + Column(from_alias, from.pk()->column);
    return Column(to_alias, f.column) + " = " + Column(from_alias, TargetColumn(f));
  }

  // The column of `f` for a row `alias` of `m`: the row's own column, or, for a field inherited from a
  // multi-table-inheritance ancestor, that ancestor row's column (same key value as the child's).
  std::string FieldColumn(const Model& m, const Field& f, const std::string& alias) {
    const Model* owner = m.OwnerOf(f);
    if (!owner || owner == &m) return Column(alias, f.column);
    std::string a = NewAlias();
    return "(SELECT " + Column(a, f.column) + " FROM " + Ident(owner->db_table) + " " + a + " WHERE " +
           Column(a, owner->pk()->column) + " = " + Column(alias, m.pk()->column) + ")";
  }

  // The field's coerced arguments, kept alive until the end of compilation (variable origins are tracked by the
  // address of each value).
  StatusOr<const json::Value*> Arguments(const schema::Field& def, const language::Selection& node) {
    execute::ArgumentValues args = execute::CoerceArgumentValues(def.args, node.arguments, node.loc, ctx_.variables);
    if (!args.ok()) return BadUserInput(args.error->message);
    const json::Value& stored = arg_store_.emplace_back(std::move(args.values));
    TrackArguments(node, stored);
    return &stored;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Variable tracking for shape-keyed plans: which parameters come straight from a variable's value.
  void TrackArguments(const language::Selection& node, const json::Value& args) {
    for (const language::Argument& a : node.arguments)
      if (const json::Value* v = args.find(a.name.value)) Walk(a.value, *v);
  }

  void Walk(const language::Value& ast, const json::Value& v) {
    switch (ast.kind) {
      case language::ValueKind::kVariable:
        occurrences_.push_back({ast.text, &v});
        Register(v, ast.text, {});
        break;
      case language::ValueKind::kList:
        if (v.is_array() && v.as_array().size() == ast.list.size())
          for (size_t i = 0; i < ast.list.size(); ++i) Walk(ast.list[i], v.as_array()[i]);
        break;
      case language::ValueKind::kObject:
        for (const language::ObjectField& f : ast.fields)
          if (const json::Value* sub = v.find(f.name.value)) Walk(f.value, *sub);
        break;
      default: break;
    }
  }

  void Register(const json::Value& v, const std::string& var, std::vector<std::string> path) {
    if (v.is_array()) {
      for (size_t i = 0; i < v.as_array().size(); ++i) {
        std::vector<std::string> p = path;
        p.push_back("#" + std::to_string(i));
        Register(v.as_array()[i], var, std::move(p));
      }
    } else if (v.is_object()) {
      for (const auto& [key, sub] : v.as_object()) {
        std::vector<std::string> p = path;
        p.push_back(key);
        Register(sub, var, std::move(p));
      }
    }
    origins_[&v] = {var, std::move(path)};
  }

  // Records that the next parameter is `convert(v)`; call just before adding it.
  void Consumed(const json::Value& v, BoundValue::Conversion conversion, FieldKind kind,
                const schema::NamedType* enum_type, std::string_view what) {
    consumed_.insert(&v);
    auto it = origins_.find(&v);
    if (it == origins_.end()) return;
    BoundValue b;
    b.param_index = params_.params().size();
    b.variable = it->second.first;
    b.path = it->second.second;
    b.conversion = conversion;
    b.kind = kind;
    b.enum_type = enum_type;
    b.what = std::string(what);
    bound_.push_back(std::move(b));
  }

  bool AllLeavesConsumed(const json::Value& v) const {
    if (v.is_null()) return true;
    if (v.is_array()) {
      for (const json::Value& e : v.as_array())
        if (!AllLeavesConsumed(e)) return false;
      return true;
    }
    if (v.is_object()) {
      for (const auto& [key, sub] : v.as_object())
        if (!AllLeavesConsumed(sub)) return false;
      return true;
    }
    return consumed_.count(&v) > 0;
  }

  // Variables whose every occurrence only fed bound parameters (so other values of the same JSON shape reuse the
  // plan with re-bound parameters), and the parameters they feed.
  void FinishBindings(CompiledQuery& q) {
    std::map<std::string, int> walked;
    std::set<std::string> rejected;
    for (const auto& [var, v] : occurrences_) {
      ++walked[var];
      if (!AllLeavesConsumed(*v)) rejected.insert(var);
    }
    const std::map<std::string, int> total = VariableOccurrences(ctx_);
    for (const auto& [var, n] : walked) {
      auto it = total.find(var);
      if (rejected.count(var) || it == total.end() || it->second != n) continue;
      q.value_variables.push_back(var);
    }
    for (BoundValue& b : bound_)
      if (std::find(q.value_variables.begin(), q.value_variables.end(), b.variable) != q.value_variables.end())
        q.bound_values.push_back(std::move(b));
  }

  StatusOr<execute::FieldCollection> Collect(const schema::NamedType& type, Nodes nodes) {
    execute::FieldCollection c = collector_.CollectSubfields(type, nodes);
    if (!c.ok()) return BadUserInput(c.error->message);
    return c;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Objects
  StatusOr<std::string> ObjectJson(const Model& m, const schema::NamedType& type, Nodes nodes,
                                   const std::string& alias) {
    RG_ASSIGN_OR_RETURN(execute::FieldCollection fields, Collect(type, nodes));
    std::vector<JsonMember> members;
    for (const execute::CollectedField& cf : fields.fields) {
      const language::Selection& node = *cf.nodes.front();
      const std::string& name = node.name.value;
      JsonMember member;
      if (name == "__typename") {
        member.expr = Literal(type.name);
      } else {
        const schema::Field* def = type.field(name);
        const FieldBinding* b = gs_.binding(&type, name);
        if (!def || !b) return Internal("field \"" + type.name + "." + name + "\" has no model binding");
        RG_ASSIGN_OR_RETURN(member, ObjectMember(m, *def, *b, cf.nodes, alias));
        const bool subquery = b->role == FieldRole::kForwardRelation || b->role == FieldRole::kReverseOneToOne ||
                              b->role == FieldRole::kToManyConnection || b->role == FieldRole::kToManyList;
        if (subquery && hoist_ && hoist_->alias == alias) {
          std::string col = "__h" + std::to_string(hoist_->columns.size());
          hoist_->columns.emplace_back(col, std::move(member.expr));
          member.expr = "json(" + alias + "." + col + ")";  // derived-table columns lose SQLite's JSON subtype
        }
      }
      member.key = std::string(cf.response_key);
      members.push_back(std::move(member));
    }
    return sql::JsonObject(d_, members);
  }

  StatusOr<JsonMember> ObjectMember(const Model& m, const schema::Field& def, const FieldBinding& b, Nodes nodes,
                                    const std::string& alias) {
    const schema::NamedType& out = *def.type.named;
    switch (b.role) {
      case FieldRole::kColumn:
      case FieldRole::kPk: {
        const Field& f = *b.field;
        std::string col = FieldColumn(m, f, alias);
        if (out.kind == schema::TypeKind::kEnum) return EnumOutput(f, out, col);
        if ((f.kind == FieldKind::kFileField || f.kind == FieldKind::kImageField) && !media_url_.empty() &&
            out.name == "String")
          return JsonMember{"",
                            "CASE WHEN " + col + " IS NULL OR " + col + " = '' THEN " + col + " ELSE " +
                                Literal(media_url_) + " || " + col + " END",
                            false};
        return sql::OutputColumn(d_, f, col, out.name);
      }
      case FieldRole::kForeignKeyId: return sql::OutputColumn(d_, *b.field, FieldColumn(m, *b.field, alias), "ID");
      case FieldRole::kChoiceDisplay: {
        const Field& f = *b.field;
        std::string col = FieldColumn(m, f, alias);
        std::string e = "CASE " + col;
        for (const models::Choice& c : f.choices) e += " WHEN " + ChoiceLiteral(c.value) + " THEN " + Literal(c.label);
        e += " ELSE " + sql::IntToText(d_, col) + " END";
        return JsonMember{"", e, false};
      }
      case FieldRole::kComputed: {
        RG_ASSIGN_OR_RETURN(std::string e, ComputedSql(m, *b.computed, alias));
        std::string scale;
        if (out.name == "Decimal" && d_ == Dialect::kSqlite) scale = ComputedDecimalScale(m, *b.computed, alias);
        return sql::OutputExpression(d_, e, out.name, scale);
      }
      case FieldRole::kForwardRelation: {
        const Field& f = *b.field;
        const Model& target = *f.target;
        std::string a = NewAlias();
        RG_ASSIGN_OR_RETURN(std::string obj, ObjectJson(target, out, nodes, a));
        return JsonMember{"",
                          "(SELECT " + obj + " FROM " + Ident(target.db_table) + " " + a + " WHERE " +
                              Column(a, TargetColumn(f)) + " = " + FieldColumn(m, f, alias) + ")",
                          true};
      }
      case FieldRole::kReverseOneToOne: {
        const Model& target = *b.reverse->source;
        std::string a = NewAlias();
        RG_ASSIGN_OR_RETURN(std::string obj, ObjectJson(target, out, nodes, a));
        return JsonMember{"",
                          "(SELECT " + obj + " FROM " + Ident(target.db_table) + " " + a + " WHERE " +
                              JoinCondition(m, alias, nullptr, b.reverse, target, a) + " LIMIT 1)",
                          true};
      }
      case FieldRole::kToManyConnection:
      case FieldRole::kToManyList: {
        RG_ASSIGN_OR_RETURN(const json::Value* args, Arguments(def, *nodes.front()));
        Relation rel{&m, alias, b.field, b.reverse};
        RG_ASSIGN_OR_RETURN(std::string e,
                            ToMany(*b.target, def, out, nodes, *args, &rel, b.role == FieldRole::kToManyList));
        return JsonMember{"", e, true};
      }
      case FieldRole::kRelationCount: {
        RG_ASSIGN_OR_RETURN(const json::Value* args, Arguments(def, *nodes.front()));
        const Model& target = *b.target;
        std::string a = NewAlias();
        std::string where = JoinCondition(m, alias, b.field, b.reverse, target, a);
        if (const json::Value* f = args->find("filters"); f && f->is_object()) {
          RG_ASSIGN_OR_RETURN(std::string c, Filter(target, FilterTypeOf(def), *f, a));
          where += " AND " + c;
        }
        return JsonMember{"", "(SELECT count(*) FROM " + Ident(target.db_table) + " " + a + " WHERE " + where + ")",
                          false};
      }
      default: return Internal("field \"" + def.name + "\" cannot be compiled on an object type");
    }
  }

  JsonMember EnumOutput(const Field& f, const schema::NamedType& enum_type, const std::string& col) {
    std::string e = "CASE " + col;
    for (const schema::EnumValue& v : enum_type.enum_values) {
      const models::Choice* c = gs_.enum_choice(&enum_type, v.name);
      if (c) e += " WHEN " + ChoiceLiteral(c->value) + " THEN " + Literal(v.name);
    }
    e += " ELSE NULL END";
    (void)f;
    return JsonMember{"", e, false};
  }

  std::string ChoiceLiteral(const json::Value& v) {
    if (v.is_int()) return std::to_string(v.as_int());
    if (v.is_bool()) return v.as_bool() ? sql::True(d_) : sql::False(d_);
    if (v.is_string()) return Literal(v.as_string());
    return "NULL";
  }

  StatusOr<std::string> ComputedSql(const Model& m, const models::ComputedField& c, const std::string& alias) {
    StatusOr<std::string> e = models::QualifyColumns(m, c.SqlFor(BackendName(d_)), alias);
    if (!e.ok()) return Internal("computed field \"" + c.name + "\": " + e.status().message());
    return "(" + e.value() + ")";
  }

  // The scale PostgreSQL's numeric arithmetic gives a computed Decimal (SQLite prints with it, so both backends
  // write "15.00"), as SQL over the row `alias`; empty when it cannot be inferred (the value's own text then).
  std::string ComputedDecimalScale(const Model& m, const models::ComputedField& c, const std::string& alias) {
    auto column_scale = [&](std::string_view name) -> std::optional<int> {
      const Field* f = m.FindField(name);
      if (!f) f = m.FindFieldByColumn(name);
      if (!f) return std::nullopt;
      if (f->kind == FieldKind::kDecimalField) return f->decimal_places;
      if (models::IsIntegerKind(f->kind) || f->is_to_one()) return 0;
      return std::nullopt;
    };
    std::optional<std::string> scale = sql::DecimalScaleSql(c.SqlFor(BackendName(d_)), column_scale);
    if (!scale) return "";
    StatusOr<std::string> qualified = models::QualifyColumns(m, *scale, alias);
    return qualified.ok() ? qualified.value() : "";
  }

  // ---------------------------------------------------------------------------------------------------------
  // Single object keys
  StatusOr<std::string> SingleKeyCondition(const Model& m, const std::string& alias) {
    const json::Value* chosen = nullptr;
    std::string chosen_name;
    std::string names;
    for (const schema::InputValue& arg : ctx_.field.args) {
      names += (names.empty() ? "" : ", ") + arg.name;
      const json::Value* v = ctx_.arguments.find(arg.name);
      if (!v || v->is_null()) continue;
      if (chosen) return BadUserInput("Provide exactly one of: " + FieldArgNames() + ".");
      chosen = v;
      chosen_name = arg.name;
    }
    if (!chosen) return BadUserInput("Provide exactly one of: " + names + ".");
    const Field* f = nullptr;
    if (chosen_name == "id" || chosen_name == "pk") {
      f = m.pk();
    } else {
      for (const Field& candidate : m.fields)
        if (candidate.name == chosen_name || generate::ToCamelCase(candidate.name) == chosen_name) f = &candidate;
    }
    if (!f) return Internal("unknown key argument \"" + chosen_name + "\"");
    RG_ASSIGN_OR_RETURN(db::Param p, ParamFor(f->kind, *chosen, chosen_name));
    Consumed(*chosen, BoundValue::Conversion::kParam, f->kind, nullptr, chosen_name);
    return sql::ComparableColumn(d_, f->kind, Column(alias, f->column)) + " = " +
           sql::ComparableParam(params_, f->kind, std::move(p));
  }

  std::string FieldArgNames() {
    std::string names;
    for (const schema::InputValue& arg : ctx_.field.args) names += (names.empty() ? "" : ", ") + arg.name;
    return names;
  }

  StatusOr<db::Param> ParamFor(FieldKind kind, const json::Value& v, std::string_view what) {
    return ParamForValue(kind, v, what);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Filters
  const schema::NamedType* FilterTypeOf(const schema::Field& def) {
    const schema::InputValue* a = def.arg("filters");
    return a ? a->type.named : nullptr;
  }

  StatusOr<std::string> Filter(const Model& m, const schema::NamedType* filter_type, const json::Value& filter,
                               const std::string& alias) {
    const generate::FilterInputBinding* fib = filter_type ? gs_.filter_input(filter_type) : nullptr;
    if (!fib) return Internal("no filter binding for " + (filter_type ? filter_type->name : std::string("?")));
    std::vector<std::string> conds;
    for (const auto& [key, value] : filter.as_object()) {
      auto it = fib->fields.find(key);
      if (it == fib->fields.end()) return BadUserInput("Unknown filter \"" + key + "\".");
      if (value.is_null()) continue;  // an explicit null filter is ignored (graphene-django)
      const FilterBinding& b = it->second;
      switch (b.kind) {
        case FilterBinding::Kind::kAnd:
        case FilterBinding::Kind::kOr: {
          std::vector<std::string> parts;
          for (const json::Value& sub : value.as_array()) {
            RG_ASSIGN_OR_RETURN(std::string c, Filter(m, filter_type, sub, alias));
            parts.push_back("(" + c + ")");
          }
          if (parts.empty()) break;  // AND: [] / OR: [] add no condition
          std::string joined;
          for (size_t i = 0; i < parts.size(); ++i)
            joined += (i ? (b.kind == FilterBinding::Kind::kAnd ? " AND " : " OR ") : "") + parts[i];
          conds.push_back("(" + joined + ")");
          break;
        }
        case FilterBinding::Kind::kNot: {
          RG_ASSIGN_OR_RETURN(std::string c, Filter(m, filter_type, value, alias));
          conds.push_back("NOT COALESCE((" + c + "), " + sql::False(d_) + ")");
          break;
        }
        case FilterBinding::Kind::kSearch: {
          std::vector<std::string> parts;
          for (const Field* f : b.search_fields) {
            RG_ASSIGN_OR_RETURN(std::string c,
                                Lookup(Operand{Column(alias, f->column), f->kind}, "icontains", value, nullptr, key));
            parts.push_back(c);
          }
          std::string joined;
          for (size_t i = 0; i < parts.size(); ++i) joined += (i ? " OR " : "") + parts[i];
          conds.push_back("(" + (joined.empty() ? sql::False(d_) : joined) + ")");
          break;
        }
        case FilterBinding::Kind::kLookup: {
          const schema::InputValue* iv = filter_type->input_field(key);
          RG_ASSIGN_OR_RETURN(std::string c, PathLookup(m, b, value, iv ? iv->type.named : nullptr, key, alias));
          conds.push_back(c);
          break;
        }
      }
    }
    if (conds.empty()) return sql::True(d_);
    std::string out;
    for (size_t i = 0; i < conds.size(); ++i) out += (i ? " AND " : "") + conds[i];
    return out;
  }

  Operand TerminalOperand(const FieldPath& path, const std::string& alias, Status* error) {
    if (path.computed) {
      StatusOr<std::string> e = ComputedSql(*path.model, *path.computed, alias);
      if (!e.ok()) {
        *error = e.status();
        return {};
      }
      return Operand{e.value(), KindOfGraphQLType(path.computed->graphql_type)};
    }
    return Operand{FieldColumn(*path.model, *path.field, alias), path.field->kind};
  }

  // True when the path's last hop is a forward FK / O2O and it ends on the target's key: the FK column itself
  // holds the value (no join needed).
  static bool EndsOnForwardKey(const FieldPath& path) {
    if (path.steps.empty() || !path.field) return false;
    const PathStep& last = path.steps.back();
    return last.forward && last.forward->is_to_one() && path.field->column == TargetColumn(*last.forward);
  }

  // Builds `leaf(operand)` at the end of `path` from `alias`, with EXISTS subqueries for relation hops.
  StatusOr<std::string> AlongPath(const FieldPath& path, size_t i, const std::string& alias,
                                  const std::function<StatusOr<std::string>(const Operand&)>& leaf,
                                  bool stop_before_terminal_relation = false) {
    const size_t n = path.steps.size();
    if (i == n) {
      Status error;
      Operand op = TerminalOperand(path, alias, &error);
      if (!error.ok()) return error;
      return leaf(op);
    }
    const PathStep& step = path.steps[i];
    if (i + 1 == n && EndsOnForwardKey(path) && !stop_before_terminal_relation) {
      return leaf(Operand{FieldColumn(*step.from, *step.forward, alias), path.field->kind});
    }
    std::string a = NewAlias();
    std::string join = JoinCondition(*step.from, alias, step.forward, step.reverse, *step.to, a);
    std::string rest;
    if (i + 1 == n && stop_before_terminal_relation) {
      rest = sql::True(d_);
    } else {
      RG_ASSIGN_OR_RETURN(rest, AlongPath(path, i + 1, a, leaf, stop_before_terminal_relation));
    }
    return "EXISTS (SELECT 1 FROM " + Ident(step.to->db_table) + " " + a + " WHERE " + join + " AND " + rest + ")";
  }

  StatusOr<std::string> PathLookup(const Model& m, const FilterBinding& b, const json::Value& value,
                                   const schema::NamedType* value_type, const std::string& key,
                                   const std::string& alias) {
    (void)m;
    const FieldPath& path = b.path;
    const bool ends_on_relation =
        !path.steps.empty() && path.field && path.field == path.steps.back().to->pk() && !path.computed;
    if (b.lookup == "isnull" && ends_on_relation && !EndsOnForwardKey(path)) {
      RG_ASSIGN_OR_RETURN(std::string exists, AlongPath(path, 0, alias, nullptr, true));
      return value.is_bool() && value.as_bool() ? "NOT " + exists : exists;
    }
    if (b.lookup == "isnull" && value.is_bool() && value.as_bool() && !path.steps.empty())
      return IsNullAlongPath(path, 0, alias);
    std::string lookup = b.lookup;
    if (lookup == "exact" && value.is_array()) lookup = "in";  // to-many `tags: [ids]`: any of them
    return AlongPath(path, 0, alias, [&](const Operand& op) { return Lookup(op, lookup, value, value_type, key); });
  }

  // `<relation>__<field>__isnull: true` as Django's LEFT JOIN reads it: true when the value at the end of the path
  // is NULL or when the path breaks on the way (no related row), at every hop:
  //   NOT EXISTS (related rows) OR EXISTS (related rows WHERE <rest of the path is null>).
  StatusOr<std::string> IsNullAlongPath(const FieldPath& path, size_t i, const std::string& alias) {
    const size_t n = path.steps.size();
    if (i == n) {
      Status error;
      Operand op = TerminalOperand(path, alias, &error);
      if (!error.ok()) return error;
      return op.expr + " IS NULL";
    }
    const PathStep& step = path.steps[i];
    if (i + 1 == n && EndsOnForwardKey(path)) return FieldColumn(*step.from, *step.forward, alias) + " IS NULL";
    std::string none = NewAlias();
    std::string none_join = JoinCondition(*step.from, alias, step.forward, step.reverse, *step.to, none);
    std::string a = NewAlias();
    std::string join = JoinCondition(*step.from, alias, step.forward, step.reverse, *step.to, a);
    RG_ASSIGN_OR_RETURN(std::string rest, IsNullAlongPath(path, i + 1, a));
    return "(NOT EXISTS (SELECT 1 FROM " + Ident(step.to->db_table) + " " + none + " WHERE " + none_join +
           ") OR EXISTS (SELECT 1 FROM " + Ident(step.to->db_table) + " " + a + " WHERE " + join + " AND " + rest +
           "))";
  }

  json::Value EnumToChoice(const schema::NamedType* value_type, const json::Value& v) {
    return EnumToChoiceValue(gs_, value_type, v);
  }

  StatusOr<std::string> Lookup(const Operand& op, const std::string& lookup, const json::Value& raw_value,
                               const schema::NamedType* value_type, const std::string& key) {
    const bool lite = d_ == Dialect::kSqlite;
    const FieldKind kind = op.kind;
    auto param = [&](const json::Value& v) -> StatusOr<std::string> {
      RG_ASSIGN_OR_RETURN(db::Param p, ParamFor(kind, EnumToChoice(value_type, v), key));
      Consumed(v, BoundValue::Conversion::kParam, kind, value_type, key);
      return sql::ComparableParam(params_, kind, std::move(p));
    };
    const std::string col = sql::ComparableColumn(d_, kind, op.expr);
    if (lookup == "isnull") {
      bool want_null = raw_value.is_bool() && raw_value.as_bool();
      return op.expr + (want_null ? " IS NULL" : " IS NOT NULL");
    }
    if (lookup == "exact") {
      if (raw_value.is_null()) return op.expr + " IS NULL";
      RG_ASSIGN_OR_RETURN(std::string p, param(raw_value));
      return col + " = " + p;
    }
    if (lookup == "in") {
      if (!raw_value.is_array() || raw_value.as_array().empty()) return sql::False(d_);
      std::string list;
      for (const json::Value& v : raw_value.as_array()) {
        RG_ASSIGN_OR_RETURN(std::string p, param(v));
        list += (list.empty() ? "" : ", ") + p;
      }
      return col + " IN (" + list + ")";
    }
    // Text compares in byte order on both backends (as it sorts): PostgreSQL's database collation may not be C.
    const std::string ordered = !lite && models::IsStringKind(kind) ? "(" + col + ") COLLATE \"C\"" : col;
    if (lookup == "gt" || lookup == "gte" || lookup == "lt" || lookup == "lte") {
      RG_ASSIGN_OR_RETURN(std::string p, param(raw_value));
      const char* sym = lookup == "gt" ? " > " : lookup == "gte" ? " >= " : lookup == "lt" ? " < " : " <= ";
      return ordered + sym + p;
    }
    if (lookup == "range") {
      if (!raw_value.is_array() || raw_value.as_array().size() != 2)
        return BadUserInput("\"" + key + "\" takes exactly two values: [lower, upper].");
      RG_ASSIGN_OR_RETURN(std::string lo, param(raw_value.as_array()[0]));
      RG_ASSIGN_OR_RETURN(std::string hi, param(raw_value.as_array()[1]));
      return "(" + ordered + " >= " + lo + " AND " + ordered + " <= " + hi + ")";
    }
    // JSON keys (Django's has_key / has_keys / has_any_keys), top-level members of an object on both backends
    // (PostgreSQL's `?` would also match string elements of an array; SQLite's path lookups would not).
    if (kind == FieldKind::kJSONField && (lookup == "has_key" || lookup == "has_keys" || lookup == "has_any_keys")) {
      std::vector<const json::Value*> keys;
      if (lookup == "has_key") {
        keys.push_back(&raw_value);
      } else if (raw_value.is_array()) {
        for (const json::Value& k : raw_value.as_array()) keys.push_back(&k);
      }
      if (keys.empty()) return lookup == "has_any_keys" ? sql::False(d_) : sql::True(d_);
      std::string value = lite ? op.expr : "(" + op.expr + ")::jsonb";
      std::string any;
      for (const json::Value* k : keys) {
        if (!k->is_string())
          return BadUserInput("\"" + key + "\" takes " + (lookup == "has_key" ? "a string." : "strings."));
        Consumed(*k, BoundValue::Conversion::kText, kind, nullptr, key);
        std::string p = params_.Add(db::Param(k->as_string()), "text");
        std::string one = lite ? "EXISTS (SELECT 1 FROM json_each(" + value + ") WHERE json_each.key = " + p + ")"
                               : "jsonb_exists(" + value + ", " + p + ")";
        any += (any.empty() ? "" : lookup == "has_any_keys" ? " OR " : " AND ") + one;
      }
      std::string is_object = lite ? "json_type(" + value + ") = 'object'" : "jsonb_typeof(" + value + ") = 'object'";
      return "(" + value + " IS NOT NULL AND " + is_object + " AND (" + any + "))";
    }
    // Text lookups: bound text, no LIKE (so no wildcard escaping is needed).
    const bool text_lookup = lookup == "iexact" || lookup == "contains" || lookup == "icontains" ||
                             lookup == "startswith" || lookup == "istartswith" || lookup == "endswith" ||
                             lookup == "iendswith" || lookup == "regex" || lookup == "iregex";
    if (text_lookup) {
      if (!raw_value.is_string()) return BadUserInput("\"" + key + "\" takes a string.");
      std::string text = op.expr;
      if (!lite && !models::IsStringKind(kind)) text = "(" + text + ")::text";
      Consumed(raw_value, BoundValue::Conversion::kText, kind, nullptr, key);
      std::string p = params_.Add(db::Param(raw_value.as_string()), "text");
      if (lite) {
        if (lookup == "regex") return text + " REGEXP " + p;
        if (lookup == "iregex") return text + " REGEXP ('(?i)' || " + p + ")";
        return "rg_" + lookup + "(" + text + ", " + p + ")";
      }
      const bool ci = lookup[0] == 'i' && lookup != "in";
      std::string h = ci && lookup != "iregex" ? "lower(" + text + ")" : text;
      std::string n = ci && lookup != "iregex" ? "lower(" + p + ")" : p;
      if (lookup == "iexact") return h + " = " + n;
      if (lookup == "contains" || lookup == "icontains") return "strpos(" + h + ", " + n + ") > 0";
      if (lookup == "startswith" || lookup == "istartswith") return "left(" + h + ", length(" + n + ")) = " + n;
      if (lookup == "endswith" || lookup == "iendswith") return "right(" + h + ", length(" + n + ")) = " + n;
      if (lookup == "regex") return h + " ~ " + p;
      return h + " ~* " + p;
    }
    // Date / time parts (Django: week_day 1 = Sunday .. 7 = Saturday).
    static const std::vector<std::pair<std::string, std::pair<std::string, std::string>>> kParts = {
        {"year", {"%Y", "YEAR"}},    {"month", {"%m", "MONTH"}},   {"day", {"%d", "DAY"}},
        {"hour", {"%H", "HOUR"}},    {"minute", {"%M", "MINUTE"}}, {"second", {"%S", "SECOND"}},
        {"week_day", {"%w", "DOW"}},
    };
    for (const auto& [name, fmt] : kParts) {
      if (lookup != name) continue;
      if (!raw_value.is_int()) return BadUserInput("\"" + key + "\" takes an integer.");
      std::string part;
      if (lite) {
        part = "CAST(strftime('" + fmt.first + "', " + op.expr + ") AS INTEGER)";
      } else {
        std::string src = kind == FieldKind::kDateTimeField ? "(" + op.expr + " AT TIME ZONE 'UTC')" : op.expr;
        part = "CAST(floor(EXTRACT(" + fmt.second + " FROM " + src + ")) AS INTEGER)";
      }
      if (name == "week_day") part = "(" + part + " + 1)";
      Consumed(raw_value, BoundValue::Conversion::kInt, kind, nullptr, key);
      return part + " = " + params_.Add(db::Param(raw_value.as_int()), "integer");
    }
    if (lookup == "date") {
      Consumed(raw_value, BoundValue::Conversion::kDate, kind, nullptr, key);
      std::string p = params_.Add(db::Param(raw_value.is_string() ? raw_value.as_string() : ""), "date");
      if (lite) return "date(" + op.expr + ") = " + p;
      return "(" + op.expr + " AT TIME ZONE 'UTC')::date = " + p;
    }
    return BadUserInput("Unsupported lookup \"" + lookup + "\" in \"" + key + "\".");
  }

  // ---------------------------------------------------------------------------------------------------------
  // Ordering
  struct OrderItem {
    FieldPath path;
    bool descending = false;
  };

  StatusOr<std::vector<OrderItem>> ResolveOrder(const Model& m, const json::Value* order_by) {
    std::vector<std::string> entries;
    if (order_by && order_by->is_array()) {
      for (const json::Value& v : order_by->as_array())
        if (v.is_string()) entries.push_back(v.as_string());
    } else if (order_by && order_by->is_string()) {
      entries.push_back(order_by->as_string());
    } else {
      entries = gs_.default_ordering(m);
    }
    std::vector<OrderItem> items;
    bool has_pk = false;
    for (const std::string& e : entries) {
      std::string_view path = e;
      bool desc = false;
      if (!path.empty() && (path[0] == '-' || path[0] == '+')) {
        desc = path[0] == '-';
        path.remove_prefix(1);
      }
      RG_ASSIGN_OR_RETURN(FieldPath p, gs_.ResolvePath(m, path));
      if (p.steps.empty() && p.field == m.pk()) has_pk = true;
      items.push_back({std::move(p), desc});
    }
    if (!has_pk) {
      FieldPath pk;
      pk.model = &m;
      pk.field = m.pk();
      items.push_back({std::move(pk), false});
    }
    return items;
  }

  StatusOr<std::string> OrderValue(const FieldPath& path, size_t i, const std::string& alias, bool desc) {
    const size_t n = path.steps.size();
    if (i == n) {
      Status error;
      Operand op = TerminalOperand(path, alias, &error);
      if (!error.ok()) return error;
      return sql::ComparableColumn(d_, op.kind, op.expr);
    }
    const PathStep& step = path.steps[i];
    if (i + 1 == n && EndsOnForwardKey(path)) return FieldColumn(*step.from, *step.forward, alias);
    std::string a = NewAlias();
    std::string join = JoinCondition(*step.from, alias, step.forward, step.reverse, *step.to, a);
    RG_ASSIGN_OR_RETURN(std::string inner, OrderValue(path, i + 1, a, desc));
    if (step.to_many()) inner = std::string(desc ? "MAX(" : "MIN(") + inner + ")";
    return "(SELECT " + inner + " FROM " + Ident(step.to->db_table) + " " + a + " WHERE " + join + ")";
  }

  StatusOr<std::string> OrderBy(const std::vector<OrderItem>& items, const std::string& alias) {
    std::string out;
    for (const OrderItem& item : items) {
      RG_ASSIGN_OR_RETURN(std::string v, OrderValue(item.path, 0, alias, item.descending));
      out += (out.empty() ? "" : ", ") + sql::OrderTerm(d_, v, item.descending, IsTextOrder(item));
    }
    return out;
  }

  static bool IsTextOrder(const OrderItem& item) {
    if (item.path.computed) return KindOfGraphQLType(item.path.computed->graphql_type) == FieldKind::kTextField;
    return item.path.field && models::IsStringKind(item.path.field->kind);
  }

  // The order keys as output columns `__o<i>` of a row subquery (text carries byte-order collation on PostgreSQL,
  // so the column sorts the same wherever it is used) and the ORDER BY over them (bare names, or `<prefix>.__o<i>`).
  struct OrderColumns {
    std::string select;  // ", expr AS __o0, ..."
    std::vector<std::string> names;
    std::vector<bool> descending;
    // `reversed`: the exact reverse order (every direction and NULLS placement flipped).
    std::string Terms(const std::string& prefix, bool reversed = false) const {
      std::string out;
      for (size_t i = 0; i < names.size(); ++i)
        out += (i ? ", " : "") + (prefix.empty() ? names[i] : prefix + "." + names[i]) +
               (descending[i] != reversed ? " DESC NULLS FIRST" : " ASC NULLS LAST");
      return out;
    }
  };

  StatusOr<OrderColumns> OrderKeyColumns(const std::vector<OrderItem>& items, const std::string& alias) {
    OrderColumns oc;
    for (size_t i = 0; i < items.size(); ++i) {
      RG_ASSIGN_OR_RETURN(std::string v, OrderValue(items[i].path, 0, alias, items[i].descending));
      if (IsTextOrder(items[i]) && d_ == Dialect::kPostgres) v = "(" + v + ") COLLATE \"C\"";
      std::string name = "__o" + std::to_string(i);
      oc.select += ", " + v + " AS " + name;
      oc.names.push_back(name);
      oc.descending.push_back(items[i].descending);
    }
    return oc;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Connections and lists
  std::string CursorSql(const std::string& offset_expr) {
    std::string rn = "(" + offset_expr + ")";
    std::string value = rn + " * " + std::to_string(kCursorModulus) + " + ((" + rn + " * " + std::to_string(key_.a) +
                        " + " + std::to_string(key_.b) + ") % " + std::to_string(kCursorPrime) + ")";
    return "'r' || " + sql::Hex(d_, value);
  }

  StatusOr<std::optional<int64_t>> IntArg(const json::Value& args, std::string_view name) {
    const json::Value* v = args.find(name);
    if (!v || v->is_null()) return std::optional<int64_t>();
    if (!v->is_int()) return BadUserInput("\"" + std::string(name) + "\" must be an integer.");
    if (v->as_int() < 0) return BadUserInput("\"" + std::string(name) + "\" must be a non-negative integer.");
    return std::optional<int64_t>(v->as_int());
  }

  StatusOr<std::optional<int64_t>> CursorArg(const json::Value& args, std::string_view name) {
    const json::Value* v = args.find(name);
    if (!v || v->is_null()) return std::optional<int64_t>();
    if (!v->is_string()) return BadUserInput("Invalid cursor in \"" + std::string(name) + "\".");
    StatusOr<int64_t> off = DecodeCursor(v->as_string(), options_for_cursor_);
    if (!off.ok()) return BadUserInput("Invalid cursor in \"" + std::string(name) + "\".");
    return std::optional<int64_t>(off.value());
  }

  // The rows of `m` (filtered, related to the parent) as `FROM ... WHERE` text over `alias`.
  StatusOr<std::string> BaseWhere(const Model& m, const schema::NamedType* filter_type, const json::Value* filters,
                                  const Relation* rel, const std::string& alias) {
    std::string where;
    if (rel) where = JoinCondition(*rel->parent, rel->parent_alias, rel->forward, rel->reverse, m, alias);
    if (filters && filters->is_object()) {
      RG_ASSIGN_OR_RETURN(std::string c, Filter(m, filter_type, *filters, alias));
      where += (where.empty() ? "" : " AND ") + c;
    }
    return where.empty() ? sql::True(d_) : where;
  }

  // PostgreSQL: json_agg(...) is NULL over no rows.
  std::string ArrayAgg(const std::string& element, const std::string& order, const std::string& filter) {
    if (d_ == Dialect::kSqlite) {
      // Rows arrive in the row subquery's order (its ORDER BY ... LIMIT is never flattened away).
      return "json_group_array(" + element + ")" + (filter.empty() ? "" : " FILTER (WHERE " + filter + ")");
    }
    return "COALESCE(json_agg(" + element + " ORDER BY " + order + ")" +
           (filter.empty() ? "" : " FILTER (WHERE " + filter + ")") + ", '[]'::json)";
  }

  // A placeholder for the column list of the row subquery whose rows are read through alias `w`.
  static std::string ColumnsToken(const std::string& w) { return "/*columns:" + w + "*/"; }

  // Replaces ColumnsToken(w) in `sql` with the columns `sql` reads as `w."<column>"` (plus the key), taken from
  // table alias `a` of model `m`.
  static std::string NarrowColumns(std::string sql, const std::string& w, const std::string& a, const Model& m) {
    const std::string token = ColumnsToken(w);
    size_t at = sql.find(token);
    if (at == std::string::npos) return sql;
    std::vector<std::string> columns = {Ident(m.pk()->column)};
    const std::string prefix = w + ".\"";
    for (size_t i = sql.find(prefix); i != std::string::npos; i = sql.find(prefix, i + 1)) {
      if (i > 0 && (std::isalnum(static_cast<unsigned char>(sql[i - 1])) || sql[i - 1] == '_')) continue;
      size_t j = i + prefix.size();
      std::string ident = "\"";
      while (j < sql.size()) {
        if (sql[j] == '"') {
          if (j + 1 < sql.size() && sql[j + 1] == '"') {
            ident += "\"\"";
            j += 2;
            continue;
          }
          break;
        }
        ident += sql[j++];
      }
      ident += '"';
      if (std::find(columns.begin(), columns.end(), ident) == columns.end()) columns.push_back(ident);
    }
    std::string list;
    for (const std::string& c : columns) list += (list.empty() ? "" : ", ") + a + "." + c;
    sql.replace(at, token.size(), list);
    return sql;
  }

  // Every connection / list: only the requested window is read, `ORDER BY ... LIMIT first(+1) OFFSET start`
  // inside the (correlated) row subquery, so nested connections paginate per parent (`before` bounds the LIMIT,
  // `last` alone reads the last rows in reverse; see the page arithmetic below). The one extra
  // row answers hasNextPage; totalCount is a separate count(*) only when selected. Shape:
  //   (SELECT json_object('edges', json_group_array(...) FILTER (WHERE w.__i < first), 'pageInfo', ...,
  //                       'totalCount', (SELECT count(*) ...))
  //    FROM (SELECT w0.*, row_number() OVER (ORDER BY w0.__o...) - 1 AS __i
  //          FROM (SELECT t.*, <order keys> AS __o... FROM t WHERE ... ORDER BY __o... LIMIT n OFFSET k) w0) w)
  // One scalar subquery per connection level keeps SQLite's parser stack shallow for deep nesting.
  StatusOr<std::string> ToManyForward(const Model& m, const schema::NamedType& out_type, Nodes nodes,
                                      const Relation* rel, bool is_list, const schema::NamedType* filter_type,
                                      const json::Value* filters, const std::vector<OrderItem>& order,
                                      std::optional<int64_t> first, int64_t start, std::optional<int64_t> last = {},
                                      std::optional<int64_t> before = {}) {
    const std::string id = std::to_string(next_alias_++);
    const std::string w = "w" + id;
    // `last` alone reads the last rows in the exact reverse order; otherwise rows are read forward from `start`.
    // (`last: 0` reads forward: no row would be read to carry the count that hasPreviousPage needs.)
    const bool reverse = last && *last > 0 && !before && !first;
    std::string k_memo, n_memo, l_memo;
    auto L = [&]() -> const std::string& {
      if (l_memo.empty()) l_memo = params_.Add(db::Param(*last), "bigint");
      return l_memo;
    };
    auto K = [&]() -> const std::string& {
      if (k_memo.empty()) k_memo = params_.Add(db::Param(start), "bigint");
      return k_memo;
    };
    auto N = [&]() -> const std::string& {
      if (n_memo.empty()) n_memo = params_.Add(db::Param(*first), "bigint");
      return n_memo;
    };

    // What the selection needs.
    std::optional<execute::FieldCollection> fields;
    bool need_cursor = false, need_next = false, need_rows = is_list;
    if (!is_list) {
      RG_ASSIGN_OR_RETURN(execute::FieldCollection fc, Collect(out_type, nodes));
      for (const execute::CollectedField& cf : fc.fields) {
        const std::string& name = cf.nodes.front()->name.value;
        const FieldBinding* b = name == "__typename" ? nullptr : gs_.binding(&out_type, name);
        if (!b) continue;
        if (b->role == FieldRole::kConnectionEdges || b->role == FieldRole::kConnectionPageInfo) {
          need_rows = true;
          const schema::Field* fdef = out_type.field(name);
          RG_ASSIGN_OR_RETURN(execute::FieldCollection sub, Collect(*fdef->type.named, cf.nodes));
          for (const execute::CollectedField& sf : sub.fields) {
            const std::string& sn = sf.nodes.front()->name.value;
            if (b->role == FieldRole::kConnectionEdges && sn == "cursor") need_cursor = true;
            if (b->role == FieldRole::kConnectionPageInfo && sn == "hasNextPage" && first) need_next = true;
          }
        }
      }
      fields = std::move(fc);
    }
    // Forward with `last` numbers the rows (the page is the last `last` of them) and counts them per row (__m);
    // reverse numbers them from the end: index = __n (count(*) of every matching row) - 1 - __rr.
    const bool need_index = !reverse && (need_cursor || need_next || last);
    std::optional<int64_t> lim;  // forward: how many rows to read from `start`
    if (!reverse && before) {
      lim = std::max<int64_t>(0, *before - start);
      if (first) lim = std::min(*lim, *first + (need_next ? 1 : 0));
    }

    // The row subquery.
    std::string narrow_alias;  // the table alias inside the row subquery
    auto narrow = [&](std::string sql) { return NarrowColumns(std::move(sql), w, narrow_alias, m); };
    std::string rows, inner_rows, order_terms_w, reverse_terms_w, count_all;
    std::string agg_order;
    if (need_rows) {
      std::string a = NewAlias();
      RG_ASSIGN_OR_RETURN(std::string where, BaseWhere(m, filter_type, filters, rel, a));
      RG_ASSIGN_OR_RETURN(OrderColumns oc, OrderKeyColumns(order, a));
      // The row subquery reads only the columns the selection uses (filled in by NarrowColumns at the end):
      // sorting narrow rows is much cheaper than sorting whole rows (2.5x on the bench's first-20 page).
      std::string inner =
          "SELECT " + ColumnsToken(w) + oc.select + " FROM " + Ident(m.db_table) + " " + a + " WHERE " + where;
      narrow_alias = a;
      // SQLite aggregates rows in this order; PostgreSQL orders inside the aggregate and needs it only for LIMIT.
      if (reverse) {
        inner += " ORDER BY " + oc.Terms("", true) + " LIMIT " + L();
      } else if (lim) {
        inner += " ORDER BY " + oc.Terms("") + " LIMIT " + params_.Add(db::Param(*lim), "bigint");
        if (start > 0) inner += " OFFSET " + K();
      } else if (d_ == Dialect::kSqlite || first || start > 0) {
        inner += " ORDER BY " + oc.Terms("");
      }
      if (reverse || lim) {
        // bounded above
      } else if (first) {
        inner += " LIMIT " + (need_next ? "(" + N() + " + 1)" : N());
        if (start > 0) inner += " OFFSET " + K();
      } else if (start > 0) {
        inner += (d_ == Dialect::kSqlite ? " LIMIT -1 OFFSET " : " OFFSET ") + K();
      }
      inner_rows = inner;
      order_terms_w = oc.Terms(w);
      agg_order = need_index ? w + ".__i" : order_terms_w;
      if (reverse) {
        reverse_terms_w = oc.Terms(w, true);
        std::string c = NewAlias();
        RG_ASSIGN_OR_RETURN(std::string all, BaseWhere(m, filter_type, filters, rel, c));
        count_all = "(SELECT count(*) AS n FROM " + Ident(m.db_table) + " " + c + " WHERE " + all + ") c" + id;
      }
    }
    // SQLite: subqueries hanging off a row (nested objects / connections) are computed in a middle layer over the
    // window and referenced by column, so each connection level nests two subqueries deep instead of the whole
    // element expression chain (SQLite's parser stack is 100 entries). The middle layer reuses the alias `w`.
    Hoist hoist{w, {}};
    Hoist* const saved_hoist = hoist_;
    hoist_ = d_ == Dialect::kSqlite ? &hoist : nullptr;
    auto finish_rows = [&]() {
      hoist_ = saved_hoist;
      if (!need_rows) return;
      if (!need_index && !reverse && hoist.columns.empty()) {
        rows = "(" + inner_rows + ") " + w;
        return;
      }
      std::string middle = "SELECT " + w + ".*";
      if (need_index) middle += ", row_number() OVER (ORDER BY " + order_terms_w + ") - 1 AS __i";
      if (last && !reverse) middle += ", count(*) OVER () AS __m";
      if (reverse) middle += ", row_number() OVER (ORDER BY " + reverse_terms_w + ") - 1 AS __rr";
      for (const auto& [col, expr] : hoist.columns) middle += ", " + expr + " AS " + col;
      middle += " FROM (" + inner_rows + ") " + w;
      if (need_index) middle += " ORDER BY __i";
      if (reverse) middle += " ORDER BY __rr DESC";
      rows = "(" + middle + ") " + w;
      // The count of every matching row, once per connection (cross-joined: no rows read means n = 0).
      if (reverse) rows += ", " + count_all;
    };

    // The page among the rows read (graphql-relay's connectionFromArraySlice, S = start):
    //  forward: row i (0-based among the rows read) is offset S + i; the page is i < first (the extra row only
    //    answers hasNextPage) and, with `last`, i >= min(m, first) - last, m = the rows read (__m per row,
    //    count(*) at the aggregate).
    //  reverse: offset = n - 1 - __rr (n = count(*) of every matching row, cross-joined as c<id>); the page is
    //    offset >= S; Start = max(S, n - last), End = n.
    const std::string cn = "c" + id + ".n";
    const std::string idx = reverse ? "(" + cn + " - 1 - " + w + ".__rr)" : w + ".__i";
    std::string page_filter;
    auto add_filter = [&](const std::string& c) { page_filter += (page_filter.empty() ? "" : " AND ") + c; };
    std::string e_rel, s_rel;  // forward: page end / start among the rows read (aggregate expressions)
    if (reverse) {
      if (start > 0) add_filter(idx + " >= " + K());
    } else {
      if (need_next) add_filter(w + ".__i < " + N());
      if (last) {
        std::string m_row = first ? sql::Least(d_, w + ".__m", N()) : w + ".__m";
        add_filter(w + ".__i >= " + m_row + " - " + L());
      }
    }
    auto E = [&]() { return first && (need_next || last) ? sql::Least(d_, "count(*)", N()) : std::string("count(*)"); };
    auto Srel = [&]() { return last ? sql::Greatest(d_, "0", E() + " - " + L()) : std::string("0"); };
    auto n_agg = [&]() { return "max(" + cn + ")"; };
    auto s_abs = [&]() { return sql::Greatest(d_, K(), n_agg() + " - " + L()); };
    // Rows in the page, the first and last offsets, hasNextPage, hasPreviousPage.
    auto page_count = [&]() { return reverse ? n_agg() + " - " + s_abs() : E() + " - " + Srel(); };
    auto first_offset = [&]() { return reverse ? s_abs() : K() + " + " + Srel(); };
    auto last_offset = [&]() { return reverse ? n_agg() + " - 1" : K() + " + " + E() + " - 1"; };
    auto has_next = [&]() { return !reverse && need_next ? "count(*) > " + N() : std::string("1 = 0"); };
    auto has_prev = [&]() {
      if (!last) return std::string("1 = 0");
      return reverse ? s_abs() + " > " + K() : Srel() + " > 0";
    };
    auto cursor_of_row = [&]() { return reverse ? CursorSql(idx) : CursorSql(K() + " + " + w + ".__i"); };

    if (is_list) {
      StatusOr<std::string> obj = ObjectJson(m, out_type, nodes, w);
      finish_rows();
      if (!obj.ok()) return obj.status();
      return narrow("(SELECT " + ArrayAgg(obj.value(), agg_order, page_filter) + " FROM " + rows + ")");
    }

    struct Restore {
      Hoist*& slot;
      Hoist* value;
      ~Restore() { slot = value; }
    } restore{hoist_, saved_hoist};
    std::vector<JsonMember> members;
    for (const execute::CollectedField& cf : fields->fields) {
      const language::Selection& node = *cf.nodes.front();
      const std::string& name = node.name.value;
      JsonMember member;
      member.key = std::string(cf.response_key);
      if (name == "__typename") {
        member.expr = Literal(out_type.name);
        members.push_back(std::move(member));
        continue;
      }
      const schema::Field* fdef = out_type.field(name);
      const FieldBinding* b = gs_.binding(&out_type, name);
      if (!fdef || !b) return Internal("field \"" + out_type.name + "." + name + "\" has no binding");
      switch (b->role) {
        case FieldRole::kConnectionEdges: {
          const schema::NamedType& edge_type = *fdef->type.named;
          RG_ASSIGN_OR_RETURN(execute::FieldCollection edge_fields, Collect(edge_type, cf.nodes));
          std::vector<JsonMember> edge_members;
          for (const execute::CollectedField& ef : edge_fields.fields) {
            const std::string& en = ef.nodes.front()->name.value;
            JsonMember em;
            em.key = std::string(ef.response_key);
            if (en == "__typename") {
              em.expr = Literal(edge_type.name);
            } else if (en == "cursor") {
              em.expr = cursor_of_row();
            } else if (en == "node") {
              const schema::Field* ndef = edge_type.field(en);
              RG_ASSIGN_OR_RETURN(em.expr, ObjectJson(m, *ndef->type.named, ef.nodes, w));
              em.json = true;
            } else {
              return Internal("unknown edge field \"" + en + "\"");
            }
            edge_members.push_back(std::move(em));
          }
          member.expr = ArrayAgg(sql::JsonObject(d_, edge_members), agg_order, page_filter);
          member.json = true;
          break;
        }
        case FieldRole::kConnectionPageInfo: {
          const schema::NamedType& pi_type = *fdef->type.named;
          RG_ASSIGN_OR_RETURN(execute::FieldCollection pi_fields, Collect(pi_type, cf.nodes));
          std::vector<JsonMember> pi_members;
          for (const execute::CollectedField& pf : pi_fields.fields) {
            const std::string& pn = pf.nodes.front()->name.value;
            JsonMember pm;
            pm.key = std::string(pf.response_key);
            if (pn == "__typename") {
              pm.expr = Literal(pi_type.name);
            } else if (pn == "hasNextPage") {
              pm.expr = sql::JsonBool(d_, has_next());
              pm.json = true;
            } else if (pn == "hasPreviousPage") {
              pm.expr = sql::JsonBool(d_, has_prev());
              pm.json = true;
            } else if (pn == "startCursor") {
              pm.expr = "CASE WHEN " + page_count() + " > 0 THEN " + CursorSql(first_offset()) + " ELSE NULL END";
            } else if (pn == "endCursor") {
              pm.expr = "CASE WHEN " + page_count() + " > 0 THEN " + CursorSql(last_offset()) + " ELSE NULL END";
            } else {
              return Internal("unknown pageInfo field \"" + pn + "\"");
            }
            pi_members.push_back(std::move(pm));
          }
          member.expr = sql::JsonObject(d_, pi_members);
          member.json = true;
          break;
        }
        case FieldRole::kConnectionTotalCount: {
          RG_ASSIGN_OR_RETURN(const json::Value* targs, Arguments(*fdef, node));
          const json::Value* extra = targs->find("filters");
          std::string a = NewAlias();
          RG_ASSIGN_OR_RETURN(std::string where, BaseWhere(m, filter_type, filters, rel, a));
          if (extra && extra->is_object()) {
            RG_ASSIGN_OR_RETURN(std::string more, Filter(m, FilterTypeOf(*fdef), *extra, a));
            where += " AND " + more;
          }
          member.expr = "(SELECT count(*) FROM " + Ident(m.db_table) + " " + a + " WHERE " + where + ")";
          break;
        }
        default: return Internal("field \"" + name + "\" cannot be compiled on a connection");
      }
      members.push_back(std::move(member));
    }
    finish_rows();
    if (!need_rows) return sql::JsonObject(d_, members);
    return narrow("(SELECT " + sql::JsonObject(d_, members) + " FROM " + rows + ")");
  }

  StatusOr<std::string> ToMany(const Model& m, const schema::Field& def, const schema::NamedType& out_type, Nodes nodes,
                               const json::Value& args, const Relation* rel, bool is_list) {
    const schema::NamedType* filter_type = FilterTypeOf(def);
    const json::Value* filters = args.find("filters");
    const json::Value* order_by = args.find("orderBy");
    RG_ASSIGN_OR_RETURN(std::optional<int64_t> first, IntArg(args, "first"));
    RG_ASSIGN_OR_RETURN(std::optional<int64_t> last, IntArg(args, "last"));
    if (max_page_size_ > 0) {
      for (const auto& [arg, n] : {std::pair{"first", first}, std::pair{"last", last}})
        if (n && *n > max_page_size_)
          return BadUserInput("Requesting " + std::to_string(*n) + " records on the `" + def.name +
                              "` connection exceeds the `" + arg + "` limit of " + std::to_string(max_page_size_) +
                              " records.");
    }
    RG_ASSIGN_OR_RETURN(std::optional<int64_t> offset, IntArg(args, "offset"));
    RG_ASSIGN_OR_RETURN(std::optional<int64_t> after, CursorArg(args, "after"));
    RG_ASSIGN_OR_RETURN(std::optional<int64_t> before, CursorArg(args, "before"));
    RG_ASSIGN_OR_RETURN(std::vector<OrderItem> order, ResolveOrder(m, order_by));
    return ToManyForward(m, out_type, nodes, rel, is_list, filter_type, filters, order, first,
                         (after ? *after + 1 : 0) + (offset ? *offset : 0), last, before);
  }

 public:
  CompileOptions options_for_cursor_;

 private:
  const generate::GeneratedSchema& gs_;
  const execute::RootFieldContext& ctx_;
  Dialect d_;
  CursorKey key_;
  std::string media_url_;
  int64_t max_page_size_ = 0;
  sql::ParamList params_;
  execute::FieldCollector collector_;
  int next_alias_ = 0;
  std::deque<json::Value> arg_store_;
  Hoist* hoist_ = nullptr;
  std::unordered_map<const json::Value*, std::pair<std::string, std::vector<std::string>>> origins_;
  std::vector<std::pair<std::string, const json::Value*>> occurrences_;
  std::unordered_set<const json::Value*> consumed_;
  std::vector<BoundValue> bound_;
};

}  // namespace

std::string EncodeCursor(int64_t offset, const CompileOptions& options) {
  CursorKey k = KeyOf(options);
  int64_t value = offset * kCursorModulus + ((offset * k.a + k.b) % kCursorPrime);
  char buf[32];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, value, 16);
  (void)ec;
  return "r" + std::string(buf, ptr);
}

StatusOr<int64_t> DecodeCursor(std::string_view cursor, const CompileOptions& options) {
  if (cursor.size() < 2 || cursor.size() > 17 || cursor[0] != 'r') return BadUserInput("Invalid cursor.");
  std::string_view hex = cursor.substr(1);
  for (char c : hex)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return BadUserInput("Invalid cursor.");
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), value, 16);
  if (ec != std::errc() || ptr != hex.data() + hex.size() || value < 0) return BadUserInput("Invalid cursor.");
  int64_t offset = value / kCursorModulus;
  if (offset > 1'000'000'000'000LL) return BadUserInput("Invalid cursor.");
  CursorKey k = KeyOf(options);
  if (value % kCursorModulus != (offset * k.a + k.b) % kCursorPrime) return BadUserInput("Invalid cursor.");
  if (EncodeCursor(offset, options) != cursor) return BadUserInput("Invalid cursor.");
  return offset;
}

std::map<std::string, int> VariableOccurrences(const execute::RootFieldContext& context) {
  std::map<std::string, int> out;
  for (const language::Selection* s : context.field_nodes) CountVariables(*s, out);
  for (const auto& [name, fragment] : context.fragments) {
    CountVariables(fragment->directives, out);
    for (const language::Selection& s : fragment->selection_set.selections) CountVariables(s, out);
  }
  return out;
}

StatusOr<db::Params> RebindParams(const generate::GeneratedSchema& generated, const CompiledQuery& plan,
                                  const json::Value& variables) {
  db::Params params = plan.params;
  for (const BoundValue& b : plan.bound_values) {
    const json::Value* v = variables.find(b.variable);
    for (const std::string& step : b.path) {
      if (!v) break;
      if (!step.empty() && step[0] == '#') {
        size_t i = std::stoul(step.substr(1));
        v = v->is_array() && i < v->as_array().size() ? &v->as_array()[i] : nullptr;
      } else {
        v = v->find(step);
      }
    }
    if (!v || b.param_index >= params.size()) return Internal("variable value not found");
    switch (b.conversion) {
      case BoundValue::Conversion::kParam: {
        RG_ASSIGN_OR_RETURN(db::Param p, ParamForValue(b.kind, EnumToChoiceValue(generated, b.enum_type, *v), b.what));
        params[b.param_index] = std::move(p);
        break;
      }
      case BoundValue::Conversion::kText:
        if (!v->is_string()) return BadUserInput("not a string");
        params[b.param_index] = db::Param(v->as_string());
        break;
      case BoundValue::Conversion::kInt:
        if (!v->is_int()) return BadUserInput("not an integer");
        params[b.param_index] = db::Param(v->as_int());
        break;
      case BoundValue::Conversion::kDate:
        params[b.param_index] = db::Param(v->is_string() ? v->as_string() : "");
        break;
    }
  }
  return params;
}

StatusOr<CompiledQuery> CompileRootField(const generate::GeneratedSchema& generated,
                                         const execute::RootFieldContext& context, db::Dialect dialect,
                                         const CompileOptions& options) {
  Compiler compiler(generated, context, dialect, options);
  compiler.options_for_cursor_ = options;
  return compiler.Root();
}

StatusOr<CompiledQuery> CompileObjectsByKey(const generate::GeneratedSchema& generated,
                                            const execute::RootFieldContext& context, const models::Model& model,
                                            std::span<const db::Param> keys, db::Dialect dialect,
                                            const CompileOptions& options) {
  Compiler compiler(generated, context, dialect, options);
  compiler.options_for_cursor_ = options;
  return compiler.ByKeys(model, keys);
}

}  // namespace railgun::compile
