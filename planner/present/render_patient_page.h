// The patient's page of `rehab serve`, phone-first: today's alerts, the day's
// sessions with each exercise's card (figure and dose), ice or heat times, and
// the diary form (pain 0-10 during, after and this morning, swelling, the
// measures the current phase needs, warning signs in plain words, a note).
// Every word comes from the message catalogue, every input text is escaped;
// no script, so the page works without JavaScript and by keyboard.
#ifndef REHAB_PLANNER_PRESENT_RENDER_PATIENT_PAGE_H_
#define REHAB_PLANNER_PRESENT_RENDER_PATIENT_PAGE_H_

#include <string>
#include <vector>

#include "planner/model/plan.h"

namespace rehab {

struct PatientPageOptions {
  // Where the diary form posts (an absolute path) and its anti-forgery token.
  std::string form_action;
  std::string csrf_token;
  // Links shown under the day: the printable handout and the calendar
  // subscription (webcal://...), "" to leave one out.
  std::string handout_link;
  std::string calendar_link;
  // After a save: true shows "Saved" above the alerts.
  bool saved = false;
  // After a refused save: why, one line each (shown above the form, which
  // keeps the values in `previous`).
  std::vector<std::string> problems;
  bool figures = true;
};

// The diary form's field names, as the page posts them (application/x-www-
// form-urlencoded): during, after, morning (0-10), swelling (SwellingNames()),
// measure.NAME (a number), flag (repeated: a diary flag), note.
std::string RenderPatientPage(const Plan& plan, Date day, const PatientPageOptions& options);

// The measures the phase holding `day` reads in its exit criteria and
// outcome measures, without the daily ones (pain, morning-pain, swelling),
// sorted: the form asks for these.
std::vector<std::string> PhaseMeasures(const Plan& plan, Date day);

}  // namespace rehab

#endif  // REHAB_PLANNER_PRESENT_RENDER_PATIENT_PAGE_H_
