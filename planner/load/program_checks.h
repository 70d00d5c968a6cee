// The rules between a program's sections (internal to planner/load/),
// checked once every section is read.
#ifndef REHAB_PLANNER_LOAD_PROGRAM_CHECKS_H_
#define REHAB_PLANNER_LOAD_PROGRAM_CHECKS_H_

#include "planner/load/schema_reader.h"
#include "planner/model/model.h"

namespace rehab::load_internal {

// Reports, in this order: phases that do not follow on from each other
// (the first starting at day 0); a phase scheduling an exercise whose tag
// the phase, or a program restriction over any day the phase can cover,
// forbids; heat inside the acute window; a phase but the last without exit
// criteria. REQUIRES: p.exercises holds the exercises the phases use.
void CheckProgramRules(SchemaReader& r, const Program& p);

}  // namespace rehab::load_internal

#endif  // REHAB_PLANNER_LOAD_PROGRAM_CHECKS_H_
