// Recursive-descent GraphQL parser (spec §2, §3) mirroring graphql-js v16 `parse` / `parseValue`.
// Nodes are built in place inside their parent's vectors to avoid moving large AST structs.
#include "language/parser.h"

#include <memory>
#include <string>
#include <utility>

#include "language/lexer.h"

namespace railgun::language {

namespace {

bool IsDirectiveLocation(std::string_view name) {
  static constexpr std::string_view kLocations[] = {
      "QUERY",
      "MUTATION",
      "SUBSCRIPTION",
      "FIELD",
      "FRAGMENT_DEFINITION",
      "FRAGMENT_SPREAD",
      "INLINE_FRAGMENT",
      "VARIABLE_DEFINITION",
      "SCHEMA",
      "SCALAR",
      "OBJECT",
      "FIELD_DEFINITION",
      "ARGUMENT_DEFINITION",
      "INTERFACE",
      "UNION",
      "ENUM",
      "ENUM_VALUE",
      "INPUT_OBJECT",
      "INPUT_FIELD_DEFINITION",
  };
  for (std::string_view l : kLocations)
    if (l == name) return true;
  return false;
}

// Appends a default-constructed element and returns it (C++17 emplace_back returns a reference).
template <typename T>
T& Append(std::vector<T>& v, size_t first_capacity) {
  if (v.capacity() == 0) v.reserve(first_capacity);
  return v.emplace_back();
}

using Tok = StreamToken;

// Reserve size for a container whose opening token counted `n` elements (0 = unknown, e.g. unclosed). Capped so
// that hostile input cannot make one reserve much larger than the tokens the parser has actually read.
inline size_t Hint(uint32_t n, size_t unknown) { return n == 0 ? unknown : (n < 1024 ? n : 1024); }

class Parser {
 public:
  Parser(std::string_view source, const ParseOptions& options, TokenStream& stream)
      : source_(source), stream_(stream), max_tokens_(options.max_tokens), max_depth_(options.max_depth) {
    Tokenize();
  }

  void ParseDocument(Document& document) {
    document.loc = Location{1, 1, 0, 0};
    ExpectToken(TokenKind::kSOF);
    document.definitions.reserve(Hint(stream_.definitions, 4));
    do {
      ParseDefinition(document.definitions);
    } while (!ExpectOptionalToken(TokenKind::kEOF));
    document.loc.end = last_end_;
  }

  void ParseValueOnly(Value& value) {
    ExpectToken(TokenKind::kSOF);
    ParseValueLiteral(false, value);
    ExpectToken(TokenKind::kEOF);
  }

 private:
  // Lexes the whole source into stream_.tokens (comments dropped), counting the direct elements of every
  // bracketed construct for exact reserves. Stops at the first lexer error (kept for when the parser reaches
  // it, so errors are reported in graphql-js's order) or after max_tokens + 1 tokens.
  void Tokenize() {
    stream_.Reset();
    guard_kind_ = GuardKind::kEnd;
    try {
      Lexer lexer(source_);
      if (lexer.Tokenize(stream_, max_tokens_)) guard_kind_ = GuardKind::kLimit;
    } catch (SyntaxErrorException& e) {
      lex_error_ = std::move(e);
      guard_kind_ = GuardKind::kLexError;
      stream_.tokens.push_back(Tok{lex_error_.position, lex_error_.position, 0, 0, 0, 0, TokenKind::kEOF});
    }
    const StreamTokens& toks = stream_.tokens;
    cur_ = toks.data();
    // kEnd: one past the padding <EOF>; kLimit: the token past the limit; kLexError: the error placeholder.
    guard_ = guard_kind_ == GuardKind::kEnd ? toks.data() + toks.size() : toks.data() + toks.size() - 1;
  }

  // Increments the nesting depth for the duration of a nested construct.
  class DepthGuard {
   public:
    explicit DepthGuard(Parser& parser) : parser_(parser) {
      if (++parser_.depth_ > parser_.max_depth_) {
        throw SyntaxErrorException{parser_.tok().start,
                                   "Document too deeply nested (limit " + std::to_string(parser_.max_depth_) + ")."};
      }
    }
    ~DepthGuard() { --parser_.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

   private:
    Parser& parser_;
  };

  const Tok& tok() const { return *cur_; }
  std::string_view Raw(const Tok& t) const { return source_.substr(t.start, t.end - t.start); }
  std::string_view Decoded(const Tok& t) const { return std::string_view(stream_.strings).substr(t.aux0, t.aux1); }
  static bool HasValue(TokenKind k) {
    return k == TokenKind::kName || k == TokenKind::kInt || k == TokenKind::kFloat || k == TokenKind::kString ||
           k == TokenKind::kBlockString;
  }
  // Token::value(): Name/Int/Float source text, String/BlockString decoded value.
  std::string_view ValueOf(const Tok& t) const {
    return (t.kind == TokenKind::kString || t.kind == TokenKind::kBlockString) ? Decoded(t) : Raw(t);
  }
  // graphql-js getTokenDesc of a stream token.
  std::string Describe(const Tok& t) const {
    Token token;
    token.kind = t.kind;
    token.start = t.start;
    token.end = t.end;
    if (t.kind == TokenKind::kString || t.kind == TokenKind::kBlockString) {
      token.decoded = std::string(Decoded(t));
    } else if (HasValue(t.kind)) {
      token.raw = Raw(t);
    }
    return TokenDescription(token);
  }
  bool Peek(TokenKind kind) const { return cur_->kind == kind; }
  bool PeekKeyword(std::string_view keyword) const { return cur_->kind == TokenKind::kName && Raw(*cur_) == keyword; }

  void Advance() {
    last_end_ = cur_->end;
    if (++cur_ == guard_) [[unlikely]]
      HitGuard();
  }
  void HitGuard() {
    switch (guard_kind_) {
      case GuardKind::kLexError: throw lex_error_;
      case GuardKind::kLimit:
        throw SyntaxErrorException{
            cur_->start, "Document contains more than " + std::to_string(max_tokens_) + " tokens. Parsing aborted."};
      case GuardKind::kEnd: --cur_; return;
    }
  }
  // The next token after the current one, without consuming it (graphql-js lexer.lookahead()).
  const Tok& Lookahead() const {
    if (cur_->kind == TokenKind::kEOF) return *cur_;
    const Tok* next = cur_ + 1;
    if (next == guard_ && guard_kind_ == GuardKind::kLexError) throw lex_error_;
    return *next;
  }

  Location StartLoc() const {
    const Tok& t = *cur_;
    return Location{t.line, t.column, t.start, t.end};
  }
  void Finish(Location& loc) const { loc.end = last_end_; }

  [[noreturn]] void Unexpected(const Tok& token) const {
    throw SyntaxErrorException{token.start, "Unexpected " + Describe(token) + "."};
  }
  [[noreturn]] void Unexpected() const { Unexpected(tok()); }
  // "Unexpected <description>." for a token already advanced past (described before advancing).
  [[noreturn]] static void UnexpectedAt(uint32_t start, const std::string& description) {
    throw SyntaxErrorException{start, "Unexpected " + description + "."};
  }
  [[noreturn]] void ExpectFailed(TokenKind kind) const {
    throw SyntaxErrorException{tok().start,
                               "Expected " + TokenKindDescription(kind) + ", found " + Describe(tok()) + "."};
  }

  void ExpectToken(TokenKind kind) {
    if (tok().kind != kind) ExpectFailed(kind);
    Advance();
  }
  bool ExpectOptionalToken(TokenKind kind) {
    if (tok().kind != kind) return false;
    Advance();
    return true;
  }
  void ExpectKeyword(std::string_view keyword) {
    if (PeekKeyword(keyword)) {
      Advance();
      return;
    }
    throw SyntaxErrorException{tok().start,
                               "Expected \"" + std::string(keyword) + "\", found " + Describe(tok()) + "."};
  }
  bool ExpectOptionalKeyword(std::string_view keyword) {
    if (!PeekKeyword(keyword)) return false;
    Advance();
    return true;
  }

  // Sets a freshly constructed (empty) string to `text`: building it in place with the inline constructors is
  // markedly cheaper than the out-of-line assignment operators, and names are the most frequent nodes.
  static void SetText(std::string& out, std::string_view text) {
    std::string value(text.data(), text.size());
    std::destroy_at(&out);
    std::construct_at(&out, std::move(value));  // noexcept
  }

  void ParseName(Name& name) {
    if (tok().kind != TokenKind::kName) ExpectFailed(TokenKind::kName);
    SetText(name.value, Raw(tok()));
    name.loc = StartLoc();
    Advance();
  }

  // ------------------------------------------------------------------------------------------------------
  // Definitions

  void ParseDefinition(std::vector<Definition>& out) {
    if (Peek(TokenKind::kBraceL)) return ParseOperationDefinition(Emplace<OperationDefinition>(out));
    const bool has_description = Peek(TokenKind::kString) || Peek(TokenKind::kBlockString);
    const Tok& keyword = has_description ? Lookahead() : tok();
    if (keyword.kind == TokenKind::kName) {
      const std::string_view k = Raw(keyword);
      if (k == "schema") return ParseSchemaDefinition(Emplace<SchemaDefinition>(out));
      if (k == "scalar") return ParseTypeDefinition(TypeDefinitionKind::kScalar, "scalar", false, out);
      if (k == "type") return ParseTypeDefinition(TypeDefinitionKind::kObject, "type", false, out);
      if (k == "interface") return ParseTypeDefinition(TypeDefinitionKind::kInterface, "interface", false, out);
      if (k == "union") return ParseTypeDefinition(TypeDefinitionKind::kUnion, "union", false, out);
      if (k == "enum") return ParseTypeDefinition(TypeDefinitionKind::kEnum, "enum", false, out);
      if (k == "input") return ParseTypeDefinition(TypeDefinitionKind::kInputObject, "input", false, out);
      if (k == "directive") return ParseDirectiveDefinition(Emplace<DirectiveDefinition>(out));
      if (has_description) {
        throw SyntaxErrorException{tok().start,
                                   "Unexpected description, descriptions are supported only on type definitions."};
      }
      if (k == "query" || k == "mutation" || k == "subscription") {
        return ParseOperationDefinition(Emplace<OperationDefinition>(out));
      }
      if (k == "fragment") return ParseFragmentDefinition(Emplace<FragmentDefinition>(out));
      if (k == "extend") return ParseTypeSystemExtension(out);
    }
    Unexpected(keyword);
  }

  template <typename T>
  static T& Emplace(std::vector<Definition>& out) {
    return std::get<T>(out.emplace_back(std::in_place_type<T>));
  }

  void ParseOperationDefinition(OperationDefinition& op) {
    op.loc = StartLoc();
    if (Peek(TokenKind::kBraceL)) {
      op.shorthand = true;
      ParseSelectionSet(op.selection_set);
      Finish(op.loc);
      return;
    }
    op.operation = ParseOperationType();
    if (Peek(TokenKind::kName)) ParseName(op.name.emplace());
    if (Peek(TokenKind::kParenL)) {
      op.variables.reserve(Hint(tok().aux0, 2));
      Advance();
      do {
        ParseVariableDefinition(op.variables.emplace_back());
      } while (!ExpectOptionalToken(TokenKind::kParenR));
    }
    ParseDirectives(false, op.directives);
    ParseSelectionSet(op.selection_set);
    Finish(op.loc);
  }

  OperationType ParseOperationType() {
    if (tok().kind != TokenKind::kName) ExpectFailed(TokenKind::kName);
    const std::string_view v = Raw(tok());
    OperationType type;
    if (v == "query") {
      type = OperationType::kQuery;
    } else if (v == "mutation") {
      type = OperationType::kMutation;
    } else if (v == "subscription") {
      type = OperationType::kSubscription;
    } else {
      const uint32_t start = tok().start;
      const std::string description = Describe(tok());
      Advance();
      UnexpectedAt(start, description);
    }
    Advance();
    return type;
  }

  void ParseVariableDefinition(VariableDefinition& def) {
    def.loc = StartLoc();
    ParseVariableName(def.variable);
    ExpectToken(TokenKind::kColon);
    ParseTypeReference(def.type);
    if (ExpectOptionalToken(TokenKind::kEquals)) ParseValueLiteral(true, def.default_value.emplace());
    ParseDirectives(true, def.directives);
    Finish(def.loc);
  }

  // `$name`: the Name's location spans the whole variable (as graphql-js's Variable node).
  void ParseVariableName(Name& name) {
    Location loc = StartLoc();
    ExpectToken(TokenKind::kDollar);
    ParseName(name);
    Finish(loc);
    name.loc = loc;
  }

  void ParseSelectionSet(SelectionSet& set) {
    DepthGuard guard(*this);
    set.loc = StartLoc();
    const Tok& open = tok();
    ExpectToken(TokenKind::kBraceL);
    set.selections.reserve(Hint(open.aux1, 3));
    do {
      ParseSelection(set.selections.emplace_back());
    } while (!ExpectOptionalToken(TokenKind::kBraceR));
    Finish(set.loc);
  }

  void ParseSelection(Selection& sel) {
    sel.loc = StartLoc();
    if (ExpectOptionalToken(TokenKind::kSpread)) {
      const bool has_type_condition = ExpectOptionalKeyword("on");
      if (!has_type_condition && Peek(TokenKind::kName)) {
        sel.kind = SelectionKind::kFragmentSpread;
        ParseFragmentName(sel.name);
        ParseDirectives(false, sel.directives);
        Finish(sel.loc);
        return;
      }
      sel.kind = SelectionKind::kInlineFragment;
      if (has_type_condition) ParseName(sel.type_condition.emplace());
      ParseDirectives(false, sel.directives);
      ParseSelectionSet(sel.selection_set);
      Finish(sel.loc);
      return;
    }
    sel.kind = SelectionKind::kField;
    ParseName(sel.name);
    if (ExpectOptionalToken(TokenKind::kColon)) {
      sel.alias.emplace(std::move(sel.name));
      ParseName(sel.name);
    }
    ParseArguments(false, sel.arguments);
    ParseDirectives(false, sel.directives);
    if (Peek(TokenKind::kBraceL)) ParseSelectionSet(sel.selection_set);
    Finish(sel.loc);
  }

  void ParseArguments(bool is_const, std::vector<Argument>& out) {
    const Tok& open = tok();
    if (!ExpectOptionalToken(TokenKind::kParenL)) return;
    out.reserve(Hint(open.aux0, 2));
    do {
      Argument& arg = out.emplace_back();
      arg.loc = StartLoc();
      ParseName(arg.name);
      ExpectToken(TokenKind::kColon);
      ParseValueLiteral(is_const, arg.value);
      Finish(arg.loc);
    } while (!ExpectOptionalToken(TokenKind::kParenR));
  }

  void ParseFragmentName(Name& name) {
    if (HasValue(tok().kind) && ValueOf(tok()) == "on") Unexpected();
    ParseName(name);
  }

  void ParseFragmentDefinition(FragmentDefinition& frag) {
    frag.loc = StartLoc();
    ExpectKeyword("fragment");
    ParseFragmentName(frag.name);
    ExpectKeyword("on");
    ParseName(frag.type_condition);
    ParseDirectives(false, frag.directives);
    ParseSelectionSet(frag.selection_set);
    Finish(frag.loc);
  }

  // ------------------------------------------------------------------------------------------------------
  // Values

  void ParseValueLiteral(bool is_const, Value& value) {
    value.loc = StartLoc();
    const Tok& t = tok();
    switch (t.kind) {
      case TokenKind::kBracketL: {
        DepthGuard guard(*this);
        value.kind = ValueKind::kList;
        Advance();
        while (!ExpectOptionalToken(TokenKind::kBracketR)) ParseValueLiteral(is_const, Append(value.list, Hint(t.aux0, 4)));
        break;
      }
      case TokenKind::kBraceL: {
        DepthGuard guard(*this);
        value.kind = ValueKind::kObject;
        Advance();
        while (!ExpectOptionalToken(TokenKind::kBraceR)) {
          ObjectField& field = Append(value.fields, Hint(t.aux0, 4));
          field.loc = StartLoc();
          ParseName(field.name);
          ExpectToken(TokenKind::kColon);
          ParseValueLiteral(is_const, field.value);
          Finish(field.loc);
        }
        break;
      }
      case TokenKind::kInt:
      case TokenKind::kFloat:
        value.kind = t.kind == TokenKind::kInt ? ValueKind::kInt : ValueKind::kFloat;
        SetText(value.text, Raw(t));
        Advance();
        break;
      case TokenKind::kString:
      case TokenKind::kBlockString:
        value.kind = ValueKind::kString;
        value.block = t.kind == TokenKind::kBlockString;
        value.text = Decoded(t);
        Advance();
        break;
      case TokenKind::kName: {
        const std::string_view raw = Raw(t);
        if (raw == "true" || raw == "false") {
          value.kind = ValueKind::kBoolean;
          value.boolean = raw == "true";
        } else if (raw == "null") {
          value.kind = ValueKind::kNull;
        } else {
          value.kind = ValueKind::kEnum;
          SetText(value.text, raw);
        }
        Advance();
        break;
      }
      case TokenKind::kDollar: {
        if (is_const) {
          const uint32_t start = t.start;
          Advance();
          if (tok().kind == TokenKind::kName) {
            throw SyntaxErrorException{start,
                                       "Unexpected variable \"$" + std::string(Raw(tok())) + "\" in constant value."};
          }
          UnexpectedAt(start, "\"$\"");
        }
        value.kind = ValueKind::kVariable;
        Advance();
        if (tok().kind != TokenKind::kName) ExpectFailed(TokenKind::kName);
        SetText(value.text, Raw(tok()));
        Advance();
        break;
      }
      default: Unexpected();
    }
    Finish(value.loc);
  }

  void ParseDirectives(bool is_const, std::vector<Directive>& out) {
    while (Peek(TokenKind::kAt)) {
      Directive& directive = out.emplace_back();
      directive.loc = StartLoc();
      Advance();
      ParseName(directive.name);
      ParseArguments(is_const, directive.arguments);
      Finish(directive.loc);
    }
  }

  void ParseTypeReference(TypeRef& out) {
    const Location start = StartLoc();
    TypeRef type;
    type.loc = start;
    if (Peek(TokenKind::kBracketL)) {
      DepthGuard guard(*this);
      Advance();
      auto inner = std::make_shared<TypeRef>();
      ParseTypeReference(*inner);
      ExpectToken(TokenKind::kBracketR);
      type.kind = TypeRef::Kind::kList;
      type.of = std::move(inner);
    } else {
      type.kind = TypeRef::Kind::kNamed;
      ParseName(type.name);
    }
    Finish(type.loc);
    if (ExpectOptionalToken(TokenKind::kBang)) {
      out.kind = TypeRef::Kind::kNonNull;
      out.loc = start;
      out.of = std::make_shared<TypeRef>(std::move(type));
      Finish(out.loc);
      return;
    }
    out = std::move(type);
  }

  // ------------------------------------------------------------------------------------------------------
  // Type system

  void ParseDescription(std::optional<StringValue>& out) {
    if (!Peek(TokenKind::kString) && !Peek(TokenKind::kBlockString)) return;
    StringValue& description = out.emplace();
    description.loc = StartLoc();
    description.value = Decoded(tok());
    description.block = tok().kind == TokenKind::kBlockString;
    Advance();
    Finish(description.loc);
  }

  // After the `{` (`open`).
  void ParseOperationTypes(const Tok& open, std::vector<OperationTypeDefinition>& out) {
    out.reserve(Hint(open.aux0, 3));
    do {
      OperationTypeDefinition& def = out.emplace_back();
      def.loc = StartLoc();
      def.operation = ParseOperationType();
      ExpectToken(TokenKind::kColon);
      ParseName(def.type);
      Finish(def.loc);
    } while (!ExpectOptionalToken(TokenKind::kBraceR));
  }

  void ParseSchemaDefinition(SchemaDefinition& schema) {
    schema.loc = StartLoc();
    ParseDescription(schema.description);
    ExpectKeyword("schema");
    ParseDirectives(true, schema.directives);
    const Tok& open = tok();
    ExpectToken(TokenKind::kBraceL);
    ParseOperationTypes(open, schema.operation_types);
    Finish(schema.loc);
  }

  void ParseImplementsInterfaces(std::vector<Name>& out) {
    if (!ExpectOptionalKeyword("implements")) return;
    ExpectOptionalToken(TokenKind::kAmp);
    do {
      ParseName(Append(out, 2));
    } while (ExpectOptionalToken(TokenKind::kAmp));
  }

  void ParseFieldsDefinition(std::vector<FieldDefinition>& out) {
    const Tok& open = tok();
    if (!ExpectOptionalToken(TokenKind::kBraceL)) return;
    out.reserve(Hint(open.aux0, 8));
    do {
      FieldDefinition& field = out.emplace_back();
      field.loc = StartLoc();
      ParseDescription(field.description);
      ParseName(field.name);
      ParseArgumentDefs(field.arguments);
      ExpectToken(TokenKind::kColon);
      ParseTypeReference(field.type);
      ParseDirectives(true, field.directives);
      Finish(field.loc);
    } while (!ExpectOptionalToken(TokenKind::kBraceR));
  }

  void ParseArgumentDefs(std::vector<InputValueDefinition>& out) {
    const Tok& open = tok();
    if (!ExpectOptionalToken(TokenKind::kParenL)) return;
    out.reserve(Hint(open.aux0, 2));
    do {
      ParseInputValueDef(out.emplace_back());
    } while (!ExpectOptionalToken(TokenKind::kParenR));
  }

  void ParseInputFieldsDefinition(std::vector<InputValueDefinition>& out) {
    const Tok& open = tok();
    if (!ExpectOptionalToken(TokenKind::kBraceL)) return;
    out.reserve(Hint(open.aux0, 4));
    do {
      ParseInputValueDef(out.emplace_back());
    } while (!ExpectOptionalToken(TokenKind::kBraceR));
  }

  void ParseInputValueDef(InputValueDefinition& def) {
    def.loc = StartLoc();
    ParseDescription(def.description);
    ParseName(def.name);
    ExpectToken(TokenKind::kColon);
    ParseTypeReference(def.type);
    if (ExpectOptionalToken(TokenKind::kEquals)) ParseValueLiteral(true, def.default_value.emplace());
    ParseDirectives(true, def.directives);
    Finish(def.loc);
  }

  void ParseUnionMemberTypes(std::vector<Name>& out) {
    if (!ExpectOptionalToken(TokenKind::kEquals)) return;
    ExpectOptionalToken(TokenKind::kPipe);
    do {
      ParseName(Append(out, 4));
    } while (ExpectOptionalToken(TokenKind::kPipe));
  }

  void ParseEnumValuesDefinition(std::vector<EnumValueDefinition>& out) {
    const Tok& open = tok();
    if (!ExpectOptionalToken(TokenKind::kBraceL)) return;
    out.reserve(Hint(open.aux1, 4));
    do {
      EnumValueDefinition& value = out.emplace_back();
      value.loc = StartLoc();
      ParseDescription(value.description);
      const std::string_view v = HasValue(tok().kind) ? ValueOf(tok()) : std::string_view();
      if (HasValue(tok().kind) && (v == "true" || v == "false" || v == "null")) {
        throw SyntaxErrorException{tok().start,
                                   Describe(tok()) + " is reserved and cannot be used for an enum value."};
      }
      ParseName(value.name);
      ParseDirectives(true, value.directives);
      Finish(value.loc);
    } while (!ExpectOptionalToken(TokenKind::kBraceR));
  }

  // A type definition (`extension` false, optional description) or `extend <keyword> ...`.
  void ParseTypeDefinition(TypeDefinitionKind kind, std::string_view keyword, bool extension,
                           std::vector<Definition>& out) {
    TypeDefinition& def = Emplace<TypeDefinition>(out);
    def.kind = kind;
    def.is_extension = extension;
    def.loc = StartLoc();
    if (extension) {
      ExpectKeyword("extend");
    } else {
      ParseDescription(def.description);
    }
    ExpectKeyword(keyword);
    ParseName(def.name);
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
  }

  void ParseTypeSystemExtension(std::vector<Definition>& out) {
    const Tok& keyword = Lookahead();
    if (keyword.kind == TokenKind::kName) {
      const std::string_view k = Raw(keyword);
      if (k == "schema") return ParseSchemaExtension(Emplace<SchemaDefinition>(out));
      if (k == "scalar") return ParseTypeDefinition(TypeDefinitionKind::kScalar, "scalar", true, out);
      if (k == "type") return ParseTypeDefinition(TypeDefinitionKind::kObject, "type", true, out);
      if (k == "interface") return ParseTypeDefinition(TypeDefinitionKind::kInterface, "interface", true, out);
      if (k == "union") return ParseTypeDefinition(TypeDefinitionKind::kUnion, "union", true, out);
      if (k == "enum") return ParseTypeDefinition(TypeDefinitionKind::kEnum, "enum", true, out);
      if (k == "input") return ParseTypeDefinition(TypeDefinitionKind::kInputObject, "input", true, out);
    }
    Unexpected(keyword);
  }

  void ParseSchemaExtension(SchemaDefinition& schema) {
    schema.is_extension = true;
    schema.loc = StartLoc();
    ExpectKeyword("extend");
    ExpectKeyword("schema");
    ParseDirectives(true, schema.directives);
    const Tok& open = tok();
    if (ExpectOptionalToken(TokenKind::kBraceL)) ParseOperationTypes(open, schema.operation_types);
    if (schema.directives.empty() && schema.operation_types.empty()) Unexpected();
    Finish(schema.loc);
  }

  void ParseDirectiveDefinition(DirectiveDefinition& def) {
    def.loc = StartLoc();
    ParseDescription(def.description);
    ExpectKeyword("directive");
    ExpectToken(TokenKind::kAt);
    ParseName(def.name);
    ParseArgumentDefs(def.arguments);
    def.repeatable = ExpectOptionalKeyword("repeatable");
    ExpectKeyword("on");
    ExpectOptionalToken(TokenKind::kPipe);
    do {
      const uint32_t start = tok().start;
      const std::string description = tok().kind == TokenKind::kName ? Describe(tok()) : std::string();
      Name& location = Append(def.locations, 4);
      ParseName(location);
      if (!IsDirectiveLocation(location.value)) UnexpectedAt(start, description);
    } while (ExpectOptionalToken(TokenKind::kPipe));
    Finish(def.loc);
  }

  enum class GuardKind : uint8_t { kEnd, kLexError, kLimit };

  std::string_view source_;
  TokenStream& stream_;
  const Tok* cur_ = nullptr;
  const Tok* guard_ = nullptr;  // reaching it: HitGuard()
  GuardKind guard_kind_ = GuardKind::kEnd;
  SyntaxErrorException lex_error_{0, {}};
  uint32_t last_end_ = 0;
  const uint32_t max_tokens_;
  const uint32_t max_depth_;
  uint32_t depth_ = 0;
};

// The calling thread's token buffers for the duration of one parse (huge buffers are released afterwards).
class ScopedStream {
 public:
  ScopedStream() : stream_(Get()) {}
  ~ScopedStream() { stream_.Release(); }
  ScopedStream(const ScopedStream&) = delete;
  ScopedStream& operator=(const ScopedStream&) = delete;
  TokenStream& get() { return stream_; }

 private:
  static TokenStream& Get() {
    thread_local TokenStream stream;
    return stream;
  }
  TokenStream& stream_;
};

}  // namespace

// Byte offsets are 32-bit: larger sources are refused up front.
constexpr size_t kMaxSourceSize = 0xFFFFFFF0u;

ParseResult Parse(std::string_view source, const ParseOptions& options) {
  ParseResult result;
  if (source.size() > kMaxSourceSize) {
    result.error = MakeSyntaxError({}, 0, "Document too large.");
    return result;
  }
  try {
    ScopedStream stream;
    Parser parser(source, options, stream.get());
    parser.ParseDocument(result.document);
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
  if (source.size() > kMaxSourceSize) {
    result.error = MakeSyntaxError({}, 0, "Document too large.");
    return result;
  }
  try {
    ScopedStream stream;
    Parser parser(source, options, stream.get());
    parser.ParseValueOnly(result.value);
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
