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

#include "planner/diary.h"
#include "planner/engine.h"
#include "planner/yaml_loader.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------
// Loading the shipped programs.

std::vector<Program> LoadShippedPrograms() {
  std::string dir = rehab::testing::SourcePath("programs");
  Diagnostics diags;
  std::string catalogue_path = dir + "/exercises.yaml";
  auto catalogue = LoadCatalogue(rehab::testing::ReadFile(catalogue_path), catalogue_path, &diags);
  EXPECT_TRUE(catalogue.has_value()) << diags.ToString();
  std::vector<std::string> paths;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml" || entry.path().stem() == "exercises") continue;
    paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<Program> programs;
  for (const auto& path : paths) {
    auto program = LoadProgram(rehab::testing::ReadFile(path), path,
                               catalogue.value_or(std::vector<Exercise>{}), &diags);
    EXPECT_TRUE(program.has_value()) << path << "\n" << diags.ToString();
    if (program) programs.push_back(std::move(*program));
  }
  return programs;
}

const std::vector<Program>& ShippedPrograms() {
  static const std::vector<Program> programs = LoadShippedPrograms();
  return programs;
}

// ---------------------------------------------------------------------------
// How many generated diaries each property runs over. 10,000 by default; a
// sanitizer build (10-20x slower) runs 500, enough to reach every rule's
// situation (each property checks it was witnessed), unless told otherwise.
// REHAB_PROPERTY_SCALE multiplies the count (e.g. 0.1 for a quick run, 3 for
// a long one).

int CaseCount() {
  double scale = 1.0;
#if defined(__SANITIZE_ADDRESS__)
  scale = 0.05;
#endif
  if (const char* env = std::getenv("REHAB_PROPERTY_SCALE"); env != nullptr && *env != '\0') {
    scale = std::atof(env);
  }
  return std::max(1, static_cast<int>(std::lround(10000 * scale)));
}

// ---------------------------------------------------------------------------
// Generating a patient and a diary.

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

Date MakeDate(int y, unsigned m, unsigned d) {
  return date::sys_days(date::year{y} / date::month{m} / date::day{d});
}

int ClampPain(double v) { return std::clamp(static_cast<int>(std::lround(v)), 0, 10); }

bool IsBuiltinMeasure(const std::string& m) {
  return m == "pain" || m == "morning-pain" || m == "swelling";
}

// Every diary flag a generated entry may carry: the known ones and the
// program's red-flag triggers.
std::vector<std::string> FlagPool(const Program& program) {
  std::set<std::string> pool(KnownDiaryFlags().begin(), KnownDiaryFlags().end());
  for (const auto& rf : program.red_flags) {
    if (!rf.flag.empty()) pool.insert(rf.flag);
  }
  pool.erase("cleared");
  return {pool.begin(), pool.end()};
}

std::vector<std::string> StopFlags(const Program& program) {
  std::vector<std::string> flags;
  for (const auto& rf : program.red_flags) {
    if (!rf.flag.empty() && rf.stops != RedFlagStops::kNone) flags.push_back(rf.flag);
  }
  return flags;
}

Patient MakePatient(const Program& program, Date anchor, Rng& rng) {
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
  if (rng.Chance(0.65)) {
    while (p.session_days.empty()) {
      for (int w = 0; w < 7; ++w) {
        if (rng.Chance(0.55)) p.session_days.push_back(static_cast<Weekday>(w));
      }
    }
  }
  std::set<TimeOfDay> times;
  int n = rng.Int(1, 3);
  while (static_cast<int>(times.size()) < n) times.insert(rng.Int(6 * 12, 20 * 12) * 5);
  p.session_times.assign(times.begin(), times.end());
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
Diary MakeDiary(const Program& program, Date anchor, Date first, Date last, Rng& rng) {
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
  // Mostly settling; a fifth of the diaries get worse week on week.
  double drift = rng.Chance(0.2) ? rng.Real(0.02, 0.15) : rng.Real(-0.12, 0.05);
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

Case MakeCase(uint32_t seed) {
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
  // A third of the diaries run past today: rows from a wrong clock or typed
  // dates, which the plan must not use and must report.
  Date last = rng.Chance(0.3) ? c.today + date::days(rng.Int(1, 30)) : c.today;
  c.diary = MakeDiary(*c.program, c.anchor, first, last, rng);
  return c;
}

std::string DescribeCase(const Case& c) {
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

Plan PlanFor(const Case& c) {
  return Generate(*c.program, c.patient, c.diary, date::year_month_day(c.today), c.options);
}

using Check = std::function<std::string(const Case&, const Plan&, long* witnessed)>;

// Runs `check` over CaseCount() generated cases (seeds base, base+1, ...).
// `check` returns an empty string when the case holds, else what went wrong,
// and counts in `witnessed` the situations it actually tested (red entries
// followed by a session, stop intervals, ...), so a generator that never
// produces them fails instead of passing vacuously: at least `min_per_case`
// per case on average. Stops reporting after a few failures so one bug does
// not flood the log.
void ForEachCase(uint32_t base_seed, double min_per_case, const Check& check) {
  ASSERT_FALSE(ShippedPrograms().empty());
  long witnessed = 0;
  int count = CaseCount();
  int failures = 0;
  std::set<std::string> programs_seen;
  for (int i = 0; i < count; ++i) {
    Case c = MakeCase(base_seed + static_cast<uint32_t>(i));
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
    EXPECT_EQ(programs_seen.size(), ShippedPrograms().size());
  }
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
std::map<std::string, std::vector<Occurrence>> Occurrences(const Plan& plan) {
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

// Empty when the phases tile the plan: first at the anchor, each ending where
// the next starts, the last at the plan's end, and every day names its phase.
std::string CheckPhasesContiguous(const Plan& plan) {
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

const Phase* PhaseById(const Program& program, const std::string& id) {
  for (const auto& ph : program.phases) {
    if (ph.id == id) return &ph;
  }
  return nullptr;
}

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

// ---------------------------------------------------------------------------
// The properties.

TEST(SafetyRulesPropertyTest, NoStepUpInAnIntervalWhoseMeanPainRose) {
  ForEachCase(11'000'000, 5.0, [](const Case& c, const Plan& plan, long* witnessed) {
    std::vector<LoggedDay> days = MergedDays(c.diary, c.today);
    std::string problem;
    ForEachScheduledDay(
        *c.program, plan,
        [&](const std::string& id, const std::vector<Occurrence>& occ, size_t i, int interval,
            bool due) {
          Date d = occ[i].date;
          auto recent = MeanDuring(days, d - date::days(interval), d);
          auto older = MeanDuring(days, d - date::days(2 * interval), d - date::days(interval));
          bool rose = recent && older && *recent > *older;
          if (!rose) return true;
          if (due) ++*witnessed;
          if (occ[i].step <= occ[i - 1].step) return true;
          problem = fmt::format(
              "'{}' rose from step {} to step {} on {} ({}) though its mean pain during exercise "
              "rose from {:.2f} to {:.2f} over its {}-day interval",
              id, occ[i - 1].step + 1, occ[i].step + 1, FormatDate(d), occ[i].rule, *older, *recent,
              interval);
          return false;
        });
    return problem;
  });
}

TEST(SafetyRulesPropertyTest, NoStepUpWhileMorningPainIsAboveTheBaseline) {
  ForEachCase(12'000'000, 3.0, [](const Case& c, const Plan& plan, long* witnessed) {
    const PainRules& rules = c.program->pain_rules;
    std::vector<LoggedDay> days = MergedDays(c.diary, c.today);
    std::string problem;
    ForEachScheduledDay(
        *c.program, plan,
        [&](const std::string& id, const std::vector<Occurrence>& occ, size_t i, int interval,
            bool due) {
          Date d = occ[i].date;
          int baseline = Baseline(days, d, rules);
          const LoggedDay* above = nullptr;
          for (const auto& day : days) {
            if (day.date >= d - date::days(interval) && day.date < d && day.morning &&
                *day.morning > baseline) {
              above = &day;
            }
          }
          if (above == nullptr) return true;
          if (due) ++*witnessed;
          if (occ[i].step <= occ[i - 1].step) return true;
          problem = fmt::format(
              "'{}' rose from step {} to step {} on {} ({}) though morning pain was {}/10 on {}, "
              "above the baseline of {}/10",
              id, occ[i - 1].step + 1, occ[i].step + 1, FormatDate(d), occ[i].rule, *above->morning,
              FormatDate(above->date), baseline);
          return false;
        });
    return problem;
  });
}

TEST(SafetyRulesPropertyTest, EveryPhaseLastsAtLeastItsPlannedLengthAndPhasesStayContiguous) {
  ForEachCase(13'000'000, 0.1, [](const Case& c, const Plan& plan, long* witnessed) {
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
        return fmt::format("phase '{}' lasts {} days ({} to {}), less than its planned {}", span.id,
                           length, FormatDate(span.start), FormatDate(span.end - date::days(1)),
                           minimum);
      }
    }
    return std::string();
  });
}

TEST(SafetyRulesPropertyTest, EveryDiaryRowAfterTodayYieldsAWarning) {
  ForEachCase(14'000'000, 1.0, [](const Case& c, const Plan& plan, long* witnessed) {
    // Through the CSV, so the rows have the lines a warning points at.
    std::string csv = DiaryHeader() + "\n";
    for (const auto& e : c.diary.entries) csv += FormatDiaryRow(e) + "\n";
    Diagnostics diags;
    Diary diary = ParseDiary(csv, "generated.csv", &diags);
    if (diags.HasErrors()) return "generated diary does not parse back: " + diags.ToString();
    Plan read = Generate(*c.program, c.patient, diary, date::year_month_day(c.today), c.options);
    size_t future = 0;
    for (const auto& e : diary.entries) {
      if (e.date <= c.today) continue;
      ++future;
      ++*witnessed;
      bool warned = std::any_of(read.ignored.begin(), read.ignored.end(), [&](const auto& w) {
        return w.line == e.line && w.date == e.date && w.column == 1 &&
               w.text.find(FormatDate(e.date)) != std::string::npos;
      });
      if (!warned) {
        return fmt::format("the row on line {} dated {} (after today {}) has no warning", e.line,
                           FormatDate(e.date), FormatDate(c.today));
      }
    }
    if (read.ignored.size() != future || plan.ignored.size() != future) {
      return fmt::format("{} rows after today but {} warnings ({} without lines)", future,
                         read.ignored.size(), plan.ignored.size());
    }
    return std::string();
  });
}

}  // namespace
}  // namespace rehab
