// §5.3.2 Field Selection Merging — OverlappingFieldsCanBeMergedRule.
//
// Same algorithm as graphql-js 16 (steps A-J of its comments): fields are compared "within" one selection set
// once, and "between" sets / fragments otherwise. Performance safeguards, as in graphql-js: the collected
// fields-and-fragment-names of each selection set are cached (keyed by the selection set node), and each pair
// of fragments is compared at most once per mutual-exclusivity mode (PairSet).
//
// Two guards graphql-js lacks (it overflows its stack instead): a comparison of two sub-selection sets is
// re-entered at most kMaxReentries times while in progress (only fragment cycles cause re-entry), and after
// kMaxFieldComparisons field comparisons validation is aborted with an error.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "language/printer.h"
#include "validation/js_sort.h"
#include "validation/rules.h"
#include "validation/suggestion_list.h"

namespace railgun::validation {
namespace {

using language::Selection;
using language::SelectionSet;

struct FieldEntry {
  const schema::NamedType* parent_type;  // may be null or non-composite, like graphql-js
  const Selection* node;
  const schema::Field* def;  // the parent's own field (no meta-fields), or null
};

// Response name -> fields, in first-seen order (a JS object keyed by response name).
class FieldMap {
 public:
  void Add(std::string_view response_name, FieldEntry entry) {
    auto [it, inserted] = index_.try_emplace(response_name, entries_.size());
    if (inserted) entries_.emplace_back(response_name, std::vector<FieldEntry>{});
    entries_[it->second].second.push_back(entry);
  }
  [[nodiscard]] const std::vector<FieldEntry>* Find(std::string_view response_name) const {
    auto it = index_.find(response_name);
    return it == index_.end() ? nullptr : &entries_[it->second].second;
  }
  [[nodiscard]] const std::vector<std::pair<std::string_view, std::vector<FieldEntry>>>& entries() const {
    return entries_;
  }

 private:
  std::vector<std::pair<std::string_view, std::vector<FieldEntry>>> entries_;
  std::unordered_map<std::string_view, size_t> index_;
};

struct FieldsAndFragmentNames {
  FieldMap field_map;
  std::vector<std::string_view> fragment_names;  // distinct, first-seen order
  std::unordered_set<std::string_view> fragment_name_set;
};

// A reason is either a message or a list of (response name, sub-reason).
struct SubReason;
struct Reason {
  std::string message;
  std::vector<SubReason> subreasons;
};
struct SubReason {
  std::string response_name;
  Reason reason;
};

struct Conflict {
  std::string response_name;
  Reason reason;
  std::vector<const Selection*> fields1;
  std::vector<const Selection*> fields2;
};

std::string ReasonMessage(const Reason& reason) {
  if (reason.subreasons.empty()) return reason.message;
  std::string out;
  for (const SubReason& sub : reason.subreasons) {
    if (!out.empty()) out += " and ";
    out += "subfields \"" + sub.response_name + "\" conflict because " + ReasonMessage(sub.reason);
  }
  return out;
}

bool HasSelectionSet(const Selection& field) {
  return field.selection_set.loc.line != 0 || !field.selection_set.empty();
}

// Pairs of fragment names compared so far, with whether the comparison assumed mutual exclusivity.
class PairSet {
 public:
  [[nodiscard]] bool Has(std::string_view a, std::string_view b, bool mutually_exclusive) const {
    auto it = data_.find(Key(a, b));
    if (it == data_.end()) return false;
    // "Not mutually exclusive" is a superset of "mutually exclusive".
    return mutually_exclusive ? true : it->second == mutually_exclusive;
  }
  void Add(std::string_view a, std::string_view b, bool mutually_exclusive) { data_[Key(a, b)] = mutually_exclusive; }

 private:
  static std::pair<std::string, std::string> Key(std::string_view a, std::string_view b) {
    return a < b ? std::pair<std::string, std::string>(a, b) : std::pair<std::string, std::string>(b, a);
  }
  std::map<std::pair<std::string, std::string>, bool> data_;
};

// graphql-js sortValueNode: object fields ordered by natural name order, recursively.
language::Value SortValue(const language::Value& value) {
  language::Value copy = value;
  if (copy.kind == language::ValueKind::kList) {
    for (auto& item : copy.list) item = SortValue(item);
  } else if (copy.kind == language::ValueKind::kObject) {
    for (auto& field : copy.fields) field.value = SortValue(field.value);
    JsSort(copy.fields, [](const language::ObjectField& a, const language::ObjectField& b) {
      return NaturalCompare(a.name.value, b.name.value);
    });
  }
  return copy;
}

constexpr size_t kMaxFieldComparisons = 20'000'000;
constexpr int kMaxReentries = 4;

bool DoTypesConflict(const Type& t1, const Type& t2) {
  if (t1.is_list()) return t2.is_list() ? DoTypesConflict(t1.of_type(), t2.of_type()) : true;
  if (t2.is_list()) return true;
  if (t1.is_non_null()) return t2.is_non_null() ? DoTypesConflict(t1.of_type(), t2.of_type()) : true;
  if (t2.is_non_null()) return true;
  if (t1.named->is_leaf() || t2.named->is_leaf()) return t1.named != t2.named;
  return false;
}

class OverlappingFieldsCanBeMergedRule : public Visitor {
 public:
  explicit OverlappingFieldsCanBeMergedRule(ValidationContext& context) : context_(context) {}

  bool EnterSelectionSet(const SelectionSet& selection_set) override {
    std::vector<Conflict> conflicts;
    FindConflictsWithinSelectionSet(conflicts, context_.type_info().parent_type(), selection_set);
    for (const Conflict& conflict : conflicts) {
      std::vector<language::Location> locations;
      for (const Selection* field : conflict.fields1) locations.push_back(field->loc);
      for (const Selection* field : conflict.fields2) locations.push_back(field->loc);
      context_.ReportError("Fields \"" + conflict.response_name + "\" conflict because " +
                               ReasonMessage(conflict.reason) +
                               ". Use different aliases on the fields to fetch both if this was intentional.",
                           std::move(locations));
    }
    return true;
  }

 private:
  void FindConflictsWithinSelectionSet(std::vector<Conflict>& conflicts, const schema::NamedType* parent_type,
                                       const SelectionSet& selection_set) {
    const FieldsAndFragmentNames& collected = GetFieldsAndFragmentNames(parent_type, selection_set);
    // (A) Conflicts "within" the fields of this selection set.
    CollectConflictsWithin(conflicts, collected.field_map);
    const auto& names = collected.fragment_names;
    for (size_t i = 0; i < names.size(); ++i) {
      // (B) Conflicts between these fields and each fragment spread here.
      CollectConflictsBetweenFieldsAndFragment(conflicts, false, collected.field_map, names[i]);
      // (C) Conflicts between each pair of fragments spread here.
      for (size_t j = i + 1; j < names.size(); ++j)
        CollectConflictsBetweenFragments(conflicts, false, names[i], names[j]);
    }
  }

  void CollectConflictsBetweenFieldsAndFragment(std::vector<Conflict>& conflicts, bool mutually_exclusive,
                                                const FieldMap& field_map, std::string_view fragment_name) {
    const language::FragmentDefinition* fragment = context_.GetFragment(fragment_name);
    if (fragment == nullptr) return;
    const FieldsAndFragmentNames& referenced = GetReferencedFieldsAndFragmentNames(*fragment);
    if (&field_map == &referenced.field_map) return;  // do not compare a fragment's fields to themselves
    // (D) The given fields against the fragment's fields.
    CollectConflictsBetween(conflicts, mutually_exclusive, field_map, referenced.field_map);
    // (E) The given fields against fragments the fragment spreads.
    for (std::string_view referenced_name : referenced.fragment_names) {
      if (compared_fragment_pairs_.Has(referenced_name, fragment_name, mutually_exclusive)) continue;
      compared_fragment_pairs_.Add(referenced_name, fragment_name, mutually_exclusive);
      CollectConflictsBetweenFieldsAndFragment(conflicts, mutually_exclusive, field_map, referenced_name);
    }
  }

  void CollectConflictsBetweenFragments(std::vector<Conflict>& conflicts, bool mutually_exclusive,
                                        std::string_view name1, std::string_view name2) {
    if (name1 == name2) return;
    // Memoize so two fragments are not compared for conflicts more than once.
    if (compared_fragment_pairs_.Has(name1, name2, mutually_exclusive)) return;
    compared_fragment_pairs_.Add(name1, name2, mutually_exclusive);
    const language::FragmentDefinition* fragment1 = context_.GetFragment(name1);
    const language::FragmentDefinition* fragment2 = context_.GetFragment(name2);
    if (fragment1 == nullptr || fragment2 == nullptr) return;
    const FieldsAndFragmentNames& referenced1 = GetReferencedFieldsAndFragmentNames(*fragment1);
    const FieldsAndFragmentNames& referenced2 = GetReferencedFieldsAndFragmentNames(*fragment2);
    // (F) The two fragments' fields.
    CollectConflictsBetween(conflicts, mutually_exclusive, referenced1.field_map, referenced2.field_map);
    // (G) Each fragment against the fragments the other spreads.
    for (std::string_view nested2 : referenced2.fragment_names)
      CollectConflictsBetweenFragments(conflicts, mutually_exclusive, name1, nested2);
    for (std::string_view nested1 : referenced1.fragment_names)
      CollectConflictsBetweenFragments(conflicts, mutually_exclusive, nested1, name2);
  }

  std::vector<Conflict> FindConflictsBetweenSubSelectionSets(bool mutually_exclusive,
                                                             const schema::NamedType* parent_type1,
                                                             const SelectionSet& selection_set1,
                                                             const schema::NamedType* parent_type2,
                                                             const SelectionSet& selection_set2) {
    std::vector<Conflict> conflicts;
    const FieldsAndFragmentNames& collected1 = GetFieldsAndFragmentNames(parent_type1, selection_set1);
    const FieldsAndFragmentNames& collected2 = GetFieldsAndFragmentNames(parent_type2, selection_set2);
    // Only fragment cycles make a comparison re-enter itself; graphql-js then usually recurses until its stack
    // overflows, though its fragment-pair memo sometimes ends the loop after a few rounds. Allowing a few
    // nested re-entries keeps those results identical while bounding the recursion. Any such cycle passes
    // through a pair where a fragment is spread, so only those pairs are counted.
    const bool tracked = !collected1.fragment_names.empty() || !collected2.fragment_names.empty();
    const auto key = std::make_tuple(&selection_set1, &selection_set2, mutually_exclusive);
    if (tracked && ++in_progress_[key] > kMaxReentries) {
      if (--in_progress_[key] == 0) in_progress_.erase(key);
      return conflicts;
    }
    // (H) The two sets of fields.
    CollectConflictsBetween(conflicts, mutually_exclusive, collected1.field_map, collected2.field_map);
    // (I) Each set of fields against the other side's fragments.
    for (std::string_view name2 : collected2.fragment_names)
      CollectConflictsBetweenFieldsAndFragment(conflicts, mutually_exclusive, collected1.field_map, name2);
    for (std::string_view name1 : collected1.fragment_names)
      CollectConflictsBetweenFieldsAndFragment(conflicts, mutually_exclusive, collected2.field_map, name1);
    // (J) Every fragment of one side against every fragment of the other.
    for (std::string_view name1 : collected1.fragment_names)
      for (std::string_view name2 : collected2.fragment_names)
        CollectConflictsBetweenFragments(conflicts, mutually_exclusive, name1, name2);
    if (tracked && --in_progress_[key] == 0) in_progress_.erase(key);
    return conflicts;
  }

  void CollectConflictsWithin(std::vector<Conflict>& conflicts, const FieldMap& field_map) {
    for (const auto& [response_name, fields] : field_map.entries()) {
      for (size_t i = 0; i < fields.size(); ++i)
        for (size_t j = i + 1; j < fields.size(); ++j)
          if (auto conflict = FindConflict(false, response_name, fields[i], fields[j]))
            conflicts.push_back(std::move(*conflict));
    }
  }

  void CollectConflictsBetween(std::vector<Conflict>& conflicts, bool parents_mutually_exclusive,
                               const FieldMap& field_map1, const FieldMap& field_map2) {
    for (const auto& [response_name, fields1] : field_map1.entries()) {
      const std::vector<FieldEntry>* fields2 = field_map2.Find(response_name);
      if (fields2 == nullptr) continue;
      for (const FieldEntry& field1 : fields1)
        for (const FieldEntry& field2 : *fields2)
          if (auto conflict = FindConflict(parents_mutually_exclusive, response_name, field1, field2))
            conflicts.push_back(std::move(*conflict));
    }
  }

  std::optional<Conflict> FindConflict(bool parents_mutually_exclusive, std::string_view response_name,
                                       const FieldEntry& field1, const FieldEntry& field2) {
    if (context_.aborted()) return std::nullopt;
    if (++comparisons_ > kMaxFieldComparisons) {
      context_.Abort("Too many field comparisons, validation aborted.");
      return std::nullopt;
    }
    // Fields on two different object types can never both apply, so only their shapes must agree.
    const bool mutually_exclusive =
        parents_mutually_exclusive ||
        (field1.parent_type != field2.parent_type && field1.parent_type != nullptr && field2.parent_type != nullptr &&
         field1.parent_type->kind == schema::TypeKind::kObject &&
         field2.parent_type->kind == schema::TypeKind::kObject);
    const Selection& node1 = *field1.node;
    const Selection& node2 = *field2.node;
    auto simple = [&](std::string message) {
      return Conflict{std::string(response_name), Reason{std::move(message), {}}, {&node1}, {&node2}};
    };
    if (!mutually_exclusive) {
      if (node1.name.value != node2.name.value)
        return simple("\"" + node1.name.value + "\" and \"" + node2.name.value + "\" are different fields");
      if (!SameArguments(node1, node2)) return simple("they have differing arguments");
    }
    const Type* type1 = field1.def != nullptr ? &field1.def->type : nullptr;
    const Type* type2 = field2.def != nullptr ? &field2.def->type : nullptr;
    if (type1 != nullptr && type2 != nullptr && type1->named != nullptr && type2->named != nullptr &&
        DoTypesConflict(*type1, *type2))
      return simple("they return conflicting types \"" + type1->ToString() + "\" and \"" + type2->ToString() + "\"");
    if (HasSelectionSet(node1) && HasSelectionSet(node2)) {
      std::vector<Conflict> sub = FindConflictsBetweenSubSelectionSets(
          mutually_exclusive, type1 != nullptr ? type1->named : nullptr, node1.selection_set,
          type2 != nullptr ? type2->named : nullptr, node2.selection_set);
      if (sub.empty()) return std::nullopt;
      Conflict conflict{std::string(response_name), Reason{}, {&node1}, {&node2}};
      for (Conflict& c : sub) {
        conflict.reason.subreasons.push_back(SubReason{std::move(c.response_name), std::move(c.reason)});
        conflict.fields1.insert(conflict.fields1.end(), c.fields1.begin(), c.fields1.end());
        conflict.fields2.insert(conflict.fields2.end(), c.fields2.begin(), c.fields2.end());
      }
      return conflict;
    }
    return std::nullopt;
  }

  bool SameArguments(const Selection& node1, const Selection& node2) {
    const auto& args1 = node1.arguments;
    const auto& args2 = node2.arguments;
    if (args1.empty()) return args2.empty();
    if (args2.empty() || args1.size() != args2.size()) return false;
    std::unordered_map<std::string_view, const language::Value*> values2;
    for (const language::Argument& arg : args2) values2[arg.name.value] = &arg.value;
    for (const language::Argument& arg1 : args1) {
      auto it = values2.find(arg1.name.value);
      if (it == values2.end()) return false;
      if (StringifyValue(arg1.value) != StringifyValue(*it->second)) return false;
    }
    return true;
  }

  // print(sortValueNode(value)), memoized per value node.
  const std::string& StringifyValue(const language::Value& value) {
    auto it = stringified_.find(&value);
    if (it != stringified_.end()) return it->second;
    return stringified_.emplace(&value, language::PrintValue(SortValue(value))).first->second;
  }

  const FieldsAndFragmentNames& GetFieldsAndFragmentNames(const schema::NamedType* parent_type,
                                                          const SelectionSet& selection_set) {
    auto it = cache_.find(&selection_set);
    if (it != cache_.end()) return *it->second;
    auto collected = std::make_unique<FieldsAndFragmentNames>();
    CollectFieldsAndFragmentNames(parent_type, selection_set, *collected);
    return *cache_.emplace(&selection_set, std::move(collected)).first->second;
  }

  const FieldsAndFragmentNames& GetReferencedFieldsAndFragmentNames(const language::FragmentDefinition& fragment) {
    auto it = cache_.find(&fragment.selection_set);
    if (it != cache_.end()) return *it->second;
    return GetFieldsAndFragmentNames(context_.schema().type(fragment.type_condition.value), fragment.selection_set);
  }

  void CollectFieldsAndFragmentNames(const schema::NamedType* parent_type, const SelectionSet& selection_set,
                                     FieldsAndFragmentNames& out) {
    for (const Selection& selection : selection_set.selections) {
      switch (selection.kind) {
        case language::SelectionKind::kField: {
          const schema::Field* def = nullptr;
          if (parent_type != nullptr &&
              (parent_type->kind == schema::TypeKind::kObject || parent_type->kind == schema::TypeKind::kInterface))
            def = parent_type->field(selection.name.value);
          out.field_map.Add(selection.response_key(), FieldEntry{parent_type, &selection, def});
          break;
        }
        case language::SelectionKind::kFragmentSpread: {
          const std::string& name = selection.name.value;
          if (out.fragment_name_set.insert(name).second) out.fragment_names.push_back(name);
          break;
        }
        case language::SelectionKind::kInlineFragment: {
          const schema::NamedType* type =
              selection.type_condition ? context_.schema().type(selection.type_condition->value) : parent_type;
          CollectFieldsAndFragmentNames(type, selection.selection_set, out);
          break;
        }
      }
    }
  }

  ValidationContext& context_;
  PairSet compared_fragment_pairs_;
  std::unordered_map<const SelectionSet*, std::unique_ptr<FieldsAndFragmentNames>> cache_;
  std::unordered_map<const language::Value*, std::string> stringified_;
  std::map<std::tuple<const SelectionSet*, const SelectionSet*, bool>, int> in_progress_;
  size_t comparisons_ = 0;
};

}  // namespace

std::unique_ptr<Visitor> MakeOverlappingFieldsCanBeMergedRule(ValidationContext& context) {
  return std::make_unique<OverlappingFieldsCanBeMergedRule>(context);
}

}  // namespace railgun::validation
