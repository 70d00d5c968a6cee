// Source citations in a program's text (internal to planner/load/): every
// "[6]", "[24,31]" or "[43-45]" must name one of the program's `sources`.
#ifndef REHAB_PLANNER_LOAD_CITATIONS_H_
#define REHAB_PLANNER_LOAD_CITATIONS_H_

#include <vector>

#include "planner/load/schema_reader.h"
#include "planner/load/yaml_tree.h"
#include "planner/model/model.h"

namespace rehab::load_internal {

// Reports every citation of a source `p` does not list: in the program's
// own scalars (all but the `sources` list itself) at the citation, in
// document order; then in the text a used catalogue exercise brings in
// unchanged (its name, instructions and stop_if), where a phase first names
// the exercise, in the order of the file.
void CheckCitations(SchemaReader& r, const Node& root, const Program& p,
                    const std::vector<Exercise>& catalogue);

}  // namespace rehab::load_internal

#endif  // REHAB_PLANNER_LOAD_CITATIONS_H_
