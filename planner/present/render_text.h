// Plain-text renderings for the terminal: the plan week by week, the
// explanation of one day, and a program summary.
#ifndef REHAB_PLANNER_PRESENT_RENDER_TEXT_H_
#define REHAB_PLANNER_PRESENT_RENDER_TEXT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "planner/model/plan.h"
#include "planner/present/text_lines.h"

namespace rehab {

// The weeks the text plan shows: by default all of them. Header, alerts,
// phases, what to log and the warning signs are shown whatever the window.
struct TextWindow {
  // The first day shown (a day before the plan's start shows from its start;
  // one after its end shows no week); nullopt: the plan's start.
  std::optional<Date> from;
  // How many weeks (seven days each) from `from`; 0: up to the plan's end.
  int weeks = 0;
  bool operator==(const TextWindow&) const = default;
};

// The Monday of `day`'s week (Monday to Sunday): `day` itself on a Monday.
Date MondayOf(Date day);

// The days plan.days[first, last) that `window` shows; first == last when
// it shows none (it starts after the plan's end).
std::pair<size_t, size_t> WindowDays(const Plan& plan, const TextWindow& window);

// Header, active alerts, phases, then one table per week of the window
// (exercises x days, with each day's dose), milestones and the reasons for
// dose changes. Seven-day tables run from the window's first day; a window
// that shows only part of the plan says which part in the header.
StyledText RenderTextLines(const Plan& plan, const TextWindow& window = {});

// The milestones and dose changes of the days from `from` to `to`
// (inclusive), by date: one sentence for each milestone, and one for the
// changes each decision made ("Step up: Ankle pumps and Heel slide — ...").
std::vector<std::pair<Date, std::string>> DayNotes(const Plan& plan, Date from, Date to);

// RenderTextLines as plain text (PlainText).
std::string RenderText(const Plan& plan, const TextWindow& window = {});

// For each exercise on `day`: its dose and the chain of decisions behind it.
// Worded in the patient's language.
std::string RenderExplain(const Plan& plan, Date day);

// A program's phases, exercises with their ladders, rules and sources.
std::string RenderProgramText(const Program& program, const std::string& language);

}  // namespace rehab

#endif  // REHAB_PLANNER_PRESENT_RENDER_TEXT_H_
