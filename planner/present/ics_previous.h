// The previously exported calendar, read back so that a new export keeps its
// events' UIDs, bumps SEQUENCE where content changed, and cancels events the
// new plan no longer has.
#ifndef REHAB_PLANNER_PRESENT_ICS_PREVIOUS_H_
#define REHAB_PLANNER_PRESENT_ICS_PREVIOUS_H_

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "planner/present/ics_timezone.h"

namespace rehab::ics {

struct PreviousEvent {
  std::string uid;
  int sequence = 0;  // a missing, negative or malformed SEQUENCE reads as 0
  std::string hash;  // X-REHAB-HASH; empty: not written by rehab
  bool cancelled = false;
  // DTSTAMP's value when it is a UTC date-time (YYYYMMDDTHHMMSSZ), else empty: an event
  // whose content did not change keeps it, so an unchanged calendar stays byte-identical.
  std::string dtstamp;
  std::vector<std::string> lines;  // the properties a cancelled copy keeps
};

// The VEVENTs of a previous export that have a UID, by UID (the last one wins
// when a UID repeats). Any text is accepted: what is not a well-formed VEVENT
// property is ignored.
using PreviousCalendar = std::map<std::string, PreviousEvent, std::less<>>;
PreviousCalendar ReadPreviousCalendar(std::string_view text);

// The properties of a cancelled copy of `event`: its time, rule and
// categories (so calendars find every occurrence it had), `summary` (a TEXT
// value, escaped already) as its title, so that a calendar that ignores
// STATUS still shows it is cancelled, then STATUS:CANCELLED. A DTSTART/DTEND TZID is kept only when a VTIMEZONE can be
// written for it (its date is then noted in `*zones`); otherwise the time is
// written as UTC (for a UTC name) or floating. `*dtstart` receives the
// DTSTART value ("" if none).
std::vector<std::string> CancelledCopy(const PreviousEvent& event, std::string_view summary,
                                       ZoneSpans* zones,
                                       std::string* dtstart);

}  // namespace rehab::ics

#endif  // REHAB_PLANNER_PRESENT_ICS_PREVIOUS_H_
