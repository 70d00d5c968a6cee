// The plan generator: plan = Generate(program, patient, diary, today).
// Pure and deterministic: no clock, no I/O, no randomness.
#ifndef REHAB_PLANNER_ENGINE_ENGINE_H_
#define REHAB_PLANNER_ENGINE_ENGINE_H_

#include <date/date.h>

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "planner/model/model.h"
#include "planner/model/plan.h"

namespace rehab {

struct PlanOptions {
  // Plan length; 0: the program's `weeks` (else to the end of its last phase),
  // stretched to include every outcome measure's due day.
  int weeks = 0;
  // How many days after `today` Generate looks for the last day its plan
  // holds through (Plan::valid_through); 0 (the default): not looked for.
  int validity_days = 0;
};

inline constexpr int kMaxPlanWeeks = 104;

// Lays the program's phases on the calendar from the patient's anchor date
// (surgery date for post-op programs, else start date), puts sessions on the
// patient's days and times, steps each exercise along its ladder under the
// pain rules, schedules ice/heat, and raises alerts.
// REQUIRES: the program and patient passed validation, CheckPatientAgainstProgram
// included, so that AnchorDate(program, patient) has a value (without one the
// plan counts from `today`); 1 <= weeks <= kMaxPlanWeeks when given.
// The plan shares `program` (scheduled exercises point into it), so a caller
// planning many patients on one program loads it once.
Plan Generate(std::shared_ptr<const Program> program, const Patient& patient, const Diary& diary,
              date::year_month_day today, const PlanOptions& options = {});
// The same on a copy of `program`.
Plan Generate(const Program& program, const Patient& patient, const Diary& diary,
              date::year_month_day today, const PlanOptions& options = {});

// The day a program's days count from for `patient`: for a post-operative
// program (anchor: surgery) the surgery date and only that (a start date is
// not the day of the operation); for any other the start date, else the
// surgery date. nullopt when the patient has no such date: an error to
// report (CheckPatientAgainstProgram does), not a date to guess.
std::optional<Date> AnchorDate(const Program& program, const Patient& patient);

// The planned end of `phase` when it starts on `start`: its `end` day, or,
// when the phase before ran late, `start` plus its planned length (end -
// start), so that it never shrinks. Its exit criteria are checked from then.
Date PlannedPhaseEnd(const Phase& phase, Date anchor, Date start);

// A phase's exit criterion checked against the diary: the latest value
// logged before `before` (rows after `today` do not count) and whether it
// meets the target. No value: "not measured", told apart from "not met".
struct CriterionCheck {
  const Criterion* criterion = nullptr;  // into the phase
  std::optional<double> value;           // nullopt: not measured yet
  Date logged;                           // the date of `value`
  bool met = false;
};
std::vector<CriterionCheck> CheckExitCriteria(const Phase& phase,
                                              const std::vector<DiaryEntry>& entries, Date before,
                                              Date today);

// Whether heat may be scheduled on `day` (days from the anchor): never inside
// the program's acute window, the first `acute_days` days.
bool HeatAllowedOnDay(const Program& program, int day);

// The side an exercise is done on for a patient: `kAffected` is the patient's
// side, `kUnaffected` the other one (both, when the patient's side is both);
// any other side is the exercise's own.
Side ResolveExerciseSide(Side exercise_side, Side patient_side);

// The stable rule ids a Reason carries (docs/formats/plan-json.md).
std::span<const std::string_view> ReasonRules();

// Every message id the engine and the pain rules emit, the messages inside
// other messages' arguments included. The catalogue
// (planner/present/messages.h) has an English template for each.
std::span<const std::string_view> EmittedMessageIds();

// A criterion's target as a message ("target.at-least" or "target.at-most",
// with its value): "target at least 90°" in English.
Message TargetOf(const Criterion& criterion);

// The diary rows dated after `today`, which the plan ignores (they have not
// happened yet), each with its warning (message "ignored.after-today"). Generate() puts them in
// Plan::ignored; `rehab validate --today` reports them.
std::vector<IgnoredEntry> EntriesAfterToday(const Diary& diary, Date today);

}  // namespace rehab

#endif  // REHAB_PLANNER_ENGINE_ENGINE_H_
