// How occurrences become calendar events: the grouping keys (one type per
// kind of event, naming every field its text and properties are built from),
// the groups of identical occurrences, and their split into RRULE runs.
#ifndef REHAB_PLANNER_PRESENT_ICS_GROUPING_H_
#define REHAB_PLANNER_PRESENT_ICS_GROUPING_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "planner/base/hash.h"
#include "planner/model/plan.h"

namespace rehab::ics {

// Keys hold views and pointers into the plan they were built from, and
// compare and hash through Tie() (planner/base/hash.h): two occurrences
// share an event exactly when their keys are equal, and a key holds every
// input of its event's text and properties, so occurrences that would read
// differently never share one. What is the same for the whole render (the
// program, the patient's units, the options) is not in the keys.

// A dose compared by value (every field of Dose, through Dose::operator==).
struct DoseRef {
  const Dose* dose = nullptr;
  bool operator==(const DoseRef& o) const { return dose == o.dose || *dose == *o.dose; }
};
size_t HashValue(const DoseRef& d);

// One exercise's line in a session's DESCRIPTION: its name (from the
// program's exercise), dose and side.
struct ExerciseLineKey {
  const Exercise* exercise = nullptr;
  DoseRef dose;
  Side side = Side::kRight;
  auto Tie() const { return std::tie(exercise, dose, side); }
  bool operator==(const ExerciseLineKey& o) const { return Tie() == o.Tie(); }
};

// A session event: its phase (description), slot (UID, title), the number
// of sessions in its day (title), local time (DTSTART), length (DURATION; 0
// means the doses' estimate) and its exercise lines in order (numbers from a
// KeyIndex<ExerciseLineKey>) with, parallel to them, each exercise's change
// line in force (the renderer's numbers; -1: none).
struct SessionKey {
  std::string_view phase_id;
  int slot = 0;
  int sessions = 1;
  TimeOfDay time = 0;
  int duration_minutes = 0;
  std::vector<size_t> lines;
  std::vector<long long> changes;
  auto Tie() const {
    return std::tie(phase_id, slot, sessions, time, duration_minutes, lines, changes);
  }
  bool operator==(const SessionKey& o) const { return Tie() == o.Tie(); }
};

// An ice/heat event: the modality (its instructions and UID), its occurrence
// in the day (UID), local time, name, kind, minutes and timing.
struct ModalityKey {
  std::string_view modality_id;
  int occurrence = 0;
  TimeOfDay time = 0;
  std::string_view name;
  ModalityKind kind = ModalityKind::kIce;
  int minutes = 0;
  ModalityTiming when = ModalityTiming::kAny;
  auto Tie() const { return std::tie(modality_id, occurrence, time, name, kind, minutes, when); }
  bool operator==(const ModalityKey& o) const { return Tie() == o.Tie(); }
};

// Each distinct key's number (an index in the caller's vector of what the
// key stands for).
template <typename Key>
using KeyIndex = std::unordered_map<Key, size_t, TieHash<Key>>;

// Timed occurrences (sessions, ice/heat slots) with equal keys: one content,
// several dates, which become one or more recurring events.
struct Group {
  std::string kind;  // "session" or "modality:<id>" (UID)
  int slot = 0;      // session slot or the slot's occurrence in its day (UID)
  TimeOfDay time = 0;
  std::vector<std::string> body;  // properties after DTSTART (and RRULE)
  std::vector<std::string> alarm;
  std::vector<Date> dates;     // ascending
  std::vector<size_t> orders;  // parallel to dates: positions in the plan
};

// A stretch of a group's dates that one RRULE describes exactly.
struct Run {
  size_t begin = 0;
  size_t count = 0;
  unsigned weekdays = 0;  // bit n set: weekday n (0 = Sunday) is in the rule
};

// Splits ascending dates into runs, each "from its first date, every date on
// these weekdays, COUNT times". Every date lands in exactly one run, so the
// expansion of the runs' rules is exactly `dates`. With `repeat` false,
// every date is a run of its own.
std::vector<Run> SplitIntoRuns(const std::vector<Date>& dates, bool repeat);

// "RRULE:FREQ=DAILY;COUNT=n" or "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=n".
std::string Rrule(const Run& run);

}  // namespace rehab::ics

#endif  // REHAB_PLANNER_PRESENT_ICS_GROUPING_H_
