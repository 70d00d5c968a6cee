// Grouping keys and RRULE runs (see ics_grouping.h).
#include "planner/present/ics_grouping.h"

#include <fmt/format.h>

#include <cmath>

namespace rehab::ics {
namespace {

constexpr unsigned kEveryDay = 0x7F;

unsigned WeekdayBit(Date d) { return 1u << date::weekday(d).c_encoding(); }

// The first date after `d` whose weekday is in `weekdays` (non-empty).
Date NextOnWeekdays(Date d, unsigned weekdays) {
  do {
    d += date::days{1};
  } while ((WeekdayBit(d) & weekdays) == 0);
  return d;
}

}  // namespace

// Equal doses (Dose::operator==) hash equal: this reads a subset of the
// fields that operator== compares, the numbers. Doses that differ only in a
// string (band, tempo, range, note) share a hash and are told apart by ==,
// which decides; the strings are left out because hashing them costs more
// than the rare collision.
size_t HashValue(const DoseRef& ref) {
  const Dose& d = *ref.dose;
  size_t h = 0;
  for (int n :
       {d.sets, d.reps, d.hold_seconds, d.rest_seconds, d.minutes, static_cast<int>(d.load.kind)}) {
    h = HashCombine(h, rehab::HashValue(n));
  }
  return HashCombine(h, rehab::HashValue(std::llround(d.load.value * 1000)));
}

// A run's weekdays are those its dates use in the 7 days from its first date;
// it then extends while the next date is the next one on those weekdays.
std::vector<Run> SplitIntoRuns(const std::vector<Date>& dates, bool repeat) {
  std::vector<Run> runs;
  if (!repeat) {
    for (size_t i = 0; i < dates.size(); ++i) runs.push_back({i, 1, WeekdayBit(dates[i])});
    return runs;
  }
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

}  // namespace rehab::ics
