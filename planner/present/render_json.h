// The plan as JSON, schema "rehab-plan/1" (docs/formats/plan-json.md).
#ifndef REHAB_PLANNER_PRESENT_RENDER_JSON_H_
#define REHAB_PLANNER_PRESENT_RENDER_JSON_H_

#include <string>

#include "planner/model/plan.h"

namespace rehab {

// Every day, session, dose, modality slot, milestone, alert and dose change,
// with keys in a fixed order; ends with a newline. Steps are 1-based.
std::string RenderJson(const Plan& plan);

// The program itself as JSON (for `rehab show --format json`).
std::string RenderProgramJson(const Program& program);

}  // namespace rehab

#endif  // REHAB_PLANNER_PRESENT_RENDER_JSON_H_
