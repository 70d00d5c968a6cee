// Plan lookups and enum names.
#include "planner/model/plan.h"

#include <algorithm>

namespace rehab {

const char* ToString(StepChange c) {
  switch (c) {
    case StepChange::kStart: return "start";
    case StepChange::kSame: return "same";
    case StepChange::kUp: return "up";
    case StepChange::kHold: return "hold";
    case StepChange::kBack: return "back";
    case StepChange::kStop: return "stop";
    case StepChange::kResume: return "resume";
  }
  return "?";
}

const char* ToString(MilestoneKind k) {
  switch (k) {
    case MilestoneKind::kPhaseStart: return "phase-start";
    case MilestoneKind::kOutcomeMeasure: return "outcome-measure";
    case MilestoneKind::kFollowUp: return "follow-up";
  }
  return "?";
}

const char* ToString(AlertKind k) {
  switch (k) {
    case AlertKind::kRedFlag: return "red-flag";
    case AlertKind::kSeeDoctor: return "see-doctor";
    case AlertKind::kTherapistReview: return "therapist-review";
  }
  return "?";
}

const std::shared_ptr<const Program>& EmptyProgram() {
  static const auto* const empty = new std::shared_ptr<const Program>(std::make_shared<Program>());
  return *empty;
}

std::vector<const Alert*> Plan::ActiveAlerts() const {
  std::vector<const Alert*> out;
  for (const auto& a : alerts) {
    if (a.active) out.push_back(&a);
  }
  auto rank = [](Urgency u) {
    return u == Urgency::kEmergency ? 0 : u == Urgency::kSameDay ? 1 : 2;
  };
  std::stable_sort(out.begin(), out.end(), [&](const Alert* a, const Alert* b) {
    return rank(a->urgency) < rank(b->urgency);
  });
  return out;
}

std::string AlertHeadline(const Patient& patient, Anchor anchor, Urgency urgency,
                          RedFlagStops stops, AlertKind kind) {
  if (kind == AlertKind::kTherapistReview) return "Show this plan to your therapist";
  bool surgery = anchor == Anchor::kSurgery;
  switch (urgency) {
    case Urgency::kEmergency: {
      EmergencyNumber n = EmergencyNumberFor(patient);
      std::string out = "Call " + n.number + " now";
      if (n.fallback) {
        out +=
            " (112 is the emergency number across Europe and works on most mobile phones; "
            "if you are elsewhere, call your local emergency number)";
      }
      return out;
    }
    case Urgency::kSameDay: {
      std::string out = surgery ? "Call your surgeon's team today" : "See a doctor today";
      if (stops == RedFlagStops::kAll) {
        out += surgery ? ". If you cannot reach them today, go to urgent care or the emergency "
                         "department"
                       : ". If you cannot see one today, go to urgent care or the emergency "
                         "department";
      }
      return out;
    }
    case Urgency::kRoutine:
      return surgery ? "Make an appointment with your surgeon's team or doctor"
                     : "Make an appointment with your doctor";
  }
  return "";
}

const DayPlan* Plan::FindDay(Date d) const {
  auto it = std::lower_bound(days.begin(), days.end(), d,
                             [](const DayPlan& day, Date x) { return day.date < x; });
  return it != days.end() && it->date == d ? &*it : nullptr;
}

const Phase* Plan::FindPhase(const std::string& id) const {
  for (const auto& p : program->phases) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

}  // namespace rehab
