// Reading a program's phases (internal to planner/load/): each phase's
// window, exit criteria, exercises and education.
#ifndef REHAB_PLANNER_LOAD_PHASE_READER_H_
#define REHAB_PLANNER_LOAD_PHASE_READER_H_

#include "planner/load/schema_reader.h"
#include "planner/load/yaml_tree.h"
#include "planner/model/model.h"

namespace rehab::load_internal {

// Appends the phases of the program's `phases` list (the mapping `m`) to
// p->phases, reporting every problem in a phase. Education ids are checked
// against p->education, which must be read first. The phase exercises are
// not resolved here (they may name exercises defined later in the file).
void ParsePhases(SchemaReader& r, const MapView& m, Program* p);

}  // namespace rehab::load_internal

#endif  // REHAB_PLANNER_LOAD_PHASE_READER_H_
