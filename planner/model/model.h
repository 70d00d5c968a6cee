// The domain model: programs (exercise catalogue, phases, modalities, rules),
// patients and pain diaries, as plain values. Loaders build them from files;
// the engine reads them and never changes them.
#ifndef REHAB_PLANNER_MODEL_MODEL_H_
#define REHAB_PLANNER_MODEL_MODEL_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include "planner/base/diagnostics.h"
#include "planner/model/illustration.h"

namespace rehab {

// Calendar dates are days since the epoch; local to the patient's time zone.
using Date = date::sys_days;

// "2026-12-01" for a date.
std::string FormatDate(Date d);
// Parses strict ISO YYYY-MM-DD (a real calendar date); nullopt otherwise.
std::optional<Date> ParseDate(std::string_view text);

// Minutes after local midnight, 0..1439.
using TimeOfDay = int;
std::string FormatTime(TimeOfDay t);                       // "08:00"
std::optional<TimeOfDay> ParseTime(std::string_view text);  // "HH:MM"

enum class ExerciseKind { kStretch, kStrength, kMobility, kBalance, kCardio, kModality };
enum class Side { kAffected, kUnaffected, kLeft, kRight, kBoth };
enum class LoadKind { kNone, kBodyweight, kKg, kLb, kBand, kRpe };
enum class Swelling { kNone = 0, kMild = 1, kModerate = 2, kSevere = 3 };

const char* ToString(ExerciseKind k);
const char* ToString(Side s);
const char* ToString(LoadKind k);
const char* ToString(Swelling s);
// The swelling levels' names, indexed by Swelling: none, mild, moderate,
// severe. ToString(Swelling) is the same name.
const std::vector<std::string>& SwellingNames();

struct Load {
  LoadKind kind = LoadKind::kNone;
  double value = 0;   // kg, lb or RPE (1-10); unused for band/bodyweight
  std::string band;   // band colour for kBand ("yellow", "red", ...)
  bool operator==(const Load&) const = default;
};

// One step of an exercise's progression ladder. Zero means "not part of this
// dose" (a stretch has no reps, a walk has no sets).
struct Dose {
  int sets = 0;
  int reps = 0;
  int hold_seconds = 0;
  int rest_seconds = 0;
  int minutes = 0;        // continuous work (walk, bike)
  Load load;
  std::string tempo;      // e.g. "3-1-3"
  std::string range;      // e.g. "0-40 degrees"
  std::string note;       // short extra instruction for this step
  // The side this step is done on, when it is not the exercise's own (both
  // legs at first, the sore leg alone on the last step); unset: the exercise's.
  std::optional<Side> side;
  bool operator==(const Dose&) const = default;
};

// Estimated seconds one performance of `dose` takes (sets x reps at about 3 s
// a rep or the hold, plus rest between sets), for session durations. The
// dose already says whether the sides are worked together or in turn.
int EstimateSeconds(const Dose& dose);

struct Exercise {
  std::string id;
  std::string name;
  ExerciseKind kind = ExerciseKind::kStrength;
  std::vector<std::string> targets;      // body targets: quadriceps, glute-medius ...
  std::vector<std::string> equipment;
  std::vector<std::string> tags;         // restriction tags: deep-flexion, impact ...
  std::string instructions;
  std::string stop_if;                   // plain-language "stop if ..."
  Side side = Side::kAffected;
  std::vector<Dose> ladder;              // at least one step
  int interval_days = 0;                 // 0 = the program's default
  std::optional<Illustration> illustration;  // unset: no figure (validate --strict lists it)
  SourceLoc loc;
};

enum class ModalityKind { kIce, kHeat };
enum class ModalityTiming { kAny, kBeforeExercise, kAfterExercise };
const char* ToString(ModalityKind k);
const char* ToString(ModalityTiming t);

// When a modality is given only on a flare day (`only_on_flare`): a day whose
// diary, on that date or in the three days before it, shows swelling at or
// above `swelling_min` or pain (during, after or next morning) at or above
// `pain_min`. At least one of the two is set.
struct FlareRule {
  std::optional<Swelling> swelling_min;
  std::optional<int> pain_min;
};

struct Modality {
  std::string id;
  std::string name;
  ModalityKind kind = ModalityKind::kIce;
  int minutes = 15;
  int times_per_day = 1;
  ModalityTiming when = ModalityTiming::kAny;
  int from_day = 0;       // window, days from the anchor, [from_day, to_day)
  int to_day = 0;
  bool skip_when_swollen = false;  // heat: never on a swollen knee
  std::optional<FlareRule> only_on_flare;  // set: only on flare days
  std::vector<std::string> contraindications;
  std::string instructions;
  SourceLoc loc;
};

enum class CompareOp { kAtLeast, kAtMost };

// A phase exit criterion over a diary measure. Built-in measures:
// "pain" (pain during), "morning-pain", "swelling" (0 none .. 3 severe).
struct Criterion {
  std::string measure;
  CompareOp op = CompareOp::kAtLeast;
  double value = 0;
  std::string text;  // plain words: "knee bends to at least 90 degrees"
  SourceLoc loc;
};

// Tags forbidden within a window of days from the anchor.
struct Restriction {
  std::string tag;
  int from_day = 0;
  int until_day = 0;  // exclusive
  std::string reason;
  SourceLoc loc;
};

// What repeated red pain (pain_rules.stop_after_reds) does to an exercise:
// step back to the ladder's first step and hold there (the default), or stop
// it until the therapist's `reviewed` diary entry. docs/pain-rules.md.
enum class RepeatedRed { kLowestStep, kStop };
const char* ToString(RepeatedRed r);

struct PhaseExercise {
  std::string exercise_id;
  int days_per_week = 7;
  int times_per_day = 1;
  int start_step = 0;        // 0-based ladder step when first scheduled
  // Never stopped by pain, and kept through red flags that stop all but the
  // essentials (clot prevention, early range of motion).
  bool essential = false;
  std::optional<RepeatedRed> on_repeated_red;  // unset: the program's pain_rules
  SourceLoc loc;
};

struct Phase {
  std::string id;
  std::string title;
  std::vector<std::string> goals;
  int start_day = 0;   // earliest start, days from the anchor
  int end_day = 0;     // planned end (next phase's start) when criteria are met
  int max_end_day = 0; // past this with criteria unmet: therapist alert
  std::vector<Criterion> exit_criteria;
  std::vector<std::string> restrictions;   // tags forbidden throughout the phase
  std::vector<PhaseExercise> exercises;
  std::vector<std::string> education;      // ids into Program::education
  SourceLoc loc;
};

// The pain-monitoring model's thresholds (NRS 0-10). See docs/formats/program.md.
struct PainRules {
  int safe_max = 2;            // 0..safe_max: green zone
  int acceptable_max = 5;      // during exercise: <= is acceptable
  int red_min = 7;             // during or after: >= steps back
  int rising_sessions = 3;     // this many consecutive rises in pain during: step back
  int stop_after_reds = 3;     // red entries within stop_window_days: stop the exercise
  int stop_window_days = 14;
  int interval_days = 7;       // default days between step-ups
  int min_logged_per_interval = 2;  // logged sessions needed in an interval to step up
  int gap_days = 7;            // no entries for this long: resume one step lower
  int persistent_pain_days = 0;// pain still present this long after the anchor: see a doctor (0 = off)
  int persistent_pain_min = 3; // what counts as "pain still present"
  int baseline_mornings = 3;   // first mornings logged whose mean is the morning-pain baseline
  RepeatedRed on_repeated_red = RepeatedRed::kLowestStep;
  SourceLoc loc;
};

enum class Urgency { kEmergency, kSameDay, kRoutine };
const char* ToString(Urgency u);

// What a raised red flag stops: nothing (a see-your-doctor alert), every
// exercise but the phase's essential ones, or everything (ice and heat too).
enum class RedFlagStops { kNone, kAllButEssentials, kAll };
const char* ToString(RedFlagStops s);

struct RedFlag {
  std::string id;
  std::string flag;      // diary flag that raises it; empty: shown as advice only
  std::string text;      // "Fever over 38.0 C (100.4 F) or chills"
  std::string action;    // "Call your surgeon today"
  Urgency urgency = Urgency::kSameDay;
  RedFlagStops stops = RedFlagStops::kAll;
  bool from_catalogue = false;  // a shared default from the catalogue's `red_flags`
  SourceLoc loc;
};

struct OutcomeMeasure {
  std::string id;
  std::string name;
  std::vector<int> due_days;  // days from the anchor
  SourceLoc loc;
};

struct Education {
  std::string id;
  std::string title;
  std::string text;
  SourceLoc loc;
};

struct Source {
  std::string id;
  std::string citation;
  std::string url;
};

enum class Anchor { kStart, kSurgery };

// The shared catalogue file: its exercises and the default red flags every
// program gets for the diary flags it does not name itself.
struct Catalogue {
  std::vector<Exercise> exercises;  // sorted by id
  std::vector<RedFlag> red_flags;
};

struct Program {
  std::string id;
  std::string title;
  int version = 1;
  std::string condition;
  std::string summary;
  Anchor anchor = Anchor::kStart;
  int acute_days = 0;          // the acute window: HeatAllowedOnDay (planner/engine/engine.h)
  int default_weeks = 0;       // plan length when --weeks is not given (0: end of last phase)
  std::vector<Source> sources;
  std::vector<Exercise> exercises;   // catalogue entries used by this program, sorted by id
  std::vector<Modality> modalities;
  std::vector<Restriction> restrictions;
  std::vector<Phase> phases;         // in order, contiguous windows
  PainRules pain_rules;
  std::vector<RedFlag> red_flags;
  std::vector<OutcomeMeasure> outcome_measures;
  std::vector<Education> education;
  std::string file;                  // where it was loaded from

  const Exercise* FindExercise(const std::string& wanted) const;
  const Modality* FindModality(const std::string& wanted) const;
  const Education* FindEducation(const std::string& wanted) const;
};

enum class Weekday { kSun = 0, kMon, kTue, kWed, kThu, kFri, kSat };

struct ExerciseOverride {
  std::string exercise_id;
  std::optional<int> start_step;
  bool skip = false;
  std::string note;
  SourceLoc loc;
};

// Who the patient calls, from the patient file's optional `care_team`
// (docs/formats/patient.md): the clinic (its name, the therapist, its phone
// and opening hours) and the surgeon's team (its phone, and the number to
// call out of hours). A field not given is empty. Phones hold only digits,
// spaces and + - ( ) . (the loader checks them); texts are one line.
struct CareTeam {
  std::string clinic;
  std::string therapist;
  std::string clinic_phone;
  std::string clinic_hours;
  std::string surgeon_team_phone;
  std::string surgeon_team_after_hours_phone;  // set only with surgeon_team_phone
};

struct Patient {
  std::string id = "patient";
  std::string program;                 // program id or path (batch); optional
  std::string diary;                   // diary path, relative to the patient file; optional
  Side side = Side::kRight;            // affected side: kLeft, kRight or kBoth
  std::string timezone = "UTC";        // IANA zone
  std::string country;                 // ISO 3166 alpha-2 ("US"); empty: from the time zone
  std::optional<Date> start;
  SourceLoc start_loc;                 // the file's `start:` value; the file itself when absent
  std::optional<Date> surgery;
  std::string procedure;
  std::vector<Weekday> session_days;   // empty: every day
  std::vector<TimeOfDay> session_times = {8 * 60};
  std::string units = "kg";            // kg | lb
  std::string language = "en";
  std::vector<ExerciseOverride> overrides;
  std::optional<CareTeam> care_team;  // unset: no phone numbers beyond the emergency number
  std::string file;
};

struct DiaryEntry {
  Date date;
  std::optional<int> during;    // pain during exercise, 0-10
  std::optional<int> after;     // pain after exercise
  std::optional<int> morning;   // pain the next morning
  std::optional<Swelling> swelling;
  std::map<std::string, double> measures;   // flexion=95, extension=-3 ...
  std::vector<std::string> flags;           // fever, calf-pain, cleared ...
  std::string note;
  int line = 0;                              // line in the diary file, for reasons
  int date_column = 0;                       // column of its date field, for warnings
};

// The emergency number for the patient's `country`, or (when unset) the
// country of their time zone: 911 (US, Canada), 999 (UK), 112 (EU), 000
// (Australia), 111 (New Zealand); otherwise 112, with `fallback` set so the
// outputs can say to check the local number.
struct EmergencyNumber {
  std::string number;
  std::string country;  // the country it is for; empty when unknown
  bool fallback = false;
};
EmergencyNumber EmergencyNumberFor(const Patient& patient);
// "US" for "America/New_York"; "" for a zone the table does not list.
std::string CountryForTimeZone(std::string_view zone);

// Entries sorted by date (stable for equal dates).
struct Diary {
  std::vector<DiaryEntry> entries;
  std::string file;
};

}  // namespace rehab

#endif  // REHAB_PLANNER_MODEL_MODEL_H_
