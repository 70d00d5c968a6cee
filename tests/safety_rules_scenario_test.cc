// Scenario tests for the safety rules of issue 14 (defects 2, 3, 5, 7, 8, 9):
// hand-written diaries for the stories where the plan used to do the unsafe
// thing silently. Each test failed on the code before the fix.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "planner/engine/engine.h"
#include "planner/load/diary.h"
#include "planner/load/yaml_loader.h"
#include "planner/present/messages.h"
#include "planner/present/render_html.h"
#include "planner/present/render_json.h"
#include "planner/present/render_text.h"
#include "tests/support/scenario_support.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

using rehab::testing::ChangeOn;
using rehab::testing::Contains;
using rehab::testing::D;
using rehab::testing::DiaryFromCsv;
using rehab::testing::FindAlert;
using rehab::testing::FindSpan;
using rehab::testing::RunBinary;
using rehab::testing::ScenarioPlan;
using rehab::testing::ScopedTempDir;
using rehab::testing::ShippedCatalogue;
using rehab::testing::StepOn;
using rehab::testing::WriteFile;

// A diary with one row a day from `first` for `days` days; `row(i)` gives
// day i's fields after the date ("during,after,morning,swelling,measures,flags,note").
std::string DailyCsv(const char* first, int days, const std::function<std::string(int)>& row) {
  std::string csv = DiaryHeader() + "\n";
  for (int i = 0; i < days; ++i) csv += FormatDate(D(first) + date::days(i)) + "," + row(i) + "\n";
  return csv;
}

// medial-knee-pain for the runner of runner.yaml (starts Monday 2026-03-02, daily).
Plan RunnerPlan(const std::string& csv, const char* today) {
  return ScenarioPlan("medial-knee-pain", "runner.yaml", DiaryFromCsv(csv), today);
}

// total-knee-replacement for the patient of tkr.yaml (surgery 2026-03-02, daily).
Plan TkrPlan(const std::string& csv, const char* today) {
  return ScenarioPlan("total-knee-replacement", "tkr.yaml", DiaryFromCsv(csv), today);
}

// ---------------------------------------------------------------------------
// Defect 2: rising pain is checked on step-up days.

TEST(SafetyRulesScenarioTest, WeeklyMeanPainRisingOneThreeFiveNeverStepsUpAfterTheFirstWeek) {
  // Pain during 1 in the first week, 3 in the second, 5 in the third (5 is
  // still "acceptable"), mornings settled at 1.
  std::string csv = DailyCsv("2026-03-02", 21, [](int i) {
    int pain = 1 + 2 * (i / 7);
    return fmt::format("{},{},1,none,,,", pain, pain);
  });
  Plan plan = RunnerPlan(csv, "2026-03-23");
  int first_week = StepOn(plan, "quad-set", D("2026-03-09")).value_or(-1);
  EXPECT_EQ(first_week, 1);  // week one went well: up once
  // Week two's mean rose from 1 to 3, week three's from 3 to 5: never up again.
  for (const char* day : {"2026-03-16", "2026-03-22", "2026-03-23"}) {
    EXPECT_LE(StepOn(plan, "quad-set", D(day)).value_or(99), first_week) << day;
  }
  for (const auto& c : plan.changes) {
    if (c.date > D("2026-03-09") && c.date <= D("2026-03-23")) {
      EXPECT_NE(c.change, StepChange::kUp)
          << FormatDate(c.date) << " " << c.exercise_id << " " << c.reason.rule;
    }
  }
}

TEST(SafetyRulesScenarioTest, AMeanRiseOfLessThanAPointHoldsTheStepUp) {
  // Week one pain 1 every day; week two alternates 1 and 2 (mean 1.4): not
  // the point that steps back, but a rise, so no step-up on 2026-03-16.
  std::string csv = DailyCsv("2026-03-02", 14, [](int i) {
    int pain = i >= 7 && i % 2 == 0 ? 2 : 1;
    return fmt::format("{},{},1,none,,,", pain, pain);
  });
  Plan plan = RunnerPlan(csv, "2026-03-16");
  const DoseChange* c = ChangeOn(plan, "quad-set", D("2026-03-16"));
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->change, StepChange::kHold);
  EXPECT_EQ(c->reason.rule, "rising-interval");
  EXPECT_TRUE(Contains(MessageText(c->reason.message, "en"), "rose from 1.0 to 1.4"))
      << MessageText(c->reason.message, "en");
  EXPECT_EQ(StepOn(plan, "quad-set", D("2026-03-16")), StepOn(plan, "quad-set", D("2026-03-15")));
}

// ---------------------------------------------------------------------------
// Defect 3: morning pain is compared with the baseline.

TEST(SafetyRulesScenarioTest, MorningPainAboveTheBaselineHoldsEveryWeekItLasts) {
  // Mornings 1 in the first week (the baseline), then 3 every morning.
  std::string csv = DailyCsv("2026-03-02", 28,
                             [](int i) { return fmt::format("2,2,{},none,,,", i < 7 ? 1 : 3); });
  Plan plan = RunnerPlan(csv, "2026-03-30");
  int step = StepOn(plan, "quad-set", D("2026-03-09")).value_or(-1);
  for (const char* day : {"2026-03-16", "2026-03-23", "2026-03-29"}) {
    EXPECT_EQ(StepOn(plan, "quad-set", D(day)), step) << day;
  }
  const DoseChange* hold = ChangeOn(plan, "quad-set", D("2026-03-16"));
  ASSERT_NE(hold, nullptr);
  EXPECT_EQ(hold->reason.rule, "amber-pain");
  EXPECT_TRUE(Contains(MessageText(hold->reason.message, "en"), "above your baseline of 2/10"))
      << MessageText(hold->reason.message, "en");
  for (const auto& c : plan.changes) {
    if (c.exercise_id == "quad-set" && c.date > D("2026-03-09")) {
      EXPECT_FALSE(Contains(MessageText(c.reason.message, "en"), "settled"))
          << MessageText(c.reason.message, "en");
    }
  }
}

TEST(SafetyRulesScenarioTest, MorningPainBackAtTheBaselineStepsUpAgain) {
  // The same, but the mornings come back to 1 from 2026-03-16.
  std::string csv = DailyCsv("2026-03-02", 28, [](int i) {
    return fmt::format("2,2,{},none,,,", i >= 7 && i < 14 ? 3 : 1);
  });
  Plan plan = RunnerPlan(csv, "2026-03-30");
  int step = StepOn(plan, "quad-set", D("2026-03-09")).value_or(-1);
  // Held while a morning above the baseline is in the last seven days...
  EXPECT_EQ(StepOn(plan, "quad-set", D("2026-03-16")), step);
  EXPECT_EQ(StepOn(plan, "quad-set", D("2026-03-22")), step);
  // ...and up once a whole week is back at it.
  EXPECT_EQ(StepOn(plan, "quad-set", D("2026-03-23")), step + 1);
}

// ---------------------------------------------------------------------------
// Defect 5: a phase held up by the one before keeps its length.

TEST(SafetyRulesScenarioTest, APhaseAfterAnExtendedOneKeepsItsPlannedLength) {
  // The strengthening phase (planned days 7-28) waits for pain 2 or less and
  // no swelling, first logged on 2026-04-11 (day 40): it ends on day 41. The
  // loading phase (planned days 28-42, two weeks) must still last two weeks.
  std::string csv = DailyCsv("2026-03-02", 60, [](int i) {
    return i < 40 ? std::string("3,3,1,mild,,,") : std::string("1,1,0,none,,,");
  });
  Plan plan = RunnerPlan(csv, "2026-05-01");
  const PhaseSpan* strengthen = FindSpan(plan, "strengthen");
  const PhaseSpan* load = FindSpan(plan, "load");
  ASSERT_NE(strengthen, nullptr);
  ASSERT_NE(load, nullptr);
  EXPECT_EQ(strengthen->end, D("2026-04-12"));
  EXPECT_EQ(load->start, strengthen->end);
  EXPECT_GE((load->end - load->start).count(), 14)
      << FormatDate(load->start) << " to " << FormatDate(load->end);
  EXPECT_EQ(plan.FindDay(D("2026-04-20"))->phase_id, "load");
}

// ---------------------------------------------------------------------------
// Defect 7: diary rows after today are reported, never dropped silently.

std::string FutureCsv() {
  return DiaryHeader() + "\n" +
         "2026-03-02,2,2,1,none,,,\n"
         "2026-03-03,2,2,1,none,,,\n"
         "2026-03-20,8,8,6,severe,,fever,typed the wrong month?\n";
}

TEST(SafetyRulesScenarioTest, AFutureRowIsListedInThePlanWithItsLine) {
  Plan plan = RunnerPlan(FutureCsv(), "2026-03-05");
  ASSERT_EQ(plan.ignored.size(), 1u);
  EXPECT_EQ(plan.ignored[0].date, D("2026-03-20"));
  EXPECT_EQ(plan.ignored[0].line, 4);
  EXPECT_EQ(plan.ignored[0].column, 1);
  EXPECT_TRUE(Contains(MessageText(plan.ignored[0].message, "en"), "fever"))
      << MessageText(plan.ignored[0].message, "en");
  EXPECT_TRUE(Contains(MessageText(plan.ignored[0].message, "en"), "8/10"))
      << MessageText(plan.ignored[0].message, "en");
  auto json = nlohmann::json::parse(RenderJson(plan));
  ASSERT_EQ(json["warnings"].size(), 1u);
  EXPECT_EQ(json["warnings"][0]["kind"], "future-entry");
  EXPECT_EQ(json["warnings"][0]["date"], "2026-03-20");
  EXPECT_EQ(json["warnings"][0]["line"], 4);
}

TEST(SafetyRulesScenarioTest, PlanWarnsOnStderrAboutAFutureRowWithFeverAndPainEight) {
  ScopedTempDir dir;
  WriteFile(dir.File("diary.csv"), FutureCsv());
  auto r = RunBinary({"plan", "medial-knee-pain", "--start", "2026-03-02", "--today", "2026-03-05",
                      "--diary", dir.File("diary.csv"), "--weeks", "2"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.err, dir.File("diary.csv") + ":4:1: warning: diary entry dated "
                                                      "2026-03-20 is after today (2026-03-05)"))
      << r.err;
  EXPECT_TRUE(Contains(r.err, "fever")) << r.err;
  auto json =
      RunBinary({"plan", "medial-knee-pain", "--start", "2026-03-02", "--today", "2026-03-05",
                 "--diary", dir.File("diary.csv"), "--weeks", "2", "--format", "json"});
  EXPECT_EQ(nlohmann::json::parse(json.out)["warnings"].size(), 1u);
}

TEST(SafetyRulesScenarioTest, ValidateWithTodayWarnsAtEachFutureRowAndStillPasses) {
  ScopedTempDir dir;
  WriteFile(dir.File("diary.csv"), FutureCsv() + "2026-04-01,,,,,,cleared,\n");
  auto r = RunBinary({"validate", dir.File("diary.csv"), "--today", "2026-03-05"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.err, dir.File("diary.csv") + ":4:1: warning:")) << r.err;
  EXPECT_TRUE(Contains(r.err, dir.File("diary.csv") + ":5:1: warning:")) << r.err;
  EXPECT_TRUE(Contains(r.err, "2026-03-20,8,8,6,severe,,fever,typed the wrong month?\n^")) << r.err;
  EXPECT_TRUE(Contains(r.out, "ok (diary)")) << r.out;
  // Without --today, validate has no date to compare with.
  auto plain = RunBinary({"validate", dir.File("diary.csv")});
  EXPECT_EQ(plain.exit_code, 0);
  EXPECT_FALSE(Contains(plain.err, "warning")) << plain.err;
}

// ---------------------------------------------------------------------------
// Defect 8: the measures a phase needs are named, and "not measured" is told
// apart from "not met".

// Pain, swelling and flexion every day after the TKR, walking never logged;
// flexion creeps to 80 degrees.
std::string NoWalkingCsv() {
  return DailyCsv("2026-03-02", 24,
                  [](int i) { return fmt::format("3,3,2,mild,flexion={},,", 57 + i); });
}

TEST(SafetyRulesScenarioTest, OverdueAlertTellsThePatientPlainWordsAndTheTherapistTheValues) {
  Plan plan = TkrPlan(NoWalkingCsv(), "2026-03-26");
  const Alert* alert = FindAlert(plan, "phase-overdue:early-recovery");
  ASSERT_NE(alert, nullptr);
  std::string text = MessageText(alert->text, "en");
  std::string action = MessageText(alert->action, "en");
  std::string detail = MessageText(alert->detail, "en");
  EXPECT_EQ(text, "Your therapist will check your progress before the next stage.");
  EXPECT_FALSE(Contains(text, "maximum")) << text;
  EXPECT_TRUE(Contains(action, "walk-distance")) << action;
  EXPECT_TRUE(Contains(detail, "flexion 80° on 2026-03-25 — target at least 90°")) << detail;
  EXPECT_TRUE(Contains(detail, "walk-distance not measured — target at least 30 m")) << detail;
  EXPECT_TRUE(Contains(detail, "swelling mild on 2026-03-25 — target at most mild (met)"))
      << detail;
}

TEST(SafetyRulesScenarioTest, TextPlanSaysWhichMeasuresToLogAndWhen) {
  std::string text = RenderText(TkrPlan(NoWalkingCsv(), "2026-03-10"));
  EXPECT_TRUE(Contains(text, "What to log in your diary")) << text;
  EXPECT_TRUE(Contains(
      text,
      "To move on from 'First two weeks - move, straighten, walk' (checked from Mon 2026-03-16)"))
      << text.substr(0, 3000);
  EXPECT_TRUE(Contains(text,
                       "walk-distance (--measure walk-distance=VALUE): You walk at least "
                       "30 metres"))
      << text.substr(0, 3000);
  EXPECT_TRUE(Contains(text, "not measured yet")) << text.substr(0, 3000);
  EXPECT_TRUE(Contains(text, "latest 65° on 2026-03-10, not met yet")) << text.substr(0, 3000);
}

TEST(SafetyRulesScenarioTest, ExplainListsTheCriteriaOfTheDaysPhaseWithTheirStatus) {
  std::string text = RenderExplain(TkrPlan(NoWalkingCsv(), "2026-03-10"), D("2026-03-08"));
  EXPECT_TRUE(Contains(text, "To move on from this phase (checked from 2026-03-16), log:")) << text;
  EXPECT_TRUE(Contains(text, "walk-distance (--measure walk-distance=VALUE)")) << text;
  EXPECT_TRUE(Contains(text, "latest 62° on 2026-03-07, not met yet")) << text;
}

TEST(SafetyRulesScenarioTest, HandoutSaysWhatToWriteDownAndNeverShowsThePatientTheRule) {
  std::string html = RenderHtml(TkrPlan(NoWalkingCsv(), "2026-03-26"), {});
  EXPECT_FALSE(Contains(html, "has passed its maximum")) << "the rule reached the patient";
  EXPECT_FALSE(Contains(html, "target at least")) << "the therapist's detail reached the patient";
  EXPECT_TRUE(Contains(html, "Your therapist will check your progress before the next stage."));
  EXPECT_TRUE(Contains(html, "id=\"what-to-log\""));
  EXPECT_TRUE(Contains(html,
                       "Write it as \u201cwalk-distance=\u201d and the number. Not in your "
                       "diary yet."));
  EXPECT_TRUE(Contains(html, "Last written: 80°"));
}

TEST(SafetyRulesScenarioTest, ShowNamesTheMeasureBesideEachExitCriterion) {
  auto r = RunBinary({"show", "total-knee-replacement"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "(log: walk-distance (--measure walk-distance=VALUE))")) << r.out;
}

// ---------------------------------------------------------------------------
// Defect 9: a phase's start_step applies to an exercise carried over from an
// earlier phase, unless the pain rules hold it down.

// A program of two phases: quad sets (four steps) from day 0, and the second
// phase, from day 3, starts them at step 3.
Program CarriedOverProgram() {
  std::string yaml = R"(id: carried-over
title: Carried over
version: 1
condition: test
anchor: start
sources:
  - {id: "1", citation: one}
  - {id: "2", citation: two}
phases:
  - id: first
    title: First
    start: 0d
    end: 3d
    exit_criteria:
      - {measure: pain, max: 10, text: Any pain logged}
    exercises: [quad-set]
  - id: second
    title: Second
    start: 3d
    end: 4w
    exercises:
      - {exercise: quad-set, start_step: 3}
)";
  Diagnostics diags;
  auto program = LoadProgramFromCatalogue(yaml, "carried-over.yaml", ShippedCatalogue(), &diags);
  EXPECT_TRUE(program.has_value()) << diags.ToString();
  return program.value_or(Program{});
}

Plan CarriedOverPlan(const std::string& csv, const char* today) {
  Patient patient;
  patient.start = D("2026-03-02");
  return Generate(CarriedOverProgram(), patient, DiaryFromCsv(csv), date::year_month_day(D(today)));
}

TEST(SafetyRulesScenarioTest, PhaseStartStepRaisesACarriedOverExercise) {
  Plan plan =
      CarriedOverPlan(DailyCsv("2026-03-02", 3, [](int) { return "2,2,1,none,,,"; }), "2026-03-06");
  EXPECT_EQ(StepOn(plan, "quad-set", D("2026-03-04")), 0);
  EXPECT_EQ(StepOn(plan, "quad-set", D("2026-03-05")), 2);
  const DoseChange* c = ChangeOn(plan, "quad-set", D("2026-03-05"));
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->reason.rule, "phase-start-step");
  EXPECT_EQ(c->change, StepChange::kUp);
}

TEST(SafetyRulesScenarioTest, PhaseStartStepNeverRaisesADoseThePainRulesHoldDown) {
  // Pain 6 during (above the acceptable 5) on the second day: the phase's
  // start_step waits; the exercise stays where the pain rules keep it.
  Plan plan = CarriedOverPlan(
      DailyCsv("2026-03-02", 3, [](int i) { return i == 1 ? "6,5,1,none,,," : "2,2,1,none,,,"; }),
      "2026-03-06");
  EXPECT_EQ(StepOn(plan, "quad-set", D("2026-03-05")), 0);
  const DoseChange* c = ChangeOn(plan, "quad-set", D("2026-03-05"));
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->change, StepChange::kHold);
  EXPECT_EQ(c->reason.rule, "amber-pain");
}

TEST(SafetyRulesScenarioTest, PhaseStartStepWaitsAfterARestartForAClearedRedFlag) {
  // The carried-over program with a fever red flag: a fever on day 1,
  // cleared on day 2. The quad sets restart one step lower on day 2 (already
  // the first step), and the phase starting on day 3 must not jump them to
  // step 3 the next day: they climb back by the usual step-ups.
  Program program = CarriedOverProgram();
  bool has_fever = std::any_of(program.red_flags.begin(), program.red_flags.end(),
                               [](const RedFlag& r) { return r.flag == "fever"; });
  if (!has_fever) {
    RedFlag fever;
    fever.id = "fever";
    fever.flag = "fever";
    fever.text = "Fever";
    fever.action = "Call your doctor today";
    program.red_flags.push_back(fever);
  }
  Patient patient;
  patient.start = D("2026-03-02");
  std::string csv = DiaryHeader() + "\n" +
                    "2026-03-02,2,2,1,none,,,\n"
                    "2026-03-03,,,,,,fever,\n"
                    "2026-03-04,2,2,1,none,,cleared,\n";
  Plan plan = Generate(program, patient, DiaryFromCsv(csv), date::year_month_day(D("2026-03-06")));
  EXPECT_EQ(StepOn(plan, "quad-set", D("2026-03-04")), 0);
  EXPECT_EQ(StepOn(plan, "quad-set", D("2026-03-05")), 0);
  const DoseChange* c = ChangeOn(plan, "quad-set", D("2026-03-04"));
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->reason.rule, "red-flag-cleared");
}

}  // namespace
}  // namespace rehab
