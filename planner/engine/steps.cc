// An exercise's way along its ladder: its start, the pain rules' daily
// decision, the repeated-red alert and the therapist's review that ends it.
#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "planner/engine/engine.h"
#include "planner/engine/engine_internal.h"

namespace rehab::engine_internal {

std::optional<Date> Generator::ReviewedIn(Date from, Date before) const {
  auto it = std::lower_bound(reviewed_.begin(), reviewed_.end(), from);
  if (it == reviewed_.end() || *it >= before) return std::nullopt;
  return *it;
}

bool Generator::MayStop(const PhaseExercise& pe) const {
  if (pe.essential) return false;
  return pe.on_repeated_red.value_or(program_.pain_rules.on_repeated_red) == RepeatedRed::kStop;
}

int Generator::CarriedOverStartStep(const ExerciseTrack& t, const PhaseExercise& pe,
                                    const ExerciseOverride* ov, const Phase* phase) {
  if (t.phase == phase || pe.start_step <= t.state.step) return -1;
  if (ov != nullptr && ov->start_step) return -1;
  return pe.start_step;
}

void Generator::Decide(ExerciseTrack& t, const PhaseEntry& entry, Date d, int start_step) {
  const Exercise& ex = *entry.ex;
  StepContext ctx;
  ctx.rules = &program_.pain_rules;
  ctx.entries = entries_;
  ctx.day = d;
  ctx.today = today_;
  ctx.interval_days = ex.interval_days > 0 ? ex.interval_days : program_.pain_rules.interval_days;
  ctx.may_stop = MayStop(*entry.pe);
  auto decide = [&](const StepContext& c) {
    return start_step >= 0 ? DecideCarriedOver(t.state, c, start_step, PhaseTitle(d))
                           : DecideStep(t.state, c);
  };
  StepDecision dec = decide(ctx);
  // A day of the projection, decided as it will be once it is past: the
  // first that differs ends the days the plan holds through. (The rules read
  // `today` only to ask whether the day is past.)
  if (d > today_ && d <= valid_through_) {
    StepContext past = ctx;
    past.today = d;
    if (!(decide(past) == dec)) HoldsThrough(d - date::days(1));
  }
  t.state.last_decision = d;
  if (dec.gap_handled_after) t.state.gap_handled_after = dec.gap_handled_after;
  // Held at the easiest step after repeated red pain until the therapist's review.
  if (t.awaiting_review && dec.change == StepChange::kUp) return;
  if (dec.reason.rule == "repeated-red") {
    t.awaiting_review = true;
    if (!dec.reason.diary_dates.empty()) t.last_red = dec.reason.diary_dates.back();
    RaiseRepeatedRed(t, ex, d, dec.reason, dec.change == StepChange::kStop);
  }
  switch (dec.change) {
    case StepChange::kSame:
      return;
    case StepChange::kHold:
      // One record per hold episode and rule: a red entry during an amber
      // hold is news and is reported; the same amber reason each day is not.
      if (t.hold_rule == dec.reason.rule) return;
      t.hold_rule = dec.reason.rule;
      break;
    case StepChange::kStop:
      t.stopped = true;
      break;
    default:
      t.hold_rule.clear();
      t.state.last_change = d;
      break;
  }
  Record(d, ex.id, t.state.step, dec.step, dec.change, dec.reason);
  t.state.step = dec.step;
  t.pending = dec.change;
  t.pending_reason = std::move(dec.reason);
}

void Generator::RaiseRepeatedRed(ExerciseTrack& t, const Exercise& ex, Date d, const Reason& reason,
                                 bool stopped) {
  OpenReview& open = open_review_[stopped ? 1 : 0];
  if (t.review_alert && *t.review_alert != open.alert) t.review_alert.reset();
  if (!open.alert) {
    Alert a;
    a.kind = AlertKind::kTherapistReview;
    a.id = stopped ? "exercise-stopped" : "repeated-red";
    a.date = d;
    a.urgency = Urgency::kRoutine;
    a.active = true;
    a.action = Message("alert." + a.id + ".action");
    open.alert = plan_.alerts.size();
    open.names.clear();
    plan_.alerts.push_back(a);
  }
  Alert& alert = plan_.alerts[*open.alert];
  t.review_alert = open.alert;
  if (std::find(open.names.begin(), open.names.end(), ex.name) == open.names.end()) {
    open.names.push_back(ex.name);
  }
  for (Date x : reason.diary_dates) {
    if (std::find(alert.diary_dates.begin(), alert.diary_dates.end(), x) ==
        alert.diary_dates.end()) {
      alert.diary_dates.push_back(x);
    }
  }
  std::sort(alert.diary_dates.begin(), alert.diary_dates.end());
  alert.text = Message("alert." + alert.id)
                   .With("red_min", program_.pain_rules.red_min)
                   .With("dates", alert.diary_dates)
                   .With("exercises", open.names);
}

bool Generator::ApplyReview(ExerciseTrack& t, const Exercise& ex, Date d) {
  auto r = ReviewedIn(t.last_red, d);
  if (!r) return false;
  if (t.review_alert) {
    plan_.alerts[*t.review_alert].active = false;
    plan_.alerts[*t.review_alert].cleared = *r;
    for (auto& open : open_review_) {
      if (open.alert == t.review_alert) open.alert.reset();
    }
    t.review_alert.reset();
  }
  t.awaiting_review = false;
  t.state.reds_from = *r + date::days(1);
  if (!t.stopped) return false;
  t.stopped = false;
  int step = std::max(t.state.step - 1, 0);
  Reason reason{
      "therapist-reviewed",
      Message("therapist-reviewed").With("reviewed", *r).With("to", StepOf{step, t.state.steps}),
      {*r}};
  RestartAt(t, ex, d, step, std::move(reason));
  return true;
}

void Generator::RestartAt(ExerciseTrack& t, const Exercise& ex, Date d, int step, Reason reason) {
  Record(d, ex.id, t.state.step, step, StepChange::kResume, reason);
  t.state.step = step;
  t.state.last_change = d;
  t.state.last_decision = d;
  t.hold_rule.clear();
  t.pending = StepChange::kResume;
  t.pending_reason = std::move(reason);
}

void Generator::ScheduleExercise(const PhaseEntry& entry, const Phase* phase, Date d) {
  const PhaseExercise& pe = *entry.pe;
  const Exercise* ex = entry.ex;
  const ExerciseOverride* ov = entry.ov;
  ExerciseTrack& t = tracks_[entry.index];
  if (!t.started) {
    t.started = true;
    t.state.steps = static_cast<int>(ex->ladder.size());
    int step = ov != nullptr && ov->start_step ? *ov->start_step : pe.start_step;
    t.state.step = std::clamp(step, 0, t.state.steps - 1);
    t.state.last_change = d;
    t.state.last_decision = d;
    Reason r{"phase-start",
             Message("phase-start")
                 .With("phase", phase->title)
                 .With("step", StepOf{t.state.step, t.state.steps}),
             {}};
    Record(d, ex->id, -1, t.state.step, StepChange::kStart, r);
    t.pending = StepChange::kStart;
    t.pending_reason = std::move(r);
  } else if (t.stopped) {
    if (!ApplyReview(t, *ex, d)) return;
  } else if (const StopInterval* cleared = ClearedSince(t, d)) {
    ResumeAfterStop(t, *ex, d, *cleared);
  } else {
    if (t.awaiting_review) ApplyReview(t, *ex, d);
    Decide(t, entry, d, CarriedOverStartStep(t, pe, ov, phase));
    if (t.stopped) return;
  }
  t.phase = phase;
  if (t.pending == StepChange::kBack || t.pending == StepChange::kResume) {
    t.state.last_lowered = d;
  }
  ScheduledExercise& se = todays_.emplace_back(&pe, ScheduledExercise{}).second;
  se.exercise = ex;
  se.step = t.state.step;
  se.steps = t.state.steps;
  se.dose = &ex->ladder[static_cast<size_t>(t.state.step)];
  se.side = ResolveExerciseSide(se.dose->side.value_or(ex->side), patient_.side);
  se.change = t.pending;
  se.reason = std::move(t.pending_reason);
  t.pending = StepChange::kSame;
  t.pending_reason.reset();
}

}  // namespace rehab::engine_internal
