// Writer: executes one mutation's writes (rows, nested relations, join rows, deletions with on_delete semantics)
// on a connection inside the caller's transaction, collecting every domain failure as a FieldError.
//
// Order of work for a create: nested to-one relations first (their keys become FK values), then the row itself
// (INSERT ... RETURNING pk), then reverse-FK children and many-to-many rows. After the first failure the writer
// stops writing but keeps validating the rest of the input, so one response lists every invalid field; the caller
// rolls the transaction back whenever errors() is non-empty. A database failure (constraint race, lost
// connection) stops everything: after it no statement is sent.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.h"
#include "generate/generated_schema.h"
#include "mutate/field_values.h"
#include "mutate/uploads.h"
#include "railgun/status.h"

namespace railgun::mutate {

struct MutationOptions {
  int max_bulk_size = 1000;
  int max_nested_depth = 10;
  // Whether `relation` (field or reverse accessor name) of `model` accepts nested writes (MUTATION_SETTINGS
  // enable_nested_relations / nested_relations_config / nested_field_config). Empty = always.
  std::function<bool(const models::Model& model, std::string_view relation)> nested_allowed;
  // mutation_settings.required_update_fields: model name -> fields an update must give.
  std::vector<std::pair<std::string, std::vector<std::string>>> required_update_fields;
  // Bulk create sends consecutive flat rows (columns and FK ids only) as multi-row INSERTs with one unique check
  // per chunk. Off: one INSERT (and one unique check) per row, as a single create does.
  bool batch_inserts = true;
  // mutation_settings.bulk_batch_size: most rows per multi-row INSERT (also capped by the bound-parameter limit).
  int bulk_batch_size = 100;
  // file_storage / security_settings for FileField / ImageField content (see uploads.h).
  UploadOptions uploads;
};

class Writer {
 public:
  Writer(const generate::GeneratedSchema& generated, db::Connection& connection, const MutationOptions& options)
      : gs_(generated), conn_(connection), options_(options), uploads_(options.uploads) {}

  // A column value imposed by the parent write (a child's FK to the parent being created).
  struct Fixed {
    const models::Field* field = nullptr;
    db::Param value;
  };

  // Creates a row of `model` from `input` (an object of the generated input type `input_type`). Returns its key,
  // or nullopt after recording errors under `path`.
  std::optional<db::Param> Create(const models::Model& model, const schema::NamedType& input_type,
                                  const json::Value& input, const std::string& path, const std::vector<Fixed>& fixed,
                                  int depth = 0);
  // Creates one row per element of `items` (bulk create; error paths start with the element's index). Runs of
  // consecutive flat rows (no nested creates or to-many input) of a single-table model are checked for unique
  // values in one statement and inserted with multi-row INSERTs; other rows go through Create(). The keys come
  // back in input order (nullopt for rows that failed). When a multi-row INSERT itself fails (a constraint only
  // the database checks), nothing is recorded against a row: batch_failed() is set and the caller rolls back and
  // runs the mutation again with batch_inserts off, which reports the exact row.
  std::vector<std::optional<db::Param>> CreateMany(const models::Model& model, const schema::NamedType& input_type,
                                                   const json::Array& items);
  // Updates the row `key` with the fields present in `input` (partial update).
  std::optional<db::Param> Update(const models::Model& model, const schema::NamedType& input_type,
                                  const json::Value& input, const db::Param& key, const std::string& path,
                                  const std::vector<Fixed>& fixed, int depth = 0);
  // Deletes the rows `keys` applying every relation's on_delete (CASCADE, PROTECT, RESTRICT, SET_NULL,
  // SET_DEFAULT, DO_NOTHING) and removing join rows.
  bool Delete(const models::Model& model, const std::vector<db::Param>& keys, const std::string& path);
  // True when a row with this key exists (a statement).
  std::optional<bool> Exists(const models::Model& model, const db::Param& key);

  void AddError(std::string field, std::string message, std::string code);
  [[nodiscard]] const std::vector<FieldError>& errors() const { return errors_; }
  [[nodiscard]] bool failed() const { return !errors_.empty(); }
  // Set when a database statement failed unexpectedly (not a domain failure): the caller reports an internal
  // error. Domain-classified DB failures (unique, FK, not null, check, invalid value) become FieldErrors.
  [[nodiscard]] const Status& internal() const { return internal_; }
  [[nodiscard]] const std::vector<std::string>& warnings() const { return warnings_; }
  // Files stored by this mutation stay (call after COMMIT); otherwise the destructor removes them.
  void KeepFiles() { uploads_.Keep(); }
  // A multi-row INSERT failed on a database constraint: run again without batching to find the row.
  [[nodiscard]] bool batch_failed() const { return batch_failed_; }

 private:
  struct Pending;  // to-many work that needs the row's key
  std::optional<db::Param> Relation(const models::Model& target, const schema::NamedType& input_type,
                                    const json::Value& value, const std::string& path, const std::vector<Fixed>& fixed,
                                    int depth);
  // Validates the members of `input` into column values (and pending to-many work); shared by create / update.
  void Members(const models::Model& m, const schema::NamedType& input_type, const json::Value& input,
               const std::string& path, const std::vector<Fixed>& fixed, int depth, bool create,
               std::vector<std::pair<const models::Field*, db::Param>>* columns, std::vector<Pending>* pending);
  void RunPending(const models::Model& m, const db::Param& key, std::vector<Pending>& pending, bool create, int depth);
  // The value the FK column stores for the target row `key` (the key itself unless to_field says otherwise);
  // records does_not_exist under `path` when the row is missing.
  std::optional<db::Param> Reference(const models::Field& fk, const db::Param& key, const std::string& path);
  using Columns = std::vector<std::pair<const models::Field*, db::Param>>;
  // One unique / unique_together check of a row: `expr` is a `CASE WHEN EXISTS (...) THEN 1 ELSE 0 END` whose
  // parameters were appended to the caller's list.
  struct UniqueCheck {
    std::vector<const models::Field*> fields;
    std::vector<const db::Param*> values;  // the row's values of `fields` (nullptr: the row's current value)
    std::string expr;
  };
  std::vector<UniqueCheck> UniqueChecks(const models::Model& m, const Columns& columns, const db::Param* self,
                                        bool together, db::Params& params) const;
  FieldError UniqueError(const models::Model& m, const UniqueCheck& check, const std::string& path) const;
  void CheckUnique(const models::Model& m, const Columns& columns, const db::Param* self, const std::string& path,
                   bool together = true);
  struct BatchRow;
  // Unique checks and multi-row INSERTs for a run of flat rows (see CreateMany).
  void FlushBatch(const models::Model& m, std::vector<BatchRow>& rows, std::vector<std::optional<db::Param>>& keys);
  bool IsFlat(const schema::NamedType& input_type, const json::Value& input) const;
  std::optional<db::ResultSet> Run(const std::string& sql, const db::Params& params, const std::string& path);
  bool CanWrite() const { return errors_.empty() && !stopped_; }
  std::string WireName(const schema::NamedType& input_type, const models::Field& f) const;
  const schema::NamedType* ElementType(const schema::NamedType& input_type, std::string_view member) const;

  const generate::GeneratedSchema& gs_;
  db::Connection& conn_;
  const MutationOptions& options_;
  std::vector<FieldError> errors_;
  std::vector<std::string> warnings_;
  Status internal_;
  bool stopped_ = false;  // a database statement failed: send nothing more
  bool batch_failed_ = false;
  UploadStore uploads_;  // removes the files it wrote when the Writer goes, unless KeepFiles() was called
};

// "a.b" joins; an empty prefix yields the name alone.
[[nodiscard]] std::string JoinPath(const std::string& prefix, std::string_view name);

// A key cell read back from the database as a parameter of the right kind for `field`'s column.
[[nodiscard]] db::Param CellParam(const models::Field& field, const std::string& text);

}  // namespace railgun::mutate
