// graphql-js specifiedSDLRules for documents built without an existing schema, plus suggestionList/didYouMean.
#include "schema/sdl_validation.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "language/printer.h"
#include "schema/directives.h"
#include "schema/introspection_types.h"
#include "schema/scalars.h"
#include "schema/schema.h"

namespace railgun::schema {
namespace {

using language::Location;
using language::TypeDefinition;
using language::TypeDefinitionKind;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// graphql-js LexicalDistance.measure (Damerau-Levenshtein with an early exit).
std::optional<int> LexicalDistance(std::string_view input, std::string_view option, int threshold) {
  if (input == option) return 0;
  std::string a = Lower(option), b = Lower(input);
  if (a == b) return 1;
  if (a.size() < b.size()) std::swap(a, b);
  int a_len = static_cast<int>(a.size()), b_len = static_cast<int>(b.size());
  if (a_len - b_len > threshold) return std::nullopt;
  std::vector<std::vector<int>> rows(3, std::vector<int>(b_len + 1, 0));
  for (int j = 0; j <= b_len; ++j) rows[0][j] = j;
  for (int i = 1; i <= a_len; ++i) {
    auto& up = rows[(i - 1) % 3];
    auto& cur = rows[i % 3];
    int smallest = cur[0] = i;
    for (int j = 1; j <= b_len; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int cell = std::min({up[j] + 1, cur[j - 1] + 1, up[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cell = std::min(cell, rows[(i - 2) % 3][j - 2] + 1);
      smallest = std::min(smallest, cell);
      cur[j] = cell;
    }
    if (smallest > threshold) return std::nullopt;
  }
  int distance = rows[a_len % 3][b_len];
  if (distance <= threshold) return distance;
  return std::nullopt;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// graphql-js naturalCompare.
int NaturalCompare(std::string_view a, std::string_view b) {
  size_t ai = 0, bi = 0;
  while (ai < a.size() && bi < b.size()) {
    if (IsDigit(a[ai]) && IsDigit(b[bi])) {
      double an = 0, bn = 0;
      do {
        an = an * 10 + (a[ai] - '0');
        ++ai;
      } while (ai < a.size() && IsDigit(a[ai]) && an > 0);
      do {
        bn = bn * 10 + (b[bi] - '0');
        ++bi;
      } while (bi < b.size() && IsDigit(b[bi]) && bn > 0);
      if (an < bn) return -1;
      if (an > bn) return 1;
    } else {
      if (a[ai] < b[bi]) return -1;
      if (a[ai] > b[bi]) return 1;
      ++ai;
      ++bi;
    }
  }
  return static_cast<int>(a.size()) - static_cast<int>(b.size());
}

}  // namespace

std::vector<std::string> SuggestionList(std::string_view input, const std::vector<std::string>& options) {
  int threshold = static_cast<int>(input.size() * 0.4) + 1;
  std::vector<std::pair<std::string, int>> found;
  std::set<std::string> seen;
  for (const auto& option : options) {
    if (!seen.insert(option).second) continue;
    if (auto d = LexicalDistance(input, option, threshold)) found.emplace_back(option, *d);
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& x, const auto& y) {
    if (x.second != y.second) return x.second < y.second;
    return NaturalCompare(x.first, y.first) < 0;
  });
  std::vector<std::string> out;
  for (auto& f : found) out.push_back(std::move(f.first));
  return out;
}

std::string DidYouMean(const std::vector<std::string>& suggestions) {
  if (suggestions.empty()) return "";
  std::string message = " Did you mean ";
  auto quoted = [](const std::string& s) { return "\"" + s + "\""; };
  if (suggestions.size() == 1) return message + quoted(suggestions[0]) + "?";
  if (suggestions.size() == 2) return message + quoted(suggestions[0]) + " or " + quoted(suggestions[1]) + "?";
  size_t n = std::min<size_t>(5, suggestions.size());
  for (size_t i = 0; i + 1 < n; ++i) message += quoted(suggestions[i]) + ", ";
  return message + "or " + quoted(suggestions[n - 1]) + "?";
}

namespace {

struct DirectiveInfo {
  std::vector<std::string> locations;
  bool unique = true;
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> required;  // name, printed type
};

const char* ExtensionKindName(TypeDefinitionKind k) {
  switch (k) {
    case TypeDefinitionKind::kScalar: return "scalar";
    case TypeDefinitionKind::kObject: return "object";
    case TypeDefinitionKind::kInterface: return "interface";
    case TypeDefinitionKind::kUnion: return "union";
    case TypeDefinitionKind::kEnum: return "enum";
    case TypeDefinitionKind::kInputObject: return "input object";
  }
  return "object";
}

const char* LocationOfType(TypeDefinitionKind k) {
  switch (k) {
    case TypeDefinitionKind::kScalar: return "SCALAR";
    case TypeDefinitionKind::kObject: return "OBJECT";
    case TypeDefinitionKind::kInterface: return "INTERFACE";
    case TypeDefinitionKind::kUnion: return "UNION";
    case TypeDefinitionKind::kEnum: return "ENUM";
    case TypeDefinitionKind::kInputObject: return "INPUT_OBJECT";
  }
  return "OBJECT";
}

class SdlValidator {
 public:
  explicit SdlValidator(const language::Document& doc) : doc_(doc) {
    for (const DirectiveDef* d : SpecifiedDirectives()) {
      DirectiveInfo info;
      for (DirectiveLocation l : d->locations) info.locations.emplace_back(DirectiveLocationName(l));
      info.unique = !d->repeatable;
      for (const InputValue& a : d->args) {
        info.args.push_back(a.name);
        if (a.type.is_non_null() && !a.default_value) info.required.emplace_back(a.name, a.type.ToString());
      }
      directives_[d->name] = std::move(info);
    }
    for (const NamedType* t : SpecifiedScalarTypes()) standard_names_.push_back(t->name);
    for (const NamedType* t : IntrospectionTypes()) standard_names_.push_back(t->name);
    for (const auto& def : doc.definitions) {
      if (const auto* t = std::get_if<TypeDefinition>(&def); t && !t->is_extension) {
        if (!defined_types_.count(t->name.value)) defined_type_order_.push_back(t->name.value);
        defined_types_[t->name.value] = t;
      } else if (const auto* d = std::get_if<language::DirectiveDefinition>(&def)) {
        DirectiveInfo info;
        for (const auto& l : d->locations) info.locations.push_back(l.value);
        info.unique = !d->repeatable;
        for (const auto& a : d->arguments) {
          info.args.push_back(a.name.value);
          if (a.type.kind == language::TypeRef::Kind::kNonNull && !a.default_value)
            info.required.emplace_back(a.name.value, language::PrintType(a.type));
        }
        directives_[d->name.value] = std::move(info);
      }
    }
  }

  std::vector<language::GraphQLError> Run() {
    for (const auto& def : doc_.definitions) {
      if (const auto* s = std::get_if<language::SchemaDefinition>(&def)) {
        VisitSchema(*s);
      } else if (const auto* t = std::get_if<TypeDefinition>(&def)) {
        VisitType(*t);
      } else if (const auto* d = std::get_if<language::DirectiveDefinition>(&def)) {
        VisitDirectiveDefinition(*d);
      } else if (const auto* op = std::get_if<language::OperationDefinition>(&def)) {
        VisitOperation(*op);
      } else if (const auto* f = std::get_if<language::FragmentDefinition>(&def)) {
        VisitFragment(*f);
      }
    }
    return std::move(errors_);
  }

 private:
  void Report(std::string message, std::initializer_list<Location> locs) {
    language::GraphQLError e;
    e.message = std::move(message);
    for (const Location& l : locs)
      if (l.line != 0) e.locations.push_back({l.line, l.column});
    errors_.push_back(std::move(e));
  }

  void VisitSchema(const language::SchemaDefinition& s) {
    if (!s.is_extension) {  // LoneSchemaDefinition
      if (schema_definitions_ > 0) Report("Must provide only one schema definition.", {s.loc});
      ++schema_definitions_;
    }
    for (const auto& op : s.operation_types) {  // UniqueOperationTypes
      auto it = operation_types_.find(op.operation);
      if (it != operation_types_.end()) {
        Report(std::string("There can be only one ") + language::OperationTypeName(op.operation) + " type in schema.",
               {it->second, op.loc});
      } else {
        operation_types_[op.operation] = op.loc;
      }
    }
    CheckUniqueDirectives(s.directives, schema_directives_);
    VisitDirectives(s.directives, "SCHEMA");
    for (const auto& op : s.operation_types) CheckKnownType(op.type.value, op.type.loc);
  }

  void VisitType(const TypeDefinition& t) {
    const std::string& name = t.name.value;
    if (!t.is_extension) {  // UniqueTypeNames
      auto it = type_names_.find(name);
      if (it != type_names_.end())
        Report("There can be only one type named \"" + name + "\".", {it->second, t.name.loc});
      else
        type_names_[name] = t.name.loc;
    }
    if (t.kind == TypeDefinitionKind::kEnum) {  // UniqueEnumValueNames
      auto& known = enum_values_[name];
      for (const auto& v : t.enum_values) {
        auto it = known.find(v.name.value);
        if (it != known.end())
          Report("Enum value \"" + name + "." + v.name.value + "\" can only be defined once.",
                 {it->second, v.name.loc});
        else
          known[v.name.value] = v.name.loc;
      }
    }
    if (t.kind == TypeDefinitionKind::kObject || t.kind == TypeDefinitionKind::kInterface ||
        t.kind == TypeDefinitionKind::kInputObject) {  // UniqueFieldDefinitionNames
      auto& known = field_names_[name];
      auto check = [&](const language::Name& field) {
        auto it = known.find(field.value);
        if (it != known.end())
          Report("Field \"" + name + "." + field.value + "\" can only be defined once.", {it->second, field.loc});
        else
          known[field.value] = field.loc;
      };
      for (const auto& f : t.fields) check(f.name);
      for (const auto& f : t.input_fields) check(f.name);
    }
    if (t.kind == TypeDefinitionKind::kObject || t.kind == TypeDefinitionKind::kInterface) {
      for (const auto& f : t.fields) CheckUniqueArgDefinitions(name + "." + f.name.value, f.arguments);
    }
    CheckUniqueDirectives(t.directives, type_directives_[name]);
    if (t.is_extension) CheckPossibleExtension(t);

    // Children, in graphql-js's visiting order.
    const char* location = LocationOfType(t.kind);
    switch (t.kind) {
      case TypeDefinitionKind::kObject:
      case TypeDefinitionKind::kInterface:
        for (const auto& i : t.interfaces) CheckKnownType(i.value, i.loc);
        VisitDirectives(t.directives, location);
        for (const auto& f : t.fields) {
          CheckUniqueDirectivesLocal(f.directives);
          for (const auto& a : f.arguments) VisitInputValue(a, "ARGUMENT_DEFINITION");
          VisitTypeRef(f.type);
          VisitDirectives(f.directives, "FIELD_DEFINITION");
        }
        break;
      case TypeDefinitionKind::kUnion:
        VisitDirectives(t.directives, location);
        for (const auto& m : t.union_members) CheckKnownType(m.value, m.loc);
        break;
      case TypeDefinitionKind::kEnum:
        VisitDirectives(t.directives, location);
        for (const auto& v : t.enum_values) {
          CheckUniqueDirectivesLocal(v.directives);
          VisitDirectives(v.directives, "ENUM_VALUE");
        }
        break;
      case TypeDefinitionKind::kInputObject:
        VisitDirectives(t.directives, location);
        for (const auto& f : t.input_fields) VisitInputValue(f, "INPUT_FIELD_DEFINITION");
        break;
      case TypeDefinitionKind::kScalar: VisitDirectives(t.directives, location); break;
    }
  }

  void VisitDirectiveDefinition(const language::DirectiveDefinition& d) {
    CheckUniqueArgDefinitions("@" + d.name.value, d.arguments);
    auto it = directive_names_.find(d.name.value);  // UniqueDirectiveNames
    if (it != directive_names_.end())
      Report("There can be only one directive named \"@" + d.name.value + "\".", {it->second, d.name.loc});
    else
      directive_names_[d.name.value] = d.name.loc;
    for (const auto& a : d.arguments) VisitInputValue(a, "ARGUMENT_DEFINITION");
  }

  void VisitInputValue(const language::InputValueDefinition& v, const char* location) {
    CheckUniqueDirectivesLocal(v.directives);
    VisitTypeRef(v.type);
    if (v.default_value) VisitValue(*v.default_value);
    VisitDirectives(v.directives, location);
  }

  void VisitTypeRef(const language::TypeRef& t, bool sdl = true) {
    const language::TypeRef* n = &t;
    while (n->kind != language::TypeRef::Kind::kNamed && n->of) n = n->of.get();
    CheckKnownType(n->name.value, n->loc.line ? n->loc : n->name.loc, sdl);
  }

  void VisitValue(const language::Value& v) {
    if (v.kind == language::ValueKind::kList) {
      for (const auto& item : v.list) VisitValue(item);
    } else if (v.kind == language::ValueKind::kObject) {  // UniqueInputFieldNames
      std::map<std::string, Location> known;
      for (const auto& f : v.fields) {
        auto it = known.find(f.name.value);
        if (it != known.end())
          Report("There can be only one input field named \"" + f.name.value + "\".", {it->second, f.name.loc});
        else
          known[f.name.value] = f.name.loc;
        VisitValue(f.value);
      }
    }
  }

  void VisitDirectives(const std::vector<language::Directive>& directives, const std::string& location) {
    for (const auto& d : directives) {
      const std::string& name = d.name.value;
      auto info = directives_.find(name);
      // KnownDirectives
      if (info == directives_.end()) {
        Report("Unknown directive \"@" + name + "\".", {d.loc});
      } else if (std::find(info->second.locations.begin(), info->second.locations.end(), location) ==
                 info->second.locations.end()) {
        Report("Directive \"@" + name + "\" may not be used on " + location + ".", {d.loc});
      }
      // KnownArgumentNamesOnDirectives
      if (info != directives_.end()) {
        for (const auto& a : d.arguments) {
          const auto& known = info->second.args;
          if (std::find(known.begin(), known.end(), a.name.value) == known.end())
            Report("Unknown argument \"" + a.name.value + "\" on directive \"@" + name + "\"." +
                       DidYouMean(SuggestionList(a.name.value, known)),
                   {a.loc.line ? a.loc : a.name.loc});
        }
      }
      CheckUniqueArguments(d.arguments);
      for (const auto& a : d.arguments) VisitValue(a.value);
      // ProvidedRequiredArgumentsOnDirectives (on leave)
      if (info != directives_.end()) {
        for (const auto& [arg_name, arg_type] : info->second.required) {
          bool given = false;
          for (const auto& a : d.arguments) given = given || a.name.value == arg_name;
          if (!given)
            Report("Directive \"@" + name + "\" argument \"" + arg_name + "\" of type \"" + arg_type +
                       "\" is required, but it was not provided.",
                   {d.loc});
        }
      }
    }
  }

  void CheckUniqueDirectives(const std::vector<language::Directive>& directives,
                             std::map<std::string, Location>& seen) {
    for (const auto& d : directives) {
      auto info = directives_.find(d.name.value);
      if (info == directives_.end() || !info->second.unique) continue;
      auto it = seen.find(d.name.value);
      if (it != seen.end())
        Report("The directive \"@" + d.name.value + "\" can only be used once at this location.", {it->second, d.loc});
      else
        seen[d.name.value] = d.loc;
    }
  }
  void CheckUniqueDirectivesLocal(const std::vector<language::Directive>& directives) {
    std::map<std::string, Location> seen;
    CheckUniqueDirectives(directives, seen);
  }

  void CheckUniqueArgDefinitions(const std::string& parent, const std::vector<language::InputValueDefinition>& args) {
    std::vector<std::string> order;
    std::map<std::string, std::vector<Location>> groups;
    for (const auto& a : args) {
      if (!groups.count(a.name.value)) order.push_back(a.name.value);
      groups[a.name.value].push_back(a.name.loc);
    }
    for (const auto& n : order) {
      const auto& locs = groups[n];
      if (locs.size() < 2) continue;
      language::GraphQLError e;
      e.message = "Argument \"" + parent + "(" + n + ":)\" can only be defined once.";
      for (const auto& l : locs)
        if (l.line) e.locations.push_back({l.line, l.column});
      errors_.push_back(std::move(e));
    }
  }

  // UniqueArgumentNames
  void CheckUniqueArguments(const std::vector<language::Argument>& arguments) {
    std::vector<std::string> order;
    std::map<std::string, std::vector<Location>> groups;
    for (const auto& a : arguments) {
      if (!groups.count(a.name.value)) order.push_back(a.name.value);
      groups[a.name.value].push_back(a.name.loc);
    }
    for (const auto& arg_name : order) {
      const auto& locs = groups[arg_name];
      if (locs.size() < 2) continue;
      language::GraphQLError e;
      e.message = "There can be only one argument named \"" + arg_name + "\".";
      for (const auto& l : locs)
        if (l.line) e.locations.push_back({l.line, l.column});
      errors_.push_back(std::move(e));
    }
  }

  // Executable definitions mixed into an SDL document: graphql-js's SDL rules visit them too (and, without a
  // schema, treat even built-in scalar names as unknown there).
  void VisitOperation(const language::OperationDefinition& op) {
    CheckUniqueDirectivesLocal(op.directives);
    for (const auto& v : op.variables) {
      CheckUniqueDirectivesLocal(v.directives);
      VisitTypeRef(v.type, /*sdl=*/false);
      if (v.default_value) VisitValue(*v.default_value);
      VisitDirectives(v.directives, "VARIABLE_DEFINITION");
    }
    const char* location = op.operation == language::OperationType::kQuery      ? "QUERY"
                           : op.operation == language::OperationType::kMutation ? "MUTATION"
                                                                                : "SUBSCRIPTION";
    VisitDirectives(op.directives, location);
    VisitSelections(op.selection_set);
  }

  void VisitFragment(const language::FragmentDefinition& f) {
    CheckUniqueDirectivesLocal(f.directives);
    CheckKnownType(f.type_condition.value, f.type_condition.loc, /*sdl=*/false);
    VisitDirectives(f.directives, "FRAGMENT_DEFINITION");
    VisitSelections(f.selection_set);
  }

  void VisitSelections(const language::SelectionSet& set) {
    for (const auto& sel : set.selections) {
      CheckUniqueDirectivesLocal(sel.directives);
      switch (sel.kind) {
        case language::SelectionKind::kField:
          CheckUniqueArguments(sel.arguments);
          for (const auto& a : sel.arguments) VisitValue(a.value);
          VisitDirectives(sel.directives, "FIELD");
          break;
        case language::SelectionKind::kFragmentSpread: VisitDirectives(sel.directives, "FRAGMENT_SPREAD"); break;
        case language::SelectionKind::kInlineFragment:
          if (sel.type_condition) CheckKnownType(sel.type_condition->value, sel.type_condition->loc, false);
          VisitDirectives(sel.directives, "INLINE_FRAGMENT");
          break;
      }
      VisitSelections(sel.selection_set);
    }
  }

  void CheckKnownType(const std::string& name, const Location& loc, bool sdl = true) {
    if (defined_types_.count(name)) return;
    if (sdl && std::find(standard_names_.begin(), standard_names_.end(), name) != standard_names_.end()) return;
    std::vector<std::string> options = sdl ? standard_names_ : std::vector<std::string>{};
    options.insert(options.end(), defined_type_order_.begin(), defined_type_order_.end());
    Report("Unknown type \"" + name + "\"." + DidYouMean(SuggestionList(name, options)), {loc});
  }

  void CheckPossibleExtension(const TypeDefinition& t) {
    auto def = defined_types_.find(t.name.value);
    if (def != defined_types_.end()) {
      if (def->second->kind != t.kind)
        Report(std::string("Cannot extend non-") + ExtensionKindName(t.kind) + " type \"" + t.name.value + "\".",
               {def->second->loc, t.loc});
      return;
    }
    Report("Cannot extend type \"" + t.name.value + "\" because it is not defined." +
               DidYouMean(SuggestionList(t.name.value, defined_type_order_)),
           {t.name.loc});
  }

  const language::Document& doc_;
  std::vector<language::GraphQLError> errors_;
  std::unordered_map<std::string, DirectiveInfo> directives_;
  std::vector<std::string> standard_names_;
  std::unordered_map<std::string, const TypeDefinition*> defined_types_;
  std::vector<std::string> defined_type_order_;
  int schema_definitions_ = 0;
  std::map<language::OperationType, Location> operation_types_;
  std::map<std::string, Location> type_names_, directive_names_, schema_directives_;
  std::map<std::string, std::map<std::string, Location>> enum_values_, field_names_, type_directives_;
};

}  // namespace

std::vector<language::GraphQLError> ValidateSdl(const language::Document& document) {
  return SdlValidator(document).Run();
}

}  // namespace railgun::schema
