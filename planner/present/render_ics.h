// The plan as an RFC 5545 calendar (.ics) that phones import and, on a later
// export over the same file, update in place: stable UIDs, SEQUENCE, and
// STATUS:CANCELLED for events the new plan no longer has.
#ifndef REHAB_PLANNER_PRESENT_RENDER_ICS_H_
#define REHAB_PLANNER_PRESENT_RENDER_ICS_H_

#include <string>
#include <string_view>
#include <vector>

#include "planner/model/plan.h"
#include "planner/present/ics_lines.h"  // EscapeIcsText, FoldIcsLine, ...

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
  // true: events of the previous file that the plan no longer has are written
  // again as cancelled copies, titled "Cancelled — do not exercise", so that
  // re-importing over an existing calendar removes them. false: they are left
  // out (for a fresh calendar, which has nothing to cancel); the previous
  // file still decides SEQUENCE.
  bool keep_cancelled = true;
  // Minutes after which a subscribing calendar should fetch the calendar
  // again (REFRESH-INTERVAL, RFC 7986, and X-PUBLISHED-TTL, which Outlook and
  // Apple read); 0: neither is written (a file to import).
  int refresh_minutes = 0;
};

// Renders the plan as a VCALENDAR (METHOD:PUBLISH) with CRLF line endings and
// content lines folded at 75 octets. Every session and ice/heat slot is
// exactly one occurrence of one event (see IcsOptions::repeat). Timed events
// use the patient's zone (`DTSTART;TZID=...` plus a VTIMEZONE built from the
// tz database covering every timed event); UTC patients get `Z` times and no
// VTIMEZONE. Pure: the output depends only on `plan`, `options` and
// `previous` (DTSTAMP is `today` at 00:00:00Z). The tz database is read through date::locate_zone.
// REQUIRES: plan.patient.timezone names a zone in the tz database; if it does
// not, times are written as floating local times (no TZID) rather than wrong ones.
//
// `previous` is the text of the previously exported .ics (empty when there is
// none), read in place. Its events carry UID, SEQUENCE and X-REHAB-HASH; they
// decide each new event's SEQUENCE and which events are exported as
// cancelled. Any text is accepted; what is not a rehab event is ignored.
// The result goes into `*out`, replacing its contents: a caller rendering
// many plans reuses one buffer.
void RenderIcs(const Plan& plan, const IcsOptions& options, std::string_view previous,
               std::string* out);
// The same, returned.
std::string RenderIcs(const Plan& plan, const IcsOptions& options = {},
                      std::string_view previous = {});

}  // namespace rehab

#endif  // REHAB_PLANNER_PRESENT_RENDER_ICS_H_
