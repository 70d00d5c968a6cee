// Property tests of the safety rules of issue 14: every shipped program,
// planned against thousands of generated (seeded, reproducible) diaries,
// (a) never steps up in an interval whose mean pain rose, nor while morning
// pain is above the patient's baseline; (b) keeps every phase at least its
// planned length, the phases contiguous; (c) warns about every diary row
// dated after today. The generator is the one of tests/safety_property_test.cc,
// with rising diaries and rows after today added.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "planner/engine/engine.h"
#include "planner/load/diary.h"
#include "planner/load/yaml_loader.h"
#include "planner/present/messages.h"
#include "tests/generated_cases.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

namespace fs = std::filesystem;
using namespace rehab::testing;  // the generated cases

// The diaries lean towards what these rules are about: a fifth get worse week
// on week, a third run past today.
const CaseShape kShape{.worsening_share = 0.2, .future_share = 0.3};

// ---------------------------------------------------------------------------
// The diary as the rules read it, worked out here independently of the
// engine: rows up to today, one per date, the worst pain of a date counting.

struct LoggedDay {
  Date date;
  std::optional<int> during;
  std::optional<int> morning;
};

std::vector<LoggedDay> MergedDays(const Diary& diary, Date today) {
  std::vector<LoggedDay> days;
  for (const auto& e : diary.entries) {
    if (e.date > today) continue;
    if (days.empty() || days.back().date != e.date) days.push_back({e.date, {}, {}});
    LoggedDay& d = days.back();
    if (e.during && (!d.during || *e.during > *d.during)) d.during = e.during;
    if (e.morning && (!d.morning || *e.morning > *d.morning)) d.morning = e.morning;
  }
  return days;
}

// Mean pain during exercise over the days in [from, to); nullopt when none logged it.
std::optional<double> MeanDuring(const std::vector<LoggedDay>& days, Date from, Date to) {
  double sum = 0;
  int n = 0;
  for (const auto& d : days) {
    if (d.date < from || d.date >= to || !d.during) continue;
    sum += *d.during;
    ++n;
  }
  if (n == 0) return std::nullopt;
  return sum / n;
}

// docs/pain-rules.md: the mean of the first `baseline_mornings` mornings
// logged before `before`, to the nearest whole point (halves up), never below
// the green zone.
int Baseline(const std::vector<LoggedDay>& days, Date before, const PainRules& rules) {
  int sum = 0;
  int n = 0;
  for (const auto& d : days) {
    if (d.date >= before || n >= rules.baseline_mornings) break;
    if (!d.morning) continue;
    sum += *d.morning;
    ++n;
  }
  int mean = n > 0 ? static_cast<int>(std::lround(static_cast<double>(sum) / n)) : 0;
  return std::max(rules.safe_max, mean);
}

int IntervalOf(const Program& program, const std::string& id) {
  const Exercise* ex = program.FindExercise(id);
  int own = ex != nullptr ? ex->interval_days : 0;
  return own > 0 ? own : program.pain_rules.interval_days;
}

// Calls `visit(id, occurrences, i, due)` for every scheduled day i > 0 of
// every exercise; `due` when its interval has passed since its last change
// (a step-up would be next if nothing held it).
void ForEachScheduledDay(
    const Program& program, const Plan& plan,
    const std::function<bool(const std::string&, const std::vector<Occurrence>&, size_t, int,
                             bool)>& visit) {
  for (const auto& [id, occ] : Occurrences(plan)) {
    int interval = IntervalOf(program, id);
    Date last_change = occ.empty() ? Date{} : occ[0].date;
    for (size_t i = 1; i < occ.size(); ++i) {
      bool due = (occ[i].date - last_change).count() >= interval;
      if (!visit(id, occ, i, interval, due)) return;
      if (occ[i].step != occ[i - 1].step || occ[i].change == StepChange::kResume) {
        last_change = occ[i].date;
      }
    }
  }
}

// Whether a step-up on `d`, `interval` days after the one before, must wait
// (and, when `why` is given, why, as the end of a sentence).
using HoldsStepUp = std::function<bool(const std::vector<LoggedDay>& days, const PainRules& rules,
                                       Date d, int interval, std::string* why)>;

// What went wrong when an exercise of `c` steps up on a day `holds` says it
// must wait, else "". Counts in `witnessed` the held days a step-up was due.
std::string NoStepUpWhileHeld(const Case& c, const Plan& plan, long* witnessed,
                              const HoldsStepUp& holds) {
  const PainRules& rules = c.program->pain_rules;
  std::vector<LoggedDay> days = MergedDays(c.diary, c.today);
  std::string problem;
  ForEachScheduledDay(*c.program, plan,
                      [&](const std::string& id, const std::vector<Occurrence>& occ, size_t i,
                          int interval, bool due) {
                        Date d = occ[i].date;
                        if (!holds(days, rules, d, interval, nullptr)) return true;
                        if (due) ++*witnessed;
                        if (occ[i].step <= occ[i - 1].step) return true;
                        std::string why;
                        holds(days, rules, d, interval, &why);
                        problem = fmt::format(
                            "'{}' rose from step {} to step {} on {} ({}) though {}", id,
                            occ[i - 1].step + 1, occ[i].step + 1, FormatDate(d), occ[i].rule, why);
                        return false;
                      });
  return problem;
}

// ---------------------------------------------------------------------------
// The properties.

TEST(SafetyRulesPropertyTest, NoStepUpInAnIntervalWhoseMeanPainRose) {
  ForEachCase(
      11'000'000, 5.0,
      [](const Case& c, const Plan& plan, long* witnessed) {
        return NoStepUpWhileHeld(c, plan, witnessed,
                                 [](const std::vector<LoggedDay>& days, const PainRules&, Date d,
                                    int interval, std::string* why) {
                                   auto recent = MeanDuring(days, d - date::days(interval), d);
                                   auto older = MeanDuring(days, d - date::days(2 * interval),
                                                           d - date::days(interval));
                                   bool rose = recent && older && *recent > *older;
                                   if (rose && why != nullptr) {
                                     *why = fmt::format(
                                         "its mean pain during exercise rose from {:.2f} to "
                                         "{:.2f} over its {}-day interval",
                                         *older, *recent, interval);
                                   }
                                   return rose;
                                 });
      },
      kShape);
}

TEST(SafetyRulesPropertyTest, NoStepUpWhileMorningPainIsAboveTheBaseline) {
  ForEachCase(
      12'000'000, 3.0,
      [](const Case& c, const Plan& plan, long* witnessed) {
        return NoStepUpWhileHeld(
            c, plan, witnessed,
            [](const std::vector<LoggedDay>& days, const PainRules& rules, Date d, int interval,
               std::string* why) {
              int baseline = Baseline(days, d, rules);
              const LoggedDay* above = nullptr;
              for (const auto& day : days) {
                if (day.date >= d - date::days(interval) && day.date < d && day.morning &&
                    *day.morning > baseline) {
                  above = &day;
                }
              }
              if (above != nullptr && why != nullptr) {
                *why = fmt::format("morning pain was {}/10 on {}, above the baseline of {}/10",
                                   *above->morning, FormatDate(above->date), baseline);
              }
              return above != nullptr;
            });
      },
      kShape);
}

TEST(SafetyRulesPropertyTest, EveryPhaseLastsAtLeastItsPlannedLengthAndPhasesStayContiguous) {
  ForEachCase(
      13'000'000, 0.1,
      [](const Case& c, const Plan& plan, long* witnessed) {
        if (std::string problem = CheckPhasesContiguous(plan); !problem.empty()) return problem;
        for (size_t i = 0; i < plan.phases.size(); ++i) {
          const PhaseSpan& span = plan.phases[i];
          const Phase* ph = PhaseById(*c.program, span.id);
          if (ph == nullptr) return fmt::format("unknown phase '{}'", span.id);
          // Counted: phases that start later than planned because the one
          // before was held up (the situation that shrank them).
          if (span.start > plan.anchor + date::days(ph->start_day)) ++*witnessed;
          // Only the last laid-out phase may be cut short, by the plan's end.
          if (i + 1 == plan.phases.size()) continue;
          int minimum = std::max(ph->end_day - ph->start_day, 1);
          int length = (span.end - span.start).count();
          if (length < minimum) {
            return fmt::format("phase '{}' lasts {} days ({} to {}), less than its planned {}",
                               span.id, length, FormatDate(span.start),
                               FormatDate(span.end - date::days(1)), minimum);
          }
        }
        return std::string();
      },
      kShape);
}

TEST(SafetyRulesPropertyTest, EveryDiaryRowAfterTodayYieldsAWarning) {
  ForEachCase(
      14'000'000, 1.0,
      [](const Case& c, const Plan& plan, long* witnessed) {
        // Through the CSV, so the rows have the lines a warning points at.
        std::string csv = DiaryHeader() + "\n";
        for (const auto& e : c.diary.entries) csv += FormatDiaryRow(e) + "\n";
        Diagnostics diags;
        Diary diary = ParseDiary(csv, "generated.csv", &diags);
        if (diags.HasErrors()) return "generated diary does not parse back: " + diags.ToString();
        Plan read =
            Generate(*c.program, c.patient, diary, date::year_month_day(c.today), c.options);
        size_t future = 0;
        for (const auto& e : diary.entries) {
          if (e.date <= c.today) continue;
          ++future;
          ++*witnessed;
          bool warned = std::any_of(read.ignored.begin(), read.ignored.end(), [&](const auto& w) {
            return w.line == e.line && w.date == e.date && w.column == 1 &&
                   MessageText(w.message, "en").find(FormatDate(e.date)) != std::string::npos;
          });
          if (!warned) {
            return fmt::format("the row on line {} dated {} (after today {}) has no warning",
                               e.line, FormatDate(e.date), FormatDate(c.today));
          }
        }
        if (read.ignored.size() != future || plan.ignored.size() != future) {
          return fmt::format("{} rows after today but {} warnings ({} without lines)", future,
                             read.ignored.size(), plan.ignored.size());
        }
        return std::string();
      },
      kShape);
}

}  // namespace
}  // namespace rehab
