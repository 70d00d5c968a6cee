// Property tests of the engine's safety invariants: every shipped program,
// planned against thousands of generated (seeded, reproducible) diaries and
// patients, never breaks the rules a patient's safety depends on.
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
#include "planner/present/render_json.h"
#include "tests/generated_cases.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

namespace fs = std::filesystem;
using namespace rehab::testing;  // the generated cases

bool IsRed(const DiaryEntry& e, const PainRules& rules) {
  return e.during.value_or(0) >= rules.red_min || e.after.value_or(0) >= rules.red_min;
}

bool HasFlag(const DiaryEntry& e, const std::string& flag) {
  return std::find(e.flags.begin(), e.flags.end(), flag) != e.flags.end();
}

// Empty when no scheduled exercise on any day carries a forbidden tag.
// `witnessed` counts scheduled exercises checked on days with a restriction in force.
std::string CheckRestrictions(const Program& program, const Plan& plan, long* witnessed = nullptr) {
  for (const auto& day : plan.days) {
    const Phase* phase = PhaseById(program, day.phase_id);
    bool in_force = phase != nullptr && !phase->restrictions.empty();
    for (const auto& r : program.restrictions) {
      in_force = in_force || (day.day >= r.from_day && day.day < r.until_day);
    }
    for (const auto& s : day.sessions) {
      for (const auto& se : s.exercises) {
        if (phase == nullptr) {
          return fmt::format("{}: '{}' scheduled outside any phase", FormatDate(day.date), se.id());
        }
        const Exercise* ex = program.FindExercise(se.id());
        if (ex == nullptr) return fmt::format("unknown exercise '{}'", se.id());
        if (in_force && witnessed != nullptr) ++*witnessed;
        for (const auto& tag : ex->tags) {
          if (std::find(phase->restrictions.begin(), phase->restrictions.end(), tag) !=
              phase->restrictions.end()) {
            return fmt::format("{} (day {}): '{}' has tag '{}' forbidden in phase '{}'",
                               FormatDate(day.date), day.day, ex->id, tag, phase->id);
          }
          for (const auto& r : program.restrictions) {
            if (r.tag == tag && day.day >= r.from_day && day.day < r.until_day) {
              return fmt::format("{} (day {}): '{}' has tag '{}' forbidden on days [{}, {})",
                                 FormatDate(day.date), day.day, ex->id, tag, r.from_day,
                                 r.until_day);
            }
          }
        }
      }
    }
  }
  return "";
}

// Empty when no post-op phase starts before anchor + its start_day.
// `witnessed` counts the post-op phase starts checked.
std::string CheckPhaseMinimumTimes(const Program& program, const Plan& plan,
                                   long* witnessed = nullptr) {
  if (program.anchor != Anchor::kSurgery) return "";
  for (const auto& span : plan.phases) {
    if (witnessed != nullptr) ++*witnessed;
    const Phase* ph = PhaseById(program, span.id);
    if (ph == nullptr) return fmt::format("unknown phase '{}'", span.id);
    if (span.start < plan.anchor + date::days(ph->start_day)) {
      return fmt::format("phase '{}' starts {} (day {}) before its minimum day {}", span.id,
                         FormatDate(span.start), (span.start - plan.anchor).count(), ph->start_day);
    }
  }
  return "";
}

// The swelling of the latest entry in [d - 3, d] that logged one.
std::optional<Swelling> LatestSwelling(const Diary& diary, Date d) {
  std::optional<Swelling> latest;
  for (const auto& e : diary.entries) {
    if (e.date < d - date::days(3) || e.date > d) continue;
    if (e.swelling) latest = e.swelling;
  }
  return latest;
}

// Empty when heat is never scheduled in the acute window or on a swollen day.
// `witnessed` counts the days inside a heat window where heat must be withheld.
std::string CheckHeat(const Program& program, const Plan& plan, const Diary& diary,
                      long* witnessed = nullptr) {
  for (const auto& day : plan.days) {
    if (witnessed != nullptr) {
      for (const auto& mod : program.modalities) {
        if (mod.kind != ModalityKind::kHeat || day.day < mod.from_day || day.day >= mod.to_day) {
          continue;
        }
        auto swelling = LatestSwelling(diary, day.date);
        if (day.day < program.acute_days || (swelling && *swelling != Swelling::kNone)) {
          ++*witnessed;
        }
      }
    }
    for (const auto& m : day.modalities) {
      if (m.kind != ModalityKind::kHeat) continue;
      if (day.day < program.acute_days) {
        return fmt::format("heat '{}' on {} (day {}) inside the acute window of {} days",
                           m.modality_id, FormatDate(day.date), day.day, program.acute_days);
      }
      auto swelling = LatestSwelling(diary, day.date);
      if (swelling && *swelling != Swelling::kNone) {
        return fmt::format("heat '{}' on {} with {} swelling logged in the 3 days before",
                           m.modality_id, FormatDate(day.date), ToString(*swelling));
      }
    }
  }
  return "";
}

// Empty when two plans are the same value, field by field; else the first
// difference found. Cheaper than rendering, so it runs on every case.
std::string PlanDiff(const Plan& a, const Plan& b) {
  if (a.anchor != b.anchor || a.start != b.start || a.end != b.end || a.today != b.today) {
    return "dates";
  }
  if (a.phases.size() != b.phases.size()) return "phase count";
  for (size_t i = 0; i < a.phases.size(); ++i) {
    const auto &x = a.phases[i], &y = b.phases[i];
    if (x.id != y.id || x.title != y.title || x.start != y.start || x.end != y.end ||
        x.extended != y.extended || x.overdue != y.overdue) {
      return "phase " + x.id;
    }
  }
  if (a.alerts.size() != b.alerts.size()) return "alert count";
  for (size_t i = 0; i < a.alerts.size(); ++i) {
    const auto &x = a.alerts[i], &y = b.alerts[i];
    if (x.kind != y.kind || x.id != y.id || x.date != y.date || x.cleared != y.cleared ||
        x.text != y.text || x.action != y.action || x.urgency != y.urgency ||
        x.diary_dates != y.diary_dates || x.active != y.active) {
      return "alert " + x.id;
    }
  }
  if (a.changes.size() != b.changes.size()) return "change count";
  for (size_t i = 0; i < a.changes.size(); ++i) {
    const auto &x = a.changes[i], &y = b.changes[i];
    if (x.date != y.date || x.exercise_id != y.exercise_id || x.from_step != y.from_step ||
        x.to_step != y.to_step || x.change != y.change || !(x.reason == y.reason)) {
      return "change of " + x.exercise_id + " on " + FormatDate(x.date);
    }
  }
  if (a.days.size() != b.days.size()) return "day count";
  for (size_t i = 0; i < a.days.size(); ++i) {
    const auto &x = a.days[i], &y = b.days[i];
    std::string where = FormatDate(x.date);
    if (x.date != y.date || x.day != y.day || x.phase_id != y.phase_id || x.past != y.past ||
        x.stopped != y.stopped || x.sessions.size() != y.sessions.size() ||
        x.modalities.size() != y.modalities.size() || x.milestones.size() != y.milestones.size()) {
      return "day " + where;
    }
    for (size_t s = 0; s < x.sessions.size(); ++s) {
      const auto &p = x.sessions[s], &q = y.sessions[s];
      if (p.slot != q.slot || p.time != q.time || p.duration_minutes != q.duration_minutes ||
          p.exercises.size() != q.exercises.size()) {
        return "session on " + where;
      }
      for (size_t e = 0; e < p.exercises.size(); ++e) {
        const auto &u = p.exercises[e], &v = q.exercises[e];
        if (u.id() != v.id() || u.name() != v.name() || u.kind() != v.kind() || u.step != v.step ||
            u.steps != v.steps || !(*u.dose == *v.dose) || u.side != v.side ||
            u.change != v.change || u.reason != v.reason) {
          return "exercise " + u.id() + " on " + where;
        }
      }
    }
    for (size_t m = 0; m < x.modalities.size(); ++m) {
      const auto &p = x.modalities[m], &q = y.modalities[m];
      if (p.modality_id != q.modality_id || p.kind != q.kind || p.time != q.time ||
          p.minutes != q.minutes || p.when != q.when) {
        return "modality on " + where;
      }
    }
    for (size_t m = 0; m < x.milestones.size(); ++m) {
      const auto &p = x.milestones[m], &q = y.milestones[m];
      if (p.kind != q.kind || p.id != q.id || p.message != q.message) return "milestone on " + where;
    }
  }
  return "";
}

// ---------------------------------------------------------------------------
// The properties.

TEST(SafetyPropertyTest, DoseNeverRisesOnADayAfterARedEntry) {
  ForEachCase(1'000'000, 0.5, [](const Case& c, const Plan& plan, long* witnessed) -> std::string {
    const PainRules& rules = c.program->pain_rules;
    for (const auto& [id, occ] : Occurrences(plan)) {
      for (size_t i = 1; i < occ.size(); ++i) {
        // A red entry the day before, or any since the previous scheduled day.
        Date from = std::min(occ[i - 1].date, occ[i].date - date::days(1));
        for (const auto& e : c.diary.entries) {
          if (e.date < from || e.date >= occ[i].date || !IsRed(e, rules)) continue;
          ++*witnessed;
          if (occ[i].step > occ[i - 1].step) {
            return fmt::format(
                "'{}' rose from step {} ({}) to step {} on {} after a red entry "
                "on {} (during {}, after {}; red from {})",
                id, occ[i - 1].step + 1, FormatDate(occ[i - 1].date), occ[i].step + 1,
                FormatDate(occ[i].date), FormatDate(e.date), e.during.value_or(-1),
                e.after.value_or(-1), rules.red_min);
          }
          break;
        }
      }
    }
    return "";
  });
}

TEST(SafetyPropertyTest, DoseNeverRisesMoreThanOneStepPerProgressionInterval) {
  ForEachCase(2'000'000, 0.5, [](const Case& c, const Plan& plan, long* witnessed) -> std::string {
    for (const auto& [id, occ] : Occurrences(plan)) {
      const Exercise* ex = c.program->FindExercise(id);
      if (ex == nullptr) return "unknown exercise " + id;
      int interval =
          ex->interval_days > 0 ? ex->interval_days : c.program->pain_rules.interval_days;
      std::optional<Date> last_rise;
      for (size_t i = 1; i < occ.size(); ++i) {
        if (occ[i].step <= occ[i - 1].step) continue;
        // A phase's start_step raises a carried-over exercise to the step the
        // program names (through the step-up's pain gate), like a new start.
        if (occ[i].rule == "phase-start-step") {
          last_rise = occ[i].date;
          continue;
        }
        if (occ[i].step - occ[i - 1].step > 1) {
          return fmt::format("'{}' jumped from step {} ({}) to step {} ({})", id,
                             occ[i - 1].step + 1, FormatDate(occ[i - 1].date), occ[i].step + 1,
                             FormatDate(occ[i].date));
        }
        if (last_rise && (occ[i].date - *last_rise).count() < interval) {
          return fmt::format("'{}' rose on {} and again on {}, less than its {}-day interval", id,
                             FormatDate(*last_rise), FormatDate(occ[i].date), interval);
        }
        last_rise = occ[i].date;
        ++*witnessed;
      }
    }
    return "";
  });
}

TEST(SafetyPropertyTest, NoExerciseIsScheduledBetweenAStopRedFlagAndItsClearedEntry) {
  ForEachCase(3'000'000, 1.0, [](const Case& c, const Plan& plan, long* witnessed) -> std::string {
    const auto stop_flags = StopFlags(*c.program);
    const auto& entries = c.diary.entries;
    for (size_t i = 0; i < entries.size(); ++i) {
      std::string raised;
      for (const auto& f : entries[i].flags) {
        if (std::find(stop_flags.begin(), stop_flags.end(), f) != stop_flags.end()) raised = f;
      }
      if (raised.empty()) continue;
      std::optional<Date> cleared;
      for (size_t j = i + 1; j < entries.size() && !cleared; ++j) {
        if (HasFlag(entries[j], "cleared")) cleared = entries[j].date;
      }
      for (const auto& day : plan.days) {
        if (day.date < entries[i].date || (cleared && day.date >= *cleared)) continue;
        ++*witnessed;
        if (!day.sessions.empty()) {
          return fmt::format("{} has {} session(s) though '{}' was flagged on {} and {}",
                             FormatDate(day.date), day.sessions.size(), raised,
                             FormatDate(entries[i].date),
                             cleared ? "cleared on " + FormatDate(*cleared) : "never cleared");
        }
      }
    }
    return "";
  });
}

TEST(SafetyPropertyTest, RestrictionsHoldOnEveryDay) {
  ForEachCase(4'000'000, 10.0, [](const Case& c, const Plan& plan, long* witnessed) -> std::string {
    return CheckRestrictions(*c.program, plan, witnessed);
  });
}

TEST(SafetyPropertyTest, SameInputsGiveByteIdenticalPlans) {
  static const std::vector<Program> reloaded = LoadShippedPrograms();
  ASSERT_EQ(reloaded.size(), ShippedPrograms().size());
  ForEachCase(5'000'000, 0.7, [](const Case& c, const Plan& plan, long* witnessed) -> std::string {
    if (!c.diary.entries.empty()) ++*witnessed;
    // Again from a separately loaded program, and the diary read back from CSV.
    std::string csv = DiaryHeader() + "\n";
    for (const auto& e : c.diary.entries) csv += FormatDiaryRow(e) + "\n";
    Diagnostics diags;
    Diary diary = ParseDiary(csv, "generated.csv", &diags);
    if (diags.HasErrors()) return "generated diary does not parse back: " + diags.ToString();
    Plan again = Generate(reloaded[c.program_index], c.patient, diary,
                          date::year_month_day(c.today), c.options);
    if (std::string diff = PlanDiff(plan, again); !diff.empty()) return "plans differ: " + diff;
    // The JSON rendering costs more than the plan; compare bytes on every 25th case.
    if (c.seed % 25 != 0) return "";
    std::string first = RenderJson(plan);
    if (RenderJson(plan) != first) return "RenderJson differs between two calls on one plan";
    std::string second = RenderJson(again);
    if (second != first) {
      size_t at = static_cast<size_t>(
          std::mismatch(first.begin(), first.end(), second.begin(), second.end()).first -
          first.begin());
      size_t from = at > 60 ? at - 60 : 0;
      return fmt::format("JSON differs at byte {}: ...{}... vs ...{}...", at,
                         first.substr(from, 120), second.substr(from, 120));
    }
    return "";
  });
}

TEST(SafetyPropertyTest, PostOpPhasesNeverStartEarlyAndHeatNeverMeetsAnAcuteOrSwollenKnee) {
  ForEachCase(6'000'000, 1.0, [](const Case& c, const Plan& plan, long* witnessed) -> std::string {
    std::string problem = CheckPhaseMinimumTimes(*c.program, plan, witnessed);
    if (problem.empty()) problem = CheckHeat(*c.program, plan, c.diary, witnessed);
    if (problem.empty()) problem = CheckPhasesContiguous(plan);
    return problem;
  });
}

// Issue 14: the program's prescription wins over the patient's session days:
// an exercise is on another day only when it is prescribed on more days a
// week than the patient has session days.
TEST(SafetyPropertyTest, ExerciseDaysFallOnSessionDaysUnlessThePrescriptionNeedsMore) {
  ForEachCase(7'000'000, 5.0, [](const Case& c, const Plan& plan, long* witnessed) -> std::string {
    if (c.patient.session_days.empty()) return "";
    int session_days = static_cast<int>(c.patient.session_days.size());
    for (const auto& day : plan.days) {
      if (day.sessions.empty()) continue;
      ++*witnessed;
      auto wd = static_cast<Weekday>(date::weekday(day.date).c_encoding());
      if (std::find(c.patient.session_days.begin(), c.patient.session_days.end(), wd) !=
          c.patient.session_days.end()) {
        continue;
      }
      const Phase* phase = PhaseById(*c.program, day.phase_id);
      for (const auto& s : day.sessions) {
        for (const auto& se : s.exercises) {
          int prescribed = 0;
          for (const auto& pe : phase->exercises) {
            if (pe.exercise_id == se.id()) prescribed = pe.days_per_week;
          }
          if (prescribed <= session_days) {
            return fmt::format(
                "{} (weekday {}) is not a session day, yet '{}' ({} days a week, "
                "{} session days) is on it",
                FormatDate(day.date), static_cast<int>(wd), se.id(), prescribed, session_days);
          }
        }
      }
    }
    return "";
  });
}

// Issue 4: every program plans for any start or surgery date in 2020-2035,
// with no diary: nothing throws, restrictions hold, the phases tile the plan,
// post-op phases keep their minimum times and heat stays out of the acute window.
TEST(SafetyPropertyTest, EveryProgramPlansForAnyAnchorDateFrom2020To2035) {
  const auto& programs = ShippedPrograms();
  ASSERT_FALSE(programs.empty());
  Rng rng(8'000'000);
  int per_program = std::max(20, CaseCount() / 50);
  int failures = 0;
  for (const auto& program : programs) {
    for (int i = 0; i < per_program; ++i) {
      // The first dates are the edges of the range and a leap day.
      std::vector<Date> edges = {MakeDate(2020, 1, 1), MakeDate(2020, 2, 29),
                                 MakeDate(2035, 12, 31)};
      Date anchor = i < static_cast<int>(edges.size())
                        ? edges[static_cast<size_t>(i)]
                        : MakeDate(2020, 1, 1) + date::days(rng.Int(0, 5843));
      Patient patient;
      if (program.anchor == Anchor::kSurgery) {
        patient.surgery = anchor;
      } else {
        patient.start = anchor;
      }
      Date today = anchor + date::days(rng.Int(-30, 400));
      Plan plan;
      std::string problem;
      try {
        plan = Generate(program, patient, Diary{}, date::year_month_day(today));
      } catch (const std::exception& e) {
        problem = std::string("threw: ") + e.what();
      }
      if (problem.empty() && plan.days.empty()) problem = "an empty plan";
      if (problem.empty()) problem = CheckRestrictions(program, plan);
      if (problem.empty()) problem = CheckPhasesContiguous(plan);
      if (problem.empty()) problem = CheckPhaseMinimumTimes(program, plan);
      if (problem.empty()) problem = CheckHeat(program, plan, Diary{});
      if (problem.empty() &&
          static_cast<int>(plan.phases.size()) != static_cast<int>(program.phases.size())) {
        problem =
            fmt::format("{} of {} phases laid out", plan.phases.size(), program.phases.size());
      }
      if (problem.empty()) continue;
      if (++failures <= 3) {
        ADD_FAILURE() << program.id << " anchor " << FormatDate(anchor) << " today "
                      << FormatDate(today) << ": " << problem;
      }
    }
  }
  EXPECT_EQ(failures, 0);
}

}  // namespace
}  // namespace rehab
