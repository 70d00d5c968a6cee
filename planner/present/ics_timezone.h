// Time zones in a calendar: how timed events name their zone (UTC `Z`, a
// TZID, or floating), and the VTIMEZONE components covering the dates used.
#ifndef REHAB_PLANNER_PRESENT_ICS_TIMEZONE_H_
#define REHAB_PLANNER_PRESENT_ICS_TIMEZONE_H_

#include <date/tz.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "planner/model/model.h"

namespace rehab::ics {

// IsUtcZoneName and FindTimeZone (planner/engine/time_zones.h).
bool IsUtcName(const std::string& name);
const date::time_zone* FindZone(const std::string& name);

// How timed events are written: `Z` (UTC), TZID + VTIMEZONE, or floating
// local times when the zone is unknown.
struct TimeWriter {
  explicit TimeWriter(const std::string& zone_name);

  // "DTSTART...:<date>T<time>" in this writer's form.
  std::string DtStart(Date d, TimeOfDay t) const;

  bool utc = false;
  std::string tzid;  // set when a zone was found
  const date::time_zone* zone = nullptr;
};

// The local dates each TZID is used on, and their VTIMEZONE components.
class ZoneSpans {
 public:
  // Notes that `tzid` is used on local date `d`.
  void Use(const std::string& tzid, Date d);

  // One VTIMEZONE per TZID noted (in TZID order). A zone with daylight time
  // on yearly rules around its span (a year either side) gets a STANDARD and
  // a DAYLIGHT observance with yearly RRULEs, even when the span stays in one
  // season; any other zone one observance per transition in its span (padded
  // a few days for the zone's offset) and the observance in force at its
  // start. TZIDs the tz database lacks are left
  // out. `known` is looked up without the database when its TZID is noted.
  std::vector<std::string> Lines(const TimeWriter& known) const;

 private:
  std::map<std::string, std::pair<Date, Date>> span_;  // tzid -> first, last
};

}  // namespace rehab::ics

#endif  // REHAB_PLANNER_PRESENT_ICS_TIMEZONE_H_
