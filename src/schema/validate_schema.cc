// graphql-js validateSchema: root types, directive definitions and every named type's rules.
#include "schema/validate_schema.h"

#include <set>
#include <string>
#include <unordered_map>

#include "schema/introspection_types.h"
#include "schema/source_locations.h"
#include "schema/type_comparators.h"
#include "schema/values.h"

namespace railgun::schema {
namespace {

class Validator {
 public:
  explicit Validator(const Schema& schema) : schema_(schema), locs_(schema.source_locations()) {}

  std::vector<language::GraphQLError> Run() {
    ValidateRootTypes();
    ValidateDirectives();
    ValidateTypes();
    return std::move(errors_);
  }

 private:
  using Locs = std::vector<std::optional<language::Location>>;

  void Report(std::string message, const Locs& locations = {}) {
    language::GraphQLError e;
    e.message = std::move(message);
    for (const auto& l : locations)
      if (l && l->line != 0) e.locations.push_back({l->line, l->column});
    errors_.push_back(std::move(e));
  }

  // graphql-js astNode / astNode.type / the @deprecated node of an element, when built from SDL.
  std::optional<language::Location> Node(const void* element) const {
    return locs_ ? locs_->Find(locs_->definitions, element) : std::nullopt;
  }
  std::optional<language::Location> TypeNode(const void* element) const {
    return locs_ ? locs_->Find(locs_->type_nodes, element) : std::nullopt;
  }
  std::optional<language::Location> DeprecatedNode(const void* element) const {
    return locs_ ? locs_->Find(locs_->deprecated, element) : std::nullopt;
  }
  // [astNode, ...extensionASTNodes]
  Locs AllNodes(const NamedType& type) const {
    Locs out = {Node(&type)};
    if (!locs_) return out;
    auto it = locs_->extensions.find(&type);
    if (it != locs_->extensions.end())
      for (const auto& l : it->second) out.push_back(l);
    return out;
  }
  static Locs Named(
      const std::unordered_map<const NamedType*, std::vector<std::pair<std::string, language::Location>>>* m,
      const NamedType& type, const std::string& name) {
    Locs out;
    if (!m) return out;
    auto it = m->find(&type);
    if (it == m->end()) return out;
    for (const auto& [n, l] : it->second)
      if (n == name) out.push_back(l);
    return out;
  }
  Locs ImplementsNodes(const NamedType& type, const std::string& iface) const {
    return Named(locs_ ? &locs_->interface_names : nullptr, type, iface);
  }
  Locs MemberNodes(const NamedType& type, const std::string& member) const {
    return Named(locs_ ? &locs_->member_names : nullptr, type, member);
  }
  std::optional<language::Location> OperationNode(language::OperationType op, const NamedType* type) const {
    if (locs_) {
      auto it = locs_->operation_types.find(op);
      if (it != locs_->operation_types.end()) return it->second;
    }
    return Node(type);
  }
  static Locs Concat(Locs a, const Locs& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  }

  static bool HasDefault(const InputValue& v) {
    return v.default_value && ValueFromAst(*v.default_value, v.type, nullptr).has_value();
  }
  static bool IsRequired(const InputValue& v) { return v.type.is_non_null() && !HasDefault(v); }
  static bool IsInputType(const TypeRef& t) { return t.named && t.named->is_input_type(); }
  static bool IsOutputType(const TypeRef& t) { return t.named && t.named->is_output_type(); }

  void ValidateName(const std::string& name, const void* element) {
    if (name.size() >= 2 && name[0] == '_' && name[1] == '_')
      Report("Name \"" + name + "\" must not begin with \"__\", which is reserved by GraphQL introspection.",
             {Node(element)});
  }

  void ValidateRootTypes() {
    const NamedType* query = schema_.query_type();
    if (!query) {
      Report("Query root type must be provided.", {locs_ ? locs_->schema_definition : std::nullopt});
    } else if (query->kind != TypeKind::kObject) {
      Report("Query root type must be Object type, it cannot be " + query->name + ".",
             {OperationNode(language::OperationType::kQuery, query)});
    }
    const NamedType* mutation = schema_.mutation_type();
    if (mutation && mutation->kind != TypeKind::kObject)
      Report("Mutation root type must be Object type if provided, it cannot be " + mutation->name + ".",
             {OperationNode(language::OperationType::kMutation, mutation)});
    const NamedType* subscription = schema_.subscription_type();
    if (subscription && subscription->kind != TypeKind::kObject)
      Report("Subscription root type must be Object type if provided, it cannot be " + subscription->name + ".",
             {OperationNode(language::OperationType::kSubscription, subscription)});
  }

  void ValidateDirectives() {
    for (const DirectiveDef* d : schema_.directives()) {
      ValidateName(d->name, d);
      for (const InputValue& arg : d->args) {
        ValidateName(arg.name, &arg);
        if (!IsInputType(arg.type))
          Report("The type of @" + d->name + "(" + arg.name + ":) must be Input Type but got: " + arg.type.ToString() +
                     ".",
                 {Node(&arg)});
        if (IsRequired(arg) && arg.deprecation.deprecated)
          Report("Required argument @" + d->name + "(" + arg.name + ":) cannot be deprecated.",
                 {DeprecatedNode(&arg), TypeNode(&arg)});
      }
    }
  }

  void ValidateTypes() {
    for (const NamedType* type : schema_.types()) {
      if (!IsIntrospectionType(type)) ValidateName(type->name, type);
      switch (type->kind) {
        case TypeKind::kObject:
        case TypeKind::kInterface:
          ValidateFields(*type);
          ValidateInterfaces(*type);
          break;
        case TypeKind::kUnion: ValidateUnionMembers(*type); break;
        case TypeKind::kEnum: ValidateEnumValues(*type); break;
        case TypeKind::kInputObject:
          ValidateInputFields(*type);
          DetectCycle(*type);
          break;
        case TypeKind::kScalar: break;
      }
    }
  }

  void ValidateFields(const NamedType& type) {
    if (type.fields.empty()) Report("Type " + type.name + " must define one or more fields.", AllNodes(type));
    for (const Field& field : type.fields) {
      ValidateName(field.name, &field);
      if (!IsOutputType(field.type))
        Report("The type of " + type.name + "." + field.name +
                   " must be Output Type but got: " + field.type.ToString() + ".",
               {TypeNode(&field)});
      for (const InputValue& arg : field.args) {
        ValidateName(arg.name, &arg);
        if (!IsInputType(arg.type))
          Report("The type of " + type.name + "." + field.name + "(" + arg.name +
                     ":) must be Input Type but got: " + arg.type.ToString() + ".",
                 {TypeNode(&arg)});
        if (IsRequired(arg) && arg.deprecation.deprecated)
          Report("Required argument " + type.name + "." + field.name + "(" + arg.name + ":) cannot be deprecated.",
                 {DeprecatedNode(&arg), TypeNode(&arg)});
      }
    }
  }

  void ValidateInterfaces(const NamedType& type) {
    std::set<std::string> seen;
    for (const NamedType* iface : type.interfaces) {
      if (iface->kind != TypeKind::kInterface) {
        Report("Type " + type.name + " must only implement Interface types, it cannot implement " + iface->name + ".",
               ImplementsNodes(type, iface->name));
        continue;
      }
      if (iface == &type) {
        Report("Type " + type.name + " cannot implement itself because it would create a circular reference.",
               ImplementsNodes(type, iface->name));
        continue;
      }
      if (!seen.insert(iface->name).second) {
        Report("Type " + type.name + " can only implement " + iface->name + " once.",
               ImplementsNodes(type, iface->name));
        continue;
      }
      ValidateTypeImplementsAncestors(type, *iface);
      ValidateTypeImplementsInterface(type, *iface);
    }
  }

  void ValidateTypeImplementsInterface(const NamedType& type, const NamedType& iface) {
    for (const Field& iface_field : iface.fields) {
      const std::string& field_name = iface_field.name;
      const Field* type_field = type.field(field_name);
      if (!type_field) {
        Report(
            "Interface field " + iface.name + "." + field_name + " expected but " + type.name + " does not provide it.",
            Concat({Node(&iface_field)}, AllNodes(type)));
        continue;
      }
      if (!IsTypeSubTypeOf(schema_, type_field->type, iface_field.type))
        Report("Interface field " + iface.name + "." + field_name + " expects type " + iface_field.type.ToString() +
                   " but " + type.name + "." + field_name + " is type " + type_field->type.ToString() + ".",
               {TypeNode(&iface_field), TypeNode(type_field)});
      for (const InputValue& iface_arg : iface_field.args) {
        const InputValue* type_arg = type_field->arg(iface_arg.name);
        if (!type_arg) {
          Report("Interface field argument " + iface.name + "." + field_name + "(" + iface_arg.name +
                     ":) expected but " + type.name + "." + field_name + " does not provide it.",
                 {Node(&iface_arg), Node(type_field)});
          continue;
        }
        if (!IsEqualType(iface_arg.type, type_arg->type))
          Report("Interface field argument " + iface.name + "." + field_name + "(" + iface_arg.name +
                     ":) expects type " + iface_arg.type.ToString() + " but " + type.name + "." + field_name + "(" +
                     iface_arg.name + ":) is type " + type_arg->type.ToString() + ".",
                 {TypeNode(&iface_arg), TypeNode(type_arg)});
      }
      for (const InputValue& type_arg : type_field->args) {
        if (!iface_field.arg(type_arg.name) && IsRequired(type_arg))
          Report("Object field " + type.name + "." + field_name + " includes required argument " + type_arg.name +
                     " that is missing from the Interface field " + iface.name + "." + field_name + ".",
                 {Node(&type_arg), Node(&iface_field)});
      }
    }
  }

  void ValidateTypeImplementsAncestors(const NamedType& type, const NamedType& iface) {
    for (const NamedType* transitive : iface.interfaces) {
      bool found = false;
      for (const NamedType* t : type.interfaces) found = found || t == transitive;
      if (found) continue;
      Locs nodes = Concat(ImplementsNodes(iface, transitive->name), ImplementsNodes(type, iface.name));
      if (transitive == &type)
        Report(
            "Type " + type.name + " cannot implement " + iface.name + " because it would create a circular reference.",
            nodes);
      else
        Report("Type " + type.name + " must implement " + transitive->name + " because it is implemented by " +
                   iface.name + ".",
               nodes);
    }
  }

  void ValidateUnionMembers(const NamedType& type) {
    if (type.union_members.empty())
      Report("Union type " + type.name + " must define one or more member types.", AllNodes(type));
    std::set<std::string> seen;
    for (const NamedType* member : type.union_members) {
      if (!seen.insert(member->name).second) {
        Report("Union type " + type.name + " can only include type " + member->name + " once.",
               MemberNodes(type, member->name));
        continue;
      }
      if (member->kind != TypeKind::kObject)
        Report("Union type " + type.name + " can only include Object types, it cannot include " + member->name + ".",
               MemberNodes(type, member->name));
    }
  }

  void ValidateEnumValues(const NamedType& type) {
    if (type.enum_values.empty()) Report("Enum type " + type.name + " must define one or more values.", AllNodes(type));
    for (const EnumValue& v : type.enum_values) ValidateName(v.name, &v);
  }

  void ValidateInputFields(const NamedType& type) {
    if (type.input_fields.empty())
      Report("Input Object type " + type.name + " must define one or more fields.", AllNodes(type));
    for (const InputValue& field : type.input_fields) {
      ValidateName(field.name, &field);
      if (!IsInputType(field.type))
        Report("The type of " + type.name + "." + field.name + " must be Input Type but got: " + field.type.ToString() +
                   ".",
               {TypeNode(&field)});
      if (IsRequired(field) && field.deprecation.deprecated)
        Report("Required input field " + type.name + "." + field.name + " cannot be deprecated.",
               {DeprecatedNode(&field), TypeNode(&field)});
      if (type.one_of) {
        if (field.type.is_non_null())
          Report("OneOf input field " + type.name + "." + field.name + " must be nullable.", {TypeNode(&field)});
        if (HasDefault(field))
          Report("OneOf input field " + type.name + "." + field.name + " cannot have a default value.", {Node(&field)});
      }
    }
  }

  // Depth-first search for cycles through non-null input-object fields.
  void DetectCycle(const NamedType& input) {
    if (!visited_.insert(input.name).second) return;
    path_index_[input.name] = path_.size();
    for (const InputValue& field : input.input_fields) {
      if (field.type.mods.size() == 1 && field.type.is_non_null() && field.type.named &&
          field.type.named->kind == TypeKind::kInputObject) {
        const NamedType& field_type = *field.type.named;
        auto cycle = path_index_.find(field_type.name);
        path_.push_back(&field);
        if (cycle == path_index_.end()) {
          DetectCycle(field_type);
        } else {
          std::string path_str;
          Locs nodes;
          for (size_t i = cycle->second; i < path_.size(); ++i) {
            if (!path_str.empty()) path_str += ".";
            path_str += path_[i]->name;
            nodes.push_back(Node(path_[i]));
          }
          Report("Cannot reference Input Object \"" + field_type.name +
                     "\" within itself through a series of non-null fields: \"" + path_str + "\".",
                 nodes);
        }
        path_.pop_back();
      }
    }
    path_index_.erase(input.name);
  }

  const Schema& schema_;
  const SchemaSourceLocations* locs_;
  std::vector<language::GraphQLError> errors_;
  std::set<std::string> visited_;
  std::vector<const InputValue*> path_;
  std::unordered_map<std::string, size_t> path_index_;
};

}  // namespace

std::vector<language::GraphQLError> ValidateSchema(const Schema& schema) { return Validator(schema).Run(); }

}  // namespace railgun::schema
