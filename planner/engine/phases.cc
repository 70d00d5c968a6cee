// Phases on the calendar: their planned ends, exit criteria checked against
// the diary, the overdue alert, restrictions, and the day's milestones.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "planner/engine/engine.h"
#include "planner/engine/engine_internal.h"

namespace rehab {

namespace engine_internal {

namespace {

bool IsBuiltinPain(const std::string& measure) {
  return measure == "pain" || measure == "morning-pain" || measure == "swelling";
}

// The value of `measure` in one diary row, if it has one.
std::optional<double> MeasureIn(const DiaryEntry& e, const std::string& measure) {
  if (measure == "pain") return e.during ? std::optional<double>(*e.during) : std::nullopt;
  if (measure == "morning-pain")
    return e.morning ? std::optional<double>(*e.morning) : std::nullopt;
  if (measure == "swelling") {
    return e.swelling ? std::optional<double>(static_cast<double>(*e.swelling)) : std::nullopt;
  }
  auto m = e.measures.find(measure);
  if (m == e.measures.end()) return std::nullopt;
  return m->second;
}

bool AllMet(const std::vector<CriterionCheck>& checks) {
  return std::all_of(checks.begin(), checks.end(), [](const CriterionCheck& c) { return c.met; });
}

// A phase past its maximum with its criteria unmet: plain words for the
// patient, and for the therapist each criterion's value (or "not measured")
// against its target.
Alert OverdueAlert(const Phase& ph, const Entries& entries, Date anchor, Date latest, Date today) {
  std::vector<CriterionCheck> checks = CheckExitCriteria(ph, entries, today + date::days(1), today);
  std::vector<Message> criteria, missing;
  for (const auto& c : checks) {
    const std::string& m = c.criterion->measure;
    std::vector<Message> target = {TargetOf(*c.criterion)};
    if (!c.value) {
      criteria.push_back(
          Message("criterion.not-measured").With("measure", m).With("target", std::move(target)));
      missing.push_back(Message(IsBuiltinPain(m) ? "missing.daily" : "missing.measure")
                            .With("criterion", c.criterion->text)
                            .With("measure", m));
    } else {
      criteria.push_back(Message(c.met ? "criterion.met" : "criterion.unmet")
                             .With("measure", m)
                             .With("value", MeasureValue{m, *c.value})
                             .With("date", c.logged)
                             .With("target", std::move(target)));
    }
  }
  Alert a;
  a.kind = AlertKind::kTherapistReview;
  a.id = "phase-overdue:" + ph.id;
  a.date = latest;
  a.text = Message("alert.phase-overdue");
  a.action = Message("alert.phase-overdue.action").With("missing", std::move(missing));
  a.detail = Message("alert.phase-overdue.detail")
                 .With("phase", ph.title)
                 .With("day", static_cast<int>((latest - anchor).count()))
                 .With("date", latest)
                 .With("criteria", std::move(criteria));
  a.urgency = Urgency::kRoutine;
  a.active = true;
  return a;
}

}  // namespace

std::vector<PhaseSpan> LayOutPhases(const Program& program, const Entries& entries, Date anchor,
                                    Date today, Date end, std::vector<Alert>* alerts) {
  std::vector<PhaseSpan> spans;
  Date start = anchor;
  for (size_t i = 0; i < program.phases.size() && start < end; ++i) {
    const Phase& ph = program.phases[i];
    PhaseSpan span{ph.id, ph.title, start, end, false, false};
    bool last = i + 1 == program.phases.size();
    // A phase held up by the one before keeps its planned length and the
    // slack to its maximum: a phase never shrinks below its planned length.
    Date planned = PlannedPhaseEnd(ph, anchor, start);
    Date latest = planned + date::days(std::max(ph.max_end_day - ph.end_day, 0));
    if (last) {
      spans.push_back(span);
      break;
    }
    Date transition = planned;
    if (!ph.exit_criteria.empty() && !entries.empty() && planned <= today) {
      std::optional<Date> met;
      for (Date d = planned; d <= today && d <= latest; d += date::days(1)) {
        if (AllMet(CheckExitCriteria(ph, entries, d, today))) {
          met = d;
          break;
        }
      }
      if (met) {
        transition = *met;
        span.extended = *met > planned;
      } else if (latest > today) {
        // Not met yet, still inside its window: held to its maximum in the projection.
        transition = latest;
        span.extended = true;
      } else {
        span.extended = true;
        span.overdue = true;
        alerts->push_back(OverdueAlert(ph, entries, anchor, latest, today));
        span.end = end;
        spans.push_back(span);
        break;
      }
    }
    span.end = std::min(transition, end);
    spans.push_back(span);
    start = transition;
  }
  return spans;
}

Forbidden::Forbidden(const Program& program, const Phase& phase, const Exercise& ex) {
  for (const auto& tag : ex.tags) {
    if (std::find(phase.restrictions.begin(), phase.restrictions.end(), tag) !=
        phase.restrictions.end()) {
      always = true;
    }
    for (const auto& r : program.restrictions) {
      if (r.tag == tag) windows.emplace_back(r.from_day, r.until_day);
    }
  }
}

void Generator::AddMilestones(DayPlan& day, const PhaseSpan& span, const Phase& phase) {
  if (span.start == day.date) {
    day.milestones.push_back({MilestoneKind::kPhaseStart, phase.id,
                              Message("milestone.phase-start").With("phase", phase.title)});
  }
  for (const auto& om : program_.outcome_measures) {
    for (int due : om.due_days) {
      if (due == day.day) {
        day.milestones.push_back({MilestoneKind::kOutcomeMeasure, om.id,
                                  Message("milestone.outcome-measure").With("measure", om.name)});
      }
    }
  }
  Date planned_end = PlannedPhaseEnd(phase, plan_.anchor, span.start);
  if (!phase.exit_criteria.empty() && day.date == planned_end - date::days(1) &&
      span.end > day.date) {
    std::vector<std::string> criteria;
    for (const auto& c : phase.exit_criteria) criteria.push_back(c.text);
    day.milestones.push_back(
        {MilestoneKind::kFollowUp, phase.id,
         Message("milestone.follow-up").With("criteria", std::move(criteria))});
  }
}

}  // namespace engine_internal

using engine_internal::IsBuiltinPain;
using engine_internal::MeasureIn;

Date PlannedPhaseEnd(const Phase& phase, Date anchor, Date start) {
  int length = std::max(phase.end_day - phase.start_day, 1);
  return std::max(anchor + date::days(phase.end_day), start + date::days(length));
}

std::vector<CriterionCheck> CheckExitCriteria(const Phase& phase,
                                              const std::vector<DiaryEntry>& entries, Date before,
                                              Date today) {
  std::vector<CriterionCheck> out;
  for (const auto& c : phase.exit_criteria) {
    CriterionCheck check;
    check.criterion = &c;
    // The latest date with a value; on that date the worst pain or swelling
    // counts, or the last row's measure (as the engine merges same-day rows).
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
      if (it->date >= before || it->date > today) continue;
      if (check.value && it->date != check.logged) break;
      auto v = MeasureIn(*it, c.measure);
      if (!v) continue;
      if (!check.value) {
        check.value = v;
        check.logged = it->date;
      } else if (IsBuiltinPain(c.measure) && *v > *check.value) {
        check.value = v;
      }
    }
    check.met = check.value &&
                (c.op == CompareOp::kAtLeast ? *check.value >= c.value : *check.value <= c.value);
    out.push_back(check);
  }
  return out;
}

Message TargetOf(const Criterion& c) {
  return Message(c.op == CompareOp::kAtLeast ? "target.at-least" : "target.at-most")
      .With("value", MeasureValue{c.measure, c.value});
}

}  // namespace rehab
