// The introspection types (__Schema, __Type, ...) and meta-fields, as graphql-js 16 defines them.
#include "schema/introspection_types.h"

#include <memory>
#include <string>

#include "schema/scalars.h"

namespace railgun::schema {
namespace {

struct Introspection {
  NamedType schema_type, directive, directive_location, type, field, input_value, enum_value, type_kind;
  std::vector<const NamedType*> all;
  Field schema_meta, type_meta, typename_meta;

  const NamedType* Lookup(std::string_view name) const {
    if (const NamedType* s = SpecifiedScalarType(name)) return s;
    for (const NamedType* t : all)
      if (t->name == name) return t;
    return nullptr;
  }

  // "[__Type!]!" -> TypeRef.
  TypeRef Ref(std::string_view text) const {
    TypeRef ref;
    while (!text.empty()) {
      if (text.back() == '!') {
        ref.mods.push_back(Modifier::kNonNull);
        text.remove_suffix(1);
      } else if (text.front() == '[') {
        ref.mods.push_back(Modifier::kList);
        text.remove_prefix(1);
        text.remove_suffix(1);
      } else {
        ref.named = Lookup(text);
        break;
      }
    }
    return ref;
  }

  static InputValue IncludeDeprecatedArg(const TypeRef& boolean) {
    InputValue a;
    a.name = "includeDeprecated";
    a.type = boolean;
    language::Value f;
    f.kind = language::ValueKind::kBoolean;
    f.boolean = false;
    a.default_value = f;
    return a;
  }

  void AddField(NamedType& t, std::string name, std::string_view type_text,
                std::optional<std::string> description = std::nullopt, bool include_deprecated_arg = false) {
    Field f;
    f.name = std::move(name);
    f.type = Ref(type_text);
    f.description = std::move(description);
    if (include_deprecated_arg) f.args.push_back(IncludeDeprecatedArg(Ref("Boolean")));
    t.fields.push_back(std::move(f));
  }

  static void AddValue(NamedType& t, std::string name, std::string description) {
    EnumValue v;
    v.name = std::move(name);
    v.description = std::move(description);
    t.enum_values.push_back(std::move(v));
  }

  static void Init(NamedType& t, TypeKind kind, std::string name, std::string description) {
    t.kind = kind;
    t.name = std::move(name);
    t.description = std::move(description);
  }

  Introspection() {
    Init(schema_type, TypeKind::kObject, "__Schema",
         "A GraphQL Schema defines the capabilities of a GraphQL server. It exposes all available types and "
         "directives on the server, as well as the entry points for query, mutation, and subscription operations.");
    Init(directive, TypeKind::kObject, "__Directive",
         "A Directive provides a way to describe alternate runtime execution and type validation behavior in a "
         "GraphQL document.\n\nIn some cases, you need to provide options to alter GraphQL's execution behavior in "
         "ways field arguments will not suffice, such as conditionally including or skipping a field. Directives "
         "provide this by describing additional information to the executor.");
    Init(directive_location, TypeKind::kEnum, "__DirectiveLocation",
         "A Directive can be adjacent to many parts of the GraphQL language, a __DirectiveLocation describes one "
         "such possible adjacencies.");
    Init(type, TypeKind::kObject, "__Type",
         "The fundamental unit of any GraphQL Schema is the type. There are many kinds of types in GraphQL as "
         "represented by the `__TypeKind` enum.\n\nDepending on the kind of a type, certain fields describe "
         "information about that type. Scalar types provide no information beyond a name, description and optional "
         "`specifiedByURL`, while Enum types provide their values. Object and Interface types provide the fields "
         "they describe. Abstract types, Union and Interface, provide the Object types possible at runtime. List and "
         "NonNull types compose other types.");
    Init(field, TypeKind::kObject, "__Field",
         "Object and Interface types are described by a list of Fields, each of which has a name, potentially a "
         "list of arguments, and a return type.");
    Init(input_value, TypeKind::kObject, "__InputValue",
         "Arguments provided to Fields or Directives and the input fields of an InputObject are represented as "
         "Input Values which describe their type and optionally a default value.");
    Init(enum_value, TypeKind::kObject, "__EnumValue",
         "One possible value for a given Enum. Enum values are unique values, not a placeholder for a string or "
         "numeric value. However an Enum value is returned in a JSON response as a string.");
    Init(type_kind, TypeKind::kEnum, "__TypeKind", "An enum describing what kind of type a given `__Type` is.");
    all = {&schema_type, &directive, &directive_location, &type, &field, &input_value, &enum_value, &type_kind};

    AddField(schema_type, "description", "String");
    AddField(schema_type, "types", "[__Type!]!", "A list of all types supported by this server.");
    AddField(schema_type, "queryType", "__Type!", "The type that query operations will be rooted at.");
    AddField(schema_type, "mutationType", "__Type",
             "If this server supports mutation, the type that mutation operations will be rooted at.");
    AddField(schema_type, "subscriptionType", "__Type",
             "If this server support subscription, the type that subscription operations will be rooted at.");
    AddField(schema_type, "directives", "[__Directive!]!", "A list of all directives supported by this server.");

    AddField(directive, "name", "String!");
    AddField(directive, "description", "String");
    AddField(directive, "isRepeatable", "Boolean!");
    AddField(directive, "locations", "[__DirectiveLocation!]!");
    AddField(directive, "args", "[__InputValue!]!", std::nullopt, true);

    AddValue(directive_location, "QUERY", "Location adjacent to a query operation.");
    AddValue(directive_location, "MUTATION", "Location adjacent to a mutation operation.");
    AddValue(directive_location, "SUBSCRIPTION", "Location adjacent to a subscription operation.");
    AddValue(directive_location, "FIELD", "Location adjacent to a field.");
    AddValue(directive_location, "FRAGMENT_DEFINITION", "Location adjacent to a fragment definition.");
    AddValue(directive_location, "FRAGMENT_SPREAD", "Location adjacent to a fragment spread.");
    AddValue(directive_location, "INLINE_FRAGMENT", "Location adjacent to an inline fragment.");
    AddValue(directive_location, "VARIABLE_DEFINITION", "Location adjacent to a variable definition.");
    AddValue(directive_location, "SCHEMA", "Location adjacent to a schema definition.");
    AddValue(directive_location, "SCALAR", "Location adjacent to a scalar definition.");
    AddValue(directive_location, "OBJECT", "Location adjacent to an object type definition.");
    AddValue(directive_location, "FIELD_DEFINITION", "Location adjacent to a field definition.");
    AddValue(directive_location, "ARGUMENT_DEFINITION", "Location adjacent to an argument definition.");
    AddValue(directive_location, "INTERFACE", "Location adjacent to an interface definition.");
    AddValue(directive_location, "UNION", "Location adjacent to a union definition.");
    AddValue(directive_location, "ENUM", "Location adjacent to an enum definition.");
    AddValue(directive_location, "ENUM_VALUE", "Location adjacent to an enum value definition.");
    AddValue(directive_location, "INPUT_OBJECT", "Location adjacent to an input object type definition.");
    AddValue(directive_location, "INPUT_FIELD_DEFINITION", "Location adjacent to an input object field definition.");

    AddField(type, "kind", "__TypeKind!");
    AddField(type, "name", "String");
    AddField(type, "description", "String");
    AddField(type, "specifiedByURL", "String");
    AddField(type, "fields", "[__Field!]", std::nullopt, true);
    AddField(type, "interfaces", "[__Type!]");
    AddField(type, "possibleTypes", "[__Type!]");
    AddField(type, "enumValues", "[__EnumValue!]", std::nullopt, true);
    AddField(type, "inputFields", "[__InputValue!]", std::nullopt, true);
    AddField(type, "ofType", "__Type");
    AddField(type, "isOneOf", "Boolean");

    AddField(field, "name", "String!");
    AddField(field, "description", "String");
    AddField(field, "args", "[__InputValue!]!", std::nullopt, true);
    AddField(field, "type", "__Type!");
    AddField(field, "isDeprecated", "Boolean!");
    AddField(field, "deprecationReason", "String");

    AddField(input_value, "name", "String!");
    AddField(input_value, "description", "String");
    AddField(input_value, "type", "__Type!");
    AddField(input_value, "defaultValue", "String",
             "A GraphQL-formatted string representing the default value for this input value.");
    AddField(input_value, "isDeprecated", "Boolean!");
    AddField(input_value, "deprecationReason", "String");

    AddField(enum_value, "name", "String!");
    AddField(enum_value, "description", "String");
    AddField(enum_value, "isDeprecated", "Boolean!");
    AddField(enum_value, "deprecationReason", "String");

    AddValue(type_kind, "SCALAR", "Indicates this type is a scalar.");
    AddValue(type_kind, "OBJECT", "Indicates this type is an object. `fields` and `interfaces` are valid fields.");
    AddValue(type_kind, "INTERFACE",
             "Indicates this type is an interface. `fields`, `interfaces`, and `possibleTypes` are valid fields.");
    AddValue(type_kind, "UNION", "Indicates this type is a union. `possibleTypes` is a valid field.");
    AddValue(type_kind, "ENUM", "Indicates this type is an enum. `enumValues` is a valid field.");
    AddValue(type_kind, "INPUT_OBJECT", "Indicates this type is an input object. `inputFields` is a valid field.");
    AddValue(type_kind, "LIST", "Indicates this type is a list. `ofType` is a valid field.");
    AddValue(type_kind, "NON_NULL", "Indicates this type is a non-null. `ofType` is a valid field.");

    schema_meta.name = "__schema";
    schema_meta.type = Ref("__Schema!");
    schema_meta.description = "Access the current type schema of this server.";
    type_meta.name = "__type";
    type_meta.type = Ref("__Type");
    type_meta.description = "Request the type information of a single type.";
    InputValue name_arg;
    name_arg.name = "name";
    name_arg.type = Ref("String!");
    type_meta.args.push_back(std::move(name_arg));
    typename_meta.name = "__typename";
    typename_meta.type = Ref("String!");
    typename_meta.description = "The name of the current Object type at runtime.";
  }
};

const Introspection& Get() {
  static const Introspection* i = new Introspection();
  return *i;
}

}  // namespace

const std::vector<const NamedType*>& IntrospectionTypes() { return Get().all; }

const NamedType* IntrospectionType(std::string_view name) {
  for (const NamedType* t : Get().all)
    if (t->name == name) return t;
  return nullptr;
}

bool IsIntrospectionType(const NamedType* type) { return type && IntrospectionType(type->name) != nullptr; }

const Field& SchemaMetaField() { return Get().schema_meta; }
const Field& TypeMetaField() { return Get().type_meta; }
const Field& TypeNameMetaField() { return Get().typename_meta; }

}  // namespace railgun::schema
