// Calendar event words, from the message catalogue.
#include "planner/present/ics_text.h"

#include "planner/base/utf8.h"
#include "planner/present/messages.h"

namespace rehab::ics {
namespace {

// The byte offset just past the first `n` characters of `text`.
size_t OffsetOfCharacter(std::string_view text, size_t n) {
  size_t i = 0;
  for (size_t seen = 0; i < text.size(); ++i) {
    if (IsUtf8Continuation(text[i])) continue;
    if (seen++ == n) return i;
  }
  return text.size();
}

// A name without its parenthesised expansion: "KOOS (Knee injury ...)" is
// "KOOS".
std::string_view ShortName(std::string_view name) {
  size_t paren = name.find(" (");
  return paren == std::string_view::npos || paren == 0 ? name : name.substr(0, paren);
}

}  // namespace

std::string ShortTitle(std::string_view text, size_t max) {
  if (CountCharacters(text) <= max) return std::string(text);
  constexpr std::string_view kEllipsis = "\u2026";
  std::string_view kept = text.substr(0, OffsetOfCharacter(text, max - 1));
  size_t space = kept.rfind(' ');
  if (space != std::string_view::npos && space > 0) kept = kept.substr(0, space);
  while (!kept.empty() && (kept.back() == ' ' || kept.back() == ',' || kept.back() == ':' ||
                           kept.back() == ';' || kept.back() == '-')) {
    kept.remove_suffix(1);
  }
  return std::string(kept).append(kEllipsis);
}

std::string EventText::CalendarName() const {
  return MessageText(Message("calendar.name").With("program", ProgramTitle()), language_);
}

std::string EventText::SessionTitle(int slot, int sessions, int minutes) const {
  Message m("calendar.session");
  m.With("n", slot + 1).With("total", sessions).With("minutes", minutes);
  return ShortTitle(MessageText(m, language_));
}

std::string EventText::SessionContext(std::string_view phase_id) const {
  Message m("calendar.session.context");
  m.With("program", ProgramTitle()).With("phase", PhaseTitle(phase_id));
  return MessageText(m, language_);
}

std::string EventText::ModalityTitle(const ModalitySlot& slot) const {
  std::string id = slot.kind == ModalityKind::kIce ? "calendar.ice" : "calendar.heat";
  Message m(slot.name.empty() ? id + ".unnamed" : id);
  m.With("name", slot.name).With("minutes", slot.minutes);
  return ShortTitle(MessageText(m, language_));
}

std::string EventText::ModalityTiming(const ModalitySlot& slot) const {
  if (slot.when == ModalityTiming::kBeforeExercise) {
    return MessageText(Message("calendar.modality.before"), language_);
  }
  if (slot.when == ModalityTiming::kAfterExercise) {
    return MessageText(Message("calendar.modality.after"), language_);
  }
  return "";
}

std::string EventText::MilestoneTitle(const Milestone& milestone) const {
  Message m;
  switch (milestone.kind) {
    case MilestoneKind::kPhaseStart: {
      const auto& phases = plan_.program->phases;
      int n = 0;
      for (size_t i = 0; i < phases.size(); ++i) {
        if (phases[i].id == milestone.id) n = static_cast<int>(i) + 1;
      }
      m = Message("calendar.phase-start");
      m.With("n", n).With("total", static_cast<int>(phases.size()));
      break;
    }
    case MilestoneKind::kOutcomeMeasure: {
      std::string name = milestone.id;
      for (const auto& om : plan_.program->outcome_measures) {
        if (om.id == milestone.id && !om.name.empty()) name = om.name;
      }
      m = Message("calendar.outcome-measure");
      m.With("measure", std::string(ShortName(name)));
      break;
    }
    case MilestoneKind::kFollowUp:
      m = Message("calendar.follow-up");
      break;
  }
  return ShortTitle(MessageText(m, language_));
}

std::string EventText::MilestoneText(const Milestone& milestone) const {
  std::string text = MessageText(milestone.message, language_);
  if (!text.empty()) return text;
  if (milestone.kind == MilestoneKind::kPhaseStart) {
    return MessageText(Message("milestone.phase-start").With("phase", PhaseTitle(milestone.id)),
                       language_);
  }
  if (milestone.kind == MilestoneKind::kOutcomeMeasure) {
    return MessageText(Message("milestone.outcome-measure").With("measure", milestone.id),
                       language_);
  }
  return MessageText(Message("calendar.follow-up"), language_);
}

std::string EventText::GoalsHeading() const {
  return MessageText(Message("calendar.goals"), language_);
}

std::string EventText::AlertTitle(const Alert& alert) const {
  return ShortTitle(AlertHeadline(plan_.patient, plan_.program->anchor, alert.urgency, alert.stops,
                                  alert.kind, HeadlineForm::kTitle));
}

std::string EventText::AlertRaised(const Alert& alert) const {
  Message m(alert.diary_dates.empty() ? "calendar.raised" : "calendar.raised.diary");
  m.With("date", alert.date);
  if (!alert.diary_dates.empty()) m.With("dates", alert.diary_dates);
  return MessageText(m, language_);
}

std::string EventText::ChangeLabel(StepChange change, Date d) const {
  const char* id = "calendar.change";
  switch (change) {
    case StepChange::kStart:
      id = "calendar.change.start";
      break;
    case StepChange::kUp:
      id = "calendar.change.up";
      break;
    case StepChange::kHold:
      id = "calendar.change.hold";
      break;
    case StepChange::kBack:
      id = "calendar.change.back";
      break;
    case StepChange::kStop:
      id = "calendar.change.stop";
      break;
    case StepChange::kResume:
      id = "calendar.change.resume";
      break;
    case StepChange::kSame:
      break;
  }
  return MessageText(Message(id).With("date", d), language_);
}

std::string EventText::ReasonText(const Reason& reason) const {
  return MessageTextWithoutLadderLength(reason.message, language_);
}

std::string EventText::Why(const std::string& label, const std::string& reason,
                           const std::vector<std::string>* exercises) const {
  std::string id = reason.empty() ? "calendar.why.bare" : "calendar.why";
  Message m(exercises != nullptr ? id + ".some" : id);
  m.With("change", label).With("reason", reason);
  if (exercises != nullptr) m.With("exercises", *exercises);
  return MessageText(m, language_);
}

std::string EventText::CancelledTitle() const {
  return MessageText(Message("calendar.cancelled"), language_);
}

std::string EventText::PhaseTitle(std::string_view phase_id) const {
  for (const auto& span : plan_.phases) {
    if (span.id == phase_id && !span.title.empty()) return span.title;
  }
  const Phase* phase = plan_.FindPhase(std::string(phase_id));
  if (phase != nullptr && !phase->title.empty()) return phase->title;
  return std::string(phase_id);
}

const std::string& EventText::ProgramTitle() const {
  return plan_.program->title.empty() ? plan_.program->id : plan_.program->title;
}

}  // namespace rehab::ics
