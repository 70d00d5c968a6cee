// Plans built by hand, without the engine, so a renderer is tested alone:
// the skeleton every hand-built plan shares, and a plan of the same sessions
// every day.
#ifndef REHAB_TESTS_SUPPORT_PLAN_BUILDER_H_
#define REHAB_TESTS_SUPPORT_PLAN_BUILDER_H_

#include <string>
#include <vector>

#include "planner/model/model.h"
#include "planner/model/plan.h"

namespace rehab::testing {

// A plan of `program` for `patient` with no sessions yet: anchored and
// starting on `anchor`, ending `days` days later, today on `today`; one
// PhaseSpan per program phase (its planned days, neither extended nor
// overdue) and one DayPlan per day (date, day, past, and the id of the last
// program phase whose planned days hold it, or "" when none does).
Plan PlanSkeleton(Program program, Patient patient, Date anchor, int days, Date today);

// What DailyPlan lays out.
struct DailyPlanSpec {
  Date start = date::sys_days{date::year{2026} / 3 / 1};
  int days = 1;
  std::vector<TimeOfDay> times = {8 * 60};  // one session a day at each
  std::string timezone = {};                // the patient's
  int session_minutes = 0;                  // each session's duration_minutes
  std::vector<std::string> goals = {};      // the phase's goals
  // Each session's exercises: heel slides 3 x 10 and quad sets 1 x 10 held
  // 5 s, at 0-based `step` of `steps`, on `side`.
  int step = 0;
  int steps = 1;
  Side side = Side::kRight;
};

// Program "knee-test" ("Knee rehab") of one phase "early" ("Early motion")
// over all `spec.days` days from `spec.start`, for patient "p-001", today on
// the first day, with the same sessions every day.
Plan DailyPlan(const DailyPlanSpec& spec);

}  // namespace rehab::testing

#endif  // REHAB_TESTS_SUPPORT_PLAN_BUILDER_H_
