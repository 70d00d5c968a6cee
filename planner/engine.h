// The plan generator: plan = Generate(program, patient, diary, today).
// Pure and deterministic: no clock, no I/O, no randomness.
#ifndef REHAB_PLANNER_ENGINE_H_
#define REHAB_PLANNER_ENGINE_H_

#include <date/date.h>

#include <memory>

#include "planner/model.h"
#include "planner/plan.h"

namespace rehab {

struct PlanOptions {
  // Plan length; 0: the program's `weeks` (else to the end of its last phase),
  // stretched to include every outcome measure's due day.
  int weeks = 0;
};

inline constexpr int kMaxPlanWeeks = 104;

// Lays the program's phases on the calendar from the patient's anchor date
// (surgery date for post-op programs, else start date), puts sessions on the
// patient's days and times, steps each exercise along its ladder under the
// pain rules, schedules ice/heat, and raises alerts.
// REQUIRES: the program and patient passed validation; the patient has the
// anchor date the program needs (start, or surgery; start falls back to surgery
// and vice versa); 1 <= weeks <= kMaxPlanWeeks when given.
// The plan shares `program` (scheduled exercises point into it), so a caller
// planning many patients on one program loads it once.
Plan Generate(std::shared_ptr<const Program> program, const Patient& patient, const Diary& diary,
              date::year_month_day today, const PlanOptions& options = {});
// The same on a copy of `program`.
Plan Generate(const Program& program, const Patient& patient, const Diary& diary,
              date::year_month_day today, const PlanOptions& options = {});

}  // namespace rehab

#endif  // REHAB_PLANNER_ENGINE_H_
