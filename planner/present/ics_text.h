// The words of calendar events: titles short enough for a phone to show in
// full (what and how long first), and the description lines that carry the
// program, phase, criteria and reasons. Every word is a template of the
// message catalogue (planner/present/messages_en.cc).
#ifndef REHAB_PLANNER_PRESENT_ICS_TEXT_H_
#define REHAB_PLANNER_PRESENT_ICS_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "planner/model/plan.h"

namespace rehab::ics {

// The most characters (UTF-8 code points) of an event title.
inline constexpr size_t kMaxTitleCharacters = 40;

// `text` when it has at most `max` characters; else cut after the last
// whole word that fits with a trailing "…" (mid-word when there is none).
// REQUIRES: max >= 2.
std::string ShortTitle(std::string_view text, size_t max = kMaxTitleCharacters);

// The words of one plan's events, in the patient's language.
class EventText {
 public:
  explicit EventText(const Plan& plan) : plan_(plan), language_(plan.patient.language) {}

  // "Rehab: After total knee replacement" (X-WR-CALNAME).
  std::string CalendarName() const;
  // "Exercises 1/2 · 19 min" (slot 0-based; "Exercises · 19 min" when the
  // day has one session).
  std::string SessionTitle(int slot, int sessions, int minutes) const;
  // "After total knee replacement: First two weeks - move, straighten, walk".
  std::string SessionContext(std::string_view phase_id) const;
  // "Ice pack · 15 min".
  std::string ModalityTitle(const ModalitySlot& slot) const;
  // "Before exercise." / "After exercise." / "".
  std::string ModalityTiming(const ModalitySlot& slot) const;
  // "Phase 2 of 3 starts", "Measure due: KOOS", "Therapist check before the
  // next phase"; the milestone's own message goes in the description.
  std::string MilestoneTitle(const Milestone& milestone) const;
  // The milestone's message, "Phase starts: <title>" when it has none.
  std::string MilestoneText(const Milestone& milestone) const;
  // "Goals:" (the heading of a phase's goals).
  std::string GoalsHeading() const;
  // "⚠ Call your surgeon's team today".
  std::string AlertTitle(const Alert& alert) const;
  // "Raised on 2026-11-21 (diary entries: 2026-11-21 and 2026-11-22)".
  std::string AlertRaised(const Alert& alert) const;
  // "Held on 2026-11-23" for a dose change on `d`.
  std::string ChangeLabel(StepChange change, Date d) const;
  // A dose change's reason, its steps worded without the ladder's length
  // ("back to the easiest step, step 1, until ..."), so that exercises
  // changed by one decision read alike; the dose line shows the dose.
  std::string ReasonText(const Reason& reason) const;
  // "Held on 2026-11-23: <reason>", with "(Heel slide and Walking)" after the
  // label when `exercises` is set (the change concerns only those).
  std::string Why(const std::string& label, const std::string& reason,
                  const std::vector<std::string>* exercises) const;
  // "Cancelled — do not exercise" (a cancelled copy's title).
  std::string CancelledTitle() const;
  // The phase's title (its id when it has none).
  std::string PhaseTitle(std::string_view phase_id) const;
  const std::string& ProgramTitle() const;
  // The patient's language, in which all of the above is worded.
  const std::string& language() const { return language_; }

 private:
  const Plan& plan_;
  const std::string& language_;
};

}  // namespace rehab::ics

#endif  // REHAB_PLANNER_PRESENT_ICS_TEXT_H_
