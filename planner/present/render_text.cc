// Terminal renderings: the week-by-week plan, `explain` and `show`. Each
// comes back with its control characters replaced (ForTerminal), whatever
// the program and diary hold.
#include "planner/present/render_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "planner/base/utf8.h"
#include "planner/engine/engine.h"
#include "planner/present/dose_text.h"
#include "planner/present/messages.h"

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

// Display width of UTF-8 text (characters; good enough for the names we print).
size_t Width(const std::string& s) { return CountCharacters(s); }

std::string Pad(const std::string& s, size_t width) {
  size_t w = Width(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

void RenderAlerts(const Plan& plan, std::string& out) {
  for (const Alert* a : plan.ActiveAlerts()) {
    std::string head =
        AlertHeadline(plan.patient, plan.program->anchor, a->urgency, a->stops, a->kind);
    out +=
        fmt::format("!! {}.\n   {} (since {})\n", head, MessageText(a->text), FormatDate(a->date));
    if (!a->action.empty()) out += fmt::format("   {}\n", MessageText(a->action));
    if (a->stops == RedFlagStops::kAll) {
      out += "   Stop all your exercises until a doctor has checked you.\n";
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
      out += list.empty() ? "   Stop your exercises until a doctor has checked you.\n"
                          : fmt::format(
                                "   Stop your exercises until a doctor has checked you, "
                                "except the essential ones: {}.\n",
                                list);
    }
    if (!a->detail.empty())
      out += fmt::format("   For the therapist: {}\n", MessageText(a->detail));
  }
  if (!plan.ActiveAlerts().empty()) out += "\n";
  for (const auto& note : plan.notes) out += fmt::format("Note: {}\n", MessageText(note.message));
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
void RenderWhatToLog(const Plan& plan, std::string& out) {
  out += "What to log in your diary\n";
  out +=
      "  Every session: pain during and just after the exercises, pain the next morning "
      "(0-10), and swelling.\n";
  for (const PhaseSpan& span : plan.phases) {
    if (span.end <= plan.today) continue;  // already over
    const Phase* phase = plan.FindPhase(span.id);
    if (phase == nullptr || phase->exit_criteria.empty() || IsLastPhase(plan, *phase)) continue;
    out += fmt::format(
        "  To move on from '{}' (checked from {}): log these in the week before, "
        "and again when they change\n",
        span.title, LongDate(PlannedPhaseEnd(*phase, plan.anchor, span.start)));
    for (const auto& c :
         CheckExitCriteria(*phase, plan.diary.entries, plan.today + date::days(1), plan.today)) {
      out += "    - " + CriterionLine(c) + "\n";
    }
  }
  out += "\n";
}

struct Row {
  std::string name;
  std::string dose;      // the latest dose of the week
  std::string marks[7];
};

void RenderWeek(const Plan& plan, size_t first, std::string& out) {
  const std::string& units = plan.patient.units;
  size_t last = std::min(first + 7, plan.days.size());
  const DayPlan& start = plan.days[first];
  const DayPlan& end = plan.days[last - 1];
  std::string phase_title;
  for (const auto& p : plan.phases) {
    if (p.id == start.phase_id) phase_title = p.title;
  }
  out += fmt::format("Week {} · {} to {} · {}\n", start.day / 7 + 1, LongDate(start.date),
                     LongDate(end.date), phase_title);
  // Rows in order of first appearance; the dose column shows the week's last dose.
  std::vector<std::string> order;
  std::map<std::string, Row> rows;
  std::set<std::string> logged;
  for (const auto& e : plan.diary.entries) logged.insert(FormatDate(e.date));
  for (size_t i = first; i < last; ++i) {
    const DayPlan& day = plan.days[i];
    bool done = day.past && logged.count(FormatDate(day.date));
    for (const auto& s : day.sessions) {
      for (const auto& e : s.exercises) {
        auto [it, inserted] = rows.try_emplace(e.id());
        if (inserted) {
          order.push_back(e.id());
          it->second.name = e.name();
          for (auto& m : it->second.marks) m = "·";
        }
        it->second.dose = fmt::format("{} · {} · step {}/{}", DescribeDose(*e.dose, units),
                                      DescribeSide(e.side), e.step + 1, e.steps);
        int per_day = 0;
        for (const auto& s2 : day.sessions) {
          for (const auto& e2 : s2.exercises) per_day += e2.id() == e.id();
        }
        std::string mark = done ? "✓" : "●";
        if (per_day > 1) mark = fmt::format("{}", per_day);
        it->second.marks[i - first] = mark;
      }
    }
  }
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
    order.push_back("modality:" + m.id);
    rows.emplace("modality:" + m.id, row);
  }
  size_t name_width = 24;
  for (const auto& [id, row] : rows) name_width = std::max(name_width, Width(row.name) + 2);
  std::string header = "  " + std::string(name_width, ' ');
  for (size_t i = first; i < last; ++i) header += fmt::format("{} ", ShortWeekday(plan.days[i].date));
  out += header + "\n";
  for (const auto& id : order) {
    const Row& row = rows[id];
    std::string line = "  " + Pad(row.name, name_width);
    for (size_t i = 0; i < last - first; ++i) line += Pad(row.marks[i], 3);
    out += line + " " + row.dose + "\n";
  }
  bool stopped = false;
  for (size_t i = first; i < last; ++i) stopped = stopped || plan.days[i].stopped;
  if (stopped) {
    std::string line = "  " + Pad("(no exercise: red flag)", name_width);
    for (size_t i = first; i < last; ++i) line += Pad(plan.days[i].stopped ? "✗" : " ", 3);
    out += line + "\n";
  }
  if (order.empty() && !stopped) out += "  (no sessions this week)\n";
  for (size_t i = first; i < last; ++i) {
    const DayPlan& day = plan.days[i];
    for (const auto& m : day.milestones) {
      out += fmt::format("  {} · {}\n", LongDate(day.date), MessageText(m.message));
    }
  }
  for (const auto& c : plan.changes) {
    if (c.date < start.date || c.date > end.date || c.change == StepChange::kStart) continue;
    const Exercise* ex = plan.program->FindExercise(c.exercise_id);
    out += fmt::format("  {} · {}: {}\n", LongDate(c.date), ex ? ex->name : c.exercise_id,
                       MessageText(c.reason.message));
  }
  out += "\n";
}

}  // namespace

std::string RenderText(const Plan& plan) {
  std::string out;
  out += fmt::format("{} ({} v{}) · patient {}\n", plan.program->title, plan.program->id,
                     plan.program->version, plan.patient.id);
  std::string times;
  for (TimeOfDay t : plan.patient.session_times) times += (times.empty() ? "" : ", ") + FormatTime(t);
  out += fmt::format("{} {} · plan {} to {} · today {} · sessions at {} ({})\n",
                     plan.program->anchor == Anchor::kSurgery ? "Surgery" : "Start",
                     FormatDate(plan.anchor), FormatDate(plan.start),
                     FormatDate(plan.end - date::days(1)), FormatDate(plan.today), times,
                     plan.patient.timezone);
  out += "● exercise day  ✓ done (diary entry)  2 = times that day  ✗ stopped  · rest\n\n";
  RenderAlerts(plan, out);
  out += "Phases\n";
  for (const auto& p : plan.phases) {
    std::string note = p.overdue ? " (overdue: therapist review)" : p.extended ? " (held longer: criteria not yet met)" : "";
    out += fmt::format("  {} to {}  {}{}\n", FormatDate(p.start), FormatDate(p.end - date::days(1)),
                       p.title, note);
  }
  out += "\n";
  RenderWhatToLog(plan, out);
  for (size_t i = 0; i < plan.days.size(); i += 7) RenderWeek(plan, i, out);
  if (!plan.program->red_flags.empty()) {
    out += "Warning signs and what to do\n";
    auto rank = [](Urgency u) {
      return u == Urgency::kEmergency ? 0 : u == Urgency::kSameDay ? 1 : 2;
    };
    std::vector<const RedFlag*> flags;
    for (const auto& f : plan.program->red_flags) flags.push_back(&f);
    std::stable_sort(flags.begin(), flags.end(), [&](const RedFlag* a, const RedFlag* b) {
      return rank(a->urgency) < rank(b->urgency);
    });
    for (const RedFlag* f : flags) {
      out += fmt::format("  - {}: {}. {}\n", f->text,
                         AlertHeadline(plan.patient, plan.program->anchor, f->urgency, f->stops,
                                       AlertKind::kRedFlag),
                         f->action);
    }
  }
  return ForTerminal(out);
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
                         DescribeDose(*e.dose, plan.patient.units), DescribeSide(e.side),
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
    out += fmt::format("  days {}-{} (max {}): {}\n", p.start_day, p.end_day, p.max_end_day,
                       p.title);
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
