// What the handout is about: its week and phase, and the exercise cards
// with the dose of each that week.
#include <algorithm>

#include "planner/engine/engine.h"
#include "planner/present/dose_text.h"
#include "planner/present/html_handout.h"

namespace rehab::html {
namespace {

std::string DoseWords(const Dose& dose, const Exercise& exercise, Side side,
                      const std::string& units, const std::string& language) {
  std::string text = DescribeDose(dose, units, language);
  // "both legs" adds nothing to a walk or a bike ride.
  ExerciseKind kind = exercise.kind;
  bool sided =
      !(side == Side::kBoth && (kind == ExerciseKind::kCardio || kind == ExerciseKind::kModality));
  if (sided) {
    if (!text.empty()) text += ", ";
    text += DescribeSide(exercise, side, language);
  }
  return text;
}

const ScheduledExercise* FindScheduled(const DayPlan& day, const std::string& id) {
  for (const auto& s : day.sessions) {
    for (const auto& e : s.exercises) {
      if (e.id() == id) return &e;
    }
  }
  return nullptr;
}

}  // namespace

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// Multi-line input text as paragraphs, one per non-empty line.
std::string Paragraphs(const std::string& text) {
  std::string out;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + begin, end - begin);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (!line.empty()) out += "<p>" + EscapeHtml(line) + "</p>";
    begin = end + 1;
  }
  return out;
}

int CountScheduled(const DayPlan& day, const std::string& id) {
  int n = 0;
  for (const auto& s : day.sessions) {
    for (const auto& e : s.exercises) n += e.id() == id ? 1 : 0;
  }
  return n;
}

namespace {

bool Skipped(const Patient& patient, const std::string& id) {
  for (const auto& o : patient.overrides) {
    if (o.exercise_id == id && o.skip) return true;
  }
  return false;
}

// The card of one exercise of the current phase: its dose this week (and
// any other dose later that week); else the latest before it; else the
// first after it; else the phase's starting step of its ladder.
Card MakeCard(const View& v, const PhaseExercise& pe) {
  const Plan& plan = *v.plan;
  Date week_end = v.week_start + date::days{7};
  Card card;
  card.exercise_id = pe.exercise_id;
  card.in_phase = &pe;
  card.exercise = plan.program->FindExercise(pe.exercise_id);
  if (card.exercise != nullptr) {
    card.name = card.exercise->name;
    card.kind = card.exercise->kind;
  } else {
    card.name = pe.exercise_id;
  }
  const ScheduledExercise* in_week = nullptr;
  const ScheduledExercise* before = nullptr;
  const ScheduledExercise* after = nullptr;
  for (const auto& day : plan.days) {
    const ScheduledExercise* s = FindScheduled(day, pe.exercise_id);
    if (s == nullptr) continue;
    if (day.date < v.week_start) {
      before = s;
    } else if (day.date >= week_end) {
      if (after == nullptr) after = s;
    } else {
      std::string text = DoseWords(*s->dose, *s->exercise, s->side, v.units, v.language);
      if (in_week == nullptr) {
        in_week = s;
        card.dose_text = text;
      } else if (text != (card.later.empty() ? card.dose_text : card.later.back().second)) {
        card.later.emplace_back(day.date, text);
      }
    }
  }
  const ScheduledExercise* shown = in_week ? in_week : before ? before : after;
  if (shown != nullptr) {
    if (in_week == nullptr)
      card.dose_text = DoseWords(*shown->dose, *shown->exercise, shown->side, v.units, v.language);
    if (card.name.empty()) card.name = shown->name();
    card.dose = shown->dose;
  } else if (card.exercise != nullptr && !card.exercise->ladder.empty()) {
    size_t step = std::min<size_t>(static_cast<size_t>(std::max(pe.start_step, 0)),
                                   card.exercise->ladder.size() - 1);
    card.dose = &card.exercise->ladder[step];
    Side side =
        ResolveExerciseSide(card.dose->side.value_or(card.exercise->side), plan.patient.side);
    card.dose_text = DoseWords(*card.dose, *card.exercise, side, v.units, v.language);
  }
  return card;
}

}  // namespace

std::vector<Card> BuildCards(const View& v) {
  std::vector<Card> cards;
  if (v.phase == nullptr) return cards;
  for (const auto& pe : v.phase->exercises) {
    if (!Skipped(v.plan->patient, pe.exercise_id)) cards.push_back(MakeCard(v, pe));
  }
  return cards;
}

View MakeView(const Plan& plan) {
  View v;
  v.plan = &plan;
  v.language = plan.patient.language;
  v.units = plan.patient.units == "lb" ? "lb" : "kg";
  v.week_start = (plan.today >= plan.start && plan.today < plan.end) ? plan.today : plan.start;
  for (const auto& span : plan.phases) {
    if (span.start <= v.week_start && v.week_start < span.end) v.span = &span;
  }
  if (v.span == nullptr && !plan.phases.empty()) {
    v.span = v.week_start < plan.phases.front().start ? &plan.phases.front() : &plan.phases.back();
  }
  if (v.span != nullptr) v.phase = plan.FindPhase(v.span->id);
  return v;
}

}  // namespace rehab::html
