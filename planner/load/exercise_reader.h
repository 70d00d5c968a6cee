// Reading an exercise and its dose ladder (internal to planner/load/): the
// catalogue's exercises and a program's own share these rules.
#ifndef REHAB_PLANNER_LOAD_EXERCISE_READER_H_
#define REHAB_PLANNER_LOAD_EXERCISE_READER_H_

#include <string>
#include <vector>

#include "planner/load/schema_reader.h"
#include "planner/load/yaml_tree.h"
#include "planner/model/model.h"

namespace rehab::load_internal {

// The exercise of `list` with id `id`, or nullptr.
const Exercise* FindExercise(const std::vector<Exercise>& list, const std::string& id);

// Reads an exercise into `ex`, reporting every problem. With `base` (the
// catalogue's exercise of that id), the node overrides only the keys it
// gives; without, the required keys must be there. False when `node` is not
// a mapping.
bool ParseExercise(SchemaReader& r, const Node& node, const Exercise* base, Exercise* ex);

// A list of new exercises, each id once: every well-formed one goes to
// `out`, in file order. False when the list is over kMaxExercises.
bool ParseExerciseList(SchemaReader& r, const Node& list, std::vector<Exercise>* out);

}  // namespace rehab::load_internal

#endif  // REHAB_PLANNER_LOAD_EXERCISE_READER_H_
