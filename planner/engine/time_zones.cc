// Time-zone lookups and the local times that exist in a zone.
#include "planner/engine/time_zones.h"

#include <chrono>
#include <exception>
#include <algorithm>
#include <set>

namespace rehab {

bool IsUtcZoneName(const std::string& name) {
  static const std::set<std::string> kUtc = {
      "",     "UTC",      "Etc/UTC",   "UCT",           "Etc/UCT",
      "Zulu", "Etc/Zulu", "Universal", "Etc/Universal", "Z"};
  return kUtc.count(name) > 0;
}

const date::time_zone* FindTimeZone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

std::vector<std::string> TimeZoneNames() {
  std::vector<std::string> names;
  try {
    const date::tzdb& db = date::get_tzdb();
    for (const auto& zone : db.zones) names.emplace_back(zone.name());
#if !USE_OS_TZDB
    for (const auto& link : db.links) names.emplace_back(link.name());
#endif
  } catch (const std::exception&) {
    return {};  // no database: nothing to suggest
  }
  std::sort(names.begin(), names.end());
  return names;
}

TimeOfDay ExistingLocalTime(const date::time_zone* zone, Date d, TimeOfDay t) {
  if (zone == nullptr) return t;
  date::local_seconds local = date::local_days{d.time_since_epoch()} + std::chrono::minutes{t};
  date::local_info info = zone->get_info(local);
  if (info.result != date::local_info::nonexistent) return t;
  auto gap =
      std::chrono::duration_cast<std::chrono::minutes>(info.second.offset - info.first.offset);
  TimeOfDay moved = t + static_cast<TimeOfDay>(gap.count());
  return moved < 24 * 60 ? moved : t;
}

}  // namespace rehab
