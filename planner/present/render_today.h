// `rehab today`: one day of the plan as a patient follows it, in short
// lines for a large terminal font: alerts first, then the day's sessions and
// ice or heat in time order with each exercise's dose for that day, what to
// write in the diary, and what else the day holds.
#ifndef REHAB_PLANNER_PRESENT_RENDER_TODAY_H_
#define REHAB_PLANNER_PRESENT_RENDER_TODAY_H_

#include <cstddef>
#include <string>

#include "planner/model/plan.h"
#include "planner/present/text_lines.h"

namespace rehab {

// The widest line of the day view: narrower than the plan's 100, so that it
// fits a terminal with a large font.
inline constexpr size_t kTodayColumns = 72;

// The day `day` of `plan` (normally plan.today, whose alerts it shows):
// - every alert in force, before anything else, headline first;
// - the day's sessions and ice or heat slots by time (the patient's own
//   clock, as the plan has it), each session's exercises with the dose of
//   that day as the text plan words it (dose · side), marked when it is new,
//   harder or easier from that day; a session the same as an earlier one
//   that day says so instead of repeating the list;
// - a rest day says so and names the next day with exercises and its first
//   time; a stopped day sends to the alert;
// - the day's milestones and dose changes (DayNotes);
// - what to write in the diary: the session entries, this and tomorrow
//   morning's pain, and the current phase's measures once its check is
//   within a week;
// - a day before the plan's start or after its end says so and when it
//   starts or ended.
// Every line is at most kTodayColumns wide unless one word is wider.
StyledText RenderTodayLines(const Plan& plan, Date day);

// RenderTodayLines as plain text (PlainText).
std::string RenderToday(const Plan& plan, Date day);

}  // namespace rehab

#endif  // REHAB_PLANNER_PRESENT_RENDER_TODAY_H_
