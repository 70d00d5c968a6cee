// Caseload triage (docs/triage.md): a plan's alerts, phases, milestones and diary, ranked.
#include "planner/engine/triage.h"

#include <algorithm>
#include <tuple>

#include "planner/engine/engine.h"

namespace rehab {

namespace {

// The days from today counted as "this week" for an outcome measure: today and the 6 after.
constexpr int kMeasureWindowDays = 7;

TriageCategory CategoryOf(const Alert& a) {
  if (a.kind != AlertKind::kTherapistReview) {
    if (a.urgency == Urgency::kEmergency) return TriageCategory::kEmergency;
    if (a.urgency == Urgency::kSameDay) return TriageCategory::kSameDay;
  }
  return TriageCategory::kTherapist;
}

// The therapist's words for an engine alert, from the alert's own values.
Message WhatOf(const Alert& a, const Plan& plan) {
  if (a.id.starts_with("phase-overdue:")) {
    const std::string phase_id = a.id.substr(std::string_view("phase-overdue:").size());
    const Phase* phase = plan.FindPhase(phase_id);
    return Message("triage.what.phase-overdue").With("phase", phase ? phase->title : phase_id);
  }
  if (a.id == "exercise-stopped" || a.id == "repeated-red") {
    const MessageValue* names = a.text.Find("exercises");
    return Message("triage.what." + a.id)
        .With("exercises", names ? *names : MessageValue{std::vector<std::string>{}});
  }
  if (a.id == "persistent-pain") {
    Message m("triage.what.persistent-pain");
    for (const char* name : {"pain_min", "weeks"}) {
      const MessageValue* v = a.text.Find(name);
      m.With(name, v ? *v : MessageValue{0});
    }
    return m;
  }
  return a.text;  // a red flag: the program's own words
}

Message TodoOf(const Alert& a, TriageCategory c) {
  if (c == TriageCategory::kEmergency) return Message("triage.todo.call-now");
  if (c == TriageCategory::kSameDay) return Message("triage.todo.call-today");
  if (a.id.starts_with("phase-overdue:")) return Message("triage.todo.phase-overdue");
  if (a.id == "exercise-stopped" || a.id == "repeated-red") {
    return Message("triage.todo.review-red");
  }
  if (a.id == "persistent-pain") return Message("triage.todo.refer");
  return Message("triage.todo.review");
}

void AddAlerts(const Plan& plan, std::vector<TriageReason>* out) {
  for (const Alert* a : plan.ActiveAlerts()) {
    TriageReason r;
    r.category = CategoryOf(*a);
    r.rule = a->id;
    r.what = WhatOf(*a, plan);
    r.todo = TodoOf(*a, r.category);
    r.since = a->date;
    r.dates = a->diary_dates;
    out->push_back(std::move(r));
  }
}

// The phase of today held past its planned end, its criteria not yet met (an overdue phase
// has its own alert).
void AddHeldPhase(const Plan& plan, Date today, std::vector<TriageReason>* out) {
  for (const PhaseSpan& span : plan.phases) {
    if (!(span.start <= today && today < span.end)) continue;
    const Phase* phase = plan.FindPhase(span.id);
    if (!span.extended || span.overdue || phase == nullptr) return;
    const Date planned_end = PlannedPhaseEnd(*phase, plan.anchor, span.start);
    if (planned_end > today) return;
    TriageReason r;
    r.category = TriageCategory::kTherapist;
    r.rule = "criteria-not-met:" + span.id;
    r.what = Message("triage.what.criteria-not-met").With("phase", span.title);
    r.todo = Message("triage.todo.criteria-not-met");
    r.since = planned_end;
    out->push_back(std::move(r));
    return;
  }
}

void AddMeasuresDue(const Plan& plan, Date today, std::vector<TriageReason>* out) {
  for (int i = 0; i < kMeasureWindowDays; ++i) {
    const DayPlan* day = plan.FindDay(today + date::days(i));
    if (day == nullptr) continue;
    for (const Milestone& m : day->milestones) {
      if (m.kind != MilestoneKind::kOutcomeMeasure) continue;
      TriageReason r;
      r.category = TriageCategory::kMeasureDue;
      r.rule = "outcome-measure:" + m.id;
      const MessageValue* name = m.message.Find("measure");
      r.what = Message("triage.what.measure-due").With("measure", name ? *name : m.id);
      r.todo = Message("triage.todo.measure");
      r.since = day->date;
      out->push_back(std::move(r));
    }
  }
}

// "No diary entry for N days" (since the last entry) or "... since the start".
Message NoDiaryWhat(bool since_an_entry, int days) {
  return Message(since_an_entry ? "triage.what.no-diary" : "triage.what.no-diary-yet")
      .With("days", days);
}

void AddNoDiary(const Plan& plan, Date today, const TriageOptions& options,
                std::vector<TriageReason>* out) {
  if (today < plan.start || today >= plan.end) return;
  const int threshold = options.no_diary_days.value_or(plan.program->pain_rules.gap_days);
  std::optional<Date> last;
  for (const DiaryEntry& e : plan.diary.entries) {
    if (e.date <= today && (!last || e.date > *last)) last = e.date;
  }
  const Date from = last.value_or(plan.start);
  const int days = static_cast<int>((today - from).count());
  if (days < std::max(threshold, 1)) return;
  TriageReason r;
  r.category = TriageCategory::kNoDiary;
  r.rule = "no-diary";
  r.what = NoDiaryWhat(last.has_value(), days);
  r.todo = Message("triage.todo.remind");
  r.since = from;
  if (last) r.dates = {*last};
  out->push_back(std::move(r));
}

}  // namespace

const char* ToString(TriageCategory c) {
  switch (c) {
    case TriageCategory::kEmergency:
      return "emergency";
    case TriageCategory::kSameDay:
      return "same-day";
    case TriageCategory::kTherapist:
      return "therapist";
    case TriageCategory::kMeasureDue:
      return "measure-due";
    case TriageCategory::kNoDiary:
      return "no-diary";
    case TriageCategory::kNothing:
      return "nothing";
  }
  return "nothing";
}

bool NeedsAttention(TriageCategory c) { return c <= TriageCategory::kTherapist; }

namespace {

// The triage of `plan` as it would be on `today` (a day the plan holds
// through: its alerts and phases are then those of that day too).
TriageEntry TriageOn(const Plan& plan, const TriageOptions& options, Date today) {
  TriageEntry entry;
  entry.patient_id = plan.patient.id;
  AddAlerts(plan, &entry.reasons);
  AddHeldPhase(plan, today, &entry.reasons);
  AddMeasuresDue(plan, today, &entry.reasons);
  AddNoDiary(plan, today, options, &entry.reasons);
  std::stable_sort(
      entry.reasons.begin(), entry.reasons.end(), [](const TriageReason& a, const TriageReason& b) {
        return std::tie(a.category, a.since, a.rule) < std::tie(b.category, b.since, b.rule);
      });
  if (!entry.reasons.empty()) entry.category = entry.reasons.front().category;
  return entry;
}

}  // namespace

TriageEntry Triage(const Plan& plan, const TriageOptions& options) {
  return TriageOn(plan, options, plan.today);
}

void RecountTriageDays(TriageEntry* entry, Date today) {
  for (TriageReason& r : entry->reasons) {
    if (r.rule != "no-diary" || !r.since) continue;
    // AddNoDiary's dates hold the last entry when there is one.
    r.what = NoDiaryWhat(!r.dates.empty(), static_cast<int>((today - *r.since).count()));
  }
}

std::vector<ScheduledTriage> TriageSchedule(const Plan& plan, const TriageOptions& options) {
  std::vector<ScheduledTriage> schedule;
  schedule.push_back({plan.today, TriageOn(plan, options, plan.today)});
  for (Date d = plan.today + date::days(1); d <= plan.valid_through; d += date::days(1)) {
    TriageEntry moved = schedule.back().entry;
    RecountTriageDays(&moved, d);
    TriageEntry on_d = TriageOn(plan, options, d);
    if (!(on_d == moved)) schedule.push_back({d, std::move(on_d)});
  }
  return schedule;
}

Date TriageValidThrough(const Plan& plan, const TriageOptions& options) {
  const std::vector<ScheduledTriage> schedule = TriageSchedule(plan, options);
  if (schedule.size() > 1) return schedule[1].from - date::days(1);
  return std::max(plan.valid_through, plan.today);
}

void SortTriage(std::vector<TriageEntry>* entries) {
  std::stable_sort(entries->begin(), entries->end(),
                   [](const TriageEntry& a, const TriageEntry& b) {
                     return std::tie(a.category, a.patient_id) < std::tie(b.category, b.patient_id);
                   });
}

std::span<const std::string_view> TriageMessageIds() {
  static constexpr std::string_view kIds[] = {"triage.what.phase-overdue",
                                              "triage.what.exercise-stopped",
                                              "triage.what.repeated-red",
                                              "triage.what.persistent-pain",
                                              "triage.what.criteria-not-met",
                                              "triage.what.measure-due",
                                              "triage.what.no-diary",
                                              "triage.what.no-diary-yet",
                                              "triage.todo.call-now",
                                              "triage.todo.call-today",
                                              "triage.todo.phase-overdue",
                                              "triage.todo.review-red",
                                              "triage.todo.refer",
                                              "triage.todo.review",
                                              "triage.todo.criteria-not-met",
                                              "triage.todo.measure",
                                              "triage.todo.remind"};
  return kIds;
}

}  // namespace rehab
