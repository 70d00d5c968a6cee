// VTIMEZONE components from the tz database and the DTSTART forms.
#include "planner/present/ics_timezone.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "planner/present/ics_lines.h"

namespace rehab::ics {

bool IsUtcName(const std::string& name) {
  static const std::set<std::string> kUtc = {
      "",     "UTC",      "Etc/UTC",   "UCT",           "Etc/UCT",
      "Zulu", "Etc/Zulu", "Universal", "Etc/Universal", "Z"};
  return kUtc.count(name) > 0;
}

const date::time_zone* FindZone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

namespace {

// A VTIMEZONE with one observance per transition between `first` and `last`
// (local dates, padded a few days for the zone's offset), plus the observance
// in force at the start.
std::vector<std::string> VTimezone(const date::time_zone& zone, const std::string& tzid, Date first,
                                   Date last) {
  using std::chrono::seconds;
  const date::sys_seconds kEarliest = date::sys_days{date::year{1900} / 1 / 1};
  std::vector<std::string> lines = {"BEGIN:VTIMEZONE", "TZID:" + EscapeIcsText(tzid)};
  date::sys_seconds end = date::sys_days{last + date::days{3}};
  date::sys_info info = zone.get_info(date::sys_seconds{first - date::days{2}});
  while (true) {
    date::sys_seconds onset = info.begin;
    seconds from = info.offset;
    if (onset > kEarliest) {
      from = zone.get_info(onset - seconds{1}).offset;
    } else {
      onset = date::sys_days{date::year{1970} / 1 / 1} - info.offset;
    }
    const char* kind = info.save != std::chrono::minutes{0} ? "DAYLIGHT" : "STANDARD";
    lines.push_back(fmt::format("BEGIN:{}", kind));
    lines.push_back("DTSTART:" + CompactSysTime(onset + from));
    lines.push_back("TZOFFSETFROM:" + UtcOffset(from));
    lines.push_back("TZOFFSETTO:" + UtcOffset(info.offset));
    if (!info.abbrev.empty()) lines.push_back("TZNAME:" + EscapeIcsText(info.abbrev));
    lines.push_back(fmt::format("END:{}", kind));
    if (info.end >= end) break;
    info = zone.get_info(info.end);
  }
  lines.push_back("END:VTIMEZONE");
  return lines;
}

}  // namespace

TimeWriter::TimeWriter(const std::string& zone_name) {
  utc = IsUtcName(zone_name);
  if (!utc) {
    zone = FindZone(zone_name);
    if (zone != nullptr) tzid = zone_name;
  }
}

std::string TimeWriter::DtStart(Date d, TimeOfDay t) const {
  if (utc) return "DTSTART:" + CompactDateTime(d, t) + "Z";
  if (zone != nullptr) return "DTSTART;TZID=" + tzid + ":" + CompactDateTime(d, t);
  return "DTSTART:" + CompactDateTime(d, t);
}

void ZoneSpans::Use(const std::string& tzid, Date d) {
  auto [it, inserted] = span_.try_emplace(tzid, d, d);
  if (!inserted) {
    it->second.first = std::min(it->second.first, d);
    it->second.second = std::max(it->second.second, d);
  }
}

std::vector<std::string> ZoneSpans::Lines(const TimeWriter& known) const {
  std::vector<std::string> lines;
  for (const auto& [tzid, span] : span_) {
    const date::time_zone* zone = tzid == known.tzid ? known.zone : FindZone(tzid);
    if (zone == nullptr) continue;
    auto v = VTimezone(*zone, tzid, span.first, span.second);
    lines.insert(lines.end(), v.begin(), v.end());
  }
  return lines;
}

}  // namespace rehab::ics
