// VTIMEZONE components from the tz database and the DTSTART forms.
#include "planner/present/ics_timezone.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "planner/engine/time_zones.h"
#include "planner/present/ics_lines.h"

namespace rehab::ics {

bool IsUtcName(const std::string& name) { return IsUtcZoneName(name); }

const date::time_zone* FindZone(const std::string& name) { return FindTimeZone(name); }

namespace {

using std::chrono::seconds;

// One change of a zone's offset: when, and the offsets around it.
struct Transition {
  date::sys_seconds onset;
  seconds from{0};      // the offset before
  date::sys_info info;  // the one after
  bool daylight() const { return info.save != std::chrono::minutes{0}; }
  // The local wall time it happens at, in the offset before (VTIMEZONE's DTSTART).
  date::local_seconds local() const {
    return date::local_seconds{(onset + from).time_since_epoch()};
  }
};

// Every transition of `zone` with its onset in [begin, end).
std::vector<Transition> Transitions(const date::time_zone& zone, date::sys_seconds begin,
                                    date::sys_seconds end) {
  std::vector<Transition> out;
  date::sys_info info = zone.get_info(begin);
  while (info.end < end) {
    date::sys_info next = zone.get_info(info.end);
    out.push_back({info.end, info.offset, next});
    info = next;
  }
  return out;
}

// A transition as a yearly rule: "the nth (-1: last) weekday of a month at a
// local time", with its offsets and name.
struct YearlyRule {
  unsigned month = 0;
  int nth = 0;
  unsigned weekday = 0;
  seconds time{0};
  seconds from{0};
  seconds to{0};
  std::string abbrev;
  bool operator==(const YearlyRule&) const = default;
};

YearlyRule RuleOf(const Transition& t) {
  date::local_seconds local = t.local();
  auto day = date::floor<date::days>(local);
  date::year_month_day ymd{day};
  unsigned d = static_cast<unsigned>(ymd.day());
  unsigned last = static_cast<unsigned>((ymd.year() / ymd.month() / date::last).day());
  YearlyRule rule;
  rule.month = static_cast<unsigned>(ymd.month());
  rule.nth = d + 7 > last ? -1 : static_cast<int>((d - 1) / 7 + 1);
  rule.weekday = date::weekday{day}.c_encoding();
  rule.time = local - day;
  rule.from = t.from;
  rule.to = t.info.offset;
  rule.abbrev = t.info.abbrev;
  return rule;
}

// The transitions of one kind (into or out of daylight time), if one yearly
// rule gives exactly them, a year apart, over the whole window.
bool FollowOneYearlyRule(const std::vector<const Transition*>& kind, date::sys_seconds begin,
                         date::sys_seconds end) {
  constexpr auto kYear = date::days{366};
  if (kind.empty() || kind.front()->onset - begin > kYear || end - kind.back()->onset > kYear) {
    return false;
  }
  YearlyRule rule = RuleOf(*kind.front());
  for (size_t i = 1; i < kind.size(); ++i) {
    auto year = [](const Transition* t) {
      return date::year_month_day{date::floor<date::days>(t->local())}.year();
    };
    if (!(RuleOf(*kind[i]) == rule) || year(kind[i]) != year(kind[i - 1]) + date::years{1}) {
      return false;
    }
  }
  return true;
}

void AppendObservance(const Transition& t, const std::string* rrule,
                      std::vector<std::string>* lines) {
  const char* kind = t.daylight() ? "DAYLIGHT" : "STANDARD";
  lines->push_back(fmt::format("BEGIN:{}", kind));
  lines->push_back("DTSTART:" + CompactSysTime(t.onset + t.from));
  if (rrule != nullptr) lines->push_back(*rrule);
  lines->push_back("TZOFFSETFROM:" + UtcOffset(t.from));
  lines->push_back("TZOFFSETTO:" + UtcOffset(t.info.offset));
  if (!t.info.abbrev.empty()) lines->push_back("TZNAME:" + EscapeIcsText(t.info.abbrev));
  lines->push_back(fmt::format("END:{}", kind));
}

// "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU".
std::string Rrule(const YearlyRule& rule) {
  static constexpr const char* kDays[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
  return fmt::format("RRULE:FREQ=YEARLY;BYMONTH={};BYDAY={}{}", rule.month, rule.nth,
                     kDays[rule.weekday]);
}

// A zone with daylight time on yearly rules, around the plan's dates (a year
// either side): a STANDARD and a DAYLIGHT observance, each from its first
// transition in that window with its yearly RRULE, even when the plan stays
// in one season, for clients that rebuild the zone's rules from them. False
// (nothing appended) when the zone keeps no such rules there.
bool AppendYearlyObservances(const date::time_zone& zone, Date first, Date last,
                             std::vector<std::string>* lines) {
  date::sys_seconds begin = date::sys_days{first - date::days{366}};
  date::sys_seconds end = date::sys_days{last + date::days{366}};
  std::vector<Transition> all = Transitions(zone, begin, end);
  std::vector<const Transition*> into;
  std::vector<const Transition*> out_of;
  for (const auto& t : all) (t.daylight() ? into : out_of).push_back(&t);
  if (!FollowOneYearlyRule(into, begin, end) || !FollowOneYearlyRule(out_of, begin, end)) {
    return false;
  }
  const Transition* firsts[] = {into.front(), out_of.front()};
  if (firsts[1]->onset < firsts[0]->onset) std::swap(firsts[0], firsts[1]);
  for (const Transition* t : firsts) {
    std::string rrule = Rrule(RuleOf(*t));
    AppendObservance(*t, &rrule, lines);
  }
  return true;
}

// One observance per transition between `first` and `last` (local dates,
// padded a few days for the zone's offset), plus the observance in force at
// the start.
void AppendEachTransition(const date::time_zone& zone, Date first, Date last,
                          std::vector<std::string>* lines) {
  const date::sys_seconds kEarliest = date::sys_days{date::year{1900} / 1 / 1};
  date::sys_seconds end = date::sys_days{last + date::days{3}};
  date::sys_info info = zone.get_info(date::sys_seconds{first - date::days{2}});
  while (true) {
    Transition t{info.begin, info.offset, info};
    if (info.begin > kEarliest) {
      t.from = zone.get_info(info.begin - seconds{1}).offset;
    } else {
      t.onset = date::sys_days{date::year{1970} / 1 / 1} - info.offset;
    }
    AppendObservance(t, nullptr, lines);
    if (info.end >= end) break;
    info = zone.get_info(info.end);
  }
}

// A VTIMEZONE covering the local dates `first` to `last`: yearly rules when
// the zone has daylight time on them, else each transition in the span.
std::vector<std::string> VTimezone(const date::time_zone& zone, const std::string& tzid, Date first,
                                   Date last) {
  std::vector<std::string> lines = {"BEGIN:VTIMEZONE", "TZID:" + EscapeIcsText(tzid)};
  if (!AppendYearlyObservances(zone, first, last, &lines)) {
    AppendEachTransition(zone, first, last, &lines);
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
