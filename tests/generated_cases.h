// Generated patients and diaries for the property tests: every shipped
// program, anchors from 2020 to 2035, diaries with the texture of real ones,
// and the runner that checks a property over thousands of them and insists
// that the situation it is about occurred often enough.
#ifndef REHAB_TESTS_GENERATED_CASES_H_
#define REHAB_TESTS_GENERATED_CASES_H_

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
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
#include "tests/support/scenario_support.h"
#include "tests/support/test_util.h"

namespace rehab::testing {

// ---------------------------------------------------------------------------
// Loading the shipped programs.

inline std::vector<Program> LoadShippedPrograms() {
  std::vector<Program> programs;
  for (const auto& id : ShippedProgramIds()) programs.push_back(LoadBuiltin(id));
  return programs;
}

inline const std::vector<Program>& ShippedPrograms() {
  static const std::vector<Program> programs = LoadShippedPrograms();
  return programs;
}

// ---------------------------------------------------------------------------
// How many generated diaries each property runs over. 10,000 by default. A
// sanitizer build (10-20x slower) runs 100: there the tests look for memory
// errors and undefined behaviour over varied plans, and 100 still reach every
// rule's situation (each property checks it was witnessed, and that every
// program was drawn); the statistical sweep is the optimised build's
// (scripts/test runs both). 200 took a minute and a half of scripts/test's
// 20-minute budget.
// REHAB_PROPERTY_SCALE multiplies the count (e.g. 0.1 for a quick run, 3 for
// a long one).

// GCC defines __SANITIZE_ADDRESS__ under -fsanitize=address; clang answers
// __has_feature(address_sanitizer) instead.
#if defined(__SANITIZE_ADDRESS__)
#define REHAB_TESTS_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define REHAB_TESTS_UNDER_ASAN 1
#endif
#endif

inline int CaseCount() {
  double scale = 1.0;
#if defined(REHAB_TESTS_UNDER_ASAN)
  scale = 0.01;
#endif
  if (const char* env = std::getenv("REHAB_PROPERTY_SCALE"); env != nullptr && *env != '\0') {
    scale = std::atof(env);
  }
  return std::max(1, static_cast<int>(std::lround(10000 * scale)));
}

// ---------------------------------------------------------------------------
// Generating a patient and a diary.

// What the generated diaries lean towards, beyond the usual texture; each
// share draws nothing from the generator when it is 0, so a property that
// does not ask keeps its cases.
struct CaseShape {
  double worsening_share = 0;  // diaries whose pain drifts up week on week
  double future_share = 0;     // diaries that run past today (wrong clock, typed dates)
};

struct Case {
  const Program* program = nullptr;
  size_t program_index = 0;
  uint32_t seed = 0;
  Patient patient;
  Diary diary;
  Date anchor;
  Date today;
  PlanOptions options;
};

class Rng {
 public:
  explicit Rng(uint32_t seed) : gen_(seed) {}
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(gen_); }
  double Real(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(gen_); }
  bool Chance(double p) { return Real(0, 1) < p; }
  double Normal(double mean, double sd) { return std::normal_distribution<double>(mean, sd)(gen_); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(Int(0, static_cast<int>(v.size()) - 1))];
  }

 private:
  std::mt19937 gen_;
};

inline Date MakeDate(int y, unsigned m, unsigned d) {
  return date::sys_days(date::year{y} / date::month{m} / date::day{d});
}

inline int ClampPain(double v) { return std::clamp(static_cast<int>(std::lround(v)), 0, 10); }

inline bool IsBuiltinMeasure(const std::string& m) {
  return m == "pain" || m == "morning-pain" || m == "swelling";
}

// Every diary flag a generated entry may carry: the known ones and the
// program's red-flag triggers (`reviewed` is a therapist's entry, generated
// by the tests of tests/safety_stops_property_test.cc).
inline std::vector<std::string> FlagPool(const Program& program) {
  std::set<std::string> pool(KnownDiaryFlags().begin(), KnownDiaryFlags().end());
  for (const auto& rf : program.red_flags) {
    if (!rf.flag.empty()) pool.insert(rf.flag);
  }
  pool.erase("cleared");
  pool.erase("reviewed");
  return {pool.begin(), pool.end()};
}

inline std::vector<std::string> StopFlags(const Program& program) {
  std::vector<std::string> flags;
  for (const auto& rf : program.red_flags) {
    if (!rf.flag.empty() && rf.stops == RedFlagStops::kAll) flags.push_back(rf.flag);
  }
  return flags;
}

// Draws `p`'s sessions: with chance `weekly_share`, session days (each
// weekday with chance `day_share`, at least one; else every day), then one to
// three distinct session times from 06:00 to 20:00 in 5-minute steps.
inline void DrawSessions(Patient* p, Rng& rng, double weekly_share, double day_share) {
  if (rng.Chance(weekly_share)) {
    while (p->session_days.empty()) {
      for (int w = 0; w < 7; ++w) {
        if (rng.Chance(day_share)) p->session_days.push_back(static_cast<Weekday>(w));
      }
    }
  }
  std::set<TimeOfDay> times;
  int n = rng.Int(1, 3);
  while (static_cast<int>(times.size()) < n) times.insert(rng.Int(6 * 12, 20 * 12) * 5);
  p->session_times.assign(times.begin(), times.end());
}

inline Patient MakePatient(const Program& program, Date anchor, Rng& rng) {
  Patient p;
  p.id = "generated";
  const std::vector<Side> sides = {Side::kLeft, Side::kRight, Side::kBoth};
  p.side = rng.Pick(sides);
  if (program.anchor == Anchor::kSurgery) {
    p.surgery = anchor;
    p.procedure = program.id;
    if (rng.Chance(0.2)) p.start = anchor + date::days(rng.Int(-20, 20));
  } else {
    p.start = anchor;
    if (rng.Chance(0.1)) p.surgery = anchor + date::days(rng.Int(-60, 60));
  }
  DrawSessions(&p, rng, 0.65, 0.55);
  if (rng.Chance(0.15) && !program.exercises.empty()) {
    const Exercise& ex = rng.Pick(program.exercises);
    ExerciseOverride o;
    o.exercise_id = ex.id;
    if (rng.Chance(0.3)) {
      o.skip = true;
    } else {
      o.start_step = rng.Int(0, static_cast<int>(ex.ladder.size()) - 1);
    }
    p.overrides.push_back(o);
  }
  return p;
}

// A diary with the texture of real ones: a pain level that drifts (mostly
// down), flares of a few days, stretches without entries, the odd second row
// on the same date, measures creeping towards their targets, and red flags
// that are (usually) cleared a few days later.
inline Diary MakeDiary(const Program& program, Date anchor, Date first, Date last, Rng& rng,
                       double worsening_share = 0) {
  Diary diary;
  if (rng.Chance(0.08) || last < first) return diary;
  const std::vector<std::string> pool = FlagPool(program);
  const std::vector<std::string> stop_flags = StopFlags(program);
  std::set<std::string> extra_measures;
  std::map<std::string, double> thresholds;
  for (const auto& ph : program.phases) {
    for (const auto& c : ph.exit_criteria) {
      if (IsBuiltinMeasure(c.measure)) continue;
      extra_measures.insert(c.measure);
      thresholds[c.measure] = c.value;
    }
  }
  double pain = rng.Real(0, 7);
  double drift = worsening_share > 0 && rng.Chance(worsening_share) ? rng.Real(0.02, 0.15)
                                                                    : rng.Real(-0.12, 0.05);
  double adherence = rng.Real(0.3, 1.0);
  double flag_rate = rng.Chance(0.5) ? rng.Real(0, 0.03) : 0.0;
  double flare_rate = rng.Real(0, 0.06);
  double flexion = rng.Real(30, 100);
  double lag = rng.Real(0, 20);
  double walk = rng.Real(0, 40);
  int flare_days = 0;
  double flare = 0;
  bool flag_open = false;
  int gap = 0;
  std::optional<int> last_morning;
  for (Date d = first; d <= last; d += date::days(1)) {
    pain = std::clamp(pain + drift + rng.Normal(0, 0.5), 0.0, 9.0);
    flexion = std::min(145.0, flexion + rng.Real(-0.5, 3));
    lag = std::max(0.0, lag - rng.Real(-0.3, 1.0));
    walk += rng.Real(0, 10);
    if (flare_days > 0) {
      --flare_days;
      if (flare_days == 0) flare = 0;
    } else if (rng.Chance(flare_rate)) {
      flare_days = rng.Int(1, 6);
      flare = rng.Real(1.5, 6);
    }
    if (gap > 0) {
      --gap;
      continue;
    }
    if (rng.Chance(0.015)) {
      gap = rng.Int(3, 21);
      continue;
    }
    bool red_flag = rng.Chance(flag_rate);
    bool clear = flag_open ? rng.Chance(0.2) : rng.Chance(0.004);
    if (!red_flag && !clear && !rng.Chance(adherence)) continue;

    DiaryEntry e;
    e.date = d;
    double today_pain = pain + flare + rng.Normal(0, 0.7);
    if (rng.Chance(0.92)) e.during = ClampPain(today_pain);
    if (rng.Chance(0.7)) e.after = ClampPain(today_pain + rng.Int(-1, 2));
    if (rng.Chance(0.6)) {
      e.morning = ClampPain(today_pain - rng.Real(0, 3));
      last_morning = e.morning;
    }
    if (rng.Chance(0.5)) {
      int s = std::clamp(static_cast<int>((today_pain - 1) / 2.5 + rng.Normal(0, 0.6)), 0, 3);
      e.swelling = static_cast<Swelling>(s);
    }
    if (rng.Chance(0.4)) e.measures["flexion"] = std::round(flexion);
    if (rng.Chance(0.3)) e.measures["extension-lag"] = std::round(lag);
    if (rng.Chance(0.2)) e.measures["walk-distance"] = std::round(walk);
    for (const auto& m : extra_measures) {
      if (m == "flexion" || m == "extension-lag" || m == "walk-distance") continue;
      if (!rng.Chance(0.25)) continue;
      double t = thresholds[m];
      double spread = std::max(1.0, std::abs(t) * 0.3);
      e.measures[m] = std::round(t + rng.Real(-spread, spread));
    }
    if (clear) e.flags.push_back("cleared");
    if (red_flag) {
      bool stopping = !stop_flags.empty() && rng.Chance(0.8);
      e.flags.push_back(stopping ? rng.Pick(stop_flags) : rng.Pick(pool));
      if (rng.Chance(0.2)) e.flags.push_back(rng.Pick(pool));
      flag_open = true;
    } else if (clear) {
      flag_open = false;
    }
    if (rng.Chance(0.03)) e.flags.push_back(rng.Pick(pool));  // a stray (often harmless) flag
    std::sort(e.flags.begin(), e.flags.end());
    e.flags.erase(std::unique(e.flags.begin(), e.flags.end()), e.flags.end());
    if (rng.Chance(0.1)) e.note = "generated";
    diary.entries.push_back(e);
    if (rng.Chance(0.05)) {  // next-morning pain added as a second row for the date
      DiaryEntry second;
      second.date = d;
      second.morning = ClampPain(today_pain + rng.Real(-2, 2));
      diary.entries.push_back(second);
    }
  }
  (void)anchor;
  (void)last_morning;
  return diary;
}

inline Case MakeCase(uint32_t seed, const CaseShape& shape = {}) {
  const auto& programs = ShippedPrograms();
  Rng rng(seed);
  Case c;
  c.seed = seed;
  c.program_index = static_cast<size_t>(rng.Int(0, static_cast<int>(programs.size()) - 1));
  c.program = &programs[c.program_index];
  c.anchor = MakeDate(2020, 1, 1) +
             date::days(rng.Int(0, (MakeDate(2035, 12, 31) - MakeDate(2020, 1, 1)).count()));
  c.patient = MakePatient(*c.program, c.anchor, rng);
  // Mostly short plans (the early, acute weeks are where safety rules bite and
  // ten thousand of them run in seconds), a quarter up to 30 weeks to reach
  // the late phases.
  c.options.weeks = rng.Chance(0.75) ? rng.Int(2, 8) : rng.Int(9, 30);
  int plan_days = c.options.weeks * 7;
  c.today = c.anchor + date::days(rng.Int(-10, plan_days + 10));
  Date first = c.anchor - date::days(rng.Int(0, 7));
  Date last = c.today;
  if (shape.future_share > 0 && rng.Chance(shape.future_share)) {
    last = c.today + date::days(rng.Int(1, 30));
  }
  c.diary = MakeDiary(*c.program, c.anchor, first, last, rng, shape.worsening_share);
  return c;
}

inline std::string DescribeCase(const Case& c) {
  std::string out =
      fmt::format("seed {} program {} anchor {} today {} weeks {}", c.seed, c.program->id,
                  FormatDate(c.anchor), FormatDate(c.today), c.options.weeks);
  out += "\nsession days:";
  for (Weekday w : c.patient.session_days) out += fmt::format(" {}", static_cast<int>(w));
  if (c.patient.session_days.empty()) out += " every day";
  for (const auto& o : c.patient.overrides) {
    out += fmt::format("\noverride {} skip={} start_step={}", o.exercise_id, o.skip,
                       o.start_step.value_or(-1));
  }
  out += "\n" + DiaryHeader() + "\n";
  for (const auto& e : c.diary.entries) out += FormatDiaryRow(e) + "\n";
  return out;
}

inline Plan PlanFor(const Case& c) {
  return Generate(*c.program, c.patient, c.diary, date::year_month_day(c.today), c.options);
}

using Check = std::function<std::string(const Case&, const Plan&, long* witnessed)>;

// Runs `check` over CaseCount() cases, `make(seed)` for the seeds base,
// base+1, ... `check` returns an empty string when the case holds, else what
// went wrong, and counts in `witnessed` the situations it actually tested
// (red entries followed by a session, stop intervals, ...), so a generator
// that never produces them fails instead of passing vacuously: at least
// `min_per_case` per case on average. Stops reporting after a few failures
// so one bug does not flood the log. From 100 cases on, every one of the
// `program_count` programs must have been drawn. A property whose check plans
// again several times runs `share` of CaseCount().
inline void ForEachCaseOf(const std::function<Case(uint32_t)>& make, size_t program_count,
                          uint32_t base_seed, double min_per_case, const Check& check,
                          double share = 1.0) {
  ASSERT_GT(program_count, 0u);
  long witnessed = 0;
  int count = std::max(1, static_cast<int>(std::lround(CaseCount() * share)));
  int failures = 0;
  std::set<std::string> programs_seen;
  for (int i = 0; i < count; ++i) {
    Case c = make(base_seed + static_cast<uint32_t>(i));
    programs_seen.insert(c.program->id);
    Plan plan = PlanFor(c);
    std::string problem = check(c, plan, &witnessed);
    if (problem.empty()) continue;
    ++failures;
    if (failures <= 3) ADD_FAILURE() << problem << "\n" << DescribeCase(c);
  }
  EXPECT_EQ(failures, 0) << "cases failing out of " << count;
  std::cout << "  " << count << " generated cases, " << witnessed
            << " situations the property is about\n";
  EXPECT_GE(static_cast<double>(witnessed), min_per_case * count)
      << "the generated cases rarely reach the situation this property is about";
  if (count >= 100) {
    EXPECT_EQ(programs_seen.size(), program_count);
  }
}

// ForEachCaseOf the cases MakeCase(seed, shape) gives, over the shipped programs.
inline void ForEachCase(uint32_t base_seed, double min_per_case, const Check& check,
                        const CaseShape& shape = {}) {
  ForEachCaseOf([&](uint32_t seed) { return MakeCase(seed, shape); }, ShippedPrograms().size(),
                base_seed, min_per_case, check);
}

// ---------------------------------------------------------------------------
// Reading plans.

struct Occurrence {
  Date date;
  int step = 0;
  StepChange change = StepChange::kSame;
  std::string rule;  // of the change announced that day, "" when none
};

// Each exercise's scheduled days in order, with its step (first session of the day).
inline std::map<std::string, std::vector<Occurrence>> Occurrences(const Plan& plan) {
  std::map<std::string, std::vector<Occurrence>> out;
  for (const auto& day : plan.days) {
    std::set<std::string> seen;
    for (const auto& s : day.sessions) {
      for (const auto& se : s.exercises) {
        if (!seen.insert(se.id()).second) continue;
        out[se.id()].push_back({day.date, se.step, se.change, se.reason ? se.reason->rule : ""});
      }
    }
  }
  return out;
}

inline const Phase* PhaseById(const Program& program, const std::string& id) {
  for (const auto& ph : program.phases) {
    if (ph.id == id) return &ph;
  }
  return nullptr;
}

// Empty when the phases tile the plan: first at the anchor, each ending where
// the next starts, the last at the plan's end, and every day names its phase.
inline std::string CheckPhasesContiguous(const Plan& plan) {
  if (plan.phases.empty()) return "no phases";
  if (plan.phases.front().start != plan.start) {
    return fmt::format("first phase starts {} but the plan starts {}",
                       FormatDate(plan.phases.front().start), FormatDate(plan.start));
  }
  for (size_t i = 0; i + 1 < plan.phases.size(); ++i) {
    if (plan.phases[i].end != plan.phases[i + 1].start) {
      return fmt::format("phase '{}' ends {} but '{}' starts {}", plan.phases[i].id,
                         FormatDate(plan.phases[i].end), plan.phases[i + 1].id,
                         FormatDate(plan.phases[i + 1].start));
    }
    if (plan.phases[i].end <= plan.phases[i].start) {
      return fmt::format("phase '{}' is empty", plan.phases[i].id);
    }
  }
  if (plan.phases.back().end != plan.end) {
    return fmt::format("last phase '{}' ends {} but the plan ends {}", plan.phases.back().id,
                       FormatDate(plan.phases.back().end), FormatDate(plan.end));
  }
  for (const auto& day : plan.days) {
    const PhaseSpan* span = nullptr;
    for (const auto& s : plan.phases) {
      if (day.date >= s.start && day.date < s.end) span = &s;
    }
    if (span == nullptr || span->id != day.phase_id) {
      return fmt::format("{} names phase '{}' but falls in '{}'", FormatDate(day.date),
                         day.phase_id, span ? span->id : "none");
    }
  }
  return "";
}

}  // namespace rehab::testing

#endif  // REHAB_TESTS_GENERATED_CASES_H_
