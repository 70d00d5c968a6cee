// RFC 5545 export: events for sessions and ice/heat slots (occurrences with
// equal grouping keys, on a weekly pattern, as one repeating event),
// milestones and alerts, and the update bookkeeping (UID, SEQUENCE,
// cancelled events) against the previous file. Content lines are in
// ics_lines.h, time zones in ics_timezone.h, keys and runs in ics_grouping.h,
// the previous file in ics_previous.h.
#include "planner/present/render_ics.h"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <boost/uuid/name_generator_sha1.hpp>
#include <boost/uuid/uuid.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

#include "planner/base/hash.h"
#include "planner/present/dose_text.h"
#include "planner/present/ics_grouping.h"
#include "planner/present/ics_lines.h"
#include "planner/present/ics_previous.h"
#include "planner/present/ics_text.h"
#include "planner/present/ics_timezone.h"
#include "planner/present/messages.h"

namespace rehab {
namespace {

using ics::AppendFoldedLine;
using ics::CompactDate;
using ics::Group;
using ics::PreviousCalendar;

constexpr char kProdId[] = "-//rehab//rehab exercise planner//EN";
// X-REHAB-HASH of a cancelled copy: never equal to a content fingerprint.
constexpr char kCancelledHash[] = "cancelled";

// Namespace of every rehab UID (a random UUID fixed once; never change it, or
// every calendar would see all events as new).
constexpr boost::uuids::uuid kUidNamespace = {{0x3d, 0x7d, 0xba, 0x6f, 0xd3, 0xbb, 0x46, 0xcd, 0xa9,
                                               0xcb, 0x55, 0x9c, 0x1b, 0x7f, 0xf8, 0x4a}};

// The X-REHAB-HASH content fingerprint: FNV-1a over content lines, each
// followed by a newline; the same on every platform.
void AddLines(Fnv1a64* fingerprint, const std::vector<std::string>& lines) {
  for (const auto& line : lines) {
    fingerprint->Add(line);
    fingerprint->Add('\n');
  }
}

struct Event {
  std::string uid;
  std::vector<std::string> body;  // properties that make up its content
  // A repeating event's body is its start and rule; the rest of its content,
  // properties then VALARM lines, is its group's (an index in the groups).
  std::optional<size_t> group;
  // Set for a cancelled copy of a previous event: its SEQUENCE, kept as is.
  std::optional<int> cancelled_sequence;
  size_t order = 0;  // position of its first occurrence in the plan
};

// The DESCRIPTION lines of session exercises: an exercise line (name, dose,
// side) numbered by ExerciseLineKey, and a change line ("Held on 2026-11-23:
// ...") for each exercise's latest dose change, in force in every later
// session until the next change. Equal change lines share one number, so a
// session shows each once however many exercises it concerns.
class ExerciseLines {
 public:
  ExerciseLines(const ics::EventText& text, const std::string& units)
      : text_(text), units_(units) {}

  // The number of `ex`'s line.
  size_t Number(const ScheduledExercise& ex);
  // The number of `ex`'s change line in force on `day` (-1: none).
  // REQUIRES: days are passed in order.
  long long Change(const DayPlan& day, const ScheduledExercise& ex);
  // The line, escaped: "\n• Heel slide: 2 sets of 10, right leg".
  const std::string& Escaped(size_t number) const { return escaped_[number]; }
  // The exercise's name on line `number`.
  const std::string& Name(size_t number) const { return names_[number]; }
  // The change line: its label ("Held on 2026-11-23") and reason.
  const std::pair<std::string, std::string>& ChangeLine(long long change) const {
    return change_lines_[static_cast<size_t>(change)];
  }

 private:
  // What an exercise's next lines depend on besides its own key.
  struct ExerciseState {
    long long change = -1;  // its latest change line; -1: none
    // Its line in the latest session, so the line of a session like the
    // day before's is found by one comparison of keys rather than a lookup.
    ics::ExerciseLineKey last_key;
    size_t last_number = 0;
  };

  const ics::EventText& text_;
  const std::string& units_;
  std::vector<std::pair<std::string, std::string>> change_lines_;
  std::map<std::pair<std::string, std::string>, long long> change_numbers_;
  std::unordered_map<const Exercise*, ExerciseState> exercises_;
  ics::KeyIndex<ics::ExerciseLineKey> numbers_;
  std::vector<std::string> escaped_;  // by number
  std::vector<std::string> names_;    // by number
};

long long ExerciseLines::Change(const DayPlan& day, const ScheduledExercise& ex) {
  ExerciseState& state = exercises_[ex.exercise];
  if (ex.change == StepChange::kSame) return state.change;
  std::pair<std::string, std::string> line{text_.ChangeLabel(ex.change, day.date),
                                           ex.reason ? text_.ReasonText(*ex.reason) : ""};
  auto [it, inserted] =
      change_numbers_.try_emplace(line, static_cast<long long>(change_lines_.size()));
  if (inserted) change_lines_.push_back(std::move(line));
  state.change = it->second;
  return state.change;
}

size_t ExerciseLines::Number(const ScheduledExercise& ex) {
  ExerciseState& state = exercises_[ex.exercise];
  ics::ExerciseLineKey key{ex.exercise, {ex.dose}, ex.side};
  if (state.last_key.exercise != nullptr && key == state.last_key) return state.last_number;
  auto [it, inserted] = numbers_.try_emplace(key, escaped_.size());
  state.last_key = key;
  state.last_number = it->second;
  if (!inserted) return it->second;
  std::string line = fmt::format("\n\u2022 {}: {}", ex.name(),
                                 DescribeDose(*ex.dose, units_, text_.language()));
  std::string side = DescribeSide(ex, text_.language());
  if (!side.empty()) line += ", " + side;
  escaped_.push_back(EscapeIcsText(line));
  names_.push_back(ex.name());
  return it->second;
}

class IcsBuilder {
 public:
  IcsBuilder(const Plan& plan, const IcsOptions& options)
      : plan_(plan),
        options_(options),
        time_(plan.patient.timezone),
        text_(plan),
        lines_(text_, plan.patient.units) {}

  void Render(std::string_view previous, std::string* out);

 private:
  std::string Uid(Date d, int slot, std::string_view kind) const;
  // VALARM lines showing the summary (escaped already); none without reminders.
  std::vector<std::string> Alarm(std::string_view escaped_summary) const;
  std::vector<Date> AlertDates(const Alert& alert) const;
  // One all-day event per active alert: on every day it stops exercise on,
  // as repeating events, or on `today` when it stops nothing.
  void AddAlerts();
  void AddDay(const DayPlan& day);
  void AddMilestone(const DayPlan& day, const Milestone& milestone, int occurrence);
  void AddSession(const DayPlan& day, const Session& session);
  Group SessionGroup(const Session& session, const ics::SessionKey& key) const;
  // The session's change lines, escaped, each once, after a blank line ("" when none).
  std::string ChangeLines(const ics::SessionKey& key) const;
  void AddModality(const DayPlan& day, const ModalitySlot& slot, int occurrence);
  Group ModalityGroup(const ModalitySlot& slot, int occurrence) const;
  // Files `d`, the next occurrence in plan order, under groups_[group].
  void AddDate(size_t group, Date d);
  void AddRecurringEvents();
  // Drops every event whose UID an earlier one has; returns the UIDs.
  std::set<std::string, std::less<>> DropRepeatedUids();
  void AddCancelled(const PreviousCalendar& previous,
                    const std::set<std::string, std::less<>>& uids);
  // SEQUENCE and X-REHAB-HASH: a cancelled copy keeps its own; any other
  // event is hashed over its content and keeps the previous export's
  // SEQUENCE when that had the same hash and was not cancelled, else bumps it.
  std::pair<int, std::string> Version(const Event& e, const PreviousCalendar& previous) const;
  void Write(const PreviousCalendar& previous, std::string* out) const;

  const Plan& plan_;
  const IcsOptions& options_;
  const ics::TimeWriter time_;
  const ics::EventText text_;
  ics::ZoneSpans zones_;
  std::vector<Event> events_;
  size_t next_order_ = 0;  // position in the plan of the next event or occurrence
  std::vector<Group> groups_;
  ics::KeyIndex<ics::SessionKey> session_groups_;    // -> groups_
  ics::KeyIndex<ics::ModalityKey> modality_groups_;  // -> groups_
  ExerciseLines lines_;
  // AddSession's key, kept so that its `lines` buffer is allocated once per
  // render rather than once per session.
  ics::SessionKey session_key_;
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

std::vector<std::string> IcsBuilder::Alarm(std::string_view escaped_summary) const {
  if (options_.remind_minutes <= 0) return {};
  return {"BEGIN:VALARM", "ACTION:DISPLAY", std::string("DESCRIPTION:").append(escaped_summary),
          fmt::format("TRIGGER:-PT{}M", options_.remind_minutes), "END:VALARM"};
}

// The days an alert's event is on: for a red flag, every plan day it stops
// exercise on (from its date, until it is cleared); for any other alert in
// force, every plan day from the day it was raised (it is in force until a
// diary entry ends it, and the projection assumes none). Either way the
// dates come from the plan and the diary, never from `today`, so a calendar
// whose plan did not change is the same file the next day.
std::vector<Date> IcsBuilder::AlertDates(const Alert& alert) const {
  std::vector<Date> dates;
  for (const auto& day : plan_.days) {
    bool in_force = day.date >= alert.date && (!alert.cleared || day.date < *alert.cleared);
    if (!in_force) continue;
    if (alert.stops == RedFlagStops::kNone || day.stopped || day.essentials_only) {
      dates.push_back(day.date);
    }
  }
  if (dates.empty()) dates.push_back(alert.date);
  return dates;
}

void IcsBuilder::AddAlerts() {
  for (const auto& alert : plan_.alerts) {
    if (!alert.active) continue;
    std::string action =
        AlertHeadline(plan_.patient, plan_.program->anchor, alert.urgency, alert.stops, alert.kind);
    const std::string& language = plan_.patient.language;
    std::string description = action + ".\n" + MessageText(alert.text, language);
    if (!alert.action.empty()) description += "\n" + MessageText(alert.action, language);
    description += "\n" + text_.AlertRaised(alert);
    const std::string kind = std::string("alert:") + ToString(alert.kind) + ":" + alert.id;
    std::vector<Date> dates = AlertDates(alert);
    // A run's UID names the alert's date and the run's number, so the first
    // keeps the UID an alert shown on one day had.
    int number = 0;
    for (const ics::Run& run : ics::SplitIntoRuns(dates, options_.repeat)) {
      Date first = dates[run.begin];
      Event e;
      e.uid = Uid(alert.date, number++, kind);
      e.body = {"DTSTART;VALUE=DATE:" + CompactDate(first),
                "DTEND;VALUE=DATE:" + CompactDate(first + date::days{1})};
      if (run.count > 1) e.body.push_back(ics::Rrule(run));
      e.body.insert(e.body.end(), {"SUMMARY:" + EscapeIcsText(text_.AlertTitle(alert)),
                                   "DESCRIPTION:" + EscapeIcsText(description),
                                   "CATEGORIES:Rehab,Alert", "PRIORITY:1", "TRANSP:TRANSPARENT"});
      e.order = next_order_++;
      events_.push_back(std::move(e));
    }
  }
}

void IcsBuilder::AddDate(size_t group, Date d) {
  Group& g = groups_[group];
  if (g.dates.empty()) {  // most groups last a week or two: room for 8 at once
    g.dates.reserve(8);
    g.orders.reserve(8);
  }
  g.dates.push_back(d);
  g.orders.push_back(next_order_++);
}

void IcsBuilder::AddSession(const DayPlan& day, const Session& session) {
  ics::SessionKey& key = session_key_;
  key.phase_id = day.phase_id;
  key.slot = session.slot;
  key.time = session.time;
  key.duration_minutes = session.duration_minutes;
  key.sessions = static_cast<int>(day.sessions.size());
  key.lines.clear();
  key.changes.clear();
  for (const auto& ex : session.exercises) {
    key.lines.push_back(lines_.Number(ex));
    key.changes.push_back(lines_.Change(day, ex));
  }
  auto [it, inserted] = session_groups_.try_emplace(key, groups_.size());
  if (inserted) groups_.push_back(SessionGroup(session, key));
  AddDate(it->second, day.date);
}

// The session's event content: everything in it comes from `key`.
Group IcsBuilder::SessionGroup(const Session& session, const ics::SessionKey& key) const {
  Group g;
  g.kind = "session";
  g.slot = key.slot;
  g.time = key.time;
  // Escaping is applied piece by piece: every exercise line starts with a
  // newline, so no escape or UTF-8 sequence spans two pieces.
  std::string description =
      "DESCRIPTION:" + EscapeIcsText(text_.SessionContext(key.phase_id)) + "\\n";
  int seconds = 0;
  for (size_t i = 0; i < key.lines.size(); ++i) {
    description += lines_.Escaped(key.lines[i]);
    seconds += EstimateSeconds(*session.exercises[i].dose);
  }
  description += ChangeLines(key);
  int minutes = key.duration_minutes > 0 ? key.duration_minutes : (seconds + 59) / 60;
  std::string escaped_summary = EscapeIcsText(text_.SessionTitle(key.slot, key.sessions, minutes));
  g.body = {"DURATION:" + ics::Duration(minutes), "SUMMARY:" + escaped_summary,
            std::move(description), "CATEGORIES:Rehab,Exercise"};
  g.alarm = Alarm(escaped_summary);
  return g;
}

std::string IcsBuilder::ChangeLines(const ics::SessionKey& key) const {
  std::vector<long long> shown;
  for (long long change : key.changes) {
    if (change >= 0 && std::find(shown.begin(), shown.end(), change) == shown.end()) {
      shown.push_back(change);
    }
  }
  std::string out = shown.empty() ? "" : "\\n";
  for (long long change : shown) {
    std::vector<std::string> names;
    for (size_t i = 0; i < key.changes.size(); ++i) {
      if (key.changes[i] == change) names.push_back(lines_.Name(key.lines[i]));
    }
    const auto& [label, reason] = lines_.ChangeLine(change);
    bool all = names.size() == key.changes.size();
    out += EscapeIcsText("\n" + text_.Why(label, reason, all ? nullptr : &names));
  }
  return out;
}

void IcsBuilder::AddModality(const DayPlan& day, const ModalitySlot& slot, int occurrence) {
  ics::ModalityKey key{.modality_id = slot.modality_id,
                       .occurrence = occurrence,
                       .time = slot.time,
                       .name = slot.name,
                       .kind = slot.kind,
                       .minutes = slot.minutes,
                       .when = slot.when};
  auto [it, inserted] = modality_groups_.try_emplace(key, groups_.size());
  if (inserted) groups_.push_back(ModalityGroup(slot, occurrence));
  AddDate(it->second, day.date);
}

// The slot's event content: everything in it comes from its ModalityKey.
Group IcsBuilder::ModalityGroup(const ModalitySlot& slot, int occurrence) const {
  const char* kind = slot.kind == ModalityKind::kIce ? "Ice" : "Heat";  // a CATEGORIES value
  std::string description = text_.ModalityTiming(slot);
  const Modality* modality = plan_.program->FindModality(slot.modality_id);
  if (modality != nullptr && !modality->instructions.empty()) {
    if (!description.empty()) description += "\n";
    description += modality->instructions;
  }
  Group g;
  g.kind = "modality:" + slot.modality_id;
  g.slot = occurrence;
  g.time = slot.time;
  std::string escaped_summary = EscapeIcsText(text_.ModalityTitle(slot));
  g.body = {"DURATION:" + ics::Duration(slot.minutes), "SUMMARY:" + escaped_summary};
  g.alarm = Alarm(escaped_summary);
  if (!description.empty()) g.body.push_back("DESCRIPTION:" + EscapeIcsText(description));
  g.body.push_back(fmt::format("CATEGORIES:Rehab,{}", kind));
  return g;
}

void IcsBuilder::AddMilestone(const DayPlan& day, const Milestone& milestone, int occurrence) {
  std::string description = text_.MilestoneText(milestone);
  if (milestone.kind == MilestoneKind::kPhaseStart) {
    if (const Phase* phase = plan_.FindPhase(milestone.id);
        phase != nullptr && !phase->goals.empty()) {
      description += "\n" + text_.GoalsHeading();
      for (const auto& goal : phase->goals) description += "\n\u2022 " + goal;
    }
  }
  Event e;
  e.uid = Uid(day.date, occurrence,
              std::string("milestone:") + ToString(milestone.kind) + ":" + milestone.id);
  e.body = {"DTSTART;VALUE=DATE:" + CompactDate(day.date),
            "DTEND;VALUE=DATE:" + CompactDate(day.date + date::days{1}),
            "SUMMARY:" + EscapeIcsText(text_.MilestoneTitle(milestone))};
  if (!description.empty()) e.body.push_back("DESCRIPTION:" + EscapeIcsText(description));
  e.body.push_back("CATEGORIES:Rehab,Milestone");
  e.body.push_back("TRANSP:TRANSPARENT");
  e.order = next_order_++;
  events_.push_back(std::move(e));
}

void IcsBuilder::AddDay(const DayPlan& day) {
  // How often a milestone or ice/heat slot has come up earlier in the day:
  // its occurrence number, part of its UID. Days hold a handful of each.
  std::vector<std::pair<std::string, int>> seen;
  seen.reserve(day.milestones.size() + day.modalities.size());
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
  struct Timed {
    TimeOfDay time;
    const Session* session;
    const ModalitySlot* slot;
    int occurrence;
  };
  std::vector<Timed> timed;
  timed.reserve(day.sessions.size() + day.modalities.size());
  if (!day.stopped) {
    for (const auto& s : day.sessions) timed.push_back({s.time, &s, nullptr, 0});
  }
  for (const auto& m : day.modalities) {
    timed.push_back({m.time, nullptr, &m, next_occurrence(m.modality_id)});
  }
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
    for (const ics::Run& run : ics::SplitIntoRuns(g.dates, options_.repeat)) {
      Date first = g.dates[run.begin];
      Event e;
      e.uid = Uid(first, g.slot, g.kind);
      e.body.reserve(2);
      e.body.push_back(time_.DtStart(first, g.time));
      if (run.count > 1) e.body.push_back(ics::Rrule(run));
      e.group = index;
      e.order = g.orders[run.begin];
      if (time_.zone != nullptr) {
        zones_.Use(time_.tzid, first);
        zones_.Use(time_.tzid, g.dates[run.begin + run.count - 1]);
      }
      events_.push_back(std::move(e));
    }
  }
  std::stable_sort(events_.begin(), events_.end(),
                   [](const Event& a, const Event& b) { return a.order < b.order; });
}

// Two events with one UID would make calendars drop one: the first is kept.
std::set<std::string, std::less<>> IcsBuilder::DropRepeatedUids() {
  std::set<std::string, std::less<>> uids;
  std::erase_if(events_, [&uids](const Event& e) { return !uids.insert(e.uid).second; });
  return uids;
}

// Events of the previous export that the new plan no longer has stay in the
// file as cancelled, so a re-import removes them and later exports keep them
// so; they follow the plan's events, in DTSTART then UID order.
void IcsBuilder::AddCancelled(const PreviousCalendar& previous,
                              const std::set<std::string, std::less<>>& uids) {
  if (!options_.keep_cancelled) return;
  const std::string cancelled_title = EscapeIcsText(text_.CancelledTitle());
  std::vector<std::pair<std::string, Event>> cancelled;  // sort key, event
  for (const auto& [uid, prev] : previous) {
    if (prev.hash.empty() || uids.count(uid) > 0) continue;
    Event e;
    e.uid = uid;
    std::string dtstart;
    e.body = ics::CancelledCopy(prev, cancelled_title, &zones_, &dtstart);
    e.cancelled_sequence = prev.cancelled ? prev.sequence : prev.sequence + 1;
    cancelled.emplace_back(dtstart + " " + uid, std::move(e));
  }
  std::sort(cancelled.begin(), cancelled.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [key, e] : cancelled) events_.push_back(std::move(e));
}

void IcsBuilder::Render(std::string_view previous_text, std::string* out) {
  PreviousCalendar previous = ics::ReadPreviousCalendar(previous_text);
  AddAlerts();
  for (const auto& day : plan_.days) AddDay(day);
  AddRecurringEvents();
  AddCancelled(previous, DropRepeatedUids());
  Write(previous, out);
}

std::pair<int, std::string> IcsBuilder::Version(const Event& e,
                                                const PreviousCalendar& previous) const {
  if (e.cancelled_sequence) return {*e.cancelled_sequence, kCancelledHash};
  Fnv1a64 fingerprint;
  AddLines(&fingerprint, e.body);
  if (e.group) {
    AddLines(&fingerprint, groups_[*e.group].body);
    AddLines(&fingerprint, groups_[*e.group].alarm);
  }
  std::string hash = fmt::format("{:016x}", fingerprint.value());
  int sequence = 0;
  if (auto prev = previous.find(e.uid); prev != previous.end()) {
    bool same = !prev->second.cancelled && prev->second.hash == hash;
    sequence = same ? prev->second.sequence : prev->second.sequence + 1;
  }
  return {sequence, hash};
}

// A group's body and alarm folded into content lines, once for all its events.
struct FoldedGroup {
  std::string body;
  std::string alarm;
};

void IcsBuilder::Write(const PreviousCalendar& previous, std::string* text) const {
  std::vector<FoldedGroup> folded(groups_.size());
  for (size_t i = 0; i < groups_.size(); ++i) {
    for (const auto& line : groups_[i].body) AppendFoldedLine(&folded[i].body, line);
    for (const auto& line : groups_[i].alarm) AppendFoldedLine(&folded[i].alarm, line);
  }
  // Room for all of it, so the text is not copied as it grows: each event's
  // own lines (folding adds 3 octets per 73), its group's, and about 256
  // octets of UID, stamp, sequence, status and hash.
  size_t size = 4096;
  for (const auto& e : events_) {
    size += 256;
    for (const auto& line : e.body) size += line.size() + line.size() / 73 * 3 + 2;
    if (e.group) size += folded[*e.group].body.size() + folded[*e.group].alarm.size();
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
  emit("X-WR-CALNAME:" + EscapeIcsText(text_.CalendarName()));
  if (options_.refresh_minutes > 0) {
    emit(fmt::format("REFRESH-INTERVAL;VALUE=DURATION:PT{}M", options_.refresh_minutes));
    emit(fmt::format("X-PUBLISHED-TTL:PT{}M", options_.refresh_minutes));
  }
  for (const auto& line : zones_.Lines(time_)) emit(line);
  const std::string today_stamp = CompactDate(plan_.today) + "T000000Z";
  for (const auto& e : events_) {
    const FoldedGroup* folded_group = e.group ? &folded[*e.group] : nullptr;
    auto [sequence, hash] = Version(e, previous);
    // An event the previous export had with this very content and SEQUENCE keeps its
    // DTSTAMP (unless that is after today), so a calendar whose events did not change is
    // the same bytes as before; any other event is stamped today.
    std::string_view stamp = today_stamp;
    if (auto prev = previous.find(e.uid); prev != previous.end() &&
                                          prev->second.sequence == sequence &&
                                          prev->second.hash == hash &&
                                          !prev->second.dtstamp.empty() &&
                                          prev->second.dtstamp <= today_stamp) {
      stamp = prev->second.dtstamp;
    }
    emit("BEGIN:VEVENT");
    emit("UID:" + e.uid);
    emit(std::string("DTSTAMP:").append(stamp));
    emit(fmt::format("SEQUENCE:{}", sequence));
    for (const auto& line : e.body) emit(line);
    if (folded_group != nullptr) out += folded_group->body;
    if (!e.cancelled_sequence) emit("STATUS:CONFIRMED");
    emit("X-REHAB-HASH:" + hash);
    if (folded_group != nullptr) out += folded_group->alarm;
    emit("END:VEVENT");
  }
  emit("END:VCALENDAR");
}

}  // namespace

void RenderIcs(const Plan& plan, const IcsOptions& options, std::string_view previous,
               std::string* out) {
  IcsBuilder(plan, options).Render(previous, out);
}

std::string RenderIcs(const Plan& plan, const IcsOptions& options, std::string_view previous) {
  std::string out;
  RenderIcs(plan, options, previous, &out);
  return out;
}

}  // namespace rehab
