// Red flags: the alerts the diary's flags raise, the intervals in which they
// stop exercise (everything, or all but the essentials), restarting after a
// cleared stop, and the persistent-pain alert.
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "planner/engine/engine_internal.h"

namespace rehab::engine_internal {

std::vector<StopInterval> FindRedFlags(const Program& program, const Entries& entries, Date today,
                                       std::vector<Alert>* alerts) {
  std::vector<StopInterval> stops;
  std::map<std::string, size_t> open;  // red flag id -> index into `alerts`
  int open_stop[3] = {-1, -1, -1};     // by RedFlagStops: index into `stops` still open
  for (const auto& e : entries) {
    bool cleared = std::find(e.flags.begin(), e.flags.end(), "cleared") != e.flags.end();
    if (cleared) {
      for (auto& [id, index] : open) {
        (*alerts)[index].cleared = e.date;
        (*alerts)[index].active = false;
      }
      open.clear();
      for (int& o : open_stop) {
        if (o >= 0) stops[static_cast<size_t>(o)].until = e.date;
        o = -1;
      }
    }
    for (const auto& flag : e.flags) {
      for (const auto& rf : program.red_flags) {
        if (rf.flag != flag) continue;
        if (open.count(rf.id)) {
          (*alerts)[open[rf.id]].diary_dates.push_back(e.date);
          continue;
        }
        Alert a;
        a.kind = rf.stops != RedFlagStops::kNone ? AlertKind::kRedFlag : AlertKind::kSeeDoctor;
        a.id = rf.id;
        a.date = e.date;
        a.text = Message::Verbatim(rf.text);
        a.action = Message::Verbatim(rf.action);
        a.urgency = rf.urgency;
        a.stops = rf.stops;
        a.diary_dates = {e.date};
        a.active = e.date <= today;
        open[rf.id] = alerts->size();
        alerts->push_back(a);
        if (rf.stops != RedFlagStops::kNone) {
          int& o = open_stop[static_cast<int>(rf.stops)];
          if (o < 0) {
            o = static_cast<int>(stops.size());
            stops.push_back({e.date, std::nullopt, &rf, {}, rf.stops});
          }
          stops[static_cast<size_t>(o)].dates.push_back(e.date);
        }
      }
    }
  }
  return stops;
}

const StopInterval* StopOn(const std::vector<StopInterval>& stops, Date d) {
  const StopInterval* found = nullptr;
  for (const auto& s : stops) {
    if (d >= s.from && (!s.until || d < *s.until)) {
      if (found == nullptr || static_cast<int>(s.level) > static_cast<int>(found->level))
        found = &s;
    }
  }
  return found;
}

void CheckPersistentPain(const Program& program, const Entries& entries, Date anchor, Date today,
                         std::vector<Alert>* alerts) {
  const PainRules& rules = program.pain_rules;
  if (rules.persistent_pain_days <= 0 || entries.empty()) return;
  Date horizon = anchor + date::days(rules.persistent_pain_days);
  auto hurts = [&](const DiaryEntry& e) {
    return std::max(e.during.value_or(0), e.morning.value_or(0)) >= rules.persistent_pain_min;
  };
  std::vector<Date> dates;
  for (const auto& e : entries) {
    if (e.date >= horizon && e.date <= today && hurts(e)) dates.push_back(e.date);
  }
  if (dates.empty()) return;
  Alert a;
  a.kind = AlertKind::kSeeDoctor;
  a.id = "persistent-pain";
  a.date = dates.front();
  a.text = Message("alert.persistent-pain")
               .With("pain_min", rules.persistent_pain_min)
               .With("days", rules.persistent_pain_days)
               .With("weeks", rules.persistent_pain_days / 7);
  a.action = Message("alert.persistent-pain.action");
  a.urgency = Urgency::kRoutine;
  if (dates.size() > 5) dates.erase(dates.begin(), dates.end() - 5);
  a.diary_dates = dates;
  const DiaryEntry* latest = nullptr;
  for (const auto& e : entries) {
    if (e.date <= today) latest = &e;
  }
  a.active = latest != nullptr && hurts(*latest);
  alerts->push_back(a);
}

const StopInterval* Generator::ClearedSince(const ExerciseTrack& t, Date d) const {
  const StopInterval* found = nullptr;
  for (const auto& s : stops_) {
    if (s.until && *s.until <= d && t.state.last_decision < s.from) found = &s;
  }
  return found;
}

void Generator::ResumeAfterStop(ExerciseTrack& t, const Exercise& ex, Date d,
                                const StopInterval& stop) {
  int step = std::max(t.state.step - 1, 0);
  Reason r{"red-flag-cleared",
           Message("red-flag-cleared")
               .With("stopped", stop.from)
               .With("flag", stop.flag->text)
               .With("cleared", *stop.until)
               .With("to", StepOf{step, t.state.steps}),
           {stop.from, *stop.until}};
  RestartAt(t, ex, d, step, std::move(r));
}

}  // namespace rehab::engine_internal
