// Hand-built plans for the renderer tests.
#include "tests/support/plan_builder.h"

#include <memory>
#include <utility>

#include "tests/support/test_util.h"

namespace rehab::testing {

Plan PlanSkeleton(Program program, Patient patient, Date anchor, int days, Date today) {
  Plan plan;
  plan.program = std::make_shared<const Program>(std::move(program));
  plan.patient = std::move(patient);
  plan.anchor = plan.start = anchor;
  plan.end = anchor + date::days{days};
  plan.today = today;
  for (const auto& ph : plan.program->phases) {
    plan.phases.push_back({ph.id, ph.title, anchor + date::days{ph.start_day},
                           anchor + date::days{ph.end_day}, false, false});
  }
  for (int d = 0; d < days; ++d) {
    DayPlan day;
    day.date = anchor + date::days{d};
    day.day = d;
    day.past = day.date < today;
    for (const auto& ph : plan.program->phases) {
      if (ph.start_day <= d && d < ph.end_day) day.phase_id = ph.id;
    }
    plan.days.push_back(day);
  }
  return plan;
}

Plan DailyPlan(const DailyPlanSpec& spec) {
  Program program;
  program.id = "knee-test";
  program.title = "Knee rehab";
  Phase phase;
  phase.id = "early";
  phase.title = "Early motion";
  phase.start_day = 0;
  phase.end_day = spec.days;
  phase.goals = spec.goals;
  program.phases = {phase};
  Patient patient;
  patient.id = "p-001";
  patient.timezone = spec.timezone;
  Plan plan =
      PlanSkeleton(std::move(program), std::move(patient), spec.start, spec.days, spec.start);
  for (auto& day : plan.days) {
    for (size_t s = 0; s < spec.times.size(); ++s) {
      Session session;
      session.slot = static_cast<int>(s);
      session.time = spec.times[s];
      session.duration_minutes = spec.session_minutes;
      // Every session's exercises have doses of their own.
      session.exercises = {TestScheduled("heel-slide", "Heel slides", 3, 10),
                           TestScheduled("quad-set", "Quad sets", 1, 10, 5)};
      for (auto& ex : session.exercises) {
        ex.step = spec.step;
        ex.steps = spec.steps;
        ex.side = spec.side;
      }
      day.sessions.push_back(session);
    }
  }
  return plan;
}

}  // namespace rehab::testing
