// Tests for planner/engine: phase boundaries, session days and times, ladder
// steps, modality windows, restrictions, red flags and determinism, on a small
// program written here so each expectation can be read off the YAML.
#include "planner/engine/engine.h"

#include <algorithm>
#include <memory>

#include <gtest/gtest.h>

#include "planner/load/yaml_loader.h"
#include "planner/present/render_json.h"

namespace rehab {
namespace {

const char kCatalogue[] = R"(exercises:
  - id: quad-set
    name: Quadriceps set
    kind: strength
    instructions: Tighten the thigh.
    ladder:
      - {sets: 2, reps: 10}
      - {sets: 3, reps: 10}
      - {sets: 3, reps: 15}
  - id: bridge
    name: Bridge
    kind: strength
    side: both
    instructions: Lift the hips.
    ladder:
      - {sets: 2, reps: 8}
      - {sets: 3, reps: 8}
      - {sets: 3, reps: 12}
  - id: jog
    name: Jogging
    kind: cardio
    tags: [impact]
    instructions: Jog.
    ladder:
      - {minutes: 5}
      - {minutes: 10}
)";

const char kProgram[] = R"(id: test
title: Test
version: 1
condition: Testing
anchor: surgery
acute_days: 3
sources:
  - {id: S, citation: Source}
pain_rules:
  interval_days: 7
modalities:
  - {id: ice, name: Ice, kind: ice, minutes: 15, times_per_day: 3, when: after-exercise, from: 0d, until: 1w}
  - {id: heat, name: Heat, kind: heat, minutes: 10, times_per_day: 1, when: before-exercise, from: 3d, until: 3w, skip_when_swollen: true}
restrictions:
  - {tag: impact, until: 4w, reason: No impact before week 4}
phases:
  - id: early
    title: Early
    start: 0d
    end: 2w
    max_end: 3w
    exit_criteria:
      - {measure: flexion, min: 90, text: Bends to 90 degrees}
    exercises:
      - {exercise: quad-set, times_per_day: 2}
  - id: middle
    title: Middle
    start: 2w
    end: 4w
    exit_criteria:
      - {measure: pain, max: 10, text: Any pain}
    exercises:
      - quad-set
      - {exercise: bridge, days_per_week: 3}
  - id: late
    title: Late
    start: 4w
    end: 6w
    exercises:
      - quad-set
      - jog
red_flags:
  - {id: fever, flag: fever, text: Fever over 38 C, action: Call your surgeon today}
outcome_measures:
  - {id: koos, name: KOOS, due: [0d, 6w]}
)";

Program LoadTestProgram() {
  Diagnostics diags;
  auto catalogue = LoadCatalogue(kCatalogue, "exercises.yaml", &diags);
  auto program = LoadProgram(kProgram, "test.yaml", catalogue.value_or(std::vector<Exercise>{}), &diags);
  EXPECT_TRUE(program.has_value()) << diags.ToString();
  return program.value_or(Program{});
}

Date D(const char* text) { return *ParseDate(text); }

Patient SurgeryPatient(const char* surgery) {
  Patient p;
  p.id = "p";
  p.surgery = D(surgery);
  return p;
}

date::year_month_day Ymd(const char* text) { return date::year_month_day(D(text)); }

const ScheduledExercise* Find(const DayPlan& day, const std::string& id, int slot = 0) {
  if (slot >= static_cast<int>(day.sessions.size())) return nullptr;
  for (const auto& e : day.sessions[slot].exercises) {
    if (e.id() == id) return &e;
  }
  return nullptr;
}

DiaryEntry Entry(const char* date, int during, int morning = 1) {
  DiaryEntry e;
  e.date = D(date);
  e.during = during;
  e.after = during;
  e.morning = morning;
  return e;
}

TEST(EngineTest, LaysPhasesFromTheSurgeryDateWithoutADiary) {
  Plan plan = Generate(LoadTestProgram(), SurgeryPatient("2026-12-01"), {}, Ymd("2026-11-25"));
  ASSERT_EQ(plan.phases.size(), 3u);
  EXPECT_EQ(plan.phases[0].start, D("2026-12-01"));
  EXPECT_EQ(plan.phases[1].start, D("2026-12-15"));
  EXPECT_EQ(plan.phases[2].start, D("2026-12-29"));
  // The last phase ends after 6 weeks; KOOS is due on day 42, so the plan runs a 7th week.
  EXPECT_EQ(plan.end, D("2027-01-19"));
  EXPECT_EQ(plan.days.size(), 49u);
  EXPECT_EQ(plan.days[42].milestones.back().id, "koos");
  EXPECT_EQ(plan.days[14].phase_id, "middle");
}

// Every scheduled exercise of `plan` points at an exercise of the plan's
// program, and at the step of that exercise's ladder it is on.
bool PointsIntoItsProgram(const Plan& plan) {
  const auto& exercises = plan.program->exercises;
  for (const auto& day : plan.days) {
    for (const auto& s : day.sessions) {
      for (const auto& e : s.exercises) {
        bool own = std::any_of(exercises.begin(), exercises.end(),
                               [&](const Exercise& x) { return &x == e.exercise; });
        if (!own || e.dose != &e.exercise->ladder[static_cast<size_t>(e.step)]) return false;
      }
    }
  }
  return true;
}

TEST(EngineTest, ScheduledExercisesPointIntoThePlansProgram) {
  Plan plan = Generate(LoadTestProgram(), SurgeryPatient("2026-12-01"), {}, Ymd("2026-11-25"));
  ASSERT_NE(Find(*plan.FindDay(D("2026-12-02")), "quad-set"), nullptr);
  EXPECT_TRUE(PointsIntoItsProgram(plan));
}

TEST(EngineTest, ACopiedPlanSharesItsProgramAndOutlivesTheOriginal) {
  auto original = std::make_unique<Plan>(
      Generate(LoadTestProgram(), SurgeryPatient("2026-12-01"), {}, Ymd("2026-11-25")));
  Plan copy = *original;
  Plan assigned;
  assigned = *original;
  EXPECT_EQ(copy.program, original->program);
  original.reset();
  for (const Plan* p : {&copy, &assigned}) {
    EXPECT_TRUE(PointsIntoItsProgram(*p));
    const ScheduledExercise* e = Find(*p->FindDay(D("2026-12-02")), "quad-set");
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->name(), p->program->FindExercise("quad-set")->name);
  }
}

TEST(EngineTest, PutsSessionsAtThePatientsTimesAndAddsSlotsForTwiceADay) {
  Patient p = SurgeryPatient("2026-12-01");
  p.session_times = {9 * 60};
  Plan plan = Generate(LoadTestProgram(), p, {}, Ymd("2026-11-25"));
  const DayPlan& day = plan.days[0];
  ASSERT_EQ(day.sessions.size(), 2u);  // quad-set twice a day
  EXPECT_EQ(day.sessions[0].time, 9 * 60);
  EXPECT_EQ(day.sessions[1].time, 13 * 60);
}

// Issue 14: the prescription wins over the session days. A daily exercise is
// on every day; a three-days-a-week one stays on the patient's three days.
TEST(EngineTest, KeepsDailyExercisesDailyAndOthersOnThePatientsDays) {
  Patient p = SurgeryPatient("2026-12-01");  // a Tuesday
  p.session_days = {Weekday::kMon, Weekday::kWed, Weekday::kFri};
  Plan plan = Generate(LoadTestProgram(), p, {}, Ymd("2026-11-25"));
  for (int i = 0; i < 4; ++i) EXPECT_NE(Find(plan.days[i], "quad-set"), nullptr) << i;
  std::vector<int> bridge_days;
  for (int i = 14; i < 21; ++i) {
    if (Find(plan.days[i], "bridge")) bridge_days.push_back(i - 14);
  }
  EXPECT_EQ(bridge_days, (std::vector<int>{1, 3, 6}));  // Wed, Fri, Mon
  ASSERT_EQ(plan.notes.size(), 1u);
  EXPECT_EQ(plan.notes[0].id, "extra-days");
}

TEST(EngineTest, SpreadsAThreeDaysAWeekExerciseEvenly) {
  Plan plan = Generate(LoadTestProgram(), SurgeryPatient("2026-12-01"), {}, Ymd("2026-11-25"));
  std::vector<int> bridge_days;
  for (int i = 14; i < 21; ++i) {
    if (Find(plan.days[i], "bridge")) bridge_days.push_back(i - 14);
  }
  EXPECT_EQ(bridge_days, (std::vector<int>{2, 4, 6}));
}

TEST(EngineTest, StepsUpOneLadderStepPerIntervalInTheProjection) {
  Plan plan = Generate(LoadTestProgram(), SurgeryPatient("2026-12-01"), {}, Ymd("2026-11-25"));
  EXPECT_EQ(Find(plan.days[0], "quad-set")->step, 0);
  EXPECT_EQ(Find(plan.days[6], "quad-set")->step, 0);
  EXPECT_EQ(Find(plan.days[7], "quad-set")->step, 1);
  EXPECT_EQ(Find(plan.days[7], "quad-set")->change, StepChange::kUp);
  EXPECT_EQ(Find(plan.days[7], "quad-set")->reason->rule, "scheduled");
  EXPECT_EQ(Find(plan.days[14], "quad-set")->step, 2);
  EXPECT_EQ(Find(plan.days[40], "quad-set")->step, 2);  // the top of the ladder
}

TEST(EngineTest, AnnouncesAChangeOnlyAtTheDaysFirstSession) {
  Plan plan = Generate(LoadTestProgram(), SurgeryPatient("2026-12-01"), {}, Ymd("2026-11-25"));
  EXPECT_EQ(Find(plan.days[7], "quad-set", 0)->change, StepChange::kUp);
  EXPECT_EQ(Find(plan.days[7], "quad-set", 1)->change, StepChange::kSame);
  EXPECT_EQ(Find(plan.days[8], "quad-set", 0)->change, StepChange::kSame);
}

TEST(EngineTest, KeepsIceAndHeatInsideTheirWindowsAndHeatOutOfTheAcuteDays) {
  Plan plan = Generate(LoadTestProgram(), SurgeryPatient("2026-12-01"), {}, Ymd("2026-11-25"));
  auto count = [&](int day, ModalityKind kind) {
    int n = 0;
    for (const auto& m : plan.days[day].modalities) n += m.kind == kind;
    return n;
  };
  EXPECT_EQ(count(0, ModalityKind::kIce), 3);  // after both sessions, one more midday
  EXPECT_EQ(count(6, ModalityKind::kIce), 3);
  EXPECT_EQ(count(7, ModalityKind::kIce), 0);
  EXPECT_EQ(count(2, ModalityKind::kHeat), 0);
  EXPECT_EQ(count(3, ModalityKind::kHeat), 1);
  EXPECT_EQ(count(21, ModalityKind::kHeat), 0);
}

TEST(EngineTest, PlacesHeatBeforeTheSessionAndIceAfterIt) {
  Plan plan = Generate(LoadTestProgram(), SurgeryPatient("2026-12-01"), {}, Ymd("2026-11-25"));
  const DayPlan& day = plan.days[3];
  TimeOfDay session = day.sessions[0].time;
  for (const auto& m : day.modalities) {
    if (m.kind == ModalityKind::kHeat) {
      EXPECT_LE(m.time + m.minutes, session);
    } else {
      EXPECT_GT(m.time, session);
    }
  }
}

TEST(EngineTest, SkipsHeatOnASwollenKnee) {
  Diary diary;
  DiaryEntry e = Entry("2026-12-05", 2);
  e.swelling = Swelling::kModerate;
  diary.entries.push_back(e);
  Plan plan = Generate(LoadTestProgram(), SurgeryPatient("2026-12-01"), diary, Ymd("2026-12-20"));
  for (const auto& m : plan.days[5].modalities) EXPECT_NE(m.kind, ModalityKind::kHeat);
}

TEST(EngineTest, NeverSchedulesAnExerciseInsideARestrictionWindow) {
  // The late phase starts at week 4, exactly when impact is allowed; jog appears then.
  Plan plan = Generate(LoadTestProgram(), SurgeryPatient("2026-12-01"), {}, Ymd("2026-11-25"));
  for (int i = 0; i < 28; ++i) EXPECT_EQ(Find(plan.days[i], "jog"), nullptr) << i;
  EXPECT_NE(Find(plan.days[28], "jog"), nullptr);
}

TEST(EngineTest, MarksPhaseStartsAndOutcomeMeasuresAsMilestones) {
  Plan plan = Generate(LoadTestProgram(), SurgeryPatient("2026-12-01"), {}, Ymd("2026-11-25"));
  ASSERT_EQ(plan.days[0].milestones.size(), 2u);
  EXPECT_EQ(plan.days[0].milestones[0].kind, MilestoneKind::kPhaseStart);
  EXPECT_EQ(plan.days[0].milestones[1].kind, MilestoneKind::kOutcomeMeasure);
  EXPECT_EQ(plan.days[14].milestones[0].id, "middle");
}

TEST(EngineTest, HoldsAPhaseWhoseCriteriaTheDiaryHasNotMet) {
  Diary diary;
  for (const char* d : {"2026-12-10", "2026-12-14", "2026-12-16"}) {
    DiaryEntry e = Entry(d, 2);
    e.measures["flexion"] = 80;
    diary.entries.push_back(e);
  }
  Plan plan = Generate(LoadTestProgram(), SurgeryPatient("2026-12-01"), diary, Ymd("2026-12-17"));
  EXPECT_TRUE(plan.phases[0].extended);
  EXPECT_EQ(plan.phases[1].start, D("2026-12-22"));  // held to its maximum of 3 weeks
}

TEST(EngineTest, MovesOnTheDayAfterTheCriteriaAreLogged) {
  Diary diary;
  DiaryEntry e = Entry("2026-12-17", 2);
  e.measures["flexion"] = 95;
  diary.entries.push_back(e);
  Plan plan = Generate(LoadTestProgram(), SurgeryPatient("2026-12-01"), diary, Ymd("2026-12-20"));
  EXPECT_EQ(plan.phases[1].start, D("2026-12-18"));
  EXPECT_TRUE(plan.phases[0].extended);
  EXPECT_FALSE(plan.phases[0].overdue);
}

TEST(EngineTest, AlertsTheTherapistWhenAPhasePassesItsMaximum) {
  Diary diary;
  diary.entries.push_back(Entry("2026-12-10", 2));
  Plan plan = Generate(LoadTestProgram(), SurgeryPatient("2026-12-01"), diary, Ymd("2026-12-30"));
  EXPECT_TRUE(plan.phases[0].overdue);
  ASSERT_EQ(plan.phases.size(), 1u);  // no silent move to the next phase
  ASSERT_FALSE(plan.alerts.empty());
  EXPECT_EQ(plan.alerts[0].id, "phase-overdue:early");
  EXPECT_EQ(plan.alerts[0].kind, AlertKind::kTherapistReview);
}

TEST(EngineTest, StopsAllExerciseFromARedFlagUntilItIsCleared) {
  Diary diary;
  DiaryEntry fever = Entry("2026-12-06", 2);
  fever.flags = {"fever"};
  DiaryEntry cleared = Entry("2026-12-09", 1);
  cleared.flags = {"cleared"};
  diary.entries = {fever, cleared};
  Plan plan = Generate(LoadTestProgram(), SurgeryPatient("2026-12-01"), diary, Ymd("2026-12-12"));
  EXPECT_FALSE(plan.days[4].stopped);
  for (int i = 5; i < 8; ++i) {
    EXPECT_TRUE(plan.days[i].stopped) << i;
    EXPECT_TRUE(plan.days[i].sessions.empty()) << i;
  }
  EXPECT_FALSE(plan.days[8].stopped);
  ASSERT_NE(Find(plan.days[8], "quad-set"), nullptr);
  EXPECT_EQ(Find(plan.days[8], "quad-set")->reason->rule, "red-flag-cleared");
  ASSERT_EQ(plan.alerts.size(), 1u);
  EXPECT_FALSE(plan.alerts[0].active);
  EXPECT_EQ(plan.alerts[0].cleared, D("2026-12-09"));
}

TEST(EngineTest, KeepsARedFlagActiveThroughTheProjectionUntilCleared) {
  Diary diary;
  DiaryEntry fever = Entry("2026-12-06", 2);
  fever.flags = {"fever"};
  diary.entries = {fever};
  Plan plan = Generate(LoadTestProgram(), SurgeryPatient("2026-12-01"), diary, Ymd("2026-12-08"));
  for (size_t i = 5; i < plan.days.size(); ++i) EXPECT_TRUE(plan.days[i].stopped) << i;
  ASSERT_EQ(plan.ActiveAlerts().size(), 1u);
  EXPECT_EQ(plan.ActiveAlerts()[0]->action, Message::Verbatim("Call your surgeon today"));
}

TEST(EngineTest, MarksDaysBeforeTodayAsPast) {
  Plan plan = Generate(LoadTestProgram(), SurgeryPatient("2026-12-01"), {}, Ymd("2026-12-04"));
  EXPECT_TRUE(plan.days[2].past);
  EXPECT_FALSE(plan.days[3].past);
}

TEST(EngineTest, HonoursTheWeeksOption) {
  PlanOptions options;
  options.weeks = 2;
  Plan plan =
      Generate(LoadTestProgram(), SurgeryPatient("2026-12-01"), {}, Ymd("2026-11-25"), options);
  EXPECT_EQ(plan.days.size(), 14u);
}

TEST(EngineTest, AppliesPatientOverrides) {
  Patient p = SurgeryPatient("2026-12-01");
  ExerciseOverride o;
  o.exercise_id = "quad-set";
  o.start_step = 1;
  p.overrides = {o};
  Plan plan = Generate(LoadTestProgram(), p, {}, Ymd("2026-11-25"));
  EXPECT_EQ(Find(plan.days[0], "quad-set")->step, 1);
}

TEST(EngineTest, ResolvesTheAffectedSideFromThePatient) {
  Patient p = SurgeryPatient("2026-12-01");
  p.side = Side::kLeft;
  Plan plan = Generate(LoadTestProgram(), p, {}, Ymd("2026-11-25"));
  EXPECT_EQ(Find(plan.days[0], "quad-set")->side, Side::kLeft);
  EXPECT_EQ(Find(plan.days[16], "bridge")->side, Side::kBoth);
}

TEST(EngineTest, ALadderStepsOwnSideOverridesTheExercisesSide) {
  Program program = LoadTestProgram();
  Exercise* bridge = nullptr;
  for (auto& e : program.exercises) {
    if (e.id == "bridge") bridge = &e;
  }
  ASSERT_NE(bridge, nullptr);
  ASSERT_EQ(bridge->side, Side::kBoth);
  bridge->ladder[0].side = Side::kAffected;  // both legs, but this step on the sore leg alone
  Patient p = SurgeryPatient("2026-12-01");
  p.side = Side::kLeft;
  Plan plan = Generate(program, p, {}, Ymd("2026-11-25"));
  const ScheduledExercise* e = Find(plan.days[16], "bridge");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->step, 0);
  EXPECT_EQ(e->side, Side::kLeft);
}

TEST(EngineTest, GivesByteIdenticalOutputForTheSameInputs) {
  Diary diary;
  diary.entries = {Entry("2026-12-03", 4), Entry("2026-12-05", 7)};
  Plan a = Generate(LoadTestProgram(), SurgeryPatient("2026-12-01"), diary, Ymd("2026-12-10"));
  Plan b = Generate(LoadTestProgram(), SurgeryPatient("2026-12-01"), diary, Ymd("2026-12-10"));
  EXPECT_EQ(RenderJson(a), RenderJson(b));
}

TEST(EngineTest, ShiftsTheWholePlanWhenTheSurgeryDateMoves) {
  Plan a = Generate(LoadTestProgram(), SurgeryPatient("2026-12-01"), {}, Ymd("2026-11-25"));
  Plan b = Generate(LoadTestProgram(), SurgeryPatient("2026-12-08"), {}, Ymd("2026-11-25"));
  ASSERT_EQ(a.days.size(), b.days.size());
  for (size_t i = 0; i < a.days.size(); ++i) {
    EXPECT_EQ(b.days[i].date - a.days[i].date, date::days(7));
    EXPECT_EQ(a.days[i].phase_id, b.days[i].phase_id);
    EXPECT_EQ(a.days[i].sessions.size(), b.days[i].sessions.size());
  }
}

}  // namespace
}  // namespace rehab
