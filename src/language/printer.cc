// AST printer reproducing graphql-js v16 `print` (printer.js, printString.js, blockString.js) byte for byte.
#include "language/printer.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "language/lexer.h"

namespace railgun::language {

namespace {

constexpr size_t kMaxLineLength = 80;

// graphql-js join(): items separated by `separator`, skipping empty ones.
std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  bool first = true;
  for (const auto& item : items) {
    if (item.empty()) continue;
    if (!first) out += separator;
    out += item;
    first = false;
  }
  return out;
}

std::string Join2(std::initializer_list<std::string_view> items, std::string_view separator) {
  std::string out;
  bool first = true;
  for (std::string_view item : items) {
    if (item.empty()) continue;
    if (!first) out += separator;
    out += item;
    first = false;
  }
  return out;
}

// graphql-js wrap(): start + s + end, or "" when s is empty.
std::string Wrap(std::string_view start, std::string_view s, std::string_view end = "") {
  if (s.empty()) return {};
  std::string out;
  out.reserve(start.size() + s.size() + end.size());
  out += start;
  out += s;
  out += end;
  return out;
}

// graphql-js indent(): "  " before the text and after every newline.
// Copies whole lines (every nesting level re-indents its children, so this runs over deep documents' text
// once per level: it must not go character by character).
std::string Indent(std::string_view s) {
  if (s.empty()) return {};
  const size_t lines = 1 + static_cast<size_t>(std::count(s.begin(), s.end(), '\n'));
  std::string out;
  out.reserve(s.size() + 2 * lines);
  out += "  ";
  size_t pos = 0;
  for (size_t nl = s.find('\n'); nl != std::string_view::npos; nl = s.find('\n', pos)) {
    out.append(s.data() + pos, nl + 1 - pos);
    out += "  ";
    pos = nl + 1;
  }
  out.append(s.data() + pos, s.size() - pos);
  return out;
}

std::string Block(const std::vector<std::string>& items) { return Wrap("{\n", Indent(Join(items, "\n")), "\n}"); }

bool HasMultilineItems(const std::vector<std::string>& items) {
  for (const auto& s : items)
    if (s.find('\n') != std::string::npos) return true;
  return false;
}

template <typename T, typename F>
std::vector<std::string> Map(const std::vector<T>& items, F&& fn) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(fn(item));
  return out;
}

std::string PrintDescription(const std::optional<StringValue>& description) {
  if (!description) return {};
  std::string out = description->block ? PrintBlockString(description->value) : PrintString(description->value);
  out += '\n';
  return out;
}

std::string PrintArgument(const Argument& arg) { return arg.name.value + ": " + PrintValue(arg.value); }

std::string PrintDirective(const Directive& d) {
  return "@" + d.name.value + Wrap("(", Join(Map(d.arguments, PrintArgument), ", "), ")");
}

std::string PrintDirectives(const std::vector<Directive>& directives) {
  return Join(Map(directives, PrintDirective), " ");
}

// Selection sets are the only constructs that nest: instead of re-indenting every printed subtree at each level
// (graphql-js block() + indent(), quadratic in the depth), each selection is written once, straight into the
// output, with the indentation of its depth after every newline; the text is the same.

// Appends `text` with 2 * depth spaces after each of its newlines (graphql-js indent() applied `depth` times).
void AppendIndented(std::string& out, std::string_view text, size_t depth) {
  size_t pos = 0;
  for (size_t nl = text.find('\n'); nl != std::string_view::npos; nl = text.find('\n', pos)) {
    out.append(text.data() + pos, nl + 1 - pos);
    out.append(2 * depth, ' ');
    pos = nl + 1;
  }
  out.append(text.data() + pos, text.size() - pos);
}

void AppendSelection(std::string& out, const Selection& sel, size_t depth);

// graphql-js block(selections) for a selection set nested `depth` blocks deep; nothing when empty.
void AppendSelectionSet(std::string& out, const SelectionSet& set, size_t depth) {
  if (set.selections.empty()) return;
  out += '{';
  for (const Selection& sel : set.selections) {
    out += '\n';
    out.append(2 * (depth + 1), ' ');
    AppendSelection(out, sel, depth + 1);
  }
  out += '\n';
  out.append(2 * depth, ' ');
  out += '}';
}

void AppendSelection(std::string& out, const Selection& sel, size_t depth) {
  switch (sel.kind) {
    case SelectionKind::kField: {
      std::string prefix = sel.alias ? sel.alias->value + ": " + sel.name.value : sel.name.value;
      std::vector<std::string> args = Map(sel.arguments, PrintArgument);
      std::string args_line = prefix + Wrap("(", Join(args, ", "), ")");
      if (Utf16Length(args_line) > kMaxLineLength) args_line = prefix + Wrap("(\n", Indent(Join(args, "\n")), "\n)");
      AppendIndented(out, Join2({args_line, PrintDirectives(sel.directives)}, " "), depth);
      break;
    }
    case SelectionKind::kFragmentSpread:
      AppendIndented(out, "..." + sel.name.value + Wrap(" ", PrintDirectives(sel.directives)), depth);
      return;
    case SelectionKind::kInlineFragment:
      AppendIndented(out,
                     Join2({"...", sel.type_condition ? "on " + sel.type_condition->value : std::string(),
                            PrintDirectives(sel.directives)},
                           " "),
                     depth);
      break;
  }
  if (!sel.selection_set.empty()) {
    out += ' ';
    AppendSelectionSet(out, sel.selection_set, depth);
  }
}

std::string PrintSelectionSet(const SelectionSet& set) {
  std::string out;
  AppendSelectionSet(out, set, 0);
  return out;
}

std::string PrintVariableDefinition(const VariableDefinition& v) {
  std::string out = "$" + v.variable.value + ": " + PrintType(v.type);
  if (v.default_value) out += " = " + PrintValue(*v.default_value);
  out += Wrap(" ", PrintDirectives(v.directives));
  return out;
}

std::string PrintOperation(const OperationDefinition& op) {
  const std::string var_defs = Wrap("(", Join(Map(op.variables, PrintVariableDefinition), ", "), ")");
  const std::string name_and_vars = Join2({op.name ? std::string_view(op.name->value) : "", var_defs}, "");
  const std::string prefix =
      Join2({OperationTypeName(op.operation), name_and_vars, PrintDirectives(op.directives)}, " ");
  return (prefix == "query" ? std::string() : prefix + " ") + PrintSelectionSet(op.selection_set);
}

std::string PrintFragment(const FragmentDefinition& f) {
  return "fragment " + f.name.value + " on " + f.type_condition.value + " " +
         Wrap("", PrintDirectives(f.directives), " ") + PrintSelectionSet(f.selection_set);
}

std::string PrintInputValueDefinition(const InputValueDefinition& v) {
  return PrintDescription(v.description) +
         Join2({v.name.value + ": " + PrintType(v.type),
                v.default_value ? "= " + PrintValue(*v.default_value) : std::string(), PrintDirectives(v.directives)},
               " ");
}

std::string PrintArgumentDefs(const std::vector<InputValueDefinition>& arguments) {
  std::vector<std::string> args = Map(arguments, PrintInputValueDefinition);
  if (HasMultilineItems(args)) return Wrap("(\n", Indent(Join(args, "\n")), "\n)");
  return Wrap("(", Join(args, ", "), ")");
}

std::string PrintFieldDefinition(const FieldDefinition& f) {
  return PrintDescription(f.description) + f.name.value + PrintArgumentDefs(f.arguments) + ": " + PrintType(f.type) +
         Wrap(" ", PrintDirectives(f.directives));
}

std::string PrintOperationTypeDefinition(const OperationTypeDefinition& o) {
  return std::string(OperationTypeName(o.operation)) + ": " + o.type.value;
}

std::string JoinNames(const std::vector<Name>& names, std::string_view separator) {
  return Join(Map(names, [](const Name& n) { return n.value; }), separator);
}

std::string PrintSchema(const SchemaDefinition& s) {
  const std::string ops = Block(Map(s.operation_types, PrintOperationTypeDefinition));
  if (s.is_extension) return Join2({"extend schema", PrintDirectives(s.directives), ops}, " ");
  return PrintDescription(s.description) + Join2({"schema", PrintDirectives(s.directives), ops}, " ");
}

std::string PrintTypeDefinition(const TypeDefinition& t) {
  std::string_view keyword;
  switch (t.kind) {
    case TypeDefinitionKind::kScalar: keyword = t.is_extension ? "extend scalar" : "scalar"; break;
    case TypeDefinitionKind::kObject: keyword = t.is_extension ? "extend type" : "type"; break;
    case TypeDefinitionKind::kInterface: keyword = t.is_extension ? "extend interface" : "interface"; break;
    case TypeDefinitionKind::kUnion: keyword = t.is_extension ? "extend union" : "union"; break;
    case TypeDefinitionKind::kEnum: keyword = t.is_extension ? "extend enum" : "enum"; break;
    case TypeDefinitionKind::kInputObject: keyword = t.is_extension ? "extend input" : "input"; break;
  }
  const std::string description = t.is_extension ? std::string() : PrintDescription(t.description);
  const std::string directives = PrintDirectives(t.directives);
  switch (t.kind) {
    case TypeDefinitionKind::kScalar: return description + Join2({keyword, t.name.value, directives}, " ");
    case TypeDefinitionKind::kObject:
    case TypeDefinitionKind::kInterface:
      return description + Join2({keyword, t.name.value, Wrap("implements ", JoinNames(t.interfaces, " & ")),
                                  directives, Block(Map(t.fields, PrintFieldDefinition))},
                                 " ");
    case TypeDefinitionKind::kUnion:
      return description +
             Join2({keyword, t.name.value, directives, Wrap("= ", JoinNames(t.union_members, " | "))}, " ");
    case TypeDefinitionKind::kEnum:
      return description + Join2({keyword, t.name.value, directives,
                                  Block(Map(t.enum_values,
                                            [](const EnumValueDefinition& v) {
                                              return PrintDescription(v.description) +
                                                     Join2({v.name.value, PrintDirectives(v.directives)}, " ");
                                            }))},
                                 " ");
    case TypeDefinitionKind::kInputObject:
      return description +
             Join2({keyword, t.name.value, directives, Block(Map(t.input_fields, PrintInputValueDefinition))}, " ");
  }
  return {};
}

std::string PrintDirectiveDefinition(const DirectiveDefinition& d) {
  return PrintDescription(d.description) + "directive @" + d.name.value + PrintArgumentDefs(d.arguments) +
         (d.repeatable ? " repeatable" : "") + " on " + JoinNames(d.locations, " | ");
}

struct DefinitionPrinter {
  std::string operator()(const OperationDefinition& d) const { return PrintOperation(d); }
  std::string operator()(const FragmentDefinition& d) const { return PrintFragment(d); }
  std::string operator()(const SchemaDefinition& d) const { return PrintSchema(d); }
  std::string operator()(const TypeDefinition& d) const { return PrintTypeDefinition(d); }
  std::string operator()(const DirectiveDefinition& d) const { return PrintDirectiveDefinition(d); }
};

void AppendHex4(std::string& out, unsigned code) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += "\\u00";
  out += kHex[(code >> 4) & 0xF];
  out += kHex[code & 0xF];
}

}  // namespace

std::string Print(const Document& document) {
  std::vector<std::string> parts;
  parts.reserve(document.definitions.size());
  for (const auto& def : document.definitions) parts.push_back(std::visit(DefinitionPrinter{}, def));
  return Join(parts, "\n\n");
}

std::string PrintValue(const Value& value) {
  switch (value.kind) {
    case ValueKind::kVariable: return "$" + value.text;
    case ValueKind::kInt:
    case ValueKind::kFloat:
    case ValueKind::kEnum: return value.text;
    case ValueKind::kString: return value.block ? PrintBlockString(value.text) : PrintString(value.text);
    case ValueKind::kBoolean: return value.boolean ? "true" : "false";
    case ValueKind::kNull: return "null";
    case ValueKind::kList: return "[" + Join(Map(value.list, PrintValue), ", ") + "]";
    case ValueKind::kObject:
      return "{" +
             Join(Map(value.fields, [](const ObjectField& f) { return f.name.value + ": " + PrintValue(f.value); }),
                  ", ") +
             "}";
  }
  return {};
}

std::string PrintType(const TypeRef& type) {
  switch (type.kind) {
    case TypeRef::Kind::kNamed: return type.name.value;
    case TypeRef::Kind::kList: return "[" + (type.of ? PrintType(*type.of) : std::string()) + "]";
    case TypeRef::Kind::kNonNull: return (type.of ? PrintType(*type.of) : std::string()) + "!";
  }
  return {};
}

std::string PrintString(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '\b': out += "\\b"; continue;
      case '\t': out += "\\t"; continue;
      case '\n': out += "\\n"; continue;
      case '\f': out += "\\f"; continue;
      case '\r': out += "\\r"; continue;
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      default: break;
    }
    if (c < 0x20 || c == 0x7F) {
      AppendHex4(out, c);
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      AppendHex4(out, static_cast<unsigned char>(s[i + 1]));  // U+0080..U+009F (C1 controls)
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

std::string PrintBlockString(std::string_view value) {
  // Escape triple quotes.
  std::string escaped;
  escaped.reserve(value.size() + 8);
  for (size_t i = 0; i < value.size(); ++i) {
    if (value.compare(i, 3, "\"\"\"") == 0) {
      escaped += "\\\"\"\"";
      i += 2;
    } else {
      escaped += value[i];
    }
  }
  // Split into lines on \r\n, \n or \r.
  std::vector<std::string_view> lines;
  {
    const std::string_view e(escaped);
    size_t start = 0;
    for (size_t i = 0; i < e.size(); ++i) {
      if (e[i] == '\n' || e[i] == '\r') {
        lines.push_back(e.substr(start, i - start));
        if (e[i] == '\r' && i + 1 < e.size() && e[i + 1] == '\n') ++i;
        start = i + 1;
      }
    }
    lines.push_back(e.substr(start));
  }
  const bool is_single_line = lines.size() == 1;
  bool force_leading_new_line = lines.size() > 1;
  for (size_t i = 1; i < lines.size() && force_leading_new_line; ++i) {
    if (!lines[i].empty() && lines[i][0] != ' ' && lines[i][0] != '\t') force_leading_new_line = false;
  }
  const bool has_trailing_triple_quotes = escaped.ends_with("\\\"\"\"");
  const bool has_trailing_quote = value.ends_with('"') && !has_trailing_triple_quotes;
  const bool has_trailing_slash = value.ends_with('\\');
  const bool force_trailing_newline = has_trailing_quote || has_trailing_slash;
  const bool print_as_multiple_lines = !is_single_line || Utf16Length(value) > 70 || force_trailing_newline ||
                                       force_leading_new_line || has_trailing_triple_quotes;
  const bool skip_leading_new_line = is_single_line && !value.empty() && (value[0] == ' ' || value[0] == '\t');
  std::string result = "\"\"\"";
  if ((print_as_multiple_lines && !skip_leading_new_line) || force_leading_new_line) result += '\n';
  result += escaped;
  if (print_as_multiple_lines || force_trailing_newline) result += '\n';
  result += "\"\"\"";
  return result;
}

}  // namespace railgun::language
