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

// The catalogue's wording of `m` in `language`.
std::string Say(const Message& m, const std::string& language) { return MessageText(m, language); }

// A template without arguments ("text.phases").
std::string Say(const char* id, const std::string& language) {
  return MessageText(Message(id), language);
}

// "Tu", above a day's column.
std::string ShortWeekday(Date d, const std::string& language) {
  static const char* kIds[] = {"text.weekday.sun", "text.weekday.mon", "text.weekday.tue",
                               "text.weekday.wed", "text.weekday.thu", "text.weekday.fri",
                               "text.weekday.sat"};
  return Say(kIds[date::weekday(d).c_encoding()], language);
}

// "Tue 2026-03-10".
std::string TextDate(Date d, const std::string& language) {
  return Say(
      Message("text.date").With("weekday", WeekdayName(d, language)).With("date", FormatDate(d)),
      language);
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
  const std::string& language = plan.patient.language;
  for (const Alert* a : plan.ActiveAlerts()) {
    std::string head =
        AlertHeadline(plan.patient, plan.program->anchor, a->urgency, a->stops, a->kind);
    AddWrapped(out, LineStyle::kAlertHeadline, "!! ", head + ".", 3);
    // "(since 2026-11-21)" never breaks.
    std::string since =
        Say(Message("text.alert.since").With("date", FormatDate(a->date)), language);
    std::replace(since.begin(), since.end(), ' ', kNoBreak);
    AddWrapped(
        out, LineStyle::kAlert, "   ",
        Say(Message("text.alert").With("text", MessageText(a->text, language)).With("since", since),
            language),
        3);
    if (!a->action.empty()) {
      AddWrapped(out, LineStyle::kAlert, "   ", MessageText(a->action, language), 3);
    }
    if (a->stops == RedFlagStops::kAll) {
      out.Add("   " + Say("text.alert.stop-all", language) + "\n", LineStyle::kAlert);
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
      AddWrapped(out, LineStyle::kAlert, "   ",
                 names.empty()
                     ? std::string(Text(StringId::kAlertStopExercise, language))
                     : Say(Message("text.alert.keep-essentials").With("names", names), language),
                 3);
    }
    if (!a->detail.empty()) {
      AddWrapped(out, LineStyle::kAlert, "   " + Say("text.alert.detail", language) + " ",
                 MessageText(a->detail, language), 5);
    }
  }
  if (!plan.ActiveAlerts().empty()) out += "\n";
  for (const auto& note : plan.notes) {
    AddWrapped(out, LineStyle::kPlain, Say("text.note", language) + " ",
               MessageText(note.message, language), 6);
  }
  if (!plan.notes.empty()) out += "\n";
}

// One exit criterion with what the diary says of it by `before`:
// "flexion (--measure flexion=VALUE): The knee bends ... — target at least
// 90°; latest 80° on 2026-03-10, not met yet".
std::string CriterionLine(const CriterionCheck& c, const std::string& language) {
  std::string status =
      !c.value
          ? Say("text.criterion.not-measured", language)
          : Say(Message("text.criterion.latest")
                    .With("value", DescribeMeasureValue(c.criterion->measure, *c.value, language))
                    .With("date", FormatDate(c.logged))
                    .With("met",
                          Say(c.met ? "text.criterion.met" : "text.criterion.unmet", language)),
                language);
  return Say(Message("text.criterion")
                 .With("hint", LogHint(c.criterion->measure, language))
                 .With("criterion", c.criterion->text)
                 .With("target", DescribeTarget(*c.criterion, language))
                 .With("status", status),
             language);
}

// The program's last phase has no next phase to move on to.
bool IsLastPhase(const Plan& plan, const Phase& phase) {
  return !plan.program->phases.empty() && &plan.program->phases.back() == &phase;
}

// Which measures to log, and when: the exit criteria of the phases still to
// end (their values as the diary has them today).
void RenderWhatToLog(const Plan& plan, LineBuilder& out) {
  const std::string& language = plan.patient.language;
  out.Add(Say("text.log.heading", language) + "\n", LineStyle::kHeading);
  AddWrapped(out, LineStyle::kPlain, "  ", Say("text.log.every-session", language), 4);
  for (const PhaseSpan& span : plan.phases) {
    if (span.end <= plan.today) continue;  // already over
    const Phase* phase = plan.FindPhase(span.id);
    if (phase == nullptr || phase->exit_criteria.empty() || IsLastPhase(plan, *phase)) continue;
    Date checked = PlannedPhaseEnd(*phase, plan.anchor, span.start);
    AddWrapped(out, LineStyle::kPlain, "  ",
               Say(Message("text.log.phase")
                       .With("phase", span.title)
                       .With("date", TextDate(checked, language)),
                   language),
               4);
    for (const auto& c :
         CheckExitCriteria(*phase, plan.diary.entries, plan.today + date::days(1), plan.today)) {
      AddWrapped(out, LineStyle::kPlain, "    - ", CriterionLine(c, language), 6);
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
  const std::string& language = plan.patient.language;
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
        std::string dose = Say(Message("text.row.dose")
                                   .With("dose", DescribeDose(*e.dose, units, language))
                                   .With("side", DescribeSide(e, language))
                                   .With("n", e.step + 1)
                                   .With("steps", e.steps),
                               language);
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
  const std::string& language = plan.patient.language;
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
    std::string when =
        m.when == ModalityTiming::kBeforeExercise  ? Text(StringId::kModalityBefore, language)
        : m.when == ModalityTiming::kAfterExercise ? Text(StringId::kModalityAfter, language)
                                                   : Say("text.modality.spread", language);
    row.dose =
        Say(Message("text.modality").With("minutes", m.minutes).With("when", when), language);
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
  const std::string& language = plan.patient.language;
  for (const auto& day : plan.days) {
    if (day.date < from || day.date > to) continue;
    for (const auto& m : day.milestones) {
      notes.emplace_back(day.date, MessageText(m.message, language));
    }
  }
  // (date, label, reason) -> exercise names, in the order of plan.changes.
  std::vector<std::pair<std::tuple<Date, std::string, std::string>, std::vector<std::string>>>
      changes;
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
    AddWrapped(out, LineStyle::kPlain,
               "  " +
                   Say(Message("text.day-note").With("date", TextDate(date, plan.patient.language)),
                       plan.patient.language) +
                   " ",
               text, 6);
  }
}

// The narrowest dose column: beside a longer row (the long exercise names
// of a translation) the dose goes on the lines below the row instead.
constexpr size_t kMinDoseColumn = 36;

// `text` after `prefix`, wrapped at its " · " parts, or at spaces when a part is too
// long for a line.
void AppendDoseParts(std::string& out, const std::string& prefix, const std::string& text,
                     size_t indent) {
  std::string wrapped;
  AppendWrapped(wrapped, prefix, text, indent, " \u00b7 ");
  size_t widest = 0;
  for (size_t at = 0, end = 0; at < wrapped.size(); at = end + 1) {
    end = wrapped.find('\n', at);
    widest = std::max(widest, Width(wrapped.substr(at, end - at)));
  }
  if (widest > kColumns) {
    wrapped.clear();
    AppendWrapped(wrapped, prefix, text, indent);
  }
  out += wrapped;
}

// A table row: `line` (name and marks) then the dose, under the dose column, or on
// lines of its own when the name leaves the dose too little room.
void AppendDose(std::string& out, const std::string& line, const std::string& dose) {
  if (Width(line) + kMinDoseColumn > kColumns) {
    constexpr size_t kIndent = 6;
    out += line.substr(0, line.find_last_not_of(' ') + 1) + "\n";
    AppendDoseParts(out, std::string(kIndent, ' '), dose, kIndent);
    return;
  }
  AppendDoseParts(out, line, dose, Width(line));
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
  const std::string& language = plan.patient.language;
  std::string phase_title;
  for (const auto& p : plan.phases) {
    if (p.id == start.phase_id) phase_title = p.title;
  }
  AddWrapped(out, LineStyle::kHeading,
             Say(Message("text.week.heading")
                     .With("week", WeekLabel(start, end, language))
                     .With("from", TextDate(start.date, language))
                     .With("to", TextDate(end.date, language)),
                 language) +
                 " ",
             phase_title, 4);
  WeekRows week;
  AddExerciseRows(plan, first, last, week);
  GroupByExercise(week);
  AddModalityRows(plan, first, last, week);
  size_t name_width = 24;
  for (const auto& [id, row] : week.rows) name_width = std::max(name_width, Width(row.name) + 2);
  // A column per day, as wide as its label: "Mo" and a space in English. Labels
  // too long for seven columns in 100 (a translation's) give way to the day of
  // the month, which the week's heading dates.
  std::vector<std::string> labels;
  size_t cell = 3;
  for (size_t i = first; i < last; ++i) {
    labels.push_back(ShortWeekday(plan.days[i].date, language));
    cell = std::max(cell, Width(labels.back()) + 1);
  }
  if (2 + name_width + labels.size() * cell > kColumns) {
    cell = 3;
    for (size_t i = first; i < last; ++i) {
      labels[i - first] =
          fmt::format("{:2}", static_cast<unsigned>(date::year_month_day(plan.days[i].date).day()));
    }
  }
  std::string header = "  " + std::string(name_width, ' ');
  for (const std::string& label : labels) header += Pad(label, cell);
  out += header.substr(0, header.find_last_not_of(' ') + 1) + " \n";
  for (const auto& id : week.order) {
    const Row& row = week.rows[id];
    std::string line = "  " + Pad(row.name, name_width);
    for (size_t i = 0; i < last - first; ++i) line += Pad(row.marks[i], cell);
    line += " ";
    std::string dose;
    AppendDose(dose, line, row.dose);
    out += dose;
  }
  bool stopped = false;
  for (size_t i = first; i < last; ++i) stopped = stopped || plan.days[i].stopped;
  if (stopped) {
    std::string line = "  " + Pad(Say("text.week.stopped", language), name_width);
    for (size_t i = first; i < last; ++i) line += Pad(plan.days[i].stopped ? "✗" : " ", cell);
    out += line + "\n";
  }
  if (week.order.empty() && !stopped) out += "  " + Say("text.week.empty", language) + "\n";
  AppendDayNotes(plan, start.date, end.date, out);
  out += "\n";
}

// "Patient p-7 · affected: right leg · time zone America/New_York"; a plan
// made without a patient file has no patient id to name.
std::string PatientLine(const Patient& patient) {
  const std::string& language = patient.language;
  bool anonymous = patient.id.empty() || patient.id == Patient{}.id;
  return Say(Message(anonymous ? "text.patient.anonymous" : "text.patient")
                 .With("id", patient.id)
                 .With("side", DescribeSide(patient.side, language))
                 .With("zone", patient.timezone),
             language);
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
  const std::string& language = plan.patient.language;
  std::string title;
  AppendWrapped(title, "",
                Say(Message("text.title")
                        .With("title", plan.program->title)
                        .With("id", plan.program->id)
                        .With("version", plan.program->version),
                    language),
                2);
  out.Add(title, LineStyle::kHeading);
  AddWrapped(out, LineStyle::kPlain, "", PatientLine(plan.patient), 2);
  std::vector<std::string> times;
  for (TimeOfDay t : plan.patient.session_times) times.push_back(FormatTime(t));
  AddWrapped(out, LineStyle::kPlain, "",
             Say(Message(plan.program->anchor == Anchor::kSurgery ? "text.dates.surgery"
                                                                  : "text.dates.start")
                     .With("anchor", FormatDate(plan.anchor))
                     .With("start", FormatDate(plan.start))
                     .With("end", FormatDate(plan.end - date::days(1)))
                     .With("today", FormatDate(plan.today))
                     .With("times", times),
                 language),
             2);
  auto [first, last] = WindowDays(plan, window);
  if (first == last && !plan.days.empty()) {
    AddWrapped(out, LineStyle::kPlain, "",
               MessageText(Message("text.window.none")
                               .With("from", TextDate(*window.from, language))
                               .With("end", TextDate(plan.end - date::days(1), language)),
                           language),
               2);
  } else if (first > 0 || last < plan.days.size()) {
    AddWrapped(out, LineStyle::kPlain, "",
               MessageText(Message("text.window")
                               .With("from", TextDate(plan.days[first].date, language))
                               .With("to", TextDate(plan.days[last - 1].date, language))
                               .With("start", FormatDate(plan.start))
                               .With("end", FormatDate(plan.end - date::days(1))),
                           language),
               2);
  }
  {
    // Its marks are two spaces apart: a long language breaks between them.
    std::string legend;
    AppendWrapped(legend, "", Say("text.legend", language), 0, "  ");
    out += legend + "\n";
  }
  RenderAlerts(plan, out);
  out.Add(Say("text.phases", language) + "\n", LineStyle::kHeading);
  for (const auto& p : plan.phases) {
    const char* id = p.overdue    ? "text.phase.overdue"
                     : p.extended ? "text.phase.extended"
                                  : "text.phase";
    AddWrapped(out, LineStyle::kPlain,
               "  " +
                   fmt::format(fmt::runtime(Text(StringId::kDateRange, language)),
                               fmt::arg("from", FormatDate(p.start)),
                               fmt::arg("to", FormatDate(p.end - date::days(1)))) +
                   "  ",
               Say(Message(id).With("phase", p.title), language), 28);
  }
  out += "\n";
  RenderWhatToLog(plan, out);
  for (size_t i = first; i < last; i += 7) RenderWeek(plan, i, std::min(i + 7, last), out);
  if (!plan.program->red_flags.empty()) {
    out.Add(std::string(Text(StringId::kRedFlagsHeading, language)) + "\n", LineStyle::kHeading);
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
                 Say(Message("text.red-flag")
                         .With("flag", f->text)
                         .With("headline", AlertHeadline(plan.patient, plan.program->anchor,
                                                         f->urgency, f->stops, AlertKind::kRedFlag))
                         .With("action", f->action),
                     language),
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
  const std::string& language = plan.patient.language;
  const DayPlan* d = plan.FindDay(day);
  if (d == nullptr) {
    return Say(Message("text.explain.outside")
                   .With("date", FormatDate(day))
                   .With("start", FormatDate(plan.start))
                   .With("end", FormatDate(plan.end - date::days(1))),
               language) +
           "\n";
  }
  std::string phase_title;
  for (const auto& p : plan.phases) {
    if (p.id == d->phase_id) phase_title = p.title;
  }
  out += Say(Message("text.explain.heading")
                 .With("date", TextDate(day, language))
                 .With("day", d->day + 1)
                 .With("program", plan.program->title)
                 .With("phase", phase_title),
             language) +
         "\n";
  out += Say(day < plan.today ? "text.explain.past" : "text.explain.ahead", language) + "\n\n";
  if (d->stopped) {
    for (const auto& a : plan.alerts) {
      if (a.kind == AlertKind::kRedFlag && a.stops == RedFlagStops::kAll && a.date <= day &&
          (!a.cleared || *a.cleared > day)) {
        out += Say(Message("text.explain.stopped")
                       .With("text", MessageText(a.text, language))
                       .With("date", FormatDate(a.date)),
                   language) +
               "\n" + MessageText(a.action, language) + "\n";
      }
    }
    return out;
  }
  if (d->essentials_only) {
    for (const auto& a : plan.alerts) {
      if (a.kind == AlertKind::kRedFlag && a.stops == RedFlagStops::kAllButEssentials &&
          a.date <= day && (!a.cleared || *a.cleared > day)) {
        out += Say(Message("text.explain.essentials")
                       .With("text", MessageText(a.text, language))
                       .With("date", FormatDate(a.date)),
                   language) +
               "\n" + MessageText(a.action, language) + "\n\n";
      }
    }
  }
  std::vector<std::string> seen;
  for (const auto& s : d->sessions) {
    for (const auto& e : s.exercises) {
      if (std::find(seen.begin(), seen.end(), e.id()) != seen.end()) continue;
      seen.push_back(e.id());
      out += Say(Message("text.explain.exercise")
                     .With("name", e.name())
                     .With("dose", DescribeDose(*e.dose, plan.patient.units, language))
                     .With("side", DescribeSide(e, language))
                     .With("n", e.step + 1)
                     .With("steps", e.steps),
                 language) +
             "\n";
      for (const auto& c : plan.changes) {
        if (c.exercise_id != e.id() || c.date > day) continue;
        out +=
            fmt::format("  {}  {}\n", FormatDate(c.date), MessageText(c.reason.message, language));
      }
    }
  }
  if (seen.empty()) out += Say("text.explain.none", language) + "\n";
  for (const auto& m : d->modalities) {
    out += Say(Message("text.explain.modality")
                   .With("name", m.name)
                   .With("time", FormatTime(m.time))
                   .With("minutes", m.minutes),
               language) +
           "\n";
  }
  // What the phase needs logged to move on, as the diary stands on this day.
  const Phase* phase = plan.FindPhase(d->phase_id);
  if (phase != nullptr && !phase->exit_criteria.empty() && !IsLastPhase(plan, *phase)) {
    Date checked = day;
    for (const auto& p : plan.phases) {
      if (p.id == d->phase_id) checked = PlannedPhaseEnd(*phase, plan.anchor, p.start);
    }
    out +=
        "\n" + Say(Message("text.explain.exit").With("date", FormatDate(checked)), language) + "\n";
    for (const auto& c : CheckExitCriteria(*phase, plan.diary.entries, day, plan.today)) {
      out += "  - " + CriterionLine(c, language) + "\n";
    }
  }
  return ForTerminal(out);
}

std::string RenderProgramText(const Program& program, const std::string& language) {
  auto say = [&](Message m) { return Say(m, language) + "\n"; };
  std::string out;
  out += say(Message("text.title")
                 .With("title", program.title)
                 .With("id", program.id)
                 .With("version", program.version));
  out += program.condition + "\n";
  if (!program.summary.empty()) out += "\n" + program.summary + "\n";
  out += "\n" + say(Message(program.anchor == Anchor::kSurgery ? "show.anchor.surgery"
                                                               : "show.anchor.start"));
  out += "\n" + say(Message("show.phases"));
  for (const auto& p : program.phases) {
    out += "  " + say(Message("show.phase")
                          .With("from", p.start_day)
                          .With("to", p.end_day)
                          .With("max", p.max_end_day)
                          .With("phase", p.title));
    for (const auto& g : p.goals) out += "      " + say(Message("show.goal").With("goal", g));
    for (const auto& pe : p.exercises) {
      const Exercise* ex = program.FindExercise(pe.exercise_id);
      out += "      - " + say(Message(pe.essential ? "show.exercise.essential" : "show.exercise")
                                  .With("name", ex ? ex->name : pe.exercise_id)
                                  .With("days", pe.days_per_week)
                                  .With("times", pe.times_per_day));
    }
    for (const auto& c : p.exit_criteria) {
      out += "      " + say(Message("show.exit")
                                .With("criterion", c.text)
                                .With("hint", LogHint(c.measure, language)));
    }
    for (const auto& r : p.restrictions)
      out += "      " + say(Message("show.phase.restriction").With("restriction", r));
  }
  if (!program.restrictions.empty()) {
    out += "\n" + say(Message("show.restrictions"));
    for (const auto& r : program.restrictions) {
      out += "  " + say(Message("show.restriction")
                            .With("tag", r.tag)
                            .With("from", r.from_day)
                            .With("to", r.until_day)
                            .With("reason", r.reason));
    }
  }
  out += "\n" + say(Message("show.exercises"));
  for (const auto& e : program.exercises) {
    out += "  " + say(Message("show.ladder")
                          .With("name", e.name)
                          .With("id", e.id)
                          .With("kind", std::string(ToString(e.kind))));
    for (size_t i = 0; i < e.ladder.size(); ++i) {
      out += "      " + say(Message("show.step")
                                .With("n", static_cast<int>(i + 1))
                                .With("dose", DescribeDose(e.ladder[i], "kg", language)));
    }
  }
  if (!program.modalities.empty()) {
    out += "\n" + std::string(Text(StringId::kModalityHeading, language)) + "\n";
    for (const auto& m : program.modalities) {
      std::string flare;
      if (m.only_on_flare) {
        std::vector<std::string> signs;
        if (m.only_on_flare->swelling_min) {
          signs.push_back(
              Say(Message("show.flare.swelling")
                      .With("swelling", std::string(ToString(*m.only_on_flare->swelling_min))),
                  language));
        }
        if (m.only_on_flare->pain_min) {
          signs.push_back(
              Say(Message("show.flare.pain").With("pain", *m.only_on_flare->pain_min), language));
        }
        flare = Say(Message("show.flare").With("signs", signs), language);
      }
      out += "  " + say(Message(m.only_on_flare ? "show.modality.flare" : "show.modality")
                            .With("name", m.name)
                            .With("minutes", m.minutes)
                            .With("times", m.times_per_day)
                            .With("from", m.from_day)
                            .With("to", m.to_day)
                            .With("flare", flare));
    }
  }
  if (!program.red_flags.empty()) {
    out += "\n" + say(Message("show.red-flags"));
    for (const auto& f : program.red_flags) {
      out += "  " + say(Message("show.red-flag")
                            .With("flag", f.text)
                            .With("urgency", std::string(ToString(f.urgency)))
                            .With("stops", std::string(ToString(f.stops)))
                            .With("action", f.action));
    }
  }
  out += "\n" + std::string(Text(StringId::kSourcesHeading, language)) + "\n";
  for (const auto& s : program.sources) {
    out += "  " + say(Message(s.url.empty() ? "show.source" : "show.source.url")
                          .With("id", s.id)
                          .With("citation", s.citation)
                          .With("url", s.url));
  }
  return ForTerminal(out);
}

}  // namespace rehab
