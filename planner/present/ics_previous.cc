// Reading a previous export back (see ics_previous.h).
#include "planner/present/ics_previous.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>

#include "planner/present/ics_lines.h"

namespace rehab::ics {
namespace {

// What a cancelled copy of a vanished event keeps: enough for calendars to
// find every occurrence it had.
bool IsKeptInCancelledCopy(std::string_view name) {
  static const std::set<std::string, std::less<>> kKept = {
      "DTSTART", "DTEND", "DURATION", "RRULE", "SUMMARY", "CATEGORIES", "TRANSP"};
  return kKept.count(name) > 0;
}

// A DTSTAMP value as rehab writes it (YYYYMMDDTHHMMSSZ), else "".
std::string ReadStamp(std::string_view value) {
  if (value.size() != 16 || value[8] != 'T' || value[15] != 'Z') return "";
  for (size_t i = 0; i < 15; ++i) {
    if (i != 8 && (value[i] < '0' || value[i] > '9')) return "";
  }
  return std::string(value);
}

int ReadSequence(std::string_view value) {
  int n = 0;
  const char* last = value.data() + value.size();
  auto [end, ec] = std::from_chars(value.data(), last, n);
  return ec == std::errc() && end == last ? std::max(n, 0) : 0;
}

// One property of a VEVENT (not of a component inside it).
void ReadProperty(std::string_view line, const ContentLineParts& parts, PreviousEvent* event) {
  std::string name = ToUpper(parts.name);
  if (name == "UID") {
    event->uid = parts.value;
  } else if (name == "DTSTAMP") {
    event->dtstamp = ReadStamp(parts.value);
  } else if (name == "SEQUENCE") {
    event->sequence = ReadSequence(parts.value);
  } else if (name == "X-REHAB-HASH") {
    event->hash = parts.value;
  } else if (name == "STATUS") {
    event->cancelled = EqualsUpper(parts.value, "CANCELLED");
  } else if (IsKeptInCancelledCopy(name)) {
    event->lines.emplace_back(line);
  }
}

// A DTSTART or DTEND line as a cancelled copy writes it.
std::string KeptTimeLine(const std::string& line, const std::string& name, ZoneSpans* zones) {
  ContentLineParts parts = SplitParts(line);
  std::string_view value = parts.value;
  size_t tz = parts.params.find(";TZID=");
  if (tz == std::string_view::npos) return line;
  std::string tzid(parts.params.substr(tz + 6));
  tzid = tzid.substr(0, tzid.find(';'));
  std::optional<Date> d;
  if (value.size() >= 8) {
    d = ParseDate(std::string(value.substr(0, 4)) + "-" + std::string(value.substr(4, 2)) + "-" +
                  std::string(value.substr(6, 2)));
  }
  if (d && !IsUtcName(tzid) && FindZone(tzid) != nullptr) {
    zones->Use(tzid, *d);
    return line;
  }
  std::string kept = name + ":" + std::string(value);
  if (IsUtcName(tzid) && value.find('T') != std::string_view::npos && !value.ends_with('Z')) {
    kept += "Z";
  }
  return kept;
}

}  // namespace

PreviousCalendar ReadPreviousCalendar(std::string_view text) {
  PreviousCalendar events;
  std::optional<PreviousEvent> current;
  int nested = 0;  // depth of components inside the VEVENT (VALARM)
  ForEachContentLine(text, [&](std::string_view line) {
    ContentLineParts parts = SplitParts(line);
    if (!current) {
      if (EqualsUpper(parts.name, "BEGIN") && EqualsUpper(parts.value, "VEVENT")) current.emplace();
    } else if (EqualsUpper(parts.name, "BEGIN")) {
      ++nested;
    } else if (EqualsUpper(parts.name, "END")) {
      if (nested > 0) {
        --nested;
        return;
      }
      if (!current->uid.empty()) events[current->uid] = std::move(*current);
      current.reset();
    } else if (nested == 0) {
      ReadProperty(line, parts, &*current);
    }
  });
  return events;
}

std::vector<std::string> CancelledCopy(const PreviousEvent& event, std::string_view summary,
                                       ZoneSpans* zones, std::string* dtstart) {
  std::vector<std::string> body;
  dtstart->clear();
  for (const auto& line : event.lines) {
    std::string name = ToUpper(SplitParts(line).name);
    if (name == "SUMMARY") {
      body.push_back(std::string("SUMMARY:").append(summary));
      continue;
    }
    if (name != "DTSTART" && name != "DTEND") {
      body.push_back(line);
      continue;
    }
    if (name == "DTSTART") *dtstart = SplitParts(line).value;
    body.push_back(KeptTimeLine(line, name, zones));
  }
  body.push_back("STATUS:CANCELLED");
  return body;
}

}  // namespace rehab::ics
