// Ice and heat: the day's slots around its sessions, flare-only and
// skip-when-swollen modalities, and the acute window with no heat.
#include <algorithm>
#include <tuple>
#include <vector>

#include "planner/engine/engine.h"
#include "planner/engine/engine_internal.h"

namespace rehab {

namespace engine_internal {

namespace {

// Most recent swelling logged on or before `d` (within three days), if any.
Swelling RecentSwelling(const Entries& entries, Date d) {
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (it->date > d) continue;
    if (it->date < d - date::days(3)) break;
    if (it->swelling) return *it->swelling;
  }
  return Swelling::kNone;
}

// A flare day for `rule`: swelling or pain at or above its thresholds logged
// on `d` or in the three days before (the window RecentSwelling uses).
bool IsFlareDay(const FlareRule& rule, const Entries& entries, Date d) {
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (it->date > d) continue;
    if (it->date < d - date::days(3)) break;
    if (rule.swelling_min && it->swelling && *it->swelling >= *rule.swelling_min) return true;
    if (rule.pain_min) {
      for (const auto& pain : {it->during, it->after, it->morning}) {
        if (pain && *pain >= *rule.pain_min) return true;
      }
    }
  }
  return false;
}

// Whether `mod` is given on `day` (date `d`): inside its days, on a flare day
// when it is flare-only, and for heat outside the acute window and, when it
// skips a swollen knee, with no recent swelling.
bool GivenOn(const Program& program, const Modality& mod, const Entries& entries, int day, Date d) {
  if (day < mod.from_day || day >= mod.to_day) return false;
  if (mod.only_on_flare && !IsFlareDay(*mod.only_on_flare, entries, d)) return false;
  if (mod.kind == ModalityKind::kHeat) {
    if (!HeatAllowedOnDay(program, day)) return false;
    if (mod.skip_when_swollen && RecentSwelling(entries, d) != Swelling::kNone) return false;
  }
  return true;
}

// Appends to `times` the `rest` slots not tied to a session, spread over the
// waking day (kWakingDayStart to kWakingDayEnd), on five-minute marks no
// later than 23:00.
void SpreadOverWakingDay(int rest, const std::vector<Session>& sessions,
                         std::vector<TimeOfDay>* times) {
  for (int i = 0; i < rest; ++i) {
    int span = kWakingDayEnd - kWakingDayStart;
    TimeOfDay t = kWakingDayStart + (rest == 1 ? span / 2 : span * i / (rest - 1));
    // Not in the hour before a session or during it: ice numbs the knee
    // just before activity, so such a slot moves to after the session.
    for (const auto& s : sessions) {
      if (t >= s.time - 60 && t < s.time + s.duration_minutes) t = s.time + s.duration_minutes + 5;
    }
    times->push_back(std::min(t - t % 5, 23 * 60));
  }
}

}  // namespace

std::vector<ModalitySlot> ScheduleModalities(const Program& program, const Entries& entries,
                                             int day, Date d,
                                             const std::vector<Session>& sessions) {
  std::vector<ModalitySlot> out;
  std::vector<TimeOfDay> times;  // one modality's at a time
  for (const auto& mod : program.modalities) {
    if (!GivenOn(program, mod, entries, day, d)) continue;
    times.clear();
    for (const auto& s : sessions) {
      if (static_cast<int>(times.size()) >= mod.times_per_day) break;
      if (mod.when == ModalityTiming::kBeforeExercise) {
        times.push_back(std::max(0, s.time - mod.minutes - 5));
      } else if (mod.when == ModalityTiming::kAfterExercise) {
        times.push_back(std::min(23 * 60, s.time + s.duration_minutes + 5));
      }
    }
    SpreadOverWakingDay(mod.times_per_day - static_cast<int>(times.size()), sessions, &times);
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    if (out.capacity() == 0) {  // room for every modality's slots at once
      int most = 0;
      for (const auto& m : program.modalities) most += std::max(m.times_per_day, 0);
      out.reserve(static_cast<size_t>(most));
    }
    for (TimeOfDay t : times) {
      out.push_back({mod.id, mod.name, mod.kind, t, mod.minutes, mod.when});
    }
  }
  std::sort(out.begin(), out.end(), [](const ModalitySlot& a, const ModalitySlot& b) {
    return std::tie(a.time, a.modality_id) < std::tie(b.time, b.modality_id);
  });
  return out;
}

}  // namespace engine_internal

bool HeatAllowedOnDay(const Program& program, int day) { return day >= program.acute_days; }

}  // namespace rehab
