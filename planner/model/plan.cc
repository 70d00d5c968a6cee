// Plan lookups, messages and enum names.
#include "planner/model/plan.h"

#include <algorithm>

namespace rehab {

const char* ToString(StepChange c) {
  switch (c) {
    case StepChange::kStart:
      return "start";
    case StepChange::kSame:
      return "same";
    case StepChange::kUp:
      return "up";
    case StepChange::kHold:
      return "hold";
    case StepChange::kBack:
      return "back";
    case StepChange::kStop:
      return "stop";
    case StepChange::kResume:
      return "resume";
  }
  return "?";
}

const char* ToString(MilestoneKind k) {
  switch (k) {
    case MilestoneKind::kPhaseStart:
      return "phase-start";
    case MilestoneKind::kOutcomeMeasure:
      return "outcome-measure";
    case MilestoneKind::kFollowUp:
      return "follow-up";
  }
  return "?";
}

const char* ToString(AlertKind k) {
  switch (k) {
    case AlertKind::kRedFlag:
      return "red-flag";
    case AlertKind::kSeeDoctor:
      return "see-doctor";
    case AlertKind::kTherapistReview:
      return "therapist-review";
  }
  return "?";
}

bool MessageArg::operator==(const MessageArg& other) const {
  return name == other.name && value == other.value;
}

Message Message::Verbatim(std::string text) {
  Message m(kVerbatimMessage);
  m.args.push_back({"text", std::move(text)});
  return m;
}

Message& Message::With(std::string name, MessageValue value) & {
  // Most messages have two to four arguments, added one by one: room for
  // four at the first, none for a message without arguments.
  if (args.capacity() == 0) args.reserve(kTypicalArgs);
  args.push_back({std::move(name), std::move(value)});
  return *this;
}

Message&& Message::With(std::string name, MessageValue value) && {
  return std::move(With(std::move(name), std::move(value)));
}

const MessageValue* Message::Find(std::string_view name) const {
  for (const auto& a : args) {
    if (a.name == name) return &a.value;
  }
  return nullptr;
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
