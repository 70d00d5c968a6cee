// Cross-section checks of a program: phase windows, restrictions, the acute
// window for heat, exit criteria.
#include "planner/load/program_checks.h"

#include <algorithm>

#include <fmt/format.h>

#include "planner/engine/engine.h"

namespace rehab::load_internal {

namespace {

void CheckPhaseWindows(SchemaReader& r, const Program& p) {
  for (size_t i = 0; i < p.phases.size(); ++i) {
    const Phase& ph = p.phases[i];
    int expected = i == 0 ? 0 : p.phases[i - 1].end_day;
    if (ph.start_day == expected) continue;
    if (i == 0) {
      r.Error(ph.loc, fmt::format("the first phase '{}' must start at 0d, got day {}", ph.id,
                                  ph.start_day));
    } else {
      r.Error(ph.loc, fmt::format("phase '{}' starts on day {} but the phase before it ends on "
                                  "day {}: it {}",
                                  ph.id, ph.start_day, expected,
                                  ph.start_day > expected ? "leaves a gap" : "overlaps it"));
    }
  }
}

// One tag of an exercise `ph` schedules (at `pe`), against the phase's own
// restrictions and the program's.
void CheckTag(SchemaReader& r, const Program& p, const Phase& ph, const PhaseExercise& pe,
              const Exercise& ex, const std::string& tag) {
  if (std::find(ph.restrictions.begin(), ph.restrictions.end(), tag) != ph.restrictions.end()) {
    r.Error(pe.loc, fmt::format("phase '{}' schedules '{}', tagged '{}', which the phase "
                                "itself forbids",
                                ph.id, ex.id, tag));
  }
  for (const auto& res : p.restrictions) {
    bool overlaps = ph.start_day < res.until_day && res.from_day < ph.max_end_day;
    if (res.tag == tag && overlaps) {
      r.Error(pe.loc, fmt::format("phase '{}' (days {}-{}) schedules '{}', tagged '{}', "
                                  "forbidden from day {} to day {}",
                                  ph.id, ph.start_day, ph.max_end_day, ex.id, tag, res.from_day,
                                  res.until_day));
      r.Note(res.loc, fmt::format("restriction '{}': {}", res.tag, res.reason));
    }
  }
}

// Restrictions are law: no phase may list an exercise whose tags are
// forbidden during any day the phase can cover.
void CheckRestrictions(SchemaReader& r, const Program& p) {
  for (const auto& ph : p.phases) {
    for (const auto& pe : ph.exercises) {
      const Exercise* ex = p.FindExercise(pe.exercise_id);
      if (ex == nullptr) continue;
      for (const auto& tag : ex->tags) CheckTag(r, p, ph, pe, *ex, tag);
    }
  }
}

void CheckHeatOutsideAcuteWindow(SchemaReader& r, const Program& p) {
  for (const auto& mod : p.modalities) {
    if (mod.kind == ModalityKind::kHeat && !HeatAllowedOnDay(p, mod.from_day)) {
      r.Error(mod.loc, fmt::format("heat modality '{}' starts on day {}, inside the acute window "
                                   "(the first {} days): no heat while the knee is acute",
                                   mod.id, mod.from_day, p.acute_days));
    }
  }
}

// Every phase but the last says when the patient moves on.
void CheckExitCriteria(SchemaReader& r, const Program& p) {
  for (size_t i = 0; i + 1 < p.phases.size(); ++i) {
    const Phase& ph = p.phases[i];
    if (!ph.exit_criteria.empty()) continue;
    r.Error(ph.loc, fmt::format("phase '{}' has no exit criteria: every phase but the last "
                                "needs them, to say when the patient moves on",
                                ph.id));
  }
}

}  // namespace

void CheckProgramRules(SchemaReader& r, const Program& p) {
  CheckPhaseWindows(r, p);
  CheckRestrictions(r, p);
  CheckHeatOutsideAcuteWindow(r, p);
  CheckExitCriteria(r, p);
}

}  // namespace rehab::load_internal
