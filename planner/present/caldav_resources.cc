// Splitting the rendered calendar into one calendar object per event, each
// with its own VTIMEZONE, and fingerprinting objects independently of how a
// server lays them out (see caldav_resources.h).
#include "planner/present/caldav_resources.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include "planner/base/hash.h"
#include "planner/present/ics_lines.h"
#include "planner/present/ics_timezone.h"

namespace rehab {
namespace {

using ics::ContentLineParts;
using ics::EqualsUpper;
using ics::SplitParts;

// One VEVENT of the rendered calendar, unfolded.
struct RenderedEvent {
  std::vector<std::string> lines;  // BEGIN:VEVENT ... END:VEVENT
  std::string uid, summary, start, tzid, rrule;
};

// A YYYYMMDD prefix as a date.
std::optional<Date> CompactDateOf(std::string_view value) {
  if (value.size() < 8) return std::nullopt;
  std::string iso =
      fmt::format("{}-{}-{}", value.substr(0, 4), value.substr(4, 2), value.substr(6, 2));
  return ParseDate(iso);
}

// The value of `key` in an RRULE value ("FREQ=WEEKLY;BYDAY=MO;COUNT=3").
std::string_view RulePart(std::string_view rule, std::string_view key) {
  size_t pos = 0;
  while (pos <= rule.size()) {
    size_t end = rule.find(';', pos);
    if (end == std::string_view::npos) end = rule.size();
    std::string_view part = rule.substr(pos, end - pos);
    if (part.size() > key.size() && part.substr(0, key.size()) == key && part[key.size()] == '=') {
      return part.substr(key.size() + 1);
    }
    pos = end + 1;
  }
  return {};
}

// The last occurrence of a rule rehab writes (ics::Rrule: DAILY or WEEKLY
// with BYDAY, and COUNT); `first` when there is no rule or it is not one of those.
Date LastOccurrence(Date first, std::string_view rule) {
  int count = 0;
  std::string_view count_text = RulePart(rule, "COUNT");
  std::from_chars(count_text.data(), count_text.data() + count_text.size(), count);
  if (count <= 1) return first;
  if (RulePart(rule, "FREQ") == "DAILY") return first + date::days{count - 1};
  static constexpr std::string_view kDays[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
  std::string_view by_day = RulePart(rule, "BYDAY");
  unsigned weekdays = 0;
  for (unsigned d = 0; d < 7; ++d) {
    if (by_day.find(kDays[d]) != std::string_view::npos) weekdays |= 1u << d;
  }
  if (weekdays == 0) return first;
  Date d = first;
  for (int seen = 1; seen < count;) {
    d += date::days{1};
    if (weekdays & (1u << date::weekday(d).c_encoding())) ++seen;
  }
  return d;
}

void ReadEventProperty(std::string_view line, RenderedEvent* event) {
  ContentLineParts parts = SplitParts(line);
  if (EqualsUpper(parts.name, "UID")) {
    event->uid = parts.value;
  } else if (EqualsUpper(parts.name, "SUMMARY")) {
    event->summary = UnescapeIcsText(parts.value);
  } else if (EqualsUpper(parts.name, "RRULE")) {
    event->rrule = parts.value;
  } else if (EqualsUpper(parts.name, "DTSTART")) {
    event->start = parts.value;
    size_t tz = parts.params.find(";TZID=");
    if (tz != std::string_view::npos) {
      std::string_view tzid = parts.params.substr(tz + 6);
      event->tzid = tzid.substr(0, tzid.find(';'));
    }
  }
}

// The rendered calendar's VEVENTs and header properties.
struct RenderedCalendar {
  std::vector<std::string> header;  // VERSION, PRODID, CALSCALE
  std::string name;                 // X-WR-CALNAME, unescaped
  std::vector<RenderedEvent> events;
};

RenderedCalendar ReadRendered(std::string_view text) {
  RenderedCalendar calendar;
  int depth = 0;  // 1 inside VCALENDAR, 2 inside a component of it, ...
  bool in_event = false;
  ics::ForEachContentLine(text, [&](std::string_view line) {
    ContentLineParts parts = SplitParts(line);
    bool begin = EqualsUpper(parts.name, "BEGIN");
    bool end = EqualsUpper(parts.name, "END");
    if (begin && depth == 1 && EqualsUpper(parts.value, "VEVENT")) {
      in_event = true;
      calendar.events.emplace_back();
    }
    if (in_event) {
      calendar.events.back().lines.emplace_back(line);
      if (depth == 2 && !begin && !end) ReadEventProperty(line, &calendar.events.back());
    } else if (depth == 1 && !begin && !end) {
      if (EqualsUpper(parts.name, "X-WR-CALNAME")) {
        calendar.name = UnescapeIcsText(parts.value);
      } else if (EqualsUpper(parts.name, "VERSION") || EqualsUpper(parts.name, "PRODID") ||
                 EqualsUpper(parts.name, "CALSCALE")) {
        calendar.header.emplace_back(line);
      }
    }
    if (begin) ++depth;
    if (end) {
      --depth;
      if (depth == 1) in_event = false;
    }
  });
  return calendar;
}

// The object for one event, X-REHAB-OWNED left out.
std::string ObjectText(const RenderedCalendar& calendar, const RenderedEvent& event,
                       const ics::TimeWriter& time) {
  std::string out;
  ics::AppendFoldedLine(&out, "BEGIN:VCALENDAR");
  for (const auto& line : calendar.header) ics::AppendFoldedLine(&out, line);
  if (!event.tzid.empty()) {
    if (std::optional<Date> first = CompactDateOf(event.start)) {
      ics::ZoneSpans zones;
      zones.Use(event.tzid, *first);
      zones.Use(event.tzid, LastOccurrence(*first, event.rrule));
      for (const auto& line : zones.Lines(time)) ics::AppendFoldedLine(&out, line);
    }
  }
  for (const auto& line : event.lines) ics::AppendFoldedLine(&out, line);
  ics::AppendFoldedLine(&out, "END:VCALENDAR");
  return out;
}

// `text` with `line` (folded) inserted before its first END:VEVENT.
std::string WithOwnedMark(const std::string& text, const std::string& hash) {
  size_t pos = text.find("\r\nEND:VEVENT\r\n");
  if (pos == std::string::npos) return text;
  std::string out = text.substr(0, pos + 2);
  ics::AppendFoldedLine(&out, std::string(kCaldavOwnedProperty) + ":" + hash);
  out.append(text, pos + 2);
  return out;
}

}  // namespace

CaldavCalendar BuildCaldavCalendar(const Plan& plan, const IcsOptions& options,
                                   std::string_view previous) {
  IcsOptions no_cancelled = options;
  no_cancelled.keep_cancelled = false;
  RenderedCalendar rendered = ReadRendered(RenderIcs(plan, no_cancelled, previous));
  const ics::TimeWriter time(plan.patient.timezone);
  CaldavCalendar calendar;
  calendar.display_name = rendered.name;
  for (const auto& event : rendered.events) {
    if (event.uid.empty()) continue;
    CaldavResource r;
    r.uid = event.uid;
    r.name = CaldavResourceName(event.uid);
    std::string text = ObjectText(rendered, event, time);
    r.hash = CaldavContentHash(text);
    r.ics = WithOwnedMark(text, r.hash);
    r.summary = event.summary;
    r.start = event.start;
    calendar.resources.push_back(std::move(r));
  }
  return calendar;
}

std::string CaldavContentHash(std::string_view ics) {
  std::vector<std::string> keyed;
  std::string path;
  std::vector<size_t> marks;  // path length before each open component
  ics::ForEachContentLine(ics, [&](std::string_view line) {
    ContentLineParts parts = SplitParts(line);
    if (EqualsUpper(parts.name, "BEGIN")) {
      marks.push_back(path.size());
      path.append("/").append(ics::ToUpper(parts.value));
      keyed.push_back(path + "|BEGIN");
      return;
    }
    if (EqualsUpper(parts.name, "END")) {
      if (!marks.empty()) {
        path.resize(marks.back());
        marks.pop_back();
      }
      return;
    }
    if (EqualsUpper(parts.name, "DTSTAMP") || EqualsUpper(parts.name, kCaldavOwnedProperty)) {
      return;
    }
    std::string entry = path + "|" + ics::ToUpper(parts.name);
    entry.append(parts.params).append(":").append(parts.value);
    keyed.push_back(std::move(entry));
  });
  std::sort(keyed.begin(), keyed.end());
  Fnv1a64 fingerprint;
  for (const auto& entry : keyed) {
    fingerprint.Add(entry);
    fingerprint.Add('\n');
  }
  return fmt::format("{:016x}", fingerprint.value());
}

CaldavObjectInfo ReadCaldavObject(std::string_view ics) {
  CaldavObjectInfo info;
  int depth = 0;
  bool in_event = false;
  bool seen_event = false;
  ics::ForEachContentLine(ics, [&](std::string_view line) {
    ContentLineParts parts = SplitParts(line);
    if (EqualsUpper(parts.name, "BEGIN")) {
      if (depth == 1 && !seen_event && EqualsUpper(parts.value, "VEVENT")) {
        in_event = seen_event = true;
      }
      ++depth;
      return;
    }
    if (EqualsUpper(parts.name, "END")) {
      --depth;
      if (depth <= 1) in_event = false;
      return;
    }
    if (!in_event || depth != 2) return;
    if (EqualsUpper(parts.name, "UID")) {
      info.uid = parts.value;
    } else if (EqualsUpper(parts.name, "SUMMARY")) {
      info.summary = UnescapeIcsText(parts.value);
    } else if (EqualsUpper(parts.name, "DTSTART")) {
      info.start = parts.value;
    } else if (EqualsUpper(parts.name, kCaldavOwnedProperty)) {
      info.owned = true;
      info.owned_hash = parts.value;
    }
  });
  info.hash = CaldavContentHash(ics);
  return info;
}

std::string CaldavResourceName(std::string_view uid) {
  std::string out;
  for (unsigned char c : uid) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~' || c == '@';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out + ".ics";
}

}  // namespace rehab
