// What the engine's own files share: the plan generator and the passes it runs.
// Internal to planner/engine/: callers use engine.h.
#ifndef REHAB_PLANNER_ENGINE_ENGINE_INTERNAL_H_
#define REHAB_PLANNER_ENGINE_ENGINE_INTERNAL_H_

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "planner/engine/engine.h"
#include "planner/engine/pain_rules.h"
#include "planner/engine/time_zones.h"
#include "planner/model/model.h"
#include "planner/model/plan.h"

namespace rehab::engine_internal {

using Entries = std::vector<DiaryEntry>;

// The waking day, 07:00 to 21:00: sessions the patient has not timed and ice
// or heat slots not tied to a session are placed inside it.
inline constexpr TimeOfDay kWakingDayStart = 7 * 60;
inline constexpr TimeOfDay kWakingDayEnd = 21 * 60;

// --- Phases (phases.cc) ---

// Places each phase on the calendar. A phase ends on its planned day when it
// has no criteria, when there is no diary to judge them by, or when the
// planned day is still ahead; otherwise on the first day the diary shows the
// criteria met. Unmet past its maximum: it stays, and the therapist is alerted.
std::vector<PhaseSpan> LayOutPhases(const Program& program, const Entries& entries, Date anchor,
                                    Date today, Date end, std::vector<Alert>* alerts);

// When restrictions forbid an exercise in a phase: always (a phase
// restriction on one of its tags) or on the days of a program restriction
// window on one of its tags.
struct Forbidden {
  bool always = false;
  std::vector<std::pair<int, int>> windows;  // [from_day, until_day)

  Forbidden(const Program& program, const Phase& phase, const Exercise& ex);

  bool On(int day) const {
    return always || std::any_of(windows.begin(), windows.end(),
                                 [day](const auto& w) { return day >= w.first && day < w.second; });
  }
};

// --- Red flags (red_flags.cc) ---

// A red flag's stop interval: [from, until), until = the `cleared` entry's
// date. `level` is what it stops: everything, or all but the essentials.
struct StopInterval {
  Date from;
  std::optional<Date> until;
  const RedFlag* flag;
  std::vector<Date> dates;
  RedFlagStops level = RedFlagStops::kAll;
  bool operator==(const StopInterval&) const = default;
};

// Reads the diary's flags into alerts (every flag a red flag names raises or
// extends one) and the intervals in which exercise stops, one open interval
// per level; a `cleared` entry ends them all.
std::vector<StopInterval> FindRedFlags(const Program& program, const Entries& entries, Date today,
                                       std::vector<Alert>* alerts);

// The strongest stop in force on `d` (everything before all-but-essentials).
const StopInterval* StopOn(const std::vector<StopInterval>& stops, Date d);

// "Pain still present a few weeks on": the first entry past the horizon with
// pain at or above the threshold, active while the latest entry still hurts.
void CheckPersistentPain(const Program& program, const Entries& entries, Date anchor, Date today,
                         std::vector<Alert>* alerts);

// --- Sessions (sessions.cc) ---

// Session times for `count` slots: the patient's own, then extra ones four
// hours apart (or in the widest gap of the waking day, 07:00-21:00).
std::vector<TimeOfDay> SlotTimes(const std::vector<TimeOfDay>& own, int count);

// Whether an exercise done `days_per_week` falls on `d`. Weeks count from
// the anchor. When the patient's session days in the week are at least
// `days_per_week`, that many of them, evenly spread; otherwise the
// prescription wins: every session day, and the rest of the prescribed days
// evenly spread over the other days of the week.
bool IsTrainingDay(const Patient& patient, Date anchor, Date d, int days_per_week);

// Whether an exercise done `days_per_week` needs days beyond the patient's
// session days.
bool NeedsExtraDays(const Patient& patient, int days_per_week);

// The note naming the exercises done on days beyond the patient's session
// days (`exercises`, not empty), with those session days, Monday first.
PlanNote ExtraDaysNote(const Patient& patient, std::vector<std::string> exercises);

// --- Ice and heat (modalities.cc) ---

// The day's ice and heat slots, in time order, placed around its sessions.
std::vector<ModalitySlot> ScheduleModalities(const Program& program, const Entries& entries,
                                             int day, Date d, const std::vector<Session>& sessions);

// --- Diary rows (diary_rows.cc) ---

// True when MergeSameDay would return `entries` unchanged: one row per date,
// none after today.
bool IsMerged(const Entries& entries, Date today);

// One entry per day up to `today`: a diary may hold several rows for a date
// (the session's pain, then the next morning's). The worst pain and swelling count, flags and
// measures are combined (a later row's measure wins), notes are joined.
Entries MergeSameDay(const Entries& entries, Date today);

// --- The generator (engine.cc; its exercise steps in steps.cc) ---

struct ExerciseTrack {
  StepState state;
  bool started = false;
  bool stopped = false;                    // stopped by repeated red pain
  Date last_red;                           // the latest red entry behind the stop or hold
  bool awaiting_review = false;            // repeated red: no step-up until `reviewed`
  std::optional<size_t> review_alert;      // index into the plan's alerts
  std::string hold_rule;                   // the rule of the hold in force, "" when none
  StepChange pending = StepChange::kSame;  // change to show on the next scheduled day
  std::optional<Reason> pending_reason;
  const Phase* phase = nullptr;  // the phase it was last scheduled in
};

class Generator {
 public:
  Generator(std::shared_ptr<const Program> shared_program, const Patient& patient,
            const Diary& diary, Date today, const PlanOptions& options);

  Plan Run();

 private:
  // A phase's exercise as MakeDay needs it; unknown exercises, empty
  // ladders and exercises the patient skips are left out.
  struct PhaseEntry {
    const PhaseExercise* pe;
    const Exercise* ex;          // in *plan_.program
    size_t index;                // of ex in plan_.program->exercises and tracks_
    const ExerciseOverride* ov;  // or nullptr
    Forbidden forbidden;
  };

  const PhaseSpan* SpanOn(Date d) const;
  std::string PhaseTitle(Date d) const;

  // Looks up, once per plan, what MakeDay needs of each phase's exercises.
  void ResolvePhases();

  // The first `reviewed` entry dated in [from, before), if any.
  std::optional<Date> ReviewedIn(Date from, Date before) const;

  // Whether repeated red pain may stop this phase exercise: never an
  // essential one; otherwise as the entry, else the program, says.
  bool MayStop(const PhaseExercise& pe) const;

  // Today's session times for `slots` sessions, worked out once per count.
  const std::vector<TimeOfDay>& SlotTimesFor(int slots);

  // `t` on `d` as ExistingLocalTime moves it in the patient's zone; a moved
  // time gets a plan note ("note.dst-gap"), once per date and time.
  TimeOfDay LocalTime(Date d, TimeOfDay t);

  void Record(Date d, const std::string& id, int from, int to, StepChange change, Reason reason) {
    plan_.changes.push_back({d, id, from, to, change, std::move(reason)});
  }

  // The phase's start_step for an exercise it carries over from an earlier
  // phase, on its first day in the phase, when that is above the exercise's
  // step and no patient override sets its step; else -1. (A patient's
  // start_step is the therapist's choice for that exercise: phases do not
  // raise it, the pain rules do.)
  static int CarriedOverStartStep(const ExerciseTrack& t, const PhaseExercise& pe,
                                  const ExerciseOverride* ov, const Phase* phase);

  // Moves the exercise's track to `d` through the pain rules; with
  // `start_step` >= 0, on the first day of a phase that starts the carried-over
  // exercise at that step (DecideCarriedOver).
  void Decide(ExerciseTrack& t, const PhaseEntry& entry, Date d, int start_step = -1);

  // The therapist alert of repeated red pain: one per episode for all the
  // exercises it affects (one for those it stopped, one for those sent back
  // to their easiest step), until a `reviewed` entry ends it.
  void RaiseRepeatedRed(ExerciseTrack& t, const Exercise& ex, Date d, const Reason& reason,
                        bool stopped);

  // A `reviewed` entry dated on or after the last red entry and before `d`
  // ends the repeated-red episode: the alert is answered, the hold lifted,
  // and a stopped exercise starts again one step lower. True when the
  // exercise restarted (nothing more to decide today).
  bool ApplyReview(ExerciseTrack& t, const Exercise& ex, Date d);

  // Restarts the exercise at `step` on `d` after a stop, recorded and
  // announced as a resume with `reason`; any hold ends.
  void RestartAt(ExerciseTrack& t, const Exercise& ex, Date d, int step, Reason reason);

  // The latest red-flag stop that began after this exercise's last decision
  // and was cleared by `d`: the exercise restarts after it.
  const StopInterval* ClearedSince(const ExerciseTrack& t, Date d) const;

  // Restart after a red flag was cleared: one step lower, like a gap.
  void ResumeAfterStop(ExerciseTrack& t, const Exercise& ex, Date d, const StopInterval& stop);

  DayPlan MakeDay(Date d);

  // Moves the exercise's track to `d` (its start, a restart or a pain-rule
  // decision) and, unless it is stopped, adds it to the day's exercises
  // (todays_) with the change to announce.
  void ScheduleExercise(const PhaseEntry& entry, const Phase* phase, Date d);

  // Puts the day's exercises (todays_) into its sessions: as many as the
  // patient's session times or the most times a day any exercise is done.
  void AddSessions(DayPlan& day);

  void AddMilestones(DayPlan& day, const PhaseSpan& span, const Phase& phase);

  const Program& program_;
  const Patient& patient_;
  // The patient's zone; nullptr for UTC (no gaps) or a name the database lacks.
  const date::time_zone* zone_ = nullptr;
  const Entries* entries_ = nullptr;  // the diary's rows, or merged_
  Entries merged_;
  std::vector<std::vector<PhaseEntry>> phase_entries_;  // parallel to plan_.program->phases
  std::map<int, std::vector<TimeOfDay>> slot_times_;    // sessions a day -> their times
  // MakeDay's exercises of the day, a buffer reused from day to day.
  std::vector<std::pair<const PhaseExercise*, ScheduledExercise>> todays_;
  Date today_;
  // The last day the plan is known to hold through (Plan::valid_through),
  // lowered by every rule whose outcome a later today would change.
  Date valid_through_;
  // Lowers valid_through_ to `last_same`, the last day with the same outcome.
  void HoldsThrough(Date last_same) { valid_through_ = std::min(valid_through_, last_same); }
  // HoldsThrough for the rules that read `today` before any day is planned
  // (phases, red flags, persistent pain): each is run again for the days
  // after today, up to the first whose outcome differs.
  void BoundPlanWideRules();
  Plan plan_;
  std::vector<StopInterval> stops_;
  std::vector<ExerciseTrack> tracks_;  // parallel to plan_.program->exercises
  std::vector<Date> reviewed_;         // dates of the diary's `reviewed` entries, in order
  // The repeated-red alerts still open: [0] sent back to the easiest step, [1] stopped.
  struct OpenReview {
    std::optional<size_t> alert;     // index into plan_.alerts
    std::vector<std::string> names;  // the exercises it names
  };
  OpenReview open_review_[2];
};

}  // namespace rehab::engine_internal

#endif  // REHAB_PLANNER_ENGINE_ENGINE_INTERNAL_H_
