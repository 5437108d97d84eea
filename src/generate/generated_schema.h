// The GraphQL schema generated from a models::Project, plus the bindings that tell the SQL compiler (compile/)
// and the mutation pipeline what every generated field, argument and filter means in model terms.
// The API shape follows /work/shared/reference/api-shape.md (../shared/reference/api-shape.md in the repo layout).
//
// Contract: the generator (generate/) fills a GeneratedSchema; compile/ and the mutation pipeline only read it.
// Every pointer refers into the Project (which must outlive the GeneratedSchema) or into the Schema it owns.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "models/model.h"
#include "schema/schema.h"

namespace railgun::generate {

// What a generated output field is.
enum class FieldRole : uint8_t {
  // --- on a model's object type (`ProductType`) ---
  kColumn,             // a non-relation model field (incl. `id`); `field` set
  kPk,                 // the `pk` alias of the primary key; `field` = the pk field
  kForeignKeyId,       // `categoryId`-style raw FK value, if generated; `field` = the FK field
  kChoiceDisplay,      // `<field>Display`: the label of a choice value; `field` set
  kComputed,           // GraphQLMeta computed field; `computed` set
  kForwardRelation,    // forward ForeignKey / OneToOneField -> object (nullable per `field->null`); `field` set
  kReverseOneToOne,    // reverse of a OneToOneField -> object or null; `reverse` set
  kToManyConnection,   // reverse FK or M2M as a Relay connection with filters/orderBy/pagination args
  kToManyList,         // reverse FK or M2M as a plain list `[XType!]!` with the same args (connection: false)
  kRelationCount,      // `<relation>Count(filters:)`: count of a to-many relation
  // For to-many roles, exactly one of `field` (forward M2M declared on `model`) or `reverse` (reverse FK / reverse
  // M2M declared on the target) is set; `target` is the related model.

  // --- on the root Query type ---
  kRootSingle,       // `product(id:, <unique fields>...)` -> ProductType (nullable)
  kRootConnection,   // `products(filters:, orderBy:, first:, after:, last:, before:, offset:)` -> ProductConnection!
  kRootList,         // plain list variant, when generated (`allProducts`-style or connection: false)

  // --- on connection / edge / pageInfo types ---
  kConnectionEdges,       // XConnection.edges
  kConnectionPageInfo,    // XConnection.pageInfo
  kConnectionTotalCount,  // XConnection.totalCount(filters:)
  kEdgeNode,              // XEdge.node
  kEdgeCursor,            // XEdge.cursor
  kPageInfoHasNextPage,
  kPageInfoHasPreviousPage,
  kPageInfoStartCursor,
  kPageInfoEndCursor,

  // --- on the root Mutation type ---
  kCreate, kUpdate, kDelete, kBulkCreate, kBulkUpdate, kBulkDelete,
  // --- on mutation payload types ---
  kPayloadOk, kPayloadSuccess, kPayloadObject, kPayloadObjects, kPayloadErrors,
};

struct FieldBinding {
  FieldRole role = FieldRole::kColumn;
  const models::Model* model = nullptr;    // the model owning the parent type (root fields: the model served)
  const models::Field* field = nullptr;    // see FieldRole
  const models::ReverseRelation* reverse = nullptr;
  const models::ComputedField* computed = nullptr;
  const models::Model* target = nullptr;   // related / returned model for relations, root and mutation fields
};

// One step of a relation path in a filter or an orderBy: follow a forward FK/O2O, a forward M2M, or a reverse
// relation. To-many steps make a filter an EXISTS subquery.
struct PathStep {
  const models::Model* from = nullptr;
  const models::Field* forward = nullptr;             // forward FK / O2O / M2M declared on `from`
  const models::ReverseRelation* reverse = nullptr;   // reverse relation whose target is `from`
  const models::Model* to = nullptr;
  [[nodiscard]] bool to_many() const {
    return (forward && forward->is_many_to_many()) || (reverse && reverse->many);
  }
};

// A resolved `a__b__c` path ending at a column (or at a related model's pk when the path ends on a relation).
struct FieldPath {
  std::vector<PathStep> steps;                    // relation hops, possibly empty
  const models::Model* model = nullptr;           // model owning `field`
  const models::Field* field = nullptr;           // terminal column field
  const models::ComputedField* computed = nullptr;  // terminal computed field instead of a column
};

// One field of a `<Model>FilterInput`: `name_Icontains` -> {path: name, lookup: "icontains"}.
struct FilterBinding {
  enum class Kind : uint8_t { kLookup, kAnd, kOr, kNot, kSearch };
  Kind kind = Kind::kLookup;
  FieldPath path;                 // kLookup
  std::string lookup = "exact";   // Django lookup: exact iexact contains icontains in gt gte lt lte range isnull
                                  // startswith istartswith endswith iendswith regex iregex year month day
                                  // week_day hour minute second date
  std::vector<const models::Field*> search_fields;  // kSearch: OR of icontains over these (model's own columns)
};

struct FilterInputBinding {
  const models::Model* model = nullptr;
  std::unordered_map<std::string, FilterBinding> fields;  // keyed by the input field's wire name
};

// What a field of a generated mutation input means (`CreateProductInput.categoryId`), for the mutation pipeline.
// (Additive to the original contract.)
struct InputFieldBinding {
  enum class Kind : uint8_t {
    kId,            // `id`: the primary key of the row to update / connect
    kColumn,        // a non-relation field (incl. a non-auto primary key on create); `field` set
    kForeignKeyId,  // `categoryId`: raw id of a forward FK / O2O; `field` set
    kToOne,         // `category: CategoryRelationInput`: nested create / connect / update; `field` set
    kToManySet,     // `tags: [TagRelationInput!]` (forward M2M: `field`) or reverse-FK children (`reverse`)
    kToManyAdd,     // `tagsAdd: [TagRelationInput!]` (forward M2M)
    kToManyRemove,  // `tagsRemove: [ID!]` (forward M2M)
    kReplace,       // `<relation>Replace: Boolean`: delete reverse-FK children not listed
  };
  Kind kind = Kind::kColumn;
  const models::Field* field = nullptr;
  const models::ReverseRelation* reverse = nullptr;
  const models::Model* target = nullptr;  // related model for relation kinds
};

struct InputTypeBinding {
  enum class Kind : uint8_t { kCreate, kUpdate, kBulkUpdate, kRelation };
  Kind kind = Kind::kCreate;
  const models::Model* model = nullptr;
  std::unordered_map<std::string, InputFieldBinding> fields;  // keyed by the input field's wire name
};

class GeneratedSchema {
 public:
  [[nodiscard]] const schema::Schema& schema() const { return *schema_; }
  [[nodiscard]] std::shared_ptr<const schema::Schema> shared_schema() const { return schema_; }
  [[nodiscard]] const models::Project& project() const { return *project_; }

  // The binding of `parent_type.field_name` (wire name), or nullptr for fields without model meaning
  // (introspection, __typename).
  [[nodiscard]] const FieldBinding* binding(const schema::NamedType* parent_type, std::string_view field_name) const;
  // The model behind an object type (`ProductType` -> Product), or nullptr.
  [[nodiscard]] const models::Model* model_of(const schema::NamedType* object_type) const;
  // The object type generated for a model.
  [[nodiscard]] const schema::NamedType* type_of(const models::Model* model) const;
  // The bindings of a filter input type (`ProductFilterInput`), or nullptr.
  [[nodiscard]] const FilterInputBinding* filter_input(const schema::NamedType* input_type) const;

  // Resolves an orderBy / filter path written in snake_case or camelCase, with `__` between relation hops
  // ("category__name", "createdAt", "-" already stripped). Identifiers come only from the models: an unknown
  // name is an error naming the closest valid path (kBadUserInput), never SQL.
  [[nodiscard]] StatusOr<FieldPath> ResolvePath(const models::Model& model, std::string_view path) const;

  // The model's default ordering: GraphQLMeta ordering, else Meta ordering, else ["pk"].
  [[nodiscard]] const std::vector<std::string>& default_ordering(const models::Model& model) const;

  // The bindings of a mutation input type (`CreateProductInput`, `ProductRelationInput`...), or nullptr. (Additive.)
  [[nodiscard]] const InputTypeBinding* input_type(const schema::NamedType* input_type) const;
  // The model choice behind a value of a generated choice enum (choices_as_enums), or nullptr. (Additive.)
  [[nodiscard]] const models::Choice* enum_choice(const schema::NamedType* enum_type,
                                                  std::string_view value_name) const;

  // --- filled by the generator ---
  struct Builder;
  friend struct Builder;

 private:
  struct PairHash {
    size_t operator()(const std::pair<const schema::NamedType*, std::string>& p) const {
      return std::hash<const void*>()(p.first) ^ (std::hash<std::string>()(p.second) * 31);
    }
  };
  std::shared_ptr<const schema::Schema> schema_;
  const models::Project* project_ = nullptr;
  std::unordered_map<std::pair<const schema::NamedType*, std::string>, FieldBinding, PairHash> bindings_;
  std::unordered_map<const schema::NamedType*, const models::Model*> type_models_;
  std::unordered_map<const models::Model*, const schema::NamedType*> model_types_;
  std::unordered_map<const schema::NamedType*, FilterInputBinding> filter_inputs_;
  std::unordered_map<const models::Model*, std::vector<std::string>> default_orderings_;
  std::unordered_map<const schema::NamedType*, InputTypeBinding> input_types_;
  std::unordered_map<const schema::NamedType*, std::unordered_map<std::string, const models::Choice*>> enum_choices_;
};

}  // namespace railgun::generate
