// The GraphQL AST (spec §2 executable definitions, §3 type-system definitions and extensions).
// Plain value types: a Document owns its whole tree. Every node carries the Location of its first token
// (line/column 1-based, as graphql-js reports them) and its byte span in the source.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace railgun::language {

struct Location {
  uint32_t line = 0;    // 1-based; 0 = unknown (synthesized node)
  uint32_t column = 0;  // 1-based, in UTF-16 code units, as graphql-js getLocation counts them
  uint32_t start = 0;   // byte offset of the first character
  uint32_t end = 0;     // byte offset one past the last character
};

struct Name {
  std::string value;
  Location loc;
};

// ---------------------------------------------------------------------------------------------------------
// Values (§2.9)
enum class ValueKind : uint8_t { kVariable, kInt, kFloat, kString, kBoolean, kNull, kEnum, kList, kObject };

struct ObjectField;

struct Value {
  ValueKind kind = ValueKind::kNull;
  Location loc;
  // kVariable: variable name (without '$'); kInt / kFloat: the literal's source text; kString: the decoded
  // string; kEnum: the enum value name.
  std::string text;
  bool boolean = false;             // kBoolean
  bool block = false;               // kString written as a block string ("""...""")
  std::vector<Value> list;          // kList
  std::vector<ObjectField> fields;  // kObject, in source order
};

struct ObjectField {
  Name name;
  Value value;
  Location loc;
};

// ---------------------------------------------------------------------------------------------------------
// Type references (§2.11): Named, [List], NonNull!
struct TypeRef {
  enum class Kind : uint8_t { kNamed, kList, kNonNull };
  Kind kind = Kind::kNamed;
  Name name;                          // kNamed
  std::shared_ptr<const TypeRef> of;  // kList / kNonNull: the wrapped type
  Location loc;
};

struct Argument {
  Name name;
  Value value;
  Location loc;
};

struct Directive {
  Name name;
  std::vector<Argument> arguments;
  Location loc;
};

// ---------------------------------------------------------------------------------------------------------
// Selections (§2.4 - §2.8)
struct Selection;

struct SelectionSet {
  std::vector<Selection> selections;
  Location loc;  // line == 0 when absent
  [[nodiscard]] bool empty() const { return selections.empty(); }
};

enum class SelectionKind : uint8_t { kField, kFragmentSpread, kInlineFragment };

struct Selection {
  SelectionKind kind = SelectionKind::kField;
  Location loc;
  std::optional<Name> alias;           // kField
  Name name;                           // kField: field name; kFragmentSpread: fragment name
  std::vector<Argument> arguments;     // kField
  std::optional<Name> type_condition;  // kInlineFragment (optional)
  std::vector<Directive> directives;
  SelectionSet selection_set;  // kField (may be empty) and kInlineFragment

  // The response key: alias if present, else the field name.
  [[nodiscard]] const std::string& response_key() const { return alias ? alias->value : name.value; }
};

// ---------------------------------------------------------------------------------------------------------
// Executable definitions (§2.3, §2.8)
enum class OperationType : uint8_t { kQuery, kMutation, kSubscription };

struct VariableDefinition {
  Name variable;  // without '$'
  TypeRef type;
  std::optional<Value> default_value;
  std::vector<Directive> directives;
  Location loc;
};

struct OperationDefinition {
  OperationType operation = OperationType::kQuery;
  std::optional<Name> name;
  std::vector<VariableDefinition> variables;
  std::vector<Directive> directives;
  SelectionSet selection_set;
  bool shorthand = false;  // written as a bare `{ ... }`
  Location loc;
};

struct FragmentDefinition {
  Name name;
  Name type_condition;
  std::vector<Directive> directives;
  SelectionSet selection_set;
  Location loc;
};

// ---------------------------------------------------------------------------------------------------------
// Type-system definitions and extensions (§3)
struct StringValue {
  std::string value;
  bool block = false;
  Location loc;
};

struct InputValueDefinition {
  std::optional<StringValue> description;
  Name name;
  TypeRef type;
  std::optional<Value> default_value;
  std::vector<Directive> directives;
  Location loc;
};

struct FieldDefinition {
  std::optional<StringValue> description;
  Name name;
  std::vector<InputValueDefinition> arguments;
  TypeRef type;
  std::vector<Directive> directives;
  Location loc;
};

struct EnumValueDefinition {
  std::optional<StringValue> description;
  Name name;
  std::vector<Directive> directives;
  Location loc;
};

struct OperationTypeDefinition {
  OperationType operation = OperationType::kQuery;
  Name type;
  Location loc;
};

// `schema { ... }` or `extend schema ...`
struct SchemaDefinition {
  bool is_extension = false;
  std::optional<StringValue> description;
  std::vector<Directive> directives;
  std::vector<OperationTypeDefinition> operation_types;
  Location loc;
};

enum class TypeDefinitionKind : uint8_t { kScalar, kObject, kInterface, kUnion, kEnum, kInputObject };

// Any named type definition or `extend <kind> ...`; only the members meaningful for `kind` are filled.
struct TypeDefinition {
  TypeDefinitionKind kind = TypeDefinitionKind::kScalar;
  bool is_extension = false;
  std::optional<StringValue> description;
  Name name;
  std::vector<Name> interfaces;  // kObject, kInterface
  std::vector<Directive> directives;
  std::vector<FieldDefinition> fields;             // kObject, kInterface
  std::vector<Name> union_members;                 // kUnion
  std::vector<EnumValueDefinition> enum_values;    // kEnum
  std::vector<InputValueDefinition> input_fields;  // kInputObject
  Location loc;
};

struct DirectiveDefinition {
  std::optional<StringValue> description;
  Name name;
  std::vector<InputValueDefinition> arguments;
  bool repeatable = false;
  std::vector<Name> locations;  // e.g. FIELD, QUERY, FIELD_DEFINITION (validated by the parser)
  Location loc;
};

using Definition =
    std::variant<OperationDefinition, FragmentDefinition, SchemaDefinition, TypeDefinition, DirectiveDefinition>;

struct Document {
  std::vector<Definition> definitions;
  Location loc;
};

// Helpers
[[nodiscard]] inline const char* OperationTypeName(OperationType t) {
  switch (t) {
    case OperationType::kQuery: return "query";
    case OperationType::kMutation: return "mutation";
    case OperationType::kSubscription: return "subscription";
  }
  return "query";
}

}  // namespace railgun::language
