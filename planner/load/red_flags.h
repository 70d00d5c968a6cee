// Red flags (internal to planner/load/): reading a `red_flags` list, of a
// program or of the catalogue, and the catalogue's per-flag defaults.
#ifndef REHAB_PLANNER_LOAD_RED_FLAGS_H_
#define REHAB_PLANNER_LOAD_RED_FLAGS_H_

#include <string>
#include <vector>

#include "planner/load/schema_reader.h"
#include "planner/load/yaml_tree.h"
#include "planner/model/model.h"

namespace rehab::load_internal {

// The diary flags a red flag may name: every known flag but the clinician's
// `cleared` and `reviewed` entries. Every program must cover each of them.
const std::vector<std::string>& RedFlagNames();

// Appends each red flag of `list` to `out`, reporting every problem (a
// routine flag that stops all exercise, an id given twice, ...).
// `from_catalogue` marks them as the catalogue's defaults.
void ParseRedFlagList(SchemaReader& r, const Node& list, bool from_catalogue,
                      std::vector<RedFlag>* out);

// The catalogue's own rules for its defaults: each names a diary flag, and
// no flag has two.
void CheckCatalogueRedFlags(SchemaReader& r, const std::vector<RedFlag>& defaults);

// The catalogue's `defaults` fill in every diary flag the program does not
// name; a program's own red flag for a flag replaces the default and may
// only tighten it (as urgent or more, stopping as much or more). Then every
// diary flag must have a red flag; one that has none is reported at
// `missing_at` (the program's `red_flags` list, or its root).
void ApplyRedFlagDefaults(SchemaReader& r, const std::vector<RedFlag>& defaults,
                          const Node& missing_at, Program* p);

}  // namespace rehab::load_internal

#endif  // REHAB_PLANNER_LOAD_RED_FLAGS_H_
