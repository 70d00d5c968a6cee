// Scenario tests of issue 14: what stops, what keeps going, and what the
// patient is told first. Each builds the story a careful therapist would try
// with a shipped program, through the real loader (with the catalogue's
// default red flags) and engine, and failed on the code before the fix.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "planner/engine/engine.h"
#include "planner/load/diary.h"
#include "planner/load/yaml_loader.h"
#include "planner/present/messages.h"
#include "planner/present/render_html.h"
#include "planner/present/render_ics.h"
#include "planner/present/render_json.h"
#include "planner/present/render_text.h"
#include "tests/support/scenario_support.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

using rehab::testing::D;
using rehab::testing::DiaryFromCsv;
using rehab::testing::FindAlert;
using rehab::testing::LoadBuiltin;
using rehab::testing::RunBinary;
using rehab::testing::ScheduledOn;
using rehab::testing::ScopedTempDir;
using rehab::testing::ShippedCatalogue;
using rehab::testing::ShippedProgramIds;
using rehab::testing::StepOn;
using rehab::testing::WriteFile;

Diary DiaryOf(const std::string& rows) {
  return DiaryFromCsv("date,during,after,morning,flags,note\n" + rows);
}

// A TKR patient operated on Monday 2 November 2026, every day at 09:00.
Patient TkrPatient() {
  Patient p;
  p.id = "tkr";
  p.side = Side::kRight;
  p.timezone = "America/New_York";
  p.surgery = D("2026-11-02");
  p.procedure = "total-knee-replacement";
  p.session_times = {9 * 60};
  return p;
}

Plan TkrPlan(const Program& program, const Patient& patient, const Diary& diary, const char* today,
             int weeks = 4) {
  PlanOptions options;
  options.weeks = weeks;
  return Generate(program, patient, diary, date::year_month_day(D(today)), options);
}

const char* kRedDays =
    "2026-11-03,9,9,,,\n"
    "2026-11-04,8,8,,,\n"
    "2026-11-05,7,7,,,\n";

// Defect 1 -------------------------------------------------------------------

TEST(SafetyStopsScenarioTest, RepeatedRedPainAfterKneeReplacementKeepsTheEssentialsGoing) {
  Plan plan =
      TkrPlan(LoadBuiltin("total-knee-replacement"), TkrPatient(), DiaryOf(kRedDays), "2026-11-20");
  for (const char* id : {"ankle-pumps", "heel-slide", "walking-program", "quad-set"}) {
    for (Date d = D("2026-11-06"); d < D("2026-11-16"); d += date::days(1)) {
      EXPECT_TRUE(ScheduledOn(plan, id, d)) << id << " on " << FormatDate(d);
      EXPECT_EQ(StepOn(plan, id, d).value_or(-1), 0) << id << " on " << FormatDate(d);
    }
  }
  const Alert* alert = FindAlert(plan, "repeated-red");
  ASSERT_NE(alert, nullptr);
  EXPECT_EQ(alert->kind, AlertKind::kTherapistReview);
  EXPECT_TRUE(alert->active);
  EXPECT_NE(MessageText(alert->text, "en").find("Ankle pumps"), std::string::npos)
      << MessageText(alert->text, "en");
  EXPECT_EQ(FindAlert(plan, "exercise-stopped"), nullptr);
}

TEST(SafetyStopsScenarioTest, RepeatedRedPainStopsOnlyWhereTheProgramSaysSoAndNeverAnEssential) {
  Program program = LoadBuiltin("total-knee-replacement");
  program.pain_rules.on_repeated_red = RepeatedRed::kStop;
  Plan plan = TkrPlan(program, TkrPatient(), DiaryOf(kRedDays), "2026-11-20");
  EXPECT_FALSE(ScheduledOn(plan, "quad-set", D("2026-11-10")));  // not essential: stopped
  for (const char* id : {"ankle-pumps", "heel-slide", "walking-program"}) {
    EXPECT_TRUE(ScheduledOn(plan, id, D("2026-11-10"))) << id;
  }
  const Alert* alert = FindAlert(plan, "exercise-stopped");
  ASSERT_NE(alert, nullptr);
  EXPECT_TRUE(alert->active);
}

TEST(SafetyStopsScenarioTest, TherapistsReviewedEntryRestartsAStoppedExerciseOneStepLower) {
  Program program = LoadBuiltin("total-knee-replacement");
  program.pain_rules.on_repeated_red = RepeatedRed::kStop;
  program.pain_rules.stop_after_reds = 1;  // stopped at once, still on step 3
  Patient patient = TkrPatient();
  ExerciseOverride o;
  o.exercise_id = "quad-set";
  o.start_step = 2;  // step 3, so "one step lower" is visible
  patient.overrides.push_back(o);
  std::string rows = std::string(kRedDays) + "2026-11-07,,,,cleared,red flag cleared\n";
  Plan cleared_only = TkrPlan(program, patient, DiaryOf(rows), "2026-11-20");
  EXPECT_FALSE(ScheduledOn(cleared_only, "quad-set", D("2026-11-12")))
      << "a `cleared` row answers a red flag, not repeated red pain";

  rows += "2026-11-09,,,,reviewed,seen by the therapist\n";
  Plan plan = TkrPlan(program, patient, DiaryOf(rows), "2026-11-20");
  EXPECT_FALSE(ScheduledOn(plan, "quad-set", D("2026-11-09")));
  ASSERT_TRUE(ScheduledOn(plan, "quad-set", D("2026-11-10")));
  EXPECT_EQ(StepOn(plan, "quad-set", D("2026-11-10")).value(), 1);
  bool restarted = false;
  for (const auto& c : plan.changes) {
    if (c.exercise_id == "quad-set" && c.reason.rule == "therapist-reviewed") {
      restarted = true;
      EXPECT_EQ(c.date, D("2026-11-10"));
      EXPECT_EQ(c.change, StepChange::kResume);
    }
  }
  EXPECT_TRUE(restarted);
  const Alert* alert = FindAlert(plan, "exercise-stopped");
  ASSERT_NE(alert, nullptr);
  EXPECT_FALSE(alert->active);
  EXPECT_EQ(alert->cleared, D("2026-11-09"));
}

TEST(SafetyStopsScenarioTest, LogAcceptsTheTherapistsReviewedFlag) {
  ScopedTempDir dir;
  std::string diary = dir.File("diary.csv");
  auto r = RunBinary({"log", diary, "--date", "2026-11-09", "--flag", "reviewed", "--note",
                      "seen by the therapist", "--today", "2026-11-09"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto v = RunBinary({"validate", diary});
  EXPECT_EQ(v.exit_code, 0) << v.err;
}

// Defect 4 -------------------------------------------------------------------

TEST(SafetyStopsScenarioTest, DailyPrescriptionsStayDailyForAPatientWhoTrainsThreeDaysAWeek) {
  Patient patient = TkrPatient();
  patient.session_days = {Weekday::kMon, Weekday::kWed, Weekday::kFri};
  Plan plan = TkrPlan(LoadBuiltin("total-knee-replacement"), patient, Diary{}, "2026-11-02");
  for (Date d = D("2026-11-02"); d < D("2026-11-16"); d += date::days(1)) {
    EXPECT_TRUE(ScheduledOn(plan, "ankle-pumps", d)) << FormatDate(d);
    EXPECT_TRUE(ScheduledOn(plan, "walking-program", d)) << FormatDate(d);
  }
  // On a day that is not a session day, the sessions start at the first session time.
  const DayPlan* tuesday = plan.FindDay(D("2026-11-03"));
  ASSERT_NE(tuesday, nullptr);
  ASSERT_FALSE(tuesday->sessions.empty());
  EXPECT_EQ(tuesday->sessions.front().time, 9 * 60);
  ASSERT_EQ(plan.notes.size(), 1u);
  EXPECT_EQ(plan.notes[0].id, "extra-days");
  const std::string note = MessageText(plan.notes[0].message, "en");
  EXPECT_NE(note.find("Mon, Wed, Fri"), std::string::npos) << note;
  EXPECT_NE(testing::Unwrapped(RenderText(plan)).find(note), std::string::npos);
  EXPECT_NE(RenderJson(plan).find(note), std::string::npos);
  EXPECT_NE(RenderHtml(plan).find(note), std::string::npos);
}

TEST(SafetyStopsScenarioTest, AnExerciseOnFewerDaysThanTheSessionDaysStaysOnSessionDays) {
  Patient patient = TkrPatient();
  patient.session_days = {Weekday::kMon, Weekday::kWed, Weekday::kFri};
  Program program = LoadBuiltin("total-knee-replacement");
  program.phases[0].exercises[0].days_per_week = 2;  // ankle pumps, twice a week
  program.phases[0].exercises[1].days_per_week = 7;
  ASSERT_EQ(program.phases[0].exercises[0].exercise_id, "ankle-pumps");
  Plan plan = TkrPlan(program, patient, Diary{}, "2026-11-02");
  int days = 0;
  for (Date d = D("2026-11-02"); d < D("2026-11-09"); d += date::days(1)) {
    auto wd = date::weekday(d);
    if (ScheduledOn(plan, "ankle-pumps", d)) {
      ++days;
      EXPECT_TRUE(wd == date::Monday || wd == date::Wednesday || wd == date::Friday)
          << FormatDate(d);
    }
    EXPECT_TRUE(ScheduledOn(plan, program.phases[0].exercises[1].exercise_id, d)) << FormatDate(d);
  }
  EXPECT_EQ(days, 2);
}

// Defect 6 -------------------------------------------------------------------

TEST(SafetyStopsScenarioTest, EveryDiaryFlagRaisesAnAlertInEveryProgram) {
  for (const auto& id : ShippedProgramIds()) {
    Program program = LoadBuiltin(id);
    Patient patient = TkrPatient();
    patient.start = D("2026-11-02");
    for (const auto& flag : KnownDiaryFlags()) {
      if (flag == "cleared" || flag == "reviewed") continue;
      Diary diary = DiaryOf("2026-11-05,,,," + flag + ",\n");
      Plan plan = TkrPlan(program, patient, diary, "2026-11-06", 2);
      bool alerted = false;
      for (const auto& a : plan.alerts) {
        for (const auto& rf : program.red_flags) {
          alerted = alerted || (rf.id == a.id && rf.flag == flag && a.active);
        }
      }
      EXPECT_TRUE(alerted) << id << ": '" << flag << "' raised no alert";
    }
  }
}

constexpr char kTinyProgram[] = R"(id: tiny
title: Tiny
version: 1
condition: Test
anchor: start
sources:
  - {id: S, citation: Seed}
phases:
  - id: one
    title: One
    start: 0d
    end: 2w
    exercises: [quad-set]
red_flags:
  - id: my-fall
    flag: fall
    text: A fall
    action: Rest
    urgency: routine
)";

TEST(SafetyStopsScenarioTest, ValidateRejectsAProgramThatLeavesADiaryFlagUncovered) {
  Catalogue catalogue = ShippedCatalogue();
  std::erase_if(catalogue.red_flags, [](const RedFlag& rf) { return rf.flag == "locking"; });
  Diagnostics diags;
  auto program = LoadProgramFromCatalogue(kTinyProgram, "tiny.yaml", catalogue, &diags);
  EXPECT_FALSE(program.has_value());
  std::string out = diags.ToString();
  EXPECT_NE(out.find("tiny.yaml:15:3: error: no red flag for the diary flag 'locking'"),
            std::string::npos)
      << out;
}

TEST(SafetyStopsScenarioTest, ValidateRejectsAProgramThatLoosensTheCataloguesDefault) {
  Diagnostics diags;
  auto program = LoadProgramFromCatalogue(kTinyProgram, "tiny.yaml", ShippedCatalogue(), &diags);
  EXPECT_FALSE(program.has_value());
  std::string out = diags.ToString();
  EXPECT_NE(out.find("tiny.yaml:15:5: error: red flag 'my-fall' is routine but the catalogue's "
                     "default for 'fall' is same-day"),
            std::string::npos)
      << out;
}

TEST(SafetyStopsScenarioTest, ValidateCommandChecksDiaryFlagCoverage) {
  ScopedTempDir dir;
  std::string program = kTinyProgram;
  program.replace(program.find("urgency: routine"), 16, "urgency: same-day");
  WriteFile(dir.File("tiny.yaml"), program);
  auto ok = RunBinary({"validate", dir.File("tiny.yaml")});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;  // every other flag from the catalogue's defaults
  WriteFile(dir.File("loose.yaml"), kTinyProgram);
  auto loose = RunBinary({"validate", dir.File("loose.yaml")});
  EXPECT_EQ(loose.exit_code, 1);
  EXPECT_NE(loose.err.find("may only tighten it"), std::string::npos) << loose.err;
}

// Defect 10 ------------------------------------------------------------------

TEST(SafetyStopsScenarioTest, FeverAfterSurgeryKeepsAnklePumpsWalkingAndIce) {
  Plan plan = TkrPlan(LoadBuiltin("total-knee-replacement"), TkrPatient(),
                      DiaryOf("2026-11-05,,,,fever,38.4\n"), "2026-11-07");
  for (Date d = D("2026-11-05"); d < D("2026-11-10"); d += date::days(1)) {
    const DayPlan* day = plan.FindDay(d);
    ASSERT_NE(day, nullptr);
    EXPECT_TRUE(day->essentials_only) << FormatDate(d);
    EXPECT_FALSE(day->stopped) << FormatDate(d);
    EXPECT_TRUE(ScheduledOn(plan, "ankle-pumps", d)) << FormatDate(d);
    EXPECT_TRUE(ScheduledOn(plan, "walking-program", d)) << FormatDate(d);
    EXPECT_FALSE(ScheduledOn(plan, "quad-set", d)) << FormatDate(d);
    bool ice = std::any_of(day->modalities.begin(), day->modalities.end(),
                           [](const ModalitySlot& m) { return m.kind == ModalityKind::kIce; });
    EXPECT_TRUE(ice) << FormatDate(d);
  }
}

// Walking is an essential after a knee replacement; a leg that suddenly takes
// no weight must not be given walking three times a day until it is checked.
TEST(SafetyStopsScenarioTest, ALegThatTakesNoWeightAfterSurgeryStopsWalkingToo) {
  Plan plan = TkrPlan(LoadBuiltin("total-knee-replacement"), TkrPatient(),
                      DiaryOf("2026-11-05,,,,no-weight-bearing,\n"), "2026-11-07");
  for (Date d = D("2026-11-05"); d < D("2026-11-10"); d += date::days(1)) {
    const DayPlan* day = plan.FindDay(d);
    ASSERT_NE(day, nullptr);
    EXPECT_TRUE(day->stopped) << FormatDate(d);
    EXPECT_FALSE(ScheduledOn(plan, "walking-program", d)) << FormatDate(d);
    EXPECT_FALSE(ScheduledOn(plan, "heel-slide", d)) << FormatDate(d);
  }
  std::string text = testing::Unwrapped(RenderText(plan));
  EXPECT_NE(text.find("Do no exercises until the knee has been checked. Keep weight off the leg "
                      "as much as you can"),
            std::string::npos)
      << text.substr(0, 800);
}

TEST(SafetyStopsScenarioTest, SuspectedClotStopsEverythingAndSendsToUrgentCareIfTheTeamIsOut) {
  Plan plan = TkrPlan(LoadBuiltin("total-knee-replacement"), TkrPatient(),
                      DiaryOf("2026-11-05,,,,calf-pain,\n"), "2026-11-07");
  const DayPlan* day = plan.FindDay(D("2026-11-06"));
  ASSERT_NE(day, nullptr);
  EXPECT_TRUE(day->stopped);
  EXPECT_TRUE(day->sessions.empty());
  EXPECT_TRUE(day->modalities.empty());
  std::string text = testing::Unwrapped(RenderText(plan));
  EXPECT_NE(text.find("!! Call your surgeon's team today. If you cannot reach them today, go to "
                      "urgent care or the emergency department."),
            std::string::npos)
      << text.substr(0, 800);
}

// Alert wording --------------------------------------------------------------

struct CountryCase {
  const char* timezone;
  const char* country;
  const char* number;
};

TEST(SafetyStopsScenarioTest, AnEmergencyOpensEveryOutputWithThePatientsEmergencyNumber) {
  Program program = LoadBuiltin("total-knee-replacement");
  Diary diary = DiaryOf("2026-11-05,,,,fever;chest-pain,\n");
  for (const CountryCase& c :
       {CountryCase{"America/New_York", "", "911"}, CountryCase{"America/Toronto", "", "911"},
        CountryCase{"Europe/London", "", "999"}, CountryCase{"Europe/Berlin", "", "112"},
        CountryCase{"Australia/Sydney", "", "000"}, CountryCase{"UTC", "US", "911"}}) {
    Patient patient = TkrPatient();
    patient.timezone = c.timezone;
    patient.country = c.country;
    Plan plan = TkrPlan(program, patient, diary, "2026-11-07");
    std::string call = std::string("Call ") + c.number + " now";
    std::string text = RenderText(plan);
    size_t first_alert = text.find("!! ");
    ASSERT_NE(first_alert, std::string::npos);
    EXPECT_EQ(text.compare(first_alert, 3 + call.size(), "!! " + call), 0) << c.timezone << "\n"
                                                                           << text.substr(0, 600);
    EXPECT_EQ(text.find("Call your doctor if"), std::string::npos);
    std::string html = RenderHtml(plan);
    size_t box = html.find("id=\"alert\"");
    ASSERT_NE(box, std::string::npos);
    EXPECT_EQ(html.find("<p class=\"head\">" + call, box), html.find("<p class=\"head\"", box))
        << c.timezone;
    IcsOptions ics_options;
    std::string ics = RenderIcs(plan, ics_options);
    EXPECT_NE(ics.find("SUMMARY:\u26A0 " + call), std::string::npos) << c.timezone;
    auto json = nlohmann::json::parse(RenderJson(plan));
    EXPECT_EQ(json["emergency_number"]["number"], c.number);
    bool found = false;
    for (const auto& a : json["alerts"]) {
      if (a["id"] == "chest-pain") {
        found = true;
        EXPECT_EQ(a["headline"], call);
      }
    }
    EXPECT_TRUE(found);
  }
}

TEST(SafetyStopsScenarioTest, AnUnknownCountryGets112WithANote) {
  Patient patient = TkrPatient();
  patient.timezone = "Asia/Tokyo";
  Plan plan = TkrPlan(LoadBuiltin("total-knee-replacement"), patient,
                      DiaryOf("2026-11-05,,,,breathless,\n"), "2026-11-07");
  std::string text = RenderText(plan);
  EXPECT_NE(text.find("!! Call 112 now (112 is the emergency number across Europe"),
            std::string::npos)
      << text.substr(0, 600);
  auto json = nlohmann::json::parse(RenderJson(plan));
  EXPECT_EQ(json["emergency_number"]["fallback"], true);
}

TEST(SafetyStopsScenarioTest, PatientCountryMustBeATwoLetterCode) {
  Diagnostics diags;
  auto ok = LoadPatient("id: p\nside: left\nstart: 2026-11-02\ncountry: GB\n", "p.yaml", &diags);
  ASSERT_TRUE(ok.has_value()) << diags.ToString();
  EXPECT_EQ(ok->country, "GB");
  Diagnostics bad;
  EXPECT_FALSE(LoadPatient("id: p\nside: left\nstart: 2026-11-02\ncountry: uk\n", "p.yaml", &bad));
  EXPECT_NE(bad.ToString().find("p.yaml:4:10: error: 'country' must be an ISO 3166 two-letter "
                                "code"),
            std::string::npos)
      << bad.ToString();
}

TEST(SafetyStopsScenarioTest, RoutineFlagsAskForAnAppointmentAndDoNotStopExercise) {
  Program program = LoadBuiltin("knee-osteoarthritis");
  Patient patient = TkrPatient();
  patient.start = D("2026-11-02");
  Plan plan =
      TkrPlan(program, patient, DiaryOf("2026-11-05,2,2,1,malaise;weight-loss,\n"), "2026-11-07");
  for (Date d = D("2026-11-05"); d < D("2026-11-10"); d += date::days(1)) {
    const DayPlan* day = plan.FindDay(d);
    ASSERT_NE(day, nullptr);
    EXPECT_FALSE(day->stopped) << FormatDate(d);
    EXPECT_FALSE(day->sessions.empty()) << FormatDate(d);
  }
  std::string text = RenderText(plan);
  EXPECT_NE(text.find("!! Make an appointment with your doctor."), std::string::npos)
      << text.substr(0, 600);
}

}  // namespace
}  // namespace rehab
