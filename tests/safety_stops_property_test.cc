// Property tests of issue 14's invariants, over every shipped program (loaded
// with the catalogue's default red flags) and thousands of generated,
// seeded diaries each:
//  (a) an essential exercise is scheduled on every day of its phase unless a
//      stop-everything red flag is in force;
//  (b) every diary flag on a day up to today yields an alert;
//  (c) an exercise stopped by repeated red pain comes back, one step lower,
//      after the therapist's `reviewed` entry.
// Each also checks that its situation occurred often enough, so a generator
// that never reaches it fails instead of passing vacuously.
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
#include <string>
#include <vector>

#include "planner/engine/engine.h"
#include "planner/load/diary.h"
#include "planner/load/yaml_loader.h"
#include "tests/generated_cases.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

// The shipped programs, the case count, the random source, the case and its
// runner are those of every property test (tests/generated_cases.h); the
// cases drawn are this file's own.
using testing::Case;
using testing::CaseCount;
using testing::Check;
using testing::MakeDate;
using testing::Rng;
using testing::ShippedPrograms;

// The same programs where repeated red pain stops every exercise the program
// lets it (all but the essentials), so that (c) has stops to check.
const std::vector<Program>& StoppingPrograms() {
  static const std::vector<Program> programs = [] {
    std::vector<Program> out = ShippedPrograms();
    for (auto& p : out) p.pain_rules.on_repeated_red = RepeatedRed::kStop;
    return out;
  }();
  return programs;
}

std::vector<std::string> WarningFlags() {
  std::vector<std::string> out;
  for (const auto& f : KnownDiaryFlags()) {
    if (f != "cleared" && f != "reviewed") out.push_back(f);
  }
  return out;
}

// Diaries with runs of red pain, warning flags of every kind (cleared a few
// days later, or not), the therapist's `reviewed` a few days after a red
// run, gaps, and the odd second row for a date.
Diary MakeDiary(Date first, Date last, Rng& rng) {
  Diary diary;
  static const std::vector<std::string> flags = WarningFlags();
  double base = rng.Real(0, 5);
  double flag_rate = rng.Chance(0.6) ? rng.Real(0.005, 0.06) : 0.0;
  double red_run_rate = rng.Real(0, 0.08);
  double adherence = rng.Real(0.5, 1.0);
  int red_left = 0;
  int review_in = -1;
  bool flag_open = false;
  for (Date d = first; d <= last; d += date::days(1)) {
    if (red_left == 0 && rng.Chance(red_run_rate)) red_left = rng.Int(2, 5);
    bool red = red_left > 0;
    if (red && --red_left == 0) review_in = rng.Chance(0.8) ? rng.Int(0, 6) : -1;
    bool review = review_in == 0;
    if (review_in >= 0) --review_in;
    bool flag = rng.Chance(flag_rate);
    bool clear = flag_open && rng.Chance(0.25);
    if (!red && !review && !flag && !clear && !rng.Chance(adherence)) continue;
    DiaryEntry e;
    e.date = d;
    int pain = red ? rng.Int(7, 10) : std::clamp(static_cast<int>(base + rng.Real(-2, 2)), 0, 6);
    if (rng.Chance(0.9)) e.during = pain;
    if (rng.Chance(0.7) || (red && !e.during)) e.after = pain;
    if (rng.Chance(0.5)) e.morning = std::max(0, pain - rng.Int(0, 3));
    if (clear) {
      e.flags.push_back("cleared");
      flag_open = false;
    }
    if (review) e.flags.push_back("reviewed");
    if (flag) {
      e.flags.push_back(rng.Pick(flags));
      if (rng.Chance(0.2)) e.flags.push_back(rng.Pick(flags));
      flag_open = true;
    }
    std::sort(e.flags.begin(), e.flags.end());
    e.flags.erase(std::unique(e.flags.begin(), e.flags.end()), e.flags.end());
    diary.entries.push_back(e);
    if (rng.Chance(0.04)) {
      DiaryEntry second;
      second.date = d;
      second.morning = rng.Int(0, 8);
      if (rng.Chance(0.3)) second.flags.push_back(rng.Pick(flags));
      diary.entries.push_back(second);
    }
  }
  return diary;
}

Case MakeCase(const std::vector<Program>& programs, uint32_t seed) {
  Rng rng(seed);
  Case c;
  c.seed = seed;
  c.program = &programs[static_cast<size_t>(rng.Int(0, static_cast<int>(programs.size()) - 1))];
  c.anchor = MakeDate(2020, 1, 1) + date::days(rng.Int(0, 5000));
  Patient& p = c.patient;
  p.id = "generated";
  p.side = rng.Chance(0.5) ? Side::kLeft : Side::kRight;
  if (c.program->anchor == Anchor::kSurgery) {
    p.surgery = c.anchor;
    p.procedure = c.program->id;
  } else {
    p.start = c.anchor;
  }
  testing::DrawSessions(&p, rng, 0.6, 0.45);
  c.options.weeks = rng.Chance(0.8) ? rng.Int(2, 6) : rng.Int(7, 20);
  c.today = c.anchor + date::days(rng.Int(0, c.options.weeks * 7 + 5));
  c.diary = MakeDiary(c.anchor - date::days(rng.Int(0, 3)), c.today, rng);
  return c;
}

// ForEachCaseOf this file's cases, drawn from `programs`.
void ForEachCase(const std::vector<Program>& programs, uint32_t base_seed, double min_per_case,
                 const Check& check) {
  testing::ForEachCaseOf([&](uint32_t seed) { return MakeCase(programs, seed); }, programs.size(),
                         base_seed, min_per_case, check);
}

bool Has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// The days (up to today) on which a red flag that stops everything is in
// force, read from the diary independently of the engine: from the date a
// `stops: all` flag is logged until the next date with `cleared` (a date
// that clears and raises again stays stopped).
std::set<Date> StopAllDays(const Program& program, const Diary& diary, Date today, Date end) {
  std::map<Date, std::pair<bool, bool>> by_date;  // date -> (clears, raises stop-all)
  for (const auto& e : diary.entries) {
    if (e.date > today) continue;
    auto& [clears, raises] = by_date[e.date];
    clears = clears || Has(e.flags, "cleared");
    for (const auto& rf : program.red_flags) {
      raises = raises || (rf.stops == RedFlagStops::kAll && Has(e.flags, rf.flag));
    }
  }
  std::set<Date> out;
  std::optional<Date> from;
  auto close = [&](Date until) {
    for (Date d = *from; d < until; d += date::days(1)) out.insert(d);
    from.reset();
  };
  for (const auto& [date, what] : by_date) {
    if (what.first && from) close(date);
    if (what.second && !from) from = date;
  }
  if (from) close(end);
  return out;
}

bool ScheduledOn(const DayPlan& day, const std::string& id) {
  for (const auto& s : day.sessions) {
    for (const auto& e : s.exercises) {
      if (e.id() == id) return true;
    }
  }
  return false;
}

// (a) ------------------------------------------------------------------------

TEST(SafetyStopsPropertyTest, EssentialExercisesAreOnEveryDayOfTheirPhaseUnlessAClotStopsAll) {
  // Every essential in the shipped programs is prescribed daily, so "every day
  // of its phase" is what the prescription says too.
  long essentials = 0;
  for (const auto& p : ShippedPrograms()) {
    for (const auto& ph : p.phases) {
      for (const auto& pe : ph.exercises) {
        if (!pe.essential) continue;
        ++essentials;
        EXPECT_EQ(pe.days_per_week, 7) << p.id << " " << ph.id << " " << pe.exercise_id;
      }
    }
  }
  EXPECT_GE(essentials, 5);
  long kept_through_flags = 0;
  ForEachCase(
      ShippedPrograms(), 14'100'000, 3.0,
      [&](const Case& c, const Plan& plan, long* witnessed) -> std::string {
        std::set<Date> stop_all = StopAllDays(*c.program, c.diary, c.today, plan.end);
        for (const auto& day : plan.days) {
          const Phase* phase = plan.FindPhase(day.phase_id);
          if (phase == nullptr) continue;
          bool stopped = stop_all.count(day.date) > 0;
          if (stopped != day.stopped) {
            return fmt::format("{}: stopped is {}, but a stop-everything flag is {}in force",
                               FormatDate(day.date), day.stopped, stopped ? "" : "not ");
          }
          if (stopped) continue;
          for (const auto& pe : phase->exercises) {
            if (!pe.essential) continue;
            ++*witnessed;
            if (day.essentials_only) ++kept_through_flags;
            if (!ScheduledOn(day, pe.exercise_id)) {
              return fmt::format("{} (phase '{}'): essential '{}' is not scheduled{}",
                                 FormatDate(day.date), phase->id, pe.exercise_id,
                                 day.essentials_only ? " (a red flag keeps essentials)" : "");
            }
          }
        }
        return "";
      });
  EXPECT_GE(kept_through_flags, CaseCount() / 10)
      << "rarely an essential kept through a red flag that stops the rest";
}

// (b) ------------------------------------------------------------------------

TEST(SafetyStopsPropertyTest, EveryDiaryFlagUpToTodayYieldsAnAlert) {
  ForEachCase(ShippedPrograms(), 14'200'000, 0.5,
              [](const Case& c, const Plan& plan, long* witnessed) -> std::string {
                for (const auto& e : c.diary.entries) {
                  if (e.date > c.today) continue;
                  for (const auto& flag : e.flags) {
                    if (flag == "cleared" || flag == "reviewed") continue;
                    ++*witnessed;
                    bool alerted = false;
                    for (const auto& a : plan.alerts) {
                      bool dated = std::find(a.diary_dates.begin(), a.diary_dates.end(), e.date) !=
                                   a.diary_dates.end();
                      if (!dated) continue;
                      for (const auto& rf : c.program->red_flags) {
                        alerted = alerted || (rf.id == a.id && rf.flag == flag);
                      }
                    }
                    if (!alerted) {
                      return fmt::format("'{}' logged on {} yields no alert", flag,
                                         FormatDate(e.date));
                    }
                  }
                }
                return "";
              });
}

// (c) ------------------------------------------------------------------------

TEST(SafetyStopsPropertyTest, AnExerciseStoppedByPainComesBackOneStepLowerAfterTheReview) {
  std::vector<Date> reviewed;
  ForEachCase(
      StoppingPrograms(), 14'300'000, 0.05,
      [&](const Case& c, const Plan& plan, long* witnessed) -> std::string {
        reviewed.clear();
        for (const auto& e : c.diary.entries) {
          if (e.date <= c.today && Has(e.flags, "reviewed")) reviewed.push_back(e.date);
        }
        std::sort(reviewed.begin(), reviewed.end());
        for (const auto& stop : plan.changes) {
          if (stop.change != StepChange::kStop) continue;
          if (stop.reason.rule != "repeated-red") return "a stop by rule " + stop.reason.rule;
          const Phase* phase = nullptr;
          if (const DayPlan* day = plan.FindDay(stop.date)) phase = plan.FindPhase(day->phase_id);
          for (const auto& pe :
               phase != nullptr ? phase->exercises : std::vector<PhaseExercise>{}) {
            if (pe.exercise_id == stop.exercise_id && pe.essential) {
              return fmt::format("essential '{}' stopped by pain on {}", stop.exercise_id,
                                 FormatDate(stop.date));
            }
          }
          Date last_red = stop.reason.diary_dates.back();
          auto r = std::lower_bound(reviewed.begin(), reviewed.end(), last_red);
          if (r == reviewed.end()) continue;  // not reviewed (yet): stays stopped
          Date after = std::max(*r + date::days(1), stop.date + date::days(1));
          // The first day after the review the exercise is scheduled again.
          const DayPlan* back = nullptr;
          for (const auto& day : plan.days) {
            if (day.date >= after && ScheduledOn(day, stop.exercise_id)) {
              back = &day;
              break;
            }
          }
          // It must come back while its phase still lists it: on some day
          // within the first week after the review that is not stopped.
          bool could = false;
          for (const auto& day : plan.days) {
            if (day.date < after || day.date >= after + date::days(7)) continue;
            const Phase* ph = plan.FindPhase(day.phase_id);
            bool listed = false;
            for (const auto& pe : ph != nullptr ? ph->exercises : std::vector<PhaseExercise>{}) {
              listed = listed || pe.exercise_id == stop.exercise_id;
            }
            could = could || (listed && !day.stopped && !day.essentials_only);
          }
          bool all_week = true;  // the whole week after the review is listed and not stopped
          for (Date d = after; d < after + date::days(7); d += date::days(1)) {
            const DayPlan* day = plan.FindDay(d);
            const Phase* ph = day != nullptr ? plan.FindPhase(day->phase_id) : nullptr;
            bool listed = false;
            for (const auto& pe : ph != nullptr ? ph->exercises : std::vector<PhaseExercise>{}) {
              listed = listed || pe.exercise_id == stop.exercise_id;
            }
            all_week = all_week && listed && !day->stopped && !day->essentials_only;
          }
          if (!could) continue;
          if (all_week) ++*witnessed;
          if (back == nullptr) {
            if (!all_week) continue;
            return fmt::format(
                "'{}' stopped on {} (last red {}) never came back after the "
                "review on {}",
                stop.exercise_id, FormatDate(stop.date), FormatDate(last_red), FormatDate(*r));
          }
          const ScheduledExercise* se = nullptr;
          for (const auto& s : back->sessions) {
            for (const auto& e : s.exercises) {
              if (e.id() == stop.exercise_id && se == nullptr) se = &e;
            }
          }
          if (se->change != StepChange::kResume || !se->reason ||
              se->reason->rule != "therapist-reviewed") {
            return fmt::format("'{}' came back on {} without the therapist-reviewed restart",
                               stop.exercise_id, FormatDate(back->date));
          }
          if (se->step != std::max(stop.to_step - 1, 0)) {
            return fmt::format("'{}' came back on {} at step {}, stopped at step {}",
                               stop.exercise_id, FormatDate(back->date), se->step + 1,
                               stop.to_step + 1);
          }
        }
        return "";
      });
}

}  // namespace
}  // namespace rehab
