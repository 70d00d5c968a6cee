// The generated plan: every day from the anchor to the end of the horizon,
// its sessions and doses, ice/heat slots, milestones, alerts, and the reason
// behind every dose change. Renderers read a Plan; nothing writes it but
// Generate() (planner/engine/engine.h).
#ifndef REHAB_PLANNER_MODEL_PLAN_H_
#define REHAB_PLANNER_MODEL_PLAN_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "planner/model/model.h"

namespace rehab {

inline constexpr char kPlanSchema[] = "rehab-plan/1";

struct Message;

// A step on an exercise's ladder: `step` is 0-based, `steps` the ladder length.
struct StepOf {
  int step = 0;
  int steps = 1;
  bool operator==(const StepOf&) const = default;
};

// A time of day as a message value (TimeOfDay alone is an int).
struct ClockTime {
  TimeOfDay minutes = 0;
  bool operator==(const ClockTime&) const = default;
};

// A value of a diary measure ("flexion" 80, "pain" 3, "swelling" 1): the
// catalogue words it with the measure's unit or scale.
struct MeasureValue {
  std::string measure;
  double value = 0;
  bool operator==(const MeasureValue&) const = default;
};

// One value a message is worded from. Lists are worded as a list ("a, b and
// c"), messages in a list each by their own template.
using MessageValue = std::variant<int, double, std::string, Date, StepOf, ClockTime, MeasureValue,
                                  std::vector<int>, std::vector<Date>, std::vector<std::string>,
                                  std::vector<Weekday>, std::vector<Message>>;

struct MessageArg {
  std::string name;  // as the templates name it: "dates", "to", "red_min"
  MessageValue value;
  bool operator==(const MessageArg&) const;
};

// What the engine says, without the words: a message id (a key of the
// catalogue in planner/present/messages.h, which words it in each language)
// and the typed values it is worded from. Text that comes from program data
// (a red flag's text and action) is kept as it is: Verbatim().
struct Message {
  Message() = default;
  // Explicit, so that a string is never taken for a message id by accident.
  explicit Message(std::string message_id, std::vector<MessageArg> message_args = {})
      : id(std::move(message_id)), args(std::move(message_args)) {}

  std::string id;  // "" : no message
  std::vector<MessageArg> args;

  // Text shown as it is (id kVerbatimMessage, one argument "text").
  static Message Verbatim(std::string text);

  // Adds an argument; returns *this for chaining. On a temporary
  // (`Message("id").With(...).With(...)`) the chain yields an rvalue, so the
  // finished message is moved, not copied, into wherever it goes.
  Message& With(std::string name, MessageValue value) &;
  Message&& With(std::string name, MessageValue value) &&;
  // The argument named `name`, or null.
  const MessageValue* Find(std::string_view name) const;

  bool empty() const { return id.empty(); }
  bool operator==(const Message&) const = default;

 private:
  static constexpr size_t kTypicalArgs = 4;
};

inline constexpr char kVerbatimMessage[] = "verbatim";

// Why a dose is what it is. `rule` is a stable machine id (see
// docs/formats/plan-json.md); `message` is the decision's values, which the
// catalogue words as the plain-language sentence.
struct Reason {
  std::string rule;
  Message message;
  std::vector<Date> diary_dates;  // the diary entries behind the decision
  bool operator==(const Reason&) const = default;
};

enum class StepChange { kStart, kSame, kUp, kHold, kBack, kStop, kResume };
const char* ToString(StepChange c);

// One exercise in one session. The exercise itself (id, name, kind,
// instructions) and its dose are not copied into every session: `exercise`
// points at the exercise in the plan's program, `dose` at a step of its ladder
// (or, in plans built by hand, at ones that outlive the plan).
struct ScheduledExercise {
  const Exercise* exercise = nullptr;     // never null in a plan
  const Dose* dose = nullptr;             // never null in a plan
  int step = 0;                           // 0-based step on the ladder
  int steps = 1;                          // ladder length
  Side side = Side::kRight;               // resolved: kLeft, kRight or kBoth
  StepChange change = StepChange::kSame;  // against the previous day it was scheduled
  std::optional<Reason> reason;           // set when change != kSame

  const std::string& id() const { return exercise->id; }
  const std::string& name() const { return exercise->name; }
  ExerciseKind kind() const { return exercise->kind; }
};

struct Session {
  int slot = 0;  // 0-based within the day
  TimeOfDay time = 8 * 60;
  int duration_minutes = 0;  // estimated from the doses
  std::vector<ScheduledExercise> exercises;
};

struct ModalitySlot {
  std::string modality_id;
  std::string name;
  ModalityKind kind = ModalityKind::kIce;
  TimeOfDay time = 0;
  int minutes = 0;
  ModalityTiming when = ModalityTiming::kAny;
};

enum class MilestoneKind { kPhaseStart, kOutcomeMeasure, kFollowUp };
const char* ToString(MilestoneKind k);

struct Milestone {
  MilestoneKind kind = MilestoneKind::kPhaseStart;
  std::string id;  // phase id, measure id ...
  Message message;
};

enum class AlertKind { kRedFlag, kSeeDoctor, kTherapistReview };
const char* ToString(AlertKind k);

struct Alert {
  AlertKind kind = AlertKind::kSeeDoctor;
  std::string id;               // red flag id, "persistent-pain", "phase-overdue:<phase>", ...
  Date date;                    // when it was raised
  std::optional<Date> cleared;  // red flags: the `cleared` entry that ended it
  Message text;                 // what happened
  Message action;               // what to do ("Call your surgeon today")
  Message detail;  // for the therapist: the rule and values behind it (empty when none)
  Urgency urgency = Urgency::kSameDay;
  std::vector<Date> diary_dates;
  bool active = false;                       // still in force on `today`
  RedFlagStops stops = RedFlagStops::kNone;  // red flags: what it stops
  bool operator==(const Alert&) const = default;
};

// A note about the whole plan, shown once (e.g. daily exercises scheduled on
// more days than the patient's session days).
struct PlanNote {
  std::string id;  // "extra-days"
  Message message;
};

struct DayPlan {
  Date date;
  int day = 0;  // days from the anchor
  std::string phase_id;
  bool past = false;             // before `today`: reflects the diary
  bool stopped = false;          // a red flag stops all exercise on this day
  bool essentials_only = false;  // a red flag stops all but the essential exercises
  std::vector<Session> sessions;
  std::vector<ModalitySlot> modalities;
  std::vector<Milestone> milestones;
};

struct PhaseSpan {
  std::string id;
  std::string title;
  Date start;
  Date end;               // exclusive
  bool extended = false;  // held past its planned end (criteria unmet)
  bool overdue = false;   // held past its maximum: therapist alert raised
  bool operator==(const PhaseSpan&) const = default;
};

struct DoseChange {
  Date date;
  std::string exercise_id;
  int from_step = -1;  // -1: first appearance
  int to_step = 0;
  StepChange change = StepChange::kStart;
  Reason reason;
};

// A diary row the plan did not use: it is dated after `today`.
struct IgnoredEntry {
  Date date;
  int line = 0;     // in the diary file (0: not from a file)
  int column = 0;   // of its date field
  Message message;  // the warning
};

// An empty program, shared by default-constructed plans.
const std::shared_ptr<const Program>& EmptyProgram();

// Scheduled exercises point at their exercise and dose in `program`, which
// copies of the plan share.
struct Plan {
  std::shared_ptr<const Program> program = EmptyProgram();  // never null
  Patient patient;
  Diary diary;
  Date anchor;  // start or surgery date
  Date start;   // first day of the plan (== anchor)
  Date end;     // exclusive
  Date today;
  // The last day through which Generate on the same inputs, with `today` any
  // day from this plan's today to it, gives this plan again apart from
  // `today` and each day's `past` (PlanOptions::validity_days; == today when
  // not looked for). A caller may keep the plan, and whatever it rendered
  // that does not show `today`, until then.
  Date valid_through;
  std::vector<PhaseSpan> phases;
  std::vector<DayPlan> days;
  std::vector<Alert> alerts;          // by date, then id
  std::vector<DoseChange> changes;    // by date, then exercise id
  std::vector<IgnoredEntry> ignored;  // diary rows after `today`, in date order
  std::vector<PlanNote> notes;        // shown once, under the alerts

  // Alerts in force on `today`, the most urgent first (emergency, same-day,
  // routine; by date within each).
  std::vector<const Alert*> ActiveAlerts() const;
  const DayPlan* FindDay(Date d) const;
  const Phase* FindPhase(const std::string& id) const;
};

}  // namespace rehab

#endif  // REHAB_PLANNER_MODEL_PLAN_H_
