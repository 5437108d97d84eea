// Deterministic sample data for any models::Project (the demo and the benchmarks): realistic values chosen by
// field type, name and choices, foreign keys pointing at earlier rows, M2M links, all from a fixed seed so the
// same (project, scale) always produces the same rows on SQLite and PostgreSQL.
#pragma once

#include <cstdint>

#include "db/connection.h"
#include "models/model.h"
#include "railgun/status.h"

namespace railgun::db {

struct SampleDataOptions {
  int scale = 1;        // rows per model = base count (by model "size class") x scale
  uint64_t seed = 42;
  int batch_size = 500; // rows per multi-row INSERT
};

// Inserts the rows in one transaction, models in dependency order (FK targets first). Tables must exist.
[[nodiscard]] Status LoadSampleData(Connection& conn, const models::Project& project,
                                    const SampleDataOptions& options = {});

}  // namespace railgun::db
