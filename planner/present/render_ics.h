// The plan as an RFC 5545 calendar (.ics) that phones import and, on a later
// export over the same file, update in place: stable UIDs, SEQUENCE, and
// STATUS:CANCELLED for events the new plan no longer has.
#ifndef REHAB_PLANNER_PRESENT_RENDER_ICS_H_
#define REHAB_PLANNER_PRESENT_RENDER_ICS_H_

#include <string>
#include <string_view>
#include <vector>

#include "planner/model/plan.h"

namespace rehab {

struct IcsOptions {
  // Minutes before each session or ice/heat slot for a VALARM; 0: no alarms.
  int remind_minutes = 10;
  // true: identical sessions (and ice/heat slots) on a weekly pattern become
  // one event with an RRULE, which ends where the content changes. false: one
  // event per session, each with its own UID (for calendars that handle
  // updates to repeating events badly). Either way every session is exactly
  // one occurrence.
  bool repeat = true;
  // The text of the previously exported .ics (empty when there is none). Its
  // events carry UID, SEQUENCE and X-REHAB-HASH; they decide each new event's
  // SEQUENCE and which events are exported as cancelled.
  std::string previous;
};

// Renders the plan as a VCALENDAR (METHOD:PUBLISH) with CRLF line endings and
// content lines folded at 75 octets. Every session and ice/heat slot is
// exactly one occurrence of one event (see IcsOptions::repeat). Timed events use the patient's zone
// (`DTSTART;TZID=...` plus a VTIMEZONE built from the tz database covering
// every timed event); UTC patients get `Z` times and no VTIMEZONE.
// Pure: the output depends only on `plan` and `options` (DTSTAMP is `today`
// at 00:00:00Z). The tz database is read through date::locate_zone.
// REQUIRES: plan.patient.timezone names a zone in the tz database; if it does
// not, times are written as floating local times (no TZID) rather than wrong ones.
std::string RenderIcs(const Plan& plan, const IcsOptions& options = {});
// The same into `*out`, replacing its contents: a caller rendering many plans
// reuses one buffer.
void RenderIcs(const Plan& plan, const IcsOptions& options, std::string* out);

// ---- RFC 5545 building blocks, exposed for tests and other exporters. ----

// TEXT value escaping: backslash, semicolon, comma, newline (CRLF, CR or LF
// become "\n"); other control characters except TAB are dropped and invalid
// UTF-8 becomes U+FFFD.
std::string EscapeIcsText(std::string_view text);

// The inverse of EscapeIcsText for well-formed input ("\N" is read as newline).
std::string UnescapeIcsText(std::string_view text);

// Folds one content line (without its line break) into CRLF-terminated
// physical lines of at most 75 octets, continuation lines starting with a
// space. Never splits a UTF-8 character or a backslash escape.
std::string FoldIcsLine(std::string_view line);

// Unfolds an iCalendar text into its logical content lines (CRLF or LF line
// breaks; a break followed by a space or tab is a fold).
std::vector<std::string> UnfoldIcsLines(std::string_view text);

}  // namespace rehab

#endif  // REHAB_PLANNER_PRESENT_RENDER_ICS_H_
