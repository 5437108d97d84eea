// SchemaBuilder (GraphQLSchema constructor semantics) and BuildSchema / BuildAstSchema (buildASTSchema).
#include "schema/builder.h"

#include <list>
#include <unordered_map>
#include <unordered_set>

#include "language/parser.h"
#include "language/printer.h"
#include "schema/directives.h"
#include "schema/introspection_types.h"
#include "schema/scalars.h"
#include "schema/sdl_validation.h"
#include "schema/source_locations.h"
#include "schema/validate_schema.h"
#include "schema/values.h"

namespace railgun::schema {

// ---------------------------------------------------------------------------------------------------------------
// SchemaBuilder
SchemaBuilder::SchemaBuilder() : schema_(std::make_unique<Schema>()) {}
SchemaBuilder::~SchemaBuilder() = default;

NamedType* SchemaBuilder::CreateType(TypeKind kind, std::string name) {
  if (SpecifiedScalarType(name) || IntrospectionType(name)) return nullptr;
  auto t = std::make_unique<NamedType>();
  t->kind = kind;
  t->name = std::move(name);
  NamedType* raw = t.get();
  schema_->owned_types_.push_back(std::move(t));
  by_name_.emplace(raw->name, raw);
  return raw;
}

NamedType* SchemaBuilder::AddType(TypeKind kind, std::string name) {
  NamedType* t = CreateType(kind, std::move(name));
  if (t) added_.push_back(t);
  return t;
}

void SchemaBuilder::Include(const NamedType* type) {
  if (type) added_.push_back(type);
}

const NamedType* SchemaBuilder::type(std::string_view name) const {
  auto it = by_name_.find(std::string(name));
  if (it != by_name_.end()) return it->second;
  if (const NamedType* s = SpecifiedScalarType(name)) return s;
  return IntrospectionType(name);
}

NamedType* SchemaBuilder::mutable_type(std::string_view name) {
  auto it = by_name_.find(std::string(name));
  return it == by_name_.end() ? nullptr : it->second;
}

void SchemaBuilder::SetDescription(std::optional<std::string> description) {
  schema_->description_ = std::move(description);
}
void SchemaBuilder::SetQueryType(const NamedType* t) { schema_->query_ = t; }
void SchemaBuilder::SetMutationType(const NamedType* t) { schema_->mutation_ = t; }
void SchemaBuilder::SetSubscriptionType(const NamedType* t) { schema_->subscription_ = t; }

void SchemaBuilder::SetSourceLocations(std::shared_ptr<const SchemaSourceLocations> locations) {
  schema_->source_locations_ = std::move(locations);
}

DirectiveDef* SchemaBuilder::AddDirective(std::string name) {
  auto d = std::make_unique<DirectiveDef>();
  d->name = std::move(name);
  DirectiveDef* raw = d.get();
  schema_->owned_directives_.push_back(std::move(d));
  directives_.push_back(raw);
  return raw;
}

namespace {

// The insertion-ordered Set graphql-js's GraphQLSchema constructor collects types into.
class OrderedTypeSet {
 public:
  bool contains(const NamedType* t) const { return index_.count(t) != 0; }
  void add(const NamedType* t) {
    if (contains(t)) return;
    order_.push_back(t);
    index_[t] = std::prev(order_.end());
  }
  void remove(const NamedType* t) {
    auto it = index_.find(t);
    if (it == index_.end()) return;
    order_.erase(it->second);
    index_.erase(it);
  }
  // collectReferencedTypes: depth-first over members, interfaces, fields and arguments.
  void Collect(const NamedType* t) {
    if (!t || contains(t)) return;
    add(t);
    switch (t->kind) {
      case TypeKind::kUnion:
        for (const NamedType* m : t->union_members) Collect(m);
        break;
      case TypeKind::kObject:
      case TypeKind::kInterface:
        for (const NamedType* i : t->interfaces) Collect(i);
        for (const Field& f : t->fields) {
          Collect(f.type.named);
          for (const InputValue& a : f.args) Collect(a.type.named);
        }
        break;
      case TypeKind::kInputObject:
        for (const InputValue& f : t->input_fields) Collect(f.type.named);
        break;
      default: break;
    }
  }
  const std::list<const NamedType*>& order() const { return order_; }

 private:
  std::list<const NamedType*> order_;
  std::unordered_map<const NamedType*, std::list<const NamedType*>::iterator> index_;
};

}  // namespace

SchemaResult SchemaBuilder::Finish() {
  std::unique_ptr<Schema> schema = std::move(schema_);
  schema_ = std::make_unique<Schema>();
  by_name_.clear();
  std::vector<const NamedType*> config_types = std::move(added_);
  added_.clear();
  std::vector<DirectiveDef*> custom = std::move(directives_);
  directives_.clear();

  // Directives: custom ones, then the specified ones not redefined.
  for (const DirectiveDef* d : custom) schema->directive_order_.push_back(d);
  if (include_specified_directives_) {
    for (const DirectiveDef* d : SpecifiedDirectives()) {
      bool redefined = false;
      for (const DirectiveDef* c : custom) redefined = redefined || c->name == d->name;
      if (!redefined) schema->directive_order_.push_back(d);
    }
  }
  for (const DirectiveDef* d : schema->directive_order_) schema->directive_index_.emplace(d->name, d);

  // Type map, in the GraphQLSchema constructor's order.
  OrderedTypeSet set;
  for (const NamedType* t : config_types) set.add(t);
  for (const NamedType* t : config_types) {
    set.remove(t);
    set.Collect(t);
  }
  set.Collect(schema->query_);
  set.Collect(schema->mutation_);
  set.Collect(schema->subscription_);
  for (const DirectiveDef* d : schema->directive_order_)
    for (const InputValue& a : d->args) set.Collect(a.type.named);
  set.Collect(IntrospectionType("__Schema"));

  SchemaResult result;
  for (const NamedType* t : set.order()) {
    if (!schema->type_index_.emplace(t->name, t).second) {
      language::GraphQLError e;
      e.message = "Schema must contain uniquely named types but contains multiple types named \"" + t->name + "\".";
      result.errors.push_back(std::move(e));
      return result;
    }
    schema->type_order_.push_back(t);
    if (t->kind == TypeKind::kObject || t->kind == TypeKind::kInterface) {
      for (const NamedType* iface : t->interfaces) {
        if (!iface || iface->kind != TypeKind::kInterface) continue;
        schema->implementations_[iface].push_back(t);
        if (t->kind == TypeKind::kObject) schema->possible_[iface].push_back(t);
      }
    }
  }

  result.errors = ValidateSchema(*schema);
  result.schema = std::shared_ptr<const Schema>(std::move(schema));
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// buildASTSchema
namespace {

using language::Document;
using language::TypeDefinition;
using language::TypeDefinitionKind;

language::GraphQLError ErrorAt(std::string message, const language::Location& loc) {
  language::GraphQLError e;
  e.message = std::move(message);
  if (loc.line != 0) e.locations.push_back({loc.line, loc.column});
  return e;
}

TypeKind KindOf(TypeDefinitionKind k) {
  switch (k) {
    case TypeDefinitionKind::kScalar: return TypeKind::kScalar;
    case TypeDefinitionKind::kObject: return TypeKind::kObject;
    case TypeDefinitionKind::kInterface: return TypeKind::kInterface;
    case TypeDefinitionKind::kUnion: return TypeKind::kUnion;
    case TypeDefinitionKind::kEnum: return TypeKind::kEnum;
    case TypeDefinitionKind::kInputObject: return TypeKind::kInputObject;
  }
  return TypeKind::kScalar;
}

class AstSchemaBuilder {
 public:
  explicit AstSchemaBuilder(const Document& doc) : doc_(doc) {}

  SchemaResult Build() {
    const language::SchemaDefinition* schema_def = nullptr;
    std::vector<const language::SchemaDefinition*> schema_extensions;
    std::vector<const TypeDefinition*> type_defs;
    std::vector<const language::DirectiveDefinition*> directive_defs;
    for (const auto& def : doc_.definitions) {
      if (const auto* s = std::get_if<language::SchemaDefinition>(&def)) {
        if (s->is_extension)
          schema_extensions.push_back(s);
        else
          schema_def = s;
      } else if (const auto* t = std::get_if<TypeDefinition>(&def)) {
        if (t->is_extension)
          extensions_[t->name.value].push_back(t);
        else
          type_defs.push_back(t);
      } else if (const auto* d = std::get_if<language::DirectiveDefinition>(&def)) {
        directive_defs.push_back(d);
      }
    }

    // Create every named type first so references can be resolved in any order.
    std::vector<std::pair<NamedType*, const TypeDefinition*>> to_fill;
    for (const TypeDefinition* def : type_defs) {
      const std::string& name = def->name.value;
      if (const NamedType* std_type = StdType(name)) {
        builder_.Include(std_type);
        continue;
      }
      NamedType* t = builder_.AddType(KindOf(def->kind), name);
      types_[name] = t;
      to_fill.emplace_back(t, def);
    }
    for (auto& [type, def] : to_fill) FillType(*type, *def);
    for (const auto* d : directive_defs) BuildDirective(*d);
    for (auto& [type, def] : to_fill) RecordTypeLocations(*type, *def);
    if (schema_def) locations_->schema_definition = schema_def->loc;
    auto record_operations = [&](const language::SchemaDefinition& s) {
      for (const auto& op : s.operation_types) locations_->operation_types.emplace(op.operation, op.type.loc);
    };
    if (schema_def) record_operations(*schema_def);
    for (const auto* ext : schema_extensions) record_operations(*ext);

    // Root operation types.
    const NamedType* roots[3] = {nullptr, nullptr, nullptr};
    auto apply_operation_types = [&](const language::SchemaDefinition& s) {
      for (const auto& op : s.operation_types) roots[static_cast<int>(op.operation)] = Lookup(op.type.value);
    };
    if (schema_def) apply_operation_types(*schema_def);
    for (const auto* ext : schema_extensions) apply_operation_types(*ext);
    if (!schema_def) {
      for (const TypeDefinition* def : type_defs) {
        const std::string& name = def->name.value;
        if (name == "Query") roots[0] = Lookup(name);
        if (name == "Mutation") roots[1] = Lookup(name);
        if (name == "Subscription") roots[2] = Lookup(name);
      }
    }
    builder_.SetQueryType(roots[0]);
    builder_.SetMutationType(roots[1]);
    builder_.SetSubscriptionType(roots[2]);
    if (schema_def && schema_def->description) builder_.SetDescription(schema_def->description->value);

    if (!errors_.empty()) return SchemaResult{nullptr, std::move(errors_)};
    builder_.SetSourceLocations(locations_);
    return builder_.Finish();
  }

 private:
  static const NamedType* StdType(std::string_view name) {
    if (const NamedType* s = SpecifiedScalarType(name)) return s;
    return IntrospectionType(name);
  }

  const NamedType* Lookup(const std::string& name) {
    if (const NamedType* s = StdType(name)) return s;
    auto it = types_.find(name);
    if (it != types_.end()) return it->second;
    // Unreachable after SDL validation (KnownTypeNames); graphql-js throws the same message.
    errors_.push_back(ErrorAt("Unknown type: \"" + name + "\".", {}));
    return nullptr;
  }

  TypeRef Wrapped(const language::TypeRef& node) {
    TypeRef out;
    const language::TypeRef* n = &node;
    while (n->kind != language::TypeRef::Kind::kNamed && n->of) {
      out.mods.push_back(n->kind == language::TypeRef::Kind::kList ? Modifier::kList : Modifier::kNonNull);
      n = n->of.get();
    }
    out.named = Lookup(n->name.value);
    return out;
  }

  static std::optional<std::string> Description(const std::optional<language::StringValue>& d) {
    if (!d) return std::nullopt;
    return d->value;
  }

  // getDirectiveValues for a specified directive: the coerced argument values of its first use, or nullopt.
  std::optional<json::Value> DirectiveValues(const DirectiveDef& def, const std::vector<language::Directive>& uses) {
    const language::Directive* use = nullptr;
    for (const auto& d : uses)
      if (d.name.value == def.name) {
        use = &d;
        break;
      }
    if (!use) return std::nullopt;
    json::Value values = json::Value::MakeObject();
    for (const InputValue& arg : def.args) {
      const language::Argument* given = nullptr;
      for (const auto& a : use->arguments)
        if (a.name.value == arg.name) {
          given = &a;
          break;
        }
      if (!given) {
        if (arg.default_value) {
          if (auto v = ValueFromAst(*arg.default_value, arg.type, nullptr)) values.push(arg.name, std::move(*v));
        } else if (arg.type.is_non_null()) {
          errors_.push_back(ErrorAt(
              "Argument \"" + arg.name + "\" of required type \"" + arg.type.ToString() + "\" was not provided.",
              use->loc));
          return std::nullopt;
        }
        continue;
      }
      if (given->value.kind == language::ValueKind::kNull && arg.type.is_non_null()) {
        errors_.push_back(
            ErrorAt("Argument \"" + arg.name + "\" of non-null type \"" + arg.type.ToString() + "\" must not be null.",
                    given->value.loc));
        return std::nullopt;
      }
      auto v = ValueFromAst(given->value, arg.type, nullptr);
      if (!v) {
        errors_.push_back(
            ErrorAt("Argument \"" + arg.name + "\" has invalid value " + language::PrintValue(given->value) + ".",
                    given->value.loc));
        return std::nullopt;
      }
      values.push(arg.name, std::move(*v));
    }
    return values;
  }

  Deprecation DeprecationOf(const std::vector<language::Directive>& directives) {
    Deprecation dep;
    auto values = DirectiveValues(*DeprecatedDirective(), directives);
    if (!values) return dep;
    const json::Value* reason = values->find("reason");
    if (!reason || !reason->is_string()) return dep;  // reason: null means "not deprecated" in graphql-js
    dep.deprecated = true;
    dep.reason = reason->as_string();
    return dep;
  }

  InputValue BuildInputValue(const language::InputValueDefinition& node) {
    InputValue v;
    v.name = node.name.value;
    v.description = Description(node.description);
    v.type = Wrapped(node.type);
    v.default_value = node.default_value;
    v.deprecation = DeprecationOf(node.directives);
    v.directives = node.directives;
    return v;
  }

  Field BuildField(const language::FieldDefinition& node) {
    Field f;
    f.name = node.name.value;
    f.description = Description(node.description);
    for (const auto& a : node.arguments) f.args.push_back(BuildInputValue(a));
    f.type = Wrapped(node.type);
    f.deprecation = DeprecationOf(node.directives);
    f.directives = node.directives;
    return f;
  }

  // Adds or (for a repeated name, as graphql-js's keyed maps do) replaces in place.
  template <typename T>
  static void Upsert(std::vector<T>& items, T item) {
    for (auto& existing : items)
      if (existing.name == item.name) {
        existing = std::move(item);
        return;
      }
    items.push_back(std::move(item));
  }

  void FillType(NamedType& type, const TypeDefinition& def) {
    std::vector<const TypeDefinition*> all = {&def};
    auto ext = extensions_.find(def.name.value);
    if (ext != extensions_.end()) all.insert(all.end(), ext->second.begin(), ext->second.end());
    type.description = Description(def.description);
    for (const TypeDefinition* node : all) {
      type.directives.insert(type.directives.end(), node->directives.begin(), node->directives.end());
      for (const auto& i : node->interfaces) type.interfaces.push_back(Lookup(i.value));
      for (const auto& f : node->fields) Upsert(type.fields, BuildField(f));
      for (const auto& m : node->union_members) type.union_members.push_back(Lookup(m.value));
      for (const auto& v : node->enum_values) {
        EnumValue e;
        e.name = v.name.value;
        e.description = Description(v.description);
        e.deprecation = DeprecationOf(v.directives);
        e.directives = v.directives;
        Upsert(type.enum_values, std::move(e));
      }
      for (const auto& f : node->input_fields) Upsert(type.input_fields, BuildInputValue(f));
    }
    if (type.kind == TypeKind::kScalar) {
      if (auto v = DirectiveValues(*SpecifiedByDirective(), def.directives)) {
        if (const json::Value* url = v->find("url"); url && url->is_string()) type.specified_by_url = url->as_string();
      }
    }
    if (type.kind == TypeKind::kInputObject)
      type.one_of = DirectiveValues(*OneOfDirective(), def.directives).has_value();
  }

  void BuildDirective(const language::DirectiveDefinition& node) {
    DirectiveDef* d = builder_.AddDirective(node.name.value);
    d->description = Description(node.description);
    for (const auto& a : node.arguments) d->args.push_back(BuildInputValue(a));
    d->repeatable = node.repeatable;
    for (const auto& l : node.locations)
      if (auto loc = ParseDirectiveLocation(l.value)) d->locations.push_back(*loc);
    locations_->definitions[d] = node.loc;
    for (const auto& a : node.arguments)
      if (const InputValue* arg = d->arg(a.name.value)) RecordInputValue(arg, a);
  }

  void RecordDeprecated(const void* element, const std::vector<language::Directive>& directives) {
    for (const auto& d : directives)
      if (d.name.value == "deprecated") {
        locations_->deprecated.emplace(element, d.loc);
        return;
      }
  }

  void RecordInputValue(const InputValue* value, const language::InputValueDefinition& node) {
    locations_->definitions[value] = node.loc;
    locations_->type_nodes[value] = node.type.loc;
    RecordDeprecated(value, node.directives);
  }

  // Runs after every type is filled, so the element addresses recorded here stay valid.
  void RecordTypeLocations(const NamedType& type, const TypeDefinition& def) {
    locations_->definitions[&type] = def.loc;
    std::vector<const TypeDefinition*> all = {&def};
    auto ext = extensions_.find(def.name.value);
    if (ext != extensions_.end()) {
      for (const TypeDefinition* e : ext->second) {
        all.push_back(e);
        locations_->extensions[&type].push_back(e->loc);
      }
    }
    for (const TypeDefinition* node : all) {
      for (const auto& i : node->interfaces) locations_->interface_names[&type].emplace_back(i.value, i.loc);
      for (const auto& m : node->union_members) locations_->member_names[&type].emplace_back(m.value, m.loc);
      for (const auto& f : node->fields) {
        const Field* field = type.field(f.name.value);
        if (!field) continue;
        locations_->definitions[field] = f.loc;
        locations_->type_nodes[field] = f.type.loc;
        RecordDeprecated(field, f.directives);
        for (const auto& a : f.arguments)
          if (const InputValue* arg = field->arg(a.name.value)) RecordInputValue(arg, a);
      }
      for (const auto& v : node->enum_values) {
        const EnumValue* value = type.enum_value(v.name.value);
        if (!value) continue;
        locations_->definitions[value] = v.loc;
        RecordDeprecated(value, v.directives);
      }
      for (const auto& f : node->input_fields)
        if (const InputValue* field = type.input_field(f.name.value)) RecordInputValue(field, f);
    }
  }

  const Document& doc_;
  SchemaBuilder builder_;
  std::unordered_map<std::string, NamedType*> types_;
  std::unordered_map<std::string, std::vector<const TypeDefinition*>> extensions_;
  std::vector<language::GraphQLError> errors_;
  std::shared_ptr<SchemaSourceLocations> locations_ = std::make_shared<SchemaSourceLocations>();
};

}  // namespace

SchemaResult BuildAstSchema(const language::Document& document) {
  SchemaResult result;
  result.errors = ValidateSdl(document);
  if (!result.errors.empty()) return result;
  return AstSchemaBuilder(document).Build();
}

SchemaResult BuildSchema(std::string_view sdl) {
  language::ParseResult parsed = language::Parse(sdl);
  if (!parsed.ok()) {
    SchemaResult result;
    result.errors.push_back(*parsed.error);
    return result;
  }
  return BuildAstSchema(parsed.document);
}

}  // namespace railgun::schema
