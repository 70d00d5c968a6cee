// The plan generator. Works in three passes: lay the phases on the calendar
// (criteria from the diary may hold a phase longer), find the red-flag stop
// intervals, then walk the days putting each exercise on its ladder step.
#include "planner/engine/engine.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "planner/engine/engine_internal.h"

namespace rehab {

namespace engine_internal {

Generator::Generator(std::shared_ptr<const Program> shared_program, const Patient& patient,
                     const Diary& diary, Date today, const PlanOptions& options)
    : program_(*shared_program),
      patient_(patient),
      zone_(IsUtcZoneName(patient.timezone) ? nullptr : FindTimeZone(patient.timezone)),
      today_(today),
      valid_through_(today + date::days(std::max(options.validity_days, 0))) {
  // The diary as the rules read it: a copy only when rows must be merged.
  if (IsMerged(diary.entries, today)) {
    entries_ = &diary.entries;
  } else {
    merged_ = MergeSameDay(diary.entries, today);
    entries_ = &merged_;
  }
  // Scheduled exercises point into the program the plan holds.
  const Program& program = program_;
  plan_.program = std::move(shared_program);
  ResolvePhases();
  plan_.patient = patient;
  plan_.diary = diary;
  plan_.today = today;
  plan_.anchor = AnchorDate(program, patient).value_or(today);
  if (!AnchorDate(program, patient)) HoldsThrough(today);  // counts from today itself
  plan_.start = plan_.anchor;
  int weeks = options.weeks;
  if (weeks <= 0) {
    weeks = program.default_weeks;
    if (weeks <= 0 && !program.phases.empty()) weeks = (program.phases.back().end_day + 6) / 7;
    // Long enough to show every outcome measure's due day (the 6-month
    // questionnaire of a 26-week program falls on day 182).
    for (const auto& om : program.outcome_measures) {
      for (int due : om.due_days) weeks = std::max(weeks, due / 7 + 1);
    }
  }
  weeks = std::clamp(weeks, 1, kMaxPlanWeeks);
  plan_.end = plan_.start + date::days(weeks * 7);
}

}  // namespace engine_internal

std::optional<Date> AnchorDate(const Program& program, const Patient& patient) {
  if (program.anchor == Anchor::kSurgery) return patient.surgery;
  return patient.start ? patient.start : patient.surgery;
}

namespace engine_internal {

void Generator::BoundPlanWideRules() {
  // A row dated after today is ignored with a warning that names today.
  for (const DiaryEntry& e : plan_.diary.entries) {
    if (e.date > today_) HoldsThrough(today_);
  }
  for (Date d = today_ + date::days(1); d <= valid_through_; d += date::days(1)) {
    std::vector<Alert> alerts;
    std::vector<PhaseSpan> phases = LayOutPhases(program_, *entries_, plan_.anchor, d, plan_.end,
                                                 &alerts);
    std::vector<StopInterval> stops = FindRedFlags(program_, *entries_, d, &alerts);
    CheckPersistentPain(program_, *entries_, plan_.anchor, d, &alerts);
    if (phases != plan_.phases || stops != stops_ || alerts != plan_.alerts) {
      HoldsThrough(d - date::days(1));
      return;
    }
  }
}

Plan Generator::Run() {
  plan_.ignored = EntriesAfterToday(plan_.diary, today_);
  plan_.phases = LayOutPhases(program_, *entries_, plan_.anchor, today_, plan_.end, &plan_.alerts);
  stops_ = FindRedFlags(program_, *entries_, today_, &plan_.alerts);
  CheckPersistentPain(program_, *entries_, plan_.anchor, today_, &plan_.alerts);
  if (valid_through_ > today_) BoundPlanWideRules();
  for (Date d = plan_.start; d < plan_.end; d += date::days(1)) plan_.days.push_back(MakeDay(d));
  // A therapist's review after the last red entry ends a repeated-red
  // alert even when the exercise was not scheduled again since.
  for (auto& t : tracks_) {
    if (!t.review_alert) continue;
    if (auto r = ReviewedIn(t.last_red, today_ + date::days(1))) {
      plan_.alerts[*t.review_alert].active = false;
      plan_.alerts[*t.review_alert].cleared = *r;
    }
  }
  plan_.valid_through = valid_through_;
  std::stable_sort(plan_.alerts.begin(), plan_.alerts.end(), [](const Alert& a, const Alert& b) {
    return std::tie(a.date, a.id) < std::tie(b.date, b.id);
  });
  std::stable_sort(plan_.changes.begin(), plan_.changes.end(),
                   [](const DoseChange& a, const DoseChange& b) {
                     return std::tie(a.date, a.exercise_id) < std::tie(b.date, b.exercise_id);
                   });
  return std::move(plan_);
}

TimeOfDay Generator::LocalTime(Date d, TimeOfDay t) {
  TimeOfDay moved = ExistingLocalTime(zone_, d, t);
  if (moved == t) return t;
  auto same = [&](const PlanNote& n) {
    const MessageValue* date = n.message.Find("date");
    const MessageValue* from = n.message.Find("from");
    return n.id == "dst-gap" && date != nullptr && *date == MessageValue{d} && from != nullptr &&
           *from == MessageValue{ClockTime{t}};
  };
  if (std::none_of(plan_.notes.begin(), plan_.notes.end(), same)) {
    plan_.notes.push_back({"dst-gap", Message("note.dst-gap")
                                          .With("date", d)
                                          .With("from", ClockTime{t})
                                          .With("to", ClockTime{moved})});
  }
  return moved;
}

const PhaseSpan* Generator::SpanOn(Date d) const {
  for (const auto& s : plan_.phases) {
    if (d >= s.start && d < s.end) return &s;
  }
  return nullptr;
}

std::string Generator::PhaseTitle(Date d) const {
  const PhaseSpan* span = SpanOn(d);
  return span != nullptr ? span->title : std::string();
}

void Generator::ResolvePhases() {
  const auto& exercises = plan_.program->exercises;
  std::vector<std::string> extra_day_names;
  std::unordered_map<std::string_view, size_t> index;
  for (size_t i = 0; i < exercises.size(); ++i) index.try_emplace(exercises[i].id, i);
  tracks_.resize(exercises.size());
  for (const auto& phase : plan_.program->phases) {
    std::vector<PhaseEntry>& entries = phase_entries_.emplace_back();
    for (const auto& pe : phase.exercises) {
      auto found = index.find(pe.exercise_id);
      if (found == index.end()) continue;
      const Exercise& ex = exercises[found->second];
      if (ex.ladder.empty()) continue;
      const ExerciseOverride* ov = nullptr;
      for (const auto& o : patient_.overrides) {
        if (o.exercise_id == ex.id) {
          ov = &o;
          break;
        }
      }
      if (ov != nullptr && ov->skip) continue;
      entries.push_back({&pe, &ex, found->second, ov, Forbidden(program_, phase, ex)});
      if (NeedsExtraDays(patient_, pe.days_per_week) &&
          std::find(extra_day_names.begin(), extra_day_names.end(), ex.name) ==
              extra_day_names.end()) {
        extra_day_names.push_back(ex.name);
      }
    }
  }
  if (!extra_day_names.empty()) {
    plan_.notes.push_back(ExtraDaysNote(patient_, std::move(extra_day_names)));
  }
  for (const auto& e : *entries_) {
    if (std::find(e.flags.begin(), e.flags.end(), "reviewed") != e.flags.end()) {
      reviewed_.push_back(e.date);
    }
  }
}

DayPlan Generator::MakeDay(Date d) {
  DayPlan day;
  day.date = d;
  day.day = (d - plan_.anchor).count();
  day.past = d < today_;
  const PhaseSpan* span = SpanOn(d);
  if (span == nullptr) return day;
  day.phase_id = span->id;
  const Phase* phase = plan_.FindPhase(span->id);
  AddMilestones(day, *span, *phase);
  const StopInterval* stop = StopOn(stops_, d);
  if (stop != nullptr && stop->level == RedFlagStops::kAll) {
    day.stopped = true;
    return day;
  }
  day.essentials_only = stop != nullptr;
  const std::vector<PhaseEntry>& entries =
      phase_entries_[static_cast<size_t>(phase - plan_.program->phases.data())];
  todays_.clear();
  todays_.reserve(entries.size());  // entries are big: no regrowth
  for (const PhaseEntry& entry : entries) {
    if (entry.forbidden.On(day.day)) continue;  // defence in depth
    if (day.essentials_only && !entry.pe->essential) continue;
    if (!IsTrainingDay(patient_, plan_.anchor, d, entry.pe->days_per_week)) continue;
    ScheduleExercise(entry, phase, d);
  }
  AddSessions(day);
  day.modalities = ScheduleModalities(program_, *entries_, day.day, d, day.sessions);
  for (auto& m : day.modalities) m.time = LocalTime(d, m.time);
  if (day.essentials_only) {  // ice may go on; no heat on a knee that may be infected
    std::erase_if(day.modalities,
                  [](const ModalitySlot& m) { return m.kind == ModalityKind::kHeat; });
  }
  return day;
}

}  // namespace engine_internal

std::span<const std::string_view> ReasonRules() {
  static constexpr std::string_view kRules[] = {"phase-start",
                                                "scheduled",
                                                "progress",
                                                "amber-pain",
                                                "rising-interval",
                                                "phase-start-step",
                                                "too-few-sessions",
                                                "red-pain",
                                                "red-pain-lowest-step",
                                                "rising-pain",
                                                "rising-week",
                                                "repeated-red",
                                                "therapist-reviewed",
                                                "gap",
                                                "red-flag-cleared"};
  return kRules;
}

std::span<const std::string_view> EmittedMessageIds() {
  static constexpr std::string_view kIds[] = {
      // Reasons.
      "phase-start", "phase-start-step", "repeated-red.stop", "repeated-red.easiest",
      "red-pain-lowest-step", "red-pain", "rising-pain", "rising-week", "gap", "amber-pain",
      "finding.pain", "finding.morning-above-baseline", "finding.morning-not-settled",
      "rising-interval", "too-few-sessions", "scheduled", "progress", "therapist-reviewed",
      "red-flag-cleared",
      // Alerts (red flags are Verbatim).
      kVerbatimMessage, "alert.phase-overdue", "alert.phase-overdue.action",
      "alert.phase-overdue.detail", "missing.daily", "missing.measure", "criterion.not-measured",
      "criterion.met", "criterion.unmet", "target.at-least", "target.at-most",
      "alert.persistent-pain", "alert.persistent-pain.action", "alert.exercise-stopped",
      "alert.exercise-stopped.action", "alert.repeated-red", "alert.repeated-red.action",
      // Notes, milestones, diary warnings.
      "note.extra-days", "milestone.phase-start", "milestone.outcome-measure",
      "milestone.follow-up", "note.dst-gap", "ignored.after-today", "ignored.flags", "ignored.pain",
      "ignored.swelling", "ignored.measures"};
  return kIds;
}

Plan Generate(std::shared_ptr<const Program> program, const Patient& patient, const Diary& diary,
              date::year_month_day today, const PlanOptions& options) {
  return engine_internal::Generator(std::move(program), patient, diary, date::sys_days(today),
                                    options)
      .Run();
}

Plan Generate(const Program& program, const Patient& patient, const Diary& diary,
              date::year_month_day today, const PlanOptions& options) {
  return Generate(std::make_shared<const Program>(program), patient, diary, today, options);
}

}  // namespace rehab
