// printSchema / printIntrospectionSchema, byte for byte like graphql-js 16.
#include "schema/print_schema.h"

#include "language/printer.h"
#include "schema/directives.h"
#include "schema/introspection_types.h"
#include "schema/scalars.h"
#include "schema/values.h"

namespace railgun::schema {
namespace {

// graphql-js isPrintableAsBlockString.
bool IsPrintableAsBlockString(std::string_view value) {
  if (value.empty()) return true;
  bool is_empty_line = true, has_indent = false, has_common_indent = true, seen_non_empty_line = false;
  for (unsigned char c : value) {
    switch (c) {
      case 0x00:
      case 0x01:
      case 0x02:
      case 0x03:
      case 0x04:
      case 0x05:
      case 0x06:
      case 0x07:
      case 0x08:
      case 0x0b:
      case 0x0c:
      case 0x0e:
      case 0x0f: return false;
      case '\r': return false;
      case '\n':
        if (is_empty_line && !seen_non_empty_line) return false;
        seen_non_empty_line = true;
        is_empty_line = true;
        has_indent = false;
        break;
      case '\t':
      case ' ': has_indent = has_indent || is_empty_line; break;
      default: has_common_indent = has_common_indent && has_indent; is_empty_line = false;
    }
  }
  if (is_empty_line) return false;
  if (has_common_indent && seen_non_empty_line) return false;
  return true;
}

std::string ReplaceNewlines(const std::string& s, const std::string& indentation) {
  std::string out;
  for (char c : s) {
    out += c;
    if (c == '\n') out += indentation;
  }
  return out;
}

std::string PrintDescription(const std::optional<std::string>& description, const std::string& indentation = "",
                             bool first_in_block = true) {
  if (!description) return "";
  std::string block = IsPrintableAsBlockString(*description) ? language::PrintBlockString(*description)
                                                             : language::PrintString(*description);
  std::string prefix = (!indentation.empty() && !first_in_block) ? "\n" + indentation : indentation;
  return prefix + ReplaceNewlines(block, indentation) + "\n";
}

std::string PrintDeprecated(const Deprecation& d) {
  if (!d.deprecated || !d.reason) return "";
  if (*d.reason != kDefaultDeprecationReason) return " @deprecated(reason: " + language::PrintString(*d.reason) + ")";
  return " @deprecated";
}

std::string PrintInputValue(const InputValue& arg) {
  std::string decl = arg.name + ": " + arg.type.ToString();
  if (auto def = PrintDefaultValue(arg)) decl += " = " + *def;
  return decl + PrintDeprecated(arg.deprecation);
}

std::string PrintArgs(const std::vector<InputValue>& args, const std::string& indentation = "") {
  if (args.empty()) return "";
  bool any_description = false;
  for (const auto& a : args) any_description = any_description || (a.description && !a.description->empty());
  if (!any_description) {
    std::string out = "(";
    for (size_t i = 0; i < args.size(); ++i) {
      if (i) out += ", ";
      out += PrintInputValue(args[i]);
    }
    return out + ")";
  }
  std::string out = "(\n";
  for (size_t i = 0; i < args.size(); ++i) {
    if (i) out += "\n";
    out += PrintDescription(args[i].description, "  " + indentation, i == 0) + "  " + indentation +
           PrintInputValue(args[i]);
  }
  return out + "\n" + indentation + ")";
}

std::string PrintBlock(const std::vector<std::string>& items) {
  if (items.empty()) return "";
  std::string out = " {\n";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += "\n";
    out += items[i];
  }
  return out + "\n}";
}

std::string PrintImplementedInterfaces(const NamedType& type) {
  if (type.interfaces.empty()) return "";
  std::string out = " implements ";
  for (size_t i = 0; i < type.interfaces.size(); ++i) {
    if (i) out += " & ";
    out += type.interfaces[i]->name;
  }
  return out;
}

std::string PrintFields(const NamedType& type) {
  std::vector<std::string> items;
  for (size_t i = 0; i < type.fields.size(); ++i) {
    const Field& f = type.fields[i];
    items.push_back(PrintDescription(f.description, "  ", i == 0) + "  " + f.name + PrintArgs(f.args, "  ") + ": " +
                    f.type.ToString() + PrintDeprecated(f.deprecation));
  }
  return PrintBlock(items);
}

std::string PrintType(const NamedType& type) {
  std::string out = PrintDescription(type.description);
  switch (type.kind) {
    case TypeKind::kScalar:
      out += "scalar " + type.name;
      if (type.specified_by_url) out += " @specifiedBy(url: " + language::PrintString(*type.specified_by_url) + ")";
      return out;
    case TypeKind::kObject: return out + "type " + type.name + PrintImplementedInterfaces(type) + PrintFields(type);
    case TypeKind::kInterface:
      return out + "interface " + type.name + PrintImplementedInterfaces(type) + PrintFields(type);
    case TypeKind::kUnion: {
      out += "union " + type.name;
      for (size_t i = 0; i < type.union_members.size(); ++i) out += (i ? " | " : " = ") + type.union_members[i]->name;
      return out;
    }
    case TypeKind::kEnum: {
      std::vector<std::string> items;
      for (size_t i = 0; i < type.enum_values.size(); ++i) {
        const EnumValue& v = type.enum_values[i];
        items.push_back(PrintDescription(v.description, "  ", i == 0) + "  " + v.name + PrintDeprecated(v.deprecation));
      }
      return out + "enum " + type.name + PrintBlock(items);
    }
    case TypeKind::kInputObject: {
      std::vector<std::string> items;
      for (size_t i = 0; i < type.input_fields.size(); ++i) {
        const InputValue& f = type.input_fields[i];
        items.push_back(PrintDescription(f.description, "  ", i == 0) + "  " + PrintInputValue(f));
      }
      return out + "input " + type.name + (type.one_of ? " @oneOf" : "") + PrintBlock(items);
    }
  }
  return out;
}

std::string PrintDirective(const DirectiveDef& d) {
  std::string out = PrintDescription(d.description) + "directive @" + d.name + PrintArgs(d.args) +
                    (d.repeatable ? " repeatable" : "") + " on ";
  for (size_t i = 0; i < d.locations.size(); ++i) {
    if (i) out += " | ";
    out += DirectiveLocationName(d.locations[i]);
  }
  return out;
}

bool IsSchemaOfCommonNames(const Schema& schema) {
  if (schema.query_type() && schema.query_type()->name != "Query") return false;
  if (schema.mutation_type() && schema.mutation_type()->name != "Mutation") return false;
  if (schema.subscription_type() && schema.subscription_type()->name != "Subscription") return false;
  return true;
}

std::string PrintSchemaDefinition(const Schema& schema) {
  if (!schema.description() && IsSchemaOfCommonNames(schema)) return "";
  std::string ops;
  if (schema.query_type()) ops += "  query: " + schema.query_type()->name;
  if (schema.mutation_type())
    ops += (ops.empty() ? "" : "\n") + std::string("  mutation: ") + schema.mutation_type()->name;
  if (schema.subscription_type())
    ops += (ops.empty() ? "" : "\n") + std::string("  subscription: ") + schema.subscription_type()->name;
  return PrintDescription(schema.description()) + "schema {\n" + ops + "\n}";
}

template <typename DirectiveFilter, typename TypeFilter>
std::string PrintFiltered(const Schema& schema, DirectiveFilter directive_filter, TypeFilter type_filter) {
  std::vector<std::string> parts;
  std::string def = PrintSchemaDefinition(schema);
  if (!def.empty()) parts.push_back(std::move(def));
  for (const DirectiveDef* d : schema.directives())
    if (directive_filter(d)) parts.push_back(PrintDirective(*d));
  for (const NamedType* t : schema.types())
    if (type_filter(t)) parts.push_back(PrintType(*t));
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += "\n\n";
    out += parts[i];
  }
  return out;
}

}  // namespace

std::optional<std::string> PrintDefaultValue(const InputValue& input) {
  if (!input.default_value) return std::nullopt;
  auto value = ValueFromAst(*input.default_value, input.type, nullptr);
  if (!value) return std::nullopt;
  auto ast = AstFromValue(*value, input.type);
  if (!ast) return std::nullopt;
  return language::PrintValue(*ast);
}

std::string PrintSchema(const Schema& schema) {
  return PrintFiltered(
      schema, [](const DirectiveDef* d) { return !IsSpecifiedDirective(d); },
      [](const NamedType* t) { return !IsSpecifiedScalarType(t) && !IsIntrospectionType(t); });
}

std::string PrintIntrospectionSchema(const Schema& schema) {
  return PrintFiltered(
      schema, [](const DirectiveDef* d) { return IsSpecifiedDirective(d); },
      [](const NamedType* t) { return IsIntrospectionType(t); });
}

}  // namespace railgun::schema
