// The specified directives of graphql-js 16.9 (@include @skip @deprecated @specifiedBy @oneOf).
#include "schema/directives.h"

#include <memory>

#include "schema/scalars.h"

namespace railgun::schema {
namespace {

InputValue Arg(std::string name, TypeRef type, std::optional<std::string> description,
               std::optional<language::Value> default_value = std::nullopt) {
  InputValue a;
  a.name = std::move(name);
  a.type = std::move(type);
  a.description = std::move(description);
  a.default_value = std::move(default_value);
  return a;
}

TypeRef NonNullOf(const NamedType* t) { return TypeRef{t, {Modifier::kNonNull}}; }

struct Specified {
  DirectiveDef include, skip, deprecated, specified_by, one_of;
  std::vector<const DirectiveDef*> all;
  Specified() {
    using L = DirectiveLocation;
    include.name = "include";
    include.description = "Directs the executor to include this field or fragment only when the `if` argument is true.";
    include.args.push_back(Arg("if", NonNullOf(BooleanScalar()), "Included when true."));
    include.locations = {L::kField, L::kFragmentSpread, L::kInlineFragment};

    skip.name = "skip";
    skip.description = "Directs the executor to skip this field or fragment when the `if` argument is true.";
    skip.args.push_back(Arg("if", NonNullOf(BooleanScalar()), "Skipped when true."));
    skip.locations = {L::kField, L::kFragmentSpread, L::kInlineFragment};

    deprecated.name = "deprecated";
    deprecated.description = "Marks an element of a GraphQL schema as no longer supported.";
    language::Value reason;
    reason.kind = language::ValueKind::kString;
    reason.text = std::string(kDefaultDeprecationReason);
    deprecated.args.push_back(Arg("reason", TypeRef{StringScalar(), {}},
                                  "Explains why this element was deprecated, usually also including a suggestion for "
                                  "how to access supported similar data. Formatted using the Markdown syntax, as "
                                  "specified by [CommonMark](https://commonmark.org/).",
                                  reason));
    deprecated.locations = {L::kFieldDefinition, L::kArgumentDefinition, L::kInputFieldDefinition, L::kEnumValue};

    specified_by.name = "specifiedBy";
    specified_by.description = "Exposes a URL that specifies the behavior of this scalar.";
    specified_by.args.push_back(
        Arg("url", NonNullOf(StringScalar()), "The URL that specifies the behavior of this scalar."));
    specified_by.locations = {L::kScalar};

    one_of.name = "oneOf";
    one_of.description = "Indicates exactly one field must be supplied and this field must not be `null`.";
    one_of.locations = {L::kInputObject};

    all = {&include, &skip, &deprecated, &specified_by, &one_of};
  }
};

const Specified& Get() {
  static const Specified* s = new Specified();
  return *s;
}

}  // namespace

const std::vector<const DirectiveDef*>& SpecifiedDirectives() { return Get().all; }
const DirectiveDef* IncludeDirective() { return &Get().include; }
const DirectiveDef* SkipDirective() { return &Get().skip; }
const DirectiveDef* DeprecatedDirective() { return &Get().deprecated; }
const DirectiveDef* SpecifiedByDirective() { return &Get().specified_by; }
const DirectiveDef* OneOfDirective() { return &Get().one_of; }

bool IsSpecifiedDirective(const DirectiveDef* directive) {
  if (!directive) return false;
  for (const DirectiveDef* d : SpecifiedDirectives())
    if (d->name == directive->name) return true;
  return false;
}

}  // namespace railgun::schema
