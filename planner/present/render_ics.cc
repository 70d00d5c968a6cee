// RFC 5545 export: content-line escaping and folding, VTIMEZONE from the tz
// database, events for sessions and ice/heat slots (identical ones on a weekly
// pattern as one repeating event), milestones and alerts, and the update
// bookkeeping (UID, SEQUENCE, cancelled events) against the previous file.
#include "planner/present/render_ics.h"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <boost/uuid/name_generator_sha1.hpp>
#include <boost/uuid/uuid.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "planner/base/utf8.h"
#include "planner/present/dose_text.h"
#include "planner/present/messages.h"

namespace rehab {

// FoldIcsLine into the caller's buffer (defined with it below).
void AppendFoldedLine(std::string* out, std::string_view line);

namespace {

constexpr char kProdId[] = "-//rehab//rehab exercise planner//EN";
constexpr size_t kMaxLineOctets = 75;
constexpr char kCancelledHash[] = "cancelled";

// Namespace of every rehab UID (a random UUID fixed once; never change it, or
// every calendar would see all events as new).
constexpr boost::uuids::uuid kUidNamespace = {{0x3d, 0x7d, 0xba, 0x6f, 0xd3, 0xbb, 0x46, 0xcd, 0xa9,
                                               0xcb, 0x55, 0x9c, 0x1b, 0x7f, 0xf8, 0x4a}};

// ---------------------------------------------------------------- UTF-8 ----


// -------------------------------------------------------- small formats ----

std::string CompactDate(Date d) {
  std::string iso = FormatDate(d);  // YYYY-MM-DD
  std::erase(iso, '-');
  return iso;
}

std::string CompactDateTime(Date d, TimeOfDay t) {
  return fmt::format("{}T{:02}{:02}00", CompactDate(d), t / 60, t % 60);
}

std::string CompactSysTime(date::sys_seconds t) {
  Date d = date::floor<date::days>(t);
  auto s = (t - d).count();
  return fmt::format("{}T{:02}{:02}{:02}", CompactDate(d), s / 3600, s / 60 % 60, s % 60);
}

std::string UtcOffset(std::chrono::seconds offset) {
  auto s = offset.count();
  char sign = s < 0 ? '-' : '+';
  s = s < 0 ? -s : s;
  std::string out = fmt::format("{}{:02}{:02}", sign, s / 3600, s / 60 % 60);
  if (s % 60 != 0) out += fmt::format("{:02}", s % 60);
  return out;
}

std::string Duration(int minutes) {
  minutes = std::max(minutes, 1);
  if (minutes < 60) return fmt::format("PT{}M", minutes);
  if (minutes % 60 == 0) return fmt::format("PT{}H", minutes / 60);
  return fmt::format("PT{}H{}M", minutes / 60, minutes % 60);
}

// FNV-1a, 64 bit: a content fingerprint that is the same on every platform.
// Hashes lines, each followed by a newline.
class Fingerprint {
 public:
  void Add(const std::vector<std::string>& lines) {
    for (const auto& line : lines) {
      for (unsigned char c : line) {
        h_ ^= c;
        h_ *= 0x100000001b3ULL;
      }
      h_ ^= '\n';
      h_ *= 0x100000001b3ULL;
    }
  }
  std::string Hex() const { return fmt::format("{:016x}", h_); }

 private:
  uint64_t h_ = 0xcbf29ce484222325ULL;
};

// ------------------------------------------------------- previous file ----

// A content line's parts, as views into the line (the name as written).
struct ContentLineParts {
  std::string_view name;
  std::string_view params;  // ";TZID=..." (may be empty)
  std::string_view value;
};

ContentLineParts SplitParts(std::string_view line) {
  ContentLineParts out;
  size_t name_end = line.find_first_of(";:");
  out.name = line.substr(0, name_end);
  if (name_end == std::string_view::npos) return out;
  bool quoted = false;  // a ':' inside a quoted parameter value is not the separator
  size_t i = name_end;
  for (; i < line.size(); ++i) {
    if (line[i] == '"') quoted = !quoted;
    if (line[i] == ':' && !quoted) break;
  }
  out.params = line.substr(name_end, i - name_end);
  if (i < line.size()) out.value = line.substr(i + 1);
  return out;
}

std::string ToUpper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

struct ContentLine {
  std::string name;    // upper-cased property name
  std::string params;  // ";TZID=..." (may be empty)
  std::string value;
};

ContentLine SplitContentLine(std::string_view line) {
  ContentLineParts parts = SplitParts(line);
  return {ToUpper(parts.name), std::string(parts.params), std::string(parts.value)};
}

struct PreviousEvent {
  std::string uid;
  int sequence = 0;
  std::string hash;  // empty: not written by rehab
  bool cancelled = false;
  std::vector<std::string> lines;  // what a cancelled copy keeps (IsKeptInCancelledCopy)
};

// What a cancelled copy of a vanished event keeps: enough for calendars to
// find every occurrence it had.
bool IsKeptInCancelledCopy(std::string_view name) {
  static const std::set<std::string, std::less<>> kKept = {
      "DTSTART", "DTEND", "DURATION", "RRULE", "SUMMARY", "CATEGORIES", "TRANSP"};
  return kKept.count(name) > 0;
}

bool EqualsUpper(std::string_view text, std::string_view upper) {
  return text.size() == upper.size() &&
         std::equal(text.begin(), text.end(), upper.begin(), [](char a, char b) {
           return std::toupper(static_cast<unsigned char>(a)) == b;
         });
}

// Calls `f` with every logical content line of `text` (CRLF or LF line
// breaks; a break followed by a space or tab is a fold; empty lines are
// skipped). Lines are built in one reused buffer.
template <typename F>
void ForEachContentLine(std::string_view text, F f) {
  std::string line;
  bool have_line = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view physical = text.substr(pos, end - pos);
    if (!physical.empty() && physical.back() == '\r') physical.remove_suffix(1);
    pos = end + 1;
    if (!physical.empty() && (physical[0] == ' ' || physical[0] == '\t') && have_line) {
      line.append(physical.substr(1));
    } else if (!physical.empty()) {
      if (have_line) f(std::string_view(line));
      line.assign(physical);
      have_line = true;
    }
  }
  if (have_line) f(std::string_view(line));
}

// The rehab events of a previous export, by UID. Only what the new export
// needs is kept: UID, SEQUENCE, X-REHAB-HASH, STATUS, and the properties of a
// cancelled copy.
std::map<std::string, PreviousEvent> ParsePrevious(std::string_view text) {
  std::map<std::string, PreviousEvent> events;
  std::optional<PreviousEvent> current;
  int nested = 0;  // depth of components inside the VEVENT (VALARM)
  ForEachContentLine(text, [&](std::string_view line) {
    auto [name, params, value] = SplitParts(line);
    if (!current) {
      if (EqualsUpper(name, "BEGIN") && EqualsUpper(value, "VEVENT")) current.emplace();
      return;
    }
    if (EqualsUpper(name, "BEGIN")) {
      ++nested;
    } else if (EqualsUpper(name, "END")) {
      if (nested > 0) {
        --nested;
      } else {
        if (!current->uid.empty()) events[current->uid] = std::move(*current);
        current.reset();
      }
    } else if (nested == 0) {
      std::string upper_name = ToUpper(name);
      if (upper_name == "UID") {
        current->uid = value;
      } else if (upper_name == "SEQUENCE") {
        int n = 0;
        const char* last = value.data() + value.size();
        auto [end, ec] = std::from_chars(value.data(), last, n);
        current->sequence = ec == std::errc() && end == last ? std::max(n, 0) : 0;
      } else if (upper_name == "X-REHAB-HASH") {
        current->hash = value;
      } else if (upper_name == "STATUS") {
        current->cancelled = EqualsUpper(value, "CANCELLED");
      } else if (IsKeptInCancelledCopy(upper_name)) {
        current->lines.emplace_back(line);
      }
    }
  });
  return events;
}

// ------------------------------------------------------------ time zones ----

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

// How timed events are written: `Z` (UTC), TZID + VTIMEZONE, or floating.
struct TimeWriter {
  bool utc = false;
  std::string tzid;  // set when a zone was found
  const date::time_zone* zone = nullptr;

  std::string DtStart(Date d, TimeOfDay t) const {
    if (utc) return "DTSTART:" + CompactDateTime(d, t) + "Z";
    if (zone != nullptr) return "DTSTART;TZID=" + tzid + ":" + CompactDateTime(d, t);
    return "DTSTART:" + CompactDateTime(d, t);
  }
};

// ---------------------------------------------------------------- events ----

struct Event {
  std::string uid;
  std::vector<std::string> body;   // properties that make up its content
  // A repeating event's body is its start and rule; the rest of its content,
  // properties then VALARM lines, is its group's (an index in the groups).
  std::optional<size_t> group;
  std::optional<int> sequence;     // preset for carried-over cancelled events
  std::string hash;                // preset for carried-over cancelled events
  size_t order = 0;                // position of its first occurrence in the plan
};

// Timed occurrences (sessions, ice/heat slots) with identical content: same
// kind, slot, local time, properties and alarm. Their dates become one or
// more recurring events.
struct Group {
  std::string kind;                // "session" or "modality:<id>"
  int slot = 0;                    // session slot or the slot's occurrence in its day
  TimeOfDay time = 0;
  std::vector<std::string> body;   // properties after DTSTART (and RRULE)
  std::vector<std::string> alarm;
  std::vector<Date> dates;         // ascending
  std::vector<size_t> orders;      // parallel to dates
  // Session groups: the first session of the group, its day, and the index
  // in change_lines_ of each exercise's latest change (-1: none). Later
  // sessions join the group when they match these.
  const DayPlan* day = nullptr;
  const Session* session = nullptr;
  std::vector<long long> changes;
  // `body` and `alarm` folded into content lines, once for all its events.
  std::string folded_body;
  std::string folded_alarm;
};

// A stretch of a group's dates that one RRULE describes exactly.
struct Run {
  size_t begin = 0;
  size_t count = 0;
  unsigned weekdays = 0;  // bit n set: weekday n (0 = Sunday) is in the rule
};

constexpr unsigned kEveryDay = 0x7F;

unsigned WeekdayBit(Date d) { return 1u << date::weekday(d).c_encoding(); }

// The first date after `d` whose weekday is in `weekdays` (non-empty).
Date NextOnWeekdays(Date d, unsigned weekdays) {
  do {
    d += date::days{1};
  } while ((WeekdayBit(d) & weekdays) == 0);
  return d;
}

// Splits ascending dates into runs, each "from its first date, every date on
// these weekdays, COUNT times". A run's weekdays are those its dates use in
// the 7 days from its first date; it then extends while the next date is the
// next one on those weekdays. Every date lands in exactly one run, so the
// expansion of the runs' rules is exactly `dates`.
std::vector<Run> SplitIntoRuns(const std::vector<Date>& dates) {
  std::vector<Run> runs;
  size_t i = 0;
  while (i < dates.size()) {
    Run run{i, 0, 0};
    size_t j = i;
    for (; j < dates.size() && dates[j] < dates[i] + date::days{7}; ++j) {
      run.weekdays |= WeekdayBit(dates[j]);
    }
    for (; j < dates.size() && dates[j] == NextOnWeekdays(dates[j - 1], run.weekdays); ++j) {
    }
    run.count = j - i;
    runs.push_back(run);
    i = j;
  }
  return runs;
}

std::string Rrule(const Run& run) {
  if (run.weekdays == kEveryDay) return fmt::format("RRULE:FREQ=DAILY;COUNT={}", run.count);
  static const char* const kDays[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
  std::string byday;
  for (int k = 1; k <= 7; ++k) {  // Monday first, Sunday last
    int wd = k % 7;
    if ((run.weekdays & (1u << wd)) == 0) continue;
    if (!byday.empty()) byday += ',';
    byday += kDays[wd];
  }
  return fmt::format("RRULE:FREQ=WEEKLY;BYDAY={};COUNT={}", byday, run.count);
}

const char* ChangeLabel(StepChange change) {
  switch (change) {
    case StepChange::kStart: return "New";
    case StepChange::kUp: return "Stepped up";
    case StepChange::kHold: return "Held";
    case StepChange::kBack: return "Stepped back";
    case StepChange::kStop: return "Stopped";
    case StepChange::kResume: return "Resumed";
    case StepChange::kSame: break;
  }
  return "Changed";
}

// Grouping keys are compared, never shown: integers go in as their raw
// bytes and strings with their length first, so no two field lists collide.
void AppendKey(std::string* key, int64_t n) {
  char bytes[sizeof n];
  std::memcpy(bytes, &n, sizeof n);
  key->append(bytes, sizeof bytes);
}

void AppendKey(std::string* key, std::string_view s) {
  AppendKey(key, static_cast<int64_t>(s.size()));
  key->append(s);
}

class IcsBuilder {
 public:
  IcsBuilder(const Plan& plan, const IcsOptions& options) : plan_(plan), options_(options) {
    const std::string& name = plan.patient.timezone;
    time_.utc = IsUtcName(name);
    if (!time_.utc) {
      time_.zone = FindZone(name);
      if (time_.zone != nullptr) time_.tzid = name;
    }
    program_title_ = plan.program->title.empty() ? plan.program->id : plan.program->title;
    trigger_ = fmt::format("TRIGGER:-PT{}M", options.remind_minutes);
  }

  void Render(std::string* out);

 private:
  std::string Uid(Date d, int slot, std::string_view kind) const;
  const std::string& PhaseTitle(const std::string& phase_id);
  // VALARM lines showing the summary (escaped already).
  std::vector<std::string> Alarm(std::string_view escaped_summary) const;
  void AddAlerts();
  void AddDay(const DayPlan& day);
  void AddSession(const DayPlan& day, const Session& session);
  const std::string& ExerciseLine(const ScheduledExercise& ex, long long change);
  Group& SessionGroup(const DayPlan& day, const Session& session);
  void AddModality(const DayPlan& day, const ModalitySlot& slot, int occurrence);
  void AddMilestone(const DayPlan& day, const Milestone& milestone, int occurrence);
  void AddOccurrence(const std::string& key, Date d, const std::function<Group()>& make);
  // Files `d` (the next occurrence in plan order) under `group`.
  void AddDate(Group* group, Date d);
  void AddRecurringEvents();
  void AddCancelled(const std::map<std::string, PreviousEvent>& previous);
  void NoteZoneUse(const std::string& tzid, Date d);
  std::vector<std::string> Timezones() const;

  const Plan& plan_;
  const IcsOptions& options_;
  TimeWriter time_;
  std::string program_title_;
  std::string trigger_;  // the VALARM's TRIGGER line
  std::vector<Event> events_;
  std::set<std::string> uids_;
  std::map<std::string, std::pair<Date, Date>> zone_span_;  // tzid -> first, last local date
  std::map<std::string, std::string> phase_titles_;
  std::vector<Group> groups_;
  std::unordered_map<std::string, size_t> group_of_;  // grouping key -> index in groups_
  // The latest dose change of each exercise ("Stepped up on 2026-03-09: ..."),
  // repeated in every later session until the next change: the reason for
  // the dose in force.
  std::vector<std::string> change_lines_;
  std::unordered_map<const Exercise*, size_t> current_change_;  // -> change_lines_ index
  size_t next_order_ = 0;
  std::string key_;  // modality grouping-key buffer, reused so most slots allocate nothing
  std::vector<long long> changes_;  // each exercise's change line in the session at hand
  std::unordered_multimap<size_t, size_t> session_groups_;  // session hash -> groups_ index
  std::vector<size_t> last_session_group_;  // slot -> its latest session's group, or SIZE_MAX
  // Each exercise's line of text, escaped, once per distinct dose and change.
  struct ExerciseText {
    const ScheduledExercise* ex;
    long long change;
    std::string escaped;
  };
  std::vector<ExerciseText> exercise_texts_;
  std::unordered_multimap<size_t, size_t> exercise_text_of_;  // LineHash -> its index
  // AddDay's buffers, reused from day to day.
  struct Timed {
    TimeOfDay time;
    const Session* session;
    const ModalitySlot* slot;
    int occurrence;
  };
  std::vector<Timed> timed_;
  std::vector<std::pair<std::string, int>> seen_;
};

std::string IcsBuilder::Uid(Date d, int slot, std::string_view kind) const {
  boost::uuids::name_generator_sha1 generate(kUidNamespace);
  std::string name;
  name.reserve(plan_.patient.id.size() + plan_.program->id.size() + kind.size() + 24);
  name.append(plan_.patient.id).append(1, '\x1f').append(plan_.program->id).append(1, '\x1f');
  name.append(FormatDate(d)).append(1, '\x1f').append(std::to_string(slot)).append(1, '\x1f');
  name.append(kind);
  std::string uid = boost::uuids::to_string(generate(name));
  uid += "@rehab";
  return uid;
}

const std::string& IcsBuilder::PhaseTitle(const std::string& phase_id) {
  auto [it, inserted] = phase_titles_.try_emplace(phase_id);
  if (!inserted) return it->second;
  for (const auto& span : plan_.phases) {
    if (span.id == phase_id && !span.title.empty()) return it->second = span.title;
  }
  const Phase* phase = plan_.FindPhase(phase_id);
  if (phase != nullptr && !phase->title.empty()) return it->second = phase->title;
  return it->second = phase_id;
}

std::vector<std::string> IcsBuilder::Alarm(std::string_view escaped_summary) const {
  if (options_.remind_minutes <= 0) return {};
  return {"BEGIN:VALARM", "ACTION:DISPLAY", std::string("DESCRIPTION:").append(escaped_summary),
          trigger_, "END:VALARM"};
}

void IcsBuilder::NoteZoneUse(const std::string& tzid, Date d) {
  auto [it, inserted] = zone_span_.try_emplace(tzid, d, d);
  if (!inserted) {
    it->second.first = std::min(it->second.first, d);
    it->second.second = std::max(it->second.second, d);
  }
}

void IcsBuilder::AddAlerts() {
  std::string today = CompactDate(plan_.today);
  std::string tomorrow = CompactDate(plan_.today + date::days{1});
  for (const auto& alert : plan_.alerts) {
    if (!alert.active) continue;
    std::string action =
        AlertHeadline(plan_.patient, plan_.program->anchor, alert.urgency, alert.stops, alert.kind);
    std::string description = action + ".\n" + MessageText(alert.text);
    if (!alert.action.empty()) description += "\n" + MessageText(alert.action);
    description += "\nRaised on " + FormatDate(alert.date);
    if (!alert.diary_dates.empty()) {
      description += " (diary entries:";
      for (Date d : alert.diary_dates) description += " " + FormatDate(d);
      description += ")";
    }
    Event e;
    e.uid = Uid(alert.date, 0, std::string("alert:") + ToString(alert.kind) + ":" + alert.id);
    e.body = {"DTSTART;VALUE=DATE:" + today,
              "DTEND;VALUE=DATE:" + tomorrow,
              "SUMMARY:" + EscapeIcsText("\u26A0 " + action),
              "DESCRIPTION:" + EscapeIcsText(description),
              "CATEGORIES:Rehab,Alert",
              "PRIORITY:1",
              "TRANSP:TRANSPARENT"};
    e.order = next_order_++;
    events_.push_back(std::move(e));
  }
}

// Files one timed occurrence under its grouping key; `make` builds the
// group's content the first time the key is seen.
void IcsBuilder::AddOccurrence(const std::string& key, Date d, const std::function<Group()>& make) {
  auto [it, inserted] = group_of_.try_emplace(key, groups_.size());
  if (inserted) groups_.push_back(make());
  AddDate(&groups_[it->second], d);
}

void IcsBuilder::AddDate(Group* group, Date d) {
  if (group->dates.empty()) {  // most groups last a week or two: room for 8 at once
    group->dates.reserve(8);
    group->orders.reserve(8);
  }
  group->dates.push_back(d);
  group->orders.push_back(next_order_++);
}

// Sessions group by what their event is built from: phase, slot, time,
// length, and each exercise (the program's, by address), dose, side and
// latest change. Hashes mix numbers and addresses only; a match is then
// checked field by field.
size_t Mix(size_t h, uint64_t v) { return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)); }

size_t LineHash(const ScheduledExercise& ex, long long change) {
  size_t h = std::hash<const void*>{}(ex.exercise);
  const Dose& d = *ex.dose;
  for (int n : {static_cast<int>(ex.side), d.sets, d.reps, d.hold_seconds, d.rest_seconds,
                d.minutes, static_cast<int>(d.load.kind)}) {
    h = Mix(h, static_cast<uint64_t>(n));
  }
  h = Mix(h, static_cast<uint64_t>(std::llround(d.load.value * 1000)));
  return Mix(h, static_cast<uint64_t>(change));
}

bool SameLine(const ScheduledExercise& a, long long a_change, const ScheduledExercise& b,
              long long b_change) {
  return a.exercise == b.exercise && a.side == b.side &&
         (a.dose == b.dose || *a.dose == *b.dose) && a_change == b_change;
}

Group& IcsBuilder::SessionGroup(const DayPlan& day, const Session& session) {
  changes_.clear();
  for (const auto& ex : session.exercises) {
    if (ex.change != StepChange::kSame) {
      std::string line = fmt::format("{} on {}", ChangeLabel(ex.change), FormatDate(day.date));
      if (ex.reason && !ex.reason->message.empty()) line += ": " + MessageText(ex.reason->message);
      auto [it, inserted] = current_change_.try_emplace(ex.exercise, change_lines_.size());
      if (inserted || change_lines_[it->second] != line) {
        it->second = change_lines_.size();
        change_lines_.push_back(std::move(line));
      }
    }
    auto change = current_change_.find(ex.exercise);
    changes_.push_back(change != current_change_.end() ? static_cast<long long>(change->second)
                                                       : -1);
  }
  auto same = [&](const Group& g) {
    const Session& other = *g.session;
    if (g.day->phase_id != day.phase_id || other.slot != session.slot ||
        other.time != session.time || other.duration_minutes != session.duration_minutes ||
        other.exercises.size() != session.exercises.size()) {
      return false;
    }
    for (size_t i = 0; i < session.exercises.size(); ++i) {
      if (!SameLine(other.exercises[i], g.changes[i], session.exercises[i], changes_[i])) {
        return false;
      }
    }
    return true;
  };
  // Most sessions are the same as the day before's in their slot.
  auto slot = static_cast<size_t>(session.slot);
  if (slot >= last_session_group_.size()) last_session_group_.resize(slot + 1, SIZE_MAX);
  size_t& last = last_session_group_[slot];
  if (last < groups_.size() && same(groups_[last])) return groups_[last];
  size_t hash = std::hash<std::string_view>{}(day.phase_id);
  for (int n : {session.slot, session.time, session.duration_minutes}) {
    hash = Mix(hash, static_cast<uint64_t>(n));
  }
  for (size_t i = 0; i < session.exercises.size(); ++i) {
    hash = Mix(hash, LineHash(session.exercises[i], changes_[i]));
  }
  for (auto [it, end] = session_groups_.equal_range(hash); it != end; ++it) {
    if (same(groups_[it->second])) return groups_[last = it->second];
  }
  last = groups_.size();
  session_groups_.emplace(hash, groups_.size());
  Group& g = groups_.emplace_back();
  g.kind = "session";
  g.slot = session.slot;
  g.time = session.time;
  g.day = &day;
  g.session = &session;
  g.changes = changes_;
  const std::string& phase = PhaseTitle(day.phase_id);
  std::string summary = fmt::format("{}: {}, session {}", program_title_, phase, session.slot + 1);
  // Escaping is applied piece by piece: every exercise line starts with a
  // newline, so no escape or UTF-8 sequence spans two pieces.
  std::string description = "DESCRIPTION:" + EscapeIcsText(phase) + "\\n";
  int seconds = 0;
  for (size_t i = 0; i < session.exercises.size(); ++i) {
    const ScheduledExercise& ex = session.exercises[i];
    description += ExerciseLine(ex, changes_[i]);
    seconds += EstimateSeconds(*ex.dose);
  }
  int minutes = session.duration_minutes > 0 ? session.duration_minutes : (seconds + 59) / 60;
  std::string escaped_summary = EscapeIcsText(summary);
  g.body = {"DURATION:" + Duration(minutes), "SUMMARY:" + escaped_summary, std::move(description),
            "CATEGORIES:Rehab,Exercise"};
  g.alarm = Alarm(escaped_summary);
  return g;
}

void IcsBuilder::AddSession(const DayPlan& day, const Session& session) {
  AddDate(&SessionGroup(day, session), day.date);
}

// "\n• Heel slide: 2 sets of 10, right leg\n  Stepped up on ...", escaped: the
// same exercise at the same dose turns up in many sessions, so its text is
// built once per distinct dose and change.
const std::string& IcsBuilder::ExerciseLine(const ScheduledExercise& ex, long long change) {
  size_t hash = LineHash(ex, change);
  for (auto [it, end] = exercise_text_of_.equal_range(hash); it != end; ++it) {
    const ExerciseText& t = exercise_texts_[it->second];
    if (SameLine(*t.ex, t.change, ex, change)) return t.escaped;
  }
  std::string line =
      fmt::format("\n\u2022 {}: {}", ex.name(), DescribeDose(*ex.dose, plan_.patient.units));
  std::string side = DescribeSide(ex.side);
  if (!side.empty()) line += ", " + side;
  if (change >= 0) line += "\n  " + change_lines_[static_cast<size_t>(change)];
  exercise_text_of_.emplace(hash, exercise_texts_.size());
  return exercise_texts_.emplace_back(ExerciseText{&ex, change, EscapeIcsText(line)}).escaped;
}

void IcsBuilder::AddModality(const DayPlan& day, const ModalitySlot& slot, int occurrence) {
  std::string& key = key_;
  key.assign("modality");
  AppendKey(&key, slot.modality_id);
  AppendKey(&key, occurrence);
  AppendKey(&key, slot.time);
  AppendKey(&key, slot.name);
  AppendKey(&key, static_cast<int>(slot.kind));
  AppendKey(&key, slot.minutes);
  AppendKey(&key, static_cast<int>(slot.when));
  AddOccurrence(key, day.date, [&] {
    const char* kind = slot.kind == ModalityKind::kIce ? "Ice" : "Heat";
    std::string summary = slot.name.empty() ? kind : slot.name;
    summary += fmt::format(" ({} min)", slot.minutes);
    std::string description;
    if (slot.when == ModalityTiming::kBeforeExercise) description = "Before exercise.";
    if (slot.when == ModalityTiming::kAfterExercise) description = "After exercise.";
    const Modality* modality = plan_.program->FindModality(slot.modality_id);
    if (modality != nullptr && !modality->instructions.empty()) {
      if (!description.empty()) description += "\n";
      description += modality->instructions;
    }
    Group g;
    g.kind = "modality:" + slot.modality_id;
    g.slot = occurrence;
    g.time = slot.time;
    std::string escaped_summary = EscapeIcsText(summary);
    g.body = {"DURATION:" + Duration(slot.minutes), "SUMMARY:" + escaped_summary};
    g.alarm = Alarm(escaped_summary);
    if (!description.empty()) g.body.push_back("DESCRIPTION:" + EscapeIcsText(description));
    g.body.push_back(fmt::format("CATEGORIES:Rehab,{}", kind));
    return g;
  });
}

void IcsBuilder::AddMilestone(const DayPlan& day, const Milestone& milestone, int occurrence) {
  std::string summary = MessageText(milestone.message);
  std::string description;
  if (milestone.kind == MilestoneKind::kPhaseStart) {
    if (summary.empty()) summary = "Phase starts: " + PhaseTitle(milestone.id);
    if (const Phase* phase = plan_.FindPhase(milestone.id); phase != nullptr) {
      for (const auto& goal : phase->goals) description += "\n\u2022 " + goal;
      if (!description.empty()) description = "Goals:" + description;
    }
  } else if (summary.empty()) {
    summary = milestone.kind == MilestoneKind::kOutcomeMeasure ? "Measure: " + milestone.id
                                                               : "Follow-up: " + milestone.id;
  }
  Event e;
  e.uid = Uid(day.date, occurrence,
              std::string("milestone:") + ToString(milestone.kind) + ":" + milestone.id);
  e.body = {"DTSTART;VALUE=DATE:" + CompactDate(day.date),
            "DTEND;VALUE=DATE:" + CompactDate(day.date + date::days{1}),
            "SUMMARY:" + EscapeIcsText(summary)};
  if (!description.empty()) e.body.push_back("DESCRIPTION:" + EscapeIcsText(description));
  e.body.push_back("CATEGORIES:Rehab,Milestone");
  e.body.push_back("TRANSP:TRANSPARENT");
  e.order = next_order_++;
  events_.push_back(std::move(e));
}

void IcsBuilder::AddDay(const DayPlan& day) {
  // How often a milestone or ice/heat slot has come up earlier in the day:
  // its occurrence number, part of its UID. Days hold a handful of each.
  std::vector<std::pair<std::string, int>>& seen = seen_;
  seen.clear();
  auto next_occurrence = [&seen](std::string key) {
    for (auto& [seen_key, count] : seen) {
      if (seen_key == key) return count++;
    }
    seen.emplace_back(std::move(key), 1);
    return 0;
  };
  for (const auto& m : day.milestones) {
    AddMilestone(day, m, next_occurrence(std::string(ToString(m.kind)) + ":" + m.id));
  }
  // Sessions and ice/heat in time order; a stopped day keeps no sessions.
  std::vector<Timed>& timed = timed_;
  timed.clear();
  if (!day.stopped) {
    for (const auto& s : day.sessions) timed.push_back({s.time, &s, nullptr, 0});
  }
  for (const auto& m : day.modalities)
    timed.push_back({m.time, nullptr, &m, next_occurrence(m.modality_id)});
  std::stable_sort(timed.begin(), timed.end(),
                   [](const Timed& a, const Timed& b) { return a.time < b.time; });
  for (const auto& t : timed) {
    if (t.session != nullptr) {
      AddSession(day, *t.session);
    } else {
      AddModality(day, *t.slot, t.occurrence);
    }
  }
}

// One event per run of each group: DTSTART on the run's first date, RRULE for
// the rest. Its UID names the first date, so a run that keeps its start keeps
// its UID when later days change.
void IcsBuilder::AddRecurringEvents() {
  for (size_t index = 0; index < groups_.size(); ++index) {
    const Group& g = groups_[index];
    std::vector<Run> runs;
    if (options_.repeat) {
      runs = SplitIntoRuns(g.dates);
    } else {
      for (size_t i = 0; i < g.dates.size(); ++i) runs.push_back({i, 1, WeekdayBit(g.dates[i])});
    }
    for (const Run& run : runs) {
      Date first = g.dates[run.begin];
      Event e;
      e.uid = Uid(first, g.slot, g.kind);
      e.body.reserve(2);
      e.body.push_back(time_.DtStart(first, g.time));
      if (run.count > 1) e.body.push_back(Rrule(run));
      e.group = index;
      e.order = g.orders[run.begin];
      if (time_.zone != nullptr) {
        NoteZoneUse(time_.tzid, first);
        NoteZoneUse(time_.tzid, g.dates[run.begin + run.count - 1]);
      }
      events_.push_back(std::move(e));
    }
  }
  std::stable_sort(events_.begin(), events_.end(),
                   [](const Event& a, const Event& b) { return a.order < b.order; });
}

// Events of the previous export that the new plan no longer has stay in the
// file as cancelled, so a re-import removes them and later exports keep them so.
void IcsBuilder::AddCancelled(const std::map<std::string, PreviousEvent>& previous) {
  std::vector<std::pair<std::string, Event>> cancelled;  // sort key, event
  for (const auto& [uid, prev] : previous) {
    if (prev.hash.empty() || uids_.count(uid) > 0) continue;
    Event e;
    e.uid = uid;
    std::string dtstart;
    for (const auto& line : prev.lines) {
      ContentLine cl = SplitContentLine(line);
      std::string kept = line;
      if (cl.name == "DTSTART" || cl.name == "DTEND") {
        // Keep a TZID only when a VTIMEZONE can be written for it.
        auto tz = cl.params.find(";TZID=");
        if (tz != std::string::npos) {
          std::string tzid = cl.params.substr(tz + 6);
          tzid = tzid.substr(0, tzid.find(';'));
          std::optional<Date> d;
          if (cl.value.size() >= 8) {
            d = ParseDate(cl.value.substr(0, 4) + "-" + cl.value.substr(4, 2) + "-" +
                          cl.value.substr(6, 2));
          }
          if (d && !IsUtcName(tzid) && FindZone(tzid) != nullptr) {
            NoteZoneUse(tzid, *d);
          } else if (IsUtcName(tzid) && cl.value.find('T') != std::string::npos) {
            kept = cl.name + ":" + cl.value + (cl.value.ends_with('Z') ? "" : "Z");
          } else {
            kept = cl.name + ":" + cl.value;
          }
        }
        if (cl.name == "DTSTART") dtstart = cl.value;
      }
      e.body.push_back(kept);
    }
    e.body.push_back("STATUS:CANCELLED");
    e.sequence = prev.cancelled ? prev.sequence : prev.sequence + 1;
    e.hash = kCancelledHash;
    cancelled.emplace_back(dtstart + " " + uid, std::move(e));
  }
  std::sort(cancelled.begin(), cancelled.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [key, e] : cancelled) events_.push_back(std::move(e));
}

std::vector<std::string> IcsBuilder::Timezones() const {
  std::vector<std::string> lines;
  for (const auto& [tzid, span] : zone_span_) {
    const date::time_zone* zone = tzid == time_.tzid ? time_.zone : FindZone(tzid);
    if (zone == nullptr) continue;
    auto v = VTimezone(*zone, tzid, span.first, span.second);
    lines.insert(lines.end(), v.begin(), v.end());
  }
  return lines;
}

void IcsBuilder::Render(std::string* text) {
  auto previous = ParsePrevious(options_.previous);
  AddAlerts();
  for (const auto& day : plan_.days) AddDay(day);
  AddRecurringEvents();
  for (auto& e : events_) {
    if (!uids_.insert(e.uid).second) {
      // Two events with one UID would make calendars drop one: keep the first.
      e.uid.clear();
    }
  }
  std::erase_if(events_, [](const Event& e) { return e.uid.empty(); });
  AddCancelled(previous);

  for (Group& g : groups_) {
    for (const auto& line : g.body) AppendFoldedLine(&g.folded_body, line);
    for (const auto& line : g.alarm) AppendFoldedLine(&g.folded_alarm, line);
  }
  // Room for all of it, so the text is not copied as it grows: each event's
  // own lines (folding adds 3 octets per 73), its group's, and about 256
  // octets of UID, stamp, sequence, status and hash.
  size_t size = 4096;
  for (const auto& e : events_) {
    size += 256;
    for (const auto& line : e.body) size += line.size() + line.size() / 73 * 3 + 2;
    if (e.group) {
      const Group& g = groups_[*e.group];
      size += g.folded_body.size() + g.folded_alarm.size();
    }
  }
  std::string& out = *text;
  out.clear();
  out.reserve(size);
  auto emit = [&out](std::string_view line) { AppendFoldedLine(&out, line); };
  emit("BEGIN:VCALENDAR");
  emit("VERSION:2.0");
  emit(std::string("PRODID:") + kProdId);
  emit("CALSCALE:GREGORIAN");
  emit("METHOD:PUBLISH");
  emit("X-WR-CALNAME:" + EscapeIcsText("Rehab: " + program_title_));
  for (const auto& line : Timezones()) emit(line);
  std::string dtstamp = "DTSTAMP:" + CompactDate(plan_.today) + "T000000Z";
  for (const auto& e : events_) {
    const Group* group = e.group ? &groups_[*e.group] : nullptr;
    std::string hash = e.hash;
    int sequence = 0;
    if (e.sequence) {
      sequence = *e.sequence;
    } else {
      Fingerprint fingerprint;
      fingerprint.Add(e.body);
      if (group != nullptr) {
        fingerprint.Add(group->body);
        fingerprint.Add(group->alarm);
      }
      hash = fingerprint.Hex();
      if (auto prev = previous.find(e.uid); prev != previous.end()) {
        bool same = !prev->second.cancelled && prev->second.hash == hash;
        sequence = same ? prev->second.sequence : prev->second.sequence + 1;
      }
    }
    emit("BEGIN:VEVENT");
    emit("UID:" + e.uid);
    emit(dtstamp);
    emit(fmt::format("SEQUENCE:{}", sequence));
    for (const auto& line : e.body) emit(line);
    if (group != nullptr) out += group->folded_body;
    if (!e.sequence) emit("STATUS:CONFIRMED");
    emit("X-REHAB-HASH:" + hash);
    if (group != nullptr) out += group->folded_alarm;
    emit("END:VEVENT");
  }
  emit("END:VCALENDAR");
}

}  // namespace

std::string EscapeIcsText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        ++i;
        continue;
      case ';':
        out += "\\;";
        ++i;
        continue;
      case ',':
        out += "\\,";
        ++i;
        continue;
      case '\n':
        out += "\\n";
        ++i;
        continue;
      case '\r':
        out += "\\n";
        i += (i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
        continue;
      default:
        break;
    }
    auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t') || byte == 0x7F) {
      ++i;  // CONTROL characters are not allowed in TEXT
      continue;
    }
    if (byte < 0x80) {
      // Copy the run of plain ASCII up to the next byte that needs a look.
      static constexpr auto kPlain = [] {
        std::array<bool, 256> plain{};
        for (int b = 0x20; b < 0x7F; ++b) plain[b] = b != '\\' && b != ';' && b != ',';
        plain['\t'] = true;
        return plain;
      }();
      size_t end = i + 1;
      while (end < text.size() && kPlain[static_cast<unsigned char>(text[end])]) ++end;
      out.append(text.substr(i, end - i));
      i = end;
      continue;
    }
    size_t len = Utf8SequenceLength(text, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
      ++i;
      continue;
    }
    out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

std::string UnescapeIcsText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out += text[i];
      continue;
    }
    char next = text[++i];
    out += (next == 'n' || next == 'N') ? '\n' : next;
  }
  return out;
}

void AppendFoldedLine(std::string* out, std::string_view line) {
  // Each physical line takes as many octets as fit, then steps back so that
  // neither a UTF-8 character nor a backslash escape pair is split.
  size_t room = kMaxLineOctets;  // the first line has no leading space
  size_t i = 0;
  while (line.size() - i > room) {
    size_t end = i + room;
    while (end > i && IsUtf8Continuation(line[end])) --end;
    // Is line[end - 1] a backslash that opens an escape pair? Pairs start at
    // even offsets within a run of backslashes (i is never inside a pair).
    size_t run = end;
    while (run > i && line[run - 1] == '\\') --run;
    if (end > run && (end - 1 - run) % 2 == 0) --end;
    if (end == i) end = i + 1;  // cannot happen with valid text; never loop forever
    out->append(line.substr(i, end - i));
    out->append("\r\n ");
    i = end;
    room = kMaxLineOctets - 1;
  }
  out->append(line.substr(i));
  out->append("\r\n");
}

std::string FoldIcsLine(std::string_view line) {
  std::string out;
  out.reserve(line.size() + line.size() / 70 * 3 + 2);
  AppendFoldedLine(&out, line);
  return out;
}

std::vector<std::string> UnfoldIcsLines(std::string_view text) {
  std::vector<std::string> lines;
  ForEachContentLine(text, [&lines](std::string_view line) { lines.emplace_back(line); });
  return lines;
}

void RenderIcs(const Plan& plan, const IcsOptions& options, std::string* out) {
  IcsBuilder(plan, options).Render(out);
}

std::string RenderIcs(const Plan& plan, const IcsOptions& options) {
  std::string out;
  RenderIcs(plan, options, &out);
  return out;
}

}  // namespace rehab
