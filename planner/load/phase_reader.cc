// A phase: its window in days, its exit criteria, the exercises it
// schedules (an id, or a mapping with the dose schedule) and its education.
#include "planner/load/phase_reader.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "planner/base/limits.h"

namespace rehab::load_internal {

namespace {

// A criterion's bound: a number, or for `swelling` a level name.
bool ReadBound(SchemaReader& r, const Criterion& c, const MapView::Entry& bound, double* value) {
  if (c.measure != "swelling") return r.Number(bound, value);
  const auto& levels = SwellingNames();
  std::string text;
  if (!r.Scalar(bound, &text)) return true;
  auto it = std::find(levels.begin(), levels.end(), text);
  if (it != levels.end()) {
    *value = static_cast<double>(it - levels.begin());
    return true;
  }
  return r.Number(bound, value);
}

void ParseCriterion(SchemaReader& r, const Node& item, Phase* phase) {
  MapView cm;
  if (!r.Map(item, "an exit criterion", {"measure", "min", "max", "text"}, {"measure", "text"},
             &cm)) {
    return;
  }
  Criterion c;
  c.loc = r.Loc(item);
  r.String(cm, "measure", &c.measure);
  r.String(cm, "text", &c.text);
  const auto* min = cm.Find("min");
  const auto* max = cm.Find("max");
  if ((min == nullptr) == (max == nullptr)) {
    r.Error(item, "an exit criterion needs exactly one of 'min' or 'max'");
    return;
  }
  c.op = min != nullptr ? CompareOp::kAtLeast : CompareOp::kAtMost;
  const auto* bound = min != nullptr ? min : max;
  if (!ReadBound(r, c, *bound, &c.value)) return;
  if ((c.measure == "pain" || c.measure == "morning-pain") && (c.value < 0 || c.value > 10)) {
    r.Error(bound->value, fmt::format("pain must be from 0 to 10, got {}", c.value));
  }
  phase->exit_criteria.push_back(c);
}

// The mapping form: `exercise` and its schedule in this phase. False when
// `item` is not a mapping.
bool ReadScheduledExercise(SchemaReader& r, const Node& item, const Phase& phase,
                           PhaseExercise* pe) {
  MapView em;
  if (!r.Map(item, "a phase exercise",
             {"exercise", "days_per_week", "times_per_day", "start_step", "essential",
              "on_repeated_red"},
             {"exercise"}, &em)) {
    return false;
  }
  r.String(em, "exercise", &pe->exercise_id);
  if (const auto* e = em.Find("exercise")) pe->loc = r.Loc(e->value);
  r.Int(em, "days_per_week", 1, 7, &pe->days_per_week);
  r.Int(em, "times_per_day", 1, 6, &pe->times_per_day);
  int step = 1;
  if (r.Int(em, "start_step", 1, 50, &step)) pe->start_step = step - 1;
  r.Bool(em, "essential", &pe->essential);
  int repeated = 0;
  if (!r.Enum(em, "on_repeated_red", {"lowest-step", "stop"}, &repeated)) return true;
  pe->on_repeated_red = static_cast<RepeatedRed>(repeated);
  if (pe->essential && pe->on_repeated_red == RepeatedRed::kStop) {
    r.Error(em.Find("on_repeated_red")->value,
            fmt::format("'{}' is essential in phase '{}': pain never stops an essential "
                        "exercise (use 'on_repeated_red: lowest-step')",
                        pe->exercise_id, phase.id));
  }
  return true;
}

void ParsePhaseExercise(SchemaReader& r, const Node& item, Phase* phase) {
  PhaseExercise pe;
  pe.loc = r.Loc(item);
  if (item.IsScalar()) {
    if (!r.NoControlCharacters(item, "exercises")) return;
    pe.exercise_id = item.Scalar();
  } else if (!ReadScheduledExercise(r, item, *phase, &pe)) {
    return;
  }
  phase->exercises.push_back(pe);
}

// `start`, `end` and `max_end` (past it with criteria unmet, the therapist
// gets an alert; `end` when not given).
void ReadWindow(SchemaReader& r, const MapView& pm, Phase* ph) {
  bool start_ok = r.Days(pm, "start", 0, 3650, &ph->start_day);
  bool end_ok = r.Days(pm, "end", 1, 3650, &ph->end_day);
  ph->max_end_day = ph->end_day;
  bool max_ok = r.Days(pm, "max_end", 1, 3650, &ph->max_end_day);
  if (start_ok && end_ok && ph->end_day <= ph->start_day) {
    r.Error(pm.Find("end")->value, fmt::format("phase '{}' must end after it starts", ph->id));
  }
  if (end_ok && max_ok && ph->max_end_day < ph->end_day) {
    r.Error(pm.Find("max_end")->value, "'max_end' must not come before 'end'");
  }
}

// Each education id the phase names is one the program defines.
void ReadPhaseEducation(SchemaReader& r, const MapView& pm, const Program& p, Phase* ph) {
  const auto* e = pm.Find("education");
  if (e == nullptr) return;
  r.StringList(pm, "education", &ph->education);
  size_t i = 0;
  for (const auto& node : e->value) {
    if (i < ph->education.size() && p.FindEducation(ph->education[i]) == nullptr) {
      std::vector<std::string> ids;
      for (const auto& ed : p.education) ids.push_back(ed.id);
      r.Error(node, fmt::format("phase '{}' names education '{}' that the program does not "
                                "define{}",
                                ph->id, ph->education[i], DidYouMean(ph->education[i], ids)));
    }
    ++i;
  }
}

void ParsePhase(SchemaReader& r, const Node& item, Program* p) {
  MapView pm;
  if (!r.Map(item, "a phase",
             {"id", "title", "goals", "start", "end", "max_end", "restrictions", "exit_criteria",
              "exercises", "education"},
             {"id", "title", "start", "end", "exercises"}, &pm)) {
    return;
  }
  Phase ph;
  ph.loc = r.Loc(item);
  r.Id(pm, "id", &ph.id);
  r.String(pm, "title", &ph.title);
  r.StringList(pm, "goals", &ph.goals);
  ReadWindow(r, pm, &ph);
  r.StringList(pm, "restrictions", &ph.restrictions);
  if (const Node* list = r.List(pm, "exit_criteria")) {
    for (const auto& c : *list) ParseCriterion(r, c, &ph);
  }
  if (const Node* list = r.List(pm, "exercises")) {
    if (list->size() == 0) r.Error(*list, "'exercises' needs at least one exercise");
    for (const auto& e : *list) ParsePhaseExercise(r, e, &ph);
  }
  ReadPhaseEducation(r, pm, *p, &ph);
  for (const auto& other : p->phases) {
    if (other.id == ph.id) r.Error(ph.loc, fmt::format("phase '{}' is defined twice", ph.id));
  }
  p->phases.push_back(std::move(ph));
}

}  // namespace

void ParsePhases(SchemaReader& r, const MapView& m, Program* p) {
  const Node* list = r.List(m, "phases");
  if (list == nullptr) return;
  if (list->size() == 0) r.Error(*list, "'phases' needs at least one phase");
  if (list->size() > static_cast<size_t>(kMaxPhases)) {
    r.Error(*list, fmt::format("{} phases, more than the limit of {}", list->size(), kMaxPhases));
    return;
  }
  for (const auto& item : *list) ParsePhase(r, item, p);
}

}  // namespace rehab::load_internal
