// The pain-monitoring model as a step decision: given an exercise's state and
// the diary, decide whether it steps up, holds, steps back, stops or resumes.
// This is the single place where the diary changes a dose.
#ifndef REHAB_PLANNER_PAIN_RULES_H_
#define REHAB_PLANNER_PAIN_RULES_H_

#include <optional>
#include <vector>

#include "planner/model.h"
#include "planner/plan.h"

namespace rehab {

// Where an exercise stands when it is next scheduled.
struct StepState {
  int step = 0;
  int steps = 1;               // ladder length
  Date last_change;            // last time the step changed (or the exercise started)
  Date last_decision;          // entries before this were already considered
  std::optional<Date> gap_handled_after;  // last entry date whose following gap was applied
  Date reds_from;              // red entries before this (a therapist's review) no longer count
};

struct StepContext {
  const PainRules* rules = nullptr;
  const std::vector<DiaryEntry>* entries = nullptr;  // sorted by date
  Date day;                    // the day being decided
  Date today;                  // days before it reflect the diary; from it on, projection
  int interval_days = 7;       // this exercise's interval between step-ups
  // Whether repeated red pain may stop this exercise (the program says so and
  // it is not essential); otherwise it goes back to the first step and holds.
  bool may_stop = true;
};

struct StepDecision {
  StepChange change = StepChange::kSame;
  int step = 0;
  Reason reason;
  std::optional<Date> gap_handled_after;  // set when the decision applied a gap
};

// Decides the step for `ctx.day`. Rules, in order (docs/pain-rules.md):
//  1. a red entry since the last decision (pain during or after >= red_min):
//     with stop_after_reds such entries in stop_window_days, stop (when
//     ctx.may_stop) or go back to the first step (rule `repeated-red`),
//     else step back one;
//  2. pain during rising over rising_sessions consecutive entries, or the
//     week's mean pain above the week before's: step back one;
//  3. a gap of gap_days without entries (diary in use, day <= today): one lower;
//  4. interval elapsed: step up when every entry of the interval was green
//     (during <= acceptable_max, settled next morning) and enough were logged,
//     else hold.
StepDecision DecideStep(const StepState& state, const StepContext& ctx);

// Whether an entry counts as red, or as amber (above the acceptable band, or
// not settled the next morning; `previous` is the entry before it, if any).
bool IsRedEntry(const DiaryEntry& e, const PainRules& rules);
bool IsAmberEntry(const DiaryEntry& e, const DiaryEntry* previous, const PainRules& rules);

}  // namespace rehab

#endif  // REHAB_PLANNER_PAIN_RULES_H_
