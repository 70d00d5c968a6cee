// The patient's time zone as the plan uses it: the zone of an IANA name in
// the tz database (read through date::locate_zone), and local times that
// exist in it.
#ifndef REHAB_PLANNER_ENGINE_TIME_ZONES_H_
#define REHAB_PLANNER_ENGINE_TIME_ZONES_H_

#include <date/tz.h>

#include <string>
#include <vector>

#include "planner/model/model.h"

namespace rehab {

// The names that mean UTC ("", "UTC", "Etc/UTC", "Z", ...).
bool IsUtcZoneName(const std::string& name);

// The zone of that name in the tz database; nullptr when there is none.
const date::time_zone* FindTimeZone(const std::string& name);

// Every zone name of the tz database, links (old names such as
// "US/Eastern") included, sorted: the candidates of a "did you mean".
std::vector<std::string> TimeZoneNames();

// `t` on local date `d` in `zone` when that local time exists; when it falls
// in a gap (the clocks go forward past it), `t` moved forward by the gap's
// length, as RFC 5545 §3.3.5 reads such a time: 02:30 on a night the clocks
// go from 02:00 to 03:00 is 03:30. `t` itself when `zone` is null or the
// moved time would pass midnight.
TimeOfDay ExistingLocalTime(const date::time_zone* zone, Date d, TimeOfDay t);

}  // namespace rehab

#endif  // REHAB_PLANNER_ENGINE_TIME_ZONES_H_
