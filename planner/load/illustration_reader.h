// Reading an exercise's `illustration:` (internal to planner/load/): the body
// position, the start and end poses, props, the arrow and the joint a ladder
// step's range moves, with the checks a figure needs (angles a human joint
// reaches, the seat a sitting position needs, ranges the figure can draw).
#ifndef REHAB_PLANNER_LOAD_ILLUSTRATION_READER_H_
#define REHAB_PLANNER_LOAD_ILLUSTRATION_READER_H_

#include <vector>

#include "planner/load/schema_reader.h"
#include "planner/load/yaml_tree.h"
#include "planner/model/model.h"

namespace rehab::load_internal {

// Reads `node` into `out`, reporting every problem. False (after reporting)
// when it is not a mapping or a required key is missing.
bool ParseIllustration(SchemaReader& r, const Node& node, Illustration* out);

// A ladder step's range must be "A-B degrees" within the reach of the joint
// the illustration's `range` names. `at` is where the errors point: the
// exercise's `illustration` or `ladder` key.
void CheckIllustrationRanges(SchemaReader& r, const Node& at, const Illustration& ill,
                             const std::vector<Dose>& ladder);

}  // namespace rehab::load_internal

#endif  // REHAB_PLANNER_LOAD_ILLUSTRATION_READER_H_
