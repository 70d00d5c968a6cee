// Terminal renderings: the week-by-week plan, `explain` and `show`. Each
// comes back with its control characters replaced (ForTerminal), whatever
// the program and diary hold.
#include "planner/present/render_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "planner/base/utf8.h"
#include "planner/engine/engine.h"
#include "planner/present/dose_text.h"
#include "planner/present/messages.h"
#include "planner/present/text_lines.h"

namespace rehab {

namespace {

const char* ShortWeekday(Date d) {
  static const char* kNames[] = {"Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"};
  return kNames[date::weekday(d).c_encoding()];
}

std::string LongDate(Date d) {
  static const char* kNames[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  return fmt::format("{} {}", kNames[date::weekday(d).c_encoding()], FormatDate(d));
}

size_t Width(const std::string& s) { return TextWidth(s); }

std::string Pad(const std::string& s, size_t width) { return PadText(s, width); }

// The widest line the plan prints.
constexpr size_t kColumns = 100;

void AppendWrapped(std::string& out, const std::string& prefix, std::string_view text,
                   size_t indent, std::string_view separator = " ") {
  rehab::AppendWrapped(out, prefix, text, indent, kColumns, separator);
}

// AppendWrapped into `out` in `style`.
void AddWrapped(LineBuilder& out, LineStyle style, const std::string& prefix, std::string_view text,
                size_t indent) {
  std::string lines;
  AppendWrapped(lines, prefix, text, indent);
  out.Add(lines, style);
}

void RenderAlerts(const Plan& plan, LineBuilder& out) {
  for (const Alert* a : plan.ActiveAlerts()) {
    std::string head =
        AlertHeadline(plan.patient, plan.program->anchor, a->urgency, a->stops, a->kind);
    AddWrapped(out, LineStyle::kAlertHeadline, "!! ", head + ".", 3);
    AddWrapped(out, LineStyle::kAlert, "   ",
               fmt::format("{} (since{}{})", MessageText(a->text), kNoBreak, FormatDate(a->date)),
               3);
    if (!a->action.empty()) AddWrapped(out, LineStyle::kAlert, "   ", MessageText(a->action), 3);
    if (a->stops == RedFlagStops::kAll) {
      out.Add("   Stop all your exercises until a doctor has checked you.\n", LineStyle::kAlert);
    } else if (a->stops == RedFlagStops::kAllButEssentials) {
      std::vector<std::string> names;
      if (const DayPlan* today = plan.FindDay(plan.today)) {
        for (const auto& s : today->sessions) {
          for (const auto& e : s.exercises) {
            if (std::find(names.begin(), names.end(), e.name()) == names.end()) {
              names.push_back(e.name());
            }
          }
        }
      }
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      AddWrapped(out, LineStyle::kAlert, "   ",
                 list.empty() ? "Stop your exercises until a doctor has checked you."
                              : fmt::format("Stop your exercises until a doctor has checked "
                                            "you, except the essential ones: {}.",
                                            list),
                 3);
    }
    if (!a->detail.empty()) {
      AddWrapped(out, LineStyle::kAlert, "   For the therapist: ", MessageText(a->detail), 5);
    }
  }
  if (!plan.ActiveAlerts().empty()) out += "\n";
  for (const auto& note : plan.notes) {
    AddWrapped(out, LineStyle::kPlain, "Note: ", MessageText(note.message), 6);
  }
  if (!plan.notes.empty()) out += "\n";
}

// One exit criterion with what the diary says of it by `before`:
// "flexion (--measure flexion=VALUE): The knee bends ... — target at least
// 90°; latest 80° on 2026-03-10, not met yet".
std::string CriterionLine(const CriterionCheck& c) {
  std::string status = !c.value ? "not measured yet"
                                : fmt::format("latest {} on {}, {}",
                                              DescribeMeasureValue(c.criterion->measure, *c.value),
                                              FormatDate(c.logged), c.met ? "met" : "not met yet");
  return fmt::format("{}: {} — {}; {}", LogHint(c.criterion->measure), c.criterion->text,
                     DescribeTarget(*c.criterion), status);
}

// The program's last phase has no next phase to move on to.
bool IsLastPhase(const Plan& plan, const Phase& phase) {
  return !plan.program->phases.empty() && &plan.program->phases.back() == &phase;
}

// Which measures to log, and when: the exit criteria of the phases still to
// end (their values as the diary has them today).
void RenderWhatToLog(const Plan& plan, LineBuilder& out) {
  out.Add("What to log in your diary\n", LineStyle::kHeading);
  AddWrapped(out, LineStyle::kPlain, "  ",
             "Every session: pain during and just after the exercises, pain the next morning "
             "(0-10), and swelling.",
             4);
  for (const PhaseSpan& span : plan.phases) {
    if (span.end <= plan.today) continue;  // already over
    const Phase* phase = plan.FindPhase(span.id);
    if (phase == nullptr || phase->exit_criteria.empty() || IsLastPhase(plan, *phase)) continue;
    AddWrapped(out, LineStyle::kPlain, "  ",
               fmt::format("To move on from '{}' (checked from {}): log these in the week "
                           "before, and again when they change",
                           span.title, LongDate(PlannedPhaseEnd(*phase, plan.anchor, span.start))),
               4);
    for (const auto& c :
         CheckExitCriteria(*phase, plan.diary.entries, plan.today + date::days(1), plan.today)) {
      AddWrapped(out, LineStyle::kPlain, "    - ", CriterionLine(c), 6);
    }
  }
  out += "\n";
}

struct Row {
  std::string name;
  std::string dose;  // the dose on the days this row marks
  std::string marks[7];
};

// The week's rows in order of first appearance: one per exercise and dose,
// so each day's mark stands beside the dose of that day, then one per ice or
// heat modality used.
struct WeekRows {
  std::vector<std::string> order;
  std::map<std::string, Row> rows;
};

void AddExerciseRows(const Plan& plan, size_t first, size_t last, WeekRows& week) {
  const std::string& units = plan.patient.units;
  std::set<Date> logged;
  for (const auto& e : plan.diary.entries) logged.insert(e.date);
  for (size_t i = first; i < last; ++i) {
    const DayPlan& day = plan.days[i];
    bool done = day.past && logged.count(day.date) > 0;
    std::map<std::string, int> per_day;  // sessions of each exercise that day
    for (const auto& s : day.sessions) {
      for (const auto& e : s.exercises) ++per_day[e.id()];
    }
    for (const auto& s : day.sessions) {
      for (const auto& e : s.exercises) {
        std::string dose = fmt::format("{} · {} · step {}/{}", DescribeDose(*e.dose, units),
                                       DescribeSide(e), e.step + 1, e.steps);
        std::string key = e.id() + '\x1f' + dose;
        auto [it, inserted] = week.rows.try_emplace(key);
        if (inserted) {
          week.order.push_back(key);
          it->second.name = e.name();
          it->second.dose = dose;
          for (auto& m : it->second.marks) m = "·";
        }
        int n = per_day[e.id()];
        it->second.marks[i - first] = n > 1 ? fmt::format("{}", n) : done ? "✓" : "●";
      }
    }
  }
}

// Puts each exercise's rows together, exercises in order of first appearance.
void GroupByExercise(WeekRows& week) {
  std::vector<std::string> exercises;  // ids in order of first appearance
  auto id_of = [](const std::string& key) { return key.substr(0, key.find('\x1f')); };
  for (const auto& key : week.order) {
    std::string id = id_of(key);
    if (std::find(exercises.begin(), exercises.end(), id) == exercises.end())
      exercises.push_back(id);
  }
  std::stable_sort(
      week.order.begin(), week.order.end(), [&](const std::string& a, const std::string& b) {
        auto rank = [&](const std::string& key) {
          return std::find(exercises.begin(), exercises.end(), id_of(key)) - exercises.begin();
        };
        return rank(a) < rank(b);
      });
}

void AddModalityRows(const Plan& plan, size_t first, size_t last, WeekRows& week) {
  for (const auto& m : plan.program->modalities) {
    Row row;
    row.name = m.name;
    bool any = false;
    for (size_t i = first; i < last; ++i) {
      int count = 0;
      for (const auto& slot : plan.days[i].modalities) count += slot.modality_id == m.id;
      row.marks[i - first] = count == 0 ? "·" : fmt::format("{}", count);
      any = any || count > 0;
    }
    if (!any) continue;
    row.dose = fmt::format("{} minutes each time ({})", m.minutes,
                           m.when == ModalityTiming::kBeforeExercise  ? "before exercise"
                           : m.when == ModalityTiming::kAfterExercise ? "after exercise"
                                                                      : "spread over the day");
    week.order.push_back("modality:" + m.id);
    week.rows.emplace("modality:" + m.id, row);
  }
}

const char* ChangeWord(StepChange change) {
  switch (change) {
    case StepChange::kUp:
      return "text.change.up";
    case StepChange::kHold:
      return "text.change.hold";
    case StepChange::kBack:
      return "text.change.back";
    case StepChange::kStop:
      return "text.change.stop";
    case StepChange::kResume:
      return "text.change.resume";
    case StepChange::kStart:
    case StepChange::kSame:
      break;
  }
  return "text.change.start";
}

// The week's milestones and dose changes by date, one line a day for the
// changes one decision made ("Step up: Ankle pumps, Heel slide and Walking
// — ..."): their reasons read alike once steps are worded without the
// ladders' lengths.
}  // namespace

std::vector<std::pair<Date, std::string>> DayNotes(const Plan& plan, Date from, Date to) {
  std::vector<std::pair<Date, std::string>> notes;
  for (const auto& day : plan.days) {
    if (day.date < from || day.date > to) continue;
    for (const auto& m : day.milestones) notes.emplace_back(day.date, MessageText(m.message));
  }
  // (date, label, reason) -> exercise names, in the order of plan.changes.
  std::vector<std::pair<std::tuple<Date, std::string, std::string>, std::vector<std::string>>>
      changes;
  const std::string& language = plan.patient.language;
  for (const auto& c : plan.changes) {
    if (c.date < from || c.date > to || c.change == StepChange::kStart) continue;
    const Exercise* ex = plan.program->FindExercise(c.exercise_id);
    std::tuple<Date, std::string, std::string> key{
        c.date, MessageText(Message(ChangeWord(c.change)), language),
        MessageTextWithoutLadderLength(c.reason.message, language)};
    auto it = std::find_if(changes.begin(), changes.end(),
                           [&key](const auto& entry) { return entry.first == key; });
    if (it == changes.end()) it = changes.insert(changes.end(), {key, {}});
    it->second.push_back(ex != nullptr ? ex->name : c.exercise_id);
  }
  for (auto& [key, names] : changes) {
    auto& [date, label, reason] = key;
    Message m("text.change");
    m.With("change", label).With("exercises", names).With("reason", reason);
    notes.emplace_back(date, MessageText(m, language));
  }
  std::stable_sort(notes.begin(), notes.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  return notes;
}

namespace {

void AppendDayNotes(const Plan& plan, Date from, Date to, LineBuilder& out) {
  for (const auto& [date, text] : DayNotes(plan, from, to)) {
    AddWrapped(out, LineStyle::kPlain, fmt::format("  {} · ", LongDate(date)), text, 6);
  }
}

// A table row: `line` (name and marks) then the dose, wrapped under the
// dose column at its " · " parts, or at spaces when a part is too long.
void AppendDose(std::string& out, const std::string& line, const std::string& dose) {
  std::string wrapped;
  AppendWrapped(wrapped, line, dose, Width(line), " \u00b7 ");
  size_t widest = 0;
  for (size_t at = 0, end = 0; at < wrapped.size(); at = end + 1) {
    end = wrapped.find('\n', at);
    widest = std::max(widest, Width(wrapped.substr(at, end - at)));
  }
  if (widest > kColumns) {
    wrapped.clear();
    AppendWrapped(wrapped, line, dose, Width(line));
  }
  out += wrapped;
}

// "Week 3", or "Weeks 2-3" for seven days that are not one plan week (a
// window from a Monday of a plan that starts on another day).
std::string WeekLabel(const DayPlan& start, const DayPlan& end, const std::string& language) {
  int first = start.day / 7 + 1, last = end.day / 7 + 1;
  if (first == last) return MessageText(Message("text.week").With("n", first), language);
  return MessageText(Message("text.weeks").With("from", first).With("to", last), language);
}

// The days plan.days[first, last) (at most seven) as one table.
void RenderWeek(const Plan& plan, size_t first, size_t last, LineBuilder& out) {
  const DayPlan& start = plan.days[first];
  const DayPlan& end = plan.days[last - 1];
  std::string phase_title;
  for (const auto& p : plan.phases) {
    if (p.id == start.phase_id) phase_title = p.title;
  }
  AddWrapped(out, LineStyle::kHeading,
             fmt::format("{} · {} to {} · ", WeekLabel(start, end, plan.patient.language),
                         LongDate(start.date), LongDate(end.date)),
             phase_title, 4);
  WeekRows week;
  AddExerciseRows(plan, first, last, week);
  GroupByExercise(week);
  AddModalityRows(plan, first, last, week);
  size_t name_width = 24;
  for (const auto& [id, row] : week.rows) name_width = std::max(name_width, Width(row.name) + 2);
  std::string header = "  " + std::string(name_width, ' ');
  for (size_t i = first; i < last; ++i)
    header += fmt::format("{} ", ShortWeekday(plan.days[i].date));
  out += header + "\n";
  for (const auto& id : week.order) {
    const Row& row = week.rows[id];
    std::string line = "  " + Pad(row.name, name_width);
    for (size_t i = 0; i < last - first; ++i) line += Pad(row.marks[i], 3);
    line += " ";
    std::string dose;
    AppendDose(dose, line, row.dose);
    out += dose;
  }
  bool stopped = false;
  for (size_t i = first; i < last; ++i) stopped = stopped || plan.days[i].stopped;
  if (stopped) {
    std::string line = "  " + Pad("(no exercise: red flag)", name_width);
    for (size_t i = first; i < last; ++i) line += Pad(plan.days[i].stopped ? "✗" : " ", 3);
    out += line + "\n";
  }
  if (week.order.empty() && !stopped) out += "  (no sessions this week)\n";
  AppendDayNotes(plan, start.date, end.date, out);
  out += "\n";
}

// "Patient p-7 · affected: right leg · time zone America/New_York"; a plan
// made without a patient file has no patient id to name.
std::string PatientLine(const Patient& patient) {
  std::string line = patient.id.empty() || patient.id == Patient{}.id
                         ? "Affected: "
                         : fmt::format("Patient {} · affected: ", patient.id);
  return line + fmt::format("{} · time zone {}", DescribeSide(patient.side), patient.timezone);
}

}  // namespace

Date MondayOf(Date day) { return day - (date::weekday(day) - date::Monday); }

std::pair<size_t, size_t> WindowDays(const Plan& plan, const TextWindow& window) {
  size_t first = 0;
  if (window.from && *window.from > plan.start) {
    first = static_cast<size_t>((*window.from - plan.start).count());
  }
  size_t last = plan.days.size();
  if (first >= last) return {last, last};
  if (window.weeks > 0) last = std::min(last, first + 7 * static_cast<size_t>(window.weeks));
  return {first, last};
}

StyledText RenderTextLines(const Plan& plan, const TextWindow& window) {
  LineBuilder out;
  std::string title;
  AppendWrapped(
      title, "",
      fmt::format("{} ({} v{})", plan.program->title, plan.program->id, plan.program->version), 2);
  out.Add(title, LineStyle::kHeading);
  AddWrapped(out, LineStyle::kPlain, "", PatientLine(plan.patient), 2);
  std::string times;
  for (TimeOfDay t : plan.patient.session_times)
    times += (times.empty() ? "" : ", ") + FormatTime(t);
  AddWrapped(out, LineStyle::kPlain, "",
             fmt::format("{} {} · plan {} to {} · today {} · sessions at {}",
                         plan.program->anchor == Anchor::kSurgery ? "Surgery" : "Start",
                         FormatDate(plan.anchor), FormatDate(plan.start),
                         FormatDate(plan.end - date::days(1)), FormatDate(plan.today), times),
             2);
  auto [first, last] = WindowDays(plan, window);
  const std::string& language = plan.patient.language;
  if (first == last && !plan.days.empty()) {
    AddWrapped(out, LineStyle::kPlain, "",
               MessageText(Message("text.window.none")
                               .With("from", LongDate(*window.from))
                               .With("end", LongDate(plan.end - date::days(1))),
                           language),
               2);
  } else if (first > 0 || last < plan.days.size()) {
    AddWrapped(out, LineStyle::kPlain, "",
               MessageText(Message("text.window")
                               .With("from", LongDate(plan.days[first].date))
                               .With("to", LongDate(plan.days[last - 1].date))
                               .With("start", FormatDate(plan.start))
                               .With("end", FormatDate(plan.end - date::days(1))),
                           language),
               2);
  }
  out += "● exercise day  ✓ done (diary entry)  2 = times that day  ✗ stopped  · rest\n\n";
  RenderAlerts(plan, out);
  out.Add("Phases\n", LineStyle::kHeading);
  for (const auto& p : plan.phases) {
    std::string note = p.overdue    ? " (overdue: therapist review)"
                       : p.extended ? " (held longer: criteria not yet met)"
                                    : "";
    AddWrapped(out, LineStyle::kPlain,
               fmt::format("  {} to {}  ", FormatDate(p.start), FormatDate(p.end - date::days(1))),
               p.title + note, 28);
  }
  out += "\n";
  RenderWhatToLog(plan, out);
  for (size_t i = first; i < last; i += 7) RenderWeek(plan, i, std::min(i + 7, last), out);
  if (!plan.program->red_flags.empty()) {
    out.Add("Warning signs and what to do\n", LineStyle::kHeading);
    auto rank = [](Urgency u) {
      return u == Urgency::kEmergency ? 0 : u == Urgency::kSameDay ? 1 : 2;
    };
    std::vector<const RedFlag*> flags;
    for (const auto& f : plan.program->red_flags) flags.push_back(&f);
    std::stable_sort(flags.begin(), flags.end(), [&](const RedFlag* a, const RedFlag* b) {
      return rank(a->urgency) < rank(b->urgency);
    });
    for (const RedFlag* f : flags) {
      AddWrapped(out, LineStyle::kPlain, "  - ",
                 fmt::format("{}: {}. {}", f->text,
                             AlertHeadline(plan.patient, plan.program->anchor, f->urgency, f->stops,
                                           AlertKind::kRedFlag),
                             f->action),
                 4);
    }
  }
  return out.Take();
}

std::string RenderText(const Plan& plan, const TextWindow& window) {
  return PlainText(RenderTextLines(plan, window));
}

std::string RenderExplain(const Plan& plan, Date day) {
  std::string out;
  const DayPlan* d = plan.FindDay(day);
  if (d == nullptr) {
    return fmt::format("{} is outside the plan ({} to {}).\n", FormatDate(day),
                       FormatDate(plan.start), FormatDate(plan.end - date::days(1)));
  }
  std::string phase_title;
  for (const auto& p : plan.phases) {
    if (p.id == d->phase_id) phase_title = p.title;
  }
  out += fmt::format("{} · day {} of {} · phase: {}\n", LongDate(day), d->day + 1,
                     plan.program->title, phase_title);
  out += day < plan.today ? "This day is in the past: it reflects your diary.\n\n"
                          : "This day is ahead: it is the plan as things stand today.\n\n";
  if (d->stopped) {
    for (const auto& a : plan.alerts) {
      if (a.kind == AlertKind::kRedFlag && a.stops == RedFlagStops::kAll && a.date <= day &&
          (!a.cleared || *a.cleared > day)) {
        out += fmt::format("No exercise on this day: {} (logged {}).\n{}\n", MessageText(a.text),
                           FormatDate(a.date), MessageText(a.action));
      }
    }
    return out;
  }
  if (d->essentials_only) {
    for (const auto& a : plan.alerts) {
      if (a.kind == AlertKind::kRedFlag && a.stops == RedFlagStops::kAllButEssentials &&
          a.date <= day && (!a.cleared || *a.cleared > day)) {
        out += fmt::format("Only the essential exercises on this day: {} (logged {}).\n{}\n\n",
                           MessageText(a.text), FormatDate(a.date), MessageText(a.action));
      }
    }
  }
  std::vector<std::string> seen;
  for (const auto& s : d->sessions) {
    for (const auto& e : s.exercises) {
      if (std::find(seen.begin(), seen.end(), e.id()) != seen.end()) continue;
      seen.push_back(e.id());
      out += fmt::format("{}: {}, {} (step {} of {})\n", e.name(),
                         DescribeDose(*e.dose, plan.patient.units), DescribeSide(e),
                         e.step + 1, e.steps);
      for (const auto& c : plan.changes) {
        if (c.exercise_id != e.id() || c.date > day) continue;
        out += fmt::format("  {}  {}\n", FormatDate(c.date), MessageText(c.reason.message));
      }
    }
  }
  if (seen.empty()) out += "No exercise is scheduled on this day.\n";
  for (const auto& m : d->modalities) {
    out += fmt::format("{} at {} for {} minutes\n", m.name, FormatTime(m.time), m.minutes);
  }
  // What the phase needs logged to move on, as the diary stands on this day.
  const Phase* phase = plan.FindPhase(d->phase_id);
  if (phase != nullptr && !phase->exit_criteria.empty() && !IsLastPhase(plan, *phase)) {
    Date checked = day;
    for (const auto& p : plan.phases) {
      if (p.id == d->phase_id) checked = PlannedPhaseEnd(*phase, plan.anchor, p.start);
    }
    out +=
        fmt::format("\nTo move on from this phase (checked from {}), log:\n", FormatDate(checked));
    for (const auto& c : CheckExitCriteria(*phase, plan.diary.entries, day, plan.today)) {
      out += "  - " + CriterionLine(c) + "\n";
    }
  }
  return ForTerminal(out);
}

std::string RenderProgramText(const Program& program) {
  std::string out;
  out += fmt::format("{} ({} v{})\n{}\n", program.title, program.id, program.version,
                     program.condition);
  if (!program.summary.empty()) out += "\n" + program.summary + "\n";
  out += fmt::format("\nAnchor: {} date\n\nPhases\n",
                     program.anchor == Anchor::kSurgery ? "surgery" : "start");
  for (const auto& p : program.phases) {
    out +=
        fmt::format("  days {}-{} (max {}): {}\n", p.start_day, p.end_day, p.max_end_day, p.title);
    for (const auto& g : p.goals) out += fmt::format("      goal: {}\n", g);
    for (const auto& pe : p.exercises) {
      const Exercise* ex = program.FindExercise(pe.exercise_id);
      out += fmt::format("      - {} ({}x/week, {}x/day){}\n", ex ? ex->name : pe.exercise_id,
                         pe.days_per_week, pe.times_per_day, pe.essential ? ", essential" : "");
    }
    for (const auto& c : p.exit_criteria) {
      out += fmt::format("      exit: {} (log: {})\n", c.text, LogHint(c.measure));
    }
    for (const auto& r : p.restrictions) out += fmt::format("      no: {}\n", r);
  }
  if (!program.restrictions.empty()) {
    out += "\nRestrictions\n";
    for (const auto& r : program.restrictions) {
      out += fmt::format("  no {} from day {} to day {}: {}\n", r.tag, r.from_day, r.until_day,
                         r.reason);
    }
  }
  out += "\nExercises\n";
  for (const auto& e : program.exercises) {
    out += fmt::format("  {} ({}, {})\n", e.name, e.id, ToString(e.kind));
    for (size_t i = 0; i < e.ladder.size(); ++i) {
      out += fmt::format("      step {}: {}\n", i + 1, DescribeDose(e.ladder[i], "kg"));
    }
  }
  if (!program.modalities.empty()) {
    out += "\nIce and heat\n";
    for (const auto& m : program.modalities) {
      std::string flare;
      if (m.only_on_flare) {
        std::string signs;
        if (m.only_on_flare->swelling_min) {
          signs = fmt::format("swelling {} or more", ToString(*m.only_on_flare->swelling_min));
        }
        if (m.only_on_flare->pain_min) {
          signs += fmt::format("{}pain {}/10 or more", signs.empty() ? "" : ", or ",
                               *m.only_on_flare->pain_min);
        }
        flare = fmt::format(", only on a flare day ({}, logged that day or in the 3 days before)",
                            signs);
      }
      out += fmt::format("  {}: {} minutes, {} times a day, days {}-{}{}\n", m.name, m.minutes,
                         m.times_per_day, m.from_day, m.to_day, flare);
    }
  }
  if (!program.red_flags.empty()) {
    out += "\nRed flags\n";
    for (const auto& f : program.red_flags) {
      out += fmt::format("  {} ({}, stops {}): {}\n", f.text, ToString(f.urgency),
                         ToString(f.stops), f.action);
    }
  }
  out += "\nSources\n";
  for (const auto& s : program.sources) {
    out += fmt::format("  [{}] {}{}\n", s.id, s.citation, s.url.empty() ? "" : " " + s.url);
  }
  return ForTerminal(out);
}

}  // namespace rehab
