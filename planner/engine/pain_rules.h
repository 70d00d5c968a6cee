// The pain-monitoring model as a step decision: given an exercise's state and
// the diary, decide whether it steps up, holds, steps back, stops or resumes.
// This is the single place where the diary changes a dose.
#ifndef REHAB_PLANNER_ENGINE_PAIN_RULES_H_
#define REHAB_PLANNER_ENGINE_PAIN_RULES_H_

#include <optional>
#include <string>
#include <vector>

#include "planner/model/model.h"
#include "planner/model/plan.h"

namespace rehab {

// Where an exercise stands when it is next scheduled.
struct StepState {
  int step = 0;
  int steps = 1;               // ladder length
  Date last_change;            // last time the step changed (or the exercise started)
  Date last_decision;          // entries before this were already considered
  std::optional<Date> gap_handled_after;  // last entry date whose following gap was applied
  std::optional<Date> last_lowered;       // last step back or restart lower, if any
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
  bool operator==(const StepDecision&) const = default;
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
//     (during <= acceptable_max, morning pain not above the baseline nor above
//     the morning before), its mean pain during exercise did not rise over the
//     interval before, and enough were logged; else hold.
StepDecision DecideStep(const StepState& state, const StepContext& ctx);

// Whether an entry counts as red, or as amber (above the acceptable band, or
// not settled the next morning; `previous` is the entry before it, if any).
bool IsRedEntry(const DiaryEntry& e, const PainRules& rules);
bool IsAmberEntry(const DiaryEntry& e, const DiaryEntry* previous, int baseline,
                  const PainRules& rules);

// The patient's morning-pain baseline on `before`: the mean, to the nearest
// whole point (halves up), of the first `rules.baseline_mornings` mornings
// logged before that day (their level before the plan was stepped up), never
// below the green zone (safe_max). `entries` are sorted by date, one per day.
int MorningBaseline(const std::vector<DiaryEntry>& entries, Date before, const PainRules& rules);

// The decision on the first day a phase schedules an exercise carried over
// from an earlier phase, whose `start_step` (0-based) is above its step: the
// usual DecideStep, then up to start_step (rule `phase-start-step`) unless the
// pain rules hold it there (the same gate as a step-up: red, rising, amber or
// morning pain above baseline over the last interval, or too few entries), or
// it was stepped back or restarted lower within the last interval.
StepDecision DecideCarriedOver(const StepState& state, const StepContext& ctx, int start_step,
                               const std::string& phase_title);

}  // namespace rehab

#endif  // REHAB_PLANNER_ENGINE_PAIN_RULES_H_
