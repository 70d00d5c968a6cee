// Sessions: which days an exercise is done on, the times of the day's
// sessions, the exercises spread over them, and the side each is done on.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "planner/engine/engine.h"
#include "planner/engine/engine_internal.h"

namespace rehab {

namespace engine_internal {

std::vector<TimeOfDay> SlotTimes(const std::vector<TimeOfDay>& own, int count) {
  std::vector<TimeOfDay> times = own;
  if (times.empty()) times.push_back(8 * 60);
  while (static_cast<int>(times.size()) < count) {
    TimeOfDay next = times.back() + 4 * 60;
    if (next > kWakingDayEnd) {
      std::vector<TimeOfDay> bounds = times;
      bounds.push_back(kWakingDayStart);
      bounds.push_back(kWakingDayEnd);
      std::sort(bounds.begin(), bounds.end());
      int best = 0;
      for (size_t i = 1; i < bounds.size(); ++i) {
        if (bounds[i] - bounds[i - 1] > bounds[best + 1] - bounds[best])
          best = static_cast<int>(i) - 1;
      }
      next = (bounds[best] + bounds[best + 1]) / 2;
    }
    times.push_back(next);
    std::sort(times.begin(), times.end());
  }
  return times;
}

bool IsTrainingDay(const Patient& patient, Date anchor, Date d, int days_per_week) {
  auto allowed = [&](Date x) {
    if (patient.session_days.empty()) return true;
    auto wd = static_cast<Weekday>(date::weekday(x).c_encoding());
    return std::find(patient.session_days.begin(), patient.session_days.end(), wd) !=
           patient.session_days.end();
  };
  // The index-th of m candidate days is picked when floor((index + 1) * k / m)
  // steps past floor(index * k / m).
  int offset = (d - anchor).count();
  Date week_start = anchor + date::days(offset - offset % 7);
  bool on_session_day = allowed(d);
  int m = 0;       // session days in the week
  int index = -1;  // d's index among the days of its kind (session or other)
  int others = 0;
  for (int i = 0; i < 7; ++i) {
    Date x = week_start + date::days(i);
    bool a = allowed(x);
    if (x == d) index = a ? m : others;
    if (a) {
      ++m;
    } else {
      ++others;
    }
  }
  if (on_session_day) {
    int k = std::min(days_per_week, m);
    return (index + 1) * k / m > index * k / m;
  }
  int extra = days_per_week - m;
  if (extra <= 0 || others == 0) return false;
  return (index + 1) * extra / others > index * extra / others;
}

bool NeedsExtraDays(const Patient& patient, int days_per_week) {
  return !patient.session_days.empty() &&
         days_per_week > static_cast<int>(patient.session_days.size());
}

PlanNote ExtraDaysNote(const Patient& patient, std::vector<std::string> exercises) {
  std::vector<Weekday> days = patient.session_days;
  std::sort(days.begin(), days.end(), [](Weekday a, Weekday b) {
    return (static_cast<int>(a) + 6) % 7 < (static_cast<int>(b) + 6) % 7;  // Monday first
  });
  days.erase(std::unique(days.begin(), days.end()), days.end());
  TimeOfDay first = patient.session_times.empty() ? 8 * 60 : patient.session_times.front();
  return {"extra-days", Message("note.extra-days")
                            .With("exercises", std::move(exercises))
                            .With("days", std::move(days))
                            .With("from", ClockTime{first})};
}

const std::vector<TimeOfDay>& Generator::SlotTimesFor(int slots) {
  auto [it, inserted] = slot_times_.try_emplace(slots);
  if (inserted) it->second = SlotTimes(patient_.session_times, slots);
  return it->second;
}

void Generator::AddSessions(DayPlan& day) {
  if (todays_.empty()) return;
  int slots = static_cast<int>(patient_.session_times.size());
  for (const auto& [pe, se] : todays_) slots = std::max(slots, pe->times_per_day);
  const std::vector<TimeOfDay>& times = SlotTimesFor(slots);
  day.sessions.reserve(slots);
  for (int s = 0; s < slots; ++s) {
    Session session;
    session.exercises.reserve(todays_.size());
    session.slot = s;
    session.time = LocalTime(day.date, times[s]);
    int seconds = 0;
    for (auto& [pe, se] : todays_) {
      if (s >= pe->times_per_day) continue;
      // The exercise's last session of the day takes it; earlier ones copy.
      const ScheduledExercise& added = s + 1 == pe->times_per_day
                                           ? session.exercises.emplace_back(std::move(se))
                                           : session.exercises.emplace_back(se);
      if (s == 0) {  // the change is announced once, at the day's first session
        se.change = StepChange::kSame;
        se.reason.reset();
      }
      seconds += EstimateSeconds(*added.dose);
    }
    if (session.exercises.empty()) continue;
    session.duration_minutes = std::max(5, (seconds + 59) / 60);
    day.sessions.push_back(std::move(session));
  }
}

}  // namespace engine_internal

Side ResolveExerciseSide(Side exercise_side, Side patient_side) {
  switch (exercise_side) {
    case Side::kAffected:
      return patient_side;
    case Side::kUnaffected:
      return patient_side == Side::kLeft    ? Side::kRight
             : patient_side == Side::kRight ? Side::kLeft
                                            : Side::kBoth;
    default:
      return exercise_side;
  }
}

}  // namespace rehab
