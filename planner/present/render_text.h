// Plain-text renderings for the terminal: the plan week by week, the
// explanation of one day, and a program summary.
#ifndef REHAB_PLANNER_PRESENT_RENDER_TEXT_H_
#define REHAB_PLANNER_PRESENT_RENDER_TEXT_H_

#include <string>

#include "planner/model/plan.h"

namespace rehab {

// Header, active alerts, phases, then one table per week (exercises x days,
// with the dose), milestones and the reasons for dose changes.
std::string RenderText(const Plan& plan);

// For each exercise on `day`: its dose and the chain of decisions behind it.
std::string RenderExplain(const Plan& plan, Date day);

// A program's phases, exercises with their ladders, rules and sources.
std::string RenderProgramText(const Program& program);

}  // namespace rehab

#endif  // REHAB_PLANNER_PRESENT_RENDER_TEXT_H_
