// Caseload triage: which patient of a caseload needs the therapist first, read from each
// patient's generated plan (docs/triage.md). One rule, one home: the categories and their
// order are decided here; the words come from the message catalogue.
#ifndef REHAB_PLANNER_ENGINE_TRIAGE_H_
#define REHAB_PLANNER_ENGINE_TRIAGE_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "planner/model/model.h"
#include "planner/model/plan.h"

namespace rehab {

// In order of urgency: the lower the value, the sooner the patient needs the therapist.
enum class TriageCategory {
  kEmergency = 1,   // an active red flag of emergency urgency
  kSameDay = 2,     // an active red flag (or see-a-doctor alert) of same-day urgency
  kTherapist = 3,   // a therapist alert: phase overdue, criteria not met, exercises stopped,
                    // repeated red pain, a routine see-a-doctor alert
  kMeasureDue = 4,  // an outcome measure due in the 7 days from today
  kNoDiary = 5,     // no diary entry for the program's gap_days (or the override)
  kNothing = 6,     // nothing to do
};

// "emergency", "same-day", "therapist", "measure-due", "no-diary", "nothing".
const char* ToString(TriageCategory c);

// True for the categories in which someone needs a call or a review now (1-3): the exit
// status of `rehab batch` and `rehab triage` says so.
bool NeedsAttention(TriageCategory c);

// One reason a patient is on the list.
struct TriageReason {
  TriageCategory category = TriageCategory::kNothing;
  std::string rule;           // stable id: the alert id ("calf-pain", "phase-overdue:early",
                              // "exercise-stopped"), "criteria-not-met:<phase>",
                              // "outcome-measure:<measure>" or "no-diary"
  Message what;               // what happened (a catalogue message, or the red flag's own text)
  Message todo;               // what the therapist does ("Call now")
  std::optional<Date> since;  // when it started (or, for a measure, when it is due)
  std::vector<Date> dates;    // the diary dates behind it, when any
  bool operator==(const TriageReason&) const = default;
};

// A patient's place on the triage list.
struct TriageEntry {
  std::string patient_id;
  TriageCategory category = TriageCategory::kNothing;  // of reasons.front(), else kNothing
  std::vector<TriageReason> reasons;                   // the most urgent first
  bool operator==(const TriageEntry&) const = default;
};

struct TriageOptions {
  // Days without a diary entry after which a patient is listed (category 5); unset: the
  // program's pain_rules.gap_days, the silence after which the plan itself starts again a
  // step lower (docs/pain-rules.md).
  std::optional<int> no_diary_days;
};

// The triage entry of one patient's plan on plan.today: every active alert, the current
// phase held past its planned end with its criteria not met, outcome measures due from today
// to 6 days on, and the days since the last diary entry (or since the plan's start, when the
// diary is empty) once they reach the threshold. Reasons are sorted by category, then by
// date, then rule.
TriageEntry Triage(const Plan& plan, const TriageOptions& options = {});

// A triage entry made on an earlier day, as on `today`: the days a "no
// diary" reason counts since the last entry (or the start) counted to today.
void RecountTriageDays(TriageEntry* entry, Date today);

// The last day through which Triage of the plan Generate gives for that day
// is this one's, recounted (RecountTriageDays) to that day; at most
// plan.valid_through. (A measure's 7-day window, a held phase and reaching
// the no-diary threshold move with today.)
Date TriageValidThrough(const Plan& plan, const TriageOptions& options = {});

// One entry of a TriageSchedule: the triage from day `from` on.
struct ScheduledTriage {
  Date from;
  TriageEntry entry;
  bool operator==(const ScheduledTriage&) const = default;
};

// The triage of every day from plan.today to plan.valid_through, as the days it changes on:
// the first entry is Triage(plan), from plan.today; each entry, recounted (RecountTriageDays)
// to any day before the next entry's `from`, is the triage of the plan Generate gives on that
// day. A batch keeps it, so a patient whose files did not change is not planned again when
// only the triage moves (a measure falls due, the diary's silence reaches the threshold).
std::vector<ScheduledTriage> TriageSchedule(const Plan& plan, const TriageOptions& options = {});

// Sorts a caseload's entries: by category, then patient id.
void SortTriage(std::vector<TriageEntry>* entries);

// The message ids Triage emits (each has an English template; tests/triage_test.cc).
std::span<const std::string_view> TriageMessageIds();

}  // namespace rehab

#endif  // REHAB_PLANNER_ENGINE_TRIAGE_H_
