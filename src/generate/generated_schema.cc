// GeneratedSchema's read side: binding lookups and orderBy / filter path resolution.
#include "generate/generated_schema.h"

#include <string>
#include <vector>

#include "generate/names.h"
#include "models/loader.h"

namespace railgun::generate {
namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t end = path.find("__", start);
    parts.push_back(path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 2;
  }
  return parts;
}

bool NameMatches(std::string_view name, std::string_view segment) {
  return name == segment || ToCamelCase(name) == segment;
}

}  // namespace

const FieldBinding* GeneratedSchema::binding(const schema::NamedType* parent_type, std::string_view field_name) const {
  auto it = bindings_.find({parent_type, std::string(field_name)});
  return it == bindings_.end() ? nullptr : &it->second;
}

const models::Model* GeneratedSchema::model_of(const schema::NamedType* object_type) const {
  auto it = type_models_.find(object_type);
  return it == type_models_.end() ? nullptr : it->second;
}

const schema::NamedType* GeneratedSchema::type_of(const models::Model* model) const {
  auto it = model_types_.find(model);
  return it == model_types_.end() ? nullptr : it->second;
}

const FilterInputBinding* GeneratedSchema::filter_input(const schema::NamedType* input_type) const {
  auto it = filter_inputs_.find(input_type);
  return it == filter_inputs_.end() ? nullptr : &it->second;
}

const InputTypeBinding* GeneratedSchema::input_type(const schema::NamedType* input_type) const {
  auto it = input_types_.find(input_type);
  return it == input_types_.end() ? nullptr : &it->second;
}

const models::Choice* GeneratedSchema::enum_choice(const schema::NamedType* enum_type,
                                                   std::string_view value_name) const {
  auto it = enum_choices_.find(enum_type);
  if (it == enum_choices_.end()) return nullptr;
  auto v = it->second.find(std::string(value_name));
  return v == it->second.end() ? nullptr : v->second;
}

const std::vector<std::string>& GeneratedSchema::default_ordering(const models::Model& model) const {
  static const std::vector<std::string> kPk = {"pk"};
  auto it = default_orderings_.find(&model);
  return it == default_orderings_.end() ? kPk : it->second;
}

StatusOr<FieldPath> GeneratedSchema::ResolvePath(const models::Model& model, std::string_view path) const {
  FieldPath out;
  const models::Model* current = &model;
  std::vector<std::string_view> segments = SplitPath(path);
  for (size_t i = 0; i < segments.size(); ++i) {
    std::string_view segment = segments[i];
    const bool last = i + 1 == segments.size();
    auto fail = [&](std::string problem, const std::vector<std::string>& candidates) -> Status {
      std::string message = "Cannot resolve \"" + std::string(path) + "\" on " + model.name + ": " + problem;
      std::vector<std::string_view> views(candidates.begin(), candidates.end());
      std::string best = models::ClosestMatch(segment, views);
      if (!best.empty()) message += " Did you mean \"" + best + "\"?";
      return BadUserInput(std::move(message));
    };
    if (segment.empty()) return fail("empty path segment.", {});

    // Candidate names at this model (for suggestions).
    std::vector<std::string> candidates = {"pk"};
    const models::Field* pk = current->pk();
    const models::Field* found = nullptr;
    if (segment == "pk" || (segment == "id" && current->FindField("id") == nullptr)) found = pk;
    for (const models::Field* fp : current->FieldsWithInherited()) {
      const models::Field& f = *fp;
      bool visible = &f == pk || current->graphql.IsExposed(f.name);
      if (f.is_relation() && f.target && !type_of(f.target)) visible = false;
      if (!visible) continue;
      candidates.push_back(f.name);
      if (!found && (NameMatches(f.name, segment) || (f.is_to_one() && f.column == segment))) found = &f;
    }
    if (found) {
      if (!found->is_relation()) {
        if (!last) return fail("\"" + found->name + "\" is not a relation.", {});
        out.model = current;
        out.field = found;
        return out;
      }
      out.steps.push_back(PathStep{current, found, nullptr, found->target});
      current = found->target;
      if (last) {
        out.model = current;
        out.field = current->pk();
        return out;
      }
      continue;
    }
    const models::ComputedField* computed = nullptr;
    for (const models::ComputedField& c : current->graphql.computed_fields) {
      candidates.push_back(c.name);
      if (!computed && NameMatches(c.name, segment)) computed = &c;
    }
    if (computed) {
      if (!last) return fail("\"" + computed->name + "\" is not a relation.", {});
      out.model = current;
      out.computed = computed;
      return out;
    }
    const models::ReverseRelation* reverse = nullptr;
    for (const models::ReverseRelation* r : current->ReverseRelationsWithInherited()) {
      if (!type_of(r->source) || !current->graphql.IsExposed(r->accessor_name)) continue;
      candidates.push_back(r->query_name);
      if (!reverse && (NameMatches(r->query_name, segment) || NameMatches(r->accessor_name, segment))) reverse = r;
    }
    if (reverse) {
      out.steps.push_back(PathStep{current, nullptr, reverse, reverse->source});
      current = reverse->source;
      if (last) {
        out.model = current;
        out.field = current->pk();
        return out;
      }
      continue;
    }
    return fail("unknown field \"" + std::string(segment) + "\" on " + current->name + ".", candidates);
  }
  return BadUserInput("Cannot resolve an empty path on " + model.name + ".");
}

}  // namespace railgun::generate
