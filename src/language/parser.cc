// Recursive-descent GraphQL parser (spec §2, §3) mirroring graphql-js v16 `parse` / `parseValue`.
#include "language/parser.h"

#include <string>
#include <utility>

#include "language/lexer.h"

namespace railgun::language {

namespace {

bool IsDirectiveLocation(std::string_view name) {
  static constexpr std::string_view kLocations[] = {
      "QUERY",         "MUTATION",         "SUBSCRIPTION",           "FIELD",
      "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT",    "VARIABLE_DEFINITION",
      "SCHEMA",        "SCALAR",           "OBJECT",                 "FIELD_DEFINITION",
      "ARGUMENT_DEFINITION", "INTERFACE",   "UNION",                  "ENUM",
      "ENUM_VALUE",    "INPUT_OBJECT",     "INPUT_FIELD_DEFINITION",
  };
  for (std::string_view l : kLocations)
    if (l == name) return true;
  return false;
}

class Parser {
 public:
  Parser(std::string_view source, const ParseOptions& options) : lexer_(source), options_(options) {}

  Document ParseDocument() {
    Document document;
    document.loc = Location{1, 1, 0, 0};
    ExpectToken(TokenKind::kSOF);
    do {
      document.definitions.push_back(ParseDefinition());
    } while (!ExpectOptionalToken(TokenKind::kEOF));
    document.loc.end = lexer_.last_end();
    return document;
  }

  Value ParseValueOnly() {
    ExpectToken(TokenKind::kSOF);
    Value value = ParseValueLiteral(false);
    ExpectToken(TokenKind::kEOF);
    return value;
  }

 private:
  // Increments the nesting depth for the duration of a nested construct.
  class DepthGuard {
   public:
    explicit DepthGuard(Parser& parser) : parser_(parser) {
      if (++parser_.depth_ > parser_.options_.max_depth) {
        throw SyntaxErrorException{parser_.tok().start, "Document too deeply nested (limit " +
                                                            std::to_string(parser_.options_.max_depth) + ")."};
      }
    }
    ~DepthGuard() { --parser_.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

   private:
    Parser& parser_;
  };

  const Token& tok() const { return lexer_.token(); }
  bool Peek(TokenKind kind) const { return tok().kind == kind; }
  bool PeekKeyword(std::string_view keyword) const {
    return tok().kind == TokenKind::kName && tok().raw == keyword;
  }

  void Advance() {
    const Token& next = lexer_.Advance();
    if (options_.max_tokens != 0 && next.kind != TokenKind::kEOF && ++token_count_ > options_.max_tokens) {
      throw SyntaxErrorException{next.start, "Document contains more than " + std::to_string(options_.max_tokens) +
                                                 " tokens. Parsing aborted."};
    }
  }

  Location StartLoc() const {
    const Token& t = tok();
    return Location{t.line, t.column, t.start, t.end};
  }
  void Finish(Location& loc) const { loc.end = lexer_.last_end(); }

  [[noreturn]] void Unexpected(const Token& token) const {
    throw SyntaxErrorException{token.start, "Unexpected " + TokenDescription(token) + "."};
  }
  [[noreturn]] void Unexpected() const { Unexpected(tok()); }
  // Throws "Unexpected <token>." for a token already advanced past (described before advancing).
  [[noreturn]] static void UnexpectedAt(uint32_t start, const std::string& description) {
    throw SyntaxErrorException{start, "Unexpected " + description + "."};
  }

  void ExpectToken(TokenKind kind) {
    if (tok().kind == kind) {
      Advance();
      return;
    }
    throw SyntaxErrorException{
        tok().start, "Expected " + TokenKindDescription(kind) + ", found " + TokenDescription(tok()) + "."};
  }
  bool ExpectOptionalToken(TokenKind kind) {
    if (tok().kind == kind) {
      Advance();
      return true;
    }
    return false;
  }
  void ExpectKeyword(std::string_view keyword) {
    if (PeekKeyword(keyword)) {
      Advance();
      return;
    }
    throw SyntaxErrorException{tok().start,
                               "Expected \"" + std::string(keyword) + "\", found " + TokenDescription(tok()) + "."};
  }
  bool ExpectOptionalKeyword(std::string_view keyword) {
    if (PeekKeyword(keyword)) {
      Advance();
      return true;
    }
    return false;
  }

  Name ParseName() {
    if (tok().kind != TokenKind::kName) ExpectToken(TokenKind::kName);  // throws
    Name name{std::string(tok().raw), StartLoc()};
    Advance();
    return name;
  }

  // ------------------------------------------------------------------------------------------------------
  // Definitions

  Definition ParseDefinition() {
    if (Peek(TokenKind::kBraceL)) return ParseOperationDefinition();
    const bool has_description = Peek(TokenKind::kString) || Peek(TokenKind::kBlockString);
    const Token& keyword = has_description ? lexer_.Lookahead() : tok();
    if (keyword.kind == TokenKind::kName) {
      const std::string_view k = keyword.raw;
      if (k == "schema") return ParseSchemaDefinition();
      if (k == "scalar") return ParseTypeDefinition(TypeDefinitionKind::kScalar, "scalar", false);
      if (k == "type") return ParseTypeDefinition(TypeDefinitionKind::kObject, "type", false);
      if (k == "interface") return ParseTypeDefinition(TypeDefinitionKind::kInterface, "interface", false);
      if (k == "union") return ParseTypeDefinition(TypeDefinitionKind::kUnion, "union", false);
      if (k == "enum") return ParseTypeDefinition(TypeDefinitionKind::kEnum, "enum", false);
      if (k == "input") return ParseTypeDefinition(TypeDefinitionKind::kInputObject, "input", false);
      if (k == "directive") return ParseDirectiveDefinition();
      if (has_description) {
        throw SyntaxErrorException{tok().start,
                                   "Unexpected description, descriptions are supported only on type definitions."};
      }
      if (k == "query" || k == "mutation" || k == "subscription") return ParseOperationDefinition();
      if (k == "fragment") return ParseFragmentDefinition();
      if (k == "extend") return ParseTypeSystemExtension();
    }
    Unexpected(keyword);
  }

  OperationDefinition ParseOperationDefinition() {
    OperationDefinition op;
    op.loc = StartLoc();
    if (Peek(TokenKind::kBraceL)) {
      op.shorthand = true;
      op.selection_set = ParseSelectionSet();
      Finish(op.loc);
      return op;
    }
    op.operation = ParseOperationType();
    if (Peek(TokenKind::kName)) op.name = ParseName();
    if (ExpectOptionalToken(TokenKind::kParenL)) {
      do {
        op.variables.push_back(ParseVariableDefinition());
      } while (!ExpectOptionalToken(TokenKind::kParenR));
    }
    ParseDirectives(false, op.directives);
    op.selection_set = ParseSelectionSet();
    Finish(op.loc);
    return op;
  }

  OperationType ParseOperationType() {
    if (tok().kind != TokenKind::kName) ExpectToken(TokenKind::kName);  // throws
    const std::string_view v = tok().raw;
    OperationType type;
    if (v == "query") {
      type = OperationType::kQuery;
    } else if (v == "mutation") {
      type = OperationType::kMutation;
    } else if (v == "subscription") {
      type = OperationType::kSubscription;
    } else {
      const uint32_t start = tok().start;
      const std::string description = TokenDescription(tok());
      Advance();
      UnexpectedAt(start, description);
    }
    Advance();
    return type;
  }

  VariableDefinition ParseVariableDefinition() {
    VariableDefinition def;
    def.loc = StartLoc();
    def.variable = ParseVariableName();
    ExpectToken(TokenKind::kColon);
    def.type = ParseTypeReference();
    if (ExpectOptionalToken(TokenKind::kEquals)) def.default_value = ParseValueLiteral(true);
    ParseDirectives(true, def.directives);
    Finish(def.loc);
    return def;
  }

  // `$name`: the Name's location spans the whole variable (as graphql-js's Variable node).
  Name ParseVariableName() {
    Location loc = StartLoc();
    ExpectToken(TokenKind::kDollar);
    Name name = ParseName();
    Finish(loc);
    name.loc = loc;
    return name;
  }

  SelectionSet ParseSelectionSet() {
    DepthGuard guard(*this);
    SelectionSet set;
    set.loc = StartLoc();
    ExpectToken(TokenKind::kBraceL);
    do {
      set.selections.push_back(ParseSelection());
    } while (!ExpectOptionalToken(TokenKind::kBraceR));
    Finish(set.loc);
    return set;
  }

  Selection ParseSelection() {
    Selection sel;
    sel.loc = StartLoc();
    if (ExpectOptionalToken(TokenKind::kSpread)) {
      const bool has_type_condition = ExpectOptionalKeyword("on");
      if (!has_type_condition && Peek(TokenKind::kName)) {
        sel.kind = SelectionKind::kFragmentSpread;
        sel.name = ParseFragmentName();
        ParseDirectives(false, sel.directives);
        Finish(sel.loc);
        return sel;
      }
      sel.kind = SelectionKind::kInlineFragment;
      if (has_type_condition) sel.type_condition = ParseName();
      ParseDirectives(false, sel.directives);
      sel.selection_set = ParseSelectionSet();
      Finish(sel.loc);
      return sel;
    }
    sel.kind = SelectionKind::kField;
    Name name_or_alias = ParseName();
    if (ExpectOptionalToken(TokenKind::kColon)) {
      sel.alias = std::move(name_or_alias);
      sel.name = ParseName();
    } else {
      sel.name = std::move(name_or_alias);
    }
    ParseArguments(false, sel.arguments);
    ParseDirectives(false, sel.directives);
    if (Peek(TokenKind::kBraceL)) sel.selection_set = ParseSelectionSet();
    Finish(sel.loc);
    return sel;
  }

  void ParseArguments(bool is_const, std::vector<Argument>& out) {
    if (!ExpectOptionalToken(TokenKind::kParenL)) return;
    do {
      Argument arg;
      arg.loc = StartLoc();
      arg.name = ParseName();
      ExpectToken(TokenKind::kColon);
      arg.value = ParseValueLiteral(is_const);
      Finish(arg.loc);
      out.push_back(std::move(arg));
    } while (!ExpectOptionalToken(TokenKind::kParenR));
  }

  Name ParseFragmentName() {
    if (tok().has_value() && tok().value() == "on") Unexpected();
    return ParseName();
  }

  FragmentDefinition ParseFragmentDefinition() {
    FragmentDefinition frag;
    frag.loc = StartLoc();
    ExpectKeyword("fragment");
    frag.name = ParseFragmentName();
    ExpectKeyword("on");
    frag.type_condition = ParseName();
    ParseDirectives(false, frag.directives);
    frag.selection_set = ParseSelectionSet();
    Finish(frag.loc);
    return frag;
  }

  // ------------------------------------------------------------------------------------------------------
  // Values

  Value ParseValueLiteral(bool is_const) {
    Value value;
    value.loc = StartLoc();
    const Token& t = tok();
    switch (t.kind) {
      case TokenKind::kBracketL: {
        DepthGuard guard(*this);
        value.kind = ValueKind::kList;
        Advance();
        while (!ExpectOptionalToken(TokenKind::kBracketR)) value.list.push_back(ParseValueLiteral(is_const));
        break;
      }
      case TokenKind::kBraceL: {
        DepthGuard guard(*this);
        value.kind = ValueKind::kObject;
        Advance();
        while (!ExpectOptionalToken(TokenKind::kBraceR)) {
          ObjectField field;
          field.loc = StartLoc();
          field.name = ParseName();
          ExpectToken(TokenKind::kColon);
          field.value = ParseValueLiteral(is_const);
          Finish(field.loc);
          value.fields.push_back(std::move(field));
        }
        break;
      }
      case TokenKind::kInt:
      case TokenKind::kFloat:
        value.kind = t.kind == TokenKind::kInt ? ValueKind::kInt : ValueKind::kFloat;
        value.text.assign(t.raw);
        Advance();
        break;
      case TokenKind::kString:
      case TokenKind::kBlockString:
        value.kind = ValueKind::kString;
        value.block = t.kind == TokenKind::kBlockString;
        value.text = t.decoded;
        Advance();
        break;
      case TokenKind::kName:
        if (t.raw == "true" || t.raw == "false") {
          value.kind = ValueKind::kBoolean;
          value.boolean = t.raw == "true";
        } else if (t.raw == "null") {
          value.kind = ValueKind::kNull;
        } else {
          value.kind = ValueKind::kEnum;
          value.text.assign(t.raw);
        }
        Advance();
        break;
      case TokenKind::kDollar:
        if (is_const) {
          const uint32_t start = t.start;
          Advance();
          if (tok().kind == TokenKind::kName) {
            throw SyntaxErrorException{start,
                                       "Unexpected variable \"$" + std::string(tok().raw) + "\" in constant value."};
          }
          UnexpectedAt(start, "\"$\"");
        }
        value.kind = ValueKind::kVariable;
        value.text = ParseVariableName().value;
        break;
      default:
        Unexpected();
    }
    Finish(value.loc);
    return value;
  }

  void ParseDirectives(bool is_const, std::vector<Directive>& out) {
    while (Peek(TokenKind::kAt)) {
      Directive directive;
      directive.loc = StartLoc();
      Advance();
      directive.name = ParseName();
      ParseArguments(is_const, directive.arguments);
      Finish(directive.loc);
      out.push_back(std::move(directive));
    }
  }

  TypeRef ParseTypeReference() {
    TypeRef type;
    type.loc = StartLoc();
    if (Peek(TokenKind::kBracketL)) {
      DepthGuard guard(*this);
      Advance();
      auto inner = std::make_shared<TypeRef>(ParseTypeReference());
      ExpectToken(TokenKind::kBracketR);
      type.kind = TypeRef::Kind::kList;
      type.of = std::move(inner);
    } else {
      type.kind = TypeRef::Kind::kNamed;
      type.name = ParseName();
    }
    Finish(type.loc);
    if (ExpectOptionalToken(TokenKind::kBang)) {
      TypeRef non_null;
      non_null.kind = TypeRef::Kind::kNonNull;
      non_null.loc = type.loc;
      non_null.of = std::make_shared<TypeRef>(std::move(type));
      Finish(non_null.loc);
      return non_null;
    }
    return type;
  }

  // ------------------------------------------------------------------------------------------------------
  // Type system

  std::optional<StringValue> ParseDescription() {
    if (!Peek(TokenKind::kString) && !Peek(TokenKind::kBlockString)) return std::nullopt;
    StringValue description;
    description.loc = StartLoc();
    description.value = tok().decoded;
    description.block = tok().kind == TokenKind::kBlockString;
    Advance();
    Finish(description.loc);
    return description;
  }

  void ParseOperationTypes(std::vector<OperationTypeDefinition>& out) {
    do {
      OperationTypeDefinition def;
      def.loc = StartLoc();
      def.operation = ParseOperationType();
      ExpectToken(TokenKind::kColon);
      def.type = ParseName();
      Finish(def.loc);
      out.push_back(std::move(def));
    } while (!ExpectOptionalToken(TokenKind::kBraceR));
  }

  SchemaDefinition ParseSchemaDefinition() {
    SchemaDefinition schema;
    schema.loc = StartLoc();
    schema.description = ParseDescription();
    ExpectKeyword("schema");
    ParseDirectives(true, schema.directives);
    ExpectToken(TokenKind::kBraceL);
    ParseOperationTypes(schema.operation_types);
    Finish(schema.loc);
    return schema;
  }

  void ParseImplementsInterfaces(std::vector<Name>& out) {
    if (!ExpectOptionalKeyword("implements")) return;
    ExpectOptionalToken(TokenKind::kAmp);
    do {
      out.push_back(ParseName());
    } while (ExpectOptionalToken(TokenKind::kAmp));
  }

  void ParseFieldsDefinition(std::vector<FieldDefinition>& out) {
    if (!ExpectOptionalToken(TokenKind::kBraceL)) return;
    do {
      FieldDefinition field;
      field.loc = StartLoc();
      field.description = ParseDescription();
      field.name = ParseName();
      ParseArgumentDefs(field.arguments);
      ExpectToken(TokenKind::kColon);
      field.type = ParseTypeReference();
      ParseDirectives(true, field.directives);
      Finish(field.loc);
      out.push_back(std::move(field));
    } while (!ExpectOptionalToken(TokenKind::kBraceR));
  }

  void ParseArgumentDefs(std::vector<InputValueDefinition>& out) {
    if (!ExpectOptionalToken(TokenKind::kParenL)) return;
    do {
      out.push_back(ParseInputValueDef());
    } while (!ExpectOptionalToken(TokenKind::kParenR));
  }

  void ParseInputFieldsDefinition(std::vector<InputValueDefinition>& out) {
    if (!ExpectOptionalToken(TokenKind::kBraceL)) return;
    do {
      out.push_back(ParseInputValueDef());
    } while (!ExpectOptionalToken(TokenKind::kBraceR));
  }

  InputValueDefinition ParseInputValueDef() {
    InputValueDefinition def;
    def.loc = StartLoc();
    def.description = ParseDescription();
    def.name = ParseName();
    ExpectToken(TokenKind::kColon);
    def.type = ParseTypeReference();
    if (ExpectOptionalToken(TokenKind::kEquals)) def.default_value = ParseValueLiteral(true);
    ParseDirectives(true, def.directives);
    Finish(def.loc);
    return def;
  }

  void ParseUnionMemberTypes(std::vector<Name>& out) {
    if (!ExpectOptionalToken(TokenKind::kEquals)) return;
    ExpectOptionalToken(TokenKind::kPipe);
    do {
      out.push_back(ParseName());
    } while (ExpectOptionalToken(TokenKind::kPipe));
  }

  void ParseEnumValuesDefinition(std::vector<EnumValueDefinition>& out) {
    if (!ExpectOptionalToken(TokenKind::kBraceL)) return;
    do {
      EnumValueDefinition value;
      value.loc = StartLoc();
      value.description = ParseDescription();
      if (tok().has_value() && (tok().value() == "true" || tok().value() == "false" || tok().value() == "null")) {
        throw SyntaxErrorException{tok().start,
                                   TokenDescription(tok()) + " is reserved and cannot be used for an enum value."};
      }
      value.name = ParseName();
      ParseDirectives(true, value.directives);
      Finish(value.loc);
      out.push_back(std::move(value));
    } while (!ExpectOptionalToken(TokenKind::kBraceR));
  }

  // A type definition (`extension` false, optional description) or `extend <keyword> ...`.
  TypeDefinition ParseTypeDefinition(TypeDefinitionKind kind, std::string_view keyword, bool extension) {
    TypeDefinition def;
    def.kind = kind;
    def.is_extension = extension;
    def.loc = StartLoc();
    if (extension) {
      ExpectKeyword("extend");
    } else {
      def.description = ParseDescription();
    }
    ExpectKeyword(keyword);
    def.name = ParseName();
    bool empty = false;
    switch (kind) {
      case TypeDefinitionKind::kScalar:
        ParseDirectives(true, def.directives);
        empty = def.directives.empty();
        break;
      case TypeDefinitionKind::kObject:
      case TypeDefinitionKind::kInterface:
        ParseImplementsInterfaces(def.interfaces);
        ParseDirectives(true, def.directives);
        ParseFieldsDefinition(def.fields);
        empty = def.interfaces.empty() && def.directives.empty() && def.fields.empty();
        break;
      case TypeDefinitionKind::kUnion:
        ParseDirectives(true, def.directives);
        ParseUnionMemberTypes(def.union_members);
        empty = def.directives.empty() && def.union_members.empty();
        break;
      case TypeDefinitionKind::kEnum:
        ParseDirectives(true, def.directives);
        ParseEnumValuesDefinition(def.enum_values);
        empty = def.directives.empty() && def.enum_values.empty();
        break;
      case TypeDefinitionKind::kInputObject:
        ParseDirectives(true, def.directives);
        ParseInputFieldsDefinition(def.input_fields);
        empty = def.directives.empty() && def.input_fields.empty();
        break;
    }
    if (extension && empty) Unexpected();
    Finish(def.loc);
    return def;
  }

  Definition ParseTypeSystemExtension() {
    const Token& keyword = lexer_.Lookahead();
    if (keyword.kind == TokenKind::kName) {
      const std::string_view k = keyword.raw;
      if (k == "schema") return ParseSchemaExtension();
      if (k == "scalar") return ParseTypeDefinition(TypeDefinitionKind::kScalar, "scalar", true);
      if (k == "type") return ParseTypeDefinition(TypeDefinitionKind::kObject, "type", true);
      if (k == "interface") return ParseTypeDefinition(TypeDefinitionKind::kInterface, "interface", true);
      if (k == "union") return ParseTypeDefinition(TypeDefinitionKind::kUnion, "union", true);
      if (k == "enum") return ParseTypeDefinition(TypeDefinitionKind::kEnum, "enum", true);
      if (k == "input") return ParseTypeDefinition(TypeDefinitionKind::kInputObject, "input", true);
    }
    Unexpected(keyword);
  }

  SchemaDefinition ParseSchemaExtension() {
    SchemaDefinition schema;
    schema.is_extension = true;
    schema.loc = StartLoc();
    ExpectKeyword("extend");
    ExpectKeyword("schema");
    ParseDirectives(true, schema.directives);
    if (ExpectOptionalToken(TokenKind::kBraceL)) ParseOperationTypes(schema.operation_types);
    if (schema.directives.empty() && schema.operation_types.empty()) Unexpected();
    Finish(schema.loc);
    return schema;
  }

  DirectiveDefinition ParseDirectiveDefinition() {
    DirectiveDefinition def;
    def.loc = StartLoc();
    def.description = ParseDescription();
    ExpectKeyword("directive");
    ExpectToken(TokenKind::kAt);
    def.name = ParseName();
    ParseArgumentDefs(def.arguments);
    def.repeatable = ExpectOptionalKeyword("repeatable");
    ExpectKeyword("on");
    ExpectOptionalToken(TokenKind::kPipe);
    do {
      const uint32_t start = tok().start;
      const bool is_name = tok().kind == TokenKind::kName;
      const std::string description = is_name ? TokenDescription(tok()) : std::string();
      Name location = ParseName();
      if (!IsDirectiveLocation(location.value)) UnexpectedAt(start, description);
      def.locations.push_back(std::move(location));
    } while (ExpectOptionalToken(TokenKind::kPipe));
    Finish(def.loc);
    return def;
  }

  Lexer lexer_;
  const ParseOptions& options_;
  uint32_t token_count_ = 0;
  uint32_t depth_ = 0;
};

}  // namespace

ParseResult Parse(std::string_view source, const ParseOptions& options) {
  ParseResult result;
  try {
    Parser parser(source, options);
    result.document = parser.ParseDocument();
  } catch (const SyntaxErrorException& e) {
    result.document = Document{};
    result.error = MakeSyntaxError(source, e.position, e.description);
  } catch (const std::exception& e) {  // e.g. std::bad_alloc: never let an exception escape
    result.document = Document{};
    result.error = MakeSyntaxError(source, 0, std::string("Internal parser error: ") + e.what());
  }
  return result;
}

ParseValueResult ParseValue(std::string_view source, const ParseOptions& options) {
  ParseValueResult result;
  try {
    Parser parser(source, options);
    result.value = parser.ParseValueOnly();
  } catch (const SyntaxErrorException& e) {
    result.value = Value{};
    result.error = MakeSyntaxError(source, e.position, e.description);
  } catch (const std::exception& e) {
    result.value = Value{};
    result.error = MakeSyntaxError(source, 0, std::string("Internal parser error: ") + e.what());
  }
  return result;
}

}  // namespace railgun::language
